//! TCP for programs on the command line: the host channel's `tcp_*` and `getaddrs` effects
//! (docs/ABI.md §6, "The host channel: TCP") over non-blocking host sockets. Requests
//! answer at once; what completes later (a connection made or refused, a connection
//! accepted, data read, the peer closing) is a message `{'$tcp', Id, Event}` to the process
//! that owns the socket, queued while the host polls the sockets, which it does only when
//! the scheduler has nothing to run (`HostEffect::poll`). The emulation of the VM's
//! `inet_drv` above it is Erlang (the runtime's `prim_inet`).
//!
//! TLS (`tls_start`, tls.rs) is a state of a stream: rustls encrypts what `tcp_send` gives
//! and decrypts what is read, which becomes a `{tls_data, Bin}` event. Raw `{data, Bin}`
//! events sent before the start may reach the driver after it (messages are delivered when
//! the scheduler returns); the driver hands them back with `tls_feed`.
//!
//! Naming: `Id` is the host's socket number, `owner` the process its events go to.

mod tls;

use std::collections::HashMap;
use std::io::{ErrorKind, Read, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, Shutdown, SocketAddr, ToSocketAddrs};
use std::time::Duration;

use beam::Term;
use beamwasm_host_wasmtime::channel::terms::{error, ok, ok_with};
use beamwasm_host_wasmtime::{Answer, HostEffect, Outbox};
use mio::net::{TcpListener, TcpStream};
use mio::{Events, Interest, Poll, Token};

/// Which hosts and ports a program may reach (`beamwasm run --allow-net[=HOST:PORT,...]`).
#[derive(Clone, Debug, Default)]
pub enum Allow {
    /// Any address (the default, as `elixir`).
    #[default]
    All,
    /// Only these: an address and, when given, a port.
    Only(Vec<(IpAddr, Option<u16>)>),
}

impl Allow {
    /// Parses `HOST[:PORT],...`; a host name stands for the addresses it resolves to now.
    pub fn parse(spec: &str) -> Result<Allow, String> {
        let mut out = Vec::new();
        for item in spec.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let (host, port) = match item.rsplit_once(':') {
                Some((h, p)) if !h.contains(':') || h.starts_with('[') => {
                    let p = p.parse::<u16>().map_err(|_| format!("--allow-net: bad port in {item:?}"))?;
                    (h.trim_start_matches('[').trim_end_matches(']'), Some(p))
                }
                _ => (item, None),
            };
            let addrs: Vec<IpAddr> = match host.parse::<IpAddr>() {
                Ok(ip) => vec![ip],
                Err(_) => (host, 0)
                    .to_socket_addrs()
                    .map_err(|e| format!("--allow-net: cannot resolve {host:?}: {e}"))?
                    .map(|a| a.ip())
                    .collect(),
            };
            out.extend(addrs.into_iter().map(|a| (a, port)));
        }
        Ok(Allow::Only(out))
    }

    fn permits(&self, addr: &SocketAddr) -> bool {
        match self {
            Allow::All => true,
            Allow::Only(list) => list.iter().any(|(ip, port)| {
                (*ip == addr.ip() || (ip.is_unspecified() && addr.ip().is_unspecified()))
                    && port.is_none_or(|p| p == addr.port())
            }),
        }
    }
}

enum Kind {
    Stream(TcpStream),
    Listener(TcpListener),
}

struct Sock {
    kind: Kind,
    /// A stream whose connection is not made yet.
    connecting: bool,
    owner: Option<Term>,
    /// Bytes accepted by `tcp_send` that the socket has not taken yet.
    out: Vec<u8>,
    /// Accepts asked for and not yet answered (listeners).
    accepts: usize,
    /// Shut the writing side once `out` is flushed.
    shut_write: bool,
    /// The reading side has ended (end of stream or an error was reported).
    read_done: bool,
    /// The TLS connection over the stream, once `tls_start` has made one.
    tls: Option<Box<rustls::Connection>>,
    /// `tls_ready` (or the handshake's failure) is still to be reported.
    handshaking: bool,
}

