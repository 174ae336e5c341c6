//! ETS basics against the VM: creating tables of each type and option, the object BIFs,
//! traversal, info/1,2 and the error cases, as hand-written scripts (see `etstest`).
mod common;
mod etstest;
use etstest::*;

fn kv(k: T, v: T) -> T {
    tup(vec![k, v])
}

#[test]
fn smoke() {
    let s = Script::new(
        "smoke",
        vec![
            op("new", vec![a("t"), list(vec![])]),
            op("insert", vec![tab(0), kv(i(1), a("one"))]),
            op("insert", vec![tab(0), list(vec![kv(i(2), a("two")), kv(i(3), a("three"))])]),
            op("lookup", vec![tab(0), i(2)]),
            op("lookup", vec![tab(0), i(4)]),
            special("$keys", vec![tab(0)]),
            op("match_object", vec![tab(0), a("_")]),
            op("info", vec![tab(0)]),
            op("info", vec![tab(0), a("size")]),
            op("delete", vec![tab(0), i(2)]),
            op("member", vec![tab(0), i(2)]),
            op("lookup_element", vec![tab(0), i(3), i(2)]),
            op("lookup_element", vec![tab(0), i(3), i(3)]),
            op("delete", vec![tab(0)]),
            op("lookup", vec![tab(0), i(1)]),
            op("info", vec![tab(0)]),
        ],
    );
    check_scripts("smoke", &[s], &[]);
}
