//! The regex fuzzer: seeded generated patterns × options × subjects (ASCII, Latin-1,
//! UTF-8 with combining marks and emoji, invalid UTF-8; binaries, charlists and iolists),
//! and the regex literals of Elixir's own code, through `re` (`run`, `compile`,
//! `replace`, `split`, `inspect`) and Elixir's `Regex`, evaluated on the real VM and
//! through beamwasm and compared case by case.
//!
//! A batch is one Erlang module: the evaluator (`fuzz_regex_eval.erl`) followed by the
//! cases as literals. Before the cases are written, the VM compiles every pattern of the
//! batch's `compiled` cases (`compile_all/1` of the same evaluator), and those cases carry
//! the VM's result, so beamwasm must produce the VM's compiled bytes and run them. The
//! regex literals (`fuzz_regex_literals.exs`, run once on the VM) are the `%Regex{}`
//! structs of the installed Elixir `.beam` files and of the `~r` sigils of Elixir's
//! sources (Debian's `elixir-lang` source package, fetched by `scripts/bootstrap.sh`),
//! with the VM's compiled bytes; cases run them as they are and compile their source.
//!
//! The real-pattern corpus (case kind `erl`, `--only erl`): every `re:compile`, `re:run`,
//! `re:replace` and `re:split` call whose pattern is a constant, with its literal options
//! and replacement, found by `fuzz_regex_erlib.exs` (run once on the VM) in the abstract
//! code of the installed `.beam` files: OTP's applications (the modules of its `lib/*/src`),
//! the Debian-packaged Erlang libraries under the OTP root (luerl, cowlib, mochiweb, idna,
//! erlware_commons, neotoma, getopt, ...) and Elixir's. Nothing of those libraries is kept
//! in the project: the corpus is extracted where the fuzzer runs. The `erl` cases go
//! through the corpus in order, each call with subjects from the generators, from the
//! pattern's own characters and from source lines.
//!
//! Deterministic in the seed, like the term fuzzer (`fuzz_terms.rs`), whose batch runner
//! this shares.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::exec::{self, Exit};
use crate::fuzz_terms::{self, BeamwasmRun, Divergence, Outcome, Rng, Term};
use crate::toolchain::{self, Toolchain};
use crate::{Error, Result};

const EVAL_SRC: &str = include_str!("fuzz_regex_eval.erl");
const LITERALS_SRC: &str = include_str!("fuzz_regex_literals.exs");
const ERLIB_SRC: &str = include_str!("fuzz_regex_erlib.exs");

/// How to run the regex fuzzer.
#[derive(Debug, Clone)]
pub struct Config {
    pub seed: u64,
    pub count: usize,
    pub batch: usize,
    pub beamwasm: PathBuf,
    pub engine: String,
    pub work: PathBuf,
    /// Elixir's sources (for the regex literals of its `~r` sigils).
    pub elixir_src: PathBuf,
    /// Only these case kinds (all but `erl` when empty): run, compiled, replace, split, ex,
    /// lit, erl.
    pub only: Vec<String>,
    pub max_resumes: usize,
    pub timeout: Duration,
}

// ---- patterns ------------------------------------------------------------------------------

/// Characters of patterns and subjects, as text: ASCII letters and digits, the newline
/// characters, Latin-1 letters, Greek, Cyrillic, CJK, a combining mark and emoji.
const CHARS: &[&str] = &[
    "a", "b", "c", "x", "y", "z", "A", "B", "Z", "0", "1", "9", " ", "-", "_", ".", ",", ":", "/", "#", "@", "\n",
    "\r", "\t", "é", "É", "ß", "ü", "ÿ", "×", "α", "Ω", "σ", "Σ", "П", "д", "日", "本", "\u{301}", "👍", "\u{1F3FD}",
    "\u{2028}", "\u{85}", "\u{a0}",
];

const CLASS_ESCAPES: &[&str] = &["\\d", "\\w", "\\s", "\\D", "\\W", "\\S", "\\h", "\\v", "\\H", "\\V"];

