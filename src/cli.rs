//! The command line of LANGUAGE.md §14, as clap definitions. Only the
//! subcommands that exist are listed by `--help`; those of §14 that are not
//! written yet are declared hidden, so asking for one says so plainly
//! instead of calling a documented command "unrecognized".

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Clone, Debug, Parser)]
#[command(name = "ownc", version, about = "The compiler for Own", long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Clone, Debug, Subcommand)]
pub enum Command {
    /// Check a program: exit 0 when it has no errors, 1 when it has, 2 on a
    /// usage or I/O problem.
    Check(CheckArgs),
    /// Explain an error code: what it means, with a failing example and its
    /// fix.
    Explain(ExplainArgs),
    /// Print a contract of a program as a Graphviz state machine.
    Contract(ContractArgs),
    /// §14's `emit-rust`: not written yet.
    #[command(hide = true)]
    EmitRust(PendingArgs),
    /// §14's `run`: not written yet.
    #[command(hide = true)]
    Run(PendingArgs),
    /// §14's `lsp`: not written yet.
    #[command(hide = true)]
    Lsp(PendingArgs),
}

/// Whatever follows a subcommand that is not written yet: accepted and
/// ignored, so the answer is about the subcommand, not its arguments.
#[derive(Clone, Debug, clap::Args)]
pub struct PendingArgs {
    #[arg(
        trailing_var_arg = true,
        allow_hyphen_values = true,
        hide = true,
        num_args = 0..
    )]
    pub args: Vec<std::ffi::OsString>,
}

#[derive(Clone, Debug, clap::Args)]
pub struct CheckArgs {
    /// How to print diagnostics: `human` (on stderr) or `json` (one array on
    /// stdout).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// How many threads to check with (default: one per core). The
    /// diagnostics are the same for every count.
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,

    /// Files and folders making up the program; a folder stands for every
    /// `.own` file below it.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

#[derive(Clone, Debug, clap::Args)]
pub struct ExplainArgs {
    /// The error code, such as `E0201` (in either case).
    #[arg(
        value_name = "CODE",
        required_unless_present = "list",
        conflicts_with = "list"
    )]
    pub code: Option<String>,

    /// List every error code with a one-line title.
    #[arg(long)]
    pub list: bool,
}

#[derive(Clone, Debug, clap::Args)]
pub struct ContractArgs {
    /// Print the contract as a Graphviz `digraph` (the only format so far).
    #[arg(long, required = true)]
    pub dot: bool,

    /// The program: a file, or a folder standing for every `.own` file
    /// below it.
    #[arg(value_name = "PATH")]
    pub path: PathBuf,

    /// The contract's name.
    #[arg(value_name = "NAME")]
    pub name: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}
