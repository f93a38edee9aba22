//! Projections of a file's syntax tree onto one declaration or one body.
//! They are the firewall of incrementality: each re-runs whenever its file
//! is re-parsed, but its result changes only when its own part of the file
//! does, so salsa backdates it and the queries above it stay valid.
//!
//! The tree's spans are anchored (relative to their declaration or member,
//! see `ownc_lang::anchor`), so an edit inside one body, even one that
//! changes its length, leaves every other projection equal. Spans that
//! would cover a body (a class's, a method's, `main`'s) are emptied in the
//! outline, since their ends move with every edit of the body.

use crate::db::{
    chunk_firsts, chunk_list, chunks_parse, parse_chunk, parse_file, Chunk, Db, Program,
};
use crate::ids::{BodyKey, ItemId};
use ownc_lang::ast::Name;
use ownc_lang::ast::{
    Block, ClassDecl, ConstructorDecl, Item, MainDecl, Member, MethodDecl, RegionKindMember,
};
use ownc_lang::token::Token;
use ownc_lang::{ParsedFile, Span};
use std::sync::Arc;

/// A declaration without its bodies, and whether the parser reported an
/// error inside it (then recovery may have dropped members, and a missing
/// member is not reported: it may be the one that did not parse).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Outline {
    pub item: Item,
    pub has_syntax_errors: bool,
}

/// One body's block, and where the parser first reported an error inside
/// it: a declaration may have been dropped there, so an unknown variable
/// used after that point is not reported if the statement that did not
/// parse names it (it may have declared it); one used before, or one the
/// broken statements never name, still is.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct BodySyntax {
    /// Shared with the file's tree: handing it out copies nothing.
    pub block: Arc<Block>,
    pub first_syntax_error: Option<u32>,
    /// Every identifier written in a statement of the body that holds a
    /// syntax error (see `broken_names_in`); empty without errors.
    pub broken_names: Vec<Name>,
}

/// One declaration of a file as salsa tracks it: its outline is a field
/// of its own, compared with the previous one whenever the file is parsed
/// again.
///
/// The declaration's key, an untracked field, is the struct's identity:
/// salsa finds the struct to update by the hash of its untracked fields,
/// and structs with equal hashes share one probe chain, which made a file
/// of many declarations quadratic. Holding the key, interned once here,
/// spares the gathering of a file's diagnostics interning it again.
#[salsa::tracked(debug)]
pub struct ItemNode<'db> {
    #[returns(copy)]
    pub item: ItemId<'db>,
    #[tracked]
    #[returns(ref)]
    pub outline: Outline,
}

/// One body of a file as salsa tracks it (see [`ItemNode`]); `member` is
/// `None` for `main`'s body. The per-body query is keyed by it, so a
/// body's check reads its block as a field, with no key to intern and no
/// lookup by position.
#[salsa::tracked(debug)]
pub struct BodyNode<'db> {
    #[returns(copy)]
    pub item: ItemId<'db>,
    #[returns(copy)]
    pub member: Option<u32>,
    #[tracked]
    #[returns(ref)]
    pub syntax: BodySyntax,
}

impl<'db> BodyNode<'db> {
    /// The body's position, as plain data.
    pub fn key(self, db: &'db dyn Db) -> BodyKey<'db> {
        BodyKey {
            item: self.item(db),
            member: self.member(db),
        }
    }
}

/// A file's declarations and bodies, by position (or one chunk's).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, salsa::SalsaValue)]
pub struct FileNodes<'db> {
    items: Vec<ItemNode<'db>>,
    /// Per declaration, per member: the member's body (`None` for a
    /// field); a `main` block's body is its only entry.
    bodies: Vec<Vec<Option<BodyNode<'db>>>>,
}

impl<'db> FileNodes<'db> {
    /// The file's declarations, in order.
    pub fn items(&self) -> &[ItemNode<'db>] {
        &self.items
    }

    /// The bodies of the `index`-th declaration, per member (`None` for a
    /// field); `main`'s body is its only entry.
    pub fn bodies_of(&self, index: usize) -> &[Option<BodyNode<'db>>] {
        self.bodies.get(index).map_or(&[], Vec::as_slice)
    }
}

