//! The syntax tree of an Own file (LANGUAGE.md §3–§12). Every node carries
//! its span. Nodes the parser could not build are `Error` variants: their
//! syntax error is already reported, and later phases skip them silently.

pub use crate::name::Name;
use crate::span::Span;
use std::sync::Arc;

/// A name as written, with where it was written.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Ident {
    pub name: Name,
    pub span: Span,
}

/// A whole file: its top-level declarations in source order.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub struct SourceFile {
    pub items: Vec<Item>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Item {
    /// `class` and `rref class` (see [`ClassDecl::is_rref`]).
    Class(ClassDecl),
    RegionKind(RegionKindDecl),
    Message(MessageDecl),
    Contract(ContractDecl),
    Main(MainDecl),
}

impl Item {
    pub fn span(&self) -> Span {
        match self {
            Item::Class(c) => c.span,
            Item::RegionKind(r) => r.span,
            Item::Message(m) => m.span,
            Item::Contract(c) => c.span,
            Item::Main(m) => m.span,
        }
    }

    /// The declared name; `main` has none.
    pub fn name(&self) -> Option<&Ident> {
        match self {
            Item::Class(c) => Some(&c.name),
            Item::RegionKind(r) => Some(&r.name),
            Item::Message(m) => Some(&m.name),
            Item::Contract(c) => Some(&c.name),
            Item::Main(_) => None,
        }
    }
}

/// `class Name<formals> extends Super<…> where … { members }`, or
/// `rref class Name { fields }` when `is_rref` (then `formals` is empty).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ClassDecl {
    pub is_rref: bool,
    pub name: Ident,
    pub formals: Vec<Formal>,
    pub extends: Option<ClassRef>,
    pub where_clauses: Vec<Constraint>,
    pub members: Vec<Member>,
    /// Whether the parser dropped a member that did not parse (its error is
    /// reported): then a member missing from `members` may be that one. A
    /// field kept with only its `;` missing does not count. Only for a
    /// member whose name could not be read: see `lost_names`.
    pub lost_members: bool,
    /// The names of dropped members whose type and name did parse
    /// (`void w2<p>() where … accesses p { }`): a use of one of these
    /// names is not reported missing, a use of any other name still is.
    /// Empty on the error-free path (no allocation).
    pub lost_names: Vec<Ident>,
    pub span: Span,
}

/// A superclass reference `Super<o, …>` (owners may be omitted syntactically;
/// the checker requires them).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ClassRef {
    pub name: Ident,
    pub owners: Option<Vec<Owner>>,
    pub span: Span,
}

impl ClassRef {
    /// An `extends` clause that did not parse (E0001 there): it names no
    /// class (an empty name, which no identifier has), so the superclass
    /// is erroneous and nothing is looked up in it nor reported about it.
    pub fn broken(span: Span) -> Self {
        ClassRef {
            name: Ident {
                name: Name::new(""),
                span,
            },
            owners: None,
            span,
        }
    }

    /// Whether this is [`ClassRef::broken`].
    pub fn is_broken(&self) -> bool {
        self.name.name.as_str().is_empty()
    }
}

/// An owner formal `[kind] name` of a class or a method.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Formal {
    pub kind: FormalKind,
    pub name: Ident,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum FormalKind {
    /// No kind written, or `Owner`: an object or a region.
    Owner,
    /// `Region`: any region, `heap` and `immortal` included.
    Region,
    /// `Shared`: any shared region.
    Shared,
    /// A region kind's name: a shared region of that kind.
    Kind(Ident),
}

/// `a outlives b` or `a owns b`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Constraint {
    pub left: Owner,
    pub relation: Relation,
    pub right: Owner,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Relation {
    Outlives,
    Owns,
}

/// An owner as written in a type, a clause or an owner argument list.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Owner {
    pub kind: OwnerKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum OwnerKind {
    /// A formal or a region name.
    Name(Name),
    This,
    Heap,
    Immortal,
}

/// A class member. Fields and constructors are held by pointer, as a
/// method's parts are, so that a class's list of members is 32 bytes a
/// member (a `FieldDecl` inline made it 144); a field is shared by the
/// checker's outline of its class instead of copied.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Member {
    Field(Arc<FieldDecl>),
    Constructor(Box<ConstructorDecl>),
    Method(MethodDecl),
}

impl Member {
    pub fn span(&self) -> Span {
        match self {
            Member::Field(f) => f.span,
            Member::Constructor(c) => c.span,
            Member::Method(m) => m.span,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FieldDecl {
    pub ty: Type,
    pub name: Ident,
    pub span: Span,
}

/// `Name(params) { … }`; `name` is as written (the checker compares it with
/// the class name).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ConstructorDecl {
    pub name: Ident,
    pub params: Vec<Param>,
    /// Shared, so a body query hands it out without copying the tree.
    pub body: Arc<Block>,
    pub span: Span,
}

/// A method: its header and its body. The header's fields read as the
/// method's own (`m.params`, through `Deref`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct MethodDecl {
    /// Shared, so the checker's outline of a class (its headers without
    /// their bodies) holds the very header instead of a copy of it.
    pub header: Arc<MethodHeader>,
    /// Shared, so a body query hands it out without copying the tree.
    pub body: Arc<Block>,
    pub span: Span,
}

/// What a method declares before its body.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct MethodHeader {
    pub ret: Type,
    pub name: Ident,
    pub formals: Vec<Formal>,
    pub params: Vec<Param>,
    /// `None` when there is no `accesses` clause (effect ⊤).
    pub accesses: Option<Vec<Owner>>,
    pub where_clauses: Vec<Constraint>,
}

