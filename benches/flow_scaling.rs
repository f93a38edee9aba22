//! How the linear-value and channel checker (`typeck/src/linear/`) scales
//! with the size of one method: `main` bodies of 2,500, 10,000 and 40,000
//! protocol rounds (each a send and a receive on both sides), straight,
//! in `if`/`else` branches and in `while` loops with an rref per
//! iteration. The checker walks a body once with an undo trail, so the
//! time per round should not grow with the body: the last column, the
//! check's time per round over the 2,500-round body's, stays near 1.
//!
//! `cargo bench --bench flow_scaling`; `cargo test --bench flow_scaling`
//! only checks that the generated programs are accepted (no timing). The
//! time is the `linear_diagnostics` walk alone, on a database where the
//! body is already parsed and resolved, best of three.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ownc_typeck::{
    body_block, check_program, linear_diagnostics, resolve_body, BodyKey, Database, Program,
    SourceFile,
};
use std::fmt::Write as _;
use std::hint::black_box;
use std::process::ExitCode;
use std::time::{Duration, Instant};

const ROUNDS: [usize; 3] = [2_500, 10_000, 40_000];

/// One protocol round: both sides send and receive once.
const ROUND: &str = "send(c, Ping); receive(s, Ping); send(s, Pong); receive(c, Pong);";

/// A program whose `main` plays `rounds` rounds in varied shapes.
fn program(rounds: usize) -> String {
    let mut out = String::from(
        "message Ping;\nmessage Pong;\nmessage Stop(chan<Echo@over>);\nrref class P { int v; }\n\
         contract Echo {\n    initial state ready { !Ping -> waiting; !Stop -> over; }\n    \
         state waiting { ?Pong -> ready; }\n    final state over { }\n}\n\
         main {\n    var (c, s) = open Echo;\n    int k = 0;\n",
    );
    for i in 0..rounds {
        let _ = match i % 3 {
            0 => writeln!(out, "    if (k > {i}) {{ {ROUND} }} else {{ {ROUND} }}"),
            1 => writeln!(
                out,
                "    while (k < {i}) {{ P p{i} = new P(); p{i}.v = k; {ROUND} k += 1; }}"
            ),
            _ => writeln!(out, "    {ROUND}"),
        };
    }
    out.push_str(
        "    send(c, Stop(c));\n    chan<Echo@over> back = receive(s, Stop);\n    close(back, s);\n}\n",
    );
    out
}

/// Parses and checks `text` cold; the number of diagnostics.
fn check(text: &str) -> usize {
    let db = Database::default();
    let file = SourceFile::create(&db, "flow.own", text.to_string());
    let program = Program::new(&db, vec![file]);
    check_program(&db, program)
        .iter()
        .map(|f| f.diagnostics.len())
        .sum()
}

/// The time of the flow check of `main` alone: parsing and resolution run
/// first, untimed, on a fresh database.
fn flow_time(text: &str) -> Duration {
    let db = Database::default();
    let file = SourceFile::create(&db, "flow.own", text.to_string());
    let program = Program::new(&db, vec![file]);
    // `main` is the sixth declaration (see `program`).
    let main = BodyKey::at(&db, program, file, 5, None);
    let Some(syntax) = body_block(&db, main) else {
        panic!("`main` must be the sixth declaration");
    };
    let resolution = black_box(resolve_body(&db, main, syntax));
    let start = Instant::now();
    let found = linear_diagnostics(&db, main, syntax, &resolution.facts).len();
    let elapsed = start.elapsed();
    assert_eq!(found, 0, "the generated program must be accepted");
    elapsed
}

fn bench() {
    println!(
        "{:>7} {:>10} {:>12} {:>10}",
        "rounds", "flow", "per round", "x first"
    );
    let mut first: Option<f64> = None;
    for rounds in ROUNDS {
        let text = program(rounds);
        let best = (0..3).map(|_| flow_time(&text)).min().unwrap_or_default();
        let per_round = best.as_secs_f64() / rounds as f64;
        let ratio = per_round / *first.get_or_insert(per_round);
        println!(
            "{rounds:>7} {:>8.1}ms {:>10.2}us {ratio:>10.2}",
            best.as_secs_f64() * 1e3,
            per_round * 1e6
        );
    }
}

fn main() -> ExitCode {
    let benching = std::env::args().any(|a| a == "--bench");
    if benching {
        bench();
        return ExitCode::SUCCESS;
    }
    let found = check(&program(ROUNDS[0]));
    if found != 0 {
        eprintln!("error: the generated program has {found} diagnostics");
        return ExitCode::FAILURE;
    }
    println!("generated {}-round program: no diagnostics", ROUNDS[0]);
    ExitCode::SUCCESS
}
