//! Anchoring: rewrites a parsed file's spans from absolute offsets to
//! offsets relative to an *anchor*, the start of one declaration's header
//! or of one class member (`main`, region kinds, messages and contracts are
//! one anchor each; a class has one for its header and one per member).
//!
//! Why: the checker memoizes per declaration and per body, and salsa reuses
//! a result when the tree it was computed from is equal to the new one.
//! With absolute spans, typing one character in a method body would shift
//! every later node and make every later tree unequal; with anchored spans,
//! only the edited member's tree changes (as long as no declaration or
//! member is added or removed before it, which renumbers the anchors).
//! Diagnostics computed from anchored trees carry anchored spans; the
//! [`Anchors`] table of the file turns them back into absolute ones.

use crate::ast::*;
use crate::span::Span;
use std::sync::Arc;

/// Where each anchor of a file starts: anchor `i` at byte `bases[i]`
/// (anchor 0 is the start of the file).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Anchors {
    bases: Vec<u32>,
}

impl Anchors {
    /// The absolute span of a span of this file.
    pub fn absolute(&self, span: Span) -> Span {
        let base = self.bases.get(span.anchor as usize).copied().unwrap_or(0);
        Span {
            start: span.start.saturating_add(base),
            end: span.end.saturating_add(base),
            anchor: 0,
        }
    }

    /// How many anchors the file has, the start of the file included.
    pub fn len(&self) -> usize {
        self.bases.len()
    }

    /// Never true for the anchors of a file, which start with the file's.
    pub fn is_empty(&self) -> bool {
        self.bases.is_empty()
    }

    /// Where anchor `anchor` starts.
    pub fn base(&self, anchor: u32) -> u32 {
        self.bases.get(anchor as usize).copied().unwrap_or(0)
    }

    /// A new anchor at `base`, in a table whose first anchor is number
    /// `first` (the table of a run of declarations, see [`anchor_file`]).
    fn push_numbered(&mut self, first: u32, base: u32) -> Rebase {
        let index = u32::try_from(self.bases.len()).unwrap_or(u32::MAX);
        self.bases.push(base);
        Rebase {
            anchor: first.saturating_add(index),
            base,
        }
    }
}

/// Rewrites every span of `file` (absolute, as parsed) relative to its
/// anchor, and returns the anchors.
///
/// A large file's declarations are rewritten on the [`crate::workers`]
/// threads, in runs of whole declarations: anchors are numbered in source
/// order, so each run starts at the number its predecessors leave, and the
/// result is that of one thread.
pub fn anchor_file(file: &mut SourceFile) -> Anchors {
    let runs = crate::workers::threads()
        .min(file.items.len() / MIN_RUN_ITEMS)
        .max(1);
    let per_run = file.items.len().div_ceil(runs).max(1);
    let mut next = 1;
    let mut slots = Vec::new();
    for run in file.items.chunks_mut(per_run) {
        let first = next;
        next += run.iter().map(anchor_count).sum::<u32>();
        slots.push(std::sync::Mutex::new((first, run)));
    }
    let bases = crate::workers::map_indices(
        slots.len(),
        1,
        || (),
        |_, i| {
            let mut anchors = Anchors { bases: Vec::new() };
            let slot = slots.get(i).and_then(|slot| slot.lock().ok());
            if let Some(mut slot) = slot {
                let (first, run) = &mut *slot;
                for item in run.iter_mut() {
                    anchor_item(item, *first, &mut anchors);
                }
            }
            anchors.bases
        },
    );
    let mut anchors = Anchors { bases: vec![0] };
    anchors.bases.extend(bases.into_iter().flatten());
    anchors
}

/// Declarations per run below which anchoring stays on one thread.
const MIN_RUN_ITEMS: usize = 256;

/// The anchors `item` takes: one for its header, one per class member.
fn anchor_count(item: &Item) -> u32 {
    match item {
        Item::Class(class) => 1 + u32::try_from(class.members.len()).unwrap_or(u32::MAX - 1),
        Item::RegionKind(_) | Item::Message(_) | Item::Contract(_) | Item::Main(_) => 1,
    }
}

/// Anchors one declaration, appending its anchors to `anchors`, the table
/// of a run of declarations whose first anchor is number `first`.
fn anchor_item(item: &mut Item, first: u32, anchors: &mut Anchors) {
    let header = anchors.push_numbered(first, item.span().start);
    match item {
        Item::Class(class) => {
            header.span(&mut class.span);
            header.ident(&mut class.name);
            class.formals.iter_mut().for_each(|f| header.formal(f));
            if let Some(extends) = &mut class.extends {
                header.span(&mut extends.span);
                header.ident(&mut extends.name);
                header.owners(extends.owners.as_deref_mut());
            }
            class
                .where_clauses
                .iter_mut()
                .for_each(|c| header.constraint(c));
            for member in &mut class.members {
                let r = anchors.push_numbered(first, member.span().start);
                r.member(member);
            }
        }
        Item::RegionKind(kind) => header.region_kind(kind),
        Item::Message(message) => {
            header.span(&mut message.span);
            header.ident(&mut message.name);
            message.payload.iter_mut().for_each(|t| header.ty(t));
        }
        Item::Contract(contract) => header.contract(contract),
        Item::Main(main) => {
            header.span(&mut main.span);
            header.block(Arc::make_mut(&mut main.body));
        }
    }
}

