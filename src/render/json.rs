//! JSON output (LANGUAGE.md §14): one array on stdout, one diagnostic object
//! per line, each with exactly the fields `code`, `severity`, `message`,
//! `file`, `line`, `column`, `end_line`, `end_column` and `labels`.
//!
//! Lines and columns are 1-based and columns count characters; `end_line` /
//! `end_column` point just past the last character of the primary span (an
//! empty span has end = start). `labels` holds the secondary labels only,
//! each `{file, line, column, message}` at its span's start: the primary
//! label is the diagnostic's own position.

use crate::check::FileReport;
use crate::source_map::SourceMap;
use ownc_lang::{Diagnostic, Label};
use serde_json::{json, Value};
use std::io::{self, Write};

/// Writes the array: `[]` when clean, otherwise one object per line so the
/// output stays greppable while being a single JSON value.
pub fn render(out: &mut impl Write, reports: &[FileReport], sources: &SourceMap) -> io::Result<()> {
    let mut first = true;
    write!(out, "[")?;
    for report in reports {
        for diagnostic in &report.diagnostics {
            let separator = if first { "\n" } else { ",\n" };
            first = false;
            let object = to_json(&report.path, diagnostic, sources);
            write!(out, "{separator}{object}")?;
        }
    }
    writeln!(out, "{}]", if first { "" } else { "\n" })
}

/// One diagnostic as §14's object.
pub fn to_json(own: &str, d: &Diagnostic, sources: &SourceMap) -> Value {
    let path = d.primary.file.as_deref().unwrap_or(own);
    let start = sources.position(path, d.primary.span.start);
    let end = sources.position(path, d.primary.span.end);
    let labels: Vec<Value> = d
        .secondary
        .iter()
        .map(|l| label_json(own, l, sources))
        .collect();
    json!({
        "code": d.code.as_str(),
        "severity": d.severity.as_str(),
        "message": d.message,
        "file": path,
        "line": start.line,
        "column": start.column,
        "end_line": end.line,
        "end_column": end.column,
        "labels": labels,
    })
}

fn label_json(own: &str, label: &Label, sources: &SourceMap) -> Value {
    let file = label.file.as_deref().unwrap_or(own);
    let at = sources.position(file, label.span.start);
    json!({
        "file": file,
        "line": at.line,
        "column": at.column,
        "message": label.message,
    })
}
