//! Expressions in bodies: variables (E0107), fields (E0104), methods and
//! built-ins (E0105), argument and owner-argument counts (E0108, E0103),
//! and `new` (its region handle, E0301, is checked in `handles.rs`). A
//! member is reported missing only when the receiver's class is known for
//! sure; an unknown or erroneous receiver reports nothing.

use crate::db::{Db, Program};
use crate::errors;
use crate::facts::CallFact;
use crate::ids::DeclKey;
use crate::members::{chain, find_field, find_method, signature_of, Lookup};
use crate::resolve_stmt::BodyResolver;
use crate::resolve_type::Expect;
use crate::suggest::closest;
use crate::ty::{ClassTy, OwnerRef, Ty};
use ownc_lang::ast::{BinaryOp, Expr, ExprKind, Ident, Owner, Type, TypeKind, UnaryOp};
use ownc_lang::Span;

/// A built-in function: its name and how many arguments it takes (`float`
/// and `int` are conversions, separate syntax).
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

impl BodyResolver<'_> {
    /// Resolves an expression and returns its type as far as name
    /// resolution knows it.
    pub(crate) fn expr(&mut self, expr: &Expr) -> Ty {
        match &expr.kind {
            ExprKind::Int(_) => Ty::Int,
            ExprKind::Float(_) => Ty::Float,
            ExprKind::Bool(_) => Ty::Bool,
            ExprKind::Null => Ty::Null,
            ExprKind::Str(_) => Ty::Str,
            ExprKind::This => self.this_value(expr.span),
            ExprKind::Name(name) => self.variable(name, expr.span),
            ExprKind::Field { object, field } => {
                let object = self.expr(object);
                self.field(&object, field)
            }
            ExprKind::Index { array, index } => {
                let array = self.expr(array);
                self.expr(index);
                match array {
                    Ty::Array { elem, .. } => *elem,
                    _ => Ty::Unknown,
                }
            }
            ExprKind::Call(call) => self.call(
                call.receiver.as_ref(),
                &call.method,
                call.owners.as_deref(),
                &call.args,
            ),
            ExprKind::New(new) => self.new_object(&new.class, &new.args),
            ExprKind::NewArray(new) => {
                let ty = self.resolver.resolve_type(&self.owners, &new.ty);
                self.check_wf(&new.ty, &ty);
                self.check_heap_free_type(&new.ty, &ty);
                self.check_allocation_handle(&new.ty, &ty);
                self.expr(&new.len);
                ty
            }
            ExprKind::Unary { op, operand } => {
                let operand = self.expr(operand);
                match op {
                    UnaryOp::Not => Ty::Bool,
                    UnaryOp::Neg => numeric(operand),
                }
            }
            ExprKind::Binary { op, left, right } => {
                let left = self.expr(left);
                let right = self.expr(right);
                binary(*op, left, right)
            }
            ExprKind::Convert { to_float, operand } => {
                self.expr(operand);
                if *to_float {
                    Ty::Float
                } else {
                    Ty::Int
                }
            }
            ExprKind::Receive { endpoint, message } => {
                self.expr(endpoint);
                self.resolver.lookup(message, Expect::Message);
                // The payload's type is the typestate checker's business.
                Ty::Unknown
            }
            ExprKind::Take(place) => self.expr(place),
            ExprKind::Error => Ty::Unknown,
        }
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
        let Some(class) = &self.class else {
            return Ty::Unknown;
        };
        let sig = class.signature;
        let owners = (!sig.is_rref).then(|| {
            (0..sig.formals.len())
                .map(|i| OwnerRef::ClassFormal(u32::try_from(i).unwrap_or(u32::MAX)))
                .collect()
        });
        Ty::Class(ClassTy {
            decl: class.decl,
            name: sig.name.clone(),
            owners,
        })
    }

    /// A bare name: a variable in scope (local, parameter, binding, region
    /// handle), else a field of the enclosing class through implicit `this`.
    fn variable(&mut self, name: &str, span: Span) -> Ty {
        if let Some(var) = self.vars.lookup(name) {
            self.facts.uses.push((span.start, var.span.start));
            return var.ty.clone();
        }
        let mut fields: Vec<&str> = Vec::new();
        if let Some(class) = &self.class {
            let (db, program) = (self.resolver.db, self.resolver.program);
            match find_field(db, program, class.decl, name) {
                Lookup::Found(field) => return field.ty.clone(),
                Lookup::Unsure => return Ty::Unknown,
                Lookup::Missing => {}
            }
            fields = member_names(db, program, class.decl, MemberSort::Field);
        }
        if self.first_syntax_error.is_some_and(|at| at < span.start) {
            return Ty::Unknown;
        }
        let suggestion = closest(name, self.vars.names().chain(fields));
        self.resolver
            .report(errors::unknown_variable(span, name, suggestion));
        Ty::Unknown
    }

    /// `object.field`: on a class known for sure, the field must exist in
    /// it or a superclass (E0104); an array has `length` only. Portals (on
    /// handles) are the portal checker's (E0501).
    fn field(&mut self, object: &Ty, field: &Ident) -> Ty {
        match object {
            Ty::Class(class) => {
                let (db, program) = (self.resolver.db, self.resolver.program);
                match find_field(db, program, class.decl, &field.name) {
                    Lookup::Found(f) => f.ty.clone(),
                    Lookup::Unsure => Ty::Unknown,
                    Lookup::Missing => {
                        let names = member_names(db, program, class.decl, MemberSort::Field);
                        let suggestion = closest(&field.name, names);
                        let on = format!("class `{}`", class.name);
                        self.resolver
                            .report(errors::unknown_field(field, &on, suggestion));
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
            _ => Ty::Unknown,
        }
    }

    /// `receiver.m<owners>(args)` or `m(args)`.
    fn call(
        &mut self,
        receiver: Option<&Expr>,
        method: &Ident,
        owners: Option<&[Owner]>,
        args: &[Expr],
    ) -> Ty {
        let (receiver, arg_types) = self.call_operands(receiver, owners, args);
        self.dispatch_call(receiver, method, owners, &arg_types)
    }

    /// A call's receiver and argument types, in evaluation order, with its
    /// owner arguments resolved (E0102) and, in a heap-free method, checked
    /// for `heap` (E0402).
    pub(crate) fn call_operands(
        &mut self,
        receiver: Option<&Expr>,
        owners: Option<&[Owner]>,
        args: &[Expr],
    ) -> (Option<Ty>, Vec<Ty>) {
        let receiver = receiver.map(|r| self.expr(r));
        if let Some(owners) = owners {
            self.resolver.resolve_owners(&self.owners, owners);
            self.check_heap_free_owners(owners);
        }
        let arg_types: Vec<Ty> = args.iter().map(|a| self.expr(a)).collect();
        (receiver, arg_types)
    }

    /// The rest of [`call`](Self::call), once its operands are typed: the
    /// method or built-in it names (E0105, E0108, E0103) and its type.
    pub(crate) fn dispatch_call(
        &mut self,
        receiver: Option<Ty>,
        method: &Ident,
        owners: Option<&[Owner]>,
        arg_types: &[Ty],
    ) -> Ty {
        let call = CallShape {
            method,
            owners,
            args: arg_types.len(),
        };
        match receiver {
            Some(Ty::Class(class)) => self.method_call(&class, &call),
            Some(Ty::Array { .. }) => {
                let d = errors::unknown_method(method, "an array", None)
                    .with_note("arrays have no methods; `length` is a field");
                self.resolver.report(d);
                Ty::Unknown
            }
            Some(_) => Ty::Unknown,
            None => self.unqualified_call(&call, arg_types),
        }
    }

    /// A call on a receiver of a known class.
    fn method_call(&mut self, class: &ClassTy, call: &CallShape<'_>) -> Ty {
        let (db, program) = (self.resolver.db, self.resolver.program);
        match find_method(db, program, class.decl, &call.method.name) {
            Lookup::Found(sig) => {
                self.check_arity(sig, call);
                self.record_call(call.method.span.start, sig);
                sig.ret.clone()
            }
            Lookup::Unsure => Ty::Unknown,
            Lookup::Missing => {
                let names = member_names(db, program, class.decl, MemberSort::Method);
                let suggestion = closest(&call.method.name, names);
                let on = format!("class `{}`", class.name);
                self.resolver
                    .report(errors::unknown_method(call.method, &on, suggestion));
                Ty::Unknown
            }
        }
    }

    /// `m(args)`: a method of the enclosing class (implicit `this`, which
    /// wins over a built-in of the same name, as a member would in Java),
    /// else a built-in function.
    fn unqualified_call(&mut self, call: &CallShape<'_>, args: &[Ty]) -> Ty {
        let (db, program) = (self.resolver.db, self.resolver.program);
        let mut methods: Vec<&str> = Vec::new();
        if let Some(class) = &self.class {
            match find_method(db, program, class.decl, &call.method.name) {
                Lookup::Found(sig) => {
                    self.check_arity(sig, call);
                    self.record_call(call.method.span.start, sig);
                    return sig.ret.clone();
                }
                Lookup::Unsure => return Ty::Unknown,
                Lookup::Missing => {}
            }
            methods = member_names(db, program, class.decl, MemberSort::Method);
        }
        if let Some(&(name, arity)) = BUILTINS.iter().find(|(n, _)| *n == call.method.name) {
            if call.args != arity {
                let callee = format!("built-in function `{name}`");
                self.resolver.report(errors::wrong_argument_count(
                    call.method.span,
                    &callee,
                    arity,
                    call.args,
                ));
                return Ty::Unknown;
            }
            return builtin_result(name, args);
        }
        let candidates = methods.into_iter().chain(BUILTINS.iter().map(|(n, _)| *n));
        let suggestion = closest(&call.method.name, candidates);
        let class = self.class.as_ref().map(|c| c.signature.name.as_str());
        self.resolver
            .report(errors::unknown_function(call.method, class, suggestion));
        Ty::Unknown
    }

    /// Records the callee of the call at `at` for the flow checkers.
    fn record_call(&mut self, at: u32, sig: &crate::signature::MethodSig) {
        self.facts.calls.push(CallFact {
            at,
            params: sig.params.iter().map(|p| p.ty.clone()).collect(),
            ret: sig.ret.clone(),
        });
    }

    /// Owner arguments (when written) against the method's formals (E0103),
    /// arguments against its parameters (E0108).
    fn check_arity(&mut self, sig: &crate::signature::MethodSig, call: &CallShape<'_>) {
        if let Some(owners) = call.owners {
            if owners.len() != sig.formals.len() {
                self.resolver.report(errors::wrong_method_owner_count(
                    call.method.span,
                    &call.method.name,
                    sig.formals.len(),
                    owners.len(),
                ));
            }
        }
        if call.args != sig.params.len() {
            let callee = format!("method `{}`", call.method.name);
            self.resolver.report(errors::wrong_argument_count(
                call.method.span,
                &callee,
                sig.params.len(),
                call.args,
            ));
        }
    }

    /// `new C<owners>(args)`: a known class (E0101) with the right owners
    /// (E0102, E0103), and arguments matching its constructor (E0108; a
    /// class without one has a constructor without parameters;
    /// constructors are not inherited).
    fn new_object(&mut self, class: &Type, args: &[Expr]) -> Ty {
        let ty = match &class.kind {
            TypeKind::Class { name, owners } => {
                self.resolver
                    .class_type(&self.owners, name, owners.as_deref(), class.span)
            }
            _ => self.resolver.resolve_type(&self.owners, class),
        };
        self.check_wf(class, &ty);
        self.check_heap_free_type(class, &ty);
        self.check_allocation_handle(class, &ty);
        for arg in args {
            self.expr(arg);
        }
        if let Ty::Class(class_ty) = &ty {
            let (db, program) = (self.resolver.db, self.resolver.program);
            let sig = signature_of(db, program, class_ty.decl);
            if let Some(ctor) = sig.constructor() {
                self.record_call(class.span.start, ctor);
            }
            let expected = match sig.constructor() {
                Some(ctor) => Some(ctor.params.len()),
                None if sig.complete => Some(0),
                // The constructor may be what did not parse.
                None => None,
            };
            if let Some(expected) = expected.filter(|&n| n != args.len()) {
                let callee = format!("the constructor of `{}`", class_ty.name);
                self.resolver.report(errors::wrong_argument_count(
                    class.span,
                    &callee,
                    expected,
                    args.len(),
                ));
            }
        }
        ty
    }
}

#[derive(Clone, Copy)]
enum MemberSort {
    Field,
    Method,
}

/// The field or method names of a class and its known superclasses, as
/// suggestion candidates.
fn member_names(db: &dyn Db, program: Program, class: DeclKey, sort: MemberSort) -> Vec<&str> {
    let mut names = Vec::new();
    for sig in chain(db, program, class) {
        match sort {
            MemberSort::Field => names.extend(sig.field_names()),
            MemberSort::Method => names.extend(sig.method_names()),
        }
    }
    names
}

/// What a call looks like at its call site.
struct CallShape<'a> {
    method: &'a Ident,
    owners: Option<&'a [Owner]>,
    args: usize,
}

/// `-e`: numeric when `e` is; otherwise nothing known.
fn numeric(ty: Ty) -> Ty {
    match ty {
        Ty::Int | Ty::Float => ty,
        _ => Ty::Unknown,
    }
}

fn binary(op: BinaryOp, left: Ty, right: Ty) -> Ty {
    use BinaryOp::*;
    match op {
        Eq | Ne | Lt | Le | Gt | Ge | And | Or => Ty::Bool,
        Add | Sub | Mul | Div | Rem if left == right => numeric(left),
        Add | Sub | Mul | Div | Rem => Ty::Unknown,
    }
}

/// `sqrt` gives a float; `abs`, `min` and `max` keep their operands' type.
fn builtin_result(name: &str, args: &[Ty]) -> Ty {
    match (name, args) {
        ("sqrt", _) => Ty::Float,
        ("abs", [a]) => numeric(a.clone()),
        ("min" | "max", [a, b]) if a == b => numeric(a.clone()),
        _ => Ty::Unknown,
    }
}
