//! Tree building shared by the two readings of the grammar (the chumsky
//! grammar and the hand-written first pass in `descent/`): where a form's
//! tree, or whether it is a syntax error, depends on more than its tokens,
//! the rule is written once, here.

use crate::ast::{
    BinaryOp, CallExpr, Expr, ExprKind, FieldExpr, Ident, NewArrayExpr, NewExpr, Owner, Type,
    TypeKind, UnaryOp,
};
use crate::parser::types::{void_element, wrap_arrays};
use crate::span::Span;

/// What follows a method's name: explicit owner arguments and the
/// arguments.
pub(crate) type CallArgs = (Option<Vec<Owner>>, Vec<Expr>);

/// `m(args)` (a call of a method of `this` or of a built-in) when arguments
/// follow the name, else the name itself.
pub(crate) fn name_or_call(name: Ident, call: Option<CallArgs>) -> ExprKind {
    match call {
        Some((owners, args)) => ExprKind::Call(Box::new(CallExpr {
            receiver: None,
            method: name,
            owners,
            args,
        })),
        None => ExprKind::Name(name.name),
    }
}

/// `int(e)` and `float(e)` are conversions; with another number of
/// arguments they stay calls of the built-ins `int`/`float` (the keyword at
/// `name`), so the checker reports the argument count (E0108), not a
/// syntax error.
pub(crate) fn convert(to_float: bool, name: Span, mut args: Vec<Expr>) -> ExprKind {
    if args.len() == 1
        && let Some(operand) = args.pop()
    {
        return ExprKind::Convert {
            to_float,
            operand: Box::new(operand),
        };
    }
    ExprKind::Call(Box::new(CallExpr {
        receiver: None,
        method: Ident {
            name: if to_float { "float" } else { "int" }.into(),
            span: name,
        },
        owners: None,
        args,
    }))
}

/// One postfix step after an atom.
pub(crate) enum Postfix {
    Field(Ident),
    Call(Ident, Option<Vec<Owner>>, Vec<Expr>),
    Index(Expr),
}

/// `object` followed by `step` (written at `step_span`).
pub(crate) fn postfix(object: Expr, step: Postfix, step_span: Span) -> Expr {
    let span = object.span.to(step_span);
    let kind = match step {
        Postfix::Field(field) => ExprKind::Field(Box::new(FieldExpr { object, field })),
        Postfix::Call(method, owners, args) => ExprKind::Call(Box::new(CallExpr {
            receiver: Some(object),
            method,
            owners,
            args,
        })),
        Postfix::Index(index) => ExprKind::Index {
            array: Box::new(object),
            index: Box::new(index),
        },
    };
    Expr { kind, span }
}

/// `left op right`.
pub(crate) fn binary(left: Expr, op: BinaryOp, right: Expr) -> Expr {
    let span = left.span.to(right.span);
    Expr {
        kind: ExprKind::Binary {
            op,
            left: Box::new(left),
            right: Box::new(right),
        },
        span,
    }
}

/// `op operand`, written at `span`.
pub(crate) fn unary(op: UnaryOp, operand: Expr, span: Span) -> Expr {
    Expr {
        kind: ExprKind::Unary {
            op,
            operand: Box::new(operand),
        },
        span,
    }
}

/// `new base suffixes (args)`: an object of a class, or an array with one
/// length; otherwise the syntax error's place and message.
pub(crate) fn new_expr(
    base: Type,
    suffixes: Vec<(Option<Owner>, Span)>,
    args: Vec<Expr>,
    whole: Span,
) -> Result<ExprKind, (Span, &'static str)> {
    if suffixes.is_empty() {
        if !matches!(base.kind, TypeKind::Class { .. }) {
            return Err((
                base.span,
                "`new` makes objects of classes or arrays: add `[]` to make an array",
            ));
        }
        return Ok(ExprKind::New(Box::new(NewExpr { class: base, args })));
    }
    let ty = wrap_arrays(base, suffixes);
    if let Some(at) = void_element(&ty) {
        return Err((at, "an array's elements cannot be `void`"));
    }
    let mut args = args.into_iter();
    match (args.next(), args.next()) {
        (Some(len), None) => Ok(ExprKind::NewArray(Box::new(NewArrayExpr { ty, len }))),
        _ => Err((
            whole,
            "an array is made with exactly one length: `new T[]<o>(n)`",
        )),
    }
}
