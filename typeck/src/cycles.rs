//! Inheritance cycles (`class A<o> extends B<o>`, `class B<o> extends
//! A<o>`): a class may not be its own superclass, directly or not.
//!
//! LANGUAGE.md has no code of its own for this; as javac's "cyclic
//! inheritance involving A", it is a name error, E0101 (the superclass is
//! not a class one can extend). One mistake, one error: the cycle is
//! reported once, at the `extends` of its first class in program order
//! (files in order, then declarations); a class that merely extends a class
//! of a cycle is not reported. Member lookup through a cycle is already
//! "unsure" (`members.rs`), so nothing else cascades from it.

use crate::db::Db;
use crate::errors;
use crate::ids::{DeclKey, ItemId};
use crate::members::signature_of;
use crate::signature::Superclass;
use ownc_lang::ast::ClassRef;
use ownc_lang::Diagnostic;

/// E0101 when `item`, a class extending `superclass`, lies on an
/// inheritance cycle of which it is the first class.
pub fn inheritance_cycle(
    db: &dyn Db,
    item: ItemId<'_>,
    superclass: &ClassRef,
) -> Option<Diagnostic> {
    let program = item.program(db);
    let start = DeclKey {
        file: item.file(db),
        index: item.index(db),
    };
    let files = program.files(db);
    let rank = |key: &DeclKey| (files.iter().position(|f| *f == key.file), key.index);
    let mut names = vec![signature_of(db, program, start).name.to_string()];
    let mut visited = vec![start];
    let mut current = start;
    loop {
        let Some(Superclass::Class(next)) = signature_of(db, program, current).superclass else {
            return None;
        };
        if next == start {
            break;
        }
        // A cycle that does not pass through `start` is reported at its
        // own first class; the walk is bounded by the number of classes.
        if visited.contains(&next) || rank(&next) < rank(&start) {
            return None;
        }
        visited.push(next);
        names.push(signature_of(db, program, next).name.to_string());
        current = next;
    }
    Some(errors::cyclic_inheritance(&superclass.name, &names))
}
