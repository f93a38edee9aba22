//! Region handles for allocation (LANGUAGE.md §7, E0301): `new C<o1, …>`
//! and `new T[]<o>(n)` allocate in the region of their first owner, so the
//! body must be able to reach that region at run time.
//!
//! A handle is known for `heap`, `immortal`, `this`, the enclosing class's
//! first formal (its region is the region of `this`) and every enclosing
//! region name (region blocks and entered subregions), and for any owner
//! `o` of a `Handle<o>` variable or parameter in scope. Anything else, in
//! practice a class's second or later formal or a method's owner formal,
//! is E0301 at the owner as written.
//!
//! Decisions where LANGUAGE.md is silent:
//! - Inferred owners need a handle as much as written ones: `new C(…)`
//!   whose first owner was inferred (§9) allocates in that owner's region,
//!   so a missing handle is E0301 at the class name (where the owners
//!   would have been written). Rref classes and rref arrays have no owners.
//! - One mistake, one error: a `new` whose class is unknown (E0101) or has
//!   the wrong number of owners (E0103), whose first owner is not in scope
//!   (E0102), or an array whose element type did not resolve, is not
//!   checked. An error in a later owner is a different mistake and does not
//!   hide this one.
//! - A field of the enclosing class whose declared type is `Handle<o>`
//!   counts as a handle for `o`, as a variable does in Java (where fields
//!   are variables too): reporting it would be a false positive. So does
//!   an inherited one, its type seen through `extends` (in Java an
//!   inherited field is in scope as much as a declared one).
//! - A `Handle<…>` variable, parameter or field whose owner is not in scope
//!   (E0102) counts as a handle for every owner, and so does a superclass
//!   that is unknown (E0101): either may be the handle the `new` needed.
//! - A `Handle<o>` local counts from its declaration on, initialised or
//!   not: reading it before it is assigned is the definite-assignment
//!   checker's E0112, not a missing handle.

use crate::resolve_stmt::BodyResolver;
use crate::signature::{MemberSig, Superclass};
use crate::subst::Subst;
use crate::subtype::upcast;
use crate::ty::{ClassTy, OwnerRef, Ty};
use crate::wf_errors;
use ownc_lang::ast::{Owner as WrittenOwner, OwnerKind as WrittenKind, Type, TypeKind};
use ownc_lang::Span;

impl BodyResolver<'_> {
    /// Reports E0301 when the `new` written as `written` (a class type or
    /// an array type), which resolved to `ty`, has no region handle for its
    /// owner.
    pub(crate) fn check_allocation_handle(&mut self, written: &Type, ty: &Ty) {
        let Some((owner, at)) = allocation_owner(written, ty) else {
            return;
        };
        if self.has_handle(owner) {
            return;
        }
        let name = match &at.kind {
            WrittenKind::Name(name) => name.to_string(),
            // `this`, `heap` and `immortal` always have a handle.
            _ => return,
        };
        self.report_no_handle(at.span, &name, owner);
    }

    /// Reports E0301, at the class name, when a `new` whose owners were
    /// inferred allocates in `owner` (its inferred first owner) and no
    /// handle is known for it.
    pub(crate) fn check_inferred_allocation_handle(&mut self, at: Span, owner: &OwnerRef) {
        if self.has_handle(owner) {
            return;
        }
        let name = self.owners.describe(owner);
        self.report_no_handle(at, &name, owner);
    }

    /// E0301 for `owner`, named `name`, at `at`.
    fn report_no_handle(&mut self, at: Span, name: &str, owner: &OwnerRef) {
        let first_formal = self
            .class
            .as_ref()
            .and_then(|class| class.signature.formals.first())
            .map(|f| f.to_string());
        let is_method_formal = matches!(owner, OwnerRef::MethodFormal(_));
        self.resolver.report(wf_errors::no_region_handle(
            at,
            name,
            is_method_formal,
            first_formal.as_deref(),
        ));
    }

    /// Whether the body can reach the region of `owner` here.
    fn has_handle(&self, owner: &OwnerRef) -> bool {
        match owner {
            OwnerRef::Heap
            | OwnerRef::Immortal
            | OwnerRef::This
            | OwnerRef::Region(_)
            | OwnerRef::ClassFormal(0)
            // Already reported (E0102).
            | OwnerRef::Error => true,
            OwnerRef::ClassFormal(_) | OwnerRef::MethodFormal(_) => {
                // A `Handle<…>` whose owner is not in scope (E0102, a
                // misspelt `Handle<m>`) may be the handle meant for this
                // owner: one mistake, one error.
                let handle = Ty::Handle(owner.clone());
                let broken = Ty::Handle(OwnerRef::Error);
                self.vars.iter().any(|var| var.ty == handle || var.ty == broken)
                    || self.field_handle(&handle)
                    || self.field_handle(&broken)
            }
        }
    }

    /// Whether a field of the enclosing class, declared there or inherited,
    /// has type `handle` (an inherited field's type with the superclass's
    /// formals replaced by the owners `extends` gives them).
    fn field_handle(&self, handle: &Ty) -> bool {
        let Some(class) = &self.class else {
            return false;
        };
        if class
            .signature
            .members
            .iter()
            .any(|member| matches!(member, MemberSig::Field(field) if field.ty == *handle))
        {
            return true;
        }
        let Ty::Class(own) = &class.this else {
            return false;
        };
        // Up the chain, nearest superclass first; `upcast` answers `None` at
        // an unknown class or a loop, and the walk stops there.
        let mut current = own.clone();
        let mut visited = vec![current.decl];
        loop {
            let next = match self.resolver.classes.signature(current.decl).superclass {
                Some(Superclass::Class(next)) => next,
                // An unknown superclass (E0101) may have declared the
                // handle, as it may have declared a missing member.
                Some(Superclass::Erroneous) => return true,
                Some(Superclass::None) | None => return false,
            };
            if visited.contains(&next) {
                return false;
            }
            visited.push(next);
            let Some(up) = upcast(&self.resolver.classes, &current, next) else {
                return false;
            };
            if let Some(owners) = &up.owners {
                let subst = Subst::for_receiver(owners.clone(), true);
                let found = self.resolver.classes.signature(next).members.iter().any(|member| {
                    matches!(member, MemberSig::Field(field) if subst.apply(&field.ty) == *handle)
                });
                if found {
                    return true;
                }
            }
            current = up;
        }
    }
}

/// The owner a `new` allocates in, with where it is written, when it is
/// written out and everything it depends on resolved.
fn allocation_owner<'a>(written: &'a Type, ty: &'a Ty) -> Option<(&'a OwnerRef, &'a WrittenOwner)> {
    match (&written.kind, ty) {
        (
            TypeKind::Class {
                owners: Some(written),
                ..
            },
            Ty::Class(ClassTy {
                owners: Some(owners),
                ..
            }),
        ) if written.len() == owners.len() => Some((owners.first()?, written.first()?)),
        (
            TypeKind::Array {
                owner: Some(written),
                ..
            },
            Ty::Array {
                elem,
                owner: Some(owner),
            },
        ) if resolved(elem) => Some((owner, written)),
        _ => None,
    }
}

/// Whether a type resolved without error in any of its parts.
pub(crate) fn resolved(ty: &Ty) -> bool {
    match ty {
        Ty::Unknown => false,
        Ty::Class(ClassTy {
            owners: Some(owners),
            ..
        }) => !owners.contains(&OwnerRef::Error),
        Ty::Array { elem, owner } => resolved(elem) && owner.as_ref() != Some(&OwnerRef::Error),
        Ty::Handle(owner) => *owner != OwnerRef::Error,
        _ => true,
    }
}
