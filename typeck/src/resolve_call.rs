//! Calls and allocation (LANGUAGE.md §5, §6, §9): `e.m<owners>(args)`,
//! `m(args)` (a method of the enclosing class, else a built-in), `new
//! C<owners>(args)` and `new T[]<o>(n)`.
//!
//! A call substitutes the callee's class formals by the receiver's owners
//! and its owner formals by the call's owner arguments, written or inferred
//! (§9) from the expected type and the arguments, in that order; what
//! nothing determines is E0207. Arguments must then fit the substituted
//! parameters (E0110), a signature that mentions `this` admits only `this`
//! as receiver (E0203), and the method's `where` clauses must hold (E0202).
//!
//! Decisions where LANGUAGE.md is silent:
//! - `sqrt` takes a float; `abs`, `min` and `max` take ints or floats, the
//!   same for both operands of `min`/`max` (E0109 otherwise), and return
//!   their operands' type. A wrong argument is reported at that argument
//!   (for `min`/`max`, as for an operator: the one that is not a number
//!   when the other is, else the second), so on its own line.
//! - A `new` of a class whose constructor mentions `this` in a parameter
//!   is E0203 at the class (§5: a member whose declared parameter types
//!   mention `this` is reached through `this` only, and the object a
//!   `new` makes is never the caller's `this`: no one outside it holds
//!   objects it owns). Its arguments are then not checked further, as for
//!   a method.

use crate::broken_order::from_broken;
use crate::errors;
use crate::facts::CallFact;
use crate::handles::resolved;
use crate::members::{find_method_through, Lookup};
use crate::resolve_expr::{is_this, member_names, string_repeats, MemberSort};
use crate::resolve_stmt::{own_type, BodyResolver};
use crate::signature::{MethodSig, ParamSig};
use crate::subst::{mentions_pending, mentions_this, pending_owner, Inference, Slots, Subst};
use crate::subtype::upcast;
use crate::suggest::closest;
use crate::threads::{any_owner, mentions_heap};
use crate::ty::{ClassTy, OwnerRef, Ty};
use crate::type_errors;
use crate::wf::WfChecker;
use crate::wf_errors;
use ownc_lang::ast::{
    CallExpr, Expr, ExprKind, Ident, Name, Owner, OwnerKind, Relation, Type, TypeKind,
};
use ownc_lang::{Label, Span};
use std::sync::Arc;

/// Built-in functions and their arity. `int` and `float` reach the checker
/// as calls only when written with the wrong number of arguments (with one,
/// the parser makes them conversions).
const BUILTINS: [(&str, usize); 6] = [
    ("sqrt", 1),
    ("abs", 1),
    ("min", 2),
    ("max", 2),
    ("int", 1),
    ("float", 1),
];

/// Whether `args` is the argument list as written: a list that did not
/// parse is one erroneous argument (already E0001), whose count says
/// nothing, so no E0108 is reported for it.
pub(crate) fn count_known(args: &[Expr]) -> bool {
    !args.iter().any(|a| matches!(a.kind, ExprKind::Error))
}

/// A call as typed: what `fork` hands to the new thread.
pub(crate) struct TypedCall {
    /// The receiver's type; for `m(args)`, the type of implicit `this`
    /// when `m` is a method of the enclosing class, else `None`.
    pub receiver: Option<Ty>,
    pub args: Vec<Ty>,
    pub ret: Ty,
    /// The method's owner arguments, written or inferred (unknown ones as
    /// errors); empty for built-ins and unknown methods.
    pub owners: Arc<[OwnerRef]>,
    /// The owner argument reported as of the wrong kind for its formal
    /// (E0206 at the call), if one was.
    pub wrong_kind: Option<OwnerRef>,
}

impl<'db> BodyResolver<'db> {
    pub(crate) fn call(&mut self, call: &CallExpr, expected: Option<&Ty>) -> Ty {
        self.typed_call(call, expected).ret
    }

    /// Types a call: its receiver, owner arguments, arguments and result.
    pub(crate) fn typed_call(&mut self, call: &CallExpr, expected: Option<&Ty>) -> TypedCall {
        let receiver = call.receiver.as_ref().map(|r| self.expr(r));
        if let Some(owners) = &call.owners {
            self.check_heap_free_owners(owners);
        }
        let through_this = call.receiver.as_ref().is_none_or(is_this);
        // Whether the callee may exist (a class with a syntax error may
        // have lost it); otherwise, when it is not found, its absence or
        // the receiver was reported.
        let mut unsure = false;
        let found = match &receiver {
            Some(Ty::Class(class)) => {
                match find_method_through(&self.resolver.classes, class, call.method.name) {
                    Lookup::Found(found) => Some(found),
                    Lookup::Unsure => {
                        unsure = true;
                        None
                    }
                    Lookup::Missing => {
                        let names =
                            member_names(&self.resolver.classes, class.decl, MemberSort::Method);
                        let suggestion = closest(&call.method.name, names);
                        let on = format!("class `{}`", class.name);
                        self.report_once(errors::unknown_method(&call.method, &on, suggestion));
                        None
                    }
                }
            }
            Some(Ty::Array { .. }) => {
                let d = errors::unknown_method(&call.method, "an array", None)
                    .with_note("arrays have no methods; `length` is a field");
                self.resolver.report(d);
                None
            }
            Some(Ty::Unknown) => None,
            Some(other) => {
                let on = format!("a value of type `{}`", self.show(other));
                let d = errors::unknown_method(&call.method, &on, None)
                    .with_note("only objects have methods");
                self.resolver.report(d);
                None
            }
            None => match self.own_method(call.method.name) {
                Own::Method(found) => Some(found),
                Own::Unsure => {
                    unsure = true;
                    None
                }
                Own::Missing => {
                    if let Some(owners) = &call.owners {
                        self.function_owners(&call.method, owners);
                    }
                    let is_builtin = BUILTINS.iter().any(|(n, _)| *n == call.method.name);
                    let args = self.untyped_args(call, !is_builtin);
                    let known = count_known(&call.args);
                    let ret = self.builtin(&call.method, &args, &call.args, known);
                    return TypedCall {
                        receiver: None,
                        args,
                        ret,
                        owners: Arc::from([]),
                        wrong_kind: None,
                    };
                }
            },
        };
        let Some((sig, declaring)) = found else {
            if let Some(owners) = &call.owners {
                self.resolver.resolve_owners(&self.owners, owners);
            }
            let args = self.untyped_args(call, !unsure);
            return TypedCall {
                receiver,
                args,
                ret: Ty::Unknown,
                owners: Arc::from([]),
                wrong_kind: None,
            };
        };
        // In a heap-free method a receiver whose type mentions `heap` was
        // reported where that type was written (E0402).
        let receiver_heap = receiver.as_ref().is_some_and(mentions_heap);
        let receiver = receiver.or_else(|| Some(self.this_type()));
        let (args, ret, owners, wrong_kind) =
            self.method_call(call, sig, &declaring, through_this, receiver_heap, expected);
        TypedCall {
            receiver,
            args,
            ret,
            owners,
            wrong_kind,
        }
    }

