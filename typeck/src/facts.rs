//! What resolving a body learns that the flow checkers need: the type of
//! every variable, which declaration each variable use means, and the
//! parameter types of every call. The flow passes (definite assignment,
//! rref linearity, endpoint typestate) walk the same block again and look
//! these up by source position instead of resolving names a second time.
//!
//! Positions are the `start` of a span: a declaring name, a `Name`
//! expression, a call's method name or a `new`'s class type. Each is unique
//! within one body.

use crate::scope::VarKind;
use crate::ty::Ty;
use ownc_lang::ast::Name;

/// One declared variable: a parameter, local, region handle or binding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VarFact {
    /// Where its declaring name starts.
    pub decl: u32,
    pub name: Name,
    pub kind: VarKind,
    pub ty: Ty,
}

/// The callee of one call or `new`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallFact {
    /// Where the call's method name (or the `new`'s class type) starts.
    pub at: u32,
    /// The callee's parameter types, owners substituted as at this call.
    pub params: Vec<Ty>,
    /// What the call evaluates to.
    pub ret: Ty,
}

/// Where an rref value (or an array without an owner) read from a field
/// or portal is held: whether moving it out needs `take` (§10, §12).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RrefPlace {
    /// A field of an rref value: followed by the flow checker when the
    /// value is a variable's.
    Rref,
    /// A field of an ordinary object, which other references may reach.
    Object,
    /// A portal of a shared region, which other threads may reach.
    Portal,
    /// An element of an array (`arr[i]`, keyed by its `]`), which other
    /// references to the array may reach, as a field of an object.
    Element,
}

/// The facts of one body, each list sorted by position.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BodyFacts {
    pub vars: Vec<VarFact>,
    /// `(use, decl)`: the `Name` expression starting at `use` reads or
    /// writes the variable declared at `decl`. Names that are fields
    /// (implicit `this`) or unknown are absent.
    pub uses: Vec<(u32, u32)>,
    pub calls: Vec<CallFact>,
    /// `(at, place)`: the field or portal whose name starts at `at` (a
    /// field of implicit `this` included) holds an rref value there.
    pub rref_reads: Vec<(u32, RrefPlace)>,
    /// Whether the body opens a channel or receives a message (`open`,
    /// `receive`): the only constructs that give the linear checker values
    /// to follow that no variable or call of a linear type shows (see
    /// `linear::query`).
    pub opens_or_receives: bool,
    /// Whether a variable or a call may hold a linear value (an rref, an
    /// array without an owner, an endpoint): with `opens_or_receives`,
    /// whether the linear checker has anything to follow.
    pub linear_values: bool,
    /// Whether some local may be read before it is assigned: one is
    /// declared with a written type and no initialiser, or read in its own
    /// initialiser. Otherwise no read can be of a local that is not yet
    /// assigned, and the definite-assignment walk (E0112) has nothing to
    /// find (see `definite::query`).
    pub may_read_unassigned: bool,
    /// Whether the body is a method's whose return type is neither `void`
    /// nor unknown: it must not complete normally (E0111).
    pub returns_value: bool,
}

impl BodyFacts {
    /// The variable declared at `decl`.
    pub fn var(&self, decl: u32) -> Option<&VarFact> {
        let i = self.vars.binary_search_by_key(&decl, |v| v.decl).ok()?;
        self.vars.get(i)
    }

    /// The variable a `Name` expression starting at `at` refers to.
    pub fn use_at(&self, at: u32) -> Option<&VarFact> {
        let i = self.uses.binary_search_by_key(&at, |&(u, _)| u).ok()?;
        let &(_, decl) = self.uses.get(i)?;
        self.var(decl)
    }

    /// The callee of the call whose method name starts at `at`.
    pub fn call_at(&self, at: u32) -> Option<&CallFact> {
        let i = self.calls.binary_search_by_key(&at, |c| c.at).ok()?;
        self.calls.get(i)
    }

    /// Where the rref read by the field or portal named at `at` is held.
    pub fn rref_read_at(&self, at: u32) -> Option<RrefPlace> {
        let i = self
            .rref_reads
            .binary_search_by_key(&at, |&(a, _)| a)
            .ok()?;
        self.rref_reads.get(i).map(|&(_, place)| place)
    }

    /// Empties every list, keeping its capacity, and resets every flag
    /// (for the next body, see `scratch.rs`). Destructured, so that a new
    /// field cannot be forgotten here.
    pub(crate) fn clear(&mut self) {
        let BodyFacts {
            vars,
            uses,
            calls,
            rref_reads,
            opens_or_receives,
            linear_values,
            may_read_unassigned,
            returns_value,
        } = self;
        vars.clear();
        uses.clear();
        calls.clear();
        rref_reads.clear();
        *opens_or_receives = false;
        *linear_values = false;
        *may_read_unassigned = false;
        *returns_value = false;
    }

    /// Sorts the lists once the body has been walked (the walk visits a
    /// `for` loop's step after its body).
    pub(crate) fn finish(&mut self) {
        // Mostly in order already: only a `for` loop's step comes late.
        if !self.vars.is_sorted_by_key(|v| v.decl) {
            self.vars.sort_by_key(|v| v.decl);
        }
        if !self.uses.is_sorted() {
            self.uses.sort_unstable();
        }
        if !self.calls.is_sorted_by_key(|c| c.at) {
            self.calls.sort_by_key(|c| c.at);
        }
        if !self.rref_reads.is_sorted_by_key(|&(at, _)| at) {
            self.rref_reads.sort_unstable_by_key(|&(at, _)| at);
        }
    }
}
