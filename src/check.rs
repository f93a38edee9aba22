//! Running the checker: the program's texts go into a fresh salsa database
//! as inputs, `ownc_typeck::check_program_parallel` computes every
//! diagnostic (on the threads `--jobs` allows), and the
//! result is put in the order the output promises (files in program order,
//! which `sources::collect` makes the sorted order of their paths, then
//! diagnostics by position).

use crate::sources::SourceText;
use ownc_lang::Diagnostic;
use std::collections::HashMap;
use std::sync::Arc;

/// The diagnostics of one file, in source order.
#[derive(Debug)]
pub struct FileReport {
    pub path: Arc<str>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Checks the whole program; one report per file that has diagnostics.
pub fn check(sources: &[SourceText]) -> Vec<FileReport> {
    let (db, program) = database(sources);
    let reports = ownc_typeck::check_program_parallel(&db, program)
        .into_iter()
        .map(|f| FileReport {
            path: f.path,
            diagnostics: f.diagnostics,
        })
        .collect();
    // The process ends right after reporting: freeing every memo of a large
    // program one by one took ~8% of `ownc check`'s time, for memory the
    // operating system reclaims at exit anyway (as rustc does).
    std::mem::forget(db);
    in_output_order(sources, reports)
}

/// A fresh database holding the program's texts as inputs, and the
/// program made of them (in the order given, the program order).
pub fn database(sources: &[SourceText]) -> (ownc_typeck::Database, ownc_typeck::Program) {
    let db = ownc_typeck::Database::for_one_check();
    let files = sources
        .iter()
        .map(|s| ownc_typeck::SourceFile::create(&db, s.path.clone(), s.text.clone()))
        .collect();
    let program = ownc_typeck::Program::new(&db, files);
    (db, program)
}

/// Files in program order, diagnostics by primary position (a
/// stable sort: the checker's order breaks ties), empty reports dropped.
/// The checker already promises this order; sorting again keeps the output's
/// promise independent of it.
fn in_output_order(sources: &[SourceText], mut reports: Vec<FileReport>) -> Vec<FileReport> {
    let rank: HashMap<&str, usize> = sources
        .iter()
        .enumerate()
        .map(|(i, s)| (&*s.path, i))
        .collect();
    reports.retain(|r| !r.diagnostics.is_empty());
    reports.sort_by_key(|r| rank.get(&*r.path).copied().unwrap_or(usize::MAX));
    for r in &mut reports {
        r.diagnostics.sort_by_key(|d| d.primary.span.start);
    }
    reports
}
