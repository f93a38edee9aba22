//! Bodies: resolves the statements of one method, constructor or `main`
//! block: locals and their scopes (E0106), region blocks (owners and handles
//! in scope), and the top-level names statements mention (E0101).
//! Expressions are in `resolve_expr.rs`.

use crate::db::Db;
use crate::effects::Clause;
use crate::errors;
use crate::facts::{BodyFacts, VarFact};
use crate::ids::{BodyKey, DeclKey};
use crate::resolve_type::{Expect, Resolver};
use crate::scope::{OwnerContext, OwnerScope, Var, VarKind, VarScopes};
use crate::signature::{class_signature, ClassSignature, MemberSig, MethodSig};
use crate::syntax::BodySyntax;
use crate::ty::{OwnerRef, Ty};
use crate::type_errors;
use crate::wf::{WfChecker, WfEnv};
use ownc_lang::ast::{
    AssignOp, BinaryOp, Block, Expr, ExprKind, Ident, ReceiveArm, Stmt, StmtKind, Type,
    ANY_SHARED_KIND,
};
use ownc_lang::{Diagnostic, Span};
use ownc_regions::{Owner, RegionKind};

/// What resolving one body found: its diagnostics, and the facts the flow
/// checkers (definite assignment, linear values) walk the body with.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BodyResolution {
    pub diagnostics: Vec<Diagnostic>,
    /// Types, uses and callees for the flow checkers.
    pub facts: BodyFacts,
}

/// Resolves and types one body, whose block is `syntax`. Called by the
/// per-body query [`crate::check_body`], which runs the flow checkers over
/// the facts it returns.
pub fn resolve_body(db: &dyn Db, body: BodyKey<'_>, syntax: &BodySyntax) -> BodyResolution {
    let item = body.item;
    let resolver = Resolver::new(db, item.program(db), item.file(db));
    let span = syntax.block.span;
    let room = Room::for_body(span.end.saturating_sub(span.start) as usize);
    let mut cx = match body.member {
        None => BodyResolver::for_main(resolver, room),
        Some(member) => {
            let class = class_signature(db, item);
            let decl = item.decl(db);
            match class.members.get(member as usize) {
                Some(MemberSig::Method(sig)) => {
                    BodyResolver::for_member(resolver, decl, class, sig, true, room)
                }
                Some(MemberSig::Constructor(sig)) => {
                    BodyResolver::for_member(resolver, decl, class, sig, false, room)
                }
                Some(MemberSig::Field(_)) | None => return BodyResolution::default(),
            }
        }
    };
    cx.first_syntax_error = syntax.first_syntax_error;
    cx.broken_names = &syntax.broken_names;
    cx.block(&syntax.block);
    cx.facts.returns_value = !matches!(cx.ret, Ty::Void | Ty::Unknown);
    cx.facts.finish();
    cx.facts.linear_values = crate::linear::holds_linear(cx.resolver.index, &cx.facts);
    crate::scratch::recycle_var_scopes(cx.vars);
    if cx.class.is_some() {
        crate::scratch::recycle_class_env(cx.wf);
    }
    BodyResolution {
        diagnostics: cx.resolver.diagnostics,
        facts: cx.facts,
    }
}

/// Room for what the walk of a body records, from the body's length in
/// bytes (a variable use every 16 bytes or so, a declaration or call every
/// 64, and the parameters), so that its lists rarely grow on the way.
#[derive(Clone, Copy)]
struct Room {
    uses: usize,
    vars: usize,
    calls: usize,
}

impl Room {
    fn for_body(bytes: usize) -> Room {
        Room {
            uses: bytes / 16,
            vars: bytes / 64 + 4,
            calls: bytes / 64,
        }
    }

    fn facts(self) -> BodyFacts {
        crate::scratch::facts(self.vars, self.uses, self.calls)
    }

    fn var_scopes(self) -> VarScopes {
        crate::scratch::var_scopes(self.vars)
    }
}

/// The enclosing class of a method or constructor body.
pub(crate) struct EnclosingClass<'db> {
    pub decl: DeclKey,
    pub signature: &'db ClassSignature,
    /// The type of `this`: the class with its own formals (built once, read
    /// at every implicit `this`).
    pub this: Ty,
}

