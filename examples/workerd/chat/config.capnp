# config.capnp — workerd configuration for the chat rooms and their lobby (worker.js).
#   workerd serve examples/workerd/chat/config.capnp \
#     --socket-addr http=127.0.0.1:8791 --directory-path do-storage=/path/to/state
# Each room's and the lobby's SQLite databases live in the `do-storage` directory, so they
# survive a restart.
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .chatWorker),
    (name = "do-storage", disk = (path = "do-storage", writable = true)),
  ],
  sockets = [ (name = "http", address = "127.0.0.1:8791", http = (), service = "main") ],
);

const chatWorker :Workerd.Worker = (
  compatibilityDate = "2026-11-01",
  modules = [
    (name = "examples/workerd/chat/worker.js", esModule = embed "worker.js"),
    (name = "examples/workerd/build/chat.wasm", wasm = embed "../build/chat.wasm"),
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
    (className = "Room", uniqueKey = "beamwasm-chat-rooms", enableSql = true),
    (className = "Lobby", uniqueKey = "beamwasm-chat-lobby", enableSql = true),
  ],
  durableObjectStorage = (localDisk = "do-storage"),
  bindings = [
    (name = "ROOMS", durableObjectNamespace = "Room"),
    (name = "LOBBY", durableObjectNamespace = "Lobby"),
  ],
);
