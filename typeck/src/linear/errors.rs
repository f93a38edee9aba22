//! The wording of the linear-value and channel diagnostics (E0601, E0703,
//! E0704, E0705, E0707). The checker decides what is wrong and where; this
//! file only says it.

use super::lattice::Exit;
use crate::facts::RrefPlace;
use ownc_lang::ast::Name;
use ownc_lang::{Code, Diagnostic, Label, Span};

pub const USE_AFTER_MOVE: Code = Code("E0601");
pub const CONTRACT_VIOLATED: Code = Code("E0703");
pub const SWITCH_NOT_EXHAUSTIVE: Code = Code("E0704");
pub const BAD_CLOSE_OR_LEAK: Code = Code("E0705");
pub const ENDPOINT_STORED: Code = Code("E0707");

fn gone_label(name: &str, exit: Exit, earlier_iteration: bool) -> Label {
    let verb = if exit.closed { "closed" } else { "moved" };
    let when = if earlier_iteration {
        ", in an earlier iteration of the loop"
    } else {
        ""
    };
    Label::new(exit.span, format!("`{name}` {verb} here{when}"))
}

/// E0601: `name` used at `at` after its value left at `exit` (on every
/// path, or on some path when `maybe`).
pub fn use_after_move(name: &str, at: Span, exit: Exit, maybe: bool) -> Diagnostic {
    let (what, label) = if maybe {
        ("possibly moved", "used here, after a move on some path")
    } else {
        ("moved", "used here after the move")
    };
    let what = if exit.closed && !maybe {
        "closed"
    } else {
        what
    };
    Diagnostic::error(USE_AFTER_MOVE, at, format!("use of {what} value `{name}`"))
        .with_label(label)
        .with_secondary(gone_label(name, exit, false))
        .with_note("rref values and endpoints are linear: once moved (assigned, passed, sent, returned or handed to a thread) or closed, the variable holds nothing until it is assigned again")
}

/// E0601: `name`, read at `at` as the receiver, place, endpoint or first
/// operand of a construct, was moved at `exit` by one of the construct's
/// later operands (`p.next = p;`, `p.grow(p);`, `send(c, M(f(c)));`):
/// operands are evaluated first, left to right (§6), then the construct
/// uses `name`, which by then holds nothing.
pub fn moved_by_later_operand(name: &str, at: Span, exit: Exit, maybe: bool) -> Diagnostic {
    let what = if maybe { "possibly moved" } else { "moved" };
    Diagnostic::error(USE_AFTER_MOVE, at, format!("use of {what} value `{name}`"))
        .with_label(format!("`{name}` is used here once the other operands are evaluated"))
        .with_secondary(gone_label(name, exit, false))
        .with_note("operands are evaluated left to right before the call, store, `send` or `close` uses them: an operand that moves a value used by an earlier one leaves it nothing to use")
}

/// E0601: the whole of `name` moved at `at` while its nested rref `part`
/// had been moved out at `exit` (on every path, or on some when `maybe`)
/// and not given a new value: the moved value would be reachable twice.
pub fn use_after_partial_move(
    name: &str,
    part: &str,
    at: Span,
    exit: Exit,
    maybe: bool,
) -> Diagnostic {
    let what = if maybe { "possibly " } else { "" };
    Diagnostic::error(
        USE_AFTER_MOVE,
        at,
        format!("use of {what}partially moved value `{name}`"),
    )
    .with_label(format!("`{name}` moves here, but `{part}` was moved out of it"))
    .with_secondary(gone_label(part, exit, false))
    .with_help(format!(
        "move the nested value out with `take({part})`, which leaves `null`, or give `{part}` a new value first"
    ))
}

/// E0601: the rref (or array without an owner) `name`, held by a field of
/// an object or a portal (`place`), moved out at `at` without `take`: it
/// would stay there too, reachable by others (§10: rref values are
/// linear; §12: a portal of rref type "is read by `take`").
pub fn move_out_of_held(at: Span, name: &str, place: RrefPlace) -> Diagnostic {
    let (what, why) = match place {
        RrefPlace::Portal => (
            format!("portal `{name}`"),
            "a portal is reached by every thread in its region: a value of rref type is written into it by a move and read out of it by `take` (§12)",
        ),
        RrefPlace::Element => (
            format!("array element `{name}`"),
            "an rref in an element of an array is owned by the array, which other references may reach: moving it out must leave `null` behind (§10)",
        ),
        RrefPlace::Rref => (
            format!("field `{name}` of `this`"),
            "the caller still holds the rref value this method runs on, so a field moved out of it must leave `null` behind (§10)",
        ),
        RrefPlace::Object => (
            format!("field `{name}` of an object"),
            "an rref in a field of an object is owned by that object, which other references may reach: moving it out must leave `null` behind (§10)",
        ),
    };
    Diagnostic::error(
        USE_AFTER_MOVE,
        at,
        format!("cannot move an rref out of {what} without `take`"),
    )
    .with_label("this would leave the value where it is and move it too")
    .with_note(why)
    .with_help("move it out with `take(…)` around this place, which leaves `null` there")
}

