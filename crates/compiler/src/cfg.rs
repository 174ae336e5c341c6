//! Splits a BEAM function into basic blocks and finds their successors.
//!
//! Expects: one function's instructions (from its first label to its last instruction).
//! Guarantees: every block ends in exactly one [`Terminator`]; a non-tail call to compiled
//! code ends its block and its continuation starts a block of its own (a *resume point*,
//! where a suspended activation re-enters); blocks no path reaches are dropped. When the
//! function can suspend or catch, block 0 is a synthetic *dispatch* that jumps to the
//! entry, to every resume point and to every catch handler, by the value of `$entry`.

use crate::HashMap;
use std::ops::Range;

use beam::{Instruction, Opcode, Operand};

/// A block's index in [`Cfg::blocks`].
pub type BlockId = usize;

/// How a block ends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Terminator {
    /// Continues at a block (a `jump`, or falling through).
    Goto(BlockId),
    /// The last instruction leaves an i32 on the stack: non-zero continues at `next`,
    /// zero jumps to `fail`.
    Branch {
        /// Where a failed test goes.
        fail: BlockId,
        /// Where a passed test goes.
        next: BlockId,
    },
    /// The last instruction leaves an index into `targets` on the stack.
    Select(Vec<BlockId>),
    /// The last instruction is a non-tail call; its continuation is a resume point.
    Call(BlockId),
    /// The last instruction suspends the process; it resumes at the block.
    Suspend(BlockId),
    /// `wait_timeout`: unless the timeout has already passed, the instruction suspends
    /// (to resume at `check`) and returns; otherwise execution continues at `next`.
    WaitTimeout {
        /// The synthetic block that re-enters after the suspension.
        check: BlockId,
        /// The instruction after `wait_timeout` (the `timeout` clause).
        next: BlockId,
    },
    /// Synthetic: non-zero if the process's timeout fired (`expired`), else back to the
    /// receive loop (`retry`).
    TimeoutCheck {
        /// The `timeout` clause.
        expired: BlockId,
        /// The receive loop.
        retry: BlockId,
    },
    /// Synthetic: `br_table` on `$entry` into the targets.
    Dispatch(Vec<BlockId>),
    /// The last instruction leaves the function (return, tail call, raise).
    Exit,
}

/// A basic block.
#[derive(Clone, Debug)]
pub struct Block {
    /// Its instructions, as indices into the function's code; empty for synthetic blocks.
    pub instrs: Range<usize>,
    /// How it ends.
    pub term: Terminator,
    /// The BEAM label it starts at, if any.
    pub label: Option<u32>,
}

/// A function's control-flow graph.
#[derive(Clone, Debug)]
pub struct Cfg {
    /// The blocks; block 0 is the root (the dispatch, or the entry).
    pub blocks: Vec<Block>,
    /// The dispatch targets in `$entry` order: [0] is the function's entry; then the
    /// resume points and catch handlers. Empty when the function never re-enters.
    pub entries: Vec<BlockId>,
    /// Each resume point's or handler's `$entry` value.
    pub entry_index: HashMap<BlockId, u32>,
    /// The block at each BEAM label.
    pub label_block: HashMap<u32, BlockId>,
}

/// What the CFG builder needs to know about calls it cannot judge from the opcode alone.
pub trait CallKind {
    /// Whether this instruction calls compiled code (so it can suspend) rather than a BIF.
    fn calls_compiled(&self, ins: &Instruction) -> bool;
}

/// The label an instruction jumps to when its test fails, if it has one.
pub fn fail_label(ins: &Instruction) -> Option<u32> {
    use Opcode::*;
    let at = match ins.op {
        IsLt | IsGe | IsEq | IsNe | IsEqExact | IsNeExact | IsInteger | IsFloat | IsNumber | IsAtom | IsPid
        | IsReference | IsPort | IsNil | IsBinary | IsList | IsNonemptyList | IsTuple | TestArity | IsFunction
        | IsBoolean | IsFunction2 | IsBitstr | IsMap | HasMapFields | GetMapElements | IsTaggedTuple | Bif1 | Bif2
        | GcBif1 | GcBif2 | GcBif3 | PutMapAssoc | PutMapExact | BsStartMatch2 | BsStartMatch3 | BsStartMatch4
        | BsGetInteger2 | BsGetFloat2 | BsGetBinary2 | BsSkipBits2 | BsTestTail2 | BsTestUnit | BsMatchString
        | BsGetUtf8 | BsSkipUtf8 | BsGetUtf16 | BsSkipUtf16 | BsGetUtf32 | BsSkipUtf32 | BsInit2 | BsInitBits
        | BsPutInteger | BsPutBinary | BsPutFloat | BsAdd | BsAppend | BsPrivateAppend | BsUtf8Size | BsUtf16Size
        | BsPutUtf8 | BsPutUtf16 | BsPutUtf32 | BsCreateBin | BsMatch | LoopRec | Fadd | Fsub | Fmul | Fdiv
        | Fnegate | Fcheckerror => 0,
        SelectVal | SelectTupleArity => 1,
        _ => return None,
    };
    match ins.args.get(at) {
        Some(Operand::Label(l)) if *l != 0 => Some(*l),
        _ => None,
    }
}

