//! The program-wide index of top-level names (LANGUAGE.md §3: names are
//! global to the program and order does not matter). Classes, rref classes,
//! region kinds, messages and contracts share one namespace; the first
//! declaration of a name (in file order, then source order) is the one every
//! use refers to, and every later one is a duplicate (E0106).

use crate::db::{parse_file, Db, Program, SourceFile};
use crate::ids::DeclKey;
use crate::maps::FxIndexMap;
use ownc_lang::ast::{Item, Name};
use ownc_lang::token::{Kw, Token};
use ownc_lang::{ParsedFile, Span};

/// What a top-level name declares, with what uses of it need to know
/// without reading the declaration (so that no signature query ever has to
/// call another one, and no query cycle can arise).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ItemKind {
    /// A class: `arity` owner formals; an rref class has none.
    Class {
        arity: usize,
        is_rref: bool,
    },
    RegionKind,
    Message,
    Contract,
}

impl ItemKind {
    /// How the kind is called in diagnostics ("`Req` is a message").
    pub fn describe(&self) -> &'static str {
        match self {
            ItemKind::Class { is_rref: true, .. } => "an rref class",
            ItemKind::Class { .. } => "a class",
            ItemKind::RegionKind => "a region kind",
            ItemKind::Message => "a message",
            ItemKind::Contract => "a contract",
        }
    }
}

/// The declaration a top-level name refers to.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ItemEntry {
    pub decl: DeclKey,
    pub name_span: Span,
    pub kind: ItemKind,
}

/// A declaration whose name was already taken (or a second `main`): where
/// it is, and where the first one is.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DuplicateItem {
    pub file: SourceFile,
    /// `None` for a second `main` block.
    pub name: Option<Name>,
    pub span: Span,
    pub first_file: SourceFile,
    pub first_span: Span,
}

/// Every top-level name of the program, in declaration order.
#[derive(Clone, Debug, Default)]
pub struct ItemIndex {
    entries: FxIndexMap<Name, ItemEntry>,
    duplicates: Vec<DuplicateItem>,
    /// Names written after `class`, `regionkind`, `message` or `contract`
    /// in a file with syntax errors, whose declaration did not parse. A use
    /// of one is not reported unknown: the syntax error is the mistake.
    lost: Vec<Name>,
}

/// Order matters for determinism (suggestions, output), and `IndexMap`'s own
/// equality ignores it, so the index compares entry by entry in order.
impl PartialEq for ItemIndex {
    fn eq(&self, other: &ItemIndex) -> bool {
        self.entries.iter().eq(other.entries.iter())
            && self.duplicates == other.duplicates
            && self.lost == other.lost
    }
}

impl Eq for ItemIndex {}

impl ItemIndex {
    /// The (first) declaration of `name`.
    pub fn get(&self, name: &str) -> Option<&ItemEntry> {
        self.entries.get(name)
    }

    /// The position of `name` among the program's declarations: a number
    /// that tells declarations apart (region kinds are compared by it).
    pub fn position(&self, name: &str) -> Option<usize> {
        self.entries.get_index_of(name)
    }

    /// The declaration at `position` (see [`position`](Self::position)).
    pub fn at(&self, position: usize) -> Option<(&Name, &ItemEntry)> {
        self.entries.get_index(position)
    }

    /// Every declared name, with its entry, in declaration order.
    pub fn iter(&self) -> impl Iterator<Item = (&Name, &ItemEntry)> {
        self.entries.iter()
    }

    /// Whether `name` is declared by a declaration the parser could not read.
    pub fn is_lost(&self, name: &str) -> bool {
        self.lost.iter().any(|n| n == name)
    }

    /// Duplicate declarations located in `file`.
    pub fn duplicates_in(&self, file: SourceFile) -> impl Iterator<Item = &DuplicateItem> {
        self.duplicates.iter().filter(move |d| d.file == file)
    }
}

/// The top-level declarations of one file, as the index needs them.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub struct FileItems {
    /// In source order, `main` blocks included.
    decls: Vec<FileDecl>,
    /// See [`ItemIndex::lost`]; empty for a file without syntax errors.
    lost: Vec<Name>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct FileDecl {
    /// The declaration's position among the file's items.
    index: u32,
    /// The name and kind; `None` for `main`.
    named: Option<(Name, ItemKind)>,
    /// The name's span, or the `main` keyword's.
    span: Span,
}

