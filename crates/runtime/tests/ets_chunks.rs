//! Chunked traversal against the VM: select/3, select_reverse/3, match/3 and
//! match_object/3 with their continuations through select/1 (and match/1,
//! match_object/1, select_reverse/1), on every table type and several sizes, including
//! the VM's leftover handling when a hash bucket yields more than a chunk and its
//! 1000-object iteration budget. Continuations are compared with their match program
//! reference normalised away.
mod common;
mod etstest;
use etstest::*;

fn v(n: u32) -> T {
    a(&format!("${n}"))
}

/// Objects {K, K rem 7} for K in 0..n, with some colliding float and tuple keys.
fn objects(n: i64) -> Vec<T> {
    (0..n)
        .map(|k| {
            let key = match k % 5 {
                4 => tup(vec![i((k % 3) as i128), i(k as i128)]),
                3 => T::Float(k as f64 / 2.0),
                _ => i(k as i128),
            };
            tup(vec![key, i((k % 7) as i128)])
        })
        .collect()
}

fn chunk_script(opts: Vec<T>, n: i64, ms: T, chunk: i64, first: &str, next: &str) -> Vec<T> {
    let mut ops = vec![op("new", vec![a("t"), list(opts)])];
    for chunk_objs in objects(n).chunks(500) {
        ops.push(op("insert", vec![tab(0), list(chunk_objs.to_vec())]));
    }
    let start = ops.len();
    let args = if first == "match" || first == "match_object" {
        vec![tab(0), ms, i(chunk as i128)]
    } else {
        vec![tab(0), ms, i(chunk as i128)]
    };
    ops.push(op(first, args));
    // follow the continuations until the end (the results say when)
    let steps = (n / chunk.max(1)) as usize + 3;
    for k in 0..steps.min(60) {
        ops.push(op(next, vec![cont(start + k)]));
    }
    ops
}

fn tables() -> Vec<(&'static str, Vec<T>)> {
    vec![
        ("set", vec![]),
        ("bag", vec![a("bag")]),
        ("ordered_set", vec![a("ordered_set")]),
        ("set_wc", vec![a("public"), tup(vec![a("write_concurrency"), a("true")])]),
        ("oset_wc", vec![a("ordered_set"), a("public"), tup(vec![a("write_concurrency"), a("true")])]),
    ]
}

#[test]
fn select_chunks_match_the_vm() {
    let specs = vec![
        list(vec![clause(a("_"), vec![], vec![a("$_")])]),
        list(vec![clause(tup(vec![v(1), v(2)]), vec![tup(vec![a("=="), v(2), i(3)])], vec![v(1)])]),
        list(vec![clause(tup(vec![v(1), a("_")]), vec![tup(vec![a("is_tuple"), v(1)])], vec![a("$$")])]),
        list(vec![clause(tup(vec![tup(vec![i(1), v(1)]), a("_")]), vec![], vec![v(1)])]),
        list(vec![clause(tup(vec![i(10), a("_")]), vec![], vec![a("$_")])]),
        list(vec![clause(tup(vec![i(10), a("_")]), vec![], vec![a("$_")]), clause(tup(vec![i(20), a("_")]), vec![], vec![a("$_")])]),
        list(vec![clause(tup(vec![a("nokey"), a("_")]), vec![], vec![a("$_")])]),
        list(vec![clause(a("notatuple"), vec![], vec![a("$_")])]),
    ];
    let mut scripts = Vec::new();
    for (name, opts) in tables() {
        for (si, ms) in specs.iter().enumerate() {
            for &(n, chunk) in &[(0i64, 5i64), (7, 3), (40, 1), (40, 7), (300, 100), (1200, 7), (2600, 1000)] {
                if n > 1000 && si > 2 {
                    continue;
                }
                for (first, next) in [("select", "select"), ("select_reverse", "select_reverse")] {
                    scripts.push(Script::new(
                        &format!("{name}/ms{si}/{n}/{chunk}/{first}"),
                        chunk_script(opts.clone(), n, ms.clone(), chunk, first, next),
                    ));
                }
            }
        }
    }
    check_scripts("select/3 and continuations", &scripts, &[]);
}

#[test]
fn match_chunks_match_the_vm() {
    let pats = vec![a("_"), tup(vec![v(1), i(3)]), tup(vec![tup(vec![v(1), v(2)]), a("_")])];
    let mut scripts = Vec::new();
    for (name, opts) in tables() {
        for (pi, p) in pats.iter().enumerate() {
            for &(n, chunk) in &[(30i64, 4i64), (500, 64)] {
                scripts.push(Script::new(&format!("{name}/p{pi}/{n}/match"), chunk_script(opts.clone(), n, p.clone(), chunk, "match", "match")));
                scripts.push(Script::new(
                    &format!("{name}/p{pi}/{n}/match_object"),
                    chunk_script(opts.clone(), n, p.clone(), chunk, "match_object", "match_object"),
                ));
            }
        }
    }
    check_scripts("match/3, match_object/3 and continuations", &scripts, &[]);
}

#[test]
fn bad_chunks_and_continuations_match_the_vm() {
    let ms = list(vec![clause(a("_"), vec![], vec![a("$_")])]);
    let mut scripts = Vec::new();
    for (name, opts) in tables() {
        let ops = vec![
            op("new", vec![a("t"), list(opts)]),
            op("insert", vec![tab(0), list(objects(20))]),
            op("select", vec![tab(0), ms.clone(), i(0)]),
            op("select", vec![tab(0), ms.clone(), i(-1)]),
            op("select", vec![tab(0), ms.clone(), a("x")]),
            op("select", vec![a("$end_of_table")]),
            op("select", vec![a("other")]),
            op("select", vec![tup(vec![])]),
            op("select", vec![tup(vec![tab(0)])]),
            op("select", vec![tup(vec![tid(0), i(0), i(5), i(0), list(vec![]), i(0)])]),
            op("select", vec![tab(0), ms.clone(), i(6)]),
            op("select", vec![cont(11)]),
            op("delete", vec![tab(0)]),
            op("select", vec![cont(11)]),
            op("match", vec![tab(0), a("_"), i(3)]),
        ];
        scripts.push(Script::new(name, ops));
    }
    check_scripts("bad chunks and continuations", &scripts, &[]);
}
