//! Arithmetic BIFs against the real VM: the operators across the i31 / i64 / bignum
//! boundaries, mixed with floats, and their errors.
mod common;
use common::*;

fn operand(r: &mut Rng, ints_only: bool) -> T {
    match r.below(20) {
        0 => T::atom("a"),
        1 => T::list(vec![]),
        2 | 3 | 4 if !ints_only => T::Float(r.float()),
        _ => r.integer(),
    }
}

#[test]
fn binary_operators_match_vm() {
    let mut r = Rng::new(seed());
    let mut cases = Vec::new();
    for _ in 0..count(300) {
        for op in ["+", "-", "*", "/", "div", "rem", "band", "bor", "bxor"] {
            let ints = !matches!(op, "+" | "-" | "*" | "/");
            let a = operand(&mut r, ints);
            let b = if r.chance(5) {
                T::int(0)
            } else {
                operand(&mut r, ints)
            };
            cases.push(Case::new(op, vec![a, b]));
        }
    }
    check_cases("binary operators", &cases);
}

#[test]
fn shifts_match_vm() {
    let mut r = Rng::new(seed() + 1);
    let mut cases = Vec::new();
    for _ in 0..count(600) {
        let op = if r.chance(50) { "bsl" } else { "bsr" };
        let a = operand(&mut r, true);
        let b = match r.below(10) {
            0 => r.integer(),
            1 => T::int(r.range(-3000, 3000) as i128),
            _ => T::int(r.range(-130, 130) as i128),
        };
        cases.push(Case::new(op, vec![a, b]));
    }
    check_cases("shifts", &cases);
}

#[test]
fn unary_operators_match_vm() {
    let mut r = Rng::new(seed() + 2);
    let mut cases = Vec::new();
    for _ in 0..count(250) {
        for op in [
            "-", "+", "bnot", "abs", "float", "trunc", "round", "ceil", "floor",
        ] {
            let a = match r.below(12) {
                0 => T::atom("x"),
                1..=4 => T::Float(r.float()),
                _ => r.integer(),
            };
            cases.push(Case::new(op, vec![a]));
        }
    }
    check_cases("unary operators", &cases);
}

fn pow2(k: u32, neg: bool) -> T {
    let mut mag = vec![0u8; (k / 8 + 1) as usize];
    mag[(k / 8) as usize] = 1 << (k % 8);
    T::Int(neg, mag)
}

#[test]
fn bsr_negative_rounds_toward_minus_infinity() {
    let cases: Vec<Case> = [
        (-1i128, 1i128),
        (-5, 1),
        (-5, 70),
        (-(1 << 70) - 1, 3),
        (-(1 << 100), 100),
        (-(1 << 100) - 1, 100),
        (-7, 64),
    ]
    .iter()
    .map(|&(a, b)| Case::new("bsr", vec![T::int(a), T::int(b)]))
    .collect();
    check_cases("bsr of negatives", &cases);
}

#[test]
fn shift_limits_match_vm() {
    let cases = vec![
        Case::new("bsl", vec![T::int(1), T::int(100000)]),
        Case::new("bsl", vec![T::int(1), T::int(33554367)]),
        Case::new("bsl", vec![T::int(1), T::int(33554368)]),
        Case::new("bsl", vec![T::int(-1), T::int(1 << 40)]),
        Case::new("bsl", vec![T::int(0), T::int(1 << 80)]),
        Case::new("bsl", vec![T::int(3), T::int(1 << 80)]),
        Case::new("bsl", vec![T::int(3), T::int(-(1 << 80))]),
        Case::new("bsl", vec![T::int(-3), T::int(-(1 << 80))]),
        Case::new("bsr", vec![T::int(-3), T::int(1 << 80)]),
        Case::new("bsr", vec![T::int(3), T::int(-(1 << 80))]),
        Case::new("bsr", vec![T::int(0), T::int(-(1 << 80))]),
        Case::new("bsr", vec![pow2(200, true), T::int(i64::MIN as i128)]),
        Case::new("bsl", vec![pow2(200, false), T::int(i64::MIN as i128)]),
        Case::new("bsl", vec![T::Float(1.0), T::int(1)]),
        Case::new("bsl", vec![T::int(1), T::Float(1.0)]),
        Case::new("bsr", vec![T::int(1), T::atom("a")]),
    ];
    check_cases("shift limits", &cases);
}