/// Rewrites spans into one anchor.
#[derive(Clone, Copy)]
struct Rebase {
    anchor: u32,
    base: u32,
}

impl Rebase {
    fn span(self, span: &mut Span) {
        *span = Span {
            start: span.start.saturating_sub(self.base),
            end: span.end.saturating_sub(self.base),
            anchor: self.anchor,
        };
    }

    fn ident(self, ident: &mut Ident) {
        self.span(&mut ident.span);
    }

    fn owner(self, owner: &mut Owner) {
        self.span(&mut owner.span);
    }

    fn owners(self, owners: Option<&mut [Owner]>) {
        owners.into_iter().flatten().for_each(|o| self.owner(o));
    }

    fn formal(self, formal: &mut Formal) {
        self.span(&mut formal.span);
        self.ident(&mut formal.name);
        if let FormalKind::Kind(kind) = &mut formal.kind {
            self.ident(kind);
        }
    }

    fn constraint(self, c: &mut Constraint) {
        self.span(&mut c.span);
        self.owner(&mut c.left);
        self.owner(&mut c.right);
    }

    fn ty(self, ty: &mut Type) {
        self.span(&mut ty.span);
        match &mut ty.kind {
            TypeKind::Class { name, owners } => {
                self.ident(name);
                self.owners(owners.as_deref_mut());
            }
            TypeKind::Array { elem, owner } => {
                self.ty(elem);
                if let Some(owner) = owner {
                    self.owner(owner);
                }
            }
            TypeKind::Handle(owner) => self.owner(owner),
            TypeKind::Chan(chan) => {
                self.ident(&mut chan.contract);
                if let Some(state) = &mut chan.state {
                    self.ident(state);
                }
            }
            TypeKind::Int | TypeKind::Float | TypeKind::Bool | TypeKind::Void | TypeKind::Error => {
            }
        }
    }

    fn params(self, params: &mut [Param]) {
        for param in params {
            self.span(&mut param.span);
            self.ty(&mut param.ty);
            self.ident(&mut param.name);
        }
    }

    fn member(self, member: &mut Member) {
        match member {
            Member::Field(field) => {
                self.span(&mut field.span);
                self.ty(&mut field.ty);
                self.ident(&mut field.name);
            }
            Member::Constructor(ctor) => {
                self.span(&mut ctor.span);
                self.ident(&mut ctor.name);
                self.params(&mut ctor.params);
                self.block(Arc::make_mut(&mut ctor.body));
            }
            Member::Method(method) => {
                self.span(&mut method.span);
                // The parser's tree is the header's only holder yet.
                let header = Arc::make_mut(&mut method.header);
                self.ty(&mut header.ret);
                self.ident(&mut header.name);
                header.formals.iter_mut().for_each(|f| self.formal(f));
                self.params(&mut header.params);
                self.owners(header.accesses.as_deref_mut());
                header
                    .where_clauses
                    .iter_mut()
                    .for_each(|c| self.constraint(c));
                self.block(Arc::make_mut(&mut method.body));
            }
        }
    }

    fn region_kind(self, kind: &mut RegionKindDecl) {
        self.span(&mut kind.span);
        self.ident(&mut kind.name);
        for member in &mut kind.members {
            match member {
                RegionKindMember::Portal { ty, name, span } => {
                    self.ty(ty);
                    self.ident(name);
                    self.span(span);
                }
                RegionKindMember::Subregion {
                    kind,
                    name,
                    policy,
                    span,
                } => {
                    self.ident(kind);
                    self.ident(name);
                    if let Some(policy) = policy {
                        self.policy(policy);
                    }
                    self.span(span);
                }
            }
        }
    }

    fn policy(self, policy: &mut Policy) {
        match policy {
            Policy::Lt { span, .. } | Policy::Vt { span } => self.span(span),
        }
    }

    fn contract(self, contract: &mut ContractDecl) {
        self.span(&mut contract.span);
        self.ident(&mut contract.name);
        for state in &mut contract.states {
            self.span(&mut state.span);
            self.ident(&mut state.name);
            for t in &mut state.transitions {
                self.span(&mut t.span);
                self.ident(&mut t.message);
                self.ident(&mut t.target);
            }
        }
    }

