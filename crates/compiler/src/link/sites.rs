//! Dynamic call sites and what their module and function can be.
//!
//! Expects: scanned functions ([`Flows::note_calls`] for each). Guarantees: [`sites_in`]
//! finds every instruction through which code calls a module or function held in a
//! register — `apply`, `erlang:apply/3`, `erlang:make_fun/3`, the spawn BIFs and
//! `erlang:hibernate/3` — and every call that hands an OTP entry point a callback module;
//! [`Flows::resolve`] gives, for each asked register, every atom it can hold and whether it
//! can hold a value not followed (`unknown`), so that a site is exactly resolved when
//! neither its module nor its function is unknown.
//!
//! Values are followed with [`crate::argflow`] inside a function, and across functions
//! from a parameter to every scanned caller's argument, and from a fun's free variable to
//! the `make_fun` that captured it, at most [`MAX_FOLLOW`] steps back. A parameter is
//! unknown when code the scan does not see can call the function: a function a dynamic
//! site reaches, or a root (the entry, the boot's, `--keep`), or a fun's own argument.

use std::collections::{BTreeSet, VecDeque};
use std::rc::Rc;

use beam::{Instruction, Opcode, Operand};

use crate::argflow::{self, Val};
use crate::diagnostic::Mfa;
use crate::program::{Module, Program};
use crate::{HashMap, HashSet};

use super::FuncRef;

/// How many calls back a value is followed through parameters before it counts as
/// unknown.
pub const MAX_FOLLOW: u32 = 6;

/// What a dynamic site does with the registers it reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SiteKind {
    /// Calls `M:F` with `M` in x(m) and `F` in x(f); `arity` when the instruction fixes it.
    Call { m: u32, f: u32, arity: Option<u32> },
    /// Hands an OTP entry point of these behaviours the callback module in x(x).
    Callback { x: u32, behaviours: &'static [&'static str] },
}

/// One dynamic call site.
#[derive(Clone, Debug)]
pub struct DynSite {
    /// The function it is in.
    pub func: FuncRef,
    /// Its instruction, as an index into the function's code.
    pub at: usize,
    /// What it calls through.
    pub kind: SiteKind,
}

/// The callee of a call instruction, local or external.
pub fn callee_of(m: &Module, ins: &Instruction) -> Option<Mfa> {
    match (ins.op, ins.args.as_slice()) {
        (Opcode::CallExt | Opcode::CallExtLast | Opcode::CallExtOnly, [_, Operand::Unsigned(imp), ..]) => m.import(*imp as u32),
        (Opcode::Call | Opcode::CallLast | Opcode::CallOnly, [_, Operand::Label(l), ..]) => {
            m.label_function.get(l).map(|&fi| m.mfa(fi))
        }
        _ => None,
    }
}

/// The BIFs that call `M:F` from their arguments: (function, arity, module register,
/// function register). `erlang:apply/3` and the spawn BIFs run `M:F(Args...)`;
/// `make_fun/3` makes a fun that does.
fn mfa_bif(f: &str, arity: u32) -> Option<(u32, u32)> {
    match (f, arity) {
        ("apply" | "make_fun" | "hibernate", 3) => Some((0, 1)),
        ("spawn" | "spawn_link" | "spawn_monitor", 3) => Some((0, 1)),
        ("spawn" | "spawn_link" | "spawn_monitor", 4) => Some((1, 2)),
        ("spawn_opt", 4) => Some((0, 1)),
        ("spawn_opt", 5) => Some((1, 2)),
        _ => None,
    }
}

/// OTP functions that take `M, F, Args` and call `M:F` later, from another process or a
/// timer: their `M` and `F` are followed like an `apply`'s.
fn mfa_entry(mfa: &Mfa) -> Option<(u32, u32)> {
    match (mfa.module.as_str(), mfa.function.as_str(), mfa.arity) {
        ("proc_lib", "spawn" | "spawn_link" | "start" | "start_link" | "start_monitor", 3..=5) => Some((0, 1)),
        ("proc_lib", "spawn_opt", 4) => Some((0, 1)),
        ("proc_lib", "spawn_opt", 5) => Some((1, 2)),
        ("timer", "apply_after" | "apply_interval" | "apply_repeatedly", 4) => Some((1, 2)),
        ("rpc" | "erpc", "call" | "cast" | "block_call", 4 | 5) => Some((1, 2)),
        _ => None,
    }
}

