//! Which of a function's calls can run, given the kinds of term its parameters can hold.
//!
//! Expects: one function's instructions, and for each parameter a set of [`Kinds`] that
//! over-approximates every value any caller can pass (the linker joins them over every
//! static call site it follows, and gives every kind to a function that code it does not
//! see can call: a dynamic call's target, a fun, a root, a trapping BIF's continuation).
//! Guarantees: [`analyse`] marks live every instruction that can run in some call whose
//! arguments have those kinds, and gives, for each live call instruction, kinds that
//! over-approximate each argument it passes. An instruction it leaves dead runs in no such
//! call, so the linker need not follow a call there; the code is still emitted, and
//! reaching it would raise `undef` naming the callee.
//!
//! A forward data-flow analysis over the function's blocks ([`crate::cfg`], calls not
//! splitting blocks), with a set of kinds per register (binary, `[]`, cons, atom, map,
//! tuple, integer, float, fun, pid, port, reference). Type tests decide their branch when
//! the kinds allow only one outcome (`is_map` on a register that holds a binary fails) and
//! narrow the register on each branch they test exactly; `is_eq_exact`/`is_ne_exact`
//! against a value of a disjoint kind decide too, and `select_val` drops a case whose value
//! has no kind the register can hold. Every instruction not modelled makes the registers it
//! may write hold anything, which only ever keeps more code live. A clause whose head
//! tests an argument for a kind no caller passes (`String.split/3`'s `%Regex{}` clause,
//! when every caller passes a binary pattern) is dead, and so are its calls.

use beam::{Instruction, Opcode, Operand, Register, Term};

use crate::cfg::{self, CallKind, Terminator};
use crate::program::{Function, Module};
use crate::regstate::{kill, kill_x, kill_y, swap, trim};
use crate::{HashMap, HashSet};

use super::FuncRef;

/// A set of kinds of term, one bit each.
pub type Kinds = u16;

/// A bitstring (a binary included).
pub const BITS: Kinds = 1;
/// The empty list.
pub const NIL: Kinds = 1 << 1;
/// A non-empty list cell.
pub const CONS: Kinds = 1 << 2;
/// An atom.
pub const ATOM: Kinds = 1 << 3;
/// A map.
pub const MAP: Kinds = 1 << 4;
/// A tuple.
pub const TUPLE: Kinds = 1 << 5;
/// An integer.
pub const INT: Kinds = 1 << 6;
/// A float.
pub const FLOAT: Kinds = 1 << 7;
/// A fun.
pub const FUN: Kinds = 1 << 8;
/// A pid.
pub const PID: Kinds = 1 << 9;
/// A port.
pub const PORT: Kinds = 1 << 10;
/// A reference.
pub const REF: Kinds = 1 << 11;
/// Any term.
pub const ALL: Kinds = (1 << 12) - 1;

/// The kind of a literal term.
pub fn of_term(t: &Term) -> Kinds {
    match t {
        Term::Int(_) | Term::BigInt(_) => INT,
        Term::Float(_) => FLOAT,
        Term::Atom(_) => ATOM,
        Term::Nil => NIL,
        Term::List { .. } => CONS,
        Term::Tuple(_) => TUPLE,
        Term::Map(_) => MAP,
        Term::Binary(_) | Term::Bitstring { .. } => BITS,
        Term::ExportFun { .. } | Term::Fun(_) => FUN,
        Term::Pid(_) => PID,
        Term::Port(_) => PORT,
        Term::Ref(_) => REF,
    }
}

/// What the analysis found.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Whether each instruction (by index into the function's code) can run.
    pub live: Vec<bool>,
    /// The kinds of each argument of each live call instruction (`call*`, `call_ext*`).
    pub args: HashMap<usize, Vec<Kinds>>,
}

impl Outcome {
    /// Whether instruction `i` can run.
    pub fn is_live(&self, i: usize) -> bool {
        self.live.get(i).copied().unwrap_or(true)
    }
}

