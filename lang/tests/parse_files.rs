//! Parser tests over data files: every file in `tests/parse/valid/` parses
//! without errors and its syntax tree is snapshotted; every file in
//! `tests/parse/invalid/` reports at least one E0001 and its diagnostics are
//! snapshotted (line, column and message of each).

use ownc_lang::{LineIndex, parse};
use std::fmt::Write as _;

fn render_errors(path: &str, text: &str) -> String {
    let parsed = parse(text);
    let index = LineIndex::new(text);
    let mut out = String::new();
    for e in &parsed.errors {
        let (l, c) = index.line_col(text, e.primary.span.start);
        let _ = writeln!(out, "{l}:{c}: {}: {}", e.code.as_str(), e.message);
    }
    assert!(
        !parsed.errors.is_empty(),
        "{path}: expected syntax errors, found none"
    );
    out
}

#[test]
fn valid_files_parse_clean() {
    insta::glob!("parse/valid/*.own", |path| {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let parsed = parse(&text);
        let index = LineIndex::new(&text);
        let errors: Vec<String> = parsed
            .errors
            .iter()
            .map(|e| {
                let (l, c) = index.line_col(&text, e.primary.span.start);
                format!("{l}:{c}: {}", e.message)
            })
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
        insta::assert_snapshot!(format!("{:#?}", parsed.file));
    });
}

#[test]
fn invalid_files_report_errors() {
    insta::glob!("parse/invalid/*.own", |path| {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let shown = render_errors(&path.display().to_string(), &text);
        insta::assert_snapshot!(format!("{text}\n----- DIAGNOSTICS\n{shown}"));
    });
}
