//! `ownc check` against `javac` on the same program: `cargo bench --bench
//! vs_javac` (10k, 100k and 1M lines; other sizes as arguments).
//!
//! For each size, [`gen::generate_with_twin`] writes a valid Own program and
//! its Java twin (the same classes, fields, methods, loops and calls with
//! the owners erased). The bench times, cold, best of N rounds (3 for
//! ownc; for javac 3 up to 20k lines, 2 up to 200k, then 1):
//! - `ownc in-process`: a fresh salsa database, parse + every check query
//!   on one thread (what `check_throughput` calls `parse+check`);
//! - `ownc process`: the release `ownc` binary run as a process on the file
//!   (`ownc check FILE`), start-up, reading and exit included, on one
//!   thread per core as `ownc check` runs by default (javac, too, compiles
//!   with JIT and GC threads beside its main one);
//! - `javac process`: `/usr/bin/javac -proc:none -J-Xmx4g -d TMP Main.java`
//!   on the twin, JVM start-up included (javac is a Java program: there is
//!   no in-process number to give for it).
//!
//! It prints lines/s for each and the ratio of javac's time to ownc's on the
//! same program (how many times faster ownc is), both measured in the same
//! run. A tiny program (one unit) measures each process's fixed start-up
//! cost, printed first, so that the ratios at 10k lines can be read.
//!
//! javac may be slow or run out of memory on 1M lines: sizes above
//! `OWNC_BENCH_JAVAC_MAX_LINES` (default: no cap) skip javac, and a javac run
//! longer than `OWNC_BENCH_JAVAC_TIMEOUT` seconds (default 600) is killed;
//! either is reported in the table. `OWNC_BENCH_JAVAC` names another javac.
//! Without javac the bench times ownc alone and says so.
//!
//! Run without `--bench` (as `cargo test --bench vs_javac` does), it only
//! checks that a small generated program has no diagnostic, that the `ownc`
//! binary accepts it, and that javac (if present) compiles its twin.

#[allow(dead_code)] // each bench uses a part of the generator
mod gen;
#[allow(dead_code)] // each bench uses a part of the helpers
mod support;

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};
use support::{check, format_duration, require_clean};

/// The seed of every generated program: the figures of two runs compare.
const SEED: u64 = 0x0_5EED;

/// Default sizes, in Own lines.
const SIZES: [usize; 3] = [10_000, 100_000, 1_000_000];

/// Size of the program checked (and compiled by javac) in test mode.
const TEST_LINES: usize = 200;

/// The javac of the brief; `javac` on the PATH if it is not there.
const JAVAC: &str = "/usr/bin/javac";

/// Rounds of ownc (in-process and process) to take the best of, at every
/// size: a few seconds at most.
const OWNC_ROUNDS: usize = 3;

/// Rounds of javac to take the best of: fewer for large programs, where it
/// takes minutes.
fn javac_rounds(lines: usize) -> usize {
    match lines {
        0..=20_000 => 3,
        20_001..=200_000 => 2,
        _ => 1,
    }
}

// ---------------------------------------------------------------- setup

/// Where the programs are written: a folder of this process's own, removed
/// at the end.
struct Scratch {
    dir: PathBuf,
}

impl Scratch {
    fn new() -> Result<Scratch, String> {
        let dir = std::env::temp_dir().join(format!("ownc-vs-javac-{}", std::process::id()));
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        Ok(Scratch { dir })
    }

    fn write(&self, name: &str, text: &str) -> Result<PathBuf, String> {
        let path = self.dir.join(name);
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        Ok(path)
    }

