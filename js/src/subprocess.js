// subprocess.js — OS processes for programs on Node (docs/ABI.md §6, "The host channel:
// subprocesses"): the host channel's spawn_* effects over node:child_process. Requests
// answer at once; the child's output, the end of it and its exit status are posted to the
// port's driver as {'$spawn', Id, Event}, the same events the embedded host sends
// (crates/subprocess). The runtime's beamwasm_spawn emulates the VM's spawn driver above
// them. A child whose events are still to come holds the program (`hold()`). Import it
// only on Node.
//
//   subprocessEffects({ allow: ['/bin/sh', 'cat'] })   // default: every program
//
// With stderr_to_stdout both streams of the child must be one pipe, which Node cannot give:
// the shell makes it (`exec 2>&1`); only a program with an arg0 of its own gets two pipes,
// merged as their data arrives.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { atom, tuple, text } from './etf.js';

const ok = atom('ok');
const err = (name) => tuple(atom('error'), atom(name));
const event = (id, e) => tuple(atom('$spawn'), id, e);

/** `allow`: null (every program) or a list of paths and file names. */
function permits(allow, program) {
  if (!allow) return true;
  const name = path.basename(program);
  return allow.some((p) => p === program || (!p.includes('/') && p === name));
}

/**
 * What the VM says of `file` before it spawns (Node reports it later): missing, or not
 * executable, relative to the working directory (not to the port's `cd`, as the VM checks).
 */
function execError(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return null;
  } catch (e) {
    return (e.code ?? 'enoent').toLowerCase();
  }
}

/**
 * The error execve gives a file that passed the VM's check (a directory: EACCES; a file the
 * kernel cannot run, neither ELF nor `#!`: ENOEXEC, where libuv would run it with sh), or
 * null.
 */
function execveError(file) {
  try {
    const st = fs.statSync(file);
    if (st.isDirectory()) return 'EACCES';
    const fd = fs.openSync(file, 'r');
    const head = Buffer.alloc(4);
    const n = fs.readSync(fd, head, 0, 4, 0);
    fs.closeSync(fd);
    const elf = n === 4 && head[0] === 0x7f && head.toString('latin1', 1, 4) === 'ELF';
    const script = n >= 2 && head[0] === 0x23 && head[1] === 0x21;
    return elf || script ? null : 'ENOEXEC';
  } catch {
    return null;
  }
}

/** The subprocess effects: { spawn_open, spawn_write, spawn_close }. */
export function subprocessEffects({ allow = null } = {}) {
  const children = new Map();
  let next = 1;

  return {
    spawn_open([pid, exec, args, arg0, env, cd, stderr, input, output], program) {
      const file = text(exec);
      if (!permits(allow, file)) return err('eacces');
      const cwd = cd instanceof Uint8Array ? text(cd) : null;
      // A name without a slash is a file in the working directory, as execve takes it.
      const target = file.includes('/') ? file : `./${file}`;
      const bad = execError(target);
      if (bad) return err(bad);
      const refused = execveError(target);
      if (refused) {
        // The child exits at once with the error number as its status, as under the VM.
        const id = next++;
        const release = program.hold();
        setImmediate(() => {
          if (input) program.post(pid, event(id, atom('eof')));
          program.post(pid, event(id, tuple(atom('exit_status'), os.constants.errno[refused])));
          release();
        });
        return tuple(ok, tuple(id, 0));
      }
      const environment = {};
      for (const [k, v] of env) environment[text(k)] = text(v);
      let argv = args.map((a) => text(a));
      let argv0 = text(arg0);
      let prog = target;
      let merged = false;
      if (input && stderr) {
        // One pipe for both streams, made by the shell: `{spawn, Cmd}` runs sh -c already,
        // a program whose arg0 is its own name runs behind `exec "$@"`.
        if (file === '/bin/sh' && argv0 === 'sh' && argv.length === 2 && argv[0] === '-c') {
          argv = ['-c', `exec 2>&1; ${argv[1]}`];
          merged = true;
        } else if (argv0 === file) {
          argv = ['-c', 'exec 2>&1; exec "$@"', 'sh', target, ...argv];
          prog = '/bin/sh';
          argv0 = 'sh';
          merged = true;
        }
      }
      let child;
      try {
        child = spawn(prog, argv, {
          argv0,
          cwd: cwd ?? undefined,
          env: environment,
          stdio: [output ? 'pipe' : 'ignore', input ? 'pipe' : 'inherit', input && stderr && !merged ? 'pipe' : 'inherit'],
        });
      } catch (e) {
        return err((e.code ?? 'einval').toLowerCase());
      }
      const id = next++;
      const entry = { child, owner: pid, open: true, release: program.hold() };
      children.set(id, entry);
      const post = (e) => entry.open && program.post(entry.owner, event(id, e));
      let streams = 0;
      let status = null;
      let ended = false;
      const finish = () => {
        if (ended && status !== null) {
          entry.release?.();
          entry.release = null;
        }
      };
      const read = (s) => {
        streams++;
        s.on('data', (buf) => post(tuple(atom('data'), new Uint8Array(buf.buffer, buf.byteOffset, buf.length))));
        s.on('end', () => {
          if (--streams === 0 && !ended) {
            ended = true;
            post(atom('eof'));
            finish();
          }
        });
      };
      if (input) {
        read(child.stdout);
        if (stderr && !merged) read(child.stderr);
      } else {
        ended = true;
      }
      child.stdin?.on('error', () => {});
      // execve refused the file (a directory, an unknown format): the child exits at once
      // with the error number as its status, as under the VM.
      child.on('error', (e) => {
        if (child.pid !== undefined || status !== null) return;
        status = os.constants.errno[e.code] ?? 1;
        if (!ended) {
          ended = true;
          post(atom('eof'));
        }
        post(tuple(atom('exit_status'), status));
        finish();
      });
      child.on('exit', (code, signal) => {
        status = code ?? 128 + (os.constants.signals[signal] ?? 0);
        post(tuple(atom('exit_status'), status));
        finish();
      });
      return tuple(ok, tuple(id, child.pid ?? 0));
    },
    spawn_write([id, bytes]) {
      const entry = children.get(id);
      if (entry?.child.stdin && !entry.child.stdin.destroyed) entry.child.stdin.write(bytes);
      return ok;
    },
    // The child's pipes close and no event of it is posted any more; the child goes on, as
    // the VM's port leaves it.
    spawn_close(id) {
      const entry = children.get(id);
      if (!entry) return ok;
      children.delete(id);
      entry.open = false;
      entry.child.stdin?.end();
      entry.child.stdout?.destroy();
      entry.child.stderr?.destroy();
      entry.child.unref();
      entry.release?.();
      entry.release = null;
      return ok;
    },
  };
}
