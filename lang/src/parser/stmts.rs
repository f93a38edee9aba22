//! Statements and blocks (LANGUAGE.md §6, §7, §8, §11): locals, assignment,
//! control flow, region blocks, `fork`/`rtfork`, `print`, and the channel
//! statements `open`, `send`, `close` and `switch receive`.

use super::TokSpan as SimpleSpan;
use super::common::{ident, policy, region_kind_name};
use super::exprs::{args, expr};
use super::recovery::{broken_expr, close_brace, group, skip_statement, unit_before, up_to_block};
use super::types::{ty, value_ty};
use super::{Extra, TokenInput, kw, punct, span};
use crate::ast::{
    AssignOp, AssignStmt, Block, CloseStmt, Expr, ExprKind, ForStmt, IfStmt, LocalStmt, OpenStmt,
    ReceiveArm, RegionStmt, SendStmt, Stmt, StmtKind, SubregionStmt, SwitchReceiveStmt, WhileStmt,
};
use crate::token::{Kind, Kw, Punct, Token};
use chumsky::prelude::*;
use chumsky::recovery::via_parser;

fn mk(kind: StmtKind, s: SimpleSpan) -> Stmt {
    Stmt {
        kind,
        span: span(s),
    }
}

fn semi<'t, 's: 't, I: TokenInput<'t, 's>>() -> impl Parser<'t, I, (), Extra<'t, 's>> + Clone {
    punct(Punct::Semi).ignored().labelled("`;`")
}

/// The `;` that ends a statement. When it is missing and what follows
/// starts another statement (or closes the block), the statement is kept
/// and the error is the `;` alone (reported at the end of its line): the
/// next statement is then read and checked as written, not skipped with
/// the broken one. Tokens that could continue an expression (operators,
/// `(`, `[`, `.`, `=`) are not such a start.
fn end_semi<'t, 's: 't, I: TokenInput<'t, 's>>() -> impl Parser<'t, I, (), Extra<'t, 's>> + Clone {
    semi().recover_with(via_parser(next_statement())).boxed()
}

/// The end of a local declaration: [`end_semi`], or a `,` that starts a
/// second declarator (`int x = a, b;`, `int y, z;`), which Own does not
/// have. That is one E0001 at the `,`; the rest up to the `;` is skipped
/// (parenthesised groups as units, never past a `{` or `}`), and the
/// first name stays declared with its type and initialiser, so its later
/// uses are still checked and draw no E0107 (the other names, written in
/// the broken statement, are not reported unknown either).
fn local_end<'t, 's: 't, I: TokenInput<'t, 's>>() -> impl Parser<'t, I, (), Extra<'t, 's>> + Clone {
    let rest = unit_before([Punct::Semi, Punct::LBrace, Punct::RBrace]).repeated();
    let declarators = punct(Punct::Comma).ignore_then(rest).then_ignore(semi());
    semi()
        .recover_with(via_parser(declarators))
        .recover_with(via_parser(next_statement()))
        .boxed()
}

/// Looks ahead (consuming nothing) for a token that starts another
/// statement or closes the block: see [`end_semi`].
fn next_statement<'t, 's: 't, I: TokenInput<'t, 's>>()
-> impl Parser<'t, I, (), Extra<'t, 's>> + Clone {
    any()
        .filter(|t: &Token<'_>| {
            starts_keyword_led(t.kind())
                || matches!(
                    t,
                    Token::Ident(_)
                        | Token::Int(_)
                        | Token::Float(_)
                        | Token::Punct(Punct::RBrace)
                        | Token::Kw(
                            Kw::Int
                                | Kw::Float
                                | Kw::Bool
                                | Kw::Void
                                | Kw::Handle
                                | Kw::Chan
                                | Kw::This
                                | Kw::New
                                | Kw::Receive
                                | Kw::Take
                                | Kw::Null
                                | Kw::True
                                | Kw::False
                        )
                )
        })
        .ignored()
        .rewind()
}

/// What may follow a statement's last expression: its `;`, or (the `;`
/// missing) what [`end_semi`] takes for the next statement.
fn statement_end<'t, 's: 't, I: TokenInput<'t, 's>>()
-> impl Parser<'t, I, (), Extra<'t, 's>> + Clone {
    choice((punct(Punct::Semi).ignored().rewind(), next_statement()))
        .labelled("`;`")
        .boxed()
}

