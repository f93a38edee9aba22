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

/// The value of `expr` if it is a constant condition. Both operands of
/// `&&` and `||` must be constants: `true || x` is no constant (JLS
/// §15.29 names no variable), so `while (true || x) { }` can complete, as
/// `while (x || true) { }` can, and javac asks both for a `return`.
pub fn constant_bool(expr: &Expr) -> Option<bool> {
    match &expr.kind {
        ExprKind::Bool(value) => Some(*value),
        ExprKind::Int(value) => Some(*value != 0),
        ExprKind::Unary {
            op: UnaryOp::Not,
            operand,
        } => constant_bool(operand).map(|v| !v),
        ExprKind::Binary {
            op: BinaryOp::And,
            left,
            right,
        } => {
            // Both sides first: `?` inside `&&` would skip the right one.
            let (left, right) = (constant_bool(left)?, constant_bool(right)?);
            Some(left && right)
        }
        ExprKind::Binary {
            op: BinaryOp::Or,
            left,
            right,
        } => {
            let (left, right) = (constant_bool(left)?, constant_bool(right)?);
            Some(left || right)
        }
        _ => None,
    }
}