/// Every declaration's outline and every body's block of one file of
/// `program`, each a field of a tracked struct: the chunks' nodes, one
/// after the other.
///
/// ## Why is this a salsa query?
/// It is the firewall of incrementality: re-run whenever its file changes,
/// it only lists the nodes of [`chunk_nodes`], which re-run only for the
/// chunk that changed; so it costs a copy of ids, and its result is equal
/// to the last one unless a declaration or body was added or removed.
///
/// ## Why keyed by the program too?
/// Each node holds its declaration's key, which names the program.
#[salsa::tracked(returns(ref))]
pub fn file_nodes<'db>(
    db: &'db dyn Db,
    program: Program,
    file: crate::db::SourceFile,
) -> FileNodes<'db> {
    let chunks = chunk_list(db, file);
    let mut nodes = FileNodes::default();
    for &chunk in chunks {
        let part = chunk_nodes(db, program, chunk);
        nodes.items.extend_from_slice(&part.items);
        nodes.bodies.extend(part.bodies.iter().cloned());
    }
    nodes
}

/// The declarations and bodies of one chunk of a file: those the chunk's
/// own parse holds, or, when the file is parsed whole (it has a syntax
/// error), those of the whole parse that start in the chunk.
///
/// ## Why is this a salsa query, and why tracked structs?
/// The structs are made here, per chunk, so that after an edit only the
/// edited chunk's are made again; the others' queries read nothing that
/// changed (their chunk's parse, the file's mode, their first position).
/// Salsa compares each outline and each block with the one its struct had,
/// and keeps the revision of those that are equal: a query that read an
/// unchanged outline or block is not re-run. The structs are made here in
/// either mode, so they keep their identity, and their memos, when a
/// syntax error comes or goes.
#[salsa::tracked(returns(ref))]
pub fn chunk_nodes<'db>(db: &'db dyn Db, program: Program, chunk: Chunk<'db>) -> FileNodes<'db> {
    let file = chunk.file(db);
    let number = chunk.number(db) as usize;
    let firsts = chunk_firsts(db, file);
    let first = firsts.get(number).copied().unwrap_or(0);
    let mut nodes = FileNodes::default();
    if chunks_parse(db, file) {
        if let Some(part) = parse_chunk(db, chunk) {
            for (index, found) in (first..).zip(&part.items) {
                add_item(
                    db,
                    &mut nodes,
                    ItemId::new(db, program, file, index),
                    found,
                    None,
                );
            }
        }
    } else {
        let end = firsts.get(number + 1).copied().unwrap_or(first);
        let parsed = parse_file(db, file);
        let whole = Some((parsed, file.text(db).as_ref()));
        let found = parsed.items().skip(first as usize);
        for (index, found) in (first..end).zip(found) {
            add_item(
                db,
                &mut nodes,
                ItemId::new(db, program, file, index),
                found,
                whole,
            );
        }
    }
    nodes
}

/// The whole parse of a file with syntax errors, and its text: what an
/// outline and a body need to know of the errors.
type Whole<'a> = Option<(&'a ParsedFile, &'a str)>;

