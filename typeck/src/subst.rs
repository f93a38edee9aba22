//! Owner substitution (LANGUAGE.md §5): a member's declared type speaks of
//! its class's formals, its method's formals and `this`; at a use, those
//! become the owners of the receiver's type, the call's (explicit or
//! inferred, §9) owner arguments, and the receiver itself.
//!
//! An owner that is not known (omitted and not inferable, or already an
//! error) becomes [`OwnerRef::Error`], which every later check accepts
//! silently: one mistake, one error.

use crate::ty::{OwnerRef, Ty};
use ownc_lang::ast::Name;
use std::sync::Arc;

/// What a member's owners mean at one use.
#[derive(Clone, Debug)]
pub(crate) struct Subst {
    /// The `i`-th formal of the member's class.
    pub class: Arc<[OwnerRef]>,
    /// The `i`-th owner formal of the method.
    pub method: Arc<[OwnerRef]>,
    /// `this` in the member's class: `OwnerRef::This` when the receiver is
    /// `this` (written or implied), otherwise unknown.
    pub this: OwnerRef,
}

impl Subst {
    /// The substitution for a member of a class reached through a receiver
    /// whose class has owners `class`.
    pub fn for_receiver(class: Arc<[OwnerRef]>, receiver_is_this: bool) -> Subst {
        Subst {
            class,
            method: no_owners(),
            this: if receiver_is_this {
                OwnerRef::This
            } else {
                OwnerRef::Error
            },
        }
    }

    pub fn owner(&self, owner: &OwnerRef) -> OwnerRef {
        let pick = |list: &[OwnerRef], i: u32| list.get(i as usize).cloned();
        match owner {
            OwnerRef::ClassFormal(i) => pick(&self.class, *i).unwrap_or(OwnerRef::Error),
            OwnerRef::MethodFormal(i) => pick(&self.method, *i).unwrap_or(OwnerRef::Error),
            OwnerRef::This => self.this.clone(),
            other => other.clone(),
        }
    }

    pub fn apply(&self, ty: &Ty) -> Ty {
        ty.map_owners(&|o| self.owner(o))
    }
}

/// An empty list of owners, shared: `Arc::from([])` allocates (a header),
/// and every field access and call builds a substitution, most of them
/// without method owners.
pub(crate) fn no_owners() -> Arc<[OwnerRef]> {
    thread_local! {
        static EMPTY: Arc<[OwnerRef]> = Arc::from([]);
    }
    EMPTY.with(Arc::clone)
}

/// Owner slots being inferred (§9): the formals of a `new`'s class or of a
/// called method whose owner arguments were omitted.
#[derive(Clone, Debug)]
pub(crate) struct Inference {
    /// Which formals are being inferred.
    pub of: Slots,
    pub found: Vec<Option<OwnerRef>>,
    /// Slots that faced a type already in error, or one that does not fit
    /// the template (E0110, E0108 or an earlier error says so): left
    /// undetermined, they are not also E0207 (one mistake, one error).
    pub excused: Vec<bool>,
    /// Slots that met an owner still being inferred by the enclosing call
    /// or `new` (see [`pending_owner`]): slots linked to the same one are
    /// the same owner, so what determines one determines the others.
    pub links: Vec<Option<usize>>,
    /// Slots the expected type asked two different owners of (`Base<r2,
    /// r1>` expected of a `new Sub(…)` with `Sub<x> extends Base<x, x>`):
    /// no owners make the value fit, which is one E0110 where it is used.
    /// They keep the first owner for the value's type, and are unknown
    /// to the arguments (not checked against them: one mistake, one
    /// error).
    pub conflicted: Vec<bool>,
    /// Whether [`Inference::unify_expected`] is learning.
    from_expected: bool,
}

/// The `i`-th owner still being inferred by a call or `new`, as it appears
/// in the expected type given to a nested `new` or call among its
/// arguments: `put(new Pair(d, new Data()))` with `put<q>(Pair<q, q> p)`
/// expects a `Pair<?0, ?0>`, so the pair's two owners are one (§9 infers
/// by unification). Region names are identifiers, so `?0` names none.
/// Only [`Inference::unify`] ever sees it.
pub(crate) fn pending_owner(i: usize) -> OwnerRef {
    OwnerRef::Region(Name::new(format!("?{i}")))
}

fn pending_index(owner: &OwnerRef) -> Option<usize> {
    match owner {
        OwnerRef::Region(name) => name.strip_prefix('?')?.parse().ok(),
        _ => None,
    }
}

/// Whether `ty` mentions an owner still being inferred ([`pending_owner`]).
pub(crate) fn mentions_pending(ty: &Ty) -> bool {
    crate::threads::any_owner(ty, &mut |o| pending_index(o).is_some())
}

/// The formals an [`Inference`] solves for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Slots {
    Class,
    Method,
}

impl Inference {
    pub fn new(of: Slots, count: usize) -> Inference {
        Inference {
            of,
            found: vec![None; count],
            excused: vec![false; count],
            links: vec![None; count],
            conflicted: vec![false; count],
            from_expected: false,
        }
    }

    /// Learns from the type expected of the value, `template` being the
    /// value's type in the callee's terms (see [`Inference::unify`]);
    /// records the slots it asks two different owners of.
    pub fn unify_expected(&mut self, template: &Ty, expected: &Ty) {
        self.from_expected = true;
        self.unify(template, expected);
        self.from_expected = false;
    }

