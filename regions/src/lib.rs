//! Owners, the outlives order and effect coverage of Own (LANGUAGE.md §4,
//! §7, §8, §12), as a pure solver.
//!
//! The checker builds an [`OwnerEnv`] per class (or region kind, or
//! `main`), pushes a scope per method and per `region` block, states what
//! the program declares (class formals, method formals, `where` clauses,
//! region blocks, subregions), and asks [`OwnerEnv::outlives`] (E0201,
//! E0202), [`OwnerEnv::covers`] (E0401, E0402), [`FormalKind::admits`]
//! (E0206) and [`OwnerEnv::is_shareable`] (E0403). A failed question comes
//! with its explanation as data ([`WhyNot`], [`Uncovered`]) whose facts
//! carry the caller's origins.
//!
//! Architecture invariants:
//! - Depends on nothing of ours. Owners are the solver's own small ids
//!   ([`Owner`]); an origin is the caller's type parameter `O` (a span),
//!   carried untouched. It knows no names, files, salsa or diagnostic text.
//! - Deterministic: every collection iterates in insertion order (`Vec`;
//!   a hash map only indexes positions), so the same statements give the
//!   same answers and the same explanations, fact for fact.
//! - Never panics: no `unwrap`, `expect`, `panic!` or unchecked indexing;
//!   an owner that is not in scope is an answer (`false`, `None` or
//!   [`UnknownOwner`]), not a crash.
//! - Costs: a question is at worst one breadth-first search, O(owners +
//!   facts) of the current scope; rule 4 is never materialised as
//!   per-owner facts (see `search.rs`). Popping a scope costs what it
//!   declared.
//!
//! Decisions where LANGUAGE.md is silent:
//! - Method formals have no implicit facts: a method relates its formals
//!   to each other or to the class's only by `where` clauses.
//! - `owns` is reflexive (listing `o` covers an effect on `o`), and only
//!   `f1 owns this` and `where … owns …` are ownership facts; an outlives
//!   fact never covers an effect.
//! - `heap` and `immortal` are regions, not shared regions: a `Shared`
//!   formal does not admit them, though they may be handed to threads.
//! - An owner of unknown kind (an error already reported) is admitted by
//!   every formal and is shareable, so one mistake is reported once.

mod effects;
mod env;
mod fact;
mod kind;
mod outlives;
mod owner;
mod search;

pub use effects::{Accesses, Cover, Effect, Uncovered};
pub use env::OwnerEnv;
pub use fact::{Intro, Reason, Step, WhyNot};
pub use kind::{FormalKind, KindId, OwnerKind, RegionKind};
pub use owner::{Owner, RegionId, UnknownOwner};
