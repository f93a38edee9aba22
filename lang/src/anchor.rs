//! Anchoring: rewrites a parsed file's spans from absolute offsets to
//! offsets relative to an *anchor*, the start of one declaration's header
//! or of one class member (`main`, region kinds, messages and contracts are
//! one anchor each; a class has one for its header and one per member).
//!
//! Why: the checker memoizes per declaration and per body, and salsa reuses
//! a result when the tree it was computed from is equal to the new one.
//! With absolute spans, typing one character in a method body would shift
//! every later node and make every later tree unequal; with anchored spans,
//! only the edited member's tree changes (as long as no declaration is
//! added or removed before it, which renumbers the declarations).
//! Diagnostics computed from anchored trees carry anchored spans; the
//! [`Anchors`] table of the file turns them back into absolute ones.
//!
//! An anchor's number names its *chunk* and its place in it: chunk `c`'s
//! `k`-th anchor is number `(c + 1) << LOCAL_BITS | k` (0 is the start of
//! the file). A file parsed whole has one chunk per declaration; a file
//! parsed declaration by declaration (`crate::split`) one per piece of
//! text, which holds one declaration too in a valid file. So the numbers,
//! and the anchored trees, are the same either way, and a declaration's
//! numbers do not depend on how many members the declarations before it
//! have.

use crate::ast::*;
use crate::span::Span;
use std::sync::Arc;

/// Bits of an anchor number that count anchors within a chunk.
const LOCAL_BITS: u32 = 12;

/// Anchors a chunk has at most: the members after the last one are
/// anchored to it (their spans stay right; only an edit before them
/// within the same declaration changes their trees).
const MAX_LOCAL: usize = 1 << LOCAL_BITS;

/// Chunks a file has at most; the declarations after the last one share
/// its chunk (see [`anchor_file`]).
pub const MAX_CHUNKS: usize = (u32::MAX >> LOCAL_BITS) as usize - 1;

/// The anchors of one chunk: where it starts, and where each of its
/// anchors starts relative to that (shared: putting a file together from
/// its chunks' memos copies no table).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ChunkAnchors {
    base: u32,
    locals: Arc<[u32]>,
}

impl ChunkAnchors {
    /// How many anchors the chunk has.
    pub fn len(&self) -> usize {
        self.locals.len()
    }

    /// Whether the chunk has no anchor (no declaration).
    pub fn is_empty(&self) -> bool {
        self.locals.is_empty()
    }
}

/// The anchors of one chunk as they are made.
#[derive(Default)]
struct ChunkBuilder {
    locals: Vec<u32>,
}

impl ChunkBuilder {
    /// A new anchor at `at` (relative to the chunk's text) in chunk
    /// `chunk`.
    fn push(&mut self, chunk: u32, at: u32) -> Rebase {
        let local = if self.locals.len() < MAX_LOCAL {
            self.locals.push(at);
            self.locals.len() - 1
        } else {
            MAX_LOCAL - 1
        };
        Rebase {
            anchor: ((chunk + 1) << LOCAL_BITS) | local as u32,
            base: self.locals.get(local).copied().unwrap_or(0),
        }
    }

    fn finish(self) -> ChunkAnchors {
        ChunkAnchors {
            base: 0,
            locals: self.locals.into(),
        }
    }
}

/// Where each anchor of a file starts, chunk by chunk.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Anchors {
    chunks: Vec<ChunkAnchors>,
}

impl Anchors {
    /// The table of a file whose chunk `c` starts at `starts[c]` and has
    /// the anchors `chunks[c]` (relative to its start).
    pub fn from_chunks(starts: &[u32], chunks: impl IntoIterator<Item = ChunkAnchors>) -> Anchors {
        let chunks = starts
            .iter()
            .zip(chunks)
            .map(|(&base, chunk)| ChunkAnchors {
                base,
                locals: chunk.locals,
            })
            .collect();
        Anchors { chunks }
    }

    /// The absolute span of a span of this file.
    pub fn absolute(&self, span: Span) -> Span {
        let base = self.base(span.anchor);
        Span {
            start: span.start.saturating_add(base),
            end: span.end.saturating_add(base),
            anchor: 0,
        }
    }

