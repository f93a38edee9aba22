//! The entry point of checking: every diagnostic of every file of a program,
//! gathered from the per-file, per-declaration and per-body queries.

use crate::body_check::check_body;
use crate::contracts::contract_diagnostics;
use crate::db::{file_chunks, parse_file, Db, Program, SourceFile};
use crate::errors;
use crate::item_check::item_diagnostics;
use crate::items::{item_index, ItemIndex};
use crate::resolve_decl::declaration_diagnostics;
use crate::signature::class_signature;
use crate::syntax::file_nodes;
use ownc_lang::ast::Item;
use ownc_lang::Diagnostic;
use std::sync::Arc;

/// The diagnostics of one file: syntax errors and name errors, sorted by
/// position (then code, so the order is deterministic).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileDiagnostics {
    pub file: SourceFile,
    pub path: Arc<str>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Checks the whole program: one entry per file, in the order of
/// `program.files`, including files without diagnostics.
///
/// Not a query itself: it only gathers memoized results, so calling it again
/// after an edit re-runs just the queries the edit invalidated.
pub fn check_program(db: &dyn Db, program: Program) -> Vec<FileDiagnostics> {
    program
        .files(db)
        .iter()
        .map(|&file| check_file(db, program, file))
        .collect()
}

/// The diagnostics of one file of `program` (what a language server
/// publishes for one open document).
pub fn check_file(db: &dyn Db, program: Program, file: SourceFile) -> FileDiagnostics {
    // The file's chunks, parse and nodes make or read one struct or memo
    // per chunk; computed from here, outside any query, they do not run
    // nested in the gathering. Salsa keeps a frame per depth of nested
    // queries and empties it for the next query at that depth at a cost of
    // its largest size: a query of thousands of reads (or structs made)
    // nested at depth 1 made every later one of the thousands of queries
    // at that depth pay for clearing them.
    file_chunks(db, file);
    parse_file(db, file);
    file_nodes(db, program, file);
    file_diagnostics(db, program, file).clone()
}

/// [`check_file`]'s query.
///
/// ## Why is this a salsa query?
/// After an edit, the files it did not touch are answered from this memo
/// once salsa has verified what it read, without gathering, making
/// absolute and sorting their diagnostics again.
#[salsa::tracked(returns(ref))]
fn file_diagnostics(db: &dyn Db, program: Program, file: SourceFile) -> FileDiagnostics {
    let index = item_index(db, program);
    let parsed = parse_file(db, file);
    let mut diagnostics = parsed.errors.clone();
    diagnostics.extend(duplicate_items(db, index, file));
    let nodes = file_nodes(db, program, file);
    for (position, (item, node)) in parsed.items().zip(nodes.items()).enumerate() {
        let id = node.item(db);
        match item {
            Item::Class(_) => {
                diagnostics.extend(class_signature(db, id).diagnostics.iter().cloned());
                diagnostics.extend(item_diagnostics(db, *node).iter().cloned());
            }
            Item::Main(_) => {}
            Item::RegionKind(_) => {
                diagnostics.extend(declaration_diagnostics(db, id).iter().cloned());
                diagnostics.extend(item_diagnostics(db, *node).iter().cloned());
            }
            Item::Message(_) => {
                diagnostics.extend(declaration_diagnostics(db, id).iter().cloned());
            }
            Item::Contract(_) => {
                diagnostics.extend(declaration_diagnostics(db, id).iter().cloned());
                diagnostics.extend(contract_diagnostics(db, id).iter().cloned());
            }
        }
        // A class's methods and constructors in order (fields have none),
        // or `main`'s block.
        for body in nodes.bodies_of(position).iter().flatten() {
            diagnostics.extend(check_body(db, *body).iter().cloned());
        }
    }
    absolutize(db, program, file, &mut diagnostics);
    diagnostics.sort_by_key(|d| (d.primary.span.start, d.code));
    FileDiagnostics {
        file,
        path: file.path(db).clone(),
        diagnostics,
    }
}

/// Turns the anchored spans of diagnostics computed from `file`'s tree (and
/// of labels pointing into other files) into absolute ones.
fn absolutize(db: &dyn Db, program: Program, file: SourceFile, diagnostics: &mut [Diagnostic]) {
    let own = &parse_file(db, file).anchors;
    let anchors_of = |path: &Arc<str>| {
        program
            .files(db)
            .iter()
            .find(|f| f.path(db) == path)
            .map(|&f| &parse_file(db, f).anchors)
    };
    for diagnostic in diagnostics {
        let labels = std::iter::once(&mut diagnostic.primary).chain(&mut diagnostic.secondary);
        for label in labels {
            if label.span.anchor == 0 {
                continue;
            }
            let anchors = match &label.file {
                None => Some(own),
                Some(path) => anchors_of(path),
            };
            if let Some(anchors) = anchors {
                label.span = anchors.absolute(label.span);
            }
        }
    }
}

/// E0106 for every top-level name (or `main`) declared a second time in
/// `file`, pointing at the first declaration, wherever it is.
fn duplicate_items(db: &dyn Db, index: &ItemIndex, file: SourceFile) -> Vec<Diagnostic> {
    index
        .duplicates_in(file)
        .map(|dup| {
            let first_file = (dup.first_file != file).then(|| dup.first_file.path(db).clone());
            match &dup.name {
                Some(name) => errors::duplicate_item(name, dup.span, dup.first_span, first_file),
                None => errors::duplicate_main(dup.span, dup.first_span, first_file),
            }
        })
        .collect()
}
