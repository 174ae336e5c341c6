//! Match specifications against the VM: heads (constants, variables, '_', tuples, lists,
//! maps), guards (type tests, comparisons, arithmetic, element, boolean forms, const) and
//! bodies ('$_', '$$', constructed terms, failing expressions as 'EXIT'), run through
//! select/2, select_count/2, select_reverse/2, match/2, match_object/2,
//! internal_select_delete/2, select_replace/2 and match_spec_run_r/3, plus the
//! specifications the VM rejects (badarg).
mod common;
mod etstest;
use etstest::*;

fn v(n: u32) -> T {
    a(&format!("${n}"))
}
fn call(f: &str, args: Vec<T>) -> T {
    let mut x = vec![a(f)];
    x.extend(args);
    tup(x)
}
fn c(t: T) -> T {
    tup(vec![t])
}
fn f(x: f64) -> T {
    T::Float(x)
}

/// The objects of the test tables: {Key, A, B}.
fn objects() -> Vec<T> {
    vec![
        tup(vec![i(1), a("one"), i(10)]),
        tup(vec![i(2), a("two"), f(2.5)]),
        tup(vec![i(3), T::bin("three"), list(vec![i(1), i(2), i(3)])]),
        tup(vec![f(1.0), a("float_one"), tup(vec![a("x"), i(1)])]),
        tup(vec![f(-0.0), a("neg_zero"), f(0.0)]),
        tup(vec![f(0.0), a("zero"), f(-0.0)]),
        tup(vec![a("k"), a("atom"), i(-7)]),
        tup(vec![tup(vec![i(1), i(2)]), list(vec![]), i(1 << 62)]),
        tup(vec![T::str("ab"), list(vec![a("a"), a("b")]), T::Bin(vec![255, 0])]),
        tup(vec![i(100), mkmap(vec![(a("a"), i(1)), (a("b"), i(2))]), mkmap(vec![])]),
        tup(vec![i(101), tup(vec![]), a("true")]),
        tup(vec![i(102), i(-3), a("false")]),
        tup(vec![i(1 << 70), T::Bits(vec![0xf0], 4), i(5)]),
        tup(vec![i(103), tup(vec![a("rec"), i(1), i(2)]), tup(vec![a("rec"), i(1)])]),
        tup(vec![i(104), list(vec![i(1)]), T::str("hello")]),
    ]
}

