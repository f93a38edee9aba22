//! Incremental re-check after editing one method body: `cargo bench
//! --bench recheck` (a 100k-line program; other sizes as arguments).
//!
//! It fills one salsa database with a generated program, checks it cold
//! (the baseline of the ratios), re-checks it once without any edit (the
//! floor: salsa verifying that nothing changed), then edits one method body
//! at a time and times `check_program` again after each edit:
//! - `same-length`: one digit in `int acc = D;` becomes another, so every
//!   byte offset after the edit stays the same;
//! - `length-changing`: a statement ` acc += 1;` is inserted after it, so
//!   every byte after the edit moves (spans are anchored to their member,
//!   so only the edited body should be checked again).
//!
//! Two layouts of the same program: one file, and files of about
//! 1,000 lines each (split between top-level declarations), as a real
//! program of that size would be. Either way an edit re-parses one
//! declaration (files are parsed chunk by chunk, see `ownc_lang::split`);
//! in one file, the file's other chunks are still compared with their old
//! text and listed again.
//!
//! The edits are spread over the file, from its start to its end; it prints
//! the median, the fastest and the slowest re-check of each kind and the
//! median's ratio to the cold check, with the time of parsing the file
//! alone for reference. Every re-check must report nothing: the edits keep
//! the program valid. Last, untimed, it counts the queries that a cold
//! check and one edit of each kind execute, and the memos salsa verifies
//! and reuses after the edit, from salsa's event log: a measure of the
//! re-check's work that does not move with the machine's load.
//!
//! Run without `--bench` (as `cargo test --bench recheck` does), it makes
//! two edits of each kind on a small program and checks that every
//! re-check is clean, and that the query log sees one parse per check (no
//! timing).

#[allow(dead_code)] // each bench uses a part of the generator
mod gen;
#[allow(dead_code)] // each bench uses a part of the helpers
mod support;

use ownc_typeck::{check_file, check_program, Database, Program, SourceFile};
use salsa::{Database as _, DatabaseKeyIndex, EventKind, Setter};
use std::collections::BTreeMap;
use std::hint::black_box;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use support::{all_diagnostics, format_duration, median, rejected};

/// The seed of every generated program: the figures of two runs compare.
const SEED: u64 = 0x0_5EED;

/// Default size, in lines.
const LINES: usize = 100_000;

/// Edits of each kind, spread evenly over the file.
const EDITS: usize = 9;

/// Size and edits in test mode.
const TEST_LINES: usize = 2_000;
const TEST_EDITS: usize = 2;

/// What every edit site starts with: the first line of a loop body (see
/// `gen::Generator::loop_body`), `int acc = D;` with one digit D.
const SITE: &str = "int acc = ";

#[derive(Clone, Copy)]
enum Edit {
    SameLength,
    LengthChanging,
}

impl Edit {
    fn name(self) -> &'static str {
        match self {
            Edit::SameLength => "same-length",
            Edit::LengthChanging => "length-changing",
        }
    }

    /// `text` with the edit made at the `k`-th of `count` sites spread over
    /// it, and where that is (a fraction of the file), or `None` if the
    /// text has no such site.
    fn apply(self, text: &str, k: usize, count: usize) -> Option<(String, f64)> {
        let sites: Vec<usize> = text.match_indices(SITE).map(|(at, _)| at).collect();
        // Sites k/count of the way through, the last one near the end.
        let i = (sites.len().saturating_sub(1) * k) / count.saturating_sub(1).max(1);
        let digit_at = sites.get(i)? + SITE.len();
        let digit = *text.as_bytes().get(digit_at)?;
        if !digit.is_ascii_digit() {
            return None;
        }
        let mut out = String::with_capacity(text.len() + 16);
        out.push_str(text.get(..digit_at)?);
        match self {
            Edit::SameLength => {
                out.push(char::from(b'0' + (digit - b'0' + 1) % 10));
                out.push_str(text.get(digit_at + 1..)?);
            }
            Edit::LengthChanging => {
                // After `D;`: the statement joins the same line.
                out.push_str(text.get(digit_at..digit_at + 2)?);
                out.push_str(" acc += 1;");
                out.push_str(text.get(digit_at + 2..)?);
            }
        }
        Some((out, digit_at as f64 / text.len().max(1) as f64))
    }
}