/// The linker's record of what each function's parameters can hold: the join of what the
/// static call sites it has followed pass, or anything for a function that code the
/// analysis does not see can call ([`Narrowing::open`]), or for every function once
/// narrowing is off.
#[derive(Default)]
pub struct Narrowing {
    params: HashMap<FuncRef, Vec<Kinds>>,
    open: HashSet<FuncRef>,
    analysed: HashSet<FuncRef>,
    dirty: Vec<FuncRef>,
    dirty_set: HashSet<FuncRef>,
    off: bool,
    /// How many calls each function has in dead code, by its last analysis.
    pub dead_calls: HashMap<FuncRef, usize>,
}

impl Narrowing {
    /// The kinds `f`'s parameters can hold now (0 for a parameter no call passes yet).
    pub fn params_of(&self, f: FuncRef, arity: u32) -> Vec<Kinds> {
        if self.off || self.open.contains(&f) {
            return vec![ALL; arity as usize];
        }
        self.params.get(&f).cloned().unwrap_or_else(|| vec![0; arity as usize])
    }

    /// `f` has been analysed with its current parameters.
    pub fn analysed(&mut self, f: FuncRef) {
        self.analysed.insert(f);
    }

    /// A static call site passes `g` arguments of kinds `args`.
    pub fn pass(&mut self, g: FuncRef, args: &[Kinds]) {
        let entry = self.params.entry(g).or_insert_with(|| vec![0; args.len()]);
        let mut changed = false;
        for (p, a) in entry.iter_mut().zip(args) {
            let j = *p | *a;
            changed |= j != *p;
            *p = j;
        }
        if changed {
            self.mark(g);
        }
    }

    /// Code the analysis does not see can call `g`: its parameters can hold anything.
    pub fn open(&mut self, g: FuncRef) {
        if self.open.insert(g) {
            self.mark(g);
        }
    }

    /// Whether narrowing is off.
    pub fn is_off(&self) -> bool {
        self.off
    }

    /// Turns narrowing off: every function's every call is followed.
    pub fn turn_off(&mut self) {
        self.off = true;
        let all: Vec<FuncRef> = self.analysed.iter().copied().collect();
        for f in all {
            self.mark(f);
        }
    }

    fn mark(&mut self, g: FuncRef) {
        if self.analysed.contains(&g) && self.dirty_set.insert(g) {
            self.dirty.push(g);
        }
    }

    /// A function whose parameters grew since it was analysed.
    pub fn next_dirty(&mut self) -> Option<FuncRef> {
        let g = self.dirty.pop()?;
        self.dirty_set.remove(&g);
        Some(g)
    }
}

/// Register contents; a register that is absent can hold anything.
type State = HashMap<Register, Kinds>;

struct NoCalls;

impl CallKind for NoCalls {
    fn calls_compiled(&self, _: &Instruction) -> bool {
        false
    }
}

fn join(into: &mut State, from: &State) -> bool {
    let mut changed = false;
    into.retain(|r, k| match from.get(r) {
        Some(w) => {
            let j = *k | *w;
            changed |= j != *k;
            *k = j;
            j != ALL
        }
        None => {
            changed = true;
            false
        }
    });
    changed
}

fn get(m: &Module, o: &Operand, s: &State) -> Kinds {
    match o {
        Operand::Atom(_) => ATOM,
        Operand::Nil => NIL,
        Operand::Integer(_) | Operand::Char(_) => INT,
        Operand::Float(_) => FLOAT,
        Operand::Literal(i) => m.beam.literals.get(*i as usize).map_or(ALL, of_term),
        _ => match o.register() {
            Some(r) => s.get(&r).copied().unwrap_or(ALL),
            None => ALL,
        },
    }
}

fn set(s: &mut State, r: Register, k: Kinds) {
    if k & ALL == ALL {
        s.remove(&r);
    } else {
        s.insert(r, k);
    }
}

/// `o`'s register now holds kinds `k` (nothing to do for a constant).
fn narrow_to(s: &mut State, o: &Operand, k: Kinds) {
    if let Some(r) = o.register() {
        set(s, r, k);
    }
}

