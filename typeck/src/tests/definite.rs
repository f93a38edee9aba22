//! Definite assignment (E0112), missing returns (E0111) and rref fields
//! (E0603): the cases the UI suite does not show line by line (syntax
//! errors, a `continue` into a `for` step, the wording) and which queries
//! re-run after an edit.

use super::{check, messages};
use crate::{body_node, check_program, BodyKey, Database, Program, SourceFile};
use salsa::plumbing::AsId;
use salsa::{Database as _, DatabaseKeyIndex, EventKind, Setter};
use std::sync::{Arc, Mutex};

#[test]
fn a_continue_reaches_the_step_of_a_for_loop() {
    let text = "
class A<o> {
    void f(int n, bool c) {
        int x;
        for (int i = 0; i < n; i += x) {
            if (c) {
                continue;
            }
            x = 1;
        }
    }
}
";
    assert_eq!(check(text), ["E0112@5"]);
    // Without the `continue`, the body assigns before every step.
    assert_eq!(
        check(&text.replace("continue;", "n = 0;")),
        Vec::<String>::new()
    );
}

#[test]
fn nothing_after_a_syntax_error_is_unassigned_or_missing_a_return() {
    let text = "
class A<o> {
    int f() {
        int x;
        x = ;
        print(x);
    }
    int g(bool c) {
        int y;
        print(y);
        if (c) { int = 1; }
    }
}
";
    // `g` reads `y` before its syntax error: still reported.
    assert_eq!(check(text), ["E0001@5", "E0112@10", "E0001@11"]);
}

#[test]
fn errors_name_the_local_and_the_method() {
    let text = "
class A<o> {
    int f() { int x; return x; }
}
rref class P { Object<heap> o; }
class Object<o> { }
";
    assert_eq!(
        messages(text),
        [
            "E0112: `x` is read before it is definitely assigned (help: assign `x` on every path before this read, or give it an initial value)",
            "E0603: field `o` of rref class `P` has a type an rref value cannot hold (help: make the field's class an `rref class`, or keep the object outside the rref)",
        ]
    );
    assert_eq!(
        messages("class A<o> { int f() { } }"),
        ["E0111: missing return in `f` (help: end every path through the body with `return` and a value)"]
    );
}

#[test]
fn a_void_method_a_constructor_and_main_need_no_return() {
    let text = "
class A<o> {
    int n;
    A() { n = 1; }
    void f() { n = 2; }
}
main { print(1); }
";
    assert_eq!(check(text), Vec::<String>::new());
    // A misspelt `void` is an unknown class, not also a missing return.
    assert_eq!(check("class A<o> { vod f() { } }"), ["E0101@1"]);
}

#[test]
fn rref_fields_leave_endpoints_and_unknown_types_to_their_own_errors() {
    let text = "
message M;
contract C { initial final state s { !M -> s; ?M -> s; } }
rref class P {
    chan<C> endpoint;
    Missing m;
    Missing[] ms;
}
";
    // Endpoint fields are the channel rules' (E0707); `Missing` is E0101.
    let codes = check(text);
    assert!(codes.iter().all(|c| !c.starts_with("E0603")), "{codes:?}");
    assert!(codes.contains(&"E0101@6".to_string()), "{codes:?}");
}

const PROGRAM: &str = "\
rref class P { int len; }
class A<o> {
    int f() { int x; x = 1; return x; }
    int g() { return 10; }
}
";

/// The keys `query` was executed for since the last call.
fn executed(db: &Database, log: &Mutex<Vec<DatabaseKeyIndex>>, query: &str) -> Vec<salsa::Id> {
    let keys = log
        .lock()
        .map(|mut log| std::mem::take(&mut *log))
        .unwrap_or_default();
    keys.into_iter()
        .filter(|k| db.ingredient_debug_name(k.ingredient_index()) == query)
        .map(|k| k.key_index())
        .collect()
}

#[test]
fn editing_one_body_rechecks_the_flow_of_that_body_only() {
    let log: Arc<Mutex<Vec<DatabaseKeyIndex>>> = Arc::default();
    let sink = log.clone();
    let mut db = Database::with_event_callback(move |event| {
        if let EventKind::WillExecute { database_key } = event.kind {
            if let Ok(mut log) = sink.lock() {
                log.push(database_key);
            }
        }
    });
    let file = SourceFile::create(&db, "p.own", PROGRAM);
    let program = Program::new(&db, vec![file]);
    assert!(check_program(&db, program)[0].diagnostics.is_empty());
    // Once per body (`f`, `g`).
    assert_eq!(executed(&db, &log, "check_body").len(), 2);

    // Same length: `10` becomes `11` in `g`.
    file.set_text(&mut db)
        .to(PROGRAM.replace("10", "11").into());
    assert!(check_program(&db, program)[0].diagnostics.is_empty());
    let g = body_node(&db, BodyKey::at(&db, program, file, 1, Some(1))).map(|node| node.as_id());
    let bodies: Vec<_> = executed(&db, &log, "check_body")
        .into_iter()
        .map(Some)
        .collect();
    assert_eq!(bodies, [g]);

    // An edit of a body re-checks no class's fields.
    file.set_text(&mut db)
        .to(PROGRAM.replace("10", "12").into());
    assert!(check_program(&db, program)[0].diagnostics.is_empty());
    assert_eq!(executed(&db, &log, "item_diagnostics"), []);

    // A same-length edit of the rref class's field re-checks that class.
    file.set_text(&mut db)
        .to(PROGRAM.replace("int len;", "int[] l;").into());
    assert!(check_program(&db, program)[0].diagnostics.is_empty());
    let p = crate::file_nodes(&db, program, file).items()[0].as_id();
    assert_eq!(executed(&db, &log, "item_diagnostics"), [p]);
}
