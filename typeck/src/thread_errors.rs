//! The wording of the heap-free and thread errors (LANGUAGE.md §8, E0402
//! and E0403). `threads.rs` decides what is wrong and where; this module
//! decides how it reads.

use ownc_lang::{Code, Diagnostic, Label, Span};

pub const HEAP_IN_REAL_TIME: Code = Code("E0402");
pub const NOT_SHAREABLE: Code = Code("E0403");

/// Why a method run by `rtfork` is not heap-free.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotHeapFree {
    /// It has no `accesses` clause (effect ⊤).
    NoClause,
    /// Its clause covers `heap`.
    CoversHeap,
}

/// Why an owner may not be handed to a thread.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unshareable {
    /// A local region (`region r { … }`, `: LT(n)`, `: VT`).
    LocalRegion,
    /// A region not known to be shared (a `Region` formal).
    Region,
    /// `this`: an object.
    Object,
    /// An `Owner` formal: an object or a region, nobody knows which.
    ObjectOrRegion,
}

/// E0402: `heap` written in the heap-free method `method`.
pub fn heap_in_heap_free(span: Span, method: &str) -> Diagnostic {
    Diagnostic::error(
        HEAP_IN_REAL_TIME,
        span,
        format!("`heap` in the heap-free method `{method}`"),
    )
    .with_label("`heap` mentioned here")
    .with_note(format!(
        "`{method}`'s `accesses` clause does not cover `heap`, so no type written in it \
         may mention `heap`: a real-time thread may run it"
    ))
    .with_help(format!(
        "use an owner the clause covers, or add `heap` to the clause if `{method}` \
         never runs in a real-time thread"
    ))
}

/// E0402: an expression of a type that mentions `heap` (`shown`) in the
/// heap-free method `method`.
pub fn heap_value_in_heap_free(span: Span, method: &str, shown: &str) -> Diagnostic {
    Diagnostic::error(
        HEAP_IN_REAL_TIME,
        span,
        format!("a heap reference in the heap-free method `{method}`"),
    )
    .with_label(format!("this has type `{shown}`"))
    .with_note(format!(
        "`{method}`'s `accesses` clause does not cover `heap`, so no expression in it \
         may mention `heap`: a real-time thread may run it"
    ))
}

/// E0402: `rtfork` of a method that is not heap-free, reported at the
/// method's name (`span`).
pub fn rtfork_not_heap_free(span: Span, method: &str, why: NotHeapFree) -> Diagnostic {
    let (label, help) = match why {
        NotHeapFree::NoClause => (
            format!(
                "`{method}` has no `accesses` clause: it may touch anything, the heap included"
            ),
            format!("declare what `{method}` touches with `accesses …`, without `heap`"),
        ),
        NotHeapFree::CoversHeap => (
            format!("`{method}`'s `accesses` clause covers `heap`"),
            format!("remove `heap` (and its owners) from `{method}`'s `accesses` clause"),
        ),
    };
    Diagnostic::error(
        HEAP_IN_REAL_TIME,
        span,
        format!("`rtfork` of `{method}`, which is not heap-free"),
    )
    .with_label(label)
    .with_note("a real-time thread must never wait for the garbage collector")
    .with_help(help)
}

/// E0402: `rtfork` (the call at `span`) handing a real-time thread a
/// value whose type mentions `heap`; reported at the value, so that a call
/// over several lines is reported on the offending value's line.
pub fn rtfork_heap_value(span: Span, value: Span, is_receiver: bool) -> Diagnostic {
    let what = if is_receiver {
        "receiver"
    } else {
        "an argument"
    };
    Diagnostic::error(
        HEAP_IN_REAL_TIME,
        value,
        format!(
            "`rtfork` hands the real-time thread a heap reference: {what}'s type mentions `heap`"
        ),
    )
    .with_label("its type mentions `heap`")
    .with_secondary(Label::new(span, "the real-time thread starts here"))
    .with_note("a real-time thread must never wait for the garbage collector")
    .with_help("allocate it in `immortal` or a shared region instead")
}

/// E0402: `rtfork` of `method`, inherited from a class whose owners
/// `extends` binds to `heap`: the receiver, seen as that class (`seen`),
/// mentions `heap` although its own type does not.
pub fn rtfork_heap_receiver_view(span: Span, value: Span, method: &str, seen: &str) -> Diagnostic {
    Diagnostic::error(
        HEAP_IN_REAL_TIME,
        value,
        format!(
            "`rtfork` hands the real-time thread a heap reference: the receiver is a `{seen}` \
             to `{method}`"
        ),
    )
    .with_label(format!("`{method}` sees this receiver as a `{seen}`"))
    .with_secondary(Label::new(span, "the real-time thread starts here"))
    .with_note(format!(
        "`{method}` is declared in a superclass that `extends` gives `heap` as an owner: \
         the real-time thread would reach the heap through it"
    ))
    .with_help("run it with `fork`, or on an object whose class gives no superclass `heap`")
}

/// E0402: `rtfork` (the call at `span`) binds one of the method's owner
/// formals to `heap`; reported at `owner`, where it is written (or at the
/// method's name, where it was inferred).
pub fn rtfork_heap_owner(span: Span, owner: Span) -> Diagnostic {
    Diagnostic::error(
        HEAP_IN_REAL_TIME,
        owner,
        "`rtfork` passes `heap` as an owner argument to the real-time thread",
    )
    .with_label("`heap` is an owner argument here")
    .with_secondary(Label::new(span, "the real-time thread starts here"))
    .with_note("a real-time thread must never wait for the garbage collector")
    .with_help("pass `immortal` or a shared region instead")
}

/// E0403: a value handed to a thread has an owner, `owner`, that may die
/// before the thread does.
pub fn not_shareable(span: Span, owner: &str, why: Unshareable, is_receiver: bool) -> Diagnostic {
    let what = if is_receiver { "receiver" } else { "argument" };
    let (is, help) = match why {
        Unshareable::LocalRegion => (
            format!("`{owner}` is a local region, freed when its block ends"),
            format!("open `{owner}` as a shared region, `region {owner} : Kind {{ … }}`: its end waits for the threads"),
        ),
        Unshareable::Region => (
            format!("`{owner}` is a region not known to be shared"),
            format!("declare the formal `Shared {owner}` or with a region kind"),
        ),
        Unshareable::Object => (
            format!("`{owner}` is an object, which may die before the thread"),
            "hand the thread values owned by `heap`, `immortal` or a shared region".to_string(),
        ),
        Unshareable::ObjectOrRegion => (
            format!("`{owner}` may be an object or a local region"),
            format!("declare the formal `Shared {owner}` or with a region kind"),
        ),
    };
    Diagnostic::error(
        NOT_SHAREABLE,
        span,
        format!("{what} not shareable with a thread: its type mentions `{owner}`"),
    )
    .with_label(is)
    .with_note("a thread may share only what outlives it: `heap`, `immortal` or a shared region")
    .with_help(help)
}

/// The secondary label of E0403 for a further value, handed to the same
/// thread, that it may not share either.
pub fn also_unshareable(span: Span, owner: &str) -> Label {
    Label::new(
        span,
        format!("not shareable either: its type mentions `{owner}`"),
    )
}
