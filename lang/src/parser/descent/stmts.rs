//! Statements and blocks: `stmts.rs` of the chumsky grammar as it reads
//! a file without errors (a statement ends at its `;`).

use super::Cursor;
use crate::ast::{
    ANY_SHARED_KIND, AssignOp, AssignStmt, Block, CloseStmt, Expr, ExprKind, ForStmt, Ident,
    IfStmt, LocalStmt, Name, OpenStmt, ReceiveArm, RegionStmt, SendStmt, Stmt, StmtKind,
    SubregionStmt, SwitchReceiveStmt, WhileStmt,
};
use crate::parser::stmts::{is_effectful, is_place, starts_keyword_led};
use crate::token::{Kind, Kw, Punct};
use std::sync::Arc;

fn assign_op(t: Kind) -> Option<AssignOp> {
    match t {
        Kind::Punct(Punct::Assign) => Some(AssignOp::Set),
        Kind::Punct(Punct::PlusAssign) => Some(AssignOp::Add),
        Kind::Punct(Punct::MinusAssign) => Some(AssignOp::Sub),
        Kind::Punct(Punct::StarAssign) => Some(AssignOp::Mul),
        Kind::Punct(Punct::SlashAssign) => Some(AssignOp::Div),
        _ => None,
    }
}

/// False when a statement starting with `first`, `second` cannot be a
/// local declaration `T x …`: a class type is a name followed by a name,
/// an owner list or an array suffix.
fn may_start_local(first: &Kind, second: Option<&Kind>) -> bool {
    match first {
        Kind::Ident => matches!(
            second,
            Some(Kind::Ident | Kind::Punct(Punct::Lt | Punct::LBracket))
        ),
        _ => true,
    }
}

impl Cursor<'_, '_> {
    /// `{ stmt* }`
    pub(super) fn block(&mut self) -> Option<Block> {
        let start = self.pos;
        self.punct(Punct::LBrace)?;
        let mut stmts = Vec::new();
        while let Some(stmt) = self.attempt(Self::statement) {
            stmts.push(stmt);
        }
        self.punct(Punct::RBrace)?;
        Some(Block {
            stmts: super::exact(stmts),
            span: self.span_from(start),
        })
    }

    /// The body of a method, constructor or `main`.
    pub(super) fn body(&mut self) -> Option<Arc<Block>> {
        self.block().map(Arc::new)
    }

    fn statement(&mut self) -> Option<Stmt> {
        let start = self.pos;
        let first = self.peek()?;
        let kind = if starts_keyword_led(first) {
            self.keyword_led(first)?
        } else if let Some(local) = self.attempt(|p| {
            let local = p.local()?;
            p.punct(Punct::Semi)?;
            Some(local)
        }) {
            local
        } else if let Some(simple) = self.attempt(|p| {
            let simple = p.simple()?;
            p.punct(Punct::Semi)?;
            Some(simple)
        }) {
            simple
        } else if first == Kind::Error {
            self.pos += 1;
            self.eat_punct(Punct::Semi);
            StmtKind::Error
        } else {
            self.punct(Punct::Semi)?;
            StmtKind::Block(Block {
                stmts: Vec::new(),
                span: self.span_from(start),
            })
        };
        Some(Stmt {
            kind,
            span: self.span_from(start),
        })
    }

    /// `T x` or `T x = e` (no `;`); only where the first two tokens may
    /// start a type and a name.
    fn local(&mut self) -> Option<StmtKind> {
        if !may_start_local(&self.peek()?, self.peek_at(1).as_ref()) {
            return None;
        }
        let ty = self.value_ty()?;
        let name = self.ident()?;
        let init = self.attempt(|p| {
            p.punct(Punct::Assign)?;
            p.expr()
        });
        Some(StmtKind::Local(Box::new(LocalStmt {
            ty: Some(ty),
            name,
            init,
        })))
    }

    /// `var x = e` (no `;`).
    fn var(&mut self) -> Option<StmtKind> {
        self.kw(Kw::Var)?;
        let name = self.ident()?;
        self.punct(Punct::Assign)?;
        let init = self.expr()?;
        Some(StmtKind::Local(Box::new(LocalStmt {
            ty: None,
            name,
            init: Some(init),
        })))
    }

