//! E0702: a contract is positional when no state both sends and receives:
//! in every state exactly one side may send, so the two sides never both
//! send and move apart. One error per state, with its first send and its
//! first receive as the witness. Linear: one pass over the transitions.

use super::states::States;
use super::ContractError;
use ownc_lang::ast::Direction;

/// Every state with both a `!` and a `?` transition.
pub fn check(states: &States<'_>) -> Vec<ContractError> {
    states
        .decls
        .iter()
        .filter_map(|state| {
            let first = |direction| {
                state
                    .transitions
                    .iter()
                    .find(|t| t.direction == direction)
                    .map(|t| t.span)
            };
            let send = first(Direction::Send)?;
            let receive = first(Direction::Receive)?;
            Some(ContractError::NotPositional {
                state: state.name.clone(),
                send,
                receive,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contracts::test_support::contract;

    fn mixed_states(source: &str) -> Vec<String> {
        let decl = contract(source);
        check(&States::new(&decl))
            .into_iter()
            .filter_map(|e| match e {
                ContractError::NotPositional { state, .. } => Some(state.name.to_string()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn sending_and_receiving_states_are_positional() {
        let source = "contract Service {
            initial state idle { !Req -> busy; !Done -> end; }
            state busy { ?Ack -> idle; }
            final state end { }
        }";
        assert!(mixed_states(source).is_empty());
    }

    #[test]
    fn a_state_that_sends_and_receives_is_reported_once() {
        let source = "contract C {
            initial state a { !M -> b; ?N -> b; ?O -> a; !P -> a; }
            final state b { }
        }";
        assert_eq!(mixed_states(source), ["a"]);
    }

    #[test]
    fn the_witness_is_the_first_send_and_the_first_receive() {
        let source = "contract C { initial state a { ?N -> a; !M -> a; ?O -> a; } }";
        let decl = contract(source);
        let errors = check(&States::new(&decl));
        let transitions = &decl.states[0].transitions;
        assert!(matches!(
            errors.as_slice(),
            [ContractError::NotPositional { send, receive, .. }]
                if *send == transitions[1].span && *receive == transitions[0].span
        ));
    }
}
