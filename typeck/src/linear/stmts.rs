//! Statements: blocks and their scopes, declarations, assignments, `if`,
//! `return`, and the join of the paths that meet after a branch. Loops are
//! in `loops.rs`, endpoint operations in `channels.rs`.
//!
//! Scope ends: an endpoint still open at the end of its block leaks
//! (E0705), reported at the block's closing brace (for a branch that is a
//! single statement, at that statement's last character), or at the
//! `return`, `break` or `continue` that leaves its scope. Code after
//! `return`, `break` or `continue` in the same block is not walked: it
//! cannot run, and the branch takes no part in the join.

use super::errors::{self, Leak};
use super::flow::{Mark, VarIx};
use super::lattice::Slot;
use super::paths::{Conflict, Path};
use super::walker::{closing, keyword, Linear, Value, Walker};
use crate::ty::Ty;
use ownc_lang::ast::{
    AssignOp, AssignStmt, Block, Expr, ExprKind, IfStmt, LocalStmt, Stmt, StmtKind,
};
use ownc_lang::Span;

impl Walker<'_, '_> {
    pub fn block(&mut self, block: &Block) {
        self.push_scope();
        self.block_in_scope(block);
        self.pop_scope(closing(block.span));
    }

    /// A block's statements in the innermost scope, which the caller pops
    /// at the block's closing brace: a method's body shares its scope with
    /// the parameters, an arm's with its bindings, so that the endpoints
    /// lost at that one brace are one E0705 naming them all, as any other
    /// block's are (§11, one error per mistake).
    pub fn block_in_scope(&mut self, block: &Block) {
        for stmt in &block.stmts {
            if !self.reachable {
                break;
            }
            self.stmt(stmt);
        }
        self.reach(block.span);
    }

    /// A statement in a position of its own (a branch, a loop body).
    pub fn nested(&mut self, stmt: &Stmt) {
        self.push_scope();
        self.stmt(stmt);
        self.reach(stmt.span);
        self.pop_scope(closing(stmt.span));
    }

    pub fn stmt(&mut self, stmt: &Stmt) {
        // A statement that follows the syntax error is not checked at all.
        if self.cutoff.is_some_and(|at| stmt.span.start >= at) {
            self.past_cutoff = true;
        }
        match &stmt.kind {
            StmtKind::Block(block) => self.block(block),
            StmtKind::Local(local) => self.local(local),
            StmtKind::Open(open) => self.open(open),
            StmtKind::Assign(assign) => self.assign(assign, stmt.span),
            StmtKind::Expr(expr) => {
                if let Value::Endpoint(side, Some(state)) = self.operand(expr) {
                    let state = self.state_name(&side, state);
                    self.report(errors::leak(
                        expr.span,
                        &[(String::new(), state)],
                        Leak::Dropped,
                    ));
                }
            }
            StmtKind::If(if_stmt) => self.if_stmt(if_stmt, stmt.span),
            StmtKind::While(w) => self.while_loop(&w.cond, &w.body, stmt.span),
            StmtKind::For(f) => self.for_loop(f, stmt.span),
            StmtKind::Return(value) => self.return_stmt(value.as_ref(), stmt.span),
            StmtKind::Break => self.jump(true, stmt.span),
            StmtKind::Continue => self.jump(false, stmt.span),
            StmtKind::Region(region) => self.block(&region.body),
            StmtKind::Subregion(sub) => {
                self.read(&sub.handle);
                self.block(&sub.body);
            }
            StmtKind::Fork { call, .. } => match &call.kind {
                ExprKind::Call(c) => {
                    let _ = self.call(c, true);
                }
                _ => self.read(call),
            },
            StmtKind::Print(values) => {
                for value in values {
                    self.read(value);
                }
            }
            StmtKind::Send(send) => self.send(send, stmt.span),
            StmtKind::Close(close) => self.close(close, stmt.span),
            StmtKind::SwitchReceive(switch) => self.switch_receive(switch, stmt.span),
            StmtKind::Error => {}
        }
        self.reach(stmt.span);
    }

    /// `T x [= e];` and `var x = e;`. The variable's type is the resolved
    /// one; a `var` whose type resolution does not know (a received payload,
    /// another received variable) takes the kind of its initialiser.
    fn local(&mut self, local: &LocalStmt) {
        let value = local.init.as_ref().map(|init| self.operand(init));
        let declared = self
            .facts
            .var(local.name.span.start)
            .map(|v| v.ty.clone())
            .unwrap_or(Ty::Unknown);
        // A written type decides alone (a mismatch is a type error).
        let inferred = local.ty.is_none();
        let kind = self.linear_of(&declared).or_else(|| match &value {
            _ if !inferred => None,
            Some(Value::Var(var, _)) => self.vars.get(*var as usize).map(|v| v.kind.clone()),
            Some(Value::Endpoint(side, _)) => Some(Linear::Endpoint(side.clone())),
            Some(Value::Rref | Value::Held(..)) => Some(Linear::Rref),
            _ => None,
        });
        let typed = (!inferred).then_some(&declared);
        let slot = match (value, &local.init) {
            (Some(value), Some(init)) => {
                let state = self.value_state(&value, &declared);
                // After an E0703 the state is unknown: one error per mistake.
                let fits = self.consume(value, typed, init.span);
                Slot::Live(state.filter(|_| fits))
            }
            // Not assigned yet: a read is E0112's, not a move's.
            _ => Slot::Gone(None),
        };
        if let Some(kind) = kind {
            self.declare(local.name.span.start, local.name.name, kind, slot);
        }
    }

