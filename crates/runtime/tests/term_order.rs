//! The term order and both equalities against the VM: `<`/`>` (as -1/0/1), `==`, `=:=` and
//! erts_internal:cmp_term/2 over random mixed terms, number edge cases (integers of every
//! size against floats near 2^53 and beyond i64), atoms by UTF-8, bitstrings, and the
//! boolean operators.
mod common;
mod termtest;
use common::*;
use termtest::*;

fn edge_numbers() -> Vec<T> {
    let mut v = vec![
        T::int(0), T::Float(0.0), T::Float(-0.0), T::int(1), T::Float(1.0), T::int(-1), T::Float(-1.0),
        T::int(9007199254740993), T::Float(9007199254740992.0), T::int(9007199254740992), T::Float(9007199254740994.0),
        T::int(-9007199254740993), T::Float(-9007199254740992.0), T::Float(1.5), T::int(2), T::Float(2.5),
        T::int((1 << 59) - 1), T::int(1 << 59), T::Float(576460752303423488.0), T::int(1 << 63), T::int((1 << 63) - 1),
        T::Float(9223372036854775808.0), T::int(-(1 << 63)), T::Float(-9223372036854775808.0), T::int(-(1 << 63) - 1),
        T::int(1 << 64), T::Float(18446744073709551616.0), T::int((1 << 64) + 1), T::Float(1e30), T::Float(-1e30),
        T::int(1_000_000_000_000_000_019_884_624_838_656), T::Float(1e300), T::Float(1.7976931348623157e308),
        T::Float(0.5), T::Float(1e-300), T::int(1 << 30), T::int((1 << 30) - 1), T::int(-(1 << 30)), T::int(-(1 << 30) - 1),
    ];
    // a bignum equal to 1e300 (integral double)
    let f = 1e300f64;
    let bits = f.to_bits();
    let e = ((bits >> 52) & 0x7ff) as i64 - 1075;
    let m = (bits & ((1 << 52) - 1)) | (1 << 52);
    let mut mag = vec![0u8; (e as usize + 53) / 8 + 2];
    for i in 0..53 {
        if m >> i & 1 == 1 {
            let b = e as usize + i;
            mag[b / 8] |= 1 << (b % 8);
        }
    }
    v.push(T::Int(false, mag.clone()));
    v.push(T::Int(true, mag));
    v
}

#[test]
fn numbers_compare_as_the_vm() {
    let nums = edge_numbers();
    let mut cases = Vec::new();
    for a in &nums {
        for b in &nums {
            cases.push(MCase::new("tm_cmp", vec![a.clone(), b.clone()]));
        }
    }
    let mut r = Rng::new(seed() + 100);
    for _ in 0..count(1500) {
        let a = r.number();
        let b = if r.chance(30) { a.clone() } else { r.number() };
        cases.push(MCase::new("tm_cmp", vec![a, b]));
    }
    check("number order", &cases);
}

#[test]
fn atoms_binaries_lists_tuples_compare_as_the_vm() {
    let atoms = ["", "a", "ab", "abc", "abcd", "abcde", "b", "z", "\u{e4}", "\u{e4}a", "\u{3bb}", "Z", "a\u{0}", "nonode@nohost"];
    let mut cases = Vec::new();
    for a in atoms {
        for b in atoms {
            cases.push(MCase::new("tm_cmp", vec![T::atom(a), T::atom(b)]));
        }
    }
    let bits = [
        T::Bin(vec![]), T::Bin(vec![1]), T::Bin(vec![1, 2]), T::Bin(vec![0xff]), T::Bits(vec![0x80], 1), T::Bits(vec![0x80], 2),
        T::Bits(vec![1, 0x80], 1), T::Bits(vec![0xff], 7), T::Bin(vec![1, 2, 3]), T::Bits(vec![1, 2, 0], 3),
    ];
    for a in &bits {
        for b in &bits {
            cases.push(MCase::new("tm_cmp", vec![a.clone(), b.clone()]));
        }
    }
    check("atoms and bitstrings", &cases);
}

#[test]
fn random_terms_compare_as_the_vm() {
    let mut r = Rng::new(seed() + 101);
    let mut cases = Vec::new();
    for _ in 0..count(3000) {
        let a = r.term(3);
        let b = if r.chance(20) { a.clone() } else { r.term(3) };
        cases.push(MCase::new("tm_cmp", vec![a, b]));
    }
    check("random terms", &cases);
}

#[test]
fn long_lists_and_deep_tuples_do_not_exhaust_the_stack() {
    let long: Vec<T> = (0..200_000).map(|i| T::int(i % 1000)).collect();
    let mut long2 = long.clone();
    long2.push(T::int(5));
    let mut deep = T::int(0);
    for i in 0..2_000 {
        deep = T::tuple(vec![T::int(i), deep]);
    }
    let cases = vec![
        MCase::new("tm_cmp", vec![T::list(long.clone()), T::list(long.clone())]),
        MCase::new("tm_cmp", vec![T::list(long), T::list(long2)]),
        MCase::new("tm_cmp", vec![deep.clone(), deep]),
    ];
    check("long lists", &cases);
}

#[test]
fn boolean_operators_as_the_vm() {
    let vals = [T::atom("true"), T::atom("false"), T::atom("x"), T::int(1)];
    let mut cases = Vec::new();
    for op in ["erlang:and", "erlang:or", "erlang:xor"] {
        for a in &vals {
            for b in &vals {
                cases.push(MCase::new(op, vec![a.clone(), b.clone()]));
            }
        }
    }
    check("and/or/xor", &cases);
}
