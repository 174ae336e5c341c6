//! Conformance programs: finding them and reading what their header comments declare.
//!
//! A program is one `.ex` or `.erl` file whose entry module defines `main/0`. Its name is
//! `<dir>/<stem>`, e.g. `elixir/maps_basic`. The leading comment lines (before any code)
//! may declare:
//! - `known: <reason>` — a known gap: the program is expected to fail on beamwasm;
//! - `entry: <Module>` — the module whose `main/0` is called, when the default is wrong;
//! - `pa: <dir>` — a directory of library sources (`.erl`, `.ex`, and `.app` resource
//!   files, copied), relative to the program's file, compiled on their own and put on the
//!   code path with `-pa`, as a library is: on the VM (`elixir -pa EBIN -pa LIB`) and on
//!   beamwasm (`-pa LIB`).
//!
//! The default entry module is the `-module(...)` of an `.erl` file, and the **last**
//! top-level (column 0) `defmodule` of an `.ex` file, so helper modules, structs, protocols
//! and exceptions go first and the module with `main/0` goes last.

use std::fs;
use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// The source language, which decides the compiler and how the module is named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Elixir,
    Erlang,
}

impl Lang {
    /// The language of a file, by its extension; `None` for files that are not programs.
    pub fn of(path: &Path) -> Option<Lang> {
        match path.extension()?.to_str()? {
            "ex" => Some(Lang::Elixir),
            "erl" => Some(Lang::Erlang),
            _ => None,
        }
    }

    /// The line-comment marker of the language.
    fn comment(self) -> char {
        match self {
            Lang::Elixir => '#',
            Lang::Erlang => '%',
        }
    }

    /// A short lowercase name, used in cache keys.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Elixir => "elixir",
            Lang::Erlang => "erlang",
        }
    }
}

/// One program to compile and run.
#[derive(Debug, Clone)]
pub struct Program {
    /// `<dir>/<stem>`, e.g. `elixir/maps_basic`; unique within a suite.
    pub name: String,
    pub lang: Lang,
    pub path: PathBuf,
    pub source: String,
    /// The entry module as the user writes it: `MapsBasic` or `maps_basic`.
    pub module: String,
    /// `Some(reason)` for a known gap.
    pub known: Option<String>,
    /// The library on `-pa` (`pa:` header), if any.
    pub pa: Option<Library>,
}

/// A directory of library sources a program is run with on `-pa`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Library {
    /// The directory.
    pub dir: PathBuf,
    /// Its source files, sorted.
    pub files: Vec<PathBuf>,
    /// Its application resource files (`NAME.app`), copied beside the compiled code.
    pub apps: Vec<PathBuf>,
    /// Every file's name and text, for the cache key.
    pub text: String,
}

impl Library {
    /// Reads the `.erl`, `.ex` and `.app` files of `dir`.
    pub fn load(dir: &Path) -> Result<Library> {
        let entries = fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
        let mut files: Vec<PathBuf> = Vec::new();
        let mut apps: Vec<PathBuf> = Vec::new();
        for e in entries {
            let path = e.map_err(|e| Error::io(dir, e))?.path();
            if path.is_file() && Lang::of(&path).is_some() {
                files.push(path);
            } else if path.is_file() && path.extension().and_then(|x| x.to_str()) == Some("app") {
                apps.push(path);
            }
        }
        files.sort();
        apps.sort();
        let mut text = String::new();
        for f in files.iter().chain(&apps) {
            let body = fs::read_to_string(f).map_err(|e| Error::io(f, e))?;
            let name = f.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            text.push_str(&format!("--- {name} ---\n{body}"));
        }
        Ok(Library { dir: dir.to_path_buf(), files, apps, text })
    }

    /// Where its compiled `.beam` files go, beside the program's `ebin`.
    pub fn ebin(program_ebin: &Path) -> PathBuf {
        program_ebin.with_file_name("pa-ebin")
    }
}

