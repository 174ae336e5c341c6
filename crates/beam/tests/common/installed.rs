//! Finds the installed OTP and Elixir `.beam` files, asking `erl` and `elixir` where
//! they live. Shared by the proof test, the mutation fuzzer and the benchmark.

use std::path::{Path, PathBuf};
use std::process::Command;

fn run(program: &str, args: &[&str]) -> Result<String, String> {
    let out = Command::new(program)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run `{program}` ({e}); install Erlang/OTP and Elixir (scripts/bootstrap.sh)"))?;
    if !out.status.success() {
        return Err(format!("`{program}` failed: {}", String::from_utf8_lossy(&out.stderr)));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// The OTP root directory and the directory holding Elixir's applications.
pub fn roots() -> Result<Vec<PathBuf>, String> {
    let otp = run("erl", &["-noshell", "-eval", "io:format(\"~s\", [code:root_dir()]), halt()."])?;
    let elixir = run("elixir", &["-e", "IO.puts(:code.lib_dir(:elixir))"])?;
    let elixir_lib = Path::new(&elixir).parent().map(Path::to_path_buf).ok_or("no Elixir lib dir")?;
    let mut roots = Vec::new();
    for r in [PathBuf::from(otp), elixir_lib] {
        roots.push(r.canonicalize().map_err(|e| format!("{}: {e}", r.display()))?);
    }
    Ok(roots)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        match entry.file_type() {
            Ok(t) if t.is_dir() => walk(&path, out),
            Ok(t) if t.is_file() && path.extension().is_some_and(|e| e == "beam") => out.push(path),
            _ => {}
        }
    }
}

/// Every `.beam` under the OTP root and Elixir's lib directory, sorted, without
/// duplicates.
pub fn beam_files() -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for root in roots()? {
        walk(&root, &mut files);
    }
    files.sort();
    files.dedup();
    if files.is_empty() {
        return Err("found no .beam files under the OTP and Elixir roots".into());
    }
    Ok(files)
}
