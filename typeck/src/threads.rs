//! Heap-free methods and threads (LANGUAGE.md §8, E0402 and E0403).
//!
//! A method whose `accesses` clause does not cover `heap` (a property of its
//! declaration, asked of the solver in the method's own environment) is
//! *heap-free*: no type written in it may mention `heap` (E0402, once per
//! offending declaration or expression, at its first `heap` token). Its
//! return and parameter types are checked with the class's signatures
//! (`wf/class.rs`), everything else by the body walker: local declarations,
//! `new C<…>`, `new T[]<o>(n)` and explicit owner arguments of calls.
//!
//! `rtfork e.m(args);` needs a heap-free `m` and no `heap` in the types of
//! its receiver and arguments: one E0402 per `rtfork`, for the first rule
//! it breaks, at what breaks it (the method's name, the receiver or
//! argument, the owner argument `heap`), as E0403 is at the value, so a
//! call over several lines is reported on the offending line. The
//! receiver's type is also seen as the class that declares `m` (`F<m>` as
//! `Base<m, heap>` when `class F<o> extends Base<o, heap>`): `m`'s body
//! reaches `heap` through those owners. `fork` and `rtfork` both need
//! every owner in those types to be `heap`, `immortal` or a shared region
//! (E0403, at the offending receiver or argument).
//!
//! Decisions where LANGUAGE.md is silent (zero false positives first):
//! - **Heap-free is decided only when sure.** A clause with an owner that
//!   did not resolve (E0102) makes the method neither heap-free nor not:
//!   nothing is reported in it, and `rtfork` of it is silent.
//! - **An overriding method's signature** is not checked for `heap`: it
//!   must keep the overridden signature after substitution (E0209), which
//!   may put `heap` there; its body still is. Nor is a method whose
//!   superclass chain is unsure.
//! - **Written types** are looked at here; an expression whose type
//!   mentions `heap` without `heap` being written (a field read, a call's
//!   result) is E0402 at that expression (`resolve_expr.rs`), and a call
//!   whose effect is `heap` only through the callee's clause is E0401
//!   (`effects.rs`). A type that did not resolve is not reported again.
//! - **`rtfork`'s E0402 needs a sure callee**: a receiver of a known class
//!   and the method found (not hidden by an erroneous superclass). Its
//!   explicit owner arguments are not part of the rule (§8 names the
//!   receiver and the arguments); in a heap-free method they are E0402 by
//!   the first rule anyway.
//! - An argument already reported as not fitting its parameter (E0110) is
//!   not also E0403: the one mistake is passing the wrong value. Likewise
//!   an owner argument reported of the wrong kind for its formal (E0206
//!   at the call: `fork p.pump(loc, 5)` with `pump<Bus q>` and `loc` a
//!   local region) is not also E0403 wherever the values mention it; a
//!   `Shared` or region-kind formal admits only owners a thread may
//!   share, so the kind error says all there is. Other owners still are.
//! - **E0403 is one per `fork` or `rtfork`**, at the first receiver or
//!   argument with an owner a thread may not share (named: its first such
//!   owner), whether or not the callee resolved; the other such values
//!   are secondary labels of that one diagnostic. Handing a thread what
//!   dies before it is one mistake (typically: the values live in a local
//!   region), however many values show it, as `rtfork`'s E0402 is one. An owner that is unknown (an error already reported, a
//!   subregion given up on) or of unknown kind is let through; omitted
//!   (inferred) owners, rref values, endpoints and primitives have none.
//!   A `Region` formal is not known to be shared, so it is E0403 like an
//!   `Owner` formal.
//! - **E0402 and E0403 on one `rtfork`**: when E0402 is for the value of a
//!   receiver or argument that mentions `heap`, that same value is not also
//!   reported E0403 (one wrong value, one error); any other value, and every
//!   value when E0402 is about the method, is a separate mistake and is.
//! - **E0402 and E0401 on one `rtfork`**: a method that is not heap-free,
//!   run by `rtfork` in a method whose clause does not cover its effects
//!   (⊤ without a clause, `heap` with one covering it), is E0402 alone: the
//!   uncovered effect is the same missing heap-free clause (§8: "one E0402
//!   per `rtfork`, whichever rule it breaks").

