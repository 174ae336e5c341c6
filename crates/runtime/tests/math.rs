//! The math module against the real VM (glibc's libm): results bit for bit, and the
//! badarg/badarith errors.
mod common;
use common::*;

const UNARY: &[&str] = &[
    "sqrt", "exp", "log", "log2", "log10", "floor", "ceil", "sin", "cos", "tan", "asin", "acos",
    "atan", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh", "erf", "erfc",
];

/// An argument suited to `f`: mostly inside its domain, with edges and a few errors.
fn arg(r: &mut Rng, f: &str) -> T {
    if r.chance(3) {
        return r
            .pick(&[T::atom("a"), T::int(0), T::Int(false, vec![0xff; 200])])
            .clone();
    }
    let x = match f {
        "asin" | "acos" | "atanh" | "erf" | "erfc" | "tanh" => match r.below(4) {
            0 => r.range(-1000, 1000) as f64 / 1000.0,
            1 => r.float() % 1.0,
            _ => r.range(-6000, 6000) as f64 / 997.0,
        },
        "exp" | "sinh" | "cosh" => match r.below(3) {
            0 => r.range(-745, 710) as f64 + r.range(0, 999) as f64 / 1000.0,
            1 => r.range(-20000, 20000) as f64 / 1024.0,
            _ => r.float() % 50.0,
        },
        _ => match r.below(5) {
            0 => r.range(1, 1000000) as f64 / 1000.0,
            1 => r.float().abs(),
            2 => r.float(),
            3 => r.range(-100, 100) as f64,
            _ => (r.range(-10000, 10000) as f64) * 0.7853981633974483 / 1000.0,
        },
    };
    if r.chance(20) {
        T::int(x as i64 as i128)
    } else {
        T::Float(x)
    }
}

fn unary_cases(r: &mut Rng, f: &str, n: usize) -> Vec<Case> {
    (0..n)
        .map(|_| Case::new(&format!("math:{f}"), vec![arg(r, f)]))
        .collect()
}

#[test]
fn exp_log_pow_match_vm() {
    let mut r = Rng::new(seed() + 30);
    let mut cases = Vec::new();
    for f in ["sqrt", "exp", "log", "log2", "log10", "floor", "ceil"] {
        cases.extend(unary_cases(&mut r, f, count(300)));
    }
    for _ in 0..count(600) {
        let x = match r.below(4) {
            0 => T::Float(r.range(1, 100000) as f64 / 100.0),
            1 => T::int(r.range(-20, 20) as i128),
            2 => T::Float(r.float()),
            _ => T::Float(r.range(-3000, 3000) as f64 / 7.0),
        };
        let y = match r.below(4) {
            0 => T::int(r.range(-30, 30) as i128),
            1 => T::Float(r.range(-4000, 4000) as f64 / 64.0),
            2 => T::Float(r.float() % 300.0),
            _ => T::Float(0.5),
        };
        cases.push(Case::new("math:pow", vec![x, y]));
    }
    check_cases("exp/log/pow", &cases);
}

#[test]
fn trigonometry_matches_vm() {
    let mut r = Rng::new(seed() + 31);
    let mut cases = Vec::new();
    for f in ["sin", "cos", "tan", "asin", "acos", "atan"] {
        cases.extend(unary_cases(&mut r, f, count(300)));
    }
    for _ in 0..count(300) {
        cases.push(Case::new(
            "math:atan2",
            vec![arg(&mut r, "atan2"), arg(&mut r, "atan2")],
        ));
    }
    // glibc's sin/cos/tan/asin/acos/atan are not correctly rounded in rare near-halfway
    // cases (ours are): see known_ulp_differences_trigonometry.
    check_cases_ulp("trigonometry", &cases, 1, 0.005);
}

#[test]
fn hyperbolic_and_erf_match_vm() {
    let mut r = Rng::new(seed() + 32);
    let mut cases = Vec::new();
    for f in [
        "sinh", "cosh", "tanh", "asinh", "acosh", "atanh", "erf", "erfc",
    ] {
        cases.extend(unary_cases(&mut r, f, count(250)));
    }
    // glibc computes these over fdlibm's expm1/log1p/erf polynomials, which are not
    // correctly rounded (tanh up to 2 ulps off); ours use the same formulas over correctly
    // rounded expm1/log1p, or round the exact value: see known_ulp_differences_hyperbolic.
    check_cases_ulp("hyperbolic/erf", &cases, 2, 0.05);
}

