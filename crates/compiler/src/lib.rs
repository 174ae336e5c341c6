//! The beamwasm compiler core: `.beam` modules in, one WebAssembly module out.
//!
//! The pipeline, one pass per module of this crate:
//! 1. [`link`] computes the program's closure from its entry through a [`ModuleSource`];
//! 2. [`cfg`] and [`structure`] turn each function's labels into structured control flow;
//! 3. [`lower`] lowers each function's instructions to wasm;
//! 4. [`hooks`] generates the program-dependent runtime hooks (dispatch, start-up);
//! 5. [`emit`] appends all of it to the runtime module and the result is validated.
//!
//! The core does no I/O: modules come through [`ModuleSource`], the module goes back as bytes.

pub mod app_link;
pub mod apps;
pub mod argflow;
pub mod bifs;
pub mod cfg;
pub mod codegen;
pub mod codemap;
pub mod diagnostic;
pub mod emit;
pub mod existing_atoms;
pub mod hooks;
pub mod inttables;
pub mod link;
pub mod literals;
mod lower;
pub mod program;
pub mod protocols;
pub mod prune;
pub mod regstate;
pub mod rt;
pub mod size;
pub mod structure;

/// The compiler's hash maps and sets, with a fixed hash function (std's are seeded at
/// random in every process). Iterating one visits its entries in an order that depends
/// only on what was put in, so the same inputs always give the same module, byte for
/// byte: builds are reproducible, and the engine's compiled-module cache can find them.
pub type HashMap<K, V> = rustc_hash::FxHashMap<K, V>;
/// See [`HashMap`].
pub type HashSet<K> = rustc_hash::FxHashSet<K>;

pub use diagnostic::{Diagnostic, Mfa, Severity};
pub use program::ModuleSource;

/// What to compile.
#[derive(Clone, Debug)]
pub struct Options {
    /// The entry function: arity 0, or 1 to receive the argument list.
    pub entry: Mfa,
    /// Further entries, each linked as the first is; the host chooses which one runs when
    /// it starts the module (`bw_entry`, docs/ABI.md *Entries*). Entry 0 is `entry`, entry
    /// `i` is `entries[i - 1]`.
    pub entries: Vec<Mfa>,
    /// What the linker keeps beyond the entry's closure (`--link=complete`, `--keep`,
    /// extra roots).
    pub link: link::LinkOptions,
    /// Whether the module keeps its name section (function, global and data segment
    /// names): debugging and profiling aids that engines do not need to run it.
    pub names: bool,
}

/// The result of a successful compilation.
pub struct Output {
    /// The module.
    pub wasm: Vec<u8>,
    /// Warnings (unsupported BIFs or instructions the program can reach).
    pub warnings: Vec<Diagnostic>,
    /// How many BEAM functions were compiled.
    pub functions: usize,
    /// How many modules they come from.
    pub modules: usize,
    /// The dynamic call sites whose module or function the linker could not determine.
    pub unresolved: Vec<link::Unresolved>,
    /// Where the module's bytes come from.
    pub size: size::Report,
}

/// Serves the runtime's own Erlang modules (the boot process, the I/O server) before
/// asking the program's source.
struct WithOverlay<'a> {
    inner: &'a mut dyn ModuleSource,
}

impl ModuleSource for WithOverlay<'_> {
    fn load(&mut self, name: &str) -> Option<Result<Vec<u8>, String>> {
        if let Some((_, bytes)) = beamwasm_runtime::OVERLAY_MODULES.iter().find(|(n, _)| *n == name) {
            return Some(Ok(bytes.to_vec()));
        }
        self.inner.load(name)
    }

    fn names_with_prefix(&mut self, prefix: &str) -> Vec<String> {
        self.inner.names_with_prefix(prefix)
    }

    fn user_modules(&mut self) -> Vec<String> {
        self.inner.user_modules()
    }

    fn path_modules(&mut self) -> Vec<String> {
        self.inner.path_modules()
    }

    fn app_file(&mut self, name: &str) -> Option<Result<Vec<u8>, String>> {
        self.inner.app_file(name)
    }

    fn app_names(&mut self) -> Vec<String> {
        self.inner.app_names()
    }

    fn lib_dirs(&mut self) -> (String, Vec<(String, String)>) {
        self.inner.lib_dirs()
    }
}

