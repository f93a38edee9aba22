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
use chumsky::input::{Input as _, ValueInput};
use chumsky::prelude::*;

/// What parsing one file produced: the tree (possibly with `Error` nodes)
/// and every syntax error, in source order.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub struct Parsed {
    pub file: SourceFile,
    pub errors: Vec<Diagnostic>,
}

/// The error-and-state bundle every parser in this module shares.
pub(crate) type Extra<'t, 's> = extra::Err<Rich<'t, Token<'s>, SimpleSpan>>;

/// Token input: a slice of `(token, span)` pairs.
pub(crate) trait TokenInput<'t, 's: 't>:
    ValueInput<'t, Token = Token<'s>, Span = SimpleSpan>
{
}
impl<'t, 's: 't, I> TokenInput<'t, 's> for I where
    I: ValueInput<'t, Token = Token<'s>, Span = SimpleSpan>
{
}

pub(crate) fn kw<'t, 's: 't, I: TokenInput<'t, 's>>(
    k: Kw,
) -> impl Parser<'t, I, Token<'s>, Extra<'t, 's>> + Clone {
    just(Token::Kw(k))
}

pub(crate) fn punct<'t, 's: 't, I: TokenInput<'t, 's>>(
    p: Punct,
) -> impl Parser<'t, I, Token<'s>, Extra<'t, 's>> + Clone {
    just(Token::Punct(p))
}

pub(crate) fn span(s: SimpleSpan) -> Span {
    Span::new(s.start, s.end)
}

/// Parses one file. Never fails and never panics; deeply nested input is
/// cut by the lexer (see [`crate::lexer::MAX_NESTING`]), so recursion depth
/// is bounded.
pub fn parse(src: &str) -> Parsed {
    let lexed = crate::lexer::lex(src);
    let pairs: Vec<(Token<'_>, SimpleSpan)> = lexed
        .tokens
        .iter()
        .zip(&lexed.spans)
        .map(|(t, s)| (*t, SimpleSpan::from(s.range())))
        .collect();
    let eoi = SimpleSpan::from(src.len()..src.len());
    let input = pairs.as_slice().map(eoi, |(t, s)| (t, s));
    let (file, rich) = items::source_file().parse(input).into_output_errors();
    let parse_errors = errors::to_diagnostics(rich, &lexed.spans, src);
    let shadows = lexer_error_shadows(&lexed);
    let mut errors = lexed.errors;
    errors.extend(parse_errors.into_iter().filter(|d| {
        let at = d.primary.span.start;
        !shadows.iter().any(|s| s.start <= at && at <= s.end)
    }));
    errors.sort_by_key(|d| (d.primary.span.start, d.primary.span.end));
    errors.dedup_by_key(|d| d.primary.span.start);
    Parsed {
        file: file.unwrap_or_default(),
        errors,
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
            let from = lexed.spans.partition_point(|s| s.start < e.primary.span.start);
            let end = lexed
                .tokens
                .iter()
                .zip(&lexed.spans)
                .skip(from)
                .find(|(t, _)| {
                    matches!(
                        t,
                        Token::Punct(Punct::Semi | Punct::LBrace | Punct::RBrace)
                    )
                })
                .map_or(u32::MAX, |(_, s)| s.end);
            Span {
                start: e.primary.span.start,
                end,
            }
        })
        .collect()
}
