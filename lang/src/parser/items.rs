//! Top-level declarations (LANGUAGE.md §3, §10–§12): classes and rref
//! classes with their members, region kinds, messages, contracts and `main`.

use super::common::{constraint, formal, formal_list, ident, owner_list, policy, where_clause};
use super::recovery::{
    close_brace, close_brace_found, group, loose_token, skip_item, skip_statement, unit_before,
};
use super::stmts::body;
use super::types::{VOID_VALUE, error_type, ty, value_ty};
use super::{Extra, TokenInput, kw, punct, span};
use crate::ast::{
    ClassDecl, ClassRef, ConstructorDecl, ContractDecl, Direction, FieldDecl, Item, MainDecl,
    Member, MessageDecl, MethodDecl, MethodHeader, Name, Param, RegionKindDecl, RegionKindMember,
    SourceFile, StateDecl, Transition, TypeKind,
};
use crate::token::{Kw, Punct, Token};
use chumsky::prelude::*;
use chumsky::recovery::via_parser;

/// The keyword `k` (spelt `word`) that starts a declaration. With messages,
/// a misspelling of it (`clas Data<o> {`, `mian {`: an identifier at most
/// two edits away, followed by a name, or by `{` for `main`) is one E0001
/// and the declaration is read as intended, so its uses elsewhere are no
/// "unknown class" after it.
fn item_kw<'t, 's: 't, I: TokenInput<'t, 's>>(
    k: Kw,
    word: &'static str,
    then_brace: bool,
) -> impl Parser<'t, I, (), Extra<'t, 's>> + Clone {
    let exact = kw(k).ignored();
    let typo = select! { Token::Ident(name) => name }
        .filter(move |name: &&str| edit_distance(name, word) <= 2)
        .then_ignore(
            any()
                .filter(move |t: &Token<'_>| {
                    if then_brace {
                        *t == Token::Punct(Punct::LBrace)
                    } else {
                        matches!(t, Token::Ident(_))
                    }
                })
                .rewind(),
        )
        .validate(move |name, e, emitter| {
            emitter.emit(Rich::custom(
                e.span(),
                format!("expected declaration, found `{name}`: did you mean `{word}`?"),
            ));
        });
    choice((exact, typo)).boxed()
}

/// Levenshtein distance, for short words.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// `(T x, …)`. A parameter that does not parse (`int a, )`, `int)`,
/// `int a b`, `int a,, int b`) is one E0001 and the list goes on: what
/// did parse is kept, and the broken stretch becomes a parameter of
/// erroneous type (named after the identifier it ends with, if any, so a
/// use of that name is no E0107). The method is kept and its body
/// checked; the checker calls a method with such a parameter unchecked
/// (its arity is unknown), so its calls draw no E0108 or E0110.
/// A `)` missing before the body's `{` is one E0001 too.
fn params<'t, 's: 't, I: TokenInput<'t, 's>>()
-> impl Parser<'t, I, Vec<Param>, Extra<'t, 's>> + Clone {
    let param = value_ty().then(ident()).map_with(|(ty, name), e| Param {
        ty,
        name,
        span: span(e.span()),
    });
    // Another parameter right after one is a `,` missing between them
    // (`int a int b`): both are kept, and the `,` is the error.
    let next_param = param_ahead();
    let item = param
        .clone()
        .then_ignore(choice((param_end(false), next_param.clone())))
        .map(|p| (Some(p), None))
        .recover_with(via_parser(broken_param(param.clone())))
        .boxed();
    // A `,` missing between two parameters (`int a int b`).
    let comma = punct(Punct::Comma)
        .ignored()
        .recover_with(via_parser(next_param));
    let list = item
        .separated_by(comma)
        .at_least(1)
        .collect::<Vec<_>>()
        .map(params_kept);
    let close = punct(Punct::RParen)
        .ignored()
        .recover_with(via_parser(punct(Punct::LBrace).ignored().rewind()));
    choice((punct(Punct::RParen).rewind().to(Vec::new()), list))
        .delimited_by(punct(Punct::LParen), close)
        .labelled("parameters")
}

