//! Grouped runs: many programs from one module, so the engine compiles the runtime and the
//! standard library once per group rather than once per program.
//!
//! Expects programs the suite compiles and runs on the VM as usual ([`suite::prepare`]).
//! Guarantees each program the verdict it has alone:
//! - a group is built with `beamwasm build --entry A.main --entry B.main ... EBIN_A EBIN_B
//!   ...`, and each program runs from it in a fresh process and instance with
//!   `beamwasm run GROUP.wasm --entry A.main` (the product's way to run a prebuilt module;
//!   on wasmtime the compiled module comes from a cache under the work directory, so only
//!   the group's first run compiles it);
//! - a program whose grouped run agrees with the VM passes; any other is run alone and
//!   takes that verdict, so grouping never turns a failure into a pass it would not have
//!   alone; a program whose grouped and solo results differ is listed
//!   ([`Outcome::grouped_differs`]): something in the linked union changed what it did;
//! - programs that cannot share stay solo: those with a `pa:` library, `known:` gaps (their
//!   verdict needs the solo run anyway), and every program defining a module another
//!   selected program also defines; a group whose build fails runs its programs alone.
//!
//! Each group's module and compiled-module cache live in `<work>/../groups-<pid>/` and are
//! removed when the group ends (a compiled module is about 8 times the module's size), and
//! the directory when the run ends.

use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

use crate::cache::{Cached, Slot};
use crate::exec::{self, Exit, Output};
use crate::program::{Lang, Program};
use crate::suite::{self, Config, Outcome, Prepared, Verdict};
use crate::target::Target;
use crate::{Error, Result};

/// A program ready to run on beamwasm.
struct Ready {
    index: usize,
    slot: Slot,
    ebin: PathBuf,
    expected: Cached,
}

/// Work for one thread: a group of programs, or one program alone.
enum Unit {
    Group(Vec<Ready>),
    Solo(Ready),
}

/// Judges every program (compare mode), grouped by about `size`; outcomes in input order.
pub fn run(config: &Config, target: &Target, programs: &[Program], size: usize) -> Vec<Outcome> {
    let total = programs.len();
    let done = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Outcome>>> = Mutex::new(vec![None; total]);
    let record = |index: usize, outcome: Outcome| {
        let finished = done.fetch_add(1, Ordering::SeqCst) + 1;
        suite::progress(finished, total);
        if let Ok(mut slots) = results.lock()
            && let Some(slot) = slots.get_mut(index)
        {
            *slot = Some(outcome);
        }
    };
    // Compile every program and run it on the VM (cached), in parallel.
    let ready: Mutex<Vec<Ready>> = Mutex::new(Vec::new());
    let next = AtomicUsize::new(0);
    thread::scope(|scope| {
        for _ in 0..config.jobs.max(1) {
            scope.spawn(|| loop {
                let index = next.fetch_add(1, Ordering::SeqCst);
                let Some(program) = programs.get(index) else { break };
                match suite::prepare(config, program) {
                    Ok(Prepared::Ready { slot, ebin, expected }) => {
                        if let Ok(mut r) = ready.lock() {
                            r.push(Ready { index, slot, ebin, expected });
                        }
                    }
                    Ok(Prepared::Judged(verdict)) => record(index, outcome(program, verdict, None)),
                    Err(e) => record(index, suite::harness_error(program, &e)),
                }
            });
        }
    });
    let mut ready = ready.into_inner().unwrap_or_else(|p| p.into_inner());
    ready.sort_by_key(|r| r.index);
    let units = plan(programs, ready, size);
    let groups_dir = config.work.with_file_name(format!("groups-{}", std::process::id()));
    let queue = Mutex::new(units.into_iter().enumerate().collect::<VecDeque<_>>());
    thread::scope(|scope| {
        for _ in 0..config.jobs.max(1) {
            scope.spawn(|| loop {
                let Some(unit) = queue.lock().ok().and_then(|mut q| q.pop_front()) else { break };
                match unit {
                    (_, Unit::Solo(r)) => {
                        let program = &programs[r.index];
                        record(r.index, solo(config, target, program, &r, None));
                    }
                    (n, Unit::Group(members)) => {
                        let dir = groups_dir.join(format!("g{n}"));
                        run_group(config, target, programs, &members, &dir, &record);
                        let _ = std::fs::remove_dir_all(&dir);
                    }
                }
            });
        }
    });
    let _ = std::fs::remove_dir_all(&groups_dir);
    let slots = results.into_inner().unwrap_or_else(|p| p.into_inner());
    slots.into_iter().flatten().collect()
}

fn outcome(program: &Program, verdict: Verdict, grouped_differs: Option<String>) -> Outcome {
    Outcome { program: program.clone(), verdict, oracle_time: None, oracle_exit: None, grouped_differs }
}

/// Runs one program alone, as the suite does without groups; given its `grouped` run,
/// also says how that run differed from this one.
fn solo(config: &Config, target: &Target, program: &Program, r: &Ready, grouped: Option<&Output>) -> Outcome {
    match target.run(program, &r.ebin, &r.slot.dir, config.limit) {
        Ok(alone) => {
            let differs = grouped.filter(|g| g.stdout != alone.stdout || g.exit != alone.exit).map(|g| describe(g, &alone));
            outcome(program, suite::verdict(program, &r.ebin, target, &r.expected, &alone), differs)
        }
        Err(e) => suite::harness_error(program, &e),
    }
}

