//! Type-chunk entries as OTP 25's `beam_types:decode_ext/1` returns them:
//! `{Type, Min, Max}`, where `Type` is the join of the primitive types in the entry and
//! `Min`/`Max` are the raw 64-bit fields read as unsigned numbers.
//!
//! Joining only default-valued primitive types gives few shapes: each of the union's
//! slots (atom, list, number, tuple, other) holds at most one record; two list kinds
//! join to `#t_list{}`, two number kinds to `number`, a bitstring and a match context to
//! `#t_bs_matchable{}`, and any other two "other" kinds to `any`, which swallows the
//! whole union. A single occupied slot is returned as is, two or more form a
//! `#t_union{}`.

use crate::term::Term;
use crate::types::{TypeEntry, TypeKinds as K};

fn atom(name: &str) -> Term {
    Term::atom(name)
}

fn record(name: &str, fields: Vec<Term>) -> Term {
    let mut elems = vec![atom(name)];
    elems.extend(fields);
    Term::Tuple(elems)
}

fn any_fields(n: usize) -> Vec<Term> {
    vec![atom("any"); n]
}

/// The `type()` term for a set of primitive types.
pub(crate) fn join(kinds: K) -> Term {
    let has = |k: u16| kinds.contains(k);
    let atom_slot = has(K::ATOM).then(|| record("t_atom", any_fields(1)));
    let list_slot = match (has(K::CONS), has(K::NIL)) {
        (true, true) => Some(record("t_list", any_fields(2))),
        (true, false) => Some(record("t_cons", any_fields(2))),
        (false, true) => Some(atom("nil")),
        (false, false) => None,
    };
    let number_slot = match (has(K::FLOAT), has(K::INTEGER)) {
        (true, true) => Some(atom("number")),
        (true, false) => Some(record("t_float", any_fields(1))),
        (false, true) => Some(record("t_integer", any_fields(1))),
        (false, false) => None,
    };
    let tuple_slot = has(K::TUPLE).then(|| record("t_tuple", vec![Term::Int(0), atom("false"), Term::Map(vec![])]));
    let others: Vec<Term> = [
        (K::BITSTRING, record("t_bitstring", vec![Term::Int(1)])),
        (K::BS_MATCHSTATE, record("t_bs_context", vec![Term::Int(1)])),
        (K::FUN, record("t_fun", any_fields(3))),
        (K::MAP, record("t_map", any_fields(2))),
        (K::PID, atom("pid")),
        (K::PORT, atom("port")),
        (K::REFERENCE, atom("reference")),
    ]
    .into_iter()
    .filter(|(k, _)| has(*k))
    .map(|(_, t)| t)
    .collect();
    let other_slot = match others.len() {
        0 => None,
        1 => others.into_iter().next(),
        2 if has(K::BITSTRING) && has(K::BS_MATCHSTATE) => Some(record("t_bs_matchable", vec![Term::Int(1)])),
        _ => return atom("any"),
    };
    let slots = [atom_slot, list_slot, number_slot, tuple_slot, other_slot];
    match slots.iter().flatten().count() {
        0 => atom("none"),
        1 => slots.into_iter().flatten().next().unwrap_or_else(|| atom("none")),
        _ => record("t_union", slots.into_iter().map(|s| s.unwrap_or_else(|| atom("none"))).collect()),
    }
}

/// The `{Type, Min, Max}` triple `beam_types:decode_ext/1` builds for an entry.
pub(crate) fn decode_ext(entry: &TypeEntry) -> Term {
    let (min, max) = match (entry.min, entry.max) {
        (Some(min), Some(max)) => (min as u64, max as u64),
        _ => (0, u64::MAX),
    };
    let unsigned = |v: u64| match i64::try_from(v) {
        Ok(n) => Term::Int(n),
        Err(_) => Term::from_int(crate::Int::from_sign_magnitude(false, &v.to_le_bytes())),
    };
    Term::Tuple(vec![join(entry.kinds), unsigned(min), unsigned(max)])
}
