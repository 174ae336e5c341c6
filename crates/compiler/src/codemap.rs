//! The code map: from a code offset in the emitted module to the Erlang function and
//! source line it belongs to, which the runtime reads to build stack traces.
//!
//! Expects: every compiled BEAM function lowered, with the line entries lowering recorded
//! (offsets relative to the start of its instructions), and the assembled module.
//! Guarantees: a byte table that the runtime's `stacktrace.wat` decodes on first use: a u32
//! (little-endian) total length, then unsigned LEB128 numbers:
//!
//! ```text
//! header    n_funcs, n_entries, n_resumes
//! function  wasm index − previous function's, frame id − previous function's,
//!           module atom, function atom, arity, entry count, resume count,
//!           then its entries, then its resume points        (sorted by wasm index)
//! entry     module offset − previous entry's (across functions), line/file
//! resume    resume label − previous resume's (in the function), line/file
//! line/file (zigzag(line − previous line) << 1 | a file literal follows) [file literal]
//! ```
//!
//! Lines and files run from line 0 and no file at each function's start; its first entry
//! or resume point names its file. An entry says: from this module offset on (up to the
//! next entry of the function), the code belongs to `line` of `file`. A resume record gives
//! the location of the call a heap-saved frame returns to (docs/ABI.md §5); the frame names
//! its function by the *frame id* its code stores (the function's index before pruning,
//! which, unlike the wasm index, lowering knows). Line 0 means "no location", as the VM's
//! index 0. Encoded this way a hello world's map is 4× smaller than as fixed u32 words.

use std::collections::BTreeMap;

use wasmparser::{Parser, Payload};

use crate::diagnostic::Diagnostic;
use crate::literals::uleb;

/// What lowering records for one compiled function.
#[derive(Debug, Default)]
pub struct FnLines {
    /// The frame id the function's code stores in its saved frames.
    pub id: u32,
    /// Module and function atom ids, and arity.
    pub module: u32,
    pub function: u32,
    pub arity: u32,
    /// (offset into the function's instructions, line, file literal index), in offset order.
    pub entries: Vec<(u32, u32, u32)>,
    /// (resume label, line, file literal index), in label order.
    pub resumes: Vec<(u32, u32, u32)>,
}

/// Builds the code map of `wasm` for the functions in `lines` (by wasm function index).
pub fn build(wasm: &[u8], lines: &BTreeMap<u32, FnLines>) -> Result<Vec<u8>, Diagnostic> {
    let err = |e: wasmparser::BinaryReaderError| Diagnostic::error(format!("internal: reading the emitted module: {e}"));
    // Where each defined function's instructions start.
    let mut imported = 0u32;
    let mut starts: Vec<u32> = Vec::new();
    for payload in Parser::new(0).parse_all(wasm) {
        match payload.map_err(err)? {
            Payload::ImportSection(s) => {
                for imports in s {
                    for imp in imports.map_err(err)? {
                        let (_, imp) = imp.map_err(err)?;
                        if matches!(imp.ty, wasmparser::TypeRef::Func(_) | wasmparser::TypeRef::FuncExact(_)) {
                            imported += 1;
                        }
                    }
                }
            }
            Payload::CodeSectionEntry(body) => {
                let ops = body.get_operators_reader().map_err(err)?;
                starts.push(ops.original_position() as u32);
            }
            _ => {}
        }
    }
    let mut body = Vec::new();
    let (mut n_entries, mut n_resumes) = (0u64, 0u64);
    let (mut prev_idx, mut prev_id, mut prev_off) = (0u32, 0u32, 0u32);
    let mut n_funcs = 0u64;
    for (&idx, f) in lines {
        let Some(&start) = idx.checked_sub(imported).and_then(|i| starts.get(i as usize)) else { continue };
        let (Some(d_idx), Some(d_id)) = (idx.checked_sub(prev_idx), f.id.checked_sub(prev_id)) else {
            return Err(Diagnostic::error("internal: code map functions out of order"));
        };
        n_funcs += 1;
        for v in [d_idx, d_id, f.module, f.function, f.arity, f.entries.len() as u32, f.resumes.len() as u32] {
            uleb(u64::from(v), &mut body);
        }
        (prev_idx, prev_id) = (idx, f.id);
        let mut state = (0u32, None);
        for &(off, line, file) in &f.entries {
            let at = start + off;
            let Some(d) = at.checked_sub(prev_off) else {
                return Err(Diagnostic::error("internal: code map entries out of order"));
            };
            uleb(u64::from(d), &mut body);
            line_file(line, file, &mut state, &mut body);
            prev_off = at;
        }
        let mut prev_label = 0u32;
        for &(label, line, file) in &f.resumes {
            let Some(d) = label.checked_sub(prev_label) else {
                return Err(Diagnostic::error("internal: code map resume points out of order"));
            };
            uleb(u64::from(d), &mut body);
            line_file(line, file, &mut state, &mut body);
            prev_label = label;
        }
        n_entries += f.entries.len() as u64;
        n_resumes += f.resumes.len() as u64;
    }
    let mut head = Vec::new();
    for v in [n_funcs, n_entries, n_resumes] {
        uleb(v, &mut head);
    }
    let total = 4 + head.len() + body.len();
    let mut out = Vec::with_capacity(total);
    out.extend_from_slice(&(total as u32).to_le_bytes());
    out.extend_from_slice(&head);
    out.extend_from_slice(&body);
    Ok(out)
}

/// Appends a line and file as a delta from the running `state` (line, file).
fn line_file(line: u32, file: u32, state: &mut (u32, Option<u32>), out: &mut Vec<u8>) {
    let d = line.wrapping_sub(state.0) as i32;
    let zigzag = ((d << 1) ^ (d >> 31)) as u32;
    let new_file = state.1 != Some(file);
    uleb((u64::from(zigzag) << 1) | u64::from(new_file), out);
    if new_file {
        uleb(u64::from(file), out);
    }
    *state = (line, Some(file));
}

/// The line entries of `lines` for a module whose functions were renumbered and whose
/// bodies were re-encoded: `at(function, offset)` gives the new function index and offset
/// (None: the function is gone).
pub fn renumber(lines: &BTreeMap<u32, FnLines>, at: impl Fn(u32, u32) -> Option<(u32, u32)>) -> BTreeMap<u32, FnLines> {
    let mut out = BTreeMap::new();
    for (&idx, f) in lines {
        let Some((new, _)) = at(idx, 0) else { continue };
        let entries = f.entries.iter().filter_map(|&(off, line, file)| Some((at(idx, off)?.1, line, file))).collect();
        out.insert(
            new,
            FnLines { id: f.id, module: f.module, function: f.function, arity: f.arity, entries, resumes: f.resumes.clone() },
        );
    }
    out
}
