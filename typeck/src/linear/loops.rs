//! Loops (`while`, `for`, `while (true)`), `break` and `continue`.
//!
//! No fixpoint is needed, because §11 fixes the answer: the body must end
//! (and `continue`) in the state it began with. So a body is walked once,
//! and the loop head joins the first arrival with every back edge; where
//! they disagree on an endpoint's state, that is E0703 at the loop. The
//! exits (the condition turning false, except for `while (true)` (or
//! another constantly true condition) and a `for` without condition;
//! every `break`) are joined the same way.
//!
//! What one walk cannot see directly is a value moved late in the body and
//! used early in the next iteration. Every use records, in each enclosing
//! loop it reaches, whether the value it sees was assigned before that loop
//! began (its stamp, see `lattice.rs`): such a use is *exposed*. When the
//! back edges leave that variable moved, its exposed use is a use after
//! move in the next iteration (E0601, once per variable and loop).

use super::errors::{self, Leak};
use super::flow::{Mark, VarIx};
use super::lattice::{Slot, Val};
use super::paths::{join_paths, Path};
use super::walker::{closing, keyword, Walker};
use crate::definite::constant::constant_bool;
use indexmap::IndexMap;
use ownc_lang::ast::{Expr, ForStmt, Stmt};
use ownc_lang::Span;

/// A loop being walked.
#[derive(Debug)]
pub struct LoopFrame {
    /// Assignment stamps below this were made before the loop began.
    pub start: u32,
    /// The first exposed use of each variable (see the module doc).
    pub exposed: IndexMap<VarIx, Span>,
    /// The scope depth outside the body: `break` and `continue` leave the
    /// scopes from here inward.
    depth: usize,
    mark: Mark,
    breaks: Vec<Path>,
    continues: Vec<Path>,
}

impl Walker<'_, '_> {
    pub fn while_loop(&mut self, cond: &Expr, body: &Stmt, at: Span) {
        self.run_loop(Some(cond), body, None, keyword(at, 5));
    }

    /// `for (init; cond; step) body`: `init`'s variables live until the end
    /// of the whole statement.
    pub fn for_loop(&mut self, stmt: &ForStmt, at: Span) {
        self.push_scope();
        if let Some(init) = &stmt.init {
            self.stmt(init);
        }
        if self.reachable {
            self.run_loop(
                stmt.cond.as_ref(),
                &stmt.body,
                stmt.step.as_ref(),
                keyword(at, 3),
            );
        }
        self.pop_scope(closing(at));
    }

    fn run_loop(&mut self, cond: Option<&Expr>, body: &Stmt, step: Option<&Stmt>, at: Span) {
        // A constantly true condition (`true`, `!false`, `true || x`…) never
        // turns false, as for the completion rules (E0111): one notion of
        // an endless loop for every checker.
        let endless = cond.is_none_or(|c| constant_bool(c) == Some(true));
        let mark = self.flow.mark();
        let start = self.flow.stamp();
        self.loops.push(LoopFrame {
            start,
            exposed: IndexMap::new(),
            depth: self.scopes.len(),
            mark,
            breaks: Vec::new(),
            continues: Vec::new(),
        });
        // The head is where the loop is entered and every back edge
        // arrives: before the condition, which runs again each time.
        let entry = Path {
            at,
            changes: Vec::new(),
        };
        if let Some(cond) = cond {
            self.read(cond);
        }
        self.nested(body);
        let (mut back, breaks, exposed) = match self.loops.last_mut() {
            Some(frame) => (
                std::mem::take(&mut frame.continues),
                std::mem::take(&mut frame.breaks),
                std::mem::take(&mut frame.exposed),
            ),
            None => Default::default(),
        };
        back.extend(self.path_end(mark, closing(body.span)));
        if let Some(step) = step {
            back = self.step(step, &back, mark, at, closing(body.span));
        }
        self.loops.pop();
        self.flow.reset(mark);
        self.reachable = true;
        // The head: the first arrival and every back edge (E0703).
        let mut arrivals = vec![entry];
        arrivals.extend(back);
        let flow = &self.flow;
        let (mut head, conflicts) = join_paths(&arrivals, |var| flow.get(var));
        let unsure: Vec<VarIx> = conflicts.iter().map(|c| c.var).collect();
        self.report_conflicts(conflicts, at, "loop");
        self.exposed_uses(&exposed, &mut head);
        let mut exits = Vec::new();
        if !endless {
            exits.push(self.condition_exit(cond, &head, mark, at));
        }
        self.flow.close(mark);
        exits.extend(breaks);
        self.exits(&exits, &unsure, at);
    }

