;; hooks.wat — functions whose bodies the compiler generates for each program (docs/ABI.md
;; §1). The bodies here are placeholders; the compiler replaces them.

;; Start-up: registers the atoms compiled code holds in globals; publishes export funs.
(func $hook:init unreachable)
;; The program's entry function, called with the argument list.
(func $hook:entry (param eqref) (result eqref) unreachable)
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