/// Lines per file in the many-files layout.
const FILE_LINES: usize = 1_000;

/// The program as one file, or split into files of about `FILE_LINES`
/// lines between top-level declarations (names are global to a program, so
/// any such split is the same program).
fn layout(text: &str, many: bool) -> Vec<String> {
    if !many {
        return vec![text.to_owned()];
    }
    let starts_item = |line: &str| {
        [
            "class ",
            "rref class ",
            "regionkind ",
            "message ",
            "contract ",
            "main ",
        ]
        .iter()
        .any(|k| line.starts_with(k))
    };
    let mut files = vec![String::new()];
    let mut lines_in_last = 0;
    for line in text.lines() {
        if lines_in_last >= FILE_LINES && starts_item(line) {
            files.push(String::new());
            lines_in_last = 0;
        }
        if let Some(last) = files.last_mut() {
            last.push_str(line);
            last.push('\n');
        }
        lines_in_last += 1;
    }
    files
}

/// A database holding the checked program, and its cold check time.
struct Session {
    db: Database,
    files: Vec<SourceFile>,
    program: Program,
    texts: Vec<String>,
}

impl Session {
    fn new(texts: Vec<String>) -> Result<(Session, Duration), String> {
        Session::with_db(Database::default(), texts)
    }

    /// A session on `db`, which may record salsa's events.
    fn with_db(db: Database, texts: Vec<String>) -> Result<(Session, Duration), String> {
        let start = Instant::now();
        let files: Vec<SourceFile> = texts
            .iter()
            .enumerate()
            .map(|(i, text)| SourceFile::create(&db, format!("generated{i}.own"), text.clone()))
            .collect();
        let program = Program::new(&db, files.clone());
        let clean = check_program(&db, program)
            .iter()
            .all(|f| f.diagnostics.is_empty());
        let cold = start.elapsed();
        let session = Session {
            db,
            files,
            program,
            texts,
        };
        if !clean {
            return Err(session.rejection("the cold check"));
        }
        Ok((session, cold))
    }

    /// Re-checks the program and fails if anything is reported.
    fn recheck(&self, after: &str) -> Result<Duration, String> {
        let start = Instant::now();
        let clean = check_program(&self.db, self.program)
            .iter()
            .all(|f| f.diagnostics.is_empty());
        let elapsed = start.elapsed();
        if clean {
            Ok(elapsed)
        } else {
            Err(self.rejection(after))
        }
    }

    fn rejection(&self, after: &str) -> String {
        let diagnostics = all_diagnostics(check_program(&self.db, self.program));
        rejected(
            &format!("the program after {after}"),
            &self.texts.concat(),
            &diagnostics,
        )
    }

    /// Makes edit `k` of `count` in the database (untimed): the edited file
    /// and where in the program the edit was (a fraction).
    fn make_edit(
        &mut self,
        edit: Edit,
        k: usize,
        count: usize,
    ) -> Result<(SourceFile, f64), String> {
        let n = self.files.len();
        // One file: the k-th of `count` sites; many: the middle site of
        // the k-th of `count` files spread over the program.
        let (index, (site, sites)) = if n == 1 {
            (0, (k, count))
        } else {
            ((n - 1) * k / count.saturating_sub(1).max(1), (1, 3))
        };
        let old = self.texts.get(index).ok_or("no file to edit")?;
        let (text, at) = edit
            .apply(old, site, sites)
            .ok_or_else(|| format!("no `{SITE}D;` site to edit in the program"))?;
        let file = *self.files.get(index).ok_or("no file to edit")?;
        if let Some(slot) = self.texts.get_mut(index) {
            *slot = text.clone();
        }
        file.set_text(&mut self.db).to(text.into());
        Ok((file, (index as f64 + at) / n as f64))
    }

    /// Makes edit `k` of `count` and times the re-check; returns the time
    /// and where in the program the edit was.
    fn edit(&mut self, edit: Edit, k: usize, count: usize) -> Result<(Duration, f64), String> {
        let (_, at) = self.make_edit(edit, k, count)?;
        let t = self.recheck(&format!("{} edit {k}", edit.name()))?;
        Ok((t, at))
    }

