//! What the benches share: a cold check through a fresh database, the
//! baseline pass over the bytes, the check that a generated program is
//! valid, and the formatting of durations and medians.

use ownc_lang::Diagnostic;
use ownc_typeck::{
    check_program, check_program_parallel, Database, FileDiagnostics, Program, SourceFile,
};
use std::process::ExitCode;
use std::time::Duration;

/// Parse and check cold, as `ownc check` does: a fresh database, the file
/// and program inputs, every query, on one thread. Returns the database
/// with the results so that the caller decides whether dropping it is
/// timed.
pub fn check(text: String) -> (Database, Vec<FileDiagnostics>) {
    check_with(text, |db, program| check_program(db, program))
}

/// [`check`] on the threads `ownc_lang::workers` allows, as `ownc check`
/// does (`--jobs`).
pub fn check_parallel(text: String) -> (Database, Vec<FileDiagnostics>) {
    check_with(text, check_program_parallel)
}

fn check_with(
    text: String,
    run: impl FnOnce(&Database, Program) -> Vec<FileDiagnostics>,
) -> (Database, Vec<FileDiagnostics>) {
    let db = Database::for_one_check();
    let file = SourceFile::create(&db, "generated.own", text);
    let program = Program::new(&db, vec![file]);
    let reports = run(&db, program);
    (db, reports)
}

/// Every diagnostic of a check, of every file.
pub fn all_diagnostics(reports: Vec<FileDiagnostics>) -> Vec<Diagnostic> {
    reports.into_iter().flat_map(|r| r.diagnostics).collect()
}

/// Fails loudly unless the checker accepts `text` with no diagnostic at
/// all: timing a front end on input it rejects would measure its error
/// recovery, and the generators promise valid code. `what` names the
/// program in the message.
pub fn require_clean(what: &str, text: &str) -> Result<(), String> {
    let (_db, reports) = check(text.to_owned());
    let diagnostics = all_diagnostics(reports);
    if diagnostics.is_empty() {
        Ok(())
    } else {
        Err(rejected(what, text, &diagnostics))
    }
}

/// Says where the first few diagnostics are, with their lines, so that a
/// generator bug (or a checker bug) is quick to reproduce.
pub fn rejected(what: &str, text: &str, diagnostics: &[Diagnostic]) -> String {
    let index = ownc_lang::LineIndex::new(text);
    let mut out = format!("{what} has {} diagnostics; the first:", diagnostics.len());
    for d in diagnostics.iter().take(5) {
        let (line, col) = index.line_col(text, d.primary.span.start);
        let source = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
        out.push_str(&format!(
            "\n  {line}:{col}: {}: {}\n      {}",
            d.code.as_str(),
            d.message,
            source.trim()
        ));
    }
    out
}

/// The baseline: one pass over the bytes, counting lines and runs of
/// identifier characters. It touches every byte once, as a lexer must, and
/// does nothing else, so it measures the machine, not the compiler.
pub fn baseline(text: &str) -> (usize, usize) {
    let mut lines = 0;
    let mut idents = 0;
    let mut in_ident = false;
    for &b in text.as_bytes() {
        if b == b'\n' {
            lines += 1;
        }
        let ident = b.is_ascii_alphanumeric() || b == b'_';
        if ident && !in_ident {
            idents += 1;
        }
        in_ident = ident;
    }
    (lines, idents)
}

/// The median of some durations (the lower middle one for an even count;
/// zero for none).
pub fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times
        .get(times.len().saturating_sub(1) / 2)
        .copied()
        .unwrap_or_default()
}

pub fn format_duration(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1e3;
    if ms < 10.0 {
        format!("{ms:.3} ms")
    } else if ms < 10_000.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{:.2} s", d.as_secs_f64())
    }
}

/// Sizes given on a bench's command line (numbers, `_` allowed), or the
/// defaults when there are none. `cargo bench` also passes `--bench`,
/// which is how a bench knows it is timing rather than testing.
pub fn sizes_from_args(args: &[String], defaults: &[usize]) -> Vec<usize> {
    let custom: Vec<usize> = args
        .iter()
        .filter_map(|a| a.replace('_', "").parse::<usize>().ok())
        .collect();
    if custom.is_empty() {
        defaults.to_vec()
    } else {
        custom
    }
}

/// A bench's `main`: `cargo bench` passes `--bench`, and then `bench` runs
/// with the command line; without it (as `cargo test` runs a bench with
/// `test = true`), `test` checks the bench's programs at a small size.
/// An error is one line on stderr and a failing exit status.
pub fn bench_main(
    bench: impl FnOnce(&[String]) -> Result<(), String>,
    test: impl FnOnce() -> Result<(), String>,
) -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = if args.iter().any(|a| a == "--bench") {
        bench(&args)
    } else {
        test()
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
