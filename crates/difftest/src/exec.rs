//! Running one external command with a time limit.
//!
//! The child gets its own process group, so a timeout kills everything it started (the
//! `elixir` script execs `erl`, which may start helpers). Output is read on two threads so
//! a chatty child can never block on a full pipe while we wait for it.

use std::fmt;
use std::io::Read;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use crate::{Error, Result};

/// How a command ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exit {
    /// It exited with this status code.
    Code(i32),
    /// It was killed by this signal (not by us).
    Signal(i32),
    /// It was still running when its time was up, and we killed it.
    TimedOut(Duration),
}

impl Exit {
    /// Parses the text [`Exit`]'s `Display` writes for `Code` and `Signal` (the cacheable kinds).
    pub fn parse(text: &str) -> Option<Exit> {
        let text = text.trim();
        if let Some(sig) = text.strip_prefix("signal ") {
            return sig.parse().ok().map(Exit::Signal);
        }
        text.parse().ok().map(Exit::Code)
    }

    /// True for a timeout, which says nothing about the program's own result.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Exit::TimedOut(_))
    }
}

impl fmt::Display for Exit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Exit::Code(c) => write!(f, "{c}"),
            Exit::Signal(s) => write!(f, "signal {s}"),
            Exit::TimedOut(d) => write!(f, "timed out after {} s", d.as_secs()),
        }
    }
}

/// What a finished command left behind.
#[derive(Debug, Clone)]
pub struct Output {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    pub exit: Exit,
    /// Wall-clock time from spawn to exit.
    pub elapsed: Duration,
}

/// Runs `cmd` to completion or until `limit` passes, whichever is first.
///
/// Stdin is closed (a program that reads it sees end of file). A spawn failure is an
/// [`Error`]; everything the command itself does is in the returned [`Output`].
pub fn run(cmd: &mut Command, limit: Duration) -> Result<Output> {
    let program = cmd.get_program().to_string_lossy().into_owned();
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0);
    let start = Instant::now();
    let mut child = cmd.spawn().map_err(|source| Error::Spawn { program: program.clone(), source })?;
    let pgid = child.id();
    let out_reader = child.stdout.take().map(spawn_reader);
    let err_reader = child.stderr.take().map(spawn_reader);

    let exit = loop {
        match child.try_wait() {
            Ok(Some(status)) => break exit_of(status),
            Ok(None) => {}
            Err(source) => return Err(Error::Spawn { program, source }),
        }
        if start.elapsed() >= limit {
            kill_group(pgid);
            // Reap the child; its status no longer matters.
            let _ = child.wait();
            break Exit::TimedOut(limit);
        }
        thread::sleep(poll_interval(start.elapsed()));
    };
    let elapsed = start.elapsed();
    // Anything the child left behind in its group would keep our pipes open.
    kill_group(pgid);
    Ok(Output { stdout: join(out_reader), stderr: join(err_reader), exit, elapsed })
}

/// Short sleeps first so quick commands are not slowed down, longer ones later.
fn poll_interval(elapsed: Duration) -> Duration {
    if elapsed < Duration::from_millis(100) {
        Duration::from_millis(2)
    } else {
        Duration::from_millis(10)
    }
}

fn exit_of(status: std::process::ExitStatus) -> Exit {
    match (status.code(), status.signal()) {
        (Some(code), _) => Exit::Code(code),
        (None, Some(sig)) => Exit::Signal(sig),
        (None, None) => Exit::Code(-1),
    }
}

fn spawn_reader<R: Read + Send + 'static>(mut pipe: R) -> thread::JoinHandle<Vec<u8>> {
    thread::spawn(move || {
        let mut buf = Vec::new();
        // A read error just ends the capture; what was read so far is kept.
        let _ = pipe.read_to_end(&mut buf);
        buf
    })
}

fn join(reader: Option<thread::JoinHandle<Vec<u8>>>) -> Vec<u8> {
    reader.and_then(|r| r.join().ok()).unwrap_or_default()
}

/// Kills a whole process group with `kill -KILL -PGID` (the crate forbids `unsafe`, so no
/// direct `killpg`). A group that is already gone is not an error.
fn kill_group(pgid: u32) {
    let _ = Command::new("kill")
        .arg("-KILL")
        .arg("--")
        .arg(format!("-{pgid}"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captures_stdout_and_exit_code() -> Result<()> {
        let out = run(Command::new("sh").args(["-c", "printf 'a\\nb'; echo err >&2; exit 3"]), Duration::from_secs(10))?;
        assert_eq!(out.stdout, b"a\nb");
        assert_eq!(out.stderr, b"err\n");
        assert_eq!(out.exit, Exit::Code(3));
        Ok(())
    }

    #[test]
    fn a_hang_is_killed_at_the_limit() -> Result<()> {
        let start = Instant::now();
        let out = run(Command::new("sh").args(["-c", "echo started; sleep 30; echo never"]), Duration::from_millis(300))?;
        assert!(out.exit.is_timeout());
        assert_eq!(out.stdout, b"started\n");
        assert!(start.elapsed() < Duration::from_secs(10));
        Ok(())
    }

    #[test]
    fn exit_text_round_trips() {
        for e in [Exit::Code(0), Exit::Code(1), Exit::Code(42), Exit::Signal(9)] {
            assert_eq!(Exit::parse(&e.to_string()), Some(e));
        }
        assert_eq!(Exit::parse("nonsense"), None);
    }

    #[test]
    fn missing_program_is_an_error_not_a_panic() {
        assert!(run(&mut Command::new("/nonexistent/beamwasm-xyz"), Duration::from_secs(1)).is_err());
    }
}
