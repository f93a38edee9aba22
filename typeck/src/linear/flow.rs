//! The flow state of one body: the value of every linear variable, with an
//! undo trail so that branches and loops never copy the whole state.
//!
//! A branch takes a [`Mark`], runs, reads what it changed
//! ([`Flow::changes`]) and undoes it ([`Flow::reset`]); the caller joins the
//! branches' changes and writes the result. Every variable is saved on the
//! trail at most once per open mark (its `saved` field names the mark that
//! saved it), so what a branch changed costs the number of variables it
//! touched, not the number of statements it ran: a method of 10,000 sends
//! in one branch leaves one trail entry per endpoint. Checking a body stays
//! linear in its size (times the nesting depth, bounded by the parser).

use super::lattice::{Slot, Val};
use indexmap::IndexSet;

/// A linear variable's index, in order of declaration.
pub type VarIx = u32;

#[derive(Clone, Copy, Debug)]
struct Entry {
    val: Val,
    /// The id of the mark that last saved this entry on the trail.
    saved: u32,
    /// Made after marks that were already open, but standing for a value
    /// older than them (a field reached through an rref variable, made at
    /// its first use): its changes count at their joins.
    outer: bool,
}

/// An open branch point.
#[derive(Clone, Copy, Debug)]
pub struct Mark {
    id: u32,
    trail: usize,
    /// Variables declared after the mark are out of scope where it is
    /// joined, so their changes are not reported.
    vars: usize,
}

#[derive(Debug, Default)]
pub struct Flow {
    entries: Vec<Entry>,
    trail: Vec<(VarIx, Entry)>,
    /// Ids of the open marks, innermost last (0 stands for "no mark").
    open: Vec<u32>,
    next_id: u32,
    next_stamp: u32,
}

impl Flow {
    fn current_id(&self) -> u32 {
        self.open.last().copied().unwrap_or(0)
    }

    /// A fresh assignment stamp, larger than every earlier one.
    pub fn stamp(&mut self) -> u32 {
        self.next_stamp += 1;
        self.next_stamp
    }

    /// A new variable holding `slot`.
    pub fn declare(&mut self, slot: Slot) -> VarIx {
        let stamp = self.stamp();
        let ix = VarIx::try_from(self.entries.len()).unwrap_or(VarIx::MAX);
        self.entries.push(Entry {
            val: Val { slot, stamp },
            // Declared under the current mark: nothing to restore.
            saved: self.current_id(),
            outer: false,
        });
        ix
    }

    /// A new variable that stands for a value as old as `stamp` (a field
    /// of an rref, made when first used): as if it had been declared
    /// before every open mark, so that a branch that changes it is undone
    /// and joined like the variables declared before it.
    pub fn declare_outer(&mut self, slot: Slot, stamp: u32) -> VarIx {
        let ix = VarIx::try_from(self.entries.len()).unwrap_or(VarIx::MAX);
        self.entries.push(Entry {
            val: Val { slot, stamp },
            saved: 0,
            outer: true,
        });
        ix
    }

    pub fn get(&self, var: VarIx) -> Val {
        self.entries.get(var as usize).map_or(
            Val {
                slot: Slot::Live(None),
                stamp: 0,
            },
            |e| e.val,
        )
    }

    /// Changes the slot and keeps the assignment stamp (a move, a state
    /// change).
    pub fn set(&mut self, var: VarIx, slot: Slot) {
        let stamp = self.get(var).stamp;
        self.put(var, Val { slot, stamp });
    }

    /// Gives the variable a new value (an assignment).
    pub fn assign(&mut self, var: VarIx, slot: Slot) {
        let stamp = self.stamp();
        self.put(var, Val { slot, stamp });
    }

    /// Writes a value, saving the old one on the trail once per mark.
    pub fn put(&mut self, var: VarIx, val: Val) {
        let id = self.current_id();
        let Some(entry) = self.entries.get_mut(var as usize) else {
            return;
        };
        if entry.saved != id {
            self.trail.push((var, *entry));
            entry.saved = id;
        }
        entry.val = val;
    }

    pub fn mark(&mut self) -> Mark {
        self.next_id += 1;
        self.open.push(self.next_id);
        Mark {
            id: self.next_id,
            trail: self.trail.len(),
            vars: self.entries.len(),
        }
    }

    /// The current values of the variables declared before `mark` and
    /// changed since, in the order they were first changed.
    pub fn changes(&self, mark: Mark) -> Vec<(VarIx, Val)> {
        let touched: IndexSet<VarIx> = self
            .trail
            .get(mark.trail..)
            .unwrap_or_default()
            .iter()
            .map(|&(var, _)| var)
            .filter(|&var| {
                (var as usize) < mark.vars
                    || self.entries.get(var as usize).is_some_and(|e| e.outer)
            })
            .collect();
        touched.into_iter().map(|v| (v, self.get(v))).collect()
    }

    /// Undoes everything since `mark`, which stays open for the next
    /// branch.
    pub fn reset(&mut self, mark: Mark) {
        while self.trail.len() > mark.trail {
            let Some((var, old)) = self.trail.pop() else {
                break;
            };
            if let Some(entry) = self.entries.get_mut(var as usize) {
                *entry = old;
            }
        }
    }

    /// Undoes everything since `mark` and closes it.
    pub fn close(&mut self, mark: Mark) {
        self.reset(mark);
        if self.open.last() == Some(&mark.id) {
            self.open.pop();
        }
    }

    /// Writes a join's result (under the current mark).
    pub fn apply(&mut self, changes: &[(VarIx, Val)]) {
        for &(var, val) in changes {
            self.put(var, val);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_branch_is_undone_and_its_changes_listed_once() {
        let mut flow = Flow::default();
        let a = flow.declare(Slot::Live(Some(0)));
        let b = flow.declare(Slot::Live(None));
        let m = flow.mark();
        for state in 1..100 {
            flow.set(a, Slot::Live(Some(state)));
        }
        let inner = flow.declare(Slot::Live(None));
        flow.set(inner, Slot::Gone(None));
        let changes = flow.changes(m);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].0, a);
        assert_eq!(changes[0].1.slot, Slot::Live(Some(99)));
        // One trail entry for a hundred writes.
        assert_eq!(flow.trail.len(), 1);
        flow.close(m);
        assert_eq!(flow.get(a).slot, Slot::Live(Some(0)));
        assert_eq!(flow.get(b).slot, Slot::Live(None));
    }

    #[test]
    fn an_outer_variable_made_in_a_branch_is_joined_and_undone() {
        let mut flow = Flow::default();
        let m = flow.mark();
        let field = flow.declare_outer(Slot::Live(None), 0);
        flow.set(field, Slot::Gone(None));
        let changes = flow.changes(m);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].1.slot, Slot::Gone(None));
        flow.reset(m);
        assert_eq!(flow.get(field).slot, Slot::Live(None));
        flow.close(m);
    }

    #[test]
    fn nested_marks_restore_their_own_level() {
        let mut flow = Flow::default();
        let a = flow.declare(Slot::Live(Some(0)));
        let outer = flow.mark();
        flow.set(a, Slot::Live(Some(1)));
        let inner = flow.mark();
        flow.set(a, Slot::Live(Some(2)));
        assert_eq!(flow.changes(outer).len(), 1);
        flow.close(inner);
        assert_eq!(flow.get(a).slot, Slot::Live(Some(1)));
        flow.set(a, Slot::Live(Some(3)));
        flow.close(outer);
        assert_eq!(flow.get(a).slot, Slot::Live(Some(0)));
    }
}
