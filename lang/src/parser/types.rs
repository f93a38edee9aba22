//! Types (LANGUAGE.md §4): primitives, class types with or without owner
//! lists, arrays `elem[]<o>` and `prim[]`, `Handle<o>` and channel endpoints.

use super::TokSpan as SimpleSpan;
use super::common::{ident, owner, owner_list};
use super::{Extra, TokenInput, kw, punct, span};
use crate::ast::{ChanType, Owner, Type, TypeKind};
use crate::token::{Kw, Punct};
use chumsky::prelude::*;

/// A type without array suffixes.
pub(crate) fn base_type<'t, 's: 't, I: TokenInput<'t, 's>>()
-> impl Parser<'t, I, Type, Extra<'t, 's>> + Clone {
    let prim = choice((
        kw(Kw::Int).to(TypeKind::Int),
        kw(Kw::Float).to(TypeKind::Float),
        kw(Kw::Bool).to(TypeKind::Bool),
        kw(Kw::Void).to(TypeKind::Void),
    ));
    let handle = kw(Kw::Handle)
        .ignore_then(owner().delimited_by(punct(Punct::Lt), punct(Punct::Gt)))
        .map(TypeKind::Handle);
    let chan = kw(Kw::Chan)
        .ignore_then(
            punct(Punct::Tilde)
                .or_not()
                .then(ident())
                .then(punct(Punct::At).ignore_then(ident()).or_not())
                .delimited_by(punct(Punct::Lt), punct(Punct::Gt)),
        )
        .map(|((tilde, contract), state)| {
            TypeKind::Chan(Box::new(ChanType {
                contract,
                dual: tilde.is_some(),
                state,
            }))
        });
    let class = ident()
        .then(owner_list().or_not())
        .map(|(name, owners)| TypeKind::Class {
            name,
            owners: owners.map(Vec::into_boxed_slice),
        });
    choice((prim, handle, chan, class))
        .map_with(|kind, e| Type {
            kind,
            span: span(e.span()),
        })
        .labelled("type")
}

/// One array suffix: `[]` with an optional `<owner>`.
pub(crate) fn array_suffix<'t, 's: 't, I: TokenInput<'t, 's>>()
-> impl Parser<'t, I, (Option<Owner>, SimpleSpan), Extra<'t, 's>> + Clone {
    punct(Punct::LBracket)
        .then(punct(Punct::RBracket))
        .ignore_then(
            owner()
                .delimited_by(punct(Punct::Lt), punct(Punct::Gt))
                .or_not(),
        )
        .map_with(|o, e| (o, e.span()))
}

/// Wraps `elem` in one array layer per suffix.
pub(crate) fn wrap_arrays(elem: Type, suffixes: Vec<(Option<Owner>, SimpleSpan)>) -> Type {
    suffixes.into_iter().fold(elem, |elem, (owner, s)| {
        let span = elem.span.to(span(s));
        Type {
            kind: TypeKind::Array {
                elem: Box::new(elem),
                owner,
            },
            span,
        }
    })
}

/// A full type: a base type and any number of array suffixes. `void` is
/// no array's element (§4: "elem is any non-void type").
pub(crate) fn ty<'t, 's: 't, I: TokenInput<'t, 's>>()
-> impl Parser<'t, I, Type, Extra<'t, 's>> + Clone {
    base_type()
        .then(array_suffix().repeated().collect::<Vec<_>>())
        .map(|(elem, suffixes)| wrap_arrays(elem, suffixes))
        .validate(|t, _, emitter| match void_element(&t) {
            Some(at) => {
                emitter.emit(Rich::custom(at, "an array's elements cannot be `void`"));
                error_type(&t)
            }
            None => t,
        })
        .labelled("type")
        .boxed()
}

/// The type of something that holds a value (a field, parameter, local,
/// portal or message payload): any type but `void`, which only a method
/// returns. `void x;` is a syntax error, as in javac ("'void' type not
/// allowed here"); the type then reads as [`TypeKind::Error`], so nothing
/// more is said about `x`.
pub(crate) fn value_ty<'t, 's: 't, I: TokenInput<'t, 's>>()
-> impl Parser<'t, I, Type, Extra<'t, 's>> + Clone {
    ty().validate(|t, _, emitter| {
        if matches!(t.kind, TypeKind::Void) {
            emitter.emit(Rich::custom(t.span, VOID_VALUE));
            return error_type(&t);
        }
        t
    })
    .boxed()
}

/// The message of `void` where a value's type is needed.
pub(crate) const VOID_VALUE: &str =
    "`void` is not allowed here: only a method's return type may be `void`";

/// Where an array's element, at any depth, is `void`.
pub(crate) fn void_element(t: &Type) -> Option<SimpleSpan> {
    let mut elem = t;
    while let TypeKind::Array { elem: inner, .. } = &elem.kind {
        elem = inner;
    }
    let is_array = !std::ptr::eq(elem, t);
    (is_array && matches!(elem.kind, TypeKind::Void)).then_some(elem.span)
}

/// A type that did not read (already reported), in `t`'s place.
pub(crate) fn error_type(t: &Type) -> Type {
    Type {
        kind: TypeKind::Error,
        span: t.span,
    }
}
