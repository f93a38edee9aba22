//! "Can complete normally" (JLS §14.22): whether control can fall off the
//! end of a block. A method with a non-void return type whose body can is
//! missing a `return` (E0111).
//!
//! The rules are structural, as in Java: conditions are not evaluated
//! except constant ones in loops (`while (true)` ends only by `break`),
//! and an `if` completes when either branch can, whatever its condition
//! (`if (true) return 1;` alone still needs a `return` after it, as
//! javac and rustc both say).

use super::constant::constant_bool;
use ownc_lang::ast::{Block, Stmt, StmtKind};

/// Whether control can reach the end of `block`.
pub fn block_completes(block: &Block) -> bool {
    Reach::default().block(block)
}

/// The walk: one flag per enclosing loop, set by a reachable `break`.
#[derive(Default)]
struct Reach {
    breaks: Vec<bool>,
}

impl Reach {
    /// A block completes when each of its statements does; statements
    /// after one that cannot are unreachable and not visited, so a `break`
    /// among them leaves no loop.
    fn block(&mut self, block: &Block) -> bool {
        block.stmts.iter().all(|stmt| self.stmt(stmt))
    }

    fn stmt(&mut self, stmt: &Stmt) -> bool {
        match &stmt.kind {
            StmtKind::Block(block) => self.block(block),
            StmtKind::If(stmt) => {
                let then = self.stmt(&stmt.then_branch);
                match &stmt.else_branch {
                    Some(else_branch) => self.stmt(else_branch) || then,
                    None => true,
                }
            }
            StmtKind::While(stmt) => self.for_loop(constant_bool(&stmt.cond), &stmt.body),
            // No condition is `true`.
            StmtKind::For(stmt) => {
                let init = stmt.init.as_ref().is_none_or(|init| self.stmt(init));
                let cond = stmt.cond.as_ref().map_or(Some(true), constant_bool);
                init && self.for_loop(cond, &stmt.body)
            }
            StmtKind::Return(_) | StmtKind::Continue => false,
            StmtKind::Break => {
                if let Some(broke) = self.breaks.last_mut() {
                    *broke = true;
                }
                false
            }
            StmtKind::Region(region) => self.block(&region.body),
            StmtKind::Subregion(sub) => self.block(&sub.body),
            // Arms do not fall through: the switch completes when one arm
            // does (all of them are evaluated, for the `break`s inside).
            StmtKind::SwitchReceive(switch) => {
                let arms: Vec<bool> = switch.arms.iter().map(|a| self.block(&a.body)).collect();
                arms.is_empty() || arms.contains(&true)
            }
            StmtKind::Local(_)
            | StmtKind::Open(_)
            | StmtKind::Assign(_)
            | StmtKind::Expr(_)
            | StmtKind::Fork { .. }
            | StmtKind::Print(_)
            | StmtKind::Send(_)
            | StmtKind::Close(_)
            | StmtKind::Error => true,
        }
    }

    /// A loop completes unless its condition is constantly true, or when a
    /// reachable `break` leaves it. Its body is unreachable under a
    /// constantly false condition.
    fn for_loop(&mut self, cond: Option<bool>, body: &Stmt) -> bool {
        self.breaks.push(false);
        if cond != Some(false) {
            self.stmt(body);
        }
        let broke = self.breaks.pop().unwrap_or(false);
        cond != Some(true) || broke
    }
}
