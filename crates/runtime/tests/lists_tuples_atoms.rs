//! Lists, tuples, atoms, funs and the miscellaneous `erlang` BIFs against the VM: every
//! case module under `tests/erl/lt_*.erl` is evaluated on the real VM and in the runtime
//! (see `ltest`), and the external format of each result must match byte for byte,
//! errors included.
mod ltest;
use ltest::*;

#[test]
fn tuple_bifs_match_the_vm() {
    check_module("lt_tuples", &[]);
}

#[test]
fn list_bifs_match_the_vm() {
    check_module("lt_lists", &[]);
}

#[test]
fn atom_bifs_and_type_tests_match_the_vm() {
    check_module("lt_atoms", &[]);
}

#[test]
fn fun_bifs_and_the_term_printer_match_the_vm() {
    check_module("lt_funs", &[]);
}

#[test]
fn misc_bifs_match_the_vm() {
    check_module("lt_misc", &[]);
}

#[test]
fn checksum_bifs_match_the_vm() {
    check_module("lt_checksums", &[]);
}
