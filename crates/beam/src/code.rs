//! The `Code` chunk: its header and the instruction stream.
//!
//! Header: the size of the header that follows (16 so far), the instruction set (0), the
//! highest opcode used, the label count and the function count. Then instructions, each
//! an opcode byte followed by as many compact-encoded operands as the opcode's arity.

use crate::compact::{self, Limits};
use crate::container::Chunk;
use crate::cursor::Cursor;
use crate::error::Result;
use crate::opcode::Opcode;
use crate::operand::Operand;

/// The decoded `Code` chunk.
#[derive(Clone, Debug, PartialEq)]
pub struct Code {
    /// The instruction set version (always 0).
    pub instruction_set: u32,
    /// The highest opcode number the code uses.
    pub max_opcode: u32,
    /// One more than the highest label number.
    pub label_count: u32,
    /// How many functions the module has.
    pub function_count: u32,
    /// The instructions in order, `int_code_end` included.
    pub instructions: Vec<Instruction>,
}

/// One instruction.
#[derive(Clone, Debug, PartialEq)]
pub struct Instruction {
    /// What it does.
    pub op: Opcode,
    /// Its operands; as many as `op.arity()`.
    pub args: Vec<Operand>,
    /// The byte offset of its opcode in the file.
    pub offset: usize,
}

/// Reads the header's label count, which operand decoding needs before the stream.
pub(crate) fn label_count(chunk: &Chunk) -> Result<u32> {
    let mut cur = Cursor::new(chunk.data, chunk.offset, Some(chunk.id));
    let header = cur.u32()?;
    if header < 16 {
        return Err(cur.error_at(chunk.offset, format!("code header of {header} bytes, expected at least 16")));
    }
    cur.bytes(8)?;
    cur.u32()
}

pub(crate) fn parse(chunk: &Chunk, limits: &Limits) -> Result<Code> {
    let mut cur = Cursor::new(chunk.data, chunk.offset, Some(chunk.id));
    let header = cur.u32()? as usize;
    let mut head = Cursor::new(cur.bytes(header)?, chunk.offset + 4, Some(chunk.id));
    let instruction_set = head.u32()?;
    let max_opcode = head.u32()?;
    let label_count = head.u32()?;
    let function_count = head.u32()?;
    if instruction_set != 0 {
        return Err(cur.error_at(chunk.offset + 4, format!("unknown instruction set {instruction_set}")));
    }
    let mut instructions = Vec::with_capacity(cur.remaining() / 3);
    while !cur.is_empty() {
        let offset = cur.offset();
        let number = cur.u8()?;
        let op = Opcode::from_u8(number).ok_or_else(|| cur.error_at(offset, format!("unknown opcode {number}")))?;
        let mut args = Vec::with_capacity(op.arity());
        for i in 0..op.arity() {
            let arg = compact::operand(&mut cur, limits).map_err(|e| e.context(format!("{op} operand {}", i + 1)))?;
            args.push(arg);
        }
        instructions.push(Instruction { op, args, offset });
    }
    Ok(Code { instruction_set, max_opcode, label_count, function_count, instructions })
}