/// The effect of one instruction on the registers, on the path where it succeeds.
fn step(m: &Module, ins: &Instruction, s: &mut State) {
    use Opcode::*;
    match (ins.op, ins.args.as_slice()) {
        (Move, [src, dst]) => {
            let k = get(m, src, s);
            if let Some(r) = dst.register() {
                set(s, r, k);
            }
        }
        (Swap, [a, b]) => swap(s, a, b),
        (
            Label | Line | FuncInfo | Jump | TestHeap | IsLt | IsGe | IsEq | IsNe | IsEqExact | IsNeExact | IsInteger
            | IsFloat | IsNumber | IsAtom | IsPid | IsReference | IsPort | IsNil | IsBinary | IsList | IsNonemptyList
            | IsTuple | TestArity | IsFunction | IsFunction2 | IsBoolean | IsBitstr | IsMap | HasMapFields
            | IsTaggedTuple | SelectVal | SelectTupleArity | ExecutableLine | DebugLine,
            _,
        ) => {}
        (Allocate | AllocateZero | AllocateHeap | AllocateHeapZero | Deallocate, _) => kill_y(s),
        (Trim, [Operand::Unsigned(n), _]) => trim(s, *n as u32),
        (Init | InitYregs | Try | Catch | TryEnd, args) => args.iter().for_each(|a| kill(s, a)),
        (PutList, [_, _, dst]) => narrow_to(s, dst, CONS),
        (PutTuple2, [dst, _]) => narrow_to(s, dst, TUPLE),
        (PutMapAssoc | PutMapExact, [_, _, dst, ..]) => narrow_to(s, dst, MAP),
        (GetMapElements, [_, _, Operand::List(items)]) => {
            for pair in items.chunks(2) {
                if let [_, dst] = pair {
                    kill(s, dst);
                }
            }
        }
        (GetTupleElement, [_, _, dst]) | (GetHd, [_, dst]) | (GetTl, [_, dst]) => kill(s, dst),
        (GetList, [_, h, t]) => {
            kill(s, h);
            kill(s, t);
        }
        (Bif0 | Bif1 | Bif2 | GcBif1 | GcBif2 | GcBif3, args) => {
            if let Some(dst) = args.last() {
                kill(s, dst);
            }
        }
        // Binary construction and matching write only their destination.
        (BsPutInteger | BsPutBinary | BsPutFloat | BsPutString | BsPutUtf8 | BsPutUtf16 | BsPutUtf32, _) => {}
        (BsInit2 | BsInitBits | BsAppend | BsPrivateAppend | BsGetBinary2, args) => {
            if let Some(dst) = args.last() {
                narrow_to(s, dst, BITS);
            }
        }
        (BsCreateBin, [_, _, _, _, dst, _]) | (BsGetTail, [_, dst, _]) => narrow_to(s, dst, BITS),
        (BsAdd | BsUtf8Size | BsUtf16Size | BsGetInteger2 | BsGetUtf8 | BsGetUtf16 | BsGetUtf32, args) => {
            if let Some(dst) = args.last() {
                narrow_to(s, dst, INT);
            }
        }
        (BsGetFloat2, args) => {
            if let Some(dst) = args.last() {
                narrow_to(s, dst, FLOAT);
            }
        }
        (Call | CallExt | Apply | CallFun | CallFun2, _) => kill_x(s),
        _ => {
            kill_x(s);
            ins.args.iter().for_each(|a| kill(s, a));
        }
    }
}

