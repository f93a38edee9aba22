//! What the channel checker needs of contracts: a contract as a transition
//! table (states by name, transitions by state, direction and message).
//! Message payload types are `messages.rs`'s.
//!
//! The query reads one declaration's outline, so editing a body never re-runs
//! them, and a body that uses a contract of 10,000 states builds its table
//! once per program revision, not once per body.

use crate::contracts::States;
use crate::db::{Db, Program};
use crate::ids::ItemId;
use crate::items::{item_index, ItemKind};
use crate::maps::FxIndexMap;
use crate::syntax::item_outline;
use ownc_lang::ast::{Direction, Item, Name};

/// One state of a contract.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProtoState {
    pub name: Name,
    pub is_final: bool,
    /// Its transitions to declared states, in source order.
    pub moves: Vec<(Direction, Name)>,
}

/// A contract as a transition table. A state declared twice is its first
/// declaration, as in the contract checks (their errors are reported
/// there, not here); two transitions on one label to different states
/// (E0701) and a transition to an undeclared state lead to an unknown
/// state, so that using them reports nothing more.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Protocol {
    pub states: Vec<ProtoState>,
    by_name: FxIndexMap<Name, u32>,
    /// The target of each transition; `None` for a target state that is not
    /// declared (E0101 in the contract): a transition all the same.
    steps: FxIndexMap<(u32, Direction, Name), Option<u32>>,
    pub initial: Option<u32>,
}

impl Protocol {
    pub fn state(&self, name: &str) -> Option<u32> {
        self.by_name.get(name).copied()
    }

    pub fn name(&self, state: u32) -> &str {
        self.states
            .get(state as usize)
            .map_or("?", |s| s.name.as_str())
    }

    pub fn is_final(&self, state: u32) -> bool {
        self.states.get(state as usize).is_some_and(|s| s.is_final)
    }

    /// The state after `direction message` from `state` (in the contract's
    /// own terms: the dual side flips the direction before asking): `None`
    /// when there is no such transition, `Some(None)` when it leads to an
    /// undeclared state (reported in the contract; unknown here).
    pub fn step(&self, state: u32, direction: Direction, message: &str) -> Option<Option<u32>> {
        self.steps
            .get(&(state, direction, Name::from(message)))
            .copied()
    }

    /// The messages `state` has transitions on in `direction`, in order.
    pub fn messages(&self, state: u32, direction: Direction) -> impl Iterator<Item = &Name> {
        self.states
            .get(state as usize)
            .into_iter()
            .flat_map(|s| s.moves.iter())
            .filter(move |(d, _)| *d == direction)
            .map(|(_, m)| m)
    }
}

/// The transition table of one contract (`None` for anything else, and for
/// a contract with a syntax error: recovery may have dropped a state or a
/// transition, so its endpoints' states are unknown and no `send`,
/// `receive` or `close` on them is reported; the syntax error is the one
/// mistake). So for a contract with a transition on an undeclared message
/// (E0101 at it): which message was meant is unknown, and every `send`,
/// `receive` or `switch receive` of the intended one would otherwise be
/// an E0703 or E0704 of its own.
///
/// ## Why is this a salsa query?
/// Every body that uses a contract needs its table; built from the
/// contract's outline, it is computed once per change of that contract.
#[salsa::tracked(returns(ref))]
pub fn protocol<'db>(db: &'db dyn Db, item: ItemId<'db>) -> Option<Protocol> {
    let outline = item_outline(db, item)?;
    if outline.has_syntax_errors {
        return None;
    }
    let Item::Contract(contract) = &outline.item else {
        return None;
    };
    let program = item.program(db);
    let declared =
        |message: &Name| item_named(db, program, message, |k| *k == ItemKind::Message).is_some();
    if contract
        .states
        .iter()
        .flat_map(|state| &state.transitions)
        .any(|t| !declared(&t.message.name))
    {
        return None;
    }
    let states = States::new(contract);
    let mut protocol = Protocol::default();
    for (ix, decl) in states.decls.iter().enumerate() {
        let ix = u32::try_from(ix).unwrap_or(u32::MAX);
        protocol.by_name.insert(decl.name.name, ix);
        if decl.initial && protocol.initial.is_none() {
            protocol.initial = Some(ix);
        }
    }
    for (ix, decl) in states.decls.iter().enumerate() {
        let ix = u32::try_from(ix).unwrap_or(u32::MAX);
        let mut moves = Vec::new();
        for t in &decl.transitions {
            let target = protocol.state(&t.target.name);
            let key = (ix, t.direction, t.message.name);
            match protocol.steps.get_mut(&key) {
                // Two transitions on one label (E0701) to different states:
                // which one was meant is unknown, so is the state after it
                // (no E0703 cascading from the contract's mistake).
                Some(known) if *known != target => *known = None,
                Some(_) => {}
                None => {
                    protocol.steps.insert(key, target);
                    moves.push((t.direction, t.message.name));
                }
            }
        }
        protocol.states.push(ProtoState {
            name: decl.name.name,
            is_final: decl.is_final,
            moves,
        });
    }
    Some(protocol)
}

/// The declaration of a top-level name, if it is of the wanted kind.
pub fn item_named<'db>(
    db: &'db dyn Db,
    program: Program,
    name: &str,
    wanted: fn(&ItemKind) -> bool,
) -> Option<ItemId<'db>> {
    let entry = item_index(db, program).get(name)?;
    wanted(&entry.kind).then(|| ItemId::of(db, program, entry.decl))
}
