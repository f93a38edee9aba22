//! The wording of expression typing's diagnostics (LANGUAGE.md §5, §6, §9):
//! E0109 bad operands, E0110 mismatches, E0203 `this`-owned members reached
//! from outside, E0207 owners that cannot be inferred, and E0202 for a
//! method's `where` clause that does not hold at a call. Types arrive
//! already written out in the caller's terms.

use ownc_lang::{Code, Diagnostic, Span};

pub const BAD_OPERANDS: Code = Code("E0109");
pub const MISMATCH: Code = Code("E0110");
pub const THIS_OWNED: Code = Code("E0203");
pub const CANNOT_INFER: Code = Code("E0207");
pub const WHERE_CLAUSE: Code = Code("E0202");
pub const EFFECT_NOT_COVERED: Code = Code("E0401");

/// E0110: a value of type `found` where `expected` is needed; `context`
/// says what needs it ("the initialiser of `x`", "argument 2 of `push`").
pub fn mismatch(span: Span, expected: &str, found: &str, context: &str) -> Diagnostic {
    Diagnostic::error(
        MISMATCH,
        span,
        format!("mismatched types: expected `{expected}`, found `{found}`"),
    )
    .with_label(format!("{context} must be `{expected}`"))
}

/// E0110: the channel operand of `op` (`send`, `receive`, `switch
/// receive`, `close`) is not an endpoint.
pub fn not_an_endpoint(span: Span, found: &str, op: &str) -> Diagnostic {
    Diagnostic::error(
        MISMATCH,
        span,
        format!("mismatched types: expected an endpoint, found `{found}`"),
    )
    .with_label(format!("{op} needs a channel endpoint `chan<…>` here"))
}

/// E0110: `receive(e, M)` of a message `M` that carries `count` (two or
/// more) values: the expression has one value, so only `switch receive`
/// can bind them.
pub fn several_payloads(span: Span, message: &str, count: usize) -> Diagnostic {
    Diagnostic::error(
        MISMATCH,
        span,
        format!(
            "mismatched types: `receive` gives one value, but message `{message}` carries {count}"
        ),
    )
    .with_label(format!("`{message}` carries {count} values"))
    .with_note(format!(
        "bind each value in a `switch receive` arm: `{message}(a, b) => {{ … }}`"
    ))
}

/// E0110: `take` of something that does not hold an rref value.
pub fn not_an_rref_place(span: Span, found: &str) -> Diagnostic {
    Diagnostic::error(
        MISMATCH,
        span,
        format!("mismatched types: expected an rref value, found `{found}`"),
    )
    .with_label("`take` moves an rref value out of a field or portal")
}

/// E0110 with a note on why two class types with the same name differ.
pub fn owner_mismatch(span: Span, expected: &str, found: &str, context: &str) -> Diagnostic {
    mismatch(span, expected, found, context)
        .with_note("owners are invariant: a type's owners must match exactly (§4)")
}

/// E0110: `return;` in a method that returns a value, or `return e;`
/// where nothing may be returned.
pub fn bad_return(span: Span, expected: &str, found: &str) -> Diagnostic {
    Diagnostic::error(
        MISMATCH,
        span,
        format!("mismatched types: expected `{expected}`, found `{found}`"),
    )
    .with_label(if expected == "void" {
        "nothing may be returned here".to_string()
    } else {
        format!("the method returns `{expected}`")
    })
}

/// E0110: a string literal outside `print`.
pub fn string_outside_print(span: Span) -> Diagnostic {
    Diagnostic::error(MISMATCH, span, "a string literal outside `print`")
        .with_label("strings may only be printed")
        .with_note("Own has no string type: string literals appear only in `print(…)`")
}

/// E0110: `print` of a value it cannot write.
pub fn not_printable(span: Span, found: &str) -> Diagnostic {
    Diagnostic::error(
        MISMATCH,
        span,
        format!("`print` cannot write a value of type `{found}`"),
    )
    .with_label("expected an `int`, `float`, `bool` or a string literal")
}

/// E0109: an operator applied to operands it does not take.
pub fn bad_operands(span: Span, op: &str, operands: &[String]) -> Diagnostic {
    let (message, label) = match operands {
        [one] => (
            format!("`{op}` cannot be applied to `{one}`"),
            format!("`{op}` applied to `{one}`"),
        ),
        [left, right] => (
            format!("`{op}` cannot be applied to `{left}` and `{right}`"),
            format!("`{left}` {op} `{right}`"),
        ),
        _ => (format!("bad operands for `{op}`"), String::new()),
    };
    let d = Diagnostic::error(BAD_OPERANDS, span, message).with_label(label);
    match operands {
        [l, r] if is_mixed_numeric(l, r) => d.with_help(
            "ints and floats do not mix implicitly: convert one side with `float(…)` or `int(…)`",
        ),
        _ => d,
    }
}

