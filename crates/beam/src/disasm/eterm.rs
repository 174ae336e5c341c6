//! The `beam_disasm:file/1` term for a module, and its text form.

use std::collections::HashMap;
use std::fmt::Write;

use super::{Function, code_error, functions, types};
use crate::beam_file::BeamFile;
use crate::code::Instruction;
use crate::error::Result;
use crate::int::Int;
use crate::opcode::Opcode as O;
use crate::operand::{AllocKind, Operand, Register};
use crate::term::{Term, order, print};

fn atom(name: &str) -> Term {
    Term::atom(name)
}

fn tuple(elems: Vec<Term>) -> Term {
    Term::Tuple(elems)
}

fn int(n: u64) -> Term {
    i64::try_from(n).map_or_else(|_| Term::from_int(Int::from_sign_magnitude(false, &n.to_le_bytes())), Term::Int)
}

fn tagged(tag: &str, n: u32) -> Term {
    tuple(vec![atom(tag), Term::Int(i64::from(n))])
}

struct Resolver<'a> {
    file: &'a BeamFile,
    module: Term,
    /// Entry labels of functions: label → `{M,F,A}`.
    local: HashMap<u32, Term>,
}

impl Resolver<'_> {
    fn atom(&self, index: u32) -> Term {
        atom(self.file.atom(index).unwrap_or_default())
    }

    /// The operand as `beam_disasm`'s `decode_arg` leaves it.
    fn raw(&self, op: &Operand) -> Term {
        match op {
            Operand::Unsigned(n) => tuple(vec![atom("u"), int(*n)]),
            Operand::Integer(n) => tuple(vec![atom("i"), Term::from_int(n.clone())]),
            Operand::Nil => atom("nil"),
            Operand::Atom(a) => tuple(vec![atom("atom"), self.atom(*a)]),
            Operand::X(n) => tagged("x", *n),
            Operand::Y(n) => tagged("y", *n),
            Operand::Label(n) => tagged("f", *n),
            Operand::Char(n) => tagged("h", *n),
            Operand::FloatReg(n) => tagged("fr", *n),
            Operand::Float(f) => tuple(vec![atom("float"), Term::Float(*f)]),
            Operand::List(items) => tuple(vec![
                tuple(vec![atom("z"), Term::Int(1)]),
                tuple(vec![atom("u"), int(items.len() as u64)]),
                Term::list(items.iter().map(|i| self.raw(i)).collect()),
            ]),
            Operand::AllocList(_) => tuple(vec![atom("u"), self.u(op)]),
            Operand::Literal(i) => match self.file.literals.get(*i as usize) {
                Some(Term::Float(f)) => tuple(vec![atom("float"), Term::Float(*f)]),
                Some(t) => tuple(vec![atom("literal"), t.clone()]),
                None => tuple(vec![atom("literal"), atom("undefined")]),
            },
            Operand::TypedReg { reg, type_index } => {
                let reg = match reg {
                    Register::X(n) => tagged("x", *n),
                    Register::Y(n) => tagged("y", *n),
                };
                let ty = self
                    .file
                    .types
                    .as_ref()
                    .and_then(|t| t.entries.get(*type_index as usize))
                    .map_or_else(|| atom("any"), types::decode_ext);
                tuple(vec![atom("tr"), reg, ty])
            }
        }
    }

    /// The operand after `beam_disasm`'s `resolve_arg`.
    fn res(&self, op: &Operand) -> Term {
        match op {
            Operand::Unsigned(n) => int(*n),
            Operand::Integer(n) => tuple(vec![atom("integer"), Term::from_int(n.clone())]),
            _ => self.raw(op),
        }
    }

    /// What a `{u,N}` pattern binds: the number, or `{alloc,[...]}` for an allocation list.
    fn u(&self, op: &Operand) -> Term {
        match op {
            Operand::Unsigned(n) => int(*n),
            Operand::AllocList(entries) => tuple(vec![
                atom("alloc"),
                Term::list(
                    entries
                        .iter()
                        .map(|(kind, n)| {
                            let kind = match kind {
                                AllocKind::Words => "words",
                                AllocKind::Floats => "floats",
                                AllocKind::Funs => "funs",
                            };
                            tuple(vec![atom(kind), Term::Int(i64::from(*n))])
                        })
                        .collect(),
                ),
            ]),
            _ => self.raw(op),
        }
    }

    fn import(&self, ins: &Instruction, op: &Operand) -> Result<&crate::tables::Import> {
        let index = match op {
            Operand::Unsigned(n) => usize::try_from(*n).ok(),
            _ => None,
        };
        index
            .and_then(|i| self.file.imports.get(i))
            .ok_or_else(|| code_error(Some(ins), format!("{}: import {op:?} does not exist", ins.op)))
    }

    fn extfunc(&self, ins: &Instruction, op: &Operand) -> Result<Term> {
        let imp = self.import(ins, op)?;
        Ok(tuple(vec![atom("extfunc"), self.atom(imp.module), self.atom(imp.function), Term::Int(i64::from(imp.arity))]))
    }

    fn bif(&self, ins: &Instruction, op: &Operand) -> Result<Term> {
        Ok(self.atom(self.import(ins, op)?.function))
    }

    fn local(&self, ins: &Instruction, op: &Operand) -> Result<Term> {
        match op {
            Operand::Label(l) => self.local.get(l).cloned(),
            _ => None,
        }
        .ok_or_else(|| code_error(Some(ins), format!("{}: {op:?} is not a function entry", ins.op)))
    }

    fn lambda(&self, ins: &Instruction, op: &Operand) -> Result<(Term, u64, &crate::tables::Lambda)> {
        let index = match op {
            Operand::Unsigned(n) => *n,
            _ => u64::MAX,
        };
        let lambda = usize::try_from(index)
            .ok()
            .and_then(|i| self.file.lambdas.get(i))
            .ok_or_else(|| code_error(Some(ins), format!("{}: fun {op:?} does not exist", ins.op)))?;
        let mfa = tuple(vec![self.module.clone(), self.atom(lambda.function), Term::Int(i64::from(lambda.arity))]);
        Ok((mfa, index, lambda))
    }

    fn resolved_list(&self, op: &Operand) -> Term {
        match op {
            Operand::List(items) => tuple(vec![atom("list"), Term::list(items.iter().map(|i| self.res(i)).collect())]),
            other => self.raw(other),
        }
    }

    fn string(&self, ins: &Instruction, offset: &Operand, len: u64) -> Result<&[u8]> {
        let start = match offset {
            Operand::Unsigned(n) => usize::try_from(*n).ok(),
            _ => None,
        };
        start
            .zip(usize::try_from(len).ok())
            .and_then(|(s, l)| self.file.strings.get(s..s.checked_add(l)?))
            .ok_or_else(|| code_error(Some(ins), format!("{}: string outside the string table", ins.op)))
    }

    fn instruction(&self, ins: &Instruction) -> Result<Term> {
        let args = ins.args.as_slice();
        let nil = Operand::Nil;
        let arg = |i: usize| args.get(i).unwrap_or(&nil);
        let raw = |i: usize| self.raw(arg(i));
        let res = |i: usize| self.res(arg(i));
        let u = |i: usize| self.u(arg(i));
        let ff = |i: usize| tuple(vec![atom("field_flags"), self.u(arg(i))]);
        let name = atom(ins.op.name());
        let test = |elems: Vec<Term>| tuple(vec![atom("test"), atom(ins.op.name()), raw(0), Term::list(elems)]);
        let unsigned = |i: usize| match arg(i) {
            Operand::Unsigned(n) => *n,
            _ => 0,
        };
        Ok(match ins.op {
            O::Label => tuple(vec![name, u(0)]),
            O::FuncInfo => tuple(vec![name, raw(0), raw(1), u(2)]),
            O::Call | O::CallOnly => tuple(vec![name, u(0), self.local(ins, arg(1))?]),
            O::CallLast => tuple(vec![name, u(0), self.local(ins, arg(1))?, u(2)]),
            O::CallExt | O::CallExtOnly => tuple(vec![name, u(0), self.extfunc(ins, arg(1))?]),
            O::CallExtLast => tuple(vec![name, u(0), self.extfunc(ins, arg(1))?, u(2)]),
            O::Bif0 => tuple(vec![atom("bif"), self.bif(ins, arg(0))?, atom("nofail"), Term::Nil, res(1)]),
            O::Bif1 => tuple(vec![atom("bif"), self.bif(ins, arg(1))?, res(0), Term::list(vec![res(2)]), res(3)]),
            O::Bif2 => tuple(vec![atom("bif"), self.bif(ins, arg(1))?, res(0), Term::list(vec![res(2), res(3)]), res(4)]),
            O::GcBif1 | O::GcBif2 | O::GcBif3 => {
                let n = ins.op.arity() - 4;
                let operands = (3..3 + n).map(res).collect();
                tuple(vec![atom("gc_bif"), self.bif(ins, arg(2))?, res(0), res(1), Term::list(operands), res(3 + n)])
            }
            O::Allocate | O::AllocateZero | O::TestHeap | O::ApplyLast | O::Trim => tuple(vec![name, u(0), u(1)]),
            O::AllocateHeap | O::AllocateHeapZero => tuple(vec![name, u(0), u(1), u(2)]),
            O::Deallocate | O::CallFun | O::Apply => tuple(vec![name, u(0)]),
            O::Return | O::Send | O::RemoveMessage | O::Timeout | O::IfEnd | O::Fclearerror
            | O::BsInitWritable | O::OnLoad | O::BuildStacktrace | O::RawRaise | O::NifStart
            | O::IntCodeEnd => name,
            O::Init | O::LoopRecEnd | O::Wait | O::Jump | O::RecvMark | O::RecvSet | O::CatchEnd
            | O::TryEnd | O::TryCase | O::RecvMarkerClear | O::RecvMarkerReserve | O::RecvMarkerUse => {
                tuple(vec![name, raw(0)])
            }
            O::LoopRec | O::Catch | O::Try | O::GetHd | O::GetTl | O::BsSetPosition | O::RecvMarkerBind => {
                tuple(vec![name, raw(0), raw(1)])
            }
            O::WaitTimeout => tuple(vec![name, raw(0), res(1)]),
            O::IsLt | O::IsGe | O::IsEq | O::IsNe | O::IsEqExact | O::IsNeExact | O::IsInteger
            | O::IsFloat | O::IsNumber | O::IsAtom | O::IsPid | O::IsReference | O::IsPort | O::IsNil
            | O::IsBinary | O::IsList | O::IsNonemptyList | O::IsTuple | O::TestArity | O::IsFunction
            | O::IsBoolean | O::IsFunction2 | O::IsBitstr | O::IsMap | O::IsTaggedTuple => {
                test((1..args.len()).map(res).collect())
            }
            O::SelectVal | O::SelectTupleArity => tuple(vec![name, raw(0), raw(1), self.resolved_list(arg(2))]),
            O::Move => tuple(vec![name, res(0), raw(1)]),
            O::GetList => tuple(vec![name, raw(0), raw(1), raw(2)]),
            O::GetTupleElement => tuple(vec![name, res(0), u(1), res(2)]),
            O::SetTupleElement => tuple(vec![name, res(0), res(1), u(2)]),
            O::PutList => tuple(vec![name, res(0), res(1), raw(2)]),
            O::PutTuple => tuple(vec![name, u(0), raw(1)]),
            O::Put | O::Badmatch | O::CaseEnd | O::Fcheckerror | O::TryCaseEnd | O::BsContextToBinary
            | O::Badrecord | O::Line => tuple(vec![name, res(0)]),
            O::BsPutInteger | O::BsPutBinary | O::BsPutFloat => tuple(vec![name, raw(0), res(1), u(2), ff(3), res(4)]),
            O::BsPutString => {
                let len = unsigned(0);
                let bytes = if len > 0 { self.string(ins, arg(1), len)? } else { &[] };
                let chars = Term::list(bytes.iter().map(|&b| Term::Int(i64::from(b))).collect());
                tuple(vec![name, u(0), tuple(vec![atom("string"), chars])])
            }
            O::Fmove | O::Fconv | O::Swap => tuple(vec![name, res(0), res(1)]),
            O::Fadd | O::Fsub | O::Fmul | O::Fdiv => {
                tuple(vec![atom("arithfbif"), name, res(0), Term::list(vec![res(1), res(2)]), res(3)])
            }
            O::Fnegate => tuple(vec![atom("arithfbif"), name, res(0), Term::list(vec![res(1)]), res(2)]),
            O::MakeFun2 => {
                let (mfa, index, lambda) = self.lambda(ins, arg(0))?;
                let old_uniq = Term::Int(i64::from(lambda.old_uniq));
                tuple(vec![name, mfa, int(index), old_uniq, Term::Int(i64::from(lambda.num_free))])
            }
            O::MakeFun3 => {
                let (mfa, index, lambda) = self.lambda(ins, arg(0))?;
                let old_uniq = Term::Int(i64::from(lambda.old_uniq));
                tuple(vec![name, mfa, int(index), old_uniq, raw(1), self.resolved_list(arg(2))])
            }
            O::Raise => tuple(vec![name, tagged("f", 0), Term::list(vec![raw(0), raw(1)]), tagged("x", 0)]),
            O::BsInit2 | O::BsInitBits => tuple(vec![name, raw(0), res(1), u(2), u(3), ff(4), res(5)]),
            O::BsAdd => tuple(vec![name, raw(0), Term::list(vec![res(1), res(2), res(3)]), res(4)]),
            O::BsStartMatch2 => test(vec![raw(1), u(2), u(3), raw(4)]),
            O::BsGetInteger2 | O::BsGetFloat2 | O::BsGetBinary2 => test(vec![raw(1), u(2), res(3), u(4), ff(5), res(6)]),
            O::BsSkipBits2 => test(vec![raw(1), res(2), u(3), ff(4)]),
            O::BsTestTail2 | O::BsTestUnit => test(vec![raw(1), u(2)]),
            O::BsSave2 | O::BsRestore2 => match arg(1) {
                Operand::Atom(_) => tuple(vec![name, raw(0), raw(1)]),
                _ => tuple(vec![name, raw(0), u(1)]),
            },
            O::BsMatchString => {
                let bits = unsigned(2);
                let len = bits.div_ceil(8);
                let bytes = if len > 0 { self.string(ins, arg(3), len)? } else { &[] };
                test(vec![raw(1), u(2), Term::Binary(bytes.to_vec())])
            }
            O::BsAppend => tuple(vec![name, raw(0), res(1), u(2), u(3), u(4), res(5), ff(6), res(7)]),
            O::BsPrivateAppend => tuple(vec![name, raw(0), res(1), u(2), res(3), ff(4), res(5)]),
            O::BsGetUtf8 | O::BsGetUtf16 | O::BsGetUtf32 => test(vec![res(1), res(2), ff(3), res(4)]),
            O::BsSkipUtf8 | O::BsSkipUtf16 | O::BsSkipUtf32 => test(vec![res(1), res(2), ff(3)]),
            O::BsUtf8Size | O::BsUtf16Size => tuple(vec![name, raw(0), res(1), res(2)]),
            O::BsPutUtf8 | O::BsPutUtf16 | O::BsPutUtf32 => tuple(vec![name, raw(0), ff(1), res(2)]),
            O::PutMapAssoc | O::PutMapExact => {
                tuple(vec![name, raw(0), raw(1), raw(2), u(3), self.resolved_list(arg(4))])
            }
            O::HasMapFields => tuple(vec![atom("test"), name, raw(0), raw(1), self.resolved_list(arg(2))]),
            O::GetMapElements => tuple(vec![name, raw(0), raw(1), self.resolved_list(arg(2))]),
            O::PutTuple2 => tuple(vec![name, raw(0), self.resolved_list(arg(1))]),
            O::BsStartMatch3 | O::BsStartMatch4 => tuple(vec![name, raw(0), raw(1), raw(2), raw(3)]),
            O::BsGetTail | O::BsGetPosition => tuple(vec![name, raw(0), raw(1), raw(2)]),
            O::InitYregs => tuple(vec![name, self.resolved_list(arg(0))]),
            O::BsCreateBin => {
                let mut fields: Vec<Term> = (0..5).map(raw).collect();
                match arg(5) {
                    Operand::List(items) => {
                        fields.push(tuple(vec![atom("z"), Term::Int(1)]));
                        fields.push(tuple(vec![atom("u"), int(items.len() as u64)]));
                        fields.push(Term::list(items.iter().map(|i| self.raw(i)).collect()));
                    }
                    other => fields.push(self.raw(other)),
                }
                tuple(vec![name, Term::list(vec![tuple(fields)])])
            }
            O::CallFun2 => tuple(vec![name, raw(0), u(1), raw(2)]),
            O::UpdateRecord => tuple(vec![name, raw(0), u(1), raw(2), raw(3), self.resolved_list(arg(4))]),
            O::BsMatch => tuple(vec![name, raw(0), raw(1), self.resolved_list(arg(2))]),
            O::ExecutableLine => tuple(vec![name, res(0), res(1)]),
            O::DebugLine => tuple(vec![name, res(0), res(1), res(2), res(3)]),
            _ => tuple(vec![name, Term::list(args.iter().map(|a| self.raw(a)).collect())]),
        })
    }

    fn function(&self, f: &Function) -> Result<Term> {
        let mut code = Vec::with_capacity(f.leading.len() + 1 + f.body.len());
        for ins in &f.leading {
            code.push(self.instruction(ins)?);
        }
        let fi = f.func_info;
        let arity = int(f.arity);
        code.push(tuple(vec![atom("func_info"), self.raw(fi.args.first().unwrap_or(&Operand::Nil)), self.raw(fi.args.get(1).unwrap_or(&Operand::Nil)), arity.clone()]));
        for ins in f.body {
            code.push(self.instruction(ins)?);
        }
        Ok(tuple(vec![atom("function"), self.atom(f.name), arity, Term::Int(i64::from(f.entry)), Term::list(code)]))
    }
}

