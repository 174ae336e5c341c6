;; host.wat — everything the module imports from its host (module "bw", version 1), and
;; the linear memory through which bytes cross the boundary. See docs/ABI.md §6.

;; Writes `len` bytes at `ptr` to file descriptor `fd` (1: stdout, 2: stderr).
(import "bw" "write" (func $host.write (param $fd i32) (param $ptr i32) (param $len i32)))

;; Reads a clock in nanoseconds: 0 monotonic, 1 system (since the Unix epoch), 2 the
;; local time zone's offset from UTC now.
(import "bw" "clock" (func $host.clock (param $which i32) (result i64)))

;; Writes the wasm frames on the stack, innermost first, at address 0 as pairs of u32
;; (function index, module offset), at most `max` of them; returns how many it wrote.
;; A host that cannot see its stack returns 0 (stack traces are then empty).
(import "bw" "backtrace" (func $host.backtrace (param $max i32) (result i32)))

;; Fills `len` bytes at `ptr` with cryptographically random bytes.
(import "bw" "random" (func $host.random (param $ptr i32) (param $len i32)))

;; Imports that return bytes follow the result convention (docs/ABI.md §6): r >= 0, r
;; payload bytes at address 0; r < 0, -r bytes at address 0 naming the error as an atom.

;; The environment: one variable's value, or every `NAME=VALUE\0`.
(import "bw" "env_get" (func $host.env_get (param $name i32) (param $len i32) (result i32)))
(import "bw" "env_list" (func $host.env_list (result i32)))

;; Files (real ones on the command line and Node, a virtual file system elsewhere).
(import "bw" "file_read" (func $host.file_read (param $path i32) (param $len i32) (result i32)))
(import "bw" "file_write" (func $host.file_write (param $path i32) (param $plen i32) (param $data i32) (param $dlen i32) (param $append i32) (result i32)))
(import "bw" "file_delete" (func $host.file_delete (param $path i32) (param $len i32) (result i32)))
(import "bw" "file_mkdir" (func $host.file_mkdir (param $path i32) (param $len i32) (result i32)))
(import "bw" "file_rmdir" (func $host.file_rmdir (param $path i32) (param $len i32) (result i32)))
(import "bw" "file_list" (func $host.file_list (param $path i32) (param $len i32) (result i32)))
(import "bw" "file_stat" (func $host.file_stat (param $path i32) (param $len i32) (param $follow i32) (result i32)))
(import "bw" "file_cwd" (func $host.file_cwd (result i32)))

;; Open files (prim_file's NIFs, prim_file.wat). A handle is a small integer the host
;; chooses. `mode` bits: 1 read, 2 write, 4 append, 8 exclusive. Reads return up to `n`
;; bytes, fewer only at the end of the file; fd_seek's result is the new position as 8
;; bytes; fd_control's `op` is 0 truncate at the position, 1 sync, 2 sync the data.
(import "bw" "file_open" (func $host.file_open (param $path i32) (param $len i32) (param $mode i32) (result i32)))
(import "bw" "fd_close" (func $host.fd_close (param $h i32) (result i32)))
(import "bw" "fd_read" (func $host.fd_read (param $h i32) (param $n i32) (result i32)))
(import "bw" "fd_pread" (func $host.fd_pread (param $h i32) (param $at i64) (param $n i32) (result i32)))
(import "bw" "fd_write" (func $host.fd_write (param $h i32) (param $ptr i32) (param $len i32) (result i32)))
(import "bw" "fd_pwrite" (func $host.fd_pwrite (param $h i32) (param $at i64) (param $ptr i32) (param $len i32) (result i32)))
(import "bw" "fd_seek" (func $host.fd_seek (param $h i32) (param $whence i32) (param $off i64) (result i32)))
(import "bw" "fd_control" (func $host.fd_control (param $h i32) (param $op i32) (result i32)))
;; fd_stat stages the file_stat record of an open file.
(import "bw" "fd_stat" (func $host.fd_stat (param $h i32) (result i32)))
;; Names: rename, permission bits, access and modification times (POSIX seconds), the
;; working directory, links (`kind` 0 symbolic, 1 hard: `to` becomes a link to `from`)
;; and a symbolic link's target.
(import "bw" "file_rename" (func $host.file_rename (param $from i32) (param $flen i32) (param $to i32) (param $tlen i32) (result i32)))
(import "bw" "file_chmod" (func $host.file_chmod (param $path i32) (param $len i32) (param $mode i32) (result i32)))
(import "bw" "file_set_times" (func $host.file_set_times (param $path i32) (param $len i32) (param $atime i64) (param $mtime i64) (result i32)))
(import "bw" "file_chdir" (func $host.file_chdir (param $path i32) (param $len i32) (result i32)))
(import "bw" "file_link" (func $host.file_link (param $kind i32) (param $from i32) (param $flen i32) (param $to i32) (param $tlen i32) (result i32)))
(import "bw" "file_readlink" (func $host.file_readlink (param $path i32) (param $len i32) (result i32)))

;; Digests (crypto.wat): `alg` 1 sha, 2 sha224, 3 sha256, 4 sha384, 5 sha512, 6 md5,
;; 7..10 sha3_224..sha3_512, 11 blake2b, 12 blake2s; the digest, or `notsup`.
(import "bw" "crypto_hash" (func $host.crypto_hash (param $alg i32) (param $ptr i32) (param $len i32) (result i32)))
(import "bw" "crypto_hmac" (func $host.crypto_hmac (param $alg i32) (param $key i32) (param $klen i32) (param $data i32) (param $dlen i32) (result i32)))

;; Key-value storage that outlives the program (a Durable Object's storage on workerd).
(import "bw" "storage_get" (func $host.storage_get (param $key i32) (param $klen i32) (result i32)))
(import "bw" "storage_put" (func $host.storage_put (param $key i32) (param $klen i32) (param $val i32) (param $vlen i32) (result i32)))
(import "bw" "storage_delete" (func $host.storage_delete (param $key i32) (param $klen i32) (result i32)))

;; The host channel (hostcall.wat): a request term {Op, Args} in the external term format
;; at `ptr`; the answer is a term the same way, by the result convention (`unwired`: this
;; host has no such effect).
(import "bw" "host_call" (func $host.host_call (param $ptr i32) (param $len i32) (result i32)))

;; The answer to a call the host made with bw_call: status 0, term_to_binary(Reply);
;; status 1, term_to_binary(Reason) when the called process exited first.
(import "bw" "reply" (func $host.reply (param $id i32) (param $status i32) (param $ptr i32) (param $len i32)))

;; The staging area: bytes going to or coming from the host are copied here first.
(memory $mem (export "memory") 1)
(global $staging_size i32 (i32.const 65536))
