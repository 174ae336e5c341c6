//! Inline BIFs: the common cases of the arithmetic BIFs, of `element/2` and of the
//! float-register instructions, emitted in place so that they cost no call; everything
//! else (mixed operands, overflow past 64 bits, errors) goes to the runtime.
//!
//! - `+ - * div rem band bor bxor` on two small integers (i31) compute in i32/i64 and box
//!   only a result outside the i31 range (`mk_int`);
//! - `+ - * /` on two floats compute in f64 and box the result, unless it is not finite
//!   (the runtime then raises `badarith`, as the VM checks after every float operation);
//! - `fconv` of a float, `fmove` of a float literal and the finiteness check after
//!   `fadd`/`fsub`/`fmul`/`fdiv` are inline;
//! - `element(N, T)` with a literal N reads a tuple long enough directly.
//!
//! The type chunk decides which paths are emitted: an operand the compiler knows cannot be
//! an integer (or a float) gets no integer (or float) path, which keeps the code small.

use beam::types::TypeKinds;
use beam::Operand;
use wasm_encoder::{BlockType, HeapType, RefType, ValType};

use super::FnCx;
use crate::codegen::TERM;
use crate::diagnostic::{Diagnostic, Mfa};

/// The binary operators with an inline path.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Op {
    Add,
    Sub,
    Mul,
    Fdiv,
    Div,
    Rem,
    Band,
    Bor,
    Bxor,
}

impl Op {
    fn of(name: &str) -> Option<Op> {
        Some(match name {
            "+" => Op::Add,
            "-" => Op::Sub,
            "*" => Op::Mul,
            "/" => Op::Fdiv,
            "div" => Op::Div,
            "rem" => Op::Rem,
            "band" => Op::Band,
            "bor" => Op::Bor,
            "bxor" => Op::Bxor,
            _ => return None,
        })
    }

    fn has_int_path(self) -> bool {
        self != Op::Fdiv
    }

    fn has_float_path(self) -> bool {
        matches!(self, Op::Add | Op::Sub | Op::Mul | Op::Fdiv)
    }
}

fn eqref() -> RefType {
    RefType::EQREF
}

fn non_null(ty: HeapType) -> RefType {
    RefType { nullable: false, heap_type: ty }
}

impl FnCx<'_, '_> {
    /// The kinds of value an operand may hold, as far as the compiler knows.
    fn kinds(&self, op: &Operand) -> u16 {
        match op {
            Operand::Integer(_) | Operand::Char(_) | Operand::Unsigned(_) => TypeKinds::INTEGER,
            Operand::Float(_) => TypeKinds::FLOAT,
            Operand::Literal(_) if self.float_literal(op).is_some() => TypeKinds::FLOAT,
            Operand::Atom(_) => TypeKinds::ATOM,
            Operand::Nil => TypeKinds::NIL,
            Operand::TypedReg { type_index, .. } => {
                match self.m.beam.types.as_ref().and_then(|t| t.entries.get(*type_index as usize)) {
                    Some(e) => e.kinds.0,
                    None => u16::MAX,
                }
            }
            _ => u16::MAX,
        }
    }

    /// Whether the type chunk says a register holds an integer within the i31 range (a
    /// small integer, so an i31 in our representation).
    pub(super) fn known_i31(&self, op: &Operand) -> bool {
        let Operand::TypedReg { type_index, .. } = op else { return false };
        let Some(e) = self.m.beam.types.as_ref().and_then(|t| t.entries.get(*type_index as usize)) else { return false };
        let range = -(1i64 << 30)..(1i64 << 30);
        e.kinds.0 == TypeKinds::INTEGER
            && e.min.is_some_and(|v| range.contains(&v))
            && e.max.is_some_and(|v| range.contains(&v))
    }

    /// A small-integer literal operand's value, when it fits i31.
    fn small_literal(op: &Operand) -> Option<i32> {
        match op {
            Operand::Integer(beam::Int::Small(v)) if (-(1i64 << 30)..(1i64 << 30)).contains(v) => Some(*v as i32),
            _ => None,
        }
    }

    /// A float literal operand's value.
    pub(super) fn float_literal(&self, op: &Operand) -> Option<f64> {
        match op {
            Operand::Float(f) => Some(*f),
            Operand::Literal(i) => match self.m.beam.literals.get(*i as usize) {
                Some(beam::Term::Float(f)) => Some(*f),
                _ => None,
            },
            _ => None,
        }
    }

    /// Pushes an operand known (or tested) to be a small integer as an i32; when it is not
    /// one, branches to `fail` (a block whose result is an eqref) at relative depth.
    fn push_i31(&mut self, op: &Operand, fail: u32) -> Result<(), Diagnostic> {
        if let Some(v) = Self::small_literal(op) {
            self.s().i32_const(v);
            return Ok(());
        }
        self.push(op)?;
        self.s().br_on_cast_fail(fail, eqref(), non_null(HeapType::I31)).i31_get_s();
        Ok(())
    }

