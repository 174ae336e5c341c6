//! The external term format (`term_to_binary/1`), decoded into [`Term`]s.
//!
//! [`decode`] reads one whole binary: the version byte 131, then a term, optionally
//! zlib-compressed (tag 80). Every tag that can appear in a file is understood; the two
//! that only make sense on a live connection are rejected with an error:
//! `ATOM_CACHE_REF` (82) and `LOCAL_EXT` (121), and so is the long-obsolete `FUN_EXT` (117).
//!
//! Decoding never panics and never trusts a length field: counts are checked against the
//! bytes that remain, decompression allocates only what the data actually inflates to,
//! and nesting deeper than [`MAX_DEPTH`] is refused.

use std::io::Read;

use crate::cursor::Cursor;
use crate::error::{ChunkId, Result};
use crate::int::Int;
use crate::term::{LocalFun, Pid, Port, Reference, Term};

/// How deeply terms may nest (tuples in lists in maps...) before decoding gives up.
///
/// Decoding recurses once per level, and so do printing, comparing and dropping a
/// [`Term`]; the limit keeps all of them well inside a 2 MiB thread stack even in
/// unoptimised builds. Compiled modules stay far below it: the deepest literal in the
/// installed OTP 25 and Elixir 1.14 libraries nests 38 levels.
pub const MAX_DEPTH: usize = 256;

const VERSION: u8 = 131;

/// Decodes a complete external-term-format binary (starting with the version byte 131).
///
/// ```
/// let bytes = [131, 104, 2, 100, 0, 2, b'o', b'k', 97, 7]; // {ok,7}
/// let term = beam::etf::decode(&bytes)?;
/// assert_eq!(term.to_string(), "{ok,7}");
/// # Ok::<(), beam::ReadError>(())
/// ```
pub fn decode(bytes: &[u8]) -> Result<Term> {
    decode_in(bytes, 0, None)
}

/// Decodes a complete binary that sits at `base` in the file, inside `chunk`.
pub(crate) fn decode_in(bytes: &[u8], base: usize, chunk: Option<ChunkId>) -> Result<Term> {
    let mut cur = Cursor::new(bytes, base, chunk);
    let version = cur.u8()?;
    if version != VERSION {
        return Err(cur.error_at(base, format!("external term format version {version}, expected 131")));
    }
    let term = if bytes.get(1) == Some(&80) {
        cur.u8()?;
        let size = cur.u32()? as usize;
        let at = cur.offset();
        let inflated = inflate(&mut cur, size, at)?;
        let mut inner = Cursor::new(&inflated, 0, chunk);
        let term = term(&mut inner, 0).and_then(|t| finish(&inner).map(|()| t));
        term.map_err(|e| e.inside_decompressed(chunk, at))?
    } else {
        term(&mut cur, 0)?
    };
    finish(&cur)?;
    Ok(term)
}

fn finish(cur: &Cursor) -> Result<()> {
    if cur.is_empty() {
        Ok(())
    } else {
        Err(cur.error(format!("{} bytes left over after the term", cur.remaining())))
    }
}

/// Inflates the rest of `cur`, which must expand to exactly `size` bytes.
pub(crate) fn inflate(cur: &mut Cursor, size: usize, at: usize) -> Result<Vec<u8>> {
    let compressed = cur.rest();
    // zlib cannot expand data by more than about 1032:1, so a larger claim is a lie.
    if size > compressed.len().saturating_mul(1032).saturating_add(64) {
        return Err(cur.error_at(
            at,
            format!("claims {size} uncompressed bytes, impossible for {} compressed bytes", compressed.len()),
        ));
    }
    let mut out = Vec::with_capacity(size.min(compressed.len().saturating_mul(4)));
    let mut decoder = flate2::read::ZlibDecoder::new(compressed).take(size as u64 + 1);
    decoder
        .read_to_end(&mut out)
        .map_err(|e| cur.error_at(at, format!("bad zlib data: {e}")))?;
    if out.len() != size {
        return Err(cur.error_at(
            at,
            format!("zlib data inflates to {}{} bytes, expected {size}", out.len(), if out.len() > size { "+" } else { "" }),
        ));
    }
    Ok(out)
}

