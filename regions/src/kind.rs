//! Kinds (LANGUAGE.md §3, §12): what a formal admits (E0206) and what an
//! owner is (an object, a region, a shared region of some region kind).

/// A declared `regionkind`, by a number the caller chooses (for instance
/// its declaration's position in the program). Only equality matters: a
/// region kind extends `Shared` and nothing else, so kinds have no order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KindId(pub u32);

/// The kind written before a formal (`class C<Region r, Mailbox m, o>`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FormalKind {
    /// No kind written: an object or a region.
    Owner,
    /// `Region`: any region, `heap` and `immortal` included.
    Region,
    /// `Shared`: any shared region.
    Shared,
    /// A region kind's name: a shared region of that kind.
    Kind(KindId),
    /// A region kind's name that did not resolve (an error the caller
    /// reported): admits every owner, and is of unknown kind inside its
    /// class or method, so that one mistake is reported once.
    Unknown,
}

/// What an owner in scope is known to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OwnerKind {
    /// An `Owner` formal: an object or a region, nobody knows which.
    Any,
    /// `this` in a class: an object.
    Object,
    /// A region that is not known to be shared: `heap`, `immortal`, a local
    /// region (`region r`, `: LT(n)`, `: VT`), a `Region` formal.
    Region,
    /// A shared region: of the given kind, or of any kind (a `Shared`
    /// formal).
    Shared(Option<KindId>),
    /// Unknown because of an error already reported (a region kind that did
    /// not resolve, a subregion reached through an erroneous handle). It is
    /// admitted everywhere so that one mistake is reported once.
    Unknown,
}

/// The kind of region a `region` block opens (§7).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RegionKind {
    /// `region r { … }`, `: LT(n)`, `: VT`.
    Local,
    /// `region r : Kind { … }`.
    Shared(KindId),
    /// `region r : Kind` where `Kind` did not resolve (already reported).
    Unknown,
    /// `region r : Shared { … }`: shared, of no particular kind, as a
    /// `Shared` formal is inside its class (no portals, no subregions).
    AnyShared,
}

impl FormalKind {
    /// Whether an owner of kind `owner` may be passed for a formal of this
    /// kind (otherwise E0206). An `Owner` formal bound to an unknown kind is
    /// not admitted by `Region`: it may be an object.
    pub fn admits(self, owner: OwnerKind) -> bool {
        match (self, owner) {
            (_, OwnerKind::Unknown) | (FormalKind::Owner | FormalKind::Unknown, _) => true,
            (FormalKind::Region, kind) => kind.is_region(),
            (FormalKind::Shared, kind) => kind.is_shared(),
            (FormalKind::Kind(wanted), OwnerKind::Shared(Some(kind))) => wanted == kind,
            (FormalKind::Kind(_), _) => false,
        }
    }

    /// What the formal is, as an owner, inside its class or method.
    pub fn owner_kind(self) -> OwnerKind {
        match self {
            FormalKind::Owner => OwnerKind::Any,
            FormalKind::Region => OwnerKind::Region,
            FormalKind::Shared => OwnerKind::Shared(None),
            FormalKind::Kind(kind) => OwnerKind::Shared(Some(kind)),
            FormalKind::Unknown => OwnerKind::Unknown,
        }
    }
}

impl OwnerKind {
    /// Known to be a region (shared or not).
    pub fn is_region(self) -> bool {
        matches!(self, OwnerKind::Region | OwnerKind::Shared(_))
    }

    /// Known to be a shared region.
    pub fn is_shared(self) -> bool {
        matches!(self, OwnerKind::Shared(_))
    }
}

impl From<RegionKind> for OwnerKind {
    fn from(kind: RegionKind) -> OwnerKind {
        match kind {
            RegionKind::Local => OwnerKind::Region,
            RegionKind::Shared(kind) => OwnerKind::Shared(Some(kind)),
            RegionKind::Unknown => OwnerKind::Unknown,
            RegionKind::AnyShared => OwnerKind::Shared(None),
        }
    }
}