/// Splits the programs into groups of about `size` and solo programs. Groups hold one
/// language each (Erlang programs then link no Elixir), groups first and largest first, so
/// the long units start early.
fn plan(programs: &[Program], ready: Vec<Ready>, size: usize) -> Vec<Unit> {
    // Which selected programs define each module.
    let mut owners: HashMap<String, usize> = HashMap::new();
    let mut modules: Vec<Vec<String>> = Vec::new();
    for r in &ready {
        let names = beam_modules(&r.ebin);
        for m in &names {
            *owners.entry(m.clone()).or_default() += 1;
        }
        modules.push(names);
    }
    let mut solos = Vec::new();
    let mut by_lang: Vec<(Lang, Vec<Ready>)> = vec![(Lang::Elixir, Vec::new()), (Lang::Erlang, Vec::new())];
    for (r, names) in ready.into_iter().zip(modules) {
        let program = &programs[r.index];
        let clash = names.is_empty() || names.iter().any(|m| owners.get(m).copied().unwrap_or(0) > 1);
        if program.pa.is_some() || program.known.is_some() || clash {
            solos.push(Unit::Solo(r));
        } else if let Some((_, list)) = by_lang.iter_mut().find(|(l, _)| *l == program.lang) {
            list.push(r);
        }
    }
    let mut groups = Vec::new();
    for (_, list) in by_lang {
        let n = list.len().div_ceil(size.max(1)).max(1);
        let per = list.len().div_ceil(n).max(1);
        let mut list = list.into_iter().peekable();
        while list.peek().is_some() {
            let group: Vec<Ready> = list.by_ref().take(per).collect();
            groups.push(group);
        }
    }
    groups.sort_by_key(|g| std::cmp::Reverse(g.len()));
    let mut units = Vec::new();
    for g in groups {
        if g.len() == 1 {
            solos.extend(g.into_iter().map(Unit::Solo));
        } else {
            units.push(Unit::Group(g));
        }
    }
    units.extend(solos);
    units
}

/// The module names of the `.beam` files in `ebin`.
fn beam_modules(ebin: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(ebin) else { return Vec::new() };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().to_str().and_then(|n| n.strip_suffix(".beam")).map(str::to_string))
        .collect();
    names.sort();
    names
}

/// Builds the group's module and judges each member from it ([`self`]).
fn run_group(config: &Config, target: &Target, programs: &[Program], members: &[Ready], dir: &Path, record: &(dyn Fn(usize, Outcome) + Sync)) {
    let wasm = dir.join("group.wasm");
    let built = build(config, target, programs, members, dir, &wasm);
    if let Err(e) = &built {
        let names: Vec<&str> = members.iter().map(|r| programs[r.index].name.as_str()).collect();
        eprintln!("difftest: {e}\n  its programs run alone: {}", names.join(", "));
    }
    let cache = dir.join("cache");
    let mut usable = built.is_ok();
    for (i, r) in members.iter().enumerate() {
        let program = &programs[r.index];
        let grouped = if usable {
            let mut cmd = target.run_built_command(program, &wasm, &cache);
            cmd.current_dir(&r.slot.dir);
            // The first run also compiles the group's module for wasmtime (several times a
            // program's module): it gets more time, and when that compile did not finish,
            // the group's programs run alone rather than each compile it again.
            let limit = if i == 0 { config.limit * FIRST_RUN_LIMIT } else { config.limit };
            let out = exec::run(&mut cmd, limit);
            if i == 0 && target.engine == "wasmtime" && !has_compiled_module(&cache) {
                eprintln!("difftest: the group of {} did not compile in time; its programs run alone", program.name);
                usable = false;
            }
            Some(out)
        } else {
            None
        };
        let out = match grouped {
            Some(Ok(actual)) if program.known.is_none() && suite::agrees(&r.expected, &actual) => outcome(program, Verdict::Pass, None),
            Some(Ok(actual)) => solo(config, target, program, r, Some(&actual)),
            Some(Err(_)) | None => solo(config, target, program, r, None),
        };
        record(r.index, out);
    }
}

/// How many times the time limit a group's first run gets (it compiles the module).
const FIRST_RUN_LIMIT: u32 = 4;

/// Whether `dir` holds a compiled module (`*.cwasm`; a killed writer leaves only a
/// temporary file).
fn has_compiled_module(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|d| {
        d.filter_map(|e| e.ok()).any(|e| e.path().extension().is_some_and(|x| x == "cwasm"))
    })
}

/// How a grouped run differed from the solo one.
fn describe(grouped: &Output, solo: &Output) -> String {
    let stdout = if grouped.stdout == solo.stdout { "same stdout" } else { "stdout differs" };
    format!("{stdout}; exit status: grouped {}, solo {}", grouped.exit, solo.exit)
}

/// `beamwasm build` of the group's module into `wasm`.
fn build(config: &Config, target: &Target, programs: &[Program], members: &[Ready], dir: &Path, wasm: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let list: Vec<(&Program, &Path)> = members.iter().map(|r| (&programs[r.index], r.ebin.as_path())).collect();
    let mut cmd = target.build_group_command(&list, wasm);
    let out = exec::run(&mut cmd, config.limit)?;
    if out.exit != Exit::Code(0) {
        return Err(Error::ToolFailed {
            what: "building a group's module".to_string(),
            detail: String::from_utf8_lossy(&out.stderr).into_owned(),
        });
    }
    Ok(())
}
