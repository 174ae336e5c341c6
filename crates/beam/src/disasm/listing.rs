//! A readable listing of a module: its tables, then each function with its labels and
//! instructions, operands shown symbolically (`x0`, `y1`, `fr0`, `L12`), atoms and
//! literals as Erlang terms, imports as `M:F/A`, and line operands as `file:line`.

use std::fmt::Write;

use super::{functions, Function};
use crate::beam_file::BeamFile;
use crate::code::Instruction;
use crate::error::Result;
use crate::opcode::Opcode as O;
use crate::operand::{AllocKind, Operand, Register};
use crate::term::print::{write_atom, write_float};
use crate::types::{TypeEntry, TypeKinds as K};

/// What an operand means beyond its encoding, for a few instructions.
#[derive(Clone, Copy, PartialEq)]
enum Role {
    Plain,
    Import,
    LocalCall,
    Lambda,
    Line,
    StringAt(usize),
}

fn role(op: O, index: usize) -> Role {
    match (op, index) {
        (O::CallExt | O::CallExtLast | O::CallExtOnly, 1) => Role::Import,
        (O::Bif0, 0) | (O::Bif1 | O::Bif2, 1) | (O::GcBif1 | O::GcBif2 | O::GcBif3, 2) => Role::Import,
        (O::Call | O::CallLast | O::CallOnly, 1) => Role::LocalCall,
        (O::MakeFun2 | O::MakeFun3, 0) => Role::Lambda,
        (O::Line, 0) => Role::Line,
        (O::BsPutString, 1) => Role::StringAt(0),
        (O::BsMatchString, 3) => Role::StringAt(2),
        _ => Role::Plain,
    }
}

struct Printer<'a> {
    file: &'a BeamFile,
    out: String,
}

fn type_text(entry: &TypeEntry) -> String {
    const NAMES: &[(u16, &str)] = &[
        (K::ATOM, "atom"), (K::BITSTRING, "bitstring"), (K::BS_MATCHSTATE, "match_state"),
        (K::CONS, "cons"), (K::FLOAT, "float"), (K::FUN, "fun"), (K::INTEGER, "integer"),
        (K::MAP, "map"), (K::NIL, "nil"), (K::PID, "pid"), (K::PORT, "port"),
        (K::REFERENCE, "reference"), (K::TUPLE, "tuple"), (K::RECORD, "record"),
    ];
    let mut s: Vec<String> = NAMES.iter().filter(|(k, _)| entry.kinds.contains(*k)).map(|(_, n)| (*n).to_string()).collect();
    if s.is_empty() {
        s.push("none".into());
    }
    let mut text = s.join("|");
    if entry.min.is_some() || entry.max.is_some() {
        let bound = |b: Option<i64>| b.map_or(String::new(), |v| v.to_string());
        let _ = write!(text, "({}..{})", bound(entry.min), bound(entry.max));
    }
    if let Some(unit) = entry.unit {
        let _ = write!(text, "(unit {unit})");
    }
    text
}

