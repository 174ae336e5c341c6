//! Type tests, comparisons and multi-way selection: each leaves an i32 (a condition, or
//! an index into the select's targets) for the block's terminator.

use beam::{Instruction, Opcode, Operand};
use wasm_encoder::{BlockType, HeapType, ValType};

use super::FnCx;
use crate::diagnostic::Diagnostic;

/// The most elements an `array.new_fixed` may have on every engine (V8 refuses more).
const MAX_FIXED_ARRAY: usize = 10_000;

impl FnCx<'_, '_> {
    /// A test instruction: leaves non-zero when the test passes.
    pub(super) fn test(&mut self, ins: &Instruction) -> Result<(), Diagnostic> {
        use Opcode::*;
        let args = ins.args.as_slice();
        let arg = |i: usize| args.get(i).ok_or_else(|| self.bad(format!("{} is missing operands", ins.op.name())));
        let t = self.ty_tuple();
        match ins.op {
            // The boxed number types are tested one by one: each is final, so a test is
            // one comparison, where a test against their non-final supertypes ($int,
            // $num) calls into the engine for every other type.
            IsInteger => {
                let a = arg(1)?.clone();
                self.test_any(&a, &[self.ty.int64, self.ty.bigint])?;
            }
            IsFloat => self.test_type(arg(1)?, self.ty.float)?,
            IsNumber => {
                let a = arg(1)?.clone();
                self.test_any(&a, &[self.ty.float, self.ty.int64, self.ty.bigint])?;
            }
            IsAtom => self.test_type(arg(1)?, self.ty.atom)?,
            IsPid => self.test_type(arg(1)?, self.ty.pid)?,
            IsPort => self.test_type(arg(1)?, self.ty.port)?,
            IsReference => self.test_type(arg(1)?, self.ty.reference)?,
            IsTuple => self.test_type(arg(1)?, t)?,
            IsFunction => self.test_type(arg(1)?, self.ty.fun)?,
            IsBitstr => self.test_type(arg(1)?, self.ty.bin)?,
            IsNonemptyList => self.test_type(arg(1)?, self.ty.cons)?,
            IsNil => {
                self.push(arg(1)?)?;
                self.s().ref_is_null();
            }
            IsList => {
                let cons = self.ty.cons;
                self.push(arg(1)?)?;
                self.s().ref_test_nullable(HeapType::Concrete(cons));
            }
            IsBinary => {
                let a = arg(1)?.clone();
                self.push(&a)?;
                self.call_rt("is_binary")?;
            }
            IsBoolean => {
                self.push(arg(1)?)?;
                self.call_rt("is_boolean")?;
            }
            IsMap => {
                let a = arg(1)?.clone();
                let (fmap, hmap) = (self.ty.fmap, self.ty.hmap);
                self.push(&a)?;
                self.s().ref_test_non_null(HeapType::Concrete(fmap));
                self.push(&a)?;
                self.s().ref_test_non_null(HeapType::Concrete(hmap)).i32_or();
            }
            IsFunction2 => {
                let (a, n) = (arg(1)?.clone(), arg(2)?.clone());
                self.push(&a)?;
                self.push(&n)?;
                self.call_rt("is_function2")?;
            }
            TestArity => {
                let (a, n) = (arg(1)?.clone(), arg(2)?.clone());
                let Operand::Unsigned(n) = n else { return Err(self.bad("test_arity: bad arity".into())) };
                self.push(&a)?;
                self.s().ref_cast_non_null(HeapType::Concrete(t)).array_len().i32_const(n as i32).i32_eq();
            }
            IsTaggedTuple => {
                let (a, n, tag) = (arg(1)?.clone(), arg(2)?.clone(), arg(3)?.clone());
                let Operand::Unsigned(n) = n else { return Err(self.bad("is_tagged_tuple: bad arity".into())) };
                let tmp = self.temp(self.rref(t, true));
                self.push(&a)?;
                self.s().ref_test_non_null(HeapType::Concrete(t));
                self.s().if_(BlockType::Result(ValType::I32));
                self.push(&a)?;
                self.s().ref_cast_non_null(HeapType::Concrete(t)).local_tee(tmp).array_len().i32_const(n as i32).i32_eq();
                self.s().if_(BlockType::Result(ValType::I32));
                self.s().local_get(tmp).i32_const(0).array_get(t);
                self.push(&tag)?;
                self.s().ref_eq();
                self.s().else_().i32_const(0).end();
                self.s().else_().i32_const(0).end();
                self.free(self.rref(t, true), tmp);
            }
            IsEqExact | IsNeExact => {
                let (a, b) = (arg(1)?.clone(), arg(2)?.clone());
                self.eq_exact(&a, &b)?;
                if ins.op == IsNeExact {
                    self.s().i32_eqz();
                }
            }
            IsEq | IsNe => {
                let (a, b) = (arg(1)?.clone(), arg(2)?.clone());
                self.push(&a)?;
                self.push(&b)?;
                self.call_rt("eq")?;
                if ins.op == IsNe {
                    self.s().i32_eqz();
                }
            }
            IsLt | IsGe => {
                let (a, b) = (arg(1)?.clone(), arg(2)?.clone());
                self.compare(&a, &b)?;
                self.s().i32_const(0);
                if ins.op == IsLt {
                    self.s().i32_lt_s();
                } else {
                    self.s().i32_ge_s();
                }
            }
            HasMapFields => {
                let (src, keys) = (arg(1)?.clone(), arg(2)?.clone());
                let Operand::List(keys) = keys else { return Err(self.bad("has_map_fields: bad key list".into())) };
                self.s().i32_const(1);
                for k in &keys {
                    self.push(&src)?;
                    self.push(k)?;
                    self.call_rt("map_is_key")?;
                    self.s().i32_and();
                }
            }
            other => return Err(self.bad(format!("{} is not a test", other.name()))),
        }
        Ok(())
    }

