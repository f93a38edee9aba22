//! The wording of the definite-assignment and missing-return errors
//! (LANGUAGE.md §6, E0111 and E0112). The walks decide what is wrong and
//! where; this module decides how it reads.

use ownc_lang::ast::{Ident, Name};
use ownc_lang::{Code, Diagnostic, Label, Span};

pub const MISSING_RETURN: Code = Code("E0111");
pub const UNASSIGNED_READ: Code = Code("E0112");

/// E0111 at the method's name (where rustc points too), with the return
/// type and the body's closing brace, where control falls off (where javac
/// points), as secondary labels.
pub fn missing_return(method: &Ident, closing_brace: Span, return_type: Span) -> Diagnostic {
    let name = &method.name;
    Diagnostic::error(
        MISSING_RETURN,
        method.span,
        format!("missing return in `{name}`"),
    )
    .with_label(format!("`{name}` may end without returning a value"))
    .with_secondary(Label::new(
        return_type,
        format!("`{name}` is declared to return a value of this type"),
    ))
    .with_secondary(Label::new(
        closing_brace,
        "control can reach the end of the body here without `return`",
    ))
    .with_help("end every path through the body with `return` and a value")
}

/// E0112 at a read of a local that some path leaves unassigned.
pub fn unassigned_read(name: &Name, read: Span, declared: Span) -> Diagnostic {
    Diagnostic::error(
        UNASSIGNED_READ,
        read,
        format!("`{name}` is read before it is definitely assigned"),
    )
    .with_label(format!("`{name}` may be unassigned here"))
    .with_secondary(Label::new(
        declared,
        format!("`{name}` is declared here without an initial value"),
    ))
    .with_note("as in Java, a local declared without an initial value must be assigned on every path that reaches a read")
    .with_help(format!(
        "assign `{name}` on every path before this read, or give it an initial value"
    ))
}