/// The dynamic sites of one function's code (`code` is the function's slice of its
/// module's instructions). `callback_arg` names the callback-module positions of an OTP
/// entry point, with its behaviours.
pub fn sites_in(
    m: &Module,
    func: FuncRef,
    code: &[Instruction],
    callback_arg: &dyn Fn(&Mfa) -> (&'static [u32], &'static [&'static str]),
) -> Vec<DynSite> {
    let mut out = Vec::new();
    for (at, ins) in code.iter().enumerate() {
        if let (Opcode::Apply | Opcode::ApplyLast, Some(Operand::Unsigned(n))) = (ins.op, ins.args.first()) {
            let n = *n as u32;
            out.push(DynSite { func, at, kind: SiteKind::Call { m: n, f: n + 1, arity: Some(n) } });
            continue;
        }
        let Some(callee) = callee_of(m, ins) else { continue };
        let external = matches!(ins.op, Opcode::CallExt | Opcode::CallExtLast | Opcode::CallExtOnly);
        if external && callee.module == "erlang" {
            if let Some((mr, fr)) = mfa_bif(&callee.function, callee.arity) {
                out.push(DynSite { func, at, kind: SiteKind::Call { m: mr, f: fr, arity: None } });
            }
            continue;
        }
        if external {
            if let Some((mr, fr)) = mfa_entry(&callee) {
                out.push(DynSite { func, at, kind: SiteKind::Call { m: mr, f: fr, arity: None } });
            }
        }
        let (xs, behaviours) = callback_arg(&callee);
        for &x in xs {
            out.push(DynSite { func, at, kind: SiteKind::Callback { x, behaviours } });
        }
    }
    out
}

/// What a register can be, after following parameters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Resolved {
    /// Every atom it can hold.
    pub atoms: BTreeSet<String>,
    /// Atoms made at run time it can hold, by prefix (see [`argflow::ATOM_MAKERS`]).
    pub prefixes: BTreeSet<String>,
    /// Whether it can hold a value the analysis does not follow.
    pub unknown: bool,
}

/// A value to resolve: the operand at `pos` of the operands read by instruction `at` of
/// `func` (for a call, its argument registers in order).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Query {
    pub func: FuncRef,
    pub at: usize,
    pub pos: u32,
}

/// The operands read at each instruction of interest of one function.
type FnValues = Option<Rc<HashMap<usize, Vec<Val>>>>;

/// Who calls whom, who makes which fun, and the values of the operands they pass.
#[derive(Default)]
pub struct Flows {
    values: HashMap<FuncRef, FnValues>,
    /// Every scanned function that calls each function (with arguments).
    callers: HashMap<Mfa, Vec<FuncRef>>,
    /// Every scanned function that makes a fun of each lambda function.
    makers: HashMap<FuncRef, Vec<FuncRef>>,
}

impl Flows {
    /// Records the calls and funs of scanned function `f`.
    pub fn note_calls(&mut self, m: &Module, f: FuncRef, code: &[Instruction]) {
        for ins in code {
            if let Some(callee) = callee_of(m, ins) {
                if callee.arity > 0 {
                    let v = self.callers.entry(callee).or_default();
                    if v.last() != Some(&f) {
                        v.push(f);
                    }
                }
            }
            if let Some(idx) = make_fun_index(ins) {
                let Some(lambda) = m.beam.lambdas.get(idx as usize) else { continue };
                if lambda.num_free == 0 {
                    continue;
                }
                if let Some(&fi) = m.label_function.get(&lambda.label) {
                    let v = self.makers.entry(FuncRef { module: f.module, func: fi }).or_default();
                    if v.last() != Some(&f) {
                        v.push(f);
                    }
                }
            }
        }
    }

