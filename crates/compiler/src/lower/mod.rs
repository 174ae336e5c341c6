//! Lowers one BEAM function to one wasm function.
//!
//! Expects: a reachable function of a linked program. Guarantees: a body of the function's
//! type `(eqref × arity) -> eqref` in which x registers are the parameters and further
//! locals, y registers and float registers are locals, every tail call is a
//! `return_call`, and the function can be suspended and resumed at every non-tail call,
//! every `wait` and its own entry (docs/ABI.md §5).
//!
//! The body is: the reduction check and its slow path (yield or resume, through the shared
//! helpers of `frames.rs`), then — if the function catches exceptions — a `loop` around a
//! `try_table` whose handler re-enters the body at the active catch label, then the
//! structured code of [`crate::structure`], inside the block whose end is the shared
//! unwind exit.

mod inline_bif;
mod binary;
pub(crate) use calls::mfa_term as mfa_literal;
mod calls;
mod frames;
mod instr;
mod tests;

use crate::HashMap;

use beam::{Instruction, Opcode, Operand, Register};
use wasm_encoder::{BlockType, Catch, HeapType, InstructionSink, RefType, ValType};

use crate::cfg::{self, BlockId, Cfg, Terminator};
use crate::codegen::{Codegen, TERM};
use crate::diagnostic::{Diagnostic, Mfa};
use crate::link::{FuncRef, Target};
use crate::program::Module;
use crate::structure::{self, Node};

/// The runtime's types a function body refers to, by index.
pub(crate) struct Types {
    pub cons: u32,
    pub tuple: u32,
    pub float: u32,
    pub int64: u32,
    pub bigint: u32,
    pub atom: u32,
    pub bin: u32,
    pub fun: u32,
    pub funinfo: u32,
    pub pid: u32,
    pub port: u32,
    pub reference: u32,
    pub fmap: u32,
    pub hmap: u32,
    pub frame: u32,
    pub exn: u32,
}

impl Types {
    fn read(cg: &Codegen) -> Result<Types, Diagnostic> {
        let t = |n: &str| cg.rt.ty(n);
        Ok(Types {
            cons: t("cons")?,
            tuple: t("tuple")?,
            float: t("float")?,
            int64: t("int64")?,
            bigint: t("bigint")?,
            atom: t("atom")?,
            bin: t("bin")?,
            fun: t("fun")?,
            funinfo: t("funinfo")?,
            pid: t("pid")?,
            port: t("port")?,
            reference: t("ref")?,
            fmap: t("fmap")?,
            hmap: t("hmap")?,
            frame: t("frame")?,
            exn: t("exn")?,
        })
    }
}

/// Whether a call instruction calls compiled code (a resume point) or a BIF.
struct Calls<'a> {
    m: &'a Module,
    targets: &'a HashMap<Mfa, Target>,
}

impl cfg::CallKind for Calls<'_> {
    fn calls_compiled(&self, ins: &Instruction) -> bool {
        match (ins.op, ins.args.as_slice()) {
            (Opcode::Call | Opcode::CallFun | Opcode::CallFun2 | Opcode::Apply, _) => true,
            (Opcode::CallExt, [_, Operand::Unsigned(imp)]) => match self.m.import(*imp as u32) {
                Some(mfa) => match self.targets.get(&mfa) {
                    Some(Target::Bif(name)) => beamwasm_runtime::is_trapping_bif(name),
                    _ => true,
                },
                None => false,
            },
            _ => false,
        }
    }
}