fn text(cur: &Cursor, bytes: &[u8], utf8: bool, at: usize) -> Result<String> {
    if utf8 {
        String::from_utf8(bytes.to_vec()).map_err(|_| cur.error_at(at, "atom is not valid UTF-8"))
    } else {
        Ok(bytes.iter().map(|&b| char::from(b)).collect())
    }
}

/// Reads an atom in any of its four encodings (where the format requires an atom).
fn atom(cur: &mut Cursor) -> Result<String> {
    let at = cur.offset();
    let tag = cur.u8()?;
    let (len, utf8) = match tag {
        100 | 118 => (usize::from(cur.u16()?), tag == 118),
        115 | 119 => (usize::from(cur.u8()?), tag == 119),
        _ => return Err(cur.error_at(at, format!("expected an atom, found tag {tag}"))),
    };
    let bytes = cur.bytes(len)?;
    text(cur, bytes, utf8, at)
}

/// Reads a small integer (where the format requires one).
fn small_int(cur: &mut Cursor, what: &str) -> Result<i64> {
    let at = cur.offset();
    match cur.u8()? {
        97 => Ok(i64::from(cur.u8()?)),
        98 => Ok(i64::from(cur.i32()?)),
        tag => Err(cur.error_at(at, format!("expected an integer {what}, found tag {tag}"))),
    }
}

/// Reads the body of a pid whose tag (103 or 88) has been read.
fn pid_body(cur: &mut Cursor, tag: u8) -> Result<Pid> {
    let node = atom(cur)?;
    let id = cur.u32()?;
    let serial = cur.u32()?;
    let creation = if tag == 103 { u32::from(cur.u8()?) } else { cur.u32()? };
    Ok(Pid { node, id, serial, creation })
}

fn elements(cur: &mut Cursor, count: usize, depth: usize) -> Result<Vec<Term>> {
    let count = cur.check_count(count, 1, "element")?;
    let mut out = Vec::with_capacity(count);
    for _ in 0..count {
        out.push(term(cur, depth + 1)?);
    }
    Ok(out)
}

fn term(cur: &mut Cursor, depth: usize) -> Result<Term> {
    if depth >= MAX_DEPTH {
        return Err(cur.error(format!("terms nested deeper than {MAX_DEPTH} levels")));
    }
    // Each tag's body is its own function, so that this frame, which recursion stacks
    // up to MAX_DEPTH times, stays small even in unoptimised builds.
    let at = cur.offset();
    match cur.u8()? {
        97 => Ok(Term::Int(i64::from(cur.u8()?))),
        98 => Ok(Term::Int(i64::from(cur.i32()?))),
        70 => new_float(cur, at),
        99 => old_float(cur, at),
        tag @ (100 | 118) => {
            let len = usize::from(cur.u16()?);
            atom_body(cur, len, tag == 118, at)
        }
        tag @ (115 | 119) => {
            let len = usize::from(cur.u8()?);
            atom_body(cur, len, tag == 119, at)
        }
        106 => Ok(Term::Nil),
        107 => string(cur),
        108 => list(cur, depth),
        104 => {
            let arity = usize::from(cur.u8()?);
            elements(cur, arity, depth).map(Term::Tuple)
        }
        105 => {
            let arity = cur.u32()? as usize;
            elements(cur, arity, depth).map(Term::Tuple)
        }
        116 => map(cur, depth),
        109 => {
            let len = cur.u32()? as usize;
            Ok(Term::Binary(cur.bytes(len)?.to_vec()))
        }
        77 => bitstring(cur, at),
        tag @ (110 | 111) => bignum(cur, tag, at),
        113 => export_fun(cur, at),
        112 => local_fun(cur, depth, at),
        tag @ (103 | 88) => Ok(Term::Pid(Box::new(pid_body(cur, tag)?))),
        tag @ (102 | 89 | 120) => port(cur, tag),
        tag @ (101 | 114 | 90) => reference(cur, tag),
        82 => Err(cur.error_at(at, "ATOM_CACHE_REF (tag 82) cannot appear outside a distribution connection")),
        121 => Err(cur.error_at(at, "LOCAL_EXT (tag 121) is only meaningful to the node that wrote it")),
        117 => Err(cur.error_at(at, "obsolete FUN_EXT (tag 117) is not supported")),
        80 => Err(cur.error_at(at, "compressed term (tag 80) nested inside a term")),
        tag => Err(cur.error_at(at, format!("unknown external term tag {tag}"))),
    }
}

