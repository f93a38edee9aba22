//! Well-formedness of one written type (LANGUAGE.md §4 "Well-formed
//! types"): each owner of the kind its formal admits (E0206), every owner
//! outliving the first (E0201; for `T[]<o>`, every owner of `T` outliving
//! `o`), and the class's `where` clauses after substitution (E0202).
//!
//! One mistake, one error: a type that did not resolve (unknown class,
//! wrong arity) or an owner that is already an error is not checked; a
//! written type gets its kind errors, else its first order error, else its
//! first violated clause, since a clause about misplaced owners only
//! repeats the misplacement. Bare class names (§9) are not checked here.

use crate::resolve_type::Resolver;
use crate::signature::{ClassSignature, FormalSig, WhereSig};
use crate::ty::{ClassTy, OwnerRef, Ty};
use crate::wf::env::WfEnv;
use crate::wf_errors::{self, KindMismatch, OrderFailure};
use ownc_lang::ast::{
    Ident, Owner as WrittenOwner, OwnerKind as WrittenKind, Relation, Type, TypeKind,
};
use ownc_lang::{Diagnostic, Label, Span};
use ownc_regions::{FormalKind, Owner};
use std::cell::RefCell;

/// How many owners of a class type [`WfChecker`] maps without allocating.
const INLINE_OWNERS: usize = 8;

/// Checks written types against one environment.
pub struct WfChecker<'a, 'db> {
    resolver: &'a Resolver<'db>,
    env: &'a WfEnv,
    /// The owners reported of the wrong kind for their formal (E0206).
    wrong_kinds: RefCell<Vec<Owner>>,
}

impl<'a, 'db> WfChecker<'a, 'db> {
    pub fn new(resolver: &'a Resolver<'db>, env: &'a WfEnv) -> Self {
        WfChecker {
            resolver,
            env,
            wrong_kinds: RefCell::default(),
        }
    }

    /// The owners the checks so far reported of the wrong kind (E0206).
    pub fn into_wrong_kinds(self) -> Vec<Owner> {
        self.wrong_kinds.into_inner()
    }

