//! Table ownership, access rights and names against the VM: protection from other
//! processes, give_away/3 and heirs (the 'ETS-TRANSFER' messages), tables deleted when
//! their owner exits, setopts/2, rename/2, whereis/1, named tables, safe_fixtable/2 with
//! pseudo-deletion, info/1,2 items, ets:all/0 and the argument errors of every BIF.
mod common;
mod etstest;
use etstest::*;

fn kv(k: i128, v: &str) -> T {
    tup(vec![i(k), a(v)])
}

#[test]
fn access_rights_match_the_vm() {
    let mut scripts = Vec::new();
    for prot in ["public", "protected", "private"] {
        for typ in ["set", "ordered_set", "bag"] {
            let ops = vec![
                op("new", vec![a("t"), list(vec![a(prot), a(typ)])]),
                op("insert", vec![tab(0), kv(1, "a")]),
                special("$spawn", vec![]),
                op_as(1, "lookup", vec![tab(0), i(1)]),
                op_as(1, "insert", vec![tab(0), kv(2, "b")]),
                op_as(1, "member", vec![tab(0), i(1)]),
                op_as(1, "first", vec![tab(0)]),
                op_as(1, "select", vec![tab(0), list(vec![clause(a("_"), vec![], vec![a("$_")])])]),
                op_as(1, "select_count", vec![tab(0), list(vec![clause(a("_"), vec![], vec![a("true")])])]),
                op_as(1, "internal_select_delete", vec![tab(0), list(vec![clause(a("_"), vec![], vec![a("false")])])]),
                op_as(1, "update_element", vec![tab(0), i(1), tup(vec![i(2), a("c")])]),
                op_as(1, "delete", vec![tab(0), i(9)]),
                op_as(1, "info", vec![tab(0), a("size")]),
                op_as(1, "info", vec![tab(0)]),
                op_as(1, "safe_fixtable", vec![tab(0), a("true")]),
                op_as(1, "safe_fixtable", vec![tab(0), a("false")]),
                op_as(1, "setopts", vec![tab(0), tup(vec![a("protection"), a("public")])]),
                op_as(1, "rename", vec![tab(0), a("r")]),
                op_as(1, "give_away", vec![tab(0), pid(0), a("gift")]),
                op_as(1, "internal_delete_all", vec![tab(0), a("undefined")]),
                op_as(1, "match_object", vec![tab(0), a("_"), i(1)]),
                special("$keys", vec![tab(0)]),
                op_as(1, "delete", vec![tab(0)]),
                op("info", vec![tab(0), a("owner")]),
            ];
            scripts.push(Script::new(&format!("{prot}/{typ}"), ops));
        }
    }
    check_scripts("access rights", &scripts, &[]);
}

