//! The parser: tokens to a [`SourceFile`], with recovery so that one run
//! reports every syntax error (E0001) and keeps everything it could read.
//!
//! Layout: `common` (names, owners, formals, clauses), `types`, `exprs`,
//! `stmts`, `items` build the grammar bottom-up; `recovery` holds the
//! skip-to-a-safe-point parsers; `errors` turns chumsky's errors into
//! diagnostics.

mod build;
mod common;
mod descent;
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

/// The parser state of the chumsky grammar: errors with messages
/// ([`Rich`]). The grammar runs only on files the first pass
/// ([`descent`]) found a syntax error in, so only messages matter here:
/// labels name what was expected, and recovery skips to a safe point.
pub(crate) type Extra<'t, 's> = extra::Err<Rich<'t, Token<'s>, TokSpan>>;

/// Token input: a slice of `(token, span)` pairs.
pub(crate) trait TokenInput<'t, 's: 't>:
    ValueInput<'t, Token = Token<'s>, Span = TokSpan>
{
}
impl<'t, 's: 't, I> TokenInput<'t, 's> for I where
    I: ValueInput<'t, Token = Token<'s>, Span = TokSpan>
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
    if lexed.errors.is_empty()
        && let Some(file) = parse_valid(&lexed.tokens)
    {
        return Parsed {
            file,
            errors: Vec::new(),
            anchors: crate::Anchors::default(),
        };
    }
    let input = lexed.tokens.as_slice().map(end, |(t, s)| (t, s));
    let (file, rich) = items::source_file::<_>().parse(input).into_output_errors();
    // Shadowed by where chumsky found them, before an error about something
    // missing is moved back to the end of the line before: a `}` missing at
    // the end of the file because a comment left open swallowed it is the
    // comment's error, not another one on the line before the comment.
    let shadows = lexer_error_shadows(&lexed);
    let rich = rich.into_iter().filter(|e| {
        let at = e.span().start;
        !shadows.iter().any(|s| s.start <= at && at <= s.end)
    });
    let parse_errors = errors::to_diagnostics(rich.collect(), &lexed.tokens, src);
    let mut errors = lexed.errors;
    errors.extend(parse_errors);
    errors.sort_by_key(|d| (d.primary.span.start, d.primary.span.end));
    first_error_per_line(&mut errors, src);
    Parsed {
        file: file.unwrap_or_default(),
        errors,
        anchors: crate::Anchors::default(),
    }
}

/// Tokens per chunk below which a file is not worth splitting: a chunk
/// should take milliseconds (16,000 tokens take about five), not the tens
/// of microseconds a thread costs to start.
const MIN_CHUNK_TOKENS: usize = 16_000;

