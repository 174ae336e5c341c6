//! Number/text conversions against the real VM: integer_to_binary/list, binary/list_to_integer,
//! float_to_binary/list with every option, binary/list_to_float.
mod common;
use common::*;

fn digits_text(r: &mut Rng) -> String {
    let alphabet = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ+- _.";
    let max = if r.chance(10) { 80 } else { 14 };
    let n = r.below(max) as usize;
    let mut s = String::new();
    if r.chance(30) {
        s.push(*r.pick(&['-', '+']));
    }
    for _ in 0..n {
        let c = if r.chance(90) {
            alphabet[r.below(36) as usize]
        } else {
            *r.pick(alphabet)
        };
        s.push(c as char);
    }
    s
}

#[test]
fn integer_to_text_matches_vm() {
    let mut r = Rng::new(seed() + 10);
    let mut cases = Vec::new();
    for _ in 0..count(300) {
        let i = if r.chance(5) {
            T::Float(1.0)
        } else {
            r.integer()
        };
        let base = match r.below(10) {
            0 => T::int(r.range(-1, 40) as i128),
            1 => T::atom("ten"),
            _ => T::int(r.range(2, 36) as i128),
        };
        cases.push(Case::new(
            "integer_to_binary",
            vec![i.clone(), base.clone()],
        ));
        cases.push(Case::new("integer_to_list", vec![i.clone(), base]));
        cases.push(Case::new("integer_to_binary", vec![i.clone()]));
        cases.push(Case::new("integer_to_list", vec![i]));
    }
    check_cases("integer_to_binary/list", &cases);
}

#[test]
fn text_to_integer_matches_vm() {
    let mut r = Rng::new(seed() + 11);
    let mut cases = Vec::new();
    for _ in 0..count(400) {
        let s = digits_text(&mut r);
        let base = if r.chance(10) {
            T::int(r.range(0, 40) as i128)
        } else {
            T::int(r.range(2, 36) as i128)
        };
        cases.push(Case::new(
            "binary_to_integer",
            vec![T::bin(&s), base.clone()],
        ));
        cases.push(Case::new("list_to_integer", vec![T::str(&s), base]));
        let dec: String = s
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '-')
            .collect();
        cases.push(Case::new("binary_to_integer", vec![T::bin(&dec)]));
        cases.push(Case::new("list_to_integer", vec![T::str(&dec)]));
    }
    cases.push(Case::new("binary_to_integer", vec![T::Bits(vec![0x31], 3)]));
    cases.push(Case::new(
        "list_to_integer",
        vec![T::List(vec![T::int(0x31)], Some(Box::new(T::int(0x32))))],
    ));
    check_cases("binary/list_to_integer", &cases);
}

#[test]
fn list_to_integer_takes_the_low_byte_of_each_digit() {
    // erts_list_to_integer reads each element as a byte; only an exact '-'/'+' is a sign.
    let l = |v: Vec<i128>| T::list(v.into_iter().map(T::int).collect());
    let mut cases = Vec::new();
    for v in [
        vec![0x31, 0x131],
        vec![305],
        vec![49, 1049],
        vec![49, 65536 + 49],
        vec![49, -1],
        vec![-207],
        vec![45 + 256, 49],
        vec![45, 45 + 256],
        vec![43],
        vec![45],
        vec![49, (1 << 59) + 49],
        vec![49, (1 << 59) - 207],
        vec![49, -(1 << 59) + 49],
    ] {
        cases.push(Case::new("list_to_integer", vec![l(v.clone())]));
        cases.push(Case::new("list_to_integer", vec![l(v), T::int(16)]));
    }
    check_cases("binary/list_to_integer", &cases);
}

fn float_opts(r: &mut Rng) -> T {
    let mut opts = Vec::new();
    for _ in 0..r.below(3) + 1 {
        opts.push(match r.below(9) {
            0 | 1 => T::atom("short"),
            2 => T::atom("compact"),
            3 | 4 => T::tuple(vec![T::atom("decimals"), T::int(r.range(0, 25) as i128)]),
            5 => T::tuple(vec![T::atom("decimals"), T::int(r.range(-2, 260) as i128)]),
            6 => T::tuple(vec![T::atom("scientific"), T::int(r.range(0, 25) as i128)]),
            7 => T::tuple(vec![
                T::atom("scientific"),
                T::int(r.range(-2, 255) as i128),
            ]),
            _ => T::atom("bogus"),
        });
    }
    T::list(opts)
}