/// The declarations of one file.
///
/// ## Why is this a salsa query?
/// It is the index's firewall against body edits: re-run when its file is
/// re-parsed, its result (names, kinds, arities, anchored name spans) is
/// unchanged by an edit inside a body, so [`item_index`] is not re-run and
/// the other files' declarations are not walked again.
#[salsa::tracked(returns(ref))]
pub fn file_items(db: &dyn Db, file: SourceFile) -> FileItems {
    let parsed = parse_file(db, file);
    let decls = parsed
        .items()
        .enumerate()
        .filter_map(|(position, item)| {
            let index = u32::try_from(position).unwrap_or(u32::MAX);
            match item_kind(item) {
                Some(kind) => item.name().map(|name| FileDecl {
                    index,
                    named: Some((name.name, kind)),
                    span: name.span,
                }),
                None => Some(FileDecl {
                    index,
                    named: None,
                    span: main_keyword_span(item.span()),
                }),
            }
        })
        .collect();
    let mut lost = Vec::new();
    if !parsed.errors.is_empty() {
        add_lost_names(&mut lost, file.text(db), parsed);
    }
    FileItems { decls, lost }
}

/// Indexes every top-level name of the program.
///
/// ## Why is this a salsa query?
/// Every resolution needs the program's names; computed once per revision
/// from each file's [`file_items`], it re-runs only when a file's
/// declarations change (an edit inside a body changes none), and since it
/// holds only names, kinds, arities and name spans, its result is usually
/// unchanged even then, and nothing that depends on it re-runs.
#[salsa::tracked(returns(ref))]
pub fn item_index(db: &dyn Db, program: Program) -> ItemIndex {
    let mut index = ItemIndex::default();
    // The first `main` seen, for the "first declared here" of later ones.
    let mut first_main: Option<(SourceFile, Span)> = None;
    for &file in program.files(db) {
        let items = file_items(db, file);
        for decl in &items.decls {
            let key = DeclKey {
                file,
                index: decl.index,
            };
            match &decl.named {
                Some((name, kind)) => add_named(&mut index, name, decl.span, key, kind),
                None => add_main(&mut index, decl.span, file, &mut first_main),
            }
        }
        for name in &items.lost {
            if !index.lost.contains(name) {
                index.lost.push(*name);
            }
        }
    }
    index.lost.retain(|name| !index.entries.contains_key(name));
    index
}

/// Records the names a file declares in its text but not in its tree: a
/// cheap scan of the tokens for a name right after a declaration keyword
/// (those keywords appear nowhere else).
fn add_lost_names(lost: &mut Vec<Name>, text: &str, parsed: &ParsedFile) {
    let lexed = ownc_lang::lexer::lex(text);
    let mut after_keyword = false;
    for (token, _) in lexed.tokens() {
        match token {
            Token::Kw(Kw::Class | Kw::Regionkind | Kw::Message | Kw::Contract) => {
                after_keyword = true;
                continue;
            }
            Token::Ident(name) if after_keyword => {
                let parsed = parsed
                    .items()
                    .any(|item| item.name().is_some_and(|n| n.name == name));
                if !parsed && !lost.iter().any(|n| n == name) {
                    lost.push(Name::new(name));
                }
            }
            _ => {}
        }
        after_keyword = false;
    }
}

fn item_kind(item: &Item) -> Option<ItemKind> {
    match item {
        Item::Class(c) => Some(ItemKind::Class {
            arity: c.formals.len(),
            is_rref: c.is_rref,
        }),
        Item::RegionKind(_) => Some(ItemKind::RegionKind),
        Item::Message(_) => Some(ItemKind::Message),
        Item::Contract(_) => Some(ItemKind::Contract),
        Item::Main(_) => None,
    }
}

fn add_named(index: &mut ItemIndex, name: &Name, name_span: Span, decl: DeclKey, kind: &ItemKind) {
    if let Some(first) = index.entries.get(name) {
        index.duplicates.push(DuplicateItem {
            file: decl.file,
            name: Some(*name),
            span: name_span,
            first_file: first.decl.file,
            first_span: first.name_span,
        });
        return;
    }
    index.entries.insert(
        *name,
        ItemEntry {
            decl,
            name_span,
            kind: kind.clone(),
        },
    );
}

fn add_main(
    index: &mut ItemIndex,
    span: Span,
    file: SourceFile,
    first_main: &mut Option<(SourceFile, Span)>,
) {
    match first_main {
        Some((first_file, first_span)) => index.duplicates.push(DuplicateItem {
            file,
            name: None,
            span,
            first_file: *first_file,
            first_span: *first_span,
        }),
        None => *first_main = Some((file, span)),
    }
}

/// A `main` declaration's span starts at its keyword; diagnostics point at
/// the keyword, not at the whole block.
fn main_keyword_span(span: Span) -> Span {
    let end = (span.start as usize + "main".len()).min(span.end as usize);
    span.with_range(span.start, u32::try_from(end).unwrap_or(span.end))
}