/// Makes the nodes of one declaration.
fn add_item<'db>(
    db: &'db dyn Db,
    nodes: &mut FileNodes<'db>,
    item: ItemId<'db>,
    found: &Item,
    whole: Whole<'_>,
) {
    nodes
        .items
        .push(ItemNode::new(db, item, outline(whole, found)));
    let body = |member: Option<u32>, block: &Arc<Block>| {
        Some(new_body_node(db, whole, item, member, block))
    };
    let blocks: Vec<Option<BodyNode<'db>>> = match found {
        Item::Main(main) => vec![body(None, &main.body)],
        Item::Class(class) => (0u32..)
            .zip(&class.members)
            .map(|(member, found)| match found {
                Member::Method(m) => body(Some(member), &m.body),
                Member::Constructor(c) => body(Some(member), &c.body),
                Member::Field(_) => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    nodes.bodies.push(blocks);
}

/// The declaration without its bodies: a class keeps its header, fields and
/// method signatures; other declarations are kept whole (they have no
/// bodies); `main` keeps only its span. `None` if the key no longer names
/// a declaration.
///
/// Signature queries read the declaration through it instead of the file's
/// tree, so editing a method body (which leaves the outline equal) does not
/// re-run any signature query.
pub fn item_outline<'db>(db: &'db dyn Db, item: ItemId<'db>) -> Option<&'db Outline> {
    let nodes = file_nodes(db, item.program(db), item.file(db));
    let node = nodes.items.get(item.index(db) as usize)?;
    Some(node.outline(db))
}

/// The tracked struct of one body, or `None` if the key no longer names a
/// body.
pub fn body_node<'db>(db: &'db dyn Db, body: BodyKey<'db>) -> Option<BodyNode<'db>> {
    let item = body.item;
    let nodes = file_nodes(db, item.program(db), item.file(db));
    let index = item.index(db) as usize;
    let blocks = nodes.bodies_of(index);
    match body.member {
        Some(member) => *blocks.get(member as usize)?,
        // `main`'s body; a class has no body without a member.
        None => blocks
            .first()
            .copied()
            .flatten()
            .filter(|node| node.member(db).is_none()),
    }
}

/// The block of one body, or `None` if the key no longer names a body
/// (the per-body query reads it from its [`BodyNode`] instead).
pub fn body_block<'db>(db: &'db dyn Db, body: BodyKey<'db>) -> Option<&'db BodySyntax> {
    Some(body_node(db, body)?.syntax(db))
}

fn outline(whole: Whole<'_>, found: &Item) -> Outline {
    let item = match found {
        Item::Class(class) => Item::Class(outline_class(class)),
        Item::Main(main) => Item::Main(MainDecl {
            body: empty_block(),
            span: collapsed(main.span),
        }),
        other => other.clone(),
    };
    Outline {
        has_syntax_errors: whole.is_some_and(|(parsed, _)| has_member_level_errors(parsed, found)),
        item,
    }
}

fn new_body_node<'db>(
    db: &'db dyn Db,
    whole: Whole<'_>,
    item: ItemId<'db>,
    member: Option<u32>,
    block: &Arc<Block>,
) -> BodyNode<'db> {
    let (mut first_syntax_error, mut broken_names) = (None, Vec::new());
    if let Some((parsed, text)) = whole {
        // Syntax errors are absolute; the body's first is kept relative to
        // the body's anchor, like the spans it is compared with.
        let span = parsed.anchors.absolute(block.span);
        first_syntax_error = errors_within(parsed, span)
            .next()
            .map(|at| at.saturating_sub(parsed.anchors.base(block.span.anchor)));
        if first_syntax_error.is_some() {
            broken_names = broken_names_in(text, span, errors_within(parsed, span));
        }
    }
    BodyNode::new(
        db,
        item,
        member,
        BodySyntax {
            block: block.clone(),
            first_syntax_error,
            broken_names,
        },
    )
}

/// The identifiers written in the statements of `body` (absolute) that
/// hold the syntax errors at `errors`: for each error, the text from the
/// `;`, `{` or `}` before it to the `;` or `}` after it. Recovery may have
/// dropped such a statement, and with it a declaration of one of these
/// names; a name none of them writes was declared nowhere in the body.
fn broken_names_in(text: &str, body: Span, errors: impl Iterator<Item = u32>) -> Vec<Name> {
    let bytes = text.as_bytes();
    let (start, end) = (body.start as usize, (body.end as usize).min(bytes.len()));
    let mut names: Vec<Name> = Vec::new();
    for at in errors {
        let at = (at as usize).clamp(start, end);
        let from = bytes
            .get(start..at)
            .and_then(|before| before.iter().rposition(|b| matches!(b, b';' | b'{' | b'}')))
            .map_or(start, |i| start + i + 1);
        // An error at the end of its line is something missing there (a
        // `;`): the parser kept the statement before it, and the next line
        // is another statement, read as written.
        let rest_of_line = text
            .get(at..end)
            .and_then(|r| r.lines().next())
            .unwrap_or("");
        let at_line_end = {
            let rest = rest_of_line.trim_start();
            rest.is_empty() || rest.starts_with("//")
        };
        let to = if at_line_end {
            at
        } else {
            bytes
                .get(at..end)
                .and_then(|after| after.iter().position(|b| matches!(b, b';' | b'}')))
                .map_or(end, |i| at + i)
        };
        let Some(statement) = text.get(from..to) else {
            continue;
        };
        for (token, _) in ownc_lang::lexer::lex(statement).tokens() {
            if let Token::Ident(name) = token {
                if !names.iter().any(|n| n == name) {
                    names.push(Name::new(name));
                }
            }
        }
    }
    names
}