const PROPERTIES: &[&str] = &[
    "\\p{L}", "\\p{Lu}", "\\p{Ll}", "\\p{N}", "\\p{Nd}", "\\P{L}", "\\p{Greek}", "\\p{Cyrillic}", "\\p{Han}",
    "\\p{Latin}", "\\p{Mn}", "\\p{So}", "\\p{P}", "\\p{Zs}", "\\pL", "\\PN", "\\p{Xan}", "\\p{Xsp}", "\\p{Xwd}",
    "\\p{^Lu}", "\\p{Any}", "\\p{Common}",
];

const POSIX: &[&str] = &[
    "alpha", "digit", "alnum", "upper", "lower", "space", "punct", "print", "graph", "cntrl", "xdigit", "word", "blank",
    "ascii",
];

/// Pieces that are wrong on purpose (compile errors), or that stress odd corners.
const ODD: &[&str] = &[
    ")", "(", "{3}", "[z-a]", "\\", "(?<", "\\x{110000}", "[\\N]", "(?P<1>x)", "a{2,1}", "\\c", "(?z)", "[[:foo:]]",
    "\\8", "\\k<zz>", "(*FOO)", "\\g", "(?(2)a|b)", "(?<=a+)", "\\Q.*\\E", "\\x41", "\\x{e9}", "\\101", "\\0",
    "[\\101-\\103]", "\\N", "\\C", "(*UTF8)", "(*CR)", "(*ANYCRLF)", "(*NO_START_OPT)", "(*LIMIT_MATCH=50)", "\\e",
    "\\cA", "\\o{101}", "\\u0041", "(?#comment)", "a{,3}", "x{0}", "(?-i)", "[]a]", "[^]a]", "[a-\\d]",
];

struct PatGen<'a> {
    rng: &'a mut Rng,
    groups: u32,
    names: Vec<String>,
    depth: u32,
}

