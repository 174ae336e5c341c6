//! The VM's own C libraries, compiled to wasm32 and merged into the runtime module.
//!
//! Where the VM runs C (PCRE for `re`), beamwasm runs the same C: `build.rs` compiles the
//! sources of the installed VM (Debian's source packages, fetched by
//! `scripts/bootstrap.sh`) with OTP's build configuration into one wasm32 module that
//! imports nothing ([`NATIVE_WASM`]), and [`merge::merge`] makes it part of the runtime
//! module, reached only through the runtime's placeholder functions (`native:NAME`).
//! `docs/ARCHITECTURE.md` (*The native layer*) records why.

pub mod merge;

/// The native module: PCRE and its glue (`c/`), compiled with clang and wasm-ld.
pub const NATIVE_WASM: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/native.wasm"));

/// Where the native module's code and static data come from, from wasm-ld's link map:
/// `(kind, C name, library, bytes)`, kind `func` or `data`, library `PCRE`, `zlib`, `libc`
/// (wasi-libc), `glue` (`c/`), or `merged` (constants the linker merged across units).
pub const LIBRARIES: &[(&str, &str, &str, usize)] = include!(concat!(env!("OUT_DIR"), "/libraries.rs"));

/// The library that defines the native function `name` (its C name), if known.
pub fn library_of(name: &str) -> Option<&'static str> {
    LIBRARIES.iter().find(|(k, n, _, _)| *k == "func" && *n == name).map(|e| e.2)
}

/// The native exports the runtime may call: every `bw_*` function of the glue.
pub fn exports() -> Result<Vec<String>, merge::Error> {
    let mut names = Vec::new();
    for payload in wasmparser::Parser::new(0).parse_all(NATIVE_WASM) {
        if let wasmparser::Payload::ExportSection(s) = payload.map_err(|e| e.to_string())? {
            for e in s {
                let e = e.map_err(|e| e.to_string())?;
                if e.kind == wasmparser::ExternalKind::Func && e.name.starts_with("bw_") {
                    names.push(e.name.to_string());
                }
            }
        }
    }
    Ok(names)
}

#[cfg(test)]
mod tests {
    /// Every function and every piece of static data of the native module is attributed
    /// to a library: a C file added to `build.rs` needs its library there.
    #[test]
    fn every_native_function_has_a_library() {
        let unknown: Vec<_> = super::LIBRARIES.iter().filter(|e| e.2 == "unknown").collect();
        assert!(unknown.is_empty(), "not attributed to a library: {unknown:?}");
        for lib in ["PCRE", "zlib", "libc", "glue"] {
            assert!(super::LIBRARIES.iter().any(|e| e.0 == "func" && e.2 == lib), "no function of {lib}");
        }
        assert_eq!(super::library_of("compile_branch"), Some("PCRE"));
        assert_eq!(super::library_of("deflate_slow"), Some("zlib"));
        assert_eq!(super::library_of("dlmalloc"), Some("libc"));
    }

    /// The native module imports nothing and validates.
    #[test]
    fn native_module_imports_nothing() {
        let mut v = wasmparser::Validator::new();
        assert!(v.validate_all(super::NATIVE_WASM).is_ok());
        for payload in wasmparser::Parser::new(0).parse_all(super::NATIVE_WASM) {
            if let Ok(wasmparser::Payload::ImportSection(s)) = payload {
                assert_eq!(s.count(), 0, "the native module must import nothing");
            }
        }
    }
}