/// The operand a type test tests, the kinds it accepts, and whether a term of those kinds
/// always passes. Starting a binary match is a test too: it fails on anything but a
/// bitstring.
fn type_test(ins: &Instruction) -> Option<(&Operand, Kinds, bool)> {
    use Opcode::*;
    let arg = match (ins.op, ins.args.as_slice()) {
        (BsStartMatch4, [Operand::Label(_), _, src, _]) => return Some((src, BITS, true)),
        (BsStartMatch4, _) => return None,
        (BsStartMatch2 | BsStartMatch3, [_, src, ..]) => return Some((src, BITS, true)),
        (_, [_, arg, ..]) => arg,
        _ => return None,
    };
    let (k, exact) = match ins.op {
        IsInteger => (INT, true),
        IsFloat => (FLOAT, true),
        IsNumber => (INT | FLOAT, true),
        IsAtom => (ATOM, true),
        IsPid => (PID, true),
        IsReference => (REF, true),
        IsPort => (PORT, true),
        IsNil => (NIL, true),
        IsList => (NIL | CONS, true),
        IsNonemptyList => (CONS, true),
        IsTuple => (TUPLE, true),
        IsMap => (MAP, true),
        IsBitstr => (BITS, true),
        IsFunction => (FUN, true),
        // These pass only some terms of their kinds.
        IsBinary => (BITS, false),
        IsBoolean => (ATOM, false),
        IsFunction2 => (FUN, false),
        TestArity | IsTaggedTuple => (TUPLE, false),
        HasMapFields | GetMapElements => (MAP, false),
        _ => return None,
    };
    Some((arg, k, exact))
}

/// `==` compares integers and floats by value.
fn numeric_closure(k: Kinds) -> Kinds {
    if k & (INT | FLOAT) != 0 {
        k | INT | FLOAT
    } else {
        k
    }
}

/// The states after a test, on the path where it passes and the one where it fails
/// (`None`: that path cannot be taken).
fn branch(m: &Module, ins: &Instruction, s: &State) -> (Option<State>, Option<State>) {
    use Opcode::*;
    let mut pass = s.clone();
    step(m, ins, &mut pass);
    let both = (Some(pass.clone()), Some(s.clone()));
    match (ins.op, ins.args.as_slice()) {
        _ if type_test(ins).is_some() => {
            let Some((arg, accepted, exact)) = type_test(ins) else { return both };
            let k = get(m, arg, s);
            let passing = k & accepted;
            // Narrow before the instruction's own writes: `get_map_elements` and
            // `bs_start_match` may write the register they test (`get_map_elements L,
            // x0, [K, x0]`), which then holds the value found, not the map.
            let pass_state = (passing != 0).then(|| {
                let mut p = s.clone();
                narrow_to(&mut p, arg, passing);
                step(m, ins, &mut p);
                p
            });
            let failing = if exact { k & !accepted } else { k };
            let fail_state = (failing != 0).then(|| {
                let mut f = s.clone();
                narrow_to(&mut f, arg, failing);
                f
            });
            (pass_state, fail_state)
        }
        (IsEqExact | IsNeExact, [_, a, b]) => {
            let (ka, kb) = (get(m, a, s), get(m, b, s));
            let meet = ka & kb;
            let equal = (meet != 0).then(|| {
                let mut e = s.clone();
                narrow_to(&mut e, a, meet);
                narrow_to(&mut e, b, meet);
                e
            });
            // `[]` is one value: a register unequal to it is not `[]`.
            let mut u = s.clone();
            let mut can_differ = true;
            if matches!(b, Operand::Nil) {
                let rest = ka & !NIL;
                can_differ = rest != 0;
                narrow_to(&mut u, a, rest);
            }
            let unequal = can_differ.then_some(u);
            if ins.op == IsEqExact {
                (equal, unequal)
            } else {
                (unequal, equal)
            }
        }
        (IsEq | IsNe, [_, a, b]) => {
            let disjoint = numeric_closure(get(m, a, s)) & numeric_closure(get(m, b, s)) == 0;
            match (disjoint, ins.op) {
                (true, IsEq) => (None, Some(s.clone())),
                (true, _) => (Some(s.clone()), None),
                _ => both,
            }
        }
        _ => both,
    }
}

