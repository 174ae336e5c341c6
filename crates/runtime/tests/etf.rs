//! The external term format against the real VM: term_to_binary bytes with each option,
//! binary_to_term of well-formed, truncated and corrupted input, and round trips.
mod common;
use common::*;

fn t2b_opts(r: &mut Rng) -> T {
    let mut opts = Vec::new();
    for _ in 0..r.below(3) {
        opts.push(match r.below(6) {
            0 => T::tuple(vec![
                T::atom("minor_version"),
                T::int(r.range(0, 2) as i128),
            ]),
            1 => T::tuple(vec![
                T::atom("minor_version"),
                T::int(r.range(-1, 4) as i128),
            ]),
            2 => T::atom("deterministic"),
            3 => T::tuple(vec![T::atom("compressed"), T::int(0)]),
            4 => T::tuple(vec![T::atom("minor_version"), T::int(2)]),
            _ => T::atom("bogus"),
        });
    }
    T::list(opts)
}

#[test]
fn term_to_binary_matches_vm() {
    let mut r = Rng::new(seed() + 20);
    let mut cases = Vec::new();
    for _ in 0..count(500) {
        let t = r.term(3);
        cases.push(Case::new("term_to_binary", vec![t.clone()]));
        cases.push(Case::new("term_to_binary", vec![t, t2b_opts(&mut r)]));
    }
    check_cases("term_to_binary", &cases);
}

#[test]
fn binary_to_term_matches_vm() {
    let mut r = Rng::new(seed() + 21);
    let mut cases = Vec::new();
    for _ in 0..count(500) {
        let t = r.term(3);
        let etf = t.to_etf();
        cases.push(Case::new("binary_to_term", vec![T::Bin(etf.clone())]));
        let opts = match r.below(4) {
            0 => T::list(vec![T::atom("safe")]),
            1 => T::list(vec![T::atom("used")]),
            2 => T::list(vec![T::atom("used"), T::atom("safe")]),
            _ => T::list(vec![T::atom("bogus")]),
        };
        let mut trailing = etf.clone();
        trailing.extend([1, 2, 3]);
        cases.push(Case::new("binary_to_term", vec![T::Bin(trailing), opts]));
    }
    check_cases("binary_to_term", &cases);
}

#[test]
fn binary_to_term_rejects_corrupt_input_like_vm() {
    let mut r = Rng::new(seed() + 22);
    let mut cases = Vec::new();
    for _ in 0..count(1500) {
        let mut etf = r.term(3).to_etf();
        match r.below(4) {
            0 => {
                let n = r.below(etf.len() as u64) as usize;
                etf.truncate(n);
            }
            1 => {
                let i = r.below(etf.len() as u64) as usize;
                etf[i] = r.next() as u8;
            }
            2 => {
                let i = r.below(etf.len() as u64) as usize;
                etf[i] ^= 1 << r.below(8);
            }
            _ => {
                let i = r.below(etf.len() as u64) as usize;
                etf.insert(i, r.next() as u8);
            }
        }
        cases.push(Case::new("binary_to_term", vec![T::Bin(etf)]));
    }
    check_cases("corrupt binary_to_term", &cases);
}

#[test]
fn term_to_binary_atoms_follow_otp25_encodings() {
    // latin-1 names as ATOM_EXT (even short ones), others as SMALL_ATOM_UTF8_EXT or
    // ATOM_UTF8_EXT; minor version 2 always UTF-8.
    let long_utf8: String = std::iter::repeat('\u{3bb}').take(200).collect();
    let long_latin1: String = std::iter::repeat('\u{e4}').take(255).collect();
    let mut cases = Vec::new();
    for name in [
        "abc",
        "\u{e4}",
        "\u{3e8}",
        "",
        long_utf8.as_str(),
        long_latin1.as_str(),
        "a\u{ff}b",
    ] {
        cases.push(Case::new("term_to_binary", vec![T::atom(name)]));
        cases.push(Case::new(
            "term_to_binary",
            vec![
                T::atom(name),
                T::list(vec![T::tuple(vec![T::atom("minor_version"), T::int(2)])]),
            ],
        ));
        cases.push(Case::new(
            "term_to_binary",
            vec![
                T::atom(name),
                T::list(vec![T::tuple(vec![T::atom("minor_version"), T::int(0)])]),
            ],
        ));
    }
    check_cases("atom encodings", &cases);
}

