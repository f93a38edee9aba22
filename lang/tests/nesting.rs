//! The nesting limit: inputs nested far deeper than any real program get one
//! E0001 per cut group and never overflow the stack, even on the 2 MiB
//! stack of a test thread.

use ownc_lang::lexer::MAX_NESTING;
use ownc_lang::parse;

fn nested_parens(depth: usize) -> String {
    format!(
        "main {{ int x = {}1{}; }}",
        "(".repeat(depth),
        ")".repeat(depth)
    )
}

fn nested_blocks(depth: usize) -> String {
    format!("main {{ {}{} }}", "{".repeat(depth), "}".repeat(depth))
}

#[test]
fn parens_at_the_limit_parse_clean() {
    // main's body is one level, the initialiser's parens the rest.
    let parsed = parse(&nested_parens(MAX_NESTING - 1));
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
}

#[test]
fn blocks_at_the_limit_parse_clean() {
    let parsed = parse(&nested_blocks(MAX_NESTING - 1));
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
}

#[test]
fn hundred_thousand_parens_give_one_error() {
    let parsed = parse(&nested_parens(100_000));
    assert_eq!(parsed.errors.len(), 1, "{:?}", parsed.errors);
    assert!(parsed.errors[0].message.contains("nested more than"));
}

#[test]
fn hundred_thousand_blocks_give_one_error() {
    let parsed = parse(&nested_blocks(100_000));
    assert_eq!(parsed.errors.len(), 1, "{:?}", parsed.errors);
    assert!(parsed.errors[0].message.contains("nested more than"));
}

#[test]
fn unclosed_deep_nesting_is_reported() {
    let parsed = parse(&format!("main {{ {}", "(".repeat(50_000)));
    assert!(!parsed.errors.is_empty());
}