/// Looks ahead (consuming nothing) for what ends a parameter: `,` or `)`,
/// and with `or_body` the body's `{` too (its `)` missing).
fn param_end<'t, 's: 't, I: TokenInput<'t, 's>>(
    or_body: bool,
) -> impl Parser<'t, I, (), Extra<'t, 's>> + Clone {
    let end = choice((punct(Punct::Comma), punct(Punct::RParen)));
    if or_body {
        choice((end, punct(Punct::LBrace)))
            .ignored()
            .rewind()
            .boxed()
    } else {
        end.ignored().rewind().boxed()
    }
}

/// Looks ahead (consuming nothing, and naming nothing it expected) for
/// the start of a parameter, `T x` (`x`, `Data<o> d`, `int[]<o> a`): a
/// type's first token, then a name, `<` or `[`.
fn param_ahead<'t, 's: 't, I: TokenInput<'t, 's>>() -> impl Parser<'t, I, (), Extra<'t, 's>> + Clone
{
    any()
        .then(any())
        .filter(|(first, second): &(Token<'s>, Token<'s>)| {
            matches!(
                first,
                Token::Ident(_) | Token::Kw(Kw::Int | Kw::Float | Kw::Bool | Kw::Handle | Kw::Chan)
            ) && matches!(
                second,
                Token::Ident(_) | Token::Punct(Punct::Lt | Punct::LBracket)
            )
        })
        .ignored()
        .rewind()
        .labelled("`,`")
}

/// A parameter that does not parse: the `T x` it starts with, if any,
/// then what is left of it up to the next `,`, `)` or `{` (bracketed
/// groups as units), which becomes a parameter of erroneous type (see
/// [`params`]).
fn broken_param<'t, 's: 't, I: TokenInput<'t, 's>>(
    param: impl Parser<'t, I, Param, Extra<'t, 's>> + Clone + 't,
) -> impl Parser<'t, I, (Option<Param>, Option<Param>), Extra<'t, 's>> + Clone {
    let name = select! { Token::Ident(s) = e => Some(crate::ast::Ident {
        name: crate::ast::Name::new(s),
        span: span(e.span()),
    }) };
    let other = unit_before([
        Punct::Comma,
        Punct::RParen,
        Punct::LBrace,
        Punct::RBrace,
        Punct::Semi,
    ])
    .to(None);
    let rest = choice((name, other))
        .repeated()
        .collect::<Vec<_>>()
        .map_with(|names, e| (names.into_iter().last().flatten(), e.span()));
    param
        .or_not()
        .then(rest)
        .then_ignore(param_end(true))
        .map(|(kept, (name, at))| {
            let mut broken = unknown_param(span(at));
            if let Some(name) = name {
                broken.name = name;
            }
            (kept, Some(broken))
        })
}

/// A parameter of erroneous type without a name, standing at `at` for
/// what did not parse of a parameter list.
fn unknown_param(at: crate::span::Span) -> Param {
    Param {
        ty: crate::ast::Type {
            kind: TypeKind::Error,
            span: at,
        },
        name: crate::ast::Ident {
            name: crate::ast::Name::new(""),
            span: at,
        },
        span: at,
    }
}

/// The parameters of a list read item by item: each one kept, and each
/// broken stretch once under its name, so no stretch is "declared twice"
/// (E0106) beside its E0001. A stretch whose name another parameter has,
/// before or after it, is kept nameless (one nameless at most): the list
/// must still hold an erroneous parameter, which makes its arity unknown.
fn params_kept(items: Vec<(Option<Param>, Option<Param>)>) -> Vec<Param> {
    let kept_names: Vec<Name> = items
        .iter()
        .filter_map(|(kept, _)| kept.as_ref().map(|p| p.name.name))
        .collect();
    let taken = |name: Name, out: &[Param]| {
        kept_names.contains(&name) || out.iter().any(|p| p.name.name == name)
    };
    let mut out: Vec<Param> = Vec::with_capacity(items.len());
    for (kept, broken) in items {
        out.extend(kept);
        let Some(mut b) = broken else {
            continue;
        };
        if taken(b.name.name, &out) {
            b.name.name = Name::default();
        }
        if !taken(b.name.name, &out) {
            out.push(b);
        }
    }
    out
}

/// A field `ty name`. A field holds a value: `void f;` is javac's "'void'
/// type not allowed here".
fn field_decl<'t, 's: 't>(
    ty: crate::ast::Type,
    name: crate::ast::Ident,
    span: crate::span::Span,
    emitter: &mut chumsky::input::Emitter<Rich<'t, Token<'s>, super::TokSpan>>,
) -> FieldDecl {
    let ty = if matches!(ty.kind, TypeKind::Void) {
        emitter.emit(Rich::custom(ty.span, VOID_VALUE));
        error_type(&ty)
    } else {
        ty
    };
    FieldDecl { ty, name, span }
}

