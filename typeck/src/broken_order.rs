//! Types whose owner order is already known to be broken (E0201 where
//! they were written), so that what is inferred from them is not reported
//! a second time.
//!
//! A local declared `Stack<r1, r2> c;` (r2 dies first) is E0201 at its
//! type; `u.sink(c)` with `sink<q, d>(Stack<q, d> s) where d outlives q`
//! infers `q = r1`, `d = r2` from that very type, and its clause fails for
//! the same reason. One mistake, one error (LANGUAGE.md §4, §6): the call
//! says nothing about a clause whose two owners both come from such a
//! type.

use crate::resolve_stmt::BodyResolver;
use crate::signature::{ClassSignature, MethodSig};
use crate::threads::owners_of;
use crate::ty::{ClassTy, OwnerRef, Ty};
use crate::wf::WfEnv;
use ownc_lang::Span;

impl BodyResolver<'_> {
    /// Whether `ty`, or a class type inside it, has an owner that does not
    /// outlive the first owner (an array: the array's owner), as far as the
    /// solver knows here. Owners it does not know make nothing broken.
    pub(crate) fn order_broken(&self, ty: &Ty) -> bool {
        order_broken_in(&self.wf, ty)
    }

    /// The owner formals of `sig`, a method of `class`, that its own
    /// signature gets wrong: they appear in a parameter or result type
    /// whose owner order is broken in the method's environment (E0201
    /// where the signature writes it, `measure<a, b>(Shape<b, a> s) where
    /// b outlives a`). Owners a call infers for them come from a type
    /// that does not say what the method meant, so they are not checked
    /// against the method's `where` clauses or its other parameters, nor
    /// given to its result: the signature's one mistake is not reported
    /// again at every call. Empty when the signature has no such type (the
    /// environment is built only for a type with two owners or more).
    pub(crate) fn broken_signature_formals(
        &self,
        class: &ClassSignature,
        sig: &MethodSig,
    ) -> Vec<bool> {
        let types = || std::iter::once(&sig.ret).chain(sig.params.iter().map(|p| &p.ty));
        if !types().any(|ty| owners_of(ty).len() > 1) {
            return Vec::new();
        }
        let mut env = WfEnv::for_class(class, Span::default());
        env.enter_method(sig);
        let mut broken = vec![false; sig.formals.len()];
        for ty in types().filter(|ty| order_broken_in(&env, ty)) {
            for owner in owners_of(ty) {
                if let OwnerRef::MethodFormal(i) = owner {
                    if let Some(b) = broken.get_mut(*i as usize) {
                        *b = true;
                    }
                }
            }
        }
        broken
    }

    /// Whether `ty`, a declared type seen from here (a field's or a
    /// parameter's, owners substituted), is ill formed (E0201, E0202,
    /// E0206): already reported where it is written, since a type well
    /// formed in its class stays so for a well-formed receiver. It is then
    /// erroneous at its uses (one mistake, one error), as a local of an
    /// ill-formed type is.
    pub(crate) fn erroneous_declared(&self, ty: &Ty, at: Span) -> bool {
        self.order_broken(ty) || self.ill_formed(at, ty)
    }
}

/// [`BodyResolver::order_broken`] in the environment `env`.
fn order_broken_in(env: &WfEnv, ty: &Ty) -> bool {
    match ty {
        Ty::Class(ClassTy {
            owners: Some(owners),
            ..
        }) => owners
            .split_first()
            .is_some_and(|(first, rest)| rest.iter().any(|o| !outlives_in(env, o, first))),
        Ty::Array {
            elem,
            owner: Some(owner),
        } => {
            order_broken_in(env, elem)
                || owners_of(elem)
                    .into_iter()
                    .any(|o| !outlives_in(env, o, owner))
        }
        _ => false,
    }
}

/// `upper ⪰ lower` in `env`, or `true` when either is not known for sure.
fn outlives_in(env: &WfEnv, upper: &OwnerRef, lower: &OwnerRef) -> bool {
    match (env.owner(upper), env.owner(lower)) {
        (Some(u), Some(l)) => env.solver().outlives(u, l),
        _ => true,
    }
}

/// Whether both `upper` and `lower` are owners of one of `broken`.
pub(crate) fn from_broken(broken: &[&Ty], upper: &OwnerRef, lower: &OwnerRef) -> bool {
    broken.iter().any(|ty| {
        let owners = owners_of(ty);
        owners.contains(&upper) && owners.contains(&lower)
    })
}
