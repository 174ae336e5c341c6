// tcp.js — TCP for programs on Node (docs/ABI.md §6, "The host channel: TCP"): the host
// channel's tcp_* and getaddrs effects over node:net. Requests answer at once; what
// completes later (listening, a connection made or refused, one accepted, data read, the
// peer closing) is posted to the socket's owner as {'$tcp', Id, Event}, the same events
// the embedded host sends (crates/net). The runtime's prim_inet emulates the VM's inet
// driver above them. Each open socket holds the program (`hold()`), so processes waiting
// for it are not a deadlock. Import it only on Node.
//
//   tcpEffects({ allow: ['127.0.0.1:8080', 'localhost'] })   // default: every host

import net from 'node:net';
import { atom, tuple, text, Tuple } from './etf.js';

const ok = atom('ok');
const err = (name) => tuple(atom('error'), atom(name));
const event = (id, e) => tuple(atom('$tcp'), id, e);

/** The POSIX name the VM reports for a Node socket error. */
function posix(e) {
  const code = typeof e?.code === 'string' ? e.code.toLowerCase() : 'einval';
  return code === 'epipe' ? 'closed' : code;
}

function ipText(ip) {
  if (!(ip instanceof Tuple)) return null;
  if (ip.length === 4) return ip.join('.');
  if (ip.length === 8) return ip.map((n) => Number(n).toString(16)).join(':');
  return null;
}

function ipTuple(address) {
  if (typeof address !== 'string') return atom('undefined');
  const v4 = address.replace(/^::ffff:/, '');
  if (net.isIPv4(v4)) return Tuple.of(...v4.split('.').map(Number));
  // IPv6: expand '::' into zero groups.
  const [head, tail] = address.split('::');
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const groups = [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  return Tuple.of(...groups.map((g) => parseInt(g, 16)));
}

const addrTerm = (address, port) => (address ? tuple(ipTuple(address), port) : atom('undefined'));

/** `allow`: null (every host) or a list of 'HOST' / 'HOST:PORT' ('*' for any host). */
function permits(allow, host, port) {
  if (!allow) return true;
  return allow.some((entry) => {
    const m = /^\[?([^\]]*?)\]?(?::(\d+))?$/.exec(entry.trim());
    if (!m) return false;
    const [, h, p] = m;
    const hostOk = h === '*' || h === host || (h === 'localhost' && (host === '127.0.0.1' || host === '0:0:0:0:0:0:0:1'));
    return hostOk && (p === undefined || Number(p) === port);
  });
}