    /// Arguments of a callee that is unknown (E0105, a receiver in error,
    /// a method declared twice, a built-in). What each parameter expects is
    /// unknown, so an argument written without owners (`new Data()`,
    /// `u.fresh()`) is typed against an erroneous type: its owners would
    /// have come from the parameter, and the one mistake is the callee,
    /// not also an E0207 at the argument (§9).
    /// `reported`: the callee is reported missing (E0105) or its receiver
    /// in error, so a string literal among the arguments is that mistake
    /// again (`pritn("hi");`, `System.out.println("hi");`), not also
    /// E0110 "a string literal outside `print`".
    fn untyped_args(&mut self, call: &CallExpr, reported: bool) -> Vec<Ty> {
        self.quiet_strings(reported, |cx| {
            call.args
                .iter()
                .map(|a| cx.expr_with(a, Some(&Ty::Unknown)))
                .collect()
        })
    }

    /// `m` without receiver: a method of the enclosing class (wins over a
    /// built-in of the same name, as a member would in Java).
    fn own_method(&self, name: Name) -> Own<'db> {
        if self.class.is_none() {
            return Own::Missing;
        }
        let Ty::Class(this) = self.this_type() else {
            return Own::Unsure;
        };
        match find_method_through(&self.resolver.classes, &this, name) {
            Lookup::Found(found) => Own::Method(found),
            Lookup::Unsure => Own::Unsure,
            Lookup::Missing => Own::Missing,
        }
    }

    /// A call of a method found in class `declaring` (with its owners in
    /// the caller's terms): arguments, result, owner arguments, and the
    /// owner argument reported of the wrong kind (E0206), if any.
    fn method_call(
        &mut self,
        call: &CallExpr,
        sig: &MethodSig,
        declaring: &ClassTy,
        through_this: bool,
        receiver_heap: bool,
        expected: Option<&Ty>,
    ) -> (Vec<Ty>, Ty, Arc<[OwnerRef]>, Option<OwnerRef>) {
        let class_owners = declaring.owners.clone().unwrap_or_default();
        let this_owned = !through_this
            && (mentions_this(&sig.ret) || sig.params.iter().any(|p| mentions_this(&p.ty)));
        if this_owned {
            let offending = std::iter::once(&sig.ret)
                .chain(sig.params.iter().map(|p| &p.ty))
                .find(|ty| mentions_this(ty))
                .unwrap_or(&sig.ret);
            let declared = self.show(offending);
            self.resolver.report(type_errors::this_owned_method(
                call.method.span,
                &call.method.name,
                &declared,
            ));
        }
        let arity_ok = self.check_arity(sig, call);
        let mut subst = Subst::for_receiver(class_owners, through_this);
        let mut inference = None;
        let mut learnt_from_bad_expected = false;
        let mut from_bad_expected = Vec::new();
        let mut explicit_owners = false;
        match &call.owners {
            // Too many or too few owner arguments (E0103): which was meant
            // for which formal is unknown, so each formal's owner is, and
            // the arguments and result are not checked against guesses.
            // Each owner is still looked up (E0102 is another mistake).
            Some(owners) if owners.len() != sig.formals.len() => {
                let _ = self.resolver.resolve_owners(&self.owners, owners);
                subst.method = vec![OwnerRef::Error; sig.formals.len()].into();
            }
            Some(owners) => {
                subst.method = self.resolver.resolve_owners(&self.owners, owners).into();
                explicit_owners = !owners.is_empty();
            }
            None if !sig.formals.is_empty() => {
                let mut slots = Inference::new(Slots::Method, sig.formals.len());
                // A signature type that did not resolve (E0101, E0102 where
                // it is written: `Data<a>` misspelt) may be the one that
                // would have given a formal its owner: no E0207 at the call
                // for the callee's mistake.
                if !std::iter::once(&sig.ret)
                    .chain(sig.params.iter().map(|p| &p.ty))
                    .all(resolved)
                {
                    slots.excused.fill(true);
                }
                if let Some(expected) = expected {
                    learnt_from_bad_expected = self.ill_formed(call.method.span, expected);
                    // A result of a subclass of the expected class is seen
                    // as that class (§4 subtyping).
                    let ret = match (&sig.ret, expected) {
                        (Ty::Class(ret), Ty::Class(want)) => {
                            upcast(&self.resolver.classes, ret, want.decl)
                                .map_or_else(|| sig.ret.clone(), Ty::Class)
                        }
                        _ => sig.ret.clone(),
                    };
                    slots.unify_expected(&ret, expected);
                }
                // The owners an ill-formed expected type gave (its error is
                // reported where it is written) do not also fail the
                // method's `where` clauses: one mistake, one error.
                from_bad_expected = slots
                    .found
                    .iter()
                    .map(|found| learnt_from_bad_expected && found.is_some())
                    .collect();
                inference = Some(slots);
            }
            None => {}
        }
        let whole = call
            .args
            .last()
            .map_or(call.method.span, |last| call.method.span.to(last.span));
        let args = self.with_inference_root(whole, inference.is_some(), |cx| {
            cx.typed_args(&call.args, &sig.params, &subst, &mut inference)
        });
        // Owners inferred through a signature type whose order is broken
        // (E0201 where the signature writes it) are unknown, such a
        // parameter takes anything and such a result is erroneous: one
        // mistake, reported once, at the signature.
        let mut broken = None;
        if let Some(slots) = inference.as_mut() {
            let class = self.resolver.classes.signature(declaring.decl);
            broken = self.broken_signature(class, sig);
            let formals = broken.as_ref().map_or(&[][..], |b| &b.formals[..]);
            for (i, _) in formals.iter().enumerate().filter(|(_, b)| **b) {
                if let (Some(found), Some(excused)) =
                    (slots.found.get_mut(i), slots.excused.get_mut(i))
                {
                    *found = None;
                    *excused = true;
                }
            }
        }
        let broken_param = |i: usize| {
            broken
                .as_ref()
                .is_some_and(|b| b.params.get(i).copied().unwrap_or(false))
        };
        let broken_ret = broken.as_ref().is_some_and(|b| b.ret);
        let mut ret_owners = None;
        if let Some(slots) = &inference {
            if slots.undetermined() && !this_owned {
                let missing = missing_names(&sig.formals, slots);
                let what = format!("this call of `{}`", call.method.name);
                let d = type_errors::cannot_infer(call.method.span, &what, &missing);
                self.report_cannot_infer(whole, d);
            }
            subst.method = slots.param_owners();
            ret_owners = Some(slots.owners());
        }
        if this_owned {
            return (args, Ty::Unknown, subst.method, None);
        }
        let wrong_kind = self.check_owner_kinds(call, sig, declaring.decl, &subst.method);
        let params: Vec<Ty> = sig.params.iter().map(|p| subst.apply(&p.ty)).collect();
        let mut args_fit = true;
        if arity_ok {
            for (i, ((arg, ty), param)) in call.args.iter().zip(&args).zip(&params).enumerate() {
                // A parameter declared with an ill-formed type (reported in
                // the signature) takes anything: one mistake, one error.
                if broken_param(i) || self.erroneous_declared(param, arg.span) {
                    continue;
                }
                args_fit &= crate::subtype::assignable(&self.resolver.classes, ty, param);
                let what = &call.method.name;
                self.check_assignable(
                    arg.span,
                    ty,
                    param,
                    format_args!("this argument of `{what}`"),
                );
            }
        }
        // Owners inferred from a type whose order is broken (E0201 where it
        // was written) break the clauses for the same reason.
        let broken: Vec<&Ty> = match inference {
            Some(_) => args
                .iter()
                .chain(expected)
                .filter(|ty| self.order_broken(ty))
                .collect(),
            None => Vec::new(),
        };
        let clauses_hold =
            self.check_call_where(call.method.span, sig, &subst, &from_bad_expected, &broken);
        self.call_effects(call.method.span, sig, declaring.decl, &subst, receiver_heap);
        let ret = match ret_owners {
            Some(method) => Subst {
                method,
                ..subst.clone()
            }
            .apply(&sig.ret),
            None => subst.apply(&sig.ret),
        };
        self.facts.calls.push(CallFact {
            at: call.method.span.start,
            params,
            ret: ret.clone(),
        });
        // A call whose `where` clause failed (E0202 here) has an erroneous
        // result when owners are part of it, as a `new` of an ill-formed
        // type does: `Node e = mk.node(heap, a);` is one mistake, not also
        // one at every use of `e`. So has a result that breaks the owner
        // order (an error already reported, at the call or where the
        // callee's or an argument's type is written). An `int` result is
        // still checked.
        // Likewise a call whose written owner arguments an argument does
        // not fit (E0110 there): `Data<heap> a = m.id<immortal>(d);` with
        // `d : Data<heap>` is one mistake, the owner written, not also a
        // result of the wrong type.
        let wrong_owners = explicit_owners && !args_fit;
        if ((!clauses_hold || wrong_owners) && any_owner(&ret, &mut |_| true))
            || self.order_broken(&ret)
            || broken_ret
        {
            return (args, Ty::Unknown, subst.method, wrong_kind);
        }
        (args, ret, subst.method, wrong_kind)
    }

    /// `ty` seen as the class of `template` (its superclass view), so that
    /// owners can be read off position by position.
    /// The types of a call's or a `new`'s arguments: each typed against
    /// its parameter as far as `subst` and the owners inferred so far know
    /// it, then unified into `inference` (§9). An argument beyond the
    /// parameters is typed with no expectation.
    ///
    /// Arguments whose own owners are omitted (`new C(…)`, `m(…)`) and
    /// whose parameter still has owners being inferred are typed last, so
    /// that the other arguments can determine those owners first:
    /// `two(new Data(), d)` with `two<p>(Data<p>, Data<p>)` is as
    /// determined as `two(d, new Data())` (§9 asks whether the owners can
    /// be determined, not in which order; Java's inference agrees).
    fn typed_args(
        &mut self,
        args: &[Expr],
        params: &[ParamSig],
        subst: &Subst,
        inference: &mut Option<Inference>,
    ) -> Vec<Ty> {
        let mut types = vec![Ty::Unknown; args.len()];
        let mut deferred = Vec::new();
        for (i, arg) in args.iter().enumerate() {
            let param = params.get(i).map(|p| &p.ty);
            let expected = match param {
                Some(p) => known_param(p, subst, inference.as_ref()),
                // An argument beyond the parameters (E0108) faces no
                // parameter to take its owners from: not also E0207.
                None => Some(Ty::Unknown),
            };
            if expected.is_none() && param.is_some() && inference.is_some() && wants_owners(arg) {
                deferred.push(i);
                continue;
            }
            types[i] = self.typed_arg(arg, param, expected.as_ref(), inference);
        }
        // Calls whose owners come from their receiver and their own
        // arguments first (`two(new Data(), u.get())`), then the other
        // calls, then the `new`s, which have only what is expected of them.
        let rank = |arg: &Expr| match &arg.kind {
            ExprKind::Call(call) if call.receiver.is_none() && call.args.is_empty() => {
                match self.own_method(call.method.name) {
                    Own::Method((sig, _)) if !sig.formals.is_empty() => 1,
                    _ => 0,
                }
            }
            ExprKind::Call(_) => 0,
            _ => 2,
        };
        deferred.sort_by_key(|&i| args.get(i).map_or(2, rank));
        for i in deferred {
            let (Some(arg), param) = (args.get(i), params.get(i).map(|p| &p.ty)) else {
                continue;
            };
            // Still undetermined: a nested `new` or call can learn from
            // the parameter's shape, its owners being inferred linked.
            let expected = param.and_then(|p| {
                known_param(p, subst, inference.as_ref()).or_else(|| {
                    let nested = !matches!(arg.kind, ExprKind::NewArray(_));
                    nested.then(|| partial_param(p, subst, inference.as_ref()))?
                })
            });
            types[i] = self.typed_arg(arg, param, expected.as_ref(), inference);
        }
        // A missing argument (E0108) would have given its owners.
        if let Some(slots) = inference.as_mut() {
            for param in params.iter().skip(args.len()) {
                slots.excuse(&param.ty);
            }
        }
        types
    }

    /// One argument typed against `expected`, then unified with its
    /// parameter `param` into `inference`.
    fn typed_arg(
        &mut self,
        arg: &Expr,
        param: Option<&Ty>,
        expected: Option<&Ty>,
        inference: &mut Option<Inference>,
    ) -> Ty {
        // A parameter whose type did not resolve was reported in the
        // signature (see `string_repeats`).
        let quiet = string_repeats(arg, param);
        let ty = self.quiet_strings(quiet, |cx| cx.expr_with(arg, expected));
        if let (Some(param), Some(slots)) = (param, inference.as_mut()) {
            let seen = self.as_class_of(&ty, param);
            slots.unify(param, &seen);
        }
        ty
    }

    fn as_class_of(&self, ty: &Ty, template: &Ty) -> Ty {
        match (ty, template) {
            (Ty::Class(actual), Ty::Class(t)) => {
                upcast(&self.resolver.classes, actual, t.decl).map_or(Ty::Unknown, Ty::Class)
            }
            _ => ty.clone(),
        }
    }

    /// Owner arguments (when written) against the method's formals (E0103),
    /// arguments against its parameters (E0108). Whether the counts match.
    fn check_arity(&mut self, sig: &MethodSig, call: &CallExpr) -> bool {
        let mut ok = true;
        if let Some(owners) = &call.owners {
            if owners.len() != sig.formals.len() {
                self.resolver.report(errors::wrong_method_owner_count(
                    call.method.span,
                    &call.method.name,
                    sig.formals.len(),
                    owners.len(),
                ));
            }
        }
        if call.args.len() != sig.params.len() {
            ok = false;
            if !count_known(&call.args) {
                return ok;
            }
            let callee = format!("method `{}`", call.method.name);
            self.resolver.report(errors::wrong_argument_count(
                call.method.span,
                &callee,
                sig.params.len(),
                call.args.len(),
            ));
        }
        ok
    }

    /// E0206: each owner argument, written or inferred, of the kind its
    /// formal admits. One error per call; returns the owner reported.
    fn check_owner_kinds(
        &mut self,
        call: &CallExpr,
        sig: &MethodSig,
        declaring: crate::ids::DeclKey,
        owners: &[OwnerRef],
    ) -> Option<OwnerRef> {
        for (i, (formal, owner)) in sig.formal_sigs.iter().zip(owners).enumerate() {
            let Some(solver_owner) = self.wf.owner(owner) else {
                continue;
            };
            let Some(kind) = self.wf.solver().kind_of(solver_owner) else {
                continue;
            };
            if formal.kind.admits(kind) {
                continue;
            }
            let span = call
                .owners
                .as_ref()
                .and_then(|written| written.get(i))
                .map_or(call.method.span, |o| o.span);
            let declared = self.resolver.label_in(
                declaring.file,
                formal.name.span,
                &format!("`{}` is declared here", formal.name.name),
            );
            let resolver = &self.resolver;
            let d = wf_errors::wrong_kind(wf_errors::KindMismatch {
                span,
                owner: self.owners.describe(owner),
                is: wf_errors::owner_kind_words(solver_owner, kind, |k| resolver.kind_name(k)),
                formal: formal.name.name.to_string(),
                class: call.method.name.to_string(),
                wants: wf_errors::formal_kind_words(formal.kind, |k| resolver.kind_name(k)),
                wants_kind: match formal.kind {
                    ownc_regions::FormalKind::Kind(k) => Some(resolver.kind_name(k)),
                    _ => None,
                },
                declared,
            });
            self.resolver.report(d);
            return Some(owner.clone());
        }
        None
    }

    /// E0202: the method's `where` clauses, substituted, must hold here.
    /// One error per call (the first clause that fails). A clause on an
    /// owner formal in `excused` (its owner came from an expected type
    /// already reported ill formed) is not checked, and none is reported
    /// whose two owners were both inferred from one of `broken` (types
    /// already reported E0201). Returns whether every clause checked
    /// holds (`false` after an E0202, reported here or excused by
    /// `broken`).
    fn check_call_where(
        &mut self,
        at: Span,
        sig: &MethodSig,
        subst: &Subst,
        excused: &[bool],
        broken: &[&Ty],
    ) -> bool {
        let is_excused = |owner: &OwnerRef| match owner {
            OwnerRef::MethodFormal(i) => excused.get(*i as usize).is_some_and(|e| *e),
            _ => false,
        };
        for clause in &sig.where_clauses {
            if is_excused(&clause.upper) || is_excused(&clause.lower) {
                continue;
            }
            let upper = subst.owner(&clause.upper);
            let lower = subst.owner(&clause.lower);
            let (Some(u), Some(l)) = (self.wf.owner(&upper), self.wf.owner(&lower)) else {
                continue;
            };
            let holds = match clause.relation {
                Relation::Outlives => self.wf.solver().outlives(u, l),
                Relation::Owns => self.wf.solver().owns(u, l),
            };
            if !holds && from_broken(broken, &upper, &lower) {
                return false;
            }
            if !holds {
                let relation = match clause.relation {
                    Relation::Outlives => "outlives",
                    Relation::Owns => "owns",
                };
                let text = format!(
                    "{} {relation} {}",
                    self.owners.describe(&upper),
                    self.owners.describe(&lower)
                );
                self.resolver
                    .report(type_errors::where_at_call(at, &sig.name.name, &text));
                return false;
            }
        }
        true
    }

    /// Owner arguments written on a call of a built-in: it has no owner
    /// formals (E0103, as a method without any). The list as a whole is
    /// the mistake, so its owners are not looked up (no E0102 besides);
    /// nor are those of an unknown function (E0105 alone), which may be
    /// comparisons read as a call (`a < b, c > (d)`).
    fn function_owners(&mut self, method: &Ident, owners: &[Owner]) {
        let builtin = BUILTINS.iter().any(|(n, _)| *n == method.name);
        if builtin && !owners.is_empty() {
            self.resolver.report(errors::wrong_builtin_owner_count(
                method.span,
                &method.name,
                owners.len(),
            ));
        }
    }

    /// A built-in function (`sqrt abs min max`), or E0105 when `method`
    /// names nothing callable here.
    /// `count_known`: whether `args` are the arguments as written (see
    /// [`count_known`]). A wrong argument is reported at that argument
    /// (`exprs`, as written), as an operator's operand is, so a call over
    /// several lines is reported on the offending argument's line.
    fn builtin(&mut self, method: &Ident, args: &[Ty], exprs: &[Expr], count_known: bool) -> Ty {
        let Some(&(name, arity)) = BUILTINS.iter().find(|(n, _)| *n == method.name) else {
            // The methods of the enclosing class, as suggestions.
            let methods = match &self.class {
                Some(class) => member_names(&self.resolver.classes, class.decl, MemberSort::Method),
                None => Vec::new(),
            };
            let candidates = methods.into_iter().chain(BUILTINS.iter().map(|(n, _)| *n));
            let suggestion = closest(&method.name, candidates);
            let class = self.class.as_ref().map(|c| c.signature.name.as_str());
            self.resolver
                .report(errors::unknown_function(method, class, suggestion));
            return Ty::Unknown;
        };
        if args.len() != arity {
            if !count_known {
                return Ty::Unknown;
            }
            let callee = format!("built-in function `{name}`");
            self.resolver.report(errors::wrong_argument_count(
                method.span,
                &callee,
                arity,
                args.len(),
            ));
            return Ty::Unknown;
        }
        let numeric = |t: &Ty| matches!(t, Ty::Int | Ty::Float | Ty::Unknown);
        let at = |i: usize| exprs.get(i).map_or(method.span, |e| e.span);
        match (name, args) {
            ("sqrt", [x]) => {
                if !matches!(x, Ty::Float | Ty::Unknown) {
                    let shown = self.show(x);
                    let d = type_errors::mismatch(at(0), "float", &shown, "the argument of `sqrt`")
                        .with_help("convert it with `float(…)`");
                    self.resolver.report(d);
                }
                Ty::Float
            }
            ("abs", [x]) if numeric(x) => x.clone(),
            ("min" | "max", [a, b])
                if numeric(a)
                    && numeric(b)
                    && (a == b || matches!(a, Ty::Unknown) || matches!(b, Ty::Unknown)) =>
            {
                // An operand of unknown type (already reported) makes the
                // result unknown: no second error from a guess.
                if matches!(b, Ty::Unknown) {
                    Ty::Unknown
                } else {
                    a.clone()
                }
            }
            _ => {
                // At the argument the function cannot take when the other
                // fits, at the second when an int and a float do not mix
                // (as for an operator), else at the name.
                let takes = |t: &Ty| matches!(t, Ty::Int | Ty::Float);
                let offending = match args {
                    [x] if !takes(x) => Some(0),
                    [a, _] if takes(a) => Some(1),
                    [a, b] if takes(b) && !takes(a) => Some(0),
                    _ => None,
                }
                .filter(|&i| i < exprs.len());
                let shown: Vec<String> = args.iter().map(|t| self.show(t)).collect();
                let span = offending.map_or(method.span, at);
                let mut d = type_errors::bad_operands(span, name, &shown);
                if let Some(index) = offending {
                    let ty = shown.get(index).map_or("", String::as_str);
                    d = d
                        .with_label(format!("this argument is `{ty}`"))
                        .with_secondary(Label::new(
                            method.span,
                            format!("in this call of `{name}`"),
                        ));
                }
                self.resolver.report(d);
                Ty::Unknown
            }
        }
    }

    /// `new C<owners>(args)`: a known class (E0101) with the right owners
    /// (E0102, E0103), well formed, allocated where a handle is known
    /// (E0301), and arguments matching its constructor (E0108, E0110; a
    /// class without one has a constructor without parameters;
    /// constructors are not inherited). Omitted owners are inferred from
    /// the expected type and the arguments (§9), else E0207.
    pub(crate) fn new_object(&mut self, class: &Type, args: &[Expr], expected: Option<&Ty>) -> Ty {
        let (ty, omitted) = match &class.kind {
            TypeKind::Class { name, owners } => (
                self.resolver
                    .class_type(&self.owners, name, owners.as_deref(), class.span),
                owners.is_none(),
            ),
            _ => (self.resolver.resolve_type(&self.owners, class), false),
        };
        let mut well_formed = self.check_wf(class, &ty);
        let heap_written = self.check_heap_free_type(class, &ty);
        self.check_allocation_handle(class, &ty);
        let Ty::Class(class_ty) = ty else {
            // An unknown class (E0101) or one in error: its constructor's
            // parameters, which would give the arguments their owners, are
            // unknown (no E0207 at `new Stak<r>(new Data())`). A string
            // literal among the arguments is that mistake again
            // (`new Strng("a")`), not also E0110.
            self.quiet_strings(matches!(ty, Ty::Unknown), |cx| {
                for arg in args {
                    cx.expr_with(arg, Some(&Ty::Unknown));
                }
            });
            return ty;
        };
        let sig = self.resolver.classes.signature(class_ty.decl);
        let ctor = sig.constructor();
        let expected_count = match ctor {
            // Two constructors (E0106): which one was meant is unknown.
            Some(_) if sig.duplicate_constructor => None,
            // Its parameter list did not parse (E0001): its arity is unknown.
            Some(_) if sig.broken_constructor => None,
            Some(ctor) => Some(ctor.params.len()),
            None if sig.complete && !sig.lost_constructor() => Some(0),
            // The constructor may be what did not parse.
            None => None,
        };
        let arity_ok = expected_count.is_none_or(|n| n == args.len());
        let reported = expected_count.filter(|&n| n != args.len() && count_known(args));
        if let Some(n) = reported {
            let callee = format!("the constructor of `{}`", class_ty.name);
            self.resolver.report(errors::wrong_argument_count(
                class.span,
                &callee,
                n,
                args.len(),
            ));
        }
        let arity = sig.formals.len();
        let mut inference =
            (omitted && !sig.is_rref && arity > 0).then(|| Inference::new(Slots::Class, arity));
        if let (Some(slots), Some(expected)) = (inference.as_mut(), expected) {
            let own = own_type(class_ty.decl, sig);
            let view = match expected {
                Ty::Class(want) => upcast(&self.resolver.classes, &own, want.decl).unwrap_or(own),
                _ => own,
            };
            // An expected type that cannot fit (E0110) or is in error
            // excuses the owners it would have given.
            slots.unify_expected(&Ty::Class(view), expected);
        }
        let mut subst = Subst::for_receiver(class_ty.owners.clone().unwrap_or_default(), false);
        let params = ctor
            .filter(|_| !sig.broken_constructor)
            .map_or(&[][..], |c| &c.params[..]);
        let whole = args
            .last()
            .map_or(class.span, |last| class.span.to(last.span));
        let arg_types = self.with_inference_root(whole, inference.is_some(), |cx| {
            cx.typed_args(args, params, &subst, &mut inference)
        });
        let mut result = class_ty.clone();
        if let Some(slots) = &inference {
            if slots.undetermined() {
                let missing = missing_names(&sig.formals, slots);
                let what = format!("`new {}`", class_ty.name);
                let d = type_errors::cannot_infer(class.span, &what, &missing);
                self.report_cannot_infer(whole, d);
            }
            subst.class = slots.param_owners();
            result.owners = Some(slots.owners());
            // Owners copied from an expected type of the same class were
            // checked where that type is written.
            let copied = matches!(expected, Some(Ty::Class(e)) if e.decl == result.decl)
                && !expected.is_some_and(mentions_pending);
            if slots.complete() && !copied {
                well_formed &= self.check_inferred_wf(class, &result);
            }
            if let (true, Some(first)) = (
                slots.complete(),
                result.owners.as_ref().and_then(|o| o.first()),
            ) {
                let at = match &class.kind {
                    TypeKind::Class { name, .. } => name.span,
                    _ => class.span,
                };
                self.check_inferred_allocation_handle(at, first);
            }
        }
        if let Some(first) = result.owners.as_ref().and_then(|o| o.first()) {
            self.effect(first, allocation_site(class));
        }
        if let Some(ctor) = ctor {
            let this_owned = ctor.params.iter().find(|p| mentions_this(&p.ty));
            if let Some(param) = this_owned {
                let declared = self.show(&param.ty);
                self.resolver.report(type_errors::this_owned_constructor(
                    class.span,
                    &class_ty.name,
                    &declared,
                ));
            }
            let params: Vec<Ty> = ctor.params.iter().map(|p| subst.apply(&p.ty)).collect();
            let unchecked = sig.duplicate_constructor || sig.broken_constructor;
            if arity_ok && this_owned.is_none() && !unchecked {
                for ((arg, ty), param) in args.iter().zip(&arg_types).zip(&params) {
                    if self.erroneous_declared(param, arg.span) {
                        continue;
                    }
                    let class = &class_ty.name;
                    self.check_assignable(
                        arg.span,
                        ty,
                        param,
                        format_args!("this argument of the constructor of `{class}`"),
                    );
                }
            }
            self.facts.calls.push(CallFact {
                at: class.span.start,
                params,
                ret: Ty::Class(result.clone()),
            });
        }
        // An ill-formed type (reported where it is written, or at the
        // class name when its owners were inferred) is an erroneous one:
        // `var x = new Pair<r1, r2>();` is one mistake, not also one at
        // every use of `x`. So is `heap` written in a heap-free method
        // (E0402): `Frame<m> f = new Frame<heap>();` is that one mistake,
        // not also a mismatch.
        if !well_formed || heap_written {
            return Ty::Unknown;
        }
        Ty::Class(result)
    }

    /// Whether `ty`, an expected class type, is ill formed (E0201, E0202,
    /// E0206): its error was reported where it is written, so nothing is
    /// reported here.
    pub(crate) fn ill_formed(&self, at: Span, ty: &Ty) -> bool {
        let Ty::Class(class) = ty else {
            return false;
        };
        let Some(owners) = &class.owners else {
            return false;
        };
        // Besides the order of its owners (E0201), only a formal of a
        // kind (E0206) or a `where` clause (E0202) can make a class type
        // ill formed. Without either, the order alone is checked, with no
        // written owners or diagnostics built: this runs at every field
        // access and parameter (`erroneous_declared`).
        let sig = self.resolver.classes.signature(class.decl);
        let any_owner = |f: &crate::signature::FormalSig| {
            matches!(
                f.kind,
                ownc_regions::FormalKind::Owner | ownc_regions::FormalKind::Unknown
            )
        };
        if sig.where_clauses.is_empty() && sig.formal_sigs.iter().all(any_owner) {
            return self.order_broken(ty);
        }
        let name = Ident {
            name: class.name,
            span: at,
        };
        let as_written = self.as_written(owners, at);
        !WfChecker::new(&self.resolver, &self.wf)
            .check_class(at, &name, &as_written, class)
            .is_empty()
    }

    /// `owners` as if written at `at`, for the well-formedness checker.
    fn as_written(&self, owners: &[OwnerRef], at: Span) -> Vec<Owner> {
        owners
            .iter()
            .map(|o| Owner {
                kind: match o {
                    OwnerRef::This => OwnerKind::This,
                    OwnerRef::Heap => OwnerKind::Heap,
                    OwnerRef::Immortal => OwnerKind::Immortal,
                    other => OwnerKind::Name(self.owners.describe(other).into()),
                },
                span: at,
            })
            .collect()
    }

    /// The well-formedness (E0201, E0202, E0206) of a `new`'s inferred type,
    /// reported at the class name as if its owners had been written there.
    /// Returns whether the type is well formed.
    fn check_inferred_wf(&mut self, written: &Type, class: &ClassTy) -> bool {
        let TypeKind::Class { name, .. } = &written.kind else {
            return true;
        };
        let Some(owners) = &class.owners else {
            return true;
        };
        let as_written = self.as_written(owners, name.span);
        let checker = WfChecker::new(&self.resolver, &self.wf);
        let found = checker.check_class(written.span, name, &as_written, class);
        let wrong_kinds = checker.into_wrong_kinds();
        self.report_wf(found, wrong_kinds)
    }

    /// `new T[]<o>(n)`: a well-formed array type allocated where a handle
    /// is known, with an int length. An element class written without
    /// owners (`new Data[]<r>(n)`) takes them from the expected array type
    /// (§9), else E0207 at the class name.
    pub(crate) fn new_array(&mut self, written: &Type, len: &Expr, expected: Option<&Ty>) -> Ty {
        let mut ty = self.resolver.resolve_allocated(&self.owners, written);
        // Whether the element owners were already reported not inferable:
        // the array's owner, missing for the same reason, is not reported
        // again.
        let mut elem_missing = false;
        if let Some(elem) = self.bare_elem(&ty) {
            match expected.map(|e| elem_owners(&ty, e)) {
                Some(ElemOwners::Found(owners)) => ty = with_elem_owners(&ty, owners),
                Some(ElemOwners::Excused) => {}
                Some(ElemOwners::Missing) | None => {
                    elem_missing = true;
                    let span = bare_elem_name(written).unwrap_or(written.span);
                    let what = format!("the elements of `new {}[]`", elem.name);
                    let formals: Vec<String> = self
                        .resolver
                        .classes
                        .signature(elem.decl)
                        .formals
                        .iter()
                        .map(|f| f.to_string())
                        .collect();
                    self.resolver
                        .report(type_errors::cannot_infer(span, &what, &formals));
                    // Reported once: the elements' owners match anything
                    // from now on (`g[0] = new Data();` says nothing more).
                    let erroneous = vec![OwnerRef::Error; formals.len()];
                    ty = with_elem_owners(&ty, erroneous.into());
                }
            }
        }
        let inferred = match array_owner(&ty, expected) {
            ArrayOwner::Written => None,
            ArrayOwner::Inferred(owner) => {
                if let Ty::Array { owner: slot, .. } = &mut ty {
                    *slot = Some(owner.clone());
                }
                Some(owner)
            }
            ArrayOwner::Excused => return Ty::Unknown,
            // The value does not fit what is expected: E0110 where it is
            // used, with the array as written.
            ArrayOwner::Unfit => None,
            ArrayOwner::Missing => {
                if !elem_missing {
                    self.resolver
                        .report(type_errors::cannot_infer_array_owner(written.span));
                }
                return Ty::Unknown;
            }
        };
        let well_formed = self.check_wf(written, &ty);
        self.check_heap_free_type(written, &ty);
        match &inferred {
            Some(owner) => self.check_inferred_allocation_handle(written.span, owner),
            None => self.check_allocation_handle(written, &ty),
        }
        if let Ty::Array {
            owner: Some(owner), ..
        } = &ty
        {
            self.effect(owner, allocation_site(written));
        }
        self.expect_type(len, &Ty::Int, "an array length");
        // Ill formed: erroneous, as for `new C<…>`.
        if !well_formed {
            return Ty::Unknown;
        }
        ty
    }
}