/// Match specifications; each is run against every table type.
fn specs() -> Vec<T> {
    let all = |h: T, g: Vec<T>, b: Vec<T>| list(vec![clause(h, g, b)]);
    let h3 = || tup(vec![v(1), v(2), v(3)]);
    vec![
        all(a("_"), vec![], vec![a("$_")]),
        all(h3(), vec![], vec![a("$$")]),
        all(tup(vec![v(3), v(1), a("_")]), vec![], vec![a("$$")]),
        all(tup(vec![v(1), v(1), a("_")]), vec![], vec![a("$_")]),
        all(tup(vec![i(1), a("_"), a("_")]), vec![], vec![a("$_")]),
        all(tup(vec![f(1.0), a("_"), a("_")]), vec![], vec![a("$_")]),
        all(tup(vec![f(0.0), a("_"), a("_")]), vec![], vec![a("$_")]),
        all(tup(vec![f(-0.0), a("_"), a("_")]), vec![], vec![a("$_")]),
        all(tup(vec![a("_"), a("_"), f(-0.0)]), vec![], vec![a("$_")]),
        all(tup(vec![a("_"), a("_"), f(0.0)]), vec![], vec![v(0)]),
        all(tup(vec![v(0), a("_"), list(vec![v(1), v(2) ])]), vec![], vec![a("$$")]),
        all(tup(vec![v(1), list(vec![v(2)]), a("_")]), vec![], vec![v(2)]),
        all(tup(vec![v(1), T::List(vec![i(1)], Some(Box::new(v(2)))), a("_")]), vec![], vec![v(2)]),
        all(tup(vec![v(1), mkmap(vec![(a("a"), v(2))]), a("_")]), vec![], vec![a("$$")]),
        all(tup(vec![v(1), mkmap(vec![]), a("_")]), vec![], vec![v(1)]),
        all(tup(vec![v(1), tup(vec![a("rec"), v(2), a("_")]), tup(vec![a("rec"), v(2)])]), vec![], vec![a("$$")]),
        // guards
        all(h3(), vec![call("is_integer", vec![v(1)])], vec![v(1)]),
        all(h3(), vec![call("is_float", vec![v(1)])], vec![v(1)]),
        all(h3(), vec![call("is_atom", vec![v(2)]), call("is_integer", vec![v(3)])], vec![v(1)]),
        all(h3(), vec![call("is_list", vec![v(3)])], vec![v(3)]),
        all(h3(), vec![call("is_tuple", vec![v(2)])], vec![v(1)]),
        all(h3(), vec![call("is_binary", vec![v(2)])], vec![v(1)]),
        all(h3(), vec![call("is_map", vec![v(2)])], vec![call("map_size", vec![v(2)])]),
        all(h3(), vec![call("is_number", vec![v(3)])], vec![v(3)]),
        all(h3(), vec![call("is_record", vec![v(2), a("rec"), i(3)])], vec![v(1)]),
        all(h3(), vec![call(">", vec![v(1), i(2)])], vec![v(1)]),
        all(h3(), vec![call("==", vec![v(1), i(1)])], vec![v(1)]),
        all(h3(), vec![call("=:=", vec![v(1), i(1)])], vec![v(1)]),
        all(h3(), vec![call("/=", vec![v(1), f(1.0)])], vec![v(1)]),
        all(h3(), vec![call("=/=", vec![v(1), f(1.0)])], vec![v(1)]),
        all(h3(), vec![call("=<", vec![v(1), a("k")]), call(">=", vec![v(1), i(2)])], vec![v(1)]),
        all(h3(), vec![call("<", vec![v(3), i(10)])], vec![v(1)]),
        all(h3(), vec![call("andalso", vec![call("is_integer", vec![v(3)]), call(">", vec![v(3), i(0)])])], vec![v(1)]),
        all(h3(), vec![call("orelse", vec![call("is_atom", vec![v(3)]), call("<", vec![call("+", vec![v(3), i(1)]), i(0)])])], vec![v(1)]),
        all(h3(), vec![call("and", vec![call("is_integer", vec![v(1)]), call("is_atom", vec![v(2)])])], vec![v(1)]),
        all(h3(), vec![call("or", vec![call("is_float", vec![v(1)]), call("is_map", vec![v(2)])])], vec![v(1)]),
        all(h3(), vec![call("not", vec![call("is_integer", vec![v(1)])])], vec![v(1)]),
        all(h3(), vec![call("xor", vec![call("is_integer", vec![v(1)]), call("is_integer", vec![v(3)])])], vec![v(1)]),
        all(h3(), vec![call("andalso", vec![v(3), a("true")])], vec![v(1)]),
        all(h3(), vec![call("orelse", vec![v(3), a("true")])], vec![v(1)]),
        all(h3(), vec![call("==", vec![call("rem", vec![v(1), i(2)]), i(1)])], vec![v(1)]),
        all(h3(), vec![call("==", vec![call("element", vec![i(1), v(2)]), a("rec")])], vec![v(1)]),
        all(h3(), vec![call("==", vec![call("hd", vec![v(3)]), i(1)])], vec![call("tl", vec![v(3)])]),
        all(h3(), vec![call(">", vec![call("length", vec![v(3)]), i(1)])], vec![call("length", vec![v(3)])]),
        all(h3(), vec![call("==", vec![call("size", vec![v(3)]), i(2)])], vec![v(1)]),
        all(h3(), vec![call("is_map_key", vec![a("a"), v(2)])], vec![call("map_get", vec![a("b"), v(2)])]),
        all(h3(), vec![call("==", vec![call("byte_size", vec![v(2)]), i(5)])], vec![call("binary_part", vec![v(2), i(1), i(2)])]),
        all(h3(), vec![call("==", vec![call("bit_size", vec![v(2)]), i(4)])], vec![v(1)]),
        all(h3(), vec![call("==", vec![call("node", vec![]), a("nonode@nohost")])], vec![call("node", vec![])]),
        all(h3(), vec![tup(vec![a("const"), a("true")])], vec![v(1)]),
        all(h3(), vec![a("true")], vec![v(1)]),
        all(h3(), vec![a("false")], vec![v(1)]),
        all(h3(), vec![v(3)], vec![v(1)]),
        all(h3(), vec![call("is_integer", vec![call("abs", vec![v(3)])])], vec![call("abs", vec![v(3)])]),
        // bodies
        all(h3(), vec![], vec![call("+", vec![v(1), i(1)])]),
        all(h3(), vec![], vec![call("*", vec![v(3), v(3)])]),
        all(h3(), vec![], vec![call("/", vec![v(3), i(2)])]),
        all(h3(), vec![], vec![call("div", vec![v(3), i(0)])]),
        all(h3(), vec![], vec![call("-", vec![v(3)])]),
        all(h3(), vec![], vec![call("bnot", vec![v(3)])]),
        all(h3(), vec![], vec![call("band", vec![v(3), i(6)]), call("bor", vec![v(3), i(6)])]),
        all(h3(), vec![], vec![call("bsl", vec![v(3), i(70)])]),
        all(h3(), vec![], vec![call("float", vec![v(3)]), call("trunc", vec![v(3)])]),
        all(h3(), vec![], vec![call("round", vec![v(3)])]),
        all(h3(), vec![], vec![c(tup(vec![v(1), a("tag"), c(tup(vec![v(2)]))]))]),
        all(h3(), vec![], vec![list(vec![v(1), v(2)])]),
        all(h3(), vec![], vec![T::List(vec![v(1)], Some(Box::new(v(3))))]),
        all(h3(), vec![], vec![tup(vec![a("const"), tup(vec![v(1), a("$_")])])]),
        all(h3(), vec![], vec![mkmap(vec![(a("k"), v(1)), (v(2), v(3))])]),
        all(h3(), vec![], vec![call("andalso", vec![v(3), a("x")])]),
        all(h3(), vec![], vec![call("orelse", vec![call("is_atom", vec![v(2)]), v(3)])]),
        all(h3(), vec![], vec![call("and", vec![v(3), a("true")])]),
        all(h3(), vec![], vec![call("element", vec![i(2), v(3)])]),
        all(h3(), vec![], vec![call("self", vec![])]),
        all(h3(), vec![], vec![c(tup(vec![a("$_"), a("$$")]))]),
        all(h3(), vec![], vec![a("_"), a("$_")]),
        all(h3(), vec![], vec![call("is_pid", vec![call("self", vec![])])]),
        all(h3(), vec![], vec![call("+", vec![call("+", vec![v(2), i(1)]), i(1)])]),
        // several clauses
        list(vec![
            clause(tup(vec![v(1), a("_"), a("_")]), vec![call("is_integer", vec![v(1)])], vec![c(tup(vec![a("int"), v(1)]))]),
            clause(tup(vec![v(1), a("_"), a("_")]), vec![call("is_float", vec![v(1)])], vec![c(tup(vec![a("float"), v(1)]))]),
            clause(a("_"), vec![], vec![a("other")]),
        ]),
        list(vec![
            clause(tup(vec![i(1), a("_"), a("_")]), vec![], vec![a("$_")]),
            clause(tup(vec![i(3), a("_"), a("_")]), vec![], vec![a("$_")]),
            clause(tup(vec![a("k"), a("_"), a("_")]), vec![], vec![a("$_")]),
            clause(tup(vec![i(999), a("_"), a("_")]), vec![], vec![a("$_")]),
        ]),
        list(vec![
            clause(tup(vec![tup(vec![i(1), v(1)]), a("_"), a("_")]), vec![], vec![v(1)]),
            clause(tup(vec![v(1), a("_"), a("_")]), vec![call("is_atom", vec![v(1)])], vec![v(1)]),
        ]),
        list(vec![]),
        list(vec![clause(a("nottuple"), vec![], vec![a("$_")])]),
        list(vec![clause(tup(vec![a("_")]), vec![], vec![a("$_")])]),
    ]
}

