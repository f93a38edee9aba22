//! The salsa database: source files and the program are inputs, and parsing
//! one file is the first tracked query every other query builds on.

use salsa::Durability;
use std::sync::Arc;

/// The database view every query of this crate takes. Later layers (the
/// ownership checker, the translator, the language server) extend it.
#[salsa::db]
pub trait Db: salsa::Database {}

/// The one database of `ownc`: the CLI fills it once and asks for
/// diagnostics; the language server keeps it, edits its inputs and answers
/// from clones.
#[salsa::db]
#[derive(Clone, Default)]
pub struct Database {
    storage: salsa::Storage<Self>,
}

impl Database {
    /// A database that hands every salsa event to `callback`: tests use it
    /// to see which queries re-executed, a server may use it for tracing.
    pub fn with_event_callback(callback: impl Fn(salsa::Event) + Send + Sync + 'static) -> Self {
        Database {
            storage: salsa::Storage::new(Some(Box::new(callback))),
        }
    }
}

#[salsa::db]
impl salsa::Database for Database {}

#[salsa::db]
impl Db for Database {}

/// One source file: its path as the user named it, and its text.
#[salsa::input(debug)]
pub struct SourceFile {
    #[returns(ref)]
    pub path: Arc<str>,
    /// Shared with the driver, which keeps it to render diagnostics (a
    /// copy of a large file's text was another 24 bytes a line).
    #[returns(ref)]
    pub text: Arc<str>,
}

impl SourceFile {
    /// Creates a file input with low durability: file texts are what users
    /// edit, so salsa should expect them to change at every revision.
    pub fn create(db: &dyn Db, path: impl Into<Arc<str>>, text: impl Into<Arc<str>>) -> SourceFile {
        SourceFile::builder(path.into(), text.into())
            .durability(Durability::LOW)
            .new(db)
    }
}

/// The whole program: every file, in the order the user gave them (the
/// order of the output, and of "first declared here" for duplicates).
#[salsa::input(debug)]
pub struct Program {
    #[returns(ref)]
    pub files: Vec<SourceFile>,
}

/// Parses one file: its syntax tree, anchored (spans relative to their
/// declaration or member: see `ownc_lang::anchor`), and its syntax errors
/// (E0001, absolute).
///
/// ## Why is this a salsa query?
/// Every other query reads syntax through it, so a file is parsed once per
/// revision of its text, and a file whose text did not change is never
/// parsed again.
#[salsa::tracked(returns(ref))]
pub fn parse_file(db: &dyn Db, file: SourceFile) -> ownc_lang::Parsed {
    let mut parsed = ownc_lang::parse(file.text(db));
    parsed.anchor();
    parsed
}
