//! `ownc explain CODE` (LANGUAGE.md §14): what an error code means, with a
//! failing example and its fix, in the manner of `rustc --explain`.
//!
//! The pages are data: one Markdown file per code in `src/explain/`, whose
//! first line is the code's one-line title and whose two ```own blocks are
//! a program that fails with the code and the same program fixed
//! (`tests/explain.rs` checks both through `ownc check`). They are embedded
//! in the binary, so `ownc explain` works wherever `ownc` is copied.

use crate::cli::ExplainArgs;
use std::io::{self, Write};

/// One error code and its page.
struct Entry {
    code: &'static str,
    page: &'static str,
}

impl Entry {
    /// The page's first line, shown by `--list`.
    fn title(&self) -> &'static str {
        self.page.lines().next().unwrap_or_default()
    }
}

/// Builds the table from the codes alone, so a code and its file cannot
/// drift apart: the file is `src/explain/CODE.md`.
macro_rules! entries {
    ($($code:ident),* $(,)?) => {
        &[$(Entry {
            code: stringify!($code),
            page: include_str!(concat!("explain/", stringify!($code), ".md")),
        }),*]
    };
}

/// Every code of LANGUAGE.md §15, in order. A new code needs its page here
/// and in `src/explain/`.
const ENTRIES: &[Entry] = entries![
    E0001, //
    E0101, E0102, E0103, E0104, E0105, E0106, E0107, E0108, E0109, E0110, E0111, E0112, //
    E0201, E0202, E0203, E0206, E0207, E0208, E0209, //
    E0301, //
    E0401, E0402, E0403, //
    E0501, E0502, //
    E0601, E0603, //
    E0701, E0702, E0703, E0704, E0705, E0706, E0707,
];

/// The entry for a code as a user may type it: `E0201`, `e0201` or, as
/// rustc accepts, `0201`.
fn lookup(code: &str) -> Option<&'static Entry> {
    let code = code.trim();
    let digits = match code.get(..1) {
        Some("E" | "e") => &code[1..],
        _ => code,
    };
    ENTRIES.iter().find(|e| e.code[1..] == *digits)
}

/// Runs the subcommand; the error is one line for the caller to print
/// (usage or I/O: exit status 2).
pub fn run(args: &ExplainArgs) -> Result<(), String> {
    let mut out = io::stdout().lock();
    let written = match &args.code {
        Some(code) => {
            let Some(entry) = lookup(code) else {
                return Err(format!(
                    "no error code `{code}`; `ownc explain --list` lists the valid codes"
                ));
            };
            out.write_all(entry.page.as_bytes())
        }
        // clap lets CODE be missing only when `--list` is given.
        None => list(&mut out),
    };
    match written.and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        // A reader that went away (`ownc explain --list | head`) is not our error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(format!("cannot write the explanation: {e}")),
    }
}

/// One line per code: the code, then its title.
fn list(out: &mut impl Write) -> io::Result<()> {
    for entry in ENTRIES {
        writeln!(out, "{}  {}", entry.code, entry.title())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_found_in_any_case_and_without_the_letter() {
        for typed in ["E0201", "e0201", "0201", " E0201 "] {
            assert_eq!(lookup(typed).map(|e| e.code), Some("E0201"), "{typed:?}");
        }
        for typed in [
            "", "E", "E02", "E9999", "EE0201", "E0201x", "é0201", "X0201",
        ] {
            assert!(lookup(typed).is_none(), "{typed:?}");
        }
    }

    #[test]
    fn table_is_sorted_and_pages_have_titles() {
        assert!(ENTRIES.windows(2).all(|w| w[0].code < w[1].code));
        for entry in ENTRIES {
            assert!(!entry.title().trim().is_empty(), "{}", entry.code);
        }
    }
}