/// `beam_lib`'s view of the attributes: sorted by key (stably), the values of equal keys
/// joined with `lists:append/1`, which needs every value but the last to be a list.
fn attributes(file: &BeamFile) -> Result<Term> {
    let attrs = file.attributes.as_ref();
    let Some(list) = attrs.and_then(Term::as_proper_list) else {
        return Ok(attrs.cloned().unwrap_or(Term::Nil));
    };
    let field = |t: &Term, i: usize| match t {
        Term::Tuple(e) => e.get(i).cloned().unwrap_or(Term::Nil),
        _ => Term::Nil,
    };
    let mut sorted: Vec<&Term> = list.iter().collect();
    sorted.sort_by(|a, b| order::compare(&field(a, 0), &field(b, 0)));
    let mut groups: Vec<(Term, Vec<Term>)> = Vec::new();
    for attr in sorted {
        let key = field(attr, 0);
        match groups.last_mut() {
            Some((k, values)) if *k == key => values.push(field(attr, 1)),
            _ => groups.push((key, vec![field(attr, 1)])),
        }
    }
    let mut out = Vec::with_capacity(groups.len());
    for (key, values) in groups {
        let mut values = values.into_iter().rev();
        let mut joined = values.next().unwrap_or(Term::Nil);
        for v in values {
            let Some(elems) = v.as_proper_list() else {
                let message = format!("attribute {key} has a value that is not a list: {v}");
                let offset = file.chunk(b"Attr").map_or(0, |c| c.offset);
                return Err(crate::ReadError::new(Some(crate::ChunkId(*b"Attr")), offset, message));
            };
            joined = Term::improper_list(elems.to_vec(), joined);
        }
        out.push(tuple(vec![key, joined]));
    }
    Ok(Term::list(out))
}