    /// Pushes an operand's float value as an f64, or branches to `fail` when it is not a
    /// float.
    fn push_f64(&mut self, op: &Operand, fail: u32) -> Result<(), Diagnostic> {
        if let Some(f) = self.float_literal(op) {
            self.s().f64_const(f.into());
            return Ok(());
        }
        let float = self.ty.float;
        self.push(op)?;
        self.s().br_on_cast_fail(fail, eqref(), non_null(HeapType::Concrete(float))).struct_get(float, 0);
        Ok(())
    }

    /// Inline code for a BIF called without a failure label; false when it has none (the
    /// caller then emits the plain call).
    pub(super) fn inline_bif(&mut self, mfa: &Mfa, args: &[Operand], dst: &Operand) -> Result<bool, Diagnostic> {
        if mfa.module != "erlang" || mfa.arity != 2 {
            return Ok(false);
        }
        if mfa.function == "element" {
            return self.element(mfa, args, dst);
        }
        let Some(op) = Op::of(&mfa.function) else { return Ok(false) };
        let [a, b] = args else { return Ok(false) };
        let (ka, kb) = (self.kinds(a), self.kinds(b));
        let may = |k: u16, bit: u16| k & bit != 0;
        let int_path = op.has_int_path() && may(ka, TypeKinds::INTEGER) && may(kb, TypeKinds::INTEGER);
        let float_path = op.has_float_path() && may(ka, TypeKinds::FLOAT) && may(kb, TypeKinds::FLOAT);
        if !int_path && !float_path {
            return Ok(false);
        }
        let name = mfa.to_string();
        self.s().block(BlockType::Result(TERM)); // $done
        if int_path {
            self.int_path(op, a, b)?;
        }
        if float_path {
            self.float_path(op, a, b)?;
        }
        // The VM adds a register and a small integer literal with its increment
        // instruction, whose failure shows no `erlang:+/2` frame.
        let reg = |o: &Operand| matches!(o, Operand::X(_) | Operand::Y(_) | Operand::TypedReg { .. });
        let small = |o: &Operand, neg: bool| match o {
            Operand::Integer(beam::Int::Small(v)) => {
                let v = if neg { v.checked_neg() } else { Some(*v) };
                v.is_some_and(|v| (-(1i64 << 59)..(1i64 << 59)).contains(&v))
            }
            _ => false,
        };
        let increment = match op {
            Op::Add => (reg(a) && small(b, false)) || (small(a, false) && reg(b)),
            Op::Sub => reg(a) && small(b, true),
            _ => false,
        };
        self.bif_value_framed(&name, mfa, args, !increment)?;
        self.s().end();
        self.store(dst)?;
        Ok(true)
    }

    /// `element(N, T)`: the element of a tuple when N is a small integer within it (a
    /// literal N is checked against the length only), else the runtime's BIF, which fails
    /// with badarg. A variable N is common in library code (OTP's `array`, keysort's
    /// key reads), where a call per read showed in profiles.
    fn element(&mut self, mfa: &Mfa, args: &[Operand], dst: &Operand) -> Result<bool, Diagnostic> {
        let [n, t] = args else { return Ok(false) };
        let literal = Self::small_literal(n);
        if literal.is_some_and(|k| k < 1) || self.kinds(t) & TypeKinds::TUPLE == 0 {
            return Ok(false);
        }
        if literal.is_none() && self.kinds(n) & TypeKinds::INTEGER == 0 {
            return Ok(false);
        }
        let tuple = self.ty.tuple;
        let tl = self.temp(self.rref(tuple, true));
        self.s().block(BlockType::Result(TERM)); // $done
        self.s().block(BlockType::Result(TERM)); // $slow
        self.push(t)?;
        self.s().br_on_cast_fail(0, eqref(), non_null(HeapType::Concrete(tuple))).local_set(tl);
        match literal {
            Some(k) => {
                self.s().local_get(tl).array_len().i32_const(k).i32_lt_u();
                self.s().if_(BlockType::Empty).ref_null(crate::codegen::NONE).br(1).end();
                self.s().local_get(tl).i32_const(k - 1).array_get(tuple).br(1);
            }
            None => {
                // The 0-based index; an unsigned compare rejects 0 and negatives too.
                let il = self.temp(ValType::I32);
                self.push_i31(n, 0)?;
                self.s().i32_const(1).i32_sub().local_tee(il).local_get(tl).array_len().i32_lt_u().i32_eqz();
                self.s().if_(BlockType::Empty).ref_null(crate::codegen::NONE).br(1).end();
                self.s().local_get(tl).local_get(il).array_get(tuple).br(1);
                self.free(ValType::I32, il);
            }
        }
        self.s().end().drop();
        self.free(self.rref(tuple, true), tl);
        let name = mfa.to_string();
        self.bif_value_framed(&name, mfa, args, true)?;
        self.s().end();
        self.store(dst)?;
        Ok(true)
    }

