//! bs_append/bs_private_append against the VM: appending segments to binaries and
//! bitstrings (unit checks, unaligned tails), several versions grown from one binary (only
//! the newest may grow in place; the others must copy and stay intact), and the
//! linearity of an accumulation loop: `<<Acc/binary, X>>` 100k times copies O(n) bytes.
mod bintest;
mod common;
use bintest::*;
use common::{count, seed, Rng, T};

fn seg(kind: &str, rest: Vec<T>) -> T {
    let mut v = vec![T::atom(kind)];
    v.extend(rest);
    T::Tuple(v)
}

fn bitstring(r: &mut Rng, max_bits: u64) -> T {
    let bits = r.below(max_bits + 1) as usize;
    bits_term((0..bits.div_ceil(8)).map(|_| r.next() as u8).collect(), bits)
}

#[test]
fn appending_matches_the_vm() {
    let mut r = Rng::new(seed());
    let mut cases = Vec::new();
    for _ in 0..count(800) {
        let base = if r.chance(10) { T::atom("a") } else { bitstring(&mut r, 40) };
        let unit = *r.pick(&[1, 8]);
        let n = r.below(4) as usize;
        let segs: Vec<T> = (0..n)
            .map(|_| match r.below(4) {
                0 => seg("integer", vec![r.integer(), T::int(r.below(40) as i128), T::int(1), T::int(*r.pick(&[0, 2]) as i128)]),
                1 => seg("binary", vec![bitstring(&mut r, 30), T::atom("all"), T::int(1)]),
                2 => seg("utf8", vec![T::int(r.below(0x800) as i128)]),
                _ => seg("float", vec![T::Float(r.float()), T::int(64), T::int(1), T::int(0)]),
            })
            .collect();
        cases.push(BCase::new("tb_append", vec![base, T::int(unit), T::list(segs)]));
    }
    check_both("append", &cases);
}

#[test]
fn versions_stay_intact() {
    let mut r = Rng::new(seed() ^ 0xf0);
    let mut cases = Vec::new();
    let bytes = |r: &mut Rng, n: u64| T::list((0..r.below(n + 1)).map(|_| T::int(r.below(256) as i128)).collect());
    for _ in 0..count(200) {
        let base = if r.chance(30) { T::Bin(vec![]) } else { T::Bin((0..r.below(300)).map(|_| r.next() as u8).collect()) };
        let l1 = bytes(&mut r, 300);
        let l2 = bytes(&mut r, 300);
        let l3 = bytes(&mut r, 300);
        cases.push(BCase::new("tb_writable", vec![l1.clone()]));
        cases.push(BCase::new("tb_fork", vec![base, l1, T::Tuple(vec![l2, l3])]));
    }
    check("versions", &cases);
}

#[test]
fn accumulation_is_linear() {
    // Deterministic: count the bytes copied by appends that could not grow in place.
    let mut rt = BRuntime::new();
    for n in [1000i128, 100_000, 400_000] {
        let size = rt.call(&BCase::new("tb_loop", vec![T::int(n)])).unwrap_or_else(|e| panic!("{e}"));
        let copied = rt.call(&BCase::new("tb_copied", vec![T::int(0)])).unwrap_or_else(|e| panic!("{e}"));
        let size = etf_ok_int(&size);
        let copied = etf_ok_int(&copied);
        assert_eq!(size, n, "byte size after {n} appends");
        assert!(copied <= 2 * n, "{n} appends copied {copied} bytes: not linear");
        eprintln!("{n} appends: {copied} bytes copied");
    }
    // The timing, for information (a benchmark, not an assertion).
    for n in [100_000i128, 400_000] {
        let t = std::time::Instant::now();
        rt.call(&BCase::new("tb_loop", vec![T::int(n)])).unwrap_or_else(|e| panic!("{e}"));
        eprintln!("{n} appends: {:?}", t.elapsed());
    }
}

/// The integer of an {ok, N} answer.
fn etf_ok_int(b: &[u8]) -> i128 {
    // 131 104 2 (119|100) "ok" then 97 u8 | 98 i32
    let i = match b[3] {
        119 => 4 + 1 + b[4] as usize,
        _ => 4 + 2 + b[5] as usize,
    };
    match b[i] {
        97 => b[i + 1] as i128,
        98 => i32::from_be_bytes([b[i + 1], b[i + 2], b[i + 3], b[i + 4]]) as i128,
        t => panic!("not a small integer (tag {t})"),
    }
}
