;; net.wat — ports for TCP sockets (docs/ARCHITECTURE.md, "TCP"). A socket is a real port
;; term, as the VM's inet driver makes; behind it runs a driver process written in Erlang
;; (the runtime's prim_inet, erl/prim_inet.erl) that owns the host socket. The runtime only
;; numbers ports and maps each live one to its driver process; the port BIFs
;; (port_info, port_connect, port_close, port_get_data, port_set_data) are Erlang functions
;; in erl/beamwasm_port.erl that ask the driver (link.rs redirects them).

;; The next port number, and the live ports: a map from the number to the driver's pid.
(global $port_counter (mut i32) (i32.const 16))
(global $ports (mut eqref) (ref.null none))

(func $ports_map (result eqref)
  (if (ref.is_null (global.get $ports))
    (then (global.set $ports (struct.new $fmap (array.new_fixed $tuple 0) (array.new_fixed $tuple 0)))))
  (global.get $ports))

;; beamwasm_rt:port_new(DriverPid) -> Port: a new port, driven by DriverPid.
(func $beamwasm_rt:port_new/1 (param $pid eqref) (result eqref)
  (local $n i32)
  (if (i32.eqz (ref.test (ref $pid) (local.get $pid))) (then (return (call $fail_badarg))))
  (local.set $n (global.get $port_counter))
  (global.set $port_counter (i32.add (local.get $n) (i32.const 1)))
  (global.set $ports (call $map_put (call $ports_map) (ref.i31 (local.get $n)) (local.get $pid)))
  (struct.new $port (local.get $n)))

;; beamwasm_rt:port_driver(Port) -> Pid | undefined: the driver process of a live port.
(func $beamwasm_rt:port_driver/1 (param $port eqref) (result eqref)
  (local $v eqref)
  (if (i32.eqz (ref.test (ref $port) (local.get $port))) (then (return (call $fail_badarg))))
  (local.set $v (call $map_lookup (call $ports_map)
    (ref.i31 (struct.get $port $num (ref.cast (ref $port) (local.get $port))))))
  (if (ref.eq (local.get $v) (global.get $map_absent)) (then (return (global.get $atom.undefined))))
  (local.get $v))

;; beamwasm_rt:port_drop(Port) -> true: the port is closed; it maps to no driver any more.
(func $beamwasm_rt:port_drop/1 (param $port eqref) (result eqref)
  (if (i32.eqz (ref.test (ref $port) (local.get $port))) (then (return (call $fail_badarg))))
  (global.set $ports (call $map_remove (call $ports_map)
    (ref.i31 (struct.get $port $num (ref.cast (ref $port) (local.get $port))))))
  (global.get $atom.true))

;; erlang:ports/0: the live ports, which are the sockets' (the VM also lists its own ports:
;; the standard I/O port and those of its port programs; docs/LIMITATIONS.md).
(func $erlang:ports/0 (result eqref)
  (local $keys eqref) (local $acc eqref) (local $c (ref $cons))
  (local.set $keys (call $map_list (call $ports_map) (i32.const 0)))
  (loop $next
    (if (ref.test (ref $cons) (local.get $keys))
      (then
        (local.set $c (ref.cast (ref $cons) (local.get $keys)))
        (local.set $acc (struct.new $cons
          (struct.new $port (i31.get_s (ref.cast (ref i31) (struct.get $cons $hd (local.get $c)))))
          (local.get $acc)))
        (local.set $keys (struct.get $cons $tl (local.get $c)))
        (br $next))))
  (local.get $acc))
