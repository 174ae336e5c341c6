//! ETS speed against the VM (informational; run with `--ignored --nocapture`): insert,
//! lookup, a guarded select and delete of n objects per table type, timed in the runtime
//! (testing_ets.wat's `test:ets_bench`) and on the VM (the same loop in Erlang).
mod common;
mod etstest;

use std::process::Command;
use std::time::Instant;

#[test]
#[ignore]
fn ets_speed_against_the_vm() {
    let n = 200_000;
    let erl = format!(
        "B = fun(Opts) -> T = ets:new(t, Opts), N = {n}, \
           [ets:insert(T, {{I * 7919, I}}) || I <- lists:seq(0, N - 1)], \
           F = length([x || I <- lists:seq(0, N - 1), ets:lookup(T, I * 7919) =/= []]), \
           S = length(ets:select(T, [{{{{'_', '$1'}}, [{{'==', {{'rem', '$1', 2}}, 0}}], ['$1']}}])), \
           [ets:delete(T, I * 7919) || I <- lists:seq(0, N - 1)], ets:delete(T), F + S end, \
         [begin Us = lists:min([element(1, timer:tc(fun() -> B(O) end)) || _ <- lists:seq(1, 5)]), \
                io:format(\"~p ~p~n\", [O, Us]) end \
          || O <- [[], [ordered_set], [bag], [duplicate_bag]]], halt()."
    );
    let out = Command::new("erl").args(["-noshell", "-eval", &erl]).output().expect("erl");
    eprintln!("VM (µs):\n{}", String::from_utf8_lossy(&out.stdout));
    let (engine, module) = etstest::compiled_module();
    let mut store = wasmtime::Store::new(engine, ());
    let mut linker = wasmtime::Linker::new(engine);
    linker.define_unknown_imports_as_default_values(&mut store, module).expect("imports");
    let inst = linker.instantiate(&mut store, module).expect("instantiate");
    inst.get_typed_func::<(), ()>(&mut store, "test:init").expect("init").call(&mut store, ()).expect("init");
    let bench = inst.get_typed_func::<(i32, i32), i32>(&mut store, "test:ets_bench").expect("bench");
    for (kind, name) in ["set", "ordered_set", "bag", "duplicate_bag"].iter().enumerate() {
        let mut best = u128::MAX;
        let mut r = 0;
        for _ in 0..5 {
            let t0 = Instant::now();
            r = bench.call(&mut store, (kind as i32, n)).expect("run");
            best = best.min(t0.elapsed().as_micros());
        }
        eprintln!("runtime {name}: {best} µs, best of 5 ({r})");
    }
    let phases = inst.get_typed_func::<(i32, i32, i32), i32>(&mut store, "test:ets_bench_phases").expect("phases");
    for (kind, name) in ["set", "ordered_set"].iter().enumerate() {
        for (mask, what) in [(0, "insert"), (2, "insert+lookup"), (4, "insert+select"), (8, "insert+delete")] {
            let mut best = u128::MAX;
            for _ in 0..5 {
                let t0 = Instant::now();
                phases.call(&mut store, (kind as i32, n, mask)).expect("run");
                best = best.min(t0.elapsed().as_micros());
            }
            eprintln!("runtime {name} {what}: {best} µs");
        }
    }
}
