//! The harness for list.wat, tuple.wat, atom_bif.wat, fun.wat and misc.wat: the cases are
//! Erlang modules (`tests/erl/lt_*.erl`, each exporting `cases() -> [{M, F, Args}]`), so
//! that arguments can be anything Erlang can build. `tests/erl/lt_driver.erl` evaluates
//! them on the real VM and writes, per case, the ETF of the arguments (funs replaced by
//! stand-ins) and of {ok, Result} | {error, Reason}; the same call then runs in the
//! runtime through `testing_lists.wat`'s `test:lcall`, and the ETF bytes must be equal.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use wasmtime::{Engine, Instance, Linker, Memory, Module, Store, TypedFunc};

#[path = "../engine/mod.rs"]
mod engine;

/// `testing_lists.wat`'s table, in its order: the "M:F" a case names, and the arity.
pub const FUNS: &[(&str, usize)] = &[
    ("erlang:node", 0),
    ("erlang:nodes", 0),
    ("erlang:is_alive", 0),
    ("erlang:dt_get_tag", 0),
    ("erlang:dt_get_tag_data", 0),
    ("io:printable_range", 0),
    ("file:native_name_encoding", 0),
    ("persistent_term:get", 0),
    ("os:env", 0),
    ("lt_driver:md5_init_state", 0),
    ("erts_internal:get_creation", 0),
    ("lt_driver:max_heap_size_info", 0),
    ("erlang:length", 1),
    ("erlang:hd", 1),
    ("erlang:tl", 1),
    ("erlang:list_to_tuple", 1),
    ("erlang:tuple_to_list", 1),
    ("erlang:tuple_size", 1),
    ("erlang:size", 1),
    ("erlang:atom_to_list", 1),
    ("erlang:list_to_atom", 1),
    ("erlang:list_to_existing_atom", 1),
    ("erlang:is_atom", 1),
    ("erlang:is_integer", 1),
    ("erlang:is_float", 1),
    ("erlang:is_number", 1),
    ("erlang:is_boolean", 1),
    ("erlang:is_list", 1),
    ("erlang:is_tuple", 1),
    ("erlang:is_pid", 1),
    ("erlang:is_port", 1),
    ("erlang:is_reference", 1),
    ("erlang:is_function", 1),
    ("erlang:fun_info_mfa", 1),
    ("erlang:fun_to_list", 1),
    ("erlang:nodes", 1),
    ("erlang:unique_integer", 1),
    ("erlang:system_info", 1),
    ("erlang:module_loaded", 1),
    ("erlang:get_module_info", 1),
    ("erlang:nif_error", 1),
    ("erlang:dt_spread_tag", 1),
    ("erlang:dt_restore_tag", 1),
    ("erlang:dt_put_tag", 1),
    ("erlang:dt_prepend_vm_tag_data", 1),
    ("erlang:dt_append_vm_tag_data", 1),
    ("erts_internal:term_type", 1),
    ("persistent_term:get", 1),
    ("persistent_term:erase", 1),
    ("os:getenv", 1),
    ("os:unsetenv", 1),
    ("lt_driver:display_text", 1),
    ("lt_driver:is_function2", 1),
    ("erlang:md5", 1),
    ("erlang:md5_final", 1),
    ("erlang:crc32", 1),
    ("erlang:adler32", 1),
    ("lt_driver:display_map", 1),
    ("erlang:element", 2),
    ("erlang:append_element", 2),
    ("erlang:delete_element", 2),
    ("erlang:make_tuple", 2),
    ("erlang:is_record", 2),
    ("erlang:++", 2),
    ("erlang:--", 2),
    ("erlang:append", 2),
    ("erlang:subtract", 2),
    ("lists:reverse", 2),
    ("lists:member", 2),
    ("erlang:atom_to_binary", 2),
    ("erlang:binary_to_atom", 2),
    ("erlang:binary_to_existing_atom", 2),
    ("erlang:is_function", 2),
    ("erlang:fun_info", 2),
    ("erlang:system_flag", 2),
    ("erlang:get_module_info", 2),
    ("erlang:nif_error", 2),
    ("persistent_term:get", 2),
    ("persistent_term:put", 2),
    ("os:putenv", 2),
    ("lt_driver:nodes2", 2),
    ("lt_driver:md5_update_final", 2),
    ("erlang:crc32", 2),
    ("erlang:adler32", 2),
    ("erlang:setelement", 3),
    ("erlang:insert_element", 3),
    ("erlang:make_tuple", 3),
    ("erlang:is_record", 3),
    ("lists:keyfind", 3),
    ("lists:keymember", 3),
    ("lists:keysearch", 3),
    ("erlang:function_exported", 3),
    ("erlang:crc32_combine", 3),
    ("erlang:adler32_combine", 3),
    ("erlang:is_builtin", 3),
    ("erlang:make_fun", 3),
];