impl Program {
    /// Reads and parses one program file; `group` is the name's prefix (its directory).
    pub fn load(path: &Path, group: &str) -> Result<Program> {
        let bad = |reason: &str| Error::BadProgram { path: path.to_path_buf(), reason: reason.to_string() };
        let lang = Lang::of(path).ok_or_else(|| bad("not a .ex or .erl file"))?;
        let stem = path.file_stem().and_then(|s| s.to_str()).ok_or_else(|| bad("file name is not UTF-8"))?;
        let source = fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let header = Header::parse(&source, lang.comment());
        let module = match header.entry {
            Some(m) => m,
            None => default_module(&source, lang).ok_or_else(|| match lang {
                Lang::Elixir => bad("no top-level `defmodule` (or `# entry: Module` header) found"),
                Lang::Erlang => bad("no `-module(name).` attribute found"),
            })?,
        };
        let name = if group.is_empty() { stem.to_string() } else { format!("{group}/{stem}") };
        let pa = match &header.pa {
            Some(rel) => {
                let dir = path.parent().unwrap_or(Path::new(".")).join(rel);
                if !dir.is_dir() {
                    return Err(bad(&format!("the `pa:` directory {} does not exist", dir.display())));
                }
                Some(Library::load(&dir)?)
            }
            None => None,
        };
        Ok(Program { name, lang, path: path.to_path_buf(), source, module, known: header.known, pa })
    }

    /// The `-e` expression that calls the entry on the real VM: `MapsBasic.main()` or
    /// `:maps_basic.main()`.
    pub fn oracle_call(&self) -> String {
        match self.lang {
            Lang::Elixir => format!("{}.main()", self.module),
            Lang::Erlang if is_plain_atom(&self.module) => format!(":{}.main()", self.module),
            Lang::Erlang => format!(":{:?}.main()", self.module),
        }
    }

    /// The `--entry` argument for `beamwasm run`: `MapsBasic.main` or `maps_basic.main`.
    pub fn entry(&self) -> String {
        format!("{}.main", self.module)
    }
}

/// Every program under `root/<group>/` for each group, sorted by name.
pub fn discover(root: &Path, groups: &[&str]) -> Result<Vec<Program>> {
    let mut programs = Vec::new();
    for group in groups {
        let dir = root.join(group);
        if !dir.is_dir() {
            continue;
        }
        programs.extend(discover_dir(&dir, group)?);
    }
    programs.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(programs)
}

/// Every `.ex`/`.erl` file directly inside `dir`, named `<group>/<stem>`.
pub fn discover_dir(dir: &Path, group: &str) -> Result<Vec<Program>> {
    let entries = fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut programs = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| Error::io(dir, e))?.path();
        if path.is_file() && Lang::of(&path).is_some() {
            programs.push(Program::load(&path, group)?);
        }
    }
    programs.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(programs)
}

/// The programs that `--only` patterns select. A pattern equal to a program's name selects
/// that program alone (so `--only elixir/maps` does not also run `elixir/maps_large`);
/// any other pattern selects every name containing it. No patterns select everything.
pub fn select(programs: Vec<Program>, patterns: &[String]) -> Vec<Program> {
    if patterns.is_empty() {
        return programs;
    }
    let matches = |name: &str, p: &str| {
        if programs.iter().any(|q| q.name == p) { name == p } else { name.contains(p) }
    };
    let keep: Vec<bool> = programs.iter().map(|q| patterns.iter().any(|p| matches(&q.name, p))).collect();
    programs.into_iter().zip(keep).filter_map(|(q, k)| k.then_some(q)).collect()
}

/// What the leading comment lines declare.
#[derive(Debug, Default, PartialEq)]
struct Header {
    known: Option<String>,
    entry: Option<String>,
    pa: Option<String>,
}

