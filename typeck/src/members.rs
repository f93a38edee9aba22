//! Member lookup through `extends`: the fields and methods a class has,
//! its own first, then its superclass's, and so on.

use crate::db::{Db, Program};
use crate::ids::{DeclKey, ItemId};
use crate::signature::{class_signature, ClassSignature, FieldSig, MethodSig, Superclass};
use crate::subtype::upcast;
use crate::ty::ClassTy;

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
pub fn find_field<'db>(
    db: &'db dyn Db,
    program: Program,
    class: DeclKey,
    name: &str,
) -> Lookup<&'db FieldSig> {
    walk(db, program, class, |sig| sig.field(name))
}

/// A method of `class` or of one of its superclasses (the nearest one: an
/// override hides what it overrides).
pub fn find_method<'db>(
    db: &'db dyn Db,
    program: Program,
    class: DeclKey,
    name: &str,
) -> Lookup<&'db MethodSig> {
    walk(db, program, class, |sig| sig.method(name))
}

/// A field found through a receiver of type `class`: the field and the
/// class declaring it, with that class's owners in the receiver's terms.
pub(crate) fn find_field_through<'db>(
    db: &'db dyn Db,
    program: Program,
    class: &ClassTy,
    name: &str,
) -> Lookup<(&'db FieldSig, ClassTy)> {
    walk_typed(db, program, class, |sig| sig.field(name))
}

/// A method found through a receiver of type `class`, as
/// [`find_field_through`] does for fields.
pub(crate) fn find_method_through<'db>(
    db: &'db dyn Db,
    program: Program,
    class: &ClassTy,
    name: &str,
) -> Lookup<(&'db MethodSig, ClassTy)> {
    walk_typed(db, program, class, |sig| sig.method(name))
}

/// Like [`walk`], following the owners up the chain (`extends C<…>`
/// substituted at each step).
fn walk_typed<'db, T>(
    db: &'db dyn Db,
    program: Program,
    class: &ClassTy,
    mut found: impl FnMut(&'db ClassSignature) -> Option<T>,
) -> Lookup<(T, ClassTy)> {
    let mut current = class.clone();
    let lookup = walk(db, program, class.decl, |sig| {
        if let Some(member) = found(sig) {
            return Some(member);
        }
        if let Some(Superclass::Class(next)) = sig.superclass {
            if let Some(up) = upcast(db, program, &current, next) {
                current = up;
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
pub fn chain(db: &dyn Db, program: Program, class: DeclKey) -> Vec<&ClassSignature> {
    let mut out = Vec::new();
    let _ = walk(db, program, class, |sig| -> Option<()> {
        out.push(sig);
        None
    });
    out
}

/// The class's own signature.
pub fn signature_of(db: &dyn Db, program: Program, class: DeclKey) -> &ClassSignature {
    class_signature(db, ItemId::of(db, program, class))
}

/// Visits `class` and its superclasses until `found` answers.
fn walk<'db, T>(
    db: &'db dyn Db,
    program: Program,
    class: DeclKey,
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
        let sig = signature_of(db, program, current);
        if let Some(member) = found(sig) {
            return Lookup::Found(member);
        }
        if !sig.complete {
            return Lookup::Unsure;
        }
        match &sig.superclass {
            Some(Superclass::None) => return Lookup::Missing,
            Some(Superclass::Class(next)) => current = *next,
            Some(Superclass::Erroneous) | None => return Lookup::Unsure,
        }
    }
}
