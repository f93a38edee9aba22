//! Name resolution: one test per rule, each with a valid program that must
//! check clean and a mistake that must be reported once, at its line.

use super::{check, check_files, messages};

const CLEAN: [&str; 0] = [];

const FIRST_PROGRAM: &str = r#"
class Data<o> { int v; }

class Node<n, d> {
    Node<n, d> next;
    Data<d> data;
}

class Stack<s, d> {
    Node<this, d> head;

    void push(Data<d> x) {
        Node<this, d> node = new Node<this, d>();
        node.data = x;
        node.next = head;
        head = node;
    }
    Data<d> pop() {
        Node<this, d> top = head;
        head = top.next;
        return top.data;
    }
}

main {
    region r1 {
        region r2 {
            Stack<r1, r1> s1 = new Stack<r1, r1>();
            Stack<r2, r1> s2 = new Stack<r2, r1>();
            Stack<r1, r2> s3;
            s2.push(new Data<r1>());
            print(s2.pop().v);
        }
    }
}
"#;

/// Every name of §1 resolves; the one error is the owner order of `s3`
/// (E0201), which §1 itself marks.
#[test]
fn first_program_resolves() {
    assert_eq!(check(FIRST_PROGRAM), ["E0201@30"]);
}

// ------------------------------------------------------------ E0101

#[test]
fn unknown_class_in_types_new_and_extends() {
    let src = "\
class A<o> extends Base<o> { }
class B<o> {
    Nod<o> f;
    void m() { var x = new Strange<o>(); }
}
main { Gone g; }
";
    assert_eq!(check(src), ["E0101@1", "E0101@3", "E0101@4", "E0101@6"]);
}

#[test]
fn classes_are_found_in_any_order() {
    let src = "\
main { Later<heap> x = new Later<heap>(); print(x.v); }
class Later<o> extends Earlier<o> { }
class Earlier<o> { int v; }
";
    assert_eq!(check(src), CLEAN);
}

#[test]
fn a_message_is_not_a_class() {
    let src = "\
message Req;
main { Req r; }
";
    assert_eq!(check(src), ["E0101@2"]);
    assert_eq!(messages(src), ["E0101: `Req` is a message, not a class"]);
}

#[test]
fn unknown_class_suggests_a_close_name() {
    let src = "class Stack<o> { }\nmain { Stak<heap> s; }\n";
    assert_eq!(
        messages(src),
        ["E0101: unknown class `Stak` (help: did you mean `Stack`?)"]
    );
}

#[test]
fn unknown_region_kind_message_and_contract_names() {
    let src = "\
regionkind Box extends Shared { subregion Nothing inner; }
message M(chan<Nope>);
contract C { initial state s { !Missing -> t; } final state t { } }
class K<Mailbox m> { }
main {
    region r : Mailbox { }
    var (a, b) = open Absent;
}
";
    assert_eq!(
        check(src),
        ["E0101@1", "E0101@2", "E0101@3", "E0101@4", "E0101@6", "E0101@7"]
    );
}

#[test]
fn an_unknown_class_reports_once_not_at_every_use() {
    let src = "\
main {
    Missing<heap> m = null;
    m.f = 1;
    m.g(2);
    print(m.h.i);
}
";
    assert_eq!(check(src), ["E0101@2"]);
}

// ------------------------------------------------------------ E0102

#[test]
fn owners_in_scope_everywhere_they_may_be_written() {
    let src = "\
class D<o> { }
class C<o, p> where p outlives o {
    D<this> mine;
    D<heap> h;
    D<immortal> i;
    D<p> shared;
    D<q> pick<q>(D<q> x, Handle<q> hq) accesses q, o where q outlives o {
        region r { D<r> local = new D<r>(); D<q> same = x; }
        return x;
    }
}
regionkind K extends Shared { portal D<this> p; portal D<heap> q; }
main { region r { D<r> x = new D<r>(); D<immortal> y = new D<immortal>(); } }
";
    assert_eq!(check(src), CLEAN);
}

#[test]
fn owner_not_in_scope() {
    let src = "\
class D<o> { }
class C<o> {
    D<q> f;
    void m() { D<r> x; }
    void n<q>() { }
    void k() accesses q { }
}
main {
    D<this> a;
    region r { }
    D<r> b;
}
regionkind K extends Shared { portal D<o> p; }
";
    assert_eq!(
        check(src),
        ["E0102@3", "E0102@4", "E0102@6", "E0102@9", "E0102@11", "E0102@13"]
    );
}

#[test]
fn owner_typo_is_suggested() {
    let src = "class D<o> { }\nclass C<owner> { D<ownr> f; }\n";
    let got = messages(src);
    assert_eq!(got.len(), 1);
    assert!(got[0].contains("owner `ownr` is not in scope"), "{got:?}");
    assert!(got[0].contains("did you mean `owner`?"), "{got:?}");
}