fn new_float(cur: &mut Cursor, at: usize) -> Result<Term> {
    let f = f64::from_bits(cur.u64()?);
    if !f.is_finite() {
        return Err(cur.error_at(at, "float is not finite"));
    }
    Ok(Term::Float(f))
}

/// `FLOAT_EXT`: 31 bytes of `%.20e` text, NUL-padded.
fn old_float(cur: &mut Cursor, at: usize) -> Result<Term> {
    let raw = cur.bytes(31)?;
    let end = raw.iter().position(|&b| b == 0).unwrap_or(raw.len());
    let s = std::str::from_utf8(raw.get(..end).unwrap_or_default()).unwrap_or("");
    match s.trim().parse::<f64>() {
        Ok(f) if f.is_finite() => Ok(Term::Float(f)),
        _ => Err(cur.error_at(at, format!("bad FLOAT_EXT text {s:?}"))),
    }
}

fn atom_body(cur: &mut Cursor, len: usize, utf8: bool, at: usize) -> Result<Term> {
    let bytes = cur.bytes(len)?;
    Ok(Term::Atom(text(cur, bytes, utf8, at)?))
}

fn string(cur: &mut Cursor) -> Result<Term> {
    let len = usize::from(cur.u16()?);
    let bytes = cur.bytes(len)?;
    Ok(Term::list(bytes.iter().map(|&b| Term::Int(i64::from(b))).collect()))
}

fn list(cur: &mut Cursor, depth: usize) -> Result<Term> {
    let len = cur.u32()? as usize;
    let elems = elements(cur, len, depth)?;
    let tail = term(cur, depth + 1)?;
    Ok(Term::improper_list(elems, tail))
}

fn map(cur: &mut Cursor, depth: usize) -> Result<Term> {
    let arity = cur.u32()? as usize;
    let arity = cur.check_count(arity, 2, "map pair")?;
    let mut pairs = Vec::with_capacity(arity);
    for _ in 0..arity {
        let k = term(cur, depth + 1)?;
        let v = term(cur, depth + 1)?;
        pairs.push((k, v));
    }
    Ok(Term::Map(pairs))
}

fn bitstring(cur: &mut Cursor, at: usize) -> Result<Term> {
    let len = cur.u32()? as usize;
    let bits = cur.u8()?;
    if !(1..=8).contains(&bits) || (len == 0 && bits != 8) {
        return Err(cur.error_at(at, format!("bitstring with {bits} bits in its last byte")));
    }
    let mut bytes = cur.bytes(len)?.to_vec();
    if bits == 8 {
        return Ok(Term::Binary(bytes));
    }
    if let Some(last) = bytes.last_mut() {
        *last &= 0xffu8 << (8 - bits);
    }
    Ok(Term::Bitstring { bytes, bits })
}

fn bignum(cur: &mut Cursor, tag: u8, at: usize) -> Result<Term> {
    let n = if tag == 110 { usize::from(cur.u8()?) } else { cur.u32()? as usize };
    let sign = cur.u8()?;
    if sign > 1 {
        return Err(cur.error_at(at, format!("bignum sign byte {sign}")));
    }
    Ok(Term::from_int(Int::from_sign_magnitude(sign == 1, cur.bytes(n)?)))
}

fn export_fun(cur: &mut Cursor, at: usize) -> Result<Term> {
    let module = atom(cur)?;
    let function = atom(cur)?;
    let arity = small_int(cur, "arity")?;
    let arity = u8::try_from(arity).map_err(|_| cur.error_at(at, format!("fun arity {arity}")))?;
    Ok(Term::ExportFun { module, function, arity })
}

