//! The literal pool: every constant term the program uses, encoded compactly in one data
//! segment and decoded by the runtime on each literal's first use (`wat/literal.wat`), so a
//! constant map or list is built once, never per call, and one the run never uses is never
//! built.
//!
//! Segment layout: u32 total length, u32 count, then `count` terms, each a tag byte:
//!
//! | tag | term | payload |
//! |---|---|---|
//! | 0 | `[]` | — |
//! | 1 | integer in i64 | SLEB128 |
//! | 2 | bignum | sign byte, ULEB128 limb count, u32 LE limbs |
//! | 3 | float | f64 LE |
//! | 4 | atom | ULEB128 atom id |
//! | 5 | list | ULEB128 n, n terms, then the tail term |
//! | 6 | tuple | ULEB128 n, n terms |
//! | 7 | map | ULEB128 n, n key/value term pairs |
//! | 8 | binary | ULEB128 n, n bytes |
//! | 9 | bitstring | ULEB128 n, bits used in the last byte, n bytes |
//! | 10 | export fun | ULEB128 index into the program's export funs |

use crate::HashMap;

use beam::{BigInt, Term};

use crate::codegen::Atoms;
use crate::diagnostic::{Diagnostic, Mfa};

/// The pool being built.
#[derive(Default)]
pub struct LiteralPool {
    bytes: Vec<u8>,
    count: u32,
    index: HashMap<Vec<u8>, u32>,
}

impl LiteralPool {
    /// The pool index of `t`, adding it if new. `fun_index` numbers export funs.
    pub fn intern(
        &mut self,
        t: &Term,
        atoms: &mut Atoms,
        fun_index: &mut dyn FnMut(&Mfa) -> u32,
    ) -> Result<u32, Diagnostic> {
        let mut enc = Vec::new();
        encode(t, atoms, fun_index, &mut enc)?;
        Ok(self.add(enc))
    }

    /// The pool index of the binary `bytes`.
    pub fn binary(&mut self, bytes: &[u8]) -> u32 {
        let mut enc = vec![8];
        uleb(bytes.len() as u64, &mut enc);
        enc.extend_from_slice(bytes);
        self.add(enc)
    }

    fn add(&mut self, enc: Vec<u8>) -> u32 {
        if let Some(&i) = self.index.get(&enc) {
            return i;
        }
        let i = self.count;
        self.count += 1;
        self.bytes.extend_from_slice(&enc);
        self.index.insert(enc, i);
        i
    }

    /// How many literals there are.
    pub fn len(&self) -> u32 {
        self.count
    }

    /// Whether the pool is empty.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The data segment.
    pub fn segment(&self) -> Vec<u8> {
        let mut seg = Vec::with_capacity(self.bytes.len() + 8);
        seg.extend_from_slice(&((self.bytes.len() + 8) as u32).to_le_bytes());
        seg.extend_from_slice(&self.count.to_le_bytes());
        seg.extend_from_slice(&self.bytes);
        seg
    }
}

fn encode(t: &Term, atoms: &mut Atoms, fun_index: &mut dyn FnMut(&Mfa) -> u32, out: &mut Vec<u8>) -> Result<(), Diagnostic> {
    match t {
        Term::Nil => out.push(0),
        Term::Int(i) => {
            out.push(1);
            sleb(*i, out);
        }
        Term::BigInt(b) => bigint(b, out),
        Term::Float(f) => {
            out.push(3);
            out.extend_from_slice(&f.to_le_bytes());
        }
        Term::Atom(a) => {
            out.push(4);
            uleb(u64::from(atoms.id(a)), out);
        }
        Term::List { elems, tail } => {
            out.push(5);
            uleb(elems.len() as u64, out);
            for e in elems {
                encode(e, atoms, fun_index, out)?;
            }
            encode(tail, atoms, fun_index, out)?;
        }
        Term::Tuple(xs) => {
            out.push(6);
            uleb(xs.len() as u64, out);
            for e in xs {
                encode(e, atoms, fun_index, out)?;
            }
        }
        Term::Map(kvs) => {
            out.push(7);
            uleb(kvs.len() as u64, out);
            for (k, v) in kvs {
                encode(k, atoms, fun_index, out)?;
                encode(v, atoms, fun_index, out)?;
            }
        }
        Term::Binary(b) => {
            out.push(8);
            uleb(b.len() as u64, out);
            out.extend_from_slice(b);
        }
        Term::Bitstring { bytes, bits } => {
            out.push(9);
            uleb(bytes.len() as u64, out);
            out.push(*bits);
            out.extend_from_slice(bytes);
        }
        Term::ExportFun { module, function, arity } => {
            out.push(10);
            atoms.id(module);
            atoms.id(function);
            uleb(u64::from(fun_index(&Mfa::new(module, function, u32::from(*arity)))), out);
        }
        Term::Fun(_) | Term::Pid(_) | Term::Port(_) | Term::Ref(_) => {
            return Err(Diagnostic::error(
                "a literal holds a local fun, pid, port or reference, which compiled code cannot contain",
            ));
        }
    }
    Ok(())
}

fn bigint(b: &BigInt, out: &mut Vec<u8>) {
    out.push(2);
    out.push(u8::from(b.negative));
    let limbs: Vec<u32> = b
        .magnitude
        .chunks(4)
        .map(|c| {
            let mut w = [0u8; 4];
            for (d, s) in w.iter_mut().zip(c) {
                *d = *s;
            }
            u32::from_le_bytes(w)
        })
        .collect();
    let len = limbs.iter().rposition(|&l| l != 0).map_or(0, |i| i + 1);
    uleb(len as u64, out);
    for l in limbs.iter().take(len) {
        out.extend_from_slice(&l.to_le_bytes());
    }
}

/// Appends an unsigned LEB128 number.
pub fn uleb(mut v: u64, out: &mut Vec<u8>) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

/// Appends a signed LEB128 number.
pub fn sleb(mut v: i64, out: &mut Vec<u8>) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        let done = (v == 0 && b & 0x40 == 0) || (v == -1 && b & 0x40 != 0);
        if done {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}