/// The TCP effect: every socket of one program.
pub struct Tcp {
    poll: Poll,
    events: Events,
    socks: HashMap<usize, Sock>,
    next: usize,
    allow: Allow,
}

impl Tcp {
    /// A TCP effect that reaches what `allow` permits.
    pub fn new(allow: Allow) -> std::io::Result<Tcp> {
        Ok(Tcp { poll: Poll::new()?, events: Events::with_capacity(256), socks: HashMap::new(), next: 1, allow })
    }

    fn add(&mut self, kind: Kind, owner: Option<Term>, connecting: bool) -> std::io::Result<usize> {
        let id = self.next;
        self.next += 1;
        let mut sock = Sock { kind, connecting, owner, out: Vec::new(), accepts: 0, shut_write: false, read_done: false, tls: None, handshaking: false };
        let reg = self.poll.registry();
        match &mut sock.kind {
            Kind::Stream(s) => reg.register(s, Token(id), Interest::READABLE | Interest::WRITABLE)?,
            Kind::Listener(l) => reg.register(l, Token(id), Interest::READABLE)?,
        }
        self.socks.insert(id, sock);
        Ok(id)
    }

    fn close(&mut self, id: usize) {
        if let Some(mut s) = self.socks.remove(&id) {
            let reg = self.poll.registry();
            let _ = match &mut s.kind {
                Kind::Stream(t) => reg.deregister(t),
                Kind::Listener(l) => reg.deregister(l),
            };
        }
    }