#[test]
fn float_to_text_matches_vm() {
    let mut r = Rng::new(seed() + 12);
    let mut cases = Vec::new();
    for _ in 0..count(500) {
        let f = T::Float(r.float());
        let opts = float_opts(&mut r);
        cases.push(Case::new("float_to_binary", vec![f.clone(), opts.clone()]));
        if r.chance(20) {
            cases.push(Case::new("float_to_list", vec![f.clone(), opts]));
            cases.push(Case::new("float_to_list", vec![f.clone()]));
        }
        cases.push(Case::new(
            "float_to_binary",
            vec![f.clone(), T::list(vec![T::atom("short")])],
        ));
    }
    check_cases("float_to_binary/list", &cases);
}

#[test]
fn float_short_matches_vm_on_random_bits() {
    let mut r = Rng::new(seed() + 13);
    let mut cases = Vec::new();
    for _ in 0..count(1500) {
        let f = f64::from_bits(r.next());
        if f.is_finite() {
            cases.push(Case::new(
                "float_to_binary",
                vec![T::Float(f), T::list(vec![T::atom("short")])],
            ));
        }
    }
    check_cases("float_to_binary short", &cases);
}

#[test]
fn float_text_examples_match_vm() {
    let short = || T::list(vec![T::atom("short")]);
    let dec = |n: i128| T::tuple(vec![T::atom("decimals"), T::int(n)]);
    let sci = |n: i128| T::tuple(vec![T::atom("scientific"), T::int(n)]);
    let mut cases = vec![
        Case::new("float_to_binary", vec![T::Float(0.1), short()]),
        Case::new("float_to_list", vec![T::Float(1.0e15), short()]),
        Case::new("float_to_binary", vec![T::Float(5.0e-324), short()]),
        Case::new(
            "float_to_list",
            vec![T::Float(123.456), T::list(vec![dec(2), T::atom("compact")])],
        ),
        Case::new("float_to_list", vec![T::Float(1.0), T::list(vec![sci(3)])]),
        Case::new("float_to_list", vec![T::Float(1.0)]),
        Case::new(
            "float_to_list",
            vec![T::Float(1.0e20), T::list(vec![dec(0), T::atom("compact")])],
        ),
        Case::new("float_to_list", vec![T::Float(-0.0), T::list(vec![dec(2)])]),
        Case::new("float_to_list", vec![T::Float(-0.0), T::list(vec![dec(0)])]),
        Case::new(
            "float_to_list",
            vec![T::Float(-0.0), T::list(vec![dec(25)])],
        ),
        Case::new("float_to_list", vec![T::Float(-0.4), T::list(vec![dec(0)])]),
        Case::new(
            "float_to_list",
            vec![T::Float(0.125), T::list(vec![dec(2)])],
        ),
        Case::new(
            "float_to_list",
            vec![T::Float(1.005), T::list(vec![dec(2)])],
        ),
        Case::new("float_to_list", vec![T::Float(9.96), T::list(vec![dec(1)])]),
        Case::new(
            "float_to_list",
            vec![T::Float(1.0e300), T::list(vec![dec(2)])],
        ),
        Case::new(
            "float_to_list",
            vec![T::Float(0.1), T::list(vec![dec(253)])],
        ),
        Case::new(
            "float_to_list",
            vec![T::Float(0.1), T::list(vec![dec(254)])],
        ),
        Case::new(
            "float_to_list",
            vec![T::Float(-0.1), T::list(vec![sci(249)])],
        ),
        Case::new(
            "float_to_list",
            vec![T::Float(0.1), T::list(vec![sci(249)])],
        ),
        Case::new(
            "float_to_list",
            vec![T::Float(1.0e15), T::list(vec![sci(-1)])],
        ),
        Case::new("float_to_list", vec![T::Float(9007199254740992.0), short()]),
        Case::new("float_to_list", vec![T::Float(9007199254740994.0), short()]),
        Case::new(
            "float_to_list",
            vec![T::Float(18014398509481984.0), short()],
        ),
        Case::new("float_to_list", vec![T::Float(1.0e16), short()]),
        Case::new("float_to_list", vec![T::Float(0.0001), short()]),
        Case::new("float_to_list", vec![T::Float(0.0002), short()]),
        Case::new(
            "float_to_list",
            vec![T::Float(123456789012345680.0), short()],
        ),
        Case::new(
            "float_to_list",
            vec![T::Float(2.0f64.powi(-1074) * 3.0), short()],
        ),
        Case::new(
            "float_to_list",
            vec![T::Float(1.7976931348623157e308), short()],
        ),
        Case::new(
            "float_to_list",
            vec![T::Float(2.2250738585072014e-308), short()],
        ),
    ];
    for f in [
        1.0,
        10.0,
        100.0,
        1000.0,
        1.0e9,
        1.0e10,
        12345678.9,
        1234567890.0,
        12345678901.0,
        1.5e-4,
        1.5e-5,
        0.001234,
    ] {
        cases.push(Case::new("float_to_list", vec![T::Float(f), short()]));
    }
    check_cases("float text examples", &cases);
}

