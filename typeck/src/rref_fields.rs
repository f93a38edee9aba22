//! The fields of an `rref class` (LANGUAGE.md §10, E0603): an rref value
//! moves between threads as a whole, so it may hold only what moves with
//! it: primitives, primitive arrays (`int[]`, `float[]`, `bool[]`) and
//! other rref values. An object or an owned array has an owner that stays
//! behind, and a region handle names a region of one thread.
//!
//! Endpoint fields are E0707 (the channel rules), not reported here; an
//! erroneous type was reported where it is written.

use crate::db::Db;
use crate::ids::ItemId;
use crate::items::{item_index, ItemIndex, ItemKind};
use crate::rref_field_errors::{self, Offence};
use crate::signature::{class_signature, MemberSig};
use crate::syntax::{item_outline, Outline};
use crate::ty::{ClassTy, Ty};
use ownc_lang::ast::{Item, Member};
use ownc_lang::Diagnostic;

/// E0603 at the type of every field of an rref class that it may not hold.
///
/// It reads the class's outline and signature and the item index (whether
/// a named class is an rref class); part of the per-declaration query
/// [`crate::item_diagnostics`].
pub fn rref_field_diagnostics(db: &dyn Db, item: ItemId<'_>) -> Vec<Diagnostic> {
    match item_outline(db, item) {
        Some(outline) => rref_field_diagnostics_of(db, item, outline),
        None => Vec::new(),
    }
}

/// [`rref_field_diagnostics`] of the declaration whose outline is `outline`.
pub(crate) fn rref_field_diagnostics_of(
    db: &dyn Db,
    item: ItemId<'_>,
    outline: &Outline,
) -> Vec<Diagnostic> {
    let Item::Class(class) = &outline.item else {
        return Vec::new();
    };
    if !class.is_rref {
        return Vec::new();
    }
    let index = item_index(db, item.program(db));
    let signature = class_signature(db, item);
    class
        .members
        .iter()
        .zip(&signature.members)
        .filter_map(|(member, sig)| match (member, sig) {
            (Member::Field(field), MemberSig::Field(sig)) => {
                let offence = offence(index, &sig.ty)?;
                Some(rref_field_errors::bad_rref_field(
                    offence,
                    &field.name.name,
                    field.ty.span,
                    &class.name,
                ))
            }
            _ => None,
        })
        .collect()
}

/// Whether `ty`, declared as the type of a field of an rref class, is one
/// such a field may not hold (E0603 at the declaration). The field is then
/// erroneous at its uses (one mistake, one error): `p.link` of a field
/// `Data<heap> link;` is no E0402 in a heap-free method, nor an E0110.
pub(crate) fn unfit_field(db: &dyn Db, program: crate::db::Program, ty: &Ty) -> bool {
    offence(item_index(db, program), ty).is_some()
}

/// What makes `ty` unfit for an rref field, if anything.
fn offence(index: &ItemIndex, ty: &Ty) -> Option<Offence> {
    match ty {
        Ty::Class(class) => (is_rref(index, class) == Some(false)).then_some(Offence::Object),
        Ty::Array { elem, owner } => match elem.as_ref() {
            Ty::Int | Ty::Float | Ty::Bool if owner.is_some() => Some(Offence::OwnedArray),
            Ty::Int | Ty::Float | Ty::Bool => None,
            // The element type's own mistake is already reported, and an
            // array of endpoints is the channel rules' (E0707).
            Ty::Unknown | Ty::Chan { .. } => None,
            _ => Some(Offence::ReferenceArray),
        },
        Ty::Handle(_) => Some(Offence::Handle),
        Ty::Int | Ty::Float | Ty::Bool | Ty::Void | Ty::Null | Ty::Str => None,
        Ty::Chan { .. } | Ty::Unknown => None,
    }
}

/// Whether the class a type names is an rref class (`None` if the name
/// no longer resolves to it: nothing is sure then).
pub(crate) fn is_rref(index: &ItemIndex, class: &ClassTy) -> Option<bool> {
    let entry = index.get(&class.name).filter(|e| e.decl == class.decl)?;
    match entry.kind {
        ItemKind::Class { is_rref, .. } => Some(is_rref),
        _ => None,
    }
}