/// The state of one function's lowering.
pub(crate) struct FnCx<'c, 'a> {
    pub cg: &'c mut Codegen<'a>,
    pub m: &'a Module,
    pub mfa: Mfa,
    pub self_idx: u32,
    pub ty: Types,
    pub code: &'a [Instruction],
    pub cfg: Cfg,
    pub arity: u32,
    /// Local index of y0, and of fr0 (x0 is local 0).
    pub y_base: u32,
    pub ny: u32,
    pub fr_base: u32,
    /// `$entry`: where the dispatch goes.
    pub entry_local: u32,
    /// `$handler`: the dispatch index of the innermost active catch, 0 for none.
    pub handler_local: u32,
    pub has_handlers: bool,
    /// Extra locals allocated while lowering, after the fixed ones.
    pub locals: Vec<ValType>,
    temps: HashMap<ValType, Vec<u32>>,
    pub out: Vec<u8>,
    /// The line-table index in effect.
    pub line: u32,
    /// The line-table index in effect where each instruction starts, in the BEAM code's
    /// own order (the VM's: the last `line` before it), which blocks are not emitted in.
    line_before: Vec<u32>,
    /// Code-map entries: (offset into `out`, line, file literal), when the line changes.
    pub lines: Vec<(u32, u32, u32)>,
    /// Code-map resume points: (dispatch index, line, file literal) of each call that can
    /// leave a saved frame.
    pub resume_lines: Vec<(u32, u32, u32)>,
    /// How many constructs enclose the current point inside the shared unwind exit.
    pub depth: u32,
    /// Bytes of `out` counted in [`Codegen::code_bytes`] by instruction or control flow.
    attributed: usize,
    /// The instruction being lowered (an index into `code`).
    pub cur_instr: usize,
    /// Large selects some of whose targets only return a constant: by the select's
    /// instruction index, each case's new target index or, for a constant return, its
    /// literal (see `FnCx::fold_value_selects`).
    pub value_selects: HashMap<usize, Vec<SelectCase>>,
    /// Where a test's result was made by a one-byte i32 comparison (or `i32.eqz`) that a
    /// branch on its failure can invert instead of adding `i32.eqz`.
    pub cond_at: Option<usize>,
}

/// What one case of a folded select does.
#[derive(Clone, Copy, Debug)]
pub(crate) enum SelectCase {
    /// Branches to this index of the select's (remaining) targets.
    Goto(u32),
    /// Returns this literal-pool entry.
    Return(u32),
}

/// Where a saved frame's resume label comes from.
#[derive(Clone, Copy)]
pub(crate) enum FrameLabel {
    /// A dispatch index known here.
    Const(u32),
    /// A dispatch index in a local.
    Local(u32),
}

