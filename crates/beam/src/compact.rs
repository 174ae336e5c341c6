//! The compact term encoding of instruction operands.
//!
//! The low three bits of the first byte are the tag: `u` 0, `i` 1, `a` 2, `x` 3, `y` 4,
//! `f` 5, `h` 6, `z` 7. The value follows in one of three forms: 4 bits in the first byte
//! (`NNNN0TTT`), 11 bits over two bytes (`NNN01TTT NNNNNNNN`), or 2–8 bytes after a
//! `LLL11TTT` byte, or more when `LLL` is 7 and a nested `u` operand gives the length
//! minus 9. Long `i` values are big-endian two's complement; the other tags are unsigned.
//! The `z` tag's value selects an extended form: 0 float, 1 list, 2 float register,
//! 3 allocation list, 4 literal, 5 typed register.
//!
//! Indices are checked against the file's tables as they are decoded, so every atom,
//! literal, type and label index in a parsed [`Operand`] is valid.

use crate::cursor::Cursor;
use crate::error::Result;
use crate::int::Int;
use crate::operand::{AllocKind, Operand, Register};

/// The table sizes operands are checked against.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Limits {
    /// Number of atoms (valid atom indices are 1..=atoms).
    pub atoms: u32,
    /// Number of literals.
    pub literals: u32,
    /// Number of types, or `None` when the file has no Type chunk.
    pub types: Option<u32>,
    /// The Code chunk's label count (valid labels are 0..labels).
    pub labels: u32,
}

enum Raw<'a> {
    Small(u64),
    Long(&'a [u8]),
}

const TAG_U: u8 = 0;

fn raw<'a>(cur: &mut Cursor<'a>, first: u8, nested: bool) -> Result<Raw<'a>> {
    if first & 0x08 == 0 {
        return Ok(Raw::Small(u64::from(first >> 4)));
    }
    if first & 0x10 == 0 {
        let low = cur.u8()?;
        return Ok(Raw::Small((u64::from(first & 0xe0) << 3) | u64::from(low)));
    }
    let code = usize::from(first >> 5);
    let len = if code < 7 {
        code + 2
    } else {
        let at = cur.offset();
        let b = cur.u8()?;
        if b & 7 != TAG_U || nested {
            return Err(cur.error_at(at, "bad length prefix of a long integer operand"));
        }
        let length = raw(cur, b, true)?;
        let extra = unsigned(cur, length, at)?;
        usize::try_from(extra)
            .ok()
            .and_then(|e| e.checked_add(9))
            .ok_or_else(|| cur.error_at(at, "integer operand length overflows"))?
    };
    Ok(Raw::Long(cur.bytes(len)?))
}

fn unsigned(cur: &Cursor, raw: Raw, at: usize) -> Result<u64> {
    match raw {
        Raw::Small(v) => Ok(v),
        Raw::Long(bytes) => {
            let skip = bytes.iter().take_while(|&&b| b == 0).count();
            let digits = bytes.get(skip..).unwrap_or_default();
            if digits.len() > 8 {
                return Err(cur.error_at(at, "unsigned operand does not fit in 64 bits"));
            }
            Ok(digits.iter().fold(0, |acc, &b| (acc << 8) | u64::from(b)))
        }
    }
}

fn small(cur: &Cursor, value: u64, at: usize, what: &str) -> Result<u32> {
    u32::try_from(value).map_err(|_| cur.error_at(at, format!("{what} {value} is out of range")))
}

/// Reads an operand that must be `u`-tagged and returns its value.
fn unsigned_operand(cur: &mut Cursor) -> Result<u64> {
    let at = cur.offset();
    let first = cur.u8()?;
    if first & 7 != TAG_U {
        return Err(cur.error_at(at, format!("expected a u-tagged operand, found tag {}", first & 7)));
    }
    let r = raw(cur, first, false)?;
    unsigned(cur, r, at)
}

fn unsigned_u32(cur: &mut Cursor, what: &str) -> Result<u32> {
    let at = cur.offset();
    let v = unsigned_operand(cur)?;
    small(cur, v, at, what)
}

/// Decodes one operand.
pub(crate) fn operand(cur: &mut Cursor, limits: &Limits) -> Result<Operand> {
    operand_in(cur, limits, false)
}