/// Resolution state while walking one body.
pub(crate) struct BodyResolver<'db> {
    pub resolver: Resolver<'db>,
    pub owners: OwnerScope,
    pub vars: VarScopes,
    /// `None` in `main`.
    pub class: Option<EnclosingClass<'db>>,
    /// Where the body's first syntax error is, if it has one: after it, a
    /// declaration may have been dropped, so an unknown variable that a
    /// broken statement names (`broken_names`) is not reported.
    pub first_syntax_error: Option<u32>,
    pub broken_names: &'db [ownc_lang::ast::Name],
    /// The owners in scope and their order, for well-formedness (E0201+).
    pub wf: WfEnv,
    /// The method's name when the body is a heap-free method's (§8): no
    /// type written in it may mention `heap` (E0402).
    pub heap_free: Option<Ident>,
    /// The initialiser of a local whose written type was just reported
    /// E0402 (`Data<heap> d = get();`), and the receivers it is reached
    /// through (`log` in `log.nx`): the heap value it gives is what that
    /// type was written to hold, one mistake, so it is not reported again
    /// (§8: "once per offending declaration or expression").
    pub heap_declared_init: Vec<Span>,
    /// What the flow checkers need to know about this body.
    pub facts: BodyFacts,
    /// What `return` must give: the method's return type (`void` in
    /// constructors and `main`).
    pub ret: Ty,
    /// The method's `accesses` clause, when it has one whose owners are
    /// all known (effects are checked against it, E0401).
    pub clause: Option<Clause<'db>>,
    /// Set while the place of an assignment that is a field is typed, and
    /// taken by that field: `a.length = n` is E0104 (the length of an
    /// array is read-only, as Java's `final` field).
    pub assigning_field: bool,
    /// How many loops enclose the statement being walked: `break` and
    /// `continue` outside every loop are E0001.
    pub loop_depth: u32,
    /// How many string literals outside `print` were met (E0110), and
    /// whether the operand being typed is one of an operator whose
    /// earlier operand already had one: `"a" + "b"` is one mistake (Own
    /// has no string operations), so one E0110.
    pub strings_met: u32,
    pub strings_quiet: bool,
    /// Inside a `switch receive` arm that binds fewer names than its
    /// message carries (E0108): the names it left out, unknown.
    pub missing_bindings: Option<MissingBindings>,
    /// Where the diagnostics of the statement being typed begin, and
    /// whether the next statement continues it (a `for` loop's step,
    /// which belongs to its head): a name missing several times in one
    /// statement is one mistake (see [`Self::report_once`]).
    pub statement_from: usize,
    pub same_statement: bool,
    /// The owners this body reported of the wrong kind for their formal
    /// in a written type (E0206): a thread handed a value that mentions
    /// one is not also E0403 for it (`threads.rs`).
    pub wrong_kinds: Vec<Owner>,
    /// The outermost `new` or call being typed whose owners were omitted
    /// and are being inferred (§9), from its class or method name to its
    /// last argument: its arguments and theirs are one inference, so it
    /// reports E0207 once (see [`Self::report_cannot_infer`]).
    pub inference_root: Option<Span>,
}

/// The bindings a `switch receive` arm left out (E0108 at the arm): what
/// they were to be called is unknown, so the first unknown names used in
/// the arm, as many as are missing, are taken to be them (of unknown
/// type, not reported); further unknown names are other mistakes (E0107).
#[derive(Clone, Default)]
pub(crate) struct MissingBindings {
    left: usize,
    taken: Vec<String>,
}

impl<'db> BodyResolver<'db> {
    fn for_main(resolver: Resolver<'db>, room: Room) -> Self {
        BodyResolver {
            resolver,
            owners: OwnerScope::new(OwnerContext::Main, Vec::new()),
            vars: room.var_scopes(),
            class: None,
            first_syntax_error: None,
            broken_names: &[],
            wf: WfEnv::empty(),
            heap_free: None,
            heap_declared_init: Vec::new(),
            facts: room.facts(),
            ret: Ty::Void,
            clause: None,
            assigning_field: false,
            loop_depth: 0,
            strings_met: 0,
            strings_quiet: false,
            missing_bindings: None,
            statement_from: 0,
            same_statement: false,
            wrong_kinds: Vec::new(),
            inference_root: None,
        }
    }