    /// The state a variable of type `declared` holds after receiving
    /// `value`: the value's own when known, else what the type names.
    /// None (unknown) when the value is not an endpoint of that type's side:
    /// the mismatch is E0110, and the variable draws nothing more (no leak
    /// of an endpoint it never validly held).
    fn value_state(&mut self, value: &Value, declared: &Ty) -> Option<u32> {
        if !self.same_kind(value, declared) {
            return None;
        }
        let own = match value {
            Value::Var(var, _) => self.flow.get(*var).slot.state(),
            Value::Endpoint(_, state) => *state,
            Value::Rref | Value::Held(..) => None,
            // Not an endpoint at all (`null`, whose mismatch is E0110, or a
            // value whose error was reported): no state is sure, so nothing
            // more is reported about the variable (no leak after E0110).
            Value::Other => return None,
        };
        own.or_else(|| self.state_of_type(declared))
    }

    /// Whether `value` is a linear value of the kind `declared` names (the
    /// same side of the same contract for an endpoint). A declared type
    /// that is unknown or not linear says nothing, so it fits.
    fn same_kind(&self, value: &Value, declared: &Ty) -> bool {
        let Some(wanted) = self.linear_of(declared) else {
            return true;
        };
        let actual = match value {
            Value::Var(var, _) => self.vars.get(*var as usize).map(|v| v.kind.clone()),
            Value::Endpoint(side, _) => Some(Linear::Endpoint(side.clone())),
            Value::Rref | Value::Held(..) => Some(Linear::Rref),
            Value::Other => None,
        };
        actual.is_none_or(|actual| actual == wanted)
    }

    /// `place = value;`. A linear variable gets a new value (an endpoint it
    /// still held leaks, E0705); anything else (a field, a portal, an
    /// element) receives a moved value.
    fn assign(&mut self, assign: &AssignStmt, at: Span) {
        // `x op= e` is `x = x op e`: the operator only reads its operands
        // and gives no linear value (on rref values or endpoints it is
        // E0109, which is the one error: `p.next += p` moves nothing).
        if assign.op != AssignOp::Set {
            self.read(&assign.place);
            self.read(&assign.value);
            return;
        }
        let target = match &assign.place.kind {
            ExprKind::Name(_) => self.var_at(assign.place.span.start),
            _ => None,
        };
        let Some(var) = target else {
            let field = self.place(&assign.place);
            let value = self.operand(&assign.value);
            self.element_store(&assign.place, &value, assign.value.span);
            let _ = self.consume(value, None, assign.value.span);
            // The store happens after the value is evaluated: a value that
            // moved the object or array stored into (`p.next = p;`) leaves
            // no place to store in.
            match &assign.place.kind {
                ExprKind::Field(access) => self.use_again(&access.object),
                ExprKind::Index { array, .. } => self.use_again(array),
                _ => {}
            }
            // A nested rref given a new value holds one again (§10).
            if let Some(field) = field {
                self.flow.assign(field, Slot::Live(None));
                self.renew_fields(field);
            }
            return;
        };
        let value = self.operand(&assign.value);
        let declared = self
            .facts
            .use_at(assign.place.span.start)
            .map(|v| v.ty.clone())
            .unwrap_or(Ty::Unknown);
        let state = self.value_state(&value, &declared);
        // A value of another type (E0110: another side or contract, `null`,
        // a number) is not a new value for the endpoint: one mistake.
        let typed = self.same_kind(&value, &declared)
            && !(matches!(value, Value::Other) && self.side(var).is_some());
        // The variable takes the value's state: its written type names the
        // state it starts in, and flow changes that state anyway (§11: a
        // `send` moves it on), so an assignment is not held to it.
        let _ = self.consume(value, None, assign.value.span);
        // One held on some paths only (moved, closed or not yet assigned on
        // the others) may leak here.
        match (typed, self.side(var), self.flow.get(var).slot) {
            (true, Some(side), Slot::Live(Some(old))) => {
                let old = self.state_name(&side, old);
                let name = self.name(var);
                self.report(errors::leak(
                    at,
                    &[(name.to_string(), old)],
                    Leak::Overwritten,
                ));
            }
            (true, Some(_), Slot::Maybe(exit)) if exit.is_some() || !self.read_unassigned(var) => {
                let name = self.name(var);
                self.report(errors::maybe_leak(at, &name, exit, Leak::Overwritten));
            }
            _ => {}
        }
        self.flow.assign(var, Slot::Live(state));
        self.renew_fields(var);
    }

