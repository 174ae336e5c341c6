//! Seeded random match specifications against the VM: random heads over random objects,
//! random guard and body expressions built from every guard BIF (right and wrong arities),
//! the boolean forms, const, tuple, list and map construction, '$_' and '$$', run through
//! select/2 on each table type and match_spec_run_r/3; invalid ones must be rejected alike.
mod common;
mod etstest;
use etstest::*;

const BIFS: &[(&str, usize)] = &[
    ("is_atom", 1), ("is_float", 1), ("is_integer", 1), ("is_list", 1), ("is_number", 1), ("is_pid", 1),
    ("is_port", 1), ("is_reference", 1), ("is_tuple", 1), ("is_map", 1), ("is_binary", 1), ("is_function", 1),
    ("is_record", 3), ("abs", 1), ("element", 2), ("hd", 1), ("length", 1), ("node", 1), ("node", 0), ("round", 1),
    ("size", 1), ("map_size", 1), ("map_get", 2), ("is_map_key", 2), ("bit_size", 1), ("byte_size", 1),
    ("binary_part", 2), ("binary_part", 3), ("tl", 1), ("trunc", 1), ("float", 1), ("+", 1), ("-", 1), ("+", 2),
    ("-", 2), ("*", 2), ("/", 2), ("div", 2), ("rem", 2), ("band", 2), ("bor", 2), ("bxor", 2), ("bnot", 1),
    ("bsl", 2), ("bsr", 2), (">", 2), (">=", 2), ("<", 2), ("=<", 2), ("=:=", 2), ("==", 2), ("=/=", 2), ("/=", 2),
    ("not", 1), ("xor", 2), ("self", 0), ("and", 2), ("or", 3), ("andalso", 2), ("orelse", 2), ("andthen", 2),
    ("const", 1), ("is_boolean", 1), ("tuple_size", 1), ("is_seq_trace", 0),
];

fn var(r: &mut Rng, nvars: u32) -> T {
    // now and then an unbound one (the specification is then rejected)
    if r.chance(3) {
        return a("$0");
    }
    a(&format!("${}", 1 + r.below(nvars as u64)))
}

fn constant(r: &mut Rng) -> T {
    match r.below(9) {
        0 => i(r.range(-3, 10) as i128),
        1 => i((1i128 << 62) + r.range(-2, 2) as i128),
        2 => T::Float(*r.pick(&[0.0, -0.0, 1.0, 2.5, -3.5])),
        3 => a(*r.pick(&["true", "false", "a", "_", "$_", "$$", "rec"])),
        4 => T::bin("ab"),
        5 => list(vec![i(1), i(2)]),
        6 => T::Bits(vec![0xa0], 3),
        7 => list(vec![]),
        _ => i(r.range(0, 3) as i128),
    }
}

/// An expression; `guard` for guard context. (Bodies get no andalso/orelse/andthen, and
/// no map construction: with a non-boolean or failing operand there they corrupt the
/// OTP 25.2 VM's heap — the crashes this generator found — and the handwritten
/// specifications of ets_match_specs.rs cover them.)
fn expr(r: &mut Rng, nvars: u32, depth: u32, guard: bool) -> T {
    if depth == 0 {
        return if r.chance(60) { var(r, nvars) } else { constant(r) };
    }
    match r.below(12) {
        0 | 1 => var(r, nvars),
        2 => constant(r),
        3 => a(*r.pick(&["$_", "$$"])),
        // never {{}}: constructing an empty tuple crashes the OTP 25.2 VM (size_object)
        4 => tup(vec![tup((0..1 + r.below(2)).map(|_| expr(r, nvars, depth - 1, guard)).collect())]),
        5 => list((0..r.below(3)).map(|_| expr(r, nvars, depth - 1, guard)).collect()),
        6 => tup(vec![a("const"), expr(r, nvars, depth - 1, guard)]),
        7 => list(vec![expr(r, nvars, depth - 1, guard)]),
        _ => {
            let &(f, ar) = r.pick(BIFS);
            let (f, ar) = if !guard && matches!(f, "andalso" | "orelse" | "andthen") { ("and", 2) } else { (f, ar) };
            let ar = if r.chance(3) { ar + 1 } else { ar };
            let mut v = vec![a(f)];
            for _ in 0..ar {
                v.push(expr(r, nvars, depth - 1, guard));
            }
            tup(v)
        }
    }
}

fn head(r: &mut Rng) -> (T, u32) {
    // {K, A, B} with variables, '_' and constants
    // variables $1..$n, each bound somewhere; the other places '_', a constant or a list
    let n = 1 + r.below(3) as u32;
    let mut parts: Vec<T> = (0..3)
        .map(|_| match r.below(4) {
            0 | 1 => a("_"),
            2 => constant(r),
            _ => list(vec![a("_"), a("_")]),
        })
        .collect();
    for v in 1..=n {
        let p = r.below(3) as usize;
        let x = a(&format!("${v}"));
        parts[p] = match &parts[p] {
            T::List(items, _) if items.len() == 2 => list(vec![x, items[1].clone()]),
            _ => x,
        };
    }
    // a variable may have been overwritten: bind the missing ones in a list
    (tup(parts), n)
}

fn objects(r: &mut Rng) -> Vec<T> {
    (0..25)
        .map(|k| {
            let mut c = || match r.below(7) {
                0 => i(r.range(-5, 5) as i128),
                1 => T::Float(*r.pick(&[0.0, -0.0, 1.0, 2.5])),
                2 => a(*r.pick(&["true", "false", "a", "rec"])),
                3 => list(vec![i(r.range(0, 3) as i128), i(2)]),
                4 => tup(vec![a("rec"), i(1), i(2)]),
                5 => T::bin("abc"),
                _ => i((1i128 << 62) + r.range(-2, 2) as i128),
            };
            let a1 = c();
            let b1 = c();
            tup(vec![i(k), a1, b1])
        })
        .chain((0..5).map(|k| tup(vec![list(vec![i(k), i(1)]), i(k), T::Float(k as f64)])))
        .collect()
}

#[test]
fn random_match_specifications_match_the_vm() {
    let mut r = Rng::new(common::seed() ^ 0x5eed);
    let mut scripts = Vec::new();
    for s in 0..common::count(12) {
        let objs = objects(&mut r);
        let typ = ["set", "ordered_set", "bag", "duplicate_bag"][s % 4];
        let mut ops = vec![op("new", vec![a("t"), list(vec![a(typ)])]), op("insert", vec![tab(0), list(objs.clone())])];
        for _ in 0..60 {
            let nclauses = 1 + r.below(2);
            let clauses: Vec<T> = (0..nclauses)
                .map(|_| {
                    let (h, n) = head(&mut r);
                    let guards = (0..r.below(3)).map(|_| expr(&mut r, n, 3, true)).collect();
                    let body = (0..1 + r.below(2)).map(|_| expr(&mut r, n, 3, false)).collect();
                    clause(h, guards, body)
                })
                .collect();
            let ms = list(clauses);
            ops.push(op("select", vec![tab(0), ms.clone()]));
            ops.push(op("select_count", vec![tab(0), ms.clone()]));
            let j = ops.len();
            ops.push(op("match_spec_compile", vec![ms]));
            ops.push(op("match_spec_run_r", vec![list(objs.clone()), res(j), list(vec![])]));
        }
        scripts.push(Script::new(&format!("{typ}#{s}"), ops));
    }
    check_scripts("random match specifications", &scripts, &[]);
}
