# config.capnp — workerd configuration for the hello Worker (worker.js).
#   workerd serve examples/workerd/hello/config.capnp --socket-addr http=127.0.0.1:8787
# Module names are repository paths so that worker.js's relative imports resolve as they
# do for wrangler's bundler.
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [ (name = "main", worker = .helloWorker) ],
  sockets = [ (name = "http", address = "127.0.0.1:8787", http = (), service = "main") ],
);

const helloWorker :Workerd.Worker = (
  compatibilityDate = "2026-11-01",
  modules = [
    (name = "examples/workerd/hello/worker.js", esModule = embed "worker.js"),
    (name = "examples/workerd/build/hello.wasm", wasm = embed "../build/hello.wasm"),
    (name = "js/src/workerd.js", esModule = embed "../../../js/src/workerd.js"),
    (name = "js/src/host.js", esModule = embed "../../../js/src/host.js"),
    (name = "js/src/sql.js", esModule = embed "../../../js/src/sql.js"),
    (name = "js/src/http.js", esModule = embed "../../../js/src/http.js"),
    (name = "js/src/etf.js", esModule = embed "../../../js/src/etf.js"),
    (name = "js/src/imports.js", esModule = embed "../../../js/src/imports.js"),
    (name = "js/src/staging.js", esModule = embed "../../../js/src/staging.js"),
    (name = "js/src/output.js", esModule = embed "../../../js/src/output.js"),
    (name = "js/src/common.js", esModule = embed "../../../js/src/common.js"),
    (name = "js/src/memfs.js", esModule = embed "../../../js/src/memfs.js"),
    (name = "js/src/digest.js", esModule = embed "../../../js/src/digest.js"),
  ],
  bindings = [ (name = "PROGRAM_ARGS", text = "[]") ],
);