impl PatGen<'_> {
    fn alternation(&mut self, out: &mut String) {
        let n = if self.rng.chance(1, 4) { self.rng.range(2, 3) } else { 1 };
        for i in 0..n {
            if i > 0 {
                out.push('|');
            }
            self.sequence(out);
        }
    }

    fn sequence(&mut self, out: &mut String) {
        let n = self.rng.range(1, if self.depth > 1 { 2 } else { 4 });
        for _ in 0..n {
            self.atom(out);
            if self.rng.chance(1, 3) {
                self.quantifier(out);
            }
        }
    }

    fn quantifier(&mut self, out: &mut String) {
        let q = match self.rng.below(8) {
            0 | 1 => "*".to_string(),
            2 | 3 => "+".to_string(),
            4 => "?".to_string(),
            5 => format!("{{{}}}", self.rng.range(0, 3)),
            6 => format!("{{{},}}", self.rng.range(0, 2)),
            _ => {
                let a = self.rng.range(0, 2);
                format!("{{{a},{}}}", a + self.rng.range(0, 3))
            }
        };
        out.push_str(&q);
        match self.rng.below(6) {
            0 => out.push('?'),
            1 => out.push('+'),
            _ => {}
        }
    }

    fn literal(&mut self, out: &mut String) {
        let c = *self.rng.pick(CHARS);
        match c {
            "\n" => out.push_str("\\n"),
            "\r" => out.push_str("\\r"),
            "\t" => out.push_str("\\t"),
            "." | "#" => {
                out.push('\\');
                out.push_str(c);
            }
            _ => out.push_str(c),
        }
    }

    fn atom(&mut self, out: &mut String) {
        let deep = self.depth >= 3;
        match self.rng.below(if deep { 9 } else { 22 }) {
            0..=3 => self.literal(out),
            4 => out.push('.'),
            5 => out.push_str(*self.rng.pick(CLASS_ESCAPES)),
            6 => self.class(out),
            7 => out.push_str(*self.rng.pick(&["^", "$", "\\b", "\\B", "\\A", "\\z", "\\Z", "\\G", "\\R", "\\X"])),
            8 => out.push_str(*self.rng.pick(PROPERTIES)),
            9..=11 => {
                self.groups += 1;
                let open = match self.rng.below(4) {
                    0 => {
                        let name = format!("n{}", self.rng.below(4));
                        self.names.push(name.clone());
                        format!("(?<{name}>")
                    }
                    _ => "(".to_string(),
                };
                self.group(out, &open);
            }
            12 => self.group(out, "(?:"),
            13 => {
                let open = *self.rng.pick(&["(?=", "(?!", "(?>", "(?|"]);
                self.group(out, open);
            }
            14 => {
                out.push_str(*self.rng.pick(&["(?<=", "(?<!"]));
                self.literal(out);
                if self.rng.chance(1, 3) {
                    out.push('|');
                    self.literal(out);
                    self.literal(out);
                }
                out.push(')');
            }
            15 => {
                if self.groups > 0 && self.rng.chance(2, 3) {
                    let _ = write!(out, "\\{}", self.rng.range(1, self.groups as i64));
                } else if let Some(n) = self.names.last().cloned() {
                    let _ = write!(out, "\\k<{n}>");
                } else {
                    out.push_str("\\1");
                }
            }
            16 => out.push_str(*self.rng.pick(&["(?i)", "(?m)", "(?s)", "(?x)", "(?U)", "(?-i)", "(?J)", "(?i:x)"])),
            17 => out.push_str(*self.rng.pick(&["(?R)", "(?1)", "(?(1)a|b)", "(?(?=a)ab|c)", "(?(<n0>)x|y)"])),
            18 => out.push_str(*self.rng.pick(&["(*SKIP)(*FAIL)", "(*PRUNE)", "(*COMMIT)", "(*ACCEPT)", "(*MARK:m)", "(*THEN)", "\\K"])),
            19 => out.push_str(*self.rng.pick(ODD)),
            _ => self.literal(out),
        }
    }

    fn group(&mut self, out: &mut String, open: &str) {
        out.push_str(open);
        self.depth += 1;
        self.alternation(out);
        self.depth -= 1;
        out.push(')');
    }

    fn class(&mut self, out: &mut String) {
        out.push('[');
        if self.rng.chance(1, 4) {
            out.push('^');
        }
        for _ in 0..self.rng.range(1, 3) {
            match self.rng.below(6) {
                0 => {
                    let _ = write!(out, "[:{}:]", self.rng.pick(POSIX));
                }
                1 => out.push_str(*self.rng.pick(CLASS_ESCAPES)),
                2 => out.push_str(*self.rng.pick(&["a-z", "A-Z", "0-9", "à-ÿ", "α-ω", "\\x00-\\x7f", "é-ü"])),
                3 => out.push_str(*self.rng.pick(PROPERTIES)),
                _ => {
                    let c = *self.rng.pick(CHARS);
                    match c {
                        "]" | "\\" | "^" | "-" => {
                            out.push('\\');
                            out.push_str(c);
                        }
                        "\n" => out.push_str("\\n"),
                        _ => out.push_str(c),
                    }
                }
            }
        }
        out.push(']');
    }
}

/// A generated pattern, as text.
fn pattern(rng: &mut Rng) -> String {
    let mut g = PatGen { rng, groups: 0, names: Vec::new(), depth: 0 };
    let mut s = String::new();
    g.alternation(&mut s);
    s
}

// ---- subjects, options ---------------------------------------------------------------------

/// A subject's text: characters of the same alphabet as the patterns', in runs.
fn subject_text(rng: &mut Rng) -> String {
    let n = if rng.chance(1, 10) { rng.range(30, 120) } else { rng.range(0, 16) };
    let mut s = String::new();
    for _ in 0..n {
        let c = *rng.pick(CHARS);
        let k = if rng.chance(1, 4) { rng.range(2, 5) } else { 1 };
        for _ in 0..k {
            s.push_str(c);
        }
    }
    s
}

