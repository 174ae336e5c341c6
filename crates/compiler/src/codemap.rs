//! The code map: from a code offset in the emitted module to the Erlang function and
//! source line it belongs to, which the runtime reads to build stack traces.
//!
//! Expects: every compiled BEAM function lowered, with the line entries lowering recorded
//! (offsets relative to the start of its instructions), and the assembled module.
//! Guarantees: a byte table, little-endian u32 words, that the runtime's `stacktrace.wat`
//! searches:
//!
//! ```text
//! header   n_funcs, n_entries, n_resumes
//! funcs    n_funcs × (wasm function index, module atom, function atom, arity,
//!                     first entry, entry count, first resume, resume count)
//!                                                            sorted by function index
//! entries  n_entries × (module offset, line, file literal)  sorted by offset per function
//! resumes  n_resumes × (resume label, line, file literal)   sorted by label per function
//! ```
//!
//! An entry says: from this module offset on (up to the next entry of the function), the
//! code belongs to `line` of `file`. A resume record gives the location of the call a
//! heap-saved frame returns to (docs/ABI.md §5). Line 0 means "no location", as the VM's
//! index 0.

use std::collections::BTreeMap;

use wasmparser::{Parser, Payload};

use crate::diagnostic::Diagnostic;

/// What lowering records for one compiled function.
#[derive(Debug, Default)]
pub struct FnLines {
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
    let mut funcs = Vec::new();
    let mut entries = Vec::new();
    let mut resumes = Vec::new();
    for (&idx, f) in lines {
        let Some(&start) = idx.checked_sub(imported).and_then(|i| starts.get(i as usize)) else { continue };
        let (first, first_resume) = (entries.len() as u32, resumes.len() as u32);
        for &(off, line, file) in &f.entries {
            entries.push([start + off, line, file]);
        }
        for &(label, line, file) in &f.resumes {
            resumes.push([label, line, file]);
        }
        let (n, n_resume) = (entries.len() as u32 - first, resumes.len() as u32 - first_resume);
        funcs.push([idx, f.module, f.function, f.arity, first, n, first_resume, n_resume]);
    }
    let mut out = Vec::with_capacity(12 + funcs.len() * 32 + (entries.len() + resumes.len()) * 12);
    for w in [funcs.len() as u32, entries.len() as u32, resumes.len() as u32] {
        out.extend_from_slice(&w.to_le_bytes());
    }
    for w in funcs.iter().flatten().chain(entries.iter().flatten()).chain(resumes.iter().flatten()) {
        out.extend_from_slice(&w.to_le_bytes());
    }
    Ok(out)
}
