//! Definite assignment (JLS §16), E0112: a local declared without an
//! initialiser (`T x;`) must be assigned on every path to each read.
//!
//! One walk in evaluation order carries a [`Flow`]: the tracked locals not
//! yet assigned. Branches are walked from copies and joined; loop bodies
//! once (assignments do not grow around a loop, so Java needs no fixed
//! point for "definitely assigned"); `break` and `continue` hand their
//! state to the loop they leave or restart. Conditions split the state in
//! two (when true, when false) so that constant conditions and
//! short-circuit operators are exact: after `while (true)` only the
//! `break`s count, and nothing in `false && e` is read.

use super::errors;
use super::flow::{join, Flow};
use crate::facts::BodyFacts;
use ownc_lang::ast::{AssignOp, BinaryOp, Block, Expr, ExprKind, Stmt, StmtKind, UnaryOp};
use ownc_lang::Diagnostic;
use std::collections::{BTreeSet, HashSet};

/// The E0112 diagnostics of one body.
pub fn unassigned_reads(
    facts: &BodyFacts,
    block: &Block,
    first_syntax_error: Option<u32>,
) -> Vec<Diagnostic> {
    let mut walk = Assign {
        facts,
        first_syntax_error,
        flow: Some(BTreeSet::new()),
        loops: Vec::new(),
        reported: HashSet::new(),
        diagnostics: Vec::new(),
    };
    walk.block(block);
    walk.diagnostics
}

/// What the paths that leave or restart one loop carry.
struct LoopExits {
    breaks: Flow,
    continues: Flow,
}

struct Assign<'a> {
    facts: &'a BodyFacts,
    /// Reads from here on are not reported: the statement that did not
    /// parse may be the assignment.
    first_syntax_error: Option<u32>,
    /// The state at the point the walk has reached.
    flow: Flow,
    /// The enclosing loops, innermost last.
    loops: Vec<LoopExits>,
    /// Locals already reported: one error per local, however many reads.
    reported: HashSet<u32>,
    diagnostics: Vec<Diagnostic>,
}

