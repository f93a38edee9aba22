//! Class signatures: a class's formals, superclass, fields, methods and
//! constructor with their types resolved, and the name errors found in them
//! (E0101–E0103, E0106). Bodies are resolved elsewhere, one query each.

use crate::db::Db;
use crate::errors;
use crate::ids::{DeclKey, ItemId};
use crate::items::ItemKind;
use crate::maps::NameMap;
use crate::resolve_type::Resolver;
use crate::scope::{OwnerContext, OwnerScope};
use crate::syntax::item_outline;
use crate::ty::{ClassTy, OwnerRef, Ty};
use crate::type_errors;
use ownc_lang::ast::{
    ClassDecl, ClassRef, ConstructorDecl, FieldDecl, Ident, Item, Member, MethodDecl, Name, Param,
    Relation, Type, TypeKind,
};
use ownc_lang::{Diagnostic, Span};
use ownc_regions::FormalKind;

/// The superclass as resolved.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Superclass {
    None,
    Class(DeclKey),
    /// Unknown or not a class (already reported): member lookups that reach
    /// it cannot be sure a member is missing.
    Erroneous,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FieldSig {
    pub name: Ident,
    pub ty: Ty,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ParamSig {
    pub name: Ident,
    pub ty: Ty,
}

/// An owner formal of a class or method: its declaration and its kind
/// (what it admits, E0206; what it is inside its class or method).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FormalSig {
    pub name: Ident,
    /// `Unknown` when the written region kind did not resolve (E0101).
    pub kind: FormalKind,
}

/// A `where` clause with its owners resolved (`OwnerRef::Error` for one
/// that is not in scope, already reported).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct WhereSig {
    pub upper: OwnerRef,
    pub relation: Relation,
    pub lower: OwnerRef,
    /// The whole clause, `a outlives b`.
    pub span: Span,
}

/// A method's or constructor's signature (a constructor has no formals and
/// returns `void`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct MethodSig {
    pub name: Ident,
    /// Owner formals, in order.
    pub formals: Box<[Name]>,
    /// The same formals with their declarations and kinds.
    pub formal_sigs: Box<[FormalSig]>,
    /// The method's `where` clauses: facts inside it, obligations at calls.
    pub where_clauses: Box<[WhereSig]>,
    pub params: Box<[ParamSig]>,
    pub ret: Ty,
    /// The `accesses` clause, each owner resolved (`OwnerRef::Error` for
    /// one not in scope, already reported) with where it is written;
    /// `None` when there is no clause (effect ⊤), and for constructors.
    pub accesses: Option<Box<[AccessSig]>>,
}

/// One owner of an `accesses` clause.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct AccessSig {
    pub owner: OwnerRef,
    pub span: Span,
}

/// A member by position, as the bodies see it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum MemberSig {
    Field(FieldSig),
    Method(MethodSig),
    Constructor(MethodSig),
}

/// A class as its users and its own bodies see it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClassSignature {
    pub name: Name,
    pub is_rref: bool,
    pub formals: Vec<Name>,
    /// The same formals with their declarations and kinds.
    pub formal_sigs: Vec<FormalSig>,
    /// The class's `where` clauses: facts inside it, obligations on every
    /// type that names it (E0202).
    pub where_clauses: Vec<WhereSig>,
    /// `None` when the key does not name a class (nothing is sure then).
    pub superclass: Option<Superclass>,
    /// The owners written in `extends Super<…>`, resolved in the class's
    /// scope (`OwnerRef::Error` for one not in scope); empty without
    /// `extends` or when the owners were omitted.
    pub superclass_owners: Vec<OwnerRef>,
    /// False when the parser reported an error inside the class: a member
    /// may have been dropped, so none is reported missing.
    pub complete: bool,
    /// Members the parser dropped after reading their names (E0001 in
    /// their headers): a use of one of these names may have meant it, so
    /// it is not reported missing; other names still are. A constructor
    /// so lost is under the class's name.
    lost_names: Vec<Name>,
    /// Members in declaration order (same positions as in the syntax).
    pub members: Vec<MemberSig>,
    /// Name → position of its first declaration.
    fields: NameMap,
    methods: NameMap,
    constructor: Option<usize>,
    /// Field and method names declared more than once (E0106), and whether
    /// the constructor was: which declaration a use meant is unknown, so
    /// uses are not checked against either (one mistake, one error).
    duplicate_fields: Vec<Name>,
    duplicate_methods: Vec<Name>,
    pub duplicate_constructor: bool,
    /// Methods, and whether the constructor, with a parameter list that
    /// did not parse (E0001 there; the parser keeps them with an
    /// erroneous parameter): their arity is unknown, so calls to them are
    /// not checked against their parameters (one mistake, one error).
    broken_methods: Vec<Name>,
    pub broken_constructor: bool,
    /// The name errors of the header, fields and signatures.
    pub diagnostics: Vec<Diagnostic>,
}