fn float_text(r: &mut Rng) -> String {
    let mut s = String::new();
    match r.below(4) {
        0 => {
            // a float the VM prints, perturbed
            let f = r.float();
            s = format!("{f:e}");
            if !s.contains('.') {
                s = s.replacen('e', ".0e", 1);
            }
        }
        1 => {
            let digits = 1 + r.below(30);
            if r.chance(30) {
                s.push(*r.pick(&['-', '+']));
            }
            for _ in 0..1 + r.below(5) {
                s.push((b'0' + r.below(10) as u8) as char);
            }
            s.push(*r.pick(&['.', '.', '.', ',']));
            for _ in 0..digits {
                s.push((b'0' + r.below(10) as u8) as char);
            }
            if r.chance(50) {
                s.push(*r.pick(&['e', 'E']));
                if r.chance(50) {
                    s.push(*r.pick(&['-', '+']));
                }
                s.push_str(&r.range(0, 330).to_string());
            }
        }
        2 => {
            for _ in 0..r.below(8) {
                s.push(*r.pick(&['1', '0', '.', 'e', '-', '+', ' ', '5', ',', 'x']));
            }
        }
        _ => {
            // near halfway points: many digits
            s = format!(
                "{}.{}e{}",
                r.range(1, 9),
                (0..40)
                    .map(|_| (b'0' + r.below(10) as u8) as char)
                    .collect::<String>(),
                r.range(-325, 310)
            );
        }
    }
    s
}

#[test]
fn text_to_float_matches_vm() {
    let mut r = Rng::new(seed() + 14);
    let mut cases = Vec::new();
    for _ in 0..count(800) {
        let s = float_text(&mut r);
        cases.push(Case::new("binary_to_float", vec![T::bin(&s)]));
        if r.chance(20) {
            cases.push(Case::new("list_to_float", vec![T::str(&s)]));
        }
    }
    for s in [
        "1.0",
        "-1.5e10",
        "1.0E-3",
        "1",
        "1e10",
        ".5",
        "1.",
        " 1.0",
        "1.0 ",
        "+1.0",
        "1,5",
        "1.0e",
        "1.0e+",
        "1.0e400",
        "1.0e-400",
        "2.4703282292062327e-324",
        "2.4703282292062328e-324",
        "1.7976931348623158e308",
        "1.7976931348623159e308",
        "0.0",
        "-0.0",
        "179769313486231580793728971405301e276",
        "1.0\u{0}junk",
        "4.9e-324",
        "9007199254740993.0",
        "9007199254740993.00000000001",
    ] {
        cases.push(Case::new("binary_to_float", vec![T::bin(s)]));
        cases.push(Case::new("list_to_float", vec![T::str(s)]));
    }
    cases.push(Case::new(
        "binary_to_float",
        vec![T::Bits(vec![0x31, 0x2e, 0x30], 3)],
    ));
    cases.push(Case::new("list_to_float", vec![T::atom("a")]));
    check_cases("binary/list_to_float", &cases);
}

#[test]
fn binary_to_float_fast_path_powers_beyond_i64() {
    // 10^20..10^22 are exact doubles but not i64 values.
    let cases: Vec<Case> = [
        "1.0e22",
        "1.0e23",
        "-4.940942420933896e-5",
        "1.0e-22",
        "9007199254740991.0e22",
        "3.0e21",
        "1.5e-21",
    ]
    .iter()
    .map(|s| Case::new("binary_to_float", vec![T::bin(s)]))
    .collect();
    check_cases("binary_to_float fast path", &cases);
}

#[test]
fn float_decimals_length_is_checked_before_compact() {
    let dec = |n: i128| T::tuple(vec![T::atom("decimals"), T::int(n)]);
    let cases = vec![
        Case::new(
            "float_to_binary",
            vec![
                T::Float(1.8309146345301405e194),
                T::list(vec![T::atom("compact"), dec(103)]),
            ],
        ),
        Case::new(
            "float_to_binary",
            vec![
                T::Float(7.6346e-8),
                T::list(vec![T::atom("compact"), dec(256)]),
            ],
        ),
        Case::new(
            "float_to_binary",
            vec![
                T::Float(7.6346e-8),
                T::list(vec![T::atom("compact"), dec(253)]),
            ],
        ),
    ];
    check_cases("decimals length", &cases);
}
