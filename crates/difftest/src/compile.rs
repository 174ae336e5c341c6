//! Compiling a program with the real compilers (`elixirc`, `erlc`) into its slot's `ebin/`.
//!
//! A finished compile leaves `ebin/` plus `compile.stderr` (the compiler's diagnostics,
//! usually empty); a slot already holding them is reused. A compile that fails is a
//! verdict about the program, not an error of the harness.

use std::fs;
use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use crate::cache::{Slot, write_atomic};
use crate::exec::{self, Exit};
use crate::program::{Lang, Library, Program};
use crate::toolchain::{self, Toolchain};
use crate::{Error, Result};

/// The result of compiling one program.
#[derive(Debug, Clone)]
pub enum Compiled {
    /// `.beam` files are in `ebin`; `diagnostics` holds any warnings.
    Ok { ebin: PathBuf, diagnostics: String },
    /// The compiler refused the program (or timed out); `message` says why.
    Failed { message: String },
}

/// Compiles `program` into `slot`, or reuses an earlier compile of the same source.
pub fn compile(tools: &Toolchain, program: &Program, slot: &Slot, limit: Duration) -> Result<Compiled> {
    let ebin = slot.ebin();
    let diag_path = slot.dir.join("compile.stderr");
    if ebin.is_dir()
        && let Ok(diagnostics) = fs::read_to_string(&diag_path) {
            return Ok(Compiled::Ok { ebin, diagnostics });
        }
    let pa_ebin = match &program.pa {
        Some(lib) => match compile_library(tools, lib, slot, limit)? {
            Ok(dir) => Some(dir),
            Err(message) => return Ok(Compiled::Failed { message }),
        },
        None => None,
    };
    let tmp = slot.dir.join(format!("ebin.tmp{}", std::process::id()));
    if tmp.exists() {
        fs::remove_dir_all(&tmp).map_err(|e| Error::io(&tmp, e))?;
    }
    fs::create_dir_all(&tmp).map_err(|e| Error::io(&tmp, e))?;
    let mut cmd = match program.lang {
        Lang::Elixir => Command::new(&tools.elixirc),
        Lang::Erlang => Command::new(&tools.erlc),
    };
    if let Some(dir) = &pa_ebin {
        cmd.arg("-pa").arg(dir);
    }
    cmd.arg("-o").arg(&tmp).arg(&program.path).current_dir(&slot.dir);
    toolchain::scrub(&mut cmd);
    let out = exec::run(&mut cmd, limit)?;
    // erlc reports warnings on stdout, elixirc on stderr: keep both.
    let diagnostics = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    if out.exit != Exit::Code(0) {
        let _ = fs::remove_dir_all(&tmp);
        let what = if out.exit.is_timeout() { format!("compiler {}", out.exit) } else { format!("compiler exited {}", out.exit) };
        return Ok(Compiled::Failed { message: format!("{what}\n{}", diagnostics.trim_end()) });
    }
    if ebin.exists() {
        fs::remove_dir_all(&ebin).map_err(|e| Error::io(&ebin, e))?;
    }
    fs::rename(&tmp, &ebin).map_err(|e| Error::io(&ebin, e))?;
    write_atomic(&diag_path, diagnostics.as_bytes())?;
    Ok(Compiled::Ok { ebin, diagnostics })
}

/// Compiles a program's library (`pa:`) into `pa-ebin` beside the program's `ebin`: its
/// Erlang files with erlc, then its Elixir files with elixirc. `Ok(Err(message))` when a
/// compiler refuses it.
fn compile_library(tools: &Toolchain, lib: &Library, slot: &Slot, limit: Duration) -> Result<std::result::Result<PathBuf, String>> {
    let dir = Library::ebin(&slot.ebin());
    if dir.is_dir() {
        return Ok(Ok(dir));
    }
    let tmp = slot.dir.join(format!("pa-ebin.tmp{}", std::process::id()));
    if tmp.exists() {
        fs::remove_dir_all(&tmp).map_err(|e| Error::io(&tmp, e))?;
    }
    fs::create_dir_all(&tmp).map_err(|e| Error::io(&tmp, e))?;
    for lang in [Lang::Erlang, Lang::Elixir] {
        let files: Vec<&PathBuf> = lib.files.iter().filter(|f| Lang::of(f) == Some(lang)).collect();
        if files.is_empty() {
            continue;
        }
        let mut cmd = match lang {
            Lang::Elixir => Command::new(&tools.elixirc),
            Lang::Erlang => Command::new(&tools.erlc),
        };
        cmd.arg("-pa").arg(&tmp).arg("-o").arg(&tmp).args(&files).current_dir(&slot.dir);
        toolchain::scrub(&mut cmd);
        let out = exec::run(&mut cmd, limit)?;
        if out.exit != Exit::Code(0) {
            let _ = fs::remove_dir_all(&tmp);
            let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
            return Ok(Err(format!("the library {} does not compile ({})\n{}", lib.dir.display(), out.exit, text.trim_end())));
        }
    }
    for app in &lib.apps {
        let Some(name) = app.file_name() else { continue };
        fs::copy(app, tmp.join(name)).map_err(|e| Error::io(app, e))?;
    }
    fs::rename(&tmp, &dir).map_err(|e| Error::io(&dir, e))?;
    Ok(Ok(dir))
}
