//! Type tests, comparisons and multi-way selection: each leaves an i32 (a condition, or
//! an index into the select's targets) for the block's terminator.

use beam::{Instruction, Opcode, Operand};
use wasm_encoder::{BlockType, HeapType, ValType};

use super::{FnCx, SelectCase};
use crate::cfg::{BlockId, Terminator};
use crate::diagnostic::Diagnostic;

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
                self.s().ref_cast_non_null(HeapType::Concrete(t)).array_len().i32_const(n as i32);
                self.cond_at = Some(self.out.len());
                self.s().i32_eq();
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
                    self.cond_at = Some(self.out.len());
                    self.s().i32_eqz();
                }
            }
            IsEq | IsNe => {
                let (a, b) = (arg(1)?.clone(), arg(2)?.clone());
                self.push(&a)?;
                self.push(&b)?;
                self.call_rt("eq")?;
                if ins.op == IsNe {
                    self.cond_at = Some(self.out.len());
                    self.s().i32_eqz();
                }
            }
            IsLt | IsGe => {
                let (a, b) = (arg(1)?.clone(), arg(2)?.clone());
                // The order as the sign of `a - b`, or of `b - a` when swapped.
                let swapped = self.compare(&a, &b)?;
                self.s().i32_const(0);
                let at = self.out.len();
                match (ins.op == IsLt, swapped) {
                    (true, false) => self.s().i32_lt_s(),
                    (false, false) => self.s().i32_ge_s(),
                    (true, true) => self.s().i32_gt_s(),
                    (false, true) => self.s().i32_le_s(),
                };
                self.cond_at = Some(at);
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

    /// A small integer constant's value.
    fn small_int(op: &Operand) -> Option<i32> {
        match op {
            Operand::Integer(beam::Int::Small(v)) if (-(1i64 << 30)..(1i64 << 30)).contains(v) => Some(*v as i32),
            Operand::Char(c) => Some(*c as i32),
            _ => None,
        }
    }

    /// Leaves the order of `a` and `b` as a number whose sign is that of `a - b` — or, when
    /// the result is true, of `b - a`.
    fn compare(&mut self, a: &Operand, b: &Operand) -> Result<bool, Diagnostic> {
        match (Self::small_int(a), Self::small_int(b)) {
            (None, Some(k)) => {
                self.compare_small(a, k)?;
                return Ok(false);
            }
            (Some(k), None) => {
                self.compare_small(b, k)?;
                return Ok(true);
            }
            _ => {}
        }
        self.compare_terms(a, b)?;
        Ok(false)
    }

    /// Leaves a number whose sign is that of `a - k`: for an i31 `a` its difference, else the
    /// runtime's term order (`$compare_small`).
    fn compare_small(&mut self, a: &Operand, k: i32) -> Result<(), Diagnostic> {
        if self.known_i31(a) {
            self.push(a)?;
            self.s().ref_cast_non_null(HeapType::I31).i31_get_s().i32_const(k).i32_sub();
            return Ok(());
        }
        let eqref = wasm_encoder::RefType::EQREF;
        let i31 = wasm_encoder::RefType { nullable: false, heap_type: HeapType::I31 };
        self.s().block(BlockType::Result(ValType::I32)).block(BlockType::Result(ValType::Ref(eqref)));
        self.push(a)?;
        self.s().br_on_cast_fail(0, eqref, i31).i31_get_s().i32_const(k).i32_sub().br(1).end();
        self.s().i32_const(k);
        self.call_rt("compare_small")?;
        self.s().end();
        Ok(())
    }

    /// Leaves the order of `a` and `b` as -1, 0 or 1 (for small integers, their difference's
    /// sign is all that matters, so the fast path leaves `a - b`).
    fn compare_terms(&mut self, a: &Operand, b: &Operand) -> Result<(), Diagnostic> {
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
            if let Some(mut keys) = self.select_keys(&values) {
                let Some(plan) = self.value_selects.get(&self.cur_instr).cloned() else {
                    return self.select_search(&src, keys, n, false);
                };
                // Case i becomes its new target index, or -(2 + literal) for a constant
                // return (-1 is the search's "no such key").
                let kept = plan.iter().filter_map(|c| if let SelectCase::Goto(j) = c { Some(*j) } else { None }).max().map_or(0, |j| j + 1);
                for k in &mut keys.1 {
                    k.1 = match plan.get(k.1 as usize) {
                        Some(SelectCase::Goto(j)) => *j as i32,
                        Some(SelectCase::Return(lit)) => -2 - *lit as i32,
                        None => return Err(self.bad("select plan out of step".into())),
                    };
                }
                return self.select_search(&src, keys, kept, true);
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

    /// Folds the targets of large selects that only return a constant (`move Lit, x0;
    /// return`, as in `unicode_util:unicode_table/1`'s thousands of cases) into the
    /// select's search table: the table maps such a key straight to the constant, and the
    /// select's CFG edge to the block goes, so the block is not emitted unless something
    /// else jumps to it. Runs before structuring.
    pub(super) fn fold_value_selects(&mut self) -> Result<(), Diagnostic> {
        let code = self.code;
        for b in 0..self.cfg.blocks.len() {
            let Some(block) = self.cfg.blocks.get(b) else { continue };
            let Terminator::Select(targets) = &block.term else { continue };
            let targets = targets.clone();
            let Some(last) = block.instrs.end.checked_sub(1) else { continue };
            let Some(ins) = code.get(last) else { continue };
            if ins.op != Opcode::SelectVal {
                continue;
            }
            let Some((_, list)) = (match ins.args.as_slice() {
                [src, _, Operand::List(list)] => Some((src.clone(), list.clone())),
                _ => None,
            }) else {
                continue;
            };
            let values: Vec<Operand> = list.chunks(2).filter_map(|p| p.first().cloned()).collect();
            if values.len() <= 8 || self.select_keys(&values).is_none() {
                continue;
            }
            // The last target is the fail label: it stays a branch.
            let (cases, fail) = targets.split_at(targets.len().saturating_sub(1));
            let mut kept: Vec<BlockId> = Vec::new();
            let mut plan = Vec::with_capacity(cases.len());
            for &t in cases {
                match self.constant_return(t) {
                    Some(term) => plan.push(SelectCase::Return(self.literal(&term)?)),
                    None => {
                        let j = match kept.iter().position(|&k| k == t) {
                            Some(j) => j,
                            None => {
                                kept.push(t);
                                kept.len() - 1
                            }
                        };
                        plan.push(SelectCase::Goto(j as u32));
                    }
                }
            }
            if plan.iter().all(|c| matches!(c, SelectCase::Goto(_))) {
                continue;
            }
            kept.extend_from_slice(fail);
            if let Some(block) = self.cfg.blocks.get_mut(b) {
                block.term = Terminator::Select(kept);
            }
            self.value_selects.insert(last, plan);
        }
        Ok(())
    }

    /// The constant a block returns, when all it does is `move Constant, x0` and `return`.
    fn constant_return(&self, b: BlockId) -> Option<beam::Term> {
        let block = self.cfg.blocks.get(b)?;
        if block.term != Terminator::Exit {
            return None;
        }
        let mut value = None;
        let mut returned = false;
        for i in block.instrs.clone() {
            let ins = self.code.get(i)?;
            match (ins.op, ins.args.as_slice()) {
                (Opcode::Label | Opcode::Line | Opcode::Deallocate, _) if value.is_none() || ins.op != Opcode::Label => {}
                (Opcode::Move, [src, Operand::X(0)]) if value.is_none() => value = Some(self.constant(src)?),
                (Opcode::Return, _) if value.is_some() => returned = true,
                _ => return None,
            }
        }
        if returned { value } else { None }
    }

    /// The term a constant operand denotes.
    fn constant(&self, op: &Operand) -> Option<beam::Term> {
        Some(match op {
            Operand::Nil => beam::Term::Nil,
            Operand::Atom(a) => beam::Term::Atom(self.m.atom(*a).to_string()),
            Operand::Integer(beam::Int::Small(v)) => beam::Term::Int(*v),
            Operand::Char(c) => beam::Term::Int(i64::from(*c)),
            Operand::Literal(i) => self.m.beam.literals.get(*i as usize)?.clone(),
            _ => return None,
        })
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

    /// A select with many cases: a binary search over a sorted table of (key, case) pairs
    /// (an integer table, [`crate::inttables`]).
    /// With `returns`, a case below -1 returns literal `-2 - case` instead.
    fn select_search(&mut self, src: &Operand, (atoms, keys): (bool, Vec<(i32, i32)>), n: u32, returns: bool) -> Result<(), Diagnostic> {
        let search = self.rtf("select_search")?;
        let table = self.cg.int_tables.add(2, keys.iter().flat_map(|(k, c)| [*k, *c]).collect());
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
        {
            let cg = &*self.cg;
            let mut sink = wasm_encoder::InstructionSink::new(&mut self.out);
            cg.push_int_table(&mut sink, table)?;
        }
        self.s().call(search).local_tee(t);
        if returns {
            let lit = self.rtf("lit")?;
            self.s().i32_const(-2).i32_le_s().if_(BlockType::Empty);
            self.s().i32_const(-2).local_get(t).i32_sub().call(lit).return_().end();
            self.s().local_get(t);
        }
        self.s().i32_const(n as i32).local_get(t).i32_const(0).i32_ge_s().select();
        self.s().end();
        self.free(ValType::I32, t);
        Ok(())
    }
}