/// A class member as the recovering parser reads it.
#[derive(Clone)]
enum ReadMember {
    Kept(Member),
    /// Dropped (its error is reported), with its name when its type and
    /// name did parse: then only uses of that name may have meant it.
    Lost(Option<crate::ast::Ident>),
    /// A constructor dropped so, at its name as written (which may be
    /// misspelt): the class's constructor is then unknown.
    LostConstructor(crate::ast::Ident),
}

/// A class member; [`ReadMember::Lost`] for one that did not parse.
fn member<'t, 's: 't, I: TokenInput<'t, 's>>()
-> impl Parser<'t, I, ReadMember, Extra<'t, 's>> + Clone {
    let constructor = ident()
        .then(params())
        .then(body())
        .map_with(|((name, params), body), e| {
            Member::Constructor(Box::new(ConstructorDecl {
                name,
                params,
                body,
                span: span(e.span()),
            }))
        });
    let accesses = kw(Kw::Accesses)
        .ignore_then(
            super::common::owner()
                .separated_by(punct(Punct::Comma))
                .at_least(1)
                .collect(),
        )
        .or_not();
    let method_rest = formal_list()
        .or_not()
        .then(params())
        .then(accesses)
        .then(where_clause())
        .then(body());
    let field_or_method = ty()
        .then(ident())
        .then(punct(Punct::Semi).to(None).or(method_rest.map(Some)))
        .validate(|((ty, name), rest), e, emitter| match rest {
            None => Member::Field(std::sync::Arc::new(field_decl(
                ty,
                name,
                span(e.span()),
                emitter,
            ))),
            Some(((((formals, params), accesses), where_clauses), body)) => {
                Member::Method(MethodDecl {
                    header: std::sync::Arc::new(MethodHeader {
                        ret: ty,
                        name,
                        formals: formals.unwrap_or_default(),
                        params,
                        accesses,
                        where_clauses,
                    }),
                    body,
                    span: span(e.span()),
                })
            }
        });
    let member = choice((constructor, field_or_method)).map(ReadMember::Kept);
    // `int v` followed by the next member or the class's `}`: only the `;`
    // is missing (javac reads it so too). Keeping the field means its uses,
    // and the members missing from the class, are still checked; skipping
    // it would lose it, and with it every "no such member" of the class.
    let unterminated_field = ty()
        .then(ident())
        .then_ignore(any().filter(starts_member).rewind())
        .validate(|(ty, name), e, emitter| {
            ReadMember::Kept(Member::Field(std::sync::Arc::new(field_decl(
                ty,
                name,
                span(e.span()),
                emitter,
            ))))
        });
    // A method missing its parameter list (`void run {`) is one E0001,
    // reported just after its name (not inside the body, whose names it
    // would excuse), and is kept with unknown parameters, as a list that
    // does not parse is: its body is checked, its calls draw nothing more.
    let without_params = ty()
        .then(ident())
        .then_ignore(punct(Punct::LBrace).rewind())
        .then(body())
        .validate(|((ret, name), body), e, emitter| {
            let after = name.span.with_range(name.span.end, name.span.end);
            emitter.emit(Rich::custom(
                super::tok_span(after),
                format!(
                    "expected `(`: method `{}` needs a parameter list",
                    name.name
                ),
            ));
            ReadMember::Kept(Member::Method(MethodDecl {
                header: std::sync::Arc::new(MethodHeader {
                    ret,
                    name,
                    formals: Vec::new(),
                    params: vec![unknown_param(after)],
                    accesses: None,
                    where_clauses: Vec::new(),
                }),
                body,
                span: span(e.span()),
            }))
        });
    member
        .labelled("field, constructor or method")
        .recover_with(via_parser(unterminated_field))
        .recover_with(via_parser(without_params))
        .recover_with(via_parser(broken_field().map(ReadMember::Kept)))
        .recover_with(via_parser(named_lost_member()))
        .recover_with(via_parser(skip_statement().to(ReadMember::Lost(None))))
        .boxed()
}

