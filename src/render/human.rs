//! Human output: one ariadne report per diagnostic, headed `error[E0201]:
//! message` as rustc does, with the primary label, secondary labels (possibly
//! in other files of the program), notes and help.

use crate::check::FileReport;
use crate::source_map::{safe_range, SourceMap};
use ariadne::{Color, Config, IndexType, Label, Report, ReportKind, Source};
use ownc_lang::{Diagnostic, Severity};
use std::collections::HashMap;
use std::fmt;
use std::io::{self, Write};
use std::ops::Range;
use std::sync::Arc;

/// An ariadne span: the path of a file of the program and a byte range.
type FileSpan = (Arc<str>, Range<usize>);

/// Writes every report, each followed by a blank line. `colour` paints with
/// ANSI escapes; the caller decides it from the terminal and `NO_COLOR`.
pub fn render(
    out: &mut impl Write,
    reports: &[FileReport],
    sources: &SourceMap,
    colour: bool,
) -> io::Result<()> {
    let config = Config::default()
        .with_index_type(IndexType::Byte)
        .with_color(colour);
    let mut cache = Cache::new(sources);
    for report in reports {
        for diagnostic in &report.diagnostics {
            write_one(out, &mut cache, config, &report.path, diagnostic)?;
            writeln!(out)?;
        }
    }
    Ok(())
}

fn write_one(
    out: &mut impl Write,
    cache: &mut Cache<'_>,
    config: Config,
    path: &Arc<str>,
    d: &Diagnostic,
) -> io::Result<()> {
    let (word, colour) = match d.severity {
        Severity::Error => ("error", Color::Red),
        Severity::Warning => ("warning", Color::Yellow),
    };
    // A custom kind gives rustc's `error[E0201]:` header; ariadne's own
    // kinds would print `[E0201] Error:`.
    let header = format!("{word}[{}]", d.code.as_str());
    let primary = cache.span(path, d.primary.file.as_ref(), d.primary.span);
    let mut labels = vec![(primary.clone(), primary_text(d), colour)];
    for secondary in &d.secondary {
        let span = cache.span(path, secondary.file.as_ref(), secondary.span);
        labels.push((span, &secondary.message, Color::Blue));
    }
    // ariadne starts a new snippet whenever a label lies above the one
    // before it, so labels in the primary's file go first, in source order,
    // to share one snippet; labels in other files keep the checker's order.
    labels.sort_by_key(|((file, range), _, _)| {
        let elsewhere = *file != primary.0;
        (elsewhere, if elsewhere { 0 } else { range.start })
    });
    let mut builder = Report::build(ReportKind::Custom(&header, colour), primary.clone())
        .with_config(config)
        .with_message(&d.message)
        .with_labels(
            labels
                .into_iter()
                .map(|(span, text, c)| label(span, text, c)),
        );
    for note in &d.notes {
        builder.add_note(note);
    }
    if let Some(help) = &d.help {
        builder.add_help(help);
    }
    builder.finish().write(cache, out)
}

/// The primary label's words; a primary label without words repeats the
/// message, since ariadne can only mark a span by drawing an arrow to text.
fn primary_text(d: &Diagnostic) -> &str {
    if d.primary.message.is_empty() {
        &d.message
    } else {
        &d.primary.message
    }
}

/// A label. ariadne draws no underline for a label without a message (only
/// colour, which is off in plain output), so an empty message is still given.
fn label(span: FileSpan, message: &str, colour: Color) -> Label<FileSpan> {
    Label::new(span).with_color(colour).with_message(message)
}

/// ariadne's view of the program's files, keyed by path, each indexed once
/// per run and only when a report shows it.
struct Cache<'a> {
    sources: &'a SourceMap,
    indexed: HashMap<Arc<str>, Source<Arc<str>>>,
}

