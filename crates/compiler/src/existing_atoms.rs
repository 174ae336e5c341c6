//! The atoms that exist before the program makes any: what `binary_to_existing_atom/2`,
//! `list_to_existing_atom/1` and `binary_to_term(_, [safe])` may return without creating.
//!
//! On the VM these are the atoms of its own table (`atom.names`), of every module the boot
//! of `elixir` has loaded and of the terms that boot built (`data/boot_atoms.txt`, which
//! `scripts/boot-atoms.sh` lists from the installed VM), and of every module loaded since:
//! all of a module's atoms and the atoms of its literals come into being when it loads,
//! used or not. A whole-program build loads every module of the program, so each module's
//! atom table and literals count, not only the atoms of the functions the linker kept.
//!
//! Compiled code needs ids only for the atoms it mentions (`Atoms`); the others stay
//! names, handed to the runtime as the hook data segment `$existing_atoms` (atom.wat): the
//! names not in the program's atom table, sorted bytewise and front-coded (a u32 count,
//! then per name LEB128 the length of the prefix it shares with the previous name, LEB128
//! the length of the rest, and the rest's UTF-8 bytes), zlib-compressed, behind three u32:
//! the compressed length, the inflated length, and the length of the names written out as
//! LEB128 length and bytes each, which is how the runtime holds them after it inflates
//! the segment, the first time an existing atom is looked up in vain. For a hello world
//! that is 8,227 names, 124 KB written out, 35 KB in the module.

use std::collections::BTreeSet;
use std::io::Write as _;

use beam::Term;

use crate::diagnostic::Diagnostic;
use crate::literals::uleb;
use crate::program::Program;
use crate::HashSet;

/// The atoms of a booted `elixir` VM, one per line (the first, empty line is the atom '').
const BOOT_ATOMS: &str = include_str!("../data/boot_atoms.txt");

/// The `$existing_atoms` segment for a program whose atom table is `table`.
pub fn segment(table: &[String], program: &Program) -> Result<Vec<u8>, Diagnostic> {
    let known: HashSet<&str> = table.iter().map(String::as_str).collect();
    let mut names: BTreeSet<&str> = BTreeSet::new();
    for name in BOOT_ATOMS.lines() {
        names.insert(name);
    }
    for m in &program.modules {
        names.extend(m.beam.atoms.iter());
        for lit in &m.beam.literals {
            literal_atoms(lit, &mut names);
        }
    }
    names.retain(|n| !known.contains(n));
    let mut raw = Vec::new();
    raw.extend_from_slice(&(names.len() as u32).to_le_bytes());
    let mut expanded = 0usize;
    let mut prev: &[u8] = &[];
    for n in &names {
        let n = n.as_bytes();
        let shared = prev.iter().zip(n).take_while(|(a, b)| a == b).count();
        uleb(shared as u64, &mut raw);
        uleb((n.len() - shared) as u64, &mut raw);
        raw.extend_from_slice(n.get(shared..).unwrap_or_default());
        let mut len = Vec::new();
        uleb(n.len() as u64, &mut len);
        expanded += len.len() + n.len();
        prev = n;
    }
    let err = |e: std::io::Error| Diagnostic::error(format!("internal: compressing the existing atoms: {e}"));
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    z.write_all(&raw).map_err(err)?;
    let packed = z.finish().map_err(err)?;
    let mut seg = Vec::with_capacity(packed.len() + 12);
    seg.extend_from_slice(&(packed.len() as u32).to_le_bytes());
    seg.extend_from_slice(&(raw.len() as u32).to_le_bytes());
    seg.extend_from_slice(&(expanded as u32).to_le_bytes());
    seg.extend_from_slice(&packed);
    Ok(seg)
}

/// Adds the atoms inside a literal term.
fn literal_atoms<'t>(t: &'t Term, out: &mut BTreeSet<&'t str>) {
    t.visit(&mut |t| match t {
        Term::Atom(a) => {
            out.insert(a);
        }
        Term::ExportFun { module, function, .. } => {
            out.insert(module);
            out.insert(function);
        }
        _ => {}
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boot_atoms_hold_the_vm_builtins_and_elixir_modules() {
        let boot: HashSet<&str> = BOOT_ATOMS.lines().collect();
        for a in ["", "extra", "undefined", "Elixir.Kernel", "Elixir.Enum", "erl_eval"] {
            assert!(boot.contains(a), "{a:?} is not a boot atom");
        }
        assert!(!boot.contains("zz_beamwasm_boot_atoms_marker"));
    }

    #[test]
    fn segment_leaves_out_the_program_atoms_and_inflates_to_sorted_names() {
        let table = vec!["extra".to_string(), "ok".to_string()];
        let seg = segment(&table, &Program::default()).unwrap_or_default();
        let zlen = u32::from_le_bytes([seg[0], seg[1], seg[2], seg[3]]) as usize;
        let rawlen = u32::from_le_bytes([seg[4], seg[5], seg[6], seg[7]]) as usize;
        let expanded = u32::from_le_bytes([seg[8], seg[9], seg[10], seg[11]]) as usize;
        assert_eq!(seg.len(), zlen + 12);
        let mut raw = Vec::new();
        let mut z = flate2::read::ZlibDecoder::new(&seg[12..]);
        std::io::Read::read_to_end(&mut z, &mut raw).unwrap_or_default();
        assert_eq!(raw.len(), rawlen);
        let count = u32::from_le_bytes([raw[0], raw[1], raw[2], raw[3]]) as usize;
        // Every boot atom is shorter than 128 bytes: each LEB128 is one byte.
        let mut names: Vec<Vec<u8>> = Vec::new();
        let mut i = 4;
        while i < raw.len() {
            let (shared, rest) = (raw[i] as usize, raw[i + 1] as usize);
            let mut n = names.last().map(|p| p[..shared].to_vec()).unwrap_or_default();
            n.extend_from_slice(&raw[i + 2..i + 2 + rest]);
            names.push(n);
            i += 2 + rest;
        }
        assert_eq!(names.len(), count);
        assert_eq!(names.iter().map(|n| n.len() + 1).sum::<usize>(), expanded);
        let names: Vec<String> = names.into_iter().map(|n| String::from_utf8_lossy(&n).into_owned()).collect();
        assert!(names.windows(2).all(|w| w[0] < w[1]));
        assert!(!names.iter().any(|n| n == "extra" || n == "ok"));
        assert!(names.iter().any(|n| n == "undefined"));
    }
}