/// Specifications the VM rejects (and a few it accepts that look suspicious).
fn bad_specs() -> Vec<T> {
    let h = || tup(vec![v(1), v(2), a("_")]);
    vec![
        a("notalist"),
        T::List(vec![clause(h(), vec![], vec![v(1)])], Some(Box::new(a("tail")))),
        list(vec![tup(vec![h(), list(vec![])])]),
        list(vec![a("x")]),
        list(vec![clause(h(), vec![], vec![])]),
        list(vec![tup(vec![h(), list(vec![]), a("$_")])]),
        list(vec![tup(vec![h(), a("notalist"), list(vec![v(1)])])]),
        list(vec![clause(h(), vec![], vec![v(3)])]),
        list(vec![clause(h(), vec![v(9)], vec![v(1)])]),
        list(vec![clause(h(), vec![], vec![tup(vec![i(1), i(2)])])]),
        list(vec![clause(h(), vec![], vec![tup(vec![v(1), i(2)])])]),
        list(vec![clause(h(), vec![], vec![call("foo", vec![v(1)])])]),
        list(vec![clause(h(), vec![], vec![call("is_integer", vec![v(1), v(2)])])]),
        list(vec![clause(h(), vec![], vec![call("is_seq_trace", vec![])])]),
        list(vec![clause(h(), vec![], vec![call("return_trace", vec![])])]),
        list(vec![clause(h(), vec![], vec![call("message", vec![v(1)])])]),
        list(vec![clause(h(), vec![], vec![call("get_tcw", vec![])])]),
        list(vec![clause(h(), vec![], vec![call("const", vec![v(1), v(2)])])]),
        list(vec![clause(h(), vec![], vec![call("self", vec![v(1)])])]),
        list(vec![clause(h(), vec![], vec![call("and", vec![])])]),
        list(vec![clause(h(), vec![], vec![call("andalso", vec![])])]),
        list(vec![clause(h(), vec![], vec![tup(vec![])])]),
        list(vec![clause(h(), vec![], vec![call("is_boolean", vec![v(1)])])]),
        list(vec![clause(h(), vec![], vec![call("tuple_size", vec![v(1)])])]),
        list(vec![clause(tup(vec![mkmap(vec![(v(1), i(1))]), a("_"), a("_")]), vec![], vec![a("$_")])]),
        list(vec![clause(tup(vec![mkmap(vec![(a("_"), i(1))]), a("_"), a("_")]), vec![], vec![a("$_")])]),
        list(vec![clause(h(), vec![], vec![a("$01")])]),
        list(vec![clause(tup(vec![a("$01"), a("_"), a("_")]), vec![], vec![a("$$")])]),
        list(vec![clause(tup(vec![a("$0"), a("$100"), a("_")]), vec![], vec![a("$$")])]),
    ]
}

