//! The well-formedness of contracts (LANGUAGE.md §11): exactly one initial
//! state and declared target states (`names`), determinism (E0701,
//! `determinism`), positional states (E0702, `positional`) and
//! synchronizing final states (E0706, `synchronizing`); and, for `ownc
//! contract --dot`, finding a contract by name (`lookup`) and drawing it as
//! a Graphviz state machine (`dot`).
//!
//! The analyses are pure functions of one [`ContractDecl`] returning
//! [`ContractError`]s (data, no prose); `errors` words them, and
//! [`contract_diagnostics`] is the salsa query that runs them per contract.
//! Every check is linear in the size of the contract (states plus
//! transitions; the benchmark of the channels work is a contract of 10,000
//! states), and none recurses on the contract's shape.
//!
//! Contract errors are reported at the offending state's declaration (its
//! name), as §11 asks, with their witness as secondary labels.

mod determinism;
mod dot;
mod errors;
mod lookup;
mod names;
mod positional;
mod query;
mod scc;
mod states;
mod synchronizing;

pub use dot::render_dot;
pub use lookup::{find_contract, ContractLookup};
pub use query::contract_diagnostics;

use ownc_lang::ast::{ContractDecl, Direction, Ident, Name};
use ownc_lang::Span;
/// The channel checker (`linear/`) reads contracts through the same graph.
pub(crate) use states::States;

/// One violation of a contract rule, with what its diagnostic shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ContractError {
    /// No state is marked `initial` (E0001).
    NoInitialState,
    /// A second (third…) `initial` state; `first` is the first one's name
    /// (E0001).
    ExtraInitialState { state: Ident, first: Span },
    /// A transition to a state the contract does not declare (E0101).
    UnknownTargetState {
        target: Ident,
        suggestion: Option<Name>,
    },
    /// Several transitions of `state` on one label (E0701).
    NotDeterministic {
        state: Ident,
        direction: Direction,
        message: Name,
        transitions: Vec<Span>,
    },
    /// `state` has sends and receives; its first of each (E0702).
    NotPositional {
        state: Ident,
        send: Span,
        receive: Span,
    },
    /// Final `state` lies on a cycle of `direction` transitions only (E0706).
    NotSynchronizing {
        state: Ident,
        direction: Direction,
        witness: Witness,
    },
}

/// A closed walk through a final state: its length in transitions, and the
/// steps shown (1-based step number, transition), in order; when the walk
/// is long, only its first and last steps are shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Witness {
    pub length: usize,
    pub steps: Vec<(usize, Span)>,
}

/// Every rule `contract` breaks, in the order: names, determinism,
/// positional states, synchronizing final states. `complete` is false when
/// the parser reported an error inside the contract (see `names`).
pub fn check_contract(contract: &ContractDecl, complete: bool) -> Vec<ContractError> {
    let states = States::new(contract);
    let mut found = names::check(&states, complete);
    found.extend(determinism::check(&states));
    found.extend(positional::check(&states));
    found.extend(synchronizing::check(&states));
    found
}

#[cfg(test)]
mod tests;

#[cfg(test)]
pub(crate) mod test_support {
    use ownc_lang::ast::{ContractDecl, Item};

    /// The first contract of `source`, which must parse.
    #[allow(clippy::panic)]
    pub fn contract(source: &str) -> ContractDecl {
        let parsed = ownc_lang::parse(source);
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        parsed
            .file
            .items
            .into_iter()
            .find_map(|item| match item {
                Item::Contract(c) => Some(c),
                _ => None,
            })
            .unwrap_or_else(|| panic!("no contract in {source}"))
    }
}
