//! Erlang's standard term order, as `lists:sort/1` and `lists:keysort/2` use it:
//! number < atom < reference < fun < port < pid < tuple < map < nil < list < bitstring.
//!
//! Integers and floats compare by value (`1` and `1.0` are equal here, as with `==`).
//! Maps compare by size, then by their keys in sorted order, then by the values.
//! Pids, ports and references compare by their numbers before their node names, which
//! is the VM's order for values of one node.

use std::cmp::Ordering;

use super::Term;
use crate::int::BigInt;

fn class(t: &Term) -> u8 {
    match t {
        Term::Int(_) | Term::BigInt(_) | Term::Float(_) => 0,
        Term::Atom(_) => 1,
        Term::Ref(_) => 2,
        Term::Fun(_) | Term::ExportFun { .. } => 3,
        Term::Port(_) => 4,
        Term::Pid(_) => 5,
        Term::Tuple(_) => 6,
        Term::Map(_) => 7,
        Term::Nil => 8,
        Term::List { .. } => 9,
        Term::Binary(_) | Term::Bitstring { .. } => 10,
    }
}

fn cmp_big(a: &BigInt, b: &BigInt) -> Ordering {
    let magnitude = a
        .magnitude
        .len()
        .cmp(&b.magnitude.len())
        .then_with(|| a.magnitude.iter().rev().cmp(b.magnitude.iter().rev()));
    match (a.negative, b.negative) {
        (false, false) => magnitude,
        (true, true) => magnitude.reverse(),
        (true, false) => Ordering::Less,
        (false, true) => Ordering::Greater,
    }
}

fn cmp_int_float(i: i64, f: f64) -> Ordering {
    match (i as f64).partial_cmp(&f) {
        Some(Ordering::Equal) if f.abs() >= 9.007_199_254_740_992e15 => {
            // Both are huge; the float is integral, so compare exactly in 128 bits.
            i128::from(i).cmp(&(f as i128))
        }
        Some(o) => o,
        None => Ordering::Equal,
    }
}

fn cmp_numbers(a: &Term, b: &Term) -> Ordering {
    match (a, b) {
        (Term::Int(x), Term::Int(y)) => x.cmp(y),
        (Term::BigInt(x), Term::BigInt(y)) => cmp_big(x, y),
        (Term::Int(_), Term::BigInt(y)) => if y.negative { Ordering::Greater } else { Ordering::Less },
        (Term::BigInt(x), Term::Int(_)) => if x.negative { Ordering::Less } else { Ordering::Greater },
        (Term::Int(x), Term::Float(y)) => cmp_int_float(*x, *y),
        (Term::Float(x), Term::Int(y)) => cmp_int_float(*y, *x).reverse(),
        (Term::Float(x), Term::Float(y)) => x.partial_cmp(y).unwrap_or(Ordering::Equal),
        (Term::BigInt(x), Term::Float(y)) => x.to_f64().partial_cmp(y).unwrap_or(Ordering::Equal),
        (Term::Float(x), Term::BigInt(y)) => x.partial_cmp(&y.to_f64()).unwrap_or(Ordering::Equal),
        _ => Ordering::Equal,
    }
}

fn cmp_seq(a: &[Term], b: &[Term]) -> Ordering {
    for (x, y) in a.iter().zip(b) {
        match compare(x, y) {
            Ordering::Equal => {}
            o => return o,
        }
    }
    a.len().cmp(&b.len())
}

fn cells(t: &Term) -> (&[Term], &Term) {
    match t {
        Term::List { elems, tail } => (elems, tail),
        _ => (&[], t),
    }
}

fn cmp_lists(a: &Term, b: &Term) -> Ordering {
    let (mut xe, mut xt) = cells(a);
    let (mut ye, mut yt) = cells(b);
    loop {
        if xe.is_empty() && matches!(xt, Term::List { .. }) {
            (xe, xt) = cells(xt);
            continue;
        }
        if ye.is_empty() && matches!(yt, Term::List { .. }) {
            (ye, yt) = cells(yt);
            continue;
        }
        match (xe.split_first(), ye.split_first()) {
            (Some((x, xr)), Some((y, yr))) => {
                let o = compare(x, y);
                if o.is_ne() {
                    return o;
                }
                (xe, ye) = (xr, yr);
            }
            (None, None) => return compare(xt, yt),
            (None, Some(_)) => return compare(xt, &Term::improper_list(ye.to_vec(), yt.clone())),
            (Some(_), None) => return compare(&Term::improper_list(xe.to_vec(), xt.clone()), yt),
        }
    }
}

