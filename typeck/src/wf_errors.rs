//! The wording of the well-formedness errors (E0201, E0202, E0206,
//! E0208) and of the allocation rule (E0301). The checks in `wf/` decide what is wrong, with which owners and
//! where; this module decides how it reads, in the owners' own names.

use ownc_lang::ast::Relation;
use ownc_lang::{Code, Diagnostic, Label, Span};
use ownc_regions::{FormalKind, Intro, KindId, Owner, OwnerKind, Reason, Step};

pub const OWNER_ORDER: Code = Code("E0201");
pub const WHERE_CLAUSE: Code = Code("E0202");
pub const OWNER_KIND: Code = Code("E0206");
pub const SUPERCLASS_OWNER: Code = Code("E0208");
pub const NO_REGION_HANDLE: Code = Code("E0301");

/// Where an owner had to outlive another.
pub enum Place {
    /// `C<o1, …>`: `written` as written, `swapped` with the offending owner
    /// and the first exchanged.
    Class { written: String, swapped: String },
    /// `T[]<o>`: the array's owner.
    Array { owner: String },
}

/// An owner that does not outlive the one it must (E0201).
pub struct OrderFailure {
    /// The offending owner, as written.
    pub span: Span,
    /// The owner that had to outlive `lower`.
    pub upper: String,
    pub lower: String,
    pub place: Place,
    /// Where each owner came into scope.
    pub intros: Vec<Label>,
    /// The reverse proof, `lower ⪰ upper`, one phrase per step.
    pub reverse: Option<Vec<String>>,
    /// Both are formals: a `where` clause could relate them.
    pub suggest_where: bool,
}

/// E0201: `upper` does not outlive `lower`.
pub fn owner_order(f: OrderFailure) -> Diagnostic {
    let (upper, lower) = (&f.upper, &f.lower);
    let (headline, label) = match &f.place {
        Place::Class { written, .. } => (
            format!("owner `{upper}` does not outlive `{lower}`, the first owner of `{written}`"),
            format!("an object owned by `{lower}` would point into `{upper}`, which may die first"),
        ),
        Place::Array { owner } => (
            format!("owner `{upper}` does not outlive `{owner}`, the owner of the array"),
            format!("an array owned by `{lower}` would point into `{upper}`, which may die first"),
        ),
    };
    let mut d = Diagnostic::error(OWNER_ORDER, f.span, headline).with_label(label);
    for intro in f.intros {
        d = d.with_secondary(intro);
    }
    match &f.reverse {
        Some(steps) if !steps.is_empty() => {
            d = d.with_note(format!(
                "{}, so `{lower}` outlives `{upper}`, but not the reverse",
                steps.join(", and ")
            ));
        }
        _ => {
            d = d.with_note(format!(
                "nothing in scope says that `{upper}` outlives `{lower}`"
            ));
        }
    }
    let help = match (&f.place, f.reverse.is_some(), f.suggest_where) {
        (Place::Class { swapped, .. }, true, _) => format!(
            "swap the owners (`{swapped}`), or use `{lower}` or an owner that outlives it in place of `{upper}`"
        ),
        (_, _, true) => format!("declare the order: `where {upper} outlives {lower}`"),
        (Place::Class { .. }, _, _) => {
            format!("use `{lower}` or an owner that outlives it in place of `{upper}`")
        }
        (Place::Array { owner }, _, _) => format!(
            "allocate the array in `{upper}` or an owner it outlives, instead of `{owner}`"
        ),
    };
    d.with_help(help)
}

/// One step of an outlives proof, in words.
pub fn step_words(step: &Step<Span>, upper: &str, lower: &str) -> String {
    match &step.reason {
        Reason::Universal => format!("`{upper}` outlives every owner"),
        Reason::ClassFormal(_) => {
            format!("`{upper}` is a formal of the class, which outlives its first formal `{lower}`")
        }
        Reason::OwnsThis(_) => format!("`{upper}` owns `{lower}`"),
        Reason::WhereOutlives(_) => format!("`where {upper} outlives {lower}`"),
        Reason::WhereOwns(_) => format!("`where {upper} owns {lower}`"),
        Reason::Nesting(_) if matches!(step.upper, Owner::Region(_)) => {
            format!("`{lower}` is opened inside `{upper}`")
        }
        Reason::Nesting(_) => format!("`{lower}` is opened where `{upper}` is in scope"),
        Reason::Subregion(_) => {
            format!("`{lower}` is a subregion entered through a handle of `{upper}`")
        }
    }
}

/// Where an owner came into scope, as a secondary label (none for `heap`,
/// `immortal` and `this`).
pub fn intro_words(owner: Owner, name: &str, intro: &Intro<Span>) -> Option<(Span, String)> {
    let words = match (intro, owner) {
        (Intro::Builtin, _) | (_, Owner::This) => return None,
        (Intro::Declared(_), Owner::MethodFormal(_)) => {
            format!("`{name}` is declared here, as an owner formal of the method")
        }
        (Intro::Declared(_), _) => format!("`{name}` is declared here, as a formal of the class"),
        (Intro::Opened(_), _) => format!("`{name}` is opened here"),
        (Intro::Entered(_), _) => format!("`{name}` is entered here"),
    };
    Some((*intro.origin()?, words))
}

/// An owner of the wrong kind for its formal (E0206).
pub struct KindMismatch {
    pub span: Span,
    pub owner: String,
    /// What the owner is ("a local region").
    pub is: String,
    pub formal: String,
    pub class: String,
    /// What the formal admits ("a shared region").
    pub wants: String,
    /// The region kind the formal names, if it names one.
    pub wants_kind: Option<String>,
    /// The formal's declaration.
    pub declared: Label,
}