    /// Makes edit `k` of `count` and times re-checking the edited file
    /// alone (what a language server publishes for the edited document),
    /// then the rest of the program untimed, so the next edit starts from
    /// a fully checked database.
    fn edit_file_only(&mut self, edit: Edit, k: usize, count: usize) -> Result<Duration, String> {
        let (file, _) = self.make_edit(edit, k, count)?;
        let start = Instant::now();
        let clean = check_file(&self.db, self.program, file)
            .diagnostics
            .is_empty();
        let elapsed = start.elapsed();
        if !clean {
            return Err(self.rejection(&format!("{} edit {k}", edit.name())));
        }
        self.recheck("the rest of the program")?;
        Ok(elapsed)
    }
}

/// The queries that execute, and the memos verified and reused without
/// running, as salsa's event log tells them (a callback on every event:
/// used on a session of its own, never a timed one).
#[derive(Clone, Default)]
struct QueryLog(Arc<Mutex<Vec<(Event, DatabaseKeyIndex)>>>);

/// What the log records of a query.
#[derive(Clone, Copy, PartialEq)]
enum Event {
    Executed,
    Verified,
}

/// Per query name, how many times it ran and how many of its memos were
/// verified and reused.
type Counts = BTreeMap<String, (usize, usize)>;

impl QueryLog {
    fn database(&self) -> Database {
        let sink = self.0.clone();
        Database::with_event_callback(move |event| {
            let entry = match event.kind {
                EventKind::WillExecute { database_key } => (Event::Executed, database_key),
                EventKind::DidValidateMemoizedValue { database_key } => {
                    (Event::Verified, database_key)
                }
                _ => return,
            };
            if let Ok(mut log) = sink.lock() {
                log.push(entry);
            }
        })
    }

    /// The events since the last call, counted by query name.
    fn take(&self, db: &Database) -> Counts {
        let keys = match self.0.lock() {
            Ok(mut log) => std::mem::take(&mut *log),
            Err(_) => Vec::new(),
        };
        let mut counts = Counts::new();
        for (event, k) in keys {
            let name = db.ingredient_debug_name(k.ingredient_index()).to_string();
            let entry = counts.entry(name).or_insert((0, 0));
            match event {
                Event::Executed => entry.0 += 1,
                Event::Verified => entry.1 += 1,
            }
        }
        counts
    }
}

/// What each query did in a cold check and after one edit of each kind in
/// the middle of the file.
fn query_counts(texts: &[String]) -> Result<Vec<Counts>, String> {
    let mut columns = Vec::new();
    for edit in [Edit::SameLength, Edit::LengthChanging] {
        let log = QueryLog::default();
        let (mut session, _) = Session::with_db(log.database(), texts.to_vec())?;
        let cold = log.take(&session.db);
        if columns.is_empty() {
            columns.push(cold);
        }
        session.edit(edit, 1, 3)?;
        columns.push(log.take(&session.db));
    }
    Ok(columns)
}

/// Every edit of one kind on a fresh session; the times and positions,
/// and the session's cold check time.
fn edits(
    texts: &[String],
    edit: Edit,
    count: usize,
) -> Result<(Vec<Duration>, Vec<f64>, Duration), String> {
    let (mut session, cold) = Session::new(texts.to_vec())?;
    let mut times = Vec::new();
    let mut places = Vec::new();
    for k in 0..count {
        let (t, at) = session.edit(edit, k, count)?;
        times.push(t);
        places.push(at);
    }
    Ok((times, places, cold))
}

fn bench(lines: usize) -> Result<(), String> {
    let text = gen::generate(lines, SEED);
    for many in [false, true] {
        bench_layout(&text, &layout(&text, many))?;
    }
    Ok(())
}