#[test]
fn etf_edge_encodings_match_vm() {
    let b = |v: &[u8]| T::Bin(v.to_vec());
    let cases = vec![
        // non-canonical bignums decode to small integers
        Case::new("binary_to_term", vec![b(&[131, 110, 1, 0, 5])]),
        Case::new("binary_to_term", vec![b(&[131, 110, 0, 1])]),
        Case::new("binary_to_term", vec![b(&[131, 110, 2, 1, 0, 0])]),
        Case::new("binary_to_term", vec![b(&[131, 111, 0, 0, 0, 1, 0, 7])]),
        // latin-1 and invalid UTF-8 atoms
        Case::new("binary_to_term", vec![b(&[131, 115, 1, 228])]),
        Case::new("binary_to_term", vec![b(&[131, 118, 0, 2, 195, 40])]),
        Case::new("binary_to_term", vec![b(&[131, 119, 2, 192, 128])]),
        Case::new("binary_to_term", vec![b(&[131, 119, 3, 237, 160, 128])]),
        Case::new("binary_to_term", vec![b(&[131, 100, 1, 0])]),
        // an empty LIST_EXT is its tail; bit binaries
        Case::new("binary_to_term", vec![b(&[131, 108, 0, 0, 0, 0, 97, 1])]),
        Case::new("binary_to_term", vec![b(&[131, 77, 0, 0, 0, 1, 3, 255])]),
        Case::new("binary_to_term", vec![b(&[131, 77, 0, 0, 0, 1, 0, 255])]),
        Case::new("binary_to_term", vec![b(&[131, 77, 0, 0, 0, 0, 0])]),
        Case::new("binary_to_term", vec![b(&[131, 77, 0, 0, 0, 1, 8, 255])]),
        // FLOAT_EXT, and a NaN/infinite NEW_FLOAT_EXT
        Case::new(
            "binary_to_term",
            vec![T::Bin([&[131u8, 99][..], b"1.5", &[0u8; 28][..]].concat())],
        ),
        Case::new(
            "binary_to_term",
            vec![b(&[131, 70, 127, 240, 0, 0, 0, 0, 0, 0])],
        ),
        Case::new(
            "binary_to_term",
            vec![b(&[131, 70, 127, 248, 0, 0, 0, 0, 0, 1])],
        ),
        // truncated and empty
        Case::new("binary_to_term", vec![b(&[131])]),
        Case::new("binary_to_term", vec![b(&[])]),
        Case::new("binary_to_term", vec![b(&[130, 97, 1])]),
        Case::new("binary_to_term", vec![b(&[131, 106, 106])]),
        Case::new("binary_to_term", vec![b(&[131, 104, 0])]),
        Case::new("binary_to_term", vec![b(&[131, 105, 255, 255, 255, 255])]),
        Case::new(
            "binary_to_term",
            vec![b(&[131, 108, 255, 255, 255, 255, 106])],
        ),
        Case::new(
            "binary_to_term",
            vec![b(&[131, 111, 255, 255, 255, 255, 0])],
        ),
        Case::new("binary_to_term", vec![b(&[131, 109, 255, 255, 255, 255])]),
        Case::new("binary_to_term", vec![T::Bits(vec![131, 97], 1)]),
        Case::new(
            "binary_to_term",
            vec![
                b(&[131, 119, 3, 97, 98, 99]),
                T::list(vec![T::atom("safe")]),
            ],
        ),
        Case::new(
            "binary_to_term",
            vec![
                b(&[131, 119, 5, 122, 113, 122, 113, 122]),
                T::list(vec![T::atom("safe")]),
            ],
        ),
        // term_to_binary of floats at minor version 0 (FLOAT_EXT text)
        Case::new(
            "term_to_binary",
            vec![
                T::Float(1.0e10),
                T::list(vec![T::tuple(vec![T::atom("minor_version"), T::int(0)])]),
            ],
        ),
        Case::new(
            "term_to_binary",
            vec![
                T::Float(-0.0),
                T::list(vec![T::tuple(vec![T::atom("minor_version"), T::int(0)])]),
            ],
        ),
        Case::new(
            "term_to_binary",
            vec![
                T::Float(5e-324),
                T::list(vec![T::tuple(vec![T::atom("minor_version"), T::int(0)])]),
            ],
        ),
        Case::new("term_to_binary", vec![T::int(-1)]),
        Case::new("term_to_binary", vec![T::int(1 << 40)]),
        Case::new("term_to_binary", vec![T::int(-(1 << 40))]),
        Case::new("term_to_binary", vec![T::Int(false, vec![0xff; 300])]),
        Case::new(
            "term_to_binary",
            vec![T::list((0..70000).map(|i| T::int(i % 256)).collect())],
        ),
        Case::new(
            "term_to_binary",
            vec![T::List(
                vec![T::int(1), T::int(2)],
                Some(Box::new(T::int(3))),
            )],
        ),
        Case::new(
            "term_to_binary",
            vec![T::tuple((0..300).map(T::int).collect())],
        ),
        Case::new("term_to_binary", vec![T::Bits(vec![1, 2, 0x7f], 3)]),
        Case::new(
            "term_to_binary",
            vec![
                T::atom("x"),
                T::List(vec![T::atom("compressed")], Some(Box::new(T::atom("foo")))),
            ],
        ),
        Case::new(
            "term_to_binary",
            vec![
                T::atom("x"),
                T::list(vec![T::tuple(vec![T::atom("compressed"), T::int(10)])]),
            ],
        ),
    ];
    check_cases("ETF edges", &cases);
}

