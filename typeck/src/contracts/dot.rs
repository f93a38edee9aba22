//! A contract as a Graphviz state machine (`ownc contract --dot`, §14):
//! states are nodes, in declaration order; final states are double
//! circles; an arrow from an invisible node marks the initial state; each
//! transition is an edge labelled `!m` or `?m`, in source order. The output
//! depends only on the contract's text, so it is deterministic.
//!
//! Decisions: as in the checks, a state declared twice is drawn once, from
//! its first declaration (the later one is E0106 and left out). A target
//! state that is not declared (E0101) is drawn dashed, so the mistake shows
//! in the picture. Every name is quoted: a state may be called `node` or
//! `edge`, which are Graphviz keywords.

use super::states::States;
use ownc_lang::ast::{ContractDecl, Direction};
use std::collections::HashSet;
use std::fmt::Write as _;

/// The name of the invisible node the initial arrow starts from: no Own
/// identifier contains parentheses, so it cannot clash with a state.
const START: &str = "(start)";

/// The Graphviz `digraph` of `contract`, ending with a newline.
pub fn render_dot(contract: &ContractDecl) -> String {
    let states = States::new(contract);
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = writeln!(out, "digraph {} {{", quote(&contract.name.name));
    out.push_str("    rankdir=LR;\n    node [shape=circle];\n");
    let mut initial = states.decls.iter().filter(|s| s.initial).peekable();
    if initial.peek().is_some() {
        let _ = writeln!(out, "    {} [shape=none, label=\"\"];", quote(START));
    }
    for state in initial {
        let _ = writeln!(out, "    {} -> {};", quote(START), quote(&state.name.name));
    }
    for state in &states.decls {
        let name = quote(&state.name.name);
        if state.is_final {
            let _ = writeln!(out, "    {name} [shape=doublecircle];");
        } else {
            let _ = writeln!(out, "    {name};");
        }
    }
    let mut undeclared = HashSet::new();
    for t in states.decls.iter().flat_map(|s| &s.transitions) {
        let target = t.target.name.as_str();
        if states.lookup(target).is_none() && undeclared.insert(target) {
            let _ = writeln!(out, "    {} [style=dashed];", quote(target));
        }
    }
    for state in &states.decls {
        for t in &state.transitions {
            let sign = match t.direction {
                Direction::Send => '!',
                Direction::Receive => '?',
            };
            let label = format!("{sign}{}", t.message.name);
            let _ = writeln!(
                out,
                "    {} -> {} [label={}];",
                quote(&state.name.name),
                quote(&t.target.name),
                quote(&label)
            );
        }
    }
    out.push_str("}\n");
    out
}

/// A Graphviz quoted ID.
fn quote(id: &str) -> String {
    let mut quoted = String::with_capacity(id.len() + 2);
    quoted.push('"');
    for c in id.chars() {
        if c == '"' || c == '\\' {
            quoted.push('\\');
        }
        quoted.push(c);
    }
    quoted.push('"');
    quoted
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contracts::test_support::contract;

    #[test]
    fn heap_hops_cell_contract() {
        // The initial state comes last, and the final one has a transition.
        let source = "contract CPrime {
            state q2 { ?Ack -> q; }
            final state end { ?Fin -> end; }
            initial state q { !Cell -> q2; !Fin -> end; }
        }";
        let expected = r#"digraph "CPrime" {
    rankdir=LR;
    node [shape=circle];
    "(start)" [shape=none, label=""];
    "(start)" -> "q";
    "q2";
    "end" [shape=doublecircle];
    "q";
    "q2" -> "q" [label="?Ack"];
    "end" -> "end" [label="?Fin"];
    "q" -> "q2" [label="!Cell"];
    "q" -> "end" [label="!Fin"];
}
"#;
        assert_eq!(render_dot(&contract(source)), expected);
    }

    #[test]
    fn undeclared_and_duplicate_states() {
        let source = "contract C {
            initial final state node { !M -> gone; !N -> gone; }
            state node { ?M -> node; }
        }";
        let expected = r#"digraph "C" {
    rankdir=LR;
    node [shape=circle];
    "(start)" [shape=none, label=""];
    "(start)" -> "node";
    "node" [shape=doublecircle];
    "gone" [style=dashed];
    "node" -> "gone" [label="!M"];
    "node" -> "gone" [label="!N"];
}
"#;
        assert_eq!(render_dot(&contract(source)), expected);
    }

    #[test]
    fn no_initial_state_has_no_start_arrow() {
        let dot = render_dot(&contract("contract C { state a { } }"));
        assert!(!dot.contains(START), "{dot}");
    }

    #[test]
    fn quoting_escapes() {
        assert_eq!(quote(r#"a"b\c"#), r#""a\"b\\c""#);
    }
}
