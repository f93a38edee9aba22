//! Unit tests of the checking queries: programs as text, run through the
//! database, with the codes and lines of what they report.

mod definite;
mod incremental;
mod linear;
mod parallel;
mod resolve;

use crate::{check_program, Database, Program, SourceFile};

/// Checks a program of `(path, text)` files and returns, per file, its
/// diagnostics as `"E0101@3"` (code at 1-based line) strings.
pub(crate) fn check_files(files: &[(&str, &str)]) -> Vec<Vec<String>> {
    let db = Database::default();
    let inputs: Vec<SourceFile> = files
        .iter()
        .map(|(path, text)| SourceFile::create(&db, *path, *text))
        .collect();
    let program = Program::new(&db, inputs);
    check_program(&db, program)
        .into_iter()
        .map(|file| {
            let text = file.file.text(&db);
            let lines = ownc_lang::LineIndex::new(text);
            file.diagnostics
                .iter()
                .map(|d| {
                    let (line, _) = lines.line_col(text, d.span().start);
                    format!("{}@{}", d.code.as_str(), line)
                })
                .collect()
        })
        .collect()
}

/// The diagnostics of a one-file program, as `"E0101@3"` strings.
pub(crate) fn check(text: &str) -> Vec<String> {
    check_files(&[("test.own", text)])
        .into_iter()
        .next()
        .unwrap_or_default()
}

/// The full messages of a one-file program's diagnostics.
pub(crate) fn messages(text: &str) -> Vec<String> {
    let db = Database::default();
    let file = SourceFile::create(&db, "test.own", text);
    let program = Program::new(&db, vec![file]);
    check_program(&db, program)
        .into_iter()
        .flat_map(|f| f.diagnostics)
        .map(|d| match d.help {
            Some(help) => format!("{}: {} (help: {})", d.code.as_str(), d.message, help),
            None => format!("{}: {}", d.code.as_str(), d.message),
        })
        .collect()
}