/// Lowers one function into its generated wasm function.
pub(crate) fn lower_function(cg: &mut Codegen, f: FuncRef) -> Result<(), Diagnostic> {
    let linked = cg.linked;
    let Some(m) = linked.program.get(f.module) else { return Ok(()) };
    let Some(func) = m.functions.get(f.func) else { return Ok(()) };
    let mfa = m.mfa(f.func);
    let code = m.beam.code.instructions.get(func.start..func.end).unwrap_or_default();
    let calls = Calls { m, targets: &linked.targets };
    let cfg = cfg::build(code, func.entry, &calls).map_err(|e| Diagnostic::error(e).in_function(mfa.clone()))?;
    let Some(&self_idx) = cg.fn_index.get(&f) else { return Ok(()) };
    let ty = Types::read(cg)?;

    // Register counts.
    let arity = func.arity;
    let (mut max_x, mut max_y, mut max_fr) = (arity.max(1), 0u32, 0u32);
    for ins in code {
        for a in &ins.args {
            scan_regs(a, &mut max_x, &mut max_y, &mut max_fr);
        }
        let implicit = match (ins.op, ins.args.as_slice()) {
            (Opcode::Call | Opcode::CallExt | Opcode::CallLast | Opcode::CallOnly | Opcode::CallExtLast | Opcode::CallExtOnly, [Operand::Unsigned(a), ..]) => *a as u32,
            (Opcode::CallFun, [Operand::Unsigned(a)]) => *a as u32 + 1,
            (Opcode::Apply | Opcode::ApplyLast, [Operand::Unsigned(a), ..]) => *a as u32 + 2,
            (Opcode::Allocate | Opcode::AllocateZero | Opcode::AllocateHeap | Opcode::AllocateHeapZero, [Operand::Unsigned(n), ..]) => {
                max_y = max_y.max(*n as u32);
                0
            }
            (Opcode::MakeFun2, _) => 255,
            (Opcode::Send, _) => 2,
            (Opcode::BuildStacktrace | Opcode::RawRaise, _) => 3,
            _ => 0,
        };
        max_x = max_x.max(implicit);
    }
    let has_handlers = code.iter().any(|i| matches!(i.op, Opcode::Try | Opcode::Catch));
    if has_handlers {
        max_x = max_x.max(4);
    }
    let nx = max_x;
    let y_base = nx;
    let ny = max_y;
    let fr_base = y_base + ny;
    let nfr = max_fr;
    let entry_local = fr_base + nfr;
    let handler_local = entry_local + 1;
    let mut locals = vec![TERM; (nx - arity) as usize];
    locals.extend(std::iter::repeat_n(TERM, ny as usize));
    locals.extend(std::iter::repeat_n(ValType::F64, nfr as usize));
    locals.push(ValType::I32);
    locals.push(ValType::I32);

    let mut cx = FnCx {
        cg,
        m,
        mfa,
        self_idx,
        ty,
        code,
        cfg,
        arity,
        y_base,
        ny,
        fr_base,
        entry_local,
        handler_local,
        has_handlers,
        locals,
        temps: HashMap::default(),
        out: Vec::new(),
        line: 0,
        line_before: lines_in_effect(code),
        lines: Vec::new(),
        resume_lines: Vec::new(),
        depth: 0,
        attributed: 0,
        cur_instr: 0,
        value_selects: HashMap::default(),
        cond_at: None,
    };
    // Code before the first `line` instruction (the prologue) belongs to the function's
    // first location, as the VM's function-entry location.
    if let Some(l) = code.iter().find_map(|i| match (i.op, i.args.as_slice()) {
        (Opcode::Line, [Operand::Unsigned(l)]) => Some(*l as u32),
        _ => None,
    }) {
        cx.note_line(l)?;
    }
    cx.cg.declared.insert(self_idx);
    cx.prologue()?;
    let prologue = cx.out.len();
    cx.cg.count_bytes("(prologue: reductions, yield, resume)", prologue);
    cx.fold_value_selects()?;
    // A NIF's Erlang stub whose NIF the runtime implements is the NIF: a local call of the
    // stub already goes to the runtime function, and a fun of it (zlib.erl's
    // `fun deflate_nif/4`) reaches it through this body.
    let own = cx.mfa.to_string();
    let stub = code.iter().any(|i| {
        matches!(i.op, Opcode::CallExt | Opcode::CallExtLast | Opcode::CallExtOnly)
            && i.args.get(1).and_then(|a| match a {
                Operand::Unsigned(n) => m.import(*n as u32),
                _ => None,
            })
            .is_some_and(|t| t.module == "erlang" && t.function == "nif_error")
    });
    let nif = stub && cx.cg.rt.funcs.contains_key(&own) && !cx.has_handlers && cx.cfg.entries.is_empty();
    let tree = structure::structure(&cx.cfg);
    // Calls that can unwind branch to one shared exit that saves the frame, carrying the
    // dispatch index to resume at.
    let unwinds = !nif && !cx.cfg.entries.is_empty();
    if unwinds {
        cx.s().block(BlockType::Result(ValType::I32));
    }
    if nif {
        let mfa = cx.mfa.clone();
        cx.call_bif_as_function(&own, &mfa, arity, calls::Tail::Yes, None)?;
    } else if cx.has_handlers {
        cx.catching_body(&tree)?;
    } else {
        cx.nodes(&tree)?;
    }
    cx.s().unreachable();
    if unwinds {
        cx.s().end();
        match cx.unwind_helper()? {
            Some(helper) => {
                // The label is on the stack, the helper's first parameter.
                let (self_idx, word, handler, y_base, ny, h) =
                    (cx.self_idx, cx.frame_word(), cx.handler_local, cx.y_base, cx.ny, cx.has_handlers);
                let mut s = cx.s();
                s.ref_func(self_idx).i32_const(word);
                if h {
                    s.local_get(handler);
                }
                for i in 0..ny {
                    s.local_get(y_base + i);
                }
                s.return_call(helper);
            }
            None => {
                let label = cx.temp(ValType::I32);
                cx.s().local_set(label);
                cx.save_frame(FrameLabel::Local(label), "unwind_frame")?;
            }
        }
    }
    cx.s().end();
    let attributed = cx.attributed + prologue;
    cx.cg.count_bytes("(catch loop, unwind exit)", cx.out.len() - attributed);
    let FnCx { locals, out, lines, mut resume_lines, .. } = cx;
    cg.set_body(self_idx, locals, out);
    let (module, function) = (cg.atoms.id(&m.name), cg.atoms.id(&func.name));
    resume_lines.sort_unstable();
    resume_lines.dedup_by_key(|r| r.0);
    cg.lines.insert(self_idx, crate::codemap::FnLines { id: self_idx, module, function, arity, entries: lines, resumes: resume_lines });
    Ok(())
}

