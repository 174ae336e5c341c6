//! Dead-code elimination over the assembled module: everything no root can reach is
//! removed and the survivors renumbered.
//!
//! Expects: a valid module (the runtime's sections with the generated code appended, or
//! any other). Its roots are its exports and its start function; whatever the hosts look
//! up must therefore be exported. Guarantees: a valid module with the same exports and
//! behaviour that keeps only the functions, globals, tables, memories, tags, element and
//! data segments, and imports reachable from the roots:
//! - a function, global or tag is reachable when a reachable body or initializer names it;
//! - a table is reachable when named, and then so are its active element segments and the
//!   functions they hold; a memory is reachable when named or exported, and then so are its
//!   active data segments (an active segment cannot be tied to the code that reads its
//!   bytes, so it lives as long as its memory: code in a memory of its own disappears with
//!   its memory);
//! - passive segments are reachable when an instruction names them; declarative element
//!   segments are replaced by one that declares exactly the functions reachable code
//!   takes a `ref.func` of.
//!
//! Functions that `prune`'s caller lets move and that live code calls most get the first
//! 128 indices (one-byte LEB128 in every call); the rest keep their relative order, and so
//! do globals (see `rebuild`). A `local.set` followed by a `local.get` of the same local
//! becomes a `local.tee`, and a `local.tee` just before `return` is dropped.
//!
//! Types are kept as they are (their indices do not move). The name section is rewritten
//! for the new indices; other custom sections, whose meaning may depend on indices, are
//! dropped.
//!
//! Re-encoding a body can change its length (a call's index may need fewer bytes), so
//! [`Pruned::offset`] translates an offset within a function's instructions from the
//! input to the output, for the code map.

use std::convert::Infallible;

use wasm_encoder::reencode::{Error as ReencodeError, Reencode, RoundtripReencoder};
use wasm_encoder::{
    CodeSection, Encode, ConstExpr, DataCountSection, DataSection, ElementMode, ElementSection, ElementSegment, Elements,
    EntityType, ExportKind, ExportSection, Function, FunctionSection, GlobalSection, ImportSection, IndirectNameMap,
    MemorySection, Module, NameMap, NameSection, StartSection, TableSection, TagSection, TypeSection,
};
use wasmparser::{
    DataKind, ElementItems, ElementKind, ExternalKind, FunctionBody, KnownCustom, Name, Parser, Payload, TableInit,
    TypeRef,
};

use crate::diagnostic::Diagnostic;

/// The index spaces the pass renumbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Space {
    Func = 0,
    Global = 1,
    Table = 2,
    Memory = 3,
    Tag = 4,
    Data = 5,
    Elem = 6,
}

const SPACES: usize = 7;
const DROPPED: u32 = u32::MAX;

fn err(e: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::error(format!("internal: pruning the module: {e}"))
}

fn re_err<E: std::fmt::Display>(e: ReencodeError<E>) -> Diagnostic {
    match e {
        ReencodeError::ParseError(p) => err(p),
        other => err(other),
    }
}

/// The module, as read.
#[derive(Default)]
struct Parsed<'a> {
    types: Option<wasmparser::TypeSectionReader<'a>>,
    imports: Vec<wasmparser::Import<'a>>,
    /// Imported entities per space (functions, globals, tables, memories, tags).
    imported: [u32; SPACES],
    funcs: Vec<u32>,
    tables: Vec<wasmparser::Table<'a>>,
    memories: Vec<wasmparser::MemoryType>,
    tags: Vec<wasmparser::TagType>,
    globals: Vec<wasmparser::Global<'a>>,
    exports: Vec<wasmparser::Export<'a>>,
    start: Option<u32>,
    elems: Vec<wasmparser::Element<'a>>,
    data_count: bool,
    bodies: Vec<FunctionBody<'a>>,
    data: Vec<wasmparser::Data<'a>>,
    names: Vec<Name<'a>>,
}

