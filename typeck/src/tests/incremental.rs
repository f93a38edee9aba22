//! Which queries re-execute after an edit, read from salsa's event log: an
//! edit inside one method body, whether or not it changes the body's length,
//! must re-run the checking of that body only (spans are anchored: see
//! `ownc_lang::anchor`), and diagnostics after it must still point at the
//! right place.

use crate::{body_node, check_program, BodyKey, Database, Program, SourceFile};
use salsa::plumbing::AsId;
use salsa::{Database as _, DatabaseKeyIndex, EventKind, Setter};
use std::sync::{Arc, Mutex};

const SHAPES: &str = "\
class Shape<o> {
    int sides;
    int area() { return sides * 10; }
    int perimeter() { return sides * 2; }
}
";

const MAIN: &str = "\
class Box<o> {
    Shape<o> inner;
    int size() { return inner.area(); }
}
main {
    Box<heap> b = new Box<heap>();
    print(b.size());
}
";

/// A database that records every query execution.
struct Recorder {
    db: Database,
    log: Arc<Mutex<Vec<DatabaseKeyIndex>>>,
}

impl Recorder {
    fn new() -> Recorder {
        let log: Arc<Mutex<Vec<DatabaseKeyIndex>>> = Arc::default();
        let sink = log.clone();
        let db = Database::with_event_callback(move |event| {
            if let EventKind::WillExecute { database_key } = event.kind {
                if let Ok(mut log) = sink.lock() {
                    log.push(database_key);
                }
            }
        });
        Recorder { db, log }
    }

    /// The executions since the last call, as (query name, key).
    fn take(&self) -> Vec<(String, salsa::Id)> {
        let keys = match self.log.lock() {
            Ok(mut log) => std::mem::take(&mut *log),
            Err(_) => Vec::new(),
        };
        keys.into_iter()
            .map(|k| {
                let name = self.db.ingredient_debug_name(k.ingredient_index());
                (name.to_string(), k.key_index())
            })
            .collect()
    }
}

fn count(log: &[(String, salsa::Id)], query: &str) -> usize {
    keys(log, query).len()
}

/// The keys `query` was executed for, in order.
fn keys(log: &[(String, salsa::Id)], query: &str) -> Vec<salsa::Id> {
    log.iter()
        .filter(|(name, _)| name == query)
        .map(|(_, id)| *id)
        .collect()
}

/// The key of the per-body query for the body at `index`, `member` (the
/// body's tracked struct), if there is such a body.
fn body_id(
    db: &Database,
    program: Program,
    file: SourceFile,
    index: u32,
    member: Option<u32>,
) -> Option<salsa::Id> {
    body_node(db, BodyKey::at(db, program, file, index, member)).map(|node| node.as_id())
}

/// The two files and their program, checked once (clean).
fn checked_program(db: &Database) -> (SourceFile, Program) {
    let shapes = SourceFile::create(db, "shapes.own", SHAPES);
    let main = SourceFile::create(db, "main.own", MAIN);
    let program = Program::new(db, vec![shapes, main]);
    assert_eq!(codes(db, program), [Vec::<&str>::new(), Vec::new()]);
    (shapes, program)
}

fn codes(db: &Database, program: Program) -> Vec<Vec<&'static str>> {
    check_program(db, program)
        .into_iter()
        .map(|f| f.diagnostics.iter().map(|d| d.code.as_str()).collect())
        .collect()
}