/// The tree of a file without syntax errors, read by the hand-written
/// first pass ([`descent`]); `None` if the file has a syntax error (then
/// the caller parses it again with the chumsky grammar, for the messages).
///
/// A large file is cut into chunks of whole declarations (see
/// [`chunk_starts`]) parsed on [`crate::workers`] threads. No declaration
/// looks past its closing `}` or `;`, so parsing the chunks one by one and
/// appending their declarations gives the very tree a parse of the whole
/// file gives; and only when every chunk parses without error is the
/// result kept.
fn parse_valid(tokens: &[(Token<'_>, Span)]) -> Option<SourceFile> {
    let starts = chunk_starts(tokens, crate::workers::threads());
    let chunks = crate::workers::map_ranges(&starts, tokens.len(), |_, range| {
        descent::parse_file(tokens.get(range).unwrap_or_default())
    });
    let mut items = Vec::new();
    for chunk in chunks {
        items.extend(chunk?.items);
    }
    Some(SourceFile { items })
}

/// Where the chunks of a file start (token indices; the first is 0): up
/// to `threads` chunks of at least [`MIN_CHUNK_TOKENS`] tokens, each cut
/// just before a keyword that starts a declaration (`class`, `rref`,
/// `regionkind`, `message`, `contract`, `main`) standing at bracket depth 0
/// right after a `}` or `;`. In a file with a syntax error a cut may fall
/// inside a declaration; then a chunk fails to parse and the file is
/// parsed whole.
fn chunk_starts(tokens: &[(Token<'_>, Span)], threads: usize) -> Vec<usize> {
    let chunks = threads.min(tokens.len() / MIN_CHUNK_TOKENS).max(1);
    let mut starts = vec![0];
    let mut depth = 0usize;
    for (i, pair) in tokens.windows(2).enumerate() {
        let [(before, _), (next, _)] = pair else {
            continue;
        };
        match before {
            Token::Punct(Punct::LBrace | Punct::LParen | Punct::LBracket) => depth += 1,
            Token::Punct(Punct::RBrace | Punct::RParen | Punct::RBracket) => {
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
        let wanted = tokens.len() * starts.len() / chunks;
        if starts.len() < chunks
            && i + 1 >= wanted
            && depth == 0
            && matches!(before, Token::Punct(Punct::RBrace | Punct::Semi))
            && matches!(
                next,
                Token::Kw(
                    Kw::Class | Kw::Rref | Kw::Regionkind | Kw::Message | Kw::Contract | Kw::Main
                )
            )
        {
            starts.push(i + 1);
        }
    }
    starts
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_start_at_top_level_declarations() {
        let unit =
            "class A<o> { int f() { if (true) { return 1; } return 2; } }\nmessage M(int);\n";
        let src = unit.repeat(20_000);
        let lexed = crate::lexer::lex(&src);
        let starts = chunk_starts(&lexed.tokens, 3);
        assert_eq!(starts.len(), 3, "{starts:?}");
        assert_eq!(starts.first(), Some(&0));
        for &at in &starts[1..] {
            let (before, _) = lexed.tokens[at - 1];
            let (first, _) = lexed.tokens[at];
            assert!(matches!(before, Token::Punct(Punct::RBrace | Punct::Semi)));
            assert!(matches!(first, Token::Kw(Kw::Class | Kw::Message)));
        }
        // A small file is one chunk, whatever the threads.
        let small = crate::lexer::lex(unit);
        assert_eq!(chunk_starts(&small.tokens, 8), [0]);
    }

    /// Every `.own` file of the repository's cases and examples.
    fn corpus() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut dirs = vec![
            root.join("tests/ui"),
            root.join("examples"),
            root.join("lang/tests/parse"),
        ];
        let mut texts = Vec::new();
        while let Some(dir) = dirs.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "own")
                    && let Ok(text) = std::fs::read_to_string(&path)
                {
                    texts.push(text);
                }
            }
        }
        texts
    }

    /// Tokens that stand where the grammar chooses between readings (owner
    /// lists or comparisons, types or expressions, optional parts).
    const TRICKY: [Token<'static>; 14] = [
        Token::Punct(Punct::Lt),
        Token::Punct(Punct::Gt),
        Token::Punct(Punct::LParen),
        Token::Punct(Punct::RParen),
        Token::Punct(Punct::LBracket),
        Token::Punct(Punct::RBracket),
        Token::Punct(Punct::Comma),
        Token::Punct(Punct::Minus),
        Token::Punct(Punct::Dot),
        Token::Punct(Punct::Assign),
        Token::Ident("zz"),
        Token::Kw(Kw::Void),
        Token::Kw(Kw::This),
        Token::Int("99999999999999999999"),
    ];

    /// The tokens of `tokens` with one edit: token `at` removed, doubled,
    /// swapped with the next one, or replaced by one of [`TRICKY`].
    fn mutate<'s>(tokens: &[(Token<'s>, Span)], at: usize, how: usize) -> Vec<(Token<'s>, Span)> {
        let mut out = tokens.to_vec();
        match how % 4 {
            0 => {
                out.remove(at);
            }
            1 => out.insert(at, tokens[at]),
            2 if at + 1 < out.len() => out.swap(at, at + 1),
            2 => {}
            _ => out[at].0 = TRICKY[(at / 4 + how) % TRICKY.len()],
        }
        out
    }

    /// The first pass (`parse_valid`, the hand-written descent) must
    /// accept exactly the token streams on which the chumsky grammar
    /// reports nothing, and build the same tree from them: the
    /// repository's cases and examples, and a few thousand one-token
    /// mutations of them (removed, doubled, swapped, replaced).
    #[test]
    fn the_first_pass_accepts_what_the_grammar_accepts() {
        let texts = corpus();
        assert!(texts.len() > 100, "corpus not found: {} files", texts.len());
        let mut streams = 0;
        let mut valid = 0;
        for text in &texts {
            let lexed = crate::lexer::lex(text);
            if !lexed.errors.is_empty() {
                continue;
            }
            let end = Span::new(text.len(), text.len());
            let tokens = &lexed.tokens;
            let step = (tokens.len() / 12).max(1);
            let mut variants = vec![tokens.clone()];
            for (k, at) in (0..tokens.len()).step_by(step).enumerate() {
                variants.push(mutate(tokens, at, k));
            }
            for variant in &variants {
                let input = variant.as_slice().map(end, |(t, s)| (t, s));
                let (rich, errors) = items::source_file::<_>().parse(input).into_output_errors();
                let fast = parse_valid(variant);
                streams += 1;
                if errors.is_empty() {
                    valid += 1;
                    assert!(
                        fast.is_some(),
                        "the first pass rejects a valid stream of:\n{text}"
                    );
                    assert!(fast == rich, "trees differ for a variant of:\n{text}");
                } else {
                    assert!(
                        fast.is_none(),
                        "the first pass accepts an invalid stream of:\n{text}"
                    );
                }
            }
        }
        assert!(
            streams > 2_000 && valid > 200,
            "{streams} streams, {valid} valid"
        );
    }
}
