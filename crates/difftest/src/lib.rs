//! The differential harness for beamwasm.
//!
//! Every conformance program (`tests/conformance/{elixir,erlang}/*`) is compiled with the
//! real compilers, run on the real Erlang VM — the oracle — and run through
//! `beamwasm run`; stdout bytes and exit status must be identical. Nothing here holds an
//! expected output: the VM decides, every time (its answers are cached, keyed by the exact
//! source text and the VM versions).
//!
//! The pieces, in the order a program meets them:
//! - [`program`]: finding programs and reading their header comments (`known:`, `entry:`);
//! - [`toolchain`]: locating `elixir`, `elixirc`, `erlc` and their versions;
//! - [`cache`]: the per-program work directory under `target/difftest/`;
//! - [`compile`]: `.ex`/`.erl` to `.beam`, once per source text;
//! - [`exec`]: running a command with a time limit and capturing its output;
//! - [`oracle`] and [`target`]: the two sides of the comparison;
//! - [`suite`]: running everything in parallel and judging each program;
//! - [`group`]: running programs in groups, one module each, each judged as alone;
//! - [`diff`] and [`report`]: telling a person what differed and how to rerun it;
//! - [`bench`]: the benchmark runner (BEAM and beamwasm in the same run);
//! - [`tls_fixture`]: the test CA and certificates of the programs that use `ssl`.

pub mod args;
pub mod bench;
pub mod cache;
pub mod compile;
pub mod diff;
pub mod elixir_suite;
pub mod error;
pub mod exec;
pub mod fuzz_regex;
pub mod fuzz_terms;
pub mod group;
pub mod oracle;
pub mod otp_suite;
pub mod program;
pub mod report;
pub mod suite;
pub mod target;
pub mod tls_fixture;
pub mod toolchain;

pub use error::{Error, Result};
