//! The wording of the overriding errors (E0209, and E0401 for an override
//! that widens its `accesses` clause). `overrides.rs` decides what is
//! wrong and where; this module decides how it reads.

use ownc_lang::{Code, Diagnostic, Label, Span};

pub const OVERRIDE_SIGNATURE: Code = Code("E0209");
pub const EFFECT: Code = Code("E0401");

/// The first way an overriding signature differs from the overridden one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mismatch {
    /// Another number of owner formals.
    Formals {
        found: usize,
        expected: usize,
    },
    /// The owner formal at `index` is of another kind.
    FormalKind {
        index: usize,
    },
    /// Another number of parameters.
    Params {
        found: usize,
        expected: usize,
    },
    /// The parameter at `index` has another type.
    Param {
        index: usize,
    },
    Return,
    /// The override's `where` clause at `index` (its text: `clause`) does
    /// not follow from the overridden method's clauses: callers through
    /// the superclass's type do not establish it.
    WhereAdded {
        index: usize,
        clause: String,
    },
    /// A clause of the overridden method (after substitution, `clause`)
    /// that the override's clauses do not imply.
    WhereDropped {
        clause: String,
    },
}

impl Mismatch {
    /// Whether the owner formals line up (the parameters, the result or
    /// the clauses differ), so that the `accesses` clauses can still be
    /// compared.
    pub fn formals_agree(&self) -> bool {
        !matches!(self, Mismatch::Formals { .. } | Mismatch::FormalKind { .. })
    }
}

/// The overridden method: its class's name and a label at its declaration.
pub struct Overridden {
    pub class: String,
    pub label: Label,
}

/// E0209 at the overriding method's name. `label` says what differs;
/// `expected` is the overridden signature after substitution.
pub fn signature_not_kept(
    span: Span,
    method: &str,
    overridden: Overridden,
    label: String,
    expected: &str,
) -> Diagnostic {
    let class = &overridden.class;
    Diagnostic::error(
        OVERRIDE_SIGNATURE,
        span,
        format!("method `{method}` overrides `{class}.{method}` but does not keep its signature"),
    )
    .with_label(label)
    .with_secondary(overridden.label)
    .with_note(format!(
        "expected `{expected}` (the signature of `{class}.{method}`, its class's formals replaced by the owners given in `extends`)"
    ))
    .with_help(
        "an override keeps the owner formals, parameter types and return type of the method it overrides; give the method another name if it is a different operation",
    )
}

/// E0209 for `where` clauses that differ (`signature_not_kept` made
/// `d`): labels the added clause (at `clause`, when one was added) and
/// says why the clauses are part of the signature.
pub fn where_not_kept(d: Diagnostic, clause: Option<Span>) -> Diagnostic {
    let d = match clause {
        Some(span) => d.with_secondary(Label::new(span, "not required by the overridden method")),
        None => d,
    };
    d.with_note(
        "a call through the superclass's type checks the overridden method's `where` clauses only: an override keeps them (only its `accesses` clause may change, §3)",
    )
}

/// E0401: an override without an `accesses` clause (it may access
/// anything) of a method with one.
pub fn clause_dropped(
    span: Span,
    method: &str,
    overridden: Overridden,
    clause: &str,
) -> Diagnostic {
    let class = &overridden.class;
    Diagnostic::error(
        EFFECT,
        span,
        format!(
            "method `{method}` has no `accesses` clause, but `{class}.{method}`, which it overrides, has one"
        ),
    )
    .with_label("without a clause, this method may access anything")
    .with_secondary(overridden.label)
    .with_note(format!(
        "an override may only narrow the overridden clause, here `{clause}`"
    ))
    .with_help(format!("add `{clause}` or a narrower clause"))
}

/// E0401: an owner of the overriding clause that the overridden clause
/// (after substitution) does not cover. Reported at the method's name, on
/// its header line, with a label at the owner.
pub fn clause_widened(
    span: Span,
    method: &str,
    owner_span: Span,
    owner: &str,
    overridden: Overridden,
    clause: &str,
) -> Diagnostic {
    let class = &overridden.class;
    Diagnostic::error(
        EFFECT,
        span,
        format!(
            "the `accesses` clause of `{method}` is wider than that of `{class}.{method}`, which it overrides"
        ),
    )
    .with_label(format!("`{owner}` is not covered by `{clause}`"))
    .with_secondary(Label::new(
        owner_span,
        format!("`{owner}` is neither listed there nor owned by a listed owner"),
    ))
    .with_secondary(overridden.label)
    .with_note(format!(
        "an override may only narrow the overridden clause, here `{clause}`: a call through the superclass's type must not reach more than it promises"
    ))
    .with_help(format!(
        "list only owners that `{clause}` covers (listed, or owned by a listed owner)"
    ))
}
