//! Calls: local and external, BIFs (with their failure protocol), funs (`make_fun`,
//! `call_fun`), dynamic `apply`, and the trampolines funs are called through.

use beam::{Instruction, Opcode, Operand, Term};
use wasm_encoder::{BlockType, ConstExpr, GlobalType, HeapType, RefType, ValType};

use super::FnCx;
use crate::codegen::TERM;
use crate::diagnostic::{Diagnostic, Mfa};
use crate::link::{FuncRef, Intrinsic, Target};

/// How a call continues.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Tail {
    /// A body call: the result goes to x0 and execution continues.
    No,
    /// A tail call: the callee's result is this function's result.
    Yes,
}

impl FnCx<'_, '_> {
    /// `call`, `call_last`, `call_only`: a call to a function of this module.
    /// Under `BEAMWASM_NARROW_CHECK`, a call site the linker's narrowing judged dead raises
    /// `undef` for `beamwasm_narrowing_miss:'Caller -> Callee'`; whether it did.
    fn narrowing_miss(&mut self, callee: &str, arity: u32) -> Result<bool, Diagnostic> {
        if !self.cg.linked.dead_sites.contains(&(self.mfa.clone(), self.cur_instr)) {
            return Ok(false);
        }
        let what = format!("{} -> {callee}", self.mfa);
        self.raise_undef(&Mfa::new("beamwasm_narrowing_miss", &what, arity), arity)?;
        Ok(true)
    }

    pub(super) fn call_local(&mut self, arity: u32, label: u32, tail: Tail, resume: Option<u32>) -> Result<(), Diagnostic> {
        if self.narrowing_miss(&format!("label {label}"), arity)? {
            return Ok(());
        }
        let func = self.m.label_function.get(&label).copied().ok_or_else(|| self.bad(format!("call to unknown label {label}")))?;
        // A NIF's Erlang stub (`crypto:strong_rand_bytes_nif/1`), called locally: the
        // runtime function of that name implements it, as the loaded NIF replaces the stub.
        let callee = self.m.mfa(func);
        let name = callee.to_string();
        if self.cg.rt.funcs.contains_key(&name) {
            return self.call_bif_as_function(&name, &callee, arity, tail, resume);
        }
        let module = self.cg.linked.program.modules.iter().position(|m| std::ptr::eq(m, self.m)).unwrap_or(0);
        let idx = self.cg.fn_index.get(&FuncRef { module, func }).copied().ok_or_else(|| self.bad(format!("callee at label {label} was not linked")))?;
        self.push_args(arity);
        self.finish_call(idx, tail, resume)
    }

    fn push_args(&mut self, arity: u32) {
        let mut s = self.s();
        for i in 0..arity {
            s.local_get(i);
        }
    }

    fn finish_call(&mut self, idx: u32, tail: Tail, resume: Option<u32>) -> Result<(), Diagnostic> {
        match tail {
            Tail::Yes => {
                self.s().return_call(idx);
            }
            Tail::No => {
                self.s().call(idx);
                self.after_call(resume)?;
            }
        }
        Ok(())
    }

    /// `call_ext`, `call_ext_last`, `call_ext_only`.
    pub(super) fn call_ext(&mut self, arity: u32, import: u32, tail: Tail, resume: Option<u32>) -> Result<(), Diagnostic> {
        let mfa = self.m.import(import).ok_or_else(|| self.bad(format!("no import {import}")))?;
        if self.narrowing_miss(&mfa.to_string(), arity)? {
            return Ok(());
        }
        let target = self.cg.linked.targets.get(&mfa).cloned().unwrap_or(Target::Undef);
        match target {
            Target::Compiled(f) => {
                let idx = self.cg.fn_index.get(&f).copied().ok_or_else(|| self.bad(format!("{mfa} was not linked")))?;
                self.push_args(arity);
                self.finish_call(idx, tail, resume)
            }
            Target::Bif(name) => self.call_bif_as_function(&name, &mfa, arity, tail, resume),
            Target::Intrinsic(i) => {
                let name = match i {
                    Intrinsic::ApplyFun => "hook:apply_fun",
                    Intrinsic::ApplyMfa => "hook:apply_mfa",
                    Intrinsic::Entry => "hook:entry",
                };
                let f = self.rtf(name)?;
                self.push_args(arity);
                self.finish_call(f, tail, resume)
            }
            Target::Undef => {
                self.raise_undef(&mfa, arity)?;
                Ok(())
            }
            Target::Unsupported => self.raise_unsupported(&mfa),
        }
    }

