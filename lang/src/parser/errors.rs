//! Turns chumsky's errors into E0001 diagnostics with readable wording.
//!
//! An error about something missing at the end of a line (typically `;`)
//! is reported right after the last token of that line, as javac and rustc
//! do, not at the first token of the next line.

use crate::diagnostic::{Code, Diagnostic};
use crate::span::Span;
use crate::token::Token;
use chumsky::error::{Rich, RichPattern, RichReason};

const MAX_EXPECTED: usize = 6;

pub(crate) fn to_diagnostics(
    errors: Vec<Rich<'_, Token<'_>, Span>>,
    tokens: &[(Token<'_>, Span)],
    src: &str,
) -> Vec<Diagnostic> {
    errors
        .into_iter()
        .map(|e| to_diagnostic(&e, tokens, src))
        .collect()
}

fn to_diagnostic(
    e: &Rich<'_, Token<'_>, Span>,
    tokens: &[(Token<'_>, Span)],
    src: &str,
) -> Diagnostic {
    let at = *e.span();
    match e.reason() {
        RichReason::Custom(msg) => Diagnostic::error(Code::SYNTAX, at, msg.clone()),
        RichReason::ExpectedFound { expected, found } => {
            let wanted = describe_expected(expected);
            let found_text = found
                .as_deref()
                .map_or_else(|| "end of file".to_string(), |t| format!("`{t}`"));
            let keyword = found.as_deref().filter(|t| matches!(t, Token::Kw(_)));
            if let (Some(kw), true) = (keyword, names_expected(expected)) {
                return Diagnostic::error(
                    Code::SYNTAX,
                    at,
                    format!("expected identifier, found keyword `{kw}`"),
                )
                .with_label("keywords are reserved and cannot be used as names")
                .with_help(format!("rename it, for example `{kw}_`"));
            }
            let message = match &wanted {
                Some(w) => format!("expected {w}, found {found_text}"),
                None => format!("unexpected {found_text}"),
            };
            let missing_at = if closes_something(expected) || found.is_none() {
                after_previous_token(at, tokens, src)
            } else {
                None
            };
            match (missing_at, &wanted) {
                (Some(prev_end), Some(w)) => Diagnostic::error(Code::SYNTAX, prev_end, message)
                    .with_label(format!("expected {w} here")),
                _ => Diagnostic::error(Code::SYNTAX, at, message)
                    .with_label(format!("unexpected {found_text}")),
            }
        }
    }
}

/// True when a name would have been accepted.
fn names_expected(expected: &[RichPattern<'_, Token<'_>>]) -> bool {
    expected
        .iter()
        .any(|p| matches!(p, RichPattern::Label(l) if l == "identifier"))
}

/// True when a terminator or closing bracket would have been accepted: the
/// mistake is then most likely something left out at the end of a line.
fn closes_something(expected: &[RichPattern<'_, Token<'_>>]) -> bool {
    const CLOSERS: [&str; 6] = [";", ")", "]", "}", ">", ","];
    expected.iter().any(|p| match p {
        RichPattern::Token(t) => CLOSERS.contains(&t.to_string().as_str()),
        RichPattern::Label(l) => CLOSERS.iter().any(|c| l.trim_matches('`') == *c),
        _ => false,
    })
}

/// If the offending token starts a new line (or is the end of the file),
/// the empty span just after the previous token.
fn after_previous_token(at: Span, tokens: &[(Token<'_>, Span)], src: &str) -> Option<Span> {
    let idx = tokens.partition_point(|(_, s)| s.start < at.start);
    let (_, prev) = *tokens.get(idx.checked_sub(1)?)?;
    let between = src.get(prev.end as usize..at.start as usize)?;
    let at_eof = at.start as usize >= src.len();
    (between.contains('\n') || at_eof).then(|| prev.at_end())
}

fn describe_expected(expected: &[RichPattern<'_, Token<'_>>]) -> Option<String> {
    let mut items: Vec<String> = Vec::new();
    for p in expected {
        let text = match p {
            RichPattern::Token(t) => format!("`{}`", &**t),
            RichPattern::Label(l) => l.to_string(),
            RichPattern::Identifier(i) => format!("`{i}`"),
            RichPattern::EndOfInput => "end of file".to_string(),
            _ => continue,
        };
        if !items.contains(&text) {
            items.push(text);
        }
    }
    // A missing `;` is by far the likeliest reading; naming the postfix
    // operators that could also continue the expression only distracts.
    if items.iter().any(|i| i == "`;`") {
        return Some("`;`".to_string());
    }
    // `.` and `[` could continue almost any expression; naming them next to
    // what was really missing only distracts.
    if items.len() > 1 {
        items.retain(|i| i != "`.`" && i != "`[`");
    }
    items.sort();
    match items.len() {
        0 => None,
        1 => items.pop(),
        n if n > MAX_EXPECTED => {
            items.truncate(MAX_EXPECTED);
            Some(format!("one of {}, …", items.join(", ")))
        }
        _ => Some(format!("one of {}", items.join(", "))),
    }
}
