//! Recovery parsers: after a syntax error, skip to a point where parsing can
//! safely resume (the end of the statement, member or declaration), treating
//! bracketed groups as units so one error never swallows the rest of a file.

use super::TokSpan as SimpleSpan;
use super::stmts::starts_keyword_led;
use super::{Extra, TokenInput, kw, punct};
use crate::token::{Kw, Punct, Token};
use chumsky::prelude::*;

/// One token, or a parenthesised or bracketed group as a unit, that is
/// not one of the `stops` punctuation: what the skips of a broken
/// parameter or declarator step over.
pub(crate) fn unit_before<'t, 's: 't, I: TokenInput<'t, 's>, const N: usize>(
    stops: [Punct; N],
) -> impl Parser<'t, I, (), Extra<'t, 's>> + Clone {
    choice((
        group(Punct::LParen, true),
        group(Punct::LBracket, true),
        none_of(stops.map(Token::Punct)).ignored(),
    ))
}

/// A bracketed group starting at `open`, skipped as a unit by counting
/// brackets of every kind (linear time, unlike chumsky's
/// `nested_delimiters`, which backtracks exponentially on unclosed input).
/// Fails, consuming nothing, if `open` is not next. An unclosed group runs
/// to the end of the file, unless `must_close`: then it fails too, so the
/// error that led to the recovery is the one reported.
pub(crate) fn group<'t, 's: 't, I: TokenInput<'t, 's>>(
    open: Punct,
    must_close: bool,
) -> impl Parser<'t, I, (), Extra<'t, 's>> + Clone {
    scan_group(open, must_close, false)
}

/// [`group`], where `for_header` says that `open` opens a `for` header
/// (whose `for` was consumed before), which holds `;`s.
fn scan_group<'t, 's: 't, I: TokenInput<'t, 's>>(
    open: Punct,
    must_close: bool,
    for_header: bool,
) -> impl Parser<'t, I, (), Extra<'t, 's>> + Clone {
    let scan = custom(move |inp| {
        let start = inp.save();
        // Each open bracket, and whether it opens a `for` header.
        let mut stack: Vec<(Punct, bool)> = Vec::new();
        let mut after_for = for_header;
        while let Some(t) = inp.next() {
            let in_parens = matches!(stack.last(), Some((Punct::LParen | Punct::LBracket, false)));
            match t {
                // No `{` stands inside parentheses or brackets in Own (no
                // lambdas, no initialiser lists), nor a `;` outside a `for`
                // header: one there means the group was left unclosed (`if
                // (x > 1 {`, `int x = (1 + 2;`), and scanning on would claim
                // a later, unrelated `)`.
                Token::Punct(Punct::LBrace | Punct::Semi)
                    if in_parens
                        || (t == Token::Punct(Punct::LBrace)
                            && matches!(stack.last(), Some((Punct::LParen, true)))) =>
                {
                    break;
                }
                Token::Punct(p @ (Punct::LParen | Punct::LBracket | Punct::LBrace)) => {
                    stack.push((p, after_for && p == Punct::LParen))
                }
                Token::Punct(p @ (Punct::RParen | Punct::RBracket | Punct::RBrace)) => {
                    if stack.pop().map(|(open, _)| closer(open)) != Some(p) {
                        break; // mismatched: the group is not closed where it should be
                    }
                    if stack.is_empty() {
                        return Ok(true);
                    }
                }
                _ => {}
            }
            after_for = t == Token::Kw(Kw::For);
        }
        if must_close {
            inp.rewind(start);
            return Ok(false);
        }
        Ok(true)
    });
    punct(open)
        .rewind()
        .ignore_then(scan)
        .filter(|skipped| *skipped)
        .ignored()
}