    /// Inside `$done`: `block $notint (result eqref) ... br $done ... end drop`.
    fn int_path(&mut self, op: Op, a: &Operand, b: &Operand) -> Result<(), Diagnostic> {
        let mk_int = self.rtf("mk_int")?;
        self.s().block(BlockType::Result(TERM)); // $notint: depth 0, $done: 1
        self.push_i31(a, 0)?;
        self.push_i31(b, 0)?;
        match op {
            Op::Band => {
                self.s().i32_and().ref_i31().br(1);
            }
            Op::Bor => {
                self.s().i32_or().ref_i31().br(1);
            }
            Op::Bxor => {
                self.s().i32_xor().ref_i31().br(1);
            }
            Op::Mul => {
                // Two 31-bit factors: the product fits i64.
                let (t, y) = (self.temp(ValType::I64), self.temp(ValType::I32));
                self.s().local_set(y).i64_extend_i32_s().local_get(y).i64_extend_i32_s().i64_mul().local_tee(t);
                self.s().i64_const(33).i64_shl().i64_const(33).i64_shr_s().local_get(t).i64_eq();
                self.s().if_(BlockType::Result(TERM));
                self.s().local_get(t).i32_wrap_i64().ref_i31();
                self.s().else_().local_get(t).call(mk_int).end().br(1);
                self.free(ValType::I32, y);
                self.free(ValType::I64, t);
            }
            Op::Add | Op::Sub | Op::Div | Op::Rem => {
                let r = self.temp(ValType::I32);
                if matches!(op, Op::Div | Op::Rem) {
                    // A zero divisor is the runtime's badarith.
                    self.s().local_tee(r).i32_eqz().if_(BlockType::Empty).ref_null(crate::codegen::NONE).br(1).end();
                    self.s().local_get(r);
                }
                match op {
                    Op::Add => self.s().i32_add(),
                    Op::Sub => self.s().i32_sub(),
                    Op::Div => self.s().i32_div_s(),
                    _ => self.s().i32_rem_s(),
                };
                // Sums, differences and -2^30 div -1 may leave the i31 range.
                self.s().local_tee(r).i32_const(1).i32_shl().i32_const(1).i32_shr_s().local_get(r).i32_eq();
                self.s().if_(BlockType::Result(TERM));
                self.s().local_get(r).ref_i31();
                self.s().else_().local_get(r).i64_extend_i32_s().call(mk_int).end().br(1);
                self.free(ValType::I32, r);
            }
            Op::Fdiv => return Err(self.bad("no integer path for /".into())),
        }
        self.s().end().drop();
        Ok(())
    }

    /// Inside `$done`: `block $notfloat (result eqref) ... br $done ... end drop`.
    fn float_path(&mut self, op: Op, a: &Operand, b: &Operand) -> Result<(), Diagnostic> {
        let float = self.ty.float;
        self.s().block(BlockType::Result(TERM)); // $notfloat: depth 0, $done: 1
        self.push_f64(a, 0)?;
        self.push_f64(b, 0)?;
        match op {
            Op::Add => self.s().f64_add(),
            Op::Sub => self.s().f64_sub(),
            Op::Mul => self.s().f64_mul(),
            _ => self.s().f64_div(),
        };
        let f = self.temp(ValType::F64);
        // Not finite (inf - inf and NaN - NaN are NaN): the runtime raises badarith.
        self.s().local_tee(f).local_get(f).f64_sub().f64_const(0.0.into()).f64_eq();
        self.s().if_(BlockType::Empty).local_get(f).struct_new(float).br(2).end();
        self.s().ref_null(crate::codegen::NONE).end().drop();
        self.free(ValType::F64, f);
        Ok(())
    }

    /// `fconv Src FrDst`: a float inline, other numbers through the runtime.
    pub(super) fn fconv(&mut self, src: &Operand, dst: &Operand) -> Result<(), Diagnostic> {
        let d = self.freg(dst)?;
        if let Some(f) = self.float_literal(src) {
            self.s().f64_const(f.into()).local_set(d);
            return Ok(());
        }
        let fconv = self.rtf("fconv")?;
        if self.kinds(src) & TypeKinds::FLOAT == 0 {
            self.push(src)?;
            self.s().call(fconv).local_set(d);
            return Ok(());
        }
        self.s().block(BlockType::Empty); // $done
        self.s().block(BlockType::Result(TERM)); // $other
        self.push_f64(src, 0)?;
        self.s().local_set(d).br(1).end();
        self.s().call(fconv).local_set(d).end();
        Ok(())
    }

    /// The check after a float-register operation whose result is in local `l`: a result
    /// that is not finite raises badarith (through the runtime).
    pub(super) fn fcheck(&mut self, l: u32) -> Result<(), Diagnostic> {
        let fcheck = self.rtf("fcheck")?;
        self.s().local_get(l).local_get(l).f64_sub().f64_const(0.0.into()).f64_ne();
        self.s().if_(BlockType::Empty).local_get(l).call(fcheck).end();
        Ok(())
    }
}
