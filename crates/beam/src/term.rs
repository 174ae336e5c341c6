//! Erlang terms as the external term format describes them: the values of literals,
//! attributes and compile information.
//!
//! [`Term`] mirrors what `binary_to_term/1` builds. Its [`Display`](std::fmt::Display)
//! writes Erlang source text that `file:consult/1` reads back as the same term (see
//! [`print`](mod@print) for the few values that have no source form), and [`order`] gives Erlang's
//! standard term order.

pub mod order;
pub mod print;

use crate::int::{BigInt, Int};

/// An Erlang term.
#[derive(Clone, Debug, PartialEq)]
pub enum Term {
    /// An integer that fits in 64 bits.
    Int(i64),
    /// An integer that does not fit in 64 bits.
    BigInt(BigInt),
    /// A float (always finite).
    Float(f64),
    /// An atom, by name.
    Atom(String),
    /// The empty list `[]`.
    Nil,
    /// A non-empty list: its elements and its tail ([`Term::Nil`] for a proper list).
    /// Build it with [`Term::list`] or [`Term::improper_list`], which keep the tail from
    /// being another `List`.
    List {
        /// The elements before the tail; never empty.
        elems: Vec<Term>,
        /// The tail: `Nil` for a proper list, anything else for an improper one.
        tail: Box<Term>,
    },
    /// A tuple.
    Tuple(Vec<Term>),
    /// A map, as key-value pairs in the order they were encoded.
    Map(Vec<(Term, Term)>),
    /// A binary (a whole number of bytes).
    Binary(Vec<u8>),
    /// A bitstring whose size is not a whole number of bytes.
    Bitstring {
        /// The bytes; the last one holds `bits` significant high-order bits, the rest zero.
        bytes: Vec<u8>,
        /// How many bits of the last byte are used: 1 to 7.
        bits: u8,
    },
    /// An external fun `fun M:F/A`.
    ExportFun {
        /// The module name.
        module: String,
        /// The function name.
        function: String,
        /// The arity.
        arity: u8,
    },
    /// A local fun (a closure), as `NEW_FUN_EXT` encodes it.
    Fun(Box<LocalFun>),
    /// A process identifier.
    Pid(Box<Pid>),
    /// A port identifier.
    Port(Box<Port>),
    /// A reference.
    Ref(Box<Reference>),
}

/// A local fun from `NEW_FUN_EXT`.
#[derive(Clone, Debug, PartialEq)]
pub struct LocalFun {
    /// The module that defines the fun.
    pub module: String,
    /// The fun's arity.
    pub arity: u8,
    /// The MD5 of the defining module's code.
    pub uniq: [u8; 16],
    /// The index into the module's fun table.
    pub index: u32,
    /// The old-style index.
    pub old_index: i64,
    /// The old-style hash.
    pub old_uniq: i64,
    /// The process that created the fun.
    pub pid: Pid,
    /// The captured free variables.
    pub free: Vec<Term>,
}

/// A process identifier.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pid {
    /// The node name.
    pub node: String,
    /// The process number.
    pub id: u32,
    /// The serial number.
    pub serial: u32,
    /// The node incarnation.
    pub creation: u32,
}

/// A port identifier.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Port {
    /// The node name.
    pub node: String,
    /// The port number.
    pub id: u64,
    /// The node incarnation.
    pub creation: u32,
}

/// A reference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    /// The node name.
    pub node: String,
    /// The node incarnation.
    pub creation: u32,
    /// The reference's id words.
    pub ids: Vec<u32>,
}

impl Term {
    /// Calls `f` on this term and on every term inside it, outer terms first: list elements
    /// and tails, tuple elements, map keys and values.
    pub fn visit<'t>(&'t self, f: &mut impl FnMut(&'t Term)) {
        f(self);
        match self {
            Term::List { elems, tail } => {
                elems.iter().for_each(|e| e.visit(f));
                tail.visit(f);
            }
            Term::Tuple(elems) => elems.iter().for_each(|e| e.visit(f)),
            Term::Map(pairs) => pairs.iter().for_each(|(k, v)| {
                k.visit(f);
                v.visit(f);
            }),
            _ => {}
        }
    }

    /// An integer term of any size.
    pub fn from_int(n: Int) -> Term {
        match n {
            Int::Small(n) => Term::Int(n),
            Int::Big(b) => Term::BigInt(b),
        }
    }

    /// A proper list of the given elements (`[]` when empty).
    pub fn list(elems: Vec<Term>) -> Term {
        Term::improper_list(elems, Term::Nil)
    }

    /// A list of the given elements ending in `tail` (just `tail` when there are none).
    ///
    /// A list tail is spliced in, so a list is always one `List` whose tail is not a
    /// list: `[a | [b | c]]` becomes `[a, b | c]`.
    pub fn improper_list(mut elems: Vec<Term>, tail: Term) -> Term {
        let tail = match tail {
            Term::List { elems: more, tail } => {
                elems.extend(more);
                *tail
            }
            other => other,
        };
        if elems.is_empty() {
            tail
        } else {
            Term::List { elems, tail: Box::new(tail) }
        }
    }

    /// An atom term.
    pub fn atom(name: &str) -> Term {
        Term::Atom(name.to_owned())
    }

    /// A tuple term.
    pub fn tuple(elems: Vec<Term>) -> Term {
        Term::Tuple(elems)
    }

    /// The atom's name, if this is an atom.
    pub fn as_atom(&self) -> Option<&str> {
        match self {
            Term::Atom(a) => Some(a),
            _ => None,
        }
    }

    /// The elements of a proper list (`[]` included), or `None` for anything else.
    pub fn as_proper_list(&self) -> Option<&[Term]> {
        match self {
            Term::Nil => Some(&[]),
            Term::List { elems, tail } if **tail == Term::Nil => Some(elems),
            _ => None,
        }
    }
}