    /// The operand values of function `f`'s calls, applies and funs.
    fn values_of(&mut self, program: &Program, f: FuncRef) -> FnValues {
        if let Some(v) = self.values.get(&f) {
            return v.clone();
        }
        let computed = (|| {
            let m = program.get(f.module)?;
            let func = m.functions.get(f.func)?;
            let code = m.beam.code.instructions.get(func.start..func.end)?;
            let wanted = |ins: &Instruction| -> Option<Vec<Operand>> { read_operands(m, ins) };
            argflow::values_at(m, func, code, &wanted).map(Rc::new)
        })();
        self.values.insert(f, computed.clone());
        computed
    }

    /// Resolves every query: the atoms each can hold, following parameters back through
    /// callers and free variables back to the `make_fun` that captured them. `unseen`
    /// holds the functions that code the scan does not see can call (dynamic sites'
    /// targets, roots), whose parameters can be anything.
    pub fn resolve(&mut self, program: &Program, queries: &[Query], unseen: &HashSet<FuncRef>) -> Vec<Resolved> {
        // The graph of (function, parameter) nodes the queries need, breadth first so each
        // node gets its least depth.
        let mut nodes: HashMap<(FuncRef, u32), usize> = HashMap::default();
        let mut direct: Vec<Resolved> = Vec::new();
        let mut inputs: Vec<Vec<usize>> = Vec::new();
        let mut queue: VecDeque<((FuncRef, u32), u32)> = VecDeque::new();
        let mut query_vals: Vec<(Resolved, Vec<usize>)> = Vec::new();
        let node_of = |key: (FuncRef, u32),
                           depth: u32,
                           nodes: &mut HashMap<(FuncRef, u32), usize>,
                           direct: &mut Vec<Resolved>,
                           inputs: &mut Vec<Vec<usize>>,
                           queue: &mut VecDeque<((FuncRef, u32), u32)>|
         -> usize {
            if let Some(&i) = nodes.get(&key) {
                return i;
            }
            let i = direct.len();
            nodes.insert(key, i);
            direct.push(Resolved::default());
            inputs.push(Vec::new());
            queue.push_back((key, depth));
            i
        };
        for q in queries {
            let v = self.value_at(program, q.func, q.at, q.pos);
            let mut r = Resolved { atoms: v.atoms.clone(), prefixes: v.prefixes.clone(), unknown: v.unknown };
            let mut ins = Vec::new();
            for &p in &v.params {
                if MAX_FOLLOW == 0 {
                    r.unknown = true;
                } else {
                    ins.push(node_of((q.func, p), 1, &mut nodes, &mut direct, &mut inputs, &mut queue));
                }
            }
            query_vals.push((r, ins));
        }
        while let Some(((g, p), depth)) = queue.pop_front() {
            let Some(&idx) = nodes.get(&(g, p)) else { continue };
            let mut own = Resolved::default();
            let mut deps: Vec<(FuncRef, u32)> = Vec::new();
            self.param_sources(program, g, p, unseen, &mut own, &mut deps);
            let mut ids = Vec::new();
            for d in deps {
                if depth >= MAX_FOLLOW {
                    own.unknown = true;
                    break;
                }
                ids.push(node_of(d, depth + 1, &mut nodes, &mut direct, &mut inputs, &mut queue));
            }
            if let Some(slot) = direct.get_mut(idx) {
                *slot = own;
            }
            if let Some(slot) = inputs.get_mut(idx) {
                *slot = ids;
            }
        }
        // Union along the edges until nothing changes.
        let mut val = direct.clone();
        loop {
            let mut changed = false;
            for i in 0..val.len() {
                let ins = inputs.get(i).cloned().unwrap_or_default();
                for j in ins {
                    if i == j {
                        continue;
                    }
                    let Some(from) = val.get(j).cloned() else { continue };
                    let Some(to) = val.get_mut(i) else { continue };
                    let before = (to.atoms.len(), to.prefixes.len(), to.unknown);
                    to.atoms.extend(from.atoms);
                    to.prefixes.extend(from.prefixes);
                    to.unknown |= from.unknown;
                    changed |= before != (to.atoms.len(), to.prefixes.len(), to.unknown);
                }
            }
            if !changed {
                break;
            }
        }
        query_vals
            .into_iter()
            .map(|(mut r, ins)| {
                for j in ins {
                    if let Some(v) = val.get(j) {
                        r.atoms.extend(v.atoms.iter().cloned());
                        r.prefixes.extend(v.prefixes.iter().cloned());
                        r.unknown |= v.unknown;
                    }
                }
                r
            })
            .collect()
    }