fn local_fun(cur: &mut Cursor, depth: usize, at: usize) -> Result<Term> {
    let size = cur.u32()? as usize;
    let start = cur.offset();
    let arity = cur.u8()?;
    let mut uniq = [0; 16];
    uniq.copy_from_slice(cur.bytes(16)?);
    let index = cur.u32()?;
    let num_free = cur.u32()? as usize;
    let module = atom(cur)?;
    let old_index = small_int(cur, "old index")?;
    let old_uniq = small_int(cur, "old uniq")?;
    let pid_at = cur.offset();
    let pid = match cur.u8()? {
        tag @ (103 | 88) => pid_body(cur, tag)?,
        tag => return Err(cur.error_at(pid_at, format!("expected a pid, found tag {tag}"))),
    };
    let free = elements(cur, num_free, depth)?;
    if cur.offset() - start + 4 != size {
        return Err(cur.error_at(at, format!("fun claims {size} bytes but has {}", cur.offset() - start + 4)));
    }
    Ok(Term::Fun(Box::new(LocalFun { module, arity, uniq, index, old_index, old_uniq, pid, free })))
}

fn port(cur: &mut Cursor, tag: u8) -> Result<Term> {
    let node = atom(cur)?;
    let id = if tag == 120 { cur.u64()? } else { u64::from(cur.u32()?) };
    let creation = if tag == 102 { u32::from(cur.u8()?) } else { cur.u32()? };
    Ok(Term::Port(Box::new(Port { node, id, creation })))
}

fn reference(cur: &mut Cursor, tag: u8) -> Result<Term> {
    if tag == 101 {
        let node = atom(cur)?;
        let id = cur.u32()?;
        let creation = u32::from(cur.u8()?);
        return Ok(Term::Ref(Box::new(Reference { node, creation, ids: vec![id] })));
    }
    let len = usize::from(cur.u16()?);
    let node = atom(cur)?;
    let creation = if tag == 114 { u32::from(cur.u8()?) } else { cur.u32()? };
    let len = cur.check_count(len, 4, "reference id")?;
    let mut ids = Vec::with_capacity(len);
    for _ in 0..len {
        ids.push(cur.u32()?);
    }
    Ok(Term::Ref(Box::new(Reference { node, creation, ids })))
}

/// Encodes `term` in the external term format, as `term_to_binary/1` does on OTP 26 and
/// later (atoms as UTF-8, minor version 2 floats); [`decode`] reads it back as the same term.
/// Used by the hosts for the terms they exchange with a running program.
///
/// ```
/// use beam::Term;
/// let t = Term::tuple(vec![Term::atom("ok"), Term::Int(7), Term::Binary(b"hi".to_vec())]);
/// assert_eq!(beam::etf::decode(&beam::etf::encode(&t))?, t);
/// # Ok::<(), beam::ReadError>(())
/// ```
pub fn encode(term: &Term) -> Vec<u8> {
    let mut out = vec![VERSION];
    encode_term(term, &mut out);
    out
}

