//! The well-formedness of a class's own declarations: its superclass
//! (E0208, then the type itself), field types, and method and constructor
//! signatures, each in its environment (the class's formals and `where`
//! clauses, plus a method's formals and clauses).

use crate::db::Db;
use crate::ids::ItemId;
use crate::members::{signature_of, Classes};
use crate::resolve_type::Resolver;
use crate::scope::{OwnerContext, OwnerScope};
use crate::signature::{class_signature, ClassSignature, MemberSig, Superclass};
use crate::syntax::{item_outline, Outline};
use crate::ty::{ClassTy, OwnerRef, Ty};
use crate::wf::{WfChecker, WfEnv};
use crate::wf_errors;
use ownc_lang::ast::{
    ClassDecl, ClassRef, Item, Member, Name, Owner, OwnerKind, Param, Type, TypeKind,
};
use ownc_lang::Diagnostic;

/// E0201, E0202, E0206 and E0208 in one class's header and signatures,
/// and the overriding rules of its methods (E0209, E0401: `overrides.rs`).
///
/// It reads the class's outline and signature and the signatures of the
/// classes its types name: part of the per-declaration query
/// [`crate::item_diagnostics`], never re-run when a body is edited. It is
/// apart from `class_signature` because it needs other classes'
/// signatures, which a signature query must not read (a field `B<…>` in
/// `A` and `A<…>` in `B` would be a query cycle).
pub fn class_wf_diagnostics(db: &dyn Db, item: ItemId<'_>) -> Vec<Diagnostic> {
    match item_outline(db, item) {
        Some(outline) => class_wf_diagnostics_of(db, item, outline),
        None => Vec::new(),
    }
}

/// What the checks of a class's own declarations work with: the class
/// declared by `outline`, its signature, a resolver in its file and its
/// environment (no method entered); `None` for another declaration or an
/// rref class (it has no owners to check).
pub(crate) struct ClassContext<'o, 'db> {
    pub class: &'o ClassDecl,
    pub signature: &'db ClassSignature,
    pub resolver: Resolver<'db>,
    pub env: WfEnv,
}

impl<'o, 'db> ClassContext<'o, 'db> {
    pub(crate) fn of(
        db: &'db dyn Db,
        item: ItemId<'db>,
        outline: &'o Outline,
    ) -> Option<ClassContext<'o, 'db>> {
        let Item::Class(class) = &outline.item else {
            return None;
        };
        let signature = class_signature(db, item);
        if signature.is_rref {
            return None;
        }
        Some(ClassContext {
            class,
            signature,
            resolver: Resolver::new(db, item.program(db), item.file(db)),
            env: WfEnv::for_class(signature, class.name.span),
        })
    }
}

/// [`class_wf_diagnostics`] of the declaration whose outline is `outline`.
pub(crate) fn class_wf_diagnostics_of<'db>(
    db: &'db dyn Db,
    item: ItemId<'db>,
    outline: &Outline,
) -> Vec<Diagnostic> {
    let Some(ClassContext {
        class,
        signature,
        resolver,
        mut env,
    }) = ClassContext::of(db, item, outline)
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if let Some(superclass) = class.extends.as_ref().filter(|s| !s.is_broken()) {
        out.extend(crate::cycles::inheritance_cycle(db, item, superclass));
        out.extend(extends(&resolver, &env, class, signature, superclass));
    }
    for (member, sig) in class.members.iter().zip(&signature.members) {
        match (member, sig) {
            (Member::Field(field), MemberSig::Field(sig)) => {
                let checker = WfChecker::new(&resolver, &env);
                let written = checker.check(&field.ty, &sig.ty);
                // One error per written type: the implied owners are
                // checked when the written ones are fine.
                if written.is_empty() {
                    out.extend(defaulted_field(&checker, &field.ty, &sig.ty));
                }
                out.extend(written);
            }
            (Member::Method(method), MemberSig::Method(sig)) => {
                env.enter_method(sig);
                let checker = WfChecker::new(&resolver, &env);
                out.extend(checker.check(&method.ret, &sig.ret));
                out.extend(params(&checker, &method.params, sig));
                if !may_override(db, item, signature, method.name.name) {
                    out.extend(crate::threads::heap_free_signature(&env, method, sig));
                }
                env.leave_method();
            }
            (Member::Constructor(ctor), MemberSig::Constructor(sig)) => {
                let checker = WfChecker::new(&resolver, &env);
                out.extend(params(&checker, &ctor.params, sig));
            }
            _ => {}
        }
    }
    out.extend(crate::overrides::override_diagnostics(
        &resolver, &mut env, class, item, signature,
    ));
    out
}

