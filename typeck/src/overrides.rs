//! The overriding rules of LANGUAGE.md §3 at the signature level: a method
//! that overrides a superclass method (same name, found through `extends`,
//! transitively) keeps the overridden signature after substitution
//! (E0209), and may only narrow its `accesses` clause (E0401).
//!
//! The `where` clauses are part of the signature (E0209 when they differ):
//! §3 lets an override change its `accesses` clause only. They are
//! compared by meaning, not by spelling: each clause of the override must
//! follow from the overridden method's (after substitution) and the
//! class's facts, or a call through the superclass's type, which checks
//! only the overridden clauses, would run the override's body without the
//! facts it was checked with (Rust's E0276, "impl has stricter
//! requirements than trait"); and each overridden clause must follow from
//! the override's, as Java requires the same bounds of an override's type
//! parameters.
//!
//! Substitution: the superclass's formals are replaced by the owners
//! written in `extends C<…>` (composed along the chain), and the overridden
//! method's owner formals by the overriding method's, by position. The
//! nearest overridden method is the one compared: an intermediate override
//! was itself checked against the one above it.
//!
//! One mistake, one error: a chain that reaches an erroneous, looping or
//! syntactically broken class, a superclass whose owners are wrong (E0103,
//! E0102, E0208), or a type that is erroneous (`Ty::Unknown`, an owner not
//! in scope) or written with omitted owners is not checked; at most one
//! E0209 per overriding method, and E0401 only when the owner formals line
//! up (otherwise the clauses cannot be compared).

use crate::db::{Db, Program};
use crate::ids::{DeclKey, ItemId};
use crate::items::ItemKind;
use crate::linear::protocol::{item_named, protocol};
use crate::members::{signature_of, Classes};
use crate::override_errors::{self, Mismatch, Overridden};
use crate::resolve_type::Resolver;
use crate::signature::{AccessSig, ClassSignature, MemberSig, MethodSig, Superclass, WhereSig};
use crate::syntax::item_outline;
use crate::ty::{OwnerRef, Ty};
use crate::wf::{ClassContext, WfEnv};
use ownc_lang::ast::{ClassDecl, FormalKind, Item, Member, Name, Relation};
use ownc_lang::Diagnostic;
use ownc_regions::{Accesses, Effect, FormalKind as RegionsFormalKind, Owner};

/// An ancestor of the class being checked, with its formals expressed in
/// the class's own owners.
struct Ancestor<'db> {
    decl: DeclKey,
    signature: &'db ClassSignature,
    /// `subst[i]`: what the ancestor's `i`-th formal is in the class.
    subst: Vec<OwnerRef>,
}

/// E0209 and E0401 for every method of `class` that overrides one of a
/// superclass. `env` is the class's environment (no method entered).
pub fn override_diagnostics(
    resolver: &Resolver<'_>,
    env: &mut WfEnv,
    class: &ClassDecl,
    item: ItemId<'_>,
    signature: &ClassSignature,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    judge_overrides(
        resolver,
        env,
        class,
        item,
        signature,
        |env, check, verdict| {
            match verdict {
                Some(Verdict::Mismatch(mismatch)) => {
                    let formals_agree = mismatch.formals_agree();
                    out.push(check.report_signature(mismatch));
                    if !formals_agree {
                        // The owner formals differ: the clauses cannot be
                        // compared.
                        return;
                    }
                }
                Some(Verdict::Unsure) => return,
                None => {}
            }
            env.enter_method(check.overriding);
            out.extend(check.accesses(env));
            env.leave_method();
        },
    );
    out
}

