//! The salsa database: source files and the program are inputs, and parsing
//! one file is the first tracked query every other query builds on.

use salsa::Durability;
use std::sync::Arc;

/// The database view every query of this crate takes. Later layers (the
/// ownership checker, the translator, the language server) extend it.
#[salsa::db]
pub trait Db: salsa::Database {
    /// Whether a chunk's text may share its file's text (see [`ChunkText`]).
    fn shares_chunk_texts(&self) -> bool;
}

/// The one database of `ownc`: the CLI fills it once and asks for
/// diagnostics; the language server keeps it, edits its inputs and answers
/// from clones.
#[salsa::db]
#[derive(Clone, Default)]
pub struct Database {
    storage: salsa::Storage<Self>,
    /// Set for a database that checks one revision of its files and is
    /// dropped (see [`Database::for_one_check`]).
    one_check: bool,
}

impl Database {
    /// A database that hands every salsa event to `callback`: tests use it
    /// to see which queries re-executed, a server may use it for tracing.
    pub fn with_event_callback(callback: impl Fn(salsa::Event) + Send + Sync + 'static) -> Self {
        Database {
            storage: salsa::Storage::new(Some(Box::new(callback))),
            one_check: false,
        }
    }

    /// A database for checking its files once (`ownc check`), whose
    /// inputs are not edited afterwards. Its chunks share their file's
    /// text instead of copying it (24 bytes a line less to allocate and
    /// fill); a database whose inputs are edited must not do that, or the
    /// chunks kept across an edit would keep every old version of the file
    /// alive (see [`ChunkText`]). Edits still work, and give the same
    /// answers; they only keep more memory.
    pub fn for_one_check() -> Self {
        Database {
            one_check: true,
            ..Database::default()
        }
    }
}

#[salsa::db]
impl salsa::Database for Database {}

#[salsa::db]
impl Db for Database {
    fn shares_chunk_texts(&self) -> bool {
        self.one_check
    }
}

/// The text of a chunk: a range of a file's text. It shares the file's
/// text in a database made [`Database::for_one_check`], and is a copy of
/// it otherwise: salsa keeps a tracked field's old value when the new one
/// is equal, so a chunk unchanged by an edit would go on sharing the text
/// of the file's version it was made from, and, over many edits of
/// different declarations, one whole old version of the file per chunk
/// could stay alive. Compared, hashed and shown by its text.
#[derive(Clone)]
pub struct ChunkText {
    text: Arc<str>,
    start: u32,
    end: u32,
}

impl ChunkText {
    /// `file[start..end]`, shared with `file` or copied.
    fn new(file: &Arc<str>, start: u32, end: u32, share: bool) -> ChunkText {
        if share {
            return ChunkText {
                text: file.clone(),
                start,
                end,
            };
        }
        let copy: Arc<str> = Arc::from(file.get(start as usize..end as usize).unwrap_or(""));
        let end = u32::try_from(copy.len()).unwrap_or(u32::MAX);
        ChunkText {
            text: copy,
            start: 0,
            end,
        }
    }

    pub fn as_str(&self) -> &str {
        self.text
            .get(self.start as usize..self.end as usize)
            .unwrap_or("")
    }
}

impl PartialEq for ChunkText {
    fn eq(&self, other: &ChunkText) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for ChunkText {}

impl std::hash::Hash for ChunkText {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl std::fmt::Debug for ChunkText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

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

/// One chunk of a file's text (see `ownc_lang::split`): in a valid file,
/// one declaration with the comments before it.
///
/// ## Why a tracked struct?
/// Its text is a field: [`file_chunks`] makes the chunks anew at every
/// edit of the file, and salsa compares each chunk's text with the one it
/// had; [`parse_chunk`] read only that field, so an edit inside one
/// declaration re-parses that declaration alone. The chunk's number is its
/// identity (it is part of every anchor of its tree): adding a declaration
/// renumbers, and re-parses, the ones after it.
#[salsa::tracked(debug)]
pub struct Chunk<'db> {
    #[returns(copy)]
    pub file: SourceFile,
    #[returns(copy)]
    pub number: u32,
    #[tracked]
    #[returns(ref)]
    pub text: ChunkText,
}

/// A file cut into chunks: where each starts, and its tracked struct.
#[derive(Clone, Debug, PartialEq, Eq, Hash, salsa::SalsaValue)]
pub struct FileChunks<'db> {
    pub starts: Vec<u32>,
    pub chunks: Vec<Chunk<'db>>,
}