fn bits_of(t: &Term) -> (&[u8], usize) {
    match t {
        Term::Binary(b) => (b, b.len() * 8),
        Term::Bitstring { bytes, bits } => (bytes, (bytes.len().saturating_sub(1)) * 8 + usize::from(*bits)),
        _ => (&[], 0),
    }
}

fn sorted_pairs(pairs: &[(Term, Term)]) -> Vec<&(Term, Term)> {
    let mut v: Vec<&(Term, Term)> = pairs.iter().collect();
    v.sort_by(|x, y| compare(&x.0, &y.0));
    v
}

/// Compares two terms in Erlang's standard term order.
pub fn compare(a: &Term, b: &Term) -> Ordering {
    let (ca, cb) = (class(a), class(b));
    if ca != cb {
        return ca.cmp(&cb);
    }
    match (a, b) {
        (Term::Atom(x), Term::Atom(y)) => x.as_bytes().cmp(y.as_bytes()),
        (Term::Tuple(x), Term::Tuple(y)) => x.len().cmp(&y.len()).then_with(|| cmp_seq(x, y)),
        (Term::Map(x), Term::Map(y)) => x.len().cmp(&y.len()).then_with(|| {
            let (sx, sy) = (sorted_pairs(x), sorted_pairs(y));
            let keys = sx.iter().zip(&sy).map(|(p, q)| compare(&p.0, &q.0)).find(|o| o.is_ne());
            let values = || sx.iter().zip(&sy).map(|(p, q)| compare(&p.1, &q.1)).find(|o| o.is_ne());
            keys.or_else(values).unwrap_or(Ordering::Equal)
        }),
        (Term::List { .. }, Term::List { .. }) => cmp_lists(a, b),
        (Term::Pid(x), Term::Pid(y)) => (x.serial, x.id, &x.node, x.creation).cmp(&(y.serial, y.id, &y.node, y.creation)),
        (Term::Port(x), Term::Port(y)) => (x.id, &x.node, x.creation).cmp(&(y.id, &y.node, y.creation)),
        (Term::Ref(x), Term::Ref(y)) => {
            let ids = |r: &[u32]| r.iter().rev().copied().collect::<Vec<u32>>();
            (ids(&x.ids), &x.node, x.creation).cmp(&(ids(&y.ids), &y.node, y.creation))
        }
        (Term::ExportFun { module: m1, function: f1, arity: a1 }, Term::ExportFun { module: m2, function: f2, arity: a2 }) => {
            (m1.as_bytes(), f1.as_bytes(), a1).cmp(&(m2.as_bytes(), f2.as_bytes(), a2))
        }
        (Term::Fun(x), Term::Fun(y)) => (x.module.as_bytes(), x.index, x.uniq)
            .cmp(&(y.module.as_bytes(), y.index, y.uniq))
            .then_with(|| cmp_seq(&x.free, &y.free)),
        (Term::ExportFun { .. }, Term::Fun(_)) => Ordering::Greater,
        (Term::Fun(_), Term::ExportFun { .. }) => Ordering::Less,
        (Term::Binary(_) | Term::Bitstring { .. }, _) => {
            let ((xb, xn), (yb, yn)) = (bits_of(a), bits_of(b));
            xb.cmp(yb).then(xn.cmp(&yn))
        }
        _ if ca == 0 => cmp_numbers(a, b),
        _ => Ordering::Equal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_follow_the_standard_order() {
        let ordered = [
            Term::Int(5),
            Term::atom("a"),
            Term::Tuple(vec![]),
            Term::Map(vec![]),
            Term::Nil,
            Term::list(vec![Term::Int(1)]),
            Term::Binary(vec![]),
        ];
        for w in ordered.windows(2) {
            if let [x, y] = w {
                assert_eq!(compare(x, y), Ordering::Less, "{x} < {y}");
            }
        }
    }

    #[test]
    fn numbers_compare_by_value_across_kinds() {
        assert_eq!(compare(&Term::Int(1), &Term::Float(1.0)), Ordering::Equal);
        assert_eq!(compare(&Term::Int(2), &Term::Float(1.5)), Ordering::Greater);
        assert_eq!(compare(&Term::atom("abc"), &Term::atom("abd")), Ordering::Less);
        assert_eq!(compare(&Term::atom("b"), &Term::atom("abc")), Ordering::Greater);
    }

    #[test]
    fn tuples_compare_by_size_first_and_lists_by_elements() {
        let small = Term::tuple(vec![Term::Int(9)]);
        let large = Term::tuple(vec![Term::Int(1), Term::Int(1)]);
        assert_eq!(compare(&small, &large), Ordering::Less);
        let ab = Term::list(vec![Term::Int(1), Term::Int(2)]);
        let a = Term::list(vec![Term::Int(1)]);
        assert_eq!(compare(&a, &ab), Ordering::Less);
    }
}
