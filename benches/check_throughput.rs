//! Throughput and memory of the front end on generated programs of 10k,
//! 100k and 1M lines: `cargo bench --bench check_throughput`.
//!
//! For each size it times, best of N rounds: a baseline (one pass over the
//! bytes counting lines and identifier-like runs, measured in the same run
//! so that machine noise cancels in the ratio), parsing alone as the checker
//! parses (`ownc_lang::parse_split`: cut into declarations, each parsed and
//! anchored), and
//! parse + checking through the salsa database (`ownc_typeck`), each on one
//! thread, then both again on every core (`check_program_parallel`, as
//! `ownc check` runs; the row names the thread count). It prints
//! lines/s, MB/s, the ratio to the baseline and the peak heap growth per
//! source line, measured by the counting allocator below.
//!
//! Run without `--bench` (as `cargo test --bench check_throughput` does), it
//! only checks that the generated 10k-line program has no diagnostic at all.

/// The allocator `ownc` runs with.
#[path = "../src/alloc.rs"]
mod alloc;
#[allow(dead_code)] // each bench uses a part of the generator
mod gen;
#[allow(dead_code)] // each bench uses a part of the helpers
mod support;

use alloc::Mimalloc as System;

use std::alloc::{GlobalAlloc, Layout};
use std::hint::black_box;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use support::{baseline, check, check_parallel, format_duration, require_clean};

/// The seed of every generated program: the figures of two runs compare.
const SEED: u64 = 0x0_5EED;

/// Sizes (in lines) and how many rounds to take the best of.
const SIZES: [(usize, usize); 3] = [(10_000, 7), (100_000, 4), (1_000_000, 2)];

/// How long each round repeats the baseline.
const BASELINE_SLICE: Duration = Duration::from_millis(50);

/// Size of the program checked for zero diagnostics in test mode.
const TEST_LINES: usize = 10_000;

// ---------------------------------------------------------------- memory

/// Wraps the system allocator to count live bytes and their peak. Relaxed
/// atomics suffice: only the totals are read, after the measured work (on
/// several threads, the peak may miss a moment by a few allocations).
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(bytes: usize) {
    let now = LIVE.fetch_add(bytes, Ordering::Relaxed) + bytes;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

fn shrank(bytes: usize) {
    LIVE.fetch_sub(bytes, Ordering::Relaxed);
}

// SAFETY: every method forwards to `System` with the caller's arguments,
// which upholds `GlobalAlloc`'s contract; the counters do not touch memory.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: same contract as ours.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: same contract as ours.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as ours.
        unsafe { System.dealloc(ptr, layout) };
        shrank(layout.size());
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: same contract as ours.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            grew(new_size);
            shrank(layout.size());
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Runs `f` and returns its result and the peak growth of live heap bytes
/// while it ran (what it allocated on top of what was live before).
fn peak_growth<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let out = f();
    let peak = PEAK.load(Ordering::Relaxed);
    (out, peak.saturating_sub(before))
}

// ---------------------------------------------------------------- phases

/// One measured phase: the best time of its runs so far and its largest
/// peak heap growth.
struct Measure {
    best: Duration,
    peak_bytes: usize,
}

impl Measure {
    fn new() -> Measure {
        Measure {
            best: Duration::MAX,
            peak_bytes: 0,
        }
    }

    /// Runs `f` once on `input` (made by the caller, outside the timed and
    /// measured part) and keeps the time if it is the best. `f` returns what
    /// it built, so that freeing it stays outside too: freeing is not what a
    /// phase is measured for.
    fn run<I, T>(&mut self, input: I, f: impl FnOnce(I) -> T) {
        let ((out, elapsed), peak) = peak_growth(|| {
            let start = Instant::now();
            let out = black_box(f(input));
            (out, start.elapsed())
        });
        drop(out);
        self.best = self.best.min(elapsed);
        self.peak_bytes = self.peak_bytes.max(peak);
    }
}

// ---------------------------------------------------------------- report

struct Row<'a> {
    phase: &'a str,
    measure: Measure,
}

fn print_header() {
    println!(
        "{:>9} {:>7}  {:<20} {:>10} {:>12} {:>8} {:>10} {:>12}",
        "lines", "MB", "phase", "best", "lines/s", "MB/s", "x baseline", "peak B/line"
    );
}