impl<'a> Cache<'a> {
    fn new(sources: &'a SourceMap) -> Cache<'a> {
        Cache {
            sources,
            indexed: HashMap::new(),
        }
    }

    /// The span of a label: in `own` unless the label names another file,
    /// made safe for ariadne to slice.
    fn span(&self, own: &Arc<str>, other: Option<&Arc<str>>, span: ownc_lang::Span) -> FileSpan {
        let path = other.unwrap_or(own).clone();
        let range = match self.sources.text(&path) {
            Some(text) => safe_range(text, span),
            None => 0..0,
        };
        (path, range)
    }
}

impl ariadne::Cache<Arc<str>> for Cache<'_> {
    type Storage = Arc<str>;

    fn fetch(&mut self, path: &Arc<str>) -> Result<&Source<Arc<str>>, impl fmt::Debug> {
        let sources = self.sources;
        let source = self.indexed.entry(path.clone()).or_insert_with(|| {
            // A path outside the program shows as an empty file: its labels
            // are dropped instead of failing the whole report.
            let text = sources.text(path).cloned().unwrap_or_else(|| Arc::from(""));
            Source::from(displayable(text))
        });
        Ok::<_, std::convert::Infallible>(source)
    }

    fn display<'b>(&self, path: &'b Arc<str>) -> Option<impl fmt::Display + 'b> {
        Some(&**path)
    }
}

/// The text ariadne is given to show: the same bytes and characters, with
/// every character that would break a line where the JSON output and the
/// rest of ownc see none, or that would drive the terminal, replaced by one
/// of the same length in bytes. Lines end at `\n` only (`\r\n` included),
/// as in `ownc_lang::LineIndex`; ariadne also breaks lines at a lone `\r`,
/// `\x0B`, `\x0C`, U+0085, U+2028 and U+2029, so its `file:line:col`
/// disagreed with the JSON output's for the same diagnostic. And a control
/// character written raw (ESC, say) would reach the terminal and could
/// repaint it, and a bidirectional override (U+202E) reorder the line
/// shown. Byte offsets and character columns stay as they were.
fn displayable(text: Arc<str>) -> Arc<str> {
    let with_next = || {
        let nexts = text.chars().skip(1).map(Some).chain([None]);
        text.chars().zip(nexts)
    };
    if !with_next().any(|(c, next)| replaced(c, next)) {
        return text;
    }
    let shown: String = with_next()
        .map(|(c, next)| if replaced(c, next) { stand_in(c) } else { c })
        .collect();
    Arc::from(shown)
}

/// Whether `c`, followed by `next`, is shown as a stand-in: a control
/// character other than a tab, a newline and the `\r` of `\r\n`, a line or
/// paragraph separator, or a bidirectional control.
fn replaced(c: char, next: Option<char>) -> bool {
    match c {
        '\t' | '\n' => false,
        '\r' => next != Some('\n'),
        '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => true,
        c => c.is_control(),
    }
}

/// A visible or blank character of `c`'s length in UTF-8.
fn stand_in(c: char) -> char {
    match c.len_utf8() {
        1 => ' ',
        2 => '\u{00B7}', // middle dot (C1 controls such as U+0085)
        _ => '\u{FFFD}', // replacement character (U+2028, bidi controls)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displayable_text_breaks_lines_at_newlines_only_and_keeps_lengths() {
        let text = "a\rb\r\nc\x0Bd\x0Ce\u{85}f\u{2028}g\u{2029}h\x1b[31mi\x7f\tj\u{202E}k";
        let shown = displayable(Arc::from(text));
        assert_eq!(
            &*shown,
            "a b\r\nc d e\u{B7}f\u{FFFD}g\u{FFFD}h [31mi \tj\u{FFFD}k"
        );
        assert_eq!(shown.len(), text.len());
        assert_eq!(shown.chars().count(), text.chars().count());
        let plain: Arc<str> = Arc::from("class A<o> {\r\n\tint v;\n}");
        assert!(Arc::ptr_eq(&displayable(plain.clone()), &plain));
    }
}