fn is_mixed_numeric(left: &str, right: &str) -> bool {
    matches!((left, right), ("int", "float") | ("float", "int"))
}

/// E0109: indexing something that is not an array.
pub fn not_an_array(span: Span, found: &str) -> Diagnostic {
    Diagnostic::error(
        BAD_OPERANDS,
        span,
        format!("cannot index a value of type `{found}`"),
    )
    .with_label("not an array")
}

/// E0203: a field whose declared type mentions `this`, reached through a
/// receiver other than `this`.
pub fn this_owned_field(span: Span, name: &str, declared: &str) -> Diagnostic {
    Diagnostic::error(
        THIS_OWNED,
        span,
        format!("field `{name}` is owned by `this` and may only be reached through `this`"),
    )
    .with_label(format!("`{name}` is declared with type `{declared}`"))
    .with_note(THIS_OWNED_NOTE)
}

/// E0203: a method whose parameter or return type mentions `this`, called
/// on a receiver other than `this`.
pub fn this_owned_method(span: Span, name: &str, declared: &str) -> Diagnostic {
    Diagnostic::error(
        THIS_OWNED,
        span,
        format!("method `{name}` takes or returns objects owned by `this`: it may only be called on `this`"),
    )
    .with_label(format!("its signature mentions `{declared}`"))
    .with_note(THIS_OWNED_NOTE)
}

/// E0203: `new` of a class whose constructor takes objects owned by
/// `this`: the new object owns nothing yet, so no caller has such objects.
pub fn this_owned_constructor(span: Span, class: &str, declared: &str) -> Diagnostic {
    Diagnostic::error(
        THIS_OWNED,
        span,
        format!("the constructor of `{class}` takes objects owned by the new object: no `new` can supply them"),
    )
    .with_label(format!("its parameters mention `{declared}`"))
    .with_note(THIS_OWNED_NOTE)
    .with_help("take the objects with an owner of the class's formals, or make them in the constructor")
}

const THIS_OWNED_NOTE: &str =
    "objects owned by `this` are the object's private representation: outsiders never see them (§5)";

/// E0207: the owners of a `new` or a call could not be determined.
pub fn cannot_infer(span: Span, what: &str, missing: &[String]) -> Diagnostic {
    let list = missing
        .iter()
        .map(|m| format!("`{m}`"))
        .collect::<Vec<_>>()
        .join(", ");
    Diagnostic::error(
        CANNOT_INFER,
        span,
        format!("cannot infer the owners of {what}"),
    )
    .with_label(format!("nothing determines {list}"))
    .with_help("write the owners out, or give the value a declared type with its owners")
}

/// E0207: an array type written without its owner (`Data<o>[]`): only
/// the primitive arrays of rref values have none.
pub fn array_without_owner(span: Span) -> Diagnostic {
    Diagnostic::error(CANNOT_INFER, span, "this array type has no owner")
        .with_label("only primitive arrays (`int[]`, `float[]`, `bool[]`) go without an owner")
        .with_help("write the array's owner after its `[]`, as in `T[]<o>`")
        .with_note("an array of objects, rref values or arrays is owned like an object (§4); owners are inferred only for `new` (§9)")
}

/// E0207: `new T[](n)` of an array that needs an owner, with no expected
/// array type to take it from.
pub fn cannot_infer_array_owner(span: Span) -> Diagnostic {
    Diagnostic::error(CANNOT_INFER, span, "cannot infer the owner of this array")
        .with_label("nothing determines the array's owner")
        .with_help("write the owner out, as in `new Data<o>[]<o>(n)`, or give the value a declared array type")
}

/// E0207: `var x = null;` (nothing says what `x` is).
pub fn var_from_null(span: Span, name: &str) -> Diagnostic {
    Diagnostic::error(
        CANNOT_INFER,
        span,
        format!("cannot infer the type of `{name}` from `null`"),
    )
    .with_label("`null` has every class, array and rref type")
    .with_help(format!("declare `{name}` with its type instead of `var`"))
}

/// E0207: `T x = null;` with `T` a class written without its owners:
/// `null` has no owners to give `x` (§9).
pub fn bare_from_null(span: Span, name: &str) -> Diagnostic {
    Diagnostic::error(
        CANNOT_INFER,
        span,
        format!("cannot infer the owners of `{name}` from `null`"),
    )
    .with_label("`null` has every class type, whatever its owners")
    .with_help(format!("write the owners in the type of `{name}`"))
}

