//! The instruction dispatcher: lowers each BEAM instruction of a block. Branching
//! instructions leave their condition (or select index) for the block's terminator.

use beam::{Instruction, Opcode, Operand};
use wasm_encoder::{BlockType, HeapType, ValType};

use super::calls::{mfa_term, Tail};
use super::FnCx;
use crate::cfg;
use crate::codegen::TERM;
use crate::diagnostic::{Diagnostic, Mfa};

impl FnCx<'_, '_> {
    /// Lowers one instruction. `resume` is the dispatch index of the block after it, when
    /// it is a call to compiled code or a suspension.
    pub(super) fn instr(&mut self, ins: &Instruction, resume: Option<u32>) -> Result<(), Diagnostic> {
        use Opcode::*;
        let a = ins.args.as_slice();
        let fail = cfg::fail_label(ins);
        match (ins.op, a) {
            (Label, _) | (Line, _) | (TestHeap, _) | (Allocate, _) | (AllocateHeap, _) | (AllocateZero, _)
            | (AllocateHeapZero, _) | (Deallocate, _) | (OnLoad, _) | (NifStart, _) | (Fclearerror, _)
            | (RecvMark, _) | (RecvSet, _)
            | (ExecutableLine, _) | (DebugLine, _) => {
                if let (Line, [Operand::Unsigned(l)]) = (ins.op, a) {
                    self.note_line(*l as u32)?;
                }
            }
            (RecvMarkerReserve, [dst]) => {
                self.call_rt("mbox_marker_reserve")?;
                self.store(dst)?;
            }
            (RecvMarkerBind, [marker, reference]) => {
                self.push(marker)?;
                self.push(reference)?;
                self.call_rt("mbox_marker_bind")?;
            }
            (RecvMarkerClear, [reference]) => {
                self.push(reference)?;
                self.call_rt("mbox_marker_clear")?;
            }
            (RecvMarkerUse, [reference]) => {
                self.push(reference)?;
                self.call_rt("mbox_marker_use")?;
            }
            (Move, [src, dst]) => {
                self.push(src)?;
                self.store(dst)?;
            }
            (Swap, [r1, r2]) => {
                let t = self.temp(TERM);
                self.push(r1)?;
                self.s().local_set(t);
                self.push(r2)?;
                self.store(r1)?;
                self.s().local_get(t);
                self.store(r2)?;
                self.free(TERM, t);
            }
            (Init, [dst]) => {
                self.s().ref_null(crate::codegen::NONE);
                self.store(dst)?;
            }
            (InitYregs, [Operand::List(regs)]) => {
                for r in regs {
                    self.s().ref_null(crate::codegen::NONE);
                    self.store(r)?;
                }
            }
            (Trim, [Operand::Unsigned(n), Operand::Unsigned(rem)]) => {
                let (n, rem, y) = (*n as u32, *rem as u32, self.y_base);
                let mut s = self.s();
                for i in 0..rem {
                    s.local_get(y + i + n).local_set(y + i);
                }
            }
            (Return, []) => {
                self.s().local_get(0).return_();
            }
            (Call, [Operand::Unsigned(ar), Operand::Label(l)]) => self.call_local(*ar as u32, *l, Tail::No, resume)?,
            (CallLast, [Operand::Unsigned(ar), Operand::Label(l), _]) | (CallOnly, [Operand::Unsigned(ar), Operand::Label(l)]) => {
                self.call_local(*ar as u32, *l, Tail::Yes, None)?
            }
            (CallExt, [Operand::Unsigned(ar), Operand::Unsigned(imp)]) => self.call_ext(*ar as u32, *imp as u32, Tail::No, resume)?,
            (CallExtLast, [Operand::Unsigned(ar), Operand::Unsigned(imp), _]) | (CallExtOnly, [Operand::Unsigned(ar), Operand::Unsigned(imp)]) => {
                self.call_ext(*ar as u32, *imp as u32, Tail::Yes, None)?
            }
            (Bif0 | Bif1 | Bif2 | GcBif1 | GcBif2 | GcBif3, _) => self.bif(ins)?,
            (Apply, [Operand::Unsigned(ar)]) => self.apply(*ar as u32, Tail::No, resume)?,
            (ApplyLast, [Operand::Unsigned(ar), _]) => self.apply(*ar as u32, Tail::Yes, None)?,
            (CallFun, [Operand::Unsigned(ar)]) => self.call_fun(*ar as u32, &Operand::X(*ar as u32), resume)?,
            (CallFun2, [_, Operand::Unsigned(ar), fun]) => self.call_fun(*ar as u32, fun, resume)?,
            (MakeFun2 | MakeFun3, _) => self.make_fun(ins)?,
            (FuncInfo, [_, _, Operand::Unsigned(arity)]) => {
                let tuple = self.ty.tuple;
                self.push_term(&mfa_term(&self.mfa.clone()))?;
                for i in 0..*arity as u32 {
                    self.s().local_get(i);
                }
                self.s().array_new_fixed(tuple, *arity as u32);
                self.call_rt("raise_function_clause")?;
                self.s().unreachable();
            }
            (IntCodeEnd, _) => {
                self.s().unreachable();
            }
            (Jump, _) => {}
            (IsLt | IsGe | IsEq | IsNe | IsEqExact | IsNeExact | IsInteger | IsFloat | IsNumber | IsAtom | IsPid
            | IsReference | IsPort | IsNil | IsBinary | IsList | IsNonemptyList | IsTuple | TestArity | IsFunction
            | IsBoolean | IsFunction2 | IsBitstr | IsMap | HasMapFields | IsTaggedTuple, _) => {
                self.test(ins)?;
                if fail.is_none() {
                    // A test with no fail label cannot fail in valid code.
                    self.s().drop();
                }
            }
            (SelectVal | SelectTupleArity, _) => self.select(ins)?,
            (GetList, [src, hd, tl]) => {
                let cons = self.ty.cons;
                let t = self.temp(self.rref(cons, true));
                self.push(src)?;
                self.s().ref_cast_non_null(HeapType::Concrete(cons)).local_set(t);
                self.s().local_get(t).struct_get(cons, 0);
                self.store(hd)?;
                self.s().local_get(t).struct_get(cons, 1);
                self.store(tl)?;
                self.free(self.rref(cons, true), t);
            }
            (GetHd, [src, hd]) => {
                let cons = self.ty.cons;
                self.push(src)?;
                self.s().ref_cast_non_null(HeapType::Concrete(cons)).struct_get(cons, 0);
                self.store(hd)?;
            }
            (GetTl, [src, tl]) => {
                let cons = self.ty.cons;
                self.push(src)?;
                self.s().ref_cast_non_null(HeapType::Concrete(cons)).struct_get(cons, 1);
                self.store(tl)?;
            }
            (GetTupleElement, [src, Operand::Unsigned(i), dst]) => {
                let tuple = self.ty.tuple;
                self.push(src)?;
                self.s().ref_cast_non_null(HeapType::Concrete(tuple)).i32_const(*i as i32).array_get(tuple);
                self.store(dst)?;
            }
            (SetTupleElement, [v, t, Operand::Unsigned(i)]) => {
                let tuple = self.ty.tuple;
                self.push(t)?;
                self.s().ref_cast_non_null(HeapType::Concrete(tuple)).i32_const(*i as i32);
                self.push(v)?;
                self.s().array_set(tuple);
            }
            (PutList, [hd, tl, dst]) => {
                let cons = self.ty.cons;
                self.push(hd)?;
                self.push(tl)?;
                self.s().struct_new(cons);
                self.store(dst)?;
            }
            (PutTuple2, [dst, Operand::List(elems)]) => {
                let tuple = self.ty.tuple;
                for e in elems {
                    self.push(e)?;
                }
                self.s().array_new_fixed(tuple, elems.len() as u32);
                self.store(dst)?;
            }
            (Badmatch, [v]) => self.raise2("badmatch", v)?,
            (CaseEnd, [v]) => self.raise2("case_clause", v)?,
            (TryCaseEnd, [v]) => self.raise2("try_clause", v)?,
            (Badrecord, [v]) => self.raise2("badrecord", v)?,
            (IfEnd, []) => {
                self.push_atom("if_clause")?;
                self.call_rt("raise_error")?;
                self.s().unreachable();
            }
            (Try | Catch, [y, Operand::Label(l)]) => {
                let b = self.cfg.label_block.get(l).copied().ok_or_else(|| self.bad(format!("no label {l}")))?;
                let idx = self.cfg.entry_index.get(&b).copied().ok_or_else(|| self.bad("catch label is not an entry".into()))?;
                let h = self.handler_local;
                self.s().local_get(h).ref_i31();
                self.store(y)?;
                self.s().i32_const(idx as i32).local_set(h);
            }
            (TryEnd, [y]) => self.pop_handler(y)?,
            (TryCase, [y]) => {
                self.pop_handler(y)?;
                self.s().local_get(1).local_set(0).local_get(2).local_set(1).local_get(3).local_set(2);
            }
            (CatchEnd, [y]) => {
                self.pop_handler(y)?;
                let fail_g = self.rtg("FAIL")?;
                self.s().local_get(0).global_get(fail_g).ref_eq();
                self.s().if_(BlockType::Empty).local_get(1).local_get(2).local_get(3);
                self.call_rt("catch_value")?;
                self.s().local_set(0).end();
            }
            (Raise, [_, Operand::List(args), _]) | (Raise, [_, Operand::List(args)]) => {
                let (stk, val) = match args.as_slice() {
                    [stk, val] => (stk.clone(), val.clone()),
                    _ => return Err(self.bad("malformed raise".into())),
                };
                self.push(&stk)?;
                self.push(&val)?;
                self.call_rt("raise_raw")?;
                self.s().unreachable();
            }
            (Raise, [stk, val]) => {
                self.push(stk)?;
                self.push(val)?;
                self.call_rt("raise_raw")?;
                self.s().unreachable();
            }
            (BuildStacktrace, []) => {
                self.s().local_get(0);
                self.call_rt("build_stacktrace")?;
                self.s().local_set(0);
            }
            (RawRaise, []) => {
                self.s().local_get(0).local_get(1).local_get(2);
                self.call_rt("raw_raise")?;
                self.s().local_set(0);
            }
            (Send, []) => {
                let mfa = Mfa::new("erlang", "send", 2);
                self.bif_call("erlang:send/2", &mfa, &[Operand::X(0), Operand::X(1)], None, &Operand::X(0))?;
            }
            (LoopRec, [_, dst]) => {
                let fail_g = self.rtg("FAIL")?;
                let t = self.temp(TERM);
                let ok = self.temp(ValType::I32);
                self.call_rt("mbox_peek")?;
                self.s().local_tee(t).global_get(fail_g).ref_eq().i32_eqz().local_tee(ok);
                self.s().if_(BlockType::Empty).local_get(t);
                self.store(dst)?;
                self.s().end().local_get(ok);
                self.free(TERM, t);
                self.free(ValType::I32, ok);
            }
            (LoopRecEnd, _) => self.call_rt("mbox_next")?,
            (RemoveMessage, []) => self.call_rt("mbox_remove")?,
            (Timeout, []) => self.call_rt("mbox_timeout")?,
            (Wait, _) => {
                self.call_rt("mbox_wait")?;
                self.save_frame(super::FrameLabel::Const(resume.unwrap_or(0)), "suspend_frame")?;
            }
            (WaitTimeout, [_, time]) => {
                self.push(time)?;
                self.call_rt("mbox_wait_timeout")?;
                self.s().i32_eqz().if_(BlockType::Empty);
                self.save_frame(super::FrameLabel::Const(resume.unwrap_or(0)), "suspend_frame")?;
                self.s().end();
            }
            (Fmove, [src, dst]) => self.fmove(src, dst)?,
            (Fconv, [src, dst]) => self.fconv(src, dst)?,
            (Fadd | Fsub | Fmul | Fdiv, [_, x, y, dst]) => {
                let (lx, ly, ld) = (self.freg(x)?, self.freg(y)?, self.freg(dst)?);
                self.s().local_get(lx).local_get(ly);
                match ins.op {
                    Fadd => self.s().f64_add(),
                    Fsub => self.s().f64_sub(),
                    Fmul => self.s().f64_mul(),
                    _ => self.s().f64_div(),
                };
                self.s().local_set(ld);
                self.fcheck(ld)?;
            }
            (Fnegate, [_, x, dst]) => {
                let (lx, ld) = (self.freg(x)?, self.freg(dst)?);
                self.s().local_get(lx).f64_neg().local_set(ld);
            }
            (Fcheckerror, _) => {}
            (PutMapAssoc | PutMapExact, [_, src, dst, _, Operand::List(kvs)]) => {
                let name = if ins.op == PutMapAssoc { "map_put_pairs" } else { "map_update_pairs" };
                let tuple = self.ty.tuple;
                let fail_g = self.rtg("FAIL")?;
                self.push(src)?;
                for kv in kvs {
                    self.push(kv)?;
                }
                self.s().array_new_fixed(tuple, kvs.len() as u32);
                self.call_rt(name)?;
                let t = self.temp(TERM);
                self.s().local_tee(t).global_get(fail_g).ref_eq();
                if fail.is_some() {
                    let ok = self.temp(ValType::I32);
                    self.s().i32_eqz().local_tee(ok).if_(BlockType::Empty).local_get(t);
                    self.store(dst)?;
                    self.s().end().local_get(ok);
                    self.free(ValType::I32, ok);
                } else {
                    self.s().if_(BlockType::Empty);
                    self.call_rt("raise_fail_reason")?;
                    self.s().unreachable().end().local_get(t);
                    self.store(dst)?;
                }
                self.free(TERM, t);
            }
            (GetMapElements, [_, src, Operand::List(kds)]) => {
                let fail_g = self.rtg("FAIL")?;
                let pairs: Vec<(Operand, Operand)> =
                    kds.chunks(2).filter_map(|p| Some((p.first()?.clone(), p.get(1)?.clone()))).collect();
                let temps: Vec<u32> = pairs.iter().map(|_| self.temp(TERM)).collect();
                self.s().block(BlockType::Result(ValType::I32));
                for ((k, _), t) in pairs.iter().zip(&temps) {
                    self.s().i32_const(0);
                    self.push(src)?;
                    self.push(k)?;
                    self.call_rt("map_get")?;
                    self.s().local_tee(*t).global_get(fail_g).ref_eq().br_if(0).drop();
                }
                for ((_, d), t) in pairs.iter().zip(&temps) {
                    self.s().local_get(*t);
                    self.store(d)?;
                }
                self.s().i32_const(1).end();
                for t in temps {
                    self.free(TERM, t);
                }
                if fail.is_none() {
                    self.s().drop();
                }
            }
            (op, _) if is_binary_op(op) => self.binary(ins, fail)?,
            (op, _) => {
                let name = op.name().to_string();
                self.cg.diagnostics.push(
                    Diagnostic::warning(format!("the instruction {name} is not supported yet"))
                        .in_function(self.mfa.clone())
                        .with_hint("reaching it raises an error at run time"),
                );
                self.push_atom(&name)?;
                self.call_rt("raise_unsupported_instruction")?;
                self.s().unreachable();
                if fail.is_some() || matches!(op, SelectVal | SelectTupleArity) {
                    self.s().i32_const(0);
                }
            }
        }
        Ok(())
    }

