//! Subtyping (LANGUAGE.md §4): `D<…> <: C<…>` through `extends`, with the
//! owners substituted along the chain; owners are invariant; `null` has
//! every class, array and rref type. An unknown type or owner (already
//! reported, or not inferable) is compatible with everything, so a mistake
//! is reported once.

use crate::ids::DeclKey;
use crate::members::Classes;
use crate::signature::Superclass;
use crate::subst::Subst;
use crate::ty::{ClassTy, OwnerRef, Ty};
use std::sync::Arc;

/// `from` seen as its superclass `to` (or as itself): the superclass's
/// owners in the terms of `from`'s owners. `None` when `to` is not `from`'s
/// class or one of its superclasses.
pub(crate) fn upcast(classes: &Classes<'_>, from: &ClassTy, to: DeclKey) -> Option<ClassTy> {
    let mut current = from.clone();
    let mut visited: Vec<DeclKey> = Vec::new();
    while current.decl != to {
        if visited.contains(&current.decl) {
            return None;
        }
        visited.push(current.decl);
        let sig = classes.signature(current.decl);
        let Some(Superclass::Class(next)) = sig.superclass else {
            return None;
        };
        let owners = current.owners.as_ref().map(|owners| {
            let subst = Subst::for_receiver(owners.clone(), false);
            sig.superclass_owners
                .iter()
                .map(|o| subst.owner(o))
                .collect::<Arc<[_]>>()
        });
        let name = classes.signature(next).name.clone();
        current = ClassTy {
            decl: next,
            name,
            // Owners omitted in `extends` were reported (E0103).
            owners: owners.filter(|o| !o.is_empty()),
        };
    }
    Some(current)
}

/// Whether a value of type `from` may be stored where `to` is expected.
pub(crate) fn assignable(classes: &Classes<'_>, from: &Ty, to: &Ty) -> bool {
    match (from, to) {
        (Ty::Unknown, _) | (_, Ty::Unknown) => true,
        (Ty::Null, Ty::Class(_) | Ty::Array { .. }) => true,
        (Ty::Class(f), Ty::Class(t)) => {
            upcast(classes, f, t.decl).is_some_and(|up| owners_match(&up.owners, &t.owners))
        }
        _ => same(from, to),
    }
}

/// Type equality up to unknown parts (arrays, handles and owners are
/// invariant). An endpoint's state is the typestate checker's business,
/// not the type's.
pub(crate) fn same(a: &Ty, b: &Ty) -> bool {
    match (a, b) {
        (Ty::Unknown, _) | (_, Ty::Unknown) => true,
        (Ty::Class(x), Ty::Class(y)) => x.decl == y.decl && owners_match(&x.owners, &y.owners),
        (
            Ty::Array {
                elem: ea,
                owner: oa,
            },
            Ty::Array {
                elem: eb,
                owner: ob,
            },
        ) => {
            same(ea, eb)
                && match (oa, ob) {
                    (Some(x), Some(y)) => owner_eq(x, y),
                    (None, None) => true,
                    _ => false,
                }
        }
        (Ty::Handle(x), Ty::Handle(y)) => owner_eq(x, y),
        (
            Ty::Chan {
                contract: ca,
                dual: da,
                ..
            },
            Ty::Chan {
                contract: cb,
                dual: db,
                ..
            },
        ) => ca == cb && da == db,
        _ => a == b,
    }
}

fn owners_match(a: &Option<Arc<[OwnerRef]>>, b: &Option<Arc<[OwnerRef]>>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => {
            a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| owner_eq(x, y))
        }
        _ => true,
    }
}

fn owner_eq(a: &OwnerRef, b: &OwnerRef) -> bool {
    *a == OwnerRef::Error || *b == OwnerRef::Error || a == b
}

/// Whether a type is a reference that `==` may compare with `null`.
pub(crate) fn is_reference(ty: &Ty) -> bool {
    matches!(
        ty,
        Ty::Class(_) | Ty::Array { .. } | Ty::Null | Ty::Handle(_) | Ty::Chan { .. } | Ty::Unknown
    )
}
