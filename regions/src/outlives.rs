//! The outlives order (LANGUAGE.md §4): `a ⪰ b`, the least reflexive and
//! transitive relation with rules 1–5, its proofs, and why it fails.

use crate::env::OwnerEnv;
use crate::fact::{Intro, Reason, Step, WhyNot};
use crate::owner::Owner;
use crate::search::Relation;

impl<O: Clone> OwnerEnv<O> {
    /// Whether `upper ⪰ lower`: `upper` lives at least as long as `lower`,
    /// so an object owned by `lower` may point to one owned by `upper`.
    /// Reflexive for every owner; `heap` and `immortal` outlive every
    /// owner (rule 1); otherwise both must be in scope.
    pub fn outlives(&self, upper: Owner, lower: Owner) -> bool {
        // `outlives_proof(upper, lower).is_some()`, without building the
        // proof when the answer needs none (every written type asks this
        // of its owners).
        if upper == lower || matches!(upper, Owner::Heap | Owner::Immortal) {
            return true;
        }
        let (Ok(upper_at), Ok(lower_at)) = (self.position(upper), self.position(lower)) else {
            return false;
        };
        match self.intro_of(lower) {
            None => return false,
            Some(Intro::Opened(_)) if upper_at < lower_at => return true,
            Some(_) => {}
        }
        self.reaches_up(lower_at, Relation::Outlives, |at| at == upper_at)
    }

    /// A shortest chain of direct facts proving `upper ⪰ lower`, from
    /// `upper` down to `lower` (empty when they are the same owner), or
    /// `None` when it does not hold.
    pub fn outlives_proof(&self, upper: Owner, lower: Owner) -> Option<Vec<Step<O>>> {
        if upper == lower {
            return Some(Vec::new());
        }
        if matches!(upper, Owner::Heap | Owner::Immortal) {
            return Some(vec![Step {
                upper,
                lower,
                reason: Reason::Universal,
            }]);
        }
        let upper_at = self.position(upper).ok()?;
        let lower_at = self.position(lower).ok()?;
        // The common question in a body, "does an outer owner outlive this
        // region?", is answered by the scope order alone.
        if let Intro::Opened(origin) = self.intro_of(lower)? {
            if upper_at < lower_at {
                return Some(vec![Step {
                    upper,
                    lower,
                    reason: Reason::Nesting(origin.clone()),
                }]);
            }
        }
        let search = self.search_up(lower_at, Relation::Outlives, |at| at == upper_at);
        self.chain(&search, search.found?)
    }

    /// Why `upper ⪰ lower` fails, or `None` when it holds.
    pub fn why_not(&self, upper: Owner, lower: Owner) -> Option<WhyNot<O>> {
        if self.outlives(upper, lower) {
            return None;
        }
        let facts = self
            .facts()
            .filter(|step| {
                [step.upper, step.lower]
                    .iter()
                    .any(|&o| o == upper || o == lower)
            })
            .collect();
        Some(WhyNot {
            upper,
            lower,
            reverse: self.outlives_proof(lower, upper),
            upper_intro: self.intro_of(upper).cloned(),
            lower_intro: self.intro_of(lower).cloned(),
            facts,
        })
    }
}
