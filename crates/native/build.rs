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

    // (source, extra flags, library): OTP's PCRE as pcre.mk lists it, then the glue. The
    // library names the unit's functions in the size report (`libraries.rs`); wasi-libc's
    // are `libc`, and the glue in `c/` is `glue`.
    let mut units: Vec<(PathBuf, Vec<String>, &str)> = Vec::new();
    let pcre_flags = vec!["-DERLANG_INTEGRATION".to_string(), format!("-I{}", inc.display()), format!("-I{}", pcre.display())];
    for name in pcre_objects(&pcre)? {
        units.push((pcre.join(format!("{name}.c")), pcre_flags.clone(), "PCRE"));
    }
    units.push((manifest.join("c/re.c"), pcre_flags.clone(), "glue"));
    let zlib_flags = vec![format!("-I{}", zlib.display())];
    for name in ZLIB_OBJECTS {
        units.push((zlib.join(format!("{name}.c")), zlib_flags.clone(), "zlib"));
    }
    units.push((manifest.join("c/zlib.c"), zlib_flags.clone(), "glue"));
    units.push((manifest.join("c/libc.c"), Vec::new(), "glue"));

    // Compile in parallel, as LLVM bitcode for link-time optimisation: it folds PCRE's
    // allocation hooks (function pointers set once) into direct calls. Except PCRE's
    // matcher, `pcre_exec.c`: its `match` is one 130 KB function (a dispatch over every
    // resume point) that takes most of wasmtime's compile of the native layer; compiled at
    // -O1 outside LTO it has fewer locals and compiles in 1.10 s CPU instead of 1.69 s for
    // the whole native module (docs/ARCHITECTURE.md, *Host (wasmtime)*).
    let mut children = Vec::new();
    let mut objects = Vec::new();
    for (i, (file, flags, _)) in units.iter().enumerate() {
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
        .arg(format!("-Wl,--Map={}", out.join("native.map").display()))
        .args(&objects)
        .arg("-o")
        .arg(&wasm)
        .status()
        .map_err(|e| format!("cannot run clang to link: {e}"))?;
    if !status.success() {
        return Err("linking the native module failed".into());
    }
    let map = fs::read_to_string(out.join("native.map")).map_err(|e| e.to_string())?;
    fs::write(out.join("libraries.rs"), libraries_rs(&map, &units)?).map_err(|e| e.to_string())?;
    Ok(())
}

