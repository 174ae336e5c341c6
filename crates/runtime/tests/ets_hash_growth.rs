//! Large tables against the VM: hash tables growing past their first 256 buckets and
//! through extra segments, shrinking again once past two extra segments, with coarse and
//! fine locking and decentralized counters (whose grow decisions read one lock's count),
//! checked through the key order of first/next, match_object/2, slot/2 and the bucket
//! statistics of info/2 `stats`; and a large ordered_set (slot/2, next/prev at the edges).
mod common;
mod etstest;
use etstest::*;

fn v(n: u32) -> T {
    a(&format!("${n}"))
}

fn key(k: i64) -> T {
    match k % 4 {
        0 => i(k as i128),
        1 => tup(vec![i((k % 13) as i128), i(k as i128)]),
        2 => T::Bin(k.to_string().into_bytes()),
        _ => T::Float(k as f64 + 0.5),
    }
}

/// Inserts objects {key(K), K} for K in from..to, 800 per insert/2 call.
fn fill(ops: &mut Vec<T>, from: i64, to: i64) {
    let objs: Vec<T> = (from..to).map(|k| tup(vec![key(k), i(k as i128)])).collect();
    for c in objs.chunks(800) {
        ops.push(op("insert", vec![tab(0), list(c.to_vec())]));
    }
}

fn check(ops: &mut Vec<T>, slots: &[i64]) {
    ops.push(op("info", vec![tab(0), a("size")]));
    ops.push(op("info", vec![tab(0), a("stats")]));
    ops.push(special("$keys", vec![tab(0)]));
    ops.push(op("match_object", vec![tab(0), a("_")]));
    for &s in slots {
        ops.push(op("slot", vec![tab(0), i(s as i128)]));
    }
}

/// Deletes the objects whose counter is in from..to.
fn delete_range(ops: &mut Vec<T>, from: i64, to: i64) {
    let ms = list(vec![clause(
        tup(vec![a("_"), v(1)]),
        vec![tup(vec![a(">="), v(1), i(from as i128)]), tup(vec![a("<"), v(1), i(to as i128)])],
        vec![a("true")],
    )]);
    ops.push(op("internal_select_delete", vec![tab(0), ms]));
}

fn grow_shrink_script(opts: Vec<T>, n: i64) -> Vec<T> {
    let mut ops = vec![op("new", vec![a("t"), list(opts)])];
    fill(&mut ops, 0, 300);
    check(&mut ops, &[0, 1, 255, 256, 299, 300, 301]);
    fill(&mut ops, 300, n);
    check(&mut ops, &[0, 7, 300, n - 1, n, n + 1]);
    // shrink: delete most objects, in steps, also one by one
    delete_range(&mut ops, 0, n / 2);
    check(&mut ops, &[0, 10]);
    for k in (n / 2..n / 2 + 300).step_by(3) {
        ops.push(op("delete", vec![tab(0), key(k)]));
    }
    delete_range(&mut ops, n / 2, n - 200);
    check(&mut ops, &[0, 100]);
    delete_range(&mut ops, 0, n);
    check(&mut ops, &[0]);
    ops
}

#[test]
fn hash_tables_grow_and_shrink_as_the_vm() {
    let kinds: Vec<(&str, Vec<T>)> = vec![
        ("set", vec![]),
        ("bag", vec![a("bag")]),
        ("duplicate_bag", vec![a("duplicate_bag")]),
        ("set_wc", vec![a("public"), tup(vec![a("write_concurrency"), a("true")])]),
        ("set_wc_auto", vec![a("public"), tup(vec![a("write_concurrency"), a("auto")])]),
        ("set_locks", vec![a("public"), tup(vec![a("write_concurrency"), tup(vec![a("debug_hash_fixed_number_of_locks"), i(512)])])]),
    ];
    let mut scripts = Vec::new();
    for (name, opts) in kinds {
        scripts.push(Script::new(&format!("{name}/3000"), grow_shrink_script(opts.clone(), 3000)));
        scripts.push(Script::new(&format!("{name}/9000"), grow_shrink_script(opts, 9000)));
    }
    check_scripts("growing and shrinking hash tables", &scripts, &[]);
}

