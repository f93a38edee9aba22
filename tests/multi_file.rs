//! Programs made of several files (LANGUAGE.md §3, §14): declarations are
//! global to the program, duplicates across files are E0106 with a label in
//! the other file, a broken file does not stop the others from being checked,
//! and the diagnostics do not depend on the order the files are named in.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use serde_json::Value;
use std::path::{Path, PathBuf};

/// Writes `files` (name, text) into a fresh folder named after the test.
fn program(test: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("multi-file")
        .join(test);
    let _ = std::fs::remove_dir_all(&dir);
    for (name, text) in files {
        common::temp_file(&format!("multi-file/{test}"), name, text);
    }
    dir
}

/// Each diagnostic as `code file:line:col` with its labels' `file:line`,
/// file names relative to the program's folder.
fn summary(out: &std::process::Output, dir: &Path) -> Vec<String> {
    common::assert_no_crash(out);
    let prefix = format!("{}/", dir.to_string_lossy());
    let name = |v: &Value| v.as_str().unwrap().trim_start_matches(&prefix).to_string();
    common::json_diagnostics(out)
        .unwrap()
        .iter()
        .map(|d| {
            let labels: Vec<String> = d["labels"]
                .as_array()
                .unwrap()
                .iter()
                .map(|l| format!("{}:{}", name(&l["file"]), l["line"]))
                .collect();
            format!(
                "{} {}:{}:{} [{}]",
                d["code"].as_str().unwrap(),
                name(&d["file"]),
                d["line"],
                d["column"],
                labels.join(", ")
            )
        })
        .collect()
}

#[test]
fn declarations_of_every_kind_are_used_across_files() {
    let dir = program(
        "across",
        &[
            (
                "a.own",
                "class Data<o> { int v; }\n\
                 class Base<o, d> { Data<d> item; int get() { return 1; } }\n",
            ),
            (
                "b.own",
                "class Sub<o, d> extends Base<o, d> { int get() { return 2; } }\n\
                 regionkind Mailbox extends Shared { portal Data<this> latest; }\n",
            ),
            (
                "c.own",
                "message Req(Pkt);\nmessage Stop;\n\
                 contract Svc {\n\
                 initial state idle { !Req -> idle; !Stop -> end; }\n\
                 final state end { }\n}\n",
            ),
            ("d.own", ""),
            ("e.own", "// only a comment\n/* and another */\n"),
            (
                "f.own",
                "rref class Pkt { int len; }\n\
                 main {\n\
                 region m : Mailbox {\n\
                 Base<m, m> s = new Sub<m, m>();\n\
                 m.latest = new Data<m>();\n\
                 print(s.get(), m.latest.v);\n\
                 }\n\
                 var (e, f) = open Svc;\n\
                 send(e, Req(new Pkt()));\n\
                 Pkt p = receive(f, Req);\n\
                 send(e, Stop);\n\
                 receive(f, Stop);\n\
                 close(e, f);\n\
                 }\n",
            ),
        ],
    );
    let out = common::ownc_json(&[&dir]);
    assert_eq!(summary(&out, &dir), Vec::<String>::new());
    assert_eq!(common::status(&out), 0);
}

/// Two declarations of `Data`, a third as a message, two `main`s and an
/// inheritance cycle through two files.
fn clashing(test: &str) -> PathBuf {
    program(
        test,
        &[
            (
                "a.own",
                "class A<o> extends B<o> { int x; }\nclass Data<o> { int v; }\n",
            ),
            (
                "b.own",
                "class B<o> extends A<o> { int y; }\nclass Data<o> { int v; }\nmain { print(1); }\n",
            ),
            ("c.own", "main { print(2); }\nmessage Data;\n"),
        ],
    )
}

#[test]
fn duplicates_across_files_point_at_the_first_declaration() {
    let dir = clashing("duplicates");
    let out = common::ownc_json(&[&dir]);
    assert_eq!(common::status(&out), 1);
    assert_eq!(
        summary(&out, &dir),
        [
            "E0101 a.own:1:20 []",
            "E0106 b.own:2:7 [a.own:2]",
            "E0106 c.own:1:1 [b.own:3]",
            "E0106 c.own:2:9 [a.own:2]",
        ]
    );
    // Human output names both files of a duplicate.
    let out = common::ownc(["check".as_ref(), dir.as_os_str()]);
    let text = common::stderr(&out);
    assert!(
        text.contains("b.own:2:7") && text.contains("a.own:2:7"),
        "{text}"
    );
}