    /// The value of operand `pos` read by instruction `at` of `f`.
    fn value_at(&mut self, program: &Program, f: FuncRef, at: usize, pos: u32) -> Val {
        let top = Val { unknown: true, ..Val::default() };
        let Some(values) = self.values_of(program, f) else { return top };
        values.get(&at).and_then(|v| v.get(pos as usize)).cloned().unwrap_or(top)
    }

    /// The instructions that give parameter `p` of `g` its value: each scanned caller's
    /// call of `g` (the argument at `p`), or for a fun's free variable each `make_fun` of
    /// it (the captured operand), as (function, instruction, operand position). The flag
    /// says whether code the scan does not see can give it a value as well.
    fn sources(&self, program: &Program, g: FuncRef, p: u32, unseen: &HashSet<FuncRef>) -> (bool, Vec<(FuncRef, usize, u32)>) {
        let mut out = Vec::new();
        let Some(m) = program.get(g.module) else { return (true, out) };
        let Some(func) = m.functions.get(g.func) else { return (true, out) };
        // A fun: its arguments come from whoever calls the fun; its free variables from the
        // `make_fun`s that captured them.
        if let Some((index, lambda)) = m.beam.lambdas.iter().enumerate().find(|(_, l)| m.label_function.get(&l.label) == Some(&g.func)) {
            let fun_arity = lambda.arity.saturating_sub(lambda.num_free);
            if p < fun_arity {
                return (true, out);
            }
            for &c in self.makers.get(&g).into_iter().flatten() {
                let Some(cm) = program.get(c.module) else { continue };
                let Some(cf) = cm.functions.get(c.func) else { continue };
                let code = cm.beam.code.instructions.get(cf.start..cf.end).unwrap_or_default();
                for (i, ins) in code.iter().enumerate() {
                    if make_fun_index(ins) == Some(index as u32) {
                        out.push((c, i, p - fun_arity));
                    }
                }
            }
            return (false, out);
        }
        let target = Mfa::new(&m.name, &func.name, func.arity);
        for &c in self.callers.get(&target).into_iter().flatten() {
            let Some(cm) = program.get(c.module) else { continue };
            let Some(cf) = cm.functions.get(c.func) else { continue };
            let code = cm.beam.code.instructions.get(cf.start..cf.end).unwrap_or_default();
            for (i, ins) in code.iter().enumerate() {
                if callee_of(cm, ins).as_ref() == Some(&target) {
                    out.push((c, i, p));
                }
            }
        }
        (unseen.contains(&g), out)
    }

    /// Where parameter `p` of `g` gets its value: atoms and unknowns into `own`, the
    /// callers' parameters into `deps`.
    fn param_sources(&mut self, program: &Program, g: FuncRef, p: u32, unseen: &HashSet<FuncRef>, own: &mut Resolved, deps: &mut Vec<(FuncRef, u32)>) {
        let (unknown, sources) = self.sources(program, g, p, unseen);
        own.unknown |= unknown;
        for (c, i, pos) in sources {
            let v = self.value_at(program, c, i, pos);
            own.atoms.extend(v.atoms.iter().cloned());
            own.prefixes.extend(v.prefixes.iter().cloned());
            own.unknown |= v.unknown;
            deps.extend(v.params.iter().map(|&q| (c, q)));
        }
    }

