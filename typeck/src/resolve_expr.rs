//! Expressions in bodies: names (E0107), fields (E0104, E0203), indexing,
//! operators (E0109) and conversions, with their types (LANGUAGE.md §5,
//! §6). Calls and `new` are in `resolve_call.rs`; effects of field
//! accesses in `effects.rs`.
//!
//! Typing is bidirectional where §9 needs it: an expected type flows into
//! `new` and calls so that their omitted owners can be inferred. A member
//! is reported missing only when the receiver's class is known for sure;
//! an unknown or erroneous operand reports nothing more (no cascade).

use crate::errors;
use crate::facts::RrefPlace;
use crate::ids::DeclKey;
use crate::members::{chain, find_field_through, Classes, Lookup};
use crate::resolve_stmt::BodyResolver;
use crate::resolve_type::Expect;
use crate::signature::FieldSig;
use crate::subst::{mentions_this, Subst};
use crate::subtype::{assignable, is_reference, same};
use crate::suggest::closest;
use crate::threads::mentions_heap;
use crate::ty::{ClassTy, Ty};
use crate::type_errors;
use ownc_lang::ast::{BinaryOp, Expr, ExprKind, Ident, Name, UnaryOp};
use ownc_lang::{Label, Span};
use std::borrow::Cow;
use std::fmt::Display;

