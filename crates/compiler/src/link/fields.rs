//! Funs that run only once a struct field can hold something other than its default.
//!
//! Expects: the instructions of each function the linker scans. Guarantees: a fun listed in
//! [`FIELD_GUARDED_FUNS`] is linked once any of these holds, and not before: reachable code
//! can write its field ([`written_fields`]: the field's atom anywhere but where a map is
//! read, or a map literal that gives it its default; in a module's field list, `__info__/1`,
//! once the program's side asks a module for it), the program's side makes atoms or
//! decodes terms at run time, or code is evaluated at run time (`erl_eval` is linked).
//!
//! A value reaches a map's field under a key that is an atom; an atom exists because code
//! names it, or because code makes it from data. So a field no reachable code writes, in a
//! program whose own side makes no atoms and evaluates no code, holds the default of every
//! literal that has it. The platform's code is modelled: it writes the listed fields only
//! where it names them.
//!
//! `FunctionClauseError.message/1` formats the clauses of `clauses` with `&blame_match/1`,
//! which reaches `Macro.to_string/1` and with it Elixir's formatter (326 functions); the
//! field is `nil` unless `FunctionClauseError.blame/2` filled it from the module's debug
//! info, or code builds the struct with it.

use beam::{Opcode, Operand, Term};

use crate::program::Module;
use crate::HashSet;

/// `(module, the function that makes the fun, the fun's function, its arity, the field)`:
/// the fun is called only on the elements of the field's value, whose default is `nil`.
pub const FIELD_GUARDED_FUNS: &[(&str, &str, &str, u32, &str)] =
    &[("Elixir.FunctionClauseError", "message", "-fun.blame_match/1-", 1, "clauses")];

/// Whether `field` of the guarded funs.
fn is_guarded_field(name: &str) -> bool {
    FIELD_GUARDED_FUNS.iter().any(|g| g.4 == name)
}

/// The field a fun made in `maker` waits for, if it is guarded.
pub fn guard_of(module: &str, maker: &str, fun: &str, arity: u32) -> Option<&'static str> {
    FIELD_GUARDED_FUNS.iter().find(|g| g.0 == module && g.1 == maker && g.2 == fun && g.3 == arity).map(|g| g.4)
}

/// The guarded fields instruction `ins` of module `m` can write: every mention of the
/// field's atom, except as a key that `get_map_elements` or `has_map_fields` reads and as
/// a key of a map literal whose value is `nil` or `[]` (a struct's default).
pub fn written_fields(m: &Module, op: Opcode, args: &[Operand], out: &mut HashSet<String>) {
    if matches!(op, Opcode::GetMapElements | Opcode::HasMapFields) {
        return;
    }
    for a in args {
        operand(m, a, out);
    }
}

fn operand(m: &Module, a: &Operand, out: &mut HashSet<String>) {
    match a {
        Operand::Atom(i) => {
            let name = m.atom(*i);
            if is_guarded_field(name) {
                out.insert(name.to_string());
            }
        }
        Operand::Literal(i) => {
            if let Some(t) = m.beam.literals.get(*i as usize) {
                term(t, out);
            }
        }
        Operand::List(items) => {
            for x in items {
                operand(m, x, out);
            }
        }
        _ => {}
    }
}

fn term(t: &Term, out: &mut HashSet<String>) {
    let mut stack = vec![t];
    while let Some(t) = stack.pop() {
        match t {
            Term::Atom(a) if is_guarded_field(a) => {
                out.insert(a.clone());
            }
            Term::List { elems, tail } => {
                stack.extend(elems.iter());
                stack.push(tail);
            }
            Term::Tuple(xs) => stack.extend(xs.iter()),
            Term::Map(kvs) => {
                for (k, v) in kvs {
                    let default = matches!(v, Term::Nil) || matches!(v, Term::Atom(a) if a == "nil");
                    if matches!(k, Term::Atom(_)) && default {
                        continue;
                    }
                    stack.push(k);
                    stack.push(v);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn atom(a: &str) -> Term {
        Term::Atom(a.to_string())
    }

    #[test]
    fn a_struct_default_of_nil_does_not_write_the_field() {
        let mut out = HashSet::default();
        let s = Term::Map(vec![(atom("__struct__"), atom("Elixir.FunctionClauseError")), (atom("clauses"), atom("nil"))]);
        term(&s, &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn a_literal_that_gives_the_field_a_value_or_names_it_writes_it() {
        let mut out = HashSet::default();
        term(&Term::Map(vec![(atom("clauses"), Term::Tuple(vec![]))]), &mut out);
        assert!(out.contains("clauses"));
        let mut out = HashSet::default();
        term(&Term::list(vec![Term::Tuple(vec![atom("clauses"), atom("nil")])]), &mut out);
        assert!(out.contains("clauses"));
    }

    #[test]
    fn only_the_listed_fun_is_guarded() {
        assert_eq!(guard_of("Elixir.FunctionClauseError", "message", "-fun.blame_match/1-", 1), Some("clauses"));
        assert_eq!(guard_of("Elixir.FunctionClauseError", "blame", "-fun.blame_match/1-", 1), None);
    }
}
