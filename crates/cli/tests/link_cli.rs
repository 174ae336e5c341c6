//! The linker's command-line surface: `--verbose` lists the program's dynamic call sites
//! whose target is not known at build time, `--keep` keeps a module's exports (and
//! rejects a module that does not exist), and `--link=complete` keeps whole applications.

use std::path::{Path, PathBuf};
use std::process::Command;

/// `main/0` calls a module that arrives in a message, which no analysis can name.
const PROGRAM: &str = "-module(linked).\n-export([main/0, run/0]).\n\
main() ->\n    self() ! linked,\n    receive M -> M:run() end.\n\
run() -> io:format(\"ran~n\").\n";

fn scratch(name: &str) -> Result<PathBuf, String> {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("linked.erl"), PROGRAM).map_err(|e| e.to_string())?;
    Ok(dir)
}

/// Runs beamwasm; (succeeded, stderr).
fn beamwasm(dir: &Path, args: &[&str]) -> Result<(bool, String), String> {
    let out = Command::new(env!("CARGO_BIN_EXE_beamwasm")).args(args).current_dir(dir).output().map_err(|e| e.to_string())?;
    Ok((out.status.success(), String::from_utf8_lossy(&out.stderr).into_owned()))
}

/// The function count `--verbose` reports.
fn functions(stderr: &str) -> Option<usize> {
    let line = stderr.lines().find(|l| l.contains(" functions from "))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[test]
fn an_unresolved_site_is_listed_with_its_file_and_line() -> Result<(), String> {
    let dir = scratch("link-unresolved")?;
    let (ok, err) = beamwasm(&dir, &["build", "--verbose", "--entry", "linked.main", "-o", "a.wasm", "linked.erl"])?;
    assert!(ok, "{err}");
    let site = err.lines().find(|l| l.contains("?:run/0 in linked:main/0")).ok_or_else(|| format!("no site listed: {err}"))?;
    assert!(site.contains("linked.erl:5"), "{site}");
    assert!(err.contains("--keep MODULE"), "{err}");
    Ok(())
}

#[test]
fn keep_adds_a_modules_exports_and_rejects_a_missing_module() -> Result<(), String> {
    let dir = scratch("link-keep")?;
    let build = |extra: &[&str]| -> Result<(bool, String), String> {
        let mut args = vec!["build", "--verbose", "--entry", "linked.main", "-o", "a.wasm"];
        args.extend_from_slice(extra);
        args.push("linked.erl");
        beamwasm(&dir, &args)
    };
    let (_, plain) = build(&[])?;
    let (ok, kept) = build(&["--keep", "orddict"])?;
    assert!(ok, "{kept}");
    let (a, b) = (functions(&plain).unwrap_or(0), functions(&kept).unwrap_or(0));
    assert!(b > a, "--keep orddict links more: {a} then {b}");
    let (ok, err) = build(&["--keep", "no_such_module_anywhere"])?;
    assert!(!ok, "a missing --keep module is an error");
    assert!(err.contains("--keep no_such_module_anywhere"), "{err}");
    Ok(())
}

#[test]
fn complete_links_whole_applications() -> Result<(), String> {
    let dir = scratch("link-complete")?;
    let (_, plain) = beamwasm(&dir, &["build", "--verbose", "--entry", "linked.main", "-o", "a.wasm", "linked.erl"])?;
    let (ok, complete) =
        beamwasm(&dir, &["build", "--verbose", "--link", "complete", "--entry", "linked.main", "-o", "b.wasm", "linked.erl"])?;
    assert!(ok, "{complete}");
    let (a, b) = (functions(&plain).unwrap_or(0), functions(&complete).unwrap_or(0));
    assert!(b > 5 * a, "complete keeps kernel and stdlib whole: {a} then {b}");
    Ok(())
}