    /// A method (with its owner formals in scope) or a constructor body;
    /// its parameters are the outermost variables.
    fn for_member(
        resolver: Resolver<'db>,
        decl: DeclKey,
        signature: &'db ClassSignature,
        sig: &'db MethodSig,
        is_method: bool,
        room: Room,
    ) -> Self {
        // The body's own class is the one it looks members up in most.
        resolver.classes.seed(decl, signature);
        let mut owners = OwnerScope::new(OwnerContext::Class, signature.formals.clone());
        // `this` is never labelled in an explanation, so its origin is moot.
        let mut wf = crate::scratch::class_env(signature, Span::default());
        let mut heap_free = None;
        let mut clause = None;
        if is_method {
            wf.enter_method(sig);
            owners.set_method_formals(sig.formals.to_vec());
            clause = method_clause(&wf, sig);
            // Heap-free (`is_heap_free`) exactly when its clause, whose
            // owners are all known, leaves `heap` out.
            heap_free = clause
                .as_ref()
                .is_some_and(|c| crate::threads::lists_no_heap(&wf, &c.listed))
                .then(|| sig.name.clone());
        }
        let mut cx = BodyResolver {
            resolver,
            owners,
            vars: room.var_scopes(),
            class: Some(EnclosingClass {
                decl,
                signature,
                this: Ty::Class(own_type(decl, signature)),
            }),
            first_syntax_error: None,
            broken_names: &[],
            wf,
            heap_free,
            heap_declared_init: Vec::new(),
            facts: room.facts(),
            ret: Ty::Void,
            clause,
            assigning_field: false,
            loop_depth: 0,
            strings_met: 0,
            strings_quiet: false,
            missing_bindings: None,
            statement_from: 0,
            same_statement: false,
            wrong_kinds: Vec::new(),
            inference_root: None,
        };
        // A parameter or result declared with an ill-formed type (E0201,
        // E0202, E0206 in the signature) is erroneous in the body.
        let declared = |cx: &Self, ty: &Ty, at: Span| {
            if cx.erroneous_declared(ty, at) {
                Ty::Unknown
            } else {
                ty.clone()
            }
        };
        if is_method {
            cx.ret = declared(&cx, &sig.ret, sig.name.span);
        }
        for param in &sig.params {
            let ty = declared(&cx, &param.ty, param.name.span);
            // A repeated parameter was reported with the signature.
            let _ = cx.record_var(&param.name, VarKind::Param, ty);
        }
        cx
    }

    pub(crate) fn block(&mut self, block: &Block) {
        self.vars.push();
        for stmt in &block.stmts {
            self.stmt(stmt);
        }
        self.vars.pop();
    }

    /// The diagnostics reported so far in the statement being typed.
    fn statement_diagnostics(&self) -> &[Diagnostic] {
        self.resolver
            .diagnostics
            .get(self.statement_from..)
            .unwrap_or_default()
    }

    /// Reports `diagnostic` (an unknown variable, field or method) unless
    /// the same was reported in this statement: `totl = totl + 1;` with no
    /// `totl` declared, or `d.w = d.w + 1.0;` with no field `w`, is one
    /// mistake, reported at its first use (a later statement reports it
    /// again, as javac and rustc do).
    pub(crate) fn report_once(&mut self, diagnostic: Diagnostic) {
        let statement = self.statement_diagnostics();
        let again = statement
            .iter()
            .any(|d| d.code == diagnostic.code && d.message == diagnostic.message);
        if !again {
            self.resolver.report(diagnostic);
        }
    }

    /// E0207 for the `new` or call whose owners were omitted spanning
    /// `whole` (its name to its last argument), unless one was already
    /// reported in the same inference: within `whole`, or within the
    /// outermost enclosing `new` or call whose owners are being inferred.
    /// `var p = new Pair(new Data(), new Data());` forgets the owners
    /// once (writing `new Pair<r, r>` gives every nested value its own),
    /// so it is one E0207, at the first value that could not be inferred,
    /// as `two(new Data(), new Data())` is.
    pub(crate) fn report_cannot_infer(&mut self, whole: Span, diagnostic: Diagnostic) {
        let root = self.inference_root.unwrap_or(whole);
        let statement = self.statement_diagnostics();
        let again = statement.iter().any(|d| {
            d.code == crate::type_errors::CANNOT_INFER
                && root.start <= d.primary.span.start
                && d.primary.span.end <= root.end
        });
        if !again {
            self.resolver.report(diagnostic);
        }
    }

    /// Types `args` of the `new` or call spanning `whole`, whose owners
    /// are being inferred when `inferring`, as part of the outermost such
    /// inference (see [`Self::report_cannot_infer`]).
    pub(crate) fn with_inference_root<T>(
        &mut self,
        whole: Span,
        inferring: bool,
        f: impl FnOnce(&mut Self) -> T,
    ) -> T {
        let outer = self.inference_root;
        if inferring && outer.is_none() {
            self.inference_root = Some(whole);
        }
        let result = f(self);
        self.inference_root = outer;
        result
    }

    /// A statement in a position of its own (a branch or loop body): what
    /// it declares does not outlive it.
    fn nested(&mut self, stmt: &Stmt) {
        self.vars.push();
        self.stmt(stmt);
        self.vars.pop();
    }

