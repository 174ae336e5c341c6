//! What the compiler knows about the runtime module it extends: the index of every named
//! type, function, global, tag and data segment, read from the runtime's name section.

use crate::HashMap;

use wasmparser::{KnownCustom, Name, Parser, Payload, TypeRef};

use crate::diagnostic::Diagnostic;

/// Indices into the runtime module, by name.
#[derive(Debug, Default)]
pub struct Runtime {
    /// Named types.
    pub types: HashMap<String, u32>,
    /// Named functions: index and type index.
    pub funcs: HashMap<String, (u32, u32)>,
    /// Named globals.
    pub globals: HashMap<String, u32>,
    /// Named tags.
    pub tags: HashMap<String, u32>,
    /// Named data segments.
    pub data: HashMap<String, u32>,
    /// How many types the runtime defines.
    pub num_types: u32,
    /// How many functions, imported ones included.
    pub num_funcs: u32,
    /// How many globals.
    pub num_globals: u32,
    /// How many data segments.
    pub num_data: u32,
    /// The type of each function, imports first.
    pub func_types: Vec<u32>,
}

impl Runtime {
    /// Reads the indices of a runtime module.
    pub fn read(wasm: &[u8]) -> Result<Runtime, Diagnostic> {
        let err = |e: wasmparser::BinaryReaderError| Diagnostic::error(format!("runtime module: {e}"));
        let mut rt = Runtime::default();
        for payload in Parser::new(0).parse_all(wasm) {
            match payload.map_err(err)? {
                Payload::TypeSection(s) => {
                    for group in s {
                        rt.num_types += group.map_err(err)?.types().len() as u32;
                    }
                }
                Payload::ImportSection(s) => {
                    for imports in s {
                        for imp in imports.map_err(err)? {
                            let (_, imp) = imp.map_err(err)?;
                            match imp.ty {
                                TypeRef::Func(t) => {
                                    rt.func_types.push(t);
                                    rt.num_funcs += 1;
                                }
                                TypeRef::Global(_) => rt.num_globals += 1,
                                _ => {}
                            }
                        }
                    }
                }
                Payload::FunctionSection(s) => {
                    for t in s {
                        rt.func_types.push(t.map_err(err)?);
                        rt.num_funcs += 1;
                    }
                }
                Payload::GlobalSection(s) => rt.num_globals += s.count(),
                Payload::DataSection(s) => rt.num_data += s.count(),
                Payload::CustomSection(c) => {
                    if let KnownCustom::Name(names) = c.as_known() {
                        for name in names {
                            rt.read_names(name.map_err(err)?).map_err(err)?;
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(rt)
    }

    fn read_names(&mut self, name: Name<'_>) -> Result<(), wasmparser::BinaryReaderError> {
        let map = |m: wasmparser::NameMap<'_>| -> Result<HashMap<String, u32>, wasmparser::BinaryReaderError> {
            let mut out = HashMap::default();
            for n in m {
                let n = n?;
                out.insert(n.name.to_string(), n.index);
            }
            Ok(out)
        };
        match name {
            Name::Type(m) => self.types = map(m)?,
            Name::Function(m) => {
                for (n, i) in map(m)? {
                    let ty = self.func_types.get(i as usize).copied().unwrap_or(0);
                    self.funcs.insert(n, (i, ty));
                }
            }
            Name::Global(m) => self.globals = map(m)?,
            Name::Tag(m) => self.tags = map(m)?,
            Name::Data(m) => self.data = map(m)?,
            _ => {}
        }
        Ok(())
    }

    /// A runtime type by name; a missing one is a bug in the runtime or the compiler.
    pub fn ty(&self, name: &str) -> Result<u32, Diagnostic> {
        self.types.get(name).copied().ok_or_else(|| missing("type", name))
    }

    /// A runtime function's index by name.
    pub fn func(&self, name: &str) -> Result<u32, Diagnostic> {
        self.funcs.get(name).map(|f| f.0).ok_or_else(|| missing("function", name))
    }

    /// A runtime global's index by name.
    pub fn global(&self, name: &str) -> Result<u32, Diagnostic> {
        self.globals.get(name).copied().ok_or_else(|| missing("global", name))
    }

    /// A runtime tag's index by name.
    pub fn tag(&self, name: &str) -> Result<u32, Diagnostic> {
        self.tags.get(name).copied().ok_or_else(|| missing("tag", name))
    }
}

fn missing(kind: &str, name: &str) -> Diagnostic {
    Diagnostic::error(format!("the runtime has no {kind} named `{name}`"))
        .with_hint("the compiler and the runtime disagree; rebuild both")
}
