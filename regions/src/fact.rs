//! Facts and explanations as data: which rule of the outlives order
//! (LANGUAGE.md §4) made one owner outlive another, and where the caller
//! introduced it. The caller's origin type `O` (a span, a declaration id)
//! is carried along untouched, so a diagnostic can point at the fact.

use crate::owner::Owner;

/// Why `upper ⪰ lower` holds directly, with where it was introduced.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Reason<O> {
    /// Rule 1: `heap` and `immortal` outlive every owner.
    Universal,
    /// Rule 2: a class formal outlives the first formal (`fi ⪰ f1`); the
    /// origin is `fi`'s declaration.
    ClassFormal(O),
    /// Rule 2: the first formal owns `this` (`f1 ⪰ this`); the origin is
    /// `f1`'s declaration.
    OwnsThis(O),
    /// Rule 3: `where upper outlives lower`.
    WhereOutlives(O),
    /// Rule 3: `where upper owns lower` (owning implies outliving).
    WhereOwns(O),
    /// Rule 4: `lower` is a region opened where `upper` was in scope; the
    /// origin is `lower`'s block.
    Nesting(O),
    /// Rule 5: `lower` is a subregion entered through a handle of `upper`;
    /// the origin is the block that enters it.
    Subregion(O),
}

impl<O> Reason<O> {
    /// Where the fact was introduced (`None` for rule 1, which is built in).
    pub fn origin(&self) -> Option<&O> {
        match self {
            Reason::Universal => None,
            Reason::ClassFormal(origin)
            | Reason::OwnsThis(origin)
            | Reason::WhereOutlives(origin)
            | Reason::WhereOwns(origin)
            | Reason::Nesting(origin)
            | Reason::Subregion(origin) => Some(origin),
        }
    }

    /// Whether the fact is also an ownership fact, which effect coverage
    /// follows (§8: `f1 owns this`, `where a owns b`).
    pub fn is_owns(&self) -> bool {
        matches!(self, Reason::OwnsThis(_) | Reason::WhereOwns(_))
    }
}

/// One direct fact: `upper ⪰ lower` (or, in an ownership chain, `upper`
/// owns `lower`) because of `reason`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Step<O> {
    pub upper: Owner,
    pub lower: Owner,
    pub reason: Reason<O>,
}

/// How an owner came into scope.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Intro<O> {
    /// `heap` and `immortal`, in scope everywhere.
    Builtin,
    /// `this` or a formal, with its declaration.
    Declared(O),
    /// A region opened by a `region` block: every owner in scope where the
    /// block begins outlives it (rule 4).
    Opened(O),
    /// A subregion entered by `region s = h.sub`: only the handle's owner
    /// outlives it (rule 5).
    Entered(O),
}

impl<O> Intro<O> {
    /// Where the owner was introduced (`None` for `heap` and `immortal`).
    pub fn origin(&self) -> Option<&O> {
        match self {
            Intro::Builtin => None,
            Intro::Declared(origin) | Intro::Opened(origin) | Intro::Entered(origin) => {
                Some(origin)
            }
        }
    }
}

/// Why `upper ⪰ lower` does not hold: material for the notes of an E0201
/// or E0202 diagnostic.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct WhyNot<O> {
    pub upper: Owner,
    pub lower: Owner,
    /// A proof of the reverse, `lower ⪰ upper`, when it holds: the owners
    /// are in the wrong order ("r2 is opened inside r1, so r1 outlives r2,
    /// not the reverse").
    pub reverse: Option<Vec<Step<O>>>,
    /// How each owner came into scope (`None`: not in scope).
    pub upper_intro: Option<Intro<O>>,
    pub lower_intro: Option<Intro<O>>,
    /// The stated facts (rules 2, 3 and 5) that mention either owner, in
    /// the order they were added. Rule 1 and rule 4 are not repeated here:
    /// they follow from the intros.
    pub facts: Vec<Step<O>>,
}
