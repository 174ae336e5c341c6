//! What a function's call sites pass: for chosen calls, which atoms and which of the
//! function's own parameters can be in each argument register.
//!
//! Expects: one function's instructions and its entry label. Guarantees: for each chosen
//! call, one [`Val`] per argument that over-approximates what the register can hold when
//! the call runs: every atom it can hold is in [`Val::atoms`], every parameter whose entry
//! value it can hold is in [`Val::params`], and [`Val::unknown`] is set whenever it can
//! hold anything else the analysis does not track (a tuple element, a call's result, a
//! message). A value that is none of these is something that cannot be an atom (a list or
//! tuple the function builds, a number). The linker uses it to follow a callback module
//! to where it is named ([`crate::link`]).
//!
//! A forward data-flow analysis over the function's blocks ([`crate::cfg`], with calls not
//! splitting blocks). Registers are tracked through `move`, `swap`, `trim` and the frame
//! instructions; any instruction not modelled makes every x register and the y registers
//! it names unknown, which only ever loses precision.

use std::collections::BTreeSet;

use beam::{Instruction, Opcode, Operand, Register, Term};

use crate::cfg::{self, CallKind, Terminator};
use crate::program::{Function, Module};
use crate::HashMap;
use crate::regstate::{kill, kill_x, kill_y, swap, trim};

/// What a register can hold.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Val {
    /// Atoms it can hold.
    pub atoms: BTreeSet<String>,
    /// Atoms made at run time it can hold, by the prefix of their names
    /// ([`ATOM_MAKERS`]: `elixir_utils:macro_name/1` makes `'MACRO-...'`).
    pub prefixes: BTreeSet<String>,
    /// Parameters (by register number) whose value at the function's entry it can hold.
    pub params: BTreeSet<u32>,
    /// Whether it can hold a value the analysis does not follow.
    pub unknown: bool,
}

impl Val {
    fn top() -> Val {
        Val { unknown: true, ..Val::default() }
    }

    fn join(&mut self, other: &Val) {
        self.atoms.extend(other.atoms.iter().cloned());
        self.prefixes.extend(other.prefixes.iter().cloned());
        self.params.extend(other.params.iter().copied());
        self.unknown |= other.unknown;
    }
}

/// Functions that return an atom they make at run time from a literal prefix and their
/// argument: (module, function, arity, prefix). Elixir names macros' functions this way
/// (`elixir_utils:macro_name(if)` is `'MACRO-if'`), and `elixir_dispatch` calls them.
pub const ATOM_MAKERS: &[(&str, &str, u32, &str)] = &[("elixir_utils", "macro_name", 1, "MACRO-")];

/// Register contents; a register that is absent holds an unknown value.
type State = HashMap<Register, Val>;

fn join_states(into: &mut State, from: &State) -> bool {
    let mut changed = false;
    into.retain(|r, v| match from.get(r) {
        Some(w) => {
            let before = (v.atoms.len(), v.prefixes.len(), v.params.len(), v.unknown);
            v.join(w);
            changed |= before != (v.atoms.len(), v.prefixes.len(), v.params.len(), v.unknown);
            !v.unknown
        }
        None => {
            changed = true;
            false
        }
    });
    changed
}

struct NoCalls;

impl CallKind for NoCalls {
    fn calls_compiled(&self, _: &Instruction) -> bool {
        false
    }
}

/// The argument values of the calls `arity_of` picks (it gives a call's arity, or None
/// for instructions of no interest), by instruction index within `code`. None when the
/// function's control flow cannot be analysed.
pub fn call_args(
    m: &Module,
    func: &Function,
    code: &[Instruction],
    arity_of: &dyn Fn(&Instruction) -> Option<u32>,
) -> Option<HashMap<usize, Vec<Val>>> {
    values_at(m, func, code, &|ins: &Instruction| arity_of(ins).map(|a| (0..a).map(Operand::X).collect()))
}