/// The line-table index in effect where each instruction of `code` starts: that of the
/// last `line` instruction before it, or before the first one, the function's first.
fn lines_in_effect(code: &[Instruction]) -> Vec<u32> {
    let line_of = |i: &Instruction| match (i.op, i.args.as_slice()) {
        (Opcode::Line, [Operand::Unsigned(l)]) => Some(*l as u32),
        _ => None,
    };
    let mut cur = code.iter().find_map(line_of).unwrap_or(0);
    code.iter()
        .map(|i| {
            let before = cur;
            if let Some(l) = line_of(i) {
                cur = l;
            }
            before
        })
        .collect()
}

fn scan_regs(a: &Operand, x: &mut u32, y: &mut u32, fr: &mut u32) {
    match a {
        Operand::X(n) => *x = (*x).max(n + 1),
        Operand::Y(n) => *y = (*y).max(n + 1),
        Operand::FloatReg(n) => *fr = (*fr).max(n + 1),
        Operand::TypedReg { reg: Register::X(n), .. } => *x = (*x).max(n + 1),
        Operand::TypedReg { reg: Register::Y(n), .. } => *y = (*y).max(n + 1),
        Operand::List(items) => {
            for i in items {
                scan_regs(i, x, y, fr);
            }
        }
        _ => {}
    }
}

impl<'c, 'a> FnCx<'c, 'a> {
    /// Line-table index `index` as (line, file literal), if it names a location.
    fn location(&mut self, index: u32) -> Result<Option<(u32, u32)>, Diagnostic> {
        let Some(table) = self.m.beam.lines.as_ref() else { return Ok(None) };
        let Some(item) = table.location(index) else { return Ok(None) };
        let file = match item.file {
            0 => format!("{}.erl", self.m.name),
            n => table.files.get(n as usize - 1).cloned().unwrap_or_default(),
        };
        Ok(Some((item.line, self.cg.file_literal(&file)?)))
    }

    /// Makes line-table index `index` the location of the code emitted from here on.
    pub fn note_line(&mut self, index: u32) -> Result<(), Diagnostic> {
        self.line = index;
        let Some((line, file)) = self.location(index)? else { return Ok(()) };
        let at = self.out.len() as u32;
        match self.lines.last_mut() {
            Some(last) if (last.1, last.2) == (line, file) => {}
            Some(last) if last.0 == at => *last = (at, line, file),
            _ => self.lines.push((at, line, file)),
        }
        Ok(())
    }

    /// The frame word saved with a frame: the arity, and the function's index above it so
    /// stack traces can name heap-saved frames (docs/ABI.md §5).
    fn frame_word(&self) -> i32 {
        if self.self_idx < 1 << 23 { (self.arity | self.self_idx << 8) as i32 } else { self.arity as i32 }
    }

