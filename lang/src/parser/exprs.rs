//! Expressions (LANGUAGE.md §6): literals, names, `new`, calls with optional
//! owner arguments, field and element access, conversions, `receive`,
//! `take`, and the operators with their precedence.

use super::TokSpan as SimpleSpan;
use super::build::{self, Postfix};
use super::common::{ident, owner_list};
use super::literals::{decode_string, parse_float, parse_int};
use super::recovery::group;
use super::types::{array_suffix, base_type};
use super::{Extra, TokenInput, kw, punct, span};
use crate::ast::{BinaryOp, Expr, ExprKind, ReceiveExpr, UnaryOp};
use crate::token::{Kw, Punct, Token};
use chumsky::pratt::{infix, left, prefix};
use chumsky::prelude::*;
use chumsky::recovery::via_parser;

fn mk(kind: ExprKind, s: SimpleSpan) -> Expr {
    Expr {
        kind,
        span: span(s),
    }
}

/// Recovery for a parenthesised group that does not parse: skip to the
/// matching `)`.
pub(crate) fn paren_recovery<'t, 's: 't, I: TokenInput<'t, 's>>()
-> impl Parser<'t, I, SimpleSpan, Extra<'t, 's>> + Clone {
    group(Punct::LParen, true).map_with(|_, e| e.span())
}

fn literal<'t, 's: 't, I: TokenInput<'t, 's>>() -> impl Parser<'t, I, Expr, Extra<'t, 's>> + Clone {
    // Out-of-range literals are reported but still parse, so the error
    // names the literal instead of becoming "expected expression".
    let int = select! { Token::Int(s) => s }.validate(|s: &str, e, emitter| {
        let value = parse_int(s).unwrap_or_else(|| {
            emitter.emit(Rich::custom(
                e.span(),
                format!("integer literal `{s}` does not fit in 64 bits"),
            ));
            0
        });
        mk(ExprKind::Int(value), e.span())
    });
    let float = select! { Token::Float(s) => s }.validate(|s: &str, e, emitter| {
        let bits = parse_float(s).unwrap_or_else(|| {
            emitter.emit(Rich::custom(
                e.span(),
                format!("float literal `{s}` is malformed or too large for 64 bits"),
            ));
            0
        });
        mk(ExprKind::Float(bits), e.span())
    });
    let other = select! {
        Token::Kw(Kw::True) = e => mk(ExprKind::Bool(true), e.span()),
        Token::Kw(Kw::False) = e => mk(ExprKind::Bool(false), e.span()),
        Token::Kw(Kw::Null) = e => mk(ExprKind::Null, e.span()),
        Token::Kw(Kw::This) = e => mk(ExprKind::This, e.span()),
        Token::Kw(Kw::Heap) = e => mk(ExprKind::Heap, e.span()),
        Token::Kw(Kw::Immortal) = e => mk(ExprKind::Immortal, e.span()),
        Token::Str(s) = e => mk(ExprKind::Str(decode_string(s).into()), e.span()),
        // A group the lexer cut out: already reported.
        Token::Error = e => mk(ExprKind::Error, e.span()),
    };
    choice((int, float, other))
}

/// `(e, …)`. A list that does not parse becomes one erroneous argument, so
/// the checker knows the count is not what was meant and says nothing of
/// it (no E0108 after the E0001).
pub(crate) fn args<'t, 's: 't, I: TokenInput<'t, 's>>(
    expr: impl Parser<'t, I, Expr, Extra<'t, 's>> + Clone + 't,
) -> impl Parser<'t, I, Vec<Expr>, Extra<'t, 's>> + Clone {
    let args = expr
        .separated_by(punct(Punct::Comma))
        .collect::<Vec<_>>()
        .delimited_by(punct(Punct::LParen), punct(Punct::RParen));
    args.recover_with(via_parser(
        paren_recovery().map(|s| vec![mk(ExprKind::Error, s)]),
    ))
    .labelled("arguments")
    .boxed()
}

/// `new C<o…>(args)`, `new C(args)`, `new elem[]<o>(n)`, `new int[](n)`.
fn new_expr<'t, 's: 't, I: TokenInput<'t, 's>>(
    expr: impl Parser<'t, I, Expr, Extra<'t, 's>> + Clone + 't,
) -> impl Parser<'t, I, Expr, Extra<'t, 's>> + Clone {
    kw(Kw::New)
        .ignore_then(base_type())
        .then(array_suffix().repeated().collect::<Vec<_>>())
        .then(args(expr))
        .validate(|((base, suffixes), args), e, emitter| {
            let s = e.span();
            match build::new_expr(base, suffixes, args, s) {
                Ok(kind) => mk(kind, s),
                Err((at, message)) => {
                    emitter.emit(Rich::custom(at, message));
                    mk(ExprKind::Error, s)
                }
            }
        })
}

