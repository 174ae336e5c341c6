;; host.wat — everything the module imports from its host (module "bw", version 1), and
;; the linear memory through which bytes cross the boundary. See docs/ABI.md §6.

;; Writes `len` bytes at `ptr` to file descriptor `fd` (1: stdout, 2: stderr).
(import "bw" "write" (func $host.write (param $fd i32) (param $ptr i32) (param $len i32)))

;; Reads a clock in nanoseconds: 0 monotonic, 1 system (since the Unix epoch).
(import "bw" "clock" (func $host.clock (param $which i32) (result i64)))

;; Writes the wasm frames on the stack, innermost first, at address 0 as pairs of u32
;; (function index, module offset), at most `max` of them; returns how many it wrote.
;; A host that cannot see its stack returns 0 (stack traces are then empty).
(import "bw" "backtrace" (func $host.backtrace (param $max i32) (result i32)))

;; The staging area: bytes going to or coming from the host are copied here first.
(memory $mem (export "memory") 1)
(global $staging_size i32 (i32.const 65536))