/// The runtime module, instantiated, with `testing_lists.wat`'s exports.
pub struct Runtime {
    store: Store<()>,
    lcall: TypedFunc<(i32, i32), i32>,
    literals: TypedFunc<i32, i32>,
    literals_count: TypedFunc<i32, i32>,
    memory: Memory,
}

/// The engine and the compiled runtime, shared by every instance of a test binary.
fn compiled() -> &'static (Engine, Module) {
    engine::compiled()
}

impl Runtime {
    pub fn new() -> Runtime {
        let (engine, module) = compiled();
        let mut store = Store::new(engine, ());
        let mut linker = Linker::new(engine);
        linker
            .define_unknown_imports_as_default_values(&mut store, module)
            .unwrap_or_else(|e| panic!("imports: {e}"));
        let instance: Instance = linker
            .instantiate(&mut store, module)
            .unwrap_or_else(|e| panic!("instantiate: {e:?}"));
        let init = instance
            .get_typed_func::<(), ()>(&mut store, "test:init")
            .unwrap_or_else(|e| panic!("{e}"));
        init.call(&mut store, ())
            .unwrap_or_else(|e| panic!("test:init: {e:?}"));
        let count = instance
            .get_typed_func::<(), i32>(&mut store, "test:lcount")
            .unwrap_or_else(|e| panic!("{e}"));
        let n = count.call(&mut store, ()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            n as usize,
            FUNS.len(),
            "testing_lists.wat's table and FUNS disagree"
        );
        let lcall = instance
            .get_typed_func::<(i32, i32), i32>(&mut store, "test:lcall")
            .unwrap_or_else(|e| panic!("{e}"));
        let literals = instance
            .get_typed_func::<i32, i32>(&mut store, "test:literals")
            .unwrap_or_else(|e| panic!("{e}"));
        let literals_count = instance
            .get_typed_func::<i32, i32>(&mut store, "test:literals_count")
            .unwrap_or_else(|e| panic!("{e}"));
        let memory = instance
            .get_memory(&mut store, "memory")
            .unwrap_or_else(|| panic!("no memory export"));
        Runtime {
            store,
            lcall,
            literals,
            literals_count,
            memory,
        }
    }

    fn put(&mut self, input: &[u8]) -> Result<(), String> {
        let have = self.memory.data_size(&self.store);
        if input.len() > have {
            let pages = (input.len() - have).div_ceil(65536) as u64;
            self.memory
                .grow(&mut self.store, pages)
                .map_err(|e| e.to_string())?;
        }
        self.memory.data_mut(&mut self.store)[..input.len()].copy_from_slice(input);
        Ok(())
    }

    fn take(&self, n: i32) -> Result<Vec<u8>, String> {
        if n < 0 {
            return Err(format!("the test export returned {n}"));
        }
        Ok(self.memory.data(&self.store)[..n as usize].to_vec())
    }

    /// Applies FUNS entry `name`/`arity` to the ETF argument list; the ETF of the outcome.
    pub fn call(&mut self, name: &str, arity: usize, args: &[u8]) -> Result<Vec<u8>, String> {
        let idx = FUNS
            .iter()
            .position(|&(n, a)| n == name && a == arity)
            .ok_or_else(|| format!("no {name}/{arity} in testing_lists.wat"))?;
        self.put(args)?;
        let n = self
            .lcall
            .call(&mut self.store, (idx as i32, args.len() as i32))
            .map_err(|e| format!("trap: {}", one_line(&e)))?;
        self.take(n)
    }

