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

    /// What `sig`, a method of `class`, gets wrong in its own signature:
    /// the parameter and result types whose owner order is broken in the
    /// method's environment (E0201 where the signature writes them,
    /// `measure<a, b>(Shape<b, a> s) where b outlives a`), and the owner
    /// formals they mention. Owners a call infers for those formals come
    /// from a type that does not say what the method meant, so they are
    /// not checked against the method's `where` clauses or its other
    /// parameters; such a parameter takes any argument and such a result
    /// is erroneous, as a local of an ill-formed type is: the signature's
    /// one mistake is not reported again at every call. `None` when the
    /// signature has no such type (the environment is built only when a
    /// type has two owners or more).
    pub(crate) fn broken_signature(
        &self,
        class: &ClassSignature,
        sig: &MethodSig,
    ) -> Option<BrokenSignature> {
        let types = || std::iter::once(&sig.ret).chain(sig.params.iter().map(|p| &p.ty));
        if !types().any(|ty| owners_of(ty).len() > 1) {
            return None;
        }
        let mut env = WfEnv::for_class(class, Span::default());
        env.enter_method(sig);
        let broken: Vec<bool> = types().map(|ty| order_broken_in(&env, ty)).collect();
        if !broken.contains(&true) {
            return None;
        }
        let mut formals = vec![false; sig.formals.len()];
        for (ty, _) in types().zip(&broken).filter(|(_, b)| **b) {
            for owner in owners_of(ty) {
                if let OwnerRef::MethodFormal(i) = owner {
                    if let Some(f) = formals.get_mut(*i as usize) {
                        *f = true;
                    }
                }
            }
        }
        Some(BrokenSignature {
            ret: broken.first().copied().unwrap_or(false),
            params: broken.get(1..).unwrap_or_default().to_vec(),
            formals,
        })
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

/// See [`BodyResolver::broken_signature`].
pub(crate) struct BrokenSignature {
    /// Whether the result type is broken.
    pub ret: bool,
    /// Whether each parameter's type is broken.
    pub params: Vec<bool>,
    /// Whether each owner formal appears in a broken type.
    pub formals: Vec<bool>,
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
