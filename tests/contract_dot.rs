//! `ownc contract --dot PATH NAME` through the built binary: the exact
//! graph, the exit statuses (0 printed and well formed, 1 printed but the
//! contract has errors, 2 no such contract or unreadable input) and the
//! one-line errors.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{ownc, status, stderr, stdout, temp_file};

const SERVICE_DOT: &str = r#"digraph "Service" {
    rankdir=LR;
    node [shape=circle];
    "(start)" [shape=none, label=""];
    "(start)" -> "idle";
    "idle";
    "busy";
    "end" [shape=doublecircle];
    "idle" -> "busy" [label="!Req"];
    "idle" -> "end" [label="!Done"];
    "busy" -> "idle" [label="?Ack"];
}
"#;

#[test]
fn prints_the_service_contract_of_section_11() {
    let out = ownc([
        "contract",
        "--dot",
        "tests/ui/contracts/e0706_synchronizing.own",
        "Service",
    ]);
    assert_eq!(stderr(&out), "");
    assert_eq!(stdout(&out), SERVICE_DOT);
    assert_eq!(status(&out), 0);
}

#[test]
fn a_contract_with_errors_is_printed_and_exits_1() {
    let out = ownc([
        "contract",
        "--dot",
        "tests/ui/contracts/e0706_not_synchronizing.own",
        "Stream",
    ]);
    assert_eq!(
        stdout(&out),
        r#"digraph "Stream" {
    rankdir=LR;
    node [shape=circle];
    "(start)" [shape=none, label=""];
    "(start)" -> "flowing";
    "flowing" [shape=doublecircle];
    "flowing" -> "flowing" [label="!Item"];
}
"#
    );
    assert_eq!(
        stderr(&out),
        "error: contract `Stream` has errors (`ownc check tests/ui/contracts/e0706_not_synchronizing.own` lists them)\n"
    );
    assert_eq!(status(&out), 1);
}

#[test]
fn errors_elsewhere_in_the_program_do_not_matter() {
    let path = temp_file(
        "contract_dot_elsewhere",
        "prog.own",
        "message M;\ncontract Tiny { initial final state only { } }\nclass K<o> { Nope<o> f; }\n",
    );
    let out = ownc([
        "contract".as_ref(),
        "--dot".as_ref(),
        path.as_os_str(),
        "Tiny".as_ref(),
    ]);
    assert_eq!(stderr(&out), "");
    assert!(
        stdout(&out).contains("\"only\" [shape=doublecircle];"),
        "{}",
        stdout(&out)
    );
    assert_eq!(status(&out), 0);
}

#[test]
fn a_folder_is_one_program() {
    temp_file(
        "contract_dot_folder",
        "a.own",
        "message Req;\nmessage Ack;\nmessage Done;\n",
    );
    let second = temp_file(
        "contract_dot_folder",
        "b.own",
        "contract Service {\n    initial state idle { !Req -> busy; !Done -> end; }\n    state busy { ?Ack -> idle; }\n    final state end { }\n}\n",
    );
    let folder = second.parent().unwrap();
    let out = ownc([
        "contract".as_ref(),
        "--dot".as_ref(),
        folder.as_os_str(),
        "Service".as_ref(),
    ]);
    assert_eq!(stderr(&out), "");
    assert_eq!(stdout(&out), SERVICE_DOT);
    assert_eq!(status(&out), 0);
}

/// Runs `ownc contract --dot PATH NAME` and expects exit 2, nothing on
/// stdout and `line` alone on stderr.
fn fails_with(path: &str, name: &str, line: &str) {
    let out = ownc(["contract", "--dot", path, name]);
    assert_eq!(stdout(&out), "");
    assert_eq!(stderr(&out), format!("{line}\n"));
    assert_eq!(status(&out), 2);
}

#[test]
fn no_such_contract() {
    let path = "tests/ui/contracts/e0706_synchronizing.own";
    fails_with(
        path,
        "Servise",
        &format!("error: no contract `Servise` in {path}; did you mean `Service`?"),
    );
    fails_with(path, "Zzz", &format!("error: no contract `Zzz` in {path}"));
    fails_with(
        path,
        "Cell",
        "error: `Cell` is an rref class, not a contract",
    );
    fails_with(path, "Ack", "error: `Ack` is a message, not a contract");
}

#[test]
fn a_contract_that_does_not_parse() {
    let path = temp_file(
        "contract_dot_unparsed",
        "bad.own",
        "contract Broken state a { }\n",
    );
    let path = path.to_str().unwrap();
    fails_with(
        path,
        "Broken",
        &format!(
            "error: the declaration of `Broken` does not parse (`ownc check {path}` shows why)"
        ),
    );
}

#[test]
fn unreadable_input() {
    fails_with(
        "tests/no_such_file.own",
        "C",
        "error: cannot read tests/no_such_file.own: No such file or directory",
    );
}

#[test]
fn the_dot_flag_is_required() {
    let out = ownc([
        "contract",
        "tests/ui/contracts/e0706_synchronizing.own",
        "Service",
    ]);
    assert_eq!(stdout(&out), "");
    assert!(stderr(&out).contains("--dot"), "{}", stderr(&out));
    assert_eq!(status(&out), 2);
}
