//! Every diagnostic name resolution reports (E0101–E0108), worded in one
//! place. The resolvers decide *that* something is wrong and where; this
//! module decides how it reads.

use ownc_lang::ast::Ident;
use ownc_lang::{Code, Diagnostic, Label, Span};
use std::sync::Arc;

pub const UNKNOWN_CLASS: Code = Code("E0101");
pub const OWNER_NOT_IN_SCOPE: Code = Code("E0102");
pub const OWNER_COUNT: Code = Code("E0103");
pub const UNKNOWN_FIELD: Code = Code("E0104");
pub const UNKNOWN_METHOD: Code = Code("E0105");
pub const DUPLICATE: Code = Code("E0106");
pub const UNKNOWN_VARIABLE: Code = Code("E0107");
pub const ARGUMENT_COUNT: Code = Code("E0108");

fn with_suggestion(diagnostic: Diagnostic, suggestion: Option<&str>) -> Diagnostic {
    match suggestion {
        Some(s) => diagnostic.with_help(format!("did you mean `{s}`?")),
        None => diagnostic,
    }
}

/// E0101: a name used as a class (or region kind, message, contract: `what`)
/// that the program does not declare.
pub fn unknown_name(what: &str, name: &Ident, suggestion: Option<&str>) -> Diagnostic {
    let d = Diagnostic::error(
        UNKNOWN_CLASS,
        name.span,
        format!("unknown {what} `{}`", name.name),
    )
    .with_label(format!(
        "no {what} `{}` is declared in the program",
        name.name
    ));
    with_suggestion(d, suggestion)
}

/// E0101: `chan<C@q>` where contract C declares no state q.
pub fn unknown_state(contract: &str, state: &Ident, suggestion: Option<&str>) -> Diagnostic {
    let d = Diagnostic::error(
        UNKNOWN_CLASS,
        state.span,
        format!("contract `{contract}` has no state `{}`", state.name),
    )
    .with_label(format!("not a state of `{contract}`"));
    with_suggestion(d, suggestion)
}

/// E0101: a name that is declared, but as something else (a message used
/// as a class, a class used as a region kind…).
pub fn wrong_kind_of_name(
    expected: &str,
    name: &Ident,
    actual: &str,
    declared: Label,
) -> Diagnostic {
    Diagnostic::error(
        UNKNOWN_CLASS,
        name.span,
        format!("`{}` is {actual}, not {expected}", name.name),
    )
    .with_label(format!("expected {expected}"))
    .with_secondary(declared)
}

/// E0101: `extends` closes an inheritance cycle through the classes
/// `cycle` (the class declaring it first), as javac's "cyclic inheritance".
pub fn cyclic_inheritance(superclass: &Ident, cycle: &[String]) -> Diagnostic {
    let first = cycle.first().map_or("?", String::as_str);
    let path: Vec<String> = cycle
        .iter()
        .chain(std::iter::once(&first.to_string()))
        .map(|c| format!("`{c}`"))
        .collect();
    Diagnostic::error(
        UNKNOWN_CLASS,
        superclass.span,
        format!("cyclic inheritance: `{first}` extends itself"),
    )
    .with_label(format!(
        "`{}` cannot be a superclass of `{first}`",
        superclass.name
    ))
    .with_note(format!(
        "the chain of superclasses: {}",
        path.join(" extends ")
    ))
}

/// E0102: an owner name that is not in scope where it is written.
pub fn owner_not_in_scope(
    span: Span,
    owner: &str,
    in_scope: &[String],
    suggestion: Option<&str>,
) -> Diagnostic {
    let d = Diagnostic::error(
        OWNER_NOT_IN_SCOPE,
        span,
        format!("owner `{owner}` is not in scope"),
    )
    .with_label("not an owner here")
    .with_note(format!("owners in scope here: {}", in_scope.join(", ")));
    with_suggestion(d, suggestion)
}

/// E0102: `this` where there is no current object (in `main`, in a message).
pub fn this_owner_not_in_scope(span: Span, place: &str) -> Diagnostic {
    Diagnostic::error(
        OWNER_NOT_IN_SCOPE,
        span,
        format!("owner `this` is not in scope in {place}"),
    )
    .with_label("there is no current object here")
}