#[test]
fn ownership_and_heirs_match_the_vm() {
    let s1 = vec![
        special("$spawn", vec![]),
        special("$spawn", vec![]),
        op("new", vec![a("t"), list(vec![a("public")])]),
        op("give_away", vec![tab(0), pid(1), a("gift")]),
        op("info", vec![tab(0), a("owner")]),
        special("$flush", vec![i(1)]),
        op("give_away", vec![tab(0), pid(2), a("again")]),
        op_as(1, "give_away", vec![tab(0), pid(1), a("self")]),
        op_as(1, "give_away", vec![tab(0), a("notapid"), a("x")]),
        op_as(1, "give_away", vec![tab(0), pid(2), tup(vec![i(1), a("data")])]),
        special("$flush", vec![i(2)]),
        op("info", vec![tab(0), a("owner")]),
        special("$kill", vec![i(2)]),
        op("info", vec![tab(0)]),
        op("lookup", vec![tab(0), i(1)]),
    ];
    let s2 = vec![
        special("$spawn", vec![]),
        special("$spawn", vec![]),
        op_as(1, "new", vec![a("h"), list(vec![a("public"), tup(vec![a("heir"), pid(2), a("heir_data")])])]),
        op_as(1, "insert", vec![tab(0), kv(1, "x")]),
        op("info", vec![tab(0), a("heir")]),
        special("$kill", vec![i(1)]),
        op("info", vec![tab(0), a("owner")]),
        special("$flush", vec![i(2)]),
        op("lookup", vec![tab(0), i(1)]),
        op_as(2, "setopts", vec![tab(0), list(vec![tup(vec![a("heir"), pid(0), a("back")])])]),
        op("info", vec![tab(0), a("heir")]),
        special("$kill", vec![i(2)]),
        op("info", vec![tab(0), a("owner")]),
        special("$flush", vec![i(0)]),
        op("setopts", vec![tab(0), tup(vec![a("heir"), a("none")])]),
        op("info", vec![tab(0), a("heir")]),
        op("setopts", vec![tab(0), list(vec![tup(vec![a("heir"), a("none")]), tup(vec![a("protection"), a("private")])])]),
        op("info", vec![tab(0), a("protection")]),
        op("setopts", vec![tab(0), list(vec![tup(vec![a("heir"), a("none")]), tup(vec![a("heir"), a("none")])])]),
        op("setopts", vec![tab(0), tup(vec![a("protection"), a("bad")])]),
        op("setopts", vec![tab(0), tup(vec![a("other"), a("x")])]),
        op("setopts", vec![tab(0), a("x")]),
        op("setopts", vec![tab(0), list(vec![])]),
        op("setopts", vec![tab(0), tup(vec![a("heir"), pid(0)])]),
    ];
    // a heir that is dead when the owner exits: the table goes
    let s3 = vec![
        special("$spawn", vec![]),
        special("$spawn", vec![]),
        op_as(1, "new", vec![a("named"), list(vec![a("named_table"), a("public"), tup(vec![a("heir"), pid(2), a("d")])])]),
        special("$kill", vec![i(2)]),
        op("info", vec![a("named"), a("heir")]),
        special("$kill", vec![i(1)]),
        op("info", vec![a("named")]),
        op("whereis", vec![a("named")]),
        op("new", vec![a("named"), list(vec![a("named_table")])]),
        op("info", vec![a("named"), a("owner")]),
        // a heir that is the owner itself
        op("new", vec![a("self_heir"), list(vec![tup(vec![a("heir"), pid(0), a("me")])])]),
        op("info", vec![tab(1), a("heir")]),
        // a heir that is dead at creation
        op("new", vec![a("dead_heir"), list(vec![tup(vec![a("heir"), pid(1), a("x")])])]),
        op("info", vec![tab(2), a("heir")]),
        special("$all", vec![]),
    ];
    // several tables of one owner go in creation order to the heir
    let s4 = vec![
        special("$spawn", vec![]),
        special("$spawn", vec![]),
        op_as(1, "new", vec![a("a"), list(vec![tup(vec![a("heir"), pid(2), a("first")])])]),
        op_as(1, "new", vec![a("b"), list(vec![])]),
        op_as(1, "new", vec![a("c"), list(vec![a("named_table"), tup(vec![a("heir"), pid(2), a("third")])])]),
        op_as(1, "new", vec![a("d"), list(vec![a("ordered_set"), tup(vec![a("heir"), pid(2), a("fourth")])])]),
        special("$all", vec![]),
        special("$kill", vec![i(1)]),
        special("$flush", vec![i(2)]),
        special("$all", vec![]),
        op("info", vec![tab(1)]),
    ];
    check_scripts(
        "ownership and heirs",
        &[Script::new("give_away", s1), Script::new("heir", s2), Script::new("dead_heir", s3), Script::new("heirs", s4)],
        &[],
    );
}

#[test]
fn names_match_the_vm() {
    let ops = vec![
        op("new", vec![a("n"), list(vec![a("named_table")])]),
        op("new", vec![a("n"), list(vec![a("named_table")])]),
        op("new", vec![a("n"), list(vec![])]),
        op("whereis", vec![a("n")]),
        op("whereis", vec![a("nothere")]),
        op("whereis", vec![i(1)]),
        op("insert", vec![a("n"), kv(1, "x")]),
        op("lookup", vec![tid(0), i(1)]),
        op("rename", vec![a("n"), a("m")]),
        op("lookup", vec![a("n"), i(1)]),
        op("lookup", vec![a("m"), i(1)]),
        op("lookup", vec![tid(0), i(1)]),
        op("info", vec![a("m"), a("name")]),
        op("rename", vec![a("m"), a("m")]),
        op("new", vec![a("o"), list(vec![a("named_table")])]),
        op("rename", vec![a("m"), a("o")]),
        op("rename", vec![a("m"), i(3)]),
        op("rename", vec![tab(1), a("renamed")]),
        op("info", vec![tab(1), a("name")]),
        op("rename", vec![tid(2), a("p")]),
        op("info", vec![a("p"), a("id")]),
        op("delete", vec![a("p")]),
        op("whereis", vec![a("p")]),
        op("info", vec![a("p")]),
        op("info", vec![tid(2)]),
        op("lookup", vec![tid(2), i(1)]),
        op("info", vec![i(5)]),
        op("info", vec![tab(1), a("nosuchitem")]),
        op("info", vec![i(5), a("size")]),
        op("info", vec![a("nosuch"), a("size")]),
        special("$all", vec![]),
    ];
    check_scripts("named tables", &[Script::new("names", ops)], &[]);
}