    /// Learns from `template` (a declared type, in the callee's terms)
    /// meeting `actual` (a type in the caller's terms, already converted
    /// to the template's class when it is a subclass): each slot of the
    /// template facing a known owner takes it, if not set yet. Mismatches
    /// are left for the assignability check after substitution; the
    /// slots of a template facing a type that cannot fit it (another
    /// class, a primitive, an unknown type) are excused from E0207.
    pub fn unify(&mut self, template: &Ty, actual: &Ty) {
        match (template, actual) {
            (Ty::Class(t), Ty::Class(a)) if t.decl == a.decl => {
                if let (Some(ts), Some(as_)) = (&t.owners, &a.owners) {
                    for (t, a) in ts.iter().zip(as_.iter()) {
                        self.unify_owner(t, a);
                    }
                }
            }
            (Ty::Class(t), Ty::Class(a)) if t.decl != a.decl => self.excuse(template),
            (
                Ty::Array {
                    elem: te,
                    owner: to,
                },
                Ty::Array {
                    elem: ae,
                    owner: ao,
                },
            ) => {
                self.unify(te, ae);
                if let (Some(t), Some(a)) = (to, ao) {
                    self.unify_owner(t, a);
                }
            }
            (Ty::Handle(t), Ty::Handle(a)) => self.unify_owner(t, a),
            // `null` has every class type: it tells nothing, excuses nothing.
            (_, Ty::Null) | (Ty::Class(_), Ty::Class(_)) => {}
            _ => self.excuse(template),
        }
    }

    fn slot(&self, template: &OwnerRef) -> Option<usize> {
        match (self.of, template) {
            (Slots::Class, OwnerRef::ClassFormal(i))
            | (Slots::Method, OwnerRef::MethodFormal(i)) => Some(*i as usize),
            _ => None,
        }
    }

    fn unify_owner(&mut self, template: &OwnerRef, actual: &OwnerRef) {
        let Some(slot) = self.slot(template) else {
            return;
        };
        if *actual == OwnerRef::Error {
            // An owner already in error (E0102, or itself not inferable).
            self.excuse_slot(slot);
            return;
        }
        if let Some(pending) = pending_index(actual) {
            if let Some(link @ None) = self.links.get_mut(slot) {
                *link = Some(pending);
            }
            // A slot linked to the same owner may already be known.
            let known = self
                .links
                .iter()
                .zip(&self.found)
                .find_map(|(link, found)| found.clone().filter(|_| *link == Some(pending)));
            if let (Some(known), Some(found @ None)) = (known, self.found.get_mut(slot)) {
                *found = Some(known);
            }
            return;
        }
        match self.found.get_mut(slot) {
            Some(found @ None) => *found = Some(actual.clone()),
            Some(Some(found)) => {
                if self.from_expected && found != actual {
                    if let Some(conflicted) = self.conflicted.get_mut(slot) {
                        *conflicted = true;
                    }
                }
                return;
            }
            None => return,
        }
        // The slots linked to this one are the same owner.
        if let Some(Some(link)) = self.links.get(slot).copied() {
            for (other, found) in self.links.iter().zip(self.found.iter_mut()) {
                if *other == Some(link) && found.is_none() {
                    *found = Some(actual.clone());
                }
            }
        }
    }

    /// Excuses every slot `template` mentions: what it faced is another
    /// mistake, reported on its own (a mismatch, a missing argument, an
    /// erroneous expected type).
    pub fn excuse(&mut self, template: &Ty) {
        for owner in crate::threads::owners_of(template) {
            if let Some(slot) = self.slot(owner) {
                self.excuse_slot(slot);
            }
        }
    }

    /// Excuses `slot` and the slots linked to it (the same owner).
    fn excuse_slot(&mut self, slot: usize) {
        let link = self.links.get(slot).copied().flatten();
        for (i, (other, excused)) in self.links.iter().zip(self.excused.iter_mut()).enumerate() {
            if i == slot || (link.is_some() && *other == link) {
                *excused = true;
            }
        }
    }

    /// Whether every slot was determined.
    pub fn complete(&self) -> bool {
        self.found.iter().all(Option::is_some)
    }

    /// Whether some slot is undetermined for no other mistake: E0207.
    pub fn undetermined(&self) -> bool {
        self.found
            .iter()
            .zip(&self.excused)
            .any(|(found, excused)| found.is_none() && !excused)
    }

    /// The owners found, unknown ones as errors.
    pub fn owners(&self) -> Arc<[OwnerRef]> {
        self.found
            .iter()
            .map(|o| o.clone().unwrap_or(OwnerRef::Error))
            .collect()
    }

    /// The owners found as the arguments see them: unknown and conflicted
    /// ones as errors.
    pub fn param_owners(&self) -> Arc<[OwnerRef]> {
        self.found
            .iter()
            .zip(&self.conflicted)
            .map(|(o, conflicted)| match o {
                Some(o) if !conflicted => o.clone(),
                _ => OwnerRef::Error,
            })
            .collect()
    }
}

/// Whether a declared type mentions `this` (E0203: only `this` may then be
/// the receiver).
pub(crate) fn mentions_this(ty: &Ty) -> bool {
    crate::threads::any_owner(ty, &mut |o| *o == OwnerRef::This)
}
