//! Guards the size of the syntax tree's hot nodes: parse time and memory
//! per line are dominated by them (LANGUAGE.md programs are mostly
//! statements and expressions), so growing one is a deliberate decision.

use ownc_lang::ast::{Expr, Stmt, Type};
use std::mem::size_of;

#[test]
fn hot_nodes_stay_small() {
    assert!(
        size_of::<Expr>() <= 56,
        "Expr is {} bytes",
        size_of::<Expr>()
    );
    assert!(
        size_of::<Stmt>() <= 72,
        "Stmt is {} bytes",
        size_of::<Stmt>()
    );
    assert!(
        size_of::<Type>() <= 64,
        "Type is {} bytes",
        size_of::<Type>()
    );
}