/// A member that does not parse past its name (`void w2<p>() where p
/// outlives a accesses p { }`, `void m();`, `A(int x { }`): skipped as
/// [`skip_statement`] does, keeping the name it declares, so that only
/// uses of that name go unreported (the class's other missing members are
/// still E0104/E0105, unknown names in its bodies E0107).
fn named_lost_member<'t, 's: 't, I: TokenInput<'t, 's>>()
-> impl Parser<'t, I, ReadMember, Extra<'t, 's>> + Clone {
    let method_or_field = ty()
        .then(ident())
        .then_ignore(one_member_ahead())
        .map(|(_, name)| ReadMember::Lost(Some(name)));
    let constructor = ident()
        .then_ignore(punct(Punct::LParen).rewind())
        .then_ignore(one_member_ahead())
        .map(ReadMember::LostConstructor);
    choice((constructor, method_or_field))
        .rewind()
        .then_ignore(skip_statement())
}

/// A field whose type does not parse (`Data<o x;`, `int[ x;`): tokens
/// without brackets of a body or parameter list, the last a name, then
/// `;`. It is kept, named so, of erroneous type (its uses draw nothing
/// more), so the class has lost no member: its other members missing at
/// uses are still E0104/E0105, and unknown names in its bodies E0107.
fn broken_field<'t, 's: 't, I: TokenInput<'t, 's>>()
-> impl Parser<'t, I, Member, Extra<'t, 's>> + Clone {
    let name = select! { Token::Ident(s) = e => Some(crate::ast::Ident {
        name: crate::ast::Name::new(s),
        span: span(e.span()),
    }) };
    // Not past an `=`: a field with an initialiser (`int x = y;`, which
    // Own does not have) would otherwise be named after the last name of
    // its initialiser; it is left to `named_lost_member`.
    let other = none_of([
        Token::Punct(Punct::Semi),
        Token::Punct(Punct::LBrace),
        Token::Punct(Punct::RBrace),
        Token::Punct(Punct::LParen),
        Token::Punct(Punct::RParen),
        Token::Punct(Punct::Assign),
    ])
    .to(None);
    choice((name, other))
        .repeated()
        .at_least(2)
        .collect::<Vec<_>>()
        .then_ignore(punct(Punct::Semi))
        .try_map_with(|tokens, e| {
            let Some(Some(name)) = tokens.last().cloned() else {
                return Err(Rich::custom(e.span(), "not a field"));
            };
            let ty = crate::ast::Type {
                kind: TypeKind::Error,
                span: span(e.span()),
            };
            Ok(Member::Field(std::sync::Arc::new(FieldDecl {
                ty,
                name,
                span: span(e.span()),
            })))
        })
}

/// True for the tokens that may start a class member (a type, or a
/// constructor's name) or end the class.
fn starts_member(t: &Token<'_>) -> bool {
    matches!(
        t,
        Token::Ident(_)
            | Token::Punct(Punct::RBrace)
            | Token::Kw(Kw::Int | Kw::Float | Kw::Bool | Kw::Void | Kw::Handle | Kw::Chan)
    )
}

/// The members kept, whether one was lost without a name (or the class's
/// `}` is missing, so the members after a body left open were read as
/// statements), and the names of those lost with one (a constructor's
/// under `class`, the class's name, wherever it was written).
fn kept_members(
    read: Vec<ReadMember>,
    closed: bool,
    class: crate::ast::Name,
) -> (Vec<Member>, bool, Vec<crate::ast::Ident>) {
    let (mut members, mut lost, mut names) = (Vec::with_capacity(read.len()), !closed, Vec::new());
    for member in read {
        match member {
            ReadMember::Kept(m) => members.push(m),
            ReadMember::Lost(Some(name)) => names.push(name),
            ReadMember::Lost(None) => lost = true,
            ReadMember::LostConstructor(written) => names.push(crate::ast::Ident {
                name: class,
                span: written.span,
            }),
        }
    }
    (members, lost, names)
}