use crate::members::{chain, find_method_through, Lookup};
use crate::resolve_stmt::BodyResolver;
use crate::signature::{ClassSignature, MethodSig};
use crate::thread_errors::{self, NotHeapFree, Unshareable};
use crate::ty::{ClassTy, OwnerRef, Ty};
use crate::wf::WfEnv;
use ownc_lang::ast::{
    Expr, ExprKind, Ident, MethodDecl, Owner as WrittenOwner, OwnerKind as WrittenKind, Type,
    TypeKind,
};
use ownc_lang::{Diagnostic, Span};
use ownc_regions::{Accesses, Effect, Owner, OwnerKind};

/// Whether `method`, in `env` (its class's environment with the method
/// entered), is heap-free: `Some(false)` without a clause or when the
/// clause covers `heap`, `None` when a listed owner is not known for sure.
pub(crate) fn is_heap_free(env: &WfEnv, method: &MethodSig) -> Option<bool> {
    let Some(clause) = &method.accesses else {
        return Some(false);
    };
    let listed = env.clause_owners(clause)?;
    Some(lists_no_heap(env, &listed))
}

/// Whether a clause listing the solver's owners `listed` leaves `heap`
/// out: [`is_heap_free`] of a method whose clause's owners are all known.
pub(crate) fn lists_no_heap(env: &WfEnv, listed: &[Owner]) -> bool {
    !env.solver()
        .covers(Accesses::Only(listed), Effect::On(Owner::Heap))
}

/// Why a called method is not heap-free, when it is known for sure.
fn not_heap_free(class: &ClassSignature, method: &MethodSig) -> Option<NotHeapFree> {
    let mut env = WfEnv::for_class(class, Span::default());
    env.enter_method(method);
    match (is_heap_free(&env, method)?, &method.accesses) {
        (true, _) => None,
        (false, None) => Some(NotHeapFree::NoClause),
        (false, Some(_)) => Some(NotHeapFree::CoversHeap),
    }
}

/// The first `heap` written in a type, in source order.
pub(crate) fn heap_token(written: &Type) -> Option<Span> {
    match &written.kind {
        TypeKind::Class {
            owners: Some(owners),
            ..
        } => heap_owner(owners),
        TypeKind::Array { elem, owner } => {
            heap_token(elem).or_else(|| heap_owner(owner.as_slice()))
        }
        TypeKind::Handle(owner) => heap_owner(std::slice::from_ref(owner)),
        _ => None,
    }
}

fn heap_owner(owners: &[WrittenOwner]) -> Option<Span> {
    owners
        .iter()
        .find(|o| matches!(o.kind, WrittenKind::Heap))
        .map(|o| o.span)
}

/// Whether a resolved type has `heap` among its owners.
pub(crate) fn mentions_heap(ty: &Ty) -> bool {
    any_owner(ty, &mut |o| *o == OwnerRef::Heap)
}

/// Whether one of [`owners_of`]`(ty)` satisfies `f`, without collecting
/// them (asked of the type of every expression in a heap-free method).
pub(crate) fn any_owner(ty: &Ty, f: &mut impl FnMut(&OwnerRef) -> bool) -> bool {
    match ty {
        Ty::Class(ClassTy {
            owners: Some(owners),
            ..
        }) => owners.iter().any(f),
        Ty::Array { elem, owner } => owner.iter().any(&mut *f) || any_owner(elem, f),
        Ty::Handle(owner) => f(owner),
        _ => false,
    }
}

/// The owners a value of `ty` is reached through, outermost first: none
/// for primitives, rref values, endpoints and omitted (inferred) owners.
pub(crate) fn owners_of(ty: &Ty) -> Vec<&OwnerRef> {
    match ty {
        Ty::Class(ClassTy {
            owners: Some(owners),
            ..
        }) => owners.iter().collect(),
        Ty::Array { elem, owner } => {
            let mut out: Vec<&OwnerRef> = owner.iter().collect();
            out.extend(owners_of(elem));
            out
        }
        Ty::Handle(owner) => vec![owner],
        _ => Vec::new(),
    }
}

