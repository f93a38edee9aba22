//! The one search both relations use: breadth-first, upward from the owner
//! that must be outlived (or owned) towards the owners above it, recording
//! for each owner reached the direct fact it was reached by, so a proof is
//! read back from the goal. Breadth-first makes proofs shortest and, with
//! the environment's insertion order, deterministic.
//!
//! Cost: each owner is reached at most once and each stated fact followed
//! at most once, so a search is O(owners + facts). Rule 4 ("every owner in
//! scope where the block begins outlives it") would be a quadratic number
//! of facts if stated; it is a prefix of the scope order instead, and the
//! search remembers how much of the prefix it has already taken, so the
//! prefixes of all nested regions together cost O(owners).

use crate::env::{Fact, OwnerEnv, HEAP, IMMORTAL};
use crate::fact::{Intro, Reason, Step};

/// Which relation to follow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Relation {
    /// The outlives order: every rule of LANGUAGE.md §4.
    Outlives,
    /// Ownership (§8): only `f1 owns this` and `where a owns b`.
    Owns,
}

/// How the search reached an owner: by which direct fact above the owner
/// it was reached from.
#[derive(Clone, Copy, Debug)]
enum Link {
    Start,
    /// Rule 1, above the owner at this position.
    Universal(usize),
    /// Rule 4: the owner at this position is a region opened in its scope.
    Nesting(usize),
    /// The stated fact with this id.
    Fact(usize),
}

/// The owners a search reached, in the order it reached them.
pub(crate) struct Search {
    links: Vec<Option<Link>>,
    /// Positions in the order reached; the first is the start.
    pub(crate) reached: Vec<usize>,
    /// The first owner reached that satisfied the goal.
    pub(crate) found: Option<usize>,
}

impl<O: Clone> OwnerEnv<O> {
    /// Searches upward from `start` until an owner satisfies `goal` (the
    /// start included) or nothing more is reachable.
    pub(crate) fn search_up(
        &self,
        start: usize,
        relation: Relation,
        goal: impl Fn(usize) -> bool,
    ) -> Search {
        let mut search = Search {
            links: vec![None; self.owners.len()],
            reached: Vec::new(),
            found: None,
        };
        if search.reach(start, Link::Start, &goal) {
            return search;
        }
        // Every position below `prefix` has been reached through rule 4.
        let mut prefix = 0;
        let mut next = 0;
        while let Some(&lower) = search.reached.get(next) {
            next += 1;
            let Some(entry) = self.entry_at(lower) else {
                continue;
            };
            if relation == Relation::Outlives {
                for upper in [HEAP, IMMORTAL] {
                    if search.reach(upper, Link::Universal(lower), &goal) {
                        return search;
                    }
                }
                if matches!(entry.intro, Intro::Opened(_)) {
                    for upper in prefix..lower {
                        if search.reach(upper, Link::Nesting(lower), &goal) {
                            return search;
                        }
                    }
                    prefix = prefix.max(lower);
                }
            }
            // Oldest first: the proofs found are the shortest, and of
            // those the one through the earliest facts.
            let above: Vec<(usize, &Fact<O>)> = self.facts_above(entry).collect();
            for &(id, fact) in above.iter().rev() {
                if relation == Relation::Owns && !fact.reason.is_owns() {
                    continue;
                }
                if search.reach(fact.upper, Link::Fact(id), &goal) {
                    return search;
                }
            }
        }
        search
    }