fn bench_layout(text: &str, texts: &[String]) -> Result<(), String> {
    let lines = text.lines().count();
    let (session, first_cold) = Session::new(texts.to_vec())?;
    let unchanged = session.recheck("no edit")?;
    drop(session);
    let mut parse = Duration::MAX;
    for _ in 0..3 {
        let start = Instant::now();
        let parsed = black_box(ownc_lang::parse(text));
        parse = parse.min(start.elapsed());
        drop(parsed);
    }
    // Each kind of edit starts from a fresh cold check: the baseline is
    // the best of the three.
    let mut cold = first_cold;
    let mut kinds = Vec::new();
    for edit in [Edit::SameLength, Edit::LengthChanging] {
        let (times, places, c) = edits(texts, edit, EDITS)?;
        cold = cold.min(c);
        kinds.push((edit, times, places));
    }
    let (mut session, _) = Session::new(texts.to_vec())?;
    let mut file_only = Vec::new();
    for k in 0..EDITS {
        file_only.push(session.edit_file_only(Edit::LengthChanging, k, EDITS)?);
    }
    drop(session);
    println!(
        "incremental re-check of a {lines}-line program in {} file(s) after editing one \
         method body ({EDITS} edits of each kind, spread over the program)",
        texts.len()
    );
    println!(
        "{:<26} {:>10} {:>10} {:>10} {:>13}",
        "re-check", "median", "fastest", "slowest", "median / cold"
    );
    let row = |name: &str, times: Vec<Duration>| {
        let fastest = times.iter().min().copied().unwrap_or_default();
        let slowest = times.iter().max().copied().unwrap_or_default();
        let mid = median(times);
        println!(
            "{name:<26} {:>10} {:>10} {:>10} {:>13.4}",
            format_duration(mid),
            format_duration(fastest),
            format_duration(slowest),
            mid.as_secs_f64() / cold.as_secs_f64().max(1e-9)
        );
    };
    row("cold check (baseline)", vec![cold]);
    row("parse alone (reference)", vec![parse]);
    row("no edit", vec![unchanged]);
    for (edit, times, places) in kinds {
        let each: Vec<String> = times
            .iter()
            .zip(&places)
            .map(|(t, at)| format!("{:.0}%: {}", at * 100.0, format_duration(*t)))
            .collect();
        row(&format!("{} edit", edit.name()), times);
        println!("    each (where in the file: time): {}", each.join(", "));
    }
    row("length-changing, its file", file_only);
    let counts = query_counts(texts)?;
    println!(
        "queries executed, and memos verified and reused (salsa's event log; one edit in \
         the middle of the file, untimed):"
    );
    println!(
        "    {:<24} {:>8} {:>20} {:>20}",
        "query", "cold", "same-length", "length-changing"
    );
    let names: std::collections::BTreeSet<&String> = counts.iter().flat_map(|c| c.keys()).collect();
    let mut verified = [0usize; 3];
    for name in names {
        let n = |i: usize| {
            counts
                .get(i)
                .and_then(|c| c.get(name))
                .copied()
                .unwrap_or((0, 0))
        };
        for (i, total) in verified.iter_mut().enumerate() {
            *total += n(i).1;
        }
        let edit = |i: usize| format!("{} run, {} reused", n(i).0, n(i).1);
        println!(
            "    {name:<24} {:>8} {:>18} {:>18}",
            n(0).0,
            edit(1),
            edit(2)
        );
    }
    println!(
        "    memos verified after an edit: {} (same-length), {} (length-changing)",
        verified[1], verified[2]
    );
    Ok(())
}

/// Test mode: edits keep the program valid and re-checks report nothing.
fn check_edits() -> Result<(), String> {
    let text = gen::generate(TEST_LINES, SEED);
    for many in [false, true] {
        for edit in [Edit::SameLength, Edit::LengthChanging] {
            edits(&layout(&text, many), edit, TEST_EDITS)?;
        }
    }
    println!("{TEST_LINES}-line program: clean after {TEST_EDITS} edits of each kind");
    // The event log the bench prints must see the checking queries.
    let counts = query_counts(&[text])?;
    let parsed = |i: usize| counts.get(i).and_then(|c| c.get("parse_file")).map(|c| c.0);
    if (0..3).any(|i| parsed(i) != Some(1)) {
        return Err(format!(
            "salsa's event log did not count one parse per check: {counts:?}"
        ));
    }
    println!("the query log counts one parse per check");
    Ok(())
}

fn main() -> ExitCode {
    support::bench_main(
        |args| {
            support::sizes_from_args(args, &[LINES])
                .into_iter()
                .try_for_each(bench)
        },
        check_edits,
    )
}