/// Analyses `code` (the function `func`'s instructions) for parameters of kinds `params`.
/// None when its control flow cannot be analysed (then every instruction counts as live).
pub fn analyse(m: &Module, func: &Function, code: &[Instruction], params: &[Kinds]) -> Option<Outcome> {
    let cfg = cfg::build(code, func.entry, &NoCalls).ok()?;
    let n = cfg.blocks.len();
    let mut input: Vec<Option<State>> = vec![None; n];
    let mut work: Vec<usize> = Vec::new();
    let seed = |b: usize, s: State, input: &mut Vec<Option<State>>, work: &mut Vec<usize>| match input.get_mut(b) {
        Some(slot @ None) => {
            *slot = Some(s);
            work.push(b);
        }
        Some(Some(cur)) => {
            if join(cur, &s) {
                work.push(b);
            }
        }
        None => {}
    };
    // A parameter no call passes anything in (no caller yet): the function does not run.
    let entered = params.iter().all(|&k| k != 0);
    if entered {
        let entry_state: State = params
            .iter()
            .enumerate()
            .filter(|(_, k)| **k & ALL != ALL)
            .map(|(j, &k)| (Register::X(j as u32), k))
            .collect();
        let entry = match &cfg.blocks.first()?.term {
            Terminator::Goto(b) => *b,
            Terminator::Dispatch(targets) => *targets.first()?,
            _ => return None,
        };
        seed(entry, entry_state, &mut input, &mut work);
    }
    while let Some(b) = work.pop() {
        let Some(Some(mut s)) = input.get(b).cloned() else { continue };
        let block = cfg.blocks.get(b)?;
        let instrs = code.get(block.instrs.clone())?;
        let (last, body) = match instrs.split_last() {
            Some((l, body)) if matches!(block.term, Terminator::Branch { .. } | Terminator::Select(_)) => (Some(l), body),
            _ => (None, instrs),
        };
        for ins in body {
            // A handler runs only once its `try` or `catch` has, with any registers.
            if let (Opcode::Try | Opcode::Catch, [_, Operand::Label(l)]) = (ins.op, ins.args.as_slice()) {
                if let Some(&h) = cfg.label_block.get(l) {
                    seed(h, State::default(), &mut input, &mut work);
                }
            }
            step(m, ins, &mut s);
        }
        match (&block.term, last) {
            (Terminator::Branch { fail, next }, Some(test)) => {
                let (pass, failed) = branch(m, test, &s);
                if let Some(p) = pass {
                    seed(*next, p, &mut input, &mut work);
                }
                if let Some(f) = failed {
                    seed(*fail, f, &mut input, &mut work);
                }
            }
            (Terminator::Select(targets), Some(sel)) => {
                for (t, st) in select(m, sel, targets, &s) {
                    seed(t, st, &mut input, &mut work);
                }
            }
            (term, _) => {
                let succs = match term {
                    Terminator::Suspend(t) => vec![*t],
                    Terminator::WaitTimeout { check, next } => vec![*check, *next],
                    Terminator::Dispatch(_) => vec![],
                    t => t.successors(),
                };
                for t in succs {
                    seed(t, s.clone(), &mut input, &mut work);
                }
            }
        }
    }
    let mut out = Outcome { live: vec![false; code.len()], args: HashMap::default() };
    for (b, block) in cfg.blocks.iter().enumerate() {
        let Some(Some(mut s)) = input.get(b).cloned() else { continue };
        for i in block.instrs.clone() {
            let ins = code.get(i)?;
            if let Some(flag) = out.live.get_mut(i) {
                *flag = true;
            }
            if let Some(arity) = call_arity(ins) {
                out.args.insert(i, (0..arity).map(|x| get(m, &Operand::X(x), &s)).collect());
            }
            step(m, ins, &mut s);
        }
    }
    Some(out)
}

/// The arity of a call instruction to a named function (local or external).
pub fn call_arity(ins: &Instruction) -> Option<u32> {
    use Opcode::*;
    match (ins.op, ins.args.first()) {
        (Call | CallLast | CallOnly | CallExt | CallExtLast | CallExtOnly, Some(Operand::Unsigned(a))) => Some(*a as u32),
        _ => None,
    }
}