/// Every method of `class` that overrides one of a superclass, with the
/// check against the method it is compared with and the verdict on its
/// signature (`Some(Verdict::Mismatch)`: E0209), handed to `judged`: the
/// one reading of the overriding rules that E0209 reports and calls
/// (`signature_breakers`) follow.
fn judge_overrides<'r>(
    resolver: &Resolver<'r>,
    env: &mut WfEnv,
    class: &ClassDecl,
    item: ItemId<'_>,
    signature: &ClassSignature,
    mut judged: impl FnMut(&mut WfEnv, OverrideCheck<'_, 'r, '_>, Option<Verdict>),
) {
    if !signature.complete {
        return;
    }
    let ancestors = ancestors(
        resolver.db,
        resolver.program,
        item.decl(resolver.db),
        signature,
    );
    if ancestors.is_empty() {
        return;
    }
    for (member, sig) in class.members.iter().zip(&signature.members) {
        let (Member::Method(decl), MemberSig::Method(method)) = (member, sig) else {
            continue;
        };
        // A second method of the same name is E0106 already.
        if !signature
            .method(method.name.name)
            .is_some_and(|first| std::ptr::eq(first, method))
        {
            continue;
        }
        let Some((ancestor, overridden)) = nearest(&ancestors, method.name.name) else {
            continue;
        };
        let mut check = OverrideCheck {
            resolver,
            class: signature,
            ancestor,
            overridden,
            overriding: method,
        };
        if !check.formals_known(&decl.formals) {
            continue;
        }
        // A parameter list that did not parse (E0001 there), here or in
        // the overridden method: whether the signature is kept is
        // unknown. The `accesses` clause is still checked.
        let broken = signature.broken_method(method.name.name)
            || check.ancestor.signature.broken_method(method.name.name);
        let mut verdict = if broken {
            None
        } else {
            check
                .signature_mismatch()
                .or_else(|| check.where_mismatch(env).map(Verdict::Mismatch))
        };
        if matches!(verdict, Some(Verdict::Mismatch(_))) {
            // The nearest method may be the one that broke the chain: an
            // override keeping the signature of a method farther up, which
            // the nearest one does not keep, is that one's E0209 alone.
            if let Some(kept) = farther_kept(&ancestors, &check, env) {
                check = kept;
                verdict = None;
            }
        }
        judged(env, check, verdict);
    }
}

/// The superclasses of the class, nearest first, each with its formals
/// substituted, as far as they are sure. The list ends with `None` as its
/// last `decl` when the chain became unsure (an erroneous or broken class,
/// a loop, wrong owners in an `extends`): a method not found before it
/// might be overriding one beyond it.
fn ancestors<'db>(
    db: &'db dyn Db,
    program: Program,
    class: DeclKey,
    signature: &'db ClassSignature,
) -> Vec<Option<Ancestor<'db>>> {
    let mut out = Vec::new();
    let mut visited = vec![class];
    let mut current = signature;
    let mut subst: Vec<OwnerRef> = (0u32..)
        .take(signature.formals.len())
        .map(OwnerRef::ClassFormal)
        .collect();
    loop {
        let next = match &current.superclass {
            Some(Superclass::None) => return out,
            Some(Superclass::Class(next)) => *next,
            Some(Superclass::Erroneous) | None => break,
        };
        if visited.contains(&next) {
            break;
        }
        visited.push(next);
        let next_sig = signature_of(db, program, next);
        let owners = &current.superclass_owners;
        let sure = !next_sig.is_rref
            && next_sig.complete
            && owners.len() == next_sig.formals.len()
            && owners.first() == Some(&OwnerRef::ClassFormal(0))
            && !owners.contains(&OwnerRef::Error);
        if !sure {
            break;
        }
        subst = owners.iter().map(|o| substitute(o, &subst, None)).collect();
        if subst.contains(&OwnerRef::Error) {
            break;
        }
        out.push(Some(Ancestor {
            decl: next,
            signature: next_sig,
            subst: subst.clone(),
        }));
        current = next_sig;
    }
    out.push(None);
    out
}

/// The `accesses` clause of the method `name` of class `class` overrides
/// (the nearest one, sure as for E0401), in `class`'s terms, with
/// `methods` owner formals: `None` when it overrides none that can be
/// seen or that one has no clause. A call whose effects the caller does
/// not cover is charged this clause instead (`effects.rs`): an override
/// may only narrow it (E0401 at a widening override, once).
pub(crate) fn overridden_accesses(
    db: &dyn Db,
    program: Program,
    class: DeclKey,
    name: Name,
    methods: usize,
) -> Option<Vec<AccessSig>> {
    let signature = signature_of(db, program, class);
    if !signature.complete {
        return None;
    }
    let ancestors = ancestors(db, program, class, signature);
    let (ancestor, overridden) = nearest(&ancestors, name)?;
    if overridden.formals.len() != methods {
        return None;
    }
    overridden
        .accesses
        .as_ref()?
        .iter()
        .map(|access| {
            let owner = substitute(&access.owner, &ancestor.subst, Some(methods));
            (owner != OwnerRef::Error).then_some(AccessSig {
                owner,
                span: access.span,
            })
        })
        .collect()
}

