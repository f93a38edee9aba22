//! The owners in scope for the well-formedness checks: the solver's
//! [`OwnerEnv`] (LANGUAGE.md §4 rules 1–5), plus what it deliberately does
//! not know, the names the program gave its owners, so that an
//! [`OwnerRef`] can be mapped to a solver owner and an owner back to words.

use crate::signature::{AccessSig, ClassSignature, FormalSig, MethodSig, WhereSig};
use crate::ty::OwnerRef;
use ownc_lang::ast::{Ident, Name, Relation};
use ownc_lang::Span;
use ownc_regions::{KindId, Owner, OwnerEnv, RegionKind};

/// One body's, signature's or declaration's owners and facts.
#[derive(Clone, Debug)]
pub struct WfEnv {
    solver: OwnerEnv<Span>,
    class_formals: Vec<Ident>,
    method_formals: Vec<Ident>,
    /// Enclosing region blocks, innermost last. `None`: a subregion whose
    /// handle's type is unknown (already reported); types naming it are
    /// not checked, since nothing sure is known about it.
    regions: Vec<(Name, Option<Owner>)>,
}

impl WfEnv {
    /// `main` and message payloads: `heap` and `immortal` only.
    pub fn empty() -> WfEnv {
        WfEnv::with_solver(OwnerEnv::new())
    }

    /// `solver`'s owners, none of them named yet. (Not `..WfEnv::empty()`:
    /// that would build and drop a second solver, whose allocations are a
    /// cost of every body.)
    fn with_solver(solver: OwnerEnv<Span>) -> WfEnv {
        WfEnv {
            solver,
            class_formals: Vec::new(),
            method_formals: Vec::new(),
            regions: Vec::new(),
        }
    }

    /// A region kind's declarations: `this` is the region, of that kind.
    pub fn for_region_kind(kind: KindId, this_origin: Span) -> WfEnv {
        WfEnv::with_solver(OwnerEnv::for_region_kind(kind, this_origin))
    }

    /// A class (rule 2: `fi ⪰ f1`, `f1 owns this`) with its `where`
    /// clauses as facts (rule 3).
    pub fn for_class(class: &ClassSignature, this_origin: Span) -> WfEnv {
        let formals = class.formal_sigs.iter().map(|f| (f.kind, f.name.span));
        let mut env = WfEnv::with_solver(OwnerEnv::for_class(this_origin, formals));
        env.class_formals = formal_names(&class.formal_sigs);
        env.add_clauses(&class.where_clauses);
        env
    }

    /// Makes this environment what [`WfEnv::for_class`] would build,
    /// reusing its allocations (see `scratch.rs`).
    pub fn reset_for_class(&mut self, class: &ClassSignature, this_origin: Span) {
        let formals = class.formal_sigs.iter().map(|f| (f.kind, f.name.span));
        self.solver.reset_for_class(this_origin, formals);
        self.class_formals.clear();
        self.class_formals
            .extend(class.formal_sigs.iter().map(|f| f.name.clone()));
        self.method_formals.clear();
        self.regions.clear();
        self.add_clauses(&class.where_clauses);
    }

    /// Enters a method: its owner formals (no implicit facts) and its
    /// `where` clauses as facts. Undone by [`leave_method`](Self::leave_method).
    pub fn enter_method(&mut self, method: &MethodSig) {
        self.solver.push_scope();
        for formal in &method.formal_sigs {
            self.solver
                .declare_method_formal(formal.kind, formal.name.span);
        }
        self.method_formals = formal_names(&method.formal_sigs);
        self.add_clauses(&method.where_clauses);
    }

    pub fn leave_method(&mut self) {
        self.solver.pop_scope();
        self.method_formals.clear();
    }

    /// Opens `region name [: kind] { … }` (rule 4). Undone by
    /// [`close_region`](Self::close_region).
    pub fn open_region(&mut self, name: &Ident, kind: RegionKind) {
        self.solver.push_scope();
        let owner = self.solver.open_region(kind, name.span);
        self.regions.push((name.name, Some(owner)));
    }