fn operand_in(cur: &mut Cursor, limits: &Limits, in_list: bool) -> Result<Operand> {
    let at = cur.offset();
    let first = cur.u8()?;
    let tag = first & 7;
    if tag == 7 {
        return extended(cur, limits, first, at, in_list);
    }
    let r = raw(cur, first, false)?;
    if tag == 1 {
        return Ok(Operand::Integer(match r {
            Raw::Small(v) => Int::Small(v as i64),
            Raw::Long(bytes) => Int::from_twos_complement_be(bytes),
        }));
    }
    let value = unsigned(cur, r, at)?;
    Ok(match tag {
        0 => Operand::Unsigned(value),
        2 if value == 0 => Operand::Nil,
        2 => {
            let index = small(cur, value, at, "atom index")?;
            if index > limits.atoms {
                return Err(cur.error_at(at, format!("atom index {index} but the atom table has {}", limits.atoms)));
            }
            Operand::Atom(index)
        }
        3 => Operand::X(small(cur, value, at, "x register")?),
        4 => Operand::Y(small(cur, value, at, "y register")?),
        5 => {
            let label = small(cur, value, at, "label")?;
            if label >= limits.labels.max(1) {
                return Err(cur.error_at(at, format!("label {label} but the code declares {} labels", limits.labels)));
            }
            Operand::Label(label)
        }
        _ => Operand::Char(small(cur, value, at, "character")?),
    })
}