/// Whether `method`, declared by `class`, is an override that does not
/// keep the signature of the method it overrides (E0209 at it). A call of
/// it through `class` or a subclass then has no sure signature (which of
/// the two the caller meant is unknown), so its arguments and result are
/// not checked: `int a = s.area();` beside `float area()` overriding `int
/// area()` is the override's one E0209, not also an E0110 at the call.
pub(crate) fn breaks_overridden_signature(
    classes: &Classes<'_>,
    class: DeclKey,
    method: &MethodSig,
) -> bool {
    // Most classes extend none: their signature is at hand already.
    if !matches!(
        classes.signature(class).superclass,
        Some(Superclass::Class(_))
    ) {
        return false;
    }
    let (db, program) = (classes.db, classes.program);
    signature_breakers(db, ItemId::of(db, program, class)).contains(&method.name.name)
}

/// The methods of a class that are E0209 (see
/// [`breaks_overridden_signature`]), by name: the verdicts of
/// [`judge_overrides`], as [`override_diagnostics`] reports them.
///
/// ## Why is this a salsa query?
/// Every call of a method asks it of the method's class: computed once
/// per class (the chain of ancestors is built once, not at every call),
/// and unchanged by edits to method bodies.
#[salsa::tracked(returns(ref))]
fn signature_breakers<'db>(db: &'db dyn Db, item: ItemId<'db>) -> Box<[Name]> {
    let context = item_outline(db, item).and_then(|o| ClassContext::of(db, item, o));
    let Some(ClassContext {
        class,
        signature,
        resolver,
        mut env,
    }) = context
    else {
        return Box::default();
    };
    let mut out = Vec::new();
    judge_overrides(
        &resolver,
        &mut env,
        class,
        item,
        signature,
        |_, check, verdict| {
            if matches!(verdict, Some(Verdict::Mismatch(_))) {
                out.push(check.overriding.name.name);
            }
        },
    );
    out.into_boxed_slice()
}

/// The first way the signature of `mine` differs from that of `theirs`,
/// which it overrides, after substitution (`subst`: the ancestor's class
/// formals in the overriding class's terms): owner formals (count and
/// kinds), parameter count, parameter types, result type. `compared`
/// gives a type as compared, or `None` to count it as kept.
fn compare_signatures(
    mine: &MethodSig,
    theirs: &MethodSig,
    subst: &[OwnerRef],
    compared: impl Fn(&Ty) -> Option<Ty>,
) -> Option<Verdict> {
    if mine.formal_sigs.len() != theirs.formal_sigs.len() {
        return Some(Verdict::Mismatch(Mismatch::Formals {
            found: mine.formal_sigs.len(),
            expected: theirs.formal_sigs.len(),
        }));
    }
    for (index, (a, b)) in mine.formal_sigs.iter().zip(&theirs.formal_sigs).enumerate() {
        if a.kind != b.kind {
            return Some(Verdict::Mismatch(Mismatch::FormalKind { index }));
        }
    }
    if mine.params.len() != theirs.params.len() {
        return Some(Verdict::Mismatch(Mismatch::Params {
            found: mine.params.len(),
            expected: theirs.params.len(),
        }));
    }
    let methods = Some(mine.formals.len());
    let same = |a: &Ty, b: &Ty| match (compared(a), compared(&substitute_ty(b, subst, methods))) {
        (Some(a), Some(b)) => same_ty(&a, &b),
        _ => Some(true),
    };
    let mut unsure = false;
    for (index, (a, b)) in mine.params.iter().zip(&theirs.params).enumerate() {
        match same(&a.ty, &b.ty) {
            Some(false) => return Some(Verdict::Mismatch(Mismatch::Param { index })),
            None => unsure = true,
            Some(true) => {}
        }
    }
    match same(&mine.ret, &theirs.ret) {
        Some(false) => Some(Verdict::Mismatch(Mismatch::Return)),
        None => Some(Verdict::Unsure),
        Some(true) if unsure => Some(Verdict::Unsure),
        Some(true) => None,
    }
}