// ------------------------------------------------------------ E0103

#[test]
fn owner_counts_must_match() {
    let src = "\
class D<o> { }
class P<a, b> { }
rref class Packet { int n; }
class C<o> extends P<o> {
    D<o, o> f;
    P<o, o> ok;
    Packet<o> p;
    D bare;
    void m() { var x = new P<o>(); Packet q = new Packet(); }
}
";
    assert_eq!(check(src), ["E0103@4", "E0103@5", "E0103@7", "E0103@9"]);
}

#[test]
fn superclass_owners_are_written_out() {
    let src = "class A<o> { }\nclass B<o> extends A { }\nclass C<o> extends A<o> { }\n";
    assert_eq!(check(src), ["E0103@2"]);
}

#[test]
fn method_owner_arguments_match_the_formals() {
    let src = "\
class C<o> {
    void two<a, b>() { }
    void m() { this.two<o, o>(); two<o>(); this.two(); }
}
";
    // `this.two()` infers nothing for `a` and `b` (E0207).
    assert_eq!(check(src), ["E0103@3", "E0207@3"]);
}

// ------------------------------------------------------------ E0104

#[test]
fn fields_are_found_through_receivers_and_inheritance() {
    let src = "\
rref class Packet { int len; int[] bytes; Packet next; }
class Base<o> { int b; }
class Derived<o> extends Base<o> {
    int d;
    Derived<o> other;
    Packet p;
    int sum() { return b + d + this.b + other.other.d + p.next.len + p.bytes.length; }
}
main {
    Derived<heap> x = new Derived<heap>();
    var y = x.other;
    print(x.b, y.d, new Derived<heap>().d);
}
";
    assert_eq!(check(src), CLEAN);
}

#[test]
fn unknown_field() {
    let src = "\
class C<o> {
    int value;
    C<o> next;
    void m() { print(this.valeu); print(next.nope); }
}
main {
    int[]<heap> a = new int[]<heap>(3);
    print(a.size);
}
";
    assert_eq!(check(src), ["E0104@4", "E0104@4", "E0104@8"]);
    assert!(messages(src)[0].contains("did you mean `value`?"));
}

#[test]
fn no_member_errors_on_unknown_receivers() {
    // Classes whose superclass is unknown: nothing is sure about their
    // members. (A portal through the handle of an `Owner` formal, not known
    // to be a shared region, is E0501; a handle has no methods, E0105.)
    let src = "\
class C<o> extends Missing<o> {
    void m(Handle<o> h) { print(h.slot, this.inherited, inherited); h.go(); maybe(); }
}
";
    assert_eq!(check(src), ["E0101@1", "E0501@2", "E0105@2"]);
}

// ------------------------------------------------------------ E0105

#[test]
fn methods_builtins_and_inheritance() {
    let src = "\
class Base<o> { int get() { return 1; } }
class C<o> extends Base<o> {
    C<o> self() { return this; }
    float f(int x) { return sqrt(float(abs(min(x, max(x, 2))))); }
    int g() { return get() + this.get() + self().self().get(); }
}
main { print(sqrt(2.0), new C<heap>().g()); }
";
    assert_eq!(check(src), CLEAN);
}

#[test]
fn unknown_method() {
    let src = "\
class C<o> {
    void run() { }
    void m() { this.runn(); walk(); }
}
main {
    C<heap> c = new C<heap>();
    c.fly();
    squareroot(2.0);
    int[]<heap> a = new int[]<heap>(1);
    a.run();
}
";
    assert_eq!(
        check(src),
        ["E0105@3", "E0105@3", "E0105@7", "E0105@8", "E0105@10"]
    );
    assert!(messages(src)[0].contains("did you mean `run`?"));
}

// ------------------------------------------------------------ E0106

#[test]
fn duplicate_top_level_names_share_one_namespace() {
    let src = "\
class A<o> { }
message A;
contract A { initial final state s { } }
regionkind R extends Shared { }
rref class R { }
main { }
main { }
";
    assert_eq!(check(src), ["E0106@2", "E0106@3", "E0106@5", "E0106@7"]);
}

#[test]
fn duplicates_across_files_are_reported_in_the_second() {
    let got = check_files(&[
        ("a.own", "class A<o> { }\nmain { }\n"),
        ("b.own", "class B<o> { }\nclass A<o> { }\nmain { }\n"),
    ]);
    assert_eq!(
        got,
        [vec![], vec!["E0106@2".to_string(), "E0106@3".to_string()]]
    );
}