impl Header {
    fn parse(source: &str, comment: char) -> Header {
        let mut header = Header::default();
        for line in source.lines() {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            let Some(text) = line.strip_prefix(comment) else { break };
            let text = text.trim_start_matches(comment).trim();
            if let Some(reason) = text.strip_prefix("known:") {
                header.known = Some(reason.trim().to_string());
            } else if let Some(entry) = text.strip_prefix("entry:") {
                header.entry = Some(entry.trim().to_string());
            } else if let Some(pa) = text.strip_prefix("pa:") {
                header.pa = Some(pa.trim().to_string());
            }
        }
        header
    }
}

fn default_module(source: &str, lang: Lang) -> Option<String> {
    match lang {
        Lang::Erlang => source.lines().find_map(|l| {
            let rest = l.trim().strip_prefix("-module(")?;
            let name = rest.split(')').next()?.trim();
            Some(name.trim_matches('\'').to_string())
        }),
        Lang::Elixir => source
            .lines()
            .filter_map(|l| l.strip_prefix("defmodule "))
            .filter_map(|rest| rest.split_whitespace().next())
            .map(|name| name.trim_end_matches(',').to_string())
            .next_back(),
    }
}

fn is_plain_atom(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_reads_known_and_entry_before_code_only() {
        let src = "# Pins map order.\n#   known: large maps iterate differently\n\n# entry: Foo.Bar\ndefmodule X do\n# known: not a header\nend\n";
        let h = Header::parse(src, '#');
        assert_eq!(h.known.as_deref(), Some("large maps iterate differently"));
        assert_eq!(h.entry.as_deref(), Some("Foo.Bar"));
        let h = Header::parse("defmodule X do\n# known: late\nend\n", '#');
        assert_eq!(h, Header::default());
    }

    #[test]
    fn erlang_header_accepts_double_percent() {
        let h = Header::parse("%% known: records\n-module(x).\n", '%');
        assert_eq!(h.known.as_deref(), Some("records"));
    }

    #[test]
    fn entry_module_is_the_last_top_level_defmodule() {
        let src = "defmodule Helper do\n  defmodule Inner do\n  end\nend\n\ndefmodule Main.Thing do\nend\n";
        assert_eq!(default_module(src, Lang::Elixir).as_deref(), Some("Main.Thing"));
        assert_eq!(default_module("-module(maps_basic).\n", Lang::Erlang).as_deref(), Some("maps_basic"));
        assert_eq!(default_module("-module('Odd').\n", Lang::Erlang).as_deref(), Some("Odd"));
    }

    fn named(lang: Lang, name: &str, module: &str) -> Program {
        Program {
            name: name.to_string(),
            lang,
            path: PathBuf::new(),
            source: String::new(),
            module: module.to_string(),
            known: None,
            pa: None,
        }
    }

    #[test]
    fn a_pa_header_names_a_library_directory() {
        let h = Header::parse("%% pa: pa/handler_lib\n-module(x).\n", '%');
        assert_eq!(h.pa.as_deref(), Some("pa/handler_lib"));
    }

    #[test]
    fn oracle_call_quotes_odd_erlang_atoms() {
        let p = |lang, module: &str| named(lang, "", module);
        assert_eq!(p(Lang::Elixir, "A.B").oracle_call(), "A.B.main()");
        assert_eq!(p(Lang::Erlang, "maps_basic").oracle_call(), ":maps_basic.main()");
        assert_eq!(p(Lang::Erlang, "Odd").oracle_call(), ":\"Odd\".main()");
        assert_eq!(p(Lang::Erlang, "maps_basic").entry(), "maps_basic.main");
    }

    #[test]
    fn only_patterns_match_exactly_or_by_substring() {
        let all = || {
            ["elixir/maps", "elixir/maps_large", "erlang/maps_large"].map(|n| named(Lang::Elixir, n, "M")).to_vec()
        };
        let names = |ps: Vec<Program>| ps.into_iter().map(|p| p.name).collect::<Vec<_>>();
        assert_eq!(names(select(all(), &["elixir/maps".to_string()])), ["elixir/maps"]);
        assert_eq!(names(select(all(), &["maps_large".to_string()])), ["elixir/maps_large", "erlang/maps_large"]);
        assert_eq!(select(all(), &[]).len(), 3);
    }
}
