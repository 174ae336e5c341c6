// cfsockets.js — TCP clients on workerd over `connect()` from `cloudflare:sockets`
// (docs/ABI.md §6, "The host channel: TCP"): the host channel's tcp_connect, tcp_send,
// tcp_shutdown, tcp_close, tcp_names and getaddrs, with the events tcp.js posts on Node, so
// the runtime's prim_inet (and gen_tcp, :httpc above it) runs unmodified. workerd has no
// listening sockets: tcp_listen stays unwired ({unwired_host_effect, tcp_listen}). workerd.js
// loads this module when the configuration embeds it (it imports `cloudflare:sockets`,
// which only workerd has).
//
// TLS (tls_start; docs/ABI.md §6, "The host channel: TLS") is a socket of workerd's with
// secureTransport "on". ssl:connect makes a TCP connection, then asks tls_start: workerd
// cannot upgrade that one (startTls checks only the name connect() was given, refusing
// expectedServerHostname, and the plaintext reader, with its read pending, cannot be
// released), so a connection nothing was sent on or read from is replaced by a TLS one to
// the name ssl checks (the server sees a first connection closed without data); one already
// used (STARTTLS) is refused. From then on its events carry plaintext ({tls_data, Bin}).
// workerd verifies the server against its own trust store (the network service's tlsOptions
// in its configuration) and that name: it takes neither a program's CA certificates nor a
// way to turn verification off, so a request with verify_none is refused with an error that
// says so, and cacerts/cacertfile are not used (docs/LIMITATIONS.md, "TLS"). tls_peercert
// is unwired: workerd does not give the certificate. No server side (no listen).
//
// A socket belongs to the request (I/O context) that opened it, as everything in a Worker
// does: a program that keeps a connection across requests (a Durable Object's) must use it
// from the request that made it, or workerd refuses the I/O.
//
//   cfSocketEffects({ allow: ['127.0.0.1:8080'] })   // default: every host the network service allows

import { connect } from 'cloudflare:sockets';
import { atom, tuple, text, Tuple } from './etf.js';
import { permits, reasonOf } from './http.js';

const ok = atom('ok');
const err = (name) => tuple(atom('error'), atom(name));
const event = (id, e) => tuple(atom('$tcp'), id, e);

function ipText(ip) {
  if (!(ip instanceof Tuple)) return null;
  if (ip.length === 4) return ip.join('.');
  if (ip.length === 8) return ip.map((n) => Number(n).toString(16)).join(':');
  return null;
}

/** `{Ip, Port}` from workerd's "ADDRESS:PORT" (or `undefined`). */
function addrTerm(s) {
  const m = typeof s === 'string' ? /^\[?([^\]]*?)\]?:(\d+)$/.exec(s) : null;
  if (!m) return atom('undefined');
  const ip = m[1].split('.').map(Number);
  return ip.length === 4 && ip.every((n) => n >= 0 && n < 256) ? tuple(Tuple.of(...ip), Number(m[2])) : atom('undefined');
}

/**
 * The reason workerd gives (messages, no codes) as the VM's POSIX name where one fits. A
 * connection workerd could not make ("proxy request failed, cannot connect to the specified
 * address": refused, or unreachable) is econnrefused.
 */
function posixOf(e) {
  const r = reasonOf(e);
  if (r instanceof Tuple) {
    const m = String(r[1]);
    if (/not allowed|permission/i.test(m)) return atom('eacces');
    if (/refused|cannot connect|failed to connect/i.test(m)) return atom('econnrefused');
    return atom('einval');
  }
  return r;
}

/**
 * A TLS handshake's failure as the driver's `{tls_error, Alert, local}`. workerd names no
 * alert: a server whose certificate it refuses fails the connection with "proxy request
 * failed, cannot connect to the specified address", as an unreachable one does, so the alert
 * is handshake_failure, unless the message names the certificate or the name.
 */
function tlsError(e) {
  const m = String(e?.message ?? e);
  const alert = /certificate|issuer|untrusted/i.test(m) ? 'unknown_ca' : 'handshake_failure';
  return tuple(atom('tls_error'), atom(alert), atom('local'));
}

