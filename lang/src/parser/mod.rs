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
use crate::token::{Kind, Kw, Lexeme, Punct, Token};
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
        && let Some(file) = parse_valid(src, &lexed.lexemes)
    {
        return Parsed {
            file,
            errors: Vec::new(),
            anchors: crate::Anchors::default(),
        };
    }
    // Only a file with a syntax error gets here: its tokens are spelt out
    // for chumsky, whose input is a slice of `(token, span)` pairs.
    let tokens: Vec<(Token<'_>, Span)> = lexed.tokens().collect();
    let input = tokens.as_slice().map(end, |(t, s)| (t, s));
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
    let parse_errors = errors::to_diagnostics(rich.collect(), &tokens, src);
    let mut errors = lexed.errors;
    errors.extend(parse_errors);
    errors.sort_by_key(|d| (d.primary.span.start, d.primary.span.end));
    first_error_per_line(&mut errors, src);
    drop_unclosed_cascades(&mut errors, &lexed.lexemes);
    drop_swallowed_headers(&mut errors, &lexed.lexemes);
    Parsed {
        file: file.unwrap_or_default(),
        errors,
        anchors: crate::Anchors::default(),
    }
}

/// The tree of `src` if it has no lexical or syntax error, read by the
/// fast first pass alone (no messages): what a chunk of a file needs (see
/// `crate::split`).
pub(crate) fn parse_clean(src: &str) -> Option<SourceFile> {
    let lexed = crate::lexer::lex(src);
    if !lexed.errors.is_empty() {
        return None;
    }
    // A chunk is one declaration: not worth the threads of `parse_valid`.
    descent::parse_file(src, &lexed.lexemes)
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
fn parse_valid(src: &str, lexemes: &[Lexeme]) -> Option<SourceFile> {
    let starts = chunk_starts(lexemes, crate::workers::threads());
    let chunks = crate::workers::map_ranges(&starts, lexemes.len(), |_, range| {
        descent::parse_file(src, lexemes.get(range).unwrap_or_default())
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
fn chunk_starts(lexemes: &[Lexeme], threads: usize) -> Vec<usize> {
    let chunks = threads.min(lexemes.len() / MIN_CHUNK_TOKENS).max(1);
    let mut starts = vec![0];
    let mut depth = 0usize;
    for (i, pair) in lexemes.windows(2).enumerate() {
        let [before, next] = pair else {
            continue;
        };
        match before.kind {
            Kind::Punct(Punct::LBrace | Punct::LParen | Punct::LBracket) => depth += 1,
            Kind::Punct(Punct::RBrace | Punct::RParen | Punct::RBracket) => {
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
        let wanted = lexemes.len() * starts.len() / chunks;
        if starts.len() < chunks
            && i + 1 >= wanted
            && depth == 0
            && matches!(before.kind, Kind::Punct(Punct::RBrace | Punct::Semi))
            && matches!(
                next.kind,
                Kind::Kw(
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
                .lexemes
                .partition_point(|l| l.start < e.primary.span.start);
            let end = lexed
                .lexemes
                .iter()
                .skip(from)
                .find(|l| {
                    matches!(
                        l.kind,
                        Kind::Punct(Punct::Semi | Punct::LBrace | Punct::RBrace)
                    )
                })
                .map_or(u32::MAX, |l| l.end);
            Span::new(e.primary.span.start as usize, end as usize)
        })
        .collect()
}

/// Whether the lexemes at `i` begin a declaration: `class Name`, `rref
/// class`, `regionkind Name`, `message Name`, `contract Name` or `main {`
/// (not a keyword misused as a name, as in `int class;`).
fn begins_declaration(lexemes: &[Lexeme], i: usize) -> bool {
    let kind = |k: usize| lexemes.get(i + k).map(|l| l.kind);
    match kind(0) {
        Some(Kind::Kw(Kw::Main)) => kind(1) == Some(Kind::Punct(Punct::LBrace)),
        Some(Kind::Kw(Kw::Rref)) => kind(1) == Some(Kind::Kw(Kw::Class)),
        Some(Kind::Kw(Kw::Class | Kw::Regionkind | Kw::Message | Kw::Contract)) => {
            kind(1) == Some(Kind::Ident)
        }
        _ => false,
    }
}

/// Where the last declaration that begins before lexeme `end` starts (a
/// byte offset; 0 if none does).
fn declaration_start(lexemes: &[Lexeme], end: usize) -> u32 {
    (0..end)
        .rev()
        .find(|&j| begins_declaration(lexemes, j))
        .and_then(|j| lexemes.get(j))
        .map_or(0, |l| l.start)
}

/// Drops each error found at a keyword that starts a declaration (`class`,
/// `main`, …), or at the end of the file, when an earlier error lies after
/// the start of the declaration before it: that declaration lost a `}` to
/// the earlier mistake (a method body left open reads the next member as
/// statements and takes the class's `}`), and the keyword, met where a
/// member was expected, shows the same mistake again. With no earlier
/// error in the declaration, a missing `}` of its own is what the error
/// says, and it stays.
fn drop_unclosed_cascades(errors: &mut Vec<Diagnostic>, lexemes: &[Lexeme]) {
    let mut kept: Vec<u32> = Vec::new();
    errors.retain(|d| {
        let at = d.primary.span.start;
        let i = lexemes.partition_point(|l| l.start < at);
        // The token found: an error about something missing was moved
        // back to the end of the token before it.
        // The end of the file counts as the next declaration: a method
        // left open in the last class takes its `}` too. (A `}` missing
        // there is reported right after the last token; a comment left
        // open after it is the lexer's error, and stays.)
        let at_end = i >= lexemes.len() && lexemes.last().is_some_and(|l| l.end == at);
        let found_declaration = begins_declaration(lexemes, i) || at_end;
        if found_declaration {
            let before = declaration_start(lexemes, i);
            if kept.iter().any(|&e| e >= before) {
                return false;
            }
        }
        kept.push(at);
        true
    });
}

/// A method body left open reads the members after it as statements, and
/// each method header there (`int sum() {`) is "expected `;`, found `(`".
/// One mistake, one error: only the first such header of a top-level
/// declaration is reported, the later ones are the same missing `}`.
fn drop_swallowed_headers(errors: &mut Vec<Diagnostic>, lexemes: &[Lexeme]) {
    let mut declarations: Vec<u32> = Vec::new();
    errors.retain(|d| {
        let at = d.primary.span.start;
        let i = lexemes.partition_point(|l| l.start < at);
        if lexemes.get(i).is_none_or(|l| l.start != at) || !method_header_at(lexemes, i) {
            return true;
        }
        let declaration = declaration_start(lexemes, i + 1);
        if declarations.contains(&declaration) {
            return false;
        }
        declarations.push(declaration);
        true
    });
}

/// Whether lexeme `i` is the `(` of a method header, `T name(`: after a
/// name that follows the last token of a type (a name, a primitive, `>`
/// of an owner list or `]` of an array). No statement has that shape.
fn method_header_at(lexemes: &[Lexeme], i: usize) -> bool {
    let kind = |k: usize| {
        i.checked_sub(k)
            .and_then(|j| lexemes.get(j))
            .map(|l| l.kind)
    };
    kind(0) == Some(Kind::Punct(Punct::LParen))
        && kind(1) == Some(Kind::Ident)
        && matches!(
            kind(2),
            Some(
                Kind::Ident
                    | Kind::Kw(Kw::Int | Kw::Float | Kw::Bool | Kw::Void)
                    | Kind::Punct(Punct::Gt | Punct::RBracket)
            )
        )
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
pub(crate) mod tests {
    use super::*;

    #[test]
    fn chunks_start_at_top_level_declarations() {
        let unit =
            "class A<o> { int f() { if (true) { return 1; } return 2; } }\nmessage M(int);\n";
        let src = unit.repeat(20_000);
        let lexed = crate::lexer::lex(&src);
        let starts = chunk_starts(&lexed.lexemes, 3);
        assert_eq!(starts.len(), 3, "{starts:?}");
        assert_eq!(starts.first(), Some(&0));
        for &at in &starts[1..] {
            let before = lexed.lexemes[at - 1].kind;
            let first = lexed.lexemes[at].kind;
            assert!(matches!(before, Kind::Punct(Punct::RBrace | Punct::Semi)));
            assert!(matches!(first, Kind::Kw(Kw::Class | Kw::Message)));
        }
        // A small file is one chunk, whatever the threads.
        let small = crate::lexer::lex(unit);
        assert_eq!(chunk_starts(&small.lexemes, 8), [0]);
    }

    /// Every `.own` file of the repository's cases and examples.
    pub(crate) fn corpus() -> Vec<String> {
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

    /// Text appended to every case, so that the identifier and the
    /// integer among the [`tricky`] lexemes have text to point at.
    const TRICKY_TEXT: &str = "\nzz 99999999999999999999";

    /// Lexemes that stand where the grammar chooses between readings
    /// (owner lists or comparisons, types or expressions, optional parts),
    /// for a case of `len` bytes followed by [`TRICKY_TEXT`].
    fn tricky(len: usize) -> Vec<Lexeme> {
        let text = |from: usize, to: usize| Span::new(len + from, len + to);
        let punct = |p| Lexeme::at(Kind::Punct(p), text(0, 0));
        let kw = |k| Lexeme::at(Kind::Kw(k), text(0, 0));
        vec![
            punct(Punct::Lt),
            punct(Punct::Gt),
            punct(Punct::LParen),
            punct(Punct::RParen),
            punct(Punct::LBracket),
            punct(Punct::RBracket),
            punct(Punct::Comma),
            punct(Punct::Minus),
            punct(Punct::Dot),
            punct(Punct::Assign),
            Lexeme::at(Kind::Ident, text(1, 3)),
            kw(Kw::Void),
            kw(Kw::This),
            Lexeme::at(Kind::Int, text(4, 24)),
        ]
    }

    /// `lexemes` with one edit: lexeme `at` removed, doubled, swapped with
    /// the next one, or replaced by one of `tricky`.
    fn mutate(lexemes: &[Lexeme], tricky: &[Lexeme], at: usize, how: usize) -> Vec<Lexeme> {
        let mut out = lexemes.to_vec();
        match how % 4 {
            0 => {
                out.remove(at);
            }
            1 => out.insert(at, lexemes[at]),
            2 if at + 1 < out.len() => out.swap(at, at + 1),
            2 => {}
            _ => out[at] = tricky[(at / 4 + how) % tricky.len()],
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
            let src = format!("{text}{TRICKY_TEXT}");
            let tricky = tricky(text.len());
            let lexemes = &lexed.lexemes;
            let step = (lexemes.len() / 12).max(1);
            let mut variants = vec![lexemes.clone()];
            for (k, at) in (0..lexemes.len()).step_by(step).enumerate() {
                variants.push(mutate(lexemes, &tricky, at, k));
            }
            for variant in &variants {
                let tokens: Vec<_> = variant.iter().map(|l| (l.token(&src), l.span())).collect();
                let input = tokens.as_slice().map(end, |(t, s)| (t, s));
                let (rich, errors) = items::source_file::<_>().parse(input).into_output_errors();
                let fast = parse_valid(&src, variant);
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