/// How a text reaches `re`: its UTF-8 bytes as a binary, as Latin-1 bytes (when every
/// character is under 256), as a charlist or an iolist; or bytes that are not UTF-8.
fn encode(rng: &mut Rng, text: &str, unicode: bool) -> Term {
    let latin1: Option<Vec<u8>> = text.chars().map(|c| u8::try_from(c as u32).ok()).collect();
    match rng.below(10) {
        0 | 1 if !unicode => match latin1 {
            Some(b) => Term::bin(&b),
            None => Term::bin(text.as_bytes()),
        },
        2 => {
            let items = if unicode {
                text.chars().map(|c| Term::int(c as i128)).collect()
            } else {
                text.bytes().map(|b| Term::int(b as i128)).collect()
            };
            Term::list(items)
        }
        3 => {
            // iodata: bytes split between binaries and byte lists.
            let bytes = text.as_bytes();
            let cut = rng.below(bytes.len() as u64 + 1) as usize;
            let (a, b) = bytes.split_at(cut);
            Term::list(vec![Term::bin(a), Term::list(b.iter().map(|&x| Term::int(x as i128)).collect())])
        }
        4 => {
            // not UTF-8: a stray continuation byte, a truncated sequence, an overlong or
            // surrogate encoding, or 0xFF
            let mut b = text.as_bytes().to_vec();
            const BAD: &[&[u8]] = &[&[0x80], &[0xc3], &[0xe2, 0x82], &[0xc0, 0x80], &[0xed, 0xa0, 0x80], &[0xff]];
            let bad: &[u8] = *rng.pick(BAD);
            let at = rng.below(b.len() as u64 + 1) as usize;
            b.splice(at..at, bad.iter().copied());
            Term::bin(&b)
        }
        _ => Term::bin(text.as_bytes()),
    }
}

const COMPILE_OPTS: &[&str] = &[
    "caseless", "multiline", "dotall", "extended", "ungreedy", "dupnames", "no_auto_capture", "firstline",
    "dollar_endonly", "anchored", "ucp", "no_start_optimize", "bsr_anycrlf", "bsr_unicode", "never_utf",
    "{newline,cr}", "{newline,crlf}", "{newline,lf}", "{newline,anycrlf}", "{newline,any}",
];

const RUN_OPTS: &[&str] = &["notempty", "notbol", "noteol", "notempty_atstart", "report_errors", "anchored"];

fn compile_opts(rng: &mut Rng, unicode: bool) -> Vec<String> {
    let mut v: Vec<String> = Vec::new();
    if unicode {
        v.push("unicode".into());
    }
    for _ in 0..rng.below(3) {
        v.push(rng.pick(COMPILE_OPTS).to_string());
    }
    if rng.chance(1, 40) {
        v.push(rng.pick(&["bogus", "{newline,foo}", "{offset,1}"]).to_string());
    }
    v
}

fn capture_opt(rng: &mut Rng) -> String {
    let spec = match rng.below(9) {
        0 => "all".to_string(),
        1 => "first".into(),
        2 => "all_but_first".into(),
        3 => "none".into(),
        4 => "all_names".into(),
        5 => "[]".into(),
        6 => format!("[{},{}]", rng.below(4), rng.below(3)),
        7 => format!("[n{},\"n{}\",<<\"n{}\">>,1]", rng.below(4), rng.below(4), rng.below(4)),
        _ => "[-1]".into(),
    };
    match rng.below(4) {
        0 => format!("{{capture,{spec}}}"),
        1 => format!("{{capture,{spec},list}}"),
        2 => format!("{{capture,{spec},binary}}"),
        _ => format!("{{capture,{spec},index}}"),
    }
}

fn run_opts(rng: &mut Rng, global_ok: bool) -> Vec<String> {
    let mut v = Vec::new();
    for _ in 0..rng.below(3) {
        v.push(rng.pick(RUN_OPTS).to_string());
    }
    if rng.chance(1, 2) {
        v.push(capture_opt(rng));
    }
    if global_ok && rng.chance(1, 3) {
        v.push("global".into());
    }
    if rng.chance(1, 6) {
        v.push(format!("{{offset,{}}}", rng.below(6)));
    }
    if rng.chance(1, 12) {
        v.push(format!("{{match_limit,{}}}", rng.pick(&[0u32, 1, 10, 100, 1000, 10000])));
    }
    if rng.chance(1, 16) {
        v.push(format!("{{match_limit_recursion,{}}}", rng.pick(&[0u32, 1, 5, 50, 500])));
    }
    v
}