    fn stmt(&mut self, stmt: &Stmt) {
        self.begin_effects(stmt.span);
        if !std::mem::take(&mut self.same_statement) {
            self.statement_from = self.resolver.diagnostics.len();
        }
        match &stmt.kind {
            StmtKind::Block(block) => self.block(block),
            StmtKind::Local(local) => {
                self.local(local.ty.as_ref(), &local.name, local.init.as_ref())
            }
            StmtKind::Open(open) => self.open(&open.first, &open.second, &open.contract),
            StmtKind::Assign(assign) => self.assign(&assign.place, assign.op, &assign.value),
            StmtKind::Expr(expr) => {
                self.expr(expr);
            }
            StmtKind::If(stmt) => {
                self.condition(&stmt.cond);
                self.nested(&stmt.then_branch);
                if let Some(else_branch) = &stmt.else_branch {
                    self.nested(else_branch);
                }
            }
            StmtKind::While(stmt) => {
                self.condition(&stmt.cond);
                self.loop_body(&stmt.body);
            }
            StmtKind::For(stmt) => self.for_loop(
                stmt.init.as_ref(),
                stmt.cond.as_ref(),
                stmt.step.as_ref(),
                &stmt.body,
            ),
            StmtKind::Return(value) => self.return_stmt(value.as_ref(), stmt.span),
            StmtKind::Break => self.jump(stmt.span, "break"),
            StmtKind::Continue => self.jump(stmt.span, "continue"),
            StmtKind::Error => {}
            StmtKind::Region(region) => {
                let kind = match &region.kind {
                    Some(kind) if kind.name.as_str() == ANY_SHARED_KIND => RegionKind::AnyShared,
                    Some(kind) => self
                        .resolver
                        .region_kind_id(kind)
                        .map_or(RegionKind::Unknown, RegionKind::Shared),
                    None => RegionKind::Local,
                };
                self.wf.open_region(&region.name, kind);
                self.region(&region.name, &region.body);
                self.wf.close_region();
            }
            StmtKind::Subregion(sub) => {
                let handle = self.expr(&sub.handle);
                let kind = self.subregion_kind(&handle, &sub.sub);
                let parent = match handle {
                    Ty::Handle(owner) => Some(owner),
                    _ => None,
                };
                self.wf.enter_subregion(&sub.name, parent.as_ref(), kind);
                self.region(&sub.name, &sub.body);
                self.wf.close_region();
            }
            StmtKind::Fork { call, realtime } => self.fork(call, *realtime),
            StmtKind::Print(values) => self.print(values),
            StmtKind::Send(send) => {
                self.endpoint_operand(&send.endpoint, "`send`");
                let payload = self.message_payload(&send.message);
                self.payload_args(&send.message, payload.as_deref(), &send.args);
            }
            StmtKind::Close(close) => {
                self.endpoint_operand(&close.first, "`close`");
                self.endpoint_operand(&close.second, "`close`");
            }
            StmtKind::SwitchReceive(switch) => {
                self.endpoint_operand(&switch.endpoint, "`switch receive`");
                for (i, arm) in switch.arms.iter().enumerate() {
                    self.duplicate_arm(&switch.arms[..i], &arm.message);
                    self.receive_arm(arm);
                }
            }
        }
    }

    /// A loop's body, where `break` and `continue` have a loop to leave.
    fn loop_body(&mut self, body: &Stmt) {
        self.loop_depth += 1;
        self.nested(body);
        self.loop_depth -= 1;
    }

    /// `break` or `continue` (`what`): E0001 outside every loop.
    ///
    /// Not after the body's first syntax error: a loop head that did not
    /// parse (`for int i = 0; …) {`, `while x < 3) {`) leaves its body a
    /// plain block, and its `break` is that one mistake again.
    fn jump(&mut self, span: Span, what: &str) {
        let after_syntax_error = self.first_syntax_error.is_some_and(|at| at <= span.start);
        if self.loop_depth == 0 && !after_syntax_error {
            self.resolver.report(errors::jump_outside_loop(span, what));
        }
    }

    /// The condition of an `if`, `while` or `for` (E0110 unless `bool`).
    fn condition(&mut self, cond: &Expr) {
        self.expect_type(cond, &Ty::Bool, "the condition");
    }

    /// `place = value;` and `place op= value;`.
    fn assign(&mut self, place: &Expr, op: AssignOp, value: &Expr) {
        self.assigning_field = matches!(place.kind, ExprKind::Field { .. });
        let target = self.expr(place);
        self.assigning_field = false;
        match op {
            AssignOp::Set => {
                // A local whose written type mentions `heap` was E0402 at
                // its declaration, in a heap-free method: the heap value
                // stored into it is that mistake again, as its initialiser
                // would be (`d = receive(f, Req);` after `Data<heap> d;`).
                let excused = self.heap_free.is_some() && self.is_heap_local(place);
                self.expect_stored(value, &target, excused, "the assigned value");
            }
            _ => {
                let found = self.expr(value);
                let bin = match op {
                    AssignOp::Add => BinaryOp::Add,
                    AssignOp::Sub => BinaryOp::Sub,
                    AssignOp::Mul => BinaryOp::Mul,
                    AssignOp::Set | AssignOp::Div => BinaryOp::Div,
                };
                let span = place.span.to(value.span);
                self.binary(bin, target, found, span, (place.span, value.span));
            }
        }
    }

