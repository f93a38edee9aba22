//! Names in the declarations that have no bodies: region kinds (portal
//! types, subregion kinds), messages (payload types) and contracts (the
//! messages their transitions name, their state names).
//!
//! Decision: contract and channel rules proper (E0701–E0707) are not
//! resolution's; here only a name that is not declared at all, or not as a
//! message, is reported, as E0101 (the code for unknown top-level names),
//! and a state declared twice in one contract as E0106. A transition's
//! unknown target state and the initial state are checked with the
//! contract rules (`contracts/names.rs`).

use crate::db::Db;
use crate::errors;
use crate::ids::ItemId;
use crate::resolve_type::{Expect, Resolver};
use crate::scope::{OwnerContext, OwnerScope};
use crate::syntax::item_outline;
use crate::wf::{WfChecker, WfEnv};
use ownc_lang::ast::{ContractDecl, Ident, Item, MessageDecl, RegionKindDecl, RegionKindMember};
use ownc_lang::{Diagnostic, Span};
use ownc_regions::KindId;
use std::collections::HashMap;

/// The name errors of one region kind, message or contract (empty for
/// classes and `main`, which have their own queries).
///
/// ## Why is this a salsa query?
/// These declarations are checked once per change of their own text (read
/// through the outline) or of the program's names, not once per edit of the
/// file they are in.
#[salsa::tracked(returns(ref))]
pub fn declaration_diagnostics<'db>(db: &'db dyn Db, item: ItemId<'db>) -> Vec<Diagnostic> {
    let Some(outline) = item_outline(db, item) else {
        return Vec::new();
    };
    let mut resolver = Resolver::new(db, item.program(db), item.file(db));
    match &outline.item {
        Item::RegionKind(kind) => region_kind(&mut resolver, kind),
        Item::Message(message) => message_payload(&mut resolver, message),
        Item::Contract(contract) => contract_names(&mut resolver, contract),
        Item::Class(_) | Item::Main(_) => {}
    }
    resolver.diagnostics
}

/// In a region kind, owners in scope are `this` (the region), `heap` and
/// `immortal` (§12); subregions name region kinds.
fn region_kind(resolver: &mut Resolver<'_>, kind: &RegionKindDecl) {
    if let Some(parent) = &kind.extends {
        resolver.lookup(parent, Expect::RegionKind);
    }
    let scope = OwnerScope::new(OwnerContext::RegionKind, Vec::new());
    let position = resolver.index.position(&kind.name.name).unwrap_or(0);
    let id = KindId(u32::try_from(position).unwrap_or(u32::MAX));
    let env = WfEnv::for_region_kind(id, kind.name.span);
    let mut seen: Vec<&Ident> = Vec::new();
    for member in &kind.members {
        let name = match member {
            RegionKindMember::Portal { ty, name, .. } => {
                let resolved = resolver.resolve_type(&scope, ty);
                let found = WfChecker::new(resolver, &env).check(ty, &resolved);
                resolver.diagnostics.extend(found);
                name
            }
            RegionKindMember::Subregion { kind, name, .. } => {
                resolver.lookup(kind, Expect::RegionKind);
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
}

/// Decision: a message has no formals and no current object, so its payload
/// types may name only `heap` and `immortal` (payloads are normally rrefs,
/// endpoints and primitives, which name no owner at all).
fn message_payload(resolver: &mut Resolver<'_>, message: &MessageDecl) {
    let scope = OwnerScope::new(OwnerContext::Message, Vec::new());
    let env = WfEnv::empty();
    for ty in &message.payload {
        let resolved = resolver.resolve_type(&scope, ty);
        let found = WfChecker::new(resolver, &env).check(ty, &resolved);
        resolver.diagnostics.extend(found);
    }
}

fn contract_names(resolver: &mut Resolver<'_>, contract: &ContractDecl) {
    // A map, not a list: contracts may have tens of thousands of states,
    // and the contract checks are linear in their size.
    let mut seen: HashMap<&str, Span> = HashMap::with_capacity(contract.states.len());
    for state in &contract.states {
        match seen.get(state.name.name.as_str()) {
            Some(&first) => resolver.report(errors::duplicate(
                "state",
                &state.name.name,
                state.name.span,
                first,
                None,
            )),
            None => {
                seen.insert(&state.name.name, state.name.span);
            }
        }
        for transition in &state.transitions {
            resolver.lookup(&transition.message, Expect::Message);
        }
    }
}
