//! The global allocator: mimalloc, called the way a C program calls it.
//!
//! Why not `mimalloc::MiMalloc`: it sends every request through
//! `mi_malloc_aligned`, even for the alignment every block already has.
//! When a request needs a fresh page, that path over-allocates by the
//! alignment and costs about 250 instructions, against about 20 for
//! `mi_malloc`'s; the front end makes about one allocation per token, and
//! the aligned path was 8% of a cold check's instructions. As Rust's own
//! `System` allocator does with `malloc`, requests whose alignment every
//! block of their size has go to the plain functions, and only the others
//! to the aligned ones.
//!
//! The `check_throughput` bench includes this file, so that it measures the
//! allocator `ownc` runs with.

use libmimalloc_sys::{
    mi_free, mi_malloc, mi_malloc_aligned, mi_realloc, mi_realloc_aligned, mi_zalloc,
    mi_zalloc_aligned,
};
use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

/// The alignment of every mimalloc block of at least this many bytes: its
/// size classes are multiples of the word size, laid out from word-aligned
/// page starts. (`malloc`'s 16 would be wrong here: a 24-byte block is
/// only 8-aligned.)
const WORD: usize = std::mem::size_of::<usize>();

/// Whether `mi_malloc(size)` already has `align`.
fn plain(align: usize, size: usize) -> bool {
    align <= WORD && align <= size
}

pub struct Mimalloc;

// SAFETY: every method forwards to mimalloc, which returns blocks of at
// least the requested size, or null; a block of `size` bytes from the
// plain functions is word-aligned (see `WORD`), so they serve only
// layouts that need no more (`plain`); `mi_free` and the aligned
// functions accept blocks from either kind.
unsafe impl GlobalAlloc for Mimalloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: mimalloc's allocation functions have no preconditions.
        unsafe {
            if plain(layout.align(), layout.size()) {
                mi_malloc(layout.size()).cast()
            } else {
                mi_malloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as in `alloc`.
        unsafe {
            if plain(layout.align(), layout.size()) {
                mi_zalloc(layout.size()).cast()
            } else {
                mi_zalloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        // SAFETY: the caller passes a block this allocator returned.
        unsafe { mi_free(ptr.cast::<c_void>()) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller passes a block this allocator returned, with
        // the layout it was allocated with.
        unsafe {
            if plain(layout.align(), new_size) {
                mi_realloc(ptr.cast::<c_void>(), new_size).cast()
            } else {
                mi_realloc_aligned(ptr.cast::<c_void>(), new_size, layout.align()).cast()
            }
        }
    }
}