/// E0103: `Name<o1, …, on>` with the wrong number of owners.
pub fn wrong_owner_count(span: Span, class: &str, expected: usize, found: usize) -> Diagnostic {
    count_mismatch(
        OWNER_COUNT,
        span,
        &format!("class `{class}`"),
        expected,
        found,
        "owner",
    )
}

/// E0103: owners given to an rref class, which takes none (§10).
pub fn rref_with_owners(span: Span, class: &str) -> Diagnostic {
    Diagnostic::error(
        OWNER_COUNT,
        span,
        format!("rref class `{class}` takes no owners"),
    )
    .with_label("rref values live on the exchange heap and have no owners")
    .with_help(format!("write `{class}` alone"))
}

/// E0103: `extends Super` without its owners (the superclass's owners are
/// never inferred).
pub fn superclass_without_owners(span: Span, class: &str, expected: usize) -> Diagnostic {
    Diagnostic::error(
        OWNER_COUNT,
        span,
        format!(
            "superclass `{class}` needs its {}",
            count(expected, "owner")
        ),
    )
    .with_label("owners missing")
    .with_note(
        "a superclass's owners are written out; its first owner is the subclass's first formal",
    )
}

/// E0103: owner arguments to a method call that do not match its formals.
pub fn wrong_method_owner_count(
    span: Span,
    method: &str,
    expected: usize,
    found: usize,
) -> Diagnostic {
    let callee = format!("method `{method}`");
    count_mismatch(
        OWNER_COUNT,
        span,
        &callee,
        expected,
        found,
        "owner argument",
    )
}

/// E0103: owner arguments written on a built-in function, which has no
/// owner formals.
pub fn wrong_builtin_owner_count(span: Span, function: &str, found: usize) -> Diagnostic {
    let callee = format!("built-in function `{function}`");
    count_mismatch(OWNER_COUNT, span, &callee, 0, found, "owner argument")
        .with_help(format!("write `{function}(…)` without owners"))
}

/// E0104: a field the receiver's class (or array) does not have.
pub fn unknown_field(field: &Ident, on: &str, suggestion: Option<&str>) -> Diagnostic {
    let d = Diagnostic::error(
        UNKNOWN_FIELD,
        field.span,
        format!("no field `{}` on {on}", field.name),
    )
    .with_label("unknown field");
    with_suggestion(d, suggestion)
}

/// E0104: `a.length = n`: an array's one field is read-only (Java's
/// `final` `length`); its length is fixed when it is made.
pub fn array_length_assigned(field: &Ident) -> Diagnostic {
    Diagnostic::error(
        UNKNOWN_FIELD,
        field.span,
        "cannot assign to `length`: an array has no field that can be written",
    )
    .with_label("read-only")
    .with_note("an array's length is fixed by `new T[]<o>(n)`")
}

/// E0105: a method the receiver's class does not have (or, without a
/// receiver, neither the enclosing class nor the built-ins).
pub fn unknown_method(method: &Ident, on: &str, suggestion: Option<&str>) -> Diagnostic {
    let d = Diagnostic::error(
        UNKNOWN_METHOD,
        method.span,
        format!("no method `{}` on {on}", method.name),
    )
    .with_label("unknown method");
    with_suggestion(d, suggestion)
}

/// E0106: a second declaration of a name; `first` is the earlier one, in
/// `first_file` when that is another file.
pub fn duplicate(
    what: &str,
    name: &str,
    span: Span,
    first: Span,
    first_file: Option<Arc<str>>,
) -> Diagnostic {
    let mut label = Label::new(first, "first declared here");
    if let Some(file) = first_file {
        label = label.in_file(file);
    }
    Diagnostic::error(
        DUPLICATE,
        span,
        format!("{what} `{name}` is declared more than once"),
    )
    .with_label("declared again here")
    .with_secondary(label)
}

/// E0106: a second top-level declaration of a name: classes, rref classes,
/// region kinds, messages and contracts share one namespace.
pub fn duplicate_item(
    name: &str,
    span: Span,
    first: Span,
    first_file: Option<Arc<str>>,
) -> Diagnostic {
    duplicate("the name", name, span, first, first_file).with_note(
        "classes, rref classes, region kinds, messages and contracts share one namespace across the program",
    )
}