    /// The errors of `ty` as written, given what it resolved to.
    pub fn check(&self, ty: &Type, resolved: &Ty) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        self.walk(ty, resolved, &mut out);
        out
    }

    /// `C<o1, …, on>` written as a superclass or a `new`, from its parts.
    pub fn check_class(
        &self,
        span: Span,
        name: &Ident,
        written: &[WrittenOwner],
        class: &ClassTy,
    ) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        self.class(span, name, written, class, &mut out);
        out
    }

    /// Whether nothing was reported (a nested type with an error is not
    /// checked again as a part of its array).
    fn walk(&self, ty: &Type, resolved: &Ty, out: &mut Vec<Diagnostic>) -> bool {
        match (&ty.kind, resolved) {
            (
                TypeKind::Class {
                    name,
                    owners: Some(written),
                },
                Ty::Class(class),
            ) => self.class(ty.span, name, written, class, out),
            (
                TypeKind::Array {
                    elem,
                    owner: Some(owner),
                },
                Ty::Array {
                    elem: resolved_elem,
                    owner: Some(resolved_owner),
                },
            ) => {
                self.walk(elem, resolved_elem, out)
                    && self.array(elem, resolved_elem, owner, resolved_owner, out)
            }
            _ => true,
        }
    }

    fn class(
        &self,
        span: Span,
        name: &Ident,
        written: &[WrittenOwner],
        class: &ClassTy,
        out: &mut Vec<Diagnostic>,
    ) -> bool {
        let Some(resolved) = &class.owners else {
            return true;
        };
        let sig = self.resolver.classes.signature(class.decl);
        if resolved.len() != written.len() || sig.is_rref {
            return true;
        }
        // Most classes have a few formals: their solver owners fit on the
        // stack (every written class type of a body comes here).
        let mut inline = [None; INLINE_OWNERS];
        let spilled: Vec<Option<Owner>>;
        let owners: &[Option<Owner>] = match inline.get_mut(..resolved.len()) {
            Some(slots) => {
                for (slot, owner) in slots.iter_mut().zip(resolved.iter()) {
                    *slot = self.env.owner(owner);
                }
                slots
            }
            None => {
                spilled = resolved.iter().map(|o| self.env.owner(o)).collect();
                &spilled
            }
        };
        let before = out.len();
        for ((owner, at), formal) in owners.iter().zip(written).zip(&sig.formal_sigs) {
            if let Some(owner) = owner {
                self.kind(*owner, at, formal, class, out);
            }
        }
        if out.len() > before {
            return false;
        }
        if let Some(Some(first)) = owners.first() {
            for (i, (owner, at)) in owners.iter().zip(written).enumerate().skip(1) {
                let Some(owner) = owner else { continue };
                if !self.env.solver().outlives(*owner, *first) {
                    let place = wf_errors::Place::Class {
                        written: written_type(name, written, None),
                        swapped: written_type(name, written, Some(i)),
                    };
                    out.push(self.order(*owner, *first, at.span, place));
                    return false;
                }
            }
        }
        for clause in &sig.where_clauses {
            if !self.clause_holds(clause, owners) {
                out.push(self.violated(span, name, written, class, sig, clause, owners));
                return false;
            }
        }
        true
    }

    /// `T[]<o>`: every owner of `T` outlives `o`.
    fn array(
        &self,
        elem: &Type,
        resolved_elem: &Ty,
        owner: &WrittenOwner,
        resolved_owner: &OwnerRef,
        out: &mut Vec<Diagnostic>,
    ) -> bool {
        let Some(array_owner) = self.env.owner(resolved_owner) else {
            return true;
        };
        let mut inner = Vec::new();
        owners_of(elem, resolved_elem, &mut inner);
        for (at, resolved) in inner {
            let Some(inner_owner) = self.env.owner(resolved) else {
                continue;
            };
            if !self.env.solver().outlives(inner_owner, array_owner) {
                let place = wf_errors::Place::Array {
                    owner: owner_text(owner),
                };
                out.push(self.order(inner_owner, array_owner, at.span, place));
                return false;
            }
        }
        true
    }

    fn kind(
        &self,
        owner: Owner,
        at: &WrittenOwner,
        formal: &FormalSig,
        class: &ClassTy,
        out: &mut Vec<Diagnostic>,
    ) {
        let Some(kind) = self.env.solver().kind_of(owner) else {
            return;
        };
        if formal.kind.admits(kind) {
            return;
        }
        let declared = self.resolver.label_in(
            class.decl.file,
            formal.name.span,
            &format!("`{}` is declared here", formal.name.name),
        );
        out.push(wf_errors::wrong_kind(KindMismatch {
            span: at.span,
            owner: self.env.name_of(owner),
            is: wf_errors::owner_kind_words(owner, kind, |k| self.kind_name(k)),
            formal: formal.name.name.to_string(),
            class: class.name.to_string(),
            wants: wf_errors::formal_kind_words(formal.kind, |k| self.kind_name(k)),
            wants_kind: match formal.kind {
                FormalKind::Kind(k) => Some(self.kind_name(k)),
                _ => None,
            },
            declared,
        }));
        self.wrong_kinds.borrow_mut().push(owner);
    }

    /// An E0201 explained in the owners' own terms.
    fn order(&self, upper: Owner, lower: Owner, span: Span, place: wf_errors::Place) -> Diagnostic {
        let name = |o: Owner| self.env.name_of(o);
        let why = self.env.solver().why_not(upper, lower);
        let mut intros = Vec::new();
        if let Some(why) = &why {
            for (owner, intro) in [(lower, &why.lower_intro), (upper, &why.upper_intro)] {
                let words = intro
                    .as_ref()
                    .and_then(|intro| wf_errors::intro_words(owner, &name(owner), intro));
                if let Some((span, words)) = words {
                    intros.push(Label::new(span, words));
                }
            }
        }
        let reverse = why.and_then(|why| why.reverse).map(|steps| {
            steps
                .iter()
                .map(|step| wf_errors::step_words(step, &name(step.upper), &name(step.lower)))
                .collect::<Vec<_>>()
        });
        let both_formals = [upper, lower]
            .iter()
            .all(|o| matches!(o, Owner::ClassFormal(_) | Owner::MethodFormal(_)));
        wf_errors::owner_order(OrderFailure {
            span,
            upper: name(upper),
            lower: name(lower),
            place,
            intros,
            reverse,
            suggest_where: both_formals,
        })
    }

    fn clause_holds(&self, clause: &WhereSig, owners: &[Option<Owner>]) -> bool {
        let (Some(upper), Some(lower)) = (
            substitute(&clause.upper, owners),
            substitute(&clause.lower, owners),
        ) else {
            return true;
        };
        match clause.relation {
            Relation::Outlives => self.env.solver().outlives(upper, lower),
            Relation::Owns => self.env.solver().owns(upper, lower),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn violated(
        &self,
        span: Span,
        name: &Ident,
        written: &[WrittenOwner],
        class: &ClassTy,
        sig: &ClassSignature,
        clause: &WhereSig,
        owners: &[Option<Owner>],
    ) -> Diagnostic {
        let declared_name = |o: &OwnerRef| match o {
            OwnerRef::ClassFormal(k) => sig
                .formals
                .get(*k as usize)
                .map_or_else(|| "?".to_string(), |n| n.to_string()),
            other => ref_words(other),
        };
        let actual_name = |o: &OwnerRef| {
            substitute(o, owners).map_or_else(|| declared_name(o), |o| self.env.name_of(o))
        };
        let declared =
            self.resolver
                .label_in(class.decl.file, clause.span, "required by this clause");
        wf_errors::clause_violated(wf_errors::ClauseFailure {
            span,
            written: written_type(name, written, None),
            class: class.name.to_string(),
            relation: clause.relation,
            declared_upper: declared_name(&clause.upper),
            declared_lower: declared_name(&clause.lower),
            upper: actual_name(&clause.upper),
            lower: actual_name(&clause.lower),
            declared,
        })
    }

    /// A region kind's name, by its id (its position among declarations).
    fn kind_name(&self, kind: ownc_regions::KindId) -> String {
        self.resolver.kind_name(kind)
    }
}

/// A clause's owner at a use site: the class's formals replaced by the
/// written owners; `None` when that is not known for sure.
fn substitute(owner: &OwnerRef, owners: &[Option<Owner>]) -> Option<Owner> {
    match owner {
        OwnerRef::ClassFormal(k) => owners.get(*k as usize).copied().flatten(),
        OwnerRef::Heap => Some(Owner::Heap),
        OwnerRef::Immortal => Some(Owner::Immortal),
        // `this` and method formals mean nothing at another class's use.
        _ => None,
    }
}

/// Every owner written in a type, with what it resolved to.
fn owners_of<'t>(ty: &'t Type, resolved: &'t Ty, acc: &mut Vec<(&'t WrittenOwner, &'t OwnerRef)>) {
    match (&ty.kind, resolved) {
        (
            TypeKind::Class {
                owners: Some(written),
                ..
            },
            Ty::Class(ClassTy {
                owners: Some(owners),
                ..
            }),
        ) if written.len() == owners.len() => acc.extend(written.iter().zip(owners.iter())),
        (
            TypeKind::Array { elem, owner },
            Ty::Array {
                elem: resolved_elem,
                owner: resolved_owner,
            },
        ) => {
            owners_of(elem, resolved_elem, acc);
            if let (Some(owner), Some(resolved)) = (owner, resolved_owner) {
                acc.push((owner, resolved));
            }
        }
        (TypeKind::Handle(owner), Ty::Handle(resolved)) => acc.push((owner, resolved)),
        _ => {}
    }
}

/// `Name<o1, …>` as written, with the owners at 0 and `swap` exchanged.
fn written_type(name: &Ident, owners: &[WrittenOwner], swap: Option<usize>) -> String {
    let mut texts: Vec<String> = owners.iter().map(owner_text).collect();
    if let Some(i) = swap {
        if i < texts.len() {
            texts.swap(0, i);
        }
    }
    format!("{}<{}>", name.name, texts.join(", "))
}

fn owner_text(owner: &WrittenOwner) -> String {
    match &owner.kind {
        WrittenKind::Name(name) => name.to_string(),
        WrittenKind::This => "this".into(),
        WrittenKind::Heap => "heap".into(),
        WrittenKind::Immortal => "immortal".into(),
    }
}

fn ref_words(owner: &OwnerRef) -> String {
    match owner {
        OwnerRef::Heap => "heap".into(),
        OwnerRef::Immortal => "immortal".into(),
        OwnerRef::This => "this".into(),
        OwnerRef::Region(name) => name.to_string(),
        _ => "?".into(),
    }
}
