//! Finding a contract of a program by name, for `ownc contract`.

use super::contract_diagnostics;
use crate::db::{Db, Program};
use crate::ids::ItemId;
use crate::items::{item_index, ItemKind};
use crate::resolve_decl::declaration_diagnostics;
use crate::suggest::closest;
use crate::syntax::item_outline;
use ownc_lang::ast::{ContractDecl, Item};

/// What a name stands for, seen from `ownc contract`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ContractLookup {
    /// The (first) contract of that name; `has_errors` when its declaration
    /// has a syntax, name or contract error (what `ownc check` would report
    /// inside it).
    Found {
        contract: ContractDecl,
        has_errors: bool,
    },
    /// The name is declared, as something else ("a class").
    NotAContract { actual: &'static str },
    /// A declaration of that name did not parse.
    Unparsed,
    /// Nothing of that name; perhaps a contract of a close name.
    Unknown { suggestion: Option<String> },
}

/// The contract named `name` in `program`.
pub fn find_contract(db: &dyn Db, program: Program, name: &str) -> ContractLookup {
    let index = item_index(db, program);
    let Some(entry) = index.get(name) else {
        if index.is_lost(name) {
            return ContractLookup::Unparsed;
        }
        let contracts = index
            .iter()
            .filter(|(_, e)| e.kind == ItemKind::Contract)
            .map(|(n, _)| n.as_str());
        return ContractLookup::Unknown {
            suggestion: closest(name, contracts).map(str::to_string),
        };
    };
    if entry.kind != ItemKind::Contract {
        return ContractLookup::NotAContract {
            actual: entry.kind.describe(),
        };
    }
    let item = ItemId::of(db, program, entry.decl);
    match item_outline(db, item) {
        Some(outline) => match &outline.item {
            Item::Contract(contract) => ContractLookup::Found {
                contract: contract.clone(),
                has_errors: outline.has_syntax_errors
                    || !declaration_diagnostics(db, item).is_empty()
                    || !contract_diagnostics(db, item).is_empty(),
            },
            _ => ContractLookup::Unparsed,
        },
        None => ContractLookup::Unparsed,
    }
}
