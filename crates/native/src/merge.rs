//! Merges the native module (C compiled to wasm32, `build.rs`) into the runtime module, so
//! that the module `crates/runtime/build.rs` produces already holds the C functions as
//! ordinary functions and the program's module imports nothing more than before.
//!
//! Expects a runtime module that declares, by name in its name section:
//! - a memory `native`, the placeholder for the C code's linear memory (its limits are
//!   replaced by the native module's);
//! - a placeholder function `native:NAME` for each native export `NAME` the runtime calls,
//!   with the export's exact signature (its body is replaced by the export's).
//!
//! Guarantees that nothing the runtime defines moves: its types, functions, globals,
//! tables, element and data segments keep their indices, the placeholders included (the
//! compiler finds them by name and appends after them). The native module's types,
//! functions other than the placeholders' bodies, globals, tables, element and data
//! segments are appended after the runtime's, renumbered, and named in the name section
//! (`native:` and the C name). The native exports are not exported: the C code is reached
//! only through the placeholders, so a pass that drops unreachable code can drop it all.
//! A native module with imports, a start function, constructors or more than one memory
//! is refused.

use std::collections::HashMap;

use wasm_encoder::reencode::{Error as ReencodeError, Reencode, RoundtripReencoder};
use wasm_encoder::{
    CodeSection, DataCountSection, DataSection, ElementSection, ExportSection, FunctionSection, GlobalSection,
    ImportSection, IndirectNameMap, MemorySection, Module, NameMap, NameSection, StartSection, TableSection,
    TagSection, TypeSection,
};
use wasmparser::{ExternalKind, KnownCustom, Name, Parser, Payload, TypeRef};

/// An error of the merge, as text (the caller is a build script).
pub type Error = String;

fn err(e: impl std::fmt::Display) -> Error {
    format!("merging the native module: {e}")
}

/// What the native module holds, parsed.
#[derive(Default)]
struct Native<'a> {
    types: Vec<wasmparser::FuncType>,
    func_types: Vec<u32>,
    tables: Vec<wasmparser::Table<'a>>,
    memory: Option<wasmparser::MemoryType>,
    globals: Vec<wasmparser::Global<'a>>,
    exports: HashMap<String, u32>,
    elements: Vec<wasmparser::Element<'a>>,
    data: Vec<wasmparser::Data<'a>>,
    bodies: Vec<wasmparser::FunctionBody<'a>>,
    func_names: HashMap<u32, String>,
    global_names: HashMap<u32, String>,
    data_names: HashMap<u32, String>,
}

fn parse_native(bytes: &[u8]) -> Result<Native<'_>, Error> {
    let mut n = Native::default();
    for payload in Parser::new(0).parse_all(bytes) {
        match payload.map_err(err)? {
            Payload::TypeSection(s) => {
                for ty in s.into_iter_err_on_gc_types() {
                    n.types.push(ty.map_err(err)?);
                }
            }
            Payload::ImportSection(s) => {
                if s.count() > 0 {
                    return Err(err("the native module imports from its host; it must import nothing"));
                }
            }
            Payload::FunctionSection(s) => {
                for f in s {
                    n.func_types.push(f.map_err(err)?);
                }
            }
            Payload::TableSection(s) => {
                for t in s {
                    n.tables.push(t.map_err(err)?);
                }
            }
            Payload::MemorySection(s) => {
                for m in s {
                    if n.memory.replace(m.map_err(err)?).is_some() {
                        return Err(err("the native module has more than one memory"));
                    }
                }
            }
            Payload::GlobalSection(s) => {
                for g in s {
                    n.globals.push(g.map_err(err)?);
                }
            }
            Payload::ExportSection(s) => {
                for e in s {
                    let e = e.map_err(err)?;
                    if e.kind == ExternalKind::Func {
                        n.exports.insert(e.name.to_string(), e.index);
                    }
                }
            }
            Payload::StartSection { .. } => return Err(err("the native module has a start function")),
            Payload::ElementSection(s) => {
                for e in s {
                    n.elements.push(e.map_err(err)?);
                }
            }
            Payload::DataSection(s) => {
                for d in s {
                    n.data.push(d.map_err(err)?);
                }
            }
            Payload::CodeSectionEntry(body) => n.bodies.push(body),
            Payload::CustomSection(c) => {
                if let KnownCustom::Name(reader) = c.as_known() {
                    for name in reader {
                        match name.map_err(err)? {
                            Name::Function(m) => n.func_names = name_map(m)?,
                            Name::Global(m) => n.global_names = name_map(m)?,
                            Name::Data(m) => n.data_names = name_map(m)?,
                            _ => {}
                        }
                    }
                }
            }
            _ => {}
        }
    }
    if n.memory.is_none() {
        return Err(err("the native module has no memory"));
    }
    check_no_constructors(&n)?;
    Ok(n)
}

