//! Top-level declarations and class members: `items.rs` of the chumsky
//! grammar as it reads a file without errors (exact keywords: a
//! misspelt one is the grammar's to report).

use super::Cursor;
use crate::ast::{
    ClassDecl, ClassRef, ConstructorDecl, ContractDecl, Direction, FieldDecl, Item, MainDecl,
    Member, MessageDecl, MethodDecl, MethodHeader, Param, RegionKindDecl, RegionKindMember,
    StateDecl, Transition, TypeKind,
};
use crate::token::{Kind, Kw, Punct};
use std::sync::Arc;

impl Cursor<'_, '_> {
    /// One top-level declaration.
    pub(super) fn item(&mut self) -> Option<Item> {
        match self.peek()? {
            Kind::Kw(Kw::Class | Kw::Rref) => self.class(),
            Kind::Kw(Kw::Regionkind) => self.regionkind(),
            Kind::Kw(Kw::Message) => self.message(),
            Kind::Kw(Kw::Contract) => self.contract(),
            Kind::Kw(Kw::Main) => {
                let start = self.pos;
                self.pos += 1;
                let body = self.body()?;
                Some(Item::Main(MainDecl {
                    body,
                    span: self.span_from(start),
                }))
            }
            _ => None,
        }
    }

    /// `class` and `rref class`; `None` for an rref class with owner
    /// formals or a class without (syntax errors).
    fn class(&mut self) -> Option<Item> {
        let start = self.pos;
        let is_rref = self.eat_kw(Kw::Rref);
        self.kw(Kw::Class)?;
        let name = self.ident()?;
        let formals = self.attempt(Self::formal_list);
        if is_rref == formals.is_some() {
            return None;
        }
        let extends = self.attempt(|p| {
            let start = p.pos;
            p.kw(Kw::Extends)?;
            let name = p.ident()?;
            let owners = p.owner_list_opt();
            Some(ClassRef {
                name,
                owners,
                span: p.span_from(start),
            })
        });
        let where_clauses = self.where_clause();
        self.punct(Punct::LBrace)?;
        let mut members = Vec::new();
        while let Some(member) = self.attempt(Self::member) {
            members.push(member);
        }
        self.punct(Punct::RBrace)?;
        Some(Item::Class(ClassDecl {
            is_rref,
            name,
            formals: formals.unwrap_or_default(),
            extends,
            where_clauses,
            members: super::exact(members),
            lost_members: false,
            lost_names: Vec::new(),
            span: self.span_from(start),
        }))
    }

    /// A field, constructor or method.
    fn member(&mut self) -> Option<Member> {
        let start = self.pos;
        if matches!(self.peek(), Some(Kind::Ident))
            && self.peek_at(1) == Some(Kind::Punct(Punct::LParen))
        {
            let name = self.ident()?;
            let params = self.params()?;
            let body = self.body()?;
            return Some(Member::Constructor(Box::new(ConstructorDecl {
                name,
                params,
                body,
                span: self.span_from(start),
            })));
        }
        let ty = self.ty()?;
        let name = self.ident()?;
        if self.eat_punct(Punct::Semi) {
            if matches!(ty.kind, TypeKind::Void) {
                return None;
            }
            return Some(Member::Field(Arc::new(FieldDecl {
                ty,
                name,
                span: self.span_from(start),
            })));
        }
        let formals = self.attempt(Self::formal_list).unwrap_or_default();
        let params = self.params()?;
        let accesses = self.attempt(|p| {
            p.kw(Kw::Accesses)?;
            p.separated(true, false, Self::owner)
        });
        let where_clauses = self.where_clause();
        let body = self.body()?;
        Some(Member::Method(MethodDecl {
            header: std::sync::Arc::new(MethodHeader {
                ret: ty,
                name,
                formals,
                params,
                accesses,
                where_clauses,
            }),
            body,
            span: self.span_from(start),
        }))
    }

