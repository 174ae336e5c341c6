;; hooks.wat — functions whose bodies the compiler generates for each program (docs/ABI.md
;; §1). The bodies here are placeholders; the compiler replaces them.

;; Start-up: registers the atoms compiled code holds in globals; publishes export funs.
(func $hook:init unreachable)
;; The program's entry function, called with the argument list. In a module built with
;; several entries, the one `$entry_choice` names (docs/ABI.md, *Entries*).
(func $hook:entry (param eqref) (result eqref) unreachable)
;; Which entry `hook:entry` runs: the index of an entry of the module's `beamwasm.entries`
;; section, 0 (the first) unless the host chose another before `bw_start`.
(global $entry_choice (mut i32) (i32.const 0))
;; bw_entry(i): chooses the entry to run; the host calls it before `bw_start`, so the
;; program cannot observe the choice. 0 when `i` names an entry, -1 (nothing changed) when not.
(func $select_entry (export "bw_entry") (param $i i32) (result i32)
  (if (i32.or (i32.lt_s (local.get $i) (i32.const 0)) (i32.ge_s (local.get $i) (call $hook:entry_count)))
    (then (return (i32.const -1))))
  (global.set $entry_choice (local.get $i))
  (i32.const 0))
;; How many entries the module holds.
(func $hook:entry_count (result i32) unreachable)
;; The first process's function: beamwasm_boot:start/1.
(func $hook:boot (param eqref) (result eqref) unreachable)
;; erlang:apply/3: call M:F with a list of arguments.
(func $hook:apply_mfa (param eqref eqref eqref) (result eqref) unreachable)
;; erlang:apply/2: call a fun with a list of arguments.
(func $hook:apply_fun (param eqref eqref) (result eqref) unreachable)
;; Calls a saved frame's function: afresh for label 0, in resume mode otherwise.
(func $hook:resume_frame (param (ref $frame)) (result eqref) unreachable)

;; The hooks the runtime takes references to (frames of new processes).
(elem declare func $hook:boot $hook:apply_fun $hook:apply_mfa)

;; The application resource terms ({application, Name, Properties}) the program embeds, as
;; a literal list (compiler: app_link.rs chooses them).
(func $hook:applications (result eqref) unreachable)
;; beamwasm_rt:applications(): what the application controller (beamwasm_applications)
;; loads applications from.
(func $beamwasm_rt:applications/0 (result eqref)
  (return_call $hook:applications))
;; {Root, [{Name, Dir}]}, as binaries: what the code server (beamwasm_services) answers for
;; code:root_dir/0 and code:lib_dir/1,2 (compiler: ModuleSource::lib_dirs, from the
;; installation the program was built against).
(func $hook:lib_dirs (result eqref) unreachable)
(func $beamwasm_rt:lib_dirs/0 (result eqref)
  (return_call $hook:lib_dirs))

;; Whether the program kept M:F/A, exported, as compiled code: what a dynamic call of it
;; reaches (erlang:function_exported/3 also answers true for the functions the linker left
;; out of a module it kept, as the VM would for the loaded module).
(func $hook:function_kept (param $m (ref $atom)) (param $f (ref $atom)) (param $arity i32) (result i32) unreachable)
;; beamwasm_rt:kept(M, F, A): how the runtime's Erlang asks whether the linker kept a
;; service it may start (beamwasm_applications, beamwasm_kernel).
(func $beamwasm_rt:kept/3 (param $m eqref) (param $f eqref) (param $a eqref) (result eqref)
  (if (i32.eqz (i32.and (i32.and (ref.test (ref $atom) (local.get $m)) (ref.test (ref $atom) (local.get $f)))
                        (ref.test (ref i31) (local.get $a))))
    (then (return (call $fail_badarg))))
  (call $bool (call $hook:function_kept (ref.cast (ref $atom) (local.get $m)) (ref.cast (ref $atom) (local.get $f))
    (i31.get_s (ref.cast (ref i31) (local.get $a))))))