#[test]
fn float_of_huge_bignum_is_badarg_and_arith_badarith() {
    let near = T::Int(false, vec![0xff; 128]); // 2^1024 - 1: rounds to infinity
    let cases = vec![
        Case::new("float", vec![pow2(1024, false)]),
        Case::new("float", vec![near.clone()]),
        Case::new("float", vec![pow2(1023, true)]),
        Case::new("+", vec![near.clone(), T::Float(1.0)]),
        Case::new("/", vec![T::int(1), near.clone()]),
        Case::new("*", vec![T::Float(1e308), T::int(10)]),
        Case::new("/", vec![T::Float(1.0), T::Float(0.0)]),
        Case::new("/", vec![T::int(0), T::Float(-0.0)]),
        Case::new("/", vec![T::int(1), T::int(0)]),
        Case::new("div", vec![T::int(1), T::int(0)]),
        Case::new("rem", vec![T::int(1), T::int(0)]),
        Case::new("div", vec![T::Float(4.0), T::int(2)]),
    ];
    check_cases("float overflow", &cases);
}

#[test]
fn bignum_to_float_rounds_like_the_vm() {
    // The VM folds 64-bit digits with a rounding step each: not always correctly rounded.
    let mut r = Rng::new(seed() + 3);
    let mut cases = Vec::new();
    for _ in 0..count(200) {
        let n = 9 + r.below(120) as usize;
        let mut mag: Vec<u8> = (0..n).map(|_| r.next() as u8).collect();
        // long runs of ones and zeros make the double rounding visible
        if r.chance(50) {
            let k = r.below(n as u64) as usize;
            for b in mag.iter_mut().take(k) {
                *b = if r.chance(50) { 0xff } else { 0 };
            }
        }
        cases.push(Case::new("float", vec![T::Int(r.chance(50), mag)]));
    }
    check_cases("float(bignum)", &cases);
}

#[test]
fn division_signs_follow_the_vm() {
    let mut cases = Vec::new();
    for a in [
        7i128,
        -7,
        1 << 62,
        -(1 << 62),
        i64::MIN as i128,
        (1 << 70) + 5,
        -(1 << 70) - 5,
    ] {
        for b in [2i128, -2, -1, 1 << 33, -(1 << 65), 3] {
            cases.push(Case::new("div", vec![T::int(a), T::int(b)]));
            cases.push(Case::new("rem", vec![T::int(a), T::int(b)]));
        }
    }
    check_cases("div/rem signs", &cases);
}

#[test]
fn round_halves_away_from_zero_and_negative_zero() {
    let cases: Vec<Case> = [
        2.5,
        -2.5,
        0.5,
        -0.5,
        0.49999999999999994,
        4503599627370495.5,
        -0.0,
        1e20,
        -1e300,
    ]
    .iter()
    .flat_map(|&f| {
        ["round", "trunc", "ceil", "floor", "abs", "-"].map(|op| Case::new(op, vec![T::Float(f)]))
    })
    .collect();
    check_cases("rounding", &cases);
}

#[test]
fn large_products_and_quotients_match_vm() {
    // Karatsuba-sized operands and long divisions.
    let mut r = Rng::new(seed() + 4);
    let mut cases = Vec::new();
    for _ in 0..count(40) {
        let n = 150 + r.below(900) as usize;
        let m = 150 + r.below(900) as usize;
        let a = T::Int(r.chance(50), (0..n).map(|_| r.next() as u8).collect());
        let b = T::Int(r.chance(50), (0..m).map(|_| r.next() as u8).collect());
        cases.push(Case::new("*", vec![a.clone(), b.clone()]));
        cases.push(Case::new("div", vec![a.clone(), b.clone()]));
        cases.push(Case::new("rem", vec![a, b]));
    }
    check_cases("large products", &cases);
}