/// A method farther up the chain than `check`'s overridden one, of the
/// same name, whose signature and `where` clauses the overriding method
/// keeps, as a check against it. Then the nearest overridden method does
/// not keep that signature itself (E0209 at it): which of the two the
/// override meant is unknown, so it is not reported a second time.
fn farther_kept<'a, 'r, 'db>(
    ancestors: &'a [Option<Ancestor<'db>>],
    check: &OverrideCheck<'a, 'r, 'db>,
    env: &mut WfEnv,
) -> Option<OverrideCheck<'a, 'r, 'db>> {
    let name = &check.overriding.name.name;
    let start = ancestors
        .iter()
        .position(|a| a.as_ref().is_some_and(|a| std::ptr::eq(a, check.ancestor)))?;
    for ancestor in &ancestors[start + 1..] {
        let ancestor = ancestor.as_ref()?;
        let Some(overridden) = ancestor.signature.method(*name) else {
            continue;
        };
        let farther = OverrideCheck {
            resolver: check.resolver,
            class: check.class,
            ancestor,
            overridden,
            overriding: check.overriding,
        };
        if farther.signature_mismatch().is_none() && farther.where_mismatch(env).is_none() {
            return Some(farther);
        }
    }
    None
}

/// The nearest ancestor declaring a method `name`, and that method; `None`
/// also when the chain became unsure before one was found (the method may
/// override one that cannot be seen).
fn nearest<'a, 'db>(
    ancestors: &'a [Option<Ancestor<'db>>],
    name: Name,
) -> Option<(&'a Ancestor<'db>, &'db MethodSig)> {
    for ancestor in ancestors {
        let ancestor = ancestor.as_ref()?;
        if let Some(method) = ancestor.signature.method(name) {
            return Some((ancestor, method));
        }
    }
    None
}

/// An owner of an ancestor's declaration in the class's terms: class
/// formals through `subst`, method formals kept by position (`methods`
/// says how many the overriding method has; `None`: kept as they are).
fn substitute(owner: &OwnerRef, subst: &[OwnerRef], methods: Option<usize>) -> OwnerRef {
    match owner {
        OwnerRef::ClassFormal(i) => subst.get(*i as usize).cloned().unwrap_or(OwnerRef::Error),
        OwnerRef::MethodFormal(i) => match methods {
            Some(count) if *i as usize >= count => OwnerRef::Error,
            _ => OwnerRef::MethodFormal(*i),
        },
        OwnerRef::This | OwnerRef::Heap | OwnerRef::Immortal => owner.clone(),
        OwnerRef::Region(_) | OwnerRef::Error => OwnerRef::Error,
    }
}

/// A type of an ancestor's declaration in the class's terms.
fn substitute_ty(ty: &Ty, subst: &[OwnerRef], methods: Option<usize>) -> Ty {
    ty.map_owners(&|o| substitute(o, subst, methods))
}

/// Whether two types are the same: `None` when that cannot be known (an
/// erroneous type or owner, or omitted owners).
fn same_ty(a: &Ty, b: &Ty) -> Option<bool> {
    match (a, b) {
        (Ty::Unknown, _) | (_, Ty::Unknown) => None,
        (Ty::Class(a), Ty::Class(b)) => {
            if a.decl != b.decl {
                return Some(false);
            }
            match (&a.owners, &b.owners) {
                (Some(x), Some(y)) if x.len() == y.len() => same_owners(x, y),
                (None, None) => Some(true),
                // A wrong count (E0103) or omitted owners: not sure.
                _ => None,
            }
        }
        (
            Ty::Array {
                elem: ea,
                owner: oa,
            },
            Ty::Array {
                elem: eb,
                owner: ob,
            },
        ) => {
            let owners = match (oa, ob) {
                (Some(x), Some(y)) => same_owners(std::slice::from_ref(x), std::slice::from_ref(y)),
                (None, None) => Some(true),
                _ => Some(false),
            };
            match (same_ty(ea, eb), owners) {
                (Some(false), _) | (_, Some(false)) => Some(false),
                (Some(true), Some(true)) => Some(true),
                _ => None,
            }
        }
        (Ty::Handle(x), Ty::Handle(y)) => {
            same_owners(std::slice::from_ref(x), std::slice::from_ref(y))
        }
        _ => Some(a == b),
    }
}

