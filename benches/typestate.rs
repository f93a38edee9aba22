//! Contracts and endpoint typestate at scale: `cargo bench --bench
//! typestate` (1k, 10k and 100k; other sizes as arguments).
//!
//! For a size N it generates three valid programs (LANGUAGE.md §11) and
//! times a cold check of each (a fresh database, parse + every query), best
//! of a few rounds:
//! - `contract`: a contract `Ring` of N states, a cycle that alternates
//!   sends and receives (`!Ping`, `?Pong`, …): deterministic, positional,
//!   and its one final state (the initial one) is synchronizing, since the
//!   only cycle through it has both. No method uses it.
//! - `method`: a 2-state contract `Echo` and one method that opens a
//!   channel, makes N sends and N receives over that one endpoint pair
//!   following it (it holds both sides: `send(e, Ping); receive(f, Ping);
//!   send(f, Pong(v)); v += receive(e, Pong);` …), and closes both
//!   endpoints in the final state.
//! - `both`: the N-state `Ring` and one method that walks it once around
//!   (N sends and N receives, each in a different state), then closes.
//!
//! It prints the time, the time per state or per send, that per-item cost
//! as a ratio to the smallest size's (1.0 everywhere means linear growth),
//! and the time over a baseline pass over the same bytes (as in
//! `check_throughput`), measured in the same run. Today's checker checks
//! contract declarations; the endpoint typestate checker (E0703–E0705) runs
//! on the same programs once it lands, with no change here.
//!
//! Run without `--bench` (as `cargo test --bench typestate` does), it only
//! checks that the three programs at a small size have no diagnostic.

#[allow(dead_code)] // each bench uses a part of the helpers
mod support;

use std::fmt::Write as _;
use std::hint::black_box;
use std::process::ExitCode;
use std::time::{Duration, Instant};
use support::{baseline, check, format_duration, require_clean};

/// Default sizes: states of the contract, sends of the method.
const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

/// Size in test mode.
const TEST_SIZE: usize = 100;

/// How long each round repeats the baseline (see `check_throughput`).
const BASELINE_SLICE: Duration = Duration::from_millis(20);

const MESSAGES: &str = "message Ping;\nmessage Pong(int);\n\n";

/// `Ring` with `states` states (rounded up to an even number, at least 2):
/// state `s{i}` sends `Ping` for even i and receives `Pong` for odd i, and
/// goes to `s{i+1}`; the last goes back to `s0`, the initial and only
/// final state.
fn ring_contract(out: &mut String, states: usize) {
    let states = ring_size(states);
    out.push_str("contract Ring {\n");
    for i in 0..states {
        let next = (i + 1) % states;
        let head = if i == 0 {
            "initial final state"
        } else {
            "state"
        };
        let step = if i % 2 == 0 { "!Ping" } else { "?Pong" };
        let _ = writeln!(out, "    {head} s{i} {{ {step} -> s{next}; }}");
    }
    out.push_str("}\n\n");
}

fn ring_size(states: usize) -> usize {
    states.max(2).div_ceil(2) * 2
}

/// `Echo`: the 2-state ping-pong contract the `method` program follows.
const ECHO: &str = "\
contract Echo {
    initial final state ready { !Ping -> waiting; }
    state waiting { ?Pong -> ready; }
}

";

/// A class whose method `run` opens a channel of `contract`, makes `sends`
/// sends and as many receives over its two endpoints (one pair of
/// statements per transition: the sender's `send`, the receiver's
/// `receive`), and closes both in the final state; and a `main` calling it.
/// `sends` must be even, so that the walk ends where it began.
fn driver(out: &mut String, contract: &str, sends: usize) {
    out.push_str("class Driver<o> {\n    int run(int seed) {\n");
    out.push_str("        int v = seed;\n");
    let _ = writeln!(out, "        var (e, f) = open {contract};");
    for i in 0..sends {
        if i % 2 == 0 {
            out.push_str("        send(e, Ping);\n        receive(f, Ping);\n");
        } else {
            let _ = writeln!(out, "        send(f, Pong(v + {}));", i % 97);
            out.push_str("        v += receive(e, Pong);\n");
        }
    }
    out.push_str("        close(e, f);\n        return v;\n    }\n}\n\n");
    out.push_str("main {\n    Driver<heap> d = new Driver<heap>();\n    print(d.run(1));\n}\n");
}