    /// A call of BIF `name` as a function (`call_ext`, or a local call of a NIF's stub) with
    /// arguments x0..x(arity-1), its result in x0. A trapping BIF (the VM's BIF_TRAP: it may
    /// stop the process or continue in Erlang code) is a resume point like a call to
    /// compiled code.
    pub(super) fn call_bif_as_function(&mut self, name: &str, mfa: &Mfa, arity: u32, tail: Tail, resume: Option<u32>) -> Result<(), Diagnostic> {
        let args: Vec<Operand> = (0..arity).map(Operand::X).collect();
        if beamwasm_runtime::is_trapping_bif(name) {
            self.bif_value(name, mfa, &args)?;
            return match tail {
                Tail::Yes => {
                    self.s().return_();
                    Ok(())
                }
                Tail::No => self.after_call(resume),
            };
        }
        self.bif_call(name, mfa, &args, None, &Operand::X(0))?;
        if tail == Tail::Yes {
            self.s().local_get(0).return_();
        }
        Ok(())
    }

    /// Raises `undef` for a call of `mfa` with arguments x0..x(arity-1).
    fn raise_undef(&mut self, mfa: &Mfa, arity: u32) -> Result<(), Diagnostic> {
        let tuple = self.ty.tuple;
        self.push_atom(&mfa.module)?;
        self.push_atom(&mfa.function)?;
        self.push_args(arity);
        self.s().array_new_fixed(tuple, arity);
        self.call_rt("raise_undef")?;
        self.s().unreachable();
        Ok(())
    }

    /// Raises the error for a BIF beamwasm does not implement.
    pub(super) fn raise_unsupported(&mut self, mfa: &Mfa) -> Result<(), Diagnostic> {
        self.push_term(&mfa_term(mfa))?;
        self.call_rt("raise_unsupported")?;
        self.s().unreachable();
        Ok(())
    }

    /// A BIF call: pushes `args`, calls the runtime function `name`, and stores the result in
    /// `dst`. With a fail label, leaves non-zero on success (and writes `dst` only then);
    /// without one, raises the BIF's error with its own stack frame.
    pub(super) fn bif_call(&mut self, name: &str, mfa: &Mfa, args: &[Operand], fail: Option<u32>, dst: &Operand) -> Result<(), Diagnostic> {
        if fail.is_none() {
            self.bif_value(name, mfa, args)?;
            return self.store(dst);
        }
        let f = self.rtf(name)?;
        let fail_g = self.rtg("FAIL")?;
        for a in args {
            self.push(a)?;
        }
        let t = self.temp(TERM);
        let ok = self.temp(ValType::I32);
        self.s().call(f).local_tee(t).global_get(fail_g).ref_eq().i32_eqz().local_tee(ok);
        self.s().if_(BlockType::Empty).local_get(t);
        self.store(dst)?;
        self.s().end().local_get(ok);
        self.free(ValType::I32, ok);
        self.free(TERM, t);
        Ok(())
    }

    /// Pushes the value of a BIF call, raising the BIF's error (with its own stack frame)
    /// if it fails.
    pub(super) fn bif_value(&mut self, name: &str, mfa: &Mfa, args: &[Operand]) -> Result<(), Diagnostic> {
        self.bif_value_framed(name, mfa, args, true)
    }

