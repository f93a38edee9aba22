//! The state definite assignment carries along a path: which of the
//! tracked locals are not yet definitely assigned, or that the path cannot
//! be taken at all.

use std::collections::BTreeSet;

/// `None` on a path that cannot be reached (after `return`, `break`,
/// `continue`, or the false exit of `while (true)`): there every local is
/// vacuously assigned (JLS §16), so such a path never weakens a join and
/// reads on it are not reported. Otherwise the declarations (by the start
/// of their name) of the locals still unassigned. Most locals have an
/// initialiser and never enter the set, so it stays small.
pub type Flow = Option<BTreeSet<u32>>;

/// The state where two paths meet: a local is assigned after the join
/// only if it is assigned on both (an unreachable path agrees with all).
pub fn join(a: Flow, b: Flow) -> Flow {
    match (a, b) {
        (None, other) | (other, None) => other,
        (Some(mut a), Some(b)) => {
            a.extend(b);
            Some(a)
        }
    }
}