/// The values of the operands `wanted` picks at chosen instructions (e.g. a call's argument
/// registers, or the free variables a `make_fun3` captures), before the instruction runs,
/// by instruction index within `code`. None when the function's control flow cannot be
/// analysed.
pub fn values_at(
    m: &Module,
    func: &Function,
    code: &[Instruction],
    wanted: &dyn Fn(&Instruction) -> Option<Vec<Operand>>,
) -> Option<HashMap<usize, Vec<Val>>> {
    let cfg = cfg::build(code, func.entry, &NoCalls).ok()?;
    let n = cfg.blocks.len();
    let mut input: Vec<Option<State>> = vec![None; n];
    let mut work: Vec<usize> = Vec::new();
    let entry_state: State = (0..func.arity).map(|j| (Register::X(j), Val { params: [j].into(), ..Val::default() })).collect();
    let seed = |b: usize, s: State, input: &mut Vec<Option<State>>, work: &mut Vec<usize>| match input.get_mut(b) {
        Some(slot @ None) => {
            *slot = Some(s);
            work.push(b);
        }
        Some(Some(cur)) => {
            if join_states(cur, &s) {
                work.push(b);
            }
        }
        None => {}
    };
    // The root: the entry, and (when the function can re-enter) its catch handlers, where
    // every register is unknown. Resume points get their state from their predecessors.
    match &cfg.blocks.first()?.term {
        Terminator::Goto(b) => seed(*b, entry_state, &mut input, &mut work),
        Terminator::Dispatch(targets) => {
            let mut targets = targets.iter();
            if let Some(&b) = targets.next() {
                seed(b, entry_state, &mut input, &mut work);
            }
            for ins in code {
                if let (Opcode::Try | Opcode::Catch, [_, Operand::Label(l)]) = (ins.op, ins.args.as_slice()) {
                    if let Some(&b) = cfg.label_block.get(l) {
                        seed(b, State::default(), &mut input, &mut work);
                    }
                }
            }
        }
        _ => return None,
    }
    while let Some(b) = work.pop() {
        let Some(Some(mut s)) = input.get(b).cloned() else { continue };
        let block = cfg.blocks.get(b)?;
        for ins in code.get(block.instrs.clone())? {
            step(m, ins, &mut s);
        }
        let succs = match &block.term {
            Terminator::Suspend(t) => vec![*t],
            Terminator::WaitTimeout { check, next } => vec![*check, *next],
            Terminator::Dispatch(_) => vec![],
            t => t.successors(),
        };
        for t in succs {
            seed(t, s.clone(), &mut input, &mut work);
        }
    }
    let mut out = HashMap::default();
    for (b, block) in cfg.blocks.iter().enumerate() {
        let Some(Some(mut s)) = input.get(b).cloned() else { continue };
        for i in block.instrs.clone() {
            let ins = code.get(i)?;
            if let Some(ops) = wanted(ins) {
                out.insert(i, ops.iter().map(|o| eval(m, o, &s)).collect());
            }
            step(m, ins, &mut s);
        }
    }
    Some(out)
}

/// The value an operand denotes.
fn eval(m: &Module, o: &Operand, s: &State) -> Val {
    match o {
        Operand::Atom(a) => Val { atoms: [m.atom(*a).to_string()].into(), ..Val::default() },
        Operand::Nil | Operand::Integer(_) | Operand::Float(_) | Operand::Char(_) => Val::default(),
        Operand::Literal(i) => match m.beam.literals.get(*i as usize) {
            Some(Term::Atom(a)) => Val { atoms: [a.clone()].into(), ..Val::default() },
            Some(_) => Val::default(),
            None => Val::top(),
        },
        _ => match o.register() {
            Some(r) => s.get(&r).cloned().unwrap_or_else(Val::top),
            None => Val::top(),
        },
    }
}

fn set(s: &mut State, r: Register, v: Val) {
    if v.unknown {
        s.remove(&r);
    } else {
        s.insert(r, v);
    }
}

