//! Seeded random sequences of ETS operations against the VM, per table type and option
//! set: every result is compared, and each script ends with the table's keys by first/next,
//! its objects by match_object/2 (the VM's bucket order for hash tables), its size and the
//! hash layout (info/2 `stats`). `BEAMWASM_SEED` and `BEAMWASM_CASES` vary and lengthen
//! the runs.
mod common;
mod etstest;
use etstest::*;

/// Keys whose hash the runtime reproduces (no atom inside a compound term): numbers,
/// atoms, binaries, byte lists and tuples of numbers, from a small pool so they collide.
fn hash_key(r: &mut Rng) -> T {
    match r.below(12) {
        0..=3 => i(r.range(-5, 60) as i128),
        4 => i(r.range(0, 400) as i128),
        5 => i((r.next() as i64 >> r.below(40)) as i128),
        6 => T::Float(*r.pick(&[0.0, 1.0, 2.5, -1.0, 1.5e10, 3.0])),
        7 => a(*r.pick(&["a", "b", "c", "key", "ok", "undefined", "x1", "\u{e9}t\u{e9}"])),
        8 => T::Bin((0..r.below(4)).map(|_| b"abcz"[r.below(4) as usize]).collect()),
        9 => T::str(*r.pick(&["", "ab", "abc", "hello"])),
        10 => tup(vec![i(r.range(0, 3) as i128), i(r.range(0, 3) as i128)]),
        _ => {
            // 2^k boundaries (small / boxed integers)
            let k = *r.pick(&[27u32, 28, 31, 32, 59, 60, 63, 64, 70]);
            let v = (1i128 << k) + r.range(-1, 1) as i128;
            i(if r.chance(50) { -v } else { v })
        }
    }
}

/// Any key, for ordered_set (its order is the term order, so atoms anywhere are fine).
fn tree_key(r: &mut Rng) -> T {
    match r.below(6) {
        0 => tup(vec![a(*r.pick(&["a", "b"])), i(r.range(0, 3) as i128)]),
        1 => list(vec![a("x"), i(r.range(0, 2) as i128)]),
        2 => T::Float(r.range(-3, 50) as f64),
        _ => hash_key(r),
    }
}

fn value(r: &mut Rng) -> T {
    match r.below(6) {
        0 => i(r.range(-100, 100) as i128),
        1 => a(*r.pick(&["v", "w", "ok"])),
        2 => T::Bin(vec![1, 2, 3]),
        3 => tup(vec![a("rec"), i(r.range(0, 9) as i128)]),
        4 => T::Float(0.5),
        _ => list(vec![i(1), a("z")]),
    }
}

struct Kind {
    name: &'static str,
    opts: fn() -> Vec<T>,
    tree: bool,
    keypos: usize,
    arity: usize,
}

fn kinds() -> Vec<Kind> {
    vec![
        Kind { name: "set", opts: || vec![], tree: false, keypos: 1, arity: 3 },
        Kind { name: "bag", opts: || vec![a("bag")], tree: false, keypos: 1, arity: 3 },
        Kind { name: "duplicate_bag", opts: || vec![a("duplicate_bag")], tree: false, keypos: 1, arity: 3 },
        Kind { name: "ordered_set", opts: || vec![a("ordered_set")], tree: true, keypos: 1, arity: 3 },
        Kind { name: "set_keypos2", opts: || vec![tup(vec![a("keypos"), i(2)])], tree: false, keypos: 2, arity: 4 },
        Kind { name: "bag_wc", opts: || vec![a("bag"), a("public"), tup(vec![a("write_concurrency"), a("true")])], tree: false, keypos: 1, arity: 3 },
        Kind { name: "set_wc_auto", opts: || vec![a("public"), tup(vec![a("write_concurrency"), a("auto")])], tree: false, keypos: 1, arity: 3 },
        Kind { name: "oset_wc", opts: || vec![a("ordered_set"), tup(vec![a("write_concurrency"), a("true")]), tup(vec![a("keypos"), i(2)])], tree: true, keypos: 2, arity: 3 },
        Kind { name: "dbag_locks", opts: || vec![a("duplicate_bag"), tup(vec![a("write_concurrency"), tup(vec![a("debug_hash_fixed_number_of_locks"), i(128)])])], tree: false, keypos: 1, arity: 2 },
    ]
}

/// An object of `k` with key `key` (counter fields are integers).
fn object(r: &mut Rng, k: &Kind, key: T) -> T {
    let mut v: Vec<T> = (0..k.arity).map(|_| i(r.range(0, 20) as i128)).collect();
    if r.chance(30) {
        let last = k.arity - 1;
        if last + 1 != k.keypos {
            v[last] = value(r);
        }
    }
    v[k.keypos - 1] = key;
    tup(v)
}