impl ClassSignature {
    pub fn field(&self, name: Name) -> Option<&FieldSig> {
        match self.members.get(self.fields.get(name)?)? {
            MemberSig::Field(f) => Some(f),
            _ => None,
        }
    }

    pub fn method(&self, name: Name) -> Option<&MethodSig> {
        match self.members.get(self.methods.get(name)?)? {
            MemberSig::Method(m) => Some(m),
            _ => None,
        }
    }

    pub fn constructor(&self) -> Option<&MethodSig> {
        match self.members.get(self.constructor?)? {
            MemberSig::Constructor(c) => Some(c),
            _ => None,
        }
    }

    /// Whether the field (`field`) or method named `name` is declared more
    /// than once in this class (E0106).
    pub fn declared_twice(&self, name: Name, field: bool) -> bool {
        let names = if field {
            &self.duplicate_fields
        } else {
            &self.duplicate_methods
        };
        names.contains(&name)
    }

    /// Whether the method named `name` has a parameter list that did not
    /// parse (see `broken_methods`).
    pub fn broken_method(&self, name: Name) -> bool {
        self.broken_methods.contains(&name)
    }

    /// Whether a member named `name` may have been dropped by the parser
    /// (see `lost_names`).
    pub fn lost(&self, name: Name) -> bool {
        self.lost_names.contains(&name)
    }

    /// Whether the constructor may have been dropped by the parser.
    pub fn lost_constructor(&self) -> bool {
        self.lost(self.name)
    }

    pub fn field_names(&self) -> impl Iterator<Item = &str> {
        self.fields.keys().map(|n| n.as_str())
    }

    pub fn method_names(&self) -> impl Iterator<Item = &str> {
        self.methods.keys().map(|n| n.as_str())
    }
}

/// Resolves one class's header, fields and member signatures.
///
/// ## Why is this a salsa query?
/// Bodies everywhere in the program read class signatures (to know a
/// receiver's fields and methods); memoized per class and fed by the class
/// outline only, a signature is recomputed when that class's header, fields
/// or signatures change, never when a body is edited. It never calls another
/// class's signature (arities come from the item index), so no cycle of
/// `extends` can make a query cycle.
#[salsa::tracked(returns(ref))]
pub fn class_signature<'db>(db: &'db dyn Db, item: ItemId<'db>) -> ClassSignature {
    let Some(outline) = item_outline(db, item) else {
        return ClassSignature::default();
    };
    let Item::Class(class) = &outline.item else {
        return ClassSignature::default();
    };
    let mut resolver = Resolver::new(db, item.program(db), item.file(db));
    let signature = SignatureBuilder::new(&mut resolver, class).build(class);
    ClassSignature {
        complete: !outline.has_syntax_errors,
        diagnostics: resolver.diagnostics,
        ..signature
    }
}

struct SignatureBuilder<'r, 'db> {
    resolver: &'r mut Resolver<'db>,
    scope: OwnerScope,
    signature: ClassSignature,
    /// Whether the constructor registered so far is misnamed (already an
    /// E0001): a correctly named one then takes its place.
    misnamed_constructor: bool,
}

