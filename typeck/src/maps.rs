//! Maps keyed by names and small ids, hashed with Fx (as rustc does): the
//! keys come from the program, not from an adversary, and SipHash cost a
//! cold check about 4% of its time. Iteration order is insertion order
//! (`IndexMap`), so output stays deterministic.

/// An insertion-ordered map with Fx hashing.
pub(crate) type FxIndexMap<K, V> = indexmap::IndexMap<K, V, rustc_hash::FxBuildHasher>;
