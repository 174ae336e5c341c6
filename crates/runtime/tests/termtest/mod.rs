//! The harness for the term-order, hash and map tests: `testing_terms.wat`'s `test:mcall`
//! on one side, the same operations as Erlang funs on the real VM on the other, compared
//! by the external term format of their results. Terms, the PRNG and the seed/count knobs
//! come from `common` (BEAMWASM_SEED, BEAMWASM_CASES).
#![allow(dead_code)]

use std::fmt::Write as _;
use std::process::{Command, Stdio};

use wasmtime::{Instance, Linker, Memory, Store, TypedFunc};

use crate::common::{engine, hex, seed, T};

/// `testing_terms.wat`'s table, in its order: (name, arity).
pub const FUNS: &[(&str, usize)] = &[
    ("erlang:phash2", 1), ("tm_from_list", 1), ("tm_puts", 1), ("tm_keys", 1), ("tm_values", 1), ("tm_iter", 1),
    ("tm_size", 1), ("tm_phash2", 1), ("maps:from_list", 1), ("maps:keys", 1), ("maps:values", 1),
    ("erlang:map_size", 1), ("tm_from_keys", 1), ("tm_hamt_shape", 1),
    ("tm_cmp", 2), ("erlang:phash2", 2), ("erlang:phash", 2), ("tm_remove", 2), ("tm_merge", 2), ("tm_get", 2),
    ("tm_find", 2), ("tm_is_key", 2), ("tm_take", 2), ("tm_mcmp", 2), ("maps:get", 2), ("maps:find", 2),
    ("maps:remove", 2), ("maps:take", 2), ("maps:merge", 2), ("maps:is_key", 2), ("erlang:map_get", 2),
    ("erlang:is_map_key", 2), ("maps:from_keys", 2), ("erlang:and", 2), ("erlang:or", 2), ("erlang:xor", 2),
    ("tm_merge_hint", 2),
    ("tm_update", 3), ("tm_put", 3), ("maps:put", 3), ("maps:update", 3), ("erts_internal:map_next", 3),
];

/// The same operations on the VM.
const ERL_DRIVER: &str = r#"
Hex = fun(B) -> binary:encode_hex(B) end,
ToList = fun(M) -> maps:to_list(M) end,
Puts = fun(M0, L) -> lists:foldl(fun({K, V}, M) -> maps:put(K, V, M) end, M0, L) end,
Sign = fun(A, B) -> if A < B -> -1; A > B -> 1; true -> 0 end end,
Cmp = fun(A, B) -> {Sign(A, B), A == B, A =:= B, erts_internal:cmp_term(A, B)} end,
Iter = fun(M) ->
  Loop = fun Loop(I, Acc) -> case maps:next(I) of none -> lists:reverse(Acc); {K, V, I2} -> Loop(I2, [{K, V} | Acc]) end end,
  Loop(maps:iterator(M), []) end,