fn print_rows(lines: usize, bytes: usize, rows: &[Row<'_>]) {
    let base = rows.first().map_or(0.0, |r| r.measure.best.as_secs_f64());
    let mb = bytes as f64 / 1e6;
    for (i, row) in rows.iter().enumerate() {
        let secs = row.measure.best.as_secs_f64().max(1e-9);
        let (lines_col, mb_col) = if i == 0 {
            (format!("{lines}"), format!("{mb:.2}"))
        } else {
            (String::new(), String::new())
        };
        println!(
            "{:>9} {:>7}  {:<20} {:>10} {:>12.0} {:>8.1} {:>10.1} {:>12.0}",
            lines_col,
            mb_col,
            row.phase,
            format_duration(row.measure.best),
            lines as f64 / secs,
            mb / secs,
            secs / base.max(1e-9),
            row.measure.peak_bytes as f64 / lines.max(1) as f64,
        );
    }
}

// ---------------------------------------------------------------- main

/// Generates one program and fails unless the checker accepts it with no
/// diagnostic at all (see [`support::require_clean`]).
fn program(lines: usize) -> Result<String, String> {
    let text = gen::generate(lines, SEED);
    // For profiling by hand: `OWNC_BENCH_DUMP=DIR` writes each program
    // there, to run `perf record target/release/ownc check DIR/FILE` on.
    if let Ok(dir) = std::env::var("OWNC_BENCH_DUMP") {
        let path = std::path::Path::new(&dir).join(format!("generated_{lines}.own"));
        if let Err(e) = std::fs::write(&path, &text) {
            eprintln!("cannot write {}: {e}", path.display());
        }
    }
    require_clean(
        &format!("the generated {lines}-line program (seed {SEED})"),
        &text,
    )?;
    Ok(text)
}

fn bench(sizes: &[(usize, usize)]) -> Result<(), String> {
    println!("ownc front-end throughput (best of N rounds; baseline = one pass over the bytes)");
    print_header();
    for &(target, rounds) in sizes {
        let text = program(target)?;
        let lines = text.lines().count();
        let mut base = Measure::new();
        let mut parse = Measure::new();
        let mut full = Measure::new();
        let mut parse_all = Measure::new();
        let mut full_all = Measure::new();
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        // Rounds interleave the phases, so a burst of load from elsewhere
        // slows all of them alike and the ratios hold.
        for _ in 0..rounds.max(1) {
            // The baseline is a few hundred times faster than the phases:
            // repeated for a while, its best is as steady as theirs.
            let slice = Instant::now();
            while slice.elapsed() < BASELINE_SLICE {
                base.run((), |()| baseline(&text));
            }
            ownc_lang::workers::set_threads(1);
            parse.run((), |()| ownc_lang::parse_split(&text));
            full.run(text.clone(), check);
            ownc_lang::workers::set_threads(cores);
            parse_all.run((), |()| ownc_lang::parse_split(&text));
            full_all.run(text.clone(), check_parallel);
        }
        let parse_name = format!("parse, {cores} thr");
        let full_name = format!("parse+check, {cores} thr");
        let rows = [
            Row {
                phase: "baseline",
                measure: base,
            },
            Row {
                phase: "parse",
                measure: parse,
            },
            Row {
                phase: "parse+check",
                measure: full,
            },
            Row {
                phase: &parse_name,
                measure: parse_all,
            },
            Row {
                phase: &full_name,
                measure: full_all,
            },
        ];
        print_rows(lines, text.len(), &rows);
    }
    Ok(())
}

/// Test mode: the generated program must be valid.
fn check_generated() -> Result<(), String> {
    program(TEST_LINES)?;
    println!("generated {TEST_LINES}-line program: no diagnostics");
    Ok(())
}

/// Numbers after `--` replace the default sizes (`-- 10000 100000`).
fn main() -> ExitCode {
    support::bench_main(
        |args| {
            let custom: Vec<(usize, usize)> = support::sizes_from_args(args, &[])
                .into_iter()
                .map(|lines| (lines, if lines >= 1_000_000 { 2 } else { 3 }))
                .collect();
            if custom.is_empty() {
                bench(&SIZES)
            } else {
                bench(&custom)
            }
        },
        check_generated,
    )
}
