//! The beamwasm runtime: WasmGC code written in WAT (`wat/`, one file per domain), assembled
//! at build time into one module that the compiler extends with the program's code.
//!
//! See `docs/ABI.md` for the term representation and the conventions the WAT files follow.

/// The assembled runtime module, validated at build time.
pub const RUNTIME_WASM: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/runtime.wasm"));

/// The well-known atoms, in id order: the runtime refers to these by global, and the
/// compiler numbers every other atom after them.
pub const WELL_KNOWN_ATOMS: &[&str] = include!(concat!(env!("OUT_DIR"), "/atoms.rs"));

/// The WAT file that defines each named runtime function: (function name, file), for
/// reports of where a module's bytes come from.
pub const FUNCTION_FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/function_files.rs"));

/// The native layer's static data (its one data segment, `native:.rodata`), piece by
/// piece from wasm-ld's link map: (library, C name, bytes), for the size report.
pub const NATIVE_DATA: &[(&str, &str, usize)] = include!(concat!(env!("OUT_DIR"), "/native_data.rs"));

/// The runtime's own Erlang modules (`erl/*.erl`: the boot process, the I/O servers),
/// compiled at build time: (module name, `.beam` bytes).
pub const OVERLAY_MODULES: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/overlay.rs"));

/// Runtime functions implementing BIFs that work like the VM's trapping BIFs: they may stop
/// the process (a long `re:run` yields and continues in a runtime frame) or continue in
/// Erlang code (a tail call of `re:grun/3` through `hook:apply_mfa`, where the VM's
/// `BIF_TRAP3` does the same). The compiler lowers a call to one like a call to compiled
/// code (its caller checks for unwinding after it), and the linker keeps the Erlang
/// functions each continues in, listed with it.
pub const TRAPPING_BIFS: &[(&str, &[(&str, &str, u32)])] = &[
    ("re:run/2", &[("re", "urun", 3), ("re", "grun", 3)]),
    ("re:run/3", &[("re", "urun", 3), ("re", "grun", 3)]),
    ("re:internal_run/4", &[("re", "urun", 3), ("re", "grun", 3)]),
    ("re:compile/2", &[("re", "ucompile", 2)]),
];

/// Whether the runtime function `name` (`re:run/3`) is one of the [`TRAPPING_BIFS`].
pub fn is_trapping_bif(name: &str) -> bool {
    TRAPPING_BIFS.iter().any(|(n, _)| *n == name)
}

#[cfg(test)]
mod tests {
    #[test]
    fn runtime_validates() {
        let mut v = wasmparser::Validator::new_with_features(wasmparser::WasmFeatures::all());
        assert!(v.validate_all(super::RUNTIME_WASM).is_ok());
    }
}
