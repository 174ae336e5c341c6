//! Assembles the final module: the runtime's sections, re-encoded unchanged except for the
//! hook functions and hook data segments the compiler fills in, followed by everything the
//! compiler generated (types, functions, globals, element declarations, names).

use crate::HashMap;

use wasm_encoder::reencode::{Reencode, RoundtripReencoder};
use wasm_encoder::{
    CodeSection, DataCountSection, DataSection, ElementSection, Elements, ExportSection, Function, FunctionSection,
    GlobalSection, ImportSection, MemorySection, Module, NameMap, NameSection, StartSection, TableSection, TagSection,
    TypeSection,
};
use wasmparser::{KnownCustom, Name, Parser, Payload};

use crate::codegen::Codegen;
use crate::diagnostic::Diagnostic;

fn err(e: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::error(format!("assembling the module: {e}"))
}

/// The runtime's names, kept to merge with the generated ones.
#[derive(Default)]
struct Names {
    funcs: Vec<(u32, String)>,
    globals: Vec<(u32, String)>,
    types: Vec<(u32, String)>,
    tags: Vec<(u32, String)>,
    data: Vec<(u32, String)>,
}

/// Builds the module bytes.
pub fn assemble(cg: &Codegen, runtime: &[u8], exports_keep: &dyn Fn(&str) -> bool) -> Result<Vec<u8>, Diagnostic> {
    let mut re = RoundtripReencoder;
    let mut types = TypeSection::new();
    let mut imports = ImportSection::new();
    let mut funcs = FunctionSection::new();
    let mut tables = TableSection::new();
    let mut memories = MemorySection::new();
    let mut tags = TagSection::new();
    let mut globals = GlobalSection::new();
    let mut exports = ExportSection::new();
    let mut start: Option<u32> = None;
    let mut elements = ElementSection::new();
    let mut data_count: Option<u32> = None;
    let mut code = CodeSection::new();
    let mut data = DataSection::new();
    let mut names = Names::default();
    let mut num_imported_funcs = 0u32;
    let mut body_index = 0u32;

    for payload in Parser::new(0).parse_all(runtime) {
        match payload.map_err(err)? {
            Payload::TypeSection(s) => re.parse_type_section(&mut types, s).map_err(err)?,
            Payload::ImportSection(s) => {
                for imports_group in s.clone() {
                    for imp in imports_group.map_err(err)? {
                        let (_, imp) = imp.map_err(err)?;
                        if matches!(imp.ty, wasmparser::TypeRef::Func(_)) {
                            num_imported_funcs += 1;
                        }
                    }
                }
                re.parse_import_section(&mut imports, s).map_err(err)?
            }
            Payload::FunctionSection(s) => re.parse_function_section(&mut funcs, s).map_err(err)?,
            Payload::TableSection(s) => re.parse_table_section(&mut tables, s).map_err(err)?,
            Payload::MemorySection(s) => re.parse_memory_section(&mut memories, s).map_err(err)?,
            Payload::TagSection(s) => re.parse_tag_section(&mut tags, s).map_err(err)?,
            Payload::GlobalSection(s) => re.parse_global_section(&mut globals, s).map_err(err)?,
            Payload::ExportSection(s) => {
                for e in s {
                    let e = e.map_err(err)?;
                    if exports_keep(e.name) {
                        re.parse_export(&mut exports, e).map_err(err)?;
                    }
                }
            }
            Payload::StartSection { func, .. } => start = Some(func),
            Payload::ElementSection(s) => re.parse_element_section(&mut elements, s).map_err(err)?,
            Payload::DataCountSection { count, .. } => data_count = Some(count),
            Payload::CodeSectionEntry(body) => {
                let idx = num_imported_funcs + body_index;
                body_index += 1;
                match cg.hooks.get(&idx) {
                    Some((locals, instrs)) => code.function(&function(locals, instrs)),
                    None => {
                        re.parse_function_body(&mut code, body).map_err(err)?;
                        &mut code
                    }
                };
            }
            Payload::DataSection(s) => {
                for (i, d) in s.into_iter().enumerate() {
                    let d = d.map_err(err)?;
                    match (cg.data.get(&(i as u32)), &d.kind) {
                        (Some(bytes), wasmparser::DataKind::Passive) => {
                            data.passive(bytes.iter().copied());
                        }
                        _ => re.parse_data(&mut data, d).map_err(err)?,
                    }
                }
            }
            Payload::CustomSection(c) => {
                if let KnownCustom::Name(reader) = c.as_known() {
                    for n in reader {
                        collect_names(n.map_err(err)?, &mut names).map_err(err)?;
                    }
                }
            }
            _ => {}
        }
    }

    // Generated types, functions, globals.
    for t in cg.new_types() {
        types.ty().subtype(t);
    }
    for f in &cg.funcs {
        funcs.function(f.ty);
    }
    for g in &cg.globals {
        globals.global(g.ty, &g.init);
    }
    for (i, f) in cg.funcs.iter().enumerate() {
        let Some((locals, instrs)) = &f.body else {
            return Err(Diagnostic::error(format!("internal: generated function {} (#{i}) has no body", f.name)));
        };
        code.function(&function(locals, instrs));
    }
    let declared: Vec<u32> = cg.declared.iter().copied().collect();
    if !declared.is_empty() {
        elements.declared(Elements::Functions(declared.into()));
    }

    // Names.
    let mut fnames = NameMap::new();
    let mut all_funcs: Vec<(u32, String)> = names.funcs;
    for (i, f) in cg.funcs.iter().enumerate() {
        all_funcs.push((cg.rt.num_funcs + i as u32, f.name.clone()));
    }
    all_funcs.sort_by_key(|(i, _)| *i);
    for (i, n) in &all_funcs {
        fnames.append(*i, n);
    }
    let mut gnames = NameMap::new();
    let mut all_globals = names.globals;
    for (i, g) in cg.globals.iter().enumerate() {
        all_globals.push((cg.rt.num_globals + i as u32, g.name.clone()));
    }
    all_globals.sort_by_key(|(i, _)| *i);
    for (i, n) in &all_globals {
        gnames.append(*i, n);
    }
    let mut name_sec = NameSection::new();
    name_sec.module("beamwasm");
    name_sec.functions(&fnames);
    name_sec.types(&name_map(&names.types));
    name_sec.globals(&gnames);
    name_sec.tags(&name_map(&names.tags));
    name_sec.data(&name_map(&names.data));

    let mut module = Module::new();
    module.section(&types).section(&imports).section(&funcs).section(&tables).section(&memories).section(&tags);
    module.section(&globals).section(&exports);
    if let Some(s) = start {
        module.section(&StartSection { function_index: s });
    }
    module.section(&elements);
    if let Some(count) = data_count {
        module.section(&DataCountSection { count });
    }
    module.section(&code).section(&data).section(&name_sec);
    Ok(module.finish())
}