    /// Decodes a literal pool segment (and nothing else); the number of literals and the
    /// time the decoding took.
    pub fn literals_timed(&mut self, segment: &[u8]) -> Result<(i32, std::time::Duration), String> {
        self.put(segment)?;
        let t0 = std::time::Instant::now();
        let n = self
            .literals_count
            .call(&mut self.store, segment.len() as i32)
            .map_err(|e| format!("trap: {}", one_line(&e)))?;
        Ok((n, t0.elapsed()))
    }

    /// Decodes a literal pool segment; the ETF of {ok, {Literal, ...}}.
    pub fn literals(&mut self, segment: &[u8]) -> Result<Vec<u8>, String> {
        self.put(segment)?;
        let n = self
            .literals
            .call(&mut self.store, segment.len() as i32)
            .map_err(|e| format!("trap: {}", one_line(&e)))?;
        self.take(n)
    }
}

/// A trap as one line: its message and the innermost wasm frames.
fn one_line(e: &wasmtime::Error) -> String {
    format!("{e:#}").replace('\n', " | ")
}

pub fn hex(b: &[u8]) -> String {
    let mut s = String::with_capacity(b.len() * 2);
    for x in b {
        let _ = write!(s, "{x:02X}");
    }
    s
}

pub fn unhex(s: &str) -> Vec<u8> {
    (0..s.len() / 2)
        .map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap_or(0))
        .collect()
}

/// One case as the VM saw it.
pub struct VmCase {
    pub name: String,
    pub arity: usize,
    pub args: String,
    pub expected: String,
}

