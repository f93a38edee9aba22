//! The state of the walk over one body: the linear variables and their
//! scopes, the flow state, the enclosing loops, and the helpers every
//! statement uses (declaring, using and moving a variable, leak checks).

use super::errors::{self, Leak};
use super::flow::{Flow, VarIx};
use super::lattice::{Exit, Slot};
use super::loops::LoopFrame;
use super::protocol::{item_named, protocol, Protocol};
use crate::db::{Db, Program};
use crate::definite::constant::Constants;
use crate::facts::{BodyFacts, RrefPlace};
use crate::ids::DeclKey;
use crate::items::ItemKind;
use crate::members::{find_field, Classes, Lookup};
use crate::messages::message_signature;
use crate::ty::Ty;
use ownc_lang::ast::{Direction, Expr, ExprKind, Ident, Name};
use ownc_lang::{Diagnostic, Span};
use rustc_hash::FxHashMap as HashMap;

/// Which side of which contract an endpoint is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Side {
    pub contract: Name,
    pub dual: bool,
}

impl Side {
    /// The contract's direction of this side's send (`!`) or receive (`?`):
    /// the dual side sees every `!` as `?` and back.
    pub fn direction(&self, sending: bool) -> Direction {
        if sending != self.dual {
            Direction::Send
        } else {
            Direction::Receive
        }
    }
}

/// What kind of linear value a variable holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Linear {
    Rref,
    Endpoint(Side),
}

#[derive(Clone, Debug)]
pub struct VarInfo {
    pub name: Name,
    pub kind: Linear,
    /// The rref class of the value, when known: its rref fields are
    /// followed as variables of their own (`p.next`, see [`Walker::field_var`]).
    pub class: Option<DeclKey>,
    /// The rref fields of the value followed so far, by name.
    pub fields: Vec<(Name, VarIx)>,
    /// Read where it may not have been assigned (E0112, reported by the
    /// definite-assignment checker): being held on some paths only is then
    /// that mistake again, not a possible leak.
    pub read_unassigned: bool,
}

/// What an expression evaluates to, as far as linearity cares.
#[derive(Clone, Debug)]
pub enum Value {
    /// A linear variable, read but not moved (yet): the context decides.
    Var(VarIx, Span),
    /// A fresh endpoint (a call's result, a received payload).
    Endpoint(Side, Option<u32>),
    /// A fresh rref (a call's result, a received payload).
    Rref,
    /// An rref (or an array without an owner) still held by a field of an
    /// ordinary object or by a portal, at `Span`, named `Name`: other
    /// references or threads reach it there, so only `take` moves it out.
    Held(Span, Name, RrefPlace),
    Other,
}

pub struct Walker<'a, 'db> {
    pub db: &'db dyn Db,
    pub program: Program,
    /// The class signatures the walk has read.
    pub classes: Classes<'db>,
    pub facts: &'a BodyFacts,
    pub flow: Flow,
    pub vars: Vec<VarInfo>,
    by_decl: HashMap<u32, VarIx>,
    /// The linear variables declared in each open scope, innermost last.
    pub scopes: Vec<Vec<VarIx>>,
    pub loops: Vec<LoopFrame>,
    /// The body's declared return type (`void` for constructors and main).
    pub ret: Ty,
    /// False after `return`, `break`, `continue`, or a loop that never
    /// ends: nothing is reported until a join makes the code reachable.
    pub reachable: bool,
    /// Where the body's first syntax error is: once the walk reaches it,
    /// nothing more is reported, even about earlier code (a loop's back
    /// edge, a scope's end). The statement that did not parse (a `break`
    /// dropped for its missing `;`) would have changed what they see.
    pub cutoff: Option<u32>,
    /// The walk has reached [`Walker::cutoff`].
    pub past_cutoff: bool,
    pub diagnostics: Vec<Diagnostic>,
    protocols: HashMap<Name, Option<&'db Protocol>>,
    payloads: HashMap<Name, Option<&'db [Ty]>>,
    /// The constant conditions of this body's `&&` and `||` operators.
    pub constants: Constants,
    /// The `if` keyword of the chain that the `if` walked next continues
    /// (`… else if`): its branches are reported there (E0703).
    pub else_if: Option<Span>,
}