fn extended(cur: &mut Cursor, limits: &Limits, first: u8, at: usize, in_list: bool) -> Result<Operand> {
    if first & 0x08 != 0 {
        return Err(cur.error_at(at, format!("bad extended operand byte {first:#04x}")));
    }
    Ok(match first >> 4 {
        0 => Operand::Float(f64::from_bits(cur.u64()?)),
        1 => {
            if in_list {
                return Err(cur.error_at(at, "list operand nested in a list operand"));
            }
            let len = unsigned_operand(cur)?;
            let len = cur.check_count(usize::try_from(len).unwrap_or(usize::MAX), 1, "list operand element")?;
            let mut items = Vec::with_capacity(len);
            for _ in 0..len {
                items.push(operand_in(cur, limits, true)?);
            }
            Operand::List(items)
        }
        2 => Operand::FloatReg(unsigned_u32(cur, "float register")?),
        3 => {
            let n = unsigned_operand(cur)?;
            let n = cur.check_count(usize::try_from(n).unwrap_or(usize::MAX), 2, "allocation list entry")?;
            let mut entries = Vec::with_capacity(n);
            for _ in 0..n {
                let kind_at = cur.offset();
                let kind = match unsigned_operand(cur)? {
                    0 => AllocKind::Words,
                    1 => AllocKind::Floats,
                    2 => AllocKind::Funs,
                    k => return Err(cur.error_at(kind_at, format!("unknown allocation kind {k}"))),
                };
                entries.push((kind, unsigned_u32(cur, "allocation count")?));
            }
            Operand::AllocList(entries)
        }
        4 => {
            let index = unsigned_u32(cur, "literal index")?;
            if index >= limits.literals {
                return Err(cur.error_at(at, format!("literal {index} but the literal table has {}", limits.literals)));
            }
            Operand::Literal(index)
        }
        5 => {
            let reg = match operand_in(cur, limits, true)? {
                Operand::X(n) => Register::X(n),
                Operand::Y(n) => Register::Y(n),
                other => return Err(cur.error_at(at, format!("typed register holds {other:?}"))),
            };
            let type_index = unsigned_u32(cur, "type index")?;
            match limits.types {
                Some(n) if type_index < n => {}
                Some(n) => return Err(cur.error_at(at, format!("type {type_index} but the Type chunk has {n}"))),
                None => return Err(cur.error_at(at, "typed register but the file has no Type chunk")),
            }
            Operand::TypedReg { reg, type_index }
        }
        n => return Err(cur.error_at(at, format!("unknown extended operand tag {n}"))),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: Limits = Limits { atoms: 10, literals: 3, types: Some(2), labels: 100 };

    fn dec(bytes: &[u8]) -> std::result::Result<Operand, String> {
        let mut cur = Cursor::new(bytes, 0, None);
        let op = operand(&mut cur, &LIMITS).map_err(|e| e.to_string())?;
        if cur.is_empty() { Ok(op) } else { Err(format!("{} bytes unread", cur.remaining())) }
    }

    #[test]
    fn the_three_value_forms() {
        assert_eq!(dec(&[0x50]), Ok(Operand::Unsigned(5)));
        assert_eq!(dec(&[0x68, 0xe8]), Ok(Operand::Unsigned(1000)));
        assert_eq!(dec(&[0xe8, 0xff]), Ok(Operand::Unsigned(2047)));
        assert_eq!(dec(&[0x18, 0x08, 0x00]), Ok(Operand::Unsigned(2048)));
        assert_eq!(dec(&[0x78, 0, 0xff, 0xff, 0xff, 0xff]), Ok(Operand::Unsigned(4294967295)));
    }

    #[test]
    fn integers_are_signed_only_in_the_long_form() {
        assert_eq!(dec(&[0x51]), Ok(Operand::Integer(Int::Small(5))));
        assert_eq!(dec(&[0x19, 0xff, 0xff]), Ok(Operand::Integer(Int::Small(-1))));
        assert_eq!(dec(&[0x79, 0xff, 0, 0, 0, 1]), Ok(Operand::Integer(Int::Small(-4294967295))));
        assert_eq!(dec(&[0x79, 0x63, 0xff, 0xff, 0xff, 0x9d]), Ok(Operand::Integer(Int::Small(429496729501))));
    }

    #[test]
    fn big_integers_use_a_nested_length() {
        // 9 bytes: LLL = 7 and a nested u operand 0 (9 + 0 bytes).
        let mut bytes = vec![0xf9, 0x00, 0x01];
        bytes.extend([0; 8]);
        assert_eq!(dec(&bytes).map(|o| format!("{o:?}")), Ok("Integer(Big(BigInt { negative: false, magnitude: [0, 0, 0, 0, 0, 0, 0, 0, 1] }))".into()));
        let mut neg = vec![0xf9, 0x00, 0xff];
        neg.extend([0; 8]);
        match dec(&neg) {
            Ok(Operand::Integer(n)) => assert_eq!(n.to_string(), "-18446744073709551616"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn registers_atoms_labels_and_nil() {
        assert_eq!(dec(&[0x13]), Ok(Operand::X(1)));
        assert_eq!(dec(&[0x24]), Ok(Operand::Y(2)));
        assert_eq!(dec(&[0x02]), Ok(Operand::Nil));
        assert_eq!(dec(&[0x32]), Ok(Operand::Atom(3)));
        assert_eq!(dec(&[0x45]), Ok(Operand::Label(4)));
        assert_eq!(dec(&[0x66]), Ok(Operand::Char(6)));
        assert!(dec(&[0xb2]).is_err_and(|e| e.contains("atom index 11")));
        assert!(dec(&[0x0d, 100]).is_err_and(|e| e.contains("label 100")));
    }

    #[test]
    fn extended_forms() {
        let mut float = vec![0x07];
        float.extend(1.5f64.to_bits().to_be_bytes());
        assert_eq!(dec(&float), Ok(Operand::Float(1.5)));
        assert_eq!(dec(&[0x17, 0x20, 0x13, 0x51]), Ok(Operand::List(vec![Operand::X(1), Operand::Integer(Int::Small(5))])));
        assert_eq!(dec(&[0x27, 0x30]), Ok(Operand::FloatReg(3)));
        assert_eq!(
            dec(&[0x37, 0x20, 0x00, 0x30, 0x10, 0x10]),
            Ok(Operand::AllocList(vec![(AllocKind::Words, 3), (AllocKind::Floats, 1)]))
        );
        assert_eq!(dec(&[0x47, 0x20]), Ok(Operand::Literal(2)));
        assert_eq!(dec(&[0x57, 0x03, 0x10]), Ok(Operand::TypedReg { reg: Register::X(0), type_index: 1 }));
    }

    #[test]
    fn malformed_extended_operands_are_errors() {
        assert!(dec(&[0x47, 0x30]).is_err_and(|e| e.contains("literal 3")));
        assert!(dec(&[0x57, 0x03, 0x20]).is_err_and(|e| e.contains("type 2")));
        assert!(dec(&[0x57, 0x02, 0x00]).is_err());
        assert!(dec(&[0x17, 0x10, 0x17, 0x00]).is_err_and(|e| e.contains("nested")));
        assert!(dec(&[0x67]).is_err_and(|e| e.contains("unknown extended")));
        assert!(dec(&[0x0f]).is_err_and(|e| e.contains("bad extended")));
        assert!(dec(&[0x17, 0xf0, 0xff]).is_err());
        assert!(dec(&[0x78, 0xff]).is_err_and(|e| e.contains("unexpected end")));
    }
}
