//! The owners in scope and the facts that relate them, built per class,
//! method and body scope, with cheap push and pop for nested blocks.

use crate::fact::{Intro, Reason, Step};
use crate::kind::{FormalKind, KindId, OwnerKind, RegionKind};
use crate::owner::{Owner, RegionId, UnknownOwner};

/// Positions of the built-in owners: every constructor starts from
/// [`OwnerEnv::new`], and no scope can be popped below it.
pub(crate) const HEAP: usize = 0;
pub(crate) const IMMORTAL: usize = 1;

/// The owners in scope at one point of a program, in the order they came
/// into scope, and the facts of the outlives order (LANGUAGE.md §4) and of
/// ownership (§8) that relate them.
///
/// `O` is the caller's origin tag (a span): each fact and each owner keeps
/// the one it was introduced with, so explanations can point at source.
#[derive(Clone, Debug)]
pub struct OwnerEnv<O> {
    /// Dense positions: an owner's index is its position in scope order,
    /// which is what makes rule 4 a prefix ("everything before me").
    pub(crate) owners: Owners<O>,
    /// Every stated fact, in the order it was added (a log, so popping a
    /// scope is truncating it).
    pub(crate) facts: Vec<Fact<O>>,
    scopes: Vec<Mark>,
    /// Method formals in scope, to number the next one.
    method_formals: u32,
    /// Region blocks ever opened here; never decreases (see [`RegionId`]).
    regions_opened: u32,
}

#[derive(Clone, Debug)]
pub(crate) struct Entry<O> {
    pub(crate) kind: OwnerKind,
    pub(crate) intro: Intro<O>,
    /// The newest fact whose lower side is this owner (the solver searches
    /// upward, from the owner that must be outlived); each fact links to
    /// the next older one above the same owner ([`Fact::older`]), so an
    /// owner's facts cost no allocation of their own.
    pub(crate) last_above: Option<usize>,
}

/// A stated fact `upper ⪰ lower`, by owner positions.
#[derive(Clone, Debug)]
pub(crate) struct Fact<O> {
    pub(crate) upper: usize,
    pub(crate) lower: usize,
    pub(crate) reason: Reason<O>,
    /// The next older fact above the same lower owner.
    pub(crate) older: Option<usize>,
}

/// What to truncate back to when a scope is popped.
#[derive(Clone, Copy, Debug)]
struct Mark {
    owners: usize,
    facts: usize,
    method_formals: u32,
}

impl<O: Clone> Default for OwnerEnv<O> {
    fn default() -> Self {
        OwnerEnv::new()
    }
}

// `O: Clone` throughout: an origin is kept both by an owner and by the
// fact its introduction states (a subregion), and copied into explanations.
impl<O: Clone> OwnerEnv<O> {
    /// The environment of `main`: `heap` and `immortal` only.
    pub fn new() -> Self {
        // Room for a class's formals, `this`, a method's formals and a few
        // nested regions without growing: one environment is built per
        // body, so its first allocations are a cost of every body.
        let mut owners = Owners::with_capacity(16);
        for owner in [Owner::Heap, Owner::Immortal] {
            owners.insert(owner, || Entry::new(OwnerKind::Region, Intro::Builtin));
        }
        OwnerEnv {
            owners,
            facts: Vec::with_capacity(16),
            scopes: Vec::new(),
            method_formals: 0,
            regions_opened: 0,
        }
    }

    /// The environment of a class `C<f1, …, fn>` (rule 2): its formals with
    /// their kinds and declarations, `this` (an object), and the facts
    /// `fi ⪰ f1` and `f1 owns this`. `where` clauses are added after.
    pub fn for_class(this_origin: O, formals: impl IntoIterator<Item = (FormalKind, O)>) -> Self {
        let mut env = OwnerEnv::new();
        env.add_class(this_origin, formals);
        env
    }

    /// Makes this environment what [`for_class`](Self::for_class) would
    /// build, reusing its allocations: the checker builds a class's
    /// environment for every body, and an environment's first allocations
    /// were a cost of every body.
    pub fn reset_for_class(
        &mut self,
        this_origin: O,
        formals: impl IntoIterator<Item = (FormalKind, O)>,
    ) {
        self.facts.clear();
        self.scopes.clear();
        self.method_formals = 0;
        self.regions_opened = 0;
        // Back to `new()`'s owners: `heap` and `immortal` stay first.
        self.owners.truncate(IMMORTAL + 1);
        for (_, entry) in self.owners.entries_mut() {
            entry.last_above = None;
        }
        self.add_class(this_origin, formals);
    }

