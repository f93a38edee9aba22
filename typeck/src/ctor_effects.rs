//! The effects of `new` (LANGUAGE.md §8, E0401): allocating has the
//! effect of the new object's first owner, and running its constructor
//! has the effects of the constructor's body.
//!
//! §8 gives `new C<o, …>` the effect `o`, and gives constructors no
//! `accesses` clause to declare more; read literally, a constructor is a
//! callee without a clause (⊤), which would make every `new` of a class
//! with a constructor an error in a method with a clause. Reading it as
//! "effect `o` and nothing else" is unsound: a constructor that writes a
//! `heap` field, run by `new` in a heap-free method, reaches the heap from
//! a real-time thread. So the constructor's effects are inferred from its
//! body ([`constructor_effects`], a query per class) and a `new` in a
//! method with a clause has them too, substituted: the class's formals by
//! the `new`'s owners, and `this` (the new object) by its first owner,
//! which covers it exactly as for a callee's `accesses this` through
//! another receiver. A constructor that only touches the object it makes
//! (its fields, objects it owns) adds nothing to `o`.
//!
//! The objects a constructor makes run their constructors too: the summary
//! lists them, and the `new` follows them transitively (each class and
//! owner list once, so recursive constructors end). A query summarises one
//! constructor without looking at others, so no input can make the
//! queries call each other in a cycle. Effects on regions the constructor
//! opens itself drop out, as in a method. `new` of a subclass runs only
//! the subclass's constructor (Own has no `super(…)`; constructors are not
//! inherited).

use crate::db::Db;
use crate::ids::{BodyId, DeclKey, ItemId};
use crate::resolve_stmt::{constructor_effect_log, BodyResolver};
use crate::signature::class_signature;
use crate::syntax::body_block;
use crate::threads::mentions_heap;
use crate::ty::{ClassTy, OwnerRef, Ty};
use ownc_lang::ast::Name;
use ownc_lang::Span;

/// How many constructors (class and owners) one `new` follows at most: far
/// more than any program nests, so that a pathological one still ends
/// quickly. The constructors beyond it are assumed to do anything.
const MAX_CONSTRUCTORS: usize = 256;

/// What one constructor's body does, in its class's terms: owners are the
/// class's formals (`OwnerRef::ClassFormal`), `this`, `heap` and
/// `immortal`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ConstructorEffects {
    /// It calls a method without an `accesses` clause (effect ⊤).
    pub anything: bool,
    /// The owners of the objects it accesses, each once.
    pub owners: Vec<OwnerRef>,
    /// The objects it makes (`new D<…>`), whose constructors run too:
    /// the class and its owners (`OwnerRef::Error` for a region the
    /// constructor opens, on which effects drop out).
    pub news: Vec<(DeclKey, Vec<OwnerRef>)>,
}

impl ConstructorEffects {
    /// Records an effect on `owner`; one on a region the constructor
    /// opens (or an owner in error) is local and drops out.
    pub(crate) fn owner(&mut self, owner: &OwnerRef) {
        let kept = matches!(
            owner,
            OwnerRef::ClassFormal(_) | OwnerRef::This | OwnerRef::Heap | OwnerRef::Immortal
        );
        if kept && !self.owners.contains(owner) {
            self.owners.push(owner.clone());
        }
    }

    /// Records `new` of a class with these owners.
    pub(crate) fn new_object(&mut self, class: &ClassTy) {
        let Some(owners) = &class.owners else {
            return;
        };
        let owners = owners
            .iter()
            .map(|owner| match owner {
                OwnerRef::Region(_) => OwnerRef::Error,
                other => other.clone(),
            })
            .collect();
        let made = (class.decl, owners);
        if !self.news.contains(&made) {
            self.news.push(made);
        }
    }
}

/// The effects of the constructor of `class`, inferred from its body
/// (empty for a class without one).
///
/// ## Why is this a salsa query?
/// Every `new` of the class in a method with an `accesses` clause needs
/// them; the constructor's body is resolved once for all of them, and
/// again only when that body or what it uses changes.
#[salsa::tracked(returns(ref))]
pub fn constructor_effects<'db>(db: &'db dyn Db, class: ItemId<'db>) -> ConstructorEffects {
    let Some(member) = class_signature(db, class).constructor_member() else {
        return ConstructorEffects::default();
    };
    let Ok(member) = u32::try_from(member) else {
        return ConstructorEffects::default();
    };
    let body = BodyId::new(
        db,
        class.program(db),
        class.file(db),
        class.index(db),
        Some(member),
    );
    match body_block(db, body) {
        Some(syntax) => constructor_effect_log(db, body, syntax),
        None => ConstructorEffects::default(),
    }
}

impl BodyResolver<'_> {
    /// The effects of running the constructor of `made` (the class and
    /// owners of a `new`, at `span`), and of the constructors it runs in
    /// turn, checked against the method's clause (E0401, at the `new`).
    pub(crate) fn constructor_effects(&mut self, made: &ClassTy, span: Span) {
        if self.clause.is_none() {
            return;
        }
        let Some(owners) = &made.owners else {
            return;
        };
        // `heap` among the owners written or inferred for the `new` is
        // E0402 there, in a heap-free method.
        let heap_written = mentions_heap(&Ty::Class(made.clone()));
        let (db, program) = (self.resolver.db, self.resolver.program);
        let mut todo: Vec<(DeclKey, Vec<OwnerRef>)> = vec![(made.decl, owners.to_vec())];
        let mut seen: Vec<(DeclKey, Vec<OwnerRef>)> = Vec::new();
        while let Some((decl, owners)) = todo.pop() {
            if seen.contains(&(decl, owners.clone())) {
                continue;
            }
            let class = class_signature(db, ItemId::of(db, program, decl))
                .name
                .clone();
            if seen.len() >= MAX_CONSTRUCTORS {
                self.constructor_may_do_anything(made, &class, span);
                return;
            }
            seen.push((decl, owners.clone()));
            let effects = constructor_effects(db, ItemId::of(db, program, decl));
            // In the caller's terms: the class's formals are the owners
            // given, and `this`, the object made, is covered exactly when
            // its first owner is.
            let in_caller = |owner: &OwnerRef| match owner {
                OwnerRef::ClassFormal(i) => {
                    owners.get(*i as usize).cloned().unwrap_or(OwnerRef::Error)
                }
                OwnerRef::This => owners.first().cloned().unwrap_or(OwnerRef::Error),
                OwnerRef::Heap | OwnerRef::Immortal => owner.clone(),
                _ => OwnerRef::Error,
            };
            if effects.anything {
                self.constructor_may_do_anything(made, &class, span);
            }
            for owner in &effects.owners {
                let owner = in_caller(owner);
                // `heap` that came from the owners of the `new` itself.
                let written = heap_written && owner == OwnerRef::Heap;
                self.constructor_effect(made, &class, &owner, span, written);
            }
            for (nested, nested_owners) in &effects.news {
                todo.push((*nested, nested_owners.iter().map(in_caller).collect()));
            }
        }
    }
}

/// `new Box` when the constructor is `Box`'s own, else `new Box` and the
/// nested class whose constructor it runs.
pub(crate) fn constructor_words(made: &ClassTy, class: &Name) -> String {
    if made.name == *class {
        format!("the constructor of `{class}`")
    } else {
        format!(
            "`new {}` runs the constructor of `{class}`, which",
            made.name
        )
    }
}
