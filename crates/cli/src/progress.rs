//! A progress line on stderr for work that takes more than a second (a build, the engine
//! compile of a first run): shown only when stderr is a terminal, so pipes, logs and the
//! differential suite see nothing, and erased when the work ends.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How long work runs before its line appears.
const DELAY: Duration = Duration::from_secs(1);

/// A line that appears after [`DELAY`] unless [`Progress::done`] comes first.
pub struct Progress {
    /// `None` when stderr is not a terminal.
    state: Option<Arc<(Mutex<bool>, AtomicBool)>>,
}

impl Progress {
    /// Starts the clock for `what` ("compiling 3,430 functions").
    pub fn start(what: String) -> Progress {
        if !std::io::stderr().is_terminal() {
            return Progress { state: None };
        }
        // (shown, done): `shown` is behind the lock so that `done` erases only a line that
        // was printed, and the line is never printed after `done`.
        let state = Arc::new((Mutex::new(false), AtomicBool::new(false)));
        let s = Arc::clone(&state);
        std::thread::spawn(move || {
            std::thread::sleep(DELAY);
            if let Ok(mut shown) = s.0.lock() {
                if !s.1.load(Ordering::Acquire) {
                    eprint!("beamwasm: {what}...");
                    let _ = std::io::stderr().flush();
                    *shown = true;
                }
            }
        });
        Progress { state: Some(state) }
    }

    /// Ends the work: erases the line if it was shown.
    pub fn done(self) {
        let Some(s) = self.state else { return };
        if let Ok(shown) = s.0.lock() {
            s.1.store(true, Ordering::Release);
            if *shown {
                eprint!("\r\x1b[K");
                let _ = std::io::stderr().flush();
            }
        }
    }
}
