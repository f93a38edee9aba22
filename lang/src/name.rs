//! Names (identifiers, and the few names the checker makes up), interned
//! for the whole process: a [`Name`] is a 4-byte number, and its text is
//! kept once, however many times the program writes it.
//!
//! Why: a name was a 24-byte inline string, in every identifier of the
//! syntax tree, every type and every signature, so a 1M-line program held
//! hundreds of megabytes of copies of a few thousand distinct names, and
//! every first touch of that memory costs a page fault. Interned, an
//! identifier with its span is 16 bytes, names compare as numbers, and
//! copying or dropping one costs nothing.
//!
//! The table only grows: a language server keeps every name it has seen,
//! which is bounded by what its user typed. Numbers depend on the order
//! names were first met (which threads parsing in parallel make
//! arbitrary), so nothing may depend on them but equality: [`Name`]
//! orders and hashes by its text.

use std::borrow::Borrow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasher, Hash, Hasher};
use std::ops::Deref;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Mutex, OnceLock, PoisonError};

/// An interned name: equal names (by text) are equal numbers.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Name(u32);

impl Name {
    /// The name with this text, interned if it is new.
    pub fn new(text: impl AsRef<str>) -> Name {
        intern(text.as_ref())
    }

    /// The text of the name, which lives as long as the process.
    pub fn as_str(&self) -> &'static str {
        TEXTS.get(self.0)
    }
}

impl Default for Name {
    /// The empty name.
    fn default() -> Name {
        static EMPTY: OnceLock<Name> = OnceLock::new();
        *EMPTY.get_or_init(|| Name::new(""))
    }
}

