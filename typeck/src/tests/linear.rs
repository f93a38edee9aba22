//! Unit tests of the linear-value and channel checker (`linear/`) on small
//! programs: what the UI cases do not show line by line.

use super::check;

const ECHO: &str = "\
message Ping;
message Stop(chan<Echo@over>);
contract Echo {
    initial state ready { !Ping -> ready; !Stop -> over; }
    final state over { }
}
rref class P { int v; }
";

fn with_echo(body: &str) -> Vec<String> {
    let src = format!("{ECHO}{body}");
    check(&src)
}

#[test]
fn after_an_endless_loop_nothing_is_checked() {
    // Line 8 is the first line of the body.
    let found = with_echo(
        "class C<o> {
    void run(chan<Echo> c) {
        while (true) { send(c, Ping); }
        P p = new P();
        send(c, Ping);
    }
}
",
    );
    assert_eq!(found, Vec::<String>::new());
}

#[test]
fn a_syntax_error_silences_what_follows_it() {
    // The missing `;` may have eaten a `close`: no leak is reported after it.
    let found = with_echo(
        "main {
    var (c, s) = open Echo;
    send(c, Ping)
    receive(s, Ping);
}
",
    );
    assert_eq!(found, ["E0001@10"]);
}

#[test]
fn a_value_reassigned_on_one_path_only_is_moved_in_the_next_iteration() {
    let found = with_echo(
        "class C<o> {
    void eat(P p) { }
    void run(int n) {
        P p = new P();
        while (n > 0) {
            eat(p);
            if (n == 2) { p = new P(); }
            n -= 1;
        }
    }
}
",
    );
    assert_eq!(found, ["E0601@13"]);
}

#[test]
fn deep_nesting_is_checked_without_trouble() {
    let depth = 150;
    let mut body = String::from("main {\n    var (c, s) = open Echo;\n    int k = 0;\n");
    for _ in 0..depth {
        body.push_str("if (k == 0) {\n");
    }
    body.push_str("send(c, Ping);\n");
    for _ in 0..depth {
        body.push_str("} else { send(c, Ping); }\n");
    }
    body.push_str("receive(s, Ping);\nsend(c, Stop(c));\nchan<Echo@over> b = receive(s, Stop);\nclose(b, s);\n}\n");
    assert_eq!(with_echo(&body), Vec::<String>::new());
}

#[test]
fn an_rref_needs_no_close() {
    let found = with_echo(
        "main {
    P p = new P();
    if (p.v > 0) { P q = p; }
}
",
    );
    assert_eq!(found, Vec::<String>::new());
}