    /// An empty folder for javac's class files (emptied before each run so
    /// that every run writes them all).
    fn classes(&self) -> Result<PathBuf, String> {
        let dir = self.dir.join("classes");
        if dir.exists() {
            std::fs::remove_dir_all(&dir)
                .map_err(|e| format!("cannot empty {}: {e}", dir.display()))?;
        }
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        Ok(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The javac to run, if there is one: `OWNC_BENCH_JAVAC`, else
/// `/usr/bin/javac`, else `javac` on the PATH.
fn find_javac() -> Option<String> {
    let candidates = std::env::var("OWNC_BENCH_JAVAC")
        .ok()
        .into_iter()
        .chain([JAVAC.to_owned(), "javac".to_owned()]);
    for javac in candidates {
        let ok = Command::new(&javac)
            .arg("-version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if ok {
            return Some(javac);
        }
    }
    None
}

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name)
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
}

// ---------------------------------------------------------------- runs

/// How a timed process ended.
enum Outcome {
    Done(Duration),
    Failed(String),
    TimedOut(Duration),
}

/// Runs `cmd` to its end (or kills it after `timeout`) and times it. Its
/// stdout is discarded; the tail of its stderr explains a failure.
fn run_timed(mut cmd: Command, timeout: Duration) -> Outcome {
    let start = Instant::now();
    let child = cmd.stdout(Stdio::null()).stderr(Stdio::piped()).spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) => return Outcome::Failed(format!("cannot start: {e}")),
    };
    // Read stderr on a thread, so that a chatty process cannot block on a
    // full pipe while we wait for it.
    let stderr = child.stderr.take();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        if let Some(mut s) = stderr {
            let _ = std::io::Read::read_to_string(&mut s, &mut text);
        }
        text
    });
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Ok(status),
            Ok(None) if start.elapsed() > timeout => {
                let _ = child.kill();
                let _ = child.wait();
                break Err(());
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => return Outcome::Failed(format!("cannot wait: {e}")),
        }
    };
    let elapsed = start.elapsed();
    let stderr = reader.join().unwrap_or_default();
    match status {
        Err(()) => Outcome::TimedOut(elapsed),
        Ok(s) if s.success() => Outcome::Done(elapsed),
        Ok(s) => {
            let tail: Vec<&str> = stderr.lines().rev().take(5).collect();
            let tail: Vec<&str> = tail.into_iter().rev().collect();
            Outcome::Failed(format!("{s}: {}", tail.join(" | ")))
        }
    }
}

fn ownc_command(file: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ownc"));
    cmd.arg("check").arg(file);
    cmd
}

fn javac_command(javac: &str, file: &Path, classes: &Path) -> Command {
    let mut cmd = Command::new(javac);
    cmd.args([
        "-proc:none",
        "-nowarn",
        "-encoding",
        "UTF-8",
        "-J-Xmx4g",
        "-d",
    ])
    .arg(classes)
    .arg(file);
    cmd
}

// ---------------------------------------------------------------- report

fn print_header() {
    println!(
        "{:>9} {:>10}  {:<17} {:>10} {:>12} {:>14}",
        "Own lines", "Java lines", "tool", "best", "lines/s", "javac / this"
    );
}

/// One row: a tool's time on a program of `lines` lines, and javac's time
/// on the same program divided by it (how many times faster it is).
fn print_row(
    sizes: (usize, usize),
    first: bool,
    tool: &str,
    outcome: &Outcome,
    javac: Option<Duration>,
) {
    let (own_lines, java_lines) = sizes;
    let (own_col, java_col) = if first {
        (own_lines.to_string(), java_lines.to_string())
    } else {
        (String::new(), String::new())
    };
    let lines = if tool.starts_with("javac") {
        java_lines
    } else {
        own_lines
    };
    match outcome {
        Outcome::Done(t) => {
            let secs = t.as_secs_f64().max(1e-9);
            let ratio = javac.map_or("-".to_owned(), |j| format!("{:.1}", j.as_secs_f64() / secs));
            println!(
                "{own_col:>9} {java_col:>10}  {tool:<17} {:>10} {:>12.0} {ratio:>14}",
                format_duration(*t),
                lines as f64 / secs,
            );
        }
        Outcome::TimedOut(t) => println!(
            "{own_col:>9} {java_col:>10}  {tool:<17} killed after {} (OWNC_BENCH_JAVAC_TIMEOUT)",
            format_duration(*t)
        ),
        Outcome::Failed(why) => println!("{own_col:>9} {java_col:>10}  {tool:<17} failed: {why}"),
    }
}

// ---------------------------------------------------------------- main

/// Generates a program and its twin, fails unless the Own one is clean, and
/// writes both into the scratch folder.
fn programs(scratch: &Scratch, lines: usize) -> Result<(String, PathBuf, PathBuf, usize), String> {
    let (own, java) = gen::generate_with_twin(lines, SEED);
    require_clean(
        &format!("the generated {lines}-line program (seed {SEED})"),
        &own,
    )?;
    let own_file = scratch.write("generated.own", &own)?;
    let java_file = scratch.write("Main.java", &java)?;
    Ok((own, own_file, java_file, java.lines().count()))
}

