//! Member lookup through `extends`: the fields and methods a class has,
//! its own first, then its superclass's, and so on.

use crate::db::{Db, Program};
use crate::ids::{DeclKey, ItemId};
use crate::signature::{class_signature, ClassSignature, FieldSig, MethodSig, Superclass};
use crate::subtype::upcast;
use crate::ty::ClassTy;
use ownc_lang::ast::Name;
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::cell::{Cell, RefCell};

/// The class signatures one query reads, each fetched from the database
/// once. A body looks up the signature of its receivers' classes at every
/// field access, call and subtyping test; each fetch interns the class's
/// key and records a read (which salsa then finds it already has), so
/// keeping what it read for the rest of the query changes no dependency.
/// It lives as long as one query's walk ([`crate::resolve_type::Resolver`]).
pub(crate) struct Classes<'db> {
    pub db: &'db dyn Db,
    pub program: Program,
    read: RefCell<FxHashMap<DeclKey, &'db ClassSignature>>,
    /// The last one asked for: lookups come in runs on one class (a
    /// member, then its class's superclass step, then the field's type).
    last: Cell<Option<(DeclKey, &'db ClassSignature)>>,
}

impl<'db> Classes<'db> {
    pub fn new(db: &'db dyn Db, program: Program) -> Classes<'db> {
        Classes {
            db,
            program,
            read: RefCell::default(),
            last: Cell::new(None),
        }
    }

    /// Notes `sig`, read by the query already, as the signature of `class`.
    pub fn seed(&self, class: DeclKey, sig: &'db ClassSignature) {
        self.read.borrow_mut().insert(class, sig);
    }

    /// The signature of the class `class`.
    pub fn signature(&self, class: DeclKey) -> &'db ClassSignature {
        if let Some((last, sig)) = self.last.get() {
            if last == class {
                return sig;
            }
        }
        let known = self.read.borrow().get(&class).copied();
        let sig = known.unwrap_or_else(|| {
            let sig = signature_of(self.db, self.program, class);
            self.read.borrow_mut().insert(class, sig);
            sig
        });
        self.last.set(Some((class, sig)));
        sig
    }
}

/// The answer of a member lookup. `Unsure` when the chain of superclasses
/// reaches an erroneous one, loops, or passes a class with a syntax error:
/// the member might be there, so the caller must not report it missing (no
/// cascade).
#[derive(Debug)]
pub enum Lookup<T> {
    Found(T),
    Missing,
    Unsure,
}

/// A field of `class` or of one of its superclasses.
pub(crate) fn find_field<'db>(
    classes: &Classes<'db>,
    class: DeclKey,
    name: Name,
) -> Lookup<&'db FieldSig> {
    walk(classes, class, Some(name), |sig| sig.field(name))
}

/// A method of `class` or of one of its superclasses (the nearest one: an
/// override hides what it overrides).
pub(crate) fn find_method<'db>(
    classes: &Classes<'db>,
    class: DeclKey,
    name: Name,
) -> Lookup<&'db MethodSig> {
    walk(classes, class, Some(name), |sig| sig.method(name))
}

/// A field found through a receiver of type `class`: the field and the
/// class declaring it, with that class's owners in the receiver's terms
/// (`class` itself, borrowed, when it declares the field).
pub(crate) fn find_field_through<'db, 'a>(
    classes: &Classes<'db>,
    class: &'a ClassTy,
    name: Name,
) -> Lookup<(&'db FieldSig, Cow<'a, ClassTy>)> {
    twice(
        classes,
        walk_typed(classes, class, name, |sig| sig.field(name)),
        name,
        true,
    )
}

/// `lookup`, `Unsure` when the member found is declared twice in its class
/// (E0106 there): which one a use meant is unknown; likewise for a method
/// whose parameter list did not parse (E0001 there): its arity is unknown.
fn twice<T, C: std::borrow::Borrow<ClassTy>>(
    classes: &Classes<'_>,
    lookup: Lookup<(T, C)>,
    name: Name,
    field: bool,
) -> Lookup<(T, C)> {
    match lookup {
        Lookup::Found((_, declaring))
            if {
                let sig = classes.signature(declaring.borrow().decl);
                sig.declared_twice(name, field) || (!field && sig.broken_method(name))
            } =>
        {
            Lookup::Unsure
        }
        other => other,
    }
}

