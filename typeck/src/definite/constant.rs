//! Constant conditions: the few boolean expressions whose value the flow
//! rules know without running the program (JLS §15.29, restricted to what
//! Own can write without variables: literals and `!`, `&&`, `||`).
//!
//! An integer literal where a condition is expected (`while (1)`, as in C)
//! is a type error (E0110 or E0109, reported by expression typing); it
//! counts here as C reads it, nonzero being true, so that the flow rules
//! see the loop the user meant and add no second error (a missing return,
//! a leak after a loop that cannot end). No valid program has one there.

use ownc_lang::ast::{BinaryOp, Expr, ExprKind, UnaryOp};
use rustc_hash::FxHashMap as HashMap;

/// The value of `expr` if it is a constant condition. Both operands of
/// `&&` and `||` must be constants: `true || x` is no constant (JLS
/// §15.29 names no variable), so `while (true || x) { }` can complete, as
/// `while (x || true) { }` can, and javac asks both for a `return`.
pub fn constant_bool(expr: &Expr) -> Option<bool> {
    Constants::default().of(expr)
}

/// [`constant_bool`] for a walk that asks it of every `&&` and `||` of a
/// chain: it remembers the answer for each operator it has seen, so a
/// chain of n operators costs n steps in all, not n² (30,000 `true &&`
/// took five seconds).
#[derive(Default)]
pub struct Constants {
    /// By the operator's address: the tree is borrowed, unchanged, for as
    /// long as the walk that owns this.
    known: HashMap<*const Expr, Option<bool>>,
}

impl Constants {
    pub fn of(&mut self, expr: &Expr) -> Option<bool> {
        match &expr.kind {
            ExprKind::Bool(value) => Some(*value),
            ExprKind::Int(value) => Some(*value != 0),
            ExprKind::Unary {
                op: UnaryOp::Not,
                operand,
            } => self.of(operand).map(|v| !v),
            ExprKind::Binary {
                op: op @ (BinaryOp::And | BinaryOp::Or),
                left,
                right,
            } => {
                let key: *const Expr = expr;
                if let Some(&known) = self.known.get(&key) {
                    return known;
                }
                // Both sides always: `?` inside `&&` would skip the right one.
                let value = match (self.of(left), self.of(right)) {
                    (Some(left), Some(right)) if *op == BinaryOp::And => Some(left && right),
                    (Some(left), Some(right)) => Some(left || right),
                    _ => None,
                };
                self.known.insert(key, value);
                value
            }
            _ => None,
        }
    }
}
