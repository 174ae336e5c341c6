//! `beamwasm serve`: a real HTTP/1.1 server (hyper) on a loopback address, in front of one
//! running program that serves HTTP with `Beamwasm.HTTP` (docs/HTTP.md). Each request
//! becomes a call to the process registered as `beamwasm_http`, exactly as the JS host's
//! `handleRequest` makes it, so a handler developed here runs unchanged in a Worker or a
//! Durable Object.
//!
//! Two threads: the program's (this one; a wasmtime Store stays on one thread) drives the
//! scheduler between requests and timers; tokio's accepts connections and parses requests,
//! and hands each to the program's thread over a channel, with a one-shot channel for the
//! response. Streamed responses (`send_chunked`) reach the connection through an unbounded
//! channel per response, fed by the `http_start` and `http_chunk` effects.

use std::cell::RefCell;
use std::collections::HashMap;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::mpsc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use beam::Term;
use beamwasm_host_wasmtime::{Answer, Effects, HostEffect, HostError, Outbox, Service, Step};
use http_body_util::BodyExt;
use hyper::body::{Bytes, Frame, Incoming};
use tokio::sync::{mpsc as tmpsc, oneshot};

/// The registered name of the program's HTTP dispatcher (Beamwasm.HTTP).
pub const HTTP_SERVICE: &str = "beamwasm_http";

/// A request, parsed, on its way to the program.
struct Incoming1 {
    method: String,
    scheme: &'static str,
    host: String,
    port: u16,
    path: String,
    query: String,
    headers: Vec<(String, Vec<u8>)>,
    body: Vec<u8>,
    remote_ip: String,
    respond: oneshot::Sender<Head>,
}

/// What goes back to the connection: status, headers and the body.
struct Head {
    status: u16,
    headers: Vec<(Vec<u8>, Vec<u8>)>,
    body: Body,
}

/// A response body: whole, or streamed from the program.
pub enum Body {
    /// All of it.
    Full(Option<Bytes>),
    /// Chunks as the program sends them; an error cuts the connection.
    Stream(tmpsc::UnboundedReceiver<Result<Bytes, std::io::Error>>),
}

impl hyper::body::Body for Body {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, std::io::Error>>> {
        match self.get_mut() {
            Body::Full(b) => Poll::Ready(b.take().map(|b| Ok(Frame::data(b)))),
            Body::Stream(rx) => rx.poll_recv(cx).map(|o| o.map(|r| r.map(Frame::data))),
        }
    }

    fn is_end_stream(&self) -> bool {
        matches!(self, Body::Full(None))
    }

    fn size_hint(&self) -> hyper::body::SizeHint {
        match self {
            Body::Full(b) => hyper::body::SizeHint::with_exact(b.as_ref().map_or(0, |b| b.len() as u64)),
            Body::Stream(_) => hyper::body::SizeHint::default(),
        }
    }
}

/// A request the program is answering: where its response goes.
struct Pending {
    respond: Option<oneshot::Sender<Head>>,
    stream: Option<tmpsc::UnboundedSender<Result<Bytes, std::io::Error>>>,
}

/// Requests in flight by the ref the program knows them by.
#[derive(Default)]
struct Requests {
    by_ref: HashMap<i64, Pending>,
}

/// The `http_start` and `http_chunk` effects of streamed responses.
struct HttpEffect {
    requests: Rc<RefCell<Requests>>,
}

impl HostEffect for HttpEffect {
    fn call(&mut self, op: &str, args: Term, _: &mut Outbox) -> Answer {
        let closed = || Answer::Reply(Term::atom("closed"));
        let Term::Tuple(args) = args else { return Answer::Unwired };
        let mut requests = self.requests.borrow_mut();
        match (op, args.as_slice()) {
            ("http_start", [Term::Int(r), Term::Int(status), headers]) => {
                let Some(p) = requests.by_ref.get_mut(r) else { return closed() };
                let Some(respond) = p.respond.take() else { return closed() };
                let (tx, rx) = tmpsc::unbounded_channel();
                p.stream = Some(tx);
                let head = Head { status: u16::try_from(*status).unwrap_or(500), headers: header_list(headers), body: Body::Stream(rx) };
                if respond.send(head).is_err() {
                    return closed();
                }
                Answer::Reply(Term::atom("ok"))
            }
            ("http_chunk", [Term::Int(r), Term::Binary(data)]) => {
                let Some(tx) = requests.by_ref.get(r).and_then(|p| p.stream.as_ref()) else { return closed() };
                match tx.send(Ok(Bytes::from(data.clone()))) {
                    Ok(()) => Answer::Reply(Term::atom("ok")),
                    Err(_) => closed(),
                }
            }
            _ => Answer::Unwired,
        }
    }
}