impl<'r, 'db> SignatureBuilder<'r, 'db> {
    fn new(resolver: &'r mut Resolver<'db>, class: &ClassDecl) -> Self {
        let formals = formal_names(class.formals.iter().map(|f| &f.name));
        SignatureBuilder {
            resolver,
            scope: OwnerScope::new(OwnerContext::Class, formals.clone()),
            signature: ClassSignature {
                name: class.name.name,
                is_rref: class.is_rref,
                formals,
                lost_names: class.lost_names.iter().map(|n| n.name).collect(),
                ..ClassSignature::default()
            },
            misnamed_constructor: false,
        }
    }

    fn build(mut self, class: &ClassDecl) -> ClassSignature {
        // Sized once: a class's maps of names would otherwise grow (and
        // rehash) several times.
        let fields = class
            .members
            .iter()
            .filter(|m| matches!(m, Member::Field(_)))
            .count();
        self.signature.members.reserve_exact(class.members.len());
        self.signature.fields.reserve(fields);
        self.signature.methods.reserve(class.members.len() - fields);
        self.signature.formal_sigs = self.resolver.check_formals(&class.formals);
        self.signature.superclass = Some(match &class.extends {
            Some(superclass) => self.superclass(superclass),
            None => Superclass::None,
        });
        for constraint in &class.where_clauses {
            let clause = self.resolver.check_constraint(&self.scope, constraint);
            self.signature.where_clauses.push(clause);
        }
        for (position, member) in class.members.iter().enumerate() {
            let sig = match member {
                Member::Field(field) => MemberSig::Field(self.field(position, field)),
                Member::Method(method) => MemberSig::Method(self.method(position, method)),
                Member::Constructor(ctor) => {
                    MemberSig::Constructor(self.constructor(position, ctor, &class.name))
                }
            };
            self.signature.members.push(sig);
        }
        self.signature
    }

    /// `extends Super<owners>`: a known class with all its owners written
    /// out (the superclass's owners are not inferred: E0103 if missing).
    fn superclass(&mut self, superclass: &ClassRef) -> Superclass {
        if superclass.is_broken() {
            return Superclass::Erroneous;
        }
        let class = self.resolver.lookup_class(&superclass.name);
        let owners = superclass.owners.as_deref().unwrap_or(&[]);
        self.signature.superclass_owners = self.resolver.resolve_owners(&self.scope, owners);
        let Some(class) = class else {
            return Superclass::Erroneous;
        };
        let name = &superclass.name.name;
        // From the name on: the span of the syntax includes `extends`.
        let span = superclass
            .name
            .span
            .with_range(superclass.name.span.start, superclass.span.end);
        match &superclass.owners {
            Some(written) if class.is_rref && !written.is_empty() => {
                self.resolver.report(errors::rref_with_owners(span, name));
            }
            Some(written) if !class.is_rref && written.len() != class.arity => {
                self.resolver.report(errors::wrong_owner_count(
                    span,
                    name,
                    class.arity,
                    written.len(),
                ));
            }
            None if class.arity > 0 => {
                self.resolver
                    .report(errors::superclass_without_owners(span, name, class.arity));
            }
            _ => {}
        }
        Superclass::Class(class.decl)
    }

    fn field(&mut self, position: usize, field: &FieldDecl) -> FieldSig {
        // An rref class's array fields without owner are E0603's business.
        self.resolver.rref_fields = self.signature.is_rref;
        let ty = self.resolver.resolve_type(&self.scope, &field.ty);
        self.resolver.rref_fields = false;
        let ty = self.owned_by_this(ty);
        self.register(position, &field.name, MemberKind::Field);
        FieldSig {
            name: field.name.clone(),
            ty,
        }
    }