    fn block(self, block: &mut Block) {
        self.span(&mut block.span);
        block.stmts.iter_mut().for_each(|s| self.stmt(s));
    }

    fn stmt(self, stmt: &mut Stmt) {
        self.span(&mut stmt.span);
        match &mut stmt.kind {
            StmtKind::Block(block) => self.block(block),
            StmtKind::Local(local) => {
                if let Some(ty) = &mut local.ty {
                    self.ty(ty);
                }
                self.ident(&mut local.name);
                if let Some(init) = &mut local.init {
                    self.expr(init);
                }
            }
            StmtKind::Open(open) => {
                self.ident(&mut open.first);
                self.ident(&mut open.second);
                self.ident(&mut open.contract);
            }
            StmtKind::Assign(assign) => {
                self.expr(&mut assign.place);
                self.expr(&mut assign.value);
            }
            StmtKind::Expr(expr) => self.expr(expr),
            StmtKind::If(stmt) => {
                self.expr(&mut stmt.cond);
                self.stmt(&mut stmt.then_branch);
                if let Some(else_branch) = &mut stmt.else_branch {
                    self.stmt(else_branch);
                }
            }
            StmtKind::While(stmt) => {
                self.expr(&mut stmt.cond);
                self.stmt(&mut stmt.body);
            }
            StmtKind::For(stmt) => {
                if let Some(init) = &mut stmt.init {
                    self.stmt(init);
                }
                if let Some(cond) = &mut stmt.cond {
                    self.expr(cond);
                }
                if let Some(step) = &mut stmt.step {
                    self.stmt(step);
                }
                self.stmt(&mut stmt.body);
            }
            StmtKind::Return(value) => {
                if let Some(value) = value {
                    self.expr(value);
                }
            }
            StmtKind::Region(region) => {
                self.ident(&mut region.name);
                if let Some(kind) = &mut region.kind {
                    self.ident(kind);
                }
                if let Some(policy) = &mut region.policy {
                    self.policy(policy);
                }
                self.block(&mut region.body);
            }
            StmtKind::Subregion(sub) => {
                self.ident(&mut sub.name);
                self.expr(&mut sub.handle);
                self.ident(&mut sub.sub);
                self.block(&mut sub.body);
            }
            StmtKind::Fork { call, .. } => self.expr(call),
            StmtKind::Print(values) => values.iter_mut().for_each(|v| self.expr(v)),
            StmtKind::Send(send) => {
                self.expr(&mut send.endpoint);
                self.ident(&mut send.message);
                send.args.iter_mut().for_each(|a| self.expr(a));
            }
            StmtKind::Close(close) => {
                self.expr(&mut close.first);
                self.expr(&mut close.second);
            }
            StmtKind::SwitchReceive(switch) => {
                self.expr(&mut switch.endpoint);
                for arm in &mut switch.arms {
                    self.span(&mut arm.span);
                    self.ident(&mut arm.message);
                    arm.bindings.iter_mut().for_each(|b| self.ident(b));
                    self.block(&mut arm.body);
                }
            }
            StmtKind::Break | StmtKind::Continue | StmtKind::Error => {}
        }
    }

    fn expr(self, expr: &mut Expr) {
        self.span(&mut expr.span);
        match &mut expr.kind {
            ExprKind::Field { object, field } => {
                self.expr(object);
                self.ident(field);
            }
            ExprKind::Index { array, index } => {
                self.expr(array);
                self.expr(index);
            }
            ExprKind::Call(call) => {
                if let Some(receiver) = &mut call.receiver {
                    self.expr(receiver);
                }
                self.ident(&mut call.method);
                self.owners(call.owners.as_deref_mut());
                call.args.iter_mut().for_each(|a| self.expr(a));
            }
            ExprKind::New(new) => {
                self.ty(&mut new.class);
                new.args.iter_mut().for_each(|a| self.expr(a));
            }
            ExprKind::NewArray(new) => {
                self.ty(&mut new.ty);
                self.expr(&mut new.len);
            }
            ExprKind::Unary { operand, .. } | ExprKind::Convert { operand, .. } => {
                self.expr(operand)
            }
            ExprKind::Binary { left, right, .. } => {
                self.expr(left);
                self.expr(right);
            }
            ExprKind::Receive { endpoint, message } => {
                self.expr(endpoint);
                self.ident(message);
            }
            ExprKind::Take(place) => self.expr(place),
            ExprKind::Int(_)
            | ExprKind::Float(_)
            | ExprKind::Bool(_)
            | ExprKind::Null
            | ExprKind::Str(_)
            | ExprKind::This
            | ExprKind::Heap
            | ExprKind::Immortal
            | ExprKind::Name(_)
            | ExprKind::Error => {}
        }
    }
}