#[test]
fn editing_one_body_rechecks_only_that_body() {
    let mut r = Recorder::new();
    let (shapes, program) = checked_program(&r.db);
    let first = r.take();
    // area, perimeter, size and main: four bodies, two class signatures.
    assert_eq!(count(&first, "check_body"), 4, "{first:?}");
    assert_eq!(count(&first, "class_signature"), 2, "{first:?}");

    // Same length: `10` becomes `11` in `area`.
    let edited = SHAPES.replace("sides * 10", "sides * 11");
    assert_eq!(edited.len(), SHAPES.len());
    shapes.set_text(&mut r.db).to(edited.into());
    assert_eq!(codes(&r.db, program), [Vec::<&str>::new(), Vec::new()]);
    let second = r.take();

    let area = body_id(&r.db, program, shapes, 0, Some(1));
    let bodies = keys(&second, "check_body");
    assert_eq!(
        bodies.into_iter().map(Some).collect::<Vec<_>>(),
        [area],
        "{second:?}"
    );
    assert_eq!(count(&second, "class_signature"), 0, "{second:?}");
    assert_eq!(count(&second, "item_diagnostics"), 0, "{second:?}");
    // The edited file is parsed again, the other one is not; its
    // declarations are listed again, unchanged, so the program's index is
    // not rebuilt.
    assert_eq!(count(&second, "parse_file"), 1, "{second:?}");
    assert_eq!(count(&second, "file_items"), 1, "{second:?}");
    assert_eq!(count(&second, "item_index"), 0, "{second:?}");
}