    /// Whether [`search_up`](Self::search_up) finds an owner satisfying
    /// `goal`: the same walk over the same facts, for the questions that
    /// want a yes or a no and no proof (is this type well formed, is this
    /// effect covered). It keeps only which owners it has reached, in a bit
    /// set and a queue on the stack, when there are at most 64 owners (a
    /// body has a handful): no allocation. (A found owner always has a
    /// chain back to the start, so the answer is the proof's.)
    pub(crate) fn reaches_up(
        &self,
        start: usize,
        relation: Relation,
        goal: impl Fn(usize) -> bool,
    ) -> bool {
        if self.owners.len() > Reached::CAPACITY {
            return self.search_up(start, relation, goal).found.is_some();
        }
        let mut reached = Reached::default();
        let reach = |reached: &mut Reached, at: usize| reached.add(at) && goal(at);
        if reach(&mut reached, start) {
            return true;
        }
        // Every position below `prefix` has been reached through rule 4.
        let mut prefix = 0;
        let mut next = 0;
        while next < reached.len {
            let Some(&lower) = reached.queue.get(next) else {
                break;
            };
            next += 1;
            let Some(entry) = self.entry_at(lower) else {
                continue;
            };
            if relation == Relation::Outlives {
                for upper in [HEAP, IMMORTAL] {
                    if reach(&mut reached, upper) {
                        return true;
                    }
                }
                if matches!(entry.intro, Intro::Opened(_)) {
                    for upper in prefix..lower {
                        if reach(&mut reached, upper) {
                            return true;
                        }
                    }
                    prefix = prefix.max(lower);
                }
            }
            for (_, fact) in self.facts_above(entry) {
                if relation == Relation::Owns && !fact.reason.is_owns() {
                    continue;
                }
                if reach(&mut reached, fact.upper) {
                    return true;
                }
            }
        }
        false
    }

    /// The chain of direct facts from the owner at `from` down to the
    /// search's start, as the search reached it: `from ⪰ … ⪰ start`.
    pub(crate) fn chain(&self, search: &Search, from: usize) -> Option<Vec<Step<O>>> {
        let mut steps = Vec::new();
        let mut upper = from;
        // A chain is at most as long as the owners the search reached.
        for _ in 0..=search.reached.len() {
            let (lower, reason) = match search.links.get(upper).copied().flatten()? {
                Link::Start => return Some(steps),
                Link::Universal(lower) => (lower, Reason::Universal),
                Link::Nesting(lower) => match &self.entry_at(lower)?.intro {
                    Intro::Opened(origin) => (lower, Reason::Nesting(origin.clone())),
                    _ => return None,
                },
                Link::Fact(id) => {
                    let fact = self.facts.get(id)?;
                    (fact.lower, fact.reason.clone())
                }
            };
            steps.push(Step {
                upper: self.owner_at(upper)?,
                lower: self.owner_at(lower)?,
                reason,
            });
            upper = lower;
        }
        None
    }
}

impl Search {
    /// Marks `position` reached by `link` unless it already was; returns
    /// whether it satisfies the goal (then the search stops).
    fn reach(&mut self, position: usize, link: Link, goal: &impl Fn(usize) -> bool) -> bool {
        match self.links.get_mut(position) {
            Some(slot @ None) => {
                *slot = Some(link);
                self.reached.push(position);
                if goal(position) {
                    self.found = Some(position);
                    return true;
                }
                false
            }
            _ => false,
        }
    }
}

/// The owners [`OwnerEnv::reaches_up`] has reached: positions below
/// [`Reached::CAPACITY`], as bits and in the order reached.
struct Reached {
    seen: u64,
    queue: [usize; Reached::CAPACITY],
    len: usize,
}

impl Default for Reached {
    fn default() -> Self {
        Reached {
            seen: 0,
            queue: [0; Reached::CAPACITY],
            len: 0,
        }
    }
}

impl Reached {
    const CAPACITY: usize = 64;

    /// Marks `position` reached; whether it was not yet (a position out of
    /// range, which no fact holds, is never reached, as in `search_up`).
    fn add(&mut self, position: usize) -> bool {
        let Some(bit) = u32::try_from(position)
            .ok()
            .and_then(|p| 1u64.checked_shl(p))
        else {
            return false;
        };
        if self.seen & bit != 0 {
            return false;
        }
        let Some(slot) = self.queue.get_mut(self.len) else {
            return false;
        };
        *slot = position;
        self.seen |= bit;
        self.len += 1;
        true
    }
}