fn opts_term(v: &[String]) -> Term {
    Term::Raw(format!("[{}]", v.join(",")))
}

// ---- cases ---------------------------------------------------------------------------------

/// The regex literals and subject lines of `fuzz_regex_literals.exs`.
#[derive(Debug, Default, Clone)]
pub struct Literals {
    /// `%Regex{}` structs as `~w` writes them.
    pub regexes: Vec<String>,
    /// Subject lines (binaries, as `~w` writes them).
    pub lines: Vec<String>,
    /// The real-pattern corpus: `{Fun,Pattern,Options,Replacement,App}` as `~w` writes it.
    pub calls: Vec<String>,
}

/// One case, and (for `compiled`) the pattern and options the VM compiles first.
struct Case {
    kind: &'static str,
    parts: Vec<Term>,
    vm_compile: Option<(Term, Term)>,
}

impl Case {
    fn source(&self, vm: Option<&str>) -> String {
        let mut items = vec![Term::Raw(self.kind.to_string())];
        items.extend(self.parts.iter().cloned());
        if let Some(v) = vm {
            items.push(Term::Raw(v.to_string()));
        }
        Term::tuple(items).source()
    }
}

fn case(rng: &mut Rng, kind: &str, lits: &Literals, nth: usize) -> Case {
    let unicode = rng.chance(2, 5);
    let pat_text = pattern(rng);
    let pat = encode_pattern(rng, &pat_text, unicode);
    let text = subject_text(rng);
    let subj = encode(rng, &text, unicode);
    match kind {
        "compiled" => {
            let copts = opts_term(&compile_opts(rng, unicode));
            let ropts = opts_term(&run_opts(rng, true));
            Case { kind: "compiled", parts: vec![subj, pat.clone(), copts.clone(), ropts], vm_compile: Some((pat, copts)) }
        }
        "replace" => {
            let mut o = compile_opts(rng, unicode);
            o.extend(run_opts(rng, true).into_iter().filter(|x| !x.starts_with("{capture")));
            if rng.chance(1, 2) {
                o.push(rng.pick(&["{return,list}", "{return,binary}", "{return,iodata}"]).to_string());
            }
            let repl = Term::bin(rng.pick(&["[&]", "<\\1>", "\\\\g{2}|\\0", "", "x", "\\&\\\\"]).as_bytes());
            Case { kind: "replace", parts: vec![subj, pat, repl, opts_term(&o)], vm_compile: None }
        }
        "split" => {
            let mut o = compile_opts(rng, unicode);
            o.extend(run_opts(rng, false).into_iter().filter(|x| !x.starts_with("{capture")));
            if rng.chance(1, 2) {
                o.push(rng.pick(&["{return,list}", "{return,binary}", "trim", "{parts,2}", "group", "{parts,infinity}"]).to_string());
            }
            Case { kind: "split", parts: vec![subj, pat, opts_term(&o)], vm_compile: None }
        }
        "ex" => {
            let mods = ["", "i", "u", "m", "s", "x", "f", "U", "iu", "ms", "ux"];
            let m = *rng.pick(&mods);
            let text = subject_text(rng);
            Case {
                kind: "ex",
                parts: vec![Term::bin(pat_text.as_bytes()), Term::bin(m.as_bytes()), Term::bin(text.as_bytes())],
                vm_compile: None,
            }
        }
        "erl" if !lits.calls.is_empty() => {
            let call = lits.calls.get(nth % lits.calls.len()).cloned().unwrap_or_default();
            let s = match rng.below(4) {
                0 if !lits.lines.is_empty() => Term::Raw(rng.pick(&lits.lines).clone()),
                1 | 2 => {
                    // the pattern's own characters, in runs, with some of the alphabet's
                    let own: Vec<char> = call.chars().filter(|c| c.is_ascii_graphic() || *c == ' ').collect();
                    let mut t = String::new();
                    for _ in 0..rng.range(0, 24) {
                        if !own.is_empty() && rng.chance(3, 4) {
                            t.push(*rng.pick(&own));
                        } else {
                            t.push_str(*rng.pick(CHARS));
                        }
                    }
                    let u = rng.chance(1, 2);
                    encode(rng, &t, u)
                }
                _ => encode(rng, &text, unicode),
            };
            Case { kind: "erl", parts: vec![Term::Raw(call), s], vm_compile: None }
        }
        "lit" if !lits.regexes.is_empty() => {
            let rx = rng.pick(&lits.regexes).clone();
            let s = if !lits.lines.is_empty() && rng.chance(2, 3) {
                Term::Raw(rng.pick(&lits.lines).clone())
            } else {
                Term::bin(subject_text(rng).as_bytes())
            };
            Case { kind: "lit", parts: vec![Term::Raw(rx), s], vm_compile: None }
        }
        _ => {
            let mut o = compile_opts(rng, unicode);
            o.extend(run_opts(rng, true));
            Case { kind: "run", parts: vec![subj, pat, opts_term(&o)], vm_compile: None }
        }
    }
}

