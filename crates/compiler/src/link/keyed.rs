//! Calls that run only on a term tagged with an atom some code must build.
//!
//! Expects: the atoms each scanned function names (operands and literals), with the
//! function's name, and the atoms of each application `env` entry code can read.
//! Guarantees: a call listed in [`KEYED_CALLS`] is followed once any of these holds, and not
//! before: code outside the key's matcher ([`is_matcher`]) names the key, a readable `env`
//! entry names it, the program's side makes atoms or decodes terms at run time (or links a
//! platform function that makes atoms from its caller's data, [`DATA_ATOM_MAKERS`]), code is
//! evaluated at run time (`erl_eval` is linked), or terms are read from text
//! ([`TEXT_READERS`]: `file:consult/1`, `Code.string_to_quoted/1`, whose scanners make
//! atoms from the text on the program's behalf).
//!
//! The listed callers take the call only in a clause that matches a tuple tagged with the
//! key. A tuple holds an atom because code names it or because code makes it from data, so
//! in a program where no code but the matcher's names the key, and whose own side makes no
//! atoms and evaluates no code, the clause never matches. The platform's code is modelled as
//! building the key only where it names it, as [`super::fields`] does for struct fields.
//!
//! `sys:debug_options/2` and `sys:debug_cmd/2` open a file (`file:open/2`) only for the
//! debug option `{log_to_file, FileName}`, which a process gets from its start options
//! (`gen_server:start_link(M, A, debug: [log_to_file: F])`) or from `sys:log_to_file/2,3`.
//! Every `gen_server`, `gen_statem` and `gen_event` reaches `sys:debug_options/1` through
//! `gen:debug_options/2`, and `file:open/2` brings the file server, the raw file layers
//! (`raw_file_io_delayed` starts a `gen_statem`, `raw_file_io_deflate` reaches zlib) and
//! `ram_file`. Elsewhere in `sys` the key is matched (`handle_debug/4`), looked up
//! (`close_log_file/1`), or installed after the open succeeded; only `sys:log_to_file/2,3`
//! builds it from its caller's argument.
//!
//! `erl_stdlib_errors:format_error/2` (the extended error text of a stdlib BIF, which the
//! runtime names as an `M:F` pair) calls `re` only to explain an error raised by `re`: on a
//! stack frame `{re, F, Args, Info}`, which a function of `re` raised ([`KEY_MODULES`]: the
//! key counts as built once any function of `re` is linked) or code built naming `re`.
//! Without that, the check of a bad regular expression (`must_be_regexp/1` →
//! `re:compile/1`, `re:run/2`) linked `re` and all of PCRE into every program.

/// `(caller, callee, key)`: the caller calls the callee only on a term tagged `key`.
pub const KEYED_CALLS: &[((&str, &str, u32), (&str, &str, u32), &str)] = &[
    (("sys", "debug_options", 2), ("file", "open", 2), "log_to_file"),
    (("sys", "debug_cmd", 2), ("file", "open", 2), "log_to_file"),
    (("erl_stdlib_errors", "format_re_error", 3), ("re", "compile", 1), "re"),
    (("erl_stdlib_errors", "format_re_error", 3), ("re", "inspect", 2), "re"),
    (("erl_stdlib_errors", "must_be_regexp", 1), ("re", "compile", 1), "re"),
    (("erl_stdlib_errors", "must_be_regexp", 1), ("re", "run", 2), "re"),
];

/// Keys that also count as built once a function of the module is linked: the key is the
/// module of a stack frame, which any of its functions can raise.
pub const KEY_MODULES: &[(&str, &str)] = &[("re", "re")];

/// Platform modules whose functions turn their caller's data into atoms: `OptionParser`
/// makes a switch's name an atom (`String.to_existing_atom/1` without `:switches` or
/// `:strict`), so `OptionParser.parse(["--log-to-file", path])` builds the key
/// `log_to_file` from the program's data. Once such a function is linked, keyed calls are
/// followed as when the program's own side makes atoms
/// (`elixir/sys_log_to_file_option_from_platform_atom`).
pub const DATA_ATOM_MAKERS: &[&str] = &["Elixir.OptionParser"];

