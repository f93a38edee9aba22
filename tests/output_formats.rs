//! The two output formats of `ownc check` on a small two-file program: the
//! exact fields and positions of the JSON format (LANGUAGE.md §14) and the
//! shape of the human format, through the built binary.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use serde_json::Value;
use std::path::PathBuf;

/// `a.own` declares `Point`; `b.own` declares it again (E0106 with a label in
/// `a.own`) and has a syntax error after a multi-byte character. Each test
/// writes its own copy (`test` names the folder): tests run in parallel,
/// and rewriting a file another test's `ownc` is reading would race.
fn two_file_program(test: &str) -> (PathBuf, PathBuf) {
    let folder = format!("output-formats/{test}");
    let a = common::temp_file(&folder, "a.own", "class Point<o> { int x; }\n");
    let b = common::temp_file(
        &folder,
        "b.own",
        "// é\nclass Point<o> { int y; }\nmain { int z = 1 # 2; }\n",
    );
    (a, b)
}

fn keys(object: &Value) -> Vec<&str> {
    object
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect()
}

#[test]
fn json_has_exactly_the_documented_fields_and_positions() {
    let (a, b) = two_file_program("json_has_exactly_the_documented_fields_and_positions");
    let out = common::ownc_json(&[&a, &b]);
    assert_eq!(common::status(&out), 1);
    assert!(out.stderr.is_empty(), "{}", common::stderr(&out));
    let all = common::json_diagnostics(&out).unwrap();
    let fields = [
        "code",
        "severity",
        "message",
        "file",
        "line",
        "column",
        "end_line",
        "end_column",
        "labels",
    ];
    for d in &all {
        assert_eq!(keys(d), fields, "{d}");
        assert_eq!(d["severity"], "error");
        for label in d["labels"].as_array().unwrap() {
            assert_eq!(
                keys(label),
                ["file", "line", "column", "message"],
                "{label}"
            );
        }
    }
    let b_path = b.to_string_lossy();
    let a_path = a.to_string_lossy();
    let duplicate = all.iter().find(|d| d["code"] == "E0106").expect("an E0106");
    assert_eq!(duplicate["file"], *b_path);
    assert_eq!(
        (&duplicate["line"], &duplicate["column"]),
        (&2.into(), &7.into())
    );
    assert_eq!(
        (&duplicate["end_line"], &duplicate["end_column"]),
        (&2.into(), &12.into())
    );
    let label = &duplicate["labels"][0];
    assert_eq!(label["file"], *a_path);
    assert_eq!((&label["line"], &label["column"]), (&1.into(), &7.into()));
    // Line 1's `é` takes two bytes; positions on line 3 must not feel it.
    let syntax = all.iter().find(|d| d["code"] == "E0001").expect("an E0001");
    assert_eq!(
        (&syntax["line"], &syntax["column"]),
        (&3.into(), &18.into())
    );
    assert_eq!(syntax["end_column"], 19);
    // Files in the order given, then by position.
    let order: Vec<_> = all
        .iter()
        .map(|d| (d["file"].clone(), d["line"].clone()))
        .collect();
    let mut sorted = order.clone();
    sorted.sort_by_key(|(f, l)| (f.as_str() != Some(&*a_path), l.as_u64()));
    assert_eq!(order, sorted);
}

#[test]
fn json_columns_count_characters_not_bytes() {
    // `"ééé"` takes 8 bytes but 5 characters; the `#` after it is at
    // character column 22 (byte column 25).
    let path = common::temp_file("output-columns", "wide.own", "main { print(\"ééé\"); # }\n");
    let out = common::ownc_json(&[&path]);
    let all = common::json_diagnostics(&out).unwrap();
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(
        (&all[0]["line"], &all[0]["column"]),
        (&1.into(), &22.into())
    );
}

#[test]
fn human_output_goes_to_stderr_with_every_file_and_a_summary() {
    let (a, b) = two_file_program("human_output_goes_to_stderr_with_every_file_and_a_summary");
    let out = common::ownc(["check".as_ref(), a.as_os_str(), b.as_os_str()]);
    assert_eq!(common::status(&out), 1);
    assert!(out.stdout.is_empty(), "{}", common::stdout(&out));
    let err = common::stderr(&out);
    assert!(!err.contains('\u{1b}'), "colour in a non-terminal:\n{err}");
    assert!(err.contains("error[E0106]: "), "{err}");
    assert!(err.contains("error[E0001]: "), "{err}");
    assert!(err.contains(&format!("{}:2:7", b.display())), "{err}");
    assert!(err.contains(&format!("{}:1:7", a.display())), "{err}");
    assert_eq!(
        err.lines().last(),
        Some("error: found 2 errors in 1 file"),
        "{err}"
    );
}

#[test]
fn clean_program_prints_nothing_but_an_empty_array() {
    let text = "class Point<o> { int x; }\nmain { print(1); }\n";
    let path = common::temp_file("output-clean", "clean.own", text);
    let out = common::ownc(["check".as_ref(), path.as_os_str()]);
    assert_eq!(common::status(&out), 0);
    assert!(out.stdout.is_empty() && out.stderr.is_empty());
    let out = common::ownc_json(&[&path]);
    assert_eq!(common::status(&out), 0);
    assert_eq!(common::stdout(&out), "[]\n");
    assert!(out.stderr.is_empty());
}

#[test]
fn every_thread_count_prints_the_same_diagnostics() {
    let (a, b) = two_file_program("every_thread_count_prints_the_same_diagnostics");
    let run = |jobs: &str| {
        let out = common::ownc([
            "check",
            "--format",
            "json",
            "--jobs",
            jobs,
            a.to_str().unwrap(),
            b.to_str().unwrap(),
        ]);
        assert_eq!(common::status(&out), 1, "{}", common::stderr(&out));
        common::stdout(&out)
    };
    let one = run("1");
    assert!(one.contains("E0106"), "{one}");
    for jobs in ["2", "7"] {
        assert_eq!(run(jobs), one, "--jobs {jobs}");
    }
}

#[test]
fn a_thread_count_of_zero_is_a_usage_error() {
    let (a, _) = two_file_program("a_thread_count_of_zero_is_a_usage_error");
    let out = common::ownc(["check", "-j", "0", a.to_str().unwrap()]);
    assert_eq!(common::status(&out), 2, "{}", common::stderr(&out));
}

/// Lines end at `\n` (`\r\n` included) in both formats: a lone `\r`, a form
/// feed or U+2028 is not a line break, so the human header's `file:line:col`
/// is the JSON position. Control characters of the source (ESC here) are
/// not written to the terminal raw.
#[test]
fn human_and_json_agree_on_lines_and_write_no_raw_control_characters() {
    let path = common::temp_file(
        "output-line-breaks",
        "breaks.own",
        "main {\r  int a = 1;\x0C /* \u{2028} \x1b[31m */ int c = zz; }\n",
    );
    let json = common::ownc_json(&[&path]);
    let all = common::json_diagnostics(&json).unwrap();
    let at: Vec<_> = all
        .iter()
        .map(|d| format!("{}:{}", d["line"], d["column"]))
        .collect();
    assert_eq!(at, ["1:44"], "{all:?}");
    let out = common::ownc(["check".as_ref(), path.as_os_str()]);
    let err = common::stderr(&out);
    for position in &at {
        assert!(
            err.contains(&format!("breaks.own:{position} ]")),
            "{position}:\n{err}"
        );
    }
    assert!(!err.contains('\u{1b}'), "raw ESC in:\n{err}");
}
