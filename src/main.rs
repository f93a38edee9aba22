//! `ownc`, the compiler for Own: the command line on top of the checker.
//!
//! The work runs on a thread with a large stack (the front end recurses once
//! per nesting level), and a panic anywhere is reported as an internal
//! compiler error (see `ice`).

mod alloc;
mod check;
mod cli;
mod contract_dot;
mod explain;
mod ice;
mod render;
mod source_map;
mod sources;

use clap::Parser;
use cli::{CheckArgs, Cli, Command, ExplainArgs, Format};
use render::Counts;
use source_map::SourceMap;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;

/// See the reason beside the dependency in Cargo.toml.
#[global_allocator]
static GLOBAL: alloc::Mimalloc = alloc::Mimalloc;

/// Exit statuses of LANGUAGE.md §14 (101, an internal error, is in `ice`).
const EXIT_CLEAN: u8 = 0;
const EXIT_ERRORS: u8 = 1;
const EXIT_USAGE_OR_IO: u8 = 2;

/// Stack sizes to try for the worker thread, largest first. The memory is
/// only reserved, not committed, so 1 GiB costs nothing until it is used;
/// the smaller size is for systems that refuse such a reservation.
const STACK_SIZES: [usize; 2] = [1 << 30, 64 << 20];

fn main() -> ExitCode {
    ice::install_hook();
    // clap prints usage errors itself and exits with status 2, as §14 asks.
    let cli = Cli::parse();
    ExitCode::from(run_on_big_stack(cli))
}

fn run_on_big_stack(cli: Cli) -> u8 {
    for size in STACK_SIZES {
        let args = cli.clone();
        let spawned = std::thread::Builder::new()
            .name("ownc".into())
            .stack_size(size)
            .spawn(move || run(args));
        match spawned {
            // On a panic the hook has already printed the internal error.
            Ok(handle) => return handle.join().unwrap_or(ice::ICE_EXIT),
            // Silently try the next size: the lexer's nesting cap keeps the
            // parser's depth small, so the smaller stack is still ample.
            Err(_) => continue,
        }
    }
    eprintln!("error: cannot start the checker thread (out of memory?)");
    EXIT_USAGE_OR_IO
}

fn run(cli: Cli) -> u8 {
    match &cli.command {
        Command::Check(args) => check(args),
        Command::Explain(args) => explain(args),
        Command::Contract(args) => contract_dot::run(args),
        Command::EmitRust(_) => not_written("emit-rust"),
        Command::Run(_) => not_written("run"),
        Command::Lsp(_) => not_written("lsp"),
    }
}

/// A subcommand of §14 that is not written yet: one line, and the usage
/// status.
fn not_written(name: &str) -> u8 {
    eprintln!(
        "error: `ownc {name}` is not implemented yet in ownc {}; \
         `ownc --help` lists what is",
        env!("CARGO_PKG_VERSION")
    );
    EXIT_USAGE_OR_IO
}

fn check(args: &CheckArgs) -> u8 {
    if let Some(jobs) = args.jobs {
        ownc_lang::workers::set_threads(usize::from(jobs));
    }
    let sources = match sources::load(&args.paths) {
        Ok(sources) => sources,
        Err(error) => {
            eprintln!("error: {error}");
            return EXIT_USAGE_OR_IO;
        }
    };
    let reports = check::check(&sources);
    let map = SourceMap::new(&sources);
    let counts = Counts::of(&reports);
    let status = if counts.errors > 0 {
        EXIT_ERRORS
    } else {
        EXIT_CLEAN
    };
    let written = match args.format {
        Format::Json => {
            let mut out = BufWriter::new(io::stdout().lock());
            render::json::render(&mut out, &reports, &map).and_then(|()| out.flush())
        }
        Format::Human => {
            let colour = wants_colour();
            if !colour {
                // ariadne paints custom report kinds whatever its config says.
                yansi::disable();
            }
            let mut out = BufWriter::new(io::stderr().lock());
            render::human::render(&mut out, &reports, &map, colour)
                .and_then(|()| match counts.summary() {
                    Some(line) => writeln!(out, "{line}"),
                    None => Ok(()),
                })
                .and_then(|()| out.flush())
        }
    };
    match written {
        Ok(()) => status,
        // A reader that went away (`ownc check … | head`) is not our error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => status,
        Err(e) => {
            eprintln!("error: cannot write the diagnostics: {e}");
            EXIT_USAGE_OR_IO
        }
    }
}

fn explain(args: &ExplainArgs) -> u8 {
    match explain::run(args) {
        Ok(()) => EXIT_CLEAN,
        Err(error) => {
            eprintln!("error: {error}");
            EXIT_USAGE_OR_IO
        }
    }
}

/// Colour only for a person at a terminal who has not set `NO_COLOR`
/// (<https://no-color.org>: any non-empty value switches colour off).
fn wants_colour() -> bool {
    io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}