    /// `(T x, …)`
    fn params(&mut self) -> Option<Vec<Param>> {
        self.delimited(Punct::LParen, Punct::RParen, false, false, |p| {
            let start = p.pos;
            let ty = p.value_ty()?;
            let name = p.ident()?;
            Some(Param {
                ty,
                name,
                span: p.span_from(start),
            })
        })
    }

    /// `regionkind Name [extends Shared] { portal …; subregion …; }`
    fn regionkind(&mut self) -> Option<Item> {
        let start = self.pos;
        self.kw(Kw::Regionkind)?;
        let name = self.ident()?;
        if self.eat_kw(Kw::Extends) {
            // Another parent than `Shared` is a syntax error.
            self.kw(Kw::SharedKw)?;
        }
        self.punct(Punct::LBrace)?;
        let mut members = Vec::new();
        while let Some(member) = self.attempt(Self::regionkind_member) {
            members.push(member);
        }
        self.punct(Punct::RBrace)?;
        Some(Item::RegionKind(RegionKindDecl {
            name,
            members,
            span: self.span_from(start),
        }))
    }

    fn regionkind_member(&mut self) -> Option<RegionKindMember> {
        let start = self.pos;
        if self.eat_kw(Kw::Portal) {
            let ty = self.value_ty()?;
            let name = self.ident()?;
            self.punct(Punct::Semi)?;
            return Some(RegionKindMember::Portal {
                ty,
                name,
                span: self.span_from(start),
            });
        }
        self.kw(Kw::Subregion)?;
        let kind = self.ident()?;
        let name = self.ident()?;
        let policy = self.attempt(|p| {
            p.punct(Punct::Colon)?;
            p.policy()
        });
        self.punct(Punct::Semi)?;
        Some(RegionKindMember::Subregion {
            kind,
            name,
            policy,
            span: self.span_from(start),
        })
    }

    /// `message Name;` or `message Name(T, …);`
    fn message(&mut self) -> Option<Item> {
        let start = self.pos;
        self.kw(Kw::Message)?;
        let name = self.ident()?;
        let payload = self
            .attempt(|p| p.delimited(Punct::LParen, Punct::RParen, false, false, Self::value_ty))
            .unwrap_or_default();
        self.punct(Punct::Semi)?;
        Some(Item::Message(MessageDecl {
            name,
            payload,
            span: self.span_from(start),
        }))
    }

    /// `contract Name { [initial] [final] state q { !m -> r; … } … }`
    fn contract(&mut self) -> Option<Item> {
        let start = self.pos;
        self.kw(Kw::Contract)?;
        let name = self.ident()?;
        self.punct(Punct::LBrace)?;
        let mut states = Vec::new();
        while let Some(state) = self.attempt(Self::state) {
            states.push(state);
        }
        self.punct(Punct::RBrace)?;
        Some(Item::Contract(ContractDecl {
            name,
            states,
            span: self.span_from(start),
        }))
    }

    fn state(&mut self) -> Option<StateDecl> {
        let start = self.pos;
        let initial = self.eat_kw(Kw::Initial);
        let is_final = self.eat_kw(Kw::Final);
        self.kw(Kw::State)?;
        let name = self.ident()?;
        self.punct(Punct::LBrace)?;
        let mut transitions = Vec::new();
        while let Some(transition) = self.attempt(Self::transition) {
            transitions.push(transition);
        }
        self.punct(Punct::RBrace)?;
        Some(StateDecl {
            initial,
            is_final,
            name,
            transitions,
            span: self.span_from(start),
        })
    }

    /// `!m -> q;` or `?m -> q;`
    fn transition(&mut self) -> Option<Transition> {
        let start = self.pos;
        let direction = match self.bump()?.0 {
            Kind::Punct(Punct::Bang) => Direction::Send,
            Kind::Punct(Punct::Question) => Direction::Receive,
            _ => return None,
        };
        let message = self.ident()?;
        self.punct(Punct::Arrow)?;
        let target = self.ident()?;
        self.punct(Punct::Semi)?;
        Some(Transition {
            direction,
            message,
            target,
            span: self.span_from(start),
        })
    }
}