    /// `this` and the formals of a class, with rule 2's facts, added to an
    /// environment with the built-in owners only.
    fn add_class(&mut self, this_origin: O, formals: impl IntoIterator<Item = (FormalKind, O)>) {
        let this = self.insert(Owner::This, OwnerKind::Object, Intro::Declared(this_origin));
        let mut first = None;
        for (index, (kind, origin)) in (0u32..).zip(formals) {
            let formal = self.insert(
                Owner::ClassFormal(index),
                kind.owner_kind(),
                Intro::Declared(origin.clone()),
            );
            match first {
                None => {
                    first = Some(formal);
                    self.record(formal, this, Reason::OwnsThis(origin));
                }
                Some(first) => self.record(formal, first, Reason::ClassFormal(origin)),
            }
        }
    }

    /// The environment of a region kind's declarations (§12): `this` is the
    /// region itself, a shared region of kind `kind`.
    pub fn for_region_kind(kind: KindId, this_origin: O) -> Self {
        let mut env = OwnerEnv::new();
        env.insert(
            Owner::This,
            OwnerKind::Shared(Some(kind)),
            Intro::Declared(this_origin),
        );
        env
    }

    /// Whether `owner` is in scope.
    pub fn contains(&self, owner: Owner) -> bool {
        self.owners.contains_key(&owner)
    }

