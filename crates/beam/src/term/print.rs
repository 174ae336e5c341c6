//! Writes terms as Erlang source text that `file:consult/1` reads back as the same term.
//!
//! - Atoms are quoted when they must be (reserved words, capitals, symbols, non-ASCII).
//! - Lists of printable ASCII codes print as strings, other lists as `[...]` (with `|Tail`
//!   when improper); printable binaries as `<<"...">>`.
//! - A bitstring prints its last, partial byte as a `Value:Bits` segment.
//! - Floats print in the shortest form that reads back to the same bits, always with a
//!   `.` and a digit on each side, such as `0.1`, `1.0e300` or `-2.5e-7`.
//! - Integers of any size print in decimal.
//!
//! Pids, ports, references and local funs have no source form. They print as tagged
//! tuples, the normalisation that `beamwasm disasm --format eterm` documents:
//! `{'$pid',Node,Id,Serial,Creation}`, `{'$port',Node,Id,Creation}`,
//! `{'$ref',Node,Creation,[Id...]}` and
//! `{'$fun',Module,Arity,Uniq,Index,OldIndex,OldUniq,[Free...]}` (Uniq as a binary).

use std::fmt::{self, Display, Write};

use super::Term;

const RESERVED: &[&str] = &[
    "after", "and", "andalso", "band", "begin", "bnot", "bor", "bsl", "bsr", "bxor", "case",
    "catch", "cond", "div", "else", "end", "fun", "if", "let", "maybe", "not", "of", "or",
    "orelse", "receive", "rem", "try", "when", "xor",
];

/// Writes an atom, quoted if its name needs quotes.
pub fn write_atom(out: &mut impl Write, name: &str) -> fmt::Result {
    let mut chars = name.chars();
    let plain = chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '@')
        && !RESERVED.contains(&name);
    if plain {
        return out.write_str(name);
    }
    out.write_char('\'')?;
    for c in name.chars() {
        write_escaped(out, c, '\'')?;
    }
    out.write_char('\'')
}

fn write_escaped(out: &mut impl Write, c: char, quote: char) -> fmt::Result {
    match c {
        '\\' => out.write_str("\\\\"),
        '\n' => out.write_str("\\n"),
        '\t' => out.write_str("\\t"),
        '\r' => out.write_str("\\r"),
        c if c == quote => write!(out, "\\{c}"),
        c if c.is_control() => write!(out, "\\x{{{:X}}}", u32::from(c)),
        c => out.write_char(c),
    }
}

/// Writes a float so that Erlang reads back exactly the same value.
pub fn write_float(out: &mut impl Write, value: f64) -> fmt::Result {
    let text = format!("{value:?}");
    match text.split_once('e') {
        Some((mantissa, exponent)) if mantissa.contains('.') => write!(out, "{mantissa}e{exponent}"),
        Some((mantissa, exponent)) => write!(out, "{mantissa}.0e{exponent}"),
        None if text.contains('.') => out.write_str(&text),
        None => write!(out, "{text}.0"),
    }
}

fn printable(code: &Term) -> bool {
    matches!(code, Term::Int(c) if (32..=126).contains(c) || [9, 10, 13].contains(c))
}

fn write_list(out: &mut impl Write, elems: &[Term], tail: &Term) -> fmt::Result {
    if *tail == Term::Nil && elems.iter().all(printable) {
        out.write_char('"')?;
        for e in elems {
            if let Term::Int(c) = e {
                write_escaped(out, char::from(*c as u8), '"')?;
            }
        }
        return out.write_char('"');
    }
    out.write_char('[')?;
    write_seq(out, elems)?;
    if *tail != Term::Nil {
        out.write_char('|')?;
        write_term(out, tail)?;
    }
    out.write_char(']')
}

fn write_seq(out: &mut impl Write, elems: &[Term]) -> fmt::Result {
    for (i, e) in elems.iter().enumerate() {
        if i > 0 {
            out.write_char(',')?;
        }
        write_term(out, e)?;
    }
    Ok(())
}

fn write_bytes(out: &mut impl Write, bytes: &[u8], last: Option<(u8, u8)>) -> fmt::Result {
    out.write_str("<<")?;
    if last.is_none() && !bytes.is_empty() && bytes.iter().all(|b| (32..=126).contains(b)) {
        out.write_char('"')?;
        for &b in bytes {
            write_escaped(out, char::from(b), '"')?;
        }
        out.write_char('"')?;
    } else {
        for (i, b) in bytes.iter().enumerate() {
            if i > 0 {
                out.write_char(',')?;
            }
            write!(out, "{b}")?;
        }
        if let Some((value, bits)) = last {
            if !bytes.is_empty() {
                out.write_char(',')?;
            }
            write!(out, "{value}:{bits}")?;
        }
    }
    out.write_str(">>")
}

