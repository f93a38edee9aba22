//! How many threads checking may use, and running independent pieces of
//! work on them: the chunks of a large file's parse here, the files,
//! classes and bodies of a program in `ownc_typeck`.
//!
//! The thread count is one setting for the process (the command line's
//! `--jobs`), like a thread pool's size: it changes how fast a result
//! comes, never the result, which is why it is not an input of the
//! database. Work is handed out by an atomic counter, so a slow piece does
//! not hold the others up, and each result lands at its index: the output
//! is the same whatever the thread count and the scheduling.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// The thread count set by [`set_threads`]; 0 means "as many as the
/// machine has".
static THREADS: AtomicUsize = AtomicUsize::new(0);

/// Stack sizes to try for a worker thread, largest first. Walks of the
/// tree recurse once per nesting level (50,000 `else if`s nest 50,000
/// statements), so workers get the main thread's stack; the memory is only
/// reserved, not committed, until it is used.
pub const STACK_SIZES: [usize; 2] = [1 << 30, 64 << 20];

/// Sets how many threads checking may use (at least one). 0 restores the
/// default: as many as the machine has.
pub fn set_threads(count: usize) {
    THREADS.store(count, Ordering::Relaxed);
}

/// How many threads checking may use.
pub fn threads() -> usize {
    match THREADS.load(Ordering::Relaxed) {
        0 => machine_threads(),
        n => n,
    }
}

/// How many threads the machine offers, asked once: the standard library
/// reads the cgroup files for it at every call, which costs more than
/// parsing a small chunk of a file.
fn machine_threads() -> usize {
    static MACHINE: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *MACHINE.get_or_init(|| std::thread::available_parallelism().map_or(1, usize::from))
}

/// `work(state, i)` for every `i` in `0..count`, on up to [`threads`]
/// threads (the calling one included), each thread with its own `state`,
/// made by `make_state` on the calling thread (so a state need only be
/// `Send`, as a database handle is); the results in index order. Pieces
/// are taken `batch` at a time. A worker that cannot be started is simply
/// not there: the calling thread takes what is left, so this never fails
/// for lack of threads.
pub fn map_indices<S, T, M, W>(count: usize, batch: usize, mut make_state: M, work: W) -> Vec<T>
where
    S: Send,
    T: Send,
    M: FnMut() -> S,
    W: Fn(&mut S, usize) -> T + Sync,
{
    let batch = batch.max(1);
    let helpers = threads().min(count.div_ceil(batch)).saturating_sub(1);
    let next = AtomicUsize::new(0);
    let run = |mut state: S| {
        let mut done = Vec::new();
        loop {
            let start = next.fetch_add(batch, Ordering::Relaxed);
            if start >= count {
                return done;
            }
            for i in start..(start + batch).min(count) {
                done.push((i, work(&mut state, i)));
            }
        }
    };
    let states: Vec<S> = (0..helpers).map(|_| make_state()).collect();
    let mine = make_state();
    let mut pieces: Vec<(usize, T)> = std::thread::scope(|scope| {
        let spawned: Vec<_> = states
            .into_iter()
            .filter_map(|state| spawn_worker(scope, &run, state))
            .collect();
        let mut pieces = run(mine);
        for handle in spawned {
            match handle.join() {
                Ok(more) => pieces.extend(more.into_iter().flatten()),
                // A panic is an internal error: hand it on as it came.
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        pieces
    });
    pieces.sort_unstable_by_key(|(i, _)| *i);
    pieces.into_iter().map(|(_, t)| t).collect()
}

/// `work(i, range)` for the `i`-th of the ranges that `starts` cuts
/// `0..end` into (each from its start to the next, the last to `end`), on
/// the worker threads as [`map_indices`] runs them; the results in order.
pub fn map_ranges<T, W>(starts: &[usize], end: usize, work: W) -> Vec<T>
where
    T: Send,
    W: Fn(usize, std::ops::Range<usize>) -> T + Sync,
{
    map_indices(
        starts.len(),
        1,
        || (),
        |_, i| {
            let from = starts.get(i).copied().unwrap_or(end);
            let to = starts.get(i + 1).copied().unwrap_or(end);
            work(i, from..to.max(from))
        },
    )
}

/// Starts one worker on `state` with the largest stack the system grants;
/// `None` if none can be started. The worker's result is `None` only if it
/// found no state to work on, which cannot happen once it is started.
fn spawn_worker<'scope, 'env, S: Send + 'scope, T: Send + 'scope>(
    scope: &'scope std::thread::Scope<'scope, 'env>,
    run: &'scope (impl Fn(S) -> T + Sync),
    state: S,
) -> Option<std::thread::ScopedJoinHandle<'scope, Option<T>>> {
    // A failed start drops the closure it was given, so the state waits in
    // a shared slot and a started worker takes it from there.
    let slot = Arc::new(Mutex::new(Some(state)));
    STACK_SIZES.iter().find_map(|&size| {
        let theirs = Arc::clone(&slot);
        std::thread::Builder::new()
            .name("ownc-worker".into())
            .stack_size(size)
            .spawn_scoped(scope, move || {
                let state = theirs.lock().ok().and_then(|mut s| s.take());
                state.map(run)
            })
            .ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_index_order_whatever_the_threads() {
        for threads in [1, 2, 3, 8] {
            set_threads(threads);
            let squares = map_indices(1000, 7, || (), |_, i| i * i);
            assert_eq!(squares, (0..1000).map(|i| i * i).collect::<Vec<_>>());
        }
        set_threads(0);
    }

    #[test]
    fn state_is_made_once_per_thread_at_most() {
        let made = AtomicUsize::new(0);
        set_threads(4);
        let out = map_indices(100, 1, || made.fetch_add(1, Ordering::Relaxed), |_, i| i);
        set_threads(0);
        assert_eq!(out.len(), 100);
        let made = made.load(Ordering::Relaxed);
        assert!((1..=4).contains(&made), "{made} states");
    }

    #[test]
    fn nothing_to_do_is_an_empty_result() {
        let none: Vec<usize> = map_indices(0, 4, || (), |_, i| i);
        assert!(none.is_empty());
    }
}