#[test]
fn duplicate_members_formals_and_params() {
    let src = "\
class C<o, o> {
    int x;
    int x;
    void m() { }
    int m() { return 1; }
    void n<a, a>(int p, int p) { }
    C() { }
    C() { }
    int x() { return x; }
}
";
    assert_eq!(
        check(src),
        ["E0106@1", "E0106@3", "E0106@5", "E0106@6", "E0106@6", "E0106@8"]
    );
}

#[test]
fn duplicate_locals_as_java_forbids() {
    let src = "\
class C<o> {
    int f;
    void m(int p) {
        int f = 1;
        int x = 0;
        { int x = 1; }
        int p = 2;
        for (int i = 0; i < 3; i += 1) { int i = 4; }
        region r { region r { } }
        var (a, a) = open K;
    }
}
contract K { initial final state s { } }
";
    // The channel's first endpoint is never closed: a leak of its own
    // (E0705 at the method's closing brace); the second `a` is no variable.
    assert_eq!(
        check(src),
        ["E0106@6", "E0106@7", "E0106@8", "E0106@9", "E0106@10", "E0705@11"]
    );
}

#[test]
fn sibling_scopes_may_reuse_names() {
    let src = "\
main {
    for (int i = 0; i < 3; i += 1) { int x = i; }
    for (int i = 0; i < 3; i += 1) { int x = i; }
    region r { int y = 1; }
    region r { int y = 2; }
    if (true) { int z = 1; } else { int z = 2; }
}
";
    assert_eq!(check(src), CLEAN);
}

#[test]
fn duplicate_states_and_portals() {
    let src = "\
contract K { initial state s { } final state s { } }
regionkind R extends Shared { portal int p; subregion R p; }
";
    assert_eq!(check(src), ["E0106@1", "E0106@2"]);
}

// ------------------------------------------------------------ E0107

#[test]
fn variables_params_fields_and_region_handles() {
    let src = "\
class C<o> {
    int f;
    void m(int p, Handle<o> h) {
        int x = p + f + this.f;
        region r { Handle<r> hr = r; x = x + 1; }
        f = x;
    }
}
message Go(int);
contract K { initial state a { !Go -> b; } final state b { } }
main {
    var (s, t) = open K;
    send(s, Go(1));
    switch receive (t) { Go(n) => { print(n); } }
    close(s, t);
}
";
    assert_eq!(check(src), CLEAN);
}

#[test]
fn unknown_variable() {
    let src = "\
class C<o> {
    int count;
    void m() {
        { int inner = 1; }
        print(inner);
        cuont = 2;
    }
}
main { print(this, y); region r { } print(r); }
";
    assert_eq!(
        check(src),
        ["E0107@5", "E0107@6", "E0107@9", "E0107@9", "E0107@9"]
    );
    assert!(messages(src)[1].contains("did you mean `count`?"));
}

#[test]
fn a_formal_is_not_a_value() {
    let src = "class C<o> { void m() { print(o); } }\n";
    assert_eq!(check(src), ["E0107@1"]);
}

// ------------------------------------------------------------ E0108

#[test]
fn argument_counts_match() {
    let src = "\
class C<o> {
    C(int a, int b) { }
    void one(int x) { }
    void m() { one(1); this.one(2); }
}
class D<o> { }
main { C<heap> c = new C<heap>(1, 2); D<heap> d = new D<heap>(); c.one(3); print(min(1, 2)); }
";
    assert_eq!(check(src), CLEAN);
}

#[test]
fn wrong_argument_count() {
    let src = "\
class C<o> {
    C(int a) { }
    void one(int x) { }
    void m() { one(); this.one(1, 2); }
}
class D<o> { }
main {
    C<heap> c = new C<heap>();
    D<heap> d = new D<heap>(5);
    print(sqrt(1.0, 2.0), max(1));
}
";
    assert_eq!(
        check(src),
        ["E0108@4", "E0108@4", "E0108@8", "E0108@9", "E0108@10", "E0108@10"]
    );
}

#[test]
fn a_class_method_hides_the_builtin_of_its_name() {
    let src = "class C<o> { int max(int a, int b, int c) { return a; } int m() { return max(1, 2, 3); } }\n";
    assert_eq!(check(src), CLEAN);
}

// ------------------------------------------------------------ other

#[test]
fn constructor_named_after_another_class() {
    let src = "class Stack<o> { Stak() { } }\n";
    assert_eq!(check(src), ["E0001@1"]);
}