/// Writes a term as Erlang source text.
pub fn write_term(out: &mut impl Write, term: &Term) -> fmt::Result {
    match term {
        Term::Int(n) => write!(out, "{n}"),
        Term::BigInt(b) => out.write_str(&b.to_decimal()),
        Term::Float(f) => write_float(out, *f),
        Term::Atom(a) => write_atom(out, a),
        Term::Nil => out.write_str("[]"),
        Term::List { elems, tail } => write_list(out, elems, tail),
        Term::Tuple(elems) => {
            out.write_char('{')?;
            write_seq(out, elems)?;
            out.write_char('}')
        }
        Term::Map(pairs) => {
            out.write_str("#{")?;
            for (i, (k, v)) in pairs.iter().enumerate() {
                if i > 0 {
                    out.write_char(',')?;
                }
                write_term(out, k)?;
                out.write_str(" => ")?;
                write_term(out, v)?;
            }
            out.write_char('}')
        }
        Term::Binary(bytes) => write_bytes(out, bytes, None),
        Term::Bitstring { bytes, bits } => {
            let (full, last) = bytes.split_at(bytes.len().saturating_sub(1));
            let value = last.first().map_or(0, |b| b >> (8 - bits.clamp(&1, &7)));
            write_bytes(out, full, Some((value, *bits)))
        }
        Term::ExportFun { module, function, arity } => {
            out.write_str("fun ")?;
            write_atom(out, module)?;
            out.write_char(':')?;
            write_atom(out, function)?;
            write!(out, "/{arity}")
        }
        Term::Fun(f) => {
            out.write_str("{'$fun',")?;
            write_atom(out, &f.module)?;
            write!(out, ",{},", f.arity)?;
            write_bytes(out, &f.uniq, None)?;
            write!(out, ",{},{},{},[", f.index, f.old_index, f.old_uniq)?;
            write_seq(out, &f.free)?;
            out.write_str("]}")
        }
        Term::Pid(p) => {
            out.write_str("{'$pid',")?;
            write_atom(out, &p.node)?;
            write!(out, ",{},{},{}}}", p.id, p.serial, p.creation)
        }
        Term::Port(p) => {
            out.write_str("{'$port',")?;
            write_atom(out, &p.node)?;
            write!(out, ",{},{}}}", p.id, p.creation)
        }
        Term::Ref(r) => {
            out.write_str("{'$ref',")?;
            write_atom(out, &r.node)?;
            write!(out, ",{},[", r.creation)?;
            for (i, id) in r.ids.iter().enumerate() {
                if i > 0 {
                    out.write_char(',')?;
                }
                write!(out, "{id}")?;
            }
            out.write_str("]}")
        }
    }
}

impl Display for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_term(f, self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::int::Int;

    fn show(t: &Term) -> String {
        t.to_string()
    }

    #[test]
    fn atoms_are_quoted_only_when_needed() {
        assert_eq!(show(&Term::atom("ok")), "ok");
        assert_eq!(show(&Term::atom("node@host_1")), "node@host_1");
        assert_eq!(show(&Term::atom("Elixir.Enum")), "'Elixir.Enum'");
        assert_eq!(show(&Term::atom("end")), "'end'");
        assert_eq!(show(&Term::atom("")), "''");
        assert_eq!(show(&Term::atom("it's")), "'it\\'s'");
        assert_eq!(show(&Term::atom("a\\b\n")), "'a\\\\b\\n'");
        assert_eq!(show(&Term::atom("héllo")), "'héllo'");
    }

    #[test]
    fn floats_always_have_a_point_and_round_trip() {
        for (f, s) in [
            (1.0, "1.0"),
            (0.1, "0.1"),
            (1e300, "1.0e300"),
            (-2.5e-7, "-2.5e-7"),
            (1.2345678901234567e20, "1.2345678901234567e20"),
            (-0.0, "-0.0"),
        ] {
            assert_eq!(show(&Term::Float(f)), s);
            let back: f64 = s.parse().unwrap_or(f64::NAN);
            assert_eq!(back.to_bits(), f.to_bits());
        }
    }

    #[test]
    fn lists_print_as_strings_only_when_printable_and_proper() {
        let abc = Term::list(vec![Term::Int(97), Term::Int(98), Term::Int(99)]);
        assert_eq!(show(&abc), "\"abc\"");
        let quote = Term::list(vec![Term::Int(34), Term::Int(92)]);
        assert_eq!(show(&quote), "\"\\\"\\\\\"");
        let improper = Term::improper_list(vec![Term::Int(97)], Term::atom("b"));
        assert_eq!(show(&improper), "[97|b]");
        let mixed = Term::list(vec![Term::Int(1), Term::atom("x")]);
        assert_eq!(show(&mixed), "[1,x]");
    }

    #[test]
    fn binaries_and_bitstrings_use_segment_syntax() {
        assert_eq!(show(&Term::Binary(b"hi".to_vec())), "<<\"hi\">>");
        assert_eq!(show(&Term::Binary(vec![0, 255])), "<<0,255>>");
        assert_eq!(show(&Term::Binary(vec![])), "<<>>");
        let bits = Term::Bitstring { bytes: vec![1, 2, 0b1011_0000], bits: 4 };
        assert_eq!(show(&bits), "<<1,2,11:4>>");
        let lone = Term::Bitstring { bytes: vec![0b1000_0000], bits: 1 };
        assert_eq!(show(&lone), "<<1:1>>");
    }

    #[test]
    fn maps_tuples_funs_and_big_integers() {
        let map = Term::Map(vec![(Term::atom("a"), Term::Int(-1))]);
        assert_eq!(show(&map), "#{a => -1}");
        let f = Term::ExportFun { module: "lists".into(), function: "map".into(), arity: 2 };
        assert_eq!(show(&Term::tuple(vec![f, Term::Nil])), "{fun lists:map/2,[]}");
        let big = Term::from_int(Int::from_sign_magnitude(true, &[0, 0, 0, 0, 0, 0, 0, 0, 1]));
        assert_eq!(show(&big), "-18446744073709551616");
    }
}