/// Whether `at` lies within `span`, its end included (a missing closing
/// brace is reported there).
fn within(span: Span, at: u32) -> bool {
    span.start <= at && at <= span.end
}

/// Where the syntax errors starting within `span` start, in order. The
/// parser returns its errors sorted by position, so this is a binary search
/// and not a scan: a file with many errors and many bodies stays linear.
fn errors_within(parsed: &ParsedFile, span: Span) -> impl Iterator<Item = u32> + '_ {
    let first = parsed
        .errors
        .partition_point(|e| e.span().start < span.start);
    parsed
        .errors
        .get(first..)
        .unwrap_or_default()
        .iter()
        .map(|e| e.span().start)
        .take_while(move |&at| within(span, at))
}

/// Whether the parser reported an error in the declaration outside its
/// bodies: only then may recovery have dropped a member (an error inside a
/// body never costs the class a member).
fn has_member_level_errors(parsed: &ParsedFile, item: &Item) -> bool {
    let absolute = |span| parsed.anchors.absolute(span);
    // The parser knows whether it dropped a member of a class; its other
    // errors among the members (a missing `;` after a field it kept, a
    // `void` field) cost the class nothing, nor do errors in a header it
    // recovered (it keeps every member; a broken `extends` makes the
    // superclass erroneous, and lookups through it unsure).
    if let Item::Class(class) = item {
        return class.lost_members;
    }
    // A region-kind member missing only its `;` is kept by the parser, and
    // the error stands right after its last token: it costs nothing either.
    if let Item::RegionKind(kind) = item {
        let kept_ends: Vec<u32> = kind
            .members
            .iter()
            .map(|m| match m {
                RegionKindMember::Portal { span, .. }
                | RegionKindMember::Subregion { span, .. } => absolute(*span).end,
            })
            .collect();
        return errors_within(parsed, absolute(kind.span)).any(|at| !kept_ends.contains(&at));
    }
    let bodies: Vec<Span> = match item {
        Item::Class(class) => class
            .members
            .iter()
            .filter_map(|m| match m {
                Member::Method(m) => Some(absolute(m.body.span)),
                Member::Constructor(c) => Some(absolute(c.body.span)),
                Member::Field(_) => None,
            })
            .collect(),
        Item::Main(main) => vec![absolute(main.body.span)],
        _ => Vec::new(),
    };
    errors_within(parsed, absolute(item.span())).any(|at| !bodies.iter().any(|b| within(*b, at)))
}

/// A class with every method and constructor body replaced by an empty
/// block, built without cloning the bodies.
fn outline_class(class: &ClassDecl) -> ClassDecl {
    let empty = empty_block();
    let members = class
        .members
        .iter()
        .map(|member| match member {
            Member::Field(f) => Member::Field(f.clone()),
            Member::Constructor(c) => Member::Constructor(Box::new(ConstructorDecl {
                name: c.name.clone(),
                params: c.params.clone(),
                body: empty.clone(),
                span: collapsed(c.span),
            })),
            Member::Method(m) => Member::Method(MethodDecl {
                header: m.header.clone(),
                body: empty.clone(),
                span: collapsed(m.span),
            }),
        })
        .collect();
    ClassDecl {
        is_rref: class.is_rref,
        name: class.name.clone(),
        formals: class.formals.clone(),
        extends: class.extends.clone(),
        where_clauses: class.where_clauses.clone(),
        members,
        lost_members: class.lost_members,
        lost_names: class.lost_names.clone(),
        span: collapsed(class.span),
    }
}

/// An empty span at the start of `span`: what an outline keeps of a span
/// that covers bodies.
fn collapsed(span: Span) -> Span {
    span.with_range(span.start, span.start)
}

/// A body-less placeholder. Its span is empty so that the outline does not
/// depend on where the body ended.
fn empty_block() -> Arc<Block> {
    Arc::new(Block {
        stmts: Vec::new(),
        span: Default::default(),
    })
}