/// E0106: a second `main` block in the program.
pub fn duplicate_main(span: Span, first: Span, first_file: Option<Arc<str>>) -> Diagnostic {
    let mut label = Label::new(first, "first `main` here");
    if let Some(file) = first_file {
        label = label.in_file(file);
    }
    Diagnostic::error(
        DUPLICATE,
        span,
        "the program has more than one `main` block",
    )
    .with_label("second `main`")
    .with_secondary(label)
}

/// E0106: a second constructor in one class.
pub fn duplicate_constructor(span: Span, class: &str, first: Span) -> Diagnostic {
    Diagnostic::error(
        DUPLICATE,
        span,
        format!("class `{class}` has more than one constructor"),
    )
    .with_label("second constructor")
    .with_secondary(Label::new(first, "first constructor here"))
    .with_note("a class has at most one constructor")
}

/// E0106: a variable declared while another of the same name is in scope
/// (as in Java, a local may not shadow a local or parameter of its method).
pub fn redeclared(name: &str, span: Span, first: Span, first_kind: &str) -> Diagnostic {
    Diagnostic::error(
        DUPLICATE,
        span,
        format!("`{name}` is already declared in this scope"),
    )
    .with_label("declared again here")
    .with_secondary(Label::new(
        first,
        format!("first declared here, as a {first_kind}"),
    ))
    .with_help("choose another name")
}

/// E0105: a call without receiver to a name that is neither a method of the
/// enclosing class (`class`; `None` in `main`) nor a built-in function.
pub fn unknown_function(
    method: &Ident,
    class: Option<&str>,
    suggestion: Option<&str>,
) -> Diagnostic {
    let label = match class {
        Some(class) => format!("not a method of class `{class}` nor a built-in function"),
        None => {
            "not a built-in function (in `main` there is no `this` to call methods on)".to_string()
        }
    };
    let d = Diagnostic::error(
        UNKNOWN_METHOD,
        method.span,
        format!("unknown method `{}`", method.name),
    )
    .with_label(label)
    .with_note("the built-in functions are `sqrt`, `abs`, `min`, `max`, `float` and `int`");
    with_suggestion(d, suggestion)
}

/// E0107: a bare name in an expression that is no variable in scope.
pub fn unknown_variable(span: Span, name: &str, suggestion: Option<&str>) -> Diagnostic {
    let d = Diagnostic::error(UNKNOWN_VARIABLE, span, format!("unknown variable `{name}`"))
        .with_label("not a local, parameter, field or region in scope");
    with_suggestion(d, suggestion)
}

/// E0107: `this` as a value where there is no current object.
pub fn this_outside_class(span: Span) -> Diagnostic {
    Diagnostic::error(UNKNOWN_VARIABLE, span, "`this` is not available in `main`")
        .with_label("there is no current object here")
}

/// E0108: a call, `new` or built-in with the wrong number of arguments.
pub fn wrong_argument_count(span: Span, callee: &str, expected: usize, found: usize) -> Diagnostic {
    count_mismatch(ARGUMENT_COUNT, span, callee, expected, found, "argument")
}

/// "`callee` takes 2 owners but 1 was given", with the expected count as
/// the label.
fn count_mismatch(
    code: Code,
    span: Span,
    callee: &str,
    expected: usize,
    found: usize,
    noun: &str,
) -> Diagnostic {
    let verb = if found == 1 { "was" } else { "were" };
    Diagnostic::error(
        code,
        span,
        format!(
            "{callee} takes {} but {found} {verb} given",
            count(expected, noun)
        ),
    )
    .with_label(format!("expected {}", count(expected, noun)))
}

/// E0001: `break` or `continue` (`what`) outside every loop of its body,
/// as javac's "break outside switch or loop" and rustc's E0268: it has
/// nothing to leave or restart.
pub fn jump_outside_loop(span: Span, what: &str) -> Diagnostic {
    Diagnostic::error(Code::SYNTAX, span, format!("`{what}` outside of a loop"))
        .with_label(format!("`{what}` needs an enclosing `while` or `for`"))
}

/// E0001: a constructor whose name is not its class's: in Java terms, a
/// method declaration without a return type, hence a syntax error.
pub fn constructor_name(name: &Ident, class: &str) -> Diagnostic {
    Diagnostic::error(
        Code::SYNTAX,
        name.span,
        format!(
            "constructor `{}` is not named after its class `{class}`",
            name.name
        ),
    )
    .with_label("a constructor has its class's name")
    .with_help("a method needs a return type, e.g. `void`")
}

/// "1 owner", "2 owners".
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