fn tables() -> Vec<(&'static str, Vec<T>)> {
    vec![
        ("set", vec![]),
        ("ordered_set", vec![a("ordered_set")]),
        ("bag", vec![a("bag")]),
        ("duplicate_bag", vec![a("duplicate_bag")]),
        ("set_wc", vec![a("public"), tup(vec![a("write_concurrency"), a("true")])]),
    ]
}

fn with_table(opts: Vec<T>, mut ops: Vec<T>) -> Vec<T> {
    let mut s = vec![op("new", vec![a("t"), list(opts)]), op("insert", vec![tab(0), list(objects())])];
    s.append(&mut ops);
    s
}

#[test]
fn select_family_matches_the_vm() {
    let mut scripts = Vec::new();
    for (name, opts) in tables() {
        let mut ops = Vec::new();
        for ms in specs() {
            ops.push(op("select", vec![tab(0), ms.clone()]));
            ops.push(op("select_reverse", vec![tab(0), ms.clone()]));
            ops.push(op("select_count", vec![tab(0), ms.clone()]));
        }
        scripts.push(Script::new(name, with_table(opts, ops)));
    }
    check_scripts("select/2, select_reverse/2, select_count/2", &scripts, &[]);
}

#[test]
fn match_and_match_object_match_the_vm() {
    let pats = vec![
        a("_"),
        tup(vec![v(1), a("_"), a("_")]),
        tup(vec![v(1), v(2), v(3)]),
        tup(vec![a("_"), v(1), v(1)]),
        tup(vec![i(1), a("_"), v(9)]),
        tup(vec![v(1), list(vec![v(2)]), a("_")]),
        tup(vec![v(1), tup(vec![a("rec"), v(2), v(3)]), a("_")]),
        tup(vec![a("_"), a("_")]),
        a("$1"),
        list(vec![]),
    ];
    let mut scripts = Vec::new();
    for (name, opts) in tables() {
        let mut ops = Vec::new();
        for p in &pats {
            ops.push(op("match", vec![tab(0), p.clone()]));
            ops.push(op("match_object", vec![tab(0), p.clone()]));
        }
        scripts.push(Script::new(name, with_table(opts, ops)));
    }
    check_scripts("match/2, match_object/2", &scripts, &[]);
}