#[test]
fn new_options_and_info_match_the_vm() {
    let opt_sets: Vec<Vec<T>> = vec![
        vec![],
        vec![a("set"), a("public"), a("named_table"), a("compressed")],
        vec![a("bag"), a("private"), tup(vec![a("keypos"), i(3)])],
        vec![a("duplicate_bag"), tup(vec![a("read_concurrency"), a("true")])],
        vec![a("ordered_set"), tup(vec![a("write_concurrency"), a("true")])],
        vec![a("ordered_set"), tup(vec![a("write_concurrency"), a("auto")]), a("private")],
        vec![tup(vec![a("write_concurrency"), a("true")]), tup(vec![a("decentralized_counters"), a("true")])],
        vec![tup(vec![a("write_concurrency"), a("auto")])],
        vec![tup(vec![a("write_concurrency"), tup(vec![a("debug_hash_fixed_number_of_locks"), i(1000)])])],
        vec![tup(vec![a("write_concurrency"), tup(vec![a("debug_hash_fixed_number_of_locks"), i(5)])]), a("public")],
        vec![a("ordered_set"), a("set"), tup(vec![a("write_concurrency"), a("true")])],
        vec![tup(vec![a("write_concurrency"), a("false")]), tup(vec![a("read_concurrency"), a("false")]), tup(vec![a("heir"), a("none")])],
        vec![tup(vec![a("heir"), pid(0), a("data")])],
        vec![tup(vec![a("decentralized_counters"), a("false")]), a("ordered_set"), tup(vec![a("write_concurrency"), a("true")])],
        vec![a("public"), a("protected"), a("bag"), a("set")],
        vec![a("private"), a("protected")],
        // errors
        vec![a("nosuchoption")],
        vec![tup(vec![a("keypos"), i(0)])],
        vec![tup(vec![a("keypos"), a("x")])],
        vec![tup(vec![a("write_concurrency"), a("maybe")])],
        vec![tup(vec![a("write_concurrency"), tup(vec![a("debug_hash_fixed_number_of_locks"), i(0)])])],
        vec![a("ordered_set"), tup(vec![a("write_concurrency"), tup(vec![a("debug_hash_fixed_number_of_locks"), i(64)])])],
        vec![tup(vec![a("heir"), a("x")])],
        vec![tup(vec![a("heir"), a("x"), a("y")])],
        vec![tup(vec![a("read_concurrency"), i(1)])],
    ];
    let items = [
        "size", "type", "owner", "heir", "protection", "write_concurrency", "read_concurrency", "name", "keypos",
        "node", "named_table", "compressed", "id", "decentralized_counters", "fixed", "safe_fixed",
        "safe_fixed_monotonic_time", "stats", "memory", "binary",
    ];
    let mut ops = Vec::new();
    let mut k = 0;
    for (n, opts) in opt_sets.iter().enumerate() {
        ops.push(op("new", vec![a(&format!("t{n}")), list(opts.clone())]));
        ops.push(op("info", vec![tab(k)]));
        for it in items {
            ops.push(op("info", vec![tab(k), a(it)]));
        }
        ops.push(op("insert", vec![tab(k), tup(vec![i(1), i(2), i(3)])]));
        ops.push(op("lookup", vec![tab(k), i(1)]));
        ops.push(op("lookup", vec![tab(k), i(3)]));
        k += 1;
    }
    ops.push(op("new", vec![i(1), list(vec![])]));
    ops.push(op("new", vec![a("x"), a("set")]));
    ops.push(op("new", vec![a("x"), T::List(vec![a("set")], Some(Box::new(a("bag"))))]));
    check_scripts("ets:new/2 options and info", &[Script::new("options", ops)], &[]);
}