#[test]
fn fmod_matches_vm() {
    let mut r = Rng::new(seed() + 33);
    let mut cases = Vec::new();
    for _ in 0..count(500) {
        let a = if r.chance(50) {
            T::Float(r.float())
        } else {
            r.number()
        };
        let b = if r.chance(50) {
            T::Float(r.float())
        } else {
            r.number()
        };
        cases.push(Case::new("math:fmod", vec![a, b]));
    }
    check_cases("fmod", &cases);
}

#[test]
fn math_domain_errors_match_vm() {
    let f = T::Float;
    let cases = vec![
        Case::new("math:sqrt", vec![T::int(-1)]),
        Case::new("math:sqrt", vec![f(-0.0)]),
        Case::new("math:log", vec![T::int(0)]),
        Case::new("math:log", vec![f(-0.0)]),
        Case::new("math:log", vec![T::int(-1)]),
        Case::new("math:log2", vec![T::int(0)]),
        Case::new("math:pow", vec![T::int(-8), f(1.0 / 3.0)]),
        Case::new("math:pow", vec![f(0.0), T::int(-1)]),
        Case::new("math:pow", vec![f(-0.0), T::int(-1)]),
        Case::new("math:pow", vec![f(-0.0), T::int(3)]),
        Case::new("math:pow", vec![T::int(2), T::int(1024)]),
        Case::new("math:pow", vec![T::int(2), T::int(-1075)]),
        Case::new("math:pow", vec![T::int(-2), f(0.5)]),
        Case::new("math:pow", vec![T::int(10), T::int(308)]),
        Case::new("math:exp", vec![T::int(1000)]),
        Case::new("math:exp", vec![T::int(-1000)]),
        Case::new("math:acos", vec![T::int(2)]),
        Case::new("math:atanh", vec![T::int(1)]),
        Case::new("math:acosh", vec![f(0.5)]),
        Case::new("math:sinh", vec![T::int(1000)]),
        Case::new("math:cosh", vec![f(710.4)]),
        Case::new("math:tan", vec![f(1.0e300)]),
        Case::new("math:sin", vec![f(1.0e22)]),
        Case::new("math:cos", vec![f(-0.0)]),
        Case::new("math:fmod", vec![f(1.0), f(0.0)]),
        Case::new("math:fmod", vec![T::int(5), f(-0.0)]),
        Case::new("math:fmod", vec![f(-5.5), T::int(2)]),
        Case::new("math:atan2", vec![f(0.0), f(0.0)]),
        Case::new("math:atan2", vec![f(0.0), f(-0.0)]),
        Case::new("math:atan2", vec![f(-0.0), f(-1.0)]),
        Case::new("math:sqrt", vec![T::atom("a")]),
        Case::new("math:sqrt", vec![T::Int(false, vec![0xff; 200])]),
        Case::new("math:pow", vec![T::atom("a"), T::int(1)]),
        Case::new("math:pow", vec![T::int(1), T::atom("a")]),
        Case::new("math:erfc", vec![T::int(30)]),
        Case::new("math:erf", vec![f(-7.0)]),
    ];
    check_cases("math errors", &cases);
}

#[test]
fn math_examples_match_vm() {
    let mut cases = Vec::new();
    for f in UNARY {
        for x in [
            0.5,
            1.0,
            2.0,
            0.1,
            3.0,
            10.0,
            100.0,
            1e-10,
            0.7853981633974483,
            1.5707963267948966,
            3.141592653589793,
        ] {
            cases.push(Case::new(&format!("math:{f}"), vec![T::Float(x)]));
        }
    }
    check_cases_ulp("math examples", &cases, 1, 0.03);
}

/// The exact list of one-ulp differences in the trigonometric functions (ignored: these
/// are the known, documented gaps; run with --ignored to see them).
#[test]
#[ignore = "known ulp differences: glibc's sin/asin are not correctly rounded near halfway points"]
fn known_ulp_differences_trigonometry() {
    let cases = vec![
        Case::new("math:sin", vec![T::Float(-6.065630015918493)]),
        Case::new("math:asin", vec![T::Float(0.433)]),
    ];
    check_cases("trigonometry ulp", &cases);
}

#[test]
#[ignore = "known ulp differences: glibc's sinh/tanh/atanh/erf/erfc use fdlibm's expm1/log1p/erf approximations"]
fn known_ulp_differences_hyperbolic() {
    let mut r = Rng::new(seed() + 32);
    let mut cases = Vec::new();
    for f in ["sinh", "tanh", "asinh", "acosh", "atanh", "erf", "erfc"] {
        cases.extend(unary_cases(&mut r, f, 250));
    }
    check_cases("hyperbolic exact", &cases);
}
