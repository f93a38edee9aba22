//! Effect coverage (LANGUAGE.md §8): an effect on `o` is covered by an
//! `accesses` clause when the clause is absent, when `o` is a region of
//! the method's own blocks, when `o` is listed, or when a listed owner owns
//! `o` through `f1 owns this` and `where a owns b` facts, transitively.

use crate::env::OwnerEnv;
use crate::fact::Step;
use crate::owner::Owner;
use crate::search::Relation;

/// A method's `accesses` clause.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Accesses<'a> {
    /// No clause: the method may do anything (⊤).
    Anything,
    /// `accesses o1, …, ok`.
    Only(&'a [Owner]),
}

/// One effect of a body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    /// ⊤: a call to a method without an `accesses` clause.
    Anything,
    /// A field access, an allocation or a callee's declared effect on an
    /// owner (after substitution).
    On(Owner),
}

/// Why an effect is covered.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Cover<O> {
    /// The clause is absent.
    Unrestricted,
    /// The effect is on a region of one of the method's own blocks, so it
    /// is local and drops out.
    Local,
    /// The effect's owner is listed.
    Listed,
    /// A listed owner owns the effect's owner: the ownership chain from the
    /// listed owner down to it.
    OwnedBy { owner: Owner, chain: Vec<Step<O>> },
}

/// Why an effect is not covered.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Uncovered {
    /// The owners known to own the effect's owner, nearest first: listing
    /// any of them (or the owner itself) would cover it. Empty for ⊤.
    pub owned_by: Vec<Owner>,
}

impl<O: Clone> OwnerEnv<O> {
    /// Whether `owner` owns `owned` by the ownership facts (`f1 owns this`,
    /// `where a owns b`), transitively; reflexive, so that `owns(a, b)` is
    /// exactly "listing `a` covers an effect on `b`" (block regions aside).
    pub fn owns(&self, owner: Owner, owned: Owner) -> bool {
        // `owns_proof(owner, owned).is_some()`, without the proof.
        if owner == owned {
            return true;
        }
        let (Ok(owner_at), Ok(owned_at)) = (self.position(owner), self.position(owned)) else {
            return false;
        };
        self.reaches_up(owned_at, Relation::Owns, |at| at == owner_at)
    }

    /// A shortest ownership chain from `owner` down to `owned` (empty when
    /// they are the same owner), or `None`.
    pub fn owns_proof(&self, owner: Owner, owned: Owner) -> Option<Vec<Step<O>>> {
        if owner == owned {
            return Some(Vec::new());
        }
        let owner_at = self.position(owner).ok()?;
        let owned_at = self.position(owned).ok()?;
        let search = self.search_up(owned_at, Relation::Owns, |at| at == owner_at);
        self.chain(&search, search.found?)
    }

    /// Whether `clause` covers `effect`: [`coverage`](Self::coverage)'s
    /// answer, without its search when the answer is plain (every body
    /// asks this of each of its effects, and of `heap` for being
    /// heap-free; a search allocates).
    pub fn covers(&self, clause: Accesses<'_>, effect: Effect) -> bool {
        let listed = match clause {
            Accesses::Anything => return true,
            Accesses::Only(listed) => listed,
        };
        let owned = match effect {
            Effect::Anything => return false,
            Effect::On(owned) => owned,
        };
        if owned.is_block_region() || listed.contains(&owned) {
            return true;
        }
        // Not listed, and owned by nothing (no `owns` fact above it: `heap`,
        // `immortal`, most formals): no owner the clause lists owns it.
        let Ok(owned_at) = self.position(owned) else {
            return false;
        };
        let owned_by_something = self.entry_at(owned_at).is_some_and(|entry| {
            self.facts_above(entry)
                .any(|(_, fact)| fact.reason.is_owns())
        });
        owned_by_something
            && self.reaches_up(owned_at, Relation::Owns, |at| {
                self.owner_at(at)
                    .is_some_and(|owner| listed.contains(&owner))
            })
    }

    /// Why `clause` covers `effect`, or why not (E0401). Also decides the
    /// other questions §3 and §8 ask in terms of coverage: an overriding
    /// clause is narrower when the overridden clause covers each of its
    /// owners, and a method is heap-free when its clause does not cover
    /// `Effect::On(Owner::Heap)`.
    pub fn coverage(&self, clause: Accesses<'_>, effect: Effect) -> Result<Cover<O>, Uncovered> {
        let listed = match clause {
            Accesses::Anything => return Ok(Cover::Unrestricted),
            Accesses::Only(listed) => listed,
        };
        let owned = match effect {
            Effect::Anything => {
                return Err(Uncovered {
                    owned_by: Vec::new(),
                })
            }
            Effect::On(owned) => owned,
        };
        if owned.is_block_region() {
            return Ok(Cover::Local);
        }
        if listed.contains(&owned) {
            return Ok(Cover::Listed);
        }
        let Ok(owned_at) = self.position(owned) else {
            return Err(Uncovered {
                owned_by: Vec::new(),
            });
        };
        let is_listed = |at| {
            self.owner_at(at)
                .is_some_and(|owner| listed.contains(&owner))
        };
        let search = self.search_up(owned_at, Relation::Owns, is_listed);
        if let Some(found) = search.found {
            if let (Some(owner), Some(chain)) = (self.owner_at(found), self.chain(&search, found)) {
                return Ok(Cover::OwnedBy { owner, chain });
            }
        }
        let owned_by = search
            .reached
            .iter()
            .skip(1)
            .filter_map(|&at| self.owner_at(at))
            .collect();
        Err(Uncovered { owned_by })
    }
}