/** The TCP effects: { tcp_connect, tcp_listen, tcp_accept, tcp_attach, tcp_send, ... }. */
export function tcpEffects({ allow = null } = {}) {
  const socks = new Map();
  let next = 1;

  const add = (entry) => {
    const id = next++;
    socks.set(id, entry);
    return id;
  };

  // A stream's events go to its owner once it has one.
  const wire = (id, entry, program) => {
    const { sock } = entry;
    const post = (e) => entry.owner && program.post(entry.owner, event(id, e));
    sock.on('data', (buf) => post(tuple(atom('data'), new Uint8Array(buf.buffer, buf.byteOffset, buf.length))));
    sock.on('end', () => {
      entry.readDone = true;
      post(atom('closed'));
    });
    sock.on('error', (e) => {
      if (entry.connecting) return; // answered by the connect's own handler
      if (!entry.readDone) {
        entry.readDone = true;
        post(tuple(atom('error'), atom(e.code === 'ECONNRESET' ? 'econnreset' : posix(e))));
      }
    });
    sock.on('close', () => {
      entry.release?.();
      socks.delete(id);
    });
  };

  return {
    tcp_connect([pid, ip, port], program) {
      const host = ipText(ip);
      if (host === null) return err('einval');
      if (!permits(allow, host, port)) return err('eacces');
      const sock = net.connect({ host, port, allowHalfOpen: true });
      const entry = { sock, owner: pid, connecting: true, release: program.hold() };
      const id = add(entry);
      sock.once('connect', () => {
        entry.connecting = false;
        program.post(pid, event(id, atom('connected')));
      });
      sock.once('error', (e) => {
        if (!entry.connecting) return;
        entry.connecting = false;
        program.post(pid, event(id, tuple(atom('error'), atom(posix(e)))));
        sock.destroy();
      });
      wire(id, entry, program);
      return tuple(ok, id);
    },
    tcp_listen([pid, ip, port], program) {
      const host = ipText(ip);
      if (host === null) return err('einval');
      if (!permits(allow, host, port)) return err('eacces');
      const server = net.createServer({ allowHalfOpen: true, pauseOnConnect: true });
      const entry = { server, owner: pid, accepts: 0, ready: [], release: program.hold() };
      const id = add(entry);
      const hand = (sock) => {
        const nid = add({ sock, owner: null, readDone: false, release: program.hold() });
        wire(nid, socks.get(nid), program);
        program.post(pid, event(id, tuple(atom('accepted'), nid)));
      };
      entry.take = () => {
        while (entry.accepts > 0 && entry.ready.length > 0) {
          entry.accepts--;
          hand(entry.ready.shift());
        }
      };
      server.on('connection', (sock) => {
        entry.ready.push(sock);
        entry.take();
      });
      server.once('listening', () => program.post(pid, event(id, atom('listening'))));
      server.once('error', (e) => {
        program.post(pid, event(id, tuple(atom('error'), atom(posix(e)))));
        entry.release();
        socks.delete(id);
      });
      server.on('close', () => entry.release());
      server.listen({ host, port, exclusive: true });
      return tuple(ok, id);
    },
    tcp_accept(id) {
      const entry = socks.get(id);
      if (!entry?.server) return err('closed');
      entry.accepts++;
      entry.take();
      return ok;
    },
    tcp_attach([id, pid]) {
      const entry = socks.get(id);
      if (!entry?.sock) return err('closed');
      entry.owner = pid;
      entry.sock.resume();
      return ok;
    },
    tcp_send([id, bytes]) {
      const entry = socks.get(id);
      if (!entry?.sock || entry.connecting) return err(entry ? 'enotconn' : 'closed');
      if (entry.sock.destroyed || entry.sock.writableEnded) return err('closed');
      entry.sock.write(bytes);
      return ok;
    },
    tcp_shutdown([id, how]) {
      const entry = socks.get(id);
      if (!entry?.sock) return err('enotconn');
      if (how !== 0) entry.sock.end();
      return ok;
    },
    tcp_close(id) {
      const entry = socks.get(id);
      if (!entry) return ok;
      socks.delete(id);
      if (entry.server) {
        for (const s of entry.ready) s.destroy();
        entry.server.close();
      } else {
        entry.sock.end();
        entry.sock.destroySoon?.();
        entry.sock.once('finish', () => entry.sock.destroy());
      }
      entry.release?.();
      return ok;
    },
    tcp_names(id) {
      const entry = socks.get(id);
      if (!entry) return err('einval');
      if (entry.server) {
        const a = entry.server.address();
        return tuple(ok, tuple(a ? addrTerm(a.address, a.port) : atom('undefined'), atom('undefined')));
      }
      const s = entry.sock;
      return tuple(ok, tuple(addrTerm(s.localAddress, s.localPort), addrTerm(s.remoteAddress, s.remotePort)));
    },
    // Node's resolver is asynchronous and the channel is not: names are literal addresses
    // and localhost (docs/LIMITATIONS.md).
    getaddrs([name, family]) {
      const n = text(name);
      const v6 = family instanceof Object && family.name === 'inet6';
      if (n === 'localhost') return tuple(ok, [v6 ? Tuple.of(0, 0, 0, 0, 0, 0, 0, 1) : Tuple.of(127, 0, 0, 1)]);
      if (!v6 && net.isIPv4(n)) return tuple(ok, [ipTuple(n)]);
      if (v6 && net.isIPv6(n)) return tuple(ok, [ipTuple(n)]);
      return err('nxdomain');
    },
  };
}