    /// The owners in scope, in the order they came into scope.
    pub fn owners(&self) -> impl Iterator<Item = Owner> + '_ {
        self.owners.keys().copied()
    }

    /// What `owner` is known to be, if it is in scope.
    pub fn kind_of(&self, owner: Owner) -> Option<OwnerKind> {
        self.owners.get(&owner).map(|entry| entry.kind)
    }

    /// How `owner` came into scope, if it is.
    pub fn intro_of(&self, owner: Owner) -> Option<&Intro<O>> {
        self.owners.get(&owner).map(|entry| &entry.intro)
    }

    /// Whether `owner` may be handed to another thread (§8, E0403): `heap`,
    /// `immortal` or a shared region. An owner of unknown kind (an error
    /// already reported) is let through so that it is not reported again.
    pub fn is_shareable(&self, owner: Owner) -> bool {
        match owner {
            Owner::Heap | Owner::Immortal => true,
            _ => self
                .kind_of(owner)
                .is_some_and(|kind| kind.is_shared() || kind == OwnerKind::Unknown),
        }
    }

    /// The stated facts (rules 2, 3 and 5) in the order they were added;
    /// rules 1 and 4 are implied by how owners came into scope.
    pub fn facts(&self) -> impl Iterator<Item = Step<O>> + '_ {
        self.facts.iter().filter_map(|fact| self.step(fact))
    }

    /// Enters a scope: everything declared until the matching
    /// [`pop_scope`](Self::pop_scope) is forgotten there.
    pub fn push_scope(&mut self) {
        self.scopes.push(Mark {
            owners: self.owners.len(),
            facts: self.facts.len(),
            method_formals: self.method_formals,
        });
    }

    /// Leaves the innermost scope, in time proportional to what it
    /// declared. Returns `false`, changing nothing, when no scope is open.
    pub fn pop_scope(&mut self) -> bool {
        let Some(mark) = self.scopes.pop() else {
            return false;
        };
        // Undo the facts newest first, so each is the last one recorded
        // above its lower owner; then drop the owners, which no remaining
        // fact mentions (a fact is always newer than its owners).
        while self.facts.len() > mark.facts {
            if let Some(fact) = self.facts.pop() {
                if let Some((_, entry)) = self.owners.get_index_mut(fact.lower) {
                    entry.last_above = fact.older;
                }
            }
        }
        self.owners.truncate(mark.owners);
        self.method_formals = mark.method_formals;
        true
    }

    /// Declares the next owner formal of a method (numbered from 0 in the
    /// order declared, like the caller's method formals).
    pub fn declare_method_formal(&mut self, kind: FormalKind, origin: O) -> Owner {
        let owner = Owner::MethodFormal(self.method_formals);
        self.method_formals = self.method_formals.saturating_add(1);
        self.insert(owner, kind.owner_kind(), Intro::Declared(origin));
        owner
    }

    /// States `where upper outlives lower` (rule 3).
    pub fn add_outlives(
        &mut self,
        upper: Owner,
        lower: Owner,
        origin: O,
    ) -> Result<(), UnknownOwner> {
        self.add_fact(upper, lower, Reason::WhereOutlives(origin))
    }

    /// States `where owner owns owned` (rule 3): an ownership fact for
    /// effects, and an outlives fact.
    pub fn add_owns(&mut self, owner: Owner, owned: Owner, origin: O) -> Result<(), UnknownOwner> {
        self.add_fact(owner, owned, Reason::WhereOwns(origin))
    }

    /// Opens a region block (rule 4): every owner in scope now outlives the
    /// new region. Call it inside a fresh scope, which is the block's.
    pub fn open_region(&mut self, kind: RegionKind, origin: O) -> Owner {
        let owner = self.next_region();
        self.insert(owner, kind.into(), Intro::Opened(origin));
        owner
    }

    /// Enters a subregion through a handle of `parent` (rule 5): only
    /// `parent` outlives it, since other threads may keep it alive after
    /// the block. `parent` is `None` when the handle's type is erroneous
    /// (already reported): then only `heap` and `immortal` outlive it.
    /// `kind` is the subregion's declared kind, `None` when unknown.
    pub fn enter_subregion(
        &mut self,
        parent: Option<Owner>,
        kind: Option<KindId>,
        origin: O,
    ) -> Result<Owner, UnknownOwner> {
        let parent = match parent {
            Some(parent) => Some(self.position(parent)?),
            None => None,
        };
        let owner = self.next_region();
        let kind = kind.map_or(OwnerKind::Unknown, |kind| OwnerKind::Shared(Some(kind)));
        let lower = self.insert(owner, kind, Intro::Entered(origin.clone()));
        if let Some(upper) = parent {
            self.record(upper, lower, Reason::Subregion(origin));
        }
        Ok(owner)
    }

    /// The position of an owner in scope.
    pub(crate) fn position(&self, owner: Owner) -> Result<usize, UnknownOwner> {
        self.owners.get_index_of(&owner).ok_or(UnknownOwner(owner))
    }

    pub(crate) fn owner_at(&self, position: usize) -> Option<Owner> {
        self.owners.get_index(position).map(|(owner, _)| *owner)
    }

    pub(crate) fn entry_at(&self, position: usize) -> Option<&Entry<O>> {
        self.owners.get_index(position).map(|(_, entry)| entry)
    }

    /// The facts above the owner of `entry` (whose lower side it is), by
    /// id, newest first.
    pub(crate) fn facts_above<'a>(
        &'a self,
        entry: &Entry<O>,
    ) -> impl Iterator<Item = (usize, &'a Fact<O>)> + 'a {
        let mut next = entry.last_above;
        std::iter::from_fn(move || {
            let id = next?;
            let fact = self.facts.get(id)?;
            next = fact.older;
            Some((id, fact))
        })
    }

    /// A stated fact as the caller sees it.
    pub(crate) fn step(&self, fact: &Fact<O>) -> Option<Step<O>> {
        Some(Step {
            upper: self.owner_at(fact.upper)?,
            lower: self.owner_at(fact.lower)?,
            reason: fact.reason.clone(),
        })
    }

    fn add_fact(
        &mut self,
        upper: Owner,
        lower: Owner,
        reason: Reason<O>,
    ) -> Result<(), UnknownOwner> {
        let upper = self.position(upper)?;
        let lower = self.position(lower)?;
        self.record(upper, lower, reason);
        Ok(())
    }

    fn record(&mut self, upper: usize, lower: usize, reason: Reason<O>) {
        let id = self.facts.len();
        if let Some((_, entry)) = self.owners.get_index_mut(lower) {
            let older = entry.last_above.replace(id);
            self.facts.push(Fact {
                upper,
                lower,
                reason,
                older,
            });
        }
    }

    fn next_region(&mut self) -> Owner {
        // Cannot saturate on real input: a region block takes at least ten
        // bytes of source and a file is below 4 GiB.
        let id = RegionId(self.regions_opened);
        self.regions_opened = self.regions_opened.saturating_add(1);
        Owner::Region(id)
    }

    /// Puts `owner` in scope and returns its position. Declaring an owner
    /// that is already in scope keeps the first declaration (its facts and
    /// position); the caller has reported the duplicate (E0106).
    fn insert(&mut self, owner: Owner, kind: OwnerKind, intro: Intro<O>) -> usize {
        self.owners.insert(owner, || Entry::new(kind, intro))
    }
}

impl<O> Entry<O> {
    fn new(kind: OwnerKind, intro: Intro<O>) -> Self {
        Entry {
            kind,
            intro,
            last_above: None,
        }
    }
}

