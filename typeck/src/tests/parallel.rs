//! `check_program_parallel` must answer exactly as `check_program`: the
//! same diagnostics, in the same order, whatever the thread count.

use crate::{
    check_program, check_program_parallel, Database, FileDiagnostics, Program, SourceFile,
};
use std::path::{Path, PathBuf};

/// Every `.own` file under `dir`, sorted.
fn own_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "own") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// The conformance cases and examples, as `(path, text)`.
fn corpus() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = own_files(&root.join("tests/ui"));
    files.extend(own_files(&root.join("examples")));
    files
        .into_iter()
        .filter_map(|p| Some((p.display().to_string(), std::fs::read_to_string(&p).ok()?)))
        .collect()
}

/// Checks `files` as one program, on `threads` threads (0: sequential).
fn checked(files: &[(String, String)], threads: usize) -> Vec<FileDiagnostics> {
    let db = Database::default();
    let inputs = files
        .iter()
        .map(|(path, text)| SourceFile::create(&db, path.as_str(), text.as_str()))
        .collect();
    let program = Program::new(&db, inputs);
    if threads == 0 {
        return check_program(&db, program);
    }
    ownc_lang::workers::set_threads(threads);
    let out = check_program_parallel(&db, program);
    ownc_lang::workers::set_threads(0);
    out
}

/// Diagnostics as comparable data across databases (salsa ids differ).
fn flat(out: Vec<FileDiagnostics>) -> Vec<(String, Vec<ownc_lang::Diagnostic>)> {
    out.into_iter()
        .map(|f| (f.path.to_string(), f.diagnostics))
        .collect()
}

#[test]
fn each_case_checks_the_same_on_several_threads() {
    let corpus = corpus();
    assert!(corpus.len() > 100, "only {} cases found", corpus.len());
    for file in &corpus {
        let one = std::slice::from_ref(file);
        assert_eq!(flat(checked(one, 0)), flat(checked(one, 3)), "{}", file.0);
    }
}

#[test]
fn all_cases_as_one_program_check_the_same_on_several_threads() {
    // Hundreds of files declaring the same names: cross-file duplicates
    // and lookups, many diagnostics, every query kind.
    let corpus = corpus();
    let sequential = flat(checked(&corpus, 0));
    assert!(sequential.iter().map(|(_, d)| d.len()).sum::<usize>() > 100);
    for threads in [2, 4] {
        assert_eq!(
            sequential,
            flat(checked(&corpus, threads)),
            "{threads} threads"
        );
    }
}
