//! Effects of a method body (LANGUAGE.md §8, E0401): reading or writing a
//! field of an object, or an array element, has the effect of the object's
//! (the array's) first owner; `new C<o, …>` has effect `o`; a call has the
//! callee's declared effects, substituted, or ⊤ when the callee has no
//! clause; a portal access has the effect of the portal's region. Effects
//! on regions opened or entered inside the method drop out; rref values,
//! endpoints and their operations have none.
//!
//! Each effect must be covered by the method's `accesses` clause (the
//! solver decides: listed, or owned by a listed owner). A body without a
//! clause (and constructors and `main`) may do anything.
//!
//! A callee's `accesses this` reached through another receiver `e` is an
//! effect on the object `e`, covered exactly when `e`'s first owner is.
//!
//! Decision (one error per mistake): within one statement, an owner whose
//! effect is not covered is reported once, at its first access.
//!
//! In a heap-free method an effect on `heap` is left to E0402 when the
//! `heap` was written in the method: an access to an object whose type
//! mentions it, or a callee's clause naming a method formal (bound to an
//! owner argument) or a class formal of a receiver whose type mentions it,
//! or a call whose result's type mentions it (the call is E0402).
//! A callee whose own clause names `heap`, or a class formal that
//! `extends` binds to `heap`, is E0401: nothing in the caller mentions
//! `heap`, and the call would reach the heap.

use crate::ids::DeclKey;
use crate::resolve_stmt::BodyResolver;
use crate::signature::{AccessSig, MethodSig};
use crate::subst::Subst;
use crate::threads::mentions_heap;
use crate::ty::{ClassTy, OwnerRef};
use crate::type_errors;
use ownc_lang::Span;
use ownc_regions::{Accesses, Effect, Owner};

/// The `accesses` clause of the method being checked.
pub(crate) struct Clause<'db> {
    /// The method: its name and its clause as written, for messages.
    pub sig: &'db MethodSig,
    pub listed: Vec<Owner>,
    /// Owners (or `None` for ⊤) already reported in the current statement.
    pub reported: Vec<Option<Owner>>,
    /// Where the current statement starts.
    pub statement: u32,
}