#[test]
fn binary_to_term_deep_nesting_does_not_overflow() {
    // 200000 nested one-element lists: [[[...]]]
    let depth = 200_000;
    let mut etf = vec![131];
    for _ in 0..depth {
        etf.extend([108, 0, 0, 0, 1]);
    }
    etf.push(106);
    for _ in 0..depth {
        etf.push(106);
    }
    let mut rt = Runtime::new();
    let out = rt
        .call(
            "binary_to_term",
            &T::list(vec![T::Bin(etf.clone())]).to_etf(),
            1,
        )
        .unwrap_or_else(|e| panic!("{e}"));
    // {ok, Term}: the re-encoding of the nested term is the input
    assert_eq!(&out[..6], &[131, 104, 2, 100, 0, 2]);
    assert_eq!(
        &out[8..],
        &etf[1..],
        "the decoded term re-encodes to its input"
    );
}

#[test]
fn term_to_binary_compressed_matches_vm() {
    let cases = vec![
        Case::new(
            "term_to_binary",
            vec![
                T::list((0..30).map(T::int).collect()),
                T::list(vec![T::atom("compressed")]),
            ],
        ),
        Case::new(
            "term_to_binary",
            vec![
                T::list((0..300).map(T::int).collect()),
                T::list(vec![T::atom("compressed")]),
            ],
        ),
    ];
    check_cases("compressed", &cases);
}

#[test]
fn float_ext_padding_is_zeroed_after_longer_output() {
    // FLOAT_EXT's NUL padding once reused stale bytes of the output buffer.
    let v0 = || T::list(vec![T::tuple(vec![T::atom("minor_version"), T::int(0)])]);
    let cases = vec![
        Case::new(
            "term_to_binary",
            vec![T::list((0..100).map(|i| T::int(i * 1000)).collect())],
        ),
        Case::new("term_to_binary", vec![T::Float(1.5), v0()]),
        Case::new(
            "term_to_binary",
            vec![T::tuple(vec![T::Float(-1.375), T::Float(3.28e-218)]), v0()],
        ),
    ];
    check_cases("FLOAT_EXT padding", &cases);
}

