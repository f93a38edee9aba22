//! Region kind declarations (LANGUAGE.md §12): `regionkind Mailbox extends
//! Shared { portal T name; subregion Kind name [: LT(n) | : VT]; }`. Bodies
//! read a kind's portals and subregions to type `h.portal` (E0501) and
//! `region s = h.sub { … }` (E0502).
//!
//! In a region kind the owners in scope are `this` (the region), `heap` and
//! `immortal`; a portal's type keeps `this` for "the region of the handle
//! it is reached through", substituted at each access. A portal whose
//! class is named without owners is `this`-owned in every position, like
//! a field (§9).

use crate::db::Db;
use crate::errors;
use crate::ids::ItemId;
use crate::resolve_type::Resolver;
use crate::scope::{OwnerContext, OwnerScope};
use crate::syntax::item_outline;
use crate::ty::Ty;
use crate::wf::{WfChecker, WfEnv};
use ownc_lang::ast::{Ident, Item, RegionKindMember};
use ownc_lang::Diagnostic;
use ownc_regions::KindId;

/// A region kind's members, resolved.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RegionKindSignature {
    pub portals: Vec<(Ident, Ty)>,
    /// Each subregion with its kind (`None` when the kind did not resolve).
    pub subregions: Vec<(Ident, Option<KindId>)>,
    /// False when the parser reported an error in the declaration: a member
    /// may be missing, so none is reported missing.
    pub complete: bool,
    pub diagnostics: Vec<Diagnostic>,
}

impl RegionKindSignature {
    pub fn portal(&self, name: &str) -> Option<&Ty> {
        self.portals
            .iter()
            .find(|(n, _)| n.name == name)
            .map(|(_, ty)| ty)
    }

    pub fn subregion(&self, name: &str) -> Option<Option<KindId>> {
        self.subregions
            .iter()
            .find(|(n, _)| n.name == name)
            .map(|(_, kind)| *kind)
    }
}

/// Resolves one region kind's portals and subregions.
///
/// ## Why is this a salsa query?
/// Every portal access and subregion entry of the program reads it;
/// memoized per region kind and fed by its outline, it changes only when
/// that declaration does.
#[salsa::tracked(returns(ref))]
pub fn region_kind_signature<'db>(db: &'db dyn Db, item: ItemId<'db>) -> RegionKindSignature {
    let Some(outline) = item_outline(db, item) else {
        return RegionKindSignature::default();
    };
    let Item::RegionKind(kind) = &outline.item else {
        return RegionKindSignature::default();
    };
    let mut resolver = Resolver::new(db, item.program(db), item.file(db));
    let scope = OwnerScope::new(OwnerContext::RegionKind, Vec::new());
    let position = resolver.index.position(&kind.name.name).unwrap_or(0);
    let id = KindId(u32::try_from(position).unwrap_or(u32::MAX));
    let env = WfEnv::for_region_kind(id, kind.name.span);
    let mut signature = RegionKindSignature {
        complete: !outline.has_syntax_errors,
        ..RegionKindSignature::default()
    };
    let mut seen: Vec<&Ident> = Vec::new();
    for member in &kind.members {
        let name = match member {
            RegionKindMember::Portal { ty, name, .. } => {
                // A portal is "a field of the region itself" (§12): a class
                // named without owners is `this`-owned in every position,
                // as a field's is (§9), and must then be well formed.
                let resolved = resolver.resolve_type(&scope, ty);
                let resolved = crate::signature::owned_by_this(&resolver, resolved);
                let checker = WfChecker::new(&resolver, &env);
                let mut found = checker.check(ty, &resolved);
                if found.is_empty() {
                    found = crate::wf::defaulted_field(&checker, ty, &resolved);
                }
                resolver.diagnostics.extend(found);
                signature.portals.push((name.clone(), resolved));
                name
            }
            RegionKindMember::Subregion { kind, name, .. } => {
                let kind = resolver.region_kind_id(kind);
                signature.subregions.push((name.clone(), kind));
                name
            }
        };
        // Portals and subregions are both reached as `h.name`: one namespace.
        match seen.iter().find(|s| s.name == name.name) {
            Some(first) => resolver.report(errors::duplicate(
                "portal or subregion",
                &name.name,
                name.span,
                first.span,
                None,
            )),
            None => seen.push(name),
        }
    }
    signature.diagnostics = resolver.diagnostics;
    signature
}