    /// Raises `{Tag, V}` as an error.
    fn raise2(&mut self, tag: &str, v: &Operand) -> Result<(), Diagnostic> {
        self.push_atom(tag)?;
        self.push(v)?;
        self.call_rt("raise_error2")?;
        self.s().unreachable();
        Ok(())
    }

    /// Ends a try or catch region: the handler saved in its y register becomes active again.
    fn pop_handler(&mut self, y: &Operand) -> Result<(), Diagnostic> {
        let h = self.handler_local;
        self.push(y)?;
        self.s().ref_cast_non_null(HeapType::I31).i31_get_s().local_set(h);
        self.s().ref_null(crate::codegen::NONE);
        self.store(y)
    }

    /// `fmove`: between a float register and a term.
    fn fmove(&mut self, src: &Operand, dst: &Operand) -> Result<(), Diagnostic> {
        let float = self.ty.float;
        match (src, dst) {
            (Operand::FloatReg(_), Operand::FloatReg(_)) => {
                let (s, d) = (self.freg(src)?, self.freg(dst)?);
                self.s().local_get(s).local_set(d);
            }
            (Operand::FloatReg(_), _) => {
                let s = self.freg(src)?;
                self.s().local_get(s).struct_new(float);
                self.store(dst)?;
            }
            (_, Operand::FloatReg(_)) => {
                let d = self.freg(dst)?;
                if let Some(f) = self.float_literal(src) {
                    self.s().f64_const(f.into()).local_set(d);
                    return Ok(());
                }
                self.push(src)?;
                self.s().ref_cast_non_null(HeapType::Concrete(float)).struct_get(float, 0).local_set(d);
            }
            _ => return Err(self.bad("fmove between two terms".into())),
        }
        Ok(())
    }
}

/// The bit-syntax instructions, lowered in `binary.rs`.
fn is_binary_op(op: Opcode) -> bool {
    use Opcode::*;
    matches!(
        op,
        BsStartMatch2 | BsStartMatch3 | BsStartMatch4 | BsGetInteger2 | BsGetFloat2 | BsGetBinary2 | BsSkipBits2
            | BsTestTail2 | BsTestUnit | BsMatchString | BsGetUtf8 | BsSkipUtf8 | BsGetUtf16 | BsSkipUtf16
            | BsGetUtf32 | BsSkipUtf32 | BsGetTail | BsGetPosition | BsSetPosition | BsContextToBinary | BsInit2
            | BsInitBits | BsPutInteger | BsPutBinary | BsPutFloat | BsPutString | BsAdd | BsAppend
            | BsPrivateAppend | BsUtf8Size | BsUtf16Size | BsPutUtf8 | BsPutUtf16 | BsPutUtf32 | BsInitWritable
            | BsCreateBin | BsSave2 | BsRestore2
    )
}
