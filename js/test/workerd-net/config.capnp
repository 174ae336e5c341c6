# config.capnp — workerd configuration for js/test/workerd-fetch.test.mjs (worker.js). It
# embeds js/src/cfsockets.js, so gen_tcp has TCP clients here. The
# Worker's and the Durable Object's outbound requests (fetch, and connect() from
# cloudflare:sockets) go through the network service "internet", which this configuration
# opens to loopback ("local"), where the test's servers are. Without it workerd's default
# "internet" allows only public addresses, and a request to 127.0.0.1 is refused. Its TLS
# (TLS sockets, https fetch) trusts the test CA the test writes to build/test-ca.pem before
# starting workerd, and no other: workerd takes no CA from a program (docs/LIMITATIONS.md).
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .netWorker),
    (name = "do-storage", disk = (path = "do-storage", writable = true)),
    (name = "internet", network = (
      allow = ["public", "local"],
      tlsOptions = (trustBrowserCas = false, trustedCertificates = [embed "build/test-ca.pem"]),
    )),
  ],
  sockets = [ (name = "http", address = "127.0.0.1:8790", http = (), service = "main") ],
);

const netWorker :Workerd.Worker = (
  compatibilityDate = "2026-11-01",
  modules = [
    (name = "js/test/workerd-net/worker.js", esModule = embed "worker.js"),
    (name = "js/test/workerd-net/build/fetch_app.wasm", wasm = embed "build/fetch_app.wasm"),
    (name = "js/test/workerd-net/build/tcp_client.wasm", wasm = embed "build/tcp_client.wasm"),
    (name = "js/test/workerd-net/build/tcp_listen.wasm", wasm = embed "build/tcp_listen.wasm"),
    (name = "js/test/workerd-net/build/httpc_report.wasm", wasm = embed "build/httpc_report.wasm"),
    (name = "js/test/workerd-net/build/https_report.wasm", wasm = embed "build/https_report.wasm"),
    (name = "js/test/workerd-net/build/tls_client.wasm", wasm = embed "build/tls_client.wasm"),
    (name = "js/src/cfsockets.js", esModule = embed "../../src/cfsockets.js"),
    (name = "js/src/durable.js", esModule = embed "../../src/durable.js"),
    (name = "js/src/digest.js", esModule = embed "../../src/digest.js"),
    (name = "js/src/workerd.js", esModule = embed "../../src/workerd.js"),
    (name = "js/src/host.js", esModule = embed "../../src/host.js"),
    (name = "js/src/sql.js", esModule = embed "../../src/sql.js"),
    (name = "js/src/http.js", esModule = embed "../../src/http.js"),
    (name = "js/src/imports.js", esModule = embed "../../src/imports.js"),
    (name = "js/src/staging.js", esModule = embed "../../src/staging.js"),
    (name = "js/src/output.js", esModule = embed "../../src/output.js"),
    (name = "js/src/common.js", esModule = embed "../../src/common.js"),
    (name = "js/src/memfs.js", esModule = embed "../../src/memfs.js"),
    (name = "js/src/etf.js", esModule = embed "../../src/etf.js"),
  ],
  durableObjectNamespaces = [
    (className = "FetchObject", uniqueKey = "beamwasm-fetch", enableSql = true),
  ],
  durableObjectStorage = (localDisk = "do-storage"),
  bindings = [
    (name = "FETCH", durableObjectNamespace = "FetchObject"),
  ],
);