    /// Where anchor `anchor` starts (0 for anchor 0, the file's start).
    pub fn base(&self, anchor: u32) -> u32 {
        let chunk = (anchor >> LOCAL_BITS).checked_sub(1);
        let chunk = chunk.and_then(|c| self.chunks.get(c as usize));
        let local = (anchor as usize) & (MAX_LOCAL - 1);
        chunk.map_or(0, |c| {
            c.base
                .saturating_add(c.locals.get(local).copied().unwrap_or(0))
        })
    }

    /// Every anchor of the file, by number, with where it starts.
    pub fn iter(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        (0u32..).zip(&self.chunks).flat_map(|(c, chunk)| {
            (0u32..)
                .zip(chunk.locals.iter())
                .map(move |(k, &at)| (((c + 1) << LOCAL_BITS) | k, chunk.base.saturating_add(at)))
        })
    }

    /// How many anchors the file has.
    pub fn len(&self) -> usize {
        self.chunks.iter().map(ChunkAnchors::len).sum()
    }

    /// Whether the file has no anchor (no declaration).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Rewrites every span of `file` (absolute, as parsed) relative to its
/// anchor, and returns the anchors: declaration `i` is chunk `i`, up to
/// [`MAX_CHUNKS`], and the declarations after that share the last chunk.
///
/// A large file's declarations are rewritten on the [`crate::workers`]
/// threads, in runs of whole declarations; each declaration's anchors are
/// its own, so the result is that of one thread.
pub fn anchor_file(file: &mut SourceFile) -> Anchors {
    let own = file.items.len().min(MAX_CHUNKS.saturating_sub(1));
    let (single, shared) = file.items.split_at_mut(own);
    let runs = crate::workers::threads()
        .min(single.len() / MIN_RUN_ITEMS)
        .max(1);
    let per_run = single.len().div_ceil(runs).max(1);
    let slots: Vec<_> = single
        .chunks_mut(per_run)
        .enumerate()
        .map(|(run, items)| std::sync::Mutex::new((run * per_run, items)))
        .collect();
    let tables = crate::workers::map_indices(
        slots.len(),
        1,
        || (),
        |_, i| {
            let mut tables = Vec::new();
            let slot = slots.get(i).and_then(|slot| slot.lock().ok());
            if let Some(mut slot) = slot {
                let (first, items) = &mut *slot;
                for (chunk, item) in (*first..).zip(items.iter_mut()) {
                    let mut anchors = ChunkBuilder::default();
                    anchor_item(item, chunk as u32, &mut anchors);
                    tables.push(anchors.finish());
                }
            }
            tables
        },
    );
    let mut chunks: Vec<ChunkAnchors> = tables.into_iter().flatten().collect();
    if !shared.is_empty() {
        chunks.push(anchor_chunk(shared, own as u32));
    }
    Anchors { chunks }
}

/// Rewrites every span of `items`, one chunk's declarations parsed from
/// its own text, relative to its anchors, all in chunk `chunk`.
pub fn anchor_chunk(items: &mut [Item], chunk: u32) -> ChunkAnchors {
    let mut anchors = ChunkBuilder::default();
    for item in items {
        anchor_item(item, chunk, &mut anchors);
    }
    anchors.finish()
}

/// Declarations per run below which anchoring stays on one thread.
const MIN_RUN_ITEMS: usize = 256;

/// Anchors one declaration, appending its anchors to `anchors`, the table
/// of chunk `chunk`.
fn anchor_item(item: &mut Item, chunk: u32, anchors: &mut ChunkBuilder) {
    let header = anchors.push(chunk, item.span().start);
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
                let r = anchors.push(chunk, member.span().start);
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
                // The parser's tree is the field's only holder yet.
                let field = Arc::make_mut(field);
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
            ExprKind::Field(access) => {
                self.expr(&mut access.object);
                self.ident(&mut access.field);
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
            ExprKind::Receive(receive) => {
                self.expr(&mut receive.endpoint);
                self.ident(&mut receive.message);
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