fn scratch_dir(tag: &str) -> PathBuf {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    let dir = std::env::temp_dir().join(format!(
        "beamwasm-lt-{}-{tag}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir
}

/// A scratch directory holding the compiled `tests/erl/lt_driver.erl` and the given case
/// modules (`tests/erl/{name}.erl`).
pub fn compile_erl(modules: &[&str]) -> PathBuf {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("erl");
    let dir = scratch_dir(modules.first().copied().unwrap_or("driver"));
    let mut cmd = Command::new("erlc");
    cmd.arg("-o").arg(&dir).arg(src.join("lt_driver.erl"));
    for m in modules {
        cmd.arg(src.join(format!("{m}.erl")));
    }
    let status = cmd.status().unwrap_or_else(|e| {
        panic!("cannot run `erlc` (scripts/bootstrap.sh installs Erlang): {e}")
    });
    assert!(status.success(), "erlc failed on {modules:?}");
    dir
}

/// Runs `lt_driver:{function}([Args...])` on the VM with `dir` in the code path.
pub fn run_driver(dir: &PathBuf, function: &str, args: &[String]) -> std::process::Output {
    let quoted: Vec<String> = args.iter().map(|a| format!("{a:?}")).collect();
    Command::new("erl")
        .arg("-noshell")
        .arg("-pa")
        .arg(dir)
        .arg("-eval")
        .arg(format!("lt_driver:{function}([{}])", quoted.join(", ")))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .unwrap_or_else(|e| panic!("cannot run `erl`: {e}"))
}

/// Compiles `tests/erl/lt_driver.erl` and `tests/erl/{module}.erl` and evaluates the cases
/// `module:function()` returns on the VM.
pub fn run_on_vm(module: &str, function: &str) -> Vec<VmCase> {
    let dir = compile_erl(&[module]);
    let out = dir.join("out.txt");
    let run = run_driver(
        &dir,
        "main",
        &[
            module.to_string(),
            function.to_string(),
            out.display().to_string(),
        ],
    );
    let text = std::fs::read_to_string(&out).unwrap_or_else(|e| {
        panic!(
            "the VM wrote no results ({e}): {}{}",
            String::from_utf8_lossy(&run.stdout),
            String::from_utf8_lossy(&run.stderr)
        )
    });
    let _ = std::fs::remove_dir_all(&dir);
    text.lines()
        .map(|l| {
            let mut it = l.split(' ');
            let head = it.next().unwrap_or_default();
            let (name, arity) = head.rsplit_once('/').unwrap_or((head, "0"));
            VmCase {
                name: name.to_string(),
                arity: arity.parse().unwrap_or(0),
                args: it.next().unwrap_or_default().to_string(),
                expected: it.next().unwrap_or_default().to_string(),
            }
        })
        .collect()
}

/// Renders ETF hex strings as Erlang terms (for failure messages), in one VM run.
pub fn show_terms(hexes: &[String]) -> Vec<String> {
    let dir = scratch_dir("show");
    let input = dir.join("in.txt");
    std::fs::write(&input, hexes.join("\n")).unwrap_or_else(|e| panic!("{e}"));
    let script = format!(
        "{{ok, D}} = file:read_file(\"{}\"), \
         [io:format(\"~ts~n\", [try io_lib:format(\"~0tP\", [binary_to_term(binary:decode_hex(L)), 12]) \
           catch _:_ -> L end]) || L <- binary:split(D, <<\"\\n\">>, [global])], halt().",
        input.display()
    );
    let out = Command::new("erl")
        .args(["-noshell", "-eval", &script])
        .output();
    let _ = std::fs::remove_dir_all(&dir);
    match out {
        Ok(o) => String::from_utf8_lossy(&o.stdout)
            .lines()
            .map(str::to_string)
            .collect(),
        Err(_) => hexes.to_vec(),
    }
}

/// Runs every case of `module` on the VM and in the runtime; panics listing the
/// divergences (at most 30 shown), except those whose name and argument hex are listed in
/// `known_gaps` (each must still diverge, so a fixed gap is noticed).
pub fn check_module(module: &str, known_gaps: &[(&str, &str)]) {
    check_cases(module, "cases", known_gaps);
}

/// As [`check_module`], for the cases `module:function()` returns.
pub fn check_cases(module: &str, function: &str, known_gaps: &[(&str, &str)]) {
    let cases = run_on_vm(module, function);
    let mut rt = Runtime::new();
    let mut bad = Vec::new();
    let mut gaps_seen = 0;
    for c in &cases {
        let got = match rt.call(&c.name, c.arity, &unhex(&c.args)) {
            Ok(b) => hex(&b),
            Err(e) => {
                // a trap poisons the instance: start a fresh one
                rt = Runtime::new();
                e
            }
        };
        let gap = known_gaps
            .iter()
            .any(|(n, a)| *n == c.name && (a.is_empty() || *a == c.args));
        if got != c.expected {
            if gap {
                gaps_seen += 1;
            } else {
                bad.push((c, got));
            }
        }
    }
    if !bad.is_empty() {
        if let Ok(path) = std::env::var("LT_DUMP") {
            // every divergence in full: name, args, expected and actual ETF hex
            let mut dump = String::new();
            for (c, got) in &bad {
                let _ = writeln!(
                    dump,
                    "{}/{} {} {} {}",
                    c.name, c.arity, c.args, c.expected, got
                );
            }
            let _ = std::fs::write(path, dump);
        }
        let n = bad.len();
        bad.truncate(30);
        let mut hexes = Vec::new();
        for (c, got) in &bad {
            hexes.push(c.args.clone());
            hexes.push(c.expected.clone());
            hexes.push(got.clone());
        }
        let shown = show_terms(&hexes);
        let mut msg = String::new();
        for (i, (c, _)) in bad.iter().enumerate() {
            let s = |k: usize| shown.get(3 * i + k).cloned().unwrap_or_default();
            let _ = write!(
                msg,
                "\n{}/{} {}\n    vm:  {}\n    our: {}",
                c.name,
                c.arity,
                s(0),
                s(1),
                s(2)
            );
        }
        panic!(
            "{module}: {n} of {} cases differ from the VM:{msg}",
            cases.len()
        );
    }
    eprintln!(
        "{module}: {} cases agree with the VM ({gaps_seen} known gaps)",
        cases.len()
    );
}
