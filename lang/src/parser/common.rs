//! Small pieces used across the grammar: identifiers, owners, owner lists,
//! owner formals, `where` constraints and allocation policies.

use super::{Extra, TokenInput, kw, punct, span};
use crate::ast::{
    ANY_SHARED_KIND, Constraint, Formal, FormalKind, Ident, Name, Owner, OwnerKind, Policy,
    Relation,
};
use crate::token::{Kw, Punct, Token};
use chumsky::prelude::*;

pub(crate) fn ident<'t, 's: 't, I: TokenInput<'t, 's>>()
-> impl Parser<'t, I, Ident, Extra<'t, 's>> + Clone {
    select! { Token::Ident(s) = e => Ident { name: Name::new(s), span: span(e.span()) } }
        .labelled("identifier")
}

/// The kind in a region header (`region r : Kind { … }`): a region kind's
/// name, or the keyword `Shared` for a shared region of no particular kind
/// (no portals, no subregions), read as the name [`ANY_SHARED_KIND`]. §4
/// lets a `Shared` formal take "a shared region" and §7 gives no other
/// way to open one than through a kind; a user who writes `: Shared`
/// means one (docs/DECISIONS.md).
pub(crate) fn region_kind_name<'t, 's: 't, I: TokenInput<'t, 's>>()
-> impl Parser<'t, I, Ident, Extra<'t, 's>> + Clone {
    ident().or(select! {
        Token::Kw(Kw::SharedKw) = e => Ident { name: Name::new(ANY_SHARED_KIND), span: span(e.span()) }
    })
}

/// `formal | this | heap | immortal | region-name`
pub(crate) fn owner<'t, 's: 't, I: TokenInput<'t, 's>>()
-> impl Parser<'t, I, Owner, Extra<'t, 's>> + Clone {
    select! {
        Token::Ident(s) = e => Owner { kind: OwnerKind::Name(Name::new(s)), span: span(e.span()) },
        Token::Kw(Kw::This) = e => Owner { kind: OwnerKind::This, span: span(e.span()) },
        Token::Kw(Kw::Heap) = e => Owner { kind: OwnerKind::Heap, span: span(e.span()) },
        Token::Kw(Kw::Immortal) = e => Owner { kind: OwnerKind::Immortal, span: span(e.span()) },
    }
    .labelled("owner")
}

/// `<o1, …, on>` (at least one owner).
pub(crate) fn owner_list<'t, 's: 't, I: TokenInput<'t, 's>>()
-> impl Parser<'t, I, Vec<Owner>, Extra<'t, 's>> + Clone {
    owner()
        .separated_by(punct(Punct::Comma))
        .at_least(1)
        .collect()
        .delimited_by(punct(Punct::Lt), punct(Punct::Gt))
}

/// `[kind] name` where kind is `Owner`, `Region`, `Shared` or a region
/// kind's name.
pub(crate) fn formal<'t, 's: 't, I: TokenInput<'t, 's>>()
-> impl Parser<'t, I, Formal, Extra<'t, 's>> + Clone {
    let kind = choice((
        kw(Kw::OwnerKw).to(FormalKind::Owner),
        kw(Kw::RegionKw).to(FormalKind::Region),
        kw(Kw::SharedKw).to(FormalKind::Shared),
        ident().then_ignore(ident().rewind()).map(FormalKind::Kind),
    ));
    kind.or_not()
        .then(ident())
        .map_with(|(kind, name), e| Formal {
            kind: kind.unwrap_or(FormalKind::Owner),
            name,
            span: span(e.span()),
        })
        .labelled("owner formal")
}

/// `<formal, …>` (at least one).
pub(crate) fn formal_list<'t, 's: 't, I: TokenInput<'t, 's>>()
-> impl Parser<'t, I, Vec<Formal>, Extra<'t, 's>> + Clone {
    formal()
        .separated_by(punct(Punct::Comma))
        .at_least(1)
        .allow_trailing()
        .collect()
        .delimited_by(punct(Punct::Lt), punct(Punct::Gt))
}

/// `owner outlives owner` or `owner owns owner`.
pub(crate) fn constraint<'t, 's: 't, I: TokenInput<'t, 's>>()
-> impl Parser<'t, I, Constraint, Extra<'t, 's>> + Clone {
    let relation = choice((
        kw(Kw::Outlives).to(Relation::Outlives),
        kw(Kw::Owns).to(Relation::Owns),
    ));
    owner()
        .then(relation)
        .then(owner())
        .map_with(|((left, relation), right), e| Constraint {
            left,
            relation,
            right,
            span: span(e.span()),
        })
        .labelled("constraint")
}

/// An optional `where c, …` clause.
pub(crate) fn where_clause<'t, 's: 't, I: TokenInput<'t, 's>>()
-> impl Parser<'t, I, Vec<Constraint>, Extra<'t, 's>> + Clone {
    kw(Kw::Where)
        .ignore_then(
            constraint()
                .separated_by(punct(Punct::Comma))
                .at_least(1)
                .collect(),
        )
        .or_not()
        .map(Option::unwrap_or_default)
}

/// `LT(n)` or `VT`.
pub(crate) fn policy<'t, 's: 't, I: TokenInput<'t, 's>>()
-> impl Parser<'t, I, Policy, Extra<'t, 's>> + Clone {
    let size = select! { Token::Int(s) => s }
        .labelled("size in bytes")
        .try_map(|s: &str, sp| {
            super::literals::parse_u64(s).ok_or_else(|| {
                Rich::custom(sp, format!("region size `{s}` does not fit in 64 bits"))
            })
        });
    let lt = kw(Kw::Lt)
        .ignore_then(size.delimited_by(punct(Punct::LParen), punct(Punct::RParen)))
        .map_with(|bytes, e| Policy::Lt {
            bytes,
            span: span(e.span()),
        });
    let vt = kw(Kw::Vt).map_with(|_, e| Policy::Vt {
        span: span(e.span()),
    });
    lt.or(vt).labelled("`LT(bytes)` or `VT`")
}