#[test]
fn binary_to_term_inflates_compressed_input() {
    // term_to_binary(lists:seq(1, 300), [compressed]) on the VM
    let etf: Vec<u8> = vec![
        131, 80, 0, 0, 2, 229, 120, 156, 21, 210, 119, 131, 8, 4, 28, 0, 208, 59, 103, 221, 29,
        238, 14, 119, 182, 227, 220, 25, 119, 215, 180, 119, 42, 161, 68, 73, 9, 149, 222, 149,
        178, 42, 74, 40, 91, 218, 200, 46, 100, 52, 85, 34, 164, 140, 150, 162, 65, 105, 217, 26,
        162, 164, 105, 53, 104, 145, 223, 63, 239, 19, 188, 65, 9, 9, 137, 133, 18, 21, 147, 164,
        184, 18, 74, 42, 165, 180, 100, 41, 82, 149, 81, 86, 57, 105, 210, 101, 40, 175, 130, 138,
        50, 101, 169, 164, 178, 42, 170, 170, 166, 186, 26, 106, 202, 86, 75, 109, 57, 234, 200,
        149, 167, 174, 122, 234, 107, 32, 95, 129, 66, 103, 56, 211, 89, 206, 118, 142, 115, 53,
        212, 72, 99, 77, 52, 213, 76, 115, 45, 180, 212, 74, 107, 109, 180, 117, 158, 118, 206,
        119, 129, 11, 181, 119, 145, 14, 58, 234, 228, 98, 151, 232, 236, 82, 93, 116, 117, 153,
        203, 117, 115, 133, 238, 174, 116, 149, 30, 174, 214, 83, 47, 189, 93, 227, 90, 215, 233,
        227, 122, 20, 185, 193, 141, 250, 186, 201, 205, 250, 233, 111, 128, 129, 6, 185, 197, 173,
        110, 51, 216, 16, 183, 187, 195, 80, 119, 26, 102, 184, 17, 238, 114, 183, 145, 70, 25,
        109, 140, 177, 198, 25, 111, 130, 123, 76, 116, 175, 251, 220, 239, 1, 15, 122, 200, 195,
        38, 153, 108, 138, 71, 76, 53, 205, 116, 51, 204, 52, 203, 108, 143, 122, 204, 28, 115,
        205, 243, 184, 249, 22, 88, 104, 145, 39, 60, 233, 41, 79, 123, 198, 179, 22, 123, 206,
        243, 94, 176, 196, 139, 150, 90, 230, 37, 203, 173, 176, 210, 203, 86, 121, 197, 171, 86,
        91, 99, 173, 117, 94, 243, 186, 55, 188, 233, 45, 235, 189, 237, 29, 27, 108, 244, 174,
        247, 188, 239, 3, 155, 108, 246, 161, 143, 108, 241, 177, 79, 124, 234, 51, 159, 219, 106,
        155, 237, 118, 216, 105, 151, 221, 246, 248, 194, 151, 190, 242, 181, 189, 190, 177, 207,
        126, 223, 250, 206, 1, 223, 59, 232, 7, 63, 250, 201, 207, 126, 241, 171, 67, 14, 59, 226,
        168, 99, 126, 243, 187, 63, 252, 233, 184, 19, 254, 242, 183, 127, 252, 235, 63, 39, 157,
        42, 58, 93, 32, 33, 72, 12, 138, 5, 73, 65, 241, 160, 68, 80, 50, 40, 21, 148, 14, 146,
        131, 148, 32, 53, 40, 19, 148, 13, 202, 5, 105, 65, 122, 144, 17, 148, 15, 42, 4, 21, 131,
        204, 32, 43, 168, 20, 84, 14, 170, 4, 85, 131, 106, 65, 245, 160, 70, 80, 51, 200, 14, 106,
        5, 181, 131, 156, 160, 78, 144, 27, 228, 5, 117, 131, 122, 65, 253, 160, 65, 144, 31, 20,
        4, 133, 3, 254, 7, 35, 56, 246, 104,
    ];
    let cases = vec![Case::new("binary_to_term", vec![T::Bin(etf)])];
    check_cases("compressed input", &cases);
}