/// E0601: a use inside a loop of a value that the loop moves, so that the
/// next iteration uses it again.
pub fn moved_in_earlier_iteration(name: &str, at: Span, exit: Exit) -> Diagnostic {
    let d = Diagnostic::error(
        USE_AFTER_MOVE,
        at,
        format!("use of moved value `{name}` in a loop"),
    );
    let d = if exit.span == at {
        d.with_label(format!(
            "`{name}` moved here in one iteration and used again here in the next"
        ))
    } else {
        d.with_label("used here in the next iteration")
            .with_secondary(gone_label(name, exit, true))
    };
    d.with_help(format!(
        "give `{name}` a new value before the loop body ends, or leave the loop after moving it"
    ))
}

/// E0703: `send`/`receive` of `message` not allowed in `state`.
pub fn not_allowed(
    at: Span,
    endpoint: &str,
    sending: bool,
    message: &str,
    state: &str,
    allowed: &[&Name],
) -> Diagnostic {
    let (verb, other) = if sending {
        ("send", "receive")
    } else {
        ("receive", "send")
    };
    let d = Diagnostic::error(
        CONTRACT_VIOLATED,
        at,
        format!("`{endpoint}` cannot {verb} `{message}` in state `{state}`"),
    )
    .with_label(format!("not a transition of state `{state}`"));
    if allowed.is_empty() {
        d.with_note(format!(
            "in state `{state}`, `{endpoint}` can {verb} nothing (it may {other}, or the state is final)"
        ))
    } else {
        d.with_note(format!(
            "in state `{state}`, `{endpoint}` can {verb} {}",
            quoted(allowed)
        ))
    }
}

/// E0703: a `switch receive` on `endpoint` in a state that can receive
/// no message (`sends`: what it may send instead).
pub fn receives_nothing(at: Span, endpoint: &str, state: &str, sends: &[&Name]) -> Diagnostic {
    let d = Diagnostic::error(
        CONTRACT_VIOLATED,
        at,
        format!("`{endpoint}` cannot receive in state `{state}`"),
    )
    .with_label(format!("no message can arrive in state `{state}`"));
    if sends.is_empty() {
        d.with_note(format!(
            "`{state}` is final: nothing is sent or received in it"
        ))
    } else {
        d.with_note(format!(
            "in state `{state}`, `{endpoint}` must send: {}",
            quoted(sends)
        ))
    }
}

/// E0703: two paths meeting at `at` leave `endpoint` in different states.
pub fn paths_disagree(
    at: Span,
    construct: &str,
    endpoint: &str,
    first: (&str, Span),
    second: (&str, Span),
) -> Diagnostic {
    Diagnostic::error(
        CONTRACT_VIOLATED,
        at,
        format!("the paths of this {construct} leave `{endpoint}` in different states"),
    )
    .with_label(format!("`{endpoint}` must be in one state here"))
    .with_secondary(Label::new(
        first.1,
        format!("`{endpoint}` is in state `{}` here", first.0),
    ))
    .with_secondary(Label::new(
        second.1,
        format!("`{endpoint}` is in state `{}` here", second.0),
    ))
    .with_note("the branches of an `if` or `switch receive` must leave each endpoint in one state, a loop body must end (and `continue`) in the state it began with, and all exits of a loop must agree")
}

/// E0703: an endpoint in `actual` where `expected` (a parameter, a payload,
/// a return or declared type `ty`) is needed.
pub fn wrong_state(at: Span, endpoint: &str, actual: &str, expected: &str, ty: &str) -> Diagnostic {
    Diagnostic::error(
        CONTRACT_VIOLATED,
        at,
        format!("`{endpoint}` is in state `{actual}`, but `{ty}` expects state `{expected}`"),
    )
    .with_label(format!("`{endpoint}` is in state `{actual}` here"))
}