/// Skips what is left of a broken block header: every token up to the
/// next `{`, which is left in place, but never past a `}` or a `;` (nor,
/// with `stop_at_assign`, a `=`); fails if no `{` comes first.
pub(crate) fn up_to_block<'t, 's: 't, I: TokenInput<'t, 's>>(
    stop_at_assign: bool,
) -> impl Parser<'t, I, (), Extra<'t, 's>> + Clone {
    let mut stops = vec![
        Token::Punct(Punct::LBrace),
        Token::Punct(Punct::RBrace),
        Token::Punct(Punct::Semi),
    ];
    if stop_at_assign {
        stops.push(Token::Punct(Punct::Assign));
    }
    none_of(stops)
        .repeated()
        .then_ignore(punct(Punct::LBrace).rewind())
}

fn closer(open: Punct) -> Punct {
    match open {
        Punct::LParen => Punct::RParen,
        Punct::LBracket => Punct::RBracket,
        _ => Punct::RBrace,
    }
}

/// Any single token that is not a closing bracket or `;`, nor the start
/// of a top-level declaration (a statement or member never holds one: it
/// means the enclosing `}` is missing, see [`close_brace`]).
pub(crate) fn loose_token<'t, 's: 't, I: TokenInput<'t, 's>>()
-> impl Parser<'t, I, (), Extra<'t, 's>> + Clone {
    item_ahead()
        .not()
        .ignore_then(none_of([
            Token::Punct(Punct::Semi),
            Token::Punct(Punct::RBrace),
            Token::Punct(Punct::RParen),
            Token::Punct(Punct::RBracket),
            Token::Punct(Punct::LBrace),
        ]))
        .ignored()
}

/// Looks ahead (consuming nothing) for the start of a top-level
/// declaration as it is written: `class Name`, `rref class`, `regionkind
/// Name`, `message Name`, `contract Name`, `main {`. Two tokens, so that a
/// keyword misused as a name (`int class;`) is not taken for one.
fn item_ahead<'t, 's: 't, I: TokenInput<'t, 's>>() -> impl Parser<'t, I, (), Extra<'t, 's>> + Clone
{
    any()
        .then(any())
        .filter(|(first, second): &(Token<'s>, Token<'s>)| match first {
            Token::Kw(Kw::Class | Kw::Regionkind | Kw::Message | Kw::Contract) => {
                matches!(second, Token::Ident(_))
            }
            Token::Kw(Kw::Rref) => *second == Token::Kw(Kw::Class),
            Token::Kw(Kw::Main) => *second == Token::Punct(Punct::LBrace),
            _ => false,
        })
        .ignored()
        .rewind()
}

/// The `}` that closes a block, class, region kind or contract. A missing
/// one at the end of the file, or before the start of a top-level
/// declaration (which no body holds), is one E0001 (reported
/// after the last token before it), and what the body holds is kept and
/// checked, so a forgotten last `}` does not hide the errors inside.
pub(crate) fn close_brace<'t, 's: 't, I: TokenInput<'t, 's>>()
-> impl Parser<'t, I, (), Extra<'t, 's>> + Clone {
    close_brace_found().ignored().boxed()
}

/// [`close_brace`], telling whether the `}` was there (`false` when it was
/// reported missing).
pub(crate) fn close_brace_found<'t, 's: 't, I: TokenInput<'t, 's>>()
-> impl Parser<'t, I, bool, Extra<'t, 's>> + Clone {
    let close = punct(Punct::RBrace).to(true);
    let missing = choice((end().rewind(), item_ahead())).to(false);
    close.recover_with(via_parser(missing)).boxed()
}

/// True for tokens that begin a statement or a member: the keyword-led
/// statement forms and the keywords that start a declaration's type (and
/// `portal`/`subregion`). Skipping stops before them, so a missing `;` does
/// not swallow the next statement or field.
fn starts_statement(t: &Token<'_>) -> bool {
    starts_keyword_led(t.kind())
        || matches!(
            t,
            Token::Kw(
                Kw::Portal
                    | Kw::Subregion
                    | Kw::Int
                    | Kw::Float
                    | Kw::Bool
                    | Kw::Void
                    | Kw::Handle
                    | Kw::Chan
            )
        )
}

