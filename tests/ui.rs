//! The conformance harness of DEVELOPERS.md over `tests/ui/**/*.own`, run
//! through the built binary:
//!
//! - a file whose first line starts with `//@ check-pass` must check clean
//!   (exit 0, an empty JSON array);
//! - otherwise every `//~ ERROR E0201` comment expects an error with that
//!   code on its own line (`//~^ ERROR …` on the line above, one line up per
//!   `^`), and the (line, code) pairs reported must equal those expected,
//!   counted as in rustc's compiletest: two errors with the same code on
//!   one line need two annotations (one error per mistake), nothing
//!   missing, nothing extra.
//!
//! Every failing file is reported at once. The human output of every case
//! that expects errors is snapshotted (source, then output) with insta.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// An expected or reported error: 1-based line and code.
type Mark = (usize, String);

/// Marks with how many times each is expected or reported.
type Marks = BTreeMap<Mark, usize>;

/// What a case file asks for.
#[derive(Debug, PartialEq, Eq)]
enum Expectation {
    Clean,
    Errors(Marks),
}

/// Reads a case's annotations, or says why they are malformed (a typo in
/// an annotation must fail loudly, not expect nothing).
fn expectation(source: &str) -> Result<Expectation, String> {
    let check_pass = source.starts_with("//@ check-pass");
    let mut marks = Marks::new();
    for (index, line) in source.lines().enumerate() {
        let Some(at) = line.find("//~") else { continue };
        let rest = &line[at + 3..];
        let carets = rest.chars().take_while(|&c| c == '^').count();
        let mut words = rest[carets..].split_whitespace();
        let target = (index + 1).checked_sub(carets).filter(|&l| l > 0);
        match (words.next(), words.next(), words.next(), target) {
            (Some("ERROR"), Some(code), None, Some(target)) if is_code(code) => {
                *marks.entry((target, code.to_string())).or_default() += 1;
            }
            _ => return Err(format!("line {}: malformed annotation `{line}`", index + 1)),
        }
    }
    match (check_pass, marks.is_empty()) {
        (true, true) => Ok(Expectation::Clean),
        (false, false) => Ok(Expectation::Errors(marks)),
        (true, false) => Err("`//@ check-pass` file has `//~ ERROR` annotations".into()),
        (false, true) => {
            Err("neither `//@ check-pass` on line 1 nor any `//~ ERROR` annotation".into())
        }
    }
}

/// `E` and four digits, as the codes of LANGUAGE.md §15.
fn is_code(word: &str) -> bool {
    word.len() == 5 && word.starts_with('E') && word[1..].bytes().all(|b| b.is_ascii_digit())
}

/// Compares expected with reported marks, counts included; the error
/// lists both differences.
fn compare(expected: &Marks, reported: &Marks) -> Result<(), String> {
    let mut message = String::new();
    let count = |marks: &Marks, mark: &Mark| marks.get(mark).copied().unwrap_or(0);
    for (mark, &wanted) in expected {
        let got = count(reported, mark);
        if got < wanted {
            let _ = writeln!(
                message,
                "    missing: line {}: {} ({wanted} expected, {got} reported)",
                mark.0, mark.1
            );
        }
    }
    for (mark, &got) in reported {
        let wanted = count(expected, mark);
        if got > wanted {
            let _ = writeln!(
                message,
                "    extra:   line {}: {} ({wanted} expected, {got} reported)",
                mark.0, mark.1
            );
        }
    }
    if message.is_empty() {
        Ok(())
    } else {
        Err(message)
    }
}

/// Checks one case file through the binary; `path` is relative to the
/// workspace root.
fn run_case(path: &Path) -> Result<(), String> {
    let source = std::fs::read_to_string(common::root().join(path))
        .map_err(|e| format!("cannot read the case: {e}"))?;
    let expected = expectation(&source)?;
    let out = common::ownc([
        "check".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        path.as_os_str(),
    ]);
    let status = common::status(&out);
    let stderr = common::stderr(&out);
    if !stderr.is_empty() {
        return Err(format!("ownc wrote to stderr (exit {status}):\n{stderr}"));
    }
    let diagnostics = common::json_diagnostics(&out)?;
    let file = path.to_string_lossy();
    let mut reported = Marks::new();
    for d in &diagnostics {
        if d["file"] != *file {
            return Err(format!("diagnostic in another file: {d}"));
        }
        let line = d["line"].as_u64().ok_or_else(|| format!("no line: {d}"))?;
        let code = d["code"].as_str().ok_or_else(|| format!("no code: {d}"))?;
        *reported
            .entry((line as usize, code.to_string()))
            .or_default() += 1;
    }
    let errors = diagnostics.iter().any(|d| d["severity"] == "error");
    let wanted_status = if errors { 1 } else { 0 };
    if status != wanted_status {
        return Err(format!("exit status {status}, expected {wanted_status}"));
    }
    match expected {
        Expectation::Clean => compare(&Marks::new(), &reported),
        Expectation::Errors(marks) => compare(&marks, &reported),
    }
}