fn function(locals: &[wasm_encoder::ValType], instrs: &[u8]) -> Function {
    let mut f = Function::new_with_locals_types(locals.iter().copied());
    f.raw(instrs.iter().copied());
    f
}

fn name_map(v: &[(u32, String)]) -> NameMap {
    let mut sorted: Vec<&(u32, String)> = v.iter().collect();
    sorted.sort_by_key(|(i, _)| *i);
    let mut m = NameMap::new();
    for (i, n) in sorted {
        m.append(*i, n);
    }
    m
}

fn collect_names(n: Name<'_>, out: &mut Names) -> Result<(), wasmparser::BinaryReaderError> {
    let read = |m: wasmparser::NameMap<'_>| -> Result<Vec<(u32, String)>, wasmparser::BinaryReaderError> {
        m.into_iter().map(|n| n.map(|n| (n.index, n.name.to_string()))).collect()
    };
    match n {
        Name::Function(m) => out.funcs = read(m)?,
        Name::Global(m) => out.globals = read(m)?,
        Name::Type(m) => out.types = read(m)?,
        Name::Tag(m) => out.tags = read(m)?,
        Name::Data(m) => out.data = read(m)?,
        _ => {}
    }
    Ok(())
}

/// Runtime function indices by name, for the hooks.
pub fn hook_index(cg: &Codegen, name: &str) -> Result<u32, Diagnostic> {
    cg.rt.func(name)
}

/// Unused: keeps the map type in scope for future hook tables.
pub type HookBodies = HashMap<u32, (Vec<wasm_encoder::ValType>, Vec<u8>)>;

/// `wasm` with passive data segment `index` holding `bytes`; every other section is copied
/// as it is. The data section follows the code, so no code offset moves.
pub fn set_passive_data(wasm: &[u8], index: u32, bytes: &[u8]) -> Result<Vec<u8>, Diagnostic> {
    let mut re = RoundtripReencoder;
    let mut module = Module::new();
    for payload in Parser::new(0).parse_all(wasm) {
        let payload = payload.map_err(err)?;
        match &payload {
            Payload::DataSection(s) => {
                let mut data = DataSection::new();
                for (i, d) in s.clone().into_iter().enumerate() {
                    let d = d.map_err(err)?;
                    if i as u32 == index && matches!(d.kind, wasmparser::DataKind::Passive) {
                        data.passive(bytes.iter().copied());
                    } else {
                        re.parse_data(&mut data, d).map_err(err)?;
                    }
                }
                module.section(&data);
            }
            Payload::Version { .. } | Payload::End(_) => {}
            other => {
                if let Some((id, range)) = other.as_section() {
                    module.section(&wasm_encoder::RawSection { id, data: wasm.get(range).ok_or_else(|| err("section range"))? });
                }
            }
        }
    }
    Ok(module.finish())
}

/// `wasm` without its custom sections named `name`; every other section is copied as it is.
pub fn without_custom_section(wasm: &[u8], name: &str) -> Result<Vec<u8>, Diagnostic> {
    let mut module = Module::new();
    for payload in Parser::new(0).parse_all(wasm) {
        let payload = payload.map_err(err)?;
        if let Payload::CustomSection(c) = &payload {
            if c.name() == name {
                continue;
            }
        }
        if let Some((id, range)) = payload.as_section() {
            module.section(&wasm_encoder::RawSection { id, data: wasm.get(range).ok_or_else(|| err("section range"))? });
        }
    }
    Ok(module.finish())
}
