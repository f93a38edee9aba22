//! E0701: a contract is deterministic when no state has two transitions on
//! one label (the same direction and message), so both endpoints always
//! know which state the other reaches. One error per state and label,
//! with every transition on that label as its witness. Linear: one hash
//! map per state, over its own transitions.

use super::states::States;
use super::ContractError;
use indexmap::IndexMap;
use ownc_lang::ast::Direction;
use ownc_lang::Span;

/// Every label on which a state has more than one transition.
pub fn check(states: &States<'_>) -> Vec<ContractError> {
    let mut errors = Vec::new();
    for state in &states.decls {
        if state.transitions.len() < 2 {
            continue;
        }
        // Insertion order: errors follow the order the labels first appear.
        let mut by_label: IndexMap<(Direction, &str), Vec<Span>> = IndexMap::new();
        for t in &state.transitions {
            by_label
                .entry((t.direction, t.message.name.as_str()))
                .or_default()
                .push(t.span);
        }
        for ((direction, message), transitions) in by_label {
            if transitions.len() > 1 {
                errors.push(ContractError::NotDeterministic {
                    state: state.name.clone(),
                    direction,
                    message: message.into(),
                    transitions,
                });
            }
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contracts::test_support::contract;

    fn labels(source: &str) -> Vec<(String, String, usize)> {
        let decl = contract(source);
        check(&States::new(&decl))
            .into_iter()
            .filter_map(|e| match e {
                ContractError::NotDeterministic {
                    state,
                    direction,
                    message,
                    transitions,
                } => {
                    let sign = if direction == Direction::Send {
                        "!"
                    } else {
                        "?"
                    };
                    Some((
                        state.name.to_string(),
                        format!("{sign}{message}"),
                        transitions.len(),
                    ))
                }
                _ => None,
            })
            .collect()
    }

    #[test]
    fn distinct_labels_are_deterministic() {
        let source = "contract C {
            initial state a { !M -> b; !N -> b; }
            state b { ?M -> a; }
        }";
        assert!(labels(source).is_empty());
    }

    #[test]
    fn the_same_message_in_both_directions_is_two_labels() {
        let source = "contract C { initial state a { !M -> a; ?M -> a; } }";
        assert!(labels(source).is_empty());
    }

    #[test]
    fn two_transitions_on_one_label_are_reported_once_per_label() {
        let source = "contract C {
            initial state a { !M -> b; !N -> b; !M -> a; !M -> b; ?N -> a; ?N -> b; }
            state b { !M -> a; }
        }";
        assert_eq!(
            labels(source),
            [("a".into(), "!M".into(), 3), ("a".into(), "?N".into(), 2)]
        );
    }

    #[test]
    fn the_same_target_twice_is_still_two_transitions() {
        let source = "contract C { initial final state a { ?M -> a; ?M -> a; } }";
        assert_eq!(labels(source), [("a".into(), "?M".into(), 2)]);
    }
}
