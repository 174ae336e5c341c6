//! Compiles the VM's C libraries to one wasm32 module, `$OUT_DIR/native.wasm`, with Debian's
//! clang, wasm-ld and wasi-libc.
//!
//! Expects the sources of the installed VM where `scripts/bootstrap.sh` unpacks Debian's
//! source packages (`$BEAMWASM_DEBIAN_SRC`, default `.tools/debian-src` in the checkout):
//! OTP's PCRE 8.44 (`otp/erts/emulator/pcre`), built as OTP's `pcre.mk` builds it (its
//! object list, `-DERLANG_INTEGRATION`, the generated `pcre_exec_loop_break_cases.inc`),
//! Debian's zlib 1.2.13 (`zlib`, the library the VM links: Debian builds it with
//! `--enable-shared-zlib`), its library objects without the gz* file functions; and this
//! crate's glue (`c/`). Guarantees a module that imports nothing, exports the
//! glue's `bw_*` functions and its memory, and runs no constructors. Fails with what to
//! run or install when a tool or a source is missing.
use std::path::{Path, PathBuf};
use std::process::Command;
use std::{env, fs};

/// The C stack, in linear memory below everything else (`--stack-first`), so that an
/// overflow traps instead of overwriting data.
const STACK_SIZE: u32 = 1 << 20;