fn header_list(t: &Term) -> Vec<(Vec<u8>, Vec<u8>)> {
    t.as_proper_list()
        .unwrap_or_default()
        .iter()
        .filter_map(|h| match h {
            Term::Tuple(kv) => match kv.as_slice() {
                [Term::Binary(k), Term::Binary(v)] => Some((k.clone(), v.clone())),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

fn text(s: &str) -> Term {
    Term::Binary(s.as_bytes().to_vec())
}

/// Where to listen and what to print.
pub struct Options {
    /// The address to listen on (port 0: any free port).
    pub addr: SocketAddr,
}

/// Runs `module` with `args` and serves HTTP on `options.addr` until the program halts;
/// returns its exit status. `effects` are the embedder's (e.g. SQL); HTTP's are added.
/// The address it listens on is printed to standard error once it is ready.
pub fn serve(
    engine: &wasmtime::Engine,
    module: &wasmtime::Module,
    args: &[String],
    effects: Effects,
    options: &Options,
) -> Result<i32, String> {
    let requests = Rc::new(RefCell::new(Requests::default()));
    let effects = effects.with(HttpEffect { requests: requests.clone() });
    let mut program = Service::start(engine, module, args, effects).map_err(|e| e.to_string())?;

    // Run the program's start until it waits (its entry starts Beamwasm.HTTP).
    let mut timer: Option<Instant> = None;
    match program.step().map_err(|e| e.to_string())? {
        Step::Halted(code) => return Ok(code),
        Step::Timer(ms) => timer = Some(Instant::now() + Duration::from_millis(ms)),
        Step::Waiting => {}
    }

    let listener = std::net::TcpListener::bind(options.addr).map_err(|e| format!("cannot listen on {}: {e}", options.addr))?;
    listener.set_nonblocking(true).map_err(|e| e.to_string())?;
    let local = listener.local_addr().map_err(|e| e.to_string())?;
    let (tx, rx) = mpsc::channel::<Incoming1>();
    std::thread::Builder::new()
        .name("beamwasm-serve-http".into())
        .spawn(move || accept_loop(listener, tx))
        .map_err(|e| e.to_string())?;
    eprintln!("beamwasm serve: listening on http://{local}");

    let mut next_ref: i64 = 0;
    let mut by_call: HashMap<u32, i64> = HashMap::new();
    loop {
        // Wait for a request, or for the next timer.
        let incoming = match timer {
            Some(at) => match rx.recv_timeout(at.saturating_duration_since(Instant::now())) {
                Ok(r) => Some(r),
                Err(mpsc::RecvTimeoutError::Timeout) => None,
                Err(mpsc::RecvTimeoutError::Disconnected) => return Err("the HTTP server stopped".into()),
            },
            None => Some(rx.recv().map_err(|_| "the HTTP server stopped".to_string())?),
        };
        if let Some(req) = incoming {
            next_ref += 1;
            let r = next_ref;
            let term = request_term(&req, r);
            requests.borrow_mut().by_ref.insert(r, Pending { respond: Some(req.respond), stream: None });
            match program.call(HTTP_SERVICE, &beam::etf::encode(&term)).map_err(|e| e.to_string())? {
                Ok(id) => {
                    by_call.insert(id, r);
                }
                Err(why) => {
                    let text = format!("beamwasm serve: no HTTP handler is running ({why}): the program's entry should call Beamwasm.HTTP.serve/1\n");
                    eprint!("{text}");
                    answer(&requests, r, plain(503, &text));
                }
            }
        }
        let step = program.step().map_err(|e: HostError| e.to_string())?;
        for reply in program.take_replies() {
            let Some(r) = by_call.remove(&reply.id) else { continue };
            finish(&requests, r, &reply);
        }
        timer = None;
        match step {
            Step::Halted(code) => return Ok(code),
            Step::Timer(ms) => timer = Some(Instant::now() + Duration::from_millis(ms)),
            Step::Waiting => {
                // Nothing can answer the requests still open: no process can run and no
                // timer is pending.
                for (_, r) in by_call.drain() {
                    answer(&requests, r, plain(500, "beamwasm serve: every process is waiting and none answered\n"));
                }
            }
        }
    }
}

fn plain(status: u16, text: &str) -> Head {
    Head {
        status,
        headers: vec![(b"content-type".to_vec(), b"text/plain; charset=utf-8".to_vec())],
        body: Body::Full(Some(Bytes::from(text.to_string()))),
    }
}

/// Sends `head` for request `r`, unless its response has started.
fn answer(requests: &Rc<RefCell<Requests>>, r: i64, head: Head) {
    if let Some(p) = requests.borrow_mut().by_ref.remove(&r) {
        if let Some(respond) = p.respond {
            let _ = respond.send(head);
        }
    }
}

/// The call's answer: a whole response, or the end of a streamed one.
fn finish(requests: &Rc<RefCell<Requests>>, r: i64, reply: &beamwasm_host_wasmtime::Reply) {
    let term = if reply.status == 0 { beam::etf::decode(&reply.bytes).ok() } else { None };
    match term {
        Some(Term::Tuple(t)) if matches!(t.first(), Some(Term::Atom(a)) if a == "response") => match t.as_slice() {
            [_, Term::Int(status), headers, Term::Binary(body)] => answer(
                requests,
                r,
                Head {
                    status: u16::try_from(*status).unwrap_or(500),
                    headers: header_list(headers),
                    body: Body::Full(Some(Bytes::from(body.clone()))),
                },
            ),
            _ => answer(requests, r, plain(500, "beamwasm serve: the handler answered a malformed response\n")),
        },
        Some(Term::Tuple(t)) if matches!(t.first(), Some(Term::Atom(a)) if a == "websocket") => {
            // Beamwasm.WebSocket.upgrade/2: only a Durable Object accepts WebSockets.
            answer(requests, r, plain(501, "beamwasm serve does not accept WebSockets (a Durable Object on workerd does)\n"))
        }
        Some(Term::Atom(a)) if a == "streamed" => {
            requests.borrow_mut().by_ref.remove(&r);
        }
        Some(Term::Atom(a)) if a == "stream_failed" => {
            if let Some(p) = requests.borrow_mut().by_ref.remove(&r) {
                if let Some(tx) = p.stream {
                    let _ = tx.send(Err(std::io::Error::other("the handler failed while streaming")));
                }
            }
        }
        _ => answer(requests, r, plain(500, "Internal Server Error\n")),
    }
}

/// The request as Beamwasm.HTTP takes it (the same map the JS host builds).
fn request_term(req: &Incoming1, r: i64) -> Term {
    let headers = req
        .headers
        .iter()
        .map(|(k, v)| Term::tuple(vec![text(k), Term::Binary(v.clone())]))
        .collect();
    Term::tuple(vec![
        Term::atom("http_request"),
        Term::Map(vec![
            (Term::atom("ref"), Term::Int(r)),
            (Term::atom("method"), text(&req.method)),
            (Term::atom("scheme"), text(req.scheme)),
            (Term::atom("host"), text(&req.host)),
            (Term::atom("port"), Term::Int(i64::from(req.port))),
            (Term::atom("path"), text(&req.path)),
            (Term::atom("query"), text(&req.query)),
            (Term::atom("headers"), Term::list(headers)),
            (Term::atom("body"), Term::Binary(req.body.clone())),
            (Term::atom("remote_ip"), text(&req.remote_ip)),
        ]),
    ])
}

/// tokio's thread: accepts connections and serves HTTP/1.1 on each.
fn accept_loop(listener: std::net::TcpListener, tx: mpsc::Sender<Incoming1>) {
    let Ok(rt) = tokio::runtime::Builder::new_current_thread().enable_all().build() else {
        eprintln!("beamwasm serve: cannot start the I/O runtime");
        return;
    };
    rt.block_on(async move {
        let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
            eprintln!("beamwasm serve: cannot use the socket");
            return;
        };
        let local = listener.local_addr().ok();
        loop {
            let Ok((stream, peer)) = listener.accept().await else { continue };
            let tx = tx.clone();
            tokio::spawn(async move {
                let service = hyper::service::service_fn(move |req| handle(req, peer, local, tx.clone()));
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                    .await;
            });
        }
    });
}

async fn handle(
    req: hyper::Request<Incoming>,
    peer: SocketAddr,
    local: Option<SocketAddr>,
    tx: mpsc::Sender<Incoming1>,
) -> Result<hyper::Response<Body>, Infallible> {
    let (parts, body) = req.into_parts();
    let body = match body.collect().await {
        Ok(b) => b.to_bytes().to_vec(),
        Err(_) => return Ok(response(plain(400, "cannot read the request body\n"))),
    };
    let host_header = parts.headers.get(hyper::header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("localhost");
    let (host, port) = match host_header.rsplit_once(':') {
        Some((h, p)) if p.parse::<u16>().is_ok() => (h.to_string(), p.parse::<u16>().unwrap_or(80)),
        _ => (host_header.to_string(), local.map_or(80, |a| a.port())),
    };
    let (respond, response_rx) = oneshot::channel();
    let incoming = Incoming1 {
        method: parts.method.as_str().to_string(),
        scheme: "http",
        host,
        port,
        path: parts.uri.path().to_string(),
        query: parts.uri.query().unwrap_or("").to_string(),
        headers: parts.headers.iter().map(|(k, v)| (k.as_str().to_string(), v.as_bytes().to_vec())).collect(),
        body,
        remote_ip: peer.ip().to_string(),
        respond,
    };
    if tx.send(incoming).is_err() {
        return Ok(response(plain(503, "the program has ended\n")));
    }
    match response_rx.await {
        Ok(head) => Ok(response(head)),
        Err(_) => Ok(response(plain(500, "the program did not answer\n"))),
    }
}

fn response(head: Head) -> hyper::Response<Body> {
    let mut res = hyper::Response::new(head.body);
    *res.status_mut() = hyper::StatusCode::from_u16(head.status).unwrap_or(hyper::StatusCode::INTERNAL_SERVER_ERROR);
    for (k, v) in head.headers {
        if let (Ok(k), Ok(v)) = (hyper::header::HeaderName::from_bytes(&k), hyper::header::HeaderValue::from_bytes(&v)) {
            res.headers_mut().append(k, v);
        }
    }
    res
}
