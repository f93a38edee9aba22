//! Owners, owner lists, owner formals, `where` clauses, allocation
//! policies and types: `common.rs` and `types.rs` of the chumsky grammar.

use super::Cursor;
use crate::ast::{
    ChanType, Constraint, Formal, FormalKind, Name, Owner, OwnerKind, Policy, Relation, Type,
    TypeKind,
};
use crate::parser::literals::parse_u64;
use crate::parser::types::{void_element, wrap_arrays};
use crate::span::Span;
use crate::token::{Kind, Kw, Punct};

impl Cursor<'_, '_> {
    /// `formal | this | heap | immortal | region-name`
    pub(super) fn owner(&mut self) -> Option<Owner> {
        let (token, span) = self.next_spanned()?;
        let kind = match token {
            Kind::Ident => OwnerKind::Name(Name::new(self.text(span))),
            Kind::Kw(Kw::This) => OwnerKind::This,
            Kind::Kw(Kw::Heap) => OwnerKind::Heap,
            Kind::Kw(Kw::Immortal) => OwnerKind::Immortal,
            _ => return None,
        };
        self.pos += 1;
        Some(Owner { kind, span })
    }

    /// `<o1, …, on>` (at least one owner).
    pub(super) fn owner_list(&mut self) -> Option<Vec<Owner>> {
        self.delimited(Punct::Lt, Punct::Gt, true, false, Self::owner)
    }

    /// An optional owner list: `None`, consuming nothing, when what
    /// follows is not one.
    pub(super) fn owner_list_opt(&mut self) -> Option<Vec<Owner>> {
        if self.peek() != Some(Kind::Punct(Punct::Lt)) {
            return None;
        }
        self.attempt(Self::owner_list)
    }

    /// `[kind] name`: kind is `Owner`, `Region`, `Shared` or a region
    /// kind's name (a name followed by a name).
    fn formal(&mut self) -> Option<Formal> {
        let start = self.pos;
        let keyword = match self.peek()? {
            Kind::Kw(Kw::OwnerKw) => Some(FormalKind::Owner),
            Kind::Kw(Kw::RegionKw) => Some(FormalKind::Region),
            Kind::Kw(Kw::SharedKw) => Some(FormalKind::Shared),
            _ => None,
        };
        let kind = match keyword {
            Some(kind) => {
                self.pos += 1;
                Some(kind)
            }
            None if matches!(self.peek_at(1), Some(Kind::Ident)) => {
                self.ident().map(FormalKind::Kind)
            }
            None => None,
        };
        let name = self.ident()?;
        Some(Formal {
            kind: kind.unwrap_or(FormalKind::Owner),
            name,
            span: self.span_from(start),
        })
    }

    /// `<formal, …>` (at least one; a trailing `,` allowed).
    pub(super) fn formal_list(&mut self) -> Option<Vec<Formal>> {
        self.delimited(Punct::Lt, Punct::Gt, true, true, Self::formal)
    }

    /// `owner outlives owner` or `owner owns owner`.
    fn constraint(&mut self) -> Option<Constraint> {
        let start = self.pos;
        let left = self.owner()?;
        let relation = match self.peek()? {
            Kind::Kw(Kw::Outlives) => Relation::Outlives,
            Kind::Kw(Kw::Owns) => Relation::Owns,
            _ => return None,
        };
        self.pos += 1;
        let right = self.owner()?;
        Some(Constraint {
            left,
            relation,
            right,
            span: self.span_from(start),
        })
    }

    /// An optional `where c, …` clause (empty when absent).
    pub(super) fn where_clause(&mut self) -> Vec<Constraint> {
        self.attempt(|p| {
            p.kw(Kw::Where)?;
            p.separated(true, false, Self::constraint)
        })
        .unwrap_or_default()
    }

    /// `LT(n)` or `VT`; `None` for a size that does not fit in 64 bits
    /// (a syntax error).
    pub(super) fn policy(&mut self) -> Option<Policy> {
        let start = self.pos;
        match self.peek()? {
            Kind::Kw(Kw::Vt) => {
                self.pos += 1;
                Some(Policy::Vt {
                    span: self.span_from(start),
                })
            }
            Kind::Kw(Kw::Lt) => {
                self.pos += 1;
                self.punct(Punct::LParen)?;
                let Some((Kind::Int, size)) = self.bump() else {
                    return None;
                };
                let bytes = parse_u64(self.text(size))?;
                self.punct(Punct::RParen)?;
                Some(Policy::Lt {
                    bytes,
                    span: self.span_from(start),
                })
            }
            _ => None,
        }
    }

    /// A type without array suffixes.
    pub(super) fn base_type(&mut self) -> Option<Type> {
        let start = self.pos;
        if let Some(name) = self.ident() {
            let owners = self.owner_list_opt();
            return Some(Type {
                kind: TypeKind::Class {
                    name,
                    owners: owners.map(Vec::into_boxed_slice),
                },
                span: self.span_from(start),
            });
        }
        let kind = match self.bump()?.0 {
            Kind::Kw(Kw::Int) => TypeKind::Int,
            Kind::Kw(Kw::Float) => TypeKind::Float,
            Kind::Kw(Kw::Bool) => TypeKind::Bool,
            Kind::Kw(Kw::Void) => TypeKind::Void,
            Kind::Kw(Kw::Handle) => {
                self.punct(Punct::Lt)?;
                let owner = self.owner()?;
                self.punct(Punct::Gt)?;
                TypeKind::Handle(owner)
            }
            Kind::Kw(Kw::Chan) => {
                self.punct(Punct::Lt)?;
                let dual = self.eat_punct(Punct::Tilde);
                let contract = self.ident()?;
                let state = self.attempt(|p| {
                    p.punct(Punct::At)?;
                    p.ident()
                });
                self.punct(Punct::Gt)?;
                TypeKind::Chan(Box::new(ChanType {
                    contract,
                    dual,
                    state,
                }))
            }
            _ => return None,
        };
        Some(Type {
            kind,
            span: self.span_from(start),
        })
    }

    /// Array suffixes `[]` with an optional `<owner>`, as many as follow.
    pub(super) fn array_suffixes(&mut self) -> Vec<(Option<Owner>, Span)> {
        let mut suffixes = Vec::new();
        while self.peek() == Some(Kind::Punct(Punct::LBracket))
            && self.peek_at(1) == Some(Kind::Punct(Punct::RBracket))
        {
            let start = self.pos;
            self.pos += 2;
            let owner = self.attempt(|p| {
                p.punct(Punct::Lt)?;
                let owner = p.owner()?;
                p.punct(Punct::Gt)?;
                Some(owner)
            });
            suffixes.push((owner, self.span_from(start)));
        }
        suffixes
    }

    /// A full type; `None` for an array of `void` (a syntax error).
    pub(super) fn ty(&mut self) -> Option<Type> {
        let base = self.base_type()?;
        let suffixes = self.array_suffixes();
        let t = wrap_arrays(base, suffixes);
        void_element(&t).is_none().then_some(t)
    }

    /// The type of something that holds a value: any type but `void`.
    pub(super) fn value_ty(&mut self) -> Option<Type> {
        self.ty().filter(|t| !matches!(t.kind, TypeKind::Void))
    }
}