/// One size: every tool, round after round, then the rows.
fn measure(
    scratch: &Scratch,
    javac: Option<&str>,
    target: usize,
    javac_rounds: usize,
) -> Result<(), String> {
    let (own, own_file, java_file, java_lines) = programs(scratch, target)?;
    let own_lines = own.lines().count();
    let javac_cap = env_number("OWNC_BENCH_JAVAC_MAX_LINES").unwrap_or(u64::MAX);
    let timeout = Duration::from_secs(env_number("OWNC_BENCH_JAVAC_TIMEOUT").unwrap_or(600));

    let mut in_process = Duration::MAX;
    let mut process = Duration::MAX;
    let mut javac_best: Option<Outcome> = None;
    // Rounds interleave the tools, so a burst of load from elsewhere slows
    // them alike.
    for round in 0..OWNC_ROUNDS.max(javac_rounds) {
        let start = Instant::now();
        let out = black_box(check(own.clone()));
        in_process = in_process.min(start.elapsed());
        drop(out);
        match run_timed(ownc_command(&own_file), Duration::MAX) {
            Outcome::Done(t) => process = process.min(t),
            other => {
                print_row((own_lines, java_lines), true, "ownc process", &other, None);
                return Err("the ownc binary did not accept the program".to_owned());
            }
        }
        let Some(javac) = javac else { continue };
        if own_lines as u64 > javac_cap || round >= javac_rounds {
            continue;
        }
        // After a failure or a timeout, do not try again at this size.
        if round > 0 && !matches!(javac_best, Some(Outcome::Done(_))) {
            continue;
        }
        let outcome = run_timed(
            javac_command(javac, &java_file, &scratch.classes()?),
            timeout,
        );
        javac_best = match (javac_best, outcome) {
            (Some(Outcome::Done(a)), Outcome::Done(b)) => Some(Outcome::Done(a.min(b))),
            (_, other) => Some(other),
        };
    }
    let javac_time = match &javac_best {
        Some(Outcome::Done(t)) => Some(*t),
        _ => None,
    };
    let sizes = (own_lines, java_lines);
    print_row(
        sizes,
        true,
        "ownc in-process",
        &Outcome::Done(in_process),
        javac_time,
    );
    print_row(
        sizes,
        false,
        "ownc process",
        &Outcome::Done(process),
        javac_time,
    );
    match javac_best {
        Some(outcome) => print_row(sizes, false, "javac process", &outcome, javac_time),
        None if javac.is_some() => println!(
            "{:>9} {:>10}  {:<17} skipped: over OWNC_BENCH_JAVAC_MAX_LINES ({javac_cap})",
            "", "", "javac process"
        ),
        None => {}
    }
    Ok(())
}

fn bench(sizes: &[usize]) -> Result<(), String> {
    let scratch = Scratch::new()?;
    let javac = find_javac();
    println!("ownc check vs javac, cold, on the same generated program (best of N rounds)");
    match &javac {
        Some(j) => {
            println!("javac: {j} -proc:none -nowarn -encoding UTF-8 -J-Xmx4g -d TMP Main.java")
        }
        None => println!("javac: not found (no {JAVAC}, none on the PATH): timing ownc alone"),
    }
    print_header();
    // The smallest program the generator writes: each process's start-up.
    measure(&scratch, javac.as_deref(), 1, javac_rounds(1))?;
    for &lines in sizes {
        measure(&scratch, javac.as_deref(), lines, javac_rounds(lines))?;
    }
    Ok(())
}

/// Test mode: the generated program is valid Own, the binary accepts it,
/// and javac compiles its twin.
fn check_generated() -> Result<(), String> {
    let scratch = Scratch::new()?;
    let (_, own_file, java_file, _) = programs(&scratch, TEST_LINES)?;
    if let Outcome::Failed(why) = run_timed(ownc_command(&own_file), Duration::MAX) {
        return Err(format!(
            "ownc check rejected the {TEST_LINES}-line program: {why}"
        ));
    }
    println!("generated {TEST_LINES}-line program: no diagnostics");
    match find_javac() {
        None => println!("javac not found: the Java twin is not compiled"),
        Some(javac) => {
            let cmd = javac_command(&javac, &java_file, &scratch.classes()?);
            match run_timed(cmd, Duration::from_secs(120)) {
                Outcome::Done(_) => println!("its Java twin compiles with {javac}"),
                Outcome::Failed(why) => return Err(format!("javac rejected the twin: {why}")),
                Outcome::TimedOut(_) => return Err("javac took over 120 s on the twin".to_owned()),
            }
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    support::bench_main(
        |args| bench(&support::sizes_from_args(args, &SIZES)),
        check_generated,
    )
}