    /// [`FnCx::bif_value`]; a failure raises with the BIF's own frame on top of the stack
    /// trace when `frame`, else with the calling function's.
    pub(super) fn bif_value_framed(&mut self, name: &str, mfa: &Mfa, args: &[Operand], frame: bool) -> Result<(), Diagnostic> {
        let f = self.rtf(name)?;
        let fail_g = self.rtg("FAIL")?;
        for a in args {
            self.push(a)?;
        }
        let t = self.temp(TERM);
        self.s().call(f).local_tee(t).global_get(fail_g).ref_eq();
        self.s().if_(BlockType::Empty);
        if frame {
            let raise = self.bif_raiser(mfa)?;
            for a in args {
                self.push(a)?;
            }
            self.s().call(raise);
        } else {
            self.call_rt("raise_fail_reason")?;
        }
        self.s().unreachable().end();
        self.s().local_get(t);
        self.free(TERM, t);
        Ok(())
    }

    /// The function that raises `mfa`'s error with the BIF's own frame on top of the stack
    /// trace, given its arguments: one per BIF, shared by every call site (which would
    /// otherwise each build the `{M, F, A}` literal and the argument tuple). Its own wasm
    /// frame is not compiled Erlang, so stack traces skip it.
    pub(super) fn bif_raiser(&mut self, mfa: &Mfa) -> Result<u32, Diagnostic> {
        if let Some(&f) = self.cg.bif_raisers.get(mfa) {
            return Ok(f);
        }
        let n = mfa.arity;
        let ty = self.cg.fn_type(n);
        let f = self.cg.add_func(format!("raise:{mfa}"), ty);
        self.cg.bif_raisers.insert(mfa.clone(), f);
        let lit = self.literal(&mfa_term(mfa))?;
        let (tuple, raise) = (self.ty.tuple, self.rtf("raise_bif_error")?);
        let mut code = Vec::new();
        let mut s = wasm_encoder::InstructionSink::new(&mut code);
        crate::codegen::push_literal(&mut s, self.cg.rt, lit)?;
        for i in 0..n {
            s.local_get(i);
        }
        s.array_new_fixed(tuple, n).call(raise).unreachable().end();
        self.cg.set_body(f, vec![], code);
        Ok(f)
    }

    /// `bif0/1/2` and `gc_bif1/2/3`.
    pub(super) fn bif(&mut self, ins: &Instruction) -> Result<(), Diagnostic> {
        let (fail, imp, args, dst) = match (ins.op, ins.args.as_slice()) {
            (Opcode::Bif0, [Operand::Unsigned(imp), dst]) => (None, *imp, vec![], dst.clone()),
            (Opcode::Bif1, [Operand::Label(f), Operand::Unsigned(imp), a, dst]) => (nz(*f), *imp, vec![a.clone()], dst.clone()),
            (Opcode::Bif2, [Operand::Label(f), Operand::Unsigned(imp), a, b, dst]) => {
                (nz(*f), *imp, vec![a.clone(), b.clone()], dst.clone())
            }
            (Opcode::GcBif1, [Operand::Label(f), _, Operand::Unsigned(imp), a, dst]) => (nz(*f), *imp, vec![a.clone()], dst.clone()),
            (Opcode::GcBif2, [Operand::Label(f), _, Operand::Unsigned(imp), a, b, dst]) => {
                (nz(*f), *imp, vec![a.clone(), b.clone()], dst.clone())
            }
            (Opcode::GcBif3, [Operand::Label(f), _, Operand::Unsigned(imp), a, b, c, dst]) => {
                (nz(*f), *imp, vec![a.clone(), b.clone(), c.clone()], dst.clone())
            }
            _ => return Err(self.bad(format!("malformed {}", ins.op.name()))),
        };
        let mfa = self.m.import(imp as u32).ok_or_else(|| self.bad(format!("no import {imp}")))?;
        match self.cg.linked.targets.get(&mfa).cloned() {
            Some(Target::Bif(name)) => {
                if fail.is_none() && self.inline_bif(&mfa, &args, &dst)? {
                    return Ok(());
                }
                self.bif_call(&name, &mfa, &args, fail, &dst)
            }
            _ => {
                self.raise_unsupported(&mfa)?;
                if fail.is_some() {
                    self.s().i32_const(0);
                }
                Ok(())
            }
        }
    }

