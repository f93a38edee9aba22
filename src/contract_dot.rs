//! `ownc contract --dot PATH NAME` (LANGUAGE.md §14): prints contract NAME
//! of the program at PATH as a Graphviz state machine on stdout (the
//! drawing itself is `ownc_typeck::render_dot`).
//!
//! Decisions:
//! - The graph is printed whenever contract NAME parsed, even when the
//!   program or the contract has errors: a picture of a contract is a good
//!   way to see why it is not deterministic or not synchronizing. Errors
//!   elsewhere in the program do not matter here.
//! - Exit 0: printed, and the contract's declaration has no error. Exit 1:
//!   printed, but the declaration has errors (syntax, names, contract
//!   rules); one line on stderr says so, and `ownc check` lists them.
//! - Exit 2, with one line on stderr and nothing on stdout: the program
//!   cannot be read (as for `ownc check`), or it has no contract NAME
//!   (nothing of that name, something else of that name, or a declaration
//!   of that name that did not parse).

use crate::cli::ContractArgs;
use crate::{check, sources, EXIT_CLEAN, EXIT_ERRORS, EXIT_USAGE_OR_IO};
use ownc_typeck::{find_contract, render_dot, ContractLookup};
use std::io::{self, Write};

pub fn run(args: &ContractArgs) -> u8 {
    let sources = match sources::load(std::slice::from_ref(&args.path)) {
        Ok(sources) => sources,
        Err(error) => {
            eprintln!("error: {error}");
            return EXIT_USAGE_OR_IO;
        }
    };
    let (db, program) = check::database(&sources);
    let name = &args.name;
    let path = args.path.display();
    let (contract, has_errors) = match find_contract(&db, program, name) {
        ContractLookup::Found {
            contract,
            has_errors,
        } => (contract, has_errors),
        ContractLookup::NotAContract { actual } => {
            eprintln!("error: `{name}` is {actual}, not a contract");
            return EXIT_USAGE_OR_IO;
        }
        ContractLookup::Unparsed => {
            eprintln!(
                "error: the declaration of `{name}` does not parse (`ownc check {path}` shows why)"
            );
            return EXIT_USAGE_OR_IO;
        }
        ContractLookup::Unknown { suggestion } => {
            match suggestion {
                Some(s) => eprintln!("error: no contract `{name}` in {path}; did you mean `{s}`?"),
                None => eprintln!("error: no contract `{name}` in {path}"),
            }
            return EXIT_USAGE_OR_IO;
        }
    };
    let mut out = io::stdout().lock();
    match out
        .write_all(render_dot(&contract).as_bytes())
        .and_then(|()| out.flush())
    {
        // A reader that went away (`… | head`) is not our error.
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            eprintln!("error: cannot write the graph: {e}");
            return EXIT_USAGE_OR_IO;
        }
        _ => {}
    }
    if has_errors {
        eprintln!("error: contract `{name}` has errors (`ownc check {path}` lists them)");
        return EXIT_ERRORS;
    }
    EXIT_CLEAN
}
