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
        let next_sig = classes.signature(next);
        let owners = current.owners.as_ref().map(|owners| {
            if !extends_owners_sound(&sig.superclass_owners, next_sig.formals.len()) {
                // Already reported (E0103, E0208): which owner was meant for
                // which formal is unknown, so each matches anything (one
                // mistake, one error: no E0110 where the subclass is used as
                // its superclass, nor at its inherited members).
                return std::iter::repeat_n(OwnerRef::Error, next_sig.formals.len())
                    .collect::<Arc<[_]>>();
            }
            let subst = Subst::for_receiver(owners.clone(), false);
            sig.superclass_owners
                .iter()
                .map(|o| subst.owner(o))
                .collect::<Arc<[_]>>()
        });
        current = ClassTy {
            decl: next,
            name: next_sig.name,
            // Owners omitted in `extends` were reported (E0103).
            owners: owners.filter(|o| !o.is_empty()),
        };
    }
    Some(current)
}

/// Whether the owners written in `extends Super<…>` can be substituted:
/// as many as the superclass has formals (else E0103), the first being the
/// subclass's first formal (else E0208) or not in scope (E0102). Omitted
/// owners (E0103) are none, and then unknown.
fn extends_owners_sound(written: &[OwnerRef], arity: usize) -> bool {
    written.is_empty()
        || (written.len() == arity
            && matches!(
                written.first(),
                Some(OwnerRef::ClassFormal(0) | OwnerRef::Error)
            ))
}

/// Whether `class`'s chain of superclasses reaches one that is unknown
/// (E0101, already reported) or loops: the class may then be a subclass
/// of anything.
fn chain_is_broken(classes: &Classes<'_>, class: DeclKey) -> bool {
    let mut visited: Vec<DeclKey> = Vec::new();
    let mut current = class;
    loop {
        if visited.contains(&current) {
            return true;
        }
        visited.push(current);
        match classes.signature(current).superclass {
            Some(Superclass::Class(next)) => current = next,
            Some(Superclass::None) => return false,
            Some(Superclass::Erroneous) | None => return true,
        }
    }
}

/// Whether a value of type `from` may be stored where `to` is expected.
pub(crate) fn assignable(classes: &Classes<'_>, from: &Ty, to: &Ty) -> bool {
    match (from, to) {
        (Ty::Unknown, _) | (_, Ty::Unknown) => true,
        (Ty::Null, Ty::Class(_) | Ty::Array { .. }) => true,
        // The same class (most assignments): no upcast, so no copy of
        // `from` to walk the chain with.
        (Ty::Class(f), Ty::Class(t)) if f.decl == t.decl => owners_match(&f.owners, &t.owners),
        (Ty::Class(f), Ty::Class(t)) => match upcast(classes, f, t.decl) {
            Some(up) => owners_match(&up.owners, &t.owners),
            // An unknown superclass (E0101) may be the one expected.
            None => chain_is_broken(classes, f.decl),
        },
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
