//! Message declarations (LANGUAGE.md §11): `message Req(Packet);` names a
//! tag and its payload types. Bodies read the payload types to type
//! `send`, `receive` and `switch receive`; the flow checkers read them for
//! the states of endpoints sent in messages.
//!
//! Decision: a message has no formals and no current object, so its payload
//! types may name only `heap` and `immortal` (payloads are normally rrefs,
//! endpoints and primitives, which name no owner at all). A payload spells
//! its owners out, as a method signature does (§9): an ordinary class named
//! without them (`message M(Data);`) is E0207 at the name, once, and the
//! payload is then of unknown type. Read as owners that match anything, it
//! let a `Data<r>` of a local region travel out of it as a `Data<heap>`.

use crate::db::Db;
use crate::ids::ItemId;
use crate::items::ItemKind;
use crate::resolve_type::Resolver;
use crate::scope::{OwnerContext, OwnerScope};
use crate::syntax::item_outline;
use crate::ty::Ty;
use crate::type_errors;
use crate::wf::{WfChecker, WfEnv};
use ownc_lang::ast::{Item, Type, TypeKind};
use ownc_lang::Diagnostic;

/// A message's payload types, with the errors found resolving them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MessageSignature {
    pub payload: Vec<Ty>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Resolves one message's payload types.
///
/// ## Why is this a salsa query?
/// Every `send` and `receive` of the program reads it; memoized per
/// message and fed by its outline only, it changes when that declaration
/// does, never when a body is edited.
#[salsa::tracked(returns(ref))]
pub fn message_signature<'db>(db: &'db dyn Db, item: ItemId<'db>) -> MessageSignature {
    let Some(outline) = item_outline(db, item) else {
        return MessageSignature::default();
    };
    let Item::Message(message) = &outline.item else {
        return MessageSignature::default();
    };
    let mut resolver = Resolver::new(db, item.program(db), item.file(db));
    let scope = OwnerScope::new(OwnerContext::Message, Vec::new());
    let env = WfEnv::empty();
    let mut payload = Vec::with_capacity(message.payload.len());
    for ty in &message.payload {
        let resolved = resolver.resolve_type(&scope, ty);
        if bare_class(&mut resolver, ty, &resolved) {
            payload.push(Ty::Unknown);
            continue;
        }
        let found = WfChecker::new(&resolver, &env).check(ty, &resolved);
        resolver.diagnostics.extend(found);
        payload.push(resolved);
    }
    MessageSignature {
        payload,
        diagnostics: resolver.diagnostics,
    }
}

/// Reports E0207 when `written` (or its arrays' element type) is an
/// ordinary class named without owners; `resolved` is unknown when the
/// type was reported already (an unknown class, an array without owner).
fn bare_class(resolver: &mut Resolver<'_>, written: &Type, resolved: &Ty) -> bool {
    let mut elem = written;
    while let TypeKind::Array { elem: inner, .. } = &elem.kind {
        elem = inner;
    }
    let TypeKind::Class { name, owners: None } = &elem.kind else {
        return false;
    };
    let ordinary = !matches!(resolved, Ty::Unknown)
        && resolver
            .index
            .get(&name.name)
            .is_some_and(|entry| matches!(entry.kind, ItemKind::Class { is_rref: false, .. }));
    if ordinary {
        resolver.report(type_errors::bare_in_payload(name.span, &name.name));
    }
    ordinary
}
