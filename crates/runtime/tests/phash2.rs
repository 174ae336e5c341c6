//! erlang:phash2/1,2 and erlang:phash/2 against the VM on random terms of every kind the
//! harness can pass (integers of all sizes, floats, atoms, binaries, bitstrings, lists,
//! improper lists, tuples) and on maps built from lists, small and large.
mod common;
mod termtest;
use common::*;
use termtest::*;

#[test]
fn phash2_of_random_terms() {
    let mut r = Rng::new(seed() + 200);
    let mut cases = Vec::new();
    for _ in 0..count(3000) {
        cases.push(MCase::new("erlang:phash2", vec![r.term(3)]));
    }
    for k in [-(1i128 << 27) - 1, -(1 << 27), (1 << 27) - 1, 1 << 27, -1, 0, 255, 256, 1 << 59, -(1 << 59), 1 << 64] {
        cases.push(MCase::new("erlang:phash2", vec![T::int(k)]));
    }
    check("phash2/1", &cases);
}

#[test]
fn phash2_and_phash_with_ranges() {
    let mut r = Rng::new(seed() + 201);
    let ranges = [T::int(1), T::int(7), T::int(1 << 32), T::int((1 << 32) - 1), T::int(1 << 33), T::int(0), T::int(-3), T::atom("x"), T::Float(3.0)];
    let mut cases = Vec::new();
    for _ in 0..count(800) {
        let t = r.term(2);
        let range = if r.chance(50) { r.pick(&ranges).clone() } else { T::int(1 + r.below(1 << 31) as i128) };
        cases.push(MCase::new("erlang:phash2", vec![t.clone(), range.clone()]));
        cases.push(MCase::new("erlang:phash", vec![t, range]));
    }
    check("phash2/2 and phash/2", &cases);
}

#[test]
fn phash2_of_maps() {
    let mut r = Rng::new(seed() + 202);
    let mut cases = Vec::new();
    for _ in 0..count(150) {
        let n = if r.chance(50) { r.below(40) } else { r.below(300) } as usize;
        let pairs: Vec<T> = (0..n).map(|_| T::tuple(vec![r.term(1), r.term(1)])).collect();
        cases.push(MCase::new("tm_phash2", vec![T::list(pairs)]));
    }
    check("phash2 of maps", &cases);
}
