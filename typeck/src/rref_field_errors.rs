//! The wording of E0603 (LANGUAGE.md §10): a field of an rref class that
//! an rref value may not hold. `rref_fields.rs` decides what is wrong and
//! where; this module decides how it reads.

use ownc_lang::ast::{Ident, Name};
use ownc_lang::{Code, Diagnostic, Label, Span};

pub const BAD_RREF_FIELD: Code = Code("E0603");

/// Why a field's type cannot be in an rref value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Offence {
    /// An ordinary class: an owned object.
    Object,
    /// `int[]<o>`: a primitive array with an owner.
    OwnedArray,
    /// An array whose elements are references (objects, rref values,
    /// arrays).
    ReferenceArray,
    /// `Handle<o>`: a region's handle.
    Handle,
}

impl Offence {
    fn label(self) -> &'static str {
        match self {
            Offence::Object => "an object with an owner, which stays behind when the rref moves",
            Offence::OwnedArray => "an array with an owner, which stays behind when the rref moves",
            Offence::ReferenceArray => "an array of references, not of primitives",
            Offence::Handle => "a region handle, which belongs to one thread",
        }
    }

    fn help(self) -> &'static str {
        match self {
            Offence::Object => "make the field's class an `rref class`, or keep the object outside the rref",
            Offence::OwnedArray => "write the array without owner (`int[]`, made with `new int[](n)`): it then belongs to the rref",
            Offence::ReferenceArray => "use a primitive array, or link the elements as a list of rref values",
            Offence::Handle => "pass the handle to the methods that need it instead of storing it",
        }
    }
}

/// E0603 at the written type of field `field` of rref class `class`.
pub fn bad_rref_field(offence: Offence, field: &Name, ty: Span, class: &Ident) -> Diagnostic {
    Diagnostic::error(
        BAD_RREF_FIELD,
        ty,
        format!(
            "field `{field}` of rref class `{}` has a type an rref value cannot hold",
            class.name
        ),
    )
    .with_label(offence.label())
    .with_secondary(Label::new(
        class.span,
        format!("`{}` is an rref class", class.name),
    ))
    .with_note(
        "an rref value moves between threads as a whole: its fields may only be primitives, \
         primitive arrays (`int[]`, `float[]`, `bool[]`) and rref types",
    )
    .with_help(offence.help())
}