#[test]
fn the_order_files_are_named_in_does_not_matter() {
    // §3: names are global and order does not matter, so which declaration
    // is the duplicate, where the cycle is reported and the output's order
    // are the same for every order of the PATHs.
    let dir = clashing("order");
    let [a, b, c] = ["a.own", "b.own", "c.own"].map(|n| dir.join(n));
    let runs = [
        common::ownc_json(&[&a, &b, &c]),
        common::ownc_json(&[&c, &b, &a]),
        common::ownc_json(&[&b, &c, &a]),
        common::ownc_json(&[&c, &dir]),
    ];
    let first = summary(&runs[0], &dir);
    assert_eq!(first.len(), 4, "{first:?}");
    for out in &runs {
        assert_eq!(summary(out, &dir), first);
        assert_eq!(out.stdout, runs[0].stdout);
    }
}

#[test]
fn a_broken_file_does_not_stop_the_others() {
    let dir = program(
        "broken",
        &[
            (
                "a.own",
                "class Data<o> { int v; }\n\
                 class Box<o> {\n\
                 Data<o> d;\n\
                 int get() { return d.v + ; }\n\
                 }\n",
            ),
            (
                "b.own",
                "class User<o> {\n\
                 Box<o> b;\n\
                 int use() { return b.get() + b.d.v; }\n\
                 int bad() { return b.nope(); }\n\
                 }\n\
                 main {\n\
                 User<heap> u = new User<heap>();\n\
                 print(u.use());\n\
                 int y = true;\n\
                 }\n",
            ),
            ("c.own", ""),
        ],
    );
    let out = common::ownc_json(&[&dir]);
    assert_eq!(
        summary(&out, &dir),
        [
            "E0001 a.own:4:26 []",
            "E0105 b.own:4:22 []",
            "E0110 b.own:9:9 []"
        ]
    );
}

#[test]
fn labels_in_another_file_name_that_file() {
    let dir = program(
        "labels",
        &[
            (
                "a.own",
                "class Data<o> { int v; }\n\
                 class W<a, b> where a outlives b { int v; }\n\
                 class Base<o, d> { int get(Data<d> x) accesses o { return 1; } }\n",
            ),
            (
                "b.own",
                "class Sub<o, d> extends Base<o, d> {\n\
                 int get(Data<o> x) accesses o { return 2; }\n\
                 }\n\
                 main {\n\
                 region r1 { region r2 { W<r2, r1> w = null; } }\n\
                 }\n",
            ),
        ],
    );
    let out = common::ownc_json(&[&dir]);
    assert_eq!(
        summary(&out, &dir),
        ["E0209 b.own:2:5 [a.own:3]", "E0202 b.own:5:25 [a.own:2]"]
    );
}

/// Two files whose names differ only in bytes that are not UTF-8 are two
/// files in the output too (each such byte written `\xFF`): both used to be
/// named `a\u{FFFD}.own`, and the error in one was placed in the other's text.
#[cfg(unix)]
#[test]
fn names_that_are_not_utf8_keep_files_apart() {
    use std::os::unix::ffi::OsStrExt;
    let first = common::temp_file("multi-file-not-utf8", "x", "");
    let dir = first.parent().unwrap().to_path_buf();
    std::fs::remove_file(&first).unwrap();
    let name = |bytes: &[u8]| dir.join(std::ffi::OsStr::from_bytes(bytes));
    std::fs::write(name(b"a\xff.own"), "class A<o> { int v; }\n").unwrap();
    std::fs::write(name(b"a\xfe.own"), "main {\n    int x = zz;\n}\n").unwrap();
    let out = common::ownc_json(&[&dir]);
    common::assert_no_crash(&out);
    let all = common::json_diagnostics(&out).unwrap();
    assert_eq!(all.len(), 1, "{all:?}");
    let file = all[0]["file"].as_str().unwrap();
    assert!(file.ends_with("a\\xFE.own"), "{file}");
    assert_eq!(
        (&all[0]["line"], &all[0]["column"]),
        (&2.into(), &13.into())
    );
}
