//! `etf::encode` writes what `etf::decode` reads back as the same term: every literal of
//! every installed module, and terms of each kind literals do not hold.

mod common;

use beam::int::BigInt;
use beam::term::{Pid, Reference};
use beam::{etf, BeamFile, Term};

#[test]
fn every_installed_literal_round_trips() -> Result<(), String> {
    let mut n = 0usize;
    for path in common::installed::beam_files()? {
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        // Files the reader refuses (a few non-BEAM files end in .beam) are disasm_equality's
        // concern; every literal of the others is checked.
        let Ok(beam) = BeamFile::parse(&bytes) else { continue };
        for lit in &beam.literals {
            let back = etf::decode(&etf::encode(lit)).map_err(|e| format!("{}: {e}", path.display()))?;
            assert_eq!(&back, lit, "{}", path.display());
            n += 1;
        }
    }
    assert!(n > 10_000, "only {n} literals");
    Ok(())
}

#[test]
fn terms_of_every_kind_round_trip() -> Result<(), beam::ReadError> {
    let big = Term::BigInt(BigInt { negative: true, magnitude: vec![1, 2, 3, 4, 5, 6, 7, 8, 9] });
    let pid = Term::Pid(Box::new(Pid { node: "nonode@nohost".into(), id: 81, serial: 0, creation: 0 }));
    let r = Term::Ref(Box::new(Reference { node: "nonode@nohost".into(), creation: 0, ids: vec![1, 2, 3] }));
    let terms = vec![
        Term::Int(0),
        Term::Int(255),
        Term::Int(256),
        Term::Int(-1),
        Term::Int(i64::from(i32::MAX) + 1),
        Term::Int(i64::MIN),
        Term::Int(i64::MAX),
        big,
        Term::Float(-0.5),
        Term::atom("ok"),
        Term::atom("héllo"),
        Term::Nil,
        Term::list(vec![Term::Int(1), Term::Binary(b"two".to_vec())]),
        Term::improper_list(vec![Term::Int(1)], Term::Int(2)),
        Term::Tuple((0..300).map(Term::Int).collect()),
        Term::Map(vec![(Term::atom("a"), Term::Int(1)), (Term::Binary(b"k".to_vec()), Term::Nil)]),
        Term::Bitstring { bytes: vec![0xa0], bits: 3 },
        Term::ExportFun { module: "lists".into(), function: "map".into(), arity: 2 },
        pid,
        r,
    ];
    for t in terms {
        assert_eq!(etf::decode(&etf::encode(&t))?, t);
    }
    Ok(())
}
