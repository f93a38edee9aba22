//! Well-formedness of every type written in the program (LANGUAGE.md §4
//! "Well-formed types", §3 for E0208): owner kinds (E0206), owner order
//! (E0201), class `where` clauses (E0202) and the superclass's first owner
//! (E0208). No inference and no expression typing: only what is written.
//!
//! Environments come from the solver `ownc_regions` (rules 1–5): one per
//! class signature ([`class_wf_diagnostics`]), one per body (built by the
//! body resolver, with region blocks pushed and popped as it walks), one
//! per region kind and message. Other classes' formals and clauses are read
//! through `class_signature`; no signature query runs these checks, so no
//! query cycle can arise (a signature never needs another signature).

mod check;
mod class;
mod env;

pub use check::WfChecker;
pub use class::class_wf_diagnostics;
pub(crate) use class::defaulted_field;
pub(crate) use class::{class_wf_diagnostics_of, ClassContext};
pub use env::WfEnv;