#[test]
fn safe_fixtable_matches_the_vm() {
    let mut scripts = Vec::new();
    for typ in ["set", "bag", "duplicate_bag", "ordered_set"] {
        let objs: Vec<T> = (0..40).map(|k| tup(vec![i(k), i(k % 3)])).collect();
        let ops = vec![
            op("new", vec![a("t"), list(vec![a(typ), a("public")])]),
            op("insert", vec![tab(0), list(objs.clone())]),
            op("safe_fixtable", vec![tab(0), a("true")]),
            op("safe_fixtable", vec![tab(0), a("true")]),
            op("info", vec![tab(0), a("safe_fixed")]),
            op("info", vec![tab(0), a("fixed")]),
            op("first", vec![tab(0)]),
            op("delete", vec![tab(0), res(6)]),
            op("next", vec![tab(0), res(6)]),
            op("delete", vec![tab(0), i(5)]),
            op("delete_object", vec![tab(0), tup(vec![i(6), i(0)])]),
            op("take", vec![tab(0), i(7)]),
            op("internal_select_delete", vec![tab(0), list(vec![clause(tup(vec![a("_"), i(1)]), vec![], vec![a("true")])])]),
            special("$keys", vec![tab(0)]),
            op("info", vec![tab(0), a("stats")]),
            op("insert", vec![tab(0), tup(vec![i(5), a("back")])]),
            op("insert", vec![tab(0), tup(vec![i(300), a("new")])]),
            op("insert_new", vec![tab(0), tup(vec![i(6), a("back")])]),
            op("update_counter", vec![tab(0), i(7), tup(vec![i(2), i(1)]), tup(vec![i(7), i(10)])]),
            op("update_counter", vec![tab(0), i(1000), tup(vec![i(5), i(1)]), tup(vec![i(7), i(10)])]),
            special("$keys", vec![tab(0)]),
            op("match_object", vec![tab(0), a("_")]),
            op("info", vec![tab(0), a("size")]),
            op("info", vec![tab(0), a("stats")]),
            op("safe_fixtable", vec![tab(0), a("false")]),
            op("info", vec![tab(0), a("safe_fixed")]),
            op("internal_delete_all", vec![tab(0), a("undefined")]),
            op("insert", vec![tab(0), list(objs.clone())]),
            op("match_object", vec![tab(0), a("_")]),
            op("safe_fixtable", vec![tab(0), a("false")]),
            op("info", vec![tab(0), a("safe_fixed")]),
            op("info", vec![tab(0), a("stats")]),
            special("$keys", vec![tab(0)]),
            op("info", vec![tab(0), a("size")]),
            op("safe_fixtable", vec![tab(0), a("false")]),
            op("safe_fixtable", vec![tab(0), a("maybe")]),
            special("$spawn", vec![]),
            op_as(1, "safe_fixtable", vec![tab(0), a("true")]),
            op("info", vec![tab(0), a("safe_fixed")]),
            special("$kill", vec![i(1)]),
            op("info", vec![tab(0), a("safe_fixed")]),
        ];
        scripts.push(Script::new(typ, ops));
    }
    check_scripts("safe_fixtable/2", &scripts, &[]);
}

