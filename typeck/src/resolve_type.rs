//! The resolver shared by signatures and bodies: looks up top-level names
//! (E0101), owners (E0102) and class types with their owner counts (E0103),
//! turning written types into [`Ty`]s.

use crate::db::{Db, Program, SourceFile};
use crate::errors;
use crate::ids::DeclKey;
use crate::items::{ItemEntry, ItemIndex, ItemKind};
use crate::members::Classes;
use crate::scope::{OwnerMiss, OwnerScope};
use crate::signature::{FormalSig, WhereSig};
use crate::suggest::closest;
use crate::ty::{ClassTy, OwnerRef, Ty};
use crate::type_errors;
use ownc_lang::ast::{Constraint, Formal, FormalKind, Ident, Owner, OwnerKind, Type, TypeKind};
use ownc_lang::{Diagnostic, Label, Span};
use ownc_regions::{FormalKind as RegionsFormalKind, KindId};
use std::sync::Arc;

/// What kind of top-level declaration a use expects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    Class,
    RegionKind,
    Message,
    Contract,
}

impl Expect {
    fn noun(self) -> &'static str {
        match self {
            Expect::Class => "class",
            Expect::RegionKind => "region kind",
            Expect::Message => "message",
            Expect::Contract => "contract",
        }
    }

    fn article_noun(self) -> &'static str {
        match self {
            Expect::Class => "a class",
            Expect::RegionKind => "a region kind",
            Expect::Message => "a message",
            Expect::Contract => "a contract",
        }
    }

    fn admits(self, kind: &ItemKind) -> bool {
        matches!(
            (self, kind),
            (Expect::Class, ItemKind::Class { .. })
                | (Expect::RegionKind, ItemKind::RegionKind)
                | (Expect::Message, ItemKind::Message)
                | (Expect::Contract, ItemKind::Contract)
        )
    }
}

/// A class a name resolved to.
#[derive(Clone, Debug)]
pub struct ClassRefInfo {
    pub decl: DeclKey,
    pub arity: usize,
    pub is_rref: bool,
}

/// Resolution state for one query: where it runs and what it reported.
pub struct Resolver<'db> {
    pub db: &'db dyn Db,
    pub program: Program,
    /// The class signatures this query has read.
    pub classes: Classes<'db>,
    /// The file being checked: labels pointing elsewhere name their file.
    pub file: SourceFile,
    pub index: &'db ItemIndex,
    pub diagnostics: Vec<Diagnostic>,
    /// Whether the types being resolved are those of an rref class's
    /// fields, where an array without owner of anything but primitives is
    /// E0603 (`rref_fields.rs`), not E0207.
    pub rref_fields: bool,
}

