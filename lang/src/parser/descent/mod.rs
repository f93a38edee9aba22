//! The first pass of the parser: a hand-written recursive descent over the
//! tokens of a file, for files without syntax errors (most files, most of
//! the time). It builds the very tree the chumsky grammar builds, or gives
//! up with `None` at the first token the grammar would not accept (or would
//! accept only with an error); then [`super::parse`] runs the chumsky
//! grammar, whose recovery reports every syntax error.
//!
//! Why a second reading of the grammar: chumsky spends about 4,000
//! instructions on a statement such as `z = 1;` (each operand tries the
//! operator levels in turn, each combinator is a call), which made parsing
//! half of a cold check. This pass reads each token once or twice.
//!
//! It is the grammar of `items.rs`, `stmts.rs`, `exprs.rs`, `types.rs` and
//! `common.rs` one to one, backtracking where they backtrack (`or_not`,
//! `choice`), so the two cannot drift apart unnoticed: the test
//! `the_first_pass_accepts_what_the_grammar_accepts` (in `parser/mod.rs`)
//! runs both over every `.own` file of the repository and thousands of
//! mutations of them, and requires the same verdict and the same tree.
//!
//! Layout: this file holds the cursor; `types` (owners, formals, clauses,
//! policies, types), `exprs`, `stmts` and `items` the grammar.

mod exprs;
mod items;
mod stmts;
mod types;

use crate::ast::{Ident, Name, SourceFile};
use crate::span::Span;
use crate::token::{Kind, Kw, Lexeme, Punct};

/// The tree of `lexemes`, lexed from `src`, or `None` if they hold a
/// syntax error.
pub(crate) fn parse_file(src: &str, lexemes: &[Lexeme]) -> Option<SourceFile> {
    let mut p = Cursor {
        src,
        lexemes,
        pos: 0,
    };
    let mut items = Vec::new();
    while p.pos < lexemes.len() {
        items.push(p.item()?);
    }
    Some(SourceFile { items })
}

/// `v` without spare room. A vector that grew by pushes has up to twice
/// the room its items take, and one of a single item four times; the
/// tree's lists (statements, members, parameters, owners, arguments) stay
/// live for the whole check, and their spare room was a sixth of its peak
/// memory (15% of the page faults of a cold check, for 2% more
/// instructions).
fn exact<T>(mut v: Vec<T>) -> Vec<T> {
    v.shrink_to_fit();
    v
}

/// A position in a file's lexemes. Every grammar function either consumes
/// what it reads and returns `Some`, or returns `None`; callers that
/// backtrack save [`Cursor::pos`] and restore it.
pub(super) struct Cursor<'t, 's> {
    /// The text the lexemes were lexed from.
    src: &'s str,
    lexemes: &'t [Lexeme],
    pos: usize,
}

impl<'s> Cursor<'_, 's> {
    fn peek(&self) -> Option<Kind> {
        self.peek_at(0)
    }

    /// The kind of the token `k` places ahead of the next one.
    fn peek_at(&self, k: usize) -> Option<Kind> {
        self.lexemes.get(self.pos + k).map(|l| l.kind)
    }

    /// The next token's kind and span.
    fn next_spanned(&self) -> Option<(Kind, Span)> {
        self.lexemes.get(self.pos).map(|l| (l.kind, l.span()))
    }

    fn bump(&mut self) -> Option<(Kind, Span)> {
        let next = self.next_spanned();
        self.pos += usize::from(next.is_some());
        next
    }

    /// The text of a token's `span` (an identifier's or a literal's).
    fn text(&self, span: Span) -> &'s str {
        self.src
            .get(span.start as usize..span.end as usize)
            .unwrap_or("")
    }

    /// Consumes the next token if it is of kind `kind`.
    fn eat(&mut self, kind: Kind) -> bool {
        let here = self.lexemes.get(self.pos).is_some_and(|l| l.kind == kind);
        self.pos += usize::from(here);
        here
    }

    fn eat_punct(&mut self, p: Punct) -> bool {
        self.eat(Kind::Punct(p))
    }

    fn eat_kw(&mut self, k: Kw) -> bool {
        self.eat(Kind::Kw(k))
    }

    fn punct(&mut self, p: Punct) -> Option<()> {
        self.eat_punct(p).then_some(())
    }

    fn kw(&mut self, k: Kw) -> Option<()> {
        self.eat_kw(k).then_some(())
    }

    fn ident(&mut self) -> Option<Ident> {
        match self.next_spanned() {
            Some((Kind::Ident, span)) => {
                self.pos += 1;
                Some(Ident {
                    name: Name::new(self.text(span)),
                    span,
                })
            }
            _ => None,
        }
    }

    /// The span from the token at `start` to the last one consumed (as
    /// chumsky's `e.span()`).
    fn span_from(&self, start: usize) -> Span {
        let first = self
            .lexemes
            .get(start)
            .map_or(Span::default(), |l| l.span());
        let last = self
            .pos
            .checked_sub(1)
            .and_then(|i| self.lexemes.get(i))
            .map_or(first, |l| l.span());
        Span::new(first.start as usize, last.end as usize)
    }

    /// Runs `f`; if it fails, puts the cursor back where it was.
    fn attempt<T>(&mut self, f: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        let save = self.pos;
        let out = f(self);
        if out.is_none() {
            self.pos = save;
        }
        out
    }

    /// `item (, item)*`: chumsky's `separated_by`, with `at_least_one` as
    /// its `.at_least(1)` and `trailing` as its `.allow_trailing()`. A `,`
    /// not followed by an item ends the list before it, as in chumsky.
    fn separated<T>(
        &mut self,
        at_least_one: bool,
        trailing: bool,
        mut item: impl FnMut(&mut Self) -> Option<T>,
    ) -> Option<Vec<T>> {
        let mut out = Vec::new();
        if let Some(first) = self.attempt(&mut item) {
            out.push(first);
            loop {
                let before = self.pos;
                if !self.eat_punct(Punct::Comma) {
                    break;
                }
                match self.attempt(&mut item) {
                    Some(next) => out.push(next),
                    None => {
                        if !trailing {
                            self.pos = before;
                        }
                        break;
                    }
                }
            }
        }
        (!at_least_one || !out.is_empty()).then_some(exact(out))
    }

    /// `open`, a [`separated`](Self::separated) list, `close`.
    fn delimited<T>(
        &mut self,
        open: Punct,
        close: Punct,
        at_least_one: bool,
        trailing: bool,
        item: impl FnMut(&mut Self) -> Option<T>,
    ) -> Option<Vec<T>> {
        self.punct(open)?;
        let out = self.separated(at_least_one, trailing, item)?;
        self.punct(close)?;
        Some(out)
    }
}