/** The TCP client effects over `connect`: { tcp_connect, tcp_send, ... }. */
export function cfSocketEffects({ allow = null, connect: open = connect } = {}) {
  const socks = new Map();
  let next = 1;
  // Names stand for themselves behind placeholder addresses (see getaddrs): name -> address
  // text and back.
  const placeholders = new Map();
  const namesOf = new Map();
  // The name a connection to `ip` opens: the one its placeholder stands for, else the
  // address itself.
  const hostOf = (ip) => {
    const t = ipText(ip);
    return t === null ? null : (namesOf.get(t) ?? t);
  };

  const finish = (id, entry) => {
    entry.release();
    socks.delete(id);
  };

  // Reads the socket until it ends, posting `{tag, Bin}` events; stops quietly when the
  // socket has been replaced by a TLS one (entry.sock is then that socket, read anew).
  const readAll = async (id, entry, program, tag = 'data') => {
    const post = (e) => program.post(entry.owner, event(id, e));
    const mine = entry.sock;
    const reader = mine.readable.getReader();
    let handed = false;
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (entry.closed) return;
        if (entry.sock !== mine) {
          handed = true;
          return;
        }
        if (done) return post(atom('closed'));
        if (value.length > 0) {
          entry.used = true;
          post(tuple(atom(tag), new Uint8Array(value)));
        }
      }
    } catch (e) {
      if (entry.sock !== mine) {
        handed = true;
        return;
      }
      if (entry.closed) return;
      if (entry.handshaking) {
        entry.handshaking = false;
        post(tlsError(e));
      } else {
        post(tuple(atom('error'), atom('econnreset')));
      }
    } finally {
      if (!handed) finish(id, entry);
    }
  };

  return {
    tcp_connect([pid, ip, port], program) {
      const host = hostOf(ip);
      if (host === null) return err('einval');
      if (!permits(allow, host, port)) return err('eacces'); // a placeholder's entry is its name's
      let sock;
      try {
        sock = open({ hostname: host, port }, { allowHalfOpen: true });
      } catch (e) {
        return tuple(atom('error'), posixOf(e));
      }
      const entry = { sock, owner: pid, writer: sock.writable.getWriter(), peer: tuple(ip, port), local: atom('undefined'), closed: false, release: program.hold() };
      const id = next++;
      socks.set(id, entry);
      sock.opened.then(
        (info) => {
          if (entry.closed) return;
          entry.local = addrTerm(info?.localAddress);
          program.post(pid, event(id, atom('connected')));
          readAll(id, entry, program);
        },
        (e) => {
          if (!entry.closed) program.post(pid, event(id, tuple(atom('error'), posixOf(e))));
          entry.closed = true;
          finish(id, entry);
        },
      );
      return tuple(ok, id);
    },
    tcp_send([id, bytes]) {
      const entry = socks.get(id);
      if (!entry || entry.closed || entry.writeDone) return err('closed');
      entry.used = true;
      entry.writer.write(new Uint8Array(bytes)).catch(() => {}); // a failed write surfaces as the read side's end
      return ok;
    },
    tcp_shutdown([id, how]) {
      const entry = socks.get(id);
      if (!entry) return err('enotconn');
      if (how !== 0 && !entry.writeDone) {
        entry.writeDone = true;
        entry.writer.close().catch(() => {});
      }
      return ok;
    },
    tcp_close(id) {
      const entry = socks.get(id);
      if (!entry) return ok;
      entry.closed = true;
      // What was written still goes out: the writer closes after its queue, then the socket.
      const end = entry.writeDone ? Promise.resolve() : entry.writer.close();
      end.catch(() => {}).finally(() => entry.sock.close().catch(() => {}));
      finish(id, entry);
      return ok;
    },
    // ---- TLS (docs/ABI.md §6, "The host channel: TLS") ----
    tls_start([id, req, raw], program) {
      const entry = socks.get(id);
      if (!entry || entry.closed || entry.handshaking !== undefined) return err('einval');
      const [role, name, verify] = req;
      if (role.name === 'server') return err('einval');
      if (verify !== true) {
        return tuple(atom('error'), tuple(atom('options'), tuple(atom('verify'), atom('verify_none'),
          new TextEncoder().encode("workerd always verifies the server's certificate; verify_none cannot be honoured"))));
      }
      // workerd's startTls checks the name connect() was given (it refuses
      // expectedServerHostname), and the plaintext socket's reader, which has a read pending,
      // cannot be released: so a socket nothing was sent on or read from (ssl:connect/3,4's)
      // is replaced by a TLS connection to the name ssl checks, secureTransport "on". One that
      // was used (STARTTLS over gen_tcp, ssl:connect/2,3 on a socket) cannot be upgraded.
      if (entry.used || raw.length > 0) {
        return tuple(atom('error'), tuple(atom('options'), new TextEncoder().encode('workerd: TLS over a gen_tcp socket already used (STARTTLS) is not supported')));
      }
      const host = name instanceof Tuple ? hostOf(name) : name instanceof Uint8Array ? text(name) : hostOf(entry.peer[0]);
      const port = entry.peer[1];
      if (host === null) return err('einval');
      // The name is checked as the address was (localhost is what it resolved to here).
      if (!permits(allow, host, port) && !(host === 'localhost' && permits(allow, ipText(entry.peer[0]), port))) return err('eacces');
      let t;
      const old = entry.sock;
      try {
        t = open({ hostname: host, port }, { allowHalfOpen: true, secureTransport: 'on' });
      } catch (e) {
        return tuple(atom('error'), tuple(atom('options'), new TextEncoder().encode(String(e?.message ?? e))));
      }
      entry.sock = t;
      old.close().catch(() => {});
      entry.writer = t.writable.getWriter();
      entry.handshaking = true;
      // The handshake's end shows as the TLS socket's opened; its failure there or on the
      // first read.
      t.opened.then(
        () => {
          if (entry.closed || !entry.handshaking) return;
          entry.handshaking = false;
          program.post(entry.owner, event(id, atom('tls_ready')));
        },
        (e) => {
          if (entry.closed || !entry.handshaking) return;
          entry.handshaking = false;
          program.post(entry.owner, event(id, tlsError(e)));
        },
      );
      readAll(id, entry, program, 'tls_data');
      return ok;
    },
    tcp_names(id) {
      const entry = socks.get(id);
      if (!entry) return err('einval');
      return tuple(ok, tuple(entry.local, entry.peer));
    },
    // workerd resolves names only inside connect(), and the channel is synchronous. So a
    // host name (IPv4 only) gets a placeholder address from 198.18.0.0/15 (RFC 2544's
    // benchmarking range, never a real peer), one per name for the instance's life; a
    // connection to it opens the name, and TLS checks the name. The program sees the
    // placeholder where the VM would see the resolved address (inet:getaddrs, peername), and
    // a name that does not exist fails at connect (econnrefused), not here
    // (docs/LIMITATIONS.md). localhost and literal addresses are themselves.
    getaddrs([name, family]) {
      const n = text(name);
      const v6 = family?.name === 'inet6';
      if (n === 'localhost') return tuple(ok, [v6 ? Tuple.of(0, 0, 0, 0, 0, 0, 0, 1) : Tuple.of(127, 0, 0, 1)]);
      const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(n);
      if (v4) return !v6 && v4.slice(1).every((x) => Number(x) < 256) ? tuple(ok, [Tuple.of(...v4.slice(1).map(Number))]) : err('nxdomain');
      const host = n.toLowerCase().replace(/\.$/, '');
      if (v6 || !/^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,62})(\.[a-z0-9_]([a-z0-9_-]{0,62}))*$/.test(host)) return err('nxdomain');
      let addr = placeholders.get(host);
      if (addr === undefined) {
        const i = placeholders.size + 1;
        if (i >= 1 << 17) return err('nxdomain');
        addr = Tuple.of(198, 18 + (i >> 16), (i >> 8) & 255, i & 255);
        placeholders.set(host, addr);
        namesOf.set(ipText(addr), host);
      }
      return tuple(ok, [addr]);
    },
  };
}
