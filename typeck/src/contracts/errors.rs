//! The wording of every contract diagnostic (E0701, E0702, E0706, and the
//! E0001 and E0101 of `names`), in one place: the analyses say *what* is
//! wrong and where, this module how it reads.

use super::{ContractError, Witness};
use crate::errors::UNKNOWN_CLASS;
use ownc_lang::ast::{Direction, Ident};
use ownc_lang::{Code, Diagnostic, Label, Span};

pub const NOT_DETERMINISTIC: Code = Code("E0701");
pub const NOT_POSITIONAL: Code = Code("E0702");
pub const NOT_SYNCHRONIZING: Code = Code("E0706");

const ONE_INITIAL: &str =
    "exactly one state of a contract is initial: both endpoints of a new channel start in it";

/// The diagnostic of `error`, found in the contract named `contract`.
pub fn diagnostic(contract: &Ident, error: &ContractError) -> Diagnostic {
    let c = &contract.name;
    match error {
        ContractError::NoInitialState => Diagnostic::error(
            Code::SYNTAX,
            contract.span,
            format!("contract `{c}` has no initial state"),
        )
        .with_label("no state is marked `initial`")
        .with_note(ONE_INITIAL)
        .with_help("mark the state channels start in, as in `initial state idle { … }`"),
        ContractError::ExtraInitialState { state, first } => Diagnostic::error(
            Code::SYNTAX,
            state.span,
            format!("contract `{c}` has more than one initial state"),
        )
        .with_label("another initial state")
        .with_secondary(Label::new(*first, "the first initial state"))
        .with_note(ONE_INITIAL),
        ContractError::UnknownTargetState { target, suggestion } => {
            let t = &target.name;
            let d = Diagnostic::error(
                UNKNOWN_CLASS,
                target.span,
                format!("unknown state `{t}` in contract `{c}`"),
            )
            .with_label(format!("no state `{t}` is declared in contract `{c}`"));
            match suggestion {
                Some(s) => d.with_help(format!("did you mean `{s}`?")),
                None => d,
            }
        }
        ContractError::NotDeterministic {
            state,
            direction,
            message,
            transitions,
        } => not_deterministic(c, state, &format!("{}{message}", sign(*direction)), transitions),
        ContractError::NotPositional {
            state,
            send,
            receive,
        } => Diagnostic::error(
            NOT_POSITIONAL,
            state.span,
            format!(
                "state `{}` of contract `{c}` is not positional: it both sends and receives",
                state.name
            ),
        )
        .with_label("this state both sends and receives")
        .with_secondary(Label::new(*send, "a send"))
        .with_secondary(Label::new(*receive, "a receive"))
        .with_note("in each state only one side may send, so the two sides never send at once and drift apart")
        .with_help("split it into a state that sends and a state that receives"),
        ContractError::NotSynchronizing {
            state,
            direction,
            witness,
        } => not_synchronizing(c, state, *direction, witness),
    }
}

fn not_deterministic(
    contract: &str,
    state: &Ident,
    label: &str,
    transitions: &[Span],
) -> Diagnostic {
    let count = match transitions.len() {
        2 => "two".to_string(),
        3 => "three".to_string(),
        n => n.to_string(),
    };
    let mut d = Diagnostic::error(
        NOT_DETERMINISTIC,
        state.span,
        format!(
            "state `{}` of contract `{contract}` is not deterministic: {count} transitions on `{label}`",
            state.name
        ),
    )
    .with_label(format!("more than one transition on `{label}`"));
    for (i, span) in transitions.iter().enumerate() {
        let what = if i == 0 { "first" } else { "another" };
        d = d.with_secondary(Label::new(*span, format!("{what} transition on `{label}`")));
    }
    d.with_note(
        "a state has at most one transition per label (direction and message), so both sides always agree on the state of the channel",
    )
}

fn not_synchronizing(
    contract: &str,
    state: &Ident,
    direction: Direction,
    witness: &Witness,
) -> Diagnostic {
    let (only, missing, noun) = match direction {
        Direction::Send => ("sends", "receive", "send"),
        Direction::Receive => ("receives", "send", "receive"),
    };
    let mut d = Diagnostic::error(
        NOT_SYNCHRONIZING,
        state.span,
        format!(
            "final state `{}` of contract `{contract}` is not synchronizing: it is on a cycle of {only} only",
            state.name
        ),
    )
    .with_label(format!("final state on a cycle without a {missing}"));
    for (step, span) in &witness.steps {
        d = d.with_secondary(Label::new(
            *span,
            format!("{noun} {step} of {} on the cycle", witness.length),
        ));
    }
    if let Some((from, to)) = hidden_steps(witness) {
        d = d.with_note(format!("{only} {from} to {to} of the cycle are not shown"));
    }
    d.with_note(
        "every cycle through a final state needs a send and a receive: otherwise messages can still be queued when both sides are in it, and closing the channel would lose them",
    )
}

/// The first and last step numbers the witness leaves out (they are
/// consecutive: the shown steps are a start and an end of the walk).
fn hidden_steps(witness: &Witness) -> Option<(usize, usize)> {
    let shown: Vec<usize> = witness.steps.iter().map(|(step, _)| *step).collect();
    let gap = shown.windows(2).find(|w| w[1] > w[0] + 1);
    match (gap, shown.first(), shown.last()) {
        (Some(w), _, _) => Some((w[0] + 1, w[1] - 1)),
        (None, Some(&1), Some(&last)) if last < witness.length => Some((last + 1, witness.length)),
        (None, Some(&first), _) if first > 1 => Some((1, first - 1)),
        _ => None,
    }
}

fn sign(direction: Direction) -> &'static str {
    match direction {
        Direction::Send => "!",
        Direction::Receive => "?",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn witness(length: usize, steps: &[usize]) -> Witness {
        Witness {
            length,
            steps: steps.iter().map(|&s| (s, Span::default())).collect(),
        }
    }

    #[test]
    fn hidden_steps_are_the_gap() {
        assert_eq!(hidden_steps(&witness(3, &[1, 2, 3])), None);
        assert_eq!(
            hidden_steps(&witness(20, &[1, 2, 17, 18, 19, 20])),
            Some((3, 16))
        );
        assert_eq!(hidden_steps(&witness(20, &[1, 2, 3])), Some((4, 20)));
        assert_eq!(hidden_steps(&witness(20, &[19, 20])), Some((1, 18)));
    }
}
