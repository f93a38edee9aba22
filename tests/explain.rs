//! `ownc explain` (LANGUAGE.md §14) through the built binary: every code of
//! §15 has a page; each page's first ```own block fails `ownc check` with
//! that code and its second, the fix, checks clean; a code that does not
//! exist is a usage error (exit 2).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::BTreeSet;
use std::fmt::Write as _;

/// Every code of LANGUAGE.md §15, its ranges written out.
const SECTION_15: &[&str] = &[
    "E0001", //
    "E0101", "E0102", "E0103", "E0104", "E0105", "E0106", "E0107", "E0108", "E0109", "E0110",
    "E0111", "E0112", //
    "E0201", "E0202", "E0203", "E0206", "E0207", "E0208", "E0209", //
    "E0301", //
    "E0401", "E0402", "E0403", //
    "E0501", "E0502", //
    "E0601", "E0603", //
    "E0701", "E0702", "E0703", "E0704", "E0705", "E0706", "E0707",
];

/// The codes `ownc check` reports today.
///
/// WHEN YOU IMPLEMENT A CODE IN THE CHECKER, ADD IT HERE. For a code listed
/// here, its page's failing example must fail with that code and no other.
/// For a code not listed, the failing example must still parse and draw no
/// other code (so it shows the one mistake it explains), and the fixed
/// example must check clean, as for every code; and once the checker starts
/// reporting the code on its failing example, the test fails until the code
/// is added here, so the list cannot fall behind the checker.
const IMPLEMENTED_CODES: &[&str] = &[
    "E0001", "E0101", "E0102", "E0103", "E0104", "E0105", "E0106", "E0107", "E0108", //
    "E0109", "E0110", "E0111", "E0112", //
    "E0201", "E0202", "E0203", "E0206", "E0207", "E0208", "E0209", "E0301", //
    "E0401", "E0402", "E0403", "E0501", "E0502", "E0601", "E0603", //
    "E0701", "E0702", "E0703", "E0704", "E0705", "E0706", "E0707",
];

/// The ```own blocks of a page, in order, or why the page is malformed.
fn own_blocks(page: &str) -> Result<Vec<String>, String> {
    let mut blocks = Vec::new();
    let mut open: Option<String> = None;
    for line in page.lines() {
        match (&mut open, line.trim_end()) {
            (None, "```own") => open = Some(String::new()),
            (None, fence) if fence.starts_with("```") => {
                return Err(format!("a fence other than ```own: `{fence}`"));
            }
            (Some(block), "```") => {
                blocks.push(std::mem::take(block));
                open = None;
            }
            (Some(block), _) => {
                block.push_str(line);
                block.push('\n');
            }
            (None, _) => {}
        }
    }
    match open {
        Some(_) => Err("an unclosed ```own block".into()),
        None => Ok(blocks),
    }
}

/// The page `ownc explain CODE` prints, or why it did not.
fn page(code: &str) -> Result<String, String> {
    let out = common::ownc(["explain", code]);
    let status = common::status(&out);
    let stderr = common::stderr(&out);
    if status != 0 || !stderr.is_empty() {
        return Err(format!("`ownc explain {code}` exited {status}: {stderr}"));
    }
    Ok(common::stdout(&out))
}

/// The failing and the fixed example of a page.
fn examples(code: &str, page: &str) -> Result<(String, String), String> {
    let mut blocks = own_blocks(page)?.into_iter();
    match (blocks.next(), blocks.next(), blocks.next()) {
        (Some(failing), Some(fixed), None) if failing != fixed => Ok((failing, fixed)),
        (Some(_), Some(_), None) => Err("the fixed example is the failing one".into()),
        _ => Err(format!(
            "{code}: the page needs exactly two ```own blocks (failing, then fixed)"
        )),
    }
}

/// The exit status and the codes of the diagnostics of `ownc check` on
/// `source`, written to a temporary file named after `name`.
fn check(name: &str, source: &str) -> Result<(i32, Vec<String>), String> {
    let path = common::temp_file("explain", &format!("{name}.own"), source);
    let out = common::ownc_json(&[&path]);
    common::assert_no_crash(&out);
    let codes = common::json_diagnostics(&out)?
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("(no code)").to_string())
        .collect();
    Ok((common::status(&out), codes))
}

/// Judges what the failing example of `code` reported: see `IMPLEMENTED_CODES`.
fn judge_failing(code: &str, status: i32, reported: &[String]) -> Result<(), String> {
    let distinct: BTreeSet<&str> = reported.iter().map(String::as_str).collect();
    let others: Vec<&str> = distinct.iter().copied().filter(|c| *c != code).collect();
    if !others.is_empty() {
        return Err(format!("the failing example also reports {others:?}"));
    }
    let reports_code = distinct.contains(code);
    match (IMPLEMENTED_CODES.contains(&code), reports_code) {
        (true, false) => Err("the failing example checks clean".into()),
        (true, true) if status != 1 => Err(format!("the failing example exits {status}, not 1")),
        (false, true) => Err(format!(
            "the checker reports {code} now: add it to IMPLEMENTED_CODES in tests/explain.rs"
        )),
        _ => Ok(()),
    }
}