impl BodyResolver<'_> {
    /// The innermost element class of an array type, when it is an
    /// ordinary class written without owners (§9).
    pub(crate) fn bare_elem(&self, ty: &Ty) -> Option<ClassTy> {
        let Ty::Array { elem, .. } = ty else {
            return None;
        };
        let mut elem: &Ty = elem;
        while let Ty::Array { elem: inner, .. } = elem {
            elem = inner;
        }
        let Ty::Class(class) = elem else {
            return None;
        };
        (class.owners.is_none() && !self.resolver.classes.signature(class.decl).is_rref)
            .then(|| class.clone())
    }
}

/// The owner of a `new T[](n)` as written (`ty`), facing `expected`.
enum ArrayOwner {
    /// Written out, or not needed (`new int[](n)`, a primitive array of an
    /// rref value).
    Written,
    /// Omitted, and the expected array type gives it (§9).
    Inferred(OwnerRef),
    /// Omitted, and the expected type is erroneous: already reported.
    Excused,
    /// Omitted, and the expected type is no array with an owner: the value
    /// does not fit it (E0110).
    Unfit,
    /// Omitted, and nothing gives it: E0207.
    Missing,
}

fn array_owner(ty: &Ty, expected: Option<&Ty>) -> ArrayOwner {
    let Ty::Array { elem, owner: None } = ty else {
        return ArrayOwner::Written;
    };
    if !crate::resolve_type::needs_owner(elem) {
        return ArrayOwner::Written;
    }
    match expected {
        Some(Ty::Array {
            owner: Some(owner), ..
        }) => ArrayOwner::Inferred(owner.clone()),
        Some(Ty::Unknown) => ArrayOwner::Excused,
        Some(_) => ArrayOwner::Unfit,
        None => ArrayOwner::Missing,
    }
}

