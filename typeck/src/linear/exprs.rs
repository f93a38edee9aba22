//! Expressions: which linear variables they read and which they move.
//!
//! A bare variable is evaluated to [`Value::Var`] without moving it; the
//! context decides: an argument, an initialiser, the value of an
//! assignment, a `return` value or a payload moves it ([`consume`]), any
//! other operand only reads it (selecting through an rref, comparing it
//! with `null`, printing it). Operands are visited left to right, in
//! evaluation order (§6).
//!
//! [`consume`]: Walker::consume

use super::errors;
use super::paths::Path;
use super::walker::{Linear, Side, Value, Walker};
use crate::facts::RrefPlace;
use crate::ty::Ty;
use ownc_lang::ast::{BinaryOp, CallExpr, Expr, ExprKind, Name};
use ownc_lang::Span;

impl Walker<'_, '_> {
    /// Evaluates `expr`, reporting uses of moved values, and returns what
    /// it evaluates to. A variable is not moved here.
    pub fn operand(&mut self, expr: &Expr) -> Value {
        match &expr.kind {
            ExprKind::Name(name) => match self.var_at(expr.span.start) {
                Some(var) => {
                    self.use_var(var, expr.span);
                    Value::Var(var, expr.span)
                }
                // A field of implicit `this`.
                // In a method of an rref class, `this`'s own fields
                // (`Rref`) are held too: the caller still holds the value
                // the method runs on, so only `take` moves one out.
                None => match self.facts.rref_read_at(expr.span.start) {
                    Some(place @ (RrefPlace::Object | RrefPlace::Portal | RrefPlace::Rref)) => {
                        Value::Held(expr.span, *name, place)
                    }
                    _ => Value::Other,
                },
            },
            // A nested rref reached through a variable (`p.next`) is a
            // variable of its own: moved where the context moves it, and
            // E0601 when used after that. One held by an object or a
            // portal, or nested in one so held, is only `take`n out.
            ExprKind::Field(access) => {
                let (object, field) = (&access.object, &access.field);
                match self.operand(object) {
                    Value::Var(parent, _) => match self.field_var(parent, field) {
                        Some(var) => {
                            self.use_var(var, expr.span);
                            Value::Var(var, expr.span)
                        }
                        None => Value::Other,
                    },
                    held => match (self.facts.rref_read_at(field.span.start), held) {
                        (Some(RrefPlace::Rref), Value::Held(_, parent, place)) => {
                            let name = Name::from(format!("{parent}.{}", field.name));
                            Value::Held(expr.span, name, place)
                        }
                        (Some(place @ (RrefPlace::Object | RrefPlace::Portal)), _) => {
                            Value::Held(expr.span, field.name, place)
                        }
                        // `this.p` in a method of an rref class, as `p` above.
                        (Some(RrefPlace::Rref), _) if matches!(object.kind, ExprKind::This) => {
                            Value::Held(expr.span, field.name, RrefPlace::Rref)
                        }
                        _ => Value::Other,
                    },
                }
            }
            // An rref held by an array element is only `take`n out, as
            // one held by a field of an object (§10).
            ExprKind::Index { array, index } => {
                self.read(array);
                self.read(index);
                let at = expr.span.end.saturating_sub(1);
                match self.facts.rref_read_at(at) {
                    Some(place @ RrefPlace::Element) => {
                        let name = match &array.kind {
                            ExprKind::Name(name) => Name::from(format!("{name}[…]")),
                            _ => Name::from("[…]"),
                        };
                        Value::Held(expr.span, name, place)
                    }
                    _ => Value::Other,
                }
            }
            ExprKind::Call(call) => self.call(call, false),
            ExprKind::New(new) => {
                let fact = self.facts.call_at(new.class.span.start);
                let params = fact.map(|f| f.params.as_slice());
                for (i, arg) in new.args.iter().enumerate() {
                    if beyond(params, i) {
                        self.extra_argument(arg);
                        continue;
                    }
                    let value = self.operand(arg);
                    let _ = self.consume(value, params.and_then(|p| p.get(i)), arg.span);
                }
                Value::Other
            }
            ExprKind::NewArray(new) => {
                self.read(&new.len);
                Value::Other
            }
            ExprKind::Unary { operand, .. } | ExprKind::Convert { operand, .. } => {
                self.read(operand);
                Value::Other
            }
            ExprKind::Binary {
                op: op @ (BinaryOp::And | BinaryOp::Or),
                left,
                right,
            } => {
                self.read(left);
                // Reported at the operator, between the operands.
                let at = expr.span.with_range(left.span.end, right.span.start);
                self.short_circuit(*op, left, right, at);
                Value::Other
            }
            ExprKind::Binary { left, right, .. } => {
                self.read(left);
                self.read(right);
                Value::Other
            }
            ExprKind::Receive(receive) => {
                self.receive(&receive.endpoint, &receive.message, expr.span)
            }
            // The place is only read: `take` moves the nested value out of
            // it, not the variable it is reached through, and leaves `null`
            // there (so the place holds a value).
            ExprKind::Take(place) => {
                if let Value::Var(var, span) = self.operand(place) {
                    self.whole_value(var, span);
                }
                Value::Other
            }
            ExprKind::Int(_)
            | ExprKind::Float(_)
            | ExprKind::Bool(_)
            | ExprKind::Null
            | ExprKind::Str(_)
            | ExprKind::This
            | ExprKind::Heap
            | ExprKind::Immortal
            | ExprKind::Error => Value::Other,
        }
    }