/// The effect of one instruction on the registers.
fn step(m: &Module, ins: &Instruction, s: &mut State) {
    use Opcode::*;
    match (ins.op, ins.args.as_slice()) {
        (Move, [src, dst]) => {
            let v = eval(m, src, s);
            if let Some(r) = dst.register() {
                set(s, r, v);
            }
        }
        (Swap, [a, b]) => swap(s, a, b),
        // No register changes.
        (
            Label | Line | FuncInfo | Jump | TestHeap | IsLt | IsGe | IsEq | IsNe | IsEqExact | IsNeExact | IsInteger
            | IsFloat | IsNumber | IsAtom | IsPid | IsReference | IsPort | IsNil | IsBinary | IsList | IsNonemptyList
            | IsTuple | TestArity | IsFunction | IsFunction2 | IsBoolean | IsBitstr | IsMap | HasMapFields
            | IsTaggedTuple | SelectVal | SelectTupleArity | ExecutableLine | DebugLine,
            _,
        ) => {}
        // A new or released frame: its y registers hold nothing known.
        (Allocate | AllocateZero | AllocateHeap | AllocateHeapZero | Deallocate, _) => kill_y(s),
        // `trim N _` drops the frame's first N slots: y(i + N) becomes y(i).
        (Trim, [Operand::Unsigned(n), _]) => trim(s, *n as u32),
        // These write only the y registers they name.
        (Init | InitYregs | Try | Catch | TryEnd, args) => args.iter().for_each(|a| kill(s, a)),
        // Terms the function builds: never atoms.
        (PutList, [_, _, dst]) | (PutTuple2, [dst, _]) => {
            if let Some(r) = dst.register() {
                set(s, r, Val::default());
            }
        }
        (GetTupleElement, [_, _, dst]) | (GetHd, [_, dst]) | (GetTl, [_, dst]) => kill(s, dst),
        (GetList, [_, h, t]) => {
            kill(s, h);
            kill(s, t);
        }
        // A BIF writes its destination only.
        (Bif0 | Bif1 | Bif2 | GcBif1 | GcBif2 | GcBif3, args) => {
            if let Some(dst) = args.last() {
                kill(s, dst);
            }
        }
        // A caught exception: its class is in x0, one of three atoms.
        (TryCase, _) => {
            kill_x(s);
            ins.args.iter().for_each(|a| kill(s, a));
            let classes = ["error", "exit", "throw"].iter().map(|c| c.to_string()).collect();
            s.insert(Register::X(0), Val { atoms: classes, ..Val::default() });
        }
        // A call leaves its result in x0 and nothing known in the other x registers.
        (CallExt, [_, Operand::Unsigned(imp)]) => {
            kill_x(s);
            if let Some(mfa) = m.import(*imp as u32) {
                let made = ATOM_MAKERS.iter().find(|(mm, f, a, _)| mfa.module == *mm && mfa.function == *f && mfa.arity == *a);
                if let Some((_, _, _, prefix)) = made {
                    s.insert(Register::X(0), Val { prefixes: [prefix.to_string()].into(), ..Val::default() });
                }
            }
        }
        (Call | CallExt | Apply | CallFun | CallFun2, _) => kill_x(s),
        _ => {
            kill_x(s);
            ins.args.iter().for_each(|a| kill(s, a));
        }
    }
}

#[cfg(test)]
mod tests {
    //! Checked on the installed OTP and Elixir modules (skipped where they are missing).
    use super::*;
    use crate::Mfa;