/// `class` and `rref class`.
fn class<'t, 's: 't, I: TokenInput<'t, 's>>() -> impl Parser<'t, I, Item, Extra<'t, 's>> + Clone {
    let superclass = kw(Kw::Extends)
        .ignore_then(ident().then(owner_list().or_not()))
        .map_with(|(name, owners), e| ClassRef {
            name,
            owners,
            span: span(e.span()),
        })
        .or_not();
    // A class whose `}` is missing may have lost members too: a method
    // body left open reads the members after it as statements and takes
    // the class's `}` (`void m() { if (c) {` … `}` then `int k() { … }`),
    // so `k` is not reported missing at its uses (one mistake, one error).
    let members = class_body();
    kw(Kw::Rref)
        .or_not()
        .then_ignore(item_kw(Kw::Class, "class", false))
        .then(ident())
        .then(formal_list().or_not().map_with(|f, e| (f, e.span())))
        .then(superclass)
        .then(where_clause())
        .then(members)
        .validate(
            |(((((rref, name), (formals, fspan)), extends), where_clauses), (read, closed)),
             e,
             emitter| {
                let (members, lost_members, lost_names) = kept_members(read, closed, name.name);
                let is_rref = rref.is_some();
                let formals = match (is_rref, formals) {
                    (true, Some(_)) => {
                        emitter.emit(Rich::custom(fspan, "an rref class takes no owners"));
                        Vec::new()
                    }
                    (false, None) => {
                        emitter.emit(Rich::custom(
                            super::tok_span(name.span),
                            format!(
                                "class `{}` needs at least one owner formal: `class {}<o> {{ … }}`",
                                name.name, name.name
                            ),
                        ));
                        Vec::new()
                    }
                    (_, f) => f.unwrap_or_default(),
                };
                Item::Class(ClassDecl {
                    is_rref,
                    name,
                    formals,
                    extends,
                    where_clauses,
                    members,
                    lost_members,
                    lost_names,
                    span: span(e.span()),
                })
            },
        )
        .recover_with(via_parser(broken_class_header()))
        .boxed()
}

/// A piece of a class header read by [`broken_class_header`].
#[derive(Clone)]
enum HeaderPart {
    Extends(ClassRef),
    Where(Vec<crate::ast::Constraint>),
    /// A token that fits nowhere.
    Junk,
}

/// The superclass and `where` constraints of a broken header's parts: the
/// first `extends` (a second makes the superclass unsure: broken), and
/// every constraint that parsed.
fn header_parts(parts: Vec<HeaderPart>) -> (Option<ClassRef>, Vec<crate::ast::Constraint>) {
    let (mut extends, mut constraints): (Option<ClassRef>, Vec<_>) = (None, Vec::new());
    for part in parts {
        match part {
            HeaderPart::Extends(written) => {
                extends = Some(match extends {
                    None => written,
                    Some(first) => ClassRef::broken(first.span),
                });
            }
            HeaderPart::Where(c) => constraints.extend(c),
            HeaderPart::Junk => {}
        }
    }
    (extends, constraints)
}

/// Looks ahead (consuming nothing), after a broken member's name, for
/// what shows that [`skip_statement`] will skip that member only: its body
/// (a `{` before any `;`), a field's initialiser (`= …;`), or a parameter
/// list then `;` (`void m();`). Otherwise (`void m() accesses` then `Data<o>
/// d;` on the next line) the skip may swallow the next member, whose name
/// is unknown, so the class is left incomplete instead.
fn one_member_ahead<'t, 's: 't, I: TokenInput<'t, 's>>()
-> impl Parser<'t, I, (), Extra<'t, 's>> + Clone {
    let unit = choice((
        group(Punct::LParen, true),
        group(Punct::LBracket, true),
        loose_token(),
    ));
    let body = unit.repeated().then(punct(Punct::LBrace)).ignored();
    let initialiser = punct(Punct::Assign).ignored();
    let no_body = none_of([
        Token::Punct(Punct::LParen),
        Token::Punct(Punct::Semi),
        Token::Punct(Punct::LBrace),
        Token::Punct(Punct::RBrace),
    ])
    .repeated()
    .then(group(Punct::LParen, true))
    .then(punct(Punct::Semi))
    .ignored();
    choice((body, initialiser, no_body)).rewind()
}

/// `{ member* }`: the members as read, and whether the `}` was there.
fn class_body<'t, 's: 't, I: TokenInput<'t, 's>>()
-> impl Parser<'t, I, (Vec<ReadMember>, bool), Extra<'t, 's>> + Clone {
    punct(Punct::LBrace)
        .ignore_then(member().repeated().collect::<Vec<_>>())
        .then(close_brace_found())
}