/// What an expected type says of a bare element class's owners.
pub(crate) enum ElemOwners {
    Found(Arc<[OwnerRef]>),
    /// The expected type has the same shape and class but no owners either.
    Missing,
    /// The expected type is erroneous or does not fit (E0110 says so).
    Excused,
}

/// The owners an array type `expected` gives the bare element class of
/// `ty` (arrays are invariant: the same shape and class).
pub(crate) fn elem_owners(ty: &Ty, expected: &Ty) -> ElemOwners {
    match (ty, expected) {
        (Ty::Array { elem, .. }, Ty::Array { elem: want, .. }) => elem_owners(elem, want),
        (Ty::Class(class), Ty::Class(want)) if class.decl == want.decl => match &want.owners {
            Some(owners) if !owners.is_empty() => ElemOwners::Found(owners.clone()),
            _ => ElemOwners::Missing,
        },
        _ => ElemOwners::Excused,
    }
}

/// `ty` with `owners` for its innermost element class.
pub(crate) fn with_elem_owners(ty: &Ty, owners: Arc<[OwnerRef]>) -> Ty {
    match ty {
        Ty::Array { elem, owner } => Ty::Array {
            elem: Box::new(with_elem_owners(elem, owners)),
            owner: owner.clone(),
        },
        Ty::Class(class) => Ty::Class(ClassTy {
            owners: Some(owners),
            ..class.clone()
        }),
        other => other.clone(),
    }
}

