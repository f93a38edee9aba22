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
use crate::messages::message_signature;
use crate::region_kinds::region_kind_signature;
use crate::resolve_type::{Expect, Resolver};
use crate::syntax::item_outline;
use ownc_lang::ast::{ContractDecl, Item};
use ownc_lang::{Diagnostic, Span};
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
        Item::RegionKind(_) => return region_kind_signature(db, item).diagnostics.clone(),
        Item::Message(_) => return message_signature(db, item).diagnostics.clone(),
        Item::Contract(contract) => contract_names(&mut resolver, contract),
        Item::Class(_) | Item::Main(_) => {}
    }
    resolver.diagnostics
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