impl<'a, 'db> Walker<'a, 'db> {
    pub fn new(db: &'db dyn Db, program: Program, facts: &'a BodyFacts, ret: Ty) -> Self {
        Walker {
            db,
            program,
            classes: Classes::new(db, program),
            facts,
            flow: Flow::default(),
            vars: Vec::new(),
            by_decl: HashMap::default(),
            scopes: vec![Vec::new()],
            loops: Vec::new(),
            ret,
            reachable: true,
            cutoff: None,
            past_cutoff: false,
            diagnostics: Vec::new(),
            protocols: HashMap::default(),
            payloads: HashMap::default(),
            constants: Constants::default(),
            else_if: None,
        }
    }

    pub fn report(&mut self, diagnostic: Diagnostic) {
        if self.reachable && !self.past_cutoff {
            self.diagnostics.push(diagnostic);
        }
    }

    /// Notes that the walk has reached `span`: past the cutoff when
    /// `span` ends beyond it (it holds the syntax error or follows it).
    pub fn reach(&mut self, span: Span) {
        if self.cutoff.is_some_and(|at| span.end > at) {
            self.past_cutoff = true;
        }
    }

    // ------------------------------------------------------------ program

    pub fn protocol(&mut self, contract: &Name) -> Option<&'db Protocol> {
        let (db, program) = (self.db, self.program);
        memo(&mut self.protocols, contract, || {
            item_named(db, program, contract, |k| *k == ItemKind::Contract)
                .and_then(|item| protocol(db, item).as_ref())
        })
    }

    pub fn payload(&mut self, message: &Name) -> Option<&'db [Ty]> {
        let (db, program) = (self.db, self.program);
        memo(&mut self.payloads, message, || {
            item_named(db, program, message, |k| *k == ItemKind::Message)
                .map(|item| message_signature(db, item).payload.as_slice())
        })
    }

    /// The linear kind of a type: an rref class, an array without an owner
    /// (`int[]`, which belongs to the rref it is made for: §10 "primitive
    /// arrays inside an rref belong to it", so it moves as the rref would;
    /// an alias kept after a `send` would race with the receiver), or an
    /// endpoint.
    pub fn linear_of(&self, ty: &Ty) -> Option<Linear> {
        match ty {
            Ty::Chan { contract, dual, .. } => Some(Linear::Endpoint(Side {
                contract: *contract,
                dual: *dual,
            })),
            Ty::Class(class) if self.classes.signature(class.decl).is_rref => Some(Linear::Rref),
            Ty::Array { owner: None, .. } => Some(Linear::Rref),
            _ => None,
        }
    }

    /// The state an endpoint type names (`chan<C>`: the initial state).
    pub fn state_of_type(&mut self, ty: &Ty) -> Option<u32> {
        let Ty::Chan {
            contract, state, ..
        } = ty
        else {
            return None;
        };
        let protocol = self.protocol(contract)?;
        match state {
            Some(state) => protocol.state(state),
            None => protocol.initial,
        }
    }

    /// A value of type `ty` coming from elsewhere (a call, a payload).
    pub fn value_of_type(&mut self, ty: &Ty) -> Value {
        match self.linear_of(ty) {
            Some(Linear::Endpoint(side)) => {
                let state = self.state_of_type(ty);
                Value::Endpoint(side, state)
            }
            Some(Linear::Rref) => Value::Rref,
            None => Value::Other,
        }
    }

    pub fn state_name(&mut self, side: &Side, state: u32) -> String {
        self.protocol(&side.contract)
            .map_or_else(|| "?".to_string(), |p| p.name(state).to_string())
    }

    // ------------------------------------------------------------ variables

    /// Declares the linear variable whose name starts at `decl`. A
    /// redeclaration (E0106) is a variable too: it hides the first, whose
    /// uses end there.
    pub fn declare(&mut self, decl: u32, name: Name, kind: Linear, slot: Slot) -> Option<VarIx> {
        let class = self.rref_class(&self.facts.var(decl)?.ty);
        self.hide(&name);
        let ix = self.flow.declare(slot);
        self.vars.push(VarInfo {
            name,
            kind,
            class,
            fields: Vec::new(),
            read_unassigned: false,
        });
        self.by_decl.insert(decl, ix);
        if let Some(scope) = self.scopes.last_mut() {
            scope.push(ix);
        }
        Some(ix)
    }

    /// Own lets no local shadow another local or a parameter (E0106, from
    /// name resolution), so a variable in scope named `name` is hidden by a
    /// redeclaration: nothing can name it from here on, and its leak at
    /// scope end would be that mistake again (`var (e, f) = open S;`
    /// written twice is E0106 alone). Its state becomes unknown, which
    /// every later check accepts silently.
    fn hide(&mut self, name: &Name) {
        let hidden = self.scopes.iter().flatten().rev().copied().find(|&v| {
            self.vars
                .get(v as usize)
                .is_some_and(|info| &info.name == name)
        });
        if let Some(var) = hidden {
            if matches!(self.flow.get(var).slot, Slot::Live(_) | Slot::Maybe(_)) {
                self.flow.set(var, Slot::Live(None));
            }
        }
    }

    /// The linear variable a `Name` expression starting at `at` means.
    pub fn var_at(&self, at: u32) -> Option<VarIx> {
        let decl = self.facts.use_at(at)?.decl;
        self.by_decl.get(&decl).copied()
    }

    pub fn name(&self, var: VarIx) -> Name {
        self.vars
            .get(var as usize)
            .map_or_else(|| Name::from("?"), |v| v.name)
    }

    pub fn side(&self, var: VarIx) -> Option<Side> {
        match &self.vars.get(var as usize)?.kind {
            Linear::Endpoint(side) => Some(side.clone()),
            Linear::Rref => None,
        }
    }

    /// A use of `var` at `at`: E0601 when it holds no value (then, so that
    /// one mistake is one diagnostic, it holds one again, in an unknown
    /// state); loops note the uses of values from before them.
    pub fn use_var(&mut self, var: VarIx, at: Span) {
        let val = self.flow.get(var);
        match val.slot {
            Slot::Live(_) => {}
            Slot::Gone(exit) | Slot::Maybe(exit) => {
                if let Some(exit) = exit {
                    let maybe = matches!(val.slot, Slot::Maybe(_));
                    let name = self.name(var);
                    self.report(errors::use_after_move(&name, at, exit, maybe));
                } else if let Some(info) = self.vars.get_mut(var as usize) {
                    info.read_unassigned = true;
                }
                self.flow.set(var, Slot::Live(None));
            }
        }
        for frame in self.loops.iter_mut().rev() {
            if val.stamp >= frame.start {
                break;
            }
            frame.exposed.entry(var).or_insert(at);
        }
    }

    /// `expr`, evaluated before the construct's later operands, is used by
    /// the construct after them (a call's receiver, an assignment's place,
    /// `send`'s endpoint, `close`'s first operand): E0601 if one of them
    /// moved a linear variable on its path (`p.next = p;`), once; the
    /// variable then holds a value again. Only variables and rref fields
    /// reached through them (`p`, `p.next`) are followed: anything else
    /// was evaluated once and is not looked at again.
    pub fn use_again(&mut self, expr: &Expr) {
        for (var, at) in self.chain(expr).0 {
            let slot = self.flow.get(var).slot;
            if let Slot::Gone(Some(exit)) | Slot::Maybe(Some(exit)) = slot {
                let name = self.name(var);
                let maybe = matches!(slot, Slot::Maybe(_));
                self.report(errors::moved_by_later_operand(&name, at, exit, maybe));
                self.flow.set(var, Slot::Live(None));
                return;
            }
        }
    }

    /// The linear variables a path of fields from a variable goes through
    /// (`p.next.next`: `p`, `p.next`, `p.next.next`), outermost first, with
    /// the spans of their expressions; empty for anything else. The flag
    /// says whether the last one is `expr` itself (a field that is no rref
    /// ends the path: nothing below it is followed).
    fn chain(&mut self, expr: &Expr) -> (Vec<(VarIx, Span)>, bool) {
        match &expr.kind {
            ExprKind::Name(_) => match self.var_at(expr.span.start) {
                Some(var) => (vec![(var, expr.span)], true),
                None => (Vec::new(), false),
            },
            ExprKind::Field(access) => {
                let (mut vars, whole) = self.chain(&access.object);
                let nested = match vars.last() {
                    Some(&(parent, _)) if whole => self.field_var(parent, &access.field),
                    _ => None,
                };
                if let Some(var) = nested {
                    vars.push((var, expr.span));
                }
                (vars, nested.is_some())
            }
            _ => (Vec::new(), false),
        }
    }

    /// The rref class a type names, if it is one.
    fn rref_class(&self, ty: &Ty) -> Option<DeclKey> {
        match (ty, self.linear_of(ty)) {
            (Ty::Class(class), Some(Linear::Rref)) => Some(class.decl),
            _ => None,
        }
    }

    /// The variable that stands for rref field `field` of the rref value
    /// in `parent` (§10: a nested rref moves out by an assignment, an
    /// argument, a `send`…, and a later use of the field is E0601 until it
    /// is assigned again). Made at its first use, holding a value as old as
    /// its parent's. Only fields reached through a variable are followed:
    /// an rref variable has no alias, so nothing else can change them but
    /// a method called on it (which gives them new values, see
    /// [`Walker::renew_fields`]). None for a field that is neither an rref
    /// nor an array without an owner.
    pub fn field_var(&mut self, parent: VarIx, field: &Ident) -> Option<VarIx> {
        let info = self.vars.get(parent as usize)?;
        if let Some(&(_, var)) = info.fields.iter().find(|(n, _)| *n == field.name) {
            return Some(var);
        }
        let class = info.class?;
        let name = Name::from(format!("{}.{}", info.name, field.name));
        let Lookup::Found(sig) = find_field(&self.classes, class, field.name) else {
            return None;
        };
        if self.linear_of(&sig.ty) != Some(Linear::Rref) {
            return None;
        }
        // None for an array field (`p.bytes`): it has no fields to follow.
        let class = self.rref_class(&sig.ty);
        let stamp = self.flow.get(parent).stamp;
        let var = self.flow.declare_outer(Slot::Live(None), stamp);
        self.vars.push(VarInfo {
            name,
            kind: Linear::Rref,
            class,
            fields: Vec::new(),
            read_unassigned: false,
        });
        if let Some(info) = self.vars.get_mut(parent as usize) {
            info.fields.push((field.name, var));
        }
        Some(var)
    }

    /// The rref fields followed below `var`, transitively.
    fn nested_fields(&self, var: VarIx) -> Vec<VarIx> {
        let mut found = Vec::new();
        let mut todo = vec![var];
        while let Some(next) = todo.pop() {
            if let Some(info) = self.vars.get(next as usize) {
                for &(_, field) in &info.fields {
                    found.push(field);
                    todo.push(field);
                }
            }
        }
        found
    }

    /// `var` holds a new value (or a method called on it may have stored
    /// new ones in its fields): its nested rrefs hold values again.
    pub fn renew_fields(&mut self, var: VarIx) {
        for field in self.nested_fields(var) {
            self.flow.assign(field, Slot::Live(None));
        }
    }

    /// The whole value of `var` moves at `at`: see [`Walker::whole_value`].
    pub fn move_whole(&mut self, var: VarIx, at: Span) {
        self.whole_value(var, at);
        self.move_var(var, at, false);
    }

    /// The whole value of `var` (nested rrefs included) leaves it at `at`,
    /// moved or `take`n: a nested rref moved out of it before (and not
    /// given back) makes that a use after move (E0601, once: the fields
    /// then count as given back).
    pub fn whole_value(&mut self, var: VarIx, at: Span) {
        for field in self.nested_fields(var) {
            let slot = self.flow.get(field).slot;
            if let Slot::Gone(Some(exit)) | Slot::Maybe(Some(exit)) = slot {
                let maybe = matches!(slot, Slot::Maybe(_));
                let name = self.name(var);
                let part = self.name(field);
                self.report(errors::use_after_partial_move(
                    &name, &part, at, exit, maybe,
                ));
                break;
            }
        }
        self.renew_fields(var);
    }

    /// The value of `var` leaves it at `at`.
    pub fn move_var(&mut self, var: VarIx, at: Span, closed: bool) {
        self.flow
            .set(var, Slot::Gone(Some(Exit { span: at, closed })));
    }

    // ------------------------------------------------------------ scopes

    pub fn push_scope(&mut self) {
        self.scopes.push(Vec::new());
    }

    /// Ends the innermost scope at `at`: its live endpoints leak (E0705).
    pub fn pop_scope(&mut self, at: Span) {
        let vars = self.scopes.pop().unwrap_or_default();
        self.leak_check(&vars, at, Leak::ScopeEnd);
    }

    /// Reports the endpoints among `vars` that still hold a value in a
    /// known state (an unknown state follows an error: accepted silently),
    /// in one diagnostic: the endpoints lost at one point are one mistake
    /// (typically both ends of a channel that was never closed). One held
    /// on some paths only (moved or closed on the others, or not given a
    /// value there yet) may leak (one diagnostic when nothing is surely
    /// lost): at a `return`, `break` or `continue` as at a closing brace,
    /// since §11 reports a leak at the `return` that leaves the scope, and
    /// nothing is reported later on that path.
    pub fn leak_check(&mut self, vars: &[VarIx], at: Span, why: Leak) {
        if !self.reachable {
            return;
        }
        let mut lost: Vec<(String, String)> = Vec::new();
        let mut maybe = None;
        for &var in vars {
            let Some(side) = self.side(var) else { continue };
            match self.flow.get(var).slot {
                Slot::Live(Some(state)) => {
                    lost.push((self.name(var).to_string(), self.state_name(&side, state)));
                }
                Slot::Maybe(exit)
                    if maybe.is_none() && (exit.is_some() || !self.read_unassigned(var)) =>
                {
                    maybe = Some((self.name(var), exit));
                }
                _ => {}
            }
        }
        if !lost.is_empty() {
            self.report(errors::leak(at, &lost, why));
        } else if let Some((name, exit)) = maybe {
            self.report(errors::maybe_leak(at, &name, exit, why));
        }
    }

    /// Whether `var` was read where it may not have been assigned.
    pub fn read_unassigned(&self, var: VarIx) -> bool {
        self.vars
            .get(var as usize)
            .is_some_and(|v| v.read_unassigned)
    }

    /// The linear variables of the scopes from `depth` inward.
    pub fn vars_from(&self, depth: usize) -> Vec<VarIx> {
        self.scopes
            .get(depth..)
            .unwrap_or_default()
            .iter()
            .flatten()
            .copied()
            .collect()
    }
}

/// A contract or message looked up once per body, however often it is used.
fn memo<T: Copy>(
    cache: &mut HashMap<Name, Option<T>>,
    name: &Name,
    find: impl FnOnce() -> Option<T>,
) -> Option<T> {
    *cache.entry(*name).or_insert_with(find)
}

/// The span of the last character of `span` (a block's closing brace).
pub fn closing(span: Span) -> Span {
    span.with_range(span.end.saturating_sub(1).max(span.start), span.end)
}

/// The first `len` bytes of `span` (a statement's keyword).
pub fn keyword(span: Span, len: u32) -> Span {
    span.with_range(span.start, span.start.saturating_add(len).min(span.end))
}
