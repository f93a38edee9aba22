//! The global allocator: mimalloc, called through its plain entry points
//! whenever the alignment asked for is one every mimalloc block has.
//!
//! Why not `mimalloc::MiMalloc` alone: it hands every request to
//! `mi_malloc_aligned`, which checks the alignment and the free block it
//! found before it takes the same path as `mi_malloc`; that was ~80
//! instructions an allocation against ~20, and the front end allocates a
//! node per token or so (~5% of a cold `ownc check`). Larger alignments
//! still go through `MiMalloc`. Shared with `benches/check_throughput.rs`
//! (by `#[path]`), so the bench measures what `ownc check` runs.

use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

/// Every mimalloc block is aligned to a machine word at least (its size
/// classes are multiples of one); larger alignments need the aligned calls.
const WORD: usize = std::mem::size_of::<usize>();

pub struct Allocator;

// SAFETY: each method forwards to mimalloc, whose plain calls return
// blocks aligned to `WORD` at least (so they satisfy every layout they
// are used for) and free or resize any block either kind of call made;
// every other request goes to `MiMalloc`, which upholds the contract.
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if layout.align() <= WORD {
            // SAFETY: any size may be asked of `mi_malloc`.
            unsafe { libmimalloc_sys::mi_malloc(layout.size()).cast() }
        } else {
            // SAFETY: same contract as ours.
            unsafe { mimalloc::MiMalloc.alloc(layout) }
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if layout.align() <= WORD {
            // SAFETY: as in `alloc`.
            unsafe { libmimalloc_sys::mi_zalloc(layout.size()).cast() }
        } else {
            // SAFETY: same contract as ours.
            unsafe { mimalloc::MiMalloc.alloc_zeroed(layout) }
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        // SAFETY: `ptr` came from mimalloc (this allocator), and `mi_free`
        // frees blocks of the plain and the aligned calls alike.
        unsafe { libmimalloc_sys::mi_free(ptr.cast::<c_void>()) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if layout.align() <= WORD {
            // SAFETY: `ptr` came from mimalloc; the new block keeps the
            // word alignment the layout needs.
            unsafe { libmimalloc_sys::mi_realloc(ptr.cast::<c_void>(), new_size).cast() }
        } else {
            // SAFETY: same contract as ours.
            unsafe { mimalloc::MiMalloc.realloc(ptr, layout, new_size) }
        }
    }
}