    fn method(&mut self, position: usize, method: &MethodDecl) -> MethodSig {
        let formal_sigs = self.resolver.check_formals(&method.formals);
        let formals = formal_names(method.formals.iter().map(|f| &f.name));
        // The class's scope with the method's formals, lent for the method
        // (rather than a copy of the class's per method).
        let placeholder = OwnerScope::new(OwnerContext::Class, Vec::new());
        let mut scope = std::mem::replace(&mut self.scope, placeholder);
        scope.set_method_formals(formals.clone());
        let ret = self.signature_type(&scope, &method.ret);
        let params = self.params(&scope, &method.params);
        let accesses = method.accesses.as_ref().map(|owners| {
            owners
                .iter()
                .map(|owner| AccessSig {
                    owner: self.resolver.resolve_owner(&scope, owner),
                    span: owner.span,
                })
                .collect()
        });
        let where_clauses = method
            .where_clauses
            .iter()
            .map(|constraint| self.resolver.check_constraint(&scope, constraint))
            .collect();
        scope.set_method_formals(Vec::new());
        self.scope = scope;
        self.register(position, &method.name, MemberKind::Method);
        if broken_params(&method.params) {
            self.signature.broken_methods.push(method.name.name);
        }
        MethodSig {
            name: method.name.clone(),
            formals: formals.into(),
            formal_sigs: formal_sigs.into(),
            where_clauses,
            params: params.into(),
            ret,
            accesses: accesses.map(Vec::into_boxed_slice),
        }
    }

    fn constructor(&mut self, position: usize, ctor: &ConstructorDecl, class: &Ident) -> MethodSig {
        let misnamed = ctor.name.name != class.name;
        if misnamed {
            self.resolver
                .report(errors::constructor_name(&ctor.name, &class.name));
        }
        let scope = self.scope.clone();
        let params = self.params(&scope, &ctor.params);
        if broken_params(&ctor.params) && !misnamed {
            self.signature.broken_constructor = true;
        }
        // A misnamed constructor is a method missing its return type
        // (E0001, as javac reads it), so it is no second constructor: it
        // stands for the constructor only while the class has no correctly
        // named one (its parameters were most likely meant so).
        match self.signature.constructor {
            Some(_) if misnamed => {}
            Some(_) if self.misnamed_constructor => {
                self.signature.constructor = Some(position);
                self.misnamed_constructor = false;
            }
            Some(first) => {
                self.signature.duplicate_constructor = true;
                let first_span = self.member_span(first);
                self.resolver.report(errors::duplicate_constructor(
                    ctor.name.span,
                    &class.name,
                    first_span,
                ));
            }
            None => {
                self.signature.constructor = Some(position);
                self.misnamed_constructor = misnamed;
            }
        }
        MethodSig {
            name: ctor.name.clone(),
            formals: Box::default(),
            formal_sigs: Box::default(),
            where_clauses: Box::default(),
            params: params.into(),
            ret: Ty::Void,
            accesses: None,
        }
    }

    fn owned_by_this(&self, ty: Ty) -> Ty {
        owned_by_this(self.resolver, ty)
    }

    /// A parameter or return type. §9 infers omitted owners of `new`, of
    /// calls and of locals from their initialisers, and defaults those of
    /// fields; a signature has neither, so a class named there without its
    /// owners (an rref class has none) is E0207, once, and its type is
    /// unknown from then on.
    fn signature_type(&mut self, scope: &OwnerScope, written: &Type) -> Ty {
        let ty = self.resolver.resolve_type(scope, written);
        let mut elem = written;
        while let TypeKind::Array { elem: inner, .. } = &elem.kind {
            elem = inner;
        }
        if let TypeKind::Class { name, owners: None } = &elem.kind {
            // An array missing its own owner as well was reported above.
            let ordinary = !matches!(ty, Ty::Unknown)
                && self.resolver.index.get(&name.name).is_some_and(|entry| {
                    matches!(entry.kind, ItemKind::Class { is_rref: false, .. })
                });
            if ordinary {
                self.resolver
                    .report(type_errors::bare_in_signature(name.span, &name.name));
                return Ty::Unknown;
            }
        }
        ty
    }