    /// Joins the loop's exits (E0703 where they disagree). An endpoint
    /// whose back edges already disagreed with the entry (`unsure`) is in
    /// an unknown state at the head, so in every iteration after the first,
    /// and so at every exit: it leaves the loop in an unknown state, with
    /// no second report at the same loop (§11: once, with no cascade).
    fn exits(&mut self, exits: &[Path], unsure: &[VarIx], at: Span) {
        if exits.is_empty() {
            self.reachable = false;
            return;
        }
        let flow = &self.flow;
        let (mut joined, mut conflicts) = join_paths(exits, |var| flow.get(var));
        conflicts.retain(|c| !unsure.contains(&c.var));
        self.report_conflicts(conflicts, at, "loop");
        for &var in unsure {
            let mut val = match joined.iter().find(|(v, _)| *v == var) {
                Some(&(_, val)) => val,
                None => self.flow.get(var),
            };
            if let Slot::Live(Some(_)) = val.slot {
                val.slot = Slot::Live(None);
                joined.push((var, val));
            }
        }
        self.flow.apply(&joined);
    }

    /// The exit taken when the condition turns false: the head's state
    /// (`head`, changes since `mark`), then the condition, which may
    /// itself send or receive (`while (receive(c, N) > 0)`). The condition
    /// was checked, and reported on, before the body; it is walked again
    /// here only for the states it leaves, so its reports are dropped.
    fn condition_exit(
        &mut self,
        cond: Option<&Expr>,
        head: &[(VarIx, Val)],
        mark: Mark,
        at: Span,
    ) -> Path {
        self.flow.apply(head);
        if let Some(cond) = cond {
            let reported = self.diagnostics.len();
            self.read(cond);
            self.diagnostics.truncate(reported);
        }
        let changes = self.flow.changes(mark);
        self.flow.reset(mark);
        Path { at, changes }
    }

    /// A `for` loop's step, run once from the join of the body's end and
    /// its `continue`s; returns the one back edge it makes, labelled at the
    /// body's end (`end`).
    fn step(&mut self, step: &Stmt, back: &[Path], mark: Mark, at: Span, end: Span) -> Vec<Path> {
        if back.is_empty() {
            return Vec::new();
        }
        self.flow.reset(mark);
        self.reachable = true;
        self.join(back, at, "loop");
        self.nested(step);
        self.path_end(mark, end).into_iter().collect()
    }

    /// E0601 for each variable whose exposed use sees, in the next
    /// iteration, the value the body moved; then it counts as live again.
    fn exposed_uses(&mut self, exposed: &IndexMap<VarIx, Span>, head: &mut [(VarIx, Val)]) {
        for (var, val) in head.iter_mut() {
            let Some(&used) = exposed.get(var) else {
                continue;
            };
            if !self.flow.get(*var).slot.is_live() {
                continue;
            }
            if let Slot::Gone(Some(exit)) | Slot::Maybe(Some(exit)) = val.slot {
                let name = self.name(*var);
                self.report(errors::moved_in_earlier_iteration(&name, used, exit));
                val.slot = Slot::Live(None);
            }
        }
    }

    /// `break;` or `continue;`: the endpoints declared in the loop body
    /// must be closed or moved by now (E0705 here); the state goes to the
    /// loop's exits or back to its head.
    pub fn jump(&mut self, is_break: bool, at: Span) {
        let Some(frame) = self.loops.last() else {
            return;
        };
        let (depth, mark) = (frame.depth, frame.mark);
        let inner = self.vars_from(depth);
        self.leak_check(&inner, at, Leak::Jump);
        let path = Path {
            at,
            changes: self.flow.changes(mark),
        };
        if let Some(frame) = self.loops.last_mut() {
            if is_break {
                frame.breaks.push(path);
            } else {
                frame.continues.push(path);
            }
        }
        self.reachable = false;
    }

    /// The join of `paths` (at least one), with conflicts reported as by
    /// [`join`](Walker::join), without writing it.
    pub fn joined(&mut self, paths: &[Path], at: Span, construct: &str) -> Vec<(VarIx, Val)> {
        let flow = &self.flow;
        let (joined, conflicts) = join_paths(paths, |var| flow.get(var));
        self.report_conflicts(conflicts, at, construct);
        joined
    }
}