impl Printer<'_> {
    fn atom(&mut self, index: u32) {
        let _ = write_atom(&mut self.out, self.file.atom(index).unwrap_or_default());
    }

    fn operand(&mut self, op: &Operand) {
        let _ = match op {
            Operand::Unsigned(n) => write!(self.out, "{n}"),
            Operand::Integer(n) => write!(self.out, "{n}"),
            Operand::Nil => self.out.write_str("[]"),
            Operand::Atom(a) => {
                self.atom(*a);
                Ok(())
            }
            Operand::X(n) => write!(self.out, "x{n}"),
            Operand::Y(n) => write!(self.out, "y{n}"),
            Operand::Label(n) => write!(self.out, "L{n}"),
            Operand::Char(n) => write!(self.out, "char({n})"),
            Operand::FloatReg(n) => write!(self.out, "fr{n}"),
            Operand::Float(f) => write_float(&mut self.out, *f),
            Operand::List(items) => {
                self.out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        self.out.push_str(", ");
                    }
                    self.operand(item);
                }
                self.out.push(']');
                Ok(())
            }
            Operand::AllocList(entries) => {
                let parts: Vec<String> = entries
                    .iter()
                    .map(|(k, n)| {
                        let k = match k {
                            AllocKind::Words => "words",
                            AllocKind::Floats => "floats",
                            AllocKind::Funs => "funs",
                        };
                        format!("{k}={n}")
                    })
                    .collect();
                write!(self.out, "alloc({})", parts.join(", "))
            }
            Operand::Literal(i) => match self.file.literals.get(*i as usize) {
                Some(t) => write!(self.out, "{t}"),
                None => write!(self.out, "literal#{i}"),
            },
            Operand::TypedReg { reg, type_index } => {
                let reg = match reg {
                    Register::X(n) => format!("x{n}"),
                    Register::Y(n) => format!("y{n}"),
                };
                let ty = self.file.types.as_ref().and_then(|t| t.entries.get(*type_index as usize));
                write!(self.out, "{reg}::{}", ty.map_or_else(|| "?".to_string(), type_text))
            }
        };
    }

    fn special(&mut self, ins: &Instruction, role: Role, op: &Operand) -> bool {
        let Operand::Unsigned(n) = op else {
            if let (Role::LocalCall, Operand::Label(l)) = (role, op) {
                let _ = write!(self.out, "L{l}");
                return true;
            }
            return false;
        };
        let n = *n;
        match role {
            Role::Import => match usize::try_from(n).ok().and_then(|i| self.file.imports.get(i)) {
                Some(imp) => {
                    let imp = *imp;
                    self.atom(imp.module);
                    self.out.push(':');
                    self.atom(imp.function);
                    let _ = write!(self.out, "/{}", imp.arity);
                    true
                }
                None => false,
            },
            Role::Lambda => match usize::try_from(n).ok().and_then(|i| self.file.lambdas.get(i)) {
                Some(l) => {
                    let l = *l;
                    let _ = write!(self.out, "fun#{n}(");
                    self.atom(l.function);
                    let _ = write!(self.out, "/{}, L{})", l.arity, l.label);
                    true
                }
                None => false,
            },
            Role::Line => {
                let Some(lines) = &self.file.lines else { return false };
                match lines.location(u32::try_from(n).unwrap_or(u32::MAX)) {
                    Some(loc) => {
                        let name = lines.file(loc.file).map_or_else(|| format!("{}.erl", self.file.module()), str::to_string);
                        let _ = write!(self.out, "{name}:{}", loc.line);
                        true
                    }
                    None => false,
                }
            }
            Role::StringAt(len_index) => {
                let len = match ins.args.get(len_index) {
                    Some(Operand::Unsigned(l)) if ins.op == O::BsMatchString => l.div_ceil(8),
                    Some(Operand::Unsigned(l)) => *l,
                    _ => return false,
                };
                let bytes = usize::try_from(n)
                    .ok()
                    .zip(usize::try_from(len).ok())
                    .and_then(|(s, l)| self.file.strings.get(s..s.checked_add(l)?));
                match bytes {
                    Some(b) => {
                        let _ = write!(self.out, "{}", crate::Term::Binary(b.to_vec()));
                        true
                    }
                    None => false,
                }
            }
            Role::LocalCall | Role::Plain => false,
        }
    }

    fn instruction(&mut self, ins: &Instruction, function_of: &dyn Fn(u32) -> Option<String>) {
        if let (O::Label, [Operand::Unsigned(l)]) = (ins.op, ins.args.as_slice()) {
            let _ = writeln!(self.out, "  L{l}:");
            return;
        }
        let _ = write!(self.out, "    {}", ins.op.name());
        for (i, op) in ins.args.iter().enumerate() {
            self.out.push_str(if i == 0 { " " } else { ", " });
            let role = role(ins.op, i);
            if role == Role::Plain || !self.special(ins, role, op) {
                self.operand(op);
            }
        }
        if let (Role::LocalCall, Some(Operand::Label(l))) = (role(ins.op, 1), ins.args.get(1))
            && let Some(name) = function_of(*l)
        {
            let _ = write!(self.out, "   % {name}");
        }
        self.out.push('\n');
    }

    fn function(&mut self, f: &Function, function_of: &dyn Fn(u32) -> Option<String>) {
        self.out.push_str("\nfunction ");
        self.atom(f.name);
        let _ = writeln!(self.out, "/{} (entry L{})", f.arity, f.entry);
        // File order, not beam_disasm's: leading labels and lines sorted back by offset.
        let mut leading = f.leading.clone();
        leading.sort_by_key(|i| i.offset);
        for ins in leading.into_iter().chain(std::iter::once(f.func_info)).chain(f.body) {
            self.instruction(ins, function_of);
        }
    }
}

/// A readable listing of the module.
pub fn listing(file: &BeamFile) -> Result<String> {
    let funs = functions(file)?;
    let mut p = Printer { file, out: String::new() };
    p.out.push_str("module ");
    p.atom(1);
    p.out.push('\n');
    let _ = writeln!(p.out, "chunks: {}", file.chunks.iter().map(|c| c.id.to_string()).collect::<Vec<_>>().join(" "));
    let exports: Vec<String> = file
        .exports
        .iter()
        .map(|e| format!("{}/{}", crate::Term::atom(file.atom(e.function).unwrap_or_default()), e.arity))
        .collect();
    let _ = writeln!(p.out, "exports: {}", exports.join(", "));
    if let Some(attrs) = &file.attributes {
        let _ = writeln!(p.out, "attributes: {attrs}");
    }
    if let Some(info) = &file.compile_info {
        let _ = writeln!(p.out, "compile_info: {info}");
    }
    let names: Vec<(u32, String)> = funs
        .iter()
        .map(|f| (f.entry, format!("{}/{}", crate::Term::atom(file.atom(f.name).unwrap_or_default()), f.arity)))
        .collect();
    let function_of = |label: u32| names.iter().find(|(l, _)| *l == label).map(|(_, n)| n.clone());
    for f in &funs {
        p.function(f, &function_of);
    }
    Ok(p.out)
}
