//! Expressions: `exprs.rs` of the chumsky grammar. The operators are read
//! by precedence climbing with chumsky's binding powers (`prefix(8, …)`,
//! `infix(left(n), …)`: a left-associative level `n` binds at `2n` and
//! reads its right side at `2n + 1`; a prefix operator reads its operand at
//! 16), so the trees are the same.

use super::Cursor;
use crate::ast::{BinaryOp, Expr, ExprKind, ReceiveExpr, UnaryOp};
use crate::parser::build::{self, CallArgs, Postfix};
use crate::parser::literals::{decode_string, parse_float, parse_int};
use crate::span::Span;
use crate::token::{Kind, Kw, Punct};

/// A prefix operator's binding power: above every infix level.
const PREFIX_POWER: u32 = 16;

/// The infix operator `t` stands for, and its precedence level.
fn infix(t: Kind) -> Option<(BinaryOp, u32)> {
    let Kind::Punct(p) = t else {
        return None;
    };
    Some(match p {
        Punct::Star => (BinaryOp::Mul, 7),
        Punct::Slash => (BinaryOp::Div, 7),
        Punct::Percent => (BinaryOp::Rem, 7),
        Punct::Plus => (BinaryOp::Add, 6),
        Punct::Minus => (BinaryOp::Sub, 6),
        Punct::Lt => (BinaryOp::Lt, 5),
        Punct::Le => (BinaryOp::Le, 5),
        Punct::Gt => (BinaryOp::Gt, 5),
        Punct::Ge => (BinaryOp::Ge, 5),
        Punct::EqEq => (BinaryOp::Eq, 4),
        Punct::Ne => (BinaryOp::Ne, 4),
        Punct::AndAnd => (BinaryOp::And, 3),
        Punct::OrOr => (BinaryOp::Or, 2),
        _ => return None,
    })
}

fn mk(kind: ExprKind, span: Span) -> Expr {
    Expr { kind, span }
}

impl Cursor<'_, '_> {
    pub(super) fn expr(&mut self) -> Option<Expr> {
        self.operators(0)
    }

    /// An expression whose operators all bind at `min_power` or more.
    fn operators(&mut self, min_power: u32) -> Option<Expr> {
        let start = self.pos;
        let prefix = match self.peek()? {
            Kind::Punct(Punct::Minus) => Some(UnaryOp::Neg),
            Kind::Punct(Punct::Bang) => Some(UnaryOp::Not),
            _ => None,
        };
        let mut lhs = match prefix {
            Some(op) => {
                self.pos += 1;
                let operand = self.operators(PREFIX_POWER)?;
                build::unary(op, operand, self.span_from(start))
            }
            None => self.primary()?,
        };
        while let Some((op, level)) = self.peek().and_then(infix) {
            if level * 2 < min_power {
                break;
            }
            let before = self.pos;
            self.pos += 1;
            // As chumsky's pratt parser: an operator whose right side does
            // not read ends the expression before the operator.
            let Some(rhs) = self.operators(level * 2 + 1) else {
                self.pos = before;
                break;
            };
            lhs = build::binary(lhs, op, rhs);
        }
        Some(lhs)
    }

    /// `(e, …)`
    pub(super) fn args(&mut self) -> Option<Vec<Expr>> {
        self.delimited(Punct::LParen, Punct::RParen, false, false, Self::expr)
    }

    /// `<owners>(args)` or `(args)` after a method's name; `None`,
    /// consuming nothing, when no argument list follows.
    fn call_args(&mut self) -> Option<CallArgs> {
        if !matches!(self.peek(), Some(Kind::Punct(Punct::Lt | Punct::LParen))) {
            return None;
        }
        self.attempt(|p| {
            let owners = p.owner_list_opt();
            let args = p.args()?;
            Some((owners, args))
        })
    }

