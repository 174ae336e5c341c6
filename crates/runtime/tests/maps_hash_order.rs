//! The iteration order of large maps (hash tries) against the VM: maps:to_list, maps:keys,
//! maps:values and the maps:next iterator of maps of 33..2000 keys (integers of every size,
//! floats, binaries, tuples, lists, strings, mixed) built by maps:from_list, by repeated
//! maps:put, shrunk by maps:remove across the 32/33 boundary, and merged.
mod common;
mod termtest;
use common::*;
use termtest::*;

/// A key of the given kind (0: small int, 1: any integer, 2: float, 3: binary, 4: tuple,
/// 5: list/string, 6: mixed).
fn key(r: &mut Rng, kind: u64, i: usize) -> T {
    match kind {
        0 => T::int(i as i128 * if r.chance(20) { -1 } else { 1 }),
        1 => r.integer(),
        2 => T::Float(r.float()),
        3 => {
            let n = r.below(12) as usize;
            T::Bin((0..n).map(|_| r.next() as u8).collect())
        }
        4 => {
            let second = if r.chance(50) { T::Bin(vec![r.next() as u8]) } else { T::int(r.below(5) as i128) };
            T::tuple(vec![T::int(i as i128), second])
        }
        5 => {
            if r.chance(50) {
                T::str(&format!("key{i}"))
            } else {
                T::list(vec![T::int(i as i128), T::int(r.below(300) as i128), T::Float(0.5)])
            }
        }
        _ => {
            let k = r.below(6);
            key(r, k, i)
        }
    }
}

fn pairs(r: &mut Rng, kind: u64, n: usize) -> Vec<T> {
    (0..n).map(|i| T::tuple(vec![key(r, kind, i), T::int(i as i128)])).collect()
}

fn size(r: &mut Rng) -> usize {
    match r.below(4) {
        0 => 33 + r.below(8) as usize,
        1 => 25 + r.below(20) as usize,
        2 => 40 + r.below(300) as usize,
        _ => 300 + r.below(1700) as usize,
    }
}

#[test]
fn from_list_order_matches_vm() {
    let mut r = Rng::new(seed() + 300);
    let mut cases = Vec::new();
    for kind in 0..7 {
        for _ in 0..count(12) {
            let n = size(&mut r);
            let l = T::list(pairs(&mut r, kind, n));
            cases.push(MCase::new("tm_from_list", vec![l.clone()]));
            if r.chance(30) {
                cases.push(MCase::new("tm_keys", vec![l.clone()]));
                cases.push(MCase::new("tm_values", vec![l.clone()]));
                cases.push(MCase::new("tm_iter", vec![l]));
            }
        }
    }
    check("from_list order", &cases);
}

#[test]
fn put_order_matches_vm() {
    let mut r = Rng::new(seed() + 301);
    let mut cases = Vec::new();
    for kind in 0..7 {
        for _ in 0..count(8) {
            let n = size(&mut r);
            let mut ps = pairs(&mut r, kind, n);
            // some repeated keys with new values
            for _ in 0..r.below(10) {
                let i = r.below(n as u64) as usize;
                if let T::Tuple(kv) = ps[i].clone() {
                    ps.push(T::tuple(vec![kv[0].clone(), T::atom("again")]));
                }
            }
            cases.push(MCase::new("tm_puts", vec![T::list(ps)]));
        }
    }
    check("put order", &cases);
}

#[test]
fn remove_order_matches_vm() {
    let mut r = Rng::new(seed() + 302);
    let mut cases = Vec::new();
    for kind in 0..7 {
        for _ in 0..count(8) {
            let span = if r.chance(50) { 10 } else { 200 };
            let n = 33 + r.below(span) as usize;
            let ps = pairs(&mut r, kind, n);
            let mut ks = Vec::new();
            let m = r.below(n as u64 + 3) as usize;
            for _ in 0..m {
                let i = r.below(n as u64) as usize;
                if let T::Tuple(kv) = &ps[i] {
                    ks.push(kv[0].clone());
                }
            }
            if r.chance(20) {
                ks.push(T::atom("absent"));
            }
            cases.push(MCase::new("tm_remove", vec![T::list(ps.clone()), T::list(ks)]));
            let i = r.below(n as u64) as usize;
            if let T::Tuple(kv) = &ps[i] {
                cases.push(MCase::new("tm_take", vec![T::list(ps.clone()), kv[0].clone()]));
                cases.push(MCase::new("tm_update", vec![T::list(ps.clone()), kv[0].clone(), T::atom("new")]));
                cases.push(MCase::new("tm_get", vec![T::list(ps.clone()), kv[0].clone()]));
            }
            let k = key(&mut r, kind, n + 7);
            cases.push(MCase::new("tm_put", vec![T::list(ps.clone()), k, T::atom("put")]));
            cases.push(MCase::new("tm_get", vec![T::list(ps), T::atom("absent")]));
        }
    }
    check("remove order", &cases);
}

#[test]
fn merge_order_matches_vm() {
    let mut r = Rng::new(seed() + 303);
    let mut cases = Vec::new();
    for kind in 0..7 {
        for _ in 0..count(8) {
            let na = if r.chance(30) { r.below(33) as usize } else { size(&mut r) };
            let nb = if r.chance(30) { r.below(33) as usize } else { size(&mut r) };
            let a = pairs(&mut r, kind, na);
            let mut b = pairs(&mut r, kind, nb);
            // overlap: some of a's keys in b
            for _ in 0..r.below(20) {
                if na > 0 {
                    let i = r.below(na as u64) as usize;
                    if let T::Tuple(kv) = &a[i] {
                        b.push(T::tuple(vec![kv[0].clone(), T::atom("b")]));
                    }
                }
            }
            cases.push(MCase::new("tm_merge", vec![T::list(a.clone()), T::list(b.clone())]));
            cases.push(MCase::new("tm_merge_hint", vec![T::list(a.clone()), T::list(b.clone())]));
            cases.push(MCase::new("tm_mcmp", vec![T::list(a), T::list(b)]));
        }
    }
    check("merge order", &cases);
}

/// Known gap: the VM lays out atom keys by their index in its atom table, which depends on
/// what it loaded; we hash a stand-in derived from the name (hash.wat), so large maps with
/// atom keys (or tuples/lists holding atoms) iterate in a different, deterministic order.
#[test]
#[ignore = "known gap: large maps keyed by atoms iterate in a different order than the VM"]
fn atom_keyed_large_maps_iterate_in_vm_order() {
    let l = T::list((0..40).map(|i| T::tuple(vec![T::atom(&format!("key_{i}")), T::int(i)])).collect());
    let t = T::list((0..40).map(|i| T::tuple(vec![T::tuple(vec![T::atom("ok"), T::int(i)]), T::int(i)])).collect());
    check("atom keys", &[MCase::new("tm_from_list", vec![l]), MCase::new("tm_from_list", vec![t])]);
}
