//! Maps keyed by names and small ids, hashed with Fx (as rustc does): the
//! keys come from the program, not from an adversary, and SipHash cost a
//! cold check about 4% of its time. Iteration order is insertion order
//! (`IndexMap`), so output stays deterministic.

use ownc_lang::ast::Name;

/// An insertion-ordered map with Fx hashing.
pub(crate) type FxIndexMap<K, V> = indexmap::IndexMap<K, V, rustc_hash::FxBuildHasher>;

/// Positions by name, in insertion order: a class's fields or methods.
///
/// A class has a handful of each, so a name is found by comparing it
/// with each one (interned names compare as numbers): cheaper than
/// hashing it, which every
/// field access and call of a body did. Past [`NameMap::SCAN`] names an
/// index by name is kept as well, so a class of many members stays
/// linear to build and to search.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct NameMap {
    entries: Vec<(Name, usize)>,
    index: Option<rustc_hash::FxHashMap<Name, usize>>,
}

impl NameMap {
    const SCAN: usize = 16;

    pub(crate) fn reserve(&mut self, additional: usize) {
        self.entries.reserve(additional);
    }

    /// The value of `name`.
    pub(crate) fn get(&self, name: Name) -> Option<usize> {
        match &self.index {
            Some(index) => index.get(&name).copied(),
            None => self
                .entries
                .iter()
                .find(|&&(n, _)| n == name)
                .map(|&(_, value)| value),
        }
    }

    /// Sets `name` to `value` unless it has a value: then that one is
    /// returned, and nothing changes.
    pub(crate) fn insert_first(&mut self, name: &Name, value: usize) -> Option<usize> {
        if let Some(first) = self.get(*name) {
            return Some(first);
        }
        self.entries.push((*name, value));
        match &mut self.index {
            Some(index) => {
                index.insert(*name, value);
            }
            None if self.entries.len() > Self::SCAN => {
                self.index = Some(self.entries.iter().cloned().collect());
            }
            None => {}
        }
        None
    }

    /// The names, in the order they were first inserted.
    pub(crate) fn keys(&self) -> impl Iterator<Item = &Name> {
        self.entries.iter().map(|(name, _)| name)
    }
}
