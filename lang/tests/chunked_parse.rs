//! A large file is parsed in chunks on several threads (`parser::parse_valid`):
//! the tree and the diagnostics must be exactly those of a parse on one
//! thread, for valid files and for files whose mistake lies in any chunk.

use ownc_lang::workers::set_threads;
use ownc_lang::{Parsed, parse};
use std::fmt::Write as _;

/// Declarations of every kind, enough of them to make several chunks of
/// 16,000 tokens (about 36 tokens a line).
fn program(units: usize) -> String {
    let mut text = String::new();
    for i in 0..units {
        let _ = write!(
            text,
            "message Ping{i}(int);\n\
             contract Talk{i} {{\n    initial final state on {{ !Ping{i} -> on; }}\n}}\n\
             regionkind Kind{i} {{ portal int count; }}\n\
             rref class Packet{i} {{ int len; }}\n\
             class Cell{i}<o, p> where p outlives o {{\n    int value;\n    \
             int get() {{ if (value > {i}) {{ return value - 1; }} else {{ return (value + 2) * 3; }} }}\n    \
             void put(int v) {{ while (v > 0) {{ value = value + v; v = v - 1; }} }}\n}}\n"
        );
    }
    text.push_str("main {\n    region r {\n        Cell0<r, r> c = new Cell0<r, r>();\n        c.put(3);\n    }\n}\n");
    text
}

fn parse_on(threads: usize, text: &str) -> Parsed {
    set_threads(threads);
    let parsed = parse(text);
    set_threads(0);
    parsed
}

#[test]
fn a_valid_file_parses_the_same_on_any_number_of_threads() {
    let text = program(4_000);
    let one = parse_on(1, &text);
    assert!(one.errors.is_empty(), "{:?}", one.errors.first());
    assert_eq!(one.file.items.len(), 4_000 * 5 + 1);
    for threads in [2, 3, 8] {
        assert!(parse_on(threads, &text) == one, "{threads} threads");
    }
}

#[test]
fn a_mistake_in_any_chunk_is_reported_as_on_one_thread() {
    let text = program(4_000);
    for at in [0.1, 0.5, 0.9] {
        // A missing `;` somewhere in the file, at the start of a line.
        let line = text[..(text.len() as f64 * at) as usize]
            .rfind("    int value;")
            .unwrap_or(0);
        let broken = format!(
            "{}    int value{}",
            &text[..line],
            &text[line + "    int value;".len()..]
        );
        let one = parse_on(1, &broken);
        assert_eq!(one.errors.len(), 1, "{:?}", one.errors);
        for threads in [2, 4] {
            assert!(
                parse_on(threads, &broken) == one,
                "{threads} threads at {at}"
            );
        }
    }
}

/// Anchoring a large file runs on several threads too (`anchor_file`): the
/// anchored tree and the anchor table must be those of one thread.
#[test]
fn anchoring_gives_the_same_tree_and_anchors_on_any_number_of_threads() {
    let text = program(1_000);
    let anchored_on = |threads: usize| {
        let mut parsed = parse_on(1, &text);
        set_threads(threads);
        parsed.anchor();
        set_threads(0);
        parsed
    };
    let one = anchored_on(1);
    // Per unit, one per declaration (five) and one per class member (one
    // in `Packet`, three in `Cell`); then `main`.
    assert_eq!(one.anchors.len(), 1_000 * 9 + 1);
    for threads in [2, 3, 8] {
        assert!(anchored_on(threads) == one, "{threads} threads");
    }
}
