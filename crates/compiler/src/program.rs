//! The modules of a program: each `.beam` parsed once, split into functions, with the
//! lookups the linker and the lowering need (label → function, name → function).
//!
//! Modules are loaded on demand through a [`ModuleSource`], so only what the program
//! reaches is ever parsed.

use crate::HashMap;

use beam::{BeamFile, Opcode, Operand};

use crate::diagnostic::{Diagnostic, Mfa};

/// Where modules come from. The compiler does no I/O itself; the driver implements this
/// over the file system (inputs, `-pa` directories, the installed standard library).
pub trait ModuleSource {
    /// The bytes of module `name`'s `.beam`, or `None` if there is no such module.
    fn load(&mut self, name: &str) -> Option<Result<Vec<u8>, String>>;
    /// The names of every module this source can load whose name starts with `prefix`.
    fn names_with_prefix(&mut self, prefix: &str) -> Vec<String>;
    /// The program's own modules: those of its inputs (not `-pa` directories or the
    /// standard library).
    fn user_modules(&mut self) -> Vec<String>;
    /// The modules of the inputs and of the `-pa` directories (not of the installed OTP
    /// and Elixir): the code no resource file may list, which the linker counts as the
    /// program's when none does.
    fn path_modules(&mut self) -> Vec<String> {
        self.user_modules()
    }
    /// The text of application `name`'s resource file (`name.app`), from the first
    /// directory of the code path that has one (the inputs, `-pa`, then the installed
    /// OTP and Elixir `lib/*/ebin`), or `None` if no directory has one.
    fn app_file(&mut self, name: &str) -> Option<Result<Vec<u8>, String>> {
        let _ = name;
        None
    }
    /// The names of every application whose resource file [`ModuleSource::app_file`]
    /// can read, sorted.
    fn app_names(&mut self) -> Vec<String> {
        Vec::new()
    }
    /// What the VM's code server answers for `code:root_dir/0` and `code:lib_dir/1`: the
    /// OTP root directory, and each application directory of the code path `elixir` runs
    /// with (`-pa` directories, then the installed Elixir's and OTP's `lib/*/ebin`, without
    /// the `ebin`) under its name (the directory's name up to a hyphen), first on the path
    /// first. Empty when the source knows no installation.
    fn lib_dirs(&mut self) -> (String, Vec<(String, String)>) {
        (String::new(), Vec::new())
    }
}

/// A module's index in [`Program::modules`].
pub type ModuleId = usize;
/// A function's index in [`Module::functions`].
pub type FuncIdx = usize;

/// A function of a loaded module.
#[derive(Clone, Debug)]
pub struct Function {
    /// Its name.
    pub name: String,
    /// Its arity.
    pub arity: u32,
    /// The label of its first instruction after `func_info`.
    pub entry: u32,
    /// The range of its instructions in the module's code: from the labels before
    /// `func_info` to the end of its last instruction.
    pub start: usize,
    /// One past its last instruction.
    pub end: usize,
}

/// A loaded module.
#[derive(Debug)]
pub struct Module {
    /// The module name.
    pub name: String,
    /// The parsed file.
    pub beam: BeamFile,
    /// Its functions, in code order.
    pub functions: Vec<Function>,
    /// Every label's function.
    pub label_function: HashMap<u32, FuncIdx>,
    /// Functions by name and arity.
    pub by_name: HashMap<(String, u32), FuncIdx>,
    /// Exported functions by name and arity.
    pub exports: HashMap<(String, u32), FuncIdx>,
    /// The module's MD5, as `beam_lib:md5/1` and `module_info(md5)` give it.
    pub md5: [u8; 16],
}

impl Module {
    /// Splits a parsed file into functions.
    pub fn new(beam: BeamFile, bytes: &[u8]) -> Result<Module, Diagnostic> {
        let md5 = module_md5(&beam, bytes);
        let name = beam.module().to_string();
        let code = &beam.code.instructions;
        let mut functions: Vec<Function> = Vec::new();
        let mut label_function = HashMap::default();
        let mut i = 0;
        // The entry label of the previous function: labels before func_info never reach back past it.
        let mut floor = 0;
        while i < code.len() {
            let Some(ins) = code.get(i) else { break };
            if ins.op == Opcode::FuncInfo {
                // The function starts at the labels and lines just before func_info.
                let mut start = i;
                while start > 0 {
                    let prev = code.get(start - 1).map(|p| p.op);
                    if matches!(prev, Some(Opcode::Label) | Some(Opcode::Line)) && start - 1 >= floor {
                        start -= 1;
                    } else {
                        break;
                    }
                }
                if let Some(last) = functions.last_mut() {
                    last.end = start;
                }
                let (fname, arity) = match ins.args.as_slice() {
                    [_, Operand::Atom(f), Operand::Unsigned(a)] => {
                        (beam.atom(*f).unwrap_or("").to_string(), *a as u32)
                    }
                    _ => return Err(Diagnostic::error(format!("module {name}: malformed func_info at instruction {i}"))),
                };
                let entry = match code.get(i + 1).map(|n| (n.op, n.args.as_slice())) {
                    Some((Opcode::Label, [Operand::Unsigned(l)])) => *l as u32,
                    _ => return Err(Diagnostic::error(format!("module {name}: {fname}/{arity} has no entry label"))),
                };
                functions.push(Function { name: fname, arity, entry, start, end: code.len() });
                floor = i + 2;
            }
            i += 1;
        }
        for (fi, f) in functions.iter().enumerate() {
            for ins in code.get(f.start..f.end).unwrap_or_default() {
                if let (Opcode::Label, [Operand::Unsigned(l)]) = (ins.op, ins.args.as_slice()) {
                    label_function.insert(*l as u32, fi);
                }
            }
        }
        let by_name: HashMap<(String, u32), FuncIdx> =
            functions.iter().enumerate().map(|(i, f)| ((f.name.clone(), f.arity), i)).collect();
        let mut exports = HashMap::default();
        for e in &beam.exports {
            let fname = beam.atom(e.function).unwrap_or("").to_string();
            if let Some(&fi) = by_name.get(&(fname.clone(), e.arity)) {
                exports.insert((fname, e.arity), fi);
            }
        }
        Ok(Module { name, beam, functions, label_function, by_name, exports, md5 })
    }