Ops = #{
  <<"tm_from_list">> => fun(L) -> ToList(maps:from_list(L)) end,
  <<"tm_puts">> => fun(L) -> ToList(Puts(#{}, L)) end,
  <<"tm_keys">> => fun(L) -> maps:keys(maps:from_list(L)) end,
  <<"tm_values">> => fun(L) -> maps:values(maps:from_list(L)) end,
  <<"tm_iter">> => fun(L) -> Iter(maps:from_list(L)) end,
  <<"tm_size">> => fun(L) -> map_size(maps:from_list(L)) end,
  <<"tm_phash2">> => fun(L) -> erlang:phash2(maps:from_list(L)) end,
  <<"tm_from_keys">> => fun(L) -> ToList(maps:from_keys(L, ok)) end,
  <<"tm_cmp">> => Cmp,
  <<"tm_remove">> => fun(L, Ks) -> ToList(lists:foldl(fun(K, M) -> maps:remove(K, M) end, maps:from_list(L), Ks)) end,
  <<"tm_merge">> => fun(A, B) -> ToList(maps:merge(maps:from_list(A), maps:from_list(B))) end,
  <<"tm_merge_hint">> => fun(A, B) -> M = maps:from_list(A), ToList(maps:merge(M, Puts(M, B))) end,
  <<"tm_get">> => fun(L, K) -> maps:get(K, maps:from_list(L)) end,
  <<"tm_find">> => fun(L, K) -> maps:find(K, maps:from_list(L)) end,
  <<"tm_is_key">> => fun(L, K) -> maps:is_key(K, maps:from_list(L)) end,
  <<"tm_take">> => fun(L, K) -> case maps:take(K, maps:from_list(L)) of {V, M} -> {V, ToList(M)}; error -> error end end,
  <<"tm_mcmp">> => fun(A, B) -> Cmp(maps:from_list(A), maps:from_list(B)) end,
  <<"tm_update">> => fun(L, K, V) -> ToList(maps:update(K, V, maps:from_list(L))) end,
  <<"tm_put">> => fun(L, K, V) -> ToList(maps:put(K, V, maps:from_list(L))) end
},
{ok, Data} = file:read_file(os:getenv("BEAMWASM_CASES_FILE")),
Lines = [L || L <- binary:split(Data, <<"\n">>, [global]), L =/= <<>>],
Out = [begin
          [F, A] = binary:split(L, <<" ">>),
          Args = binary_to_term(binary:decode_hex(A)),
          Fun = case maps:find(F, Ops) of
                  {ok, Op} -> Op;
                  error -> [Mod, Name] = binary:split(F, <<":">>),
                           erlang:make_fun(binary_to_atom(Mod), binary_to_atom(Name), length(Args))
                end,
          R = try {ok, apply(Fun, Args)} catch error:E -> {error, E} end,
          [Hex(term_to_binary(R)), $\n]
       end || L <- Lines],
ok = file:write_file(os:getenv("BEAMWASM_OUT_FILE"), Out),
halt().
"#;

/// One call of a `FUNS` entry.
#[derive(Clone, Debug)]
pub struct MCase {
    pub name: &'static str,
    pub args: Vec<T>,
}

impl MCase {
    pub fn new(name: &'static str, args: Vec<T>) -> MCase {
        MCase { name, args }
    }
    fn etf(&self) -> Vec<u8> {
        T::List(self.args.clone(), None).to_etf()
    }
}

/// The runtime with `test:mcall`.
pub struct MRuntime {
    store: Store<()>,
    call: TypedFunc<(i32, i32), i32>,
    memory: Memory,
}

impl MRuntime {
    pub fn new() -> MRuntime {
        let (engine, module) = engine::compiled();
        let mut store = Store::new(engine, ());
        let mut linker = Linker::new(engine);
        linker.define_unknown_imports_as_default_values(&mut store, module).unwrap_or_else(|e| panic!("imports: {e}"));
        let instance: Instance = linker.instantiate(&mut store, module).unwrap_or_else(|e| panic!("instantiate: {e:?}"));
        let init = instance.get_typed_func::<(), ()>(&mut store, "test:init").unwrap_or_else(|e| panic!("{e}"));
        init.call(&mut store, ()).unwrap_or_else(|e| panic!("test:init: {e:?}"));
        let count = instance.get_typed_func::<(), i32>(&mut store, "test:mcount").unwrap_or_else(|e| panic!("{e}"));
        let n = count.call(&mut store, ()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(n as usize, FUNS.len(), "testing_terms.wat's table and FUNS disagree");
        let call = instance.get_typed_func::<(i32, i32), i32>(&mut store, "test:mcall").unwrap_or_else(|e| panic!("{e}"));
        let memory = instance.get_memory(&mut store, "memory").unwrap_or_else(|| panic!("no memory export"));
        MRuntime { store, call, memory }
    }

    /// The ETF of {ok, R} | {error, E} for one case, or a description of a trap.
    pub fn call(&mut self, c: &MCase) -> Result<Vec<u8>, String> {
        let idx = FUNS
            .iter()
            .position(|&(n, a)| n == c.name && a == c.args.len())
            .unwrap_or_else(|| panic!("no {}/{} in testing_terms.wat", c.name, c.args.len()));
        let args = c.etf();
        let have = self.memory.data_size(&self.store);
        if args.len() > have {
            let pages = (args.len() - have).div_ceil(65536) as u64;
            self.memory.grow(&mut self.store, pages).map_err(|e| e.to_string())?;
        }
        self.memory.data_mut(&mut self.store)[..args.len()].copy_from_slice(&args);
        let n = self.call.call(&mut self.store, (idx as i32, args.len() as i32)).map_err(|e| format!("trap: {e:?}"))?;
        if n < 0 {
            return Err(format!("test:mcall returned {n}"));
        }
        Ok(self.memory.data(&self.store)[..n as usize].to_vec())
    }
}

/// The VM's answers (ETF hex) for the cases, in one `erl` run.
pub fn run_on_vm(cases: &[MCase]) -> Vec<String> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    let dir = std::env::temp_dir().join(format!("beamwasm-terms-{}-{}", std::process::id(), N.fetch_add(1, Ordering::Relaxed)));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let input = dir.join("cases.txt");
    let output = dir.join("out.txt");
    let mut text = String::new();
    for c in cases {
        let _ = writeln!(text, "{} {}", c.name, hex(&c.etf()));
    }
    std::fs::write(&input, text).unwrap_or_else(|e| panic!("{e}"));
    let out = Command::new("erl")
        .args(["-noshell", "-eval", ERL_DRIVER])
        .env("BEAMWASM_CASES_FILE", &input)
        .env("BEAMWASM_OUT_FILE", &output)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cannot run `erl` (scripts/bootstrap.sh installs it): {e}"));
    let result = std::fs::read_to_string(&output).unwrap_or_else(|e| {
        panic!("erl produced no results ({e}); stdout: {} stderr: {}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
    });
    let _ = std::fs::remove_dir_all(&dir);
    let lines: Vec<String> = result.lines().map(str::to_string).collect();
    assert_eq!(lines.len(), cases.len(), "erl returned a different number of results");
    lines
}

/// Runs every case on both sides; panics listing the divergences (at most 20 shown).
pub fn check(what: &str, cases: &[MCase]) {
    let expected = run_on_vm(cases);
    let mut rt = MRuntime::new();
    let mut bad = Vec::new();
    for (c, exp) in cases.iter().zip(&expected) {
        let got = match rt.call(c) {
            Ok(b) => hex(&b),
            Err(e) => {
                rt = MRuntime::new();
                e
            }
        };
        if &got != exp {
            bad.push(format!("{}({})\n    vm:  {}\n    our: {}", c.name, crate::common::show_args(&c.args), exp, got));
        }
    }
    if !bad.is_empty() {
        let n = bad.len();
        bad.truncate(20);
        panic!("{what}: {n} of {} cases differ from the VM (seed {}):\n{}", cases.len(), seed(), bad.join("\n"));
    }
    eprintln!("{what}: {} cases agree with the VM", cases.len());
}