impl BodyResolver<'_> {
    /// Starts a statement: its effects are reported afresh.
    pub(crate) fn begin_effects(&mut self, statement: Span) {
        if let Some(clause) = &mut self.clause {
            if clause.statement != statement.start {
                clause.statement = statement.start;
                clause.reported.clear();
            }
        }
    }

    /// An access to an object of type `class` (none for rref values).
    pub(crate) fn object_effect(&mut self, class: &ClassTy, span: Span) {
        if let Some(first) = class.owners.as_ref().and_then(|o| o.first()) {
            self.effect(first, span);
        }
    }

    /// An effect on `owner` at `span`.
    pub(crate) fn effect(&mut self, owner: &OwnerRef, span: Span) {
        if self.clause.is_none() {
            return;
        }
        let Some(solver_owner) = self.wf.owner(owner) else {
            return;
        };
        let key = Some(solver_owner);
        if self.effect_covered(Effect::On(solver_owner), key, true) {
            return;
        }
        let name = self.owners.describe(owner);
        let what = format!("this accesses an object owned by `{name}`");
        self.report_effect(key, span, &what);
    }

    /// The effects of calling `sig`, found in class `declaring`, with the
    /// owners of `subst`; `receiver_heap`: the receiver's type mentions
    /// `heap`.
    ///
    /// Decision (one error per mistake): when the callee's clause is not
    /// covered but the clause of the method it overrides is, the call is
    /// not reported: an override that widens its clause is E0401 at the
    /// override (§3), and a caller written against the overridden clause
    /// is not also wrong. Looked up only when an effect is uncovered.
    pub(crate) fn call_effects(
        &mut self,
        span: Span,
        sig: &MethodSig,
        declaring: DeclKey,
        subst: &Subst,
        receiver_heap: bool,
    ) {
        if self.clause.is_none() {
            return;
        }
        let accesses = sig.accesses.as_deref();
        if !self.clause_effects(span, sig, accesses, subst, receiver_heap, false) {
            return;
        }
        let inherited = crate::overrides::overridden_accesses(
            self.resolver.db,
            self.resolver.program,
            declaring,
            sig.name.name,
            sig.formals.len(),
        );
        if let Some(inherited) = inherited {
            if !self.clause_effects(span, sig, Some(&inherited), subst, receiver_heap, false) {
                return;
            }
        }
        self.clause_effects(span, sig, accesses, subst, receiver_heap, true);
    }

    /// Whether calling `sig` with the clause `accesses` has an effect the
    /// method's clause does not cover; reported when `report`.
    fn clause_effects(
        &mut self,
        span: Span,
        sig: &MethodSig,
        accesses: Option<&[AccessSig]>,
        subst: &Subst,
        receiver_heap: bool,
        report: bool,
    ) -> bool {
        let mut uncovered = false;
        match accesses {
            None => {
                if self.effect_covered(Effect::Anything, None, false) {
                    return false;
                }
                if report {
                    let what = format!(
                        "`{}` has no `accesses` clause, so this call may access anything",
                        sig.name.name
                    );
                    self.report_effect(None, span, &what);
                }
                uncovered = true;
            }
            Some(listed) => {
                // A result whose type mentions `heap` is E0402 at the call.
                let ret_heap = mentions_heap(&subst.apply(&sig.ret));
                for access in listed {
                    let owner = match (&access.owner, &subst.this) {
                        // `accesses this` through another receiver is an
                        // effect on that object, which exactly the owners
                        // covering its first owner cover (it owns nothing
                        // the caller can list).
                        (OwnerRef::This, OwnerRef::Error) => subst.owner(&OwnerRef::ClassFormal(0)),
                        _ => subst.owner(&access.owner),
                    };
                    let Some(solver_owner) = self.wf.owner(&owner) else {
                        continue;
                    };
                    let key = Some(solver_owner);
                    let heap_written = ret_heap
                        || match access.owner {
                            OwnerRef::MethodFormal(_) => true,
                            // `this` through another receiver is its first owner.
                            OwnerRef::ClassFormal(_) | OwnerRef::This => receiver_heap,
                            _ => false,
                        };
                    if self.effect_covered(Effect::On(solver_owner), key, heap_written) {
                        continue;
                    }
                    uncovered = true;
                    if !report {
                        return true;
                    }
                    let what = format!(
                        "`{}` accesses objects owned by `{}`",
                        sig.name.name,
                        self.owners.describe(&owner)
                    );
                    self.report_effect(key, span, &what);
                }
            }
        }
        uncovered
    }

    /// Whether `effect` needs no report: covered by the clause, on `heap`
    /// in a heap-free method where `heap_written` (the `heap` it comes
    /// from was written in the method, which is E0402 already), or
    /// already reported in this statement. Messages are only built for
    /// effects that are reported: most effects are covered.
    fn effect_covered(&self, effect: Effect, key: Option<Owner>, heap_written: bool) -> bool {
        let Some(clause) = &self.clause else {
            return true;
        };
        if heap_written && self.heap_free.is_some() && key == Some(Owner::Heap) {
            return true;
        }
        clause.reported.contains(&key)
            || self
                .wf
                .solver()
                .covers(Accesses::Only(&clause.listed), effect)
    }

    /// E0401 for an effect [`Self::effect_covered`] found uncovered.
    fn report_effect(&mut self, key: Option<Owner>, span: Span, what: &str) {
        let Some(clause) = &mut self.clause else {
            return;
        };
        clause.reported.push(key);
        let sig = clause.sig;
        // The clause as written (`o, h`).
        let text = sig
            .accesses
            .iter()
            .flatten()
            .map(|a| self.owners.describe(&a.owner))
            .collect::<Vec<_>>()
            .join(", ");
        let d = type_errors::effect_not_covered(span, what, &sig.name.name, &text);
        self.resolver.report(d);
    }
}
