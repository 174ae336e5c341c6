# config.capnp — workerd configuration for js/test/workerd.test.mjs (worker.js). The
# objects' SQLite files go to the directory given as do-storage (--directory-path).
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .testWorker),
    (name = "do-storage", disk = (path = "do-storage", writable = true)),
  ],
  sockets = [ (name = "http", address = "127.0.0.1:8789", http = (), service = "main") ],
);

const testWorker :Workerd.Worker = (
  compatibilityDate = "2026-11-01",
  modules = [
    (name = "js/test/workerd/worker.js", esModule = embed "worker.js"),
    (name = "js/test/workerd/build/ticker.wasm", wasm = embed "build/ticker.wasm"),
    (name = "js/test/workerd/build/digests.wasm", wasm = embed "build/digests.wasm"),
    (name = "js/test/workerd/build/http_app.wasm", wasm = embed "build/http_app.wasm"),
    (name = "js/test/workerd/build/sql_app.wasm", wasm = embed "build/sql_app.wasm"),
    (name = "js/test/workerd/build/sql_wait.wasm", wasm = embed "build/sql_wait.wasm"),
    (name = "js/test/workerd/build/objects.wasm", wasm = embed "build/objects.wasm"),
    (name = "js/test/workerd/build/alarms.wasm", wasm = embed "build/alarms.wasm"),
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
    (className = "TickerObject", uniqueKey = "beamwasm-ticker"),
    (className = "HttpObject", uniqueKey = "beamwasm-http", enableSql = true),
    (className = "SqlObject", uniqueKey = "beamwasm-sql", enableSql = true),
    (className = "ObjectsObject", uniqueKey = "beamwasm-objects", enableSql = true),
    (className = "AlarmsObject", uniqueKey = "beamwasm-alarms", enableSql = true),
  ],
  durableObjectStorage = (localDisk = "do-storage"),
  bindings = [
    (name = "TICKER", durableObjectNamespace = "TickerObject"),
    (name = "HTTP", durableObjectNamespace = "HttpObject"),
    (name = "SQL", durableObjectNamespace = "SqlObject"),
    (name = "OBJECTS", durableObjectNamespace = "ObjectsObject"),
    (name = "ALARMS", durableObjectNamespace = "AlarmsObject"),
  ],
);