    fn request(&mut self, op: &str, args: Term, outbox: &mut Outbox) -> Option<Term> {
        Some(match op {
            "tcp_connect" => {
                let [pid, ip, port] = tuple3(args)?;
                let addr = SocketAddr::new(ip_of(&ip)?, u16::try_from(int(&port)?).ok()?);
                if !self.allow.permits(&addr) {
                    return Some(error(Term::atom("eacces")));
                }
                match TcpStream::connect(addr).and_then(|s| self.add(Kind::Stream(s), Some(pid), true)) {
                    Ok(id) => ok_with(Term::Int(id as i64)),
                    Err(e) => error(Term::atom(posix(&e))),
                }
            }
            "tcp_listen" => {
                let [pid, ip, port] = tuple3(args)?;
                let addr = SocketAddr::new(ip_of(&ip)?, u16::try_from(int(&port)?).ok()?);
                if !self.allow.permits(&addr) {
                    return Some(error(Term::atom("eacces")));
                }
                match TcpListener::bind(addr).and_then(|l| self.add(Kind::Listener(l), Some(pid), false)) {
                    Ok(id) => {
                        // Listening is an event, as on hosts where it completes later.
                        self.send(id, Term::atom("listening"), outbox);
                        ok_with(Term::Int(id as i64))
                    }
                    Err(e) => error(Term::atom(posix(&e))),
                }
            }
            "tcp_accept" => {
                let id = usize::try_from(int(&args)?).ok()?;
                let Some(s) = self.socks.get_mut(&id) else { return Some(error(Term::atom("closed"))) };
                s.accepts += 1;
                self.accept_ready(id, outbox);
                ok()
            }
            "tcp_attach" => {
                let [id, pid] = tuple2(args)?;
                let id = usize::try_from(int(&id)?).ok()?;
                let Some(s) = self.socks.get_mut(&id) else { return Some(error(Term::atom("closed"))) };
                s.owner = Some(pid);
                self.read_ready(id, outbox);
                ok()
            }
            "tcp_send" => {
                let [id, data] = tuple2(args)?;
                let id = usize::try_from(int(&id)?).ok()?;
                let Term::Binary(bytes) = data else { return None };
                let Some(s) = self.socks.get_mut(&id) else { return Some(error(Term::atom("closed"))) };
                if s.shut_write || s.connecting || !matches!(s.kind, Kind::Stream(_)) {
                    return Some(error(Term::atom(if s.shut_write { "closed" } else { "enotconn" })));
                }
                if let Some(c) = s.tls.as_mut() {
                    if s.handshaking || c.writer().write_all(&bytes).is_err() {
                        return Some(error(Term::atom("closed")));
                    }
                    pump(s);
                } else {
                    s.out.extend_from_slice(&bytes);
                }
                match flush(s) {
                    Ok(()) => ok(),
                    Err(e) => error(Term::atom(closed_or(&e))),
                }
            }
            "tcp_shutdown" => {
                let [id, how] = tuple2(args)?;
                let id = usize::try_from(int(&id)?).ok()?;
                let how = int(&how)?;
                let Some(s) = self.socks.get_mut(&id) else { return Some(error(Term::atom("enotconn"))) };
                let Kind::Stream(t) = &s.kind else { return Some(error(Term::atom("enotconn"))) };
                if how != 1 {
                    let _ = t.shutdown(Shutdown::Read);
                }
                if how != 0 {
                    if let Some(c) = s.tls.as_mut() {
                        c.send_close_notify();
                        pump(s);
                    }
                    s.shut_write = true;
                    let _ = flush(s);
                }
                ok()
            }
            "tcp_close" => {
                let id = usize::try_from(int(&args)?).ok()?;
                if let Some(s) = self.socks.get_mut(&id) {
                    // What was sent goes out first, as the VM's close lingers for it.
                    if let Some(c) = s.tls.as_mut() {
                        c.send_close_notify();
                        pump(s);
                    }
                    if let Kind::Stream(t) = &mut s.kind {
                        let _ = t.set_nodelay(true);
                        if !s.out.is_empty() {
                            let _ = flush(s);
                        }
                    }
                }
                self.close(id);
                ok()
            }
            // ---- TLS (docs/ABI.md §6, "The host channel: TLS") ----
            "tls_start" => {
                let [id, req, raw] = tuple3(args)?;
                let id = usize::try_from(int(&id)?).ok()?;
                let req = tls::Request::parse(&req)?;
                let Term::Binary(raw) = raw else { return None };
                let Some(s) = self.socks.get_mut(&id) else { return Some(error(Term::atom("closed"))) };
                if s.tls.is_some() || s.connecting || !matches!(s.kind, Kind::Stream(_)) {
                    return Some(error(Term::atom("einval")));
                }
                match req.connect() {
                    Ok(conn) => {
                        s.tls = Some(Box::new(conn));
                        s.handshaking = true;
                        pump(s);
                        let _ = flush(s);
                        // What the driver had read before the start is the peer's first records.
                        if !raw.is_empty() {
                            for e in tls_input(s, &raw) {
                                self.send(id, e, outbox);
                            }
                        }
                        ok()
                    }
                    Err(why) => error(Term::tuple(vec![Term::atom("options"), Term::Binary(why.into_bytes())])),
                }
            }
            "tls_feed" => {
                let [id, raw] = tuple2(args)?;
                let id = usize::try_from(int(&id)?).ok()?;
                let Term::Binary(raw) = raw else { return None };
                let Some(s) = self.socks.get_mut(&id) else { return Some(error(Term::atom("closed"))) };
                if s.tls.is_none() {
                    return Some(error(Term::atom("einval")));
                }
                for e in tls_input(s, &raw) {
                    self.send(id, e, outbox);
                }
                ok()
            }
            "tls_peercert" => {
                let id = usize::try_from(int(&args)?).ok()?;
                let cert = self.socks.get(&id).and_then(|s| s.tls.as_ref()).and_then(|c| c.peer_certificates()).and_then(|c| c.first());
                match cert {
                    Some(c) => ok_with(Term::Binary(c.to_vec())),
                    None => error(Term::atom("no_peercert")),
                }
            }
            "tcp_names" => {
                let id = usize::try_from(int(&args)?).ok()?;
                let Some(s) = self.socks.get(&id) else { return Some(error(Term::atom("einval"))) };
                let (local, peer) = match &s.kind {
                    Kind::Stream(t) => (t.local_addr().ok(), t.peer_addr().ok()),
                    Kind::Listener(l) => (l.local_addr().ok(), None),
                };
                ok_with(Term::tuple(vec![addr_term(local), addr_term(peer)]))
            }
            "getaddrs" => {
                let [name, family] = tuple2(args)?;
                let Term::Binary(name) = name else { return None };
                let name = String::from_utf8(name).ok()?;
                let v6 = family.as_atom() == Some("inet6");
                match (name.as_str(), 0).to_socket_addrs() {
                    Ok(addrs) => {
                        let mut ips: Vec<Term> = Vec::new();
                        for a in addrs.filter(|a| a.is_ipv6() == v6) {
                            let t = ip_term(a.ip());
                            if !ips.contains(&t) {
                                ips.push(t);
                            }
                        }
                        if ips.is_empty() { error(Term::atom("nxdomain")) } else { ok_with(Term::list(ips)) }
                    }
                    Err(_) => error(Term::atom("nxdomain")),
                }
            }
            // The host's name (gethostname(2), which uname's node name is), whole: the
            // runtime keeps what precedes its first dot, as the VM does.
            "gethostname" => ok_with(Term::Binary(host_name()?.into_bytes())),
            _ => return None,
        })
    }

