// tcp.js — TCP for programs on Node (docs/ABI.md §6, "The host channel: TCP"): the host
// channel's tcp_*, getaddrs and gethostname effects over node:net. Requests answer at once; what
// completes later (listening, a connection made or refused, one accepted, data read, the
// peer closing) is posted to the socket's owner as {'$tcp', Id, Event}, the same events
// the embedded host sends (crates/net). The runtime's prim_inet emulates the VM's inet
// driver above them. Each open socket holds the program (`hold()`), so processes waiting
// for it are not a deadlock. Import it only on Node.
//
// TLS (tls_start, tls_peercert; docs/ABI.md §6, "The host channel: TLS") is node:tls over
// the same socket: after tls_start the socket's events carry plaintext ({tls_data, Bin};
// raw data posted before the start comes back with tls_feed) and tcp_send encrypts; the handshake's end is the event tls_ready, its failure {tls_error, Alert,
// local | remote}, with Alert the name OTP's ssl gives it.
//
//   tcpEffects({ allow: ['127.0.0.1:8080', 'localhost'] })   // default: every host

import net from 'node:net';
import os from 'node:os';
import { Worker, MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import tls from 'node:tls';
import { Duplex } from 'node:stream';
import { atom, tuple, text, Tuple } from './etf.js';

const ok = atom('ok');
const err = (name) => tuple(atom('error'), atom(name));
const event = (id, e) => tuple(atom('$tcp'), id, e);

// Name resolution is asynchronous in Node and the host channel is not: a worker thread
// runs dns.lookup (getaddrinfo, as the VM's inet_gethost does) and this thread waits for
// its answer, blocking the VM as the VM's own native lookup blocks its caller. The worker
// starts at the first name that is not localhost or a literal address, and does not keep
// the process alive.
const RESOLVER = `
const { parentPort, workerData: { reply, flag } } = require('node:worker_threads');
const dns = require('node:dns');
parentPort.on('message', ({ name, family }) => {
  dns.lookup(name, { family, all: true, order: 'verbatim' }, (e, addrs) => {
    reply.postMessage(e ? [] : addrs.map((a) => a.address));
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  });
});
`;
let resolver = null;

/** The addresses getaddrinfo gives `name` in `family` (4 or 6), in its order; [] if none. */
function lookupSync(name, family) {
  if (resolver === null) {
    const { port1, port2 } = new MessageChannel();
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(RESOLVER, { eval: true, workerData: { reply: port2, flag }, transferList: [port2] });
    worker.unref();
    port1.unref();
    resolver = { worker, port: port1, flag };
  }
  const { worker, port, flag } = resolver;
  Atomics.store(flag, 0, 0);
  worker.postMessage({ name, family });
  Atomics.wait(flag, 0, 0);
  return [...new Set(receiveMessageOnPort(port)?.message ?? [])];
}

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

/** DER bytes as PEM text with the given label. */
function pem(label, der) {
  const b64 = Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

const KEY_LABELS = { RSAPrivateKey: 'RSA PRIVATE KEY', ECPrivateKey: 'EC PRIVATE KEY', PrivateKeyInfo: 'PRIVATE KEY' };

// Node's certificate errors that OTP's ssl reports as an unknown CA: a chain that does not
// lead to a trusted certificate, also when a trusted one has the issuer's name but did not
// sign it (CERT_SIGNATURE_FAILURE).
const UNKNOWN_CA = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'CERT_SIGNATURE_FAILURE',
]);