fn encode_term(t: &Term, out: &mut Vec<u8>) {
    match t {
        Term::Int(n) => encode_int(*n, out),
        Term::BigInt(b) => {
            let len = b.magnitude.len();
            if len < 256 {
                out.push(110);
                out.push(len as u8);
            } else {
                out.push(111);
                out.extend_from_slice(&(len as u32).to_be_bytes());
            }
            out.push(u8::from(b.negative));
            out.extend_from_slice(&b.magnitude);
        }
        Term::Float(f) => {
            out.push(70);
            out.extend_from_slice(&f.to_be_bytes());
        }
        Term::Atom(name) => encode_atom(name, out),
        Term::Nil => out.push(106),
        Term::List { elems, tail } => {
            out.push(108);
            out.extend_from_slice(&(elems.len() as u32).to_be_bytes());
            for e in elems {
                encode_term(e, out);
            }
            encode_term(tail, out);
        }
        Term::Tuple(elems) => {
            if elems.len() < 256 {
                out.push(104);
                out.push(elems.len() as u8);
            } else {
                out.push(105);
                out.extend_from_slice(&(elems.len() as u32).to_be_bytes());
            }
            for e in elems {
                encode_term(e, out);
            }
        }
        Term::Map(pairs) => {
            out.push(116);
            out.extend_from_slice(&(pairs.len() as u32).to_be_bytes());
            for (k, v) in pairs {
                encode_term(k, out);
                encode_term(v, out);
            }
        }
        Term::Binary(bytes) => {
            out.push(109);
            out.extend_from_slice(&(bytes.len() as u32).to_be_bytes());
            out.extend_from_slice(bytes);
        }
        Term::Bitstring { bytes, bits } => {
            out.push(77);
            out.extend_from_slice(&(bytes.len() as u32).to_be_bytes());
            out.push(*bits);
            out.extend_from_slice(bytes);
        }
        Term::ExportFun { module, function, arity } => {
            out.push(113);
            encode_atom(module, out);
            encode_atom(function, out);
            encode_int(i64::from(*arity), out);
        }
        Term::Fun(f) => {
            let mut body = Vec::new();
            body.push(f.arity);
            body.extend_from_slice(&f.uniq);
            body.extend_from_slice(&f.index.to_be_bytes());
            body.extend_from_slice(&(f.free.len() as u32).to_be_bytes());
            encode_atom(&f.module, &mut body);
            encode_int(f.old_index, &mut body);
            encode_int(f.old_uniq, &mut body);
            encode_pid(&f.pid, &mut body);
            for v in &f.free {
                encode_term(v, &mut body);
            }
            out.push(112);
            out.extend_from_slice(&((body.len() + 4) as u32).to_be_bytes());
            out.extend_from_slice(&body);
        }
        Term::Pid(p) => encode_pid(p, out),
        Term::Port(p) => {
            out.push(120);
            encode_atom(&p.node, out);
            out.extend_from_slice(&p.id.to_be_bytes());
            out.extend_from_slice(&p.creation.to_be_bytes());
        }
        Term::Ref(r) => {
            out.push(90);
            out.extend_from_slice(&(r.ids.len() as u16).to_be_bytes());
            encode_atom(&r.node, out);
            out.extend_from_slice(&r.creation.to_be_bytes());
            for id in &r.ids {
                out.extend_from_slice(&id.to_be_bytes());
            }
        }
    }
}

fn encode_int(n: i64, out: &mut Vec<u8>) {
    if (0..256).contains(&n) {
        out.push(97);
        out.push(n as u8);
    } else if let Ok(small) = i32::try_from(n) {
        out.push(98);
        out.extend_from_slice(&small.to_be_bytes());
    } else {
        let mut magnitude: Vec<u8> = n.unsigned_abs().to_le_bytes().to_vec();
        while magnitude.last() == Some(&0) {
            magnitude.pop();
        }
        out.push(110);
        out.push(magnitude.len() as u8);
        out.push(u8::from(n < 0));
        out.extend_from_slice(&magnitude);
    }
}

fn encode_atom(name: &str, out: &mut Vec<u8>) {
    if name.len() < 256 {
        out.push(119);
        out.push(name.len() as u8);
    } else {
        out.push(118);
        out.extend_from_slice(&(name.len().min(usize::from(u16::MAX)) as u16).to_be_bytes());
    }
    out.extend_from_slice(name.as_bytes());
}