    /// Parameter types, and no parameter name twice (E0106). A repeated one
    /// stays in the list, so the call's argument count is still checked
    /// against what was written.
    fn params(&mut self, scope: &OwnerScope, params: &[Param]) -> Vec<ParamSig> {
        let mut sigs: Vec<ParamSig> = Vec::with_capacity(params.len());
        for param in params {
            let ty = self.signature_type(scope, &param.ty);
            if let Some(first) = sigs.iter().find(|p| p.name.name == param.name.name) {
                self.resolver.report(errors::duplicate(
                    "parameter",
                    &param.name.name,
                    param.name.span,
                    first.name.span,
                    None,
                ));
            }
            sigs.push(ParamSig {
                name: param.name.clone(),
                ty,
            });
        }
        sigs
    }

    /// Where the member at `position` (already built) is named.
    fn member_span(&self, position: usize) -> Span {
        match self.signature.members.get(position) {
            Some(MemberSig::Field(f)) => f.name.span,
            Some(MemberSig::Method(m) | MemberSig::Constructor(m)) => m.name.span,
            None => Span::default(),
        }
    }

    /// Records a field or method name, or reports it as a duplicate of an
    /// earlier one of the same sort (fields and methods, as in Java, live in
    /// separate namespaces).
    fn register(&mut self, position: usize, name: &Ident, kind: MemberKind) {
        let map = match kind {
            MemberKind::Field => &mut self.signature.fields,
            MemberKind::Method => &mut self.signature.methods,
        };
        let Some(first) = map.insert_first(&name.name, position) else {
            return;
        };
        let twice = match kind {
            MemberKind::Field => &mut self.signature.duplicate_fields,
            MemberKind::Method => &mut self.signature.duplicate_methods,
        };
        if !twice.contains(&name.name) {
            twice.push(name.name);
        }
        let first_span = self.member_span(first);
        self.resolver.report(errors::duplicate(
            kind.describe(),
            &name.name,
            name.span,
            first_span,
            None,
        ));
    }
}

#[derive(Clone, Copy)]
enum MemberKind {
    Field,
    Method,
}

impl MemberKind {
    fn describe(self) -> &'static str {
        match self {
            MemberKind::Field => "field",
            MemberKind::Method => "method",
        }
    }
}

/// Formal names in order. A repeated one (reported by `check_formals`)
/// keeps its position, so owner lists still line up with the formals, and
/// lookups find its first occurrence.
fn formal_names<'a>(names: impl Iterator<Item = &'a Ident>) -> Vec<Name> {
    names.map(|n| n.name).collect()
}

/// §9: a field whose class type has no owner list is owned by `this` in
/// every position (`Node next;` means `Node<this, …, this>`); rref classes
/// have no owners. Also a portal's (§12: "a field of the region itself").
pub(crate) fn owned_by_this(resolver: &Resolver<'_>, ty: Ty) -> Ty {
    match ty {
        Ty::Class(ClassTy {
            decl,
            name,
            owners: None,
        }) => {
            let arity = match resolver.index.get(&name).map(|e| &e.kind) {
                Some(ItemKind::Class {
                    arity,
                    is_rref: false,
                }) => Some(*arity),
                _ => None,
            };
            Ty::Class(ClassTy {
                decl,
                name,
                owners: arity.map(|n| vec![OwnerRef::This; n].into()),
            })
        }
        Ty::Array { elem, owner } => Ty::Array {
            elem: Box::new(owned_by_this(resolver, *elem)),
            owner,
        },
        other => other,
    }
}

/// Whether a parameter list holds a parameter of erroneous type: a stretch
/// of it did not parse, or a `void` parameter (E0001 either way).
fn broken_params(params: &[Param]) -> bool {
    params.iter().any(|p| matches!(p.ty.kind, TypeKind::Error))
}
