//! The salsa query that checks one contract declaration.

use super::{check_contract, errors};
use crate::db::Db;
use crate::ids::ItemId;
use crate::syntax::item_outline;
use ownc_lang::ast::Item;
use ownc_lang::Diagnostic;

/// The contract-rule diagnostics of one contract (empty for any other
/// declaration): initial state and target states (E0001, E0101),
/// determinism (E0701), positional states (E0702), synchronizing final
/// states (E0706). Its name errors proper (unknown messages, duplicate
/// states) are `declaration_diagnostics`'.
///
/// ## Why is this a salsa query?
/// A contract's rules depend on its own text only, read through its
/// outline: editing anything else, in its file or elsewhere, never re-runs
/// this check, and a program's contracts are checked one by one.
#[salsa::tracked(returns(ref))]
pub fn contract_diagnostics<'db>(db: &'db dyn Db, item: ItemId<'db>) -> Vec<Diagnostic> {
    let Some(outline) = item_outline(db, item) else {
        return Vec::new();
    };
    let Item::Contract(contract) = &outline.item else {
        return Vec::new();
    };
    check_contract(contract, !outline.has_syntax_errors)
        .iter()
        .map(|error| errors::diagnostic(&contract.name, error))
        .collect()
}