/// The scanners that make atoms from text: once one is linked, a term read from a file or a
/// string (`file:consult/1`, `erl_parse:parse_term/1`, `Code.string_to_quoted/1`) can hold
/// any key.
pub const TEXT_READERS: &[(&str, &str, u32)] = &[
    ("erl_scan", "string", 1),
    ("erl_scan", "string", 2),
    ("erl_scan", "string", 3),
    ("erl_scan", "tokens", 3),
    ("erl_scan", "tokens", 4),
    ("elixir_tokenizer", "tokenize", 3),
    ("elixir_tokenizer", "tokenize", 4),
];

/// `(caller, module, gate)`: a dynamic call site in `caller` reaches `module` only once
/// `gate` is linked. `logger_server:do_internal_log/5` spawns `logger_simple_h:log/2` for
/// an event tagged `internal_log_event`, which `logger_backend:call_handlers/3` logs only
/// after a handler crashed; a handler is installed only through the logger server
/// (`logger_server:init/1` installs the simple handler itself), so without the server the
/// handler list is the empty one beamwasm's boot writes to the logger's protected table.
pub const GATED_SITES: &[((&str, &str, u32), &str, (&str, &str, u32))] =
    &[(("logger_server", "do_internal_log", 5), "logger_simple_h", ("logger_server", "init", 1))];

/// The gate of a dynamic call from `caller` to a function of `module`, if it is listed.
pub fn site_gate(caller: (&str, &str, u32), module: &str) -> Option<(&'static str, &'static str, u32)> {
    GATED_SITES.iter().find(|(c, m, _)| *c == caller && *m == module).map(|g| g.2)
}

/// The key that guards the call from `caller` to `callee`, if it is listed.
pub fn key_of(caller: (&str, &str, u32), callee: (&str, &str, u32)) -> Option<&'static str> {
    KEYED_CALLS.iter().find(|(c, t, _)| *c == caller && *t == callee).map(|g| g.2)
}

/// Whether `key` is a key of a listed call.
pub fn is_key(key: &str) -> bool {
    KEYED_CALLS.iter().any(|g| g.2 == key)
}

/// Whether the function `(module, function, arity)`'s mentions of `key` only match it,
/// look it up, or install it after the guarded call: the key's own module, except its
/// functions that build the tagged term from an argument.
pub fn is_matcher(key: &str, module: &str, function: &str, arity: u32) -> bool {
    match key {
        "log_to_file" => module == "sys" && !(function == "log_to_file" && matches!(arity, 2 | 3)),
        // Its clause for frames of `re` matches the module; it builds no frame.
        "re" => module == "erl_stdlib_errors",
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_listed_calls_are_keyed() {
        assert_eq!(key_of(("sys", "debug_options", 2), ("file", "open", 2)), Some("log_to_file"));
        assert_eq!(key_of(("sys", "debug_options", 2), ("file", "close", 1)), None);
        assert_eq!(key_of(("gen", "debug_options", 2), ("file", "open", 2)), None);
        assert_eq!(key_of(("erl_stdlib_errors", "must_be_regexp", 1), ("re", "run", 2)), Some("re"));
        assert_eq!(key_of(("erl_stdlib_errors", "format_error", 2), ("lists", "map", 2)), None);
    }

    #[test]
    fn sys_log_to_file_builds_the_key_and_the_rest_of_sys_matches_it() {
        assert!(is_matcher("log_to_file", "sys", "close_log_file", 1));
        assert!(is_matcher("log_to_file", "sys", "handle_debug", 4));
        assert!(!is_matcher("log_to_file", "sys", "log_to_file", 2));
        assert!(!is_matcher("log_to_file", "sys", "log_to_file", 3));
        assert!(!is_matcher("log_to_file", "my_server", "init", 1));
    }
}