fn main() {
    if let Err(e) = run() {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").map_err(|e| e.to_string())?);
    let out = PathBuf::from(env::var("OUT_DIR").map_err(|e| e.to_string())?);
    println!("cargo:rerun-if-env-changed=BEAMWASM_DEBIAN_SRC");
    println!("cargo:rerun-if-changed={}", manifest.join("c").display());
    let src = match env::var_os("BEAMWASM_DEBIAN_SRC") {
        Some(p) => PathBuf::from(p),
        None => manifest.join("../../.tools/debian-src"),
    };
    let pcre = src.join("otp/erts/emulator/pcre");
    if !pcre.join("pcre_exec.c").is_file() {
        return Err(format!(
            "the VM's PCRE sources are missing ({}): run scripts/bootstrap.sh, which fetches Debian's \
             erlang and zlib source packages into .tools/debian-src (or set BEAMWASM_DEBIAN_SRC)",
            pcre.display()
        ));
    }
    println!("cargo:rerun-if-changed={}", pcre.display());
    let zlib = src.join("zlib");
    if !zlib.join("deflate.c").is_file() {
        return Err(format!(
            "the zlib sources are missing ({}): run scripts/bootstrap.sh, which fetches Debian's \
             zlib source package into .tools/debian-src (or set BEAMWASM_DEBIAN_SRC)",
            zlib.display()
        ));
    }
    println!("cargo:rerun-if-changed={}", zlib.display());
    let clang = tool("clang")?;
    for (what, path) in [
        ("wasi-libc", "/usr/lib/wasm32-wasi/libc.a"),
        ("wasi-libc", "/usr/include/wasm32-wasi/stdlib.h"),
    ] {
        if !Path::new(path).is_file() {
            return Err(format!("{path} is missing: install {what} (scripts/bootstrap.sh does)"));
        }
    }
    tool("wasm-ld")?;

    let obj = out.join("obj");
    let inc = out.join("inc");
    fs::create_dir_all(&obj).map_err(|e| e.to_string())?;
    fs::create_dir_all(&inc).map_err(|e| e.to_string())?;
    fs::write(inc.join("pcre_exec_loop_break_cases.inc"), loop_break_cases(&pcre)?).map_err(|e| e.to_string())?;

    // (source, extra flags): OTP's PCRE as pcre.mk lists it, then the glue.
    let mut units: Vec<(PathBuf, Vec<String>)> = Vec::new();
    let pcre_flags = vec!["-DERLANG_INTEGRATION".to_string(), format!("-I{}", inc.display()), format!("-I{}", pcre.display())];
    for name in pcre_objects(&pcre)? {
        units.push((pcre.join(format!("{name}.c")), pcre_flags.clone()));
    }
    units.push((manifest.join("c/re.c"), pcre_flags.clone()));
    let zlib_flags = vec![format!("-I{}", zlib.display())];
    for name in ZLIB_OBJECTS {
        units.push((zlib.join(format!("{name}.c")), zlib_flags.clone()));
    }
    units.push((manifest.join("c/zlib.c"), zlib_flags.clone()));
    units.push((manifest.join("c/libc.c"), Vec::new()));

    // Compile in parallel, as LLVM bitcode for link-time optimisation: it folds PCRE's
    // allocation hooks (function pointers set once) into direct calls. Except PCRE's
    // matcher, `pcre_exec.c`: its `match` is one 130 KB function (a dispatch over every
    // resume point) that takes most of wasmtime's compile of the native layer; compiled at
    // -O1 outside LTO it has fewer locals and compiles in 1.10 s CPU instead of 1.69 s for
    // the whole native module (docs/ARCHITECTURE.md, *Host (wasmtime)*).
    let mut children = Vec::new();
    let mut objects = Vec::new();
    for (i, (file, flags)) in units.iter().enumerate() {
        let o = obj.join(format!("{i:02}-{}.o", file.file_stem().and_then(|s| s.to_str()).unwrap_or("unit")));
        let opt: &[&str] = if file.file_name().is_some_and(|n| n == "pcre_exec.c") { &["-O1"] } else { &["-O2", "-flto"] };
        let child = Command::new(&clang)
            .args(["--target=wasm32-wasi"])
            .args(opt)
            .args(["-Wall", "-Wno-unused-but-set-variable", "-c"])
            .args(flags)
            .arg(file)
            .arg("-o")
            .arg(&o)
            .spawn()
            .map_err(|e| format!("cannot run clang: {e}"))?;
        children.push((file.clone(), child));
        objects.push(o);
    }
    for (file, mut child) in children {
        let status = child.wait().map_err(|e| e.to_string())?;
        if !status.success() {
            return Err(format!("clang failed on {}", file.display()));
        }
    }
    let wasm = out.join("native.wasm");
    let status = Command::new(&clang)
        .args(["--target=wasm32-wasi", "-mexec-model=reactor", "-O2", "-flto"])
        .args(["-Wl,--strip-debug", "-Wl,--stack-first", &format!("-Wl,-z,stack-size={STACK_SIZE}")])
        .args(&objects)
        .arg("-o")
        .arg(&wasm)
        .status()
        .map_err(|e| format!("cannot run clang to link: {e}"))?;
    if !status.success() {
        return Err("linking the native module failed".into());
    }
    Ok(())
}

/// zlib's library objects (its Makefile's `OBJZ`), without the gz* file functions (`OBJG`),
/// which would need the host's files.
const ZLIB_OBJECTS: &[&str] =
    &["adler32", "crc32", "deflate", "infback", "inffast", "inflate", "inftrees", "trees", "zutil", "compress", "uncompr"];

/// A tool on the PATH, or what to install.
fn tool(name: &str) -> Result<PathBuf, String> {
    let path = env::var_os("PATH").unwrap_or_default();
    env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
        .ok_or_else(|| format!("{name} is not installed: install clang, lld, wasi-libc and libclang-rt-14-dev-wasm32 (scripts/bootstrap.sh does)"))
}

/// The object names of `PCRE_O` in OTP's `pcre.mk`.
fn pcre_objects(pcre: &Path) -> Result<Vec<String>, String> {
    let mk = fs::read_to_string(pcre.join("pcre.mk")).map_err(|e| format!("{}: {e}", pcre.join("pcre.mk").display()))?;
    let start = mk.find("PCRE_O =").ok_or("pcre.mk has no PCRE_O")?;
    let mut names = Vec::new();
    for line in mk.get(start..).unwrap_or("").lines().skip(1) {
        let name = line.trim().trim_end_matches('\\').trim();
        if name.is_empty() {
            break;
        }
        names.push(name.strip_suffix(".o").ok_or_else(|| format!("pcre.mk: unexpected {name}"))?.to_string());
    }
    if names.is_empty() {
        return Err("pcre.mk lists no objects".into());
    }
    Ok(names)
}

/// `pcre_exec_loop_break_cases.inc`, as pcre.mk generates it: for each line of pcre_exec.c
/// that calls `COST_CHK` (other than its definition), `case N+100: goto L_LOOP_COUNT_N;`.
fn loop_break_cases(pcre: &Path) -> Result<String, String> {
    let exec = fs::read_to_string(pcre.join("pcre_exec.c")).map_err(|e| e.to_string())?;
    let mut out = String::new();
    for (i, line) in exec.lines().enumerate() {
        if line.contains("COST_CHK") && !line.contains("COST_CHK(N)") {
            let n = i + 1;
            out.push_str(&format!("case {}: goto L_LOOP_COUNT_{n};\n", n + 100));
        }
    }
    Ok(out)
}
