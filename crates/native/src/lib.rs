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
