//! The panic hook: a panic anywhere in ownc is a bug in ownc, never in the
//! user's program, so it is reported as an internal compiler error with a
//! request to report it. The process then exits with status 101 (the thread
//! that joins the checker sees the panic; see `main`).

use std::backtrace::{Backtrace, BacktraceStatus};
use std::panic::PanicHookInfo;

/// Exit status after an internal compiler error, as rustc uses.
pub const ICE_EXIT: u8 = 101;

pub fn install_hook() {
    std::panic::set_hook(Box::new(report));
}

fn report(info: &PanicHookInfo<'_>) {
    let payload = info.payload();
    let message = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("unknown panic");
    let location = info
        .location()
        .map_or_else(String::new, |l| format!(" at {}:{}", l.file(), l.line()));
    // One `eprintln!` per line would interleave with other threads' output;
    // build the whole message first.
    eprintln!(
        "internal compiler error: {message}{location}\n\
         note: this is a bug in ownc {}, not in the program being checked\n\
         note: please report it to the ownc developers with the input that triggered it",
        env!("CARGO_PKG_VERSION"),
    );
    // Captured only when RUST_BACKTRACE asks for it, as Rust's own hook does.
    let backtrace = Backtrace::capture();
    if backtrace.status() == BacktraceStatus::Captured {
        eprintln!("backtrace:\n{backtrace}");
    }
}
