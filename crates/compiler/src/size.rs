//! The size report: where a module's bytes come from, so that a user can see why a module
//! is big (`beamwasm build --size-report`).
//!
//! Expects: the final module and, for each of its functions, where it comes from (a BEAM
//! module, a runtime WAT file, or code the compiler generates for the program as a whole).
//! Guarantees: bytes by section, code bytes and function counts by origin, and the bytes
//! of each named data segment; the section totals add up to the module's size.

use std::collections::BTreeMap;
use std::fmt;

use wasmparser::{KnownCustom, Name, Parser, Payload};

use crate::diagnostic::Diagnostic;

/// Where a function comes from.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Origin {
    /// A compiled BEAM function (or a fun's trampoline) of this module.
    Beam(String),
    /// A runtime function defined in this WAT file.
    Runtime(String),
    /// Code generated for the whole program: dispatch, hook bodies.
    Generated(String),
}

/// Bytes and how many items.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Bytes.
    pub bytes: usize,
    /// Items (functions, globals).
    pub count: usize,
}

impl Tally {
    fn add(&mut self, bytes: usize) {
        self.bytes += bytes;
        self.count += 1;
    }
}

/// Where a module's bytes are.
#[derive(Debug, Default)]
pub struct Report {
    /// The module's size.
    pub total: usize,
    /// Bytes by section (custom sections by name), in module order.
    pub sections: Vec<(String, usize)>,
    /// Code (function bodies, with their size fields) by origin.
    pub code: BTreeMap<Origin, Tally>,
    /// Bytes of each data segment, by name (`#N` when unnamed).
    pub data: Vec<(String, usize)>,
    /// Globals: how many, and the bytes of the global section.
    pub globals: Tally,
    /// Compiled BEAM code by what emitted it: an instruction's name, or a part of every
    /// function in parentheses (measured as lowering emits it, before pruning renumbers).
    pub by_instruction: Vec<(String, Tally)>,
    /// The native layer's static data, when its segment is in the module: (library, C
    /// name, bytes) of each piece (the segment is kept or dropped whole).
    pub native_data: Vec<(String, String, usize)>,
    /// Why the modules that bring the native layer are linked: (module, chain), the chain
    /// from the module's first function linked back to a root.
    pub chains: Vec<(String, Vec<String>)>,
}