    /// E0707 when an endpoint is stored in an array element (`a[i] = c;`):
    /// like a field, an array is no place where its state can be followed.
    /// An array reached through a field or a portal is not reported here:
    /// that field's or portal's type already was.
    fn element_store(&mut self, place: &Expr, value: &Value, at: Span) {
        let ExprKind::Index { array, .. } = &place.kind else {
            return;
        };
        let through_field = match &array.kind {
            ExprKind::Field { .. } => true,
            // A bare name that is no local or parameter is a field of `this`.
            ExprKind::Name(_) => self.facts.use_at(array.span.start).is_none(),
            _ => false,
        };
        if through_field {
            return;
        }
        let endpoint = match value {
            Value::Var(var, _) => self.side(*var).is_some(),
            Value::Endpoint(..) => true,
            Value::Rref | Value::Held(..) | Value::Other => false,
        };
        if endpoint {
            self.report(errors::endpoint_in_array(at));
        }
    }

    /// The subexpressions of an assignment's place, which are only read;
    /// returns the variable that stands for the place when it is a nested
    /// rref reached through a variable (`p.next`).
    fn place(&mut self, place: &Expr) -> Option<VarIx> {
        match &place.kind {
            ExprKind::Field(access) => match self.operand(&access.object) {
                Value::Var(parent, _) => self.field_var(parent, &access.field),
                _ => None,
            },
            ExprKind::Index { array, index } => {
                self.read(array);
                self.read(index);
                None
            }
            _ => {
                self.read(place);
                None
            }
        }
    }

    fn if_stmt(&mut self, stmt: &IfStmt, at: Span) {
        // An `if … else if … else` chain is one construct: a disagreement
        // of its branches is reported at its first `if`, whichever `if` of
        // the chain joins the branches that disagree.
        let construct = self.else_if.take().unwrap_or_else(|| keyword(at, 2));
        self.read(&stmt.cond);
        let mark = self.flow.mark();
        let mut paths = Vec::new();
        self.nested(&stmt.then_branch);
        paths.extend(self.path_end(mark, closing(stmt.then_branch.span)));
        self.flow.reset(mark);
        self.reachable = true;
        match &stmt.else_branch {
            Some(else_branch) => {
                if matches!(else_branch.kind, StmtKind::If(_)) {
                    self.else_if = Some(construct);
                }
                self.nested(else_branch);
                self.else_if = None;
                paths.extend(self.path_end(mark, closing(else_branch.span)));
            }
            None => paths.push(Path {
                at: stmt.cond.span,
                changes: Vec::new(),
            }),
        }
        self.flow.close(mark);
        self.reachable = true;
        self.join(&paths, construct, "`if`");
    }

    /// The path that ends at `at` with what changed since `mark`, if the
    /// end is reachable.
    pub fn path_end(&self, mark: Mark, at: Span) -> Option<Path> {
        self.reachable.then(|| Path {
            at,
            changes: self.flow.changes(mark),
        })
    }

    /// Writes the join of `paths` (none: the point is unreachable) and
    /// reports each endpoint they leave in different states (E0703) at
    /// `at`, once; its state is then unknown.
    pub fn join(&mut self, paths: &[Path], at: Span, construct: &str) {
        if paths.is_empty() {
            self.reachable = false;
            return;
        }
        let joined = self.joined(paths, at, construct);
        self.flow.apply(&joined);
    }

    /// Reports each endpoint that joining paths left in two states (E0703).
    pub fn report_conflicts(&mut self, conflicts: Vec<Conflict>, at: Span, construct: &str) {
        for conflict in conflicts {
            let Some(side) = self.side(conflict.var) else {
                continue;
            };
            let first = self.state_name(&side, conflict.first.0);
            let second = self.state_name(&side, conflict.second.0);
            let name = self.name(conflict.var);
            self.report(errors::paths_disagree(
                at,
                construct,
                &name,
                (&first, conflict.first.1),
                (&second, conflict.second.1),
            ));
        }
    }

    /// `return [e];`: the value moves out (an endpoint in the state the
    /// return type names, E0703), and every endpoint still open in the
    /// method leaks here (E0705).
    fn return_stmt(&mut self, value: Option<&Expr>, at: Span) {
        if let Some(value) = value {
            let evaluated = self.operand(value);
            let ret = self.ret.clone();
            let _ = self.consume(evaluated, Some(&ret), value.span);
        }
        let open = self.vars_from(0);
        self.leak_check(&open, keyword(at, 6), Leak::Return);
        self.reachable = false;
    }
}
