//! The per-body query: every check made inside one method, constructor or
//! `main` body, in one memo.

use crate::db::Db;
use crate::definite::definite_diagnostics;
use crate::linear::linear_diagnostics;
use crate::resolve_stmt::resolve_body;
use crate::syntax::BodyNode;
use ownc_lang::Diagnostic;

/// The diagnostics of one body: names and types (`resolve_body`), then,
/// over the facts that resolution recorded, definite assignment and
/// missing returns (`definite`) and rref and endpoint flow (`linear`).
///
/// ## Why is this a salsa query?
/// It is the unit of re-checking: keyed by one body's tracked struct, it
/// reads that body's block (a tracked field), the item index and the signatures of the
/// classes, contracts and messages the body uses, so editing a method body
/// re-runs this query for that body alone.
///
/// ## Why one query for three checks?
/// After any edit, salsa verifies every memo the program's check read
/// before it can answer from them; three memos per body made that
/// verification most of the time of re-checking a large program. The
/// facts the flow checks share never leave this query, so they are not
/// kept in memory either.
#[salsa::tracked(returns(ref))]
pub fn check_body<'db>(db: &'db dyn Db, node: BodyNode<'db>) -> Vec<Diagnostic> {
    let body = node.key(db);
    let syntax = node.syntax(db);
    let resolution = resolve_body(db, body, syntax);
    let mut diagnostics = resolution.diagnostics;
    diagnostics.extend(definite_diagnostics(db, body, syntax, &resolution.facts));
    diagnostics.extend(linear_diagnostics(db, body, syntax, &resolution.facts));
    crate::scratch::recycle_facts(resolution.facts);
    diagnostics
}