/// A pattern's text as `re` gets it: a binary (UTF-8, or Latin-1 bytes without unicode),
/// sometimes a charlist or an iolist.
fn encode_pattern(rng: &mut Rng, text: &str, unicode: bool) -> Term {
    let latin1: Option<Vec<u8>> = text.chars().map(|c| u8::try_from(c as u32).ok()).collect();
    match rng.below(8) {
        0 if unicode => Term::list(text.chars().map(|c| Term::int(c as i128)).collect()),
        1 => Term::list(vec![Term::bin(text.as_bytes())]),
        2 | 3 if !unicode && latin1.is_some() => Term::bin(&latin1.unwrap_or_default()),
        _ => Term::bin(text.as_bytes()),
    }
}

const KINDS: &[&str] = &["run", "run", "compiled", "compiled", "replace", "split", "ex", "lit", "lit"];

fn generate(cfg: &Config, lits: &Literals) -> Vec<Case> {
    let mut rng = Rng::new(cfg.seed ^ 0x5245_5245);
    let mut erl = 0usize;
    (0..cfg.count)
        .map(|_| {
            let kind = if cfg.only.is_empty() {
                *rng.pick(KINDS)
            } else {
                let k = rng.pick(&cfg.only).clone();
                KINDS.iter().chain(&["erl"]).copied().find(|x| *x == k).unwrap_or("run")
            };
            if kind == "erl" {
                erl += 1;
            }
            case(&mut rng, kind, lits, erl.wrapping_sub(1))
        })
        .collect()
}

// ---- running -------------------------------------------------------------------------------