/// The text a diagnostic's primary span covers.
fn reported_text(db: &Database, program: Program, file: usize, text: &str) -> Vec<String> {
    check_program(db, program)
        .get(file)
        .map(|f| {
            f.diagnostics
                .iter()
                .map(|d| text.get(d.primary.span.range()).unwrap_or("?").to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_longer_body_rechecks_only_that_body_and_later_spans_follow() {
    let mut r = Recorder::new();
    let (shapes, program) = checked_program(&r.db);
    // An unknown variable in `perimeter`, after `area`.
    let broken = SHAPES.replace("sides * 2", "sidez * 2");
    shapes.set_text(&mut r.db).to(broken.clone().into());
    assert_eq!(reported_text(&r.db, program, 0, &broken), ["sidez"]);
    r.take();

    // `area` grows by two lines: `perimeter` moves down and right.
    let longer = broken.replace(
        "int area() { return sides * 10; }",
        "int area() {\n        int twice = sides * 2;\n        return twice * 5;\n    }",
    );
    assert!(longer.len() > broken.len());
    shapes.set_text(&mut r.db).to(longer.clone().into());
    assert_eq!(reported_text(&r.db, program, 0, &longer), ["sidez"]);
    let log = r.take();

    let area = body_id(&r.db, program, shapes, 0, Some(1));
    let bodies = keys(&log, "check_body");
    assert_eq!(
        bodies.into_iter().map(Some).collect::<Vec<_>>(),
        [area],
        "{log:?}"
    );
    assert_eq!(count(&log, "class_signature"), 0, "{log:?}");
    assert_eq!(count(&log, "item_diagnostics"), 0, "{log:?}");
    assert_eq!(count(&log, "item_index"), 0, "{log:?}");
}

#[test]
fn an_edit_that_breaks_a_body_is_reported_after_the_edit() {
    let mut db = Database::default();
    let (shapes, program) = checked_program(&db);
    // `sides` becomes `sidez` in `perimeter`: an unknown variable.
    shapes
        .set_text(&mut db)
        .to(SHAPES.replace("sides * 2", "sidez * 2").into());
    assert_eq!(codes(&db, program), [vec!["E0107"], Vec::new()]);
}

#[test]
fn a_database_for_one_check_answers_edits_too() {
    // Its chunks share the file's text; an edit must still be seen.
    let mut db = Database::for_one_check();
    let (shapes, program) = checked_program(&db);
    assert_eq!(codes(&db, program), [Vec::<&str>::new(), Vec::new()]);
    shapes
        .set_text(&mut db)
        .to(SHAPES.replace("sides * 2", "sidez * 2").into());
    assert_eq!(codes(&db, program), [vec!["E0107"], Vec::new()]);
    shapes.set_text(&mut db).to(SHAPES.into());
    assert_eq!(codes(&db, program), [Vec::<&str>::new(), Vec::new()]);
}

#[test]
fn editing_a_signature_rechecks_its_users() {
    let mut r = Recorder::new();
    let (shapes, program) = checked_program(&r.db);
    r.take();
    // Same length: `area` becomes `aria`, so `inner.area()` in main.own no
    // longer resolves.
    shapes
        .set_text(&mut r.db)
        .to(SHAPES.replace("int area()", "int aria()").into());
    assert_eq!(codes(&r.db, program), [Vec::<&str>::new(), vec!["E0105"]]);
    let log = r.take();
    assert_eq!(count(&log, "class_signature"), 1, "{log:?}");
    // main.own's `size` reads Shape's signature and re-runs.
    assert!(count(&log, "check_body") >= 1, "{log:?}");
}

const CHANNELS: &str = "\
message Req;
message Ack;
contract Service {
    initial state idle { !Req -> busy; }
    final state busy { ?Ack -> idle; }
}
contract Stream {
    initial final state go { !Req -> go; }
}
class Worker<o> {
    int step() { return 1; }
}
";

#[test]
fn contracts_are_checked_one_by_one_and_not_after_a_body_edit() {
    let mut r = Recorder::new();
    let file = SourceFile::create(&r.db, "channels.own", CHANNELS);
    let program = Program::new(&r.db, vec![file]);
    assert_eq!(codes(&r.db, program), [vec!["E0706"]]);
    let first = r.take();
    assert_eq!(count(&first, "contract_diagnostics"), 2, "{first:?}");

    // A same-length edit of a method body: no contract is checked again.
    file.set_text(&mut r.db)
        .to(CHANNELS.replace("return 1;", "return 2;").into());
    assert_eq!(codes(&r.db, program), [vec!["E0706"]]);
    let second = r.take();
    assert_eq!(count(&second, "contract_diagnostics"), 0, "{second:?}");

    // A same-length edit of `Stream` (its self-loop becomes blanks): only
    // `Stream` is checked again, and its error is gone.
    file.set_text(&mut r.db)
        .to(CHANNELS.replace("!Req -> go;", "           ").into());
    assert_eq!(codes(&r.db, program), [Vec::<&str>::new()]);
    let third = r.take();
    assert_eq!(count(&third, "contract_diagnostics"), 1, "{third:?}");
}

const FLOW: &str = "\
message Ping(int);
message Stop(chan<Talk@end>);
contract Talk {
    initial state on { !Ping -> on; !Stop -> end; }
    final state end { }
}
class Speaker<o> {
    void talk(chan<Talk> c) { send(c, Ping(1)); send(c, Stop(c)); }
    void hear(chan<~Talk> s) {
        while (true) {
            switch receive (s) {
                Ping(n) => { print(n); }
                Stop(c) => { close(c, s); return; }
            }
        }
    }
}
";

#[test]
fn editing_one_body_reruns_its_flow_check_only() {
    let mut r = Recorder::new();
    let file = SourceFile::create(&r.db, "flow.own", FLOW);
    let program = Program::new(&r.db, vec![file]);
    assert_eq!(codes(&r.db, program), [Vec::<&str>::new()]);
    let first = r.take();
    assert_eq!(count(&first, "check_body"), 2, "{first:?}");
    assert_eq!(count(&first, "protocol"), 1, "{first:?}");

    // Same length: `Ping(1)` becomes `Ping(2)` in `talk`.
    file.set_text(&mut r.db)
        .to(FLOW.replace("Ping(1)", "Ping(2)").into());
    assert_eq!(codes(&r.db, program), [Vec::<&str>::new()]);
    let second = r.take();
    let talk = body_id(&r.db, program, file, 3, Some(0));
    let flows = keys(&second, "check_body");
    assert_eq!(
        flows.into_iter().map(Some).collect::<Vec<_>>(),
        [talk],
        "{second:?}"
    );
    assert_eq!(count(&second, "protocol"), 0, "{second:?}");
    assert_eq!(count(&second, "message_payload"), 0, "{second:?}");

    // A mistake in that body is reported after the edit: a second `Stop`.
    file.set_text(&mut r.db).to(FLOW
        .replace("send(c, Ping(1));", "send(c, Stop(c)) ;")
        .into());
    assert_eq!(codes(&r.db, program), [vec!["E0601"]]);
}

/// One file of several declarations: it is parsed chunk by chunk (one
/// declaration each), so an edit re-parses one chunk and makes one
/// chunk's nodes again.
const SEVERAL: &str = "\
class A<o> { int f; int get() { return f + 1; } }
// A comment between two declarations.
class B<o> { A<o> a; int get() { return a.get() * 2; } }
class C<o> { B<o> b; int get() { return b.get() - 3; } }
main {
    C<heap> c = new C<heap>();
    print(c.get());
}
";

#[test]
fn an_edit_in_one_declaration_reparses_that_declaration_only() {
    let mut r = Recorder::new();
    let file = SourceFile::create(&r.db, "several.own", SEVERAL);
    let program = Program::new(&r.db, vec![file]);
    assert_eq!(codes(&r.db, program), [Vec::<&str>::new()]);
    let first = r.take();
    assert_eq!(count(&first, "parse_chunk"), 4, "{first:?}");
    assert_eq!(count(&first, "chunk_nodes"), 4, "{first:?}");

    // `b.get() - 3` becomes `b.get() - 30` in C: a longer body.
    let edited = SEVERAL.replace("- 3;", "- 30;");
    file.set_text(&mut r.db).to(edited.into());
    assert_eq!(codes(&r.db, program), [Vec::<&str>::new()]);
    let second = r.take();
    assert_eq!(count(&second, "parse_chunk"), 1, "{second:?}");
    assert_eq!(count(&second, "chunk_nodes"), 1, "{second:?}");
    let get_of_c = body_id(&r.db, program, file, 2, Some(1));
    let bodies = keys(&second, "check_body");
    assert_eq!(
        bodies.into_iter().map(Some).collect::<Vec<_>>(),
        [get_of_c],
        "{second:?}"
    );
    assert_eq!(count(&second, "class_signature"), 0, "{second:?}");
}

#[test]
fn a_syntax_error_that_comes_and_goes_rechecks_its_body_only() {
    let mut r = Recorder::new();
    let file = SourceFile::create(&r.db, "several.own", SEVERAL);
    let program = Program::new(&r.db, vec![file]);
    assert_eq!(codes(&r.db, program), [Vec::<&str>::new()]);
    r.take();
    let get_of_b = body_id(&r.db, program, file, 1, Some(1));

    // A missing `;` in B's method: the file is parsed whole, with its
    // error; the other declarations' bodies are equal, and not checked
    // again.
    let broken = SEVERAL.replace("a.get() * 2;", "a.get() * 2");
    file.set_text(&mut r.db).to(broken.into());
    assert_eq!(codes(&r.db, program), [vec!["E0001"]]);
    let log = r.take();
    let bodies = keys(&log, "check_body");
    assert_eq!(
        bodies.into_iter().map(Some).collect::<Vec<_>>(),
        [get_of_b],
        "{log:?}"
    );

    // Mended: chunk by chunk again, the same nodes.
    file.set_text(&mut r.db).to(SEVERAL.into());
    assert_eq!(codes(&r.db, program), [Vec::<&str>::new()]);
    let log = r.take();
    assert_eq!(body_id(&r.db, program, file, 1, Some(1)), get_of_b);
    let bodies = keys(&log, "check_body");
    assert_eq!(
        bodies.into_iter().map(Some).collect::<Vec<_>>(),
        [get_of_b],
        "{log:?}"
    );
    assert_eq!(count(&log, "class_signature"), 0, "{log:?}");
}