    /// [`Self::expect_type`] for a value stored into a local; `excused`
    /// when the local's written type was reported E0402 (in a heap-free
    /// method), so the heap values of `value` and the receivers it is
    /// reached through are that mistake again and not reported (see
    /// `heap_declared_init`).
    fn expect_stored(
        &mut self,
        value: &Expr,
        ty: &Ty,
        excused: bool,
        what: impl std::fmt::Display,
    ) -> Ty {
        let excuse = if excused { spine(value) } else { Vec::new() };
        let outer = std::mem::replace(&mut self.heap_declared_init, excuse);
        let found = self.expect_type(value, ty, what);
        self.heap_declared_init = outer;
        found
    }

    /// Whether `place` names a local whose type mentions `heap`.
    fn is_heap_local(&self, place: &Expr) -> bool {
        let ExprKind::Name(name) = &place.kind else {
            return false;
        };
        self.vars.lookup(*name).is_some_and(|var| {
            matches!(var.kind, VarKind::Local) && crate::threads::mentions_heap(&var.ty)
        })
    }

    /// `return;` and `return e;` against the method's return type.
    fn return_stmt(&mut self, value: Option<&Expr>, span: Span) {
        let ret = self.ret.clone();
        match (value, &ret) {
            (Some(value), Ty::Void) => {
                let found = self.expr(value);
                // A value of unknown type comes from an earlier error (a
                // broken declaration, an unknown name): reported there.
                if matches!(found, Ty::Unknown) {
                    return;
                }
                let shown = self.show(&found);
                self.resolver
                    .report(type_errors::bad_return(value.span, "void", &shown));
            }
            (Some(value), _) => {
                self.expect_type(value, &ret, "the returned value");
            }
            (None, Ty::Void | Ty::Unknown) => {}
            (None, _) => {
                let shown = self.show(&ret);
                self.resolver
                    .report(type_errors::bad_return(span, &shown, "void"));
            }
        }
    }

    /// `print(e, …)`: string literals, ints, floats and bools.
    fn print(&mut self, values: &[Expr]) {
        for value in values {
            if matches!(value.kind, ExprKind::Str(_)) {
                continue;
            }
            let ty = self.expr(value);
            if !matches!(ty, Ty::Int | Ty::Float | Ty::Bool | Ty::Unknown) {
                let shown = self.show(&ty);
                self.resolver
                    .report(type_errors::not_printable(value.span, &shown));
            }
        }
    }

    /// The arguments of `send(e, M(args))` against M's payload.
    fn payload_args(&mut self, message: &Ident, payload: Option<&[Ty]>, args: &[Expr]) {
        // An unknown message (E0101) or a payload count that does not
        // match (E0108): what each value should be is unknown, so one
        // written without owners is not also E0207 (§9).
        let Some(payload) = payload else {
            for arg in args {
                self.expr_with(arg, Some(&Ty::Unknown));
            }
            return;
        };
        if payload.len() != args.len() {
            if crate::resolve_call::count_known(args) {
                let callee = format!("message `{}`", message.name);
                self.resolver.report(errors::wrong_argument_count(
                    message.span,
                    &callee,
                    payload.len(),
                    args.len(),
                ));
            }
            for arg in args {
                self.expr_with(arg, Some(&Ty::Unknown));
            }
            return;
        }
        for (arg, ty) in args.iter().zip(payload) {
            let name = &message.name;
            self.expect_type(arg, ty, format_args!("the payload of `{name}`"));
        }
    }