    /// `make_fun3 Index Dst [Env]` and `make_fun2 Index` (free variables in x0.., result x0).
    pub(super) fn make_fun(&mut self, ins: &Instruction) -> Result<(), Diagnostic> {
        let (index, dst, env): (u32, Operand, Vec<Operand>) = match (ins.op, ins.args.as_slice()) {
            (Opcode::MakeFun3, [Operand::Unsigned(i), dst, Operand::List(env)]) => (*i as u32, dst.clone(), env.clone()),
            (Opcode::MakeFun2, [Operand::Unsigned(i)]) => {
                let lambda = self.m.beam.lambdas.get(*i as usize).ok_or_else(|| self.bad(format!("no fun {i}")))?;
                ((*i) as u32, Operand::X(0), (0..lambda.num_free).map(Operand::X).collect())
            }
            _ => return Err(self.bad("malformed make_fun".into())),
        };
        let (tramp, info) = self.lambda(index)?;
        let lambda = self.m.beam.lambdas.get(index as usize).ok_or_else(|| self.bad(format!("no fun {index}")))?;
        let arity = lambda.arity - lambda.num_free;
        let (fun, tuple) = (self.ty.fun, self.ty.tuple);
        self.s().ref_func(tramp).i32_const(arity as i32).global_get(info);
        if env.is_empty() {
            self.s().ref_null(crate::codegen::NONE);
        } else {
            for e in &env {
                self.push(e)?;
            }
            self.s().array_new_fixed(tuple, env.len() as u32);
        }
        self.s().struct_new(fun);
        self.store(&dst)
    }

    /// The trampoline and info global of this module's fun `index`, made on first use.
    fn lambda(&mut self, index: u32) -> Result<(u32, u32), Diagnostic> {
        let module = self.module_id();
        if let Some(&v) = self.cg.lambdas.get(&(module, index)) {
            return Ok(v);
        }
        let lambda = self.m.beam.lambdas.get(index as usize).cloned().ok_or_else(|| self.bad(format!("no fun {index}")))?;
        let func = self.m.label_function.get(&lambda.label).copied().ok_or_else(|| self.bad("fun with no function".into()))?;
        let target = self.cg.fn_index.get(&FuncRef { module, func }).copied();
        let arity = lambda.arity - lambda.num_free;
        let clos = self.cg.clos_type(arity)?;
        let name = format!("{}:{}/{}#fun{index}", self.m.name, self.m.atom(lambda.function), lambda.arity);
        let tramp = self.cg.add_func(name.clone(), clos);
        self.cg.declared.insert(tramp);
        // The trampoline: the arguments, then the free variables from the fun's env.
        let (fun, tuple) = (self.ty.fun, self.ty.tuple);
        let mut body = Vec::new();
        if let Some(target) = target {
            let mut s = wasm_encoder::InstructionSink::new(&mut body);
            for i in 0..arity {
                s.local_get(i);
            }
            for k in 0..lambda.num_free {
                s.local_get(arity).struct_get(fun, 3).ref_as_non_null().i32_const(k as i32).array_get(tuple);
            }
            s.return_call(target).end();
        } else {
            // A fun the linker proved is never called (`link/fields.rs`): calling it anyway
            // raises `undef` naming its function, as a function that is not linked does.
            let saved = std::mem::take(&mut self.out);
            let fmfa = self.m.mfa(func);
            let raised = self.raise_undef(&Mfa::new(&fmfa.module, &fmfa.function, arity), arity);
            self.s().end();
            body = std::mem::replace(&mut self.out, saved);
            raised?;
        }
        self.cg.set_body(tramp, vec![], body);
        let info = self.funinfo(0, &self.m.name.clone(), &self.m.atom(lambda.function).to_string(), arity, lambda.index, lambda.old_uniq, &name)?;
        self.cg.lambdas.insert((module, index), (tramp, info));
        Ok((tramp, info))
    }