/// The literals file, made on the VM once per work directory.
fn literals(cfg: &Config, tools: &Toolchain, log: &mut dyn FnMut(&str)) -> Result<Literals> {
    let file = cfg.work.join("literals.txt");
    if !file.is_file() {
        if !cfg.elixir_src.join("lib/elixir/lib").is_dir() {
            log(&format!(
                "Elixir's sources are not in {} (scripts/bootstrap.sh fetches them): only the installed .beam files' literals",
                cfg.elixir_src.display()
            ));
        }
        let script = cfg.work.join("fuzz_regex_literals.exs");
        std::fs::write(&script, LITERALS_SRC).map_err(|e| Error::io(&script, e))?;
        let mut cmd = Command::new(&tools.elixir);
        cmd.arg(&script).arg(&cfg.elixir_src).arg(&file);
        toolchain::scrub(&mut cmd);
        let out = exec::run(&mut cmd, Duration::from_secs(600))?;
        if out.exit != Exit::Code(0) {
            return Err(Error::ToolFailed { what: "fuzz_regex_literals.exs on the VM".into(), detail: String::from_utf8_lossy(&out.stderr).chars().take(2000).collect() });
        }
        log(String::from_utf8_lossy(&out.stdout).trim());
    }
    let erlib = cfg.work.join("erlib.txt");
    if cfg.only.iter().any(|k| k == "erl") && !erlib.is_file() {
        let script = cfg.work.join("fuzz_regex_erlib.exs");
        std::fs::write(&script, ERLIB_SRC).map_err(|e| Error::io(&script, e))?;
        let mut cmd = Command::new(&tools.elixir);
        cmd.arg(&script).arg(&erlib);
        toolchain::scrub(&mut cmd);
        let out = exec::run(&mut cmd, Duration::from_secs(900))?;
        if out.exit != Exit::Code(0) {
            return Err(Error::ToolFailed { what: "fuzz_regex_erlib.exs on the VM".into(), detail: String::from_utf8_lossy(&out.stderr).chars().take(2000).collect() });
        }
        log(String::from_utf8_lossy(&out.stdout).trim());
    }
    let mut text = std::fs::read_to_string(&file).map_err(|e| Error::io(&file, e))?;
    if erlib.is_file() {
        text.push_str(&std::fs::read_to_string(&erlib).map_err(|e| Error::io(&erlib, e))?);
    }
    let mut lits = Literals::default();
    for line in text.lines() {
        if let Some(r) = line.strip_prefix("L ") {
            lits.regexes.push(r.to_string());
        } else if let Some(s) = line.strip_prefix("S ") {
            lits.lines.push(s.to_string());
        } else if let Some(c) = line.strip_prefix("E ") {
            lits.calls.push(c.to_string());
        }
    }
    Ok(lits)
}

/// Runs the regex fuzzer.
pub fn run(cfg: &Config, log: &mut dyn FnMut(&str)) -> Result<Outcome> {
    let tools = Toolchain::detect()?;
    std::fs::create_dir_all(&cfg.work).map_err(|e| Error::io(&cfg.work, e))?;
    let lits = literals(cfg, &tools, log)?;
    let cases = generate(cfg, &lits);
    let mut outcome = Outcome { cases: cases.len(), ..Outcome::default() };
    for (b, chunk) in cases.chunks(cfg.batch.max(1)).enumerate() {
        let base = b * cfg.batch.max(1);
        run_batch(cfg, &tools, b, base, chunk, &mut outcome, log)?;
    }
    Ok(outcome)
}

fn module_source(module: &str, cases: &[String]) -> String {
    let mut s = String::with_capacity(cases.iter().map(String::len).sum::<usize>() + EVAL_SRC.len() + 200);
    let _ = writeln!(s, "-module({module}).\n-export([main/1, compile_all/1]).\n-compile([nowarn_unused_function]).\n");
    s.push_str(EVAL_SRC);
    s.push_str("\ncases() -> [\n");
    s.push_str(&cases.join(",\n"));
    s.push_str("\n].\n");
    s
}