    /// `T x [= e];` and `var x = e;`. As in Java, a typed local is in scope
    /// in its own initialiser (reading it there is the definite-assignment
    /// checker's E0112, not an unknown variable); a `var` is not, since its
    /// type comes from the initialiser. A bare class name takes its owners
    /// from the initialiser (§9).
    fn local(&mut self, ty: Option<&Type>, name: &Ident, init: Option<&Expr>) {
        match ty {
            Some(written) => {
                let ty = self.resolver.resolve_type(&self.owners, written);
                let well_formed = self.check_wf(written, &ty);
                let heap_written = self.check_heap_free_type(written, &ty);
                // An ill-formed type (E0201, E0202, E0206 where it is
                // written) is an erroneous one: the local's uses, its
                // initialiser included, report nothing more about it
                // (mismatches, effects on its misplaced owners).
                let ty = if well_formed { ty } else { Ty::Unknown };
                let decl = self.facts.vars.len();
                self.declare(name, VarKind::Local, ty.clone());
                if let Some(init) = init {
                    let uses = self.facts.uses.len();
                    let what = &name.name;
                    let found = self.expect_stored(
                        init,
                        &ty,
                        heap_written,
                        format_args!("the initialiser of `{what}`"),
                    );
                    // In scope in its own initialiser, where it is not
                    // assigned yet (`int x = x + 1;`).
                    let read_in_init = self.facts.uses.get(uses..).unwrap_or_default();
                    if read_in_init.iter().any(|&(_, d)| d == name.span.start) {
                        self.facts.may_read_unassigned = true;
                    }
                    if let Some(inferred) = self.owners_from(&ty, &found) {
                        self.refine_var(name, decl, inferred);
                        return;
                    } else if matches!(found, Ty::Null) && self.omits_owners(&ty) {
                        self.resolver
                            .report(type_errors::bare_from_null(name.span, &name.name));
                    }
                } else {
                    self.facts.may_read_unassigned = true;
                    if self.omits_owners(&ty) {
                        // §9 takes a bare local's owners from its
                        // initialiser only; without one, nothing gives them.
                        self.resolver
                            .report(type_errors::bare_without_initialiser(name.span, &name.name));
                    }
                }
                // Owners omitted and not inferred (E0207 here, or an
                // initialiser already in error) match anything from now
                // on: `Data e;` then `e = new Data();` is one E0207.
                if let Some(erroneous) = self.erroneous_owners(&ty) {
                    self.refine_var(name, decl, erroneous);
                }
            }
            None => {
                let ty = init.map_or(Ty::Unknown, |init| self.expr(init));
                let ty = match ty {
                    Ty::Null => {
                        self.resolver
                            .report(type_errors::var_from_null(name.span, &name.name));
                        Ty::Unknown
                    }
                    Ty::Void => {
                        if let Some(init) = init {
                            let d = type_errors::mismatch(
                                init.span,
                                "a value",
                                "void",
                                &format!("the initialiser of `{}`", name.name),
                            );
                            self.resolver.report(d);
                        }
                        Ty::Unknown
                    }
                    ty => ty,
                };
                self.declare(name, VarKind::Local, ty);
            }
        }
    }

    /// Whether `ty` is an ordinary class written without its owners, or
    /// an array of one: `T x = null;` then has nothing to take them from
    /// (§9), E0207 like `var x = null;`. An rref class has no owners to
    /// omit.
    fn omits_owners(&self, ty: &Ty) -> bool {
        if self.bare_elem(ty).is_some() {
            return true;
        }
        let Ty::Class(class) = ty else {
            return false;
        };
        class.owners.is_none() && !self.resolver.classes.signature(class.decl).is_rref
    }

    /// `ty`, a class or array type whose (element) class omits its
    /// owners, with owners in error (reported once, then accepted by every
    /// check); `None` when `ty` omits none.
    fn erroneous_owners(&self, ty: &Ty) -> Option<Ty> {
        let class = match ty {
            _ if self.bare_elem(ty).is_some() => self.bare_elem(ty)?,
            Ty::Class(class) if self.omits_owners(ty) => class.clone(),
            _ => return None,
        };
        let arity = self.resolver.classes.signature(class.decl).formals.len();
        let owners: std::sync::Arc<[OwnerRef]> = vec![OwnerRef::Error; arity].into();
        Some(crate::resolve_call::with_elem_owners(ty, owners))
    }

    /// `T x = e` with `T` a bare class name: `x`'s owners are those of
    /// `e`'s type seen as a `T`.
    fn owners_from(&self, declared: &Ty, found: &Ty) -> Option<Ty> {
        if self.bare_elem(declared).is_some() {
            // `T[]<o> x = e;`: arrays are invariant, so the element owners
            // are those of e's elements.
            return match crate::resolve_call::elem_owners(declared, found) {
                crate::resolve_call::ElemOwners::Found(owners) => {
                    Some(crate::resolve_call::with_elem_owners(declared, owners))
                }
                _ => None,
            };
        }
        let (Ty::Class(declared), Ty::Class(found)) = (declared, found) else {
            return None;
        };
        if declared.owners.is_some() {
            return None;
        }
        let up = crate::subtype::upcast(&self.resolver.classes, found, declared.decl)?;
        up.owners.is_some().then_some(Ty::Class(up))
    }