fn script(r: &mut Rng, k: &Kind, n: usize) -> Vec<T> {
    let mut ops = vec![op("new", vec![a("t"), list((k.opts)())])];
    let key = |r: &mut Rng| if k.tree { tree_key(r) } else { hash_key(r) };
    let mut fixed = 0;
    for _ in 0..n {
        let t = tab(0);
        let o = match r.below(100) {
            0..=29 => {
                let kk = key(r);
                op("insert", vec![t, object(r, k, kk)])
            }
            30..=33 => {
                let objs = (0..1 + r.below(6)).map(|_| {
                    let kk = key(r);
                    object(r, k, kk)
                }).collect();
                op("insert", vec![t, list(objs)])
            }
            34..=38 => {
                let kk = key(r);
                if r.chance(20) {
                    let kk2 = key(r);
                    let objs = vec![object(r, k, kk), object(r, k, kk2)];
                    op("insert_new", vec![t, list(objs)])
                } else {
                    op("insert_new", vec![t, object(r, k, kk)])
                }
            }
            39..=46 => op("lookup", vec![t, key(r)]),
            47..=49 => op("member", vec![t, key(r)]),
            50..=53 => op("lookup_element", vec![t, key(r), i(r.range(0, k.arity as i64 + 1) as i128)]),
            54..=60 => op("delete", vec![t, key(r)]),
            61..=63 => {
                let kk = key(r);
                op("delete_object", vec![t, object(r, k, kk)])
            }
            64..=65 => op("take", vec![t, key(r)]),
            66..=70 => {
                let pos = if k.keypos == 1 { k.arity } else { 1 };
                let incr = i(r.range(-5, 5) as i128);
                let upd = match r.below(5) {
                    0 => incr,
                    1 => tup(vec![i(pos as i128), incr]),
                    2 => tup(vec![i(pos as i128), incr, i(10), i(0)]),
                    3 => list(vec![tup(vec![i(pos as i128), incr.clone()]), tup(vec![i(pos as i128), incr])]),
                    _ => tup(vec![i(r.range(0, 4) as i128), i(1)]),
                };
                let kk = key(r);
                if r.chance(30) {
                    let d = object(r, k, i(0));
                    op("update_counter", vec![t, kk, upd, d])
                } else {
                    op("update_counter", vec![t, kk, upd])
                }
            }
            71..=73 => {
                let pos = r.range(1, k.arity as i64) as i128;
                op("update_element", vec![t, key(r), tup(vec![i(pos), value(r)])])
            }
            74..=76 => special("$keys", vec![t]),
            77..=79 => op(*r.pick(&["next", "prev"]), vec![t, key(r)]),
            80 => op(*r.pick(&["first", "last"]), vec![t]),
            81..=82 => op("slot", vec![t, i(r.range(0, if k.tree { 30 } else { 300 }) as i128)]),
            83..=84 => op("match_object", vec![t, a("_")]),
            85 => op("info", vec![t, a("size")]),
            86..=87 => {
                let head = object_pattern(r, k);
                op("select", vec![t, list(vec![clause(head, vec![], vec![a("$_")])])])
            }
            88 => {
                let head = object_pattern(r, k);
                op("select_count", vec![t, list(vec![clause(head, vec![], vec![a("true")])])])
            }
            89 => {
                let head = object_pattern(r, k);
                op("internal_select_delete", vec![t, list(vec![clause(head, vec![], vec![a("true")])])])
            }
            90..=92 => {
                if fixed > 0 && r.chance(60) {
                    fixed -= 1;
                    op("safe_fixtable", vec![t, a("false")])
                } else {
                    fixed += 1;
                    op("safe_fixtable", vec![t, a("true")])
                }
            }
            93 => op("internal_delete_all", vec![t, a("undefined")]),
            94..=95 => op("info", vec![t, a("fixed")]),
            _ => {
                let head = object_pattern(r, k);
                op("match", vec![t, head])
            }
        };
        ops.push(o);
        if std::env::var("ETS_TRACE_SIZE").is_ok() {
            ops.push(op("info", vec![tab(0), a("size")]));
        }
    }
    ops.push(special("$keys", vec![tab(0)]));
    ops.push(op("match_object", vec![tab(0), a("_")]));
    ops.push(op("info", vec![tab(0), a("size")]));
    ops.push(op("info", vec![tab(0), a("stats")]));
    for _ in 0..fixed {
        ops.push(op("safe_fixtable", vec![tab(0), a("false")]));
    }
    ops.push(op("match_object", vec![tab(0), a("_")]));
    ops.push(op("info", vec![tab(0), a("stats")]));
    ops
}

/// A head matching some objects: a variable, '_' or a constant in each position.
fn object_pattern(r: &mut Rng, k: &Kind) -> T {
    if r.chance(10) {
        return a("_");
    }
    tup((0..k.arity)
        .map(|p| match r.below(4) {
            0 => a("_"),
            1 => a(&format!("${}", p + 1)),
            2 => {
                if p + 1 == k.keypos {
                    if k.tree { tree_key(r) } else { hash_key(r) }
                } else {
                    i(r.range(0, 20) as i128)
                }
            }
            _ => a("_"),
        })
        .collect())
}

#[test]
fn random_operations_match_the_vm() {
    let mut r = Rng::new(common::seed());
    let mut scripts = Vec::new();
    for k in kinds() {
        for n in 0..common::count(6) {
            let len = 20 + r.below(150 + 60 * n as u64) as usize;
            scripts.push(Script::new(&format!("{}#{n}", k.name), script(&mut r, &k, len)));
        }
    }
    if let Ok(only) = std::env::var("ETS_ONLY") {
        scripts.retain(|s| s.name == only);
    }
    check_scripts("random operations", &scripts, &[]);
}