#[test]
fn select_delete_and_replace_match_the_vm() {
    let h3 = || tup(vec![v(1), v(2), v(3)]);
    let deletes = vec![
        list(vec![clause(h3(), vec![call("is_integer", vec![v(1)])], vec![a("true")])]),
        list(vec![clause(h3(), vec![], vec![call("is_atom", vec![v(2)])])]),
        list(vec![clause(tup(vec![i(3), a("_"), a("_")]), vec![], vec![a("true")])]),
        list(vec![clause(h3(), vec![], vec![a("$_")])]),
        list(vec![clause(a("_"), vec![], vec![a("true")])]),
    ];
    let replaces = vec![
        list(vec![clause(h3(), vec![call("is_integer", vec![v(3)])], vec![c(tup(vec![v(1), v(2), call("+", vec![v(3), i(1)])]))])]),
        list(vec![clause(h3(), vec![], vec![a("$_")])]),
        list(vec![clause(tup(vec![v(1), a("_"), a("_")]), vec![], vec![c(tup(vec![v(1), a("new"), a("obj")]))])]),
        list(vec![clause(tup(vec![i(1), v(2), a("_")]), vec![], vec![tup(vec![a("const"), tup(vec![i(1), a("c"), a("d")])])])]),
        list(vec![clause(h3(), vec![], vec![c(tup(vec![call("element", vec![i(1), a("$_")]), i(0), i(0)]))])]),
        // rejected: the key could change
        list(vec![clause(h3(), vec![], vec![c(tup(vec![v(2), v(1), v(3)]))])]),
        list(vec![clause(h3(), vec![], vec![c(tup(vec![a("x"), v(2), v(3)]))])]),
        list(vec![clause(h3(), vec![], vec![v(1), a("$_")])]),
        list(vec![clause(tup(vec![a("_"), v(2), v(3)]), vec![], vec![a("$_")])]),
        list(vec![clause(h3(), vec![], vec![c(tup(vec![v(1)]))])]),
    ];
    let mut scripts = Vec::new();
    for (name, opts) in tables() {
        for (k, ms) in deletes.iter().enumerate() {
            let ops = vec![
                op("internal_select_delete", vec![tab(0), ms.clone()]),
                op("match_object", vec![tab(0), a("_")]),
                op("info", vec![tab(0), a("size")]),
            ];
            scripts.push(Script::new(&format!("{name}/delete{k}"), with_table(opts.clone(), ops)));
        }
        for (k, ms) in replaces.iter().enumerate() {
            let ops = vec![
                op("select_replace", vec![tab(0), ms.clone()]),
                op("match_object", vec![tab(0), a("_")]),
            ];
            scripts.push(Script::new(&format!("{name}/replace{k}"), with_table(opts.clone(), ops)));
        }
    }
    check_scripts("internal_select_delete/2, select_replace/2", &scripts, &[]);
}

#[test]
fn compiled_specifications_match_the_vm() {
    let mut ops = Vec::new();
    let mut n = 0;
    for ms in specs().into_iter().chain(bad_specs()) {
        ops.push(op("match_spec_compile", vec![ms]));
        ops.push(op("is_compiled_ms", vec![res(n)]));
        ops.push(op("match_spec_run_r", vec![list(objects()), res(n), list(vec![a("acc")])]));
        ops.push(op("match_spec_run_r", vec![list(vec![i(1), a("x"), tup(vec![i(1)])]), res(n), list(vec![])]));
        n += 4;
    }
    ops.push(op("is_compiled_ms", vec![a("x")]));
    ops.push(op("match_spec_run_r", vec![a("notalist"), res(0), list(vec![])]));
    ops.push(op("match_spec_run_r", vec![T::List(vec![i(1)], Some(Box::new(i(2)))), res(0), list(vec![])]));
    ops.push(op("match_spec_run_r", vec![list(vec![]), a("x"), list(vec![])]));
    ops.push(op("new", vec![a("t"), list(vec![])]));
    ops.push(op("is_compiled_ms", vec![tid(0)]));
    check_scripts("match_spec_compile/1, match_spec_run_r/3", &[Script::new("ms", ops)], &[]);
}

#[test]
fn bad_specifications_are_badarg() {
    let mut scripts = Vec::new();
    for (name, opts) in tables() {
        let mut ops = Vec::new();
        for ms in bad_specs() {
            ops.push(op("select", vec![tab(0), ms.clone()]));
            ops.push(op("select_count", vec![tab(0), ms.clone()]));
            ops.push(op("select", vec![tab(0), ms.clone(), i(3)]));
        }
        scripts.push(Script::new(name, with_table(opts, ops)));
    }
    check_scripts("bad specifications", &scripts, &[]);
}
