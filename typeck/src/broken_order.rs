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
use crate::threads::owners_of;
use crate::ty::{ClassTy, OwnerRef, Ty};
use ownc_lang::Span;

impl BodyResolver<'_> {
    /// Whether `ty`, or a class type inside it, has an owner that does not
    /// outlive the first owner (an array: the array's owner), as far as the
    /// solver knows here. Owners it does not know make nothing broken.
    pub(crate) fn order_broken(&self, ty: &Ty) -> bool {
        match ty {
            Ty::Class(ClassTy {
                owners: Some(owners),
                ..
            }) => owners
                .split_first()
                .is_some_and(|(first, rest)| rest.iter().any(|o| !self.outlives_here(o, first))),
            Ty::Array {
                elem,
                owner: Some(owner),
            } => {
                self.order_broken(elem)
                    || owners_of(elem)
                        .into_iter()
                        .any(|o| !self.outlives_here(o, owner))
            }
            _ => false,
        }
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

    /// `upper ⪰ lower`, or `true` when either is not known for sure.
    fn outlives_here(&self, upper: &OwnerRef, lower: &OwnerRef) -> bool {
        match (self.wf.owner(upper), self.wf.owner(lower)) {
            (Some(u), Some(l)) => self.wf.solver().outlives(u, l),
            _ => true,
        }
    }
}

/// Whether both `upper` and `lower` are owners of one of `broken`.
pub(crate) fn from_broken(broken: &[&Ty], upper: &OwnerRef, lower: &OwnerRef) -> bool {
    broken.iter().any(|ty| {
        let owners = owners_of(ty);
        owners.contains(&upper) && owners.contains(&lower)
    })
}