impl<'a> Parsed<'a> {
    fn read(wasm: &'a [u8]) -> Result<Parsed<'a>, Diagnostic> {
        let mut p = Parsed::default();
        for payload in Parser::new(0).parse_all(wasm) {
            match payload.map_err(err)? {
                Payload::TypeSection(s) => p.types = Some(s),
                Payload::ImportSection(s) => {
                    for group in s {
                        for imp in group.map_err(err)? {
                            let (_, imp) = imp.map_err(err)?;
                            let space = match imp.ty {
                                TypeRef::Func(_) | TypeRef::FuncExact(_) => Space::Func,
                                TypeRef::Global(_) => Space::Global,
                                TypeRef::Table(_) => Space::Table,
                                TypeRef::Memory(_) => Space::Memory,
                                TypeRef::Tag(_) => Space::Tag,
                            };
                            p.imported[space as usize] += 1;
                            p.imports.push(imp);
                        }
                    }
                }
                Payload::FunctionSection(s) => {
                    for t in s {
                        p.funcs.push(t.map_err(err)?);
                    }
                }
                Payload::TableSection(s) => {
                    for t in s {
                        p.tables.push(t.map_err(err)?);
                    }
                }
                Payload::MemorySection(s) => {
                    for m in s {
                        p.memories.push(m.map_err(err)?);
                    }
                }
                Payload::TagSection(s) => {
                    for t in s {
                        p.tags.push(t.map_err(err)?);
                    }
                }
                Payload::GlobalSection(s) => {
                    for g in s {
                        p.globals.push(g.map_err(err)?);
                    }
                }
                Payload::ExportSection(s) => {
                    for e in s {
                        p.exports.push(e.map_err(err)?);
                    }
                }
                Payload::StartSection { func, .. } => p.start = Some(func),
                Payload::ElementSection(s) => {
                    for e in s {
                        p.elems.push(e.map_err(err)?);
                    }
                }
                Payload::DataCountSection { .. } => p.data_count = true,
                Payload::CodeSectionEntry(body) => p.bodies.push(body),
                Payload::DataSection(s) => {
                    for d in s {
                        p.data.push(d.map_err(err)?);
                    }
                }
                Payload::CustomSection(c) => {
                    if let KnownCustom::Name(reader) = c.as_known() {
                        for n in reader {
                            p.names.push(n.map_err(err)?);
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(p)
    }

    fn len(&self, space: Space) -> usize {
        let imported = self.imported[space as usize] as usize;
        match space {
            Space::Func => imported + self.funcs.len(),
            Space::Global => imported + self.globals.len(),
            Space::Table => imported + self.tables.len(),
            Space::Memory => imported + self.memories.len(),
            Space::Tag => imported + self.tags.len(),
            Space::Data => self.data.len(),
            Space::Elem => self.elems.len(),
        }
    }
}

/// A reencoder that records every index it is shown and changes nothing.
#[derive(Default)]
struct Collect {
    found: Vec<(Space, u32)>,
    ref_funcs: Vec<u32>,
}

impl Reencode for Collect {
    type Error = Infallible;
    fn function_index(&mut self, i: u32) -> Result<u32, ReencodeError> {
        self.found.push((Space::Func, i));
        Ok(i)
    }
    fn global_index(&mut self, i: u32) -> Result<u32, ReencodeError> {
        self.found.push((Space::Global, i));
        Ok(i)
    }
    fn table_index(&mut self, i: u32) -> Result<u32, ReencodeError> {
        self.found.push((Space::Table, i));
        Ok(i)
    }
    fn memory_index(&mut self, i: u32) -> Result<u32, ReencodeError> {
        self.found.push((Space::Memory, i));
        Ok(i)
    }
    fn tag_index(&mut self, i: u32) -> Result<u32, ReencodeError> {
        self.found.push((Space::Tag, i));
        Ok(i)
    }
    fn data_index(&mut self, i: u32) -> Result<u32, ReencodeError> {
        self.found.push((Space::Data, i));
        Ok(i)
    }
    fn element_index(&mut self, i: u32) -> Result<u32, ReencodeError> {
        self.found.push((Space::Elem, i));
        Ok(i)
    }
}

/// A reencoder that renumbers through the maps the analysis made.
struct Renumber {
    map: [Vec<u32>; SPACES],
}

impl Renumber {
    fn get(&self, space: Space, i: u32) -> Result<u32, ReencodeError<String>> {
        match self.map[space as usize].get(i as usize) {
            Some(&n) if n != DROPPED => Ok(n),
            _ => Err(ReencodeError::UserError(format!("{space:?} {i} is referenced but was not kept"))),
        }
    }
}

impl Reencode for Renumber {
    type Error = String;
    fn function_index(&mut self, i: u32) -> Result<u32, ReencodeError<String>> {
        self.get(Space::Func, i)
    }
    fn global_index(&mut self, i: u32) -> Result<u32, ReencodeError<String>> {
        self.get(Space::Global, i)
    }
    fn table_index(&mut self, i: u32) -> Result<u32, ReencodeError<String>> {
        self.get(Space::Table, i)
    }
    fn memory_index(&mut self, i: u32) -> Result<u32, ReencodeError<String>> {
        self.get(Space::Memory, i)
    }
    fn tag_index(&mut self, i: u32) -> Result<u32, ReencodeError<String>> {
        self.get(Space::Tag, i)
    }
    fn data_index(&mut self, i: u32) -> Result<u32, ReencodeError<String>> {
        self.get(Space::Data, i)
    }
    fn element_index(&mut self, i: u32) -> Result<u32, ReencodeError<String>> {
        self.get(Space::Elem, i)
    }
}

/// The pruned module and how its indices relate to the input's.
pub struct Pruned {
    /// The module.
    pub wasm: Vec<u8>,
    map: [Vec<u32>; SPACES],
    /// Per defined function of the output (in order): where re-encoding changed the length
    /// of its instructions, as (input offset of an instruction's end, output minus input
    /// offset from there on).
    shifts: Vec<Vec<(u32, i32)>>,
    imported_funcs: u32,
    /// Functions removed, and how many there were.
    pub removed_funcs: usize,
    /// How many functions the input had.
    pub input_funcs: usize,
}

impl Pruned {
    /// The output index of input function `i`, if it was kept.
    pub fn func(&self, i: u32) -> Option<u32> {
        self.map[Space::Func as usize].get(i as usize).copied().filter(|&n| n != DROPPED)
    }

    /// The output index of input data segment `i`, if it was kept.
    pub fn data(&self, i: u32) -> Option<u32> {
        self.map[Space::Data as usize].get(i as usize).copied().filter(|&n| n != DROPPED)
    }

    /// Translates `offset` (from the start of input function `func`'s instructions, at an
    /// instruction boundary) to the output's, with the function's output index.
    pub fn offset(&self, func: u32, offset: u32) -> Option<(u32, u32)> {
        let new = self.func(func)?;
        let shifts = new.checked_sub(self.imported_funcs).and_then(|i| self.shifts.get(i as usize))?;
        let delta = match shifts.partition_point(|&(at, _)| at <= offset) {
            0 => 0,
            n => shifts.get(n - 1).map_or(0, |s| s.1),
        };
        Some((new, offset.checked_add_signed(delta)?))
    }
}

/// Removes what the module's exports and start function cannot reach. The most used
/// functions among those `movable` allows get the smallest indices (one-byte LEB128); the
/// others keep their relative order.
pub fn prune(wasm: &[u8], movable: &dyn Fn(u32) -> bool) -> Result<Pruned, Diagnostic> {
    let p = Parsed::read(wasm)?;
    let reach = reachable(&p)?;
    rebuild(&p, &reach, movable)
}

/// What the roots reach, and how many references to each entity live code makes.
struct Reach {
    live: [Vec<bool>; SPACES],
    uses: [Vec<u32>; SPACES],
}

/// Marks what the roots reach.
fn reachable(p: &Parsed<'_>) -> Result<Reach, Diagnostic> {
    let spaces = [Space::Func, Space::Global, Space::Table, Space::Memory, Space::Tag, Space::Data, Space::Elem];
    let mut live: [Vec<bool>; SPACES] = spaces.map(|s| vec![false; p.len(s)]);
    let mut uses: [Vec<u32>; SPACES] = spaces.map(|s| vec![0; p.len(s)]);
    let mut work: Vec<(Space, u32)> = Vec::new();
    for e in &p.exports {
        let space = match e.kind {
            ExternalKind::Func | ExternalKind::FuncExact => Space::Func,
            ExternalKind::Global => Space::Global,
            ExternalKind::Table => Space::Table,
            ExternalKind::Memory => Space::Memory,
            ExternalKind::Tag => Space::Tag,
        };
        work.push((space, e.index));
    }
    if let Some(s) = p.start {
        work.push((Space::Func, s));
    }
    // Declarative segments only declare; an element index naming one still keeps it.
    let mut c = Collect::default();
    while let Some((space, i)) = work.pop() {
        let Some(flag) = live[space as usize].get_mut(i as usize) else {
            return Err(err(format!("{space:?} index {i} is out of range")));
        };
        if *flag {
            continue;
        }
        *flag = true;
        let imported = p.imported[space as usize];
        let defined = i.checked_sub(imported).map(|d| d as usize);
        match space {
            Space::Func => {
                if let Some(body) = defined.and_then(|d| p.bodies.get(d)) {
                    let mut ops = body.get_operators_reader().map_err(err)?;
                    while !ops.eof() {
                        let op = ops.read().map_err(err)?;
                        if let wasmparser::Operator::RefFunc { function_index } = op {
                            c.ref_funcs.push(function_index);
                        }
                        c.instruction(op).map_err(re_err)?;
                    }
                }
            }
            Space::Global => {
                if let Some(g) = defined.and_then(|d| p.globals.get(d)) {
                    c.const_expr(g.init_expr.clone()).map_err(re_err)?;
                }
            }
            Space::Table => {
                if let Some(t) = defined.and_then(|d| p.tables.get(d)) {
                    if let TableInit::Expr(e) = &t.init {
                        c.const_expr(e.clone()).map_err(re_err)?;
                    }
                }
                for (k, e) in p.elems.iter().enumerate() {
                    if let ElementKind::Active { table_index, .. } = &e.kind {
                        if table_index.unwrap_or(0) == i {
                            c.found.push((Space::Elem, k as u32));
                        }
                    }
                }
            }
            Space::Memory => {
                for (k, d) in p.data.iter().enumerate() {
                    if let DataKind::Active { memory_index, .. } = &d.kind {
                        if *memory_index == i {
                            c.found.push((Space::Data, k as u32));
                        }
                    }
                }
            }
            Space::Tag => {}
            Space::Data => {
                if let Some(DataKind::Active { memory_index, offset_expr }) = p.data.get(i as usize).map(|d| &d.kind) {
                    c.found.push((Space::Memory, *memory_index));
                    c.const_expr(offset_expr.clone()).map_err(re_err)?;
                }
            }
            Space::Elem => {
                let Some(e) = p.elems.get(i as usize) else { continue };
                if let ElementKind::Active { table_index, offset_expr } = &e.kind {
                    c.found.push((Space::Table, table_index.unwrap_or(0)));
                    c.const_expr(offset_expr.clone()).map_err(re_err)?;
                }
                match &e.items {
                    ElementItems::Functions(fs) => {
                        for f in fs.clone() {
                            c.found.push((Space::Func, f.map_err(err)?));
                        }
                    }
                    ElementItems::Expressions(_, es) => {
                        for x in es.clone() {
                            c.const_expr(x.map_err(err)?).map_err(re_err)?;
                        }
                    }
                }
            }
        }
        for &(space, i) in &c.found {
            if let Some(u) = uses[space as usize].get_mut(i as usize) {
                *u += 1;
            }
        }
        work.append(&mut c.found);
    }
    Ok(Reach { live, uses })
}

/// How many entities can have a one-byte LEB128 index.
const ONE_BYTE: usize = 128;

/// The live entities of a space in their output order, by input index: imports first as
/// they were, then the most used movable entities (as many as can still get one-byte
/// indices), then the rest in input order.
fn order(live: &[bool], uses: &[u32], imported: u32, movable: &dyn Fn(u32) -> bool) -> Vec<u32> {
    let is_live = |i: u32| live.get(i as usize).copied().unwrap_or(false);
    let mut out: Vec<u32> = (0..imported).filter(|&i| is_live(i)).collect();
    let mut placed = vec![false; live.len()];
    let mut hot: Vec<u32> = (imported..live.len() as u32).filter(|&i| is_live(i) && movable(i)).collect();
    hot.sort_by_key(|&i| (std::cmp::Reverse(uses.get(i as usize).copied().unwrap_or(0)), i));
    for h in hot {
        if out.len() >= ONE_BYTE || uses.get(h as usize).copied().unwrap_or(0) < 2 {
            break;
        }
        if let Some(p) = placed.get_mut(h as usize) {
            *p = true;
        }
        out.push(h);
    }
    for i in imported..live.len() as u32 {
        if is_live(i) && !placed.get(i as usize).copied().unwrap_or(true) {
            out.push(i);
        }
    }
    out
}

/// The input → output index map of an order.
fn map_of(order: &[u32], len: usize) -> Vec<u32> {
    let mut map = vec![DROPPED; len];
    for (new, &old) in order.iter().enumerate() {
        if let Some(m) = map.get_mut(old as usize) {
            *m = new as u32;
        }
    }
    map
}

/// Numbers the live entities densely, in their input order.
fn numbering(live: &[bool]) -> Vec<u32> {
    let mut next = 0u32;
    live.iter()
        .map(|&l| {
            if l {
                next += 1;
                next - 1
            } else {
                DROPPED
            }
        })
        .collect()
}

fn live_at(live: &[Vec<bool>; SPACES], space: Space, i: u32) -> bool {
    live[space as usize].get(i as usize).copied().unwrap_or(false)
}

fn rebuild(p: &Parsed<'_>, reach: &Reach, movable: &dyn Fn(u32) -> bool) -> Result<Pruned, Diagnostic> {
    let live = &reach.live;
    let imported_funcs = p.imported[Space::Func as usize];
    let imported_globals = p.imported[Space::Global as usize];
    let func_order = order(&live[0], &reach.uses[0], imported_funcs, movable);
    // Globals keep their input order: a global's index is an offset in the machine code of
    // every function that reads it, and an order that depends on the program would make
    // the runtime's functions differ from program to program (the engine's function cache).
    let global_order = order(&live[1], &reach.uses[1], imported_globals, &|_| false);
    let map: [Vec<u32>; SPACES] = [
        map_of(&func_order, live[0].len()),
        map_of(&global_order, live[1].len()),
        numbering(&live[2]),
        numbering(&live[3]),
        numbering(&live[4]),
        numbering(&live[5]),
        // Element segments: declarative ones are rebuilt as one, appended last.
        numbering(&live[6]),
    ];
    let mut r = Renumber { map };
    let mut module = Module::new();

    let mut types = TypeSection::new();
    if let Some(s) = &p.types {
        RoundtripReencoder.parse_type_section(&mut types, s.clone()).map_err(re_err)?;
    }
    module.section(&types);

    let mut imports = ImportSection::new();
    let mut counters = [0u32; SPACES];
    for imp in &p.imports {
        let space = match imp.ty {
            TypeRef::Func(_) | TypeRef::FuncExact(_) => Space::Func,
            TypeRef::Global(_) => Space::Global,
            TypeRef::Table(_) => Space::Table,
            TypeRef::Memory(_) => Space::Memory,
            TypeRef::Tag(_) => Space::Tag,
        };
        let i = counters[space as usize];
        counters[space as usize] += 1;
        if live_at(live, space, i) {
            let ty: EntityType = r.entity_type(imp.ty).map_err(re_err)?;
            imports.import(imp.module, imp.name, ty);
        }
    }
    module.section(&imports);

    let mut funcs = FunctionSection::new();
    let defined_funcs: Vec<usize> =
        func_order.iter().filter_map(|&i| i.checked_sub(imported_funcs)).map(|d| d as usize).collect();
    for &d in &defined_funcs {
        funcs.function(p.funcs.get(d).copied().ok_or_else(|| err("function order"))?);
    }
    module.section(&funcs);

    let mut tables = TableSection::new();
    let base = p.imported[Space::Table as usize];
    for (d, t) in p.tables.iter().enumerate() {
        if live_at(live, Space::Table, base + d as u32) {
            let ty = r.table_type(t.ty).map_err(re_err)?;
            match &t.init {
                TableInit::RefNull => tables.table(ty),
                TableInit::Expr(e) => tables.table_with_init(ty, &r.const_expr(e.clone()).map_err(re_err)?),
            };
        }
    }
    module.section(&tables);

    let mut memories = MemorySection::new();
    let base = p.imported[Space::Memory as usize];
    for (d, m) in p.memories.iter().enumerate() {
        if live_at(live, Space::Memory, base + d as u32) {
            memories.memory(r.memory_type(*m).map_err(re_err)?);
        }
    }
    module.section(&memories);

    let mut tags = TagSection::new();
    let base = p.imported[Space::Tag as usize];
    for (d, t) in p.tags.iter().enumerate() {
        if live_at(live, Space::Tag, base + d as u32) {
            tags.tag(r.tag_type(*t).map_err(re_err)?);
        }
    }
    module.section(&tags);

    let mut globals = GlobalSection::new();
    for d in global_order.iter().filter_map(|&i| i.checked_sub(imported_globals)) {
        let g = p.globals.get(d as usize).ok_or_else(|| err("global order"))?;
        let ty = r.global_type(g.ty).map_err(re_err)?;
        globals.global(ty, &r.const_expr(g.init_expr.clone()).map_err(re_err)?);
    }
    module.section(&globals);

    let mut exports = ExportSection::new();
    for e in &p.exports {
        let (kind, space) = match e.kind {
            ExternalKind::Func | ExternalKind::FuncExact => (ExportKind::Func, Space::Func),
            ExternalKind::Global => (ExportKind::Global, Space::Global),
            ExternalKind::Table => (ExportKind::Table, Space::Table),
            ExternalKind::Memory => (ExportKind::Memory, Space::Memory),
            ExternalKind::Tag => (ExportKind::Tag, Space::Tag),
        };
        exports.export(e.name, kind, r.get(space, e.index).map_err(re_err)?);
    }
    module.section(&exports);

    if let Some(s) = p.start {
        module.section(&StartSection { function_index: r.get(Space::Func, s).map_err(re_err)? });
    }

    // Functions whose references reachable code takes must be declared.
    let mut declared: Vec<u32> = Vec::new();
    let mut elements = ElementSection::new();
    let mut live_elems = 0u32;
    for (k, e) in p.elems.iter().enumerate() {
        if !live_at(live, Space::Elem, k as u32) {
            continue;
        }
        live_elems += 1;
        let items_owned: Vec<u32>;
        let exprs: Vec<ConstExpr>;
        let items = match &e.items {
            ElementItems::Functions(fs) => {
                let mut v = Vec::new();
                for f in fs.clone() {
                    let f = f.map_err(err)?;
                    // A declarative segment may name functions nothing reaches.
                    if matches!(e.kind, ElementKind::Declared) && !live_at(live, Space::Func, f) {
                        continue;
                    }
                    v.push(r.get(Space::Func, f).map_err(re_err)?);
                }
                items_owned = v;
                Elements::Functions(items_owned.as_slice().into())
            }
            ElementItems::Expressions(ty, es) => {
                let mut v = Vec::new();
                for x in es.clone() {
                    v.push(r.const_expr(x.map_err(err)?).map_err(re_err)?);
                }
                exprs = v;
                Elements::Expressions(r.ref_type(*ty).map_err(re_err)?, exprs.as_slice().into())
            }
        };
        let offset;
        let mode = match &e.kind {
            ElementKind::Passive => ElementMode::Passive,
            ElementKind::Declared => ElementMode::Declared,
            ElementKind::Active { table_index, offset_expr } => {
                offset = r.const_expr(offset_expr.clone()).map_err(re_err)?;
                ElementMode::Active {
                    table: Some(r.get(Space::Table, table_index.unwrap_or(0)).map_err(re_err)?),
                    offset: &offset,
                }
            }
        };
        elements.segment(ElementSegment { mode, elements: items });
    }

    let mut code = CodeSection::new();
    let mut shifts: Vec<Vec<(u32, i32)>> = Vec::new();
    let mut buf: Vec<u8> = Vec::new();
    for &d in &defined_funcs {
        let body = p.bodies.get(d).ok_or_else(|| err("function order"))?;
        let mut locals = Vec::new();
        for pair in body.get_locals_reader().map_err(err)? {
            let (n, ty) = pair.map_err(err)?;
            locals.push((n, r.val_type(ty).map_err(re_err)?));
        }
        let mut ops = body.get_operators_reader().map_err(err)?;
        let base = ops.original_position();
        buf.clear();
        let mut fshifts = Vec::new();
        let mut delta = 0i64;
        // One instruction is held back, to merge with the next (see `peephole`).
        let mut held: Option<(wasmparser::Operator<'_>, i64)> = None;
        let mut flush = |op: wasmparser::Operator<'_>, old_end: i64, buf: &mut Vec<u8>, r: &mut Renumber| -> Result<(), Diagnostic> {
            r.instruction(op).map_err(re_err)?.encode(buf);
            let d = buf.len() as i64 - old_end;
            if d != delta {
                delta = d;
                fshifts.push((old_end as u32, d as i32));
            }
            Ok(())
        };
        while !ops.eof() {
            let op = ops.read().map_err(err)?;
            if let wasmparser::Operator::RefFunc { function_index } = op {
                declared.push(r.get(Space::Func, function_index).map_err(re_err)?);
            }
            let old_end = (ops.original_position() - base) as i64;
            held = match held.take() {
                Some((prev, prev_end)) => match peephole(&prev, &op) {
                    Some(merged) => Some((merged, old_end)),
                    None => {
                        flush(prev, prev_end, &mut buf, &mut r)?;
                        Some((op, old_end))
                    }
                },
                None => Some((op, old_end)),
            };
        }
        if let Some((op, end)) = held {
            flush(op, end, &mut buf, &mut r)?;
        }
        let mut f = Function::new(locals);
        f.raw(buf.iter().copied());
        code.function(&f);
        shifts.push(fshifts);
    }
    declared.sort_unstable();
    declared.dedup();
    if !declared.is_empty() {
        elements.segment(ElementSegment { mode: ElementMode::Declared, elements: Elements::Functions(declared.as_slice().into()) });
    }
    if live_elems > 0 || !declared.is_empty() {
        module.section(&elements);
    }

    let mut data = DataSection::new();
    let mut n_data = 0u32;
    for (k, d) in p.data.iter().enumerate() {
        if !live_at(live, Space::Data, k as u32) {
            continue;
        }
        n_data += 1;
        match &d.kind {
            DataKind::Passive => {
                data.passive(d.data.iter().copied());
            }
            DataKind::Active { memory_index, offset_expr } => {
                let offset = r.const_expr(offset_expr.clone()).map_err(re_err)?;
                data.active(r.get(Space::Memory, *memory_index).map_err(re_err)?, &offset, d.data.iter().copied());
            }
        }
    }
    if p.data_count {
        module.section(&DataCountSection { count: n_data });
    }
    module.section(&code);
    module.section(&data);
    module.section(&names(p, &r)?);

    let input_funcs = p.len(Space::Func);
    let kept = live[Space::Func as usize].iter().filter(|&&l| l).count();
    let imported_funcs = r.map_len_imported(p);
    Ok(Pruned {
        wasm: module.finish(),
        map: r.map,
        shifts,
        imported_funcs,
        removed_funcs: input_funcs - kept,
        input_funcs,
    })
}

/// Two consecutive instructions as one, where that is the same and shorter: a value
/// stored and read back is kept with `local.tee`, and a local written just before the
/// function returns is not written at all.
fn peephole<'a>(a: &wasmparser::Operator<'a>, b: &wasmparser::Operator<'a>) -> Option<wasmparser::Operator<'a>> {
    use wasmparser::Operator::{LocalGet, LocalSet, LocalTee, Return};
    match (a, b) {
        (LocalSet { local_index: x }, LocalGet { local_index: y }) if x == y => Some(LocalTee { local_index: *x }),
        (LocalTee { .. }, Return) => Some(Return),
        _ => None,
    }
}

impl Renumber {
    /// How many imported functions the output has.
    fn map_len_imported(&self, p: &Parsed<'_>) -> u32 {
        let n = p.imported[Space::Func as usize] as usize;
        self.map[Space::Func as usize].iter().take(n).filter(|&&m| m != DROPPED).count() as u32
    }
}

/// The name section for the output's indices.
fn names(p: &Parsed<'_>, r: &Renumber) -> Result<NameSection, Diagnostic> {
    let remap = |space: Option<Space>, m: &wasmparser::NameMap<'_>| -> Result<NameMap, Diagnostic> {
        let mut v: Vec<(u32, &str)> = Vec::new();
        for n in m.clone() {
            let n = n.map_err(err)?;
            let i = match space {
                Some(s) => match r.map[s as usize].get(n.index as usize) {
                    Some(&i) if i != DROPPED => i,
                    _ => continue,
                },
                None => n.index,
            };
            v.push((i, n.name));
        }
        v.sort_by_key(|(i, _)| *i);
        let mut out = NameMap::new();
        for (i, n) in v {
            out.append(i, n);
        }
        Ok(out)
    };
    let mut s = NameSection::new();
    for n in &p.names {
        match n {
            Name::Module { name, .. } => s.module(name),
            Name::Function(m) => s.functions(&remap(Some(Space::Func), m)?),
            Name::Type(m) => s.types(&remap(None, m)?),
            Name::Global(m) => s.globals(&remap(Some(Space::Global), m)?),
            Name::Table(m) => s.tables(&remap(Some(Space::Table), m)?),
            Name::Memory(m) => s.memories(&remap(Some(Space::Memory), m)?),
            Name::Tag(m) => s.tags(&remap(Some(Space::Tag), m)?),
            Name::Data(m) => s.data(&remap(Some(Space::Data), m)?),
            Name::Local(m) => {
                let mut v: Vec<(u32, NameMap)> = Vec::new();
                for f in m.clone() {
                    let f = f.map_err(err)?;
                    let Some(&i) = r.map[Space::Func as usize].get(f.index as usize) else { continue };
                    if i != DROPPED {
                        v.push((i, remap(None, &f.names)?));
                    }
                }
                v.sort_by_key(|(i, _)| *i);
                let mut out = IndirectNameMap::new();
                for (i, names) in &v {
                    out.append(*i, names);
                }
                s.locals(&out);
            }
            _ => {}
        }
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn module(text: &str) -> Vec<u8> {
        match wat::parse_str(text) {
            Ok(w) => w,
            Err(e) => panic!("bad test module: {e}"),
        }
    }

    fn validate(wasm: &[u8]) {
        let mut v = wasmparser::Validator::new_with_features(wasmparser::WasmFeatures::all());
        if let Err(e) = v.validate_all(wasm) {
            panic!("the pruned module does not validate: {e}\n{}", wasmprinter::print_bytes(wasm).unwrap_or_default());
        }
    }

    fn text(wasm: &[u8]) -> String {
        match wasmprinter::print_bytes(wasm) {
            Ok(t) => t,
            Err(e) => panic!("cannot print: {e}"),
        }
    }

    fn pruned(text: &str) -> Pruned {
        validate(&module(text));
        match prune(&module(text), &|_| true) {
            Ok(p) => {
                validate(&p.wasm);
                p
            }
            Err(d) => panic!("prune failed: {d}"),
        }
    }

    const PROGRAM: &str = r#"
        (module
          (import "h" "used" (func $used_import (param i32)))
          (import "h" "unused" (func $unused_import))
          (type $bytes (array (mut i8)))
          (memory $mem (export "memory") 1)
          (memory $private 1)
          (data $active (memory $mem) (i32.const 16) "kept: its memory is exported")
          (data $private_data (memory $private) (i32.const 0) "dropped with its memory")
          (data $used_passive "read by array.new_data")
          (data $unused_passive "read by nobody")
          (global $g_used (mut i32) (i32.const 1))
          (global $g_unused i32 (i32.const 2))
          (global $g_ref funcref (ref.func $via_global))
          (tag $t_used)
          (tag $t_unused)
          (table $tab 2 funcref)
          (elem (table $tab) (i32.const 0) func $via_table)
          (table $dead_tab 1 funcref)
          (elem (table $dead_tab) (i32.const 0) func $dead_in_table)
          (elem declare func $via_ref $dead)
          (func $dead (call $unused_import))
          (func $dead_in_table)
          (func $via_table)
          (func $via_global)
          (func $via_ref)
          DEAD
          (func $callee (param i32) (result i32) (local.get 0))
          (func $main (export "main") (result i32)
            (call $used_import (global.get $g_used))
            (drop (ref.func $via_ref))
            (drop (global.get $g_ref))
            (drop (array.new_data $bytes $used_passive (i32.const 0) (i32.const 4)))
            (call_indirect $tab (i32.const 0))
            (block $caught (try_table (catch $t_used $caught) (throw $t_used)))
            (call $callee (i32.const 1234567)))
        )"#;

    /// The program with 130 more dead functions before `$callee`, so that the calls to it
    /// take one byte less once they are gone.
    fn program() -> String {
        PROGRAM.replace("DEAD", &"(func)".repeat(130))
    }

    #[test]
    fn prune_keeps_what_exports_reach_and_drops_the_rest() {
        let p = pruned(&program());
        let t = text(&p.wasm);
        for kept in ["$used_import", "$main", "$callee", "$via_table", "$via_global", "$via_ref", "$g_used", "$g_ref", "$t_used", "$tab", "$used_passive", "$active"] {
            assert!(t.contains(kept), "{kept} should be kept:\n{t}");
        }
        for dropped in ["$unused_import", "$dead", "$dead_in_table", "$g_unused", "$t_unused", "$dead_tab", "$private", "$unused_passive"] {
            assert!(!t.contains(&format!("{dropped} ")) && !t.contains(&format!("{dropped})")), "{dropped} should be dropped:\n{t}");
        }
        assert_eq!(p.input_funcs, 139);
        assert_eq!(p.removed_funcs, 133);
    }

    #[test]
    fn prune_renumbers_calls_and_translates_offsets() {
        let input = module(&program());
        let p = pruned(&program());
        // $main is function 138 of the input (two imports, then 136 before it).
        let main_old = 138;
        let (main_new, _) = p.offset(main_old, 0).unwrap_or_else(|| panic!("main was dropped"));
        assert_eq!(main_new, 5);
        // The offset of the last instruction (`end`) moves by however much the body shrank.
        let body_len = |wasm: &[u8], f: u32| -> u32 {
            let mut imported = 0;
            let mut i = 0;
            for payload in Parser::new(0).parse_all(wasm) {
                match payload.unwrap_or_else(|e| panic!("{e}")) {
                    Payload::ImportSection(s) => imported = s.into_imports().count() as u32,
                    Payload::CodeSectionEntry(b) => {
                        if imported + i == f {
                            let ops = b.get_operators_reader().unwrap_or_else(|e| panic!("{e}"));
                            return (b.range().end - ops.original_position()) as u32;
                        }
                        i += 1;
                    }
                    _ => {}
                }
            }
            panic!("no function {f}")
        };
        let (old_len, new_len) = (body_len(&input, main_old), body_len(&p.wasm, main_new));
        assert_eq!(old_len, new_len + 1, "the call to $callee is a byte shorter");
        assert_eq!(p.offset(main_old, old_len).map(|x| x.1), Some(new_len));
        assert!(p.func(3).is_none(), "$dead is gone");
    }

    #[test]
    fn prune_merges_a_store_and_reload_into_tee_and_drops_a_store_before_return() {
        let p = pruned(
            r#"(module (func (export "f") (param i32) (result i32) (local i32)
                 (local.set 1 (local.get 0)) (local.get 1) (local.set 1) (local.get 1)
                 (local.tee 1) (return)))"#,
        );
        let t = text(&p.wasm);
        assert!(t.contains("local.tee 1\n    return"), "{t}");
        assert!(!t.contains("local.set"), "{t}");
    }

    #[test]
    fn prune_keeps_globals_in_input_order_and_gives_hot_functions_small_indices() {
        let p = pruned(
            r#"(module
                 (global $rare (mut i32) (i32.const 0))
                 (global $base i32 (i32.const 7))
                 (global $hot i32 (global.get $base))
                 (func $cold (result i32) (global.get $hot))
                 (func $warm (result i32) (i32.const 1))
                 (func (export "f") (result i32)
                   (global.set $rare (global.get $hot))
                   (drop (call $cold)) (drop (call $warm)) (drop (call $warm)) (call $warm)))"#,
        );
        let t = text(&p.wasm);
        let at = |what: &str| t.find(what).unwrap_or_else(|| panic!("no {what}:\n{t}"));
        assert!(at("(global $rare ") < at("(global $base ") && at("(global $base ") < at("(global $hot "), "{t}");
        assert!(at("(func $warm ") < at("(func $cold "), "{t}");
    }
}