fn name_map(m: wasmparser::NameMap<'_>) -> Result<HashMap<u32, String>, Error> {
    m.into_iter().map(|n| n.map(|n| (n.index, n.name.to_string())).map_err(err)).collect()
}

/// A reactor's `_initialize` runs the C constructors; the merged module never calls it, so
/// it must have nothing to do: only calls of functions that have nothing to do.
fn check_no_constructors(n: &Native<'_>) -> Result<(), Error> {
    fn empty(n: &Native<'_>, f: u32, depth: u32) -> Result<bool, Error> {
        let Some(body) = n.bodies.get(f as usize) else { return Ok(false) };
        if depth > 8 {
            return Ok(false);
        }
        let mut ops = body.get_operators_reader().map_err(err)?;
        while !ops.eof() {
            match ops.read().map_err(err)? {
                wasmparser::Operator::End => {}
                wasmparser::Operator::Call { function_index } => {
                    if !empty(n, function_index, depth + 1)? {
                        return Ok(false);
                    }
                }
                _ => return Ok(false),
            }
        }
        Ok(true)
    }
    match n.exports.get("_initialize") {
        Some(&f) if !empty(n, f, 0)? => Err(err("the native module has constructors (_initialize does work)")),
        _ => Ok(()),
    }
}

/// The runtime's index spaces and names, as far as the merge needs them.
#[derive(Default)]
struct RuntimeInfo {
    types: u32,
    imported_funcs: u32,
    defined_funcs: u32,
    globals: u32,
    tables: u32,
    elements: u32,
    data: u32,
    func_names: HashMap<String, u32>,
    memory_names: HashMap<String, u32>,
    func_types: Vec<u32>,
    func_type_sigs: Vec<Option<wasmparser::FuncType>>,
}

fn scan_runtime(bytes: &[u8]) -> Result<RuntimeInfo, Error> {
    let mut r = RuntimeInfo::default();
    let mut imported_types: Vec<u32> = Vec::new();
    for payload in Parser::new(0).parse_all(bytes) {
        match payload.map_err(err)? {
            Payload::TypeSection(s) => {
                for group in s {
                    for sub in group.map_err(err)?.into_types() {
                        r.types += 1;
                        r.func_type_sigs.push(match sub.composite_type.inner {
                            wasmparser::CompositeInnerType::Func(f) => Some(f),
                            _ => None,
                        });
                    }
                }
            }
            Payload::ImportSection(s) => {
                for group in s {
                    for imp in group.map_err(err)? {
                        let (_, imp) = imp.map_err(err)?;
                        match imp.ty {
                            TypeRef::Func(t) | TypeRef::FuncExact(t) => {
                                r.imported_funcs += 1;
                                imported_types.push(t);
                            }
                            TypeRef::Global(_) => r.globals += 1,
                            TypeRef::Table(_) => r.tables += 1,
                            _ => {}
                        }
                    }
                }
            }
            Payload::FunctionSection(s) => {
                for f in s {
                    r.func_types.push(f.map_err(err)?);
                    r.defined_funcs += 1;
                }
            }
            Payload::TableSection(s) => r.tables += s.count(),
            Payload::GlobalSection(s) => r.globals += s.count(),
            Payload::ElementSection(s) => r.elements += s.count(),
            Payload::DataSection(s) => r.data += s.count(),
            Payload::CustomSection(c) => {
                if let KnownCustom::Name(reader) = c.as_known() {
                    for name in reader {
                        match name.map_err(err)? {
                            Name::Function(m) => {
                                r.func_names = name_map(m)?.into_iter().map(|(i, n)| (n, i)).collect();
                            }
                            Name::Memory(m) => {
                                r.memory_names = name_map(m)?.into_iter().map(|(i, n)| (n, i)).collect();
                            }
                            _ => {}
                        }
                    }
                }
            }
            _ => {}
        }
    }
    imported_types.extend(r.func_types.drain(..));
    r.func_types = imported_types;
    Ok(r)
}