fn label_of(ins: &Instruction) -> Option<u32> {
    match (ins.op, ins.args.as_slice()) {
        (Opcode::Label, [Operand::Unsigned(l)]) => Some(*l as u32),
        _ => None,
    }
}

/// Whether an instruction leaves the function unconditionally.
fn exits(ins: &Instruction, calls: &dyn CallKind) -> bool {
    use Opcode::*;
    match ins.op {
        Return | CallLast | CallOnly | CallExtLast | CallExtOnly | ApplyLast | FuncInfo | IntCodeEnd | Badmatch
        | IfEnd | CaseEnd | TryCaseEnd | Badrecord => true,
        // `raise` always raises; `raw_raise` falls through on a bad class.
        Raise => true,
        // A tail call of a BIF is a BIF call followed by a return.
        _ => {
            let _ = calls;
            false
        }
    }
}

/// Builds the CFG of `code`, a function's instructions.
pub fn build(code: &[Instruction], entry_label: u32, calls: &dyn CallKind) -> Result<Cfg, String> {
    // Pass 1: cut the code into raw blocks.
    struct Raw {
        instrs: Range<usize>,
        label: Option<u32>,
        kind: RawEnd,
    }
    enum RawEnd {
        Fall,
        Jump(u32),
        Branch(u32),
        Select(Vec<u32>, u32),
        Call,
        Wait(u32),
        WaitTimeout(u32),
        LoopRecEnd(u32),
        Exit,
    }
    let mut raws: Vec<Raw> = Vec::new();
    let mut start = 0;
    let mut label = None;
    let mut i = 0;
    let mut dead = false;
    while i < code.len() {
        let Some(ins) = code.get(i) else { break };
        if let Some(l) = label_of(ins) {
            if (i > start || label.is_some()) && !dead {
                raws.push(Raw { instrs: start..i, label, kind: RawEnd::Fall });
            }
            dead = false;
            start = i + 1;
            label = Some(l);
            i += 1;
            continue;
        }
        if dead {
            i += 1;
            start = i;
            continue;
        }
        let end = match ins.op {
            Opcode::Jump => match ins.args.as_slice() {
                [Operand::Label(l)] => Some(RawEnd::Jump(*l)),
                _ => return Err("malformed jump".into()),
            },
            Opcode::LoopRecEnd => match ins.args.as_slice() {
                [Operand::Label(l)] => Some(RawEnd::LoopRecEnd(*l)),
                _ => return Err("malformed loop_rec_end".into()),
            },
            Opcode::Wait => match ins.args.as_slice() {
                [Operand::Label(l)] => Some(RawEnd::Wait(*l)),
                _ => return Err("malformed wait".into()),
            },
            Opcode::WaitTimeout => match ins.args.as_slice() {
                [Operand::Label(l), _] => Some(RawEnd::WaitTimeout(*l)),
                _ => return Err("malformed wait_timeout".into()),
            },
            Opcode::SelectVal | Opcode::SelectTupleArity => {
                let fail = fail_label(ins).ok_or("select without a fail label")?;
                let mut targets = Vec::new();
                if let Some(Operand::List(items)) = ins.args.get(2) {
                    for pair in items.chunks(2) {
                        match pair {
                            [_, Operand::Label(l)] => targets.push(*l),
                            _ => return Err("malformed select list".into()),
                        }
                    }
                }
                Some(RawEnd::Select(targets, fail))
            }
            _ if exits(ins, calls) => Some(RawEnd::Exit),
            _ if calls.calls_compiled(ins) => Some(RawEnd::Call),
            _ => fail_label(ins).map(RawEnd::Branch),
        };
        if let Some(kind) = end {
            let is_exit = matches!(kind, RawEnd::Exit | RawEnd::Jump(_) | RawEnd::Select(..) | RawEnd::Wait(_) | RawEnd::LoopRecEnd(_));
            raws.push(Raw { instrs: start..i + 1, label, kind });
            label = None;
            start = i + 1;
            dead = is_exit;
        }
        i += 1;
    }
    if !dead && start < code.len() {
        raws.push(Raw { instrs: start..code.len(), label, kind: RawEnd::Fall });
    } else if !dead && label.is_some() {
        raws.push(Raw { instrs: start..start, label, kind: RawEnd::Fall });
    }

    // Pass 2: resolve successors. Raw block k falls through to raw block k+1.
    let mut label_raw: HashMap<u32, usize> = HashMap::default();
    for (k, r) in raws.iter().enumerate() {
        if let Some(l) = r.label {
            label_raw.insert(l, k);
        }
    }
    let find = |l: u32| label_raw.get(&l).copied().ok_or(format!("jump to unknown label {l}"));
    // Block ids: synthetic root at 0 (always present; it is the entry when there is no
    // dispatch), raw block k at k + 1, then synthetic timeout checks.
    let mut blocks: Vec<Block> = vec![Block { instrs: 0..0, term: Terminator::Exit, label: None }];
    let mut resume_points: Vec<BlockId> = Vec::new();
    let mut extra: Vec<Block> = Vec::new();
    let n = raws.len();
    for (k, r) in raws.iter().enumerate() {
        let next = || if k + 1 < n { Ok(k + 2) } else { Err(String::from("code falls off the end")) };
        // Code compiled by OTP 22 and older ends a function with a plain `call_ext` of a
        // BIF that never returns (`erlang:error/1`): valid code never falls off the end,
        // so the call is where the function ends.
        let ends_in_call_ext = r.instrs.end > r.instrs.start
            && code.get(r.instrs.end - 1).is_some_and(|ins| ins.op == Opcode::CallExt);
        let term = match &r.kind {
            RawEnd::Fall if k + 1 == n && ends_in_call_ext => Terminator::Exit,
            RawEnd::Fall => Terminator::Goto(next()?),
            RawEnd::Jump(l) | RawEnd::LoopRecEnd(l) => Terminator::Goto(find(*l)? + 1),
            RawEnd::Branch(l) => Terminator::Branch { fail: find(*l)? + 1, next: next()? },
            RawEnd::Select(ts, fail) => {
                let mut targets = ts.iter().map(|l| find(*l).map(|b| b + 1)).collect::<Result<Vec<_>, _>>()?;
                targets.push(find(*fail)? + 1);
                Terminator::Select(targets)
            }
            RawEnd::Call => {
                let nx = next()?;
                resume_points.push(nx);
                Terminator::Call(nx)
            }
            RawEnd::Wait(l) => {
                let b = find(*l)? + 1;
                resume_points.push(b);
                Terminator::Suspend(b)
            }
            RawEnd::WaitTimeout(l) => {
                let check = n + 1 + extra.len();
                let retry = find(*l)? + 1;
                let nx = next()?;
                extra.push(Block { instrs: 0..0, term: Terminator::TimeoutCheck { expired: nx, retry }, label: None });
                resume_points.push(check);
                Terminator::WaitTimeout { check, next: nx }
            }
            RawEnd::Exit => Terminator::Exit,
        };
        blocks.push(Block { instrs: r.instrs.clone(), term, label: r.label });
    }
    blocks.extend(extra);
    let entry = find(entry_label)? + 1;

    // Catch handlers: the labels of `try` and `catch` instructions.
    let mut handlers: Vec<BlockId> = Vec::new();
    for ins in code {
        if let (Opcode::Try | Opcode::Catch, [_, Operand::Label(l)]) = (ins.op, ins.args.as_slice()) {
            let b = find(*l)? + 1;
            if !handlers.contains(&b) {
                handlers.push(b);
            }
        }
    }
    let mut entries = Vec::new();
    let mut entry_index = HashMap::default();
    if resume_points.is_empty() && handlers.is_empty() {
        // No re-entry: the root simply continues at the entry.
        if let Some(root) = blocks.first_mut() {
            root.term = Terminator::Goto(entry);
        }
    } else {
        entries.push(entry);
        for b in resume_points.into_iter().chain(handlers) {
            if let std::collections::hash_map::Entry::Vacant(e) = entry_index.entry(b) {
                e.insert(entries.len() as u32);
                entries.push(b);
            }
        }
        if let Some(root) = blocks.first_mut() {
            root.term = Terminator::Dispatch(entries.clone());
        }
    }
    let label_block = label_raw.into_iter().map(|(l, k)| (l, k + 1)).collect();
    Ok(Cfg { blocks, entries, entry_index, label_block })
}

impl Terminator {
    /// The blocks this terminator can continue at without leaving the function. (A
    /// suspension leaves; its resume point is re-entered through the dispatch.)
    pub fn successors(&self) -> Vec<BlockId> {
        match self {
            Terminator::Goto(b) | Terminator::Call(b) => vec![*b],
            Terminator::Suspend(_) => vec![],
            Terminator::Branch { fail, next } => vec![*next, *fail],
            Terminator::Select(ts) | Terminator::Dispatch(ts) => ts.clone(),
            Terminator::WaitTimeout { next, .. } => vec![*next],
            Terminator::TimeoutCheck { expired, retry } => vec![*expired, *retry],
            Terminator::Exit => vec![],
        }
    }
}