    fn module_id(&self) -> usize {
        self.cg.linked.program.modules.iter().position(|m| std::ptr::eq(m, self.m)).unwrap_or(0)
    }

    /// A global holding a `$funinfo`.
    #[allow(clippy::too_many_arguments)]
    fn funinfo(&mut self, kind: i32, module: &str, name: &str, arity: u32, index: u32, uniq: u32, gname: &str) -> Result<u32, Diagnostic> {
        let (m, n) = (self.cg.atom_global(module)?, self.cg.atom_global(name)?);
        let info_ty = self.ty.funinfo;
        let init = ConstExpr::extended([
            wasm_encoder::Instruction::I32Const(kind),
            wasm_encoder::Instruction::GlobalGet(m),
            wasm_encoder::Instruction::GlobalGet(n),
            wasm_encoder::Instruction::I32Const(arity as i32),
            wasm_encoder::Instruction::I32Const(index as i32),
            wasm_encoder::Instruction::I32Const(uniq as i32),
            wasm_encoder::Instruction::StructNew(info_ty),
        ]);
        let ty = GlobalType {
            val_type: ValType::Ref(RefType { nullable: false, heap_type: HeapType::Concrete(info_ty) }),
            mutable: false,
            shared: false,
        };
        Ok(self.cg.add_global(format!("info:{gname}"), ty, init))
    }

    /// The trampoline and global of the export fun `fun M:F/A`, made on first use.
    pub(crate) fn export_fun(&mut self, mfa: &Mfa) -> Result<(u32, u32), Diagnostic> {
        if let Some(&v) = self.cg.export_funs.get(mfa) {
            return Ok(v);
        }
        let clos = self.cg.clos_type(mfa.arity)?;
        let tramp = self.cg.add_func(format!("{mfa}#export"), clos);
        self.cg.declared.insert(tramp);
        let body = self.export_tramp_body(mfa)?;
        self.cg.set_body(tramp, vec![TERM], body);
        let info = self.funinfo(1, &mfa.module, &mfa.function, mfa.arity, 0, 0, &mfa.to_string())?;
        let fun = self.ty.fun;
        let init = ConstExpr::extended([
            wasm_encoder::Instruction::RefFunc(tramp),
            wasm_encoder::Instruction::I32Const(mfa.arity as i32),
            wasm_encoder::Instruction::GlobalGet(info),
            wasm_encoder::Instruction::RefNull(crate::codegen::NONE),
            wasm_encoder::Instruction::StructNew(fun),
        ]);
        let ty = GlobalType {
            val_type: ValType::Ref(RefType { nullable: false, heap_type: HeapType::Concrete(fun) }),
            mutable: false,
            shared: false,
        };
        let g = self.cg.add_global(format!("fun:{mfa}"), ty, init);
        self.cg.export_funs.insert(mfa.clone(), (tramp, g));
        Ok((tramp, g))
    }