/// Measures `wasm`; `origin(i)` says where function `i` (imports included) comes from, and
/// `data_name(i)` names data segment `i` where the name section does not.
pub fn report(wasm: &[u8], origin: &dyn Fn(u32) -> Origin, data_name: &dyn Fn(u32) -> Option<String>) -> Result<Report, Diagnostic> {
    let err = |e: wasmparser::BinaryReaderError| Diagnostic::error(format!("internal: measuring the module: {e}"));
    let mut r = Report { total: wasm.len(), ..Report::default() };
    let mut imported = 0u32;
    let mut body = 0u32;
    let mut data: Vec<usize> = Vec::new();
    let mut data_names: BTreeMap<u32, String> = BTreeMap::new();
    r.sections = sections(wasm).ok_or_else(|| Diagnostic::error("internal: measuring the module: a malformed section"))?;
    for payload in Parser::new(0).parse_all(wasm) {
        let payload = payload.map_err(err)?;
        match payload {
            Payload::ImportSection(s) => {
                for group in s {
                    for imp in group.map_err(err)? {
                        let (_, imp) = imp.map_err(err)?;
                        if matches!(imp.ty, wasmparser::TypeRef::Func(_) | wasmparser::TypeRef::FuncExact(_)) {
                            imported += 1;
                        }
                    }
                }
            }
            Payload::GlobalSection(s) => r.globals.count += s.count() as usize,
            Payload::CodeSectionEntry(b) => {
                let range = b.range();
                // The body's size field precedes its range.
                let bytes = range.len() + leb_len(range.len() as u64);
                r.code.entry(origin(imported + body)).or_default().add(bytes);
                body += 1;
            }
            Payload::DataSection(s) => {
                for d in s {
                    data.push(d.map_err(err)?.data.len());
                }
            }
            Payload::CustomSection(c) => {
                if let KnownCustom::Name(names) = c.as_known() {
                    for n in names {
                        if let Name::Data(m) = n.map_err(err)? {
                            for e in m {
                                let e = e.map_err(err)?;
                                data_names.insert(e.index, e.name.to_string());
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    r.globals.bytes = r.sections.iter().filter(|(n, _)| n == "global").map(|(_, b)| b).sum();
    r.data = data
        .into_iter()
        .enumerate()
        .map(|(i, bytes)| {
            let name = data_names.get(&(i as u32)).cloned().or_else(|| data_name(i as u32));
            (name.unwrap_or_else(|| format!("#{i}")), bytes)
        })
        .collect();
    Ok(r)
}

/// Each section's name and bytes, its id and size fields included.
fn sections(wasm: &[u8]) -> Option<Vec<(String, usize)>> {
    let mut out = Vec::new();
    let mut at = 8usize;
    while at < wasm.len() {
        let id = *wasm.get(at)?;
        let (size, len) = read_leb(wasm.get(at + 1..)?)?;
        let start = at + 1 + len;
        let end = start.checked_add(size)?;
        let name = if id == 0 {
            let body = wasm.get(start..end)?;
            let (nlen, l) = read_leb(body)?;
            format!("custom {}", String::from_utf8_lossy(body.get(l..l + nlen)?))
        } else {
            section_name(id).to_string()
        };
        out.push((name, end - at));
        at = end;
    }
    Some(out)
}

fn read_leb(b: &[u8]) -> Option<(usize, usize)> {
    let mut v = 0usize;
    for (i, byte) in b.iter().enumerate().take(5) {
        v |= usize::from(byte & 0x7f) << (7 * i);
        if byte & 0x80 == 0 {
            return Some((v, i + 1));
        }
    }
    None
}

fn leb_len(mut v: u64) -> usize {
    let mut n = 1;
    while v >= 0x80 {
        v >>= 7;
        n += 1;
    }
    n
}

fn section_name(id: u8) -> &'static str {
    match id {
        1 => "type",
        2 => "import",
        3 => "function",
        4 => "table",
        5 => "memory",
        6 => "global",
        7 => "export",
        8 => "start",
        9 => "element",
        10 => "code",
        11 => "data",
        12 => "data count",
        13 => "tag",
        _ => "unknown",
    }
}

/// Thousands separated by commas.
fn n(v: usize) -> String {
    let s = v.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// How many BEAM modules the report lists before summing up the rest.
const TOP_MODULES: usize = 30;

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "module: {} bytes", n(self.total))?;
        write!(f, "sections:")?;
        for (name, bytes) in &self.sections {
            write!(f, "  {name} {}", n(*bytes))?;
        }
        writeln!(f)?;
        let group = |pick: &dyn Fn(&Origin) -> Option<String>| -> Vec<(String, Tally)> {
            let mut m: BTreeMap<String, Tally> = BTreeMap::new();
            for (o, t) in &self.code {
                if let Some(k) = pick(o) {
                    let e = m.entry(k).or_default();
                    e.bytes += t.bytes;
                    e.count += t.count;
                }
            }
            let mut v: Vec<(String, Tally)> = m.into_iter().collect();
            v.sort_by(|a, b| b.1.bytes.cmp(&a.1.bytes).then_with(|| a.0.cmp(&b.0)));
            v
        };
        let parts: [(&str, Vec<(String, Tally)>); 3] = [
            (
                "BEAM module",
                group(&|o| match o {
                    Origin::Beam(m) => Some(m.clone()),
                    _ => None,
                }),
            ),
            (
                "runtime file",
                group(&|o| match o {
                    Origin::Runtime(m) => Some(m.clone()),
                    _ => None,
                }),
            ),
            (
                "generated for the program",
                group(&|o| match o {
                    Origin::Generated(m) => Some(m.clone()),
                    _ => None,
                }),
            ),
        ];
        for (title, rows) in parts {
            let total: usize = rows.iter().map(|(_, t)| t.bytes).sum();
            let count: usize = rows.iter().map(|(_, t)| t.count).sum();
            let title = if title.starts_with("generated") { title.to_string() } else { format!("by {title}") };
            writeln!(f, "code {title}: {} bytes in {} functions", n(total), n(count))?;
            let shown = if title == "BEAM module" { TOP_MODULES } else { usize::MAX };
            for (name, t) in rows.iter().take(shown) {
                writeln!(f, "  {:>10}  {:>5}  {name}", n(t.bytes), n(t.count))?;
            }
            if rows.len() > shown {
                let rest = rows.get(shown..).unwrap_or_default();
                let bytes: usize = rest.iter().map(|(_, t)| t.bytes).sum();
                let count: usize = rest.iter().map(|(_, t)| t.count).sum();
                writeln!(f, "  {:>10}  {:>5}  ({} other modules)", n(bytes), n(count), rest.len())?;
            }
        }
        if !self.by_instruction.is_empty() {
            let total: usize = self.by_instruction.iter().map(|(_, t)| t.bytes).sum();
            writeln!(f, "compiled code by BEAM instruction: {} bytes (bytes, times, bytes each)", n(total))?;
            let mut rows = self.by_instruction.clone();
            rows.sort_by(|a, b| b.1.bytes.cmp(&a.1.bytes).then_with(|| a.0.cmp(&b.0)));
            for (name, t) in rows.iter().filter(|(_, t)| t.bytes > 0) {
                let each = t.bytes as f64 / t.count.max(1) as f64;
                writeln!(f, "  {:>10}  {:>7}  {each:>7.1}  {name}", n(t.bytes), n(t.count))?;
            }
        }
        writeln!(f, "data segments:")?;
        let mut data = self.data.clone();
        data.sort_by(|a, b| b.1.cmp(&a.1));
        for (name, bytes) in data.iter().filter(|(_, b)| *b > 0) {
            writeln!(f, "  {:>10}  {name}", n(*bytes))?;
        }
        if !self.native_data.is_empty() {
            let mut by_lib: BTreeMap<&str, (usize, Vec<(&str, usize)>)> = BTreeMap::new();
            for (lib, name, bytes) in &self.native_data {
                let e = by_lib.entry(lib.as_str()).or_default();
                e.0 += bytes;
                e.1.push((name.as_str(), *bytes));
            }
            let mut rows: Vec<_> = by_lib.into_iter().collect();
            rows.sort_by(|a, b| b.1.0.cmp(&a.1.0).then_with(|| a.0.cmp(b.0)));
            writeln!(f, "native static data by library (before alignment):")?;
            for (lib, (bytes, mut items)) in rows {
                items.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
                let top: Vec<String> = items.iter().take(4).map(|(name, b)| format!("{name} {}", n(*b))).collect();
                writeln!(f, "  {:>10}  {lib}: {}", n(bytes), top.join(", "))?;
            }
        }
        writeln!(f, "globals: {} in {} bytes", n(self.globals.count), n(self.globals.bytes))?;
        for (module, chain) in &self.chains {
            writeln!(f, "why {module} is linked (BEAMWASM_LINK_WHY=M:F/A traces any function):")?;
            for (i, step) in chain.iter().enumerate() {
                writeln!(f, "  {}{step}", if i == 0 { "" } else { "<- " })?;
            }
        }
        Ok(())
    }
}
