# config.capnp — workerd configuration of the edge benchmarks (worker.js, edge.mjs).
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .benchWorker),
    (name = "do-storage", disk = (path = "do-storage", writable = true)),
  ],
  sockets = [ (name = "http", address = "127.0.0.1:8790", http = (), service = "main") ],
);

const benchWorker :Workerd.Worker = (
  compatibilityDate = "2026-11-01",
  modules = [
    (name = "examples/workerd/bench/worker.js", esModule = embed "worker.js"),
    (name = "examples/workerd/build/hello.wasm", wasm = embed "../build/hello.wasm"),
    (name = "examples/workerd/build/counter.wasm", wasm = embed "../build/counter.wasm"),
    (name = "js/src/workerd.js", esModule = embed "../../../js/src/workerd.js"),
    (name = "js/src/durable.js", esModule = embed "../../../js/src/durable.js"),
    (name = "js/src/host.js", esModule = embed "../../../js/src/host.js"),
    (name = "js/src/etf.js", esModule = embed "../../../js/src/etf.js"),
    (name = "js/src/http.js", esModule = embed "../../../js/src/http.js"),
    (name = "js/src/sql.js", esModule = embed "../../../js/src/sql.js"),
    (name = "js/src/digest.js", esModule = embed "../../../js/src/digest.js"),
    (name = "js/src/imports.js", esModule = embed "../../../js/src/imports.js"),
    (name = "js/src/staging.js", esModule = embed "../../../js/src/staging.js"),
    (name = "js/src/output.js", esModule = embed "../../../js/src/output.js"),
    (name = "js/src/common.js", esModule = embed "../../../js/src/common.js"),
    (name = "js/src/memfs.js", esModule = embed "../../../js/src/memfs.js"),
  ],
  durableObjectNamespaces = [
    (className = "Counter", uniqueKey = "beamwasm-bench-counter", enableSql = true),
    (className = "JsCounter", uniqueKey = "beamwasm-bench-jscounter", enableSql = true),
  ],
  durableObjectStorage = (localDisk = "do-storage"),
  bindings = [
    (name = "COUNTER", durableObjectNamespace = "Counter"),
    (name = "JSCOUNTER", durableObjectNamespace = "JsCounter"),
  ],
);
