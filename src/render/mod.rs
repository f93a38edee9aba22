//! Renderers: the checker's diagnostics laid out for a terminal (`human`) or
//! for tools (`json`). Renderers choose layout only; every word of a
//! diagnostic comes from the phase that built it.

pub mod human;
pub mod json;

use crate::check::FileReport;
use ownc_lang::Severity;

/// How many errors and warnings a run found, and in how many files.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub files: usize,
}

impl Counts {
    pub fn of(reports: &[FileReport]) -> Counts {
        let mut counts = Counts::default();
        for report in reports {
            if report.diagnostics.is_empty() {
                continue;
            }
            counts.files += 1;
            for d in &report.diagnostics {
                match d.severity {
                    Severity::Error => counts.errors += 1,
                    Severity::Warning => counts.warnings += 1,
                }
            }
        }
        counts
    }

    /// The closing line of human output, or `None` when there is nothing to
    /// say (a clean program prints nothing at all).
    pub fn summary(self) -> Option<String> {
        let files = plural(self.files, "file");
        match (self.errors, self.warnings) {
            (0, 0) => None,
            (0, w) => Some(format!(
                "warning: found {} in {files}",
                plural(w, "warning")
            )),
            (e, 0) => Some(format!("error: found {} in {files}", plural(e, "error"))),
            (e, w) => Some(format!(
                "error: found {} and {} in {files}",
                plural(e, "error"),
                plural(w, "warning")
            )),
        }
    }
}

fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_names_counts_with_plurals() {
        let c = |errors, warnings, files| Counts {
            errors,
            warnings,
            files,
        };
        assert_eq!(c(0, 0, 0).summary(), None);
        assert_eq!(
            c(1, 0, 1).summary().as_deref(),
            Some("error: found 1 error in 1 file")
        );
        assert_eq!(
            c(3, 2, 2).summary().as_deref(),
            Some("error: found 3 errors and 2 warnings in 2 files")
        );
        assert_eq!(
            c(0, 2, 1).summary().as_deref(),
            Some("warning: found 2 warnings in 1 file")
        );
    }
}