    /// The name of atom `index` of this module (1-based, as in the code).
    pub fn atom(&self, index: u32) -> &str {
        self.beam.atom(index).unwrap_or("")
    }

    /// The MFA of one of this module's functions.
    pub fn mfa(&self, f: FuncIdx) -> Mfa {
        match self.functions.get(f) {
            Some(func) => Mfa::new(&self.name, &func.name, func.arity),
            None => Mfa::new(&self.name, "?", 0),
        }
    }

    /// The MFA of import `index`.
    pub fn import(&self, index: u32) -> Option<Mfa> {
        let imp = self.beam.imports.get(index as usize)?;
        Some(Mfa::new(self.atom(imp.module), self.atom(imp.function), imp.arity))
    }
}

/// Every module loaded so far.
#[derive(Default)]
pub struct Program {
    /// The modules, in load order.
    pub modules: Vec<Module>,
    by_name: HashMap<String, Option<ModuleId>>,
}

impl Program {
    /// The module called `name`, loading it from `source` on first use. `Ok(None)` means no
    /// such module exists.
    pub fn module(&mut self, name: &str, source: &mut dyn ModuleSource) -> Result<Option<ModuleId>, Diagnostic> {
        if let Some(id) = self.by_name.get(name) {
            return Ok(*id);
        }
        // A module that cannot be read is reported once, and is absent from then on.
        let loaded = match source.load(name) {
            None => Ok(None),
            Some(Err(e)) => Err(Diagnostic::error(format!("cannot read module {name}: {e}"))),
            Some(Ok(raw)) => Self::parse(name, &raw).map(|module| {
                self.modules.push(module);
                Some(self.modules.len() - 1)
            }),
        };
        let id = loaded.as_ref().ok().copied().flatten();
        self.by_name.insert(name.to_string(), id);
        loaded
    }

    /// Parses module `name`'s file, gzip-compressed or not.
    fn parse(name: &str, raw: &[u8]) -> Result<Module, Diagnostic> {
        let bytes = beam::container::uncompressed(raw).map_err(|e| Diagnostic::error(format!("module {name}: {e}")))?;
        let beam = BeamFile::parse(&bytes).map_err(|e| Diagnostic::error(format!("module {name}: {e}")))?;
        if beam.module() != name {
            return Err(Diagnostic::error(format!("the file for module {name} defines module {}", beam.module())));
        }
        Module::new(beam, &bytes)
    }

    /// A module already loaded.
    pub fn get(&self, id: ModuleId) -> Option<&Module> {
        self.modules.get(id)
    }

    /// The id of a module already loaded, if it exists.
    pub fn loaded(&self, name: &str) -> Option<ModuleId> {
        self.by_name.get(name).copied().flatten()
    }
}

/// The MD5 of a module's significant chunks, in `beam_lib`'s order, with the old-uniq
/// field of each FunT entry zeroed as `beam_lib:md5/1` does.
fn module_md5(beam: &BeamFile, bytes: &[u8]) -> [u8; 16] {
    use md5::{Digest, Md5};
    let mut h = Md5::new();
    for id in [b"Atom", b"AtU8", b"Code", b"StrT", b"ImpT", b"ExpT", b"FunT", b"LitT", b"Meta"] {
        let Some(c) = beam.chunks.iter().find(|c| &c.id.0 == id) else { continue };
        let Some(data) = bytes.get(c.offset..c.offset + c.size) else { continue };
        if id == b"FunT" {
            // A 4-byte count, then 24-byte entries whose last 4 bytes are the old uniq.
            h.update(data.get(..4).unwrap_or_default());
            let mut rest = data.get(4..).unwrap_or_default();
            while rest.len() >= 24 {
                h.update(rest.get(..20).unwrap_or_default());
                h.update([0u8; 4]);
                rest = rest.get(24..).unwrap_or_default();
            }
            h.update(rest);
        } else {
            h.update(data);
        }
    }
    h.finalize().into()
}