/// Renumbers the native module's indices into the merged module's.
struct Renumber {
    types: u32,
    funcs: Vec<u32>,
    globals: u32,
    memory: u32,
    tables: u32,
    elements: u32,
    data: u32,
}

impl Reencode for Renumber {
    type Error = std::convert::Infallible;

    fn type_index(&mut self, ty: u32) -> Result<u32, ReencodeError<Self::Error>> {
        Ok(self.types + ty)
    }
    fn function_index(&mut self, func: u32) -> Result<u32, ReencodeError<Self::Error>> {
        Ok(self.funcs.get(func as usize).copied().unwrap_or(u32::MAX))
    }
    fn global_index(&mut self, global: u32) -> Result<u32, ReencodeError<Self::Error>> {
        Ok(self.globals + global)
    }
    fn memory_index(&mut self, _memory: u32) -> Result<u32, ReencodeError<Self::Error>> {
        Ok(self.memory)
    }
    fn table_index(&mut self, table: u32) -> Result<u32, ReencodeError<Self::Error>> {
        Ok(self.tables + table)
    }
    fn element_index(&mut self, element: u32) -> Result<u32, ReencodeError<Self::Error>> {
        Ok(self.elements + element)
    }
    fn data_index(&mut self, data: u32) -> Result<u32, ReencodeError<Self::Error>> {
        Ok(self.data + data)
    }
}

/// The placeholder function name for native export `name`.
pub fn placeholder(name: &str) -> String {
    format!("native:{name}")
}