/// A misnamed constructor is a method without a return type (E0001), not a
/// second constructor: no E0106 beside a correctly named one, whichever
/// comes first, and `new` is checked against the correctly named one.
#[test]
fn misnamed_constructor_is_no_second_constructor() {
    let src = "\
class A<o> { A(int x) { } Ax(bool b) { } }
class B<o> { Bx(bool b) { } B(int x) { } }
main { A<heap> a = new A<heap>(1); B<heap> b = new B<heap>(2); B<heap> c = new B<heap>(true); }
";
    assert_eq!(check(src), ["E0001@1", "E0001@2", "E0110@3"]);
}

/// A cycle is one E0101 at its first class, and member lookup through it
/// neither hangs nor reports anything.
#[test]
fn inheritance_cycles_do_not_hang() {
    let src = "\
class A<o> extends B<o> { }
class B<o> extends A<o> { }
main { A<heap> a = null; a.f = 1; a.g(); }
";
    assert_eq!(check(src), ["E0101@1"]);
}

#[test]
fn syntax_errors_come_with_name_errors_in_position_order() {
    let src = "main {\n  Foo<heap> x;\n  int y = ;\n}\n";
    assert_eq!(check(src), ["E0101@2", "E0001@3"]);
}

#[test]
fn every_file_is_reported_even_when_clean() {
    let got = check_files(&[("a.own", "class A<o> { }\n"), ("b.own", "main { }\n")]);
    assert_eq!(got, [Vec::<String>::new(), Vec::new()]);
}

// ------------------------------------------------------------ after syntax errors

#[test]
fn a_local_that_did_not_parse_is_not_unknown() {
    let src = "main {\n    int a = 3 @ 4;\n    a = a + 1;\n}\n";
    assert_eq!(check(src), ["E0001@2"]);
}

/// Only names the broken statement writes are excused: another unknown
/// name was declared nowhere.
#[test]
fn a_name_no_broken_statement_writes_is_unknown() {
    let src = "main {\n    int a = ;\n    a = 1;\n    print(b);\n}\n";
    assert_eq!(check(src), ["E0001@2", "E0107@4"]);
}

/// A member dropped after its name was read is not missing; another
/// member the class does not declare still is.
#[test]
fn a_member_that_did_not_parse_is_not_missing() {
    let src = "\
class C<o> {
    int x = 1;
    C(int a) { }
}
main { C<heap> c = new C<heap>(1); print(c.x, c.y); }
";
    assert_eq!(check(src), ["E0001@2", "E0104@5"]);
}

/// A member whose name could not be read may be any: no member of its
/// class is reported missing.
#[test]
fn a_member_without_a_name_leaves_the_class_incomplete() {
    let src = "\
class C<o> {
    int print = 1;
}
main { C<heap> c = new C<heap>(); print(c.y); }
";
    assert_eq!(check(src), ["E0001@2"]);
}

/// A field missing only its `;` is kept: the class lost nothing, so a
/// member it does not have is still reported.
#[test]
fn a_field_missing_its_semicolon_is_kept() {
    let src = "\
class C<o> {
    int x
    C(int a) { }
}
main { C<heap> c = new C<heap>(1); print(c.x, c.y); }
";
    assert_eq!(check(src), ["E0001@2", "E0104@5"]);
}

#[test]
fn a_class_that_did_not_parse_is_not_unknown() {
    let src = "\
class Broken<o> extends { }
main { Broken<heap> b; Other<heap> c; }
";
    assert_eq!(check(src), ["E0001@1", "E0101@2"]);
}

#[test]
fn a_duplicate_points_at_the_first_declaration_in_its_file() {
    use crate::{check_program, Database, Program, SourceFile};
    let db = Database::default();
    let a = SourceFile::create(&db, "a.own", "class A<o> { }\n");
    let b = SourceFile::create(&db, "b.own", "message A;\n");
    let program = Program::new(&db, vec![a, b]);
    let files = check_program(&db, program);
    assert_eq!(files.len(), 2);
    assert!(files[0].diagnostics.is_empty());
    assert_eq!(files[1].diagnostics.len(), 1, "{:?}", files[1].diagnostics);
    let dup = &files[1].diagnostics[0];
    assert_eq!(dup.code.as_str(), "E0106");
    assert_eq!(dup.secondary.len(), 1);
    assert_eq!(dup.secondary[0].file.as_deref(), Some("a.own"));
    assert_eq!(dup.secondary[0].span.range(), 6..7);
}

/// A broken member whose skip may swallow the next member (`void m()
/// accesses` then a field) records no name: the class is incomplete, so
/// the swallowed field's uses are not unknown.
#[test]
fn a_lost_member_that_may_swallow_the_next_leaves_the_class_incomplete() {
    let src = "\
class A<a> {
    void m() accesses
    int d;
    void k() { print(d); this.q(); }
}
main { }
";
    assert_eq!(check(src), ["E0001@3"]);
}