impl Assign<'_> {
    fn block(&mut self, block: &Block) {
        for stmt in &block.stmts {
            self.stmt(stmt);
        }
    }

    fn stmt(&mut self, stmt: &Stmt) {
        match &stmt.kind {
            StmtKind::Block(block) => self.block(block),
            StmtKind::Local(local) => {
                // A typed local is in scope in its own initialiser, where it
                // is not assigned yet: `int x = x + 1;` reads it (as in Java).
                let tracked = local
                    .ty
                    .as_ref()
                    .and_then(|_| self.facts.var(local.name.span.start))
                    .map(|var| var.decl);
                if let Some(decl) = tracked {
                    self.set_unassigned(decl);
                }
                if let Some(init) = &local.init {
                    self.expr(init);
                    if let Some(decl) = tracked {
                        self.set_assigned(decl);
                    }
                }
            }
            StmtKind::Assign(assign) => self.assignment(&assign.place, assign.op, &assign.value),
            StmtKind::Expr(expr) => self.expr(expr),
            StmtKind::If(stmt) => {
                let (when_true, when_false) = self.cond(&stmt.cond);
                self.flow = when_true;
                self.stmt(&stmt.then_branch);
                let after_then = self.flow.take();
                self.flow = when_false;
                if let Some(else_branch) = &stmt.else_branch {
                    self.stmt(else_branch);
                }
                self.flow = join(after_then, self.flow.take());
            }
            StmtKind::While(stmt) => {
                let (when_true, when_false) = self.cond(&stmt.cond);
                self.loop_body(when_true, when_false, &stmt.body, None);
            }
            StmtKind::For(stmt) => {
                if let Some(init) = &stmt.init {
                    self.stmt(init);
                }
                // No condition is `true`: the loop exits only by `break`.
                let (when_true, when_false) = match &stmt.cond {
                    Some(cond) => self.cond(cond),
                    None => (self.flow.take(), None),
                };
                self.loop_body(when_true, when_false, &stmt.body, stmt.step.as_ref());
            }
            StmtKind::Return(value) => {
                if let Some(value) = value {
                    self.expr(value);
                }
                self.flow = None;
            }
            StmtKind::Break => {
                let flow = self.flow.take();
                if let Some(exits) = self.loops.last_mut() {
                    exits.breaks = join(exits.breaks.take(), flow);
                }
            }
            StmtKind::Continue => {
                let flow = self.flow.take();
                if let Some(exits) = self.loops.last_mut() {
                    exits.continues = join(exits.continues.take(), flow);
                }
            }
            StmtKind::Region(region) => self.block(&region.body),
            StmtKind::Subregion(sub) => {
                self.expr(&sub.handle);
                self.block(&sub.body);
            }
            StmtKind::Fork { call, .. } => self.expr(call),
            StmtKind::Print(values) => values.iter().for_each(|v| self.expr(v)),
            StmtKind::Send(send) => {
                self.expr(&send.endpoint);
                send.args.iter().for_each(|a| self.expr(a));
            }
            StmtKind::Close(close) => {
                self.expr(&close.first);
                self.expr(&close.second);
            }
            // Each arm starts where the switch does (its bindings are
            // assigned by the message); the switch ends where its arms meet.
            StmtKind::SwitchReceive(switch) => {
                self.expr(&switch.endpoint);
                if switch.arms.is_empty() {
                    return;
                }
                let start = self.flow.take();
                let mut end = None;
                for arm in &switch.arms {
                    self.flow = start.clone();
                    self.block(&arm.body);
                    end = join(end, self.flow.take());
                }
                self.flow = end;
            }
            // `var (a, b) = open C;` assigns both endpoints.
            StmtKind::Open(_) | StmtKind::Error => {}
        }
    }

    /// The body of a `while` or `for` (then its step) entered with
    /// `when_true`; after the loop, the condition's false exit meets every
    /// `break`. The step runs after the body and after each `continue`.
    fn loop_body(&mut self, when_true: Flow, when_false: Flow, body: &Stmt, step: Option<&Stmt>) {
        self.loops.push(LoopExits {
            breaks: None,
            continues: None,
        });
        self.flow = when_true;
        self.stmt(body);
        let exits = self.loops.pop();
        let (breaks, continues) = exits.map_or((None, None), |e| (e.breaks, e.continues));
        if let Some(step) = step {
            self.flow = join(self.flow.take(), continues);
            // A `break` or `continue` in the step (a syntax the parser does
            // not produce) would belong to an outer loop; none to track.
            self.stmt(step);
        }
        self.flow = join(when_false, breaks);
    }

    /// `place op= value;`: `x = e` evaluates `e`, then assigns `x`;
    /// `x += e` reads `x` first. Any other place (`a[i]`, `p.f`) reads
    /// what it selects through and assigns no local.
    fn assignment(&mut self, place: &Expr, op: AssignOp, value: &Expr) {
        let ExprKind::Name(_) = place.kind else {
            self.expr(place);
            self.expr(value);
            return;
        };
        if op != AssignOp::Set {
            self.expr(place);
        }
        self.expr(value);
        if let Some(var) = self.facts.use_at(place.span.start) {
            self.set_assigned(var.decl);
        }
    }

    /// Splits the state at a condition into its state when true and when
    /// false (JLS §16.1.1–§16.1.4). Own has no assignment expressions, so
    /// only constants and short-circuit operators make the two differ.
    fn cond(&mut self, expr: &Expr) -> (Flow, Flow) {
        match &expr.kind {
            ExprKind::Bool(true) => (self.flow.take(), None),
            ExprKind::Bool(false) => (None, self.flow.take()),
            // `while (1)`: a type error, read as C would (`constant.rs`).
            ExprKind::Int(value) if *value != 0 => (self.flow.take(), None),
            ExprKind::Int(_) => (None, self.flow.take()),
            ExprKind::Unary {
                op: UnaryOp::Not,
                operand,
            } => {
                let (when_true, when_false) = self.cond(operand);
                (when_false, when_true)
            }
            // `a && b` evaluates `b` where `a` is true, `a || b` where `a`
            // is false; the other outcome of `a` is already the result's.
            ExprKind::Binary {
                op: op @ (BinaryOp::And | BinaryOp::Or),
                left,
                right,
            } => {
                let and = *op == BinaryOp::And;
                let (left_true, left_false) = self.cond(left);
                let (go_on, decided) = if and {
                    (left_true, left_false)
                } else {
                    (left_false, left_true)
                };
                self.flow = go_on;
                let (right_true, right_false) = self.cond(right);
                if and {
                    (right_true, join(decided, right_false))
                } else {
                    (join(decided, right_true), right_false)
                }
            }
            _ => {
                self.expr(expr);
                (self.flow.clone(), self.flow.take())
            }
        }
    }

    /// Walks an expression in evaluation order, checking every read.
    fn expr(&mut self, expr: &Expr) {
        match &expr.kind {
            ExprKind::Name(_) => self.read(expr),
            ExprKind::Binary {
                op: BinaryOp::And | BinaryOp::Or,
                ..
            } => {
                let (when_true, when_false) = self.cond(expr);
                self.flow = join(when_true, when_false);
            }
            ExprKind::Binary { left, right, .. } => {
                self.expr(left);
                self.expr(right);
            }
            ExprKind::Field(access) => self.expr(&access.object),
            ExprKind::Index { array, index } => {
                self.expr(array);
                self.expr(index);
            }
            ExprKind::Call(call) => {
                if let Some(receiver) = &call.receiver {
                    self.expr(receiver);
                }
                call.args.iter().for_each(|a| self.expr(a));
            }
            ExprKind::New(new) => new.args.iter().for_each(|a| self.expr(a)),
            ExprKind::NewArray(new) => self.expr(&new.len),
            ExprKind::Unary { operand, .. } | ExprKind::Convert { operand, .. } => {
                self.expr(operand)
            }
            ExprKind::Receive(receive) => self.expr(&receive.endpoint),
            ExprKind::Take(place) => self.expr(place),
            ExprKind::Int(_)
            | ExprKind::Float(_)
            | ExprKind::Bool(_)
            | ExprKind::Null
            | ExprKind::Str(_)
            | ExprKind::This
            | ExprKind::Heap
            | ExprKind::Immortal
            | ExprKind::Error => {}
        }
    }

    /// A `Name` read: E0112 if it is a tracked local not assigned on some
    /// path here. It is then taken as assigned, so later reads (and other
    /// paths) do not repeat the error.
    fn read(&mut self, expr: &Expr) {
        let Some(var) = self.facts.use_at(expr.span.start) else {
            return;
        };
        let Some(unassigned) = &mut self.flow else {
            return;
        };
        if !unassigned.remove(&var.decl) || !self.reported.insert(var.decl) {
            return;
        }
        let after_syntax_error = self
            .first_syntax_error
            .is_some_and(|at| at <= expr.span.start);
        if !after_syntax_error {
            let len = u32::try_from(var.name.len()).unwrap_or(0);
            let declared = expr.span.with_range(var.decl, var.decl.saturating_add(len));
            self.diagnostics
                .push(errors::unassigned_read(&var.name, expr.span, declared));
        }
    }

    fn set_unassigned(&mut self, decl: u32) {
        if let Some(unassigned) = &mut self.flow {
            unassigned.insert(decl);
        }
    }

    fn set_assigned(&mut self, decl: u32) {
        if let Some(unassigned) = &mut self.flow {
            unassigned.remove(&decl);
        }
    }
}