/// Every `.own` file below `tests/ui`, relative to the workspace root, sorted.
fn case_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "own") {
                out.push(path.strip_prefix(common::root()).unwrap().to_path_buf());
            }
        }
    }
    let mut files = Vec::new();
    walk(&common::root().join("tests/ui"), &mut files);
    files
}

#[test]
fn ui_cases_conform() {
    let files = case_files();
    assert!(!files.is_empty(), "no cases found below tests/ui");
    let mut failures = String::new();
    let mut failed = 0;
    for path in &files {
        if let Err(why) = run_case(path) {
            failed += 1;
            let _ = writeln!(failures, "{}:\n{}", path.display(), why.trim_end());
        }
    }
    assert!(
        failed == 0,
        "{failed} of {} ui cases failed:\n{failures}",
        files.len()
    );
}

#[test]
fn ui_human_output() {
    insta::glob!("ui/**/*.own", |absolute| {
        let source = std::fs::read_to_string(absolute).unwrap();
        if source.starts_with("//@ check-pass") {
            return;
        }
        let path = absolute.strip_prefix(common::root()).unwrap();
        let out = common::ownc(["check".as_ref(), path.as_os_str()]);
        let snapshot = format!(
            "----- SOURCE CODE: {}\n{source}\n----- ownc check (exit {})\n{}",
            path.display(),
            common::status(&out),
            common::stderr(&out),
        );
        // Named by the path below tests/ui, not by insta's default (the path
        // below the matches' common prefix), so adding a folder of cases
        // never renames the snapshots of the others.
        let name = path.strip_prefix("tests/ui").unwrap().to_string_lossy();
        insta::with_settings!({ omit_expression => true, snapshot_suffix => name.as_ref() }, {
            insta::assert_snapshot!(snapshot);
        });
    });
}

// The harness must be able to fail: these prove it rejects wrong cases.

fn marks(pairs: &[(usize, &str)]) -> Marks {
    let mut marks = Marks::new();
    for &(line, code) in pairs {
        *marks.entry((line, code.to_string())).or_default() += 1;
    }
    marks
}

#[test]
fn annotations_are_read_with_their_lines() {
    let source = "main {\n  x; //~ ERROR E0107\n  y;\n//~^ ERROR E0001\n}\n";
    assert_eq!(
        expectation(source),
        Ok(Expectation::Errors(marks(&[(2, "E0107"), (3, "E0001")])))
    );
    assert_eq!(
        expectation("//@ check-pass\nmain { }\n"),
        Ok(Expectation::Clean)
    );
}

#[test]
fn malformed_annotations_are_rejected() {
    assert!(expectation("main { } //~ ERRO E0001\n").is_err());
    assert!(expectation("main { } //~ ERROR 0001\n").is_err());
    assert!(expectation("//~^ ERROR E0001\n").is_err());
    assert!(expectation("main { }\n").is_err());
    assert!(expectation("//@ check-pass\nmain { } //~ ERROR E0001\n").is_err());
}

#[test]
fn comparer_reports_missing_and_extra_errors() {
    let expected = marks(&[(2, "E0201"), (5, "E0001")]);
    assert_eq!(compare(&expected, &expected), Ok(()));
    let reported = marks(&[(2, "E0201"), (6, "E0001")]);
    let why = compare(&expected, &reported).unwrap_err();
    assert!(why.contains("missing: line 5: E0001"), "{why}");
    assert!(why.contains("extra:   line 6: E0001"), "{why}");
    assert!(compare(&expected, &marks(&[(2, "E0201")])).is_err());
    assert!(compare(&marks(&[(2, "E0201")]), &marks(&[(2, "E0202")])).is_err());
    // Counted: the same error twice on one line needs two annotations.
    let twice = marks(&[(2, "E0201"), (2, "E0201")]);
    let why = compare(&marks(&[(2, "E0201")]), &twice).unwrap_err();
    assert!(
        why.contains("extra:   line 2: E0201 (1 expected, 2 reported)"),
        "{why}"
    );
    assert!(compare(&twice, &marks(&[(2, "E0201")])).is_err());
    assert_eq!(compare(&twice, &twice), Ok(()));
}

/// End to end: a wrong annotation on a real file fails the case.
#[test]
fn wrong_annotations_fail_through_the_binary() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("ui-self-test");
    std::fs::create_dir_all(&dir).unwrap();
    let cases = [
        ("unreported.own", "main { } //~ ERROR E0001\n"),
        ("unexpected.own", "//@ check-pass\nmain { # }\n"),
        ("wrong-line.own", "main {\n  #\n} //~ ERROR E0001\n"),
    ];
    for (name, text) in cases {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        assert!(run_case(&path).is_err(), "{name} should fail the harness");
    }
    let good = dir.join("good.own");
    std::fs::write(&good, "main {\n  # //~ ERROR E0001\n}\n").unwrap();
    assert_eq!(run_case(&good), Ok(()));
}