fn encode_pid(p: &Pid, out: &mut Vec<u8>) {
    out.push(88);
    encode_atom(&p.node, out);
    out.extend_from_slice(&p.id.to_be_bytes());
    out.extend_from_slice(&p.serial.to_be_bytes());
    out.extend_from_slice(&p.creation.to_be_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(bytes: &[u8]) -> String {
        match decode(bytes) {
            Ok(t) => t.to_string(),
            Err(e) => format!("error: {e}"),
        }
    }

    #[test]
    fn big_integers_of_both_signs() {
        assert_eq!(dec(&[131, 110, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]), "18446744073709551616");
        assert_eq!(dec(&[131, 110, 9, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1]), "-18446744073709551616");
        assert_eq!(dec(&[131, 111, 0, 0, 0, 2, 1, 1, 1]), "-257");
        assert_eq!(dec(&[131, 98, 255, 255, 255, 255]), "-1");
    }

    #[test]
    fn improper_lists_and_strings() {
        assert_eq!(dec(&[131, 108, 0, 0, 0, 1, 97, 1, 100, 0, 1, b'b']), "[1|b]");
        assert_eq!(dec(&[131, 107, 0, 2, b'h', b'i']), "\"hi\"");
        assert_eq!(dec(&[131, 107, 0, 2, 0, 200]), "[0,200]");
    }

    #[test]
    fn bitstrings_keep_only_their_used_bits() {
        assert_eq!(dec(&[131, 77, 0, 0, 0, 2, 3, 7, 0b1011_1111]), "<<7,5:3>>");
        assert_eq!(dec(&[131, 77, 0, 0, 0, 1, 8, 7]), "<<7>>");
        assert!(dec(&[131, 77, 0, 0, 0, 1, 0, 7]).starts_with("error"));
    }

    #[test]
    fn maps_and_old_float_ext() {
        assert_eq!(dec(&[131, 116, 0, 0, 0, 1, 119, 1, b'k', 97, 5]), "#{k => 5}");
        let mut old = vec![131, 99];
        let mut text = b"1.50000000000000000000e+00".to_vec();
        text.resize(31, 0);
        old.extend(text);
        assert_eq!(dec(&old), "1.5");
    }

    #[test]
    fn atoms_in_every_encoding() {
        assert_eq!(dec(&[131, 100, 0, 1, 0xe9]), "'é'");
        assert_eq!(dec(&[131, 115, 1, 0xe9]), "'é'");
        assert_eq!(dec(&[131, 118, 0, 2, 0xc3, 0xa9]), "'é'");
        assert_eq!(dec(&[131, 119, 2, 0xc3, 0xa9]), "'é'");
        assert!(dec(&[131, 119, 1, 0xc3]).contains("not valid UTF-8"));
    }

    #[test]
    fn compressed_terms_inflate() {
        use std::io::Write;
        let inner = [107, 0, 3, b'a', b'b', b'c'];
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        let _ = z.write_all(&inner);
        let packed = z.finish().unwrap_or_default();
        let mut bytes = vec![131, 80, 0, 0, 0, 6];
        bytes.extend(packed);
        assert_eq!(dec(&bytes), "\"abc\"");
        bytes[5] = 7;
        assert!(dec(&bytes).contains("inflates to 6 bytes, expected 7"));
    }

    #[test]
    fn connection_only_tags_are_rejected() {
        assert!(dec(&[131, 82, 0]).contains("ATOM_CACHE_REF"));
        assert!(dec(&[131, 121, 0]).contains("LOCAL_EXT"));
    }

    #[test]
    fn lying_counts_and_deep_nesting_fail_cleanly() {
        assert!(dec(&[131, 108, 255, 255, 255, 255, 106]).contains("count"));
        let mut deep = vec![131];
        deep.extend(std::iter::repeat_n([104, 1], 5000).flatten());
        deep.push(106);
        assert!(dec(&deep).contains("nested deeper"));
        let mut ok = vec![131];
        ok.extend(std::iter::repeat_n([104, 1], MAX_DEPTH - 1).flatten());
        ok.push(106);
        assert!(!dec(&ok).starts_with("error"), "{MAX_DEPTH} levels decode");
        assert!(dec(&[131, 104, 1]).contains("does not fit"));
        assert!(dec(&[131, 109, 0, 0, 0, 9, 1]).contains("unexpected end"));
    }

    #[test]
    fn pids_refs_ports_and_funs_decode() {
        let pid = [131, 88, 119, 1, b'n', 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 1];
        assert_eq!(dec(&pid), "{'$pid',n,5,0,1}");
        let r = [131, 90, 0, 2, 119, 1, b'n', 0, 0, 0, 1, 0, 0, 0, 7, 0, 0, 0, 8];
        assert_eq!(dec(&r), "{'$ref',n,1,[7,8]}");
        let port = [131, 120, 119, 1, b'n', 0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0, 1];
        assert_eq!(dec(&port), "{'$port',n,9,1}");
        let export = [131, 113, 119, 1, b'm', 119, 1, b'f', 97, 2];
        assert_eq!(dec(&export), "fun m:f/2");
    }
}
