//! Owners as the solver sees them: small copyable ids that the checker maps
//! its own names to, so this crate never sees a name, a span or a file.

use std::fmt;

/// An owner (LANGUAGE.md §4), relative to one environment: a formal is
/// identified by its position, a region block by the id that
/// [`OwnerEnv::open_region`](crate::OwnerEnv::open_region) or
/// [`OwnerEnv::enter_subregion`](crate::OwnerEnv::enter_subregion) handed out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Owner {
    Heap,
    Immortal,
    /// The current object in a class; the region itself in a region kind.
    This,
    /// The `i`-th formal of the enclosing class (from 0: `ClassFormal(0)` is
    /// the first formal, which owns `this`).
    ClassFormal(u32),
    /// The `i`-th owner formal of the enclosing method (from 0).
    MethodFormal(u32),
    /// A region opened or a subregion entered by a `region` block of a body.
    Region(RegionId),
}

impl Owner {
    /// Whether this is a region of a `region` block: effects on it are local
    /// to the method whose body opened it and drop out (§8), because such a
    /// region can never be named outside that body.
    pub fn is_block_region(self) -> bool {
        matches!(self, Owner::Region(_))
    }
}

/// A region block's id. Only an environment makes one, and it never hands
/// out the same id twice, not even after the block's scope was popped: an
/// id kept by mistake past its block then names nothing rather than another
/// region.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RegionId(pub(crate) u32);

impl RegionId {
    /// The id as a number: region blocks are numbered in the order they
    /// were opened in the environment, from 0.
    pub fn index(self) -> u32 {
        self.0
    }
}

/// An owner that the environment does not have in scope. Owners written in
/// source are resolved (E0102) before they reach the solver, so this is a
/// bug in the caller, reported as data rather than by a panic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnknownOwner(pub Owner);

impl fmt::Display for UnknownOwner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "owner {:?} is not in scope in this environment", self.0)
    }
}

impl std::error::Error for UnknownOwner {}