/// The three programs of a size, by name.
fn programs(n: usize) -> [(&'static str, String); 3] {
    let n = ring_size(n);
    let mut contract = MESSAGES.to_owned();
    ring_contract(&mut contract, n);
    let mut method = MESSAGES.to_owned();
    method.push_str(ECHO);
    driver(&mut method, "Echo", n);
    let mut both = MESSAGES.to_owned();
    ring_contract(&mut both, n);
    driver(&mut both, "Ring", n);
    [("contract", contract), ("method", method), ("both", both)]
}

/// What one program's per-item cost is counted in.
fn unit(name: &str) -> &'static str {
    match name {
        "contract" => "state",
        "method" => "send",
        _ => "state+send",
    }
}

struct Row {
    n: usize,
    name: &'static str,
    lines: usize,
    best: Duration,
    base: Duration,
}

fn measure(n: usize, rounds: usize) -> Result<Vec<Row>, String> {
    let mut rows = Vec::new();
    for (name, text) in programs(n) {
        require_clean(&format!("the `{name}` program of size {n}"), &text)?;
        let mut best = Duration::MAX;
        let mut base = Duration::MAX;
        for _ in 0..rounds {
            let slice = Instant::now();
            while slice.elapsed() < BASELINE_SLICE {
                let start = Instant::now();
                black_box(baseline(&text));
                base = base.min(start.elapsed());
            }
            let input = text.clone();
            let start = Instant::now();
            let out = black_box(check(input));
            best = best.min(start.elapsed());
            drop(out);
        }
        rows.push(Row {
            n: ring_size(n),
            name,
            lines: text.lines().count(),
            best,
            base,
        });
    }
    Ok(rows)
}

fn bench(sizes: &[usize]) -> Result<(), String> {
    println!("contracts and channel operations, cold check (best of N rounds)");
    println!(
        "{:<9} {:>8} {:>9} {:>10} {:>18} {:>14} {:>11}",
        "program", "N", "lines", "best", "per item", "x smallest N", "x baseline"
    );
    let mut all: Vec<Row> = Vec::new();
    for &n in sizes {
        let rounds = if n >= 100_000 { 2 } else { 3 };
        all.extend(measure(n, rounds)?);
    }
    for name in ["contract", "method", "both"] {
        let rows: Vec<&Row> = all.iter().filter(|r| r.name == name).collect();
        let first = rows
            .first()
            .map_or(1.0, |r| r.best.as_secs_f64() / r.n as f64);
        for r in rows {
            let per = r.best.as_secs_f64() / r.n as f64;
            let per_item = format!("{:.2} us/{}", per * 1e6, unit(name));
            println!(
                "{:<9} {:>8} {:>9} {:>10} {:>18} {:>14.2} {:>11.0}",
                r.name,
                r.n,
                r.lines,
                format_duration(r.best),
                per_item,
                per / first.max(1e-12),
                r.best.as_secs_f64() / r.base.as_secs_f64().max(1e-12),
            );
        }
    }
    Ok(())
}

/// Test mode: the three programs are valid.
fn check_programs() -> Result<(), String> {
    for (name, text) in programs(TEST_SIZE) {
        require_clean(&format!("the `{name}` program of size {TEST_SIZE}"), &text)?;
    }
    println!("contract, method and both at N = {TEST_SIZE}: no diagnostics");
    Ok(())
}

fn main() -> ExitCode {
    support::bench_main(
        |args| bench(&support::sizes_from_args(args, &SIZES)),
        check_programs,
    )
}