/// A class whose header does not parse (`class A<o {`, `class B<o>
/// extends A<o {`, `class C<o> extends {`, `class D<o> extends A<o> where
/// {`): one E0001 (the header's, already reported), and the class is kept
/// with its name, the formals and `where` constraints that did parse, and
/// its members, so its bodies are checked and its uses are not unknown.
/// An `extends` clause that did not parse whole names an erroneous
/// superclass (see [`ClassRef::broken`]): the class's members are then
/// looked up unsure, and none is reported missing.
fn broken_class_header<'t, 's: 't, I: TokenInput<'t, 's>>()
-> impl Parser<'t, I, Item, Extra<'t, 's>> + Clone {
    let formals = punct(Punct::Lt)
        .ignore_then(
            formal()
                .separated_by(punct(Punct::Comma))
                .allow_trailing()
                .collect::<Vec<_>>(),
        )
        .then_ignore(punct(Punct::Gt).or_not())
        .or_not()
        .map(Option::unwrap_or_default);
    // Sure only when whole and followed by what may follow it.
    let superclass = ident()
        .then(owner_list().or_not())
        .then_ignore(choice((kw(Kw::Where).ignored(), punct(Punct::LBrace).ignored())).rewind())
        .map_with(|(name, owners), e| ClassRef {
            name,
            owners,
            span: span(e.span()),
        });
    let extends = kw(Kw::Extends)
        .ignore_then(superclass.or_not())
        .map_with(|sure, e| {
            HeaderPart::Extends(sure.unwrap_or_else(|| ClassRef::broken(span(e.span()))))
        });
    let constraints = kw(Kw::Where)
        .ignore_then(
            constraint()
                .separated_by(punct(Punct::Comma))
                .allow_trailing()
                .collect::<Vec<_>>(),
        )
        .map(HeaderPart::Where);
    let parts = choice((extends, constraints, loose_token().to(HeaderPart::Junk)))
        .repeated()
        .collect::<Vec<_>>()
        .map(header_parts);
    kw(Kw::Rref)
        .or_not()
        .then_ignore(item_kw(Kw::Class, "class", false))
        .then(ident())
        .then(formals)
        .then(parts)
        .then(class_body())
        .map_with(
            |((((rref, name), formals), (extends, where_clauses)), (read, closed)), e| {
                let (members, lost_members, lost_names) = kept_members(read, closed, name.name);
                let is_rref = rref.is_some();
                Item::Class(ClassDecl {
                    is_rref,
                    name,
                    formals: if is_rref { Vec::new() } else { formals },
                    extends,
                    where_clauses,
                    members,
                    lost_members,
                    lost_names,
                    span: span(e.span()),
                })
            },
        )
}

fn regionkind<'t, 's: 't, I: TokenInput<'t, 's>>() -> impl Parser<'t, I, Item, Extra<'t, 's>> + Clone
{
    // A member missing only its `;` (the next member or the `}` follows) is
    // one E0001 and is kept, as a class's field is: the region kind then
    // still declares it, and a portal it does not declare is still E0501.
    let semi = punct(Punct::Semi).ignored();
    let semi = semi
        .recover_with(via_parser(
            any()
                .filter(|t: &Token<'_>| {
                    matches!(
                        t,
                        Token::Kw(Kw::Portal | Kw::Subregion) | Token::Punct(Punct::RBrace)
                    )
                })
                .ignored()
                .rewind(),
        ))
        .boxed();
    let portal = kw(Kw::Portal)
        .ignore_then(value_ty())
        .then(ident())
        .then_ignore(semi.clone())
        .map_with(|(ty, name), e| RegionKindMember::Portal {
            ty,
            name,
            span: span(e.span()),
        });
    let subregion = kw(Kw::Subregion)
        .ignore_then(ident())
        .then(ident())
        .then(punct(Punct::Colon).ignore_then(policy()).or_not())
        .then_ignore(semi)
        .map_with(|((kind, name), policy), e| RegionKindMember::Subregion {
            kind,
            name,
            policy,
            span: span(e.span()),
        });
    let member = choice((portal, subregion))
        .map(Some)
        .labelled("`portal` or `subregion`")
        .recover_with(via_parser(skip_statement().to(None)));
    // §3: `regionkind Name extends Shared`. Region kinds do not inherit
    // from one another, so another name there is a syntax error (and is
    // not looked up: no E0101 besides it).
    let extends = kw(Kw::Extends)
        .ignore_then(choice((
            kw(Kw::SharedKw).ignored(),
            ident().validate(|_, e, emitter| {
                emitter.emit(Rich::custom(
                    e.span(),
                    "a region kind extends `Shared` only: region kinds do not inherit from one another",
                ));
            }),
        )))
        .or_not();
    item_kw(Kw::Regionkind, "regionkind", false)
        .ignore_then(ident())
        .then_ignore(extends)
        .then(
            member
                .repeated()
                .collect::<Vec<_>>()
                .delimited_by(punct(Punct::LBrace), close_brace()),
        )
        .map_with(|(name, members), e| {
            Item::RegionKind(RegionKindDecl {
                name,
                members: members.into_iter().flatten().collect(),
                span: span(e.span()),
            })
        })
        .boxed()
}