/// The runtime module with the native module merged in (see the module documentation).
pub fn merge(runtime: &[u8], native: &[u8]) -> Result<Vec<u8>, Error> {
    let n = parse_native(native)?;
    let r = scan_runtime(runtime)?;
    let memory = *r.memory_names.get("native").ok_or_else(|| err("the runtime declares no memory named `native`"))?;

    // Where each native function goes: a placeholder's slot, or appended.
    let mut funcs = vec![u32::MAX; n.func_types.len()];
    let mut placed: HashMap<u32, u32> = HashMap::new(); // runtime placeholder index -> native function
    for (name, &f) in &n.exports {
        let Some(&slot) = r.func_names.get(&placeholder(name)) else { continue };
        if slot < r.imported_funcs {
            return Err(err(format!("the placeholder {} is an import", placeholder(name))));
        }
        let want = n.types.get(n.func_types.get(f as usize).copied().unwrap_or(u32::MAX) as usize);
        let have = r.func_types.get(slot as usize).and_then(|&t| r.func_type_sigs.get(t as usize)).cloned().flatten();
        if want != have.as_ref() {
            return Err(err(format!("{} does not have the signature of the native export {name}", placeholder(name))));
        }
        if let Some(slot_f) = funcs.get_mut(f as usize) {
            *slot_f = slot;
        }
        placed.insert(slot, f);
    }
    for (name, &idx) in &r.func_names {
        if name.starts_with("native:") && !placed.contains_key(&idx) {
            return Err(err(format!("the runtime's placeholder {name} names no native export")));
        }
    }
    let mut appended: Vec<u32> = Vec::new(); // native functions appended, in order
    let first_appended = r.imported_funcs + r.defined_funcs;
    for (f, slot) in funcs.iter_mut().enumerate() {
        if *slot == u32::MAX {
            *slot = first_appended + appended.len() as u32;
            appended.push(f as u32);
        }
    }
    let mut rn = Renumber {
        types: r.types,
        funcs,
        globals: r.globals,
        memory,
        tables: r.tables,
        elements: r.elements,
        data: r.data,
    };

    let mut re = RoundtripReencoder;
    let mut types = TypeSection::new();
    let mut imports = ImportSection::new();
    let mut functions = FunctionSection::new();
    let mut tables = TableSection::new();
    let mut memories = MemorySection::new();
    let mut tags = TagSection::new();
    let mut globals = GlobalSection::new();
    let mut exports = ExportSection::new();
    let mut start = None;
    let mut elements = ElementSection::new();
    let mut data_count = None;
    let mut code = CodeSection::new();
    let mut data = DataSection::new();
    let mut names = NameSection::new();
    let mut body_index = 0u32;
    let mut memory_index = 0u32;
    let mut name_section_seen = false;

    for payload in Parser::new(0).parse_all(runtime) {
        match payload.map_err(err)? {
            Payload::TypeSection(s) => re.parse_type_section(&mut types, s).map_err(err)?,
            Payload::ImportSection(s) => {
                for group in s.clone() {
                    for imp in group.map_err(err)? {
                        if let TypeRef::Memory(_) = imp.map_err(err)?.1.ty {
                            memory_index += 1;
                        }
                    }
                }
                re.parse_import_section(&mut imports, s).map_err(err)?
            }
            Payload::FunctionSection(s) => re.parse_function_section(&mut functions, s).map_err(err)?,
            Payload::TableSection(s) => re.parse_table_section(&mut tables, s).map_err(err)?,
            Payload::MemorySection(s) => {
                for m in s {
                    let m = m.map_err(err)?;
                    let m = if memory_index == memory { n.memory.unwrap_or(m) } else { m };
                    memories.memory(re.memory_type(m).map_err(err)?);
                    memory_index += 1;
                }
            }
            Payload::TagSection(s) => re.parse_tag_section(&mut tags, s).map_err(err)?,
            Payload::GlobalSection(s) => re.parse_global_section(&mut globals, s).map_err(err)?,
            Payload::ExportSection(s) => re.parse_export_section(&mut exports, s).map_err(err)?,
            Payload::StartSection { func, .. } => start = Some(func),
            Payload::ElementSection(s) => re.parse_element_section(&mut elements, s).map_err(err)?,
            Payload::DataCountSection { count, .. } => data_count = Some(count),
            Payload::CodeSectionEntry(body) => {
                let idx = r.imported_funcs + body_index;
                body_index += 1;
                match placed.get(&idx).and_then(|&f| n.bodies.get(f as usize)) {
                    Some(native_body) => rn.parse_function_body(&mut code, native_body.clone()).map_err(err)?,
                    None => {
                        code.raw(body.as_bytes());
                    }
                }
            }
            Payload::DataSection(s) => re.parse_data_section(&mut data, s).map_err(err)?,
            Payload::CustomSection(c) => {
                if let KnownCustom::Name(reader) = c.as_known() {
                    name_section_seen = true;
                    merge_names(&mut names, reader, &n, &rn, &appended, &placed)?;
                }
            }
            _ => {}
        }
    }
    if !name_section_seen {
        return Err(err("the runtime module has no name section"));
    }

    // The native module's parts, appended.
    for t in &n.types {
        types.ty().function(
            t.params().iter().map(|&v| re.val_type(v)).collect::<Result<Vec<_>, _>>().map_err(err)?,
            t.results().iter().map(|&v| re.val_type(v)).collect::<Result<Vec<_>, _>>().map_err(err)?,
        );
    }
    for &f in &appended {
        let ty = n.func_types.get(f as usize).copied().ok_or_else(|| err("function without a type"))?;
        functions.function(rn.types + ty);
    }
    for t in &n.tables {
        rn.parse_table(&mut tables, t.clone()).map_err(err)?;
    }
    for g in &n.globals {
        rn.parse_global(&mut globals, g.clone()).map_err(err)?;
    }
    for e in &n.elements {
        rn.parse_element(&mut elements, e.clone()).map_err(err)?;
    }
    for &f in &appended {
        let body = n.bodies.get(f as usize).ok_or_else(|| err("function without a body"))?;
        rn.parse_function_body(&mut code, body.clone()).map_err(err)?;
    }
    for d in &n.data {
        rn.parse_data(&mut data, d.clone()).map_err(err)?;
    }
    let data_total = r.data + n.data.len() as u32;
    if data_count.is_some() || !n.data.is_empty() {
        data_count = Some(data_total);
    }

    let mut module = Module::new();
    module.section(&types).section(&imports).section(&functions).section(&tables).section(&memories).section(&tags);
    module.section(&globals).section(&exports);
    if let Some(s) = start {
        module.section(&StartSection { function_index: s });
    }
    module.section(&elements);
    if let Some(count) = data_count {
        module.section(&DataCountSection { count });
    }
    module.section(&code).section(&data).section(&names);
    Ok(module.finish())
}

