//! Guards the size of the syntax tree's hot nodes: parse time and memory
//! per line are dominated by them (LANGUAGE.md programs are mostly
//! statements and expressions), so growing one is a deliberate decision.
//! Last growth: spans carry their anchor (12 bytes instead of 8), so that
//! editing one body leaves every other body's tree equal (incrementality).
//! Last shrinks: a field access, a `receive` and a `fork` box what they hold
//! (an `Ident` inline made every `Expr` 72 bytes, and every `Stmt` 96);
//! names are interned (`ownc_lang::name`), so an `Ident` is 16 bytes, not
//! 40, and a `Type` 56, not 72; a string literal is a boxed `str`, so an
//! `Expr` is 40 bytes and a `Stmt` 64.

use ownc_lang::ast::{Expr, Ident, Stmt, Type};
use std::mem::size_of;

#[test]
fn hot_nodes_stay_small() {
    assert!(
        size_of::<Expr>() <= 40,
        "Expr is {} bytes",
        size_of::<Expr>()
    );
    assert!(
        size_of::<Stmt>() <= 64,
        "Stmt is {} bytes",
        size_of::<Stmt>()
    );
    assert!(
        size_of::<Ident>() <= 16,
        "Ident is {} bytes",
        size_of::<Ident>()
    );
    assert!(
        size_of::<Type>() <= 56,
        "Type is {} bytes",
        size_of::<Type>()
    );
}