fn message<'t, 's: 't, I: TokenInput<'t, 's>>() -> impl Parser<'t, I, Item, Extra<'t, 's>> + Clone {
    item_kw(Kw::Message, "message", false)
        .ignore_then(ident())
        .then(
            value_ty()
                .separated_by(punct(Punct::Comma))
                .collect::<Vec<_>>()
                .delimited_by(punct(Punct::LParen), punct(Punct::RParen))
                .or_not(),
        )
        .then_ignore(punct(Punct::Semi))
        .map_with(|(name, payload), e| {
            Item::Message(MessageDecl {
                name,
                payload: payload.unwrap_or_default(),
                span: span(e.span()),
            })
        })
        .boxed()
}

fn contract<'t, 's: 't, I: TokenInput<'t, 's>>() -> impl Parser<'t, I, Item, Extra<'t, 's>> + Clone
{
    let direction = select! {
        Token::Punct(Punct::Bang) => Direction::Send,
        Token::Punct(Punct::Question) => Direction::Receive,
    }
    .labelled("`!` or `?`");
    let transition = direction
        .then(ident())
        .then_ignore(punct(Punct::Arrow))
        .then(ident())
        .then_ignore(punct(Punct::Semi))
        .map_with(|((direction, message), target), e| Transition {
            direction,
            message,
            target,
            span: span(e.span()),
        })
        .map(Some)
        .recover_with(via_parser(skip_statement().to(None)));
    let state = kw(Kw::Initial)
        .or_not()
        .then(kw(Kw::Final).or_not())
        .then_ignore(kw(Kw::State))
        .then(ident())
        .then(
            transition
                .repeated()
                .collect::<Vec<_>>()
                .delimited_by(punct(Punct::LBrace), close_brace()),
        )
        .map_with(|(((initial, fin), name), transitions), e| {
            Some(StateDecl {
                initial: initial.is_some(),
                is_final: fin.is_some(),
                name,
                transitions: transitions.into_iter().flatten().collect(),
                span: span(e.span()),
            })
        })
        .labelled("state")
        .recover_with(via_parser(skip_statement().to(None)));
    item_kw(Kw::Contract, "contract", false)
        .ignore_then(ident())
        .then(
            state
                .repeated()
                .collect::<Vec<_>>()
                .delimited_by(punct(Punct::LBrace), close_brace()),
        )
        .map_with(|(name, states), e| {
            Item::Contract(ContractDecl {
                name,
                states: states.into_iter().flatten().collect(),
                span: span(e.span()),
            })
        })
        .boxed()
}

fn main_block<'t, 's: 't, I: TokenInput<'t, 's>>() -> impl Parser<'t, I, Item, Extra<'t, 's>> + Clone
{
    item_kw(Kw::Main, "main", true)
        .ignore_then(body())
        .map_with(|body, e| {
            Item::Main(MainDecl {
                body,
                span: span(e.span()),
            })
        })
        .boxed()
}

/// A whole file; broken declarations are skipped to the next one.
pub(crate) fn source_file<'t, 's: 't, I: TokenInput<'t, 's>>()
-> impl Parser<'t, I, SourceFile, Extra<'t, 's>> {
    let item = choice((class(), regionkind(), message(), contract(), main_block()))
        .map(Some)
        .labelled("declaration")
        .recover_with(via_parser(skip_item().to(None)));
    item.repeated()
        .collect::<Vec<_>>()
        .then_ignore(end())
        .map(|items| SourceFile {
            items: items.into_iter().flatten().collect(),
        })
}