impl BodyResolver<'_> {
    /// Types an expression with nothing expected of it.
    pub(crate) fn expr(&mut self, expr: &Expr) -> Ty {
        self.expr_with(expr, None)
    }

    /// Types an expression; `expected` (when known) guides the inference
    /// of omitted owners in `new` and calls, and is not checked here.
    pub(crate) fn expr_with(&mut self, expr: &Expr, expected: Option<&Ty>) -> Ty {
        let ty = self.expr_kind(expr, expected);
        if self.heap_free.is_some() && reaches_value(expr) && mentions_heap(&ty) {
            if !self.through_heap_local(expr) && !self.heap_declared_init.contains(&expr.span) {
                self.report_heap_value(expr.span, &ty);
            }
            return Ty::Unknown;
        }
        ty
    }

    /// Whether `expr` (a field, element or call result whose type mentions
    /// `heap`, in a heap-free method) is reached through a typed local
    /// whose type mentions `heap`: its declaration was E0402 (one mistake,
    /// one error), so `d.next` after `Data<heap> d = …;` is not reported
    /// again. Looked at only when an E0402 is due.
    fn through_heap_local(&self, expr: &Expr) -> bool {
        let object = match &expr.kind {
            ExprKind::Field(access) => &access.object,
            ExprKind::Index { array, .. } => array,
            ExprKind::Call(call) => match &call.receiver {
                Some(receiver) => receiver,
                None => return false,
            },
            _ => return false,
        };
        let ExprKind::Name(name) = &object.kind else {
            return false;
        };
        self.vars.lookup(*name).is_some_and(|var| {
            matches!(var.kind, crate::scope::VarKind::Local) && mentions_heap(&var.ty)
        })
    }

    fn expr_kind(&mut self, expr: &Expr, expected: Option<&Ty>) -> Ty {
        match &expr.kind {
            ExprKind::Int(_) => Ty::Int,
            ExprKind::Float(_) => Ty::Float,
            ExprKind::Bool(_) => Ty::Bool,
            ExprKind::Null => Ty::Null,
            ExprKind::Str(_) => {
                if !self.strings_quiet {
                    self.resolver
                        .report(type_errors::string_outside_print(expr.span));
                }
                self.strings_met += 1;
                Ty::Unknown
            }
            ExprKind::This => self.this_value(expr.span),
            ExprKind::Heap => Ty::Handle(crate::ty::OwnerRef::Heap),
            ExprKind::Immortal => Ty::Handle(crate::ty::OwnerRef::Immortal),
            ExprKind::Name(name) => self.variable(*name, expr.span),
            ExprKind::Field(access) => {
                let (object, field) = (&access.object, &access.field);
                let assigned = std::mem::take(&mut self.assigning_field);
                let object_ty = self.expr(object);
                if assigned && field.name == "length" && matches!(object_ty, Ty::Array { .. }) {
                    self.resolver.report(errors::array_length_assigned(field));
                    return Ty::Unknown;
                }
                self.field(&object_ty, is_this(object), field)
            }
            ExprKind::Index { array, index } => {
                let array_ty = self.expr(array);
                self.expect_type(index, &Ty::Int, "an array index");
                let ty = self.element(&array_ty, array.span);
                // Keyed by the `]`, where no field's name starts.
                if self.is_linear(&ty) {
                    let at = expr.span.end.saturating_sub(1);
                    self.facts.rref_reads.push((at, RrefPlace::Element));
                }
                ty
            }
            ExprKind::Call(call) => self.call(call, expected),
            ExprKind::New(new) => self.new_object(&new.class, &new.args, expected),
            ExprKind::NewArray(new) => self.new_array(&new.ty, &new.len, expected),
            ExprKind::Unary { op, operand } => {
                let ty = self.expr(operand);
                self.unary(*op, ty, expr.span)
            }
            ExprKind::Binary { op, left, right } => {
                let spans = (left.span, right.span);
                let before = self.strings_met;
                let left = self.expr(left);
                // A string literal in the left operand was the mistake
                // (strings have no operators): one in the right operand
                // is the same one again (`"a" + "b"`).
                let again = self.strings_met > before;
                let right = self.quiet_strings(again, |cx| cx.expr(right));
                self.binary(*op, left, right, expr.span, spans)
            }
            ExprKind::Convert { to_float, operand } => {
                let ty = self.expr(operand);
                if !matches!(ty, Ty::Int | Ty::Float | Ty::Unknown) {
                    let op = if *to_float { "float" } else { "int" };
                    let shown = self.show(&ty);
                    // At the operand, so that `int(` with its operand on
                    // the next line is reported where the operand is.
                    let d =
                        type_errors::bad_operands(operand.span, op, std::slice::from_ref(&shown))
                            .with_label(format!("this operand is `{shown}`"))
                            .with_secondary(Label::new(
                                expr.span,
                                format!("`{op}` applied to `{shown}`"),
                            ));
                    self.resolver.report(d);
                }
                if *to_float {
                    Ty::Float
                } else {
                    Ty::Int
                }
            }
            ExprKind::Receive(receive) => {
                self.facts.opens_or_receives = true;
                self.endpoint_operand(&receive.endpoint, "`receive`");
                self.received(&receive.message, expr.span)
            }
            ExprKind::Take(place) => self.taken(place),
            ExprKind::Error => Ty::Unknown,
        }
    }

    /// Runs `f` with string literals outside `print` not reported when
    /// `quiet` (they repeat a mistake already reported), then restores
    /// the setting of the enclosing expression.
    pub(crate) fn quiet_strings<T>(&mut self, quiet: bool, f: impl FnOnce(&mut Self) -> T) -> T {
        let outer = self.strings_quiet;
        self.strings_quiet |= quiet;
        let result = f(self);
        self.strings_quiet = outer;
        result
    }

    /// Types `expr` and reports E0110 unless its value may be stored where
    /// `expected` is needed; `what` names the place ("the condition").
    pub(crate) fn expect_type(&mut self, expr: &Expr, expected: &Ty, what: impl Display) -> Ty {
        if string_repeats(expr, Some(expected)) {
            return self.quiet_strings(true, |cx| cx.expr_with(expr, Some(expected)));
        }
        let found = self.expr_with(expr, Some(expected));
        self.check_assignable(expr.span, &found, expected, what);
        found
    }

    /// E0110 unless a value of type `found` may be stored where `expected`
    /// is needed. `what` is written out only then (`format_args!`: most
    /// values fit, and their places are never named).
    pub(crate) fn check_assignable(
        &mut self,
        span: Span,
        found: &Ty,
        expected: &Ty,
        what: impl Display,
    ) {
        if assignable(&self.resolver.classes, found, expected) {
            return;
        }
        let what = &what.to_string();
        let (expected_s, found_s) = (self.show(expected), self.show(found));
        let same_class = matches!(
            (found, expected),
            (Ty::Class(f), Ty::Class(e)) if f.decl == e.decl
        );
        let d = if same_class {
            type_errors::owner_mismatch(span, &expected_s, &found_s, what)
        } else {
            type_errors::mismatch(span, &expected_s, &found_s, what)
        };
        self.resolver.report(d);
    }

    /// A type as the user would write it here.
    pub(crate) fn show(&self, ty: &Ty) -> String {
        ty.display(&|owner| self.owners.describe(owner))
    }

    /// `this` as a value: the enclosing class with its own formals.
    fn this_value(&mut self, span: Span) -> Ty {
        if self.class.is_none() {
            self.resolver.report(errors::this_outside_class(span));
        }
        self.this_type()
    }

    /// The type of `this` (written or implied): the enclosing class with
    /// its own formals; unknown in `main`.
    pub(crate) fn this_type(&self) -> Ty {
        self.class
            .as_ref()
            .map_or(Ty::Unknown, |class| class.this.clone())
    }

    /// A bare name: a variable in scope (local, parameter, binding, region
    /// handle), else a field of the enclosing class through implicit `this`.
    fn variable(&mut self, name: Name, span: Span) -> Ty {
        if let Some(var) = self.vars.lookup(name) {
            self.facts.uses.push((span.start, var.span.start));
            return var.ty.clone();
        }
        let mut fields: Vec<&str> = Vec::new();
        if let Some(class) = &self.class {
            // `this` is the class with its own formals (`for_member`): the
            // field is looked up once, as `this.name` would be.
            if let Ty::Class(this) = &class.this {
                match find_field_through(&self.resolver.classes, this, name) {
                    Lookup::Found((sig, declaring)) => {
                        // Lent from `self`, which the check borrows
                        // mutably: the declaring class is `this` itself
                        // when lent, so the copy serves for both.
                        let declaring = match declaring {
                            Cow::Borrowed(_) => None,
                            Cow::Owned(declaring) => Some(declaring),
                        };
                        let this = this.clone();
                        let ident = Ident { name, span };
                        let declaring = declaring.map_or(Cow::Borrowed(&this), Cow::Owned);
                        let ty = self.found_field(&this, true, &ident, (sig, declaring));
                        if self.heap_free.is_some() && mentions_heap(&ty) {
                            if !self.heap_declared_init.contains(&span) {
                                self.report_heap_value(span, &ty);
                            }
                            return Ty::Unknown;
                        }
                        return ty;
                    }
                    Lookup::Unsure => return Ty::Unknown,
                    Lookup::Missing => {}
                }
            }
            fields = member_names(&self.resolver.classes, class.decl, MemberSort::Field);
        }
        if (self.first_syntax_error.is_some_and(|at| at < span.start)
            && self.broken_names.contains(&name))
            || self.missing_binding(&name)
        {
            return Ty::Unknown;
        }
        let suggestion = closest(&name, self.vars.names().chain(fields));
        self.report_once(errors::unknown_variable(span, &name, suggestion));
        Ty::Unknown
    }

    /// `object.field`: on a class known for sure, the field must exist in
    /// it or a superclass (E0104), and a field declared with a type that
    /// mentions `this` is reached through `this` only (E0203); an array has
    /// `length` only; on a handle, a portal (§12).
    pub(crate) fn field(&mut self, object: &Ty, through_this: bool, field: &Ident) -> Ty {
        match object {
            Ty::Class(class) => {
                match find_field_through(&self.resolver.classes, class, field.name) {
                    Lookup::Found(found) => self.found_field(class, through_this, field, found),
                    Lookup::Unsure => Ty::Unknown,
                    Lookup::Missing => {
                        let names =
                            member_names(&self.resolver.classes, class.decl, MemberSort::Field);
                        let suggestion = closest(&field.name, names);
                        let on = format!("class `{}`", class.name);
                        self.report_once(errors::unknown_field(field, &on, suggestion));
                        Ty::Unknown
                    }
                }
            }
            Ty::Array { .. } if field.name == "length" => Ty::Int,
            Ty::Array { .. } => {
                let suggestion = closest(&field.name, ["length"]);
                let d = errors::unknown_field(field, "an array", suggestion)
                    .with_note("an array has one field, `length`");
                self.resolver.report(d);
                Ty::Unknown
            }
            Ty::Handle(owner) => {
                let ty = self.portal(owner, field);
                self.note_rref_read(field.span, &ty, None);
                ty
            }
            Ty::Unknown => Ty::Unknown,
            other => {
                let on = format!("a value of type `{}`", self.show(other));
                let d = errors::unknown_field(field, &on, None)
                    .with_note("only objects have fields (and arrays `length`)");
                self.resolver.report(d);
                Ty::Unknown
            }
        }
    }

    /// The field `field` of an object of type `class`, found declared
    /// with `sig` in `declaring` (`class` seen as that class): a type that
    /// mentions `this` only through `this` (E0203), the effect of the
    /// access, and the declared type with the receiver's owners.
    fn found_field(
        &mut self,
        class: &ClassTy,
        through_this: bool,
        field: &Ident,
        (sig, declaring): (&FieldSig, Cow<'_, ClassTy>),
    ) -> Ty {
        if !through_this && mentions_this(&sig.ty) {
            let declared = self.show(&sig.ty);
            self.resolver.report(type_errors::this_owned_field(
                field.span,
                &field.name,
                &declared,
            ));
            return Ty::Unknown;
        }
        self.object_effect(class, field.span);
        let classes = &self.resolver.classes;
        if classes.signature(declaring.decl).is_rref
            && crate::rref_fields::unfit_field(classes.db, classes.program, &sig.ty)
        {
            return Ty::Unknown;
        }
        let owners = match declaring {
            Cow::Borrowed(declaring) => declaring.owners.clone(),
            Cow::Owned(declaring) => declaring.owners,
        };
        let ty = Subst::for_receiver(owners.unwrap_or_default(), through_this).apply(&sig.ty);
        self.note_rref_read(field.span, &ty, Some(class.decl));
        // A field declared with an ill-formed type (E0201, E0202, E0206 at
        // its declaration) is erroneous at its uses.
        if self.erroneous_declared(&ty, field.span) {
            return Ty::Unknown;
        }
        ty
    }

    /// Notes, for the flow checker, that the field or portal named at
    /// `at` holds a linear value of type `ty` (an rref, or an array without
    /// an owner, which belongs to an rref): moving it out of an object
    /// (`object`: its class) or a portal (`None`) needs `take` (§10, §12).
    fn note_rref_read(&mut self, at: Span, ty: &Ty, object: Option<DeclKey>) {
        if !self.is_linear(ty) {
            return;
        }
        let classes = &self.resolver.classes;
        let place = match object {
            None => RrefPlace::Portal,
            Some(decl) if classes.signature(decl).is_rref => RrefPlace::Rref,
            Some(_) => RrefPlace::Object,
        };
        self.facts.rref_reads.push((at.start, place));
    }

    /// Whether a value of type `ty` is an rref or an array without an
    /// owner (which belongs to an rref): linear, moved out of a field, a
    /// portal or an array element only by `take`.
    fn is_linear(&self, ty: &Ty) -> bool {
        match ty {
            Ty::Class(class) => self.resolver.classes.signature(class.decl).is_rref,
            Ty::Array { owner: None, .. } => true,
            _ => false,
        }
    }

    /// `a[i]`: an element of an array, with the effect of the array's
    /// owner.
    fn element(&mut self, array: &Ty, span: Span) -> Ty {
        match array {
            Ty::Array { elem, owner } => {
                if let Some(owner) = owner {
                    self.effect(owner, span);
                }
                (**elem).clone()
            }
            Ty::Unknown => Ty::Unknown,
            other => {
                let shown = self.show(other);
                self.resolver
                    .report(type_errors::not_an_array(span, &shown));
                Ty::Unknown
            }
        }
    }

    /// Types the channel operand of `send`, `receive`, `switch receive` or
    /// `close` (`op`): it must be an endpoint, else E0110 (like any value
    /// where another type is needed). Nothing is said of an erroneous one.
    pub(crate) fn endpoint_operand(&mut self, expr: &Expr, op: &str) {
        let ty = self.expr(expr);
        if matches!(ty, Ty::Chan { .. } | Ty::Unknown) {
            return;
        }
        let shown = self.show(&ty);
        self.resolver
            .report(type_errors::not_an_endpoint(expr.span, &shown, op));
    }

    /// `take(place)`: moves the rref out of `place` (§10, §12), so `place`
    /// must hold an rref, or an array without an owner (`p.bytes`: it
    /// belongs to the rref and moves as one, see `linear::walker`);
    /// anything else is E0110 and the result unknown (no cascade).
    fn taken(&mut self, place: &Expr) -> Ty {
        let ty = self.expr(place);
        let rref = match &ty {
            Ty::Class(class) => {
                crate::rref_fields::is_rref(self.resolver.index, class) != Some(false)
            }
            Ty::Array { owner: None, .. } | Ty::Unknown => true,
            _ => false,
        };
        if rref {
            return ty;
        }
        let shown = self.show(&ty);
        self.resolver
            .report(type_errors::not_an_rref_place(place.span, &shown));
        Ty::Unknown
    }

    /// The value of `receive(e, message)` at `span`: the payload of a
    /// message with one, nothing for a message without. One with several
    /// has no single value (Own has no tuples): E0110, as `switch receive`
    /// alone binds them; its payload, endpoints included, is then not
    /// followed further (one mistake, one error).
    fn received(&mut self, message: &Ident, span: Span) -> Ty {
        match self.message_payload(message).as_deref() {
            Some([one]) => one.clone(),
            Some([]) => Ty::Void,
            Some(several) => {
                let d = type_errors::several_payloads(span, &message.name, several.len());
                self.resolver.report(d);
                Ty::Unknown
            }
            None => Ty::Unknown,
        }
    }

    /// The payload types of the message `name` (E0101 if it is not one).
    pub(crate) fn message_payload(&mut self, name: &Ident) -> Option<Vec<Ty>> {
        let entry = self.resolver.lookup(name, Expect::Message)?;
        let (db, program) = (self.resolver.db, self.resolver.program);
        let item = crate::ids::ItemId::of(db, program, entry.decl);
        Some(crate::messages::message_signature(db, item).payload.clone())
    }

    fn unary(&mut self, op: UnaryOp, ty: Ty, span: Span) -> Ty {
        match (op, &ty) {
            (_, Ty::Unknown) => match op {
                UnaryOp::Not => Ty::Bool,
                UnaryOp::Neg => Ty::Unknown,
            },
            (UnaryOp::Neg, Ty::Int | Ty::Float) => ty,
            (UnaryOp::Not, Ty::Bool) => Ty::Bool,
            // After E0109 the value is of unknown type: `int k = !5;` is
            // one mistake (javac's erroneous operator has the error type),
            // not also a bool where an int is expected.
            _ => {
                let symbol = match op {
                    UnaryOp::Neg => "-",
                    UnaryOp::Not => "!",
                };
                let shown = self.show(&ty);
                self.resolver
                    .report(type_errors::bad_operands(span, symbol, &[shown]));
                Ty::Unknown
            }
        }
    }

    /// A binary operator: arithmetic and comparisons on two ints or two
    /// floats (they do not mix), `&&`/`||` on bools, `==`/`!=` on values
    /// of one type or references that may be equal.
    ///
    /// E0109 is reported at the operand that the operator cannot take when
    /// the other one fits (`x > 0 && y` with `y` an int: at `y`), at the
    /// right one when two numbers do not mix (`i < 1.5`: at `1.5`), else
    /// at the whole expression (`operands`: the spans of the two), so that
    /// an expression over several lines is reported on the offending one.
    pub(crate) fn binary(
        &mut self,
        op: BinaryOp,
        left: Ty,
        right: Ty,
        span: Span,
        operands: (Span, Span),
    ) -> Ty {
        use BinaryOp::*;
        let unknown = matches!(left, Ty::Unknown) || matches!(right, Ty::Unknown);
        let (ok, result) = match op {
            Add | Sub | Mul | Div | Rem => {
                let numeric = |t: &Ty| matches!(t, Ty::Int | Ty::Float | Ty::Unknown);
                let ok = numeric(&left) && numeric(&right) && (unknown || left == right);
                // With an operand of unknown type (already reported), the
                // result is unknown too: `x.typo + 1.5` may have been meant
                // as an int or a float, so neither is a second mistake.
                // Numeric types own nothing: the result is a copy of the
                // left operand's kind, made without cloning it.
                (
                    ok,
                    match &left {
                        Ty::Int if ok && !unknown => Ty::Int,
                        Ty::Float if ok && !unknown => Ty::Float,
                        _ => Ty::Unknown,
                    },
                )
            }
            Lt | Le | Gt | Ge => {
                let numeric = |t: &Ty| matches!(t, Ty::Int | Ty::Float | Ty::Unknown);
                (
                    numeric(&left) && numeric(&right) && (unknown || left == right),
                    Ty::Bool,
                )
            }
            And | Or => {
                let boolean = |t: &Ty| matches!(t, Ty::Bool | Ty::Unknown);
                (boolean(&left) && boolean(&right), Ty::Bool)
            }
            Eq | Ne => (self.comparable(&left, &right), Ty::Bool),
        };
        if !ok {
            let takes = |t: &Ty| match op {
                And | Or => matches!(t, Ty::Bool),
                Eq | Ne => false,
                _ => matches!(t, Ty::Int | Ty::Float),
            };
            let shown = [self.show(&left), self.show(&right)];
            let at = match (takes(&left), takes(&right)) {
                (true, _) => Some((operands.1, &shown[1])),
                (false, true) => Some((operands.0, &shown[0])),
                (false, false) => None,
            };
            let d = match at {
                Some((at, ty)) => type_errors::bad_operands(at, symbol(op), &shown)
                    .with_label(format!("this operand is `{ty}`"))
                    .with_secondary(Label::new(
                        span,
                        format!("`{}` {} `{}`", shown[0], symbol(op), shown[1]),
                    )),
                None => type_errors::bad_operands(span, symbol(op), &shown),
            };
            self.resolver.report(d);
            // One mistake, one error: `int k = 1 < 2.0;` is not also a
            // bool where an int is expected (as in `!5` above).
            return Ty::Unknown;
        }
        result
    }

    /// Whether `==` may compare values of these types.
    fn comparable(&self, left: &Ty, right: &Ty) -> bool {
        match (left, right) {
            (Ty::Unknown, _) | (_, Ty::Unknown) => true,
            (Ty::Int, Ty::Int) | (Ty::Float, Ty::Float) | (Ty::Bool, Ty::Bool) => true,
            (Ty::Null, other) | (other, Ty::Null) => is_reference(other),
            (l, r) if is_reference(l) && is_reference(r) => {
                same(l, r)
                    || assignable(&self.resolver.classes, l, r)
                    || assignable(&self.resolver.classes, r, l)
            }
            _ => false,
        }
    }
}