    /// The instruction sink.
    pub fn s(&mut self) -> InstructionSink<'_> {
        InstructionSink::new(&mut self.out)
    }

    /// A runtime function's index; the runtime must define it.
    pub fn rtf(&self, name: &str) -> Result<u32, Diagnostic> {
        self.cg.rt.func(name).map_err(|d| d.in_function(self.mfa.clone()))
    }

    /// A runtime global's index.
    pub fn rtg(&self, name: &str) -> Result<u32, Diagnostic> {
        self.cg.rt.global(name)
    }

    /// Calls a runtime function.
    pub fn call_rt(&mut self, name: &str) -> Result<(), Diagnostic> {
        let f = self.rtf(name)?;
        self.s().call(f);
        Ok(())
    }

    /// A temporary local of type `t`; give it back with [`FnCx::free`].
    pub fn temp(&mut self, t: ValType) -> u32 {
        if let Some(l) = self.temps.get_mut(&t).and_then(Vec::pop) {
            return l;
        }
        let idx = self.arity + self.locals.len() as u32;
        self.locals.push(t);
        idx
    }

    /// Returns a temporary.
    pub fn free(&mut self, t: ValType, l: u32) {
        self.temps.entry(t).or_default().push(l);
    }

    /// `(ref null $name)` / `(ref $name)` of a runtime type index.
    pub fn rref(&self, ty: u32, nullable: bool) -> ValType {
        ValType::Ref(RefType { nullable, heap_type: HeapType::Concrete(ty) })
    }

    fn x_local(&self, n: u32) -> u32 {
        n
    }

    fn y_local(&self, n: u32) -> u32 {
        self.y_base + n
    }

    /// The local of a register operand.
    pub fn reg(&self, op: &Operand) -> Result<u32, Diagnostic> {
        match op {
            Operand::X(n) | Operand::TypedReg { reg: Register::X(n), .. } => Ok(self.x_local(*n)),
            Operand::Y(n) | Operand::TypedReg { reg: Register::Y(n), .. } => Ok(self.y_local(*n)),
            other => Err(self.bad(format!("expected a register, found {other:?}"))),
        }
    }

    /// The local of a float register.
    pub fn freg(&self, op: &Operand) -> Result<u32, Diagnostic> {
        match op {
            Operand::FloatReg(n) => Ok(self.fr_base + n),
            other => Err(self.bad(format!("expected a float register, found {other:?}"))),
        }
    }

    /// A malformed-code error in this function.
    pub fn bad(&self, msg: String) -> Diagnostic {
        Diagnostic::error(msg).in_function(self.mfa.clone())
    }

    /// Pushes the term an operand denotes.
    pub fn push(&mut self, op: &Operand) -> Result<(), Diagnostic> {
        match op {
            Operand::X(_) | Operand::Y(_) | Operand::TypedReg { .. } => {
                let l = self.reg(op)?;
                self.s().local_get(l);
            }
            Operand::Nil => {
                self.s().ref_null(crate::codegen::NONE);
            }
            Operand::Atom(i) => {
                let name = self.m.atom(*i).to_string();
                self.push_atom(&name)?;
            }
            Operand::Integer(beam::Int::Small(v)) if (-(1i64 << 30)..(1i64 << 30)).contains(v) => {
                self.s().i32_const(*v as i32).ref_i31();
            }
            Operand::Integer(beam::Int::Small(v)) => self.push_term(&beam::Term::Int(*v))?,
            Operand::Integer(beam::Int::Big(b)) => self.push_term(&beam::Term::BigInt(b.clone()))?,
            Operand::Unsigned(v) if *v < (1 << 30) => {
                self.s().i32_const(*v as i32).ref_i31();
            }
            Operand::Char(c) => {
                self.s().i32_const(*c as i32).ref_i31();
            }
            Operand::Float(f) => self.push_term(&beam::Term::Float(*f))?,
            Operand::Literal(i) => {
                let t = self.m.beam.literals.get(*i as usize).cloned().ok_or_else(|| self.bad(format!("no literal {i}")))?;
                self.push_term(&t)?;
            }
            other => return Err(self.bad(format!("operand {other:?} is not a term"))),
        }
        Ok(())
    }

    /// Pushes atom `name`.
    pub fn push_atom(&mut self, name: &str) -> Result<(), Diagnostic> {
        let r = self.cg.atom_ref(name)?;
        r.emit(&mut self.s());
        Ok(())
    }

    /// Pushes a constant term from the literal pool (small ones inline).
    pub fn push_term(&mut self, t: &beam::Term) -> Result<(), Diagnostic> {
        match t {
            beam::Term::Nil => {
                self.s().ref_null(crate::codegen::NONE);
                return Ok(());
            }
            beam::Term::Int(v) if (-(1i64 << 30)..(1i64 << 30)).contains(v) => {
                self.s().i32_const(*v as i32).ref_i31();
                return Ok(());
            }
            beam::Term::Atom(a) => {
                self.push_atom(a)?;
                return Ok(());
            }
            _ => {}
        }
        let idx = self.literal(t)?;
        let rt = self.cg.rt;
        crate::codegen::push_literal(&mut self.s(), rt, idx)
    }

    /// The literal-pool index of a term.
    pub fn literal(&mut self, t: &beam::Term) -> Result<u32, Diagnostic> {
        let Codegen { literals, atoms, export_order, .. } = &mut *self.cg;
        let before = export_order.len();
        let mut idx_of = |mfa: &Mfa| -> u32 {
            match export_order.iter().position(|k| k == mfa) {
                Some(i) => i as u32,
                None => {
                    export_order.push(mfa.clone());
                    (export_order.len() - 1) as u32
                }
            }
        };
        let i = literals.intern(t, atoms, &mut idx_of).map_err(|d| d.in_function(self.mfa.clone()))?;
        let fresh: Vec<Mfa> = self.cg.export_order.get(before..).unwrap_or_default().to_vec();
        for mfa in fresh {
            self.export_fun(&mfa)?;
        }
        Ok(i)
    }

    /// Stores the value on the stack into a register operand.
    pub fn store(&mut self, dst: &Operand) -> Result<(), Diagnostic> {
        match dst {
            Operand::FloatReg(_) => {
                let l = self.freg(dst)?;
                self.s().local_set(l);
            }
            _ => {
                let l = self.reg(dst)?;
                self.s().local_set(l);
            }
        }
        Ok(())
    }

    /// The reduction check at entry, and its slow path: yield (saving the arguments as a
    /// label-0 frame, which the scheduler later calls afresh) or, in a function with resume
    /// points, resume a saved frame (restore its registers; the dispatch then jumps to its
    /// label). Both slow paths call shared helpers (`frames.rs`).
    fn prologue(&mut self) -> Result<(), Diagnostic> {
        let reds = self.rtg("reds")?;
        let yield_helper = self.yield_helper()?;
        let arity = self.arity;
        let self_idx = self.self_idx;
        let dispatch = !self.cfg.entries.is_empty();
        let word = self.frame_word();
        let yield_code = |s: &mut InstructionSink| {
            s.ref_func(self_idx).i32_const(word);
            for i in 0..arity {
                s.local_get(i);
            }
            s.return_call(yield_helper);
        };
        {
            let mut s = self.s();
            s.global_get(reds).i32_const(1).i32_sub().global_set(reds).global_get(reds).i32_const(0).i32_le_s();
            s.if_(BlockType::Empty);
        }
        if !dispatch {
            // Nothing to resume (the scheduler resumes only frames with a label): the slow
            // path can only yield.
            let mut s = self.s();
            yield_code(&mut s);
            s.end();
            return Ok(());
        }
        let resuming = self.rtg("resuming")?;
        {
            let mut s = self.s();
            s.global_get(resuming).ref_is_null();
            s.if_(BlockType::Empty);
            yield_code(&mut s);
            s.end();
        }
        if let Some(helper) = self.resume_helper()? {
            self.resume_through(helper);
            self.s().end();
            return Ok(());
        }
        let (frame, tuple) = (self.ty.frame, self.ty.tuple);
        let resume_value = self.rtg("resume_value")?;
        let resume_done = self.rtf("resume_done")?;
        let fr = self.temp(self.rref(frame, true));
        let regs = self.temp(self.rref(tuple, true));
        let (entry_local, handler_local, y_base, ny) = (self.entry_local, self.handler_local, self.y_base, self.ny);
        {
            let mut s = self.s();
            s.global_get(resuming).ref_as_non_null().local_tee(fr).struct_get(frame, 1).local_set(entry_local);
            s.local_get(fr).struct_get(frame, 2).local_set(handler_local);
            s.local_get(fr).struct_get(frame, 3).local_set(regs);
            for i in 0..ny {
                s.local_get(regs).ref_as_non_null().i32_const(i as i32).array_get(tuple).local_set(y_base + i);
            }
            s.global_get(resume_value).local_set(0);
        }
        if self.has_handlers {
            // An exception delivered to this frame re-enters at its handler.
            let resume_exn = self.rtg("resume_exn")?;
            let exn = self.ty.exn;
            let fail = self.rtg("FAIL")?;
            let mut s = self.s();
            s.global_get(resume_exn).ref_is_null().i32_eqz();
            s.if_(BlockType::Empty);
            s.local_get(handler_local).local_set(entry_local);
            s.global_get(fail).local_set(0);
            s.global_get(resume_exn).ref_as_non_null().struct_get(exn, 0).local_set(1);
            s.global_get(resume_exn).ref_as_non_null().struct_get(exn, 1).local_set(2);
            s.global_get(resume_exn).local_set(3);
            s.end();
        }
        let mut s = self.s();
        s.call(resume_done);
        s.end();
        Ok(())
    }

    /// The body of a function that catches: a loop around a try_table whose handler
    /// re-enters the body at the innermost active catch.
    fn catching_body(&mut self, tree: &[Node]) -> Result<(), Diagnostic> {
        let tag = self.cg.rt.tag("erl_exn")?;
        let (exn_ty, fail) = (self.ty.exn, self.rtg("FAIL")?);
        let exn_local = self.temp(self.rref(exn_ty, true));
        let (entry_local, handler_local) = (self.entry_local, self.handler_local);
        let exn_ref = ValType::Ref(RefType { nullable: false, heap_type: HeapType::Concrete(exn_ty) });
        {
            let mut s = self.s();
            s.loop_(BlockType::Empty);
            s.block(BlockType::Result(exn_ref));
            s.try_table(BlockType::Empty, [Catch::One { tag, label: 0 }]);
        }
        self.depth += 3;
        self.nodes(tree)?;
        self.depth -= 3;
        let mut s = self.s();
        s.unreachable();
        s.end(); // try_table
        s.unreachable();
        s.end(); // block: the caught exception is on the stack
        s.local_set(exn_local);
        s.local_get(handler_local).i32_eqz();
        s.if_(BlockType::Empty);
        s.local_get(exn_local).ref_as_non_null().throw(tag);
        s.end();
        s.global_get(fail).local_set(0);
        s.local_get(exn_local).ref_as_non_null().struct_get(exn_ty, 0).local_set(1);
        s.local_get(exn_local).ref_as_non_null().struct_get(exn_ty, 1).local_set(2);
        s.local_get(exn_local).local_set(3);
        s.local_get(handler_local).local_set(entry_local);
        s.br(0);
        s.end(); // loop
        Ok(())
    }

    /// Emits structured code.
    fn nodes(&mut self, nodes: &[Node]) -> Result<(), Diagnostic> {
        for n in nodes {
            let before = self.out.len();
            match n {
                Node::Block => {
                    self.s().block(BlockType::Empty);
                    self.depth += 1;
                }
                Node::Loop => {
                    self.s().loop_(BlockType::Empty);
                    self.depth += 1;
                }
                Node::If => {
                    self.s().if_(BlockType::Empty);
                    self.depth += 1;
                }
                Node::Else => {
                    self.s().else_();
                }
                Node::End => {
                    self.s().end();
                    self.depth -= 1;
                }
                Node::Code(b) => self.block(*b)?,
                Node::Br(d) => {
                    self.s().br(*d);
                }
                Node::BrIf(d) => {
                    self.s().br_if(*d);
                }
                Node::BrUnless(d) => {
                    self.branch_unless(*d);
                }
                Node::BrTable(ds) => {
                    let (last, rest) = ds.split_last().map(|(l, r)| (*l, r.to_vec())).unwrap_or((0, vec![]));
                    self.s().br_table(rest, last);
                }
                Node::EntryIndex => {
                    let e = self.entry_local;
                    self.s().local_get(e);
                }
                Node::SetEntry(v) => {
                    let e = self.entry_local;
                    self.s().i32_const(*v as i32).local_set(e);
                }
            }
            if !matches!(n, Node::Code(_)) {
                let bytes = self.out.len() - before;
                self.cg.count_bytes("(control flow)", bytes);
                self.attributed += bytes;
            }
        }
        Ok(())
    }

    /// Branches to depth `d` when the condition on the stack is zero. A condition that ends
    /// in a one-byte comparison is inverted in place (`i32.lt_s` becomes `i32.ge_s`, an
    /// `i32.eqz` goes) rather than followed by `i32.eqz`.
    fn branch_unless(&mut self, d: u32) {
        let at = self.out.len().wrapping_sub(1);
        if self.cond_at.take() == Some(at) {
            // i32.eqz, i32.eq/ne, lt/ge and gt/le (signed and unsigned).
            let inverse = match self.out.get(at) {
                Some(0x45) => None,
                Some(0x46) => Some(0x47),
                Some(0x47) => Some(0x46),
                Some(0x48) => Some(0x4e),
                Some(0x4e) => Some(0x48),
                Some(0x49) => Some(0x4f),
                Some(0x4f) => Some(0x49),
                Some(0x4a) => Some(0x4c),
                Some(0x4c) => Some(0x4a),
                Some(0x4b) => Some(0x4d),
                Some(0x4d) => Some(0x4b),
                _ => {
                    self.s().i32_eqz().br_if(d);
                    return;
                }
            };
            match inverse {
                Some(op) => {
                    if let Some(b) = self.out.get_mut(at) {
                        *b = op;
                    }
                }
                None => self.out.truncate(at),
            }
            self.s().br_if(d);
            return;
        }
        self.s().i32_eqz().br_if(d);
    }

    /// The code of one CFG block.
    fn block(&mut self, b: BlockId) -> Result<(), Diagnostic> {
        let Some(block) = self.cfg.blocks.get(b).cloned() else { return Ok(()) };
        let before = self.out.len();
        match &block.term {
            Terminator::Dispatch(_) => {
                let e = self.entry_local;
                self.s().local_get(e);
            }
            Terminator::TimeoutCheck { .. } => self.call_rt("mbox_timed_out")?,
            _ => {}
        }
        if matches!(&block.term, Terminator::Dispatch(_) | Terminator::TimeoutCheck { .. }) {
            let bytes = self.out.len() - before;
            self.cg.count_bytes("(control flow)", bytes);
            self.attributed += bytes;
            return Ok(());
        }
        let code = self.code;
        // Blocks are emitted in structured order, not the BEAM code's: each starts at the
        // location the VM gives its first instruction.
        if let Some(&l) = self.line_before.get(block.instrs.start).filter(|_| !block.instrs.is_empty()) {
            if l != self.line {
                self.note_line(l)?;
            }
        }
        for i in block.instrs.clone() {
            let Some(ins) = code.get(i) else { continue };
            let last = i + 1 == block.instrs.end;
            let resume = match (&block.term, last) {
                (Terminator::Call(next), true) => self.cfg.entry_index.get(next).copied(),
                (Terminator::Suspend(at), true) => self.cfg.entry_index.get(at).copied(),
                (Terminator::WaitTimeout { check, .. }, true) => self.cfg.entry_index.get(check).copied(),
                _ => None,
            };
            if let Some(r) = resume {
                if let Some((line, file)) = self.location(self.line)? {
                    self.resume_lines.push((r, line, file));
                }
            }
            let before = self.out.len();
            self.cur_instr = i;
            self.instr(ins, resume)?;
            let bytes = self.out.len() - before;
            self.cg.count_bytes(ins.op.name(), bytes);
            self.attributed += bytes;
        }
        // A block that ends the function with a plain `call_ext` (OTP 22's code calling
        // `erlang:error/1` last; see cfg.rs): the call does not return.
        let ends_in_call = block.instrs.end > block.instrs.start
            && code.get(block.instrs.end - 1).is_some_and(|ins| ins.op == Opcode::CallExt);
        if matches!(block.term, Terminator::Exit) && ends_in_call {
            self.s().unreachable();
        }
        Ok(())
    }

    /// After a call to compiled code: store the result in x0, and if the process is
    /// unwinding, save this frame (to resume at dispatch index `resume`) and return.
    pub fn after_call(&mut self, resume: Option<u32>) -> Result<(), Diagnostic> {
        self.s().local_set(0);
        let sig = self.rtg("sig")?;
        let depth = self.depth;
        self.s().global_get(sig);
        self.s().if_(BlockType::Empty).i32_const(resume.unwrap_or(0) as i32).br(depth + 1).end();
        Ok(())
    }

    /// Builds this activation's frame (resume at `label`) and returns through the runtime
    /// function `via` (`unwind_frame` or `suspend_frame`).
    pub fn save_frame(&mut self, label: FrameLabel, via: &str) -> Result<(), Diagnostic> {
        let f = self.rtf(via)?;
        let (self_idx, handler, tuple, y_base, ny) = (self.self_idx, self.handler_local, self.ty.tuple, self.y_base, self.ny);
        let has_handlers = self.has_handlers;
        let word = self.frame_word();
        let mut s = self.s();
        s.ref_func(self_idx).i32_const(word);
        match label {
            FrameLabel::Const(l) => s.i32_const(l as i32),
            FrameLabel::Local(l) => s.local_get(l),
        };
        if has_handlers {
            s.local_get(handler);
        } else {
            s.i32_const(0);
        }
        for i in 0..ny {
            s.local_get(y_base + i);
        }
        s.array_new_fixed(tuple, ny);
        s.return_call(f);
        Ok(())
    }
}
