//! Joining the paths that meet after an `if`, a `switch receive` or a loop:
//! each path is the list of variables it changed (see `flow.rs`), the
//! others keep the value they had before the construct.
//!
//! The join is a fold per variable over the paths that changed it, plus one
//! join with the value before the construct when some path left it alone,
//! so it costs the total size of the changes, not paths × variables.

use super::flow::VarIx;
use super::lattice::{join, Val};
use indexmap::IndexMap;
use ownc_lang::Span;

/// One path into a join point: where it ends (for labels) and what it
/// changed.
#[derive(Clone, Debug)]
pub struct Path {
    pub at: Span,
    pub changes: Vec<(VarIx, Val)>,
}

/// Two paths that leave an endpoint in two known states.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Conflict {
    pub var: VarIx,
    pub first: (u32, Span),
    pub second: (u32, Span),
}

/// The joined values of the variables some path changed, and the first
/// conflict of each endpoint. `before` gives a variable's value before the
/// construct.
pub fn join_paths(
    paths: &[Path],
    before: impl Fn(VarIx) -> Val,
) -> (Vec<(VarIx, Val)>, Vec<Conflict>) {
    struct Acc {
        val: Val,
        /// Where a path left the accumulated state (for a conflict label).
        at: Span,
        count: usize,
    }
    let mut acc: IndexMap<VarIx, Acc> = IndexMap::new();
    let mut conflicts: Vec<Conflict> = Vec::new();
    for path in paths {
        for &(var, val) in &path.changes {
            match acc.get_mut(&var) {
                None => {
                    acc.insert(
                        var,
                        Acc {
                            val,
                            at: path.at,
                            count: 1,
                        },
                    );
                }
                Some(a) => {
                    let (joined, disagree) = join(a.val, val);
                    if disagree {
                        conflicts.push(conflict(var, a.val, a.at, val, path.at));
                    }
                    a.val = joined;
                    a.count += 1;
                }
            }
        }
    }
    for (&var, a) in acc.iter_mut() {
        if a.count == paths.len() {
            continue;
        }
        let old = before(var);
        let (joined, disagree) = join(a.val, old);
        if disagree {
            // Only now look for a path that left the variable alone.
            let at = paths
                .iter()
                .find(|p| !p.changes.iter().any(|&(v, _)| v == var))
                .map_or(a.at, |p| p.at);
            conflicts.push(conflict(var, old, at, a.val, a.at));
        }
        a.val = joined;
    }
    let joined = acc.into_iter().map(|(var, a)| (var, a.val)).collect();
    (joined, conflicts)
}

fn conflict(var: VarIx, a: Val, a_at: Span, b: Val, b_at: Span) -> Conflict {
    Conflict {
        var,
        first: (a.slot.state().unwrap_or(0), a_at),
        second: (b.slot.state().unwrap_or(0), b_at),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::linear::lattice::Slot;

    fn live(state: u32) -> Val {
        Val {
            slot: Slot::Live(Some(state)),
            stamp: 0,
        }
    }

    fn at(n: usize) -> Span {
        Span::new(n, n + 1)
    }

    #[test]
    fn an_untouched_path_keeps_the_value_before() {
        let paths = [
            Path {
                at: at(1),
                changes: vec![(0, live(5))],
            },
            Path {
                at: at(2),
                changes: vec![],
            },
        ];
        let (joined, conflicts) = join_paths(&paths, |_| live(4));
        assert_eq!(
            joined,
            vec![(
                0,
                Val {
                    slot: Slot::Live(None),
                    stamp: 0
                }
            )]
        );
        assert_eq!(
            conflicts,
            vec![Conflict {
                var: 0,
                first: (4, at(2)),
                second: (5, at(1))
            }]
        );
    }

    #[test]
    fn agreeing_paths_join_silently() {
        let paths = [
            Path {
                at: at(1),
                changes: vec![(0, live(5)), (1, live(2))],
            },
            Path {
                at: at(2),
                changes: vec![(1, live(2)), (0, live(5))],
            },
        ];
        let (joined, conflicts) = join_paths(&paths, |_| live(4));
        assert_eq!(joined, vec![(0, live(5)), (1, live(2))]);
        assert!(conflicts.is_empty());
    }
}