/// `expr`, followed by what `follow` accepts (looked at, not consumed).
/// When no expression parses there (`3 +` in `int x = 3 +;`, `k <` in a
/// `for` condition), what was written up to `follow` becomes one erroneous
/// expression (`ExprKind::Error`, not checked further) after one E0001, and
/// the statement around it is kept as written: a local is still declared
/// with its type, a loop still declares its variable and checks its body,
/// so later mistakes are still found and uses of the name do not cascade.
fn expr_before<'t, 's: 't, I: TokenInput<'t, 's>>(
    expr: impl Parser<'t, I, Expr, Extra<'t, 's>> + Clone + 't,
    follow: impl Parser<'t, I, (), Extra<'t, 's>> + Clone + 't,
) -> impl Parser<'t, I, Expr, Extra<'t, 's>> + Clone {
    expr.then_ignore(follow.clone().rewind())
        .recover_with(via_parser(broken_expr().then_ignore(follow.rewind()).map(
            |s| Expr {
                kind: ExprKind::Error,
                span: span(s),
            },
        )))
        .boxed()
}

/// Whatever stands between a method header's `)` and its body
/// (`accesses …`, `where …`), skipped up to the `{`.
fn accesses_and_where_tail<'t, 's: 't, I: TokenInput<'t, 's>>()
-> impl Parser<'t, I, (), Extra<'t, 's>> + Clone {
    any()
        .filter(|t: &Token<'_>| {
            !matches!(t, Token::Punct(Punct::LBrace | Punct::RBrace | Punct::Semi))
        })
        .repeated()
        .ignored()
}

/// The keyword `name` is a misspelling of, for the heads `while (…) {`
/// and `if (…) {`: `while` within two edits (`whlie`, `whle`, `While`),
/// `if` within one or swapped (`fi`, `iff`, `If`); short names are too
/// close to `if` to say more.
fn misspelt_keyword(name: &str) -> Option<&'static str> {
    use super::items::edit_distance;
    if name.len() >= 3 && edit_distance(name, "while") <= 2 {
        Some("while")
    } else if name == "fi" || edit_distance(name, "if") <= 1 {
        Some("if")
    } else {
        None
    }
}

/// `{ stmt* }` where a broken statement is skipped and reported once.
pub(crate) fn block<'t, 's: 't, I: TokenInput<'t, 's>>(
    stmt: impl Parser<'t, I, Stmt, Extra<'t, 's>> + Clone + 't,
) -> impl Parser<'t, I, Block, Extra<'t, 's>> + Clone {
    let block = stmt
        .repeated()
        .collect::<Vec<_>>()
        .delimited_by(punct(Punct::LBrace), close_brace())
        .map_with(|stmts, e| Block {
            stmts,
            span: span(e.span()),
        });
    block.labelled("block").boxed()
}

/// A block standing alone: the body of a method, constructor or `main`.
pub(crate) fn body<'t, 's: 't, I: TokenInput<'t, 's>>()
-> impl Parser<'t, I, std::sync::Arc<Block>, Extra<'t, 's>> + Clone {
    block(statement()).map(std::sync::Arc::new)
}

/// True for the tokens that start a statement form other than a local
/// declaration or an expression statement.
pub(crate) fn starts_keyword_led(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Punct(Punct::LBrace)
            | Kind::Kw(
                Kw::If
                    | Kw::While
                    | Kw::For
                    | Kw::Return
                    | Kw::Break
                    | Kw::Continue
                    | Kw::Region
                    | Kw::Fork
                    | Kw::Rtfork
                    | Kw::Print
                    | Kw::Send
                    | Kw::Close
                    | Kw::Switch
                    | Kw::Var
            )
    )
}

/// True when `e` may stand on the left of `=`.
pub(super) fn is_place(e: &Expr) -> bool {
    matches!(
        e.kind,
        ExprKind::Name(_) | ExprKind::Field { .. } | ExprKind::Index { .. } | ExprKind::Error
    )
}

/// True when `e` may stand alone as a statement (it does something).
pub(super) fn is_effectful(e: &Expr) -> bool {
    matches!(
        e.kind,
        ExprKind::Call { .. }
            | ExprKind::New { .. }
            | ExprKind::Receive { .. }
            | ExprKind::Take(_)
            | ExprKind::Error
    )
}