    /// The module and function a call site reads (operands `pm` and `pf` of instruction
    /// `at` of `func`), resolved together where they come from the same calls: when both
    /// are parameters (a wrapper such as `execute_call(M, F, A) -> apply(M, F, A)`), each
    /// call of the function gives a pair, so an `M` one caller passes is not combined with
    /// an `F` another passes. Otherwise the two are resolved apart.
    pub fn resolve_pair(&mut self, program: &Program, func: FuncRef, at: usize, pm: u32, pf: u32, unseen: &HashSet<FuncRef>) -> Vec<(Resolved, Resolved)> {
        let mut out = Vec::new();
        let mut seen = HashSet::default();
        self.pair_into(program, func, at, (pm, pf), unseen, 0, &mut seen, &mut out);
        out.sort_by(|a, b| {
            (&a.0.atoms, a.0.unknown, &a.1.atoms, &a.1.prefixes, a.1.unknown).cmp(&(&b.0.atoms, b.0.unknown, &b.1.atoms, &b.1.prefixes, b.1.unknown))
        });
        out.dedup();
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn pair_into(
        &mut self,
        program: &Program,
        func: FuncRef,
        at: usize,
        (pm, pf): (u32, u32),
        unseen: &HashSet<FuncRef>,
        depth: u32,
        seen: &mut HashSet<(FuncRef, usize, u32, u32)>,
        out: &mut Vec<(Resolved, Resolved)>,
    ) {
        if !seen.insert((func, at, pm, pf)) {
            return;
        }
        let vm = self.value_at(program, func, at, pm);
        let vf = self.value_at(program, func, at, pf);
        let param = |v: &Val| -> Option<u32> {
            match (v.unknown, v.atoms.is_empty() && v.prefixes.is_empty(), v.params.len()) {
                (false, true, 1) => v.params.iter().next().copied(),
                _ => None,
            }
        };
        if let (Some(p), Some(q), true) = (param(&vm), param(&vf), depth < MAX_FOLLOW && out.len() < MAX_PAIRS) {
            let (unknown_p, sources_p) = self.sources(program, func, p, unseen);
            let (unknown_q, sources_q) = self.sources(program, func, q, unseen);
            if unknown_p || unknown_q {
                let top = Resolved { unknown: true, ..Resolved::default() };
                out.push((top.clone(), top));
            }
            for (c, i, pos_p) in sources_p {
                let Some(&(_, _, pos_q)) = sources_q.iter().find(|(d, j, _)| *d == c && *j == i) else { continue };
                self.pair_into(program, c, i, (pos_p, pos_q), unseen, depth + 1, seen, out);
            }
            return;
        }
        let r = self.resolve(program, &[Query { func, at, pos: pm }, Query { func, at, pos: pf }], unseen);
        let mut r = r.into_iter();
        out.push((r.next().unwrap_or_default(), r.next().unwrap_or_default()));
    }
}

/// How many (module, function) pairs a site is resolved into before the rest is resolved
/// apart.
const MAX_PAIRS: usize = 64;

/// The fun-table index a `make_fun2`/`make_fun3` makes.
fn make_fun_index(ins: &Instruction) -> Option<u32> {
    match (ins.op, ins.args.as_slice()) {
        (Opcode::MakeFun2, [Operand::Unsigned(idx)]) | (Opcode::MakeFun3, [Operand::Unsigned(idx), ..]) => Some(*idx as u32),
        _ => None,
    }
}

/// The operands an instruction of interest reads: a call's argument registers, an
/// `apply`'s arguments, module and function, the free variables a fun captures.
fn read_operands(m: &Module, ins: &Instruction) -> Option<Vec<Operand>> {
    match (ins.op, ins.args.as_slice()) {
        (Opcode::Apply | Opcode::ApplyLast, [Operand::Unsigned(n), ..]) => Some((0..*n as u32 + 2).map(Operand::X).collect()),
        (Opcode::MakeFun2, [Operand::Unsigned(idx)]) => {
            let lambda = m.beam.lambdas.get(*idx as usize)?;
            Some((0..lambda.num_free).map(Operand::X).collect())
        }
        (Opcode::MakeFun3, [Operand::Unsigned(_), _, Operand::List(free)]) => Some(free.clone()),
        _ => {
            let callee = callee_of(m, ins)?;
            (callee.arity > 0).then(|| (0..callee.arity).map(Operand::X).collect())
        }
    }
}