/// The term `beam_disasm:file/1` (OTP 25) returns for this module: the `#beam_file{}`
/// record as a tuple.
pub fn beam_disasm_term(file: &BeamFile) -> Result<Term> {
    let module = atom(file.module());
    let funs = functions(file)?;
    let mut local = HashMap::new();
    for f in &funs {
        let mfa = tuple(vec![module.clone(), atom(file.atom(f.name).unwrap_or_default()), int(f.arity)]);
        for ins in f.body.iter().take_while(|i| i.op == O::Label) {
            if let [Operand::Unsigned(l)] = ins.args.as_slice() {
                local.insert(u32::try_from(*l).unwrap_or(u32::MAX), mfa.clone());
            }
        }
    }
    let resolver = Resolver { file, module: module.clone(), local };
    let code = funs.iter().map(|f| resolver.function(f)).collect::<Result<Vec<_>>>()?;
    let mut exports: Vec<Term> = file
        .exports
        .iter()
        .map(|e| tuple(vec![resolver.atom(e.function), Term::Int(i64::from(e.arity)), Term::Int(i64::from(e.label))]))
        .collect();
    exports.sort_by(order::compare);
    Ok(tuple(vec![
        atom("beam_file"),
        module,
        Term::list(exports),
        attributes(file)?,
        file.compile_info.clone().unwrap_or(Term::Nil),
        Term::list(code),
    ]))
}

/// [`beam_disasm_term`] as text for `file:consult/1`: a coding comment, the term and a
/// full stop.
pub fn eterm(file: &BeamFile) -> Result<String> {
    let term = beam_disasm_term(file)?;
    let mut out = String::from("%% -*- coding: utf-8 -*-\n");
    let _ = print::write_term(&mut out, &term);
    let _ = out.write_str(".\n");
    Ok(out)
}
