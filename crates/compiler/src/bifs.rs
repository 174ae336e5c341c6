//! The BIFs of the reference VM (OTP 25): which `M:F/A` are built into the emulator rather
//! than written in Erlang. `data/bifs.tsv` was generated on the reference VM with
//! `erlang:is_builtin/3` over every exported function of every module.

use crate::HashSet;
use std::sync::OnceLock;

use crate::diagnostic::Mfa;

const TABLE: &str = include_str!("../data/bifs.tsv");

fn table() -> &'static HashSet<(String, String, u32)> {
    static T: OnceLock<HashSet<(String, String, u32)>> = OnceLock::new();
    T.get_or_init(|| {
        TABLE
            .lines()
            .filter_map(|l| {
                let mut it = l.split('\t');
                let m = it.next()?;
                let f = it.next()?;
                let a = it.next()?.parse().ok()?;
                Some((m.to_string(), unquote(f), a))
            })
            .collect()
    })
}

fn unquote(s: &str) -> String {
    s.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')).unwrap_or(s).replace("\\'", "'")
}

/// Whether `mfa` is a BIF of the reference VM.
pub fn is_bif(mfa: &Mfa) -> bool {
    table().contains(&(mfa.module.clone(), mfa.function.clone(), mfa.arity))
}