    /// An assignment or an expression statement (no `;`); `None` for an
    /// expression that cannot be assigned to or cannot stand alone.
    fn simple(&mut self) -> Option<StmtKind> {
        let place = self.expr()?;
        let assign = self.attempt(|p| {
            let op = assign_op(p.peek()?)?;
            p.pos += 1;
            Some((op, p.expr()?))
        });
        match assign {
            Some((op, value)) => is_place(&place)
                .then(|| StmtKind::Assign(Box::new(AssignStmt { place, op, value }))),
            None => is_effectful(&place).then_some(StmtKind::Expr(place)),
        }
    }

    /// `simple`, as a statement of a `for` header.
    fn simple_stmt(&mut self) -> Option<Stmt> {
        let start = self.pos;
        let kind = self.simple()?;
        Some(Stmt {
            kind,
            span: self.span_from(start),
        })
    }

    /// `(e)`
    fn paren_expr(&mut self) -> Option<Expr> {
        self.punct(Punct::LParen)?;
        let e = self.expr()?;
        self.punct(Punct::RParen)?;
        Some(e)
    }

    /// The statements that start with a keyword or `{` (`first`).
    fn keyword_led(&mut self, first: Kind) -> Option<StmtKind> {
        if first == Kind::Punct(Punct::LBrace) {
            return self.block().map(StmtKind::Block);
        }
        let Kind::Kw(k) = first else {
            return None;
        };
        self.pos += 1;
        let kind = match k {
            Kw::If => {
                let cond = self.paren_expr()?;
                let then_branch = self.statement()?;
                let else_branch = self.attempt(|p| {
                    p.kw(Kw::Else)?;
                    p.statement()
                });
                StmtKind::If(Box::new(IfStmt {
                    cond,
                    then_branch,
                    else_branch,
                }))
            }
            Kw::While => {
                let cond = self.paren_expr()?;
                let body = self.statement()?;
                StmtKind::While(Box::new(WhileStmt { cond, body }))
            }
            Kw::For => self.for_rest()?,
            Kw::Return => {
                let value = self.attempt(Self::expr);
                self.punct(Punct::Semi)?;
                StmtKind::Return(value)
            }
            Kw::Break => {
                self.punct(Punct::Semi)?;
                StmtKind::Break
            }
            Kw::Continue => {
                self.punct(Punct::Semi)?;
                StmtKind::Continue
            }
            Kw::Region => self.region_rest()?,
            Kw::Fork | Kw::Rtfork => {
                let call = self.expr()?;
                self.punct(Punct::Semi)?;
                if !matches!(call.kind, ExprKind::Call { .. } | ExprKind::Error) {
                    return None;
                }
                StmtKind::Fork {
                    realtime: k == Kw::Rtfork,
                    call: Box::new(call),
                }
            }
            Kw::Print => {
                let args = self.args()?;
                self.punct(Punct::Semi)?;
                StmtKind::Print(args)
            }
            Kw::Send => {
                self.punct(Punct::LParen)?;
                let endpoint = self.expr()?;
                self.punct(Punct::Comma)?;
                let message = self.ident()?;
                let args = self.attempt(Self::args).unwrap_or_default();
                self.punct(Punct::RParen)?;
                self.punct(Punct::Semi)?;
                StmtKind::Send(Box::new(SendStmt {
                    endpoint,
                    message,
                    args,
                }))
            }
            Kw::Close => {
                self.punct(Punct::LParen)?;
                let first = self.expr()?;
                self.punct(Punct::Comma)?;
                let second = self.expr()?;
                self.punct(Punct::RParen)?;
                self.punct(Punct::Semi)?;
                StmtKind::Close(Box::new(CloseStmt { first, second }))
            }
            Kw::Switch => self.switch_rest()?,
            Kw::Var => {
                self.pos -= 1;
                let kind = match self.attempt(Self::open) {
                    Some(open) => open,
                    None => self.var()?,
                };
                self.punct(Punct::Semi)?;
                kind
            }
            _ => return None,
        };
        Some(kind)
    }

