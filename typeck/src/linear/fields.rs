//! E0707: endpoints are never stored in fields or portals (§11). A
//! declaration-level check on the written types: a field of a class or an
//! rref class, or a portal of a region kind, whose type is an endpoint (or
//! an array of them).

use super::errors;
use crate::db::Db;
use crate::ids::ItemId;
use crate::syntax::{item_outline, Outline};
use ownc_lang::ast::{Item, Member, RegionKindMember, Type, TypeKind};
use ownc_lang::Diagnostic;

/// The E0707 diagnostics of one class or region kind, at the offending
/// field's or portal's type.
///
/// It reads one declaration's outline only; part of the per-declaration
/// query [`crate::item_diagnostics`].
pub fn endpoint_storage_diagnostics(db: &dyn Db, item: ItemId<'_>) -> Vec<Diagnostic> {
    match item_outline(db, item) {
        Some(outline) => endpoint_storage_of(outline),
        None => Vec::new(),
    }
}

/// [`endpoint_storage_diagnostics`] of the declaration whose outline is
/// `outline`.
pub(crate) fn endpoint_storage_of(outline: &Outline) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    match &outline.item {
        Item::Class(class) => {
            for member in &class.members {
                if let Member::Field(field) = member {
                    if holds_endpoint(&field.ty) {
                        let place = format!("field `{}`", field.name.name);
                        found.push(errors::endpoint_stored(field.ty.span, &place));
                    }
                }
            }
        }
        Item::RegionKind(kind) => {
            for member in &kind.members {
                if let RegionKindMember::Portal { ty, name, .. } = member {
                    if holds_endpoint(ty) {
                        let place = format!("portal `{}`", name.name);
                        found.push(errors::endpoint_stored(ty.span, &place));
                    }
                }
            }
        }
        Item::Message(_) | Item::Contract(_) | Item::Main(_) => {}
    }
    found
}

/// Whether a written type is an endpoint or an array of them.
fn holds_endpoint(ty: &Type) -> bool {
    let mut ty = ty;
    loop {
        match &ty.kind {
            TypeKind::Chan(_) => return true,
            TypeKind::Array { elem, .. } => ty = elem,
            _ => return false,
        }
    }
}
