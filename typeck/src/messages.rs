//! Message declarations (LANGUAGE.md §11): `message Req(Packet);` names a
//! tag and its payload types. Bodies read the payload types to type
//! `send`, `receive` and `switch receive`; the flow checkers read them for
//! the states of endpoints sent in messages.
//!
//! Decision: a message has no formals and no current object, so its payload
//! types may name only `heap` and `immortal` (payloads are normally rrefs,
//! endpoints and primitives, which name no owner at all).

use crate::db::Db;
use crate::ids::ItemId;
use crate::resolve_type::Resolver;
use crate::scope::{OwnerContext, OwnerScope};
use crate::syntax::item_outline;
use crate::ty::Ty;
use crate::wf::{WfChecker, WfEnv};
use ownc_lang::ast::Item;
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
        let found = WfChecker::new(&resolver, &env).check(ty, &resolved);
        resolver.diagnostics.extend(found);
        payload.push(resolved);
    }
    MessageSignature {
        payload,
        diagnostics: resolver.diagnostics,
    }
}