    fn ty_tuple(&self) -> u32 {
        self.ty.tuple
    }

    /// Whether `a` is an i31 or one of the types `boxed`: true at once for an i31.
    fn test_any(&mut self, a: &Operand, boxed: &[u32]) -> Result<(), Diagnostic> {
        self.s().block(BlockType::Result(ValType::I32)).i32_const(1);
        self.push(a)?;
        self.s().ref_test_non_null(HeapType::I31).br_if(0).drop();
        for (i, &ty) in boxed.iter().enumerate() {
            self.push(a)?;
            self.s().ref_test_non_null(HeapType::Concrete(ty));
            if i > 0 {
                self.s().i32_or();
            }
        }
        self.s().end();
        Ok(())
    }

    fn test_type(&mut self, a: &Operand, ty: u32) -> Result<(), Diagnostic> {
        self.push(a)?;
        self.s().ref_test_non_null(HeapType::Concrete(ty));
        Ok(())
    }

    /// Whether an operand is a constant that `ref.eq` compares exactly: an atom, `[]` or a
    /// small integer.
    fn is_immediate(op: &Operand) -> bool {
        match op {
            Operand::Atom(_) | Operand::Nil | Operand::Char(_) => true,
            Operand::Integer(beam::Int::Small(v)) => (-(1i64 << 30)..(1i64 << 30)).contains(v),
            _ => false,
        }
    }

    /// Leaves 1 if `a =:= b`.
    pub(super) fn eq_exact(&mut self, a: &Operand, b: &Operand) -> Result<(), Diagnostic> {
        self.push(a)?;
        self.push(b)?;
        if Self::is_immediate(a) || Self::is_immediate(b) {
            self.s().ref_eq();
        } else {
            self.call_rt("eq_exact")?;
        }
        Ok(())
    }

    /// Leaves the order of `a` and `b` as -1, 0 or 1 (for small integers, their difference's
    /// sign is all that matters, so the fast path leaves `a - b`).
    fn compare(&mut self, a: &Operand, b: &Operand) -> Result<(), Diagnostic> {
        self.push(a)?;
        self.s().ref_test_non_null(HeapType::I31);
        self.push(b)?;
        self.s().ref_test_non_null(HeapType::I31).i32_and();
        self.s().if_(BlockType::Result(ValType::I32));
        self.push(a)?;
        self.s().ref_cast_non_null(HeapType::I31).i31_get_s();
        self.push(b)?;
        self.s().ref_cast_non_null(HeapType::I31).i31_get_s().i32_sub();
        self.s().else_();
        self.push(a)?;
        self.push(b)?;
        self.call_rt("compare")?;
        self.s().end();
        Ok(())
    }

    /// `select_val`/`select_tuple_arity`: leaves the index of the matching case, or the
    /// number of cases when none matches (the fail label is the last target).
    pub(super) fn select(&mut self, ins: &Instruction) -> Result<(), Diagnostic> {
        let (src, list) = match ins.args.as_slice() {
            [src, _, Operand::List(list)] => (src.clone(), list.clone()),
            _ => return Err(self.bad(format!("malformed {}", ins.op.name()))),
        };
        let values: Vec<Operand> = list.chunks(2).filter_map(|p| p.first().cloned()).collect();
        let n = values.len() as u32;
        if ins.op == Opcode::SelectTupleArity {
            let t = self.ty.tuple;
            let len = self.temp(ValType::I32);
            self.push(&src)?;
            self.s().ref_cast_non_null(HeapType::Concrete(t)).array_len().local_set(len);
            self.s().block(BlockType::Result(ValType::I32));
            for (i, v) in values.iter().enumerate() {
                let Operand::Unsigned(a) = v else { return Err(self.bad("select_tuple_arity: bad arity".into())) };
                self.s().i32_const(i as i32).local_get(len).i32_const(*a as i32).i32_eq().br_if(0).drop();
            }
            self.s().i32_const(n as i32).end();
            self.free(ValType::I32, len);
            return Ok(());
        }
        if n > 8 {
            if let Some(keys) = self.select_keys(&values) {
                return self.select_search(&src, keys, n);
            }
        }
        let all_immediate = values.iter().all(Self::is_immediate);
        self.s().block(BlockType::Result(ValType::I32));
        for (i, v) in values.iter().enumerate() {
            self.s().i32_const(i as i32);
            self.push(&src)?;
            self.push(v)?;
            if all_immediate || Self::is_immediate(v) {
                self.s().ref_eq();
            } else {
                self.call_rt("eq_exact")?;
            }
            self.s().br_if(0).drop();
        }
        self.s().i32_const(n as i32).end();
        Ok(())
    }

