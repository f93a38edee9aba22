//! The flow lattice of one linear variable (an rref or an endpoint) at one
//! program point, and the join of two paths' values.
//!
//! `Live` holds a value (for an endpoint, its contract state, or `None`
//! once a mistake made the state unknown: §11 asks that later operations
//! then accept it silently). `Gone` holds no value on any path, `Maybe` on
//! some paths only. Both remember one place where the value left, for the
//! secondary label of a use-after-move (E0601); `None` there means "never
//! assigned on that path", which is the definite-assignment checker's
//! business (E0112), so such a variable is never reported here.

use ownc_lang::Span;

/// Where a value left its variable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Exit {
    pub span: Span,
    /// Closed by `close` (worded differently from a move).
    pub closed: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    /// Holds a value; for an endpoint, its contract state when known.
    Live(Option<u32>),
    /// Holds no value on any path.
    Gone(Option<Exit>),
    /// Holds a value on some paths and none on others.
    Maybe(Option<Exit>),
}

impl Slot {
    pub fn is_live(self) -> bool {
        matches!(self, Slot::Live(_))
    }

    /// The known contract state of a live endpoint.
    pub fn state(self) -> Option<u32> {
        match self {
            Slot::Live(state) => state,
            Slot::Gone(_) | Slot::Maybe(_) => None,
        }
    }
}

/// A slot with the stamp of the assignment that last gave the variable its
/// value on this path (smaller is older). Loops use it to find the uses an
/// iteration makes of a value from before the loop (see `walk/loops.rs`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Val {
    pub slot: Slot,
    pub stamp: u32,
}

/// The value after a join of two paths, and whether the two paths left an
/// endpoint in two different known states (E0703 for the caller to report;
/// the result is then the unknown state, so nothing cascades).
pub fn join(a: Val, b: Val) -> (Val, bool) {
    let (slot, disagree) = join_slots(a.slot, b.slot);
    // The older stamp: a use is "from before the loop" if it is on any path.
    let stamp = a.stamp.min(b.stamp);
    (Val { slot, stamp }, disagree)
}

fn join_slots(a: Slot, b: Slot) -> (Slot, bool) {
    use Slot::*;
    match (a, b) {
        (Live(x), Live(y)) => match (x, y) {
            (Some(x), Some(y)) if x != y => (Live(None), true),
            (Some(x), Some(_)) => (Live(Some(x)), false),
            _ => (Live(None), false),
        },
        (Live(_), Gone(e) | Maybe(e)) | (Gone(e) | Maybe(e), Live(_)) => (Maybe(e), false),
        (Gone(x), Gone(y)) => (Gone(merge(x, y)), false),
        (Gone(x) | Maybe(x), Gone(y) | Maybe(y)) => (Maybe(merge(x, y)), false),
    }
}

/// "Never assigned" on one path wins: that path is E0112's to report, and
/// reporting a move as well would be a second diagnostic for one mistake.
fn merge(a: Option<Exit>, b: Option<Exit>) -> Option<Exit> {
    match (a, b) {
        (Some(a), Some(_)) => Some(a),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn val(slot: Slot, stamp: u32) -> Val {
        Val { slot, stamp }
    }

    fn exit(at: u32) -> Option<Exit> {
        Some(Exit {
            span: Span::new(at as usize, at as usize + 1),
            closed: false,
        })
    }

    #[test]
    fn equal_states_join_to_themselves() {
        let (j, bad) = join(val(Slot::Live(Some(2)), 5), val(Slot::Live(Some(2)), 3));
        assert_eq!(j, val(Slot::Live(Some(2)), 3));
        assert!(!bad);
    }

    #[test]
    fn different_states_disagree_once() {
        let (j, bad) = join(val(Slot::Live(Some(1)), 0), val(Slot::Live(Some(2)), 0));
        assert!(bad);
        assert_eq!(j.slot, Slot::Live(None));
        // Unknown joins silently with anything live.
        let (k, bad) = join(j, val(Slot::Live(Some(3)), 0));
        assert!(!bad);
        assert_eq!(k.slot, Slot::Live(None));
    }

    #[test]
    fn moved_on_one_path_is_maybe_moved() {
        let (j, _) = join(val(Slot::Live(None), 0), val(Slot::Gone(exit(7)), 0));
        assert_eq!(j.slot, Slot::Maybe(exit(7)));
        let (k, _) = join(val(Slot::Gone(exit(7)), 0), val(Slot::Gone(exit(9)), 0));
        assert_eq!(k.slot, Slot::Gone(exit(7)));
        let (m, _) = join(k, val(Slot::Maybe(exit(9)), 0));
        assert_eq!(m.slot, Slot::Maybe(exit(7)));
    }

    #[test]
    fn unassigned_wins_over_moved() {
        let (j, _) = join(val(Slot::Gone(None), 0), val(Slot::Gone(exit(1)), 0));
        assert_eq!(j.slot, Slot::Gone(None));
        let (k, _) = join(val(Slot::Live(None), 0), j);
        assert_eq!(k.slot, Slot::Maybe(None));
    }

    #[test]
    fn join_is_commutative_on_slots() {
        let slots = [
            Slot::Live(None),
            Slot::Live(Some(1)),
            Slot::Live(Some(2)),
            Slot::Gone(None),
            Slot::Gone(exit(4)),
            Slot::Maybe(None),
            Slot::Maybe(exit(4)),
        ];
        for a in slots {
            for b in slots {
                let (x, p) = join(val(a, 0), val(b, 0));
                let (y, q) = join(val(b, 0), val(a, 0));
                assert_eq!((x, p), (y, q), "{a:?} {b:?}");
            }
        }
    }
}
