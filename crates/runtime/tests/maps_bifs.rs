//! The map BIFs against the VM, small maps and errors: keys in map-key order (1 and 1.0
//! are two keys, integers first), 0.0 and -0.0 one key, later duplicates winning in
//! maps:from_list, the 32/33-key boundary both ways, and every error reason
//! ({badmap, M}, {badkey, K}, badarg).
mod common;
mod termtest;
use common::*;
use termtest::*;

fn kv(k: T, v: T) -> T {
    T::tuple(vec![k, v])
}

fn small_keys(r: &mut Rng) -> T {
    match r.below(12) {
        0 => T::int(1),
        1 => T::Float(1.0),
        2 => T::Float(0.0),
        3 => T::Float(-0.0),
        4 => T::int(0),
        5 => { let names = ["a", "b", "ok", "\u{e4}", "z"]; let i = r.below(5) as usize; T::atom(names[i]) }
        6 => T::Bin(vec![r.below(3) as u8]),
        7 => T::tuple(vec![T::int(r.below(3) as i128)]),
        8 => T::list(vec![]),
        9 => r.integer(),
        10 => T::Float(r.float()),
        _ => r.term(1),
    }
}

#[test]
fn small_maps_match_vm() {
    let mut r = Rng::new(seed() + 400);
    let mut cases = Vec::new();
    for _ in 0..count(400) {
        let span = if r.chance(80) { 10 } else { 45 };
        let n = r.below(span) as usize;
        let l: Vec<T> = (0..n).map(|i| kv(small_keys(&mut r), T::int(i as i128))).collect();
        let l = T::list(l);
        let k = small_keys(&mut r);
        let name = *r.pick(&["tm_from_list", "tm_puts", "tm_keys", "tm_values", "tm_iter", "tm_size", "tm_from_keys"]);
        let arg = if name == "tm_from_keys" {
            T::list((0..n).map(|_| small_keys(&mut r)).collect())
        } else {
            l.clone()
        };
        cases.push(MCase::new(name, vec![arg]));
        let name2 = *r.pick(&["tm_get", "tm_find", "tm_is_key", "tm_take", "tm_remove"]);
        let k2 = if name2 == "tm_remove" { T::list(vec![k.clone()]) } else { k.clone() };
        cases.push(MCase::new(name2, vec![l.clone(), k2]));
        cases.push(MCase::new("tm_update", vec![l.clone(), k.clone(), T::atom("u")]));
        cases.push(MCase::new("tm_put", vec![l.clone(), k, T::atom("p")]));
        let m = r.below(8) as usize;
        let l2 = T::list((0..m).map(|i| kv(small_keys(&mut r), T::int(100 + i as i128))).collect());
        cases.push(MCase::new("tm_merge", vec![l.clone(), l2.clone()]));
        cases.push(MCase::new("tm_mcmp", vec![l, l2]));
    }
    check("small maps", &cases);
}

#[test]
fn boundary_32_33_matches_vm() {
    let ints = |n: usize| T::list((0..n).map(|i| kv(T::int(i as i128), T::int(i as i128))).collect());
    let mut cases = Vec::new();
    for n in [31, 32, 33, 34] {
        cases.push(MCase::new("tm_from_list", vec![ints(n)]));
        cases.push(MCase::new("tm_put", vec![ints(n), T::int(1000), T::atom("x")]));
        cases.push(MCase::new("tm_remove", vec![ints(n), T::list(vec![T::int(3)])]));
        cases.push(MCase::new("tm_remove", vec![ints(n), T::list(vec![T::int(3), T::int(4)])]));
        cases.push(MCase::new("tm_take", vec![ints(n), T::int(5)]));
        cases.push(MCase::new("tm_merge", vec![ints(n), ints(2)]));
    }
    // 40 entries with duplicates leaving 30 keys: a flatmap again
    let dup = T::list((0..40).map(|i| kv(T::int(i % 30), T::int(i))).collect());
    cases.push(MCase::new("tm_from_list", vec![dup.clone()]));
    cases.push(MCase::new("tm_keys", vec![dup]));
    check("32/33 boundary", &cases);
}

#[test]
fn map_errors_match_vm() {
    let not_maps = [T::atom("a"), T::int(1), T::list(vec![]), T::tuple(vec![])];
    let mut cases = Vec::new();
    for nm in &not_maps {
        cases.push(MCase::new("maps:get", vec![T::atom("k"), nm.clone()]));
        cases.push(MCase::new("erlang:map_get", vec![T::atom("k"), nm.clone()]));
        cases.push(MCase::new("maps:find", vec![T::atom("k"), nm.clone()]));
        cases.push(MCase::new("maps:remove", vec![T::atom("k"), nm.clone()]));
        cases.push(MCase::new("maps:take", vec![T::atom("k"), nm.clone()]));
        cases.push(MCase::new("maps:is_key", vec![T::atom("k"), nm.clone()]));
        cases.push(MCase::new("erlang:is_map_key", vec![T::atom("k"), nm.clone()]));
        cases.push(MCase::new("maps:put", vec![T::atom("k"), T::int(1), nm.clone()]));
        cases.push(MCase::new("maps:update", vec![T::atom("k"), T::int(1), nm.clone()]));
        cases.push(MCase::new("maps:merge", vec![nm.clone(), T::atom("b")]));
        cases.push(MCase::new("maps:keys", vec![nm.clone()]));
        cases.push(MCase::new("maps:values", vec![nm.clone()]));
        cases.push(MCase::new("erlang:map_size", vec![nm.clone()]));
        cases.push(MCase::new("erts_internal:map_next", vec![T::int(0), nm.clone(), T::list(vec![])]));
    }
    let bad_lists = [
        T::atom("a"),
        T::list(vec![T::atom("a")]),
        T::list(vec![T::tuple(vec![T::int(1)])]),
        T::List(vec![kv(T::int(1), T::int(2))], Some(Box::new(T::atom("t")))),
        T::list(vec![T::tuple(vec![T::int(1), T::int(2), T::int(3)])]),
    ];
    for l in &bad_lists {
        cases.push(MCase::new("maps:from_list", vec![l.clone()]));
    }
    for l in [T::atom("a"), T::List(vec![T::int(1)], Some(Box::new(T::atom("t")))), T::int(3)] {
        cases.push(MCase::new("maps:from_keys", vec![l, T::int(0)]));
    }
    let l = T::list(vec![kv(T::atom("a"), T::int(1))]);
    cases.push(MCase::new("tm_get", vec![l.clone(), T::atom("b")]));
    cases.push(MCase::new("tm_update", vec![l.clone(), T::atom("b"), T::int(2)]));
    cases.push(MCase::new("tm_find", vec![l.clone(), T::atom("b")]));
    cases.push(MCase::new("tm_take", vec![l.clone(), T::atom("b")]));
    cases.push(MCase::new("tm_get", vec![l, T::Float(1.0)]));
    check("map errors", &cases);
}