/// `libraries.rs`: `(kind, C name, library, bytes)` for each function (`func`) and each
/// piece of static data (`data`) of the link map, the library being the unit's that defines
/// it. wasm-ld's map names an archive member (wasi-libc) or a non-LTO object directly;
/// code out of link-time optimisation is `lto.tmp`, so its name is looked up among the
/// definitions of each unit's source.
fn libraries_rs(map: &str, units: &[(PathBuf, Vec<String>, &str)]) -> Result<String, String> {
    let mut defined: Vec<(String, &str)> = Vec::new();
    // Each unit's directory's sources and headers (zlib defines its CRC tables in crc32.h).
    let mut dirs: Vec<(PathBuf, &str)> = Vec::new();
    for (file, _, library) in units {
        let dir = file.parent().map(Path::to_path_buf).unwrap_or_default();
        if !dirs.iter().any(|(d, l)| *d == dir && l == library) {
            dirs.push((dir, library));
        }
    }
    for (dir, library) in dirs {
        let mut files: Vec<PathBuf> = fs::read_dir(&dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "c" || x == "h"))
            .collect();
        files.sort();
        for file in files {
            // PCRE's sources have Latin-1 comments.
            let bytes = fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?;
            for name in definitions(&String::from_utf8_lossy(&bytes)) {
                defined.push((name, library));
            }
        }
    }
    let library_of = |input: &str, name: &str| -> &str {
        if input.contains("wasm32-wasi/") || input.starts_with("<internal>") {
            return "libc";
        }
        // A function's static local is `function.local`.
        let bare = normal(name.split_once('.').map_or(name, |(f, _)| if f.is_empty() { name } else { f }));
        // A definition of the very name first (the glue's `stack_guard`, PCRE's
        // `erts_pcre_stack_guard`), then one that differs by OTP's prefixes.
        let exact: Vec<&str> = defined.iter().filter(|(d, _)| d == name).map(|(_, l)| *l).collect();
        let found: Vec<&str> =
            if exact.is_empty() { defined.iter().filter(|(d, _)| normal(d) == bare).map(|(_, l)| *l).collect() } else { exact };
        match found.first() {
            Some(l) if found.iter().all(|x| x == l) => l,
            _ => "unknown",
        }
    };
    let mut out = String::from("&[\n");
    let (mut section, mut output) = ("", "");
    for line in map.lines() {
        let cols: Vec<&str> = line.split_whitespace().collect();
        match cols.as_slice() {
            [_, _, _, s] if SECTIONS.contains(s) || s.starts_with("CUSTOM(") => section = s,
            [_, _, _, s] if s.starts_with('.') => output = s,
            [_, _, size, input] if input.ends_with(')') => {
                let Some((path, rest)) = input.rsplit_once(":(") else { continue };
                let name = rest.trim_end_matches(')');
                let kind = match section {
                    "CODE" => "func",
                    // Zero-initialised data has no bytes in the module.
                    "DATA" if output != ".bss" => "data",
                    _ => continue,
                };
                let name = name.strip_prefix(".rodata.").or_else(|| name.strip_prefix(".data.")).unwrap_or(name);
                // A jump table the compiler made for a function's `switch`.
                let name = name.rsplit_once("switch.table.").map_or(name, |(_, f)| f);
                if path.starts_with("<internal>") && kind == "data" {
                    let bytes = usize::from_str_radix(size, 16).map_err(|e| format!("native.map: {line}: {e}"))?;
                    out.push_str(&format!("    (\"data\", \"(merged constants)\", \"merged\", {bytes}),\n"));
                    continue;
                }
                let bytes = usize::from_str_radix(size, 16).map_err(|e| format!("native.map: {line}: {e}"))?;
                out.push_str(&format!("    ({kind:?}, {name:?}, {:?}, {bytes}),\n", library_of(path, name)));
            }
            _ => {}
        }
    }
    out.push(']');
    Ok(out)
}

/// The section headers of wasm-ld's map.
const SECTIONS: &[&str] = &["TYPE", "IMPORT", "FUNCTION", "TABLE", "MEMORY", "GLOBAL", "EXPORT", "START", "ELEM", "DATACOUNT", "CODE", "DATA"];

/// A C name without the prefixes OTP's build adds (`PRIV(x)` is `_erts_pcre_x`, `pcre_exec`
/// is `erts_pcre_exec`) and the `.L` of a compiler-made table.
fn normal(name: &str) -> &str {
    let n = name.trim_start_matches('.').trim_start_matches('_');
    let n = n.strip_prefix("erts_").unwrap_or(n);
    n.strip_prefix("pcre_").unwrap_or(n)
}

/// The functions and file-level variables a C source defines: on each line that starts a
/// definition at the first column (not a directive, comment, or declaration ending in `;`
/// before any `(`), the identifier before its first `(` or `[` or `=`.
fn definitions(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    for line in text.lines() {
        let Some(first) = line.chars().next() else { continue };
        if !(first.is_ascii_alphabetic() || first == '_') || line.starts_with("typedef") {
            continue;
        }
        // `PRIV(name)` is `_erts_pcre_name`; the glue's `EXPORT(name)` marks a definition.
        let line = line.replace("PRIV(", "_erts_pcre_").replace(")(", "(").replace(")[", "[");
        let line = match line.strip_prefix("EXPORT(").and_then(|r| r.split_once(')')) {
            Some((_, rest)) => rest.to_string(),
            None => line,
        };
        // `__attribute__((...))` before the name.
        let line = match line.split_once("__attribute__((").and_then(|(a, r)| Some((a, r.split_once("))")?.1))) {
            Some((a, rest)) => format!("{a}{rest}"),
            None => line,
        };
        let Some(end) = line.find(['(', '[', '=']) else { continue };
        let head = line.get(..end).unwrap_or("").trim_end();
        let ident: String = head.chars().rev().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        let ident: String = ident.chars().rev().collect();
        if !ident.is_empty() && !ident.starts_with(|c: char| c.is_ascii_digit()) {
            names.push(ident);
        }
    }
    names
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