/// Whether an expression reaches a value through the heap of objects (a
/// field, element, call result, received or taken value), rather than
/// naming one whose type was written (a variable, a `new`): in a heap-free
/// method, only those can bring a `heap` type that no written type showed.
/// A call with `heap` written among its owners was reported there.
fn reaches_value(expr: &Expr) -> bool {
    match &expr.kind {
        ExprKind::Field { .. }
        | ExprKind::Index { .. }
        | ExprKind::Receive { .. }
        | ExprKind::Take(_)
        | ExprKind::Heap => true,
        ExprKind::Call(call) => !call.owners.as_ref().is_some_and(|owners| {
            owners
                .iter()
                .any(|o| matches!(o.kind, ownc_lang::ast::OwnerKind::Heap))
        }),
        _ => false,
    }
}

/// Whether an expression is `this` written out.
pub(crate) fn is_this(expr: &Expr) -> bool {
    matches!(expr.kind, ExprKind::This)
}

fn symbol(op: BinaryOp) -> &'static str {
    use BinaryOp::*;
    match op {
        Add => "+",
        Sub => "-",
        Mul => "*",
        Div => "/",
        Rem => "%",
        Eq => "==",
        Ne => "!=",
        Lt => "<",
        Le => "<=",
        Gt => ">",
        Ge => ">=",
        And => "&&",
        Or => "||",
    }
}

#[derive(Clone, Copy)]
pub(crate) enum MemberSort {
    Field,
    Method,
}

/// The field or method names of a class and its known superclasses, as
/// suggestion candidates.
pub(crate) fn member_names<'db>(
    classes: &Classes<'db>,
    class: DeclKey,
    sort: MemberSort,
) -> Vec<&'db str> {
    let mut names = Vec::new();
    for sig in chain(classes, class) {
        match sort {
            MemberSort::Field => names.extend(sig.field_names()),
            MemberSort::Method => names.extend(sig.method_names()),
        }
    }
    names
}

/// Whether `expr` is a string literal stored where the type is erroneous
/// (`target`: its error already reported where the type is written): the
/// same mistake, so not also "a string literal outside `print`".
/// `String s = "a";` is one E0101 (a Java habit), and so is a string
/// passed to a parameter whose type did not resolve.
pub(crate) fn string_repeats(expr: &Expr, target: Option<&Ty>) -> bool {
    matches!(target, Some(Ty::Unknown)) && matches!(expr.kind, ExprKind::Str(_))
}