    fn send(&self, id: usize, event: Term, outbox: &mut Outbox) {
        if let Some(owner) = self.socks.get(&id).and_then(|s| s.owner.clone()) {
            outbox.send(owner, Term::tuple(vec![Term::atom("$tcp"), Term::Int(id as i64), event]));
        }
    }

    fn accept_ready(&mut self, id: usize, outbox: &mut Outbox) {
        loop {
            let Some(s) = self.socks.get_mut(&id) else { return };
            if s.accepts == 0 {
                return;
            }
            let Kind::Listener(l) = &s.kind else { return };
            match l.accept() {
                Ok((stream, _)) => {
                    s.accepts -= 1;
                    let _ = stream.set_nodelay(false);
                    match self.add(Kind::Stream(stream), None, false) {
                        Ok(new) => self.send(id, Term::tuple(vec![Term::atom("accepted"), Term::Int(new as i64)]), outbox),
                        Err(e) => self.send(id, error(Term::atom(posix(&e))), outbox),
                    }
                }
                Err(e) if e.kind() == ErrorKind::WouldBlock => return,
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(e) => {
                    s.accepts -= 1;
                    self.send(id, error(Term::atom(posix(&e))), outbox);
                }
            }
        }
    }

    fn read_ready(&mut self, id: usize, outbox: &mut Outbox) {
        let mut buf = vec![0u8; 65536];
        loop {
            let Some(s) = self.socks.get_mut(&id) else { return };
            if s.owner.is_none() || s.read_done || s.connecting {
                return;
            }
            let Kind::Stream(t) = &mut s.kind else { return };
            match t.read(&mut buf) {
                Ok(0) => {
                    s.read_done = true;
                    self.send(id, Term::atom("closed"), outbox);
                    return;
                }
                Ok(n) if s.tls.is_some() => {
                    for e in tls_input(s, &buf[..n]) {
                        self.send(id, e, outbox);
                    }
                }
                Ok(n) => self.send(id, Term::tuple(vec![Term::atom("data"), Term::Binary(buf[..n].to_vec())]), outbox),
                Err(e) if e.kind() == ErrorKind::WouldBlock => return,
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(e) => {
                    s.read_done = true;
                    self.send(id, error(Term::atom(closed_or(&e))), outbox);
                    return;
                }
            }
        }
    }