    /// The search keys of a select over only small integers (their values) or only atoms
    /// (their ids), paired with case indices and sorted; None for a mixed select.
    fn select_keys(&mut self, values: &[Operand]) -> Option<(bool, Vec<(i32, i32)>)> {
        let atoms = values.iter().all(|v| matches!(v, Operand::Atom(_)));
        let ints = values.iter().all(|v| matches!(v, Operand::Integer(beam::Int::Small(x)) if (-(1i64 << 30)..(1i64 << 30)).contains(x)));
        if !atoms && !ints {
            return None;
        }
        let mut keys = Vec::with_capacity(values.len());
        for (i, v) in values.iter().enumerate() {
            let k = match v {
                Operand::Atom(a) => {
                    let name = self.m.atom(*a).to_string();
                    self.cg.atoms.id(&name) as i32
                }
                Operand::Integer(beam::Int::Small(x)) => *x as i32,
                _ => return None,
            };
            keys.push((k, i as i32));
        }
        keys.sort_unstable();
        Some((atoms, keys))
    }

    /// A select with many cases: a binary search over a sorted table of (key, case) pairs.
    fn select_search(&mut self, src: &Operand, (atoms, keys): (bool, Vec<(i32, i32)>), n: u32) -> Result<(), Diagnostic> {
        let limbs = self.cg.rt.ty("limbs")?;
        let search = self.rtf("select_search")?;
        let name = format!("select:{}#{}", self.mfa, self.cg.globals.len());
        // Engines cap `array.new_fixed` at 10000 elements (V8), so a larger table is a
        // binary literal turned into the array on first use.
        let large = 2 * keys.len() > MAX_FIXED_ARRAY;
        let g = if large {
            let bytes: Vec<u8> = keys.iter().flat_map(|(k, c)| [*k, *c]).flat_map(i32::to_le_bytes).collect();
            let idx = self.cg.literals.binary(&bytes);
            let gty = wasm_encoder::GlobalType { val_type: self.rref(limbs, true), mutable: true, shared: false };
            let g = self.cg.add_global(name, gty, wasm_encoder::ConstExpr::ref_null(HeapType::Concrete(limbs)));
            (g, Some(idx))
        } else {
            let init = wasm_encoder::ConstExpr::extended(
                keys.iter()
                    .flat_map(|(k, c)| [wasm_encoder::Instruction::I32Const(*k), wasm_encoder::Instruction::I32Const(*c)])
                    .chain([wasm_encoder::Instruction::ArrayNewFixed { array_type_index: limbs, array_size: 2 * keys.len() as u32 }]),
            );
            let gty = wasm_encoder::GlobalType { val_type: self.rref(limbs, false), mutable: false, shared: false };
            (self.cg.add_global(name, gty, init), None)
        };
        let atom = self.ty.atom;
        self.s().block(BlockType::Result(ValType::I32)).i32_const(n as i32);
        self.push(src)?;
        if atoms {
            self.s().ref_test_non_null(HeapType::Concrete(atom)).i32_eqz().br_if(0).drop();
            self.push(src)?;
            self.s().ref_cast_non_null(HeapType::Concrete(atom)).struct_get(atom, 0);
        } else {
            self.s().ref_test_non_null(HeapType::I31).i32_eqz().br_if(0).drop();
            self.push(src)?;
            self.s().ref_cast_non_null(HeapType::I31).i31_get_s();
        }
        let t = self.temp(ValType::I32);
        match g {
            (g, None) => {
                self.s().global_get(g);
            }
            (g, Some(idx)) => {
                let lits = self.rtg("literals")?;
                let tuple = self.cg.rt.ty("tuple")?;
                let bin = self.cg.rt.ty("bin")?;
                let of_bin = self.rtf("limbs_of_bin")?;
                let bt = BlockType::Result(self.rref(limbs, false));
                self.s().block(bt).global_get(g).br_on_non_null(0);
                self.s().global_get(lits).i32_const(idx as i32).array_get(tuple).ref_cast_non_null(HeapType::Concrete(bin));
                self.s().call(of_bin).global_set(g).global_get(g).ref_as_non_null().end();
            }
        }
        self.s().call(search).local_tee(t).i32_const(n as i32).local_get(t).i32_const(0).i32_ge_s().select();
        self.s().end();
        self.free(ValType::I32, t);
        Ok(())
    }
}
