//! Program-level code generation state: the wasm indices of compiled functions, the atom
//! table, the literal pool, the generated types, globals and helper functions, and the
//! final assembly of the module (runtime sections, then everything generated).

use std::collections::{BTreeMap, BTreeSet};

use crate::HashMap;

use wasm_encoder::{
    CompositeInnerType, CompositeType, ConstExpr, FieldType, FuncType, GlobalType, HeapType, RefType, StorageType,
    SubType, ValType,
};

use crate::diagnostic::{Diagnostic, Mfa};
use crate::link::{FuncRef, Linked};
use crate::literals::LiteralPool;
use crate::rt::Runtime;

/// The bottom heap type, for `ref.null none` (the empty list, and absent values).
pub const NONE: HeapType = HeapType::Abstract { shared: false, ty: wasm_encoder::AbstractHeapType::None };

/// `eqref`: the type of every term.
pub const TERM: ValType = ValType::Ref(RefType::EQREF);

/// A function the compiler generates: a compiled BEAM function, a trampoline, a hook body.
pub struct GenFunc {
    /// Its name in the name section.
    pub name: String,
    /// Its type index.
    pub ty: u32,
    /// Its locals (beyond the parameters) and encoded instructions, once generated.
    pub body: Option<(Vec<ValType>, Vec<u8>)>,
}

/// A global the compiler generates.
pub struct GenGlobal {
    /// Its name in the name section.
    pub name: String,
    /// Its type.
    pub ty: GlobalType,
    /// Its initializer.
    pub init: ConstExpr,
}

/// The atom table: every atom the program mentions, with its id.
pub struct Atoms {
    ids: HashMap<String, u32>,
    /// Names in id order.
    pub names: Vec<String>,
    /// The global holding each atom compiled code refers to.
    globals: HashMap<u32, u32>,
}

impl Atoms {
    fn new(well_known: &[&str]) -> Atoms {
        let mut a = Atoms { ids: HashMap::default(), names: Vec::new(), globals: HashMap::default() };
        for n in well_known {
            a.id(n);
        }
        a
    }

    /// The id of atom `name`, assigning the next one if it is new.
    pub fn id(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = self.names.len() as u32;
        self.ids.insert(name.to_string(), id);
        self.names.push(name.to_string());
        id
    }
}

/// Everything generated so far, and where it goes in the module.
pub struct Codegen<'a> {
    /// The runtime being extended.
    pub rt: &'a Runtime,
    /// The linked program.
    pub linked: &'a Linked,
    /// The atom table.
    pub atoms: Atoms,
    /// The literal pool.
    pub literals: LiteralPool,
    /// The integer tables runtime searches read.
    pub int_tables: crate::inttables::IntTables,
    /// Types added after the runtime's, by structure.
    types: Vec<SubType>,
    type_index: HashMap<FuncType, u32>,
    /// Generated functions; function index = `rt.num_funcs + position`.
    pub funcs: Vec<GenFunc>,
    /// The wasm function of each compiled BEAM function.
    pub fn_index: HashMap<FuncRef, u32>,
    /// Generated globals; global index = `rt.num_globals + position`.
    pub globals: Vec<GenGlobal>,
    /// Functions referenced by `ref.func`, which must be declared.
    pub declared: BTreeSet<u32>,
    /// Trampolines and info globals of the funs made by `make_fun`: (module, fun index).
    pub lambdas: HashMap<(usize, u32), (u32, u32)>,
    /// Export funs `fun M:F/A`: (trampoline, global holding the fun).
    pub export_funs: BTreeMap<Mfa, (u32, u32)>,
    /// Export funs in literal-pool index order (tag 10 of the literal encoding).
    pub export_order: Vec<Mfa>,
    /// Dispatchers for dynamic calls, by arity.
    pub apply_dispatch: BTreeMap<u32, u32>,
    /// The module's entries after the first (`Options::entries`), in order: `hook:entry`
    /// runs entry `i` when the host chose it with `bw_entry(i)`.
    pub more_entries: Vec<FuncRef>,
    /// Bodies for runtime hook functions, by function index.
    pub hooks: HashMap<u32, (Vec<ValType>, Vec<u8>)>,
    /// Contents for runtime hook data segments, by segment index.
    pub data: HashMap<u32, Vec<u8>>,
    /// Warnings collected while lowering.
    pub diagnostics: Vec<Diagnostic>,
    /// Each compiled BEAM function's line entries, by wasm function index (the code map).
    pub lines: BTreeMap<u32, crate::codemap::FnLines>,
    /// File names' literal indices (charlists), for the code map.
    pub file_literals: HashMap<String, u32>,
    /// Bytes of compiled code by what emitted them — a BEAM instruction's name, or a part
    /// of the function's frame in parentheses — and how many times: (count, bytes). For
    /// the size report.
    pub code_bytes: BTreeMap<String, (usize, usize)>,
    /// The function raising each BIF's error with the BIF's frame, by BIF (see
    /// `FnCx::bif_raiser`).
    pub bif_raisers: BTreeMap<Mfa, u32>,
    /// The shared slow paths of compiled functions' frames (`lower/frames.rs`), by name.
    pub frame_helpers: BTreeMap<String, u32>,
}