/** The TLS alert OTP's ssl reports for a node:tls error, and which side raised it. */
function tlsAlert(e) {
  const code = typeof e?.code === 'string' ? e.code : '';
  const received = /_ALERT_([A-Z_]+)$/.exec(code);
  if (received) return [received[1].toLowerCase(), 'remote'];
  if (UNKNOWN_CA.has(code)) return ['unknown_ca', 'local'];
  if (code === 'CERT_HAS_EXPIRED') return ['certificate_expired', 'local'];
  if (code === 'CERT_REVOKED') return ['certificate_revoked', 'local'];
  // OTP's hostname check fails the handshake as handshake_failure.
  return ['handshake_failure', 'local'];
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
      const s = entry.raw ?? entry.sock;
      return tuple(ok, tuple(addrTerm(s.localAddress, s.localPort), addrTerm(s.remoteAddress, s.remotePort)));
    },
    // ---- TLS (docs/ABI.md §6, "The host channel: TLS") ----
    tls_start([id, req, raw], program) {
      const entry = socks.get(id);
      if (!entry?.sock || entry.connecting || entry.raw) return err('einval');
      const [role, name, verify, ca, certs, key] = req;
      const sock = entry.sock;
      // The TLS socket reads and writes through a stream fed by the TCP socket, which
      // starts with what the driver had read already (the peer's first records).
      for (const e of ['data', 'end', 'error']) sock.removeAllListeners(e);
      const carrier = new Duplex({
        read() {
          sock.resume();
        },
        write(chunk, _enc, cb) {
          if (sock.destroyed) cb();
          else sock.write(chunk, () => cb());
        },
        final(cb) {
          sock.end();
          cb();
        },
        destroy(e, cb) {
          sock.destroy();
          cb(e);
        },
      });
      if (raw.length > 0) carrier.push(Buffer.from(raw));
      sock.on('data', (b) => {
        if (!carrier.push(b)) sock.pause();
      });
      sock.on('end', () => carrier.push(null));
      sock.on('error', () => carrier.push(null));
      const options = {};
      if (certs.length > 0) options.cert = certs.map((c) => pem('CERTIFICATE', c)).join('');
      if (key instanceof Tuple) options.key = pem(KEY_LABELS[key[0].name] ?? 'PRIVATE KEY', key[1]);
      let t;
      try {
        if (role.name === 'server') {
          t = new tls.TLSSocket(carrier, { isServer: true, ...options });
        } else {
          const host = name instanceof Tuple ? ipText(name) : name instanceof Uint8Array ? text(name) : null;
          t = tls.connect({
            socket: carrier,
            ...options,
            ...(host !== null && !net.isIP(host) ? { servername: host } : {}),
            // `host`: node:tls's default CAs (Node's bundled store, plus NODE_EXTRA_CA_CERTS;
            // the system's with --use-system-ca); a list replaces them.
            ...(Array.isArray(ca) ? { ca: ca.map((c) => pem('CERTIFICATE', c)) } : {}),
            rejectUnauthorized: verify === true,
            checkServerIdentity: (_h, cert) => (host === null ? undefined : tls.checkServerIdentity(host, cert)),
          });
        }
      } catch (e) {
        return tuple(atom('error'), tuple(atom('options'), new TextEncoder().encode(String(e?.message ?? e))));
      }
      entry.raw = sock;
      entry.carrier = carrier;
      entry.sock = t;
      entry.handshaking = true;
      const post = (e) => entry.owner && program.post(entry.owner, event(id, e));
      t.once(role.name === 'server' ? 'secure' : 'secureConnect', () => {
        entry.handshaking = false;
        post(atom('tls_ready'));
      });
      t.on('data', (buf) => post(tuple(atom('tls_data'), new Uint8Array(buf.buffer, buf.byteOffset, buf.length))));
      t.on('end', () => {
        if (entry.readDone) return;
        entry.readDone = true;
        post(atom('closed'));
      });
      t.on('error', (e) => {
        if (entry.readDone) return;
        entry.readDone = true;
        if (entry.handshaking) {
          const [alert, side] = tlsAlert(e);
          post(tuple(atom('tls_error'), atom(alert), atom(side)));
        } else {
          post(tuple(atom('error'), atom(e?.code === 'ECONNRESET' ? 'econnreset' : 'closed')));
        }
      });
      t.on('close', () => {
        if (!entry.readDone) {
          entry.readDone = true;
          post(atom('closed'));
        }
        sock.destroy();
      });
      return ok;
    },
    // Raw bytes posted before tls_start that reached the driver after it.
    tls_feed([id, raw]) {
      const entry = socks.get(id);
      if (!entry?.carrier) return err('einval');
      if (raw.length > 0) entry.carrier.push(Buffer.from(raw));
      return ok;
    },
    tls_peercert(id) {
      const raw = socks.get(id)?.sock?.getPeerCertificate?.(true)?.raw;
      return raw ? tuple(ok, new Uint8Array(raw)) : err('no_peercert');
    },
    // Node's resolver is asynchronous and the channel is not: names are literal addresses
    // and localhost (docs/LIMITATIONS.md).
    // The host's name, whole (the runtime keeps what precedes its first dot, as the VM does).
    gethostname() {
      return tuple(ok, new TextEncoder().encode(os.hostname()));
    },
    getaddrs([name, family]) {
      const n = text(name);
      const v6 = family instanceof Object && family.name === 'inet6';
      if (n === 'localhost') return tuple(ok, [v6 ? Tuple.of(0, 0, 0, 0, 0, 0, 0, 1) : Tuple.of(127, 0, 0, 1)]);
      if (!v6 && net.isIPv4(n)) return tuple(ok, [ipTuple(n)]);
      if (v6 && net.isIPv6(n)) return tuple(ok, [ipTuple(n)]);
      if (net.isIP(n)) return err('nxdomain');
      const ips = lookupSync(n, v6 ? 6 : 4);
      return ips.length > 0 ? tuple(ok, ips.map(ipTuple)) : err('nxdomain');
    },
  };
}