    /// A call: the arguments move (endpoints in the states the parameter
    /// types name). The receiver is only read, unless the call runs in a
    /// new thread (`fork`, `rtfork`): an rref receiver then moves into it
    /// too (§8: rref values handed to a thread move).
    pub fn call(&mut self, call: &CallExpr, in_thread: bool) -> Value {
        let receiver = call.receiver.as_ref().map(|r| self.operand(r));
        let fact = self.facts.call_at(call.method.span.start);
        let params = fact.map(|f| f.params.as_slice());
        for (i, arg) in call.args.iter().enumerate() {
            if beyond(params, i) {
                self.extra_argument(arg);
                continue;
            }
            let value = self.operand(arg);
            let _ = self.consume(value, params.and_then(|p| p.get(i)), arg.span);
        }
        // The method runs on the receiver once the arguments are evaluated:
        // an argument that moved it (`p.grow(p)`) leaves it nothing.
        if let Some(expr) = &call.receiver {
            self.use_again(expr);
        }
        match receiver {
            Some(Value::Var(var, span)) if in_thread => self.move_whole(var, span),
            // The method may store new values in the receiver's fields.
            Some(Value::Var(var, _)) => self.renew_fields(var),
            _ => {}
        }
        match fact {
            Some(fact) => self.value_of_type(&fact.ret),
            None => Value::Other,
        }
    }

    /// The right operand of `&&` or `||`, which runs only on some paths
    /// (§6: they short-circuit): a branch joined with the path that skips
    /// it, so a `receive` or a move there leaves the endpoint in one state
    /// or disagrees (E0703 at the operator), and a value moved there is
    /// moved on some paths only. A left operand that is a constant making
    /// the right one always run (`true && …`) is no branch.
    fn short_circuit(&mut self, op: BinaryOp, left: &Expr, right: &Expr, at: Span) {
        let always = self.constants.of(left) == Some(op == BinaryOp::And);
        if always {
            self.read(right);
            return;
        }
        let mark = self.flow.mark();
        self.read(right);
        let evaluated = self.path_end(mark, right.span);
        self.flow.reset(mark);
        self.flow.close(mark);
        let skipped = Path {
            at: left.span,
            changes: Vec::new(),
        };
        let paths: Vec<Path> = evaluated.into_iter().chain([skipped]).collect();
        let construct = format!("`{}`", op.as_str());
        self.join(&paths, at, &construct);
    }

    /// An argument beyond its callee's parameters (E0108, see [`beyond`]):
    /// a variable is given away silently, neither checked as a use nor
    /// left to leak (`eat(p, p)` is not also a use of the `p` just moved,
    /// `send(c, M(p, e))` not also a leak of `e`); anything else is
    /// evaluated (a `receive` in it still moves its endpoint on).
    pub fn extra_argument(&mut self, arg: &Expr) {
        match (&arg.kind, self.var_at(arg.span.start)) {
            (ExprKind::Name(_), Some(var)) => self.move_var(var, arg.span, false),
            (ExprKind::Name(_), None) => {}
            _ => self.read(arg),
        }
    }

    /// Evaluates `expr` where its value is only read.
    pub fn read(&mut self, expr: &Expr) {
        let _ = self.operand(expr);
    }

    /// `value` goes where a value of type `expected` is wanted (when
    /// known): an endpoint must be in the state the type names (E0703),
    /// and a variable is moved. Returns false after an E0703.
    #[must_use]
    pub fn consume(&mut self, value: Value, expected: Option<&Ty>, at: Span) -> bool {
        match value {
            Value::Var(var, span) => {
                let mut fits = true;
                if let (Some(side), Some(expected)) = (self.side(var), expected) {
                    let state = self.flow.get(var).slot.state();
                    let name = self.name(var);
                    fits = self.expect_state(&name, &side, state, expected, at);
                }
                self.move_whole(var, span);
                fits
            }
            Value::Endpoint(side, state) => match expected {
                Some(expected) => self.expect_state("the endpoint", &side, state, expected, at),
                None => true,
            },
            // §12: a portal of rref type "is read by `take`"; an rref in a
            // field of an object is owned by that object (§10), which
            // others may reach too. Moving it out leaving it there would
            // make two holders of one linear value.
            Value::Held(span, name, place) => {
                self.report(errors::move_out_of_held(span, &name, place));
                true
            }
            Value::Rref | Value::Other => true,
        }
    }

    /// E0703 when an endpoint of `side` in `state` is given where type
    /// `expected` (of the same side; another one is a type error) names
    /// another state; returns false then.
    pub fn expect_state(
        &mut self,
        name: &str,
        side: &Side,
        state: Option<u32>,
        expected: &Ty,
        at: Span,
    ) -> bool {
        if self.linear_of(expected) != Some(Linear::Endpoint(side.clone())) {
            return true;
        }
        let (Some(state), Some(wanted)) = (state, self.state_of_type(expected)) else {
            return true;
        };
        if state == wanted {
            return true;
        }
        {
            let actual = self.state_name(side, state);
            let wanted = self.state_name(side, wanted);
            let ty = chan_type(side, &wanted);
            self.report(errors::wrong_state(at, name, &actual, &wanted, &ty));
        }
        false
    }
}

/// `chan<C@q>` or `chan<~C@q>`, as written.
fn chan_type(side: &Side, state: &str) -> String {
    let tilde = if side.dual { "~" } else { "" };
    format!("chan<{tilde}{}@{state}>", side.contract)
}

/// Whether argument `i` lies beyond the known parameters `params` of its
/// callee (or payload types of its message): one of too many (E0108). It
/// has no parameter to check it against, so it is not checked as a use:
/// `eat(p, p)` for `eat(P p)` is the one E0108, not also E0601 for the
/// second `p`. An argument of an unknown callee (E0105, E0101) is
/// checked and moves as usual: the callee meant takes it.
pub(crate) fn beyond(params: Option<&[Ty]>, i: usize) -> bool {
    params.is_some_and(|params| i >= params.len())
}