    /// Gives the variable declared as fact `decl` (named `name`) its
    /// inferred type.
    fn refine_var(&mut self, name: &Ident, decl: usize, ty: Ty) {
        if let Some(var) = self.vars.lookup_mut(name.name) {
            if var.span == name.span {
                var.ty = ty.clone();
            }
        }
        if let Some(fact) = self.facts.vars.get_mut(decl) {
            if fact.decl == name.span.start {
                fact.ty = ty;
            }
        }
    }

    /// `var (a, b) = open C;`: `a : chan<C>`, `b : chan<~C>`.
    fn open(&mut self, first: &Ident, second: &Ident, contract: &Ident) {
        self.facts.opens_or_receives = true;
        let known = self.resolver.lookup(contract, Expect::Contract).is_some();
        let endpoint = |dual| {
            if known {
                Ty::Chan {
                    contract: contract.name,
                    dual,
                    state: None,
                }
            } else {
                Ty::Unknown
            }
        };
        self.declare(first, VarKind::Binding, endpoint(false));
        self.declare(second, VarKind::Binding, endpoint(true));
    }

    /// `for (init; cond; step) body`: `init`'s declarations are in scope in
    /// the rest of the loop only.
    fn for_loop(
        &mut self,
        init: Option<&Stmt>,
        cond: Option<&Expr>,
        step: Option<&Stmt>,
        body: &Stmt,
    ) {
        self.vars.push();
        let head = self.statement_from;
        if let Some(init) = init {
            self.stmt(init);
        }
        if let Some(cond) = cond {
            self.condition(cond);
        }
        self.loop_body(body);
        if let Some(step) = step {
            // `for (k = 0; k < n; k = k + 1)` without a declared `k` is
            // one mistake in one head.
            self.statement_from = head;
            self.same_statement = true;
            self.nested(step);
        }
        self.vars.pop();
    }

    /// `region r … { body }` and `region r = h.sub { body }`: inside, `r` is
    /// an owner and, as a value, the region's handle of type `Handle<r>`.
    fn region(&mut self, name: &Ident, body: &Block) {
        self.vars.push();
        let handle = Ty::Handle(OwnerRef::Region(name.name));
        self.declare(name, VarKind::Region, handle);
        self.owners.push_region(name.name);
        self.block(body);
        self.owners.pop_region();
        self.vars.pop();
    }

    /// E0106 when an earlier arm of the same `switch receive` already
    /// handles `message`: the later arm could never run (a duplicate `case`
    /// label in Java).
    fn duplicate_arm(&mut self, earlier: &[ReceiveArm], message: &Ident) {
        if let Some(first) = earlier.iter().find(|a| a.message.name == message.name) {
            self.resolver.report(errors::duplicate(
                "an arm for message",
                &message.name,
                message.span,
                first.message.span,
                None,
            ));
        }
    }

    /// `M(x, y) => { … }`: the bindings, of M's payload types, are in
    /// scope in the arm's block.
    fn receive_arm(&mut self, arm: &ReceiveArm) {
        let payload = self.message_payload(&arm.message);
        if let Some(payload) = &payload {
            if payload.len() != arm.bindings.len() {
                let callee = format!("message `{}`", arm.message.name);
                self.resolver.report(errors::wrong_argument_count(
                    arm.message.span,
                    &callee,
                    payload.len(),
                    arm.bindings.len(),
                ));
            }
        }
        self.vars.push();
        for (i, binding) in arm.bindings.iter().enumerate() {
            let mut ty = payload
                .as_ref()
                .and_then(|p| p.get(i).cloned())
                .unwrap_or(Ty::Unknown);
            // A binding holds the received value, as `receive(f, M)` gives
            // it: in a heap-free method one of a type mentioning `heap` is
            // a heap reference held (§8), E0402 at the binding, once; it is
            // then of unknown type, so its uses say nothing more (no E0401
            // or E0110 on the owners it was reported for).
            if self.heap_free.is_some() && crate::threads::mentions_heap(&ty) {
                self.report_heap_value(binding.span, &ty);
                ty = Ty::Unknown;
            }
            self.declare(binding, VarKind::Binding, ty);
        }
        let missing = payload.map_or(0, |p| p.len().saturating_sub(arm.bindings.len()));
        let outer = self.missing_bindings.clone();
        if missing > 0 {
            let mut inner = outer.clone().unwrap_or_default();
            inner.left += missing;
            self.missing_bindings = Some(inner);
        }
        self.block(&arm.body);
        self.missing_bindings = outer;
        self.vars.pop();
    }

    /// Whether the unknown variable `name` is taken to be a binding that
    /// the enclosing `switch receive` arm left out (see
    /// [`MissingBindings`]): then it is not reported.
    pub(crate) fn missing_binding(&mut self, name: &str) -> bool {
        let Some(missing) = &mut self.missing_bindings else {
            return false;
        };
        if missing.taken.iter().any(|n| n == name) {
            return true;
        }
        if missing.left == 0 {
            return false;
        }
        missing.left -= 1;
        missing.taken.push(name.to_string());
        true
    }