impl BodyResolver<'_> {
    /// E0402 for a type written in a heap-free method that mentions `heap`;
    /// true when it was reported.
    pub(crate) fn check_heap_free_type(&mut self, written: &Type, ty: &Ty) -> bool {
        if self.heap_free.is_none() || matches!(ty, Ty::Unknown) {
            return false;
        }
        match heap_token(written) {
            Some(at) => {
                self.report_heap_in_method(at);
                true
            }
            None => false,
        }
    }

    /// E0402 for explicit owner arguments of a call, in a heap-free method,
    /// that name `heap` (once per call).
    pub(crate) fn check_heap_free_owners(&mut self, owners: &[WrittenOwner]) {
        if self.heap_free.is_none() {
            return;
        }
        if let Some(at) = heap_owner(owners) {
            self.report_heap_in_method(at);
        }
    }

    /// E0402 for an expression whose type mentions `heap`, in a heap-free
    /// method.
    pub(crate) fn report_heap_value(&mut self, at: Span, ty: &Ty) {
        if let Some(method) = &self.heap_free {
            let shown = self.show(ty);
            let d = thread_errors::heap_value_in_heap_free(at, &method.name, &shown);
            self.resolver.report(d);
        }
    }

    fn report_heap_in_method(&mut self, at: Span) {
        if let Some(method) = &self.heap_free {
            let d = thread_errors::heap_in_heap_free(at, &method.name);
            self.resolver.report(d);
        }
    }

    /// `fork call;` or `rtfork call;`: resolves the call as any other, then
    /// checks what the thread is handed (E0403) and, for `rtfork`, that it
    /// stays off the heap (E0402).
    pub(crate) fn fork(&mut self, call: &Expr, realtime: bool) {
        let ExprKind::Call(parts) = &call.kind else {
            self.expr(call);
            return;
        };
        let before = self.resolver.diagnostics.len();
        let typed = self.typed_call(parts, None);
        let args = typed.args;
        // An argument already reported as not fitting its parameter (E0110)
        // is not also reported as not shareable: one mistake, one error.
        let mistyped = |span: Span, diagnostics: &[Diagnostic]| {
            diagnostics
                .get(before..)
                .unwrap_or_default()
                .iter()
                .any(|d| {
                    d.code == crate::type_errors::MISMATCH
                        && span.start <= d.primary.span.start
                        && d.primary.span.end <= span.end
                })
        };
        // The values handed over, each with where it is written; for
        // `m(args)`, implicit `this` when `m` is surely a method of the
        // enclosing class (not a built-in, not unsure).
        let receiver = match (&parts.receiver, typed.receiver) {
            (Some(expr), Some(ty)) => (expr.span, ty),
            (None, Some(ty)) => (parts.method.span, ty),
            _ => (parts.method.span, Ty::Unknown),
        };
        // A written receiver of unknown type: its type may have been ill
        // formed (E0206 for an owner of the wrong kind, below).
        let receiver_broken = parts.receiver.is_some() && matches!(receiver.1, Ty::Unknown);
        let receiver = (receiver.0, receiver.1, true);
        let mut values = vec![receiver];
        values.extend(
            parts
                .args
                .iter()
                .zip(args)
                .map(|(expr, ty)| (expr.span, ty, false)),
        );
        let mut heap_value = None;
        if realtime {
            let before = self.resolver.diagnostics.len();
            heap_value = self.check_rtfork(call.span, &parts.method, &values);
            if self.resolver.diagnostics.len() == before && typed.owners.contains(&OwnerRef::Heap) {
                // `heap` as an owner argument, written or inferred: the
                // heap-free method would allocate or reach into the heap.
                let at =
                    heap_owner(parts.owners.as_deref().unwrap_or(&[])).unwrap_or(parts.method.span);
                self.resolver
                    .report(thread_errors::rtfork_heap_owner(call.span, at));
            }
        }
        // One E0403 per thread, at the first value it may not share; the
        // others are labelled in it (handing a thread values of a local
        // region or an object is one mistake, however many there are).
        let mut unshareable: Option<Diagnostic> = None;
        for (index, (span, ty, is_receiver)) in values.iter().enumerate() {
            if heap_value == Some(index)
                || (!is_receiver && mistyped(*span, &self.resolver.diagnostics))
            {
                continue;
            }
            let Some((owner, why)) =
                self.unshareable_owner(ty, typed.wrong_kind.as_ref(), receiver_broken)
            else {
                continue;
            };
            unshareable = Some(match unshareable {
                None => thread_errors::not_shareable(*span, &owner, why, *is_receiver),
                Some(first) => first.with_secondary(thread_errors::also_unshareable(*span, &owner)),
            });
        }
        if let Some(d) = unshareable {
            self.resolver.report(d);
        }
    }

    /// One E0402 for an `rtfork` whose callee is surely known: the method
    /// is not heap-free, or a value handed to it mentions `heap`. Returns
    /// the position of that value, in the latter case.
    fn check_rtfork(
        &mut self,
        at: Span,
        called: &Ident,
        values: &[(Span, Ty, bool)],
    ) -> Option<usize> {
        let method = called.name;
        let receiver = values.first()?.1.as_class()?;
        let class = receiver.decl;
        let Lookup::Found((sig, view)) =
            find_method_through(&self.resolver.classes, receiver, method)
        else {
            return None;
        };
        let declaring = chain(&self.resolver.classes, class)
            .into_iter()
            .find(|c| c.method(method).is_some_and(|m| std::ptr::eq(m, sig)))?;
        if let Some(why) = not_heap_free(declaring, sig) {
            // The call's effects (⊤, or `heap`, for a method that is not
            // heap-free) were checked against the caller's clause as the
            // call was typed: an E0401 there is this mistake again, the
            // method run by `rtfork` lacking a heap-free clause. §8: one
            // E0402 per `rtfork`, whichever rule it breaks.
            self.resolver.diagnostics.retain(|d| {
                d.code != crate::type_errors::EFFECT_NOT_COVERED || d.primary.span != called.span
            });
            let d = thread_errors::rtfork_not_heap_free(called.span, &sig.name.name, why);
            self.resolver.report(d);
            return None;
        }
        // The receiver as the method sees it: with `class F<o> extends
        // Base<o, heap>`, an `F<m>` is a `Base<m, heap>`, and `Base`'s
        // heap-free `run` reads and writes heap references through `F`'s
        // `extends` even though `F<m>` does not mention `heap` (§8 promises
        // that a method run by `rtfork` never does).
        let inherited = view.decl != class && mentions_heap(&Ty::Class(view.clone()));
        let index = values
            .iter()
            .enumerate()
            .position(|(i, (_, ty, _))| mentions_heap(ty) || (i == 0 && inherited))?;
        let (span, ty, is_receiver) = &values[index];
        let d = if mentions_heap(ty) {
            thread_errors::rtfork_heap_value(at, *span, *is_receiver)
        } else {
            let seen = self.show(&Ty::Class(view));
            thread_errors::rtfork_heap_receiver_view(at, *span, &method, &seen)
        };
        self.resolver.report(d);
        Some(index)
    }

    /// The first owner of `ty` that is not surely `heap`, `immortal` or a
    /// shared region (E0403 for a value of `ty` handed to a thread), named
    /// as the program names it, with why it may not be shared. `excused`,
    /// an owner argument already reported of the wrong kind for its
    /// formal (E0206 at the call), is not looked at: passing the wrong
    /// owner is the one mistake (a `Shared` or region-kind formal admits
    /// only owners a thread may share).
    fn unshareable_owner(
        &self,
        ty: &Ty,
        excused: Option<&OwnerRef>,
        receiver_broken: bool,
    ) -> Option<(String, Unshareable)> {
        for owner in owners_of(ty) {
            if Some(owner) == excused {
                continue;
            }
            let Some(owner) = self.wf.owner(owner) else {
                continue;
            };
            let solver = self.wf.solver();
            if solver.is_shareable(owner) {
                continue;
            }
            if receiver_broken && self.wrong_kinds.contains(&owner) {
                continue;
            }
            let why = match (owner, solver.kind_of(owner)) {
                (Owner::This, _) | (_, Some(OwnerKind::Object)) => Unshareable::Object,
                (_, Some(OwnerKind::Any)) => Unshareable::ObjectOrRegion,
                (Owner::Region(_), _) => Unshareable::LocalRegion,
                _ => Unshareable::Region,
            };
            return Some((self.wf.name_of(owner), why));
        }
        None
    }
}

/// E0402 for the return and parameter types of a heap-free method, in its
/// environment `env` (the class's, with the method entered).
pub(crate) fn heap_free_signature(
    env: &WfEnv,
    method: &MethodDecl,
    sig: &MethodSig,
) -> Vec<Diagnostic> {
    if is_heap_free(env, sig) != Some(true) {
        return Vec::new();
    }
    let written = std::iter::once((&method.ret, &sig.ret)).chain(
        method
            .params
            .iter()
            .zip(&sig.params)
            .map(|(param, sig)| (&param.ty, &sig.ty)),
    );
    written
        .filter(|(_, ty)| !matches!(ty, Ty::Unknown))
        .filter_map(|(written, _)| heap_token(written))
        .map(|at| thread_errors::heap_in_heap_free(at, &sig.name.name))
        .collect()
}