#[test]
fn argument_errors_match_the_vm() {
    let t = || tab(0);
    let ops = vec![
        op("new", vec![a("t"), list(vec![])]),
        op("new", vec![a("o"), list(vec![a("ordered_set")])]),
        op("new", vec![a("b"), list(vec![a("bag")])]),
        op("insert", vec![t(), a("x")]),
        op("insert", vec![t(), tup(vec![])]),
        op("insert", vec![t(), list(vec![tup(vec![i(1)]), a("x")])]),
        op("insert", vec![t(), T::List(vec![tup(vec![i(1)])], Some(Box::new(a("x"))))]),
        op("insert", vec![t(), list(vec![])]),
        op("insert", vec![a("nosuch"), tup(vec![i(1)])]),
        op("insert", vec![i(1), tup(vec![i(1)])]),
        op("insert_new", vec![t(), list(vec![tup(vec![i(1)]), tup(vec![i(2)])])]),
        op("insert_new", vec![t(), list(vec![tup(vec![i(2)]), tup(vec![i(3)])])]),
        op("insert_new", vec![t(), list(vec![])]),
        op("insert_new", vec![t(), list(vec![tup(vec![i(9)]), a("x")])]),
        op("lookup_element", vec![t(), i(1), i(0)]),
        op("lookup_element", vec![t(), i(1), i(2)]),
        op("lookup_element", vec![t(), i(99), i(1)]),
        op("lookup_element", vec![t(), i(1), a("x")]),
        op("delete_object", vec![t(), a("x")]),
        op("delete_object", vec![t(), tup(vec![])]),
        op("update_counter", vec![t(), i(1), i(1)]),
        op("insert", vec![t(), tup(vec![i(10), i(0), a("x"), i(1 << 62)])]),
        op("update_counter", vec![t(), i(10), i(1)]),
        op("update_counter", vec![t(), i(10), tup(vec![i(3), i(1)])]),
        op("update_counter", vec![t(), i(10), tup(vec![i(4), i(1 << 62)])]),
        op("update_counter", vec![t(), i(10), tup(vec![i(1), i(1)])]),
        op("update_counter", vec![t(), i(10), tup(vec![i(5), i(1)])]),
        op("update_counter", vec![t(), i(10), tup(vec![i(2), a("x")])]),
        op("update_counter", vec![t(), i(10), tup(vec![i(2), i(1), i(3)])]),
        op("update_counter", vec![t(), i(10), tup(vec![i(2), i(1), a("t"), i(0)])]),
        op("update_counter", vec![t(), i(10), tup(vec![i(2), i(5), i(3), i(-1)])]),
        op("update_counter", vec![t(), i(10), tup(vec![i(2), i(-50), i(-3), i(100)])]),
        op("update_counter", vec![t(), i(10), list(vec![tup(vec![i(2), i(1)]), tup(vec![i(2), i(1)]), tup(vec![i(4), i(-1)])])]),
        op("update_counter", vec![t(), i(10), list(vec![tup(vec![i(2), i(1)]), a("x")])]),
        op("update_counter", vec![t(), i(10), list(vec![])]),
        op("update_counter", vec![t(), i(10), T::List(vec![tup(vec![i(2), i(1)])], Some(Box::new(i(3))))]),
        op("lookup", vec![t(), i(10)]),
        op("update_counter", vec![t(), i(11), i(1), tup(vec![i(0), i(5)])]),
        op("update_counter", vec![t(), i(12), i(1), a("x")]),
        op("update_counter", vec![t(), i(12), i(1), list(vec![])]),
        op("update_counter", vec![t(), i(12), tup(vec![i(3), i(1)]), tup(vec![i(0), i(5)])]),
        op("lookup", vec![t(), i(12)]),
        op("update_counter", vec![t(), i(13), list(vec![]), tup(vec![i(0), i(5)])]),
        op("lookup", vec![t(), i(13)]),
        op("update_counter", vec![tab(2), i(1), i(1)]),
        op("update_counter", vec![tab(1), i(1), i(1), tup(vec![i(1), i(1)])]),
        op("update_counter", vec![tab(1), f(1.0), i(1), tup(vec![i(1), i(1)])]),
        op("lookup", vec![tab(1), i(1)]),
        op("update_element", vec![t(), i(10), tup(vec![i(1), a("k")])]),
        op("update_element", vec![t(), i(10), tup(vec![i(5), a("k")])]),
        op("update_element", vec![t(), i(10), tup(vec![i(0), a("k")])]),
        op("update_element", vec![t(), i(10), list(vec![tup(vec![i(2), a("k")]), tup(vec![i(3), a("l")])])]),
        op("update_element", vec![t(), i(10), list(vec![tup(vec![i(2), a("z")]), a("x")])]),
        op("update_element", vec![t(), i(99), tup(vec![i(2), a("k")])]),
        op("update_element", vec![t(), i(10), a("x")]),
        op("update_element", vec![tab(2), i(10), tup(vec![i(2), a("k")])]),
        op("lookup", vec![t(), i(10)]),
        op("next", vec![t(), i(12345)]),
        op("prev", vec![t(), i(12345)]),
        op("next", vec![tab(1), i(12345)]),
        op("next", vec![tab(1), a("$end_of_table")]),
        op("prev", vec![tab(1), a("$end_of_table")]),
        op("slot", vec![t(), i(-1)]),
        op("slot", vec![t(), i(256)]),
        op("slot", vec![t(), i(257)]),
        op("slot", vec![t(), a("x")]),
        op("slot", vec![tab(1), i(0)]),
        op("take", vec![t(), i(10)]),
        op("take", vec![t(), i(10)]),
        op("delete", vec![t(), i(10)]),
        op("safe_fixtable", vec![a("nosuch"), a("true")]),
        op("internal_delete_all", vec![t(), a("undefined")]),
        op("internal_delete_all", vec![a("nosuch"), a("undefined")]),
        op("select_replace", vec![tab(2), list(vec![clause(a("_"), vec![], vec![a("$_")])])]),
        op("give_away", vec![a("nosuch"), pid(0), a("x")]),
        op("give_away", vec![t(), pid(0), a("x")]),
        op("internal_request_all", vec![]),
    ];
    check_scripts("argument errors", &[Script::new("errors", ops)], &[]);
}

fn f(x: f64) -> T {
    T::Float(x)
}