    fn event(&mut self, id: usize, readable: bool, writable: bool, outbox: &mut Outbox) {
        let Some(s) = self.socks.get_mut(&id) else { return };
        match &mut s.kind {
            Kind::Stream(t) if s.connecting => {
                let result = match t.take_error() {
                    Ok(Some(e)) | Err(e) => Err(e),
                    Ok(None) => match t.peer_addr() {
                        Ok(_) => Ok(()),
                        Err(e) if e.kind() == ErrorKind::NotConnected => return,
                        Err(e) => Err(e),
                    },
                };
                match result {
                    Ok(()) => {
                        s.connecting = false;
                        self.send(id, Term::atom("connected"), outbox);
                        self.read_ready(id, outbox);
                    }
                    Err(e) => {
                        self.send(id, error(Term::atom(posix(&e))), outbox);
                        self.close(id);
                    }
                }
            }
            Kind::Stream(_) => {
                if writable && !s.out.is_empty() {
                    let _ = flush(s);
                }
                if readable {
                    self.read_ready(id, outbox);
                }
            }
            Kind::Listener(_) => {
                if readable {
                    self.accept_ready(id, outbox);
                }
            }
        }
    }
}

impl HostEffect for Tcp {
    fn call(&mut self, op: &str, args: Term, outbox: &mut Outbox) -> Answer {
        if !(op.starts_with("tcp_") || op.starts_with("tls_") || op == "getaddrs" || op == "gethostname") {
            return Answer::Unwired;
        }
        match self.request(op, args, outbox) {
            Some(t) => Answer::Reply(t),
            None => Answer::Reply(error(Term::atom("badarg"))),
        }
    }

    fn pending(&self) -> bool {
        !self.socks.is_empty()
    }

    fn poll(&mut self, timeout: Option<Duration>, outbox: &mut Outbox) {
        if self.poll.poll(&mut self.events, timeout).is_err() {
            return;
        }
        let ready: Vec<(usize, bool, bool)> = self
            .events
            .iter()
            .map(|e| (e.token().0, e.is_readable() || e.is_read_closed() || e.is_error(), e.is_writable() || e.is_error()))
            .collect();
        for (id, r, w) in ready {
            self.event(id, r, w, outbox);
        }
    }
}

/// Feeds bytes read from the peer to the socket's TLS connection: the events they make (the
/// handshake's end or failure, plaintext, the peer's close_notify), and the records the
/// connection answers with queued for the peer.
fn tls_input(s: &mut Sock, raw: &[u8]) -> Vec<Term> {
    let mut events = Vec::new();
    let mut rest = raw;
    let mut plain = vec![0u8; 16384];
    while !rest.is_empty() && !s.read_done {
        let Some(c) = s.tls.as_mut() else { break };
        if c.read_tls(&mut rest).is_err() {
            break;
        }
        if let Err(e) = c.process_new_packets() {
            let (alert, local) = tls::alert_of(&e);
            s.read_done = true;
            events.push(Term::tuple(vec![Term::atom("tls_error"), Term::atom(alert), Term::atom(if local { "local" } else { "remote" })]));
            break;
        }
        if s.handshaking && !c.is_handshaking() {
            s.handshaking = false;
            events.push(Term::atom("tls_ready"));
        }
        loop {
            match c.reader().read(&mut plain) {
                Ok(0) => {
                    s.read_done = true;
                    events.push(Term::atom("closed"));
                    break;
                }
                Ok(n) => events.push(Term::tuple(vec![Term::atom("tls_data"), Term::Binary(plain[..n].to_vec())])),
                Err(e) if e.kind() == ErrorKind::WouldBlock => break,
                Err(_) => {
                    s.read_done = true;
                    events.push(Term::atom("closed"));
                    break;
                }
            }
        }
    }
    pump(s);
    let _ = flush(s);
    events
}

/// Moves the TLS records the connection has made into the socket's output.
fn pump(s: &mut Sock) {
    if let Some(c) = s.tls.as_mut() {
        while c.wants_write() {
            if c.write_tls(&mut s.out).is_err() {
                break;
            }
        }
    }
}