/// Checks both examples of one page.
fn check_page(code: &str) -> Result<(), String> {
    let (failing, fixed) = examples(code, &page(code)?)?;
    let (status, reported) = check(&format!("{code}-fixed"), &fixed)?;
    if status != 0 || !reported.is_empty() {
        return Err(format!(
            "the fixed example exits {status} and reports {reported:?}"
        ));
    }
    let (status, reported) = check(&format!("{code}-failing"), &failing)?;
    judge_failing(code, status, &reported)
}

#[test]
fn every_code_of_section_15_is_listed_with_a_title() {
    let out = common::ownc(["explain", "--list"]);
    assert_eq!(common::status(&out), 0, "{}", common::stderr(&out));
    let listing = common::stdout(&out);
    let mut codes = Vec::new();
    for line in listing.lines() {
        let (code, title) = line
            .split_once("  ")
            .unwrap_or_else(|| panic!("not `CODE  title`: {line:?}"));
        assert!(!title.trim().is_empty(), "{code} has no title");
        let first_line = page(code).unwrap();
        assert_eq!(first_line.lines().next(), Some(title), "{code}");
        codes.push(code);
    }
    assert_eq!(codes, SECTION_15);
}

/// The pages are the files of `src/explain/`, one per code, and the binary
/// prints them unchanged (a file not wired into the table fails here).
#[test]
fn pages_are_the_files_of_src_explain() {
    let dir = common::root().join("src/explain");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let expected: Vec<String> = SECTION_15.iter().map(|c| format!("{c}.md")).collect();
    assert_eq!(files, expected);
    for code in SECTION_15 {
        let file = std::fs::read_to_string(dir.join(format!("{code}.md"))).unwrap();
        assert_eq!(page(code).unwrap(), file, "{code}");
    }
}

#[test]
fn failing_examples_fail_with_their_code_and_fixes_check_clean() {
    let mut failures = String::new();
    for code in SECTION_15 {
        if let Err(why) = check_page(code) {
            let _ = writeln!(failures, "{code}: {why}");
        }
    }
    assert!(failures.is_empty(), "explain pages failed:\n{failures}");
}

#[test]
fn codes_are_accepted_in_either_case() {
    assert_eq!(page("e0201").unwrap(), page("E0201").unwrap());
    assert!(page("E0201").unwrap().contains("outlive"));
}

#[test]
fn unknown_codes_are_usage_errors() {
    for code in ["E9999", "E0204", "hello", ""] {
        let out = common::ownc(["explain", code]);
        assert_eq!(common::status(&out), 2, "{code:?}");
        assert!(common::stdout(&out).is_empty(), "{code:?}");
        let stderr = common::stderr(&out);
        assert_eq!(stderr.lines().count(), 1, "{code:?}: {stderr}");
        assert!(
            stderr.starts_with("error: ") && stderr.contains("ownc explain --list"),
            "{code:?}: {stderr}"
        );
    }
    let out = common::ownc(["explain"]);
    assert_eq!(common::status(&out), 2, "no code at all");
    assert!(common::stdout(&out).is_empty());
}

// The judges above must be able to fail: these prove they reject bad pages
// and bad results.

#[test]
fn malformed_pages_are_rejected() {
    let one = "Title.\n\n```own\nmain { }\n```\n";
    let three = format!("{one}```own\nmain {{ print(1); }}\n```\n```own\nmain {{ }}\n```\n");
    assert!(examples("E0000", one).is_err());
    assert!(examples("E0000", &three).is_err());
    assert!(
        examples("E0000", &format!("{one}{one}")).is_err(),
        "same twice"
    );
    assert!(own_blocks("```own\nmain { }\n").is_err(), "unclosed");
    assert!(own_blocks("```rust\nfn main() {}\n```\n").is_err());
    let two = format!("{one}```own\nmain {{ print(1); }}\n```\n");
    assert_eq!(
        examples("E0000", &two),
        Ok(("main { }\n".into(), "main { print(1); }\n".into()))
    );
}

#[test]
fn wrong_results_are_rejected() {
    let codes = |cs: &[&str]| cs.iter().map(|c| c.to_string()).collect::<Vec<_>>();
    // An implemented code: exactly that code, with exit status 1.
    assert_eq!(judge_failing("E0104", 1, &codes(&["E0104"])), Ok(()));
    assert_eq!(
        judge_failing("E0104", 1, &codes(&["E0104", "E0104"])),
        Ok(())
    );
    assert!(judge_failing("E0104", 0, &[]).is_err());
    assert!(judge_failing("E0104", 1, &codes(&["E0104", "E0107"])).is_err());
    assert!(judge_failing("E0104", 1, &codes(&["E0107"])).is_err());
    assert!(judge_failing("E0104", 0, &codes(&["E0104"])).is_err());
    // A code not implemented yet: nothing else may be reported, and the
    // code itself only once it is in IMPLEMENTED_CODES.
    assert_eq!(judge_failing("E0999", 0, &[]), Ok(()));
    assert!(judge_failing("E0999", 1, &codes(&["E0001"])).is_err());
    assert!(judge_failing("E0999", 1, &codes(&["E0999"])).is_err());
    // `check` sees what the checker reports.
    assert_eq!(check("self-test-clean", "main { }\n").unwrap(), (0, vec![]));
    assert_eq!(
        check("self-test-broken", "main { print(x); }\n").unwrap(),
        (1, codes(&["E0107"]))
    );
}