impl<'a> Codegen<'a> {
    /// Starts code generation for a linked program.
    pub fn new(rt: &'a Runtime, linked: &'a Linked) -> Codegen<'a> {
        let mut atoms = Atoms::new(beamwasm_runtime::WELL_KNOWN_ATOMS);
        // Module names get the next ids, densely, so dispatch on a module can be a table.
        let mut modules: Vec<&str> = linked.program.modules.iter().map(|m| m.name.as_str()).collect();
        modules.sort_unstable();
        for m in modules {
            atoms.id(m);
        }
        let mut cg = Codegen {
            rt,
            linked,
            atoms,
            literals: LiteralPool::default(),
            int_tables: crate::inttables::IntTables::default(),
            types: Vec::new(),
            type_index: HashMap::default(),
            funcs: Vec::new(),
            fn_index: HashMap::default(),
            globals: Vec::new(),
            declared: BTreeSet::new(),
            lambdas: HashMap::default(),
            export_funs: BTreeMap::new(),
            export_order: Vec::new(),
            apply_dispatch: BTreeMap::new(),
            more_entries: Vec::new(),
            hooks: HashMap::default(),
            data: HashMap::default(),
            diagnostics: Vec::new(),
            lines: BTreeMap::new(),
            file_literals: HashMap::default(),
            code_bytes: BTreeMap::new(),
            bif_raisers: BTreeMap::new(),
            frame_helpers: BTreeMap::new(),
        };
        for &f in &linked.functions {
            let (name, arity) = match linked.program.get(f.module) {
                Some(m) => (m.mfa(f.func).to_string(), m.functions.get(f.func).map_or(0, |x| x.arity)),
                None => (String::new(), 0),
            };
            let ty = cg.fn_type(arity);
            let idx = cg.add_func(name, ty);
            cg.fn_index.insert(f, idx);
        }
        cg
    }

    /// Counts `bytes` of compiled code emitted for `what` (see [`Codegen::code_bytes`]).
    pub fn count_bytes(&mut self, what: &str, bytes: usize) {
        match self.code_bytes.get_mut(what) {
            Some(e) => {
                e.0 += 1;
                e.1 += bytes;
            }
            None => {
                self.code_bytes.insert(what.to_string(), (1, bytes));
            }
        }
    }

    /// Pushes integer table `k` (`(ref $limbs)`, decoded on first use; see [`crate::inttables`]).
    pub fn push_int_table(&self, s: &mut wasm_encoder::InstructionSink, k: u32) -> Result<(), Diagnostic> {
        let limbs = self.rt.ty("limbs")?;
        s.block(wasm_encoder::BlockType::Result(ValType::Ref(RefType { nullable: false, heap_type: HeapType::Concrete(limbs) })))
            .global_get(self.rt.global("int_tabs")?)
            .i32_const(k as i32)
            .array_get(self.rt.ty("int_tabs")?)
            .br_on_non_null(0)
            .i32_const(k as i32)
            .call(self.rt.func("int_tab_force")?)
            .end();
        Ok(())
    }

    /// Index of a generated type with this signature, adding it if needed.
    pub fn func_type(&mut self, params: Vec<ValType>, results: Vec<ValType>) -> u32 {
        let ft = FuncType::new(params, results);
        if let Some(&i) = self.type_index.get(&ft) {
            return i;
        }
        let i = self.rt.num_types + self.types.len() as u32;
        self.types.push(SubType {
            is_final: true,
            supertype_idx: None,
            composite_type: CompositeType {
                inner: CompositeInnerType::Func(ft.clone()),
                shared: false,
                descriptor: None,
                describes: None,
            },
        });
        self.type_index.insert(ft, i);
        i
    }

    /// The type of a compiled function of arity `n`: n terms in, one term out.
    pub fn fn_type(&mut self, n: u32) -> u32 {
        self.func_type(vec![TERM; n as usize], vec![TERM])
    }

    /// The type of a fun's code of arity `n`: n terms and the fun in, one term out.
    pub fn clos_type(&mut self, n: u32) -> Result<u32, Diagnostic> {
        let fun = self.rt.ty("fun")?;
        let mut params = vec![TERM; n as usize];
        params.push(ValType::Ref(RefType { nullable: false, heap_type: HeapType::Concrete(fun) }));
        Ok(self.func_type(params, vec![TERM]))
    }

    /// Adds a function (its body comes later) and returns its index.
    pub fn add_func(&mut self, name: String, ty: u32) -> u32 {
        let idx = self.rt.num_funcs + self.funcs.len() as u32;
        self.funcs.push(GenFunc { name, ty, body: None });
        idx
    }

    /// Sets the body of a generated function.
    /// The literal-pool index of file name `name` as a charlist.
    pub fn file_literal(&mut self, name: &str) -> Result<u32, Diagnostic> {
        if let Some(&i) = self.file_literals.get(name) {
            return Ok(i);
        }
        let chars = beam::Term::list(name.chars().map(|c| beam::Term::Int(i64::from(u32::from(c)))).collect());
        let mut none = |_: &Mfa| 0u32;
        let i = self.literals.intern(&chars, &mut self.atoms, &mut none)?;
        self.file_literals.insert(name.to_string(), i);
        Ok(i)
    }

    pub fn set_body(&mut self, idx: u32, locals: Vec<ValType>, code: Vec<u8>) {
        if let Some(f) = self.funcs.get_mut((idx - self.rt.num_funcs) as usize) {
            f.body = Some((locals, code));
        }
    }

    /// Adds a global and returns its index.
    pub fn add_global(&mut self, name: String, ty: GlobalType, init: ConstExpr) -> u32 {
        let idx = self.rt.num_globals + self.globals.len() as u32;
        self.globals.push(GenGlobal { name, ty, init });
        idx
    }

    /// The global holding atom `name`, for compiled code.
    pub fn atom_global(&mut self, name: &str) -> Result<u32, Diagnostic> {
        let id = self.atoms.id(name);
        if let Some(&g) = self.atoms.globals.get(&id) {
            return Ok(g);
        }
        let g = if (id as usize) < beamwasm_runtime::WELL_KNOWN_ATOMS.len() {
            self.rt.global(&format!("atom.{name}"))?
        } else {
            let atom = self.rt.ty("atom")?;
            let init = ConstExpr::extended([
                wasm_encoder::Instruction::I32Const(id as i32),
                wasm_encoder::Instruction::StructNew(atom),
            ]);
            let ty = GlobalType {
                val_type: ValType::Ref(RefType { nullable: false, heap_type: HeapType::Concrete(atom) }),
                mutable: false,
                shared: false,
            };
            self.add_global(format!("atom:{name}"), ty, init)
        };
        self.atoms.globals.insert(id, g);
        Ok(g)
    }

    /// How compiled code reaches atom `name`: a runtime global for a well-known atom,
    /// else the atom table. Code pushes it with [`AtomRef::emit`].
    pub fn atom_ref(&mut self, name: &str) -> Result<AtomRef, Diagnostic> {
        let id = self.atoms.id(name);
        if (id as usize) < beamwasm_runtime::WELL_KNOWN_ATOMS.len() {
            return Ok(AtomRef::Global(self.rt.global(&format!("atom.{name}"))?));
        }
        Ok(AtomRef::Table { table: self.rt.global("atom_tab")?, tuple: self.rt.ty("tuple")?, id })
    }

    /// The code atoms' globals that are not the runtime's own, for registration at start-up.
    pub fn generated_atom_globals(&self) -> Vec<u32> {
        let wk = beamwasm_runtime::WELL_KNOWN_ATOMS.len() as u32;
        let mut v: Vec<(u32, u32)> = self.atoms.globals.iter().filter(|(id, _)| **id >= wk).map(|(&a, &g)| (a, g)).collect();
        v.sort_unstable();
        v.into_iter().map(|(_, g)| g).collect()
    }

    /// The struct field types of a runtime type, for reference.
    pub fn ref_ty(&self, name: &str, nullable: bool) -> Result<ValType, Diagnostic> {
        Ok(ValType::Ref(RefType { nullable, heap_type: HeapType::Concrete(self.rt.ty(name)?) }))
    }

    /// The types added after the runtime's.
    pub fn new_types(&self) -> &[SubType] {
        &self.types
    }
}