fn flush(s: &mut Sock) -> std::io::Result<()> {
    let Kind::Stream(t) = &mut s.kind else { return Ok(()) };
    while !s.out.is_empty() {
        match t.write(&s.out) {
            Ok(0) => return Err(ErrorKind::WriteZero.into()),
            Ok(n) => {
                s.out.drain(..n);
            }
            Err(e) if e.kind() == ErrorKind::WouldBlock => return Ok(()),
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    if s.shut_write {
        let _ = t.shutdown(Shutdown::Write);
    }
    Ok(())
}

fn tuple2(t: Term) -> Option<[Term; 2]> {
    match t {
        Term::Tuple(v) => v.try_into().ok(),
        _ => None,
    }
}

fn tuple3(t: Term) -> Option<[Term; 3]> {
    match t {
        Term::Tuple(v) => v.try_into().ok(),
        _ => None,
    }
}

fn int(t: &Term) -> Option<i64> {
    match t {
        Term::Int(n) => Some(*n),
        _ => None,
    }
}

pub(crate) fn ip_of(t: &Term) -> Option<IpAddr> {
    let Term::Tuple(v) = t else { return None };
    let parts: Option<Vec<i64>> = v.iter().map(int).collect();
    let parts = parts?;
    match parts.as_slice() {
        [a, b, c, d] => Some(IpAddr::V4(Ipv4Addr::new(u8::try_from(*a).ok()?, u8::try_from(*b).ok()?, u8::try_from(*c).ok()?, u8::try_from(*d).ok()?))),
        [_, _, _, _, _, _, _, _] => {
            let mut s = [0u16; 8];
            for (i, p) in parts.iter().enumerate() {
                *s.get_mut(i)? = u16::try_from(*p).ok()?;
            }
            Some(IpAddr::V6(Ipv6Addr::from(s)))
        }
        _ => None,
    }
}

fn ip_term(ip: IpAddr) -> Term {
    match ip {
        IpAddr::V4(a) => Term::tuple(a.octets().iter().map(|&o| Term::Int(i64::from(o))).collect()),
        IpAddr::V6(a) => Term::tuple(a.segments().iter().map(|&o| Term::Int(i64::from(o))).collect()),
    }
}

fn addr_term(a: Option<SocketAddr>) -> Term {
    match a {
        Some(a) => Term::tuple(vec![ip_term(a.ip()), Term::Int(i64::from(a.port()))]),
        None => Term::atom("undefined"),
    }
}

/// A reset or broken connection is what the VM reports for it.
fn closed_or(e: &std::io::Error) -> &'static str {
    match e.kind() {
        ErrorKind::ConnectionReset => "econnreset",
        ErrorKind::BrokenPipe | ErrorKind::ConnectionAborted | ErrorKind::WriteZero => "closed",
        _ => posix(e),
    }
}

/// The POSIX name of an I/O error, as the VM's inet driver reports it.
fn posix(e: &std::io::Error) -> &'static str {
    match e.kind() {
        ErrorKind::ConnectionRefused => "econnrefused",
        ErrorKind::ConnectionReset => "econnreset",
        ErrorKind::ConnectionAborted => "econnaborted",
        ErrorKind::AddrInUse => "eaddrinuse",
        ErrorKind::AddrNotAvailable => "eaddrnotavail",
        ErrorKind::PermissionDenied => "eacces",
        ErrorKind::TimedOut => "etimedout",
        ErrorKind::NotConnected => "enotconn",
        ErrorKind::BrokenPipe => "epipe",
        ErrorKind::HostUnreachable => "ehostunreach",
        ErrorKind::NetworkUnreachable => "enetunreach",
        _ => "einval",
    }
}

/// The host's name, as gethostname(2) gives it.
#[cfg(unix)]
fn host_name() -> Option<String> {
    rustix::system::uname().nodename().to_str().ok().map(str::to_owned)
}

/// The host's name: not known on this platform, so the runtime answers as the VM does
/// without one.
#[cfg(not(unix))]
fn host_name() -> Option<String> {
    None
}
