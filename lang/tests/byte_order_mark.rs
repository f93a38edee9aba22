//! A file that starts with a UTF-8 byte order mark, as some editors save
//! it, parses as the same file without one.

use ownc_lang::parse;

#[test]
fn a_leading_byte_order_mark_is_skipped() {
    let parsed = parse("\u{feff}class A<o> { int v; }\nmain { print(1); }\n");
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
}

#[test]
fn a_byte_order_mark_elsewhere_is_an_error() {
    let parsed = parse("main { \u{feff}print(1); }\n");
    assert_eq!(parsed.errors.len(), 1, "{:?}", parsed.errors);
}
