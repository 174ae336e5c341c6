//! Instruction operands as the compact term encoding describes them.

use crate::int::Int;

/// One operand of an instruction.
///
/// Atom, literal and type indices are kept as indices into the file's tables; resolve
/// them with [`BeamFile::atom`](crate::BeamFile::atom), `literals` and `types`.
#[derive(Clone, Debug, PartialEq)]
pub enum Operand {
    /// A `u`-tagged unsigned number: an arity, a count, an import or lambda index...
    Unsigned(u64),
    /// An `i`-tagged integer literal, of any size.
    Integer(Int),
    /// The `a`-tagged index 0: the empty list `[]`.
    Nil,
    /// An `a`-tagged atom: an index into the atom table, counted from 1.
    Atom(u32),
    /// An x register.
    X(u32),
    /// A y register (a stack slot).
    Y(u32),
    /// An `f`-tagged label; 0 means "no label" (raise instead of jumping).
    Label(u32),
    /// An `h`-tagged character.
    Char(u32),
    /// A float register (`z` extended tag 2).
    FloatReg(u32),
    /// A float written inline (`z` extended tag 0, only in old files).
    Float(f64),
    /// A list of operands (`z` extended tag 1), as in `select_val` or `put_tuple2`.
    List(Vec<Operand>),
    /// An allocation list (`z` extended tag 3), as in `test_heap`.
    AllocList(Vec<(AllocKind, u32)>),
    /// A literal (`z` extended tag 4): an index into the literal table, counted from 0.
    Literal(u32),
    /// A register annotated with a type (`z` extended tag 5, OTP 25+): an index into the
    /// Type chunk, counted from 0.
    TypedReg {
        /// The register.
        reg: Register,
        /// The index of its type in the Type chunk.
        type_index: u32,
    },
}

/// A register that can carry a type annotation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Register {
    /// An x register.
    X(u32),
    /// A y register.
    Y(u32),
}

/// What an allocation-list entry counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AllocKind {
    /// Heap words.
    Words,
    /// Floats.
    Floats,
    /// Funs.
    Funs,
}

impl Operand {
    /// The register, typed or not, if this operand is one.
    pub fn register(&self) -> Option<Register> {
        match self {
            Operand::X(n) => Some(Register::X(*n)),
            Operand::Y(n) => Some(Register::Y(*n)),
            Operand::TypedReg { reg, .. } => Some(*reg),
            _ => None,
        }
    }
}
