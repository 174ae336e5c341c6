# config.capnp — workerd configuration for the todos API (worker.js).
#   workerd serve examples/workerd/todos/config.capnp \
#     --socket-addr http=127.0.0.1:8790 --directory-path do-storage=/path/to/state
# Each list's SQLite database lives in the `do-storage` directory, so it survives a restart.
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .todosWorker),
    (name = "do-storage", disk = (path = "do-storage", writable = true)),
  ],
  sockets = [ (name = "http", address = "127.0.0.1:8790", http = (), service = "main") ],
);

const todosWorker :Workerd.Worker = (
  compatibilityDate = "2026-11-01",
  modules = [
    (name = "examples/workerd/todos/worker.js", esModule = embed "worker.js"),
    (name = "examples/workerd/build/todos.wasm", wasm = embed "../build/todos.wasm"),
    (name = "js/src/workerd.js", esModule = embed "../../../js/src/workerd.js"),
    (name = "js/src/host.js", esModule = embed "../../../js/src/host.js"),
    (name = "js/src/durable.js", esModule = embed "../../../js/src/durable.js"),
    (name = "js/src/sql.js", esModule = embed "../../../js/src/sql.js"),
    (name = "js/src/http.js", esModule = embed "../../../js/src/http.js"),
    (name = "js/src/imports.js", esModule = embed "../../../js/src/imports.js"),
    (name = "js/src/staging.js", esModule = embed "../../../js/src/staging.js"),
    (name = "js/src/output.js", esModule = embed "../../../js/src/output.js"),
    (name = "js/src/common.js", esModule = embed "../../../js/src/common.js"),
    (name = "js/src/memfs.js", esModule = embed "../../../js/src/memfs.js"),
    (name = "js/src/digest.js", esModule = embed "../../../js/src/digest.js"),
    (name = "js/src/etf.js", esModule = embed "../../../js/src/etf.js"),
  ],
  durableObjectNamespaces = [
    (className = "TodoList", uniqueKey = "beamwasm-todos", enableSql = true),
  ],
  durableObjectStorage = (localDisk = "do-storage"),
  bindings = [
    (name = "TODOS", durableObjectNamespace = "TodoList"),
  ],
);
