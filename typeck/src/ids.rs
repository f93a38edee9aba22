//! Keys of the per-declaration and per-body queries. A declaration is named
//! by its file and its position among the file's items, a body by its
//! declaration and its position among the members: both are interned, so a
//! query keyed by them is memoized per class, per method and per `main`.

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

/// The salsa key of one body: the block of the `member`-th member (a method
/// or a constructor) of a class, or, with `member: None`, a `main` block.
///
/// It holds its declaration's key rather than the declaration's program,
/// file and position: a body's check reads its class's signature, keyed by
/// that declaration, and reading a field here is cheaper than interning the
/// declaration's key again for every body.
#[salsa::interned(debug, revisions = usize::MAX)]
pub struct BodyId<'db> {
    /// The declaration the body belongs to.
    #[returns(copy)]
    pub item: ItemId<'db>,
    #[returns(copy)]
    pub member: Option<u32>,
}

impl<'db> BodyId<'db> {
    /// The body of the `member`-th member of the `index`-th item of `file`.
    pub fn at(
        db: &'db dyn crate::Db,
        program: Program,
        file: SourceFile,
        index: u32,
        member: Option<u32>,
    ) -> BodyId<'db> {
        BodyId::new(db, ItemId::new(db, program, file, index), member)
    }

    pub fn program(self, db: &'db dyn crate::Db) -> Program {
        self.item(db).program(db)
    }

    pub fn file(self, db: &'db dyn crate::Db) -> SourceFile {
        self.item(db).file(db)
    }

    /// The position of its declaration among the file's items.
    pub fn index(self, db: &'db dyn crate::Db) -> u32 {
        self.item(db).index(db)
    }
}