    /// An atom and its postfix steps: `.f`, `.m(…)`, `[i]`.
    fn primary(&mut self) -> Option<Expr> {
        let mut object = self.atom()?;
        loop {
            let start = self.pos;
            let step = match self.peek() {
                Some(Kind::Punct(Punct::Dot)) => {
                    self.pos += 1;
                    let Some(name) = self.ident() else {
                        self.pos = start;
                        break;
                    };
                    match self.call_args() {
                        Some((owners, args)) => Postfix::Call(name, owners, args),
                        None => Postfix::Field(name),
                    }
                }
                Some(Kind::Punct(Punct::LBracket)) => {
                    let index = self.attempt(|p| {
                        p.pos += 1;
                        let index = p.expr()?;
                        p.punct(Punct::RBracket)?;
                        Some(index)
                    });
                    let Some(index) = index else {
                        break;
                    };
                    Postfix::Index(index)
                }
                _ => break,
            };
            object = build::postfix(object, step, self.span_from(start));
        }
        Some(object)
    }

    fn atom(&mut self) -> Option<Expr> {
        let start = self.pos;
        let (token, span) = self.bump()?;
        let kind = match token {
            Kind::Ident => {
                self.pos = start;
                return self.name_or_call();
            }
            Kind::Int => ExprKind::Int(parse_int(self.text(span))?),
            Kind::Float => ExprKind::Float(parse_float(self.text(span))?),
            Kind::Kw(Kw::True) => ExprKind::Bool(true),
            Kind::Kw(Kw::False) => ExprKind::Bool(false),
            Kind::Kw(Kw::Null) => ExprKind::Null,
            Kind::Kw(Kw::This) => ExprKind::This,
            Kind::Kw(Kw::Heap) => ExprKind::Heap,
            Kind::Kw(Kw::Immortal) => ExprKind::Immortal,
            Kind::Str => ExprKind::Str(decode_string(self.text(span)).into()),
            Kind::Error => ExprKind::Error,
            Kind::Punct(Punct::LParen) => {
                let inner = self.expr()?;
                self.punct(Punct::RParen)?;
                inner.kind
            }
            Kind::Kw(Kw::New) => return self.new_expr(start),
            Kind::Kw(Kw::Int) => return self.convert(false, span),
            Kind::Kw(Kw::Float) => return self.convert(true, span),
            Kind::Kw(Kw::Receive) => {
                self.punct(Punct::LParen)?;
                let endpoint = self.expr()?;
                self.punct(Punct::Comma)?;
                let message = self.ident()?;
                self.punct(Punct::RParen)?;
                ExprKind::Receive(Box::new(ReceiveExpr { endpoint, message }))
            }
            Kind::Kw(Kw::Take) => {
                self.punct(Punct::LParen)?;
                let place = self.expr()?;
                self.punct(Punct::RParen)?;
                ExprKind::Take(Box::new(place))
            }
            _ => return None,
        };
        Some(mk(kind, self.span_from(start)))
    }

    /// A name, or a call `m(…)` / `m<o>(…)` of a method of `this` or a
    /// built-in.
    fn name_or_call(&mut self) -> Option<Expr> {
        let start = self.pos;
        let name = self.ident()?;
        let call = self.call_args();
        Some(mk(build::name_or_call(name, call), self.span_from(start)))
    }

    /// `int(e)` / `float(e)` after the keyword (at `name`); with another
    /// number of arguments, a call of the built-in of that name.
    fn convert(&mut self, to_float: bool, name: Span) -> Option<Expr> {
        let start = self.pos - 1;
        let args = self.args()?;
        Some(mk(
            build::convert(to_float, name, args),
            self.span_from(start),
        ))
    }

    /// `new C<o…>(args)` or `new elem[]<o>(n)`, after `new` (at `start`).
    /// `None` for the forms the grammar reports (`new int(1)`, an array of
    /// `void`, an array with other than one length).
    fn new_expr(&mut self, start: usize) -> Option<Expr> {
        let base = self.base_type()?;
        let suffixes = self.array_suffixes();
        let args = self.args()?;
        let span = self.span_from(start);
        let kind = build::new_expr(base, suffixes, args, span).ok()?;
        Some(mk(kind, span))
    }
}