/// E0207: `T x;` with `T` a class written without its owners and no
/// initialiser to take them from (§9).
pub fn bare_without_initialiser(span: Span, name: &str) -> Diagnostic {
    Diagnostic::error(
        CANNOT_INFER,
        span,
        format!("cannot infer the owners of `{name}` without an initialiser"),
    )
    .with_label("a local's omitted owners come from its initialiser (§9)")
    .with_help(format!(
        "write the owners in the type of `{name}`, or initialise it"
    ))
}

/// E0207: a class named without its owners in a method's or constructor's
/// signature, where nothing could give them (§9: signatures spell their
/// owners out).
pub fn bare_in_signature(span: Span, name: &str) -> Diagnostic {
    Diagnostic::error(
        CANNOT_INFER,
        span,
        format!("cannot infer the owners of `{name}` in a signature"),
    )
    .with_label("owners are never inferred in a method's signature")
    .with_help(format!(
        "write the owners out, as in `{name}<o>`: method signatures spell their owners out (§9)"
    ))
}

/// E0207: an ordinary class named without owners in a message's payload.
pub fn bare_in_payload(span: Span, name: &str) -> Diagnostic {
    Diagnostic::error(
        CANNOT_INFER,
        span,
        format!("cannot infer the owners of `{name}` in a message's payload"),
    )
    .with_label("owners are never inferred in a message declaration")
    .with_help(format!(
        "write the owners out, as in `{name}<heap>`: a message names only `heap` and `immortal`"
    ))
}

/// E0202: a method's `where` clause does not hold for the owners of a call.
pub fn where_at_call(span: Span, method: &str, clause: &str) -> Diagnostic {
    Diagnostic::error(
        WHERE_CLAUSE,
        span,
        format!("`{clause}` does not hold at this call of `{method}`"),
    )
    .with_label(format!("`{method}` requires `{clause}`"))
    .with_note("a method's `where` clauses must hold for the owners of every call (§6)")
}

pub const PORTAL: Code = Code("E0501");
pub const SUBREGION: Code = Code("E0502");

/// What the region reached through a handle is, for E0501 and E0502.
#[derive(Clone, Copy, Debug)]
pub enum HandleRegion<'a> {
    /// A shared region of this region kind.
    Kind(&'a str),
    /// A shared region of no particular kind (a `Shared` formal, or
    /// `region r : Shared`): it declares no portals or subregions.
    NoKind,
    /// Not a shared region.
    NotShared,
}

/// E0501: `h.name` where `h`'s region (named `region`) declares no portal
/// `name`.
pub fn unknown_portal(
    name: &ownc_lang::ast::Ident,
    region: &str,
    kind: HandleRegion<'_>,
) -> Diagnostic {
    unknown_shared_member(PORTAL, "portal", name, region, kind)
}

/// E0502: `region s = h.name { … }` where `h`'s region declares no
/// subregion `name`.
pub fn unknown_subregion(
    name: &ownc_lang::ast::Ident,
    region: &str,
    kind: HandleRegion<'_>,
) -> Diagnostic {
    unknown_shared_member(SUBREGION, "subregion", name, region, kind)
}

/// A portal or subregion (`what`) that `region`'s kind does not declare,
/// or reached through a region that has none.
fn unknown_shared_member(
    code: Code,
    what: &str,
    name: &ownc_lang::ast::Ident,
    region: &str,
    kind: HandleRegion<'_>,
) -> Diagnostic {
    let label = match kind {
        HandleRegion::Kind(kind) => {
            format!("region kind `{kind}` declares no {what} `{}`", name.name)
        }
        HandleRegion::NoKind => {
            format!("`{region}` is a shared region of no region kind: it has no {what}s")
        }
        HandleRegion::NotShared => format!("`{region}` is not a shared region"),
    };
    Diagnostic::error(
        code,
        name.span,
        format!("no {what} `{}` in region `{region}`", name.name),
    )
    .with_label(label)
}

/// E0502: a subregion entered through something that is not a handle.
pub fn not_a_handle(span: Span, found: &str) -> Diagnostic {
    Diagnostic::error(
        SUBREGION,
        span,
        format!("a subregion is entered through a region handle, not `{found}`"),
    )
    .with_label("expected a `Handle<…>` of a shared region")
}

/// E0401: an effect of the body that the method's `accesses` clause does
/// not cover.
pub fn effect_not_covered(span: Span, what: &str, method: &str, clause: &str) -> Diagnostic {
    Diagnostic::error(
        EFFECT_NOT_COVERED,
        span,
        format!("{what}, which `accesses {clause}` does not cover"),
    )
    .with_label(format!(
        "not covered by the `accesses` clause of `{method}`"
    ))
    .with_note("an effect is covered when its owner is listed, or owned by a listed owner (§8)")
}