fn run_batch(
    cfg: &Config,
    tools: &Toolchain,
    b: usize,
    base: usize,
    chunk: &[Case],
    outcome: &mut Outcome,
    log: &mut dyn FnMut(&str),
) -> Result<()> {
    let module = format!("fuzz_regex_{}_{}", cfg.seed, b);
    let dir = cfg.work.join(&module);
    // First the VM compiles the `compiled` cases' patterns.
    let pairs: Vec<String> = chunk
        .iter()
        .enumerate()
        .filter_map(|(i, c)| c.vm_compile.as_ref().map(|(p, o)| format!("{{{i},{},{}}}", p.source(), o.source())))
        .collect();
    let vm_compiled = compile_on_vm(tools, &dir, &module, &pairs, cfg.timeout)?;
    let sources: Vec<String> = chunk
        .iter()
        .enumerate()
        .map(|(i, c)| c.source(if c.vm_compile.is_some() { Some(vm_compiled.get(&i).map_or("none", String::as_str)) } else { None }))
        .collect();
    let beam = fuzz_terms::compile_batch(tools, &dir, &module, &module_source(&module, &sources))?;
    let expected = fuzz_terms::run_oracle(tools, &dir, &module, cfg.timeout)?;
    if expected.len() != chunk.len() {
        return Err(Error::ToolFailed {
            what: format!("the VM on batch {b} ({} of {} cases answered)", expected.len(), chunk.len()),
            detail: String::new(),
        });
    }
    let run = BeamwasmRun { beamwasm: &cfg.beamwasm, engine: &cfg.engine, timeout: cfg.timeout, max_resumes: cfg.max_resumes };
    let got = run.resuming(&module, &beam, chunk.len(), &mut |line| log(&format!("batch {b}: cases from {base}: {line}")))?;
    for (i, src) in sources.iter().enumerate() {
        let Some(vm) = expected.get(&i) else { continue };
        let Some(bw) = got.get(&i) else { continue };
        outcome.compared += 1;
        if vm != bw {
            outcome.divergences.push(Divergence { index: base + i, case: src.clone(), vm: vm.clone(), beamwasm: bw.clone() });
        }
    }
    Ok(())
}

/// The VM's `re:compile/2` results for `pairs` (`{Index, Pattern, Options}` source), by index.
fn compile_on_vm(tools: &Toolchain, dir: &Path, module: &str, pairs: &[String], timeout: Duration) -> Result<BTreeMap<usize, String>> {
    if pairs.is_empty() {
        return Ok(BTreeMap::new());
    }
    let prep = format!("{module}_prep");
    fuzz_terms::compile_batch(tools, dir, &prep, &module_source(&prep, &[]))?;
    let input = dir.join("prep.terms");
    std::fs::write(&input, format!("[{}].\n", pairs.join(",\n"))).map_err(|e| Error::io(&input, e))?;
    let mut vm = Command::new(&tools.elixir);
    vm.arg("-pa").arg(dir).arg("-e").arg(format!(
        "{{:ok, [pairs]}} = :file.consult(~c\"{}\"); :{prep}.compile_all(pairs)",
        input.display()
    ));
    toolchain::scrub(&mut vm);
    let out = exec::run(&mut vm, timeout)?;
    if out.exit != Exit::Code(0) {
        return Err(Error::ToolFailed { what: format!("compiling batch {module}'s patterns on the VM"), detail: String::from_utf8_lossy(&out.stderr).chars().take(2000).collect() });
    }
    Ok(fuzz_terms::parse_lines(&out.stdout))
}

/// The kind of a case, for the summary.
pub fn kind_of(case_src: &str) -> &str {
    fuzz_terms::kind_of(case_src)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(seed: u64) -> Config {
        Config {
            seed,
            count: 300,
            batch: 100,
            beamwasm: PathBuf::new(),
            engine: "wasmtime".into(),
            work: PathBuf::new(),
            elixir_src: PathBuf::new(),
            only: vec![],
            max_resumes: 0,
            timeout: Duration::from_secs(1),
        }
    }

    #[test]
    fn regex_cases_are_deterministic_in_the_seed() {
        let lits = Literals { regexes: vec!["#{}".into()], lines: vec!["<<97>>".into()], calls: vec![] };
        let a: Vec<String> = generate(&cfg(3), &lits).iter().map(|c| c.source(None)).collect();
        let b: Vec<String> = generate(&cfg(3), &lits).iter().map(|c| c.source(None)).collect();
        let c: Vec<String> = generate(&cfg(4), &lits).iter().map(|c| c.source(None)).collect();
        assert_eq!(a, b);
        assert_ne!(a, c);
        for k in ["run", "compiled", "replace", "split", "ex", "lit"] {
            assert!(a.iter().any(|s| s.starts_with(&format!("{{{k},"))), "no {k} case in 300");
        }
    }

    #[test]
    fn patterns_are_balanced_apart_from_the_odd_pieces() {
        let mut rng = Rng::new(11);
        for _ in 0..500 {
            let p = pattern(&mut rng);
            assert!(!p.is_empty());
        }
    }
}