    /// Enters `region name = h.sub { … }` with `h : Handle<parent>` (rule
    /// 5: only `parent ⪰ name`). With no known parent, the region is given
    /// up on: its kind is unknown (admitted everywhere) and types that name
    /// it are not checked. Undone by [`close_region`](Self::close_region).
    pub fn enter_subregion(
        &mut self,
        name: &Ident,
        parent: Option<&OwnerRef>,
        kind: Option<KindId>,
    ) {
        self.solver.push_scope();
        let owner = parent
            .and_then(|parent| self.owner(parent))
            .and_then(|parent| {
                self.solver
                    .enter_subregion(Some(parent), kind, name.span)
                    .ok()
            });
        self.regions.push((name.name, owner));
    }

    pub fn close_region(&mut self) {
        self.solver.pop_scope();
        self.regions.pop();
    }

    /// The solver, to ask questions of.
    pub fn solver(&self) -> &OwnerEnv<Span> {
        &self.solver
    }

    /// The solver's owners of an `accesses` clause, or `None` when one of
    /// them is not known for sure (it was reported where it is written,
    /// and the clause then promises nothing sure).
    pub fn clause_owners(&self, clause: &[AccessSig]) -> Option<Vec<Owner>> {
        clause
            .iter()
            .map(|access| self.owner(&access.owner))
            .collect()
    }

    /// The solver's owner for a resolved owner, when it is sure: `None` for
    /// an owner that is already an error (E0102) or a given-up subregion.
    pub fn owner(&self, owner: &OwnerRef) -> Option<Owner> {
        let owner = match owner {
            OwnerRef::Heap => Owner::Heap,
            OwnerRef::Immortal => Owner::Immortal,
            OwnerRef::This => Owner::This,
            OwnerRef::ClassFormal(i) => Owner::ClassFormal(*i),
            OwnerRef::MethodFormal(i) => Owner::MethodFormal(*i),
            OwnerRef::Region(name) => self
                .regions
                .iter()
                .rev()
                .find(|(region, _)| region == name)
                .and_then(|(_, owner)| *owner)?,
            OwnerRef::Error => return None,
        };
        self.solver.contains(owner).then_some(owner)
    }

    /// How the program names `owner`.
    pub fn name_of(&self, owner: Owner) -> String {
        let formal = |formals: &[Ident], i: u32| {
            formals
                .get(i as usize)
                .map_or_else(|| "an owner".to_string(), |f| f.name.to_string())
        };
        match owner {
            Owner::Heap => "heap".into(),
            Owner::Immortal => "immortal".into(),
            Owner::This => "this".into(),
            Owner::ClassFormal(i) => formal(&self.class_formals, i),
            Owner::MethodFormal(i) => formal(&self.method_formals, i),
            Owner::Region(_) => self
                .regions
                .iter()
                .rev()
                .find(|(_, o)| *o == Some(owner))
                .map_or_else(|| "a region".to_string(), |(name, _)| name.to_string()),
        }
    }

    /// States the clauses whose owners are both known (an owner that is
    /// not in scope was reported, and its clause states nothing).
    fn add_clauses(&mut self, clauses: &[WhereSig]) {
        for clause in clauses {
            let (Some(upper), Some(lower)) = (self.owner(&clause.upper), self.owner(&clause.lower))
            else {
                continue;
            };
            // Both owners were just found in scope, so neither call fails.
            let _ = match clause.relation {
                Relation::Outlives => self.solver.add_outlives(upper, lower, clause.span),
                Relation::Owns => self.solver.add_owns(upper, lower, clause.span),
            };
        }
    }
}

fn formal_names(formals: &[FormalSig]) -> Vec<Ident> {
    formals.iter().map(|f| f.name.clone()).collect()
}