    /// The body of an export fun's trampoline: call `M:F/A` with the arguments.
    fn export_tramp_body(&mut self, mfa: &Mfa) -> Result<Vec<u8>, Diagnostic> {
        let target = self.cg.linked.targets.get(mfa).cloned().unwrap_or(Target::Undef);
        // Lower into this function's buffer temporarily, then move it out.
        let saved = std::mem::take(&mut self.out);
        let n = mfa.arity;
        let result = (|| -> Result<(), Diagnostic> {
            match target {
                Target::Compiled(f) => {
                    let idx = self.cg.fn_index.get(&f).copied().ok_or_else(|| self.bad(format!("{mfa} not linked")))?;
                    self.push_args(n);
                    self.s().return_call(idx);
                }
                Target::Bif(name) => {
                    let f = self.rtf(&name)?;
                    let fail = self.rtg("FAIL")?;
                    // local n+1 is the scratch term local declared by the caller.
                    self.push_args(n);
                    self.s().call(f).local_tee(n + 1).global_get(fail).ref_eq();
                    self.s().if_(BlockType::Empty);
                    let raise = self.bif_raiser(mfa)?;
                    self.push_args(n);
                    self.s().call(raise).unreachable().end();
                    self.s().local_get(n + 1).return_();
                }
                Target::Intrinsic(i) => {
                    let name = match i {
                        Intrinsic::ApplyFun => "hook:apply_fun",
                        Intrinsic::ApplyMfa => "hook:apply_mfa",
                        Intrinsic::Entry => "hook:entry",
                    };
                    let f = self.rtf(name)?;
                    self.push_args(n);
                    self.s().return_call(f);
                }
                Target::Undef => self.raise_undef(mfa, n)?,
                Target::Unsupported => self.raise_unsupported(mfa)?,
            }
            self.s().end();
            Ok(())
        })();
        let body = std::mem::replace(&mut self.out, saved);
        result.map(|()| body)
    }

    /// `call_fun Arity` (fun in x(Arity)) and `call_fun2 Tag Arity Fun`.
    pub(super) fn call_fun(&mut self, arity: u32, fun_op: &Operand, resume: Option<u32>) -> Result<(), Diagnostic> {
        let (fun, tuple) = (self.ty.fun, self.ty.tuple);
        let clos = self.cg.clos_type(arity)?;
        let f = self.temp(self.rref(fun, true));
        // Check: a fun of the right arity, else badfun/badarity.
        self.s().block(BlockType::Empty);
        self.push(fun_op)?;
        self.s().ref_test_non_null(HeapType::Concrete(fun));
        self.s().if_(BlockType::Empty);
        self.push(fun_op)?;
        self.s().ref_cast_non_null(HeapType::Concrete(fun)).local_tee(f).struct_get(fun, 1).i32_const(arity as i32).i32_eq().br_if(1);
        self.s().end();
        self.push(fun_op)?;
        self.push_args(arity);
        self.s().array_new_fixed(tuple, arity);
        self.call_rt("raise_bad_fun_call")?;
        self.s().unreachable().end();
        self.push_args(arity);
        self.s().local_get(f).ref_as_non_null().local_get(f).ref_as_non_null().struct_get(fun, 0);
        self.s().ref_cast_non_null(HeapType::Concrete(clos)).call_ref(clos);
        self.free(self.rref(fun, true), f);
        self.after_call(resume)
    }

    /// `apply Arity` / `apply_last Arity Dealloc`: module in x(Arity), function in x(Arity+1).
    pub(super) fn apply(&mut self, arity: u32, tail: Tail, resume: Option<u32>) -> Result<(), Diagnostic> {
        let d = self.apply_dispatcher(arity)?;
        self.s().local_get(arity).local_get(arity + 1);
        self.push_args(arity);
        self.finish_call(d, tail, resume)
    }

    /// The dispatcher for dynamic calls of `arity` arguments (body made at the end).
    fn apply_dispatcher(&mut self, arity: u32) -> Result<u32, Diagnostic> {
        if let Some(&d) = self.cg.apply_dispatch.get(&arity) {
            return Ok(d);
        }
        let ty = self.cg.fn_type(arity + 2);
        let d = self.cg.add_func(format!("apply/{arity}"), ty);
        self.cg.apply_dispatch.insert(arity, d);
        Ok(d)
    }
}

/// `{M, F, A}` as a term.
pub(crate) fn mfa_term(mfa: &Mfa) -> Term {
    Term::Tuple(vec![Term::Atom(mfa.module.clone()), Term::Atom(mfa.function.clone()), Term::Int(i64::from(mfa.arity))])
}

fn nz(l: u32) -> Option<u32> {
    (l != 0).then_some(l)
}