/// Where the bare element class of a written array type is named.
fn bare_elem_name(written: &Type) -> Option<Span> {
    match &written.kind {
        TypeKind::Array { elem, .. } => bare_elem_name(elem),
        TypeKind::Class { name, owners: None } => Some(name.span),
        _ => None,
    }
}

/// What `m` without receiver names in the enclosing class.
enum Own<'db> {
    Method((&'db MethodSig, ClassTy)),
    Unsure,
    /// Not a method (perhaps a built-in).
    Missing,
}

/// A parameter's type in the caller's terms when nothing in it is still
/// being inferred (then it can guide the argument's own inference). A
/// slot excused from E0207 (it met an error, or an argument whose own
/// owners could not be inferred) counts as known, in error: the argument
/// then takes no owners from it and reports nothing more (one mistake,
/// one error: `two(new Data(), new Data())` is one E0207).
fn known_param(param: &Ty, subst: &Subst, inference: Option<&Inference>) -> Option<Ty> {
    let unknown = |slots: &Inference, i: u32| {
        let i = i as usize;
        slots.found.get(i).is_some_and(Option::is_none) && !slots.excused.get(i).is_some_and(|e| *e)
    };
    let pending = |owner: &OwnerRef| match (inference, owner) {
        (Some(slots), OwnerRef::ClassFormal(i)) if slots.of == Slots::Class => unknown(slots, *i),
        (Some(slots), OwnerRef::MethodFormal(i)) if slots.of == Slots::Method => unknown(slots, *i),
        _ => false,
    };
    if any_owner(param, &mut |o| pending(o)) {
        return None;
    }
    let mut subst = subst.clone();
    if let Some(slots) = inference {
        match slots.of {
            Slots::Class => subst.class = slots.param_owners(),
            Slots::Method => subst.method = slots.param_owners(),
        }
    }
    Some(subst.apply(param))
}

/// A parameter's type in the caller's terms, owners still being inferred
/// written as [`pending_owner`]s, for a nested `new` or call to unify with.
fn partial_param(param: &Ty, subst: &Subst, inference: Option<&Inference>) -> Option<Ty> {
    let slots = inference?;
    let owners: Arc<[OwnerRef]> = slots
        .found
        .iter()
        .zip(&slots.excused)
        .enumerate()
        .map(|(i, (found, excused))| match (found, excused) {
            (Some(_), _) if slots.conflicted.get(i).is_some_and(|c| *c) => OwnerRef::Error,
            (Some(owner), _) => owner.clone(),
            (None, true) => OwnerRef::Error,
            (None, false) => pending_owner(i),
        })
        .collect();
    let mut subst = subst.clone();
    match slots.of {
        Slots::Class => subst.class = owners,
        Slots::Method => subst.method = owners,
    }
    Some(subst.apply(param))
}

/// Whether `arg` has owners of its own left to inference from an expected
/// type: a `new` or a call written without owner arguments.
fn wants_owners(arg: &Expr) -> bool {
    match &arg.kind {
        ExprKind::New(new) => matches!(&new.class.kind, TypeKind::Class { owners: None, .. }),
        ExprKind::NewArray(new) => bare_elem_name(&new.ty).is_some(),
        ExprKind::Call(call) => call.owners.is_none(),
        _ => false,
    }
}

/// The names of the formals inference could not determine.
fn missing_names(formals: &[ownc_lang::ast::Name], slots: &Inference) -> Vec<String> {
    formals
        .iter()
        .zip(slots.found.iter().zip(&slots.excused))
        .filter(|(_, (found, excused))| found.is_none() && !**excused)
        .map(|(name, _)| name.to_string())
        .collect()
}

/// Where a `new`'s effect is reported: at its first owner as written (the
/// effect's owner, §8 "`new C<o, …>` has effect o"), as E0301 is, so that
/// owners written on a later line are reported there; at the whole type
/// when the owners were inferred.
fn allocation_site(written: &Type) -> Span {
    match &written.kind {
        TypeKind::Class {
            owners: Some(owners),
            ..
        } => owners.first().map_or(written.span, |o| o.span),
        TypeKind::Array {
            owner: Some(owner), ..
        } => owner.span,
        _ => written.span,
    }
}