/// Where compiled code finds an atom. Atoms live in the runtime's atom table rather than
/// one global each: an engine may treat every global as its own alias region, and
/// thousands of regions make its optimiser quadratic.
#[derive(Clone, Copy, Debug)]
pub enum AtomRef {
    /// A well-known atom's runtime global.
    Global(u32),
    /// An entry of the atom table.
    Table {
        /// The `$atom_tab` global.
        table: u32,
        /// The `$tuple` type.
        tuple: u32,
        /// The atom's id.
        id: u32,
    },
}

impl AtomRef {
    /// Pushes the atom.
    pub fn emit(self, s: &mut wasm_encoder::InstructionSink) {
        match self {
            AtomRef::Global(g) => {
                s.global_get(g);
            }
            AtomRef::Table { table, tuple, id } => {
                s.global_get(table).i32_const(id as i32).array_get(tuple);
            }
        }
    }
}

/// Pushes literal `idx` of the pool (an `eqref`). Literals are decoded on first use
/// (crates/runtime/wat/literal.wat): the code reads `$literals[idx]` and calls `$lit_force`
/// only while that slot is still null, so a used literal costs one array read and a null
/// test, as a constant read did when start-up decoded the whole pool.
pub fn push_literal(s: &mut wasm_encoder::InstructionSink<'_>, rt: &crate::rt::Runtime, idx: u32) -> Result<(), Diagnostic> {
    let (lits, tuple, force) = (rt.global("literals")?, rt.ty("tuple")?, rt.func("lit_force")?);
    s.block(wasm_encoder::BlockType::Result(TERM))
        .global_get(lits)
        .i32_const(idx as i32)
        .array_get(tuple)
        .br_on_non_null(0)
        .i32_const(idx as i32)
        .call(force)
        .end();
    Ok(())
}

/// A field type, for building struct types.
pub fn field(ty: StorageType, mutable: bool) -> FieldType {
    FieldType { element_type: ty, mutable }
}