/// A method found through a receiver of type `class`, as
/// [`find_field_through`] does for fields.
pub(crate) fn find_method_through<'db>(
    classes: &Classes<'db>,
    class: &ClassTy,
    name: Name,
) -> Lookup<(&'db MethodSig, ClassTy)> {
    let lookup = twice(
        classes,
        walk_typed(classes, class, name, |sig| sig.method(name)),
        name,
        false,
    );
    match lookup {
        // An override that does not keep the overridden signature (E0209
        // there): whether a call meant it or the method it overrides is
        // unknown, as for a method declared twice.
        Lookup::Found((method, declaring))
            if crate::overrides::breaks_overridden_signature(classes, declaring.decl, method) =>
        {
            Lookup::Unsure
        }
        Lookup::Found((method, declaring)) => Lookup::Found((method, declaring.into_owned())),
        Lookup::Missing => Lookup::Missing,
        Lookup::Unsure => Lookup::Unsure,
    }
}

/// Like [`walk`], following the owners up the chain (`extends C<…>`
/// substituted at each step). Most members are found in `class` itself,
/// which is then lent, not cloned.
fn walk_typed<'db, 'a, T>(
    classes: &Classes<'db>,
    class: &'a ClassTy,
    name: Name,
    mut found: impl FnMut(&'db ClassSignature) -> Option<T>,
) -> Lookup<(T, Cow<'a, ClassTy>)> {
    let mut current = Cow::Borrowed(class);
    let lookup = walk(classes, class.decl, Some(name), |sig| {
        if let Some(member) = found(sig) {
            return Some(member);
        }
        if let Some(Superclass::Class(next)) = sig.superclass {
            if let Some(up) = upcast(classes, &current, next) {
                current = Cow::Owned(up);
            }
        }
        None
    });
    match lookup {
        Lookup::Found(member) => Lookup::Found((member, current)),
        Lookup::Missing => Lookup::Missing,
        Lookup::Unsure => Lookup::Unsure,
    }
}

/// The signatures of `class` and its superclasses, nearest first, as far as
/// they are known (for suggestions).
pub(crate) fn chain<'db>(classes: &Classes<'db>, class: DeclKey) -> Vec<&'db ClassSignature> {
    let mut out = Vec::new();
    let _ = walk(classes, class, None, |sig| -> Option<()> {
        out.push(sig);
        None
    });
    out
}

/// The class's own signature.
pub fn signature_of(db: &dyn Db, program: Program, class: DeclKey) -> &ClassSignature {
    class_signature(db, ItemId::of(db, program, class))
}

/// Visits `class` and its superclasses until `found` answers; `Unsure`
/// past a class that may have lost the member `name` to a syntax error.
fn walk<'db, T>(
    classes: &Classes<'db>,
    class: DeclKey,
    name: Option<Name>,
    mut found: impl FnMut(&'db ClassSignature) -> Option<T>,
) -> Lookup<T> {
    // Classes above `class` seen so far (most lookups end at `class`
    // itself, and then nothing is allocated).
    let mut visited: Vec<DeclKey> = Vec::new();
    let mut current = class;
    let mut first = true;
    loop {
        if !first {
            if current == class || visited.contains(&current) {
                // An inheritance cycle: not this phase's error to report, but
                // no answer is sure either.
                return Lookup::Unsure;
            }
            visited.push(current);
        }
        first = false;
        let sig = classes.signature(current);
        if let Some(member) = found(sig) {
            return Lookup::Found(member);
        }
        if !sig.complete || name.is_some_and(|n| sig.lost(n)) {
            return Lookup::Unsure;
        }
        match &sig.superclass {
            Some(Superclass::None) => return Lookup::Missing,
            Some(Superclass::Class(next)) => current = *next,
            Some(Superclass::Erroneous) | None => return Lookup::Unsure,
        }
    }
}