#[test]
fn bag_groups_in_a_growing_table_match_the_vm() {
    let mut ops = vec![op("new", vec![a("t"), list(vec![a("bag")])])];
    for round in 0..6 {
        let objs: Vec<T> = (0..700).map(|k| tup(vec![i((k % 350) as i128), i(round), i(k as i128)])).collect();
        ops.push(op("insert", vec![tab(0), list(objs)]));
        ops.push(op("info", vec![tab(0), a("stats")]));
    }
    for k in [0, 1, 17, 349] {
        ops.push(op("lookup", vec![tab(0), i(k)]));
    }
    ops.push(special("$keys", vec![tab(0)]));
    ops.push(op("match_object", vec![tab(0), a("_")]));
    let dbag = {
        let mut ops = vec![op("new", vec![a("t"), list(vec![a("duplicate_bag")])])];
        for round in 0..4 {
            let objs: Vec<T> = (0..600).map(|k| tup(vec![i((k % 200) as i128), i(round % 2)])).collect();
            ops.push(op("insert", vec![tab(0), list(objs)]));
        }
        ops.push(op("delete_object", vec![tab(0), tup(vec![i(5), i(1)])]));
        ops.push(op("lookup", vec![tab(0), i(5)]));
        ops.push(op("match_object", vec![tab(0), a("_")]));
        ops.push(op("info", vec![tab(0), a("stats")]));
        ops
    };
    check_scripts("bags in growing tables", &[Script::new("bag", ops), Script::new("dbag", dbag)], &[]);
}

#[test]
fn large_ordered_sets_match_the_vm() {
    let mut scripts = Vec::new();
    for opts in [vec![a("ordered_set")], vec![a("ordered_set"), a("public"), tup(vec![a("write_concurrency"), a("true")])]] {
        let mut ops = vec![op("new", vec![a("t"), list(opts)])];
        fill(&mut ops, 0, 5000);
        ops.push(op("info", vec![tab(0), a("size")]));
        for s in [0, 1, 2500, 4999, 5000, 5001] {
            ops.push(op("slot", vec![tab(0), i(s)]));
        }
        for k in [-1i64, 0, 7, 4999, 5003] {
            ops.push(op("next", vec![tab(0), key(k)]));
            ops.push(op("prev", vec![tab(0), key(k)]));
        }
        ops.push(op("first", vec![tab(0)]));
        ops.push(op("last", vec![tab(0)]));
        ops.push(special("$keys", vec![tab(0)]));
        delete_range(&mut ops, 1000, 4000);
        ops.push(op("select", vec![tab(0), list(vec![clause(tup(vec![v(1), v(2)]), vec![tup(vec![a("<"), v(2), i(1100)])], vec![v(1)])])]));
        ops.push(op("select_reverse", vec![tab(0), list(vec![clause(tup(vec![v(1), v(2)]), vec![tup(vec![a(">"), v(2), i(4900)])], vec![v(2)])])]));
        ops.push(op("info", vec![tab(0), a("size")]));
        for s in [0, 1, 999, 1000, 1001, 1500, 1999, 2000, 2001] {
            ops.push(op("slot", vec![tab(0), i(s)]));
        }
        for k in (0..5000).step_by(7) {
            ops.push(op("delete", vec![tab(0), key(k)]));
        }
        for s in [0, 1, 500, 1000, 1500, 1713, 1714, 1715] {
            ops.push(op("slot", vec![tab(0), i(s)]));
        }
        ops.push(op("info", vec![tab(0), a("size")]));
        ops.push(op("match_object", vec![tab(0), a("_")]));
        scripts.push(Script::new("oset", ops));
    }
    check_scripts("large ordered sets", &scripts, &[]);
}

#[test]
fn long_insert_lists_match_the_vm() {
    // the VM stores a list in order when four times its reductions left cover it, else
    // back to front (the driver yields before each operation: a full budget)
    let mut scripts = Vec::new();
    for (name, opts, n) in [
        ("set", vec![], 5000),
        ("set", vec![], 20000),
        ("ordered_set", vec![a("ordered_set")], 20000),
        ("duplicate_bag", vec![a("duplicate_bag")], 20000),
    ] {
        let objs: Vec<T> = (0..n).map(|k| tup(vec![key(k % 3000), i(k as i128)])).collect();
        let ops = vec![
            op("new", vec![a("t"), list(opts)]),
            op("insert", vec![tab(0), list(objs)]),
            op("lookup", vec![tab(0), key(5)]),
            op("info", vec![tab(0), a("size")]),
            special("$keys", vec![tab(0)]),
            op("match_object", vec![tab(0), a("_")]),
        ];
        scripts.push(Script::new(&format!("{name}/{n}"), ops));
    }
    check_scripts("long insert lists", &scripts, &[]);
}