/// The owners in scope, by position (scope order), with their entries.
///
/// An owner is found without a scan or a hash: each kind of owner has a
/// table from its number (a formal's index, a region's id) to the position
/// it was last put in scope at. A table entry may be stale (its owner was
/// truncated away, or another owner took its position since), so a lookup
/// checks that the entry at that position is the owner asked for: an owner
/// in scope is always at the position its last insertion recorded, since
/// `insert` never puts an owner in scope twice. Lookups are most of what
/// the checker asks of an environment (every owner of every type it
/// checks), and a scan of the entries cost ~100 instructions each.
#[derive(Clone, Debug)]
pub(crate) struct Owners<O> {
    entries: Vec<(Owner, Entry<O>)>,
    /// Positions of `heap`, `immortal` and `this`.
    fixed: [usize; 3],
    /// Positions by class formal index, method formal index and region id.
    class_formals: Vec<usize>,
    method_formals: Vec<usize>,
    regions: Vec<usize>,
}

/// A position no entry has: the slot of an owner never put in scope.
const NOWHERE: usize = usize::MAX;

impl<O> Owners<O> {
    fn with_capacity(capacity: usize) -> Self {
        Owners {
            entries: Vec::with_capacity(capacity),
            fixed: [NOWHERE; 3],
            class_formals: Vec::new(),
            method_formals: Vec::new(),
            regions: Vec::new(),
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    /// Where `owner` was last put in scope, if it ever was (the position
    /// may be stale: see [`Owners`]).
    fn slot(&self, owner: &Owner) -> usize {
        let table = |table: &[usize], i: u32| table.get(i as usize).copied().unwrap_or(NOWHERE);
        match *owner {
            Owner::Heap => self.fixed[0],
            Owner::Immortal => self.fixed[1],
            Owner::This => self.fixed[2],
            Owner::ClassFormal(i) => table(&self.class_formals, i),
            Owner::MethodFormal(i) => table(&self.method_formals, i),
            Owner::Region(id) => table(&self.regions, id.0),
        }
    }

    /// Records that `owner` is now in scope at `position`.
    fn set_slot(&mut self, owner: Owner, position: usize) {
        let set = |table: &mut Vec<usize>, i: u32| {
            let i = i as usize;
            if table.len() <= i {
                table.resize(i + 1, NOWHERE);
            }
            if let Some(slot) = table.get_mut(i) {
                *slot = position;
            }
        };
        match owner {
            Owner::Heap => self.fixed[0] = position,
            Owner::Immortal => self.fixed[1] = position,
            Owner::This => self.fixed[2] = position,
            Owner::ClassFormal(i) => set(&mut self.class_formals, i),
            Owner::MethodFormal(i) => set(&mut self.method_formals, i),
            Owner::Region(id) => set(&mut self.regions, id.0),
        }
    }

    pub(crate) fn get_index_of(&self, owner: &Owner) -> Option<usize> {
        let position = self.slot(owner);
        match self.entries.get(position) {
            Some((found, _)) if found == owner => Some(position),
            _ => None,
        }
    }

    pub(crate) fn get(&self, owner: &Owner) -> Option<&Entry<O>> {
        let position = self.get_index_of(owner)?;
        self.entries.get(position).map(|(_, entry)| entry)
    }

    pub(crate) fn contains_key(&self, owner: &Owner) -> bool {
        self.get_index_of(owner).is_some()
    }

    pub(crate) fn keys(&self) -> impl Iterator<Item = &Owner> + '_ {
        self.entries.iter().map(|(owner, _)| owner)
    }

    pub(crate) fn get_index(&self, position: usize) -> Option<(&Owner, &Entry<O>)> {
        self.entries
            .get(position)
            .map(|(owner, entry)| (owner, entry))
    }

    pub(crate) fn get_index_mut(&mut self, position: usize) -> Option<(&Owner, &mut Entry<O>)> {
        self.entries
            .get_mut(position)
            .map(|(owner, entry)| (&*owner, entry))
    }

    /// The position of `owner`, put in scope with `make()` unless it
    /// already is (then it keeps its first entry).
    fn insert(&mut self, owner: Owner, make: impl FnOnce() -> Entry<O>) -> usize {
        if let Some(position) = self.get_index_of(&owner) {
            return position;
        }
        let position = self.entries.len();
        self.entries.push((owner, make()));
        self.set_slot(owner, position);
        position
    }

    fn entries_mut(&mut self) -> impl Iterator<Item = &mut (Owner, Entry<O>)> + '_ {
        self.entries.iter_mut()
    }

    /// Keeps the first `len` owners. The slots of the others go stale,
    /// which lookups detect.
    fn truncate(&mut self, len: usize) {
        self.entries.truncate(len);
    }
}