/// Cuts a file into chunks, one declaration each.
///
/// ## Why is this a salsa query?
/// It creates the chunks' tracked structs, whose texts are compared with
/// the previous revision's (see [`Chunk`]).
#[salsa::tracked(returns(ref))]
pub fn file_chunks(db: &dyn Db, file: SourceFile) -> FileChunks<'_> {
    let text = file.text(db);
    let starts = ownc_lang::split::declaration_starts(text);
    let share = db.shares_chunk_texts();
    let chunks = (0u32..)
        .zip(ownc_lang::split::chunk_ranges(text, &starts))
        .map(|(number, (start, end))| {
            Chunk::new(db, file, number, ChunkText::new(text, start, end, share))
        })
        .collect();
    FileChunks { starts, chunks }
}

/// The chunks of a file without where they start.
///
/// ## Why is this a salsa query?
/// An edit that changes a length moves every later chunk's start but
/// leaves the chunks the same: the queries that only list the chunks read
/// them here, unchanged, and are not run again.
#[salsa::tracked(returns(ref))]
pub fn chunk_list(db: &dyn Db, file: SourceFile) -> Vec<Chunk<'_>> {
    file_chunks(db, file).chunks.clone()
}

/// Parses and anchors one chunk, or `None` if it has a syntax error (then
/// its file is parsed whole).
///
/// ## Why is this a salsa query?
/// It reads only its chunk's text: after an edit, every other chunk's tree
/// is this memo's, and the same `Arc`, so comparing it further up costs a
/// pointer comparison.
#[salsa::tracked(returns(ref))]
pub fn parse_chunk<'db>(
    db: &'db dyn Db,
    chunk: Chunk<'db>,
) -> Option<Arc<ownc_lang::split::Chunk>> {
    ownc_lang::split::parse_chunk(chunk.text(db).as_str(), chunk.number(db)).map(Arc::new)
}

/// Parses one file: its declarations, anchored (spans relative to their
/// declaration or member: see `ownc_lang::anchor`), and its syntax errors
/// (E0001, absolute). A file whose chunks all parse is put together from
/// their memos; a file with a syntax error is parsed whole, for the
/// messages and recovery of the whole file.
///
/// ## Why is this a salsa query?
/// Every other query reads syntax through it, so a file is parsed once per
/// revision of its text, and a file whose text did not change is never
/// parsed again.
#[salsa::tracked(returns(ref))]
pub fn parse_file(db: &dyn Db, file: SourceFile) -> ownc_lang::ParsedFile {
    let chunks = file_chunks(db, file);
    let parts = chunks
        .chunks
        .iter()
        .map(|&chunk| parse_chunk(db, chunk).clone());
    ownc_lang::ParsedFile::from_parts(file.text(db), &chunks.starts, parts)
}

/// Whether every chunk of `file` parses without error: then the file is
/// its chunks' trees put together; otherwise it is parsed whole.
///
/// ## Why is this a salsa query?
/// Queries per chunk read the file's mode through it: after an edit that
/// keeps the file valid, it is unchanged, and they do not re-run.
#[salsa::tracked(returns(copy))]
pub fn chunks_parse(db: &dyn Db, file: SourceFile) -> bool {
    parse_file(db, file).chunk_item_counts().is_some()
}

/// Where each chunk's declarations start among the file's (a prefix sum:
/// one entry per chunk, then the file's count).
///
/// ## Why is this a salsa query?
/// Declarations are keyed by their position in the file; a query per
/// chunk reads its first position here, unchanged unless a declaration is
/// added or removed.
#[salsa::tracked(returns(ref))]
pub fn chunk_firsts(db: &dyn Db, file: SourceFile) -> Vec<u32> {
    let parsed = parse_file(db, file);
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let mut firsts = Vec::new();
    let mut total = 0u32;
    if let Some(counts) = parsed.chunk_item_counts() {
        for items in counts {
            firsts.push(total);
            total = total.saturating_add(count(items));
        }
    } else {
        // Parsed whole: a declaration belongs to the chunk its start lies
        // in (recovery may have read one across a cut).
        let starts = &file_chunks(db, file).starts;
        let mut items = parsed
            .items()
            .map(|item| parsed.anchors.absolute(item.span()).start)
            .peekable();
        for k in 0..starts.len() {
            firsts.push(total);
            let end = starts.get(k + 1).copied().unwrap_or(u32::MAX);
            while items.next_if(|&at| at < end).is_some() {
                total = total.saturating_add(1);
            }
        }
    }
    firsts.push(total);
    firsts
}