/// E0206: `owner` is not what formal `formal` admits.
pub fn wrong_kind(f: KindMismatch) -> Diagnostic {
    let help = match &f.wants_kind {
        Some(kind) => format!(
            "pass a region of kind `{kind}`: one opened by `region r : {kind} {{ … }}`, or a formal declared `{kind}`"
        ),
        None if f.wants.contains("shared") => "pass a shared region: one opened with a region kind (`region r : Kind { … }`), or a `Shared` formal".to_string(),
        None => "pass a region: a `region` block's name, `heap`, `immortal`, or a `Region` formal".to_string(),
    };
    Diagnostic::error(
        OWNER_KIND,
        f.span,
        format!(
            "owner `{}` is {}, but formal `{}` of `{}` takes {}",
            f.owner, f.is, f.formal, f.class, f.wants
        ),
    )
    .with_label(format!("not {}", f.wants))
    .with_secondary(f.declared)
    .with_help(help)
}

/// What an owner is, in words.
pub fn owner_kind_words(owner: Owner, kind: OwnerKind, name: impl Fn(KindId) -> String) -> String {
    match (owner, kind) {
        (Owner::Heap | Owner::Immortal, _) => "a region that is not shared".into(),
        (_, OwnerKind::Any) => "an `Owner` formal (it may be an object)".into(),
        (_, OwnerKind::Object) => "an object".into(),
        (_, OwnerKind::Region) => "a region that is not shared".into(),
        (_, OwnerKind::Shared(Some(kind))) => format!("a shared region of kind `{}`", name(kind)),
        (_, OwnerKind::Shared(None)) => "a shared region of any kind".into(),
        (_, OwnerKind::Unknown) => "of unknown kind".into(),
    }
}

/// What a formal admits, in words.
pub fn formal_kind_words(kind: FormalKind, name: impl Fn(KindId) -> String) -> String {
    match kind {
        FormalKind::Owner => "any owner".into(),
        FormalKind::Region => "a region".into(),
        FormalKind::Shared => "a shared region".into(),
        FormalKind::Kind(kind) => format!("a shared region of kind `{}`", name(kind)),
        FormalKind::Unknown => "an owner of unknown kind".into(),
    }
}

/// A class `where` clause that does not hold at a use (E0202).
pub struct ClauseFailure {
    /// The type as written.
    pub span: Span,
    pub written: String,
    pub class: String,
    pub relation: Relation,
    /// The clause as declared, and after substitution.
    pub declared_upper: String,
    pub declared_lower: String,
    pub upper: String,
    pub lower: String,
    pub declared: Label,
}

/// E0202: `where a outlives b` (or `owns`) of a class fails at a use.
pub fn clause_violated(f: ClauseFailure) -> Diagnostic {
    let verb = match f.relation {
        Relation::Outlives => "outlives",
        Relation::Owns => "owns",
    };
    let d = Diagnostic::error(
        WHERE_CLAUSE,
        f.span,
        format!(
            "`{}` does not satisfy `where {} {verb} {}` of class `{}`",
            f.written, f.declared_upper, f.declared_lower, f.class
        ),
    )
    .with_label(format!(
        "here the clause reads `{} {verb} {}`, which does not hold",
        f.upper, f.lower
    ))
    .with_secondary(f.declared);
    match f.relation {
        Relation::Outlives => d.with_help(format!(
            "pass owners such that `{}` outlives `{}`",
            f.declared_upper, f.declared_lower
        )),
        Relation::Owns => d.with_note(
            "an owner owns another only by a class's first formal (`f1 owns this`) or a `where … owns …` clause in scope",
        ),
    }
}

/// E0208: the superclass's first owner is not the subclass's first formal.
pub fn superclass_first_owner(
    span: Span,
    written: &str,
    class: &str,
    first_formal: &str,
    superclass: &str,
    first_formal_span: Label,
) -> Diagnostic {
    Diagnostic::error(
        SUPERCLASS_OWNER,
        span,
        format!("the first owner of superclass `{superclass}` must be `{first_formal}`, the first formal of `{class}`"),
    )
    .with_label(format!("`{written}` here, but `{first_formal}` owns every `{class}` object"))
    .with_secondary(first_formal_span)
    .with_note(format!(
        "a `{class}` object is also a `{superclass}` object: both must agree on who owns it"
    ))
    .with_help(format!("write `{superclass}<{first_formal}, …>`"))
}

/// E0301: `new` in the region of `owner`, a formal for which no handle is
/// in scope. `first_formal` is the enclosing class's first formal, whose
/// region (that of `this`) is always known.
pub fn no_region_handle(
    span: Span,
    owner: &str,
    is_method_formal: bool,
    first_formal: Option<&str>,
) -> Diagnostic {
    let d = Diagnostic::error(
        NO_REGION_HANDLE,
        span,
        format!("no region handle for `{owner}`: `new` needs to know which region to allocate in"),
    )
    .with_label(format!("allocates in the region of `{owner}`"))
    .with_note(format!(
        "a handle is known for `heap`, `immortal`, `this`, {}enclosing region names, \
         and the owner of a `Handle` variable or parameter in scope",
        first_formal.map_or_else(String::new, |f| format!("the class's first formal `{f}`, "))
    ));
    if is_method_formal {
        d.with_help(format!(
            "add a parameter `Handle<{owner}> h` to the method: its callers then pass the region"
        ))
    } else {
        let known =
            first_formal.map_or_else(|| "`this`".to_string(), |f| format!("`this` or `{f}`"));
        d.with_help(format!(
            "add a parameter `Handle<{owner}> h`, or allocate in an owner whose region is known, such as {known}"
        ))
    }
}