fn same_owners(a: &[OwnerRef], b: &[OwnerRef]) -> Option<bool> {
    let mut sure = true;
    for (x, y) in a.iter().zip(b) {
        if *x == OwnerRef::Error || *y == OwnerRef::Error {
            sure = false;
        } else if x != y {
            return Some(false);
        }
    }
    sure.then_some(true)
}

enum Verdict {
    Mismatch(Mismatch),
    Unsure,
}

struct OverrideCheck<'a, 'r, 'db> {
    resolver: &'a Resolver<'r>,
    class: &'a ClassSignature,
    ancestor: &'a Ancestor<'db>,
    overridden: &'db MethodSig,
    overriding: &'a MethodSig,
}

impl OverrideCheck<'_, '_, '_> {
    /// Whether both methods' formal kinds are what was written: a region
    /// kind that did not resolve (E0101) reads as `Unknown`, and comparing it
    /// would report the same mistake again.
    fn formals_known(&self, overriding: &[ownc_lang::ast::Formal]) -> bool {
        let known = |formals: &[ownc_lang::ast::Formal], sig: &MethodSig| {
            formals.iter().zip(&sig.formal_sigs).all(|(f, s)| {
                !matches!(f.kind, FormalKind::Kind(_))
                    || matches!(s.kind, RegionsFormalKind::Kind(_))
            })
        };
        if !known(overriding, self.overriding) {
            return false;
        }
        let db = self.resolver.db;
        let item = ItemId::of(db, self.resolver.program, self.ancestor.decl);
        let Some(outline) = item_outline(db, item) else {
            return false;
        };
        let Item::Class(decl) = &outline.item else {
            return false;
        };
        let position =
            self.ancestor.signature.members.iter().position(
                |m| matches!(m, MemberSig::Method(m) if std::ptr::eq(m, self.overridden)),
            );
        match position.and_then(|p| decl.members.get(p)) {
            Some(Member::Method(method)) => known(&method.formals, self.overridden),
            _ => false,
        }
    }

    /// `ty` with the state of an endpoint type written out: `chan<C>`
    /// means C's initial state (§11), so it is the same type as
    /// `chan<C@initial>`. A contract that is unknown or has a syntax error
    /// leaves the type as written.
    fn state_written(&self, ty: &Ty) -> Ty {
        let Ty::Chan {
            contract,
            dual,
            state: None,
        } = ty
        else {
            return ty.clone();
        };
        let (db, program) = (self.resolver.db, self.resolver.program);
        let initial = item_named(db, program, contract, |k| *k == ItemKind::Contract)
            .and_then(|item| protocol(db, item).as_ref())
            .and_then(|p| Some(p.states.get(p.initial? as usize)?.name));
        match initial {
            Some(state) => Ty::Chan {
                contract: *contract,
                dual: *dual,
                state: Some(state),
            },
            None => ty.clone(),
        }
    }

    fn methods(&self) -> Option<usize> {
        Some(self.overriding.formals.len())
    }

    /// The first way the overriding signature differs from the overridden
    /// one after substitution.
    fn signature_mismatch(&self) -> Option<Verdict> {
        compare_signatures(
            self.overriding,
            self.overridden,
            &self.ancestor.subst,
            |ty| Some(self.state_written(ty)),
        )
    }

    /// The first `where` clause of one method that does not follow from
    /// the other's (see the module doc), once the rest of the signature
    /// is the same. `None` also when a clause of the overridden method
    /// names an owner that has no counterpart (an error already reported).
    /// `env` is the class's, with no method entered.
    fn where_mismatch(&self, env: &mut WfEnv) -> Option<Mismatch> {
        let (mine, theirs) = (self.overriding, self.overridden);
        if mine.where_clauses.is_empty() && theirs.where_clauses.is_empty() {
            return None;
        }
        let subst = &self.ancestor.subst;
        let methods = self.methods();
        let mut substituted = Vec::with_capacity(theirs.where_clauses.len());
        for clause in &theirs.where_clauses {
            let upper = substitute(&clause.upper, subst, methods);
            let lower = substitute(&clause.lower, subst, methods);
            if upper == OwnerRef::Error || lower == OwnerRef::Error {
                return None;
            }
            substituted.push(WhereSig {
                upper,
                lower,
                ..clause.clone()
            });
        }
        // The override's formals with the overridden method's clauses.
        let theirs_here = MethodSig {
            where_clauses: substituted.into(),
            ..mine.clone()
        };
        env.enter_method(&theirs_here);
        let added = mine
            .where_clauses
            .iter()
            .position(|clause| !holds(env, clause));
        env.leave_method();
        if let Some(index) = added {
            let clause = self.clause_words(mine.where_clauses.get(index)?);
            return Some(Mismatch::WhereAdded { index, clause });
        }
        env.enter_method(mine);
        let dropped = theirs_here
            .where_clauses
            .iter()
            .find(|clause| !holds(env, clause))
            .map(|clause| self.clause_words(clause));
        env.leave_method();
        dropped.map(|clause| Mismatch::WhereDropped { clause })
    }

    /// A `where` clause as the class names its owners: `p outlives o`.
    fn clause_words(&self, clause: &WhereSig) -> String {
        let relation = match clause.relation {
            Relation::Outlives => "outlives",
            Relation::Owns => "owns",
        };
        format!(
            "{} {relation} {}",
            self.owner_name(&clause.upper),
            self.owner_name(&clause.lower)
        )
    }

    fn overridden(&self) -> Overridden {
        let name = self.overridden.name.name.to_string();
        let class = self.ancestor.signature.name.to_string();
        let file = self.ancestor.decl.file;
        let label = self.resolver.label_in(
            file,
            self.overridden.name.span,
            &format!("`{class}.{name}` is declared here"),
        );
        Overridden { class, label }
    }

    /// How the class names an owner (the overriding method's formals by
    /// position when the counts agree, else the overridden method's).
    fn owner_name(&self, owner: &OwnerRef) -> String {
        let method_formals = if self.overriding.formals.len() == self.overridden.formals.len() {
            &self.overriding.formals
        } else {
            &self.overridden.formals
        };
        match owner {
            OwnerRef::ClassFormal(i) => self
                .class
                .formals
                .get(*i as usize)
                .map_or_else(|| "_".into(), |n| n.to_string()),
            OwnerRef::MethodFormal(i) => method_formals
                .get(*i as usize)
                .map_or_else(|| "_".into(), |n| n.to_string()),
            OwnerRef::This => "this".into(),
            OwnerRef::Heap => "heap".into(),
            OwnerRef::Immortal => "immortal".into(),
            OwnerRef::Region(name) => name.to_string(),
            OwnerRef::Error => "_".into(),
        }
    }

    fn ty_words(&self, ty: &Ty) -> String {
        ty.display(&|o| self.owner_name(o))
    }

    fn report_signature(&self, mismatch: Mismatch) -> Diagnostic {
        let (mine, theirs) = (self.overriding, self.overridden);
        let subst = &self.ancestor.subst;
        // In the expected signature the overridden method's formals keep
        // their positions: named as the override names them when it has as
        // many, else as declared.
        let methods = (mine.formals.len() == theirs.formals.len()).then_some(mine.formals.len());
        let formals: Vec<String> = if methods.is_some() {
            mine.formals.iter().map(|f| f.to_string()).collect()
        } else {
            theirs.formals.iter().map(|f| f.to_string()).collect()
        };
        let params: Vec<String> = theirs
            .params
            .iter()
            .map(|p| {
                let ty = substitute_ty(&p.ty, subst, None);
                format!("{} {}", self.ty_words(&ty), p.name.name)
            })
            .collect();
        let ret = self.ty_words(&substitute_ty(&theirs.ret, subst, None));
        let formals = if formals.is_empty() {
            String::new()
        } else {
            format!("<{}>", formals.join(", "))
        };
        let clauses: Vec<String> = theirs
            .where_clauses
            .iter()
            .map(|clause| {
                self.clause_words(&WhereSig {
                    upper: substitute(&clause.upper, subst, methods),
                    lower: substitute(&clause.lower, subst, methods),
                    ..clause.clone()
                })
            })
            .collect();
        let clauses = if clauses.is_empty() {
            String::new()
        } else {
            format!(" where {}", clauses.join(", "))
        };
        let expected = format!(
            "{ret} {}{formals}({}){clauses}",
            theirs.name.name,
            params.join(", ")
        );
        let label = match &mismatch {
            Mismatch::Formals { found, expected } => format!(
                "has {} owner formal{}, but the overridden method has {}",
                found,
                plural(*found),
                expected
            ),
            Mismatch::FormalKind { index } => {
                let name = mine.formals.get(*index).map_or("", |n| n.as_str());
                format!("owner formal `{name}` is of another kind than the overridden method's")
            }
            Mismatch::Params { found, expected } => format!(
                "takes {} parameter{}, but the overridden method takes {}",
                found,
                plural(*found),
                expected
            ),
            Mismatch::Param { index } => {
                let found = mine
                    .params
                    .get(*index)
                    .map_or_else(String::new, |p| self.ty_words(&p.ty));
                let wanted = theirs.params.get(*index).map_or_else(String::new, |p| {
                    self.ty_words(&substitute_ty(&p.ty, subst, methods))
                });
                let name = mine.params.get(*index).map_or("", |p| p.name.name.as_str());
                format!("parameter `{name}` has type `{found}`, but the overridden method's has `{wanted}`")
            }
            Mismatch::Return => format!(
                "returns `{}`, but the overridden method returns `{}`",
                self.ty_words(&mine.ret),
                ret
            ),
            Mismatch::WhereAdded { clause, .. } => {
                format!("requires `where {clause}`, which the overridden method does not")
            }
            Mismatch::WhereDropped { clause } => {
                format!("does not require `where {clause}`, which the overridden method does")
            }
        };
        let clause_span = match &mismatch {
            Mismatch::WhereAdded { index, .. } => mine.where_clauses.get(*index).map(|c| c.span),
            _ => None,
        };
        let d = override_errors::signature_not_kept(
            mine.name.span,
            &mine.name.name,
            self.overridden(),
            label,
            &expected,
        );
        match &mismatch {
            Mismatch::WhereAdded { .. } | Mismatch::WhereDropped { .. } => {
                override_errors::where_not_kept(d, clause_span)
            }
            _ => d,
        }
    }

    /// E0401: each owner of the overriding clause must be covered by the
    /// overridden clause after substitution; no clause is ⊤ on either side.
    /// `env` has the overriding method entered.
    fn accesses(&self, env: &WfEnv) -> Option<Diagnostic> {
        let theirs = self.overridden.accesses.as_ref()?;
        let subst = &self.ancestor.subst;
        let methods = self.methods();
        let mut listed: Vec<Owner> = Vec::with_capacity(theirs.len());
        let mut words: Vec<String> = Vec::with_capacity(theirs.len());
        for access in theirs {
            let owner = substitute(&access.owner, subst, methods);
            // An owner that is an error makes the clause unsure.
            listed.push(env.owner(&owner)?);
            words.push(self.owner_name(&owner));
        }
        let clause = format!("accesses {}", words.join(", "));
        let Some(mine) = &self.overriding.accesses else {
            return Some(override_errors::clause_dropped(
                self.overriding.name.span,
                &self.overriding.name.name,
                self.overridden(),
                &clause,
            ));
        };
        for access in mine {
            let Some(owner) = env.owner(&access.owner) else {
                continue;
            };
            if !env
                .solver()
                .covers(Accesses::Only(&listed), Effect::On(owner))
            {
                return Some(override_errors::clause_widened(
                    self.overriding.name.span,
                    &self.overriding.name.name,
                    access.span,
                    &env.name_of(owner),
                    self.overridden(),
                    &clause,
                ));
            }
        }
        None
    }
}

/// Whether `clause` holds in `env`.
fn holds(env: &WfEnv, clause: &WhereSig) -> bool {
    let (Some(upper), Some(lower)) = (env.owner(&clause.upper), env.owner(&clause.lower)) else {
        // An owner not in scope was reported where it is written.
        return true;
    };
    match clause.relation {
        Relation::Outlives => env.solver().outlives(upper, lower),
        Relation::Owns => env.solver().owns(upper, lower),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