    fn load(path: &str) -> Option<Module> {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(_) => {
                // OTP's application directories carry a version: try the installed one.
                let (dir, file) = path.rsplit_once("/ebin/")?;
                let (root, app) = dir.rsplit_once('/')?;
                let entry = std::fs::read_dir(root).ok()?.flatten().find(|e| {
                    e.file_name().to_string_lossy().starts_with(&format!("{app}-"))
                })?;
                std::fs::read(entry.path().join("ebin").join(file)).ok()?
            }
        };
        let beam = beam::BeamFile::parse(&bytes).ok()?;
        Module::new(beam, &bytes).ok()
    }

    /// The arguments of every call to `callee` in `m`'s `function/arity`, in code order.
    fn args_at(m: &Module, function: &str, arity: u32, callee: &str) -> Vec<Vec<Val>> {
        let Some(func) = m.by_name.get(&(function.to_string(), arity)).and_then(|&f| m.functions.get(f)) else {
            panic!("{} has no {function}/{arity}", m.name)
        };
        let code = m.beam.code.instructions.get(func.start..func.end).unwrap_or_default();
        let callee_of = |ins: &Instruction| -> Option<Mfa> {
            match (ins.op, ins.args.as_slice()) {
                (Opcode::CallExt | Opcode::CallExtLast | Opcode::CallExtOnly, [_, Operand::Unsigned(imp), ..]) => {
                    m.import(*imp as u32)
                }
                (Opcode::Call | Opcode::CallLast | Opcode::CallOnly, [_, Operand::Label(l), ..]) => {
                    m.label_function.get(l).map(|&f| m.mfa(f))
                }
                _ => None,
            }
        };
        let arity_of = |ins: &Instruction| callee_of(ins).filter(|c| c.to_string() == callee).map(|c| c.arity);
        let Some(sites) = call_args(m, func, code, &arity_of) else { panic!("{function}/{arity} cannot be analysed") };
        let mut sites: Vec<(usize, Vec<Val>)> = sites.into_iter().collect();
        sites.sort_by_key(|(i, _)| *i);
        sites.into_iter().map(|(_, a)| a).collect()
    }

    fn atoms(v: &Val) -> Vec<&str> {
        v.atoms.iter().map(String::as_str).collect()
    }

    #[test]
    fn a_module_chosen_by_a_case_is_both_atoms() {
        // Path.wildcard/2 picks Path.Wildcard or :file in a case, keeps it in a y register
        // across a call and trims the frame before handing it to filelib.
        let Some(m) = load("/usr/lib/elixir/lib/elixir/ebin/Elixir.Path.beam") else { return };
        let sites = args_at(&m, "wildcard", 2, "filelib:wildcard/2");
        assert_eq!(sites.len(), 1);
        let v = &sites[0][1];
        assert_eq!(atoms(v), ["Elixir.Path.Wildcard", "file"]);
        assert!(!v.unknown && v.params.is_empty());
    }

    #[test]
    fn a_module_parameter_is_followed_to_the_parameter() {
        // GenServer.do_start/4 passes its `module` parameter to :gen.start in every clause.
        let Some(m) = load("/usr/lib/elixir/lib/elixir/ebin/Elixir.GenServer.beam") else { return };
        let five = args_at(&m, "do_start", 4, "gen:start/5");
        let six = args_at(&m, "do_start", 4, "gen:start/6");
        assert!(!five.is_empty() && !six.is_empty());
        for v in five.iter().map(|a| &a[2]).chain(six.iter().map(|a| &a[3])) {
            assert_eq!(v.params, [1].into());
            assert!(!v.unknown && v.atoms.is_empty());
        }
    }

    #[test]
    fn a_function_parameter_reaches_apply_inside_a_try() {
        // logger_server:call_h(Module, Function, Args, Default) applies its parameters
        // inside a `try`.
        let Some(m) = load("/usr/lib/erlang/lib/kernel/ebin/logger_server.beam") else { return };
        let sites = args_at(&m, "call_h", 4, "erlang:apply/3");
        assert_eq!(sites.len(), 1);
        assert_eq!(sites[0][0].params, [0].into());
        assert_eq!(sites[0][1].params, [1].into());
        assert!(!sites[0][1].unknown);
    }

    #[test]
    fn a_tuple_element_is_unknown() {
        // Logger.Watcher's init/1 takes the handler module out of its argument tuple.
        let Some(m) = load("/usr/lib/elixir/lib/logger/ebin/Elixir.Logger.Watcher.beam") else { return };
        let sites = args_at(&m, "init", 1, "gen_event:add_sup_handler/3");
        assert!(!sites.is_empty());
        assert!(sites.iter().all(|a| a[1].unknown));
    }
}
