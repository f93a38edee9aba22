//! The name rules of a contract that name resolution leaves to it: exactly
//! one initial state (§11), and transitions that lead to declared states.
//! Unknown messages and duplicate states are reported by `resolve_decl.rs`
//! (E0101, E0106), never here.
//!
//! Decisions (LANGUAGE.md gives these rules no code):
//! - No initial state, or more than one, is **E0001**: "exactly one state is
//!   initial" is part of the contract's grammar, as "a class has at least
//!   one formal" is part of the class's (also E0001). None is reported at
//!   the contract's name; each extra one at its state, pointing at the
//!   first.
//! - A transition to a state the contract does not declare is **E0101**, the
//!   code of every other unknown name (messages, classes), reported at the
//!   target where it is written, with a "did you mean" among the contract's
//!   states.
//! - When the contract has syntax errors, recovery may have dropped a state,
//!   so neither a missing initial state nor an unknown target is reported:
//!   the dropped state may be the one meant.

use super::states::States;
use super::ContractError;
use crate::suggest::closest;

/// The initial-state and target-state errors of a contract; `complete` is
/// false when the parser reported an error inside it.
pub fn check(states: &States<'_>, complete: bool) -> Vec<ContractError> {
    let mut errors = Vec::new();
    let mut initials = states.decls.iter().filter(|s| s.initial);
    match initials.next() {
        Some(first) => errors.extend(initials.map(|extra| ContractError::ExtraInitialState {
            state: extra.name.clone(),
            first: first.name.span,
        })),
        None if complete => errors.push(ContractError::NoInitialState),
        None => {}
    }
    if complete {
        for state in &states.decls {
            for t in &state.transitions {
                if states.lookup(&t.target.name).is_none() {
                    let suggestion = closest(&t.target.name, states.names()).map(Into::into);
                    errors.push(ContractError::UnknownTargetState {
                        target: t.target.clone(),
                        suggestion,
                    });
                }
            }
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contracts::test_support::contract;

    fn errors(source: &str, complete: bool) -> Vec<String> {
        let decl = contract(source);
        check(&States::new(&decl), complete)
            .into_iter()
            .map(|e| match e {
                ContractError::NoInitialState => "no initial".to_string(),
                ContractError::ExtraInitialState { state, .. } => format!("extra {}", state.name),
                ContractError::UnknownTargetState { target, suggestion } => {
                    format!("unknown {} {suggestion:?}", target.name)
                }
                _ => "other".to_string(),
            })
            .collect()
    }

    #[test]
    fn one_initial_state_and_known_targets_are_fine() {
        let source = "contract C { initial state a { !M -> b; } final state b { ?N -> a; } }";
        assert!(errors(source, true).is_empty());
    }

    #[test]
    fn no_initial_state() {
        let source = "contract C { state a { } final state b { } }";
        assert_eq!(errors(source, true), ["no initial"]);
        assert!(errors("contract C { }", false).is_empty());
    }

    #[test]
    fn every_extra_initial_state_is_reported() {
        let source =
            "contract C { initial state a { } initial state b { } initial final state c { } }";
        assert_eq!(errors(source, true), ["extra b", "extra c"]);
        // Even in a contract with syntax errors: nothing dropped can undo it.
        assert_eq!(errors(source, false), ["extra b", "extra c"]);
    }

    #[test]
    fn a_duplicate_state_is_not_a_second_initial_state() {
        let source = "contract C { initial state a { } initial state a { } }";
        assert!(errors(source, true).is_empty());
    }

    #[test]
    fn unknown_targets_with_suggestions() {
        let source = "contract C { initial state waiting { !M -> wating; !N -> nowhere; } }";
        assert_eq!(
            errors(source, true),
            ["unknown wating Some(\"waiting\")", "unknown nowhere None"]
        );
        assert!(errors(source, false).is_empty());
    }
}