/// The runtime's name section with the native module's functions, globals and data
/// segments added (`native:` and their C names).
fn merge_names(
    out: &mut NameSection,
    reader: wasmparser::NameSectionReader<'_>,
    n: &Native<'_>,
    rn: &Renumber,
    appended: &[u32],
    placed: &HashMap<u32, u32>,
) -> Result<(), Error> {
    let read = |m: wasmparser::NameMap<'_>| -> Result<Vec<(u32, String)>, Error> {
        m.into_iter().map(|x| x.map(|x| (x.index, x.name.to_string())).map_err(err)).collect()
    };
    let write = |v: &mut Vec<(u32, String)>| -> NameMap {
        v.sort_by_key(|(i, _)| *i);
        let mut m = NameMap::new();
        for (i, s) in v.iter() {
            m.append(*i, s);
        }
        m
    };
    let native_name = |map: &HashMap<u32, String>, i: u32, kind: &str| match map.get(&i) {
        Some(s) => format!("native:{s}"),
        None => format!("native:{kind}{i}"),
    };
    for name in reader {
        match name.map_err(err)? {
            Name::Module { name, .. } => out.module(name),
            Name::Function(m) => {
                let mut v = read(m)?;
                for &f in appended {
                    let idx = rn.funcs.get(f as usize).copied().unwrap_or(u32::MAX);
                    v.push((idx, native_name(&n.func_names, f, "func")));
                }
                out.functions(&write(&mut v));
            }
            Name::Local(m) => {
                // Local names of functions whose bodies stay the runtime's.
                let mut locals = IndirectNameMap::new();
                let mut entries: Vec<(u32, NameMap)> = Vec::new();
                for f in m {
                    let f = f.map_err(err)?;
                    if placed.contains_key(&f.index) {
                        continue;
                    }
                    let mut v = read(f.names)?;
                    entries.push((f.index, write(&mut v)));
                }
                entries.sort_by_key(|(i, _)| *i);
                for (i, map) in &entries {
                    locals.append(*i, map);
                }
                out.locals(&locals);
            }
            Name::Type(m) => out.types(&write(&mut read(m)?)),
            Name::Table(m) => out.tables(&write(&mut read(m)?)),
            Name::Memory(m) => out.memories(&write(&mut read(m)?)),
            Name::Global(m) => {
                let mut v = read(m)?;
                for g in 0..n.globals.len() as u32 {
                    v.push((rn.globals + g, native_name(&n.global_names, g, "global")));
                }
                out.globals(&write(&mut v));
            }
            Name::Element(m) => out.elements(&write(&mut read(m)?)),
            Name::Data(m) => {
                let mut v = read(m)?;
                for d in 0..n.data.len() as u32 {
                    v.push((rn.data + d, native_name(&n.data_names, d, "data")));
                }
                out.data(&write(&mut v));
            }
            Name::Field(m) => {
                let mut fields = IndirectNameMap::new();
                for t in m {
                    let t = t.map_err(err)?;
                    let mut v = read(t.names)?;
                    fields.append(t.index, &write(&mut v));
                }
                out.fields(&fields);
            }
            Name::Tag(m) => out.tags(&write(&mut read(m)?)),
            Name::Label(_) | Name::Unknown { .. } => {}
        }
    }
    Ok(())
}
