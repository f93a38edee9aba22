//! Portals and subregions reached through handles (LANGUAGE.md §12):
//! `h.latest` reads or writes a portal of the region kind of `h`'s region,
//! and `region s = h.work { … }` enters a subregion of it. Reaching a
//! portal the kind does not declare, or through the handle of a region
//! that is not shared, is E0501; the same for subregions is E0502.
//!
//! In a portal's type `this` stands for the region of the handle
//! (`h.latest : Frame<p>` when `h : Handle<p>`), and an access has the
//! effect of that region (§8).
//!
//! Decisions: a `Shared` formal is a shared region of no particular kind,
//! so it declares no portal or subregion (E0501/E0502); an owner whose
//! kind is unknown because of an earlier error reports nothing.

use crate::ids::ItemId;
use crate::region_kinds::{region_kind_signature, RegionKindSignature};
use crate::resolve_stmt::BodyResolver;
use crate::subst::Subst;
use crate::ty::{OwnerRef, Ty};
use crate::type_errors::{self, HandleRegion};
use ownc_lang::ast::Ident;
use ownc_regions::{KindId, OwnerKind};
use std::sync::Arc;

/// What a handle's region is, for portal and subregion access.
enum HandleKind<'db> {
    /// A shared region of a declared kind.
    Kind(&'db RegionKindSignature, String),
    /// Not a shared region of a known kind: what it is, and the reason,
    /// for the message.
    NotShared(HandleRegion<'static>, &'static str),
    /// Unknown because of an earlier error.
    Unknown,
}

impl<'db> BodyResolver<'db> {
    /// `h.name` with `h : Handle<owner>`: a portal of the region's kind.
    pub(crate) fn portal(&mut self, owner: &OwnerRef, name: &Ident) -> Ty {
        let region = self.owners.describe(owner);
        match self.handle_kind(owner) {
            HandleKind::Kind(sig, kind) => match sig.portal(&name.name) {
                Some(ty) => {
                    self.effect(owner, name.span);
                    let subst = Subst {
                        class: Arc::from([]),
                        method: Arc::from([]),
                        this: owner.clone(),
                    };
                    subst.apply(ty)
                }
                None if sig.complete => {
                    let d = type_errors::unknown_portal(name, &region, HandleRegion::Kind(&kind));
                    self.resolver.report(d);
                    Ty::Unknown
                }
                None => Ty::Unknown,
            },
            HandleKind::NotShared(what, why) => {
                let d = type_errors::unknown_portal(name, &region, what).with_note(why);
                self.resolver.report(d);
                Ty::Unknown
            }
            HandleKind::Unknown => Ty::Unknown,
        }
    }

    /// `region s = h.sub { … }`: the kind of the subregion entered, when
    /// the handle's region kind declares it (E0502 otherwise).
    pub(crate) fn subregion_kind(&mut self, handle: &Ty, sub: &Ident) -> Option<KindId> {
        let Ty::Handle(owner) = handle else {
            if !matches!(handle, Ty::Unknown) {
                let shown = self.show(handle);
                let d = type_errors::not_a_handle(sub.span, &shown);
                self.resolver.report(d);
            }
            return None;
        };
        let region = self.owners.describe(owner);
        match self.handle_kind(owner) {
            HandleKind::Kind(sig, kind) => match sig.subregion(&sub.name) {
                Some(kind) => kind,
                None => {
                    if sig.complete {
                        let d =
                            type_errors::unknown_subregion(sub, &region, HandleRegion::Kind(&kind));
                        self.resolver.report(d);
                    }
                    None
                }
            },
            HandleKind::NotShared(what, why) => {
                let d = type_errors::unknown_subregion(sub, &region, what).with_note(why);
                self.resolver.report(d);
                None
            }
            HandleKind::Unknown => None,
        }
    }

    fn handle_kind(&self, owner: &OwnerRef) -> HandleKind<'db> {
        let Some(solver_owner) = self.wf.owner(owner) else {
            return HandleKind::Unknown;
        };
        match self.wf.solver().kind_of(solver_owner) {
            Some(OwnerKind::Shared(Some(kind))) => {
                let (db, program) = (self.resolver.db, self.resolver.program);
                let Some((name, entry)) = self.resolver.index.at(kind.0 as usize) else {
                    return HandleKind::Unknown;
                };
                let item = ItemId::of(db, program, entry.decl);
                HandleKind::Kind(region_kind_signature(db, item), name.to_string())
            }
            Some(OwnerKind::Shared(None)) => HandleKind::NotShared(
                HandleRegion::NoKind,
                "only a region kind declares portals and subregions (§12)",
            ),
            Some(OwnerKind::Unknown) | None => HandleKind::Unknown,
            Some(OwnerKind::Region | OwnerKind::Any | OwnerKind::Object) => HandleKind::NotShared(
                HandleRegion::NotShared,
                "only shared regions (`region r : Kind { … }`) have portals and subregions",
            ),
        }
    }
}