pub(crate) fn statement<'t, 's: 't, I: TokenInput<'t, 's>>()
-> impl Parser<'t, I, Stmt, Extra<'t, 's>> + Clone {
    recursive(|stmt| {
        let stmt = stmt.boxed();
        let expr = expr().boxed();
        let block = block(stmt.clone());
        // The condition of an `if` or `while`. One that does not parse
        // (`if (v < ) {`) is kept as an erroneous condition, and a `)`
        // missing before the `{` (`if (v > 1 {`) is one E0001: either way
        // the statement is kept and its body checked, so later mistakes
        // in it are still found.
        let condition = expr_before(
            expr.clone(),
            choice((punct(Punct::RParen), punct(Punct::LBrace)))
                .ignored()
                .labelled("`)`"),
        )
        .delimited_by(
            punct(Punct::LParen),
            punct(Punct::RParen)
                .ignored()
                .recover_with(via_parser(punct(Punct::LBrace).ignored().rewind())),
        )
        .boxed();

        // An initialiser that does not parse is kept as an erroneous one:
        // the local is still declared, with its type (see `expr_before`).
        // Outside a `for` header, a `,` may follow too: a second
        // declarator (`int x = a, b;`), see `local_end`.
        let init = expr_before(expr.clone(), statement_end());
        let decl_init = expr_before(
            expr.clone(),
            choice((statement_end(), punct(Punct::Comma).ignored().rewind())),
        );
        let local_with = |init: Boxed<'t, 't, I, Expr, Extra<'t, 's>>| {
            value_ty()
                .then(ident())
                .then(punct(Punct::Assign).ignore_then(init).or_not())
                .map(|((ty, name), init)| {
                    StmtKind::Local(Box::new(LocalStmt {
                        ty: Some(ty),
                        name,
                        init,
                    }))
                })
        };
        let local = local_with(init.clone().boxed());
        let decl_local = local_with(decl_init.clone().boxed());
        let var = kw(Kw::Var)
            .ignore_then(ident())
            .then_ignore(punct(Punct::Assign))
            .then(decl_init)
            .map(|(name, init)| {
                StmtKind::Local(Box::new(LocalStmt {
                    ty: None,
                    name,
                    init: Some(init),
                }))
            });
        let open = kw(Kw::Var)
            .ignore_then(
                ident()
                    .then_ignore(punct(Punct::Comma))
                    .then(ident())
                    .delimited_by(punct(Punct::LParen), punct(Punct::RParen)),
            )
            .then_ignore(punct(Punct::Assign))
            .then_ignore(kw(Kw::Open))
            .then(ident())
            .map(|((first, second), contract)| {
                StmtKind::Open(Box::new(OpenStmt {
                    first,
                    second,
                    contract,
                }))
            });
        let assign_op = select! {
            Token::Punct(Punct::Assign) => AssignOp::Set,
            Token::Punct(Punct::PlusAssign) => AssignOp::Add,
            Token::Punct(Punct::MinusAssign) => AssignOp::Sub,
            Token::Punct(Punct::StarAssign) => AssignOp::Mul,
            Token::Punct(Punct::SlashAssign) => AssignOp::Div,
        };
        // An expression statement or an assignment; both checked for shape.
        let simple = expr
            .clone()
            .then(assign_op.then(expr.clone()).or_not())
            .validate(|(place, assign), _, emitter| match assign {
                Some((op, value)) => {
                    let mut place = place;
                    if !is_place(&place) {
                        emitter.emit(Rich::custom(
                            super::tok_span(place.span),
                            "cannot assign to this expression: only a variable, a field, a portal or an array element",
                        ));
                        // Nothing is assigned: the value is checked against
                        // nothing (no E0110 after the E0001).
                        place = Expr {
                            kind: ExprKind::Error,
                            span: place.span,
                        };
                    }
                    StmtKind::Assign(Box::new(AssignStmt { place, op, value }))
                }
                None if !is_effectful(&place) => {
                    emitter.emit(Rich::custom(
                        super::tok_span(place.span),
                        "this expression is not a statement: only calls, `new`, `receive`, `take` and assignments stand alone",
                    ));
                    // Not checked further (as javac's "not a statement"):
                    // `a.f;` was most likely meant as a call, so "no field
                    // `f`" would be the same mistake again.
                    StmtKind::Expr(Expr {
                        kind: ExprKind::Error,
                        span: place.span,
                    })
                }
                None => StmtKind::Expr(place),
            })
            .boxed();

        let if_stmt = kw(Kw::If)
            .ignore_then(condition.clone())
            .then(stmt.clone())
            .then(kw(Kw::Else).ignore_then(stmt.clone()).or_not())
            .map(|((cond, then_branch), else_branch)| {
                StmtKind::If(Box::new(IfStmt {
                    cond,
                    then_branch,
                    else_branch,
                }))
            });
        // A misspelt `while` or `if` (`whlie (x < 3) {`, `fi (b) {`): an
        // identifier close to the keyword, a parenthesised condition and a
        // block, which no call can be followed by. One E0001, and the
        // statement is read as the keyword's, its condition unchecked (it
        // was written for the keyword), rather than as a call of an
        // unknown method missing its `;` (E0105 and E0001 for one typo).
        let misspelt = select! { Token::Ident(name) => name }
            .filter(|name: &&str| misspelt_keyword(name).is_some())
            .map_with(|name, e| (name, e.span()))
            .then(condition.clone())
            .then_ignore(punct(Punct::LBrace).rewind())
            .then(stmt.clone())
            .then(kw(Kw::Else).ignore_then(stmt.clone()).or_not())
            .validate(|((((name, at), cond), body), else_branch), _, emitter| {
                let word = misspelt_keyword(name).unwrap_or("while");
                emitter.emit(Rich::custom(
                    at,
                    format!("expected statement, found `{name}`: did you mean `{word}`?"),
                ));
                let cond = Expr {
                    kind: ExprKind::Error,
                    span: cond.span,
                };
                if word == "if" || else_branch.is_some() {
                    StmtKind::If(Box::new(IfStmt {
                        cond,
                        then_branch: body,
                        else_branch,
                    }))
                } else {
                    StmtKind::While(Box::new(WhileStmt { cond, body }))
                }
            });
        // A method header in a body (`int total() {`, `Data<o> first() {`)
        // is a member read as a statement: the body before it is missing
        // its `}`. One E0001 at the `(`, and the header with its body is
        // skipped as one statement, so `Data<o> first()` is not read as
        // comparisons and its `{ return null; }` not checked as a block of
        // the method left open.
        let member_header = ty()
            .then(ident())
            .ignore_then(punct(Punct::LParen).map_with(|_, e| e.span()).rewind())
            .then_ignore(group(Punct::LParen, true))
            .then_ignore(accesses_and_where_tail())
            .then_ignore(group(Punct::LBrace, true).or_not())
            .validate(|at, _, emitter| {
                emitter.emit(Rich::custom(
                    at,
                    "expected `;`, found `(`: a method declared inside a body (is a `}` missing before it?)",
                ));
                StmtKind::Error
            });
        let while_stmt = kw(Kw::While)
            .ignore_then(condition.clone())
            .then(stmt.clone())
            .map(|(cond, body)| StmtKind::While(Box::new(WhileStmt { cond, body })));
        let for_init =
            choice((var.clone(), local.clone(), simple.clone())).map_with(|k, e| mk(k, e.span()));
        // A head whose condition or step does not parse (`k < ;`) is one
        // E0001 and keeps its other parts: the loop variable is declared
        // and the body checked (see `expr_before`). An empty condition or
        // step is no error.
        let for_cond = choice((
            punct(Punct::Semi).rewind().to(None),
            expr_before(expr.clone(), punct(Punct::Semi).ignored()).map(Some),
        ));
        let close_paren = || punct(Punct::RParen).ignored().rewind();
        let for_step = choice((
            close_paren().to(None),
            simple
                .clone()
                .then_ignore(close_paren())
                .map_with(|k, e| mk(k, e.span()))
                .recover_with(via_parser(broken_expr().then_ignore(close_paren()).map(
                    |s| {
                        mk(
                            StmtKind::Expr(Expr {
                                kind: ExprKind::Error,
                                span: span(s),
                            }),
                            s,
                        )
                    },
                )))
                .map(Some),
        ));
        let for_stmt = kw(Kw::For)
            .ignore_then(
                for_init
                    .or_not()
                    .then_ignore(semi())
                    .then(for_cond)
                    .then_ignore(semi())
                    .then(for_step)
                    .delimited_by(punct(Punct::LParen), punct(Punct::RParen)),
            )
            .then(stmt.clone())
            .map(|(((init, cond), step), body)| {
                StmtKind::For(Box::new(ForStmt {
                    init,
                    cond,
                    step,
                    body,
                }))
            });
        let ret = kw(Kw::Return)
            .ignore_then(expr.clone().or_not())
            .then_ignore(end_semi())
            .map(StmtKind::Return);
        let brk = kw(Kw::Break).then(semi()).to(StmtKind::Break);
        let cont = kw(Kw::Continue).then(semi()).to(StmtKind::Continue);

        // `region r [: Kind] [LT(n) | VT] { … }` and `region s = h.sub { … }`
        let region_spec = punct(Punct::Colon).ignore_then(choice((
            policy().map(|p| (None, Some(p))),
            region_kind_name()
                .then(policy().or_not())
                .map(|(k, p)| (Some(k), p)),
        )));
        let region_header = region_spec
            .or_not()
            .then_ignore(punct(Punct::LBrace).rewind());
        // A broken header (`region r : LT 1024) {`) is one E0001; the region
        // is still opened, as a plain one of the kind named if any, so its
        // body is checked without "owner `r` is not in scope" after it. A
        // `=` is left alone: `region s = h.sub {` is the subregion form.
        let region_header = region_header
            .recover_with(via_parser(
                punct(Punct::Colon)
                    .ignore_then(region_kind_name().or_not())
                    .or_not()
                    .then_ignore(up_to_block(true))
                    .map(|kind| kind.flatten().map(|k| (Some(k), None))),
            ))
            .boxed();
        let region = kw(Kw::Region)
            .ignore_then(ident())
            .then(region_header)
            .then(block.clone())
            .map(|((name, spec), body)| {
                let (kind, policy) = spec.unwrap_or((None, None));
                StmtKind::Region(Box::new(RegionStmt {
                    name,
                    kind,
                    policy,
                    body,
                }))
            });
        let subregion = kw(Kw::Region)
            .ignore_then(ident())
            .then_ignore(punct(Punct::Assign))
            .then(expr.clone())
            .then(block.clone())
            .validate(|((name, path), body), _, emitter| match path.kind {
                ExprKind::Field(access) => StmtKind::Subregion(Box::new(SubregionStmt {
                    name,
                    handle: access.object,
                    sub: access.field,
                    body,
                })),
                _ => {
                    emitter.emit(Rich::custom(
                        super::tok_span(path.span),
                        "expected a subregion `handle.name` after `=`",
                    ));
                    StmtKind::Error
                }
            });

        let fork = choice((kw(Kw::Fork).to(false), kw(Kw::Rtfork).to(true)))
            .then(expr.clone())
            .then_ignore(end_semi())
            .validate(|(realtime, call), _, emitter| {
                if !matches!(call.kind, ExprKind::Call { .. } | ExprKind::Error) {
                    emitter.emit(Rich::custom(
                        super::tok_span(call.span),
                        "`fork` and `rtfork` take a method call: `fork e.m(args);`",
                    ));
                }
                StmtKind::Fork {
                    realtime,
                    call: Box::new(call),
                }
            });
        let print = kw(Kw::Print)
            .ignore_then(args(expr.clone()))
            .then_ignore(end_semi())
            .map(StmtKind::Print);
        let send = kw(Kw::Send)
            .ignore_then(
                expr.clone()
                    .then_ignore(punct(Punct::Comma))
                    .then(ident())
                    .then(args(expr.clone()).or_not())
                    .delimited_by(punct(Punct::LParen), punct(Punct::RParen)),
            )
            .then_ignore(end_semi())
            .map(|((endpoint, message), args)| {
                StmtKind::Send(Box::new(SendStmt {
                    endpoint,
                    message,
                    args: args.unwrap_or_default(),
                }))
            });
        let close = kw(Kw::Close)
            .ignore_then(
                expr.clone()
                    .then_ignore(punct(Punct::Comma))
                    .then(expr.clone())
                    .delimited_by(punct(Punct::LParen), punct(Punct::RParen)),
            )
            .then_ignore(end_semi())
            .map(|(first, second)| StmtKind::Close(Box::new(CloseStmt { first, second })));
        let arm_head = ident()
            .separated_by(punct(Punct::Comma))
            .collect::<Vec<_>>()
            .delimited_by(punct(Punct::LParen), punct(Punct::RParen))
            .or_not()
            .then_ignore(punct(Punct::FatArrow));
        // A broken arm head (`Req(x => {`, `Req(x) {`) is one E0001; the arm
        // is kept with the names it binds, so its body is checked and the
        // switch still covers its message (no E0704 after it).
        let arm_head = arm_head
            .recover_with(via_parser(
                punct(Punct::LParen)
                    .ignore_then(
                        ident()
                            .separated_by(punct(Punct::Comma))
                            .allow_trailing()
                            .collect::<Vec<_>>(),
                    )
                    .or_not()
                    .then_ignore(up_to_block(false)),
            ))
            .boxed();
        let arm = ident().then(arm_head).then(block.clone()).map_with(
            |((message, bindings), body), e| ReceiveArm {
                message,
                bindings: bindings.unwrap_or_default(),
                body,
                span: span(e.span()),
            },
        );
        // A broken head (`switch receive f {`, `switch receive (f {`,
        // `switch receive f) {`) is one E0001; the endpoint written is
        // still the one switched on, so the arms are checked as written
        // (and the endpoint's state followed). A head that does not even
        // hold an expression switches on an erroneous endpoint.
        let switch_head = condition
            .clone()
            .recover_with(via_parser(
                punct(Punct::LParen)
                    .or_not()
                    .ignore_then(expr.clone())
                    .then_ignore(punct(Punct::RParen).or_not())
                    .then_ignore(punct(Punct::LBrace).rewind()),
            ))
            .recover_with(via_parser(up_to_block(false).map_with(|_, e| Expr {
                kind: ExprKind::Error,
                span: span(e.span()),
            })))
            .boxed();
        let switch = kw(Kw::Switch)
            .ignore_then(kw(Kw::Receive))
            .ignore_then(switch_head)
            .then(
                arm.repeated()
                    .collect::<Vec<_>>()
                    .delimited_by(punct(Punct::LBrace), close_brace()),
            )
            .map(|(endpoint, arms)| {
                StmtKind::SwitchReceive(Box::new(SwitchReceiveStmt { endpoint, arms }))
            });
        let cut = just(Token::Error).then(semi().or_not()).to(StmtKind::Error);
        // `;` alone: Java's empty statement.
        let empty = punct(Punct::Semi).map_with(|_, e| {
            StmtKind::Block(Block {
                stmts: Vec::new(),
                span: span(e.span()),
            })
        });

        let keyword_led = choice((
            block.clone().map(StmtKind::Block),
            if_stmt,
            while_stmt,
            for_stmt,
            ret,
            brk,
            cont,
            region,
            subregion,
            fork,
            print,
            send,
            close,
            switch,
            open.then_ignore(end_semi()),
            var.then_ignore(local_end()),
        ))
        .boxed();
        // One look at the first token decides whether a keyword-led form
        // can apply, instead of sixteen attempts in vain per assignment.
        let keyword_led = any()
            .filter(|t: &Token<'s>| starts_keyword_led(t.kind()))
            .rewind()
            .ignore_then(keyword_led);
        // A statement that starts with two names (`Foo z …`) can only be
        // a local declaration: when that fails, its error stands, and the
        // statement is not read again as the expression `Foo` (which
        // reported "not a statement" at `Foo`, far from the mistake).
        let not_two_names = any()
            .then(any().or_not())
            .filter(|(first, second): &(Token<'s>, Option<Token<'s>>)| {
                !matches!((first, second), (Token::Ident(_), Some(Token::Ident(_))))
            })
            .rewind();
        let statement = choice((
            keyword_led,
            misspelt,
            member_header,
            decl_local.then_ignore(local_end()),
            not_two_names.ignore_then(simple).then_ignore(end_semi()),
            cut,
            empty,
        ))
        .map_with(|kind, e| mk(kind, e.span()));
        statement
            .labelled("statement")
            .recover_with(via_parser(skip_statement().map(|s| mk(StmtKind::Error, s))))
            .boxed()
    })
}
