//! Keys of declarations and bodies. A declaration is named by its file and
//! its position among the file's items, interned, so a query keyed by it is
//! memoized per class; a body by its declaration and its position among the
//! members (the per-body query is keyed by the body's tracked struct).

use crate::db::{Program, SourceFile};

/// A declaration by position: the `index`-th item of `file`. Plain data
/// (no database lifetime), so resolved types and the item index can hold it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DeclKey {
    pub file: SourceFile,
    pub index: u32,
}

/// The salsa key of one top-level declaration of `program`.
#[salsa::interned(debug, revisions = usize::MAX)]
pub struct ItemId<'db> {
    #[returns(copy)]
    pub program: Program,
    #[returns(copy)]
    pub file: SourceFile,
    #[returns(copy)]
    pub index: u32,
}

impl<'db> ItemId<'db> {
    pub fn of(db: &'db dyn crate::Db, program: Program, decl: DeclKey) -> ItemId<'db> {
        ItemId::new(db, program, decl.file, decl.index)
    }

    pub fn decl(self, db: &dyn crate::Db) -> DeclKey {
        DeclKey {
            file: self.file(db),
            index: self.index(db),
        }
    }
}

/// One body by position: the block of the `member`-th member (a method or
/// a constructor) of a class, or, with `member: None`, a `main` block.
///
/// Plain data, not interned: the per-body query is keyed by the body's
/// tracked struct ([`crate::BodyNode`]), which holds this, so a body's
/// check neither interns a key nor looks its block up by position.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct BodyKey<'db> {
    /// The declaration the body belongs to.
    pub item: ItemId<'db>,
    pub member: Option<u32>,
}

impl<'db> BodyKey<'db> {
    /// The body of the `member`-th member of the `index`-th item of `file`.
    pub fn at(
        db: &'db dyn crate::Db,
        program: Program,
        file: SourceFile,
        index: u32,
        member: Option<u32>,
    ) -> BodyKey<'db> {
        BodyKey {
            item: ItemId::new(db, program, file, index),
            member,
        }
    }

    pub fn program(self, db: &'db dyn crate::Db) -> Program {
        self.item.program(db)
    }
}