pub(crate) fn expr<'t, 's: 't, I: TokenInput<'t, 's>>()
-> impl Parser<'t, I, Expr, Extra<'t, 's>> + Clone {
    recursive(|expr| {
        let expr = expr.boxed();
        let call_args = owner_list().or_not().then(args(expr.clone()));
        let name_or_call = ident()
            .then(call_args.clone().or_not())
            .map_with(|(name, call), e| mk(build::name_or_call(name, call), e.span()));
        let convert = choice((kw(Kw::Int).to(false), kw(Kw::Float).to(true)))
            .map_with(|to_float, e| (to_float, e.span()))
            .then(args(expr.clone()))
            .map_with(|((to_float, name_span), args), e| {
                mk(build::convert(to_float, name_span, args), e.span())
            });
        let receive = kw(Kw::Receive)
            .ignore_then(
                expr.clone()
                    .then_ignore(punct(Punct::Comma))
                    .then(ident())
                    .delimited_by(punct(Punct::LParen), punct(Punct::RParen)),
            )
            .map_with(|(endpoint, message), e| {
                mk(
                    ExprKind::Receive(Box::new(ReceiveExpr { endpoint, message })),
                    e.span(),
                )
            });
        let take = kw(Kw::Take)
            .ignore_then(
                expr.clone()
                    .delimited_by(punct(Punct::LParen), punct(Punct::RParen)),
            )
            .map_with(|place, e| mk(ExprKind::Take(Box::new(place)), e.span()));
        let parens = expr
            .clone()
            .delimited_by(punct(Punct::LParen), punct(Punct::RParen))
            .map_with(|inner: Expr, e| Expr {
                kind: inner.kind,
                span: span(e.span()),
            })
            .recover_with(via_parser(paren_recovery().map(|s| mk(ExprKind::Error, s))));
        // Names first: they are most atoms, and every alternative tried in
        // vain costs time on every operand.
        let atom = choice((
            name_or_call,
            literal(),
            parens,
            new_expr(expr.clone()),
            convert,
            receive,
            take,
        ));
        let atom = atom.labelled("expression").boxed();

        let postfix = choice((
            punct(Punct::Dot)
                .ignore_then(ident())
                .then(call_args.or_not())
                .map(|(name, call)| match call {
                    Some((owners, args)) => Postfix::Call(name, owners, args),
                    None => Postfix::Field(name),
                }),
            expr.clone()
                .delimited_by(punct(Punct::LBracket), punct(Punct::RBracket))
                .map(Postfix::Index),
        ))
        .map_with(|p, e| (p, e.span()));
        let primary = atom.foldl(postfix.repeated(), |object, (step, s)| {
            build::postfix(object, step, span(s))
        });
        primary
            .pratt((
                prefix(
                    8,
                    select! { Token::Punct(Punct::Minus) => UnaryOp::Neg, Token::Punct(Punct::Bang) => UnaryOp::Not },
                    move |op, rhs, e| build::unary(op, rhs, e.span()),
                ),
                infix(
                    left(7),
                    select! {
                        Token::Punct(Punct::Star) => BinaryOp::Mul,
                        Token::Punct(Punct::Slash) => BinaryOp::Div,
                        Token::Punct(Punct::Percent) => BinaryOp::Rem,
                    },
                    move |l, op, r, _| build::binary(l, op, r),
                ),
                infix(
                    left(6),
                    select! { Token::Punct(Punct::Plus) => BinaryOp::Add, Token::Punct(Punct::Minus) => BinaryOp::Sub },
                    move |l, op, r, _| build::binary(l, op, r),
                ),
                infix(
                    left(5),
                    select! {
                        Token::Punct(Punct::Lt) => BinaryOp::Lt,
                        Token::Punct(Punct::Le) => BinaryOp::Le,
                        Token::Punct(Punct::Gt) => BinaryOp::Gt,
                        Token::Punct(Punct::Ge) => BinaryOp::Ge,
                    },
                    move |l, op, r, _| build::binary(l, op, r),
                ),
                infix(
                    left(4),
                    select! { Token::Punct(Punct::EqEq) => BinaryOp::Eq, Token::Punct(Punct::Ne) => BinaryOp::Ne },
                    move |l, op, r, _| build::binary(l, op, r),
                ),
                infix(left(3), select! { Token::Punct(Punct::AndAnd) => BinaryOp::And }, move |l, op, r, _| build::binary(l, op, r)),
                infix(left(2), select! { Token::Punct(Punct::OrOr) => BinaryOp::Or }, move |l, op, r, _| build::binary(l, op, r)),
            ))
            .labelled("expression")
            .boxed()
    })
}