/// Skips a broken statement or member: tokens (parenthesised and bracketed
/// groups as units) up to and including a `;`, or up to and including a
/// `{…}` group (a body), or up to a `}` that closes the enclosing block or
/// a keyword that starts the next statement. Always consumes at least one
/// token, or fails.
pub(crate) fn skip_statement<'t, 's: 't, I: TokenInput<'t, 's>>()
-> impl Parser<'t, I, SimpleSpan, Extra<'t, 's>> + Clone {
    let group_unit = choice((group(Punct::LParen, true), group(Punct::LBracket, true)));
    // A broken `for` header is skipped whole, up to its body, so that its
    // `int i = 0` is not read again as a declaration of its own (and the
    // next loop's `int i` is no "already declared").
    let for_head = kw(Kw::For).ignore_then(choice((
        scan_group(Punct::LParen, true, true),
        punct(Punct::LParen)
            .ignore_then(
                none_of([Token::Punct(Punct::LBrace), Token::Punct(Punct::RBrace)]).repeated(),
            )
            .ignored(),
    )));
    let first = choice((for_head, group_unit.clone(), loose_token()));
    let rest = choice((
        group_unit,
        loose_token().and_is(any().filter(|t| !starts_statement(t)).ignored()),
    ));
    let end = choice((
        punct(Punct::Semi).ignored(),
        group(Punct::LBrace, true),
        // stray closers that no group claims: skip them one at a time
        punct(Punct::RParen).ignored(),
        punct(Punct::RBracket).ignored(),
    ));
    choice((
        first
            .then(rest.repeated())
            .then(end.clone().or_not())
            .ignored(),
        end,
    ))
    .map_with(|_, e| e.span())
}

/// What is left of an expression that does not parse: tokens up to (not
/// including) the `;`, `,` or closing bracket after it, with bracketed
/// groups as units (an unclosed `(` or `[` is one token), never past a `{`,
/// a keyword that starts a statement or the start of a top-level
/// declaration. May be empty (`int x = ;`). The caller checks what follows,
/// so that only an expression in its place is recovered (`3 +` before the
/// `;` of `int x = 3 +;`), keeping the statement around it.
pub(crate) fn broken_expr<'t, 's: 't, I: TokenInput<'t, 's>>()
-> impl Parser<'t, I, SimpleSpan, Extra<'t, 's>> + Clone {
    let unit = choice((
        group(Punct::LParen, true),
        group(Punct::LBracket, true),
        loose_token().and_is(
            any()
                .filter(|t: &Token<'_>| {
                    !starts_keyword_led(t.kind()) && *t != Token::Punct(Punct::Comma)
                })
                .ignored(),
        ),
    ));
    unit.repeated().map_with(|_, e| e.span()).boxed()
}

/// True for tokens that begin a top-level declaration.
fn starts_item(t: &Token<'_>) -> bool {
    matches!(
        t,
        Token::Kw(Kw::Class | Kw::Rref | Kw::Regionkind | Kw::Message | Kw::Contract | Kw::Main)
    )
}

/// Skips a broken top-level declaration: up to the next token that starts
/// one, with `{…}` groups as units, consuming at least one token.
pub(crate) fn skip_item<'t, 's: 't, I: TokenInput<'t, 's>>()
-> impl Parser<'t, I, SimpleSpan, Extra<'t, 's>> + Clone {
    let other = any()
        .filter(|t: &Token<'s>| !starts_item(t) && *t != Token::Punct(Punct::LBrace))
        .ignored();
    let unit = choice((group(Punct::LBrace, false), other));
    let first = choice((group(Punct::LBrace, false), any().ignored()));
    first.then(unit.repeated()).map_with(|_, e| e.span())
}
