// memfs.js — a virtual file system in memory, the `fs` effect of browsers and workerd.
//
// Paths are `/`-separated; relative paths resolve against `cwd` (default `/`). Errors carry
// POSIX codes (`ENOENT`, `EISDIR`, ...) as Node's do, so imports.js turns them into the
// same error atoms on every host. Seed it with `memoryFs({ '/data/a.txt': 'text or bytes' })`.

const enc = new TextEncoder();

export function memoryFs(files = {}, { cwd: startCwd = '/' } = {}) {
  let cwd = startCwd;
  const nodes = new Map([['/', { dir: true, mtimeNs: now() }]]);
  const fail = (code, what, path) => Object.assign(new Error(`${code}: ${what} '${path}'`), { code });
  const resolve = (path) => {
    if (path === '') throw fail('ENOENT', 'empty path', path);
    const parts = [];
    for (const p of (path.startsWith('/') ? path : `${cwd}/${path}`).split('/')) {
      if (p === '' || p === '.') continue;
      if (p === '..') parts.pop();
      else parts.push(p);
    }
    return '/' + parts.join('/');
  };
  const parentOf = (abs) => abs.slice(0, abs.lastIndexOf('/')) || '/';
  const needDir = (abs, path) => {
    const n = nodes.get(abs);
    if (!n) throw fail('ENOENT', 'no such directory', path);
    if (!n.dir) throw fail('ENOTDIR', 'not a directory', path);
  };
  const fs = {
    read(path) {
      const n = nodes.get(resolve(path));
      if (!n) throw fail('ENOENT', 'no such file', path);
      if (n.dir) throw fail('EISDIR', 'is a directory', path);
      return n.data.slice();
    },
    write(path, bytes, append) {
      const abs = resolve(path);
      needDir(parentOf(abs), path);
      const old = nodes.get(abs);
      if (old?.dir) throw fail('EISDIR', 'is a directory', path);
      let data = bytes.slice();
      if (append && old) {
        data = new Uint8Array(old.data.length + bytes.length);
        data.set(old.data);
        data.set(bytes, old.data.length);
      }
      if (old) Object.assign(old, { data, mtimeNs: now() });
      else nodes.set(abs, { dir: false, data, mtimeNs: now() });
    },
    delete(path) {
      const abs = resolve(path);
      const n = nodes.get(abs);
      if (!n) throw fail('ENOENT', 'no such file', path);
      if (n.dir) throw fail('EISDIR', 'is a directory', path);
      nodes.delete(abs);
    },
    rmdir(path) {
      const abs = resolve(path);
      const n = nodes.get(abs);
      if (!n) throw fail('ENOENT', 'no such directory', path);
      if (!n.dir) throw fail('ENOTDIR', 'not a directory', path);
      if (abs === '/' || [...nodes.keys()].some((k) => k.startsWith(abs + '/'))) throw fail('ENOTEMPTY', 'directory not empty', path);
      nodes.delete(abs);
    },
    mkdir(path) {
      const abs = resolve(path);
      if (nodes.has(abs)) throw fail('EEXIST', 'already exists', path);
      needDir(parentOf(abs), path);
      nodes.set(abs, { dir: true, mtimeNs: now() });
    },
    list(path) {
      const abs = resolve(path);
      needDir(abs, path);
      const prefix = abs === '/' ? '/' : abs + '/';
      return [...nodes.keys()].filter((k) => k !== abs && k.startsWith(prefix) && !k.slice(prefix.length).includes('/')).map((k) => k.slice(prefix.length)).sort();
    },
    // No links here, so following them (`_follow`) changes nothing.
    stat(path, _follow) {
      const n = nodes.get(resolve(path));
      if (!n) throw fail('ENOENT', 'no such file', path);
      return statOf(n);
    },
    fstat: (h) => statOf(h.node),
    chdir(path) {
      const abs = resolve(path);
      needDir(abs, path);
      cwd = abs;
    },
    link() {
      throw fail('ENOTSUP', 'links are not supported by the in-memory file system', '');
    },
    readlink(path) {
      if (!nodes.has(resolve(path))) throw fail('ENOENT', 'no such file', path);
      throw fail('EINVAL', 'not a symbolic link', path);
    },
    cwd: () => cwd,
    // Open files: a handle is the file's node and what it was opened for.
    open(path, { read, write, append, exclusive }) {
      const abs = resolve(path);
      let n = nodes.get(abs);
      if (n?.dir) throw fail('EISDIR', 'is a directory', path);
      if (n && exclusive) throw fail('EEXIST', 'already exists', path);
      if (!n) {
        if (!write) throw fail('ENOENT', 'no such file', path);
        needDir(parentOf(abs), path);
        n = { dir: false, data: new Uint8Array(0), mtimeNs: now() };
        nodes.set(abs, n);
      } else if (write && !read && !append) {
        Object.assign(n, { data: new Uint8Array(0), mtimeNs: now() });
      }
      return { node: n, read: read || !write, write };
    },
    pread(h, at, len) {
      if (!h.read) throw fail('EBADF', 'not open for reading', '');
      return h.node.data.slice(at, at + len);
    },
    pwrite(h, at, bytes) {
      if (!h.write) throw fail('EBADF', 'not open for writing', '');
      const n = h.node;
      if (at + bytes.length > n.data.length) {
        const grown = new Uint8Array(at + bytes.length);
        grown.set(n.data);
        n.data = grown;
      }
      n.data.set(bytes, at);
      n.mtimeNs = now();
    },
    append(h, bytes) {
      fs.pwrite(h, h.node.data.length, bytes);
      return h.node.data.length;
    },
    size: (h) => h.node.data.length,
    truncate(h, len) {
      if (!h.write) throw fail('EINVAL', 'not open for writing', '');
      const data = new Uint8Array(len);
      data.set(h.node.data.subarray(0, len));
      Object.assign(h.node, { data, mtimeNs: now() });
    },
    sync() {},
    close() {},
    rename(from, to) {
      const src = resolve(from);
      const dst = resolve(to);
      const n = nodes.get(src);
      if (!n) throw fail('ENOENT', 'no such file', from);
      needDir(parentOf(dst), to);
      const there = nodes.get(dst);
      if (there?.dir && !n.dir) throw fail('EISDIR', 'is a directory', to);
      if (there && !there.dir && n.dir) throw fail('ENOTDIR', 'not a directory', to);
      if (n.dir && dst.startsWith(src + '/')) throw fail('EINVAL', 'invalid argument', to);
      if (there?.dir && dst !== src && [...nodes.keys()].some((k) => k.startsWith(dst + '/'))) {
        throw fail('ENOTEMPTY', 'directory not empty', to);
      }
      for (const [k, v] of [...nodes]) {
        if (k === src || k.startsWith(src + '/')) {
          nodes.delete(k);
          nodes.set(dst + k.slice(src.length), v);
        }
      }
    },
    chmod(path, mode) {
      const n = nodes.get(resolve(path));
      if (!n) throw fail('ENOENT', 'no such file', path);
      n.mode = mode;
    },
    setTimes(path, _atime, mtime) {
      const n = nodes.get(resolve(path));
      if (!n) throw fail('ENOENT', 'no such file', path);
      n.mtimeNs = BigInt(mtime) * 1000000000n;
    },
  };
  for (const [path, content] of Object.entries(files)) {
    const abs = resolve(path);
    const dirs = abs.split('/').slice(1, -1);
    for (let i = 1; i <= dirs.length; i++) {
      const d = '/' + dirs.slice(0, i).join('/');
      if (!nodes.has(d)) nodes.set(d, { dir: true, mtimeNs: now() });
    }
    fs.write(abs, typeof content === 'string' ? enc.encode(content) : content, false);
  }
  return fs;
}

function statOf(n) {
  return { type: n.dir ? 'directory' : 'regular', size: n.dir ? 0 : n.data.length, mtimeNs: n.mtimeNs, mode: n.mode ?? (n.dir ? 0o755 : 0o644) };
}

function now() {
  return BigInt(Date.now()) * 1000000n;
}