/// Compiles the program that starts at `options.entry`.
pub fn compile(options: &Options, source: &mut dyn ModuleSource) -> Result<Output, Vec<Diagnostic>> {
    let rt = rt::Runtime::read(beamwasm_runtime::RUNTIME_WASM).map_err(|d| vec![d])?;
    let mut overlay = WithOverlay { inner: source };
    let mut link_options = options.link.clone();
    link_options.roots.extend(options.entries.iter().cloned());
    let linked = link::link(&options.entry, &link_options, &rt, &mut overlay)?;
    let mut more_entries = Vec::new();
    for mfa in &options.entries {
        match linked.targets.get(mfa) {
            Some(link::Target::Compiled(f)) => more_entries.push(*f),
            _ => {
                return Err(vec![Diagnostic::error(format!("the entry function {mfa} is not an exported function of the program"))
                    .with_hint("check --entry, and give the module's .beam, its source or its directory as input")])
            }
        }
    }
    let mut cg = codegen::Codegen::new(&rt, &linked);
    cg.more_entries = more_entries;
    let mut errors = Vec::new();
    for &f in &linked.functions {
        if let Err(d) = lower::lower_function(&mut cg, f) {
            errors.push(d);
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    hooks::generate(&mut cg).map_err(|d| vec![d])?;
    let names_seg = rt.data.get("atom_names").copied().ok_or_else(|| vec![Diagnostic::error("the runtime has no atom_names segment")])?;
    let pool_seg = rt.data.get("literal_pool").copied().ok_or_else(|| vec![Diagnostic::error("the runtime has no literal_pool segment")])?;
    let names = atom_names_segment(&cg.atoms.names);
    cg.data.insert(names_seg, names);
    let existing_seg =
        rt.data.get("existing_atoms").copied().ok_or_else(|| vec![Diagnostic::error("the runtime has no existing_atoms segment")])?;
    cg.data.insert(existing_seg, existing_atoms::segment(&cg.atoms.names, &linked.program).map_err(|d| vec![d])?);
    cg.data.insert(pool_seg, cg.literals.segment());
    let tables_seg = rt.data.get("int_tables").copied().ok_or_else(|| vec![Diagnostic::error("the runtime has no int_tables segment")])?;
    cg.data.insert(tables_seg, cg.int_tables.segment());
    let keep = |name: &str| !name.starts_with("test:");
    let assembled = emit::assemble(&cg, beamwasm_runtime::RUNTIME_WASM, &keep).map_err(|d| vec![d])?;
    // Only what the exports and the start function reach stays, the runtime included.
    // Compiled BEAM functions keep their order, which the code map's frame ids rely on.
    let compiled: HashSet<u32> = cg.fn_index.values().copied().collect();
    let pruned = prune::prune(&assembled, &|i| !compiled.contains(&i)).map_err(|d| vec![d])?;
    // The code map needs the code's final offsets; it lives in the data section, which
    // follows the code, so filling it in moves no code.
    let map_seg = rt.data.get("code_map").copied().ok_or_else(|| vec![Diagnostic::error("the runtime has no code_map segment")])?;
    let mut wasm = pruned.wasm.clone();
    if let Some(seg) = pruned.data(map_seg) {
        let lines = codemap::renumber(&cg.lines, |f, off| pruned.offset(f, off));
        let map = codemap::build(&pruned.wasm, &lines).map_err(|d| vec![d])?;
        wasm = emit::set_passive_data(&pruned.wasm, seg, &map).map_err(|d| vec![d])?;
    }
    let mut validator = wasmparser::Validator::new_with_features(wasmparser::WasmFeatures::all());
    if let Err(e) = validator.validate_all(&wasm) {
        let place = function_at(&wasm, e.offset()).map(|(i, name)| format!(" in function #{i} {name}")).unwrap_or_default();
        if let Ok(path) = std::env::var("BEAMWASM_DUMP_INVALID") {
            let _ = std::fs::write(path, &wasm);
        }
        return Err(vec![Diagnostic::error(format!("internal: the generated module does not validate{place}: {e}"))
            .with_hint("this is a compiler bug; please report it with the input")]);
    }
    let data_names: HashMap<u32, &str> =
        rt.data.iter().filter_map(|(name, &old)| Some((pruned.data(old)?, name.as_str()))).collect();
    if !options.names {
        wasm = emit::without_custom_section(&wasm, "name").map_err(|d| vec![d])?;
    }
    entries_section(&mut wasm, options);
    let mut size = size::report(&wasm, &origins(&cg, &pruned), &|i| data_names.get(&i).map(|n| n.to_string()))
        .map_err(|d| vec![d])?;
    size.by_instruction =
        cg.code_bytes.iter().map(|(k, &(count, bytes))| (k.clone(), size::Tally { bytes, count })).collect();
    size.chains = linked.chains.clone();
    if size.data.iter().any(|(name, bytes)| name.starts_with("native:") && *bytes > 0) {
        size.native_data = beamwasm_runtime::NATIVE_DATA.iter().map(|&(l, n, b)| (l.to_string(), n.to_string(), b)).collect();
    }
    let mut warnings = linked.diagnostics.clone();
    warnings.append(&mut cg.diagnostics);
    Ok(Output {
        wasm,
        warnings,
        functions: linked.functions.len(),
        modules: linked.program.modules.len(),
        unresolved: linked.unresolved.clone(),
        size,
    })
}

/// The name of the custom section that lists a module's entries (docs/ABI.md, *Entries*).
pub const ENTRIES_SECTION: &str = "beamwasm.entries";

/// Appends the custom section naming the module's entries, in `bw_entry`'s order: one line
/// `module TAB function TAB arity` each.
fn entries_section(wasm: &mut Vec<u8>, options: &Options) {
    use wasm_encoder::Section;
    let mut text = String::new();
    for mfa in std::iter::once(&options.entry).chain(&options.entries) {
        text.push_str(&format!("{}\t{}\t{}\n", mfa.module, mfa.function, mfa.arity));
    }
    let section = wasm_encoder::CustomSection { name: ENTRIES_SECTION.into(), data: text.as_bytes().into() };
    section.append_to(wasm);
}

/// The entries a module built by [`compile`] holds, from its `beamwasm.entries` section, in
/// `bw_entry`'s order as (module, function, arity); `None` when it has no such section.
pub fn module_entries(wasm: &[u8]) -> Option<Vec<(String, String, u32)>> {
    for payload in wasmparser::Parser::new(0).parse_all(wasm) {
        if let Ok(wasmparser::Payload::CustomSection(c)) = payload
            && c.name() == ENTRIES_SECTION
        {
            let text = std::str::from_utf8(c.data()).ok()?;
            let mut out = Vec::new();
            for line in text.lines() {
                let mut parts = line.split('\t');
                let (Some(m), Some(f), Some(a)) = (parts.next(), parts.next(), parts.next()) else { return None };
                out.push((m.to_string(), f.to_string(), a.parse().ok()?));
            }
            return Some(out);
        }
    }
    None
}

/// Where each function of the pruned module comes from, by its index there.
fn origins(cg: &codegen::Codegen<'_>, pruned: &prune::Pruned) -> impl Fn(u32) -> size::Origin + use<> {
    let files: HashMap<&str, &str> = beamwasm_runtime::FUNCTION_FILES.iter().copied().collect();
    let mut by_index: HashMap<u32, size::Origin> = HashMap::default();
    for (name, &(old, _)) in &cg.rt.funcs {
        let Some(new) = pruned.func(old) else { continue };
        let origin = if cg.hooks.contains_key(&old) {
            size::Origin::Generated("hook bodies".to_string())
        } else {
            size::Origin::Runtime(files.get(name.as_str()).map_or("(unnamed)", |f| f).to_string())
        };
        by_index.insert(new, origin);
    }
    let compiled: HashSet<u32> = cg.fn_index.values().copied().collect();
    for (i, f) in cg.funcs.iter().enumerate() {
        let old = cg.rt.num_funcs + i as u32;
        let Some(new) = pruned.func(old) else { continue };
        let module = f.name.split_once(':').map(|(m, _)| m.to_string());
        let origin = match module {
            Some(m) if compiled.contains(&old) || f.name.contains('#') => size::Origin::Beam(m),
            _ => {
                let kind = f.name.split([':', '/']).next().unwrap_or("");
                size::Origin::Generated(if kind == "raise" { "raise (BIF errors)".to_string() } else { kind.to_string() })
            }
        };
        by_index.insert(new, origin);
    }
    move |i| by_index.get(&i).cloned().unwrap_or_else(|| size::Origin::Runtime("(unnamed)".to_string()))
}

/// The `$atom_names` segment: u32 total length, u32 count, then LEB128 length + UTF-8 name.
fn atom_names_segment(names: &[String]) -> Vec<u8> {
    let mut body = Vec::new();
    for n in names {
        literals::uleb(n.len() as u64, &mut body);
        body.extend_from_slice(n.as_bytes());
    }
    let mut seg = Vec::with_capacity(body.len() + 8);
    seg.extend_from_slice(&((body.len() + 8) as u32).to_le_bytes());
    seg.extend_from_slice(&(names.len() as u32).to_le_bytes());
    seg.extend_from_slice(&body);
    seg
}

/// The index and name of the function whose body contains byte `offset` of `wasm`.
fn function_at(wasm: &[u8], offset: usize) -> Option<(u32, String)> {
    let mut imported = 0u32;
    let mut body = 0u32;
    let mut found = None;
    let mut names = crate::HashMap::default();
    for payload in wasmparser::Parser::new(0).parse_all(wasm) {
        match payload.ok()? {
            wasmparser::Payload::ImportSection(s) => {
                for group in s {
                    for imp in group.ok()? {
                        if matches!(imp.ok()?.1.ty, wasmparser::TypeRef::Func(_)) {
                            imported += 1;
                        }
                    }
                }
            }
            wasmparser::Payload::CodeSectionEntry(b) => {
                if b.range().contains(&offset) {
                    found = Some(imported + body);
                }
                body += 1;
            }
            wasmparser::Payload::CustomSection(c) => {
                if let wasmparser::KnownCustom::Name(r) = c.as_known() {
                    for n in r.into_iter().flatten() {
                        if let wasmparser::Name::Function(m) = n {
                            for e in m.into_iter().flatten() {
                                names.insert(e.index, e.name.to_string());
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    let i = found?;
    Some((i, names.get(&i).cloned().unwrap_or_default()))
}
