//! Definite assignment and missing returns (LANGUAGE.md §6): E0112, a local
//! read before it is definitely assigned, and E0111, a method with a
//! non-void return type whose body can complete normally. Both follow
//! Java's rules (JLS §16 and §14.22), which a Java user already knows.
//!
//! The pass walks the body's block again and looks up, in the facts that
//! resolving the body recorded, which declaration each `Name` expression
//! means: no name is resolved twice, and the two passes cannot disagree.
//! Resolution also notes whether a local may be read unassigned at all
//! (one declared without an initialiser, or read in its own): without
//! one, the E0112 walk is skipped.
//!
//! Decisions where LANGUAGE.md is silent (also in `docs/DECISIONS.md`):
//! - Only literal `true`/`false` and `!`, `&&`, `||` over them are
//!   constant conditions (`while (true)`, `for (;;)`).
//! - `break` and `continue` inside a `switch receive` arm leave or restart
//!   the enclosing loop: arms do not fall through, so a `break` has nothing
//!   else to leave (as in a Rust `match`).
//! - After the first syntax error of a body no E0112 is reported (the
//!   assignment may be what did not parse) and a body with a syntax error
//!   gets no E0111 (so may a `return`).

mod assign;
mod complete;
pub(crate) mod constant;
mod errors;
mod flow;
mod query;

pub use query::definite_diagnostics;
