//! Renders a decoded module: as a readable listing, or as the term OTP's
//! `beam_disasm:file/1` returns.
//!
//! [`beam_disasm_term`] reproduces OTP 25's `beam_disasm` exactly: the `#beam_file{}`
//! record as the tuple `{beam_file, Module, LabeledExports, Attributes, CompileInfo,
//! Code}` with `{function, Name, Arity, Entry, Code}` for each function, every operand
//! resolved the way `beam_disasm` resolves it (`{extfunc,M,F,A}`, `{f,L}`, `{literal,T}`,
//! `{float,F}`, `{field_flags,N}`, typed registers as `{tr,Reg,Type}` with the type
//! `beam_types:decode_ext/1` builds...). [`eterm`] writes that term as text that
//! `file:consult/1` reads back equal (`=:=`) to `beam_disasm`'s result; the proof test in
//! `tests/disasm_equality.rs` checks this on every installed OTP and Elixir module.
//!
//! Where the two cannot be equal, the rules are:
//! - pids, ports, references and local funs inside literals have no source text; they
//!   print as tagged tuples (see [`crate::term::print`]) and the comparison applies the
//!   same mapping to `beam_disasm`'s side;
//! - instructions OTP 25's `beam_disasm` cannot resolve (obsolete opcodes, and 181–184,
//!   which are newer than it) print in the shape newer `beam_disasm` versions use, or as
//!   `{Name, [RawOperand...]}` for obsolete ones;
//! - Type chunks newer than version 1 print each type in the version-1 form (the unit
//!   and the record type are dropped).

mod eterm;
mod listing;
mod types;

use crate::beam_file::BeamFile;
use crate::code::Instruction;
use crate::error::{ReadError, Result};
use crate::opcode::Opcode;
use crate::operand::Operand;

pub use eterm::{beam_disasm_term, eterm};
pub use listing::listing;

/// One function as `beam_disasm` splits the code: the labels and `line`s before its
/// `func_info` (in `beam_disasm`'s order), the `func_info`, and the body.
pub(crate) struct Function<'a> {
    pub leading: Vec<&'a Instruction>,
    pub func_info: &'a Instruction,
    pub body: &'a [Instruction],
    pub name: u32,
    pub arity: u64,
    pub entry: u32,
}

/// An error in the Code chunk, at an instruction (or at the chunk's start).
fn code_error(ins: Option<&Instruction>, message: impl Into<String>) -> ReadError {
    ReadError::new(Some(crate::ChunkId(*b"Code")), ins.map_or(0, |i| i.offset), message)
}

fn code_start_error(file: &BeamFile, message: &str) -> ReadError {
    let offset = file.chunk(b"Code").map_or(0, |c| c.offset);
    ReadError::new(Some(crate::ChunkId(*b"Code")), offset, message)
}

fn is_label_or_line(i: &Instruction) -> bool {
    matches!(i.op, Opcode::Label | Opcode::Line)
}

/// Splits the instruction stream into functions exactly as OTP 25's `beam_disasm` does.
///
/// Labels and lines that precede a `func_info` belong to that function; for every
/// function but the first `beam_disasm` lists them in reverse order, and so does this.
/// A final `int_code_end` is dropped.
pub(crate) fn functions(file: &BeamFile) -> Result<Vec<Function<'_>>> {
    let all = file.code.instructions.as_slice();
    if all.is_empty() {
        return Err(code_start_error(file, "the code is empty"));
    }
    let mut out = Vec::new();
    let lead = all.iter().take_while(|i| is_label_or_line(i)).count();
    let mut leading: Vec<&Instruction> = all.iter().take(lead).collect();
    let mut rest = all.get(lead..).unwrap_or_default();
    while let Some((fi, after)) = rest.split_first() {
        let (Opcode::FuncInfo, [Operand::Atom(_), Operand::Atom(name), Operand::Unsigned(arity)]) =
            (fi.op, fi.args.as_slice())
        else {
            return Err(code_error(Some(fi), format!("expected func_info, found {}", fi.op)));
        };
        let next = after.iter().position(|i| i.op == Opcode::FuncInfo).unwrap_or(after.len());
        let mut body = after.get(..next).unwrap_or_default();
        rest = after.get(next..).unwrap_or_default();
        let mut next_leading = Vec::new();
        if rest.is_empty() {
            if let Some((last, init)) = body.split_last()
                && last.op == Opcode::IntCodeEnd
            {
                body = init;
            }
        } else {
            let trailing = body.iter().rev().take_while(|i| is_label_or_line(i)).count();
            let (kept, moved) = body.split_at(body.len() - trailing);
            body = kept;
            next_leading = moved.iter().rev().collect();
        }
        let entry = match body.first() {
            Some(Instruction { op: Opcode::Label, args, .. }) => match args.as_slice() {
                [Operand::Unsigned(l)] => u32::try_from(*l).unwrap_or(u32::MAX),
                _ => return Err(code_error(Some(fi), "entry label is malformed")),
            },
            _ => return Err(code_error(Some(fi), "func_info is not followed by a label")),
        };
        out.push(Function { leading, func_info: fi, body, name: *name, arity: *arity, entry });
        leading = next_leading;
    }
    if !leading.is_empty() {
        return Err(code_error(leading.first().copied(), "labels after the last function"));
    }
    Ok(out)
}
