//! Helpers shared by the CLI's tests.

use std::path::Path;

/// Compares `actual` with the golden file `tests/expected/NAME`, or rewrites the file when
/// `BLESS` is set.
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
