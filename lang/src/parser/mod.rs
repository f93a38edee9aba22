//! The parser: tokens to a [`SourceFile`], with recovery so that one run
//! reports every syntax error (E0001) and keeps everything it could read.
//!
//! Layout: `common` (names, owners, formals, clauses), `types`, `exprs`,
//! `stmts`, `items` build the grammar bottom-up; `recovery` holds the
//! skip-to-a-safe-point parsers; `errors` turns chumsky's errors into
//! diagnostics.

mod common;
mod errors;
mod exprs;
mod items;
mod literals;
mod recovery;
mod stmts;
mod types;

use crate::ast::SourceFile;
use crate::diagnostic::Diagnostic;
use crate::span::Span;
use crate::token::{Kw, Punct, Token};
use chumsky::DefaultExpected;
use chumsky::error::{EmptyErr, LabelError};
use chumsky::input::{Input as _, ValueInput};
use chumsky::prelude::*;

/// What parsing one file produced: the tree (possibly with `Error` nodes)
/// and every syntax error, in source order.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub struct Parsed {
    pub file: SourceFile,
    pub errors: Vec<Diagnostic>,
    /// Empty (every span absolute) until [`Parsed::anchor`] is called.
    pub anchors: crate::Anchors,
}

impl Parsed {
    /// Makes the tree's spans relative to their anchors (see `anchor.rs`);
    /// syntax errors stay absolute.
    pub fn anchor(&mut self) {
        self.anchors = crate::anchor_file(&mut self.file);
    }
}

/// The error type the grammar is generic over. The grammar runs twice at
/// most: first with [`EmptyErr`], which costs nothing to build, so a valid
/// file (the common case) never pays for error bookkeeping; only a file
/// with syntax errors is parsed again with [`Rich`] errors for messages.
pub(crate) trait SyntaxError<'t, 's: 't, I: TokenInput<'t, 's>>:
    chumsky::error::Error<'t, I>
    + LabelError<'t, I, &'static str>
    + LabelError<'t, I, DefaultExpected<'t, Token<'s>>>
    + 't
{
    fn custom(span: TokSpan, message: impl Into<String>) -> Self;
}

impl<'t, 's: 't, I: TokenInput<'t, 's>> SyntaxError<'t, 's, I> for Rich<'t, Token<'s>, TokSpan> {
    fn custom(span: TokSpan, message: impl Into<String>) -> Self {
        Rich::custom(span, message.into())
    }
}

impl<'t, 's: 't, I: TokenInput<'t, 's>> SyntaxError<'t, 's, I> for EmptyErr {
    fn custom(_: TokSpan, _: impl Into<String>) -> Self {
        EmptyErr::default()
    }
}

/// Token input: a slice of `(token, span)` pairs.
pub(crate) trait TokenInput<'t, 's: 't>:
    ValueInput<'t, Token = Token<'s>, Span = TokSpan>
{
}
impl<'t, 's: 't, I> TokenInput<'t, 's> for I where
    I: ValueInput<'t, Token = Token<'s>, Span = TokSpan>
{
}

pub(crate) fn kw<'t, 's: 't, I: TokenInput<'t, 's>, R: SyntaxError<'t, 's, I>>(
    k: Kw,
) -> impl Parser<'t, I, Token<'s>, extra::Err<R>> + Clone {
    just(Token::Kw(k))
}

pub(crate) fn punct<'t, 's: 't, I: TokenInput<'t, 's>, R: SyntaxError<'t, 's, I>>(
    p: Punct,
) -> impl Parser<'t, I, Token<'s>, extra::Err<R>> + Clone {
    just(Token::Punct(p))
}

/// Token spans as chumsky sees them: our own u32 spans, so a
/// `(token, span)` pair stays small.
pub(crate) type TokSpan = Span;

pub(crate) fn span(s: TokSpan) -> Span {
    s
}

pub(crate) fn tok_span(s: Span) -> TokSpan {
    s
}

/// Parses one file. Never fails and never panics; deeply nested input is
/// cut by the lexer (see [`crate::lexer::MAX_NESTING`]), so recursion depth
/// is bounded.
pub fn parse(src: &str) -> Parsed {
    let lexed = crate::lexer::lex(src);
    let end = Span::new(src.len(), src.len());
    let input = lexed.tokens.as_slice().map(end, |(t, s)| (t, s));
    let fast = items::source_file::<_, EmptyErr>().parse(input);
    if !fast.has_errors() && lexed.errors.is_empty() {
        return Parsed {
            file: fast.into_output().unwrap_or_default(),
            errors: Vec::new(),
            anchors: crate::Anchors::default(),
        };
    }
    drop(fast);
    let (file, rich) = items::source_file::<_, Rich<'_, Token<'_>, TokSpan>>()
        .parse(input)
        .into_output_errors();
    let parse_errors = errors::to_diagnostics(rich, &lexed.tokens, src);
    let shadows = lexer_error_shadows(&lexed);
    let mut errors = lexed.errors;
    errors.extend(parse_errors.into_iter().filter(|d| {
        let at = d.primary.span.start;
        !shadows.iter().any(|s| s.start <= at && at <= s.end)
    }));
    errors.sort_by_key(|d| (d.primary.span.start, d.primary.span.end));
    first_error_per_line(&mut errors, src);
    Parsed {
        file: file.unwrap_or_default(),
        errors,
        anchors: crate::Anchors::default(),
    }
}

/// The stretch after each lexer error, up to the end of its statement (the
/// next `;`, `{` or `}`), in which parse errors are consequences of the same
/// mistake (an unterminated string swallowed the `)`; a stray `#` stood
/// where an operator was expected) and are not reported again.
fn lexer_error_shadows(lexed: &crate::lexer::Lexed<'_>) -> Vec<Span> {
    lexed
        .errors
        .iter()
        .map(|e| {
            let from = lexed
                .tokens
                .partition_point(|(_, s)| s.start < e.primary.span.start);
            let end = lexed
                .tokens
                .iter()
                .skip(from)
                .find(|(t, _)| {
                    matches!(t, Token::Punct(Punct::Semi | Punct::LBrace | Punct::RBrace))
                })
                .map_or(u32::MAX, |(_, s)| s.end);
            Span::new(e.primary.span.start as usize, end as usize)
        })
        .collect()
}

/// Keeps the first syntax error of each line. Recovery resumes mid-line, so
/// a second error on the same line is almost always the same mistake seen
/// again (a keyword used as a name, an operator missing its operand).
fn first_error_per_line(errors: &mut Vec<Diagnostic>, src: &str) {
    let mut last_line_end: Option<usize> = None;
    errors.retain(|d| {
        let at = (d.primary.span.start as usize).min(src.len());
        if last_line_end.is_some_and(|end| at < end) {
            return false;
        }
        let rest = src.get(at..).unwrap_or("");
        last_line_end = Some(at + rest.find('\n').unwrap_or(rest.len()));
        true
    });
}