impl Deref for Name {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

/// Maps keyed by names are searched with a `&str`; `Hash` hashes the text
/// as `str` does, so that lookup finds them.
impl Borrow<str> for Name {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl Hash for Name {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialOrd for Name {
    fn partial_cmp(&self, other: &Name) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Name {
    /// By text: numbers depend on the order names were first met.
    fn cmp(&self, other: &Name) -> std::cmp::Ordering {
        if self.0 == other.0 {
            return std::cmp::Ordering::Equal;
        }
        self.as_str().cmp(other.as_str())
    }
}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<Name> for str {
    fn eq(&self, other: &Name) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Name> for &str {
    fn eq(&self, other: &Name) -> bool {
        *self == other.as_str()
    }
}

impl From<&str> for Name {
    fn from(text: &str) -> Name {
        Name::new(text)
    }
}

impl From<String> for Name {
    fn from(text: String) -> Name {
        Name::new(text)
    }
}

impl From<&String> for Name {
    fn from(text: &String) -> Name {
        Name::new(text)
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl fmt::Debug for Name {
    /// As its text is (quoted), so that trees print as they did.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

/// Shards of the text → name map: threads parsing in parallel intern at
/// the same time, and rarely want the same shard.
const SHARDS: usize = 16;

type Shard = Mutex<HashMap<&'static str, Name, FixedHash>>;

/// The map from text to name.
static NAMES: OnceLock<[Shard; SHARDS]> = OnceLock::new();

/// The texts by number.
static TEXTS: Texts = Texts::new();

/// Slots of each thread's cache of names it interned lately.
const RECENT: usize = 4096;

thread_local! {
    /// Names this thread interned lately, by hash: a program uses few
    /// names many times, and a hit here takes no lock.
    static RECENTLY: RefCell<[Option<(&'static str, Name)>; RECENT]> =
        const { RefCell::new([None; RECENT]) };
}

fn intern(text: &str) -> Name {
    let hash = FixedHash.hash_one(text);
    let slot = (hash >> 40) as usize % RECENT;
    let cached = RECENTLY.with_borrow(|recent| match recent.get(slot) {
        Some(&Some((known, name))) if known == text => Some(name),
        _ => None,
    });
    if let Some(name) = cached {
        return name;
    }
    let name = intern_shared(text, hash);
    RECENTLY.with_borrow_mut(|recent| {
        if let Some(entry) = recent.get_mut(slot) {
            *entry = Some((name.as_str(), name));
        }
    });
    name
}

/// `intern` past the thread's cache: the map shared by every thread.
fn intern_shared(text: &str, hash: u64) -> Name {
    let shards = NAMES.get_or_init(|| std::array::from_fn(|_| Shard::default()));
    // Bits 52–55 pick the shard: the map's probes use the low bits and its
    // tags the top seven, the thread's cache bits 40–51.
    let shard = &shards[(hash >> 52) as usize % SHARDS];
    // A panic while the lock was held cannot leave the map half-changed
    // (an insert either happened or not), so a poisoned lock is still good.
    let mut map = shard.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(&name) = map.get(text) {
        return name;
    }
    let text: &'static str = Box::leak(text.into());
    let name = TEXTS.push(text);
    map.insert(text, name);
    name
}

/// Fx hashing (as rustc's): names come from the program, not from an
/// adversary, and are short.
#[derive(Clone, Copy, Default)]
struct FixedHash;

impl BuildHasher for FixedHash {
    type Hasher = FxHasher;

    fn build_hasher(&self) -> FxHasher {
        FxHasher(0)
    }
}

struct FxHasher(u64);

impl FxHasher {
    fn add(&mut self, word: u64) {
        const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

/// The little-endian word of the 8 bytes of `bytes` at `at` (0 past its
/// end, which callers never reach).
fn word_at(bytes: &[u8], at: usize) -> u64 {
    bytes
        .get(at..at + 8)
        .and_then(|w| w.try_into().ok())
        .map_or(0, u64::from_le_bytes)
}

/// The little-endian half word at `at`, as `word_at`.
fn half_at(bytes: &[u8], at: usize) -> u64 {
    bytes
        .get(at..at + 4)
        .and_then(|w| w.try_into().ok())
        .map_or(0, |w| u64::from(u32::from_le_bytes(w)))
}

impl Hasher for FxHasher {
    /// A word at a time; the tail, and a name shorter than a word, read
    /// as one word from overlapping loads (names are mostly short: a loop
    /// over their bytes cost more than the rest of interning one).
    fn write(&mut self, bytes: &[u8]) {
        let len = bytes.len();
        if len >= 8 {
            let mut at = 0;
            while at + 8 < len {
                self.add(word_at(bytes, at));
                at += 8;
            }
            self.add(word_at(bytes, len - 8));
        } else if len >= 4 {
            self.add(half_at(bytes, 0) | half_at(bytes, len - 4) << 32);
        } else if let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) {
            let middle = bytes.get(len / 2).copied().unwrap_or(0);
            self.add(u64::from(first) | u64::from(middle) << 8 | u64::from(last) << 16);
        }
        self.add(len as u64);
    }

    /// The end mark `str` hashes after its bytes.
    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Slots in the first segment of [`Texts`]; segment `k` has `FIRST << k`.
const FIRST: u32 = 1 << 10;

/// Segments of [`Texts`]: enough for every `u32`.
const SEGMENTS: usize = 23;

/// How many slots segment `segment` has.
fn slots_in(segment: usize) -> usize {
    (FIRST as usize) << segment
}

/// An append-only table of texts, read without a lock: the `k`-th segment
/// is allocated when the first name of it is pushed, and never moves.
struct Texts {
    segments: [OnceLock<Box<[OnceLock<&'static str>]>>; SEGMENTS],
    next: AtomicU32,
}

impl Texts {
    const fn new() -> Texts {
        Texts {
            segments: [const { OnceLock::new() }; SEGMENTS],
            next: AtomicU32::new(0),
        }
    }

    /// The segment and slot of name number `index`.
    fn place(index: u32) -> (usize, usize) {
        let block = u64::from(index) / u64::from(FIRST) + 1;
        let segment = 63 - block.leading_zeros();
        let start = u64::from(FIRST) * ((1 << segment) - 1);
        (segment as usize, (u64::from(index) - start) as usize)
    }

    /// Stores `text` as a new name. Called with its shard locked, so one
    /// text is pushed once.
    fn push(&self, text: &'static str) -> Name {
        let index = self.next.fetch_add(1, Ordering::Relaxed);
        let (segment, slot) = Self::place(index);
        let slots = self.segments.get(segment).map(|cell| {
            cell.get_or_init(|| (0..slots_in(segment)).map(|_| OnceLock::new()).collect())
        });
        // Every index has a slot (`place`), and a new index an empty one:
        // the count cannot wrap, as 2^32 names would take hundreds of
        // gigabytes before that.
        if let Some(cell) = slots.and_then(|slots| slots.get(slot)) {
            let _ = cell.set(text);
        }
        Name(index)
    }

    /// The text of name number `index`. A name is only made by `push`,
    /// which set its slot before returning it.
    fn get(&self, index: u32) -> &'static str {
        let (segment, slot) = Self::place(index);
        self.segments
            .get(segment)
            .and_then(OnceLock::get)
            .and_then(|slots| slots.get(slot))
            .and_then(OnceLock::get)
            .copied()
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_texts_are_equal_names() {
        let a = Name::new("stack");
        let b = Name::from(String::from("stack"));
        assert_eq!(a, b);
        assert_ne!(a, Name::new("stacks"));
        assert_eq!(a.as_str(), "stack");
        assert_eq!(a, "stack");
        assert_eq!(format!("{a} {a:?}"), "stack \"stack\"");
    }

    #[test]
    fn names_order_and_hash_by_text() {
        let (b, a) = (Name::new("bbb-order"), Name::new("aaa-order"));
        assert!(a < b);
        let mut map = HashMap::new();
        map.insert(a, 1);
        assert_eq!(map.get("aaa-order"), Some(&1));
    }

    #[test]
    fn slots_cover_every_index_once() {
        let mut seen = std::collections::HashSet::new();
        for index in (0..5 * FIRST).chain([u32::MAX - 1, u32::MAX]) {
            let (segment, slot) = Texts::place(index);
            assert!(segment < SEGMENTS, "{index}");
            assert!(slot < slots_in(segment), "{index}");
            assert!(seen.insert((segment, slot)), "{index}");
        }
    }

    #[test]
    fn many_threads_agree() {
        let names: Vec<Vec<Name>> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..4)
                .map(|_| {
                    s.spawn(|| {
                        (0..3000)
                            .map(|i| Name::new(format!("n{i}")))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles.into_iter().filter_map(|h| h.join().ok()).collect()
        });
        assert_eq!(names.len(), 4);
        for other in &names[1..] {
            assert_eq!(&names[0], other);
        }
        assert_eq!(names[0][2999].as_str(), "n2999");
    }
}
