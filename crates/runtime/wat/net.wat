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

;; ---- signals to ports ------------------------------------------------------------------
;; A port's links, exit signals and messages reach its driver process as messages, which
;; it handles as the VM's port does (the spawn driver, erl/beamwasm_spawn.erl; the socket
;; driver ignores them): `Port ! Msg` is {'$port', Sender, Msg}, link/1 and unlink/1
;; {'$link', Pid} and {'$unlink', Pid}, exit/2 {'$exit', Sender, Reason}.

;; Delivers `msg` to the driver of port `port`; 0 when the port is closed.
(func $port_signal (param $port eqref) (param $msg eqref) (result i32)
  (local $p (ref null $proc))
  (local.set $p (call $pid_proc (call $beamwasm_rt:port_driver/1 (local.get $port))))
  (if (call $proc_dead (local.get $p)) (then (return (i32.const 0))))
  (call $deliver (ref.as_non_null (local.get $p)) (local.get $msg))
  (i32.const 1))

;; link/1 on a port: the port learns of the link; a closed port sends noproc back, as a
;; dead process does.
(func $port_link (param $port eqref) (result eqref)
  (if (i32.eqz (call $port_signal (local.get $port) (call $tuple2 (global.get $atom.$link) (call $self_pid))))
    (then (call $exit_signal (call $self_proc) (local.get $port) (global.get $atom.noproc) (i32.const 1))))
  (global.get $atom.true))

(func $port_unlink (param $port eqref) (result eqref)
  (drop (call $port_signal (local.get $port) (call $tuple2 (global.get $atom.$unlink) (call $self_pid))))
  (global.get $atom.true))

(func $port_exit (param $port eqref) (param $reason eqref) (result eqref)
  (drop (call $port_signal (local.get $port) (call $tuple3 (global.get $atom.$exit) (call $self_pid) (local.get $reason))))
  (global.get $atom.true))

;; monitor(port, Port): a monitor on the driver whose 'DOWN' names the port; a closed port
;; answers {'DOWN', Ref, port, Port, noproc} at once.
(func $monitor_port (param $port eqref) (result eqref)
  (local $ref eqref) (local $p (ref null $proc))
  (local.set $ref (call $erlang:make_ref/0))
  (local.set $p (call $pid_proc (call $beamwasm_rt:port_driver/1 (local.get $port))))
  (if (call $proc_dead (local.get $p))
    (then
      (call $deliver (call $self_proc)
        (array.new_fixed $tuple 5 (global.get $atom.DOWN) (local.get $ref) (global.get $atom.port) (local.get $port) (global.get $atom.noproc)))
      (return (local.get $ref))))
  (struct.set $proc $monitors (ref.as_non_null (local.get $p))
    (struct.new $cons (call $tuple4 (local.get $ref) (call $self_pid) (global.get $atom.port) (local.get $port))
      (struct.get $proc $monitors (ref.as_non_null (local.get $p)))))
  (struct.set $proc $watching (call $self_proc)
    (struct.new $cons (call $tuple2 (local.get $ref) (struct.get $proc $pid (ref.as_non_null (local.get $p))))
      (struct.get $proc $watching (call $self_proc))))
  (local.get $ref))

;; beamwasm_rt:port_exit_signal(Port, Pid, Reason, Linked) -> true: an exit signal from the
;; port to a process, through a link (Linked true: a normal reason is ignored unless the
;; process traps exits) or not (badsig to the connected process).
(func $beamwasm_rt:port_exit_signal/4 (param $port eqref) (param $pid eqref) (param $reason eqref) (param $linked eqref) (result eqref)
  (local $p (ref null $proc))
  (local.set $p (call $pid_proc (local.get $pid)))
  (if (call $proc_dead (local.get $p)) (then (return (global.get $atom.true))))
  (call $exit_signal (ref.as_non_null (local.get $p)) (local.get $port) (local.get $reason)
    (ref.eq (local.get $linked) (global.get $atom.true)))
  (global.get $atom.true))