    /// Reports what is wrong with a written type's owners (E0201, E0202,
    /// E0206) where it is written; true when nothing is.
    pub(crate) fn check_wf(&mut self, written: &Type, ty: &Ty) -> bool {
        let checker = WfChecker::new(&self.resolver, &self.wf);
        let found = checker.check(written, ty);
        let wrong_kinds = checker.into_wrong_kinds();
        self.report_wf(found, wrong_kinds)
    }

    /// Reports what [`WfChecker`] found in a written type, and notes the
    /// owners it found of the wrong kind; true when it found nothing.
    pub(crate) fn report_wf(&mut self, found: Vec<Diagnostic>, wrong_kinds: Vec<Owner>) -> bool {
        self.wrong_kinds.extend(wrong_kinds);
        let well_formed = found.is_empty();
        self.resolver.diagnostics.extend(found);
        well_formed
    }

    /// Declares a variable, or reports it as redeclared (E0106).
    fn declare(&mut self, name: &Ident, kind: VarKind, ty: Ty) {
        if let Err(first) = self.record_var(name, kind, ty) {
            self.resolver.report(errors::redeclared(
                &name.name,
                name.span,
                first.span,
                first.kind.describe(),
            ));
        }
    }

    /// Declares a variable in scope and in the body's facts; a clash
    /// returns the declaration it clashes with, and the new one still
    /// hides it for the rest of its scope (one mistake, one error).
    fn record_var(&mut self, name: &Ident, kind: VarKind, ty: Ty) -> Result<(), Var> {
        let var = Var {
            name: name.name,
            span: name.span,
            kind,
            ty: ty.clone(),
        };
        let declared = self.vars.declare(var);
        self.facts.vars.push(VarFact {
            decl: name.span.start,
            name: name.name,
            kind,
            ty,
        });
        declared
    }
}

/// The `accesses` clause of `sig`, when it has one whose owners are all
/// known (an owner that is not in scope was reported, and the clause then
/// promises nothing sure).
fn method_clause<'db>(wf: &WfEnv, sig: &'db MethodSig) -> Option<Clause<'db>> {
    let written = sig.accesses.as_ref()?;
    let listed = wf.clause_owners(written)?;
    Some(Clause {
        sig,
        listed,
        reported: Vec::new(),
        statement: u32::MAX,
    })
}

/// A class with its own formals as owners: the type of `this` in its
/// bodies, and the template of a `new` whose owners are inferred.
pub(crate) fn own_type(decl: DeclKey, sig: &ClassSignature) -> crate::ty::ClassTy {
    let owners = (!sig.is_rref).then(|| own_formals(sig.formals.len()));
    crate::ty::ClassTy {
        decl,
        name: sig.name,
        owners,
    }
}

/// `ClassFormal(0)`, …, `ClassFormal(count - 1)`: the owners of a class's
/// own type, the same for every class of `count` formals. Counts up to
/// [`SHARED_FORMALS`] share one list for the whole process, so a body's
/// type of `this` allocates nothing.
fn own_formals(count: usize) -> std::sync::Arc<[OwnerRef]> {
    static SHARED: std::sync::OnceLock<Vec<std::sync::Arc<[OwnerRef]>>> =
        std::sync::OnceLock::new();
    let make = |count: usize| -> std::sync::Arc<[OwnerRef]> {
        (0..count)
            .map(|i| OwnerRef::ClassFormal(u32::try_from(i).unwrap_or(u32::MAX)))
            .collect()
    };
    let shared = SHARED.get_or_init(|| (0..=SHARED_FORMALS).map(make).collect());
    match shared.get(count) {
        Some(owners) => owners.clone(),
        None => make(count),
    }
}

/// How many formals a class may have for [`own_formals`] to share its list
/// (classes seldom have more than a few).
const SHARED_FORMALS: usize = 8;

/// The spans of `expr` and of the receivers it is reached through
/// (`a.b.c`: `a.b.c`, `a.b`, `a`; a call's receiver; an array indexed).
fn spine(expr: &Expr) -> Vec<Span> {
    let mut spans = vec![expr.span];
    let mut at = expr;
    loop {
        at = match &at.kind {
            ExprKind::Field(access) => &access.object,
            ExprKind::Index { array, .. } => array,
            ExprKind::Call(call) => match &call.receiver {
                Some(receiver) => receiver,
                None => break,
            },
            _ => break,
        };
        spans.push(at.span);
    }
    spans
}
