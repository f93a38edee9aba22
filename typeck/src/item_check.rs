//! The per-declaration query: the checks of one class's or region kind's
//! declarations (not its bodies), in one memo.

use crate::db::Db;
use crate::linear::endpoint_storage_of;
use crate::rref_fields::rref_field_diagnostics_of;
use crate::syntax::ItemNode;
use crate::wf::class_wf_diagnostics_of;
use ownc_lang::Diagnostic;

/// The diagnostics of one class's header, fields and signatures:
/// well-formed types and overriding (`wf/class.rs`: E0201, E0202, E0206,
/// E0208, E0209, E0401), the fields of an rref class (E0603) and endpoints
/// stored in fields or portals (E0707, also for region kinds).
///
/// ## Why is this a salsa query?
/// Keyed by one declaration's tracked struct, it reads its outline (a
/// tracked field: no lookup by position), its signature and the
/// signatures of the classes its types name, so it re-runs when one of
/// those changes and never when a body is edited.
///
/// ## Why one query for three checks?
/// After any edit, salsa verifies every memo the program's check read;
/// one memo per declaration instead of three keeps that verification
/// short (see `check_body`).
#[salsa::tracked(returns(ref))]
pub fn item_diagnostics<'db>(db: &'db dyn Db, node: ItemNode<'db>) -> Vec<Diagnostic> {
    let item = node.item(db);
    let outline = node.outline(db);
    let mut diagnostics = class_wf_diagnostics_of(db, item, outline);
    diagnostics.extend(rref_field_diagnostics_of(db, item, outline));
    diagnostics.extend(endpoint_storage_of(outline));
    diagnostics
}