impl<'db> Resolver<'db> {
    pub fn new(db: &'db dyn Db, program: Program, file: SourceFile) -> Resolver<'db> {
        Resolver {
            db,
            program,
            classes: Classes::new(db, program),
            file,
            index: crate::items::item_index(db, program),
            diagnostics: Vec::new(),
            rref_fields: false,
        }
    }

    pub fn report(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// A label at `span` of `file`, naming the file when it is not the one
    /// being checked.
    pub fn label_in(&self, file: SourceFile, span: Span, message: &str) -> Label {
        let label = Label::new(span, message);
        if file == self.file {
            label
        } else {
            label.in_file(file.path(self.db).clone())
        }
    }

    /// The declaration `name` refers to, if it is of the expected kind;
    /// otherwise reports E0101 (unknown, or declared as something else),
    /// unless its declaration is one the parser could not read.
    pub fn lookup(&mut self, name: &Ident, expect: Expect) -> Option<&'db ItemEntry> {
        let index = self.index;
        match index.get(&name.name) {
            Some(entry) if expect.admits(&entry.kind) => Some(entry),
            Some(entry) => {
                let declared = self.label_in(entry.decl.file, entry.name_span, "declared here");
                self.report(errors::wrong_kind_of_name(
                    expect.article_noun(),
                    name,
                    entry.kind.describe(),
                    declared,
                ));
                None
            }
            None if index.is_lost(&name.name) => None,
            None => {
                let candidates = index
                    .iter()
                    .filter(|(_, e)| expect.admits(&e.kind))
                    .map(|(n, _)| n.as_str());
                let suggestion = closest(&name.name, candidates);
                self.report(errors::unknown_name(expect.noun(), name, suggestion));
                None
            }
        }
    }

    /// The class `name` refers to (E0101 otherwise).
    pub fn lookup_class(&mut self, name: &Ident) -> Option<ClassRefInfo> {
        let entry = self.lookup(name, Expect::Class)?;
        match entry.kind {
            ItemKind::Class { arity, is_rref } => Some(ClassRefInfo {
                decl: entry.decl,
                arity,
                is_rref,
            }),
            _ => None,
        }
    }

    /// Resolves a written type. Every error is reported once, and an
    /// erroneous part becomes [`Ty::Unknown`] so nothing downstream reports
    /// on it again.
    pub fn resolve_type(&mut self, scope: &OwnerScope, ty: &Type) -> Ty {
        self.resolve_type_as(scope, ty, false)
    }

    /// The type of a `new T[](n)` as written: like [`Resolver::resolve_type`],
    /// except that the outermost array may omit an owner it needs, which
    /// §9 infers from the expected type (the caller's business).
    pub fn resolve_allocated(&mut self, scope: &OwnerScope, ty: &Type) -> Ty {
        self.resolve_type_as(scope, ty, true)
    }

    fn resolve_type_as(&mut self, scope: &OwnerScope, ty: &Type, infer_owner: bool) -> Ty {
        match &ty.kind {
            TypeKind::Int => Ty::Int,
            TypeKind::Float => Ty::Float,
            TypeKind::Bool => Ty::Bool,
            TypeKind::Void => Ty::Void,
            TypeKind::Class { name, owners } => {
                self.class_type(scope, name, owners.as_deref(), ty.span)
            }
            TypeKind::Array { elem, owner } => {
                let elem = self.resolve_type(scope, elem);
                let owner = owner.as_ref().map(|o| self.resolve_owner(scope, o));
                // §4 gives an owner to every array but `prim[]`, the
                // primitive arrays inside an rref value (§10): `Data<o>[]`
                // is an array whose owner was omitted, and nothing infers
                // it where a type is written (§9 infers those of `new`).
                if owner.is_none() && needs_owner(&elem) && !infer_owner && !self.rref_fields {
                    self.report(type_errors::array_without_owner(ty.span));
                    return Ty::Unknown;
                }
                Ty::Array {
                    elem: Box::new(elem),
                    owner,
                }
            }
            TypeKind::Handle(owner) => Ty::Handle(self.resolve_owner(scope, owner)),
            TypeKind::Chan(chan) => match self.lookup(&chan.contract, Expect::Contract) {
                Some(entry) => {
                    if let Some(state) = &chan.state {
                        self.check_state(entry, &chan.contract.name, state);
                    }
                    Ty::Chan {
                        contract: chan.contract.name,
                        dual: chan.dual,
                        state: chan.state.as_ref().map(|s| s.name),
                    }
                }
                None => Ty::Unknown,
            },
            TypeKind::Error => Ty::Unknown,
        }
    }

    /// `chan<C@q>`: q must be a state of contract C (E0101, as every
    /// unknown name, with a "did you mean" among C's states). Not checked
    /// when C has a syntax error: recovery may have dropped the state meant.
    /// The type keeps the written name, which then names no known state, so
    /// the flow checker treats the endpoint's state as unknown (no cascade).
    fn check_state(&mut self, contract: &'db ItemEntry, contract_name: &str, state: &Ident) {
        let item = crate::ids::ItemId::of(self.db, self.program, contract.decl);
        // No table for a contract with a syntax error.
        let Some(protocol) = crate::linear::protocol::protocol(self.db, item) else {
            return;
        };
        if protocol.state(&state.name).is_some() {
            return;
        }
        let names = protocol.states.iter().map(|s| s.name.as_str());
        let suggestion = closest(&state.name, names);
        self.report(errors::unknown_state(contract_name, state, suggestion));
    }

    /// `name<owners>` (in a type or a `new`): the class must exist (E0101)
    /// and take that many owners (E0103); every owner written must be in
    /// scope (E0102), whatever the class. Omitted owners are always fine
    /// here: defaults and inference (§9) belong to the ownership checker.
    pub fn class_type(
        &mut self,
        scope: &OwnerScope,
        name: &Ident,
        owners: Option<&[Owner]>,
        span: Span,
    ) -> Ty {
        let class = self.lookup_class(name);
        // Collected straight into the type's shared slice.
        let resolved: Option<Arc<[OwnerRef]>> =
            owners.map(|os| os.iter().map(|o| self.resolve_owner(scope, o)).collect());
        let Some(class) = class else {
            return Ty::Unknown;
        };
        if let Some(written) = owners {
            if class.is_rref {
                self.report(errors::rref_with_owners(span, &name.name));
                return Ty::Unknown;
            }
            if written.len() != class.arity {
                self.report(errors::wrong_owner_count(
                    span,
                    &name.name,
                    class.arity,
                    written.len(),
                ));
                return Ty::Unknown;
            }
        }
        Ty::Class(ClassTy {
            decl: class.decl,
            name: name.name,
            owners: if class.is_rref { None } else { resolved },
        })
    }

    /// Resolves one owner (E0102 when it is not in scope).
    pub fn resolve_owner(&mut self, scope: &OwnerScope, owner: &Owner) -> OwnerRef {
        let found = match &owner.kind {
            OwnerKind::Heap => return OwnerRef::Heap,
            OwnerKind::Immortal => return OwnerRef::Immortal,
            OwnerKind::This => scope.this(),
            OwnerKind::Name(name) => scope.name(name),
        };
        match found {
            Ok(resolved) => resolved,
            Err(OwnerMiss::This) => {
                let place = match scope.context() {
                    crate::scope::OwnerContext::Message => "a message",
                    _ => "`main`",
                };
                self.report(errors::this_owner_not_in_scope(owner.span, place));
                OwnerRef::Error
            }
            Err(OwnerMiss::Name) => {
                let name = match &owner.kind {
                    OwnerKind::Name(n) => n.as_str(),
                    _ => "",
                };
                let suggestion = closest(name, scope.declared());
                self.report(errors::owner_not_in_scope(
                    owner.span,
                    name,
                    &scope.names(),
                    suggestion,
                ));
                OwnerRef::Error
            }
        }
    }

    pub fn resolve_owners(&mut self, scope: &OwnerScope, owners: &[Owner]) -> Vec<OwnerRef> {
        owners
            .iter()
            .map(|o| self.resolve_owner(scope, o))
            .collect()
    }

    /// `a outlives b` / `a owns b`: both sides must be in scope.
    pub fn check_constraint(&mut self, scope: &OwnerScope, constraint: &Constraint) -> WhereSig {
        WhereSig {
            upper: self.resolve_owner(scope, &constraint.left),
            relation: constraint.relation,
            lower: self.resolve_owner(scope, &constraint.right),
            span: constraint.span,
        }
    }

    /// A formal list: no name twice (E0106), and a formal's kind, when it
    /// names a region kind, must name one (E0101). Returns the formals with
    /// their kinds resolved; a kind that did not resolve becomes `Unknown`,
    /// which admits every owner and is of unknown kind inside the class
    /// (no E0501, E0502 or E0403 about it), so the mistake is reported once.
    pub fn check_formals(&mut self, formals: &[Formal]) -> Vec<FormalSig> {
        let mut resolved = Vec::with_capacity(formals.len());
        for (i, formal) in formals.iter().enumerate() {
            let earlier = formals
                .iter()
                .take(i)
                .find(|f| f.name.name == formal.name.name);
            if let Some(first) = earlier {
                self.report(errors::duplicate(
                    "owner formal",
                    &formal.name.name,
                    formal.name.span,
                    first.name.span,
                    None,
                ));
            }
            let kind = match &formal.kind {
                FormalKind::Owner => RegionsFormalKind::Owner,
                FormalKind::Region => RegionsFormalKind::Region,
                FormalKind::Shared => RegionsFormalKind::Shared,
                FormalKind::Kind(kind) => self
                    .region_kind_id(kind)
                    .map_or(RegionsFormalKind::Unknown, RegionsFormalKind::Kind),
            };
            resolved.push(FormalSig {
                name: formal.name.clone(),
                kind,
            });
        }
        resolved
    }

    /// The name of the region kind `kind`.
    pub fn kind_name(&self, kind: KindId) -> String {
        self.index
            .at(kind.0 as usize)
            .map_or_else(|| "?".to_string(), |(name, _)| name.to_string())
    }

    /// The id of the region kind `name` names (E0101 otherwise): its
    /// position among the program's declarations, the same in every query.
    pub fn region_kind_id(&mut self, name: &Ident) -> Option<KindId> {
        self.lookup(name, Expect::RegionKind)?;
        let position = self.index.position(&name.name)?;
        Some(KindId(u32::try_from(position).unwrap_or(u32::MAX)))
    }
}

/// Whether an array of `elem` must have an owner: only primitive arrays
/// (`int[]`, `float[]`, `bool[]`) may go without one (§4 `prim[]`). An
/// erroneous element was reported already, and an array of endpoints is
/// the channel rules' (E0707).
pub(crate) fn needs_owner(elem: &Ty) -> bool {
    !matches!(
        elem,
        Ty::Int | Ty::Float | Ty::Bool | Ty::Unknown | Ty::Chan { .. } | Ty::Void
    )
}