    /// `var (a, b) = open C` (no `;`).
    fn open(&mut self) -> Option<StmtKind> {
        self.kw(Kw::Var)?;
        self.punct(Punct::LParen)?;
        let first = self.ident()?;
        self.punct(Punct::Comma)?;
        let second = self.ident()?;
        self.punct(Punct::RParen)?;
        self.punct(Punct::Assign)?;
        self.kw(Kw::Open)?;
        let contract = self.ident()?;
        Some(StmtKind::Open(Box::new(OpenStmt {
            first,
            second,
            contract,
        })))
    }

    /// `(init; cond; step) body` after `for`.
    fn for_rest(&mut self) -> Option<StmtKind> {
        self.punct(Punct::LParen)?;
        let init = self.attempt(|p| {
            let start = p.pos;
            let kind = match p.attempt(Self::var) {
                Some(var) => var,
                None => match p.attempt(Self::local) {
                    Some(local) => local,
                    None => p.simple()?,
                },
            };
            Some(Stmt {
                kind,
                span: p.span_from(start),
            })
        });
        self.punct(Punct::Semi)?;
        let cond = self.attempt(Self::expr);
        self.punct(Punct::Semi)?;
        let step = self.attempt(Self::simple_stmt);
        self.punct(Punct::RParen)?;
        let body = self.statement()?;
        Some(StmtKind::For(Box::new(ForStmt {
            init,
            cond,
            step,
            body,
        })))
    }

    /// After `region`: `r [: Kind] [LT(n) | VT] { … }` or `s = h.sub { … }`.
    fn region_rest(&mut self) -> Option<StmtKind> {
        let name = self.ident()?;
        let after_name = self.pos;
        let spec = self.attempt(|p| {
            p.punct(Punct::Colon)?;
            match p.attempt(Self::policy) {
                Some(policy) => Some((None, Some(policy))),
                None => {
                    let kind = p.region_kind_name()?;
                    Some((Some(kind), p.attempt(Self::policy)))
                }
            }
        });
        if self.peek() == Some(Kind::Punct(Punct::LBrace)) {
            let (kind, policy) = spec.unwrap_or((None, None));
            if let Some(body) = self.attempt(Self::block) {
                return Some(StmtKind::Region(Box::new(RegionStmt {
                    name,
                    kind,
                    policy,
                    body,
                })));
            }
        }
        self.pos = after_name;
        self.punct(Punct::Assign)?;
        let path = self.expr()?;
        let body = self.block()?;
        match path.kind {
            ExprKind::Field(access) => Some(StmtKind::Subregion(Box::new(SubregionStmt {
                name,
                handle: access.object,
                sub: access.field,
                body,
            }))),
            _ => None,
        }
    }

    /// The kind in a region header: a region kind's name, or `Shared`
    /// (as `common::region_kind_name`).
    fn region_kind_name(&mut self) -> Option<Ident> {
        match self.next_spanned() {
            Some((Kind::Kw(Kw::SharedKw), span)) => {
                self.pos += 1;
                Some(Ident {
                    name: Name::new(ANY_SHARED_KIND),
                    span,
                })
            }
            _ => self.ident(),
        }
    }

    /// After `switch`: `receive (e) { M(x, …) => { … } … }`.
    fn switch_rest(&mut self) -> Option<StmtKind> {
        self.kw(Kw::Receive)?;
        let endpoint = self.paren_expr()?;
        self.punct(Punct::LBrace)?;
        let mut arms = Vec::new();
        while let Some(arm) = self.attempt(Self::arm) {
            arms.push(arm);
        }
        self.punct(Punct::RBrace)?;
        Some(StmtKind::SwitchReceive(Box::new(SwitchReceiveStmt {
            endpoint,
            arms,
        })))
    }

    /// `M(x, …) => { … }` or `M => { … }`.
    fn arm(&mut self) -> Option<ReceiveArm> {
        let start = self.pos;
        let message = self.ident()?;
        let bindings = self
            .attempt(|p| p.delimited(Punct::LParen, Punct::RParen, false, false, Self::ident))
            .unwrap_or_default();
        self.punct(Punct::FatArrow)?;
        let body = self.block()?;
        Some(ReceiveArm {
            message,
            bindings,
            body,
            span: self.span_from(start),
        })
    }
}
