//! Reads BEAM files, the compiled Erlang and Elixir modules that beamwasm compiles.
//!
//! [`BeamFile::parse`] takes a file's bytes and decodes every chunk the compiler needs:
//! atoms (`AtU8`/`Atom`), code (`Code`, with operands in the compact term encoding),
//! strings (`StrT`), imports, exports, local functions and funs (`ImpT`, `ExpT`, `LocT`,
//! `FunT`), literals (`LitT`, in the external term format), the line table (`Line`), the
//! type table (`Type`), attributes (`Attr`) and compile information (`CInf`). The
//! external term format decoder is usable on its own as [`etf::decode`].
//!
//! The reader never panics and never allocates on the word of an unchecked length: a
//! truncated, corrupted or foreign file gives a [`ReadError`] that names the chunk, the
//! byte offset and the problem.
//!
//! The opcode table ([`Opcode`]) covers OTP 24 through OTP 28 (opcodes 1–184) and is
//! generated from one data table. [`disasm`] renders a module as a readable listing, or
//! as the exact term `beam_disasm:file/1` returns, which is how the reader is checked
//! against OTP on every installed module.
//!
//! ```
//! use beam::{BeamFile, Opcode, Operand};
//!
//! # fn main() -> Result<(), beam::ReadError> {
//! let bytes = beam::testing::minimal_module();
//! let file = BeamFile::parse(&bytes)?;
//! assert_eq!(file.module(), "m");
//! let first = &file.code.instructions[0];
//! assert_eq!(first.op, Opcode::Label);
//! assert_eq!(first.args, [Operand::Unsigned(1)]);
//! println!("{}", beam::disasm::listing(&file)?);
//! # Ok(())
//! # }
//! ```

#![warn(missing_docs)]

pub mod atoms;
pub mod code;
mod compact;
pub mod consult;
pub mod container;
mod cursor;
pub mod disasm;
mod beam_file;
pub mod error;
pub mod etf;
pub mod int;
pub mod lines;
mod literals;
pub mod opcode;
pub mod operand;
pub mod tables;
pub mod term;
pub mod testing;
pub mod types;

pub use beam_file::{BeamFile, ChunkInfo};
pub use code::{Code, Instruction};
pub use error::{ChunkId, ReadError};
pub use int::{BigInt, Int};
pub use opcode::Opcode;
pub use operand::{AllocKind, Operand, Register};
pub use term::Term;