impl std::ops::Deref for MethodDecl {
    type Target = MethodHeader;

    fn deref(&self) -> &MethodHeader {
        &self.header
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Param {
    pub ty: Type,
    pub name: Ident,
    pub span: Span,
}

/// `regionkind Name extends Shared { portal …; subregion …; }` (every region
/// kind is a kind of shared region; there is no other parent to record).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RegionKindDecl {
    pub name: Ident,
    pub members: Vec<RegionKindMember>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum RegionKindMember {
    /// `portal T name;`
    Portal { ty: Type, name: Ident, span: Span },
    /// `subregion Kind name [: LT(n) | : VT];`
    Subregion {
        kind: Ident,
        name: Ident,
        policy: Option<Policy>,
        span: Span,
    },
}

/// An allocation policy: linear-time with a byte budget, or variable-time.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Policy {
    Lt { bytes: u64, span: Span },
    Vt { span: Span },
}

/// `message Name;` or `message Name(T, …);`
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct MessageDecl {
    pub name: Ident,
    pub payload: Vec<Type>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ContractDecl {
    pub name: Ident,
    pub states: Vec<StateDecl>,
    pub span: Span,
}

/// `[initial] [final] state name { !m -> q; ?m -> q; }`
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct StateDecl {
    pub initial: bool,
    pub is_final: bool,
    pub name: Ident,
    pub transitions: Vec<Transition>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Transition {
    pub direction: Direction,
    pub message: Ident,
    pub target: Ident,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Direction {
    /// `!m`
    Send,
    /// `?m`
    Receive,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct MainDecl {
    /// Shared, so a body query hands it out without copying the tree.
    pub body: Arc<Block>,
    pub span: Span,
}

// ---------------------------------------------------------------- types

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Type {
    pub kind: TypeKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TypeKind {
    Int,
    Float,
    Bool,
    Void,
    /// `Name<o, …>`, or a bare `Name` (`owners: None`: defaults, inference,
    /// or an rref class).
    Class {
        name: Ident,
        /// A boxed slice, not a vector: no spare room, and 8 bytes less in
        /// every `Type`.
        owners: Option<Box<[Owner]>>,
    },
    /// `elem[]<o>`, or `prim[]` inside an rref class (`owner: None`).
    Array {
        elem: Box<Type>,
        owner: Option<Owner>,
    },
    /// `Handle<o>`
    Handle(Owner),
    /// `chan<C>`, `chan<~C>`, `chan<C@q>`, `chan<~C@q>`
    Chan(Box<ChanType>),
    /// A type the parser could not read (already reported).
    Error,
}

/// An endpoint type's parts (boxed: rare, and it would double every `Type`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ChanType {
    pub contract: Ident,
    pub dual: bool,
    pub state: Option<Ident>,
}

// ---------------------------------------------------------------- statements

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Block {
    pub stmts: Vec<Stmt>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

/// Statement forms. Large forms are boxed so that a `Stmt` stays small:
/// bodies are long vectors of statements, and their size is parse time.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum StmtKind {
    Block(Block),
    /// `T x;`, `T x = e;` (`ty: Some`) or `var x = e;` (`ty: None`).
    Local(Box<LocalStmt>),
    /// `var (a, b) = open C;`
    Open(Box<OpenStmt>),
    /// `place op= value;` where place is a variable, field, portal or element.
    Assign(Box<AssignStmt>),
    /// A call, `new`, `receive` or `take` evaluated for its effect.
    Expr(Expr),
    If(Box<IfStmt>),
    While(Box<WhileStmt>),
    /// `for (init; cond; step) body`; each part may be absent.
    For(Box<ForStmt>),
    Return(Option<Expr>),
    Break,
    Continue,
    /// `region r [: Kind] [LT(n) | VT] { … }`
    Region(Box<RegionStmt>),
    /// `region s = h.sub { … }`
    Subregion(Box<SubregionStmt>),
    /// `fork e.m(…);` and `rtfork e.m(…);` (`call` is a `Call` expression;
    /// boxed, as inline it would make every `Stmt` larger).
    Fork {
        realtime: bool,
        call: Box<Expr>,
    },
    /// `print(e, …);`
    Print(Vec<Expr>),
    /// `send(e, M(args));`
    Send(Box<SendStmt>),
    /// `close(e, f);`
    Close(Box<CloseStmt>),
    /// `switch receive (e) { M(x, …) => { … } … }`
    SwitchReceive(Box<SwitchReceiveStmt>),
    /// A statement the parser could not read (already reported).
    Error,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LocalStmt {
    pub ty: Option<Type>,
    pub name: Ident,
    pub init: Option<Expr>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct OpenStmt {
    pub first: Ident,
    pub second: Ident,
    pub contract: Ident,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct AssignStmt {
    pub place: Expr,
    pub op: AssignOp,
    pub value: Expr,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct IfStmt {
    pub cond: Expr,
    pub then_branch: Stmt,
    pub else_branch: Option<Stmt>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct WhileStmt {
    pub cond: Expr,
    pub body: Stmt,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ForStmt {
    pub init: Option<Stmt>,
    pub cond: Option<Expr>,
    pub step: Option<Stmt>,
    pub body: Stmt,
}

/// The kind name of `region r : Shared { … }`: a shared region of no
/// particular kind, as a `Shared` formal is (no portals, no subregions).
pub const ANY_SHARED_KIND: &str = "Shared";

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RegionStmt {
    pub name: Ident,
    /// A region kind (§12): the region is shared. [`ANY_SHARED_KIND`]
    /// (written `Shared`, a keyword, so no region kind has that name) is a
    /// shared region of no particular kind.
    pub kind: Option<Ident>,
    pub policy: Option<Policy>,
    pub body: Block,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SubregionStmt {
    pub name: Ident,
    /// The expression before the last `.`: the shared region's handle.
    pub handle: Expr,
    pub sub: Ident,
    pub body: Block,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SendStmt {
    pub endpoint: Expr,
    pub message: Ident,
    pub args: Vec<Expr>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CloseStmt {
    pub first: Expr,
    pub second: Expr,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SwitchReceiveStmt {
    pub endpoint: Expr,
    pub arms: Vec<ReceiveArm>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AssignOp {
    Set,
    Add,
    Sub,
    Mul,
    Div,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ReceiveArm {
    pub message: Ident,
    pub bindings: Vec<Ident>,
    pub body: Block,
    pub span: Span,
}

// ---------------------------------------------------------------- expressions

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ExprKind {
    /// An integer literal's value (wrapped to 64 bits; an overflowing literal
    /// is a syntax error).
    Int(i64),
    /// A float literal, by its IEEE-754 bits (so the AST stays `Eq`).
    Float(u64),
    Bool(bool),
    Null,
    /// A string literal, escapes decoded (allowed only in `print`); boxed
    /// as a `str`, as a `String` would make every `Expr` 8 bytes larger.
    Str(Box<str>),
    This,
    /// `heap` or `immortal` as a value: that region's handle, of type
    /// `Handle<heap>` or `Handle<immortal>` (as a region name is its
    /// region's handle, §7).
    Heap,
    Immortal,
    /// A local, a parameter, a region name (its handle), or a bare name.
    Name(Name),
    /// `object.field` (boxed whole: an `Ident` inline would make every
    /// `Expr` half as large again).
    Field(Box<FieldExpr>),
    Index {
        array: Box<Expr>,
        index: Box<Expr>,
    },
    /// `recv.m<owners>(args)`, or `m(args)` (implicit `this`, or a
    /// built-in such as `sqrt`).
    Call(Box<CallExpr>),
    /// `new C<owners>(args)` (`class` is a `TypeKind::Class`).
    New(Box<NewExpr>),
    /// `new elem[]<o>(len)`; `ty` is the array type.
    NewArray(Box<NewArrayExpr>),
    Unary {
        op: UnaryOp,
        operand: Box<Expr>,
    },
    Binary {
        op: BinaryOp,
        left: Box<Expr>,
        right: Box<Expr>,
    },
    /// `int(e)` and `float(e)`.
    Convert {
        to_float: bool,
        operand: Box<Expr>,
    },
    /// `receive(e, M)`: the payload of the expected message.
    Receive(Box<ReceiveExpr>),
    /// `take(place)`: moves an rref out of a field or portal.
    Take(Box<Expr>),
    /// An expression the parser could not read (already reported).
    Error,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FieldExpr {
    pub object: Expr,
    pub field: Ident,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ReceiveExpr {
    pub endpoint: Expr,
    pub message: Ident,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CallExpr {
    /// `None` for `m(args)`.
    pub receiver: Option<Expr>,
    pub method: Ident,
    /// Explicit owner arguments `m<o, …>(…)`; `None` when inferred.
    pub owners: Option<Vec<Owner>>,
    pub args: Vec<Expr>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct NewExpr {
    pub class: Type,
    pub args: Vec<Expr>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct NewArrayExpr {
    pub ty: Type,
    pub len: Expr,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnaryOp {
    Neg,
    Not,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinaryOp {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    And,
    Or,
}

impl BinaryOp {
    pub fn as_str(self) -> &'static str {
        match self {
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Mul => "*",
            BinaryOp::Div => "/",
            BinaryOp::Rem => "%",
            BinaryOp::Eq => "==",
            BinaryOp::Ne => "!=",
            BinaryOp::Lt => "<",
            BinaryOp::Le => "<=",
            BinaryOp::Gt => ">",
            BinaryOp::Ge => ">=",
            BinaryOp::And => "&&",
            BinaryOp::Or => "||",
        }
    }
}