/// Message names as a message lists them: `` `A`, `B` ``.
fn quoted(names: &[&Name]) -> String {
    names
        .iter()
        .map(|m| format!("`{m}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// E0704: a `switch receive` without arms for `missing`.
pub fn missing_arms(at: Span, endpoint: &str, state: &str, missing: &[&Name]) -> Diagnostic {
    let list = quoted(missing);
    let plural = if missing.len() == 1 { "" } else { "s" };
    Diagnostic::error(
        SWITCH_NOT_EXHAUSTIVE,
        at,
        format!("`switch receive` does not handle message{plural} {list}"),
    )
    .with_label(format!("no arm for {list}"))
    .with_note(format!(
        "in state `{state}`, `{endpoint}` can receive each of them; a message without an arm would be a reception fault"
    ))
    .with_help("add an arm for every message the state can receive")
}

/// E0705: a `close` that is not allowed, and why.
pub fn bad_close(at: Span, why: String) -> Diagnostic {
    Diagnostic::error(
        BAD_CLOSE_OR_LEAK,
        at,
        format!("cannot close this channel: {why}"),
    )
    .with_label("closed here")
    .with_note("`close(e, f)` needs both endpoints of a channel, one of each side of the contract, in the same final state")
}

/// Why an endpoint leaks.
#[derive(Clone, Copy, Debug)]
pub enum Leak {
    /// Its scope ends (the closing brace of the block).
    ScopeEnd,
    /// A `return` leaves its scope.
    Return,
    /// A `break` or `continue` leaves its scope.
    Jump,
    /// The variable is given a new value while it still holds one.
    Overwritten,
    /// An expression statement's value (a received or returned endpoint).
    Dropped,
}

/// E0705: live endpoints, each `(name, state)`, are lost at `at`.
pub fn leak(at: Span, lost: &[(String, String)], why: Leak) -> Diagnostic {
    let names = lost
        .iter()
        .map(|(name, _)| format!("`{name}`"))
        .collect::<Vec<_>>()
        .join(" and ");
    let states = lost
        .iter()
        .map(|(name, state)| format!("`{name}` in state `{state}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let (subject, verb) = match lost {
        [_] => (format!("endpoint {names}"), "goes"),
        _ => (format!("endpoints {names}"), "go"),
    };
    let (message, label) = match why {
        Leak::ScopeEnd => (
            format!("{subject} {verb} out of scope without being closed or moved"),
            format!("leaks here: {states}"),
        ),
        Leak::Return | Leak::Jump => (
            format!(
                "{subject} {} left behind without being closed or moved",
                if lost.len() == 1 { "is" } else { "are" }
            ),
            format!("this leaves the scope of {states}"),
        ),
        Leak::Overwritten => (
            format!("{subject} is overwritten without being closed or moved"),
            format!("the endpoint ({states}) leaks here"),
        ),
        Leak::Dropped => (
            "an endpoint is dropped without being closed or moved".to_string(),
            format!(
                "this endpoint (state `{}`) leaks here",
                lost.first().map_or("?", |(_, s)| s.as_str())
            ),
        ),
    };
    Diagnostic::error(BAD_CLOSE_OR_LEAK, at, message)
        .with_label(label)
        .with_help(
            "close an endpoint with its peer (`close(e, f)`), or send it, pass it on or return it",
        )
}

/// E0705: an endpoint held on some paths only goes out of scope (or is
/// overwritten): it was moved or closed on the others (`exit`, the first
/// such place), or never given a value there (`None`).
pub fn maybe_leak(at: Span, endpoint: &str, exit: Option<Exit>, why: Leak) -> Diagnostic {
    let message = match why {
        Leak::Overwritten => {
            format!("endpoint `{endpoint}` is overwritten and may not have been closed or moved")
        }
        _ => format!("endpoint `{endpoint}` may go out of scope without being closed or moved"),
    };
    let diagnostic = Diagnostic::error(BAD_CLOSE_OR_LEAK, at, message)
        .with_label(format!("`{endpoint}` leaks here on some paths"));
    match exit {
        Some(exit) => diagnostic
            .with_secondary(gone_label(endpoint, exit, false))
            .with_note("it is closed or moved on some paths but not on others"),
        None => diagnostic.with_note("it is given an endpoint on some paths but not on others"),
    }
}

/// E0707: an endpoint type in a field or a portal.
pub fn endpoint_stored(at: Span, place: &str) -> Diagnostic {
    Diagnostic::error(
        ENDPOINT_STORED,
        at,
        format!("an endpoint cannot be stored in {place}"),
    )
    .with_label("endpoint type")
    .with_note("endpoints live in locals, parameters, return values and message payloads, where the checker follows their contract state")
    .with_help("pass the endpoint to the code that uses it instead")
}

/// E0707: an endpoint stored in an array element (`a[i] = c;`).
pub fn endpoint_in_array(at: Span) -> Diagnostic {
    Diagnostic::error(
        ENDPOINT_STORED,
        at,
        "an endpoint cannot be stored in an array element",
    )
    .with_label("stored here")
    .with_note("endpoints live in locals, parameters, return values and message payloads, where the checker follows their contract state")
    .with_help("keep the endpoint in a local, or pass it to the code that uses it")
}