/// A field whose class type has no owner list is owned by `this` in every
/// position (§9), and that type must be well formed like a written one:
/// `R f;` with `class R<o, Region r>` is E0206 (`this` is no region), a
/// class clause `where a owns b` may fail (E0202), and so may the order of
/// an array of such elements (`Data[]<o>` is `Data<this>[]<o>`: E0201).
/// Reported at the class name, where the owners would have been written.
pub(crate) fn defaulted_field(
    checker: &WfChecker<'_, '_>,
    written: &Type,
    ty: &Ty,
) -> Vec<Diagnostic> {
    let Some((implied, name)) = implied_owners(written, ty) else {
        return Vec::new();
    };
    checker
        .check(&implied, ty)
        .into_iter()
        .map(|d| {
            d.with_note(format!(
                "`{name}` without owners is `{name}<this, …, this>` in a field (§9)"
            ))
        })
        .collect()
}

/// `written` with `this` written, at the class name, for every owner of
/// its (element) class that §9 implies; `None` when nothing is implied.
fn implied_owners(written: &Type, ty: &Ty) -> Option<(Type, String)> {
    match (&written.kind, ty) {
        (TypeKind::Class { name, owners: None }, Ty::Class(class)) => {
            let owners = class.owners.as_ref()?;
            let implied = owners
                .iter()
                .map(|_| Owner {
                    kind: OwnerKind::This,
                    span: name.span,
                })
                .collect();
            let kind = TypeKind::Class {
                name: name.clone(),
                owners: Some(implied),
            };
            Some((
                Type {
                    kind,
                    span: written.span,
                },
                name.name.to_string(),
            ))
        }
        (TypeKind::Array { elem, owner }, Ty::Array { elem: resolved, .. }) => {
            let (elem, name) = implied_owners(elem, resolved)?;
            let kind = TypeKind::Array {
                elem: Box::new(elem),
                owner: owner.clone(),
            };
            Some((
                Type {
                    kind,
                    span: written.span,
                },
                name,
            ))
        }
        _ => None,
    }
}

/// Whether the method `name` may override one of a superclass (then its
/// signature is dictated by the overridden one, E0209, and is not checked
/// for `heap`, E0402).
fn may_override(db: &dyn Db, item: ItemId<'_>, signature: &ClassSignature, name: Name) -> bool {
    match &signature.superclass {
        Some(Superclass::None) => false,
        Some(Superclass::Class(superclass)) => !matches!(
            crate::members::find_method(&Classes::new(db, item.program(db)), *superclass, name),
            crate::members::Lookup::Missing
        ),
        Some(Superclass::Erroneous) | None => true,
    }
}

fn params(
    checker: &WfChecker<'_, '_>,
    params: &[Param],
    sig: &crate::signature::MethodSig,
) -> Vec<Diagnostic> {
    params
        .iter()
        .zip(&sig.params)
        .flat_map(|(param, sig)| checker.check(&param.ty, &sig.ty))
        .collect()
}

/// `extends A<o1, …>`: `o1` must be the class's first formal (E0208);
/// only then is the type checked like any other (a wrong first owner
/// usually breaks the order too, and that is the same mistake).
fn extends(
    resolver: &Resolver<'_>,
    env: &WfEnv,
    class: &ClassDecl,
    signature: &ClassSignature,
    superclass: &ClassRef,
) -> Vec<Diagnostic> {
    let Some(Superclass::Class(decl)) = &signature.superclass else {
        return Vec::new();
    };
    let Some(written) = &superclass.owners else {
        return Vec::new();
    };
    let super_sig = signature_of(resolver.db, resolver.program, *decl);
    if super_sig.is_rref || written.len() != super_sig.formals.len() {
        return Vec::new();
    }
    // Resolved again, silently: the signature reported what is not in scope.
    let scope = OwnerScope::new(OwnerContext::Class, signature.formals.clone());
    let owners: Vec<OwnerRef> = written
        .iter()
        .map(|owner| match &owner.kind {
            OwnerKind::Heap => OwnerRef::Heap,
            OwnerKind::Immortal => OwnerRef::Immortal,
            OwnerKind::This => OwnerRef::This,
            OwnerKind::Name(name) => scope.name(name).unwrap_or(OwnerRef::Error),
        })
        .collect();
    let (Some(first), Some(first_written)) = (owners.first(), written.first()) else {
        return Vec::new();
    };
    if !matches!(first, OwnerRef::ClassFormal(0) | OwnerRef::Error) {
        let Some(formal) = class.formals.first() else {
            return Vec::new();
        };
        let text = match &first_written.kind {
            OwnerKind::Name(name) => name.to_string(),
            OwnerKind::This => "this".into(),
            OwnerKind::Heap => "heap".into(),
            OwnerKind::Immortal => "immortal".into(),
        };
        let declared = resolver.label_in(
            resolver.file,
            formal.name.span,
            &format!(
                "`{}` is the first formal of `{}`",
                formal.name.name, class.name.name
            ),
        );
        return vec![wf_errors::superclass_first_owner(
            first_written.span,
            &text,
            &class.name.name,
            &formal.name.name,
            &superclass.name.name,
            declared,
        )];
    }
    let ty = ClassTy {
        decl: *decl,
        name: superclass.name.name,
        owners: Some(owners.into()),
    };
    let span = superclass
        .name
        .span
        .with_range(superclass.name.span.start, superclass.span.end);
    WfChecker::new(resolver, env).check_class(span, &superclass.name, written, &ty)
}
