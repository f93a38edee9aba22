//! The linear-value flow checker (LANGUAGE.md §10, §11): rref values and
//! channel endpoints are linear, and endpoints follow their contract's
//! states through the code.
//!
//! - [`linear_diagnostics`] (`query.rs`), a query per body, walks the body
//!   once with a flow state per linear variable (`lattice.rs`, `flow.rs`):
//!   use after move (E0601), `send`/`receive` against the contract and
//!   paths that disagree (E0703), `switch receive` coverage (E0704),
//!   `close` and leaks (E0705). Statements are in `stmts.rs`, loops in
//!   `loops.rs`, expressions in `exprs.rs`, endpoint operations in
//!   `channels.rs`, joins in `paths.rs`. A body whose facts show no
//!   value that may be linear (and no `open` or `receive`) is not walked.
//! - [`endpoint_storage_diagnostics`] (`fields.rs`), a query per class and
//!   region kind: endpoints in fields or portals (E0707).
//! - `protocol.rs`: contracts as transition tables and message payload
//!   types, each a query per declaration.
//!
//! The walk is linear in the size of a body: every statement is visited
//! once (a loop body too: §11's rule that a body ends in the state it
//! began with replaces a fixpoint), and branches record what they change
//! on an undo trail instead of copying the state.
//!
//! Decisions where LANGUAGE.md is silent (also in `docs/DECISIONS.md`):
//! - A leak at the end of a scope is reported at the block's closing brace
//!   (the method's for parameters); at the `return`, `break` or `continue`
//!   that leaves the scope otherwise. An endpoint moved or closed on some
//!   paths only is reported once where its scope ends, or at the `return`,
//!   `break` or `continue` that leaves it ("may leak").
//! - Giving a variable that holds an open endpoint a new value leaks the
//!   old one (E0705 at the assignment); so does an expression statement
//!   whose value is an endpoint (`receive(f, Stop);` of an endpoint
//!   payload). An rref in the same situations is freed, as at scope end.
//! - An endpoint that a call returns, used at once by `send`, `receive` or
//!   `switch receive`, is dropped after it (E0705 at the operation).
//! - A later operand that moves what an earlier one holds for the
//!   construct (a call's receiver, an assignment's object, `send`'s
//!   endpoint, `close`'s first operand) is E0601 at the earlier one:
//!   `p.next = p;`, `p.grow(p);`, `send(c, M(f(c)));` (`Walker::use_again`).
//! - A declared endpoint type names a state (`chan<C>`: the initial one):
//!   initialising a variable of that type, passing an argument, sending a
//!   payload or returning a value of it from an endpoint in another state
//!   is E0703 at the value. An assignment is no boundary: the variable
//!   takes the value's state, as it follows every `send` and `receive`.
//! - A value moved inside a loop and used again in the next iteration is
//!   E0601 at that use ("in an earlier iteration"), once per variable and
//!   loop; the variable then counts as live.
//! - The arguments of a `fork`ed call move into the thread, and so does an
//!   rref receiver; a `switch receive` arm for a message the state cannot
//!   receive is E0703 at the arm's message.
//! - A `for` loop's step is walked once, after the body's end and its
//!   `continue`s are joined; a `for` without condition never ends but by
//!   `break`, like `while (true)`.
//! - A loop's head is before its condition: back edges must match the
//!   state the loop was entered in, and the false exit is in the state the
//!   condition leaves (a condition may send or receive).
//! - A `switch receive` in a state that receives nothing is one E0703 at
//!   the `switch`; an undeclared message (E0101) or a transition to an
//!   undeclared state leaves the endpoint in an unknown state (no cascade).
//! - The right operand of `&&` and `||` is a branch (it may not run): a
//!   `receive` there that changes the state is E0703 at the operator.
//! - An endpoint stored in an array element is E0707 at the store.
//! - A nested rref reached through an rref variable (`p.next`) is followed
//!   as a variable of its own (`Walker::field_var`): moved by the context
//!   as any rref, E0601 when used after that, and moving or `take`-ing its
//!   parent meanwhile is a use of a partially moved value (E0601).
//! - An array without an owner (`int[]`, made for an rref) is linear as an
//!   rref is, and followed the same way as a field of an rref (`p.bytes`).
//! - An rref held by a field of an ordinary object or by a portal (or
//!   nested in one so held) is moved out only by `take` (§12: such a
//!   portal "is read by `take`"): a plain read in a moving position is
//!   E0601 at the place (`Value::Held`), since others still reach it.
//! - Code after `return`, `break` or `continue` in the same block is not
//!   checked here (it cannot run); nor is anything after a body's first
//!   syntax error (a missing statement would make false reports), which
//!   includes the back edge of a loop and the end of a scope reached after
//!   it, though they point at earlier code.

mod channels;
mod errors;
mod exprs;
mod fields;
mod flow;
mod lattice;
mod loops;
mod paths;
pub(crate) mod protocol;
mod query;
mod stmts;
mod walker;

pub use fields::endpoint_storage_diagnostics;
pub(crate) use fields::endpoint_storage_of;
pub(crate) use query::holds_linear;
pub use query::linear_diagnostics;