/// The successors of a `select_val` or `select_tuple_arity` that can be taken, with their
/// states. The CFG lists the cases' blocks in order, then the fail block.
fn select(m: &Module, ins: &Instruction, targets: &[usize], s: &State) -> Vec<(usize, State)> {
    let all = || targets.iter().map(|&t| (t, s.clone())).collect();
    let [src, _, Operand::List(items)] = ins.args.as_slice() else { return all() };
    let k = get(m, src, s);
    let mut out = Vec::new();
    let cases = items.chunks(2).count();
    if targets.len() != cases + 1 {
        return all();
    }
    for (pair, &t) in items.chunks(2).zip(targets) {
        let value = match (ins.op, pair.first()) {
            (Opcode::SelectTupleArity, _) => TUPLE,
            (_, Some(v)) => get(m, v, &State::default()),
            _ => ALL,
        };
        let meet = k & value;
        if meet != 0 {
            let mut st = s.clone();
            narrow_to(&mut st, src, meet);
            out.push((t, st));
        }
    }
    if let Some(&fail) = targets.last() {
        out.push((fail, s.clone()));
    }
    out
}

#[cfg(test)]
mod tests {
    //! Checked on the installed Elixir modules (skipped where they are missing).
    use super::*;

    fn load(path: &str) -> Option<Module> {
        let bytes = std::fs::read(path).ok()?;
        let beam = beam::BeamFile::parse(&bytes).ok()?;
        Module::new(beam, &bytes).ok()
    }

    /// Whether `m`'s `function/arity`, with parameters of `params`, can call `callee`.
    fn calls(m: &Module, function: &str, arity: u32, params: &[Kinds], callee: &str) -> bool {
        let Some(func) = m.by_name.get(&(function.to_string(), arity)).and_then(|&f| m.functions.get(f)) else {
            panic!("{} has no {function}/{arity}", m.name)
        };
        let code = m.beam.code.instructions.get(func.start..func.end).unwrap_or_default();
        let Some(out) = analyse(m, func, code, params) else { panic!("{function}/{arity} cannot be analysed") };
        code.iter().enumerate().any(|(i, ins)| {
            out.is_live(i) && super::super::sites::callee_of(m, ins).is_some_and(|c| c.to_string() == callee)
        })
    }

    #[test]
    fn a_binary_pattern_never_takes_the_regex_clause_of_string_split() {
        let Some(m) = load("/usr/lib/elixir/lib/elixir/ebin/Elixir.String.beam") else { return };
        assert!(!calls(&m, "split", 3, &[BITS, BITS, NIL], "Elixir.Regex:split/3"));
        assert!(calls(&m, "split", 3, &[BITS, BITS, NIL], "binary:split/3"));
        assert!(calls(&m, "split", 3, &[BITS, MAP, NIL], "Elixir.Regex:split/3"));
        assert!(calls(&m, "split", 3, &[ALL, ALL, ALL], "Elixir.Regex:split/3"));
    }

    #[test]
    fn a_function_no_call_enters_calls_nothing() {
        let Some(m) = load("/usr/lib/elixir/lib/elixir/ebin/Elixir.String.beam") else { return };
        assert!(!calls(&m, "split", 3, &[BITS, 0, NIL], "binary:split/3"));
    }

    #[test]
    fn a_binary_pattern_never_takes_the_regex_clause_of_string_replace() {
        // replace_guarded/4 starts a binary match on the pattern; only when that fails does
        // it test for a %Regex{}.
        let Some(m) = load("/usr/lib/elixir/lib/elixir/ebin/Elixir.String.beam") else { return };
        assert!(!calls(&m, "replace_guarded", 4, &[BITS, BITS, BITS, NIL], "Elixir.Regex:replace/4"));
        assert!(calls(&m, "replace_guarded", 4, &[BITS, BITS, BITS, NIL], "binary:matches/2"));
        assert!(calls(&m, "replace_guarded", 4, &[ALL, ALL, ALL, ALL], "Elixir.Regex:replace/4"));
        assert!(calls(&m, "replace_guarded", 4, &[BITS, BITS | MAP, BITS, NIL], "Elixir.Regex:replace/4"));
    }
}
