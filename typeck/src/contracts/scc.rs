//! Strongly connected components (Tarjan's algorithm, linear), iterative:
//! the depth of a recursive version would be the length of the longest
//! path of the contract, which the user controls.

use super::states::{Digraph, StateIx};

/// Which component every node is in, and which nodes lie on a cycle.
pub struct Components {
    /// The component of every node; components are numbered in the order
    /// Tarjan's algorithm completes them.
    pub of: Vec<usize>,
    /// Whether a non-empty path leads from the node back to itself: its
    /// component has several nodes, or the node has an edge to itself.
    pub cyclic: Vec<bool>,
}

/// Sentinel for "not visited yet".
const UNVISITED: usize = usize::MAX;

/// The strongly connected components of `graph`.
pub fn components(graph: &Digraph<'_>) -> Components {
    let n = graph.node_count();
    let mut tarjan = Tarjan {
        graph,
        index: vec![UNVISITED; n],
        low: vec![0; n],
        on_stack: vec![false; n],
        stack: Vec::new(),
        of: vec![0; n],
        sizes: Vec::new(),
        next_index: 0,
    };
    for root in 0..n {
        if tarjan.index[root] == UNVISITED {
            tarjan.visit_from(root);
        }
    }
    let mut cyclic: Vec<bool> = (0..n)
        .map(|v| tarjan.sizes.get(tarjan.of[v]).is_some_and(|&size| size > 1))
        .collect();
    for (v, flag) in cyclic.iter_mut().enumerate() {
        if graph.out(v).iter().any(|e| e.to == v) {
            *flag = true;
        }
    }
    Components {
        of: tarjan.of,
        cyclic,
    }
}

struct Tarjan<'g, 'a> {
    graph: &'g Digraph<'a>,
    index: Vec<usize>,
    low: Vec<usize>,
    on_stack: Vec<bool>,
    stack: Vec<StateIx>,
    of: Vec<usize>,
    sizes: Vec<usize>,
    next_index: usize,
}

impl Tarjan<'_, '_> {
    /// The depth-first search from `root`, with an explicit stack of
    /// (node, position of the next edge to follow) frames.
    fn visit_from(&mut self, root: StateIx) {
        let mut frames: Vec<(StateIx, usize)> = vec![(root, 0)];
        self.enter(root);
        while let Some(frame) = frames.last_mut() {
            let v = frame.0;
            if let Some(edge) = self.graph.out(v).get(frame.1) {
                frame.1 += 1;
                let w = edge.to;
                if self.index[w] == UNVISITED {
                    self.enter(w);
                    frames.push((w, 0));
                } else if self.on_stack[w] {
                    self.low[v] = self.low[v].min(self.index[w]);
                }
                continue;
            }
            frames.pop();
            if let Some(&(parent, _)) = frames.last() {
                self.low[parent] = self.low[parent].min(self.low[v]);
            }
            if self.low[v] == self.index[v] {
                self.close_component(v);
            }
        }
    }

    fn enter(&mut self, v: StateIx) {
        self.index[v] = self.next_index;
        self.low[v] = self.next_index;
        self.next_index += 1;
        self.stack.push(v);
        self.on_stack[v] = true;
    }

    /// Pops the component whose root is `v` off the stack.
    fn close_component(&mut self, v: StateIx) {
        let id = self.sizes.len();
        let mut size = 0;
        while let Some(w) = self.stack.pop() {
            self.on_stack[w] = false;
            self.of[w] = id;
            size += 1;
            if w == v {
                break;
            }
        }
        self.sizes.push(size);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contracts::states::States;
    use crate::contracts::test_support::contract;
    use ownc_lang::ast::Direction;

    fn cyclic_names(source: &str, direction: Direction) -> Vec<String> {
        let decl = contract(source);
        let states = States::new(&decl);
        let graph = Digraph::of_direction(&states, direction);
        let found = components(&graph);
        states
            .decls
            .iter()
            .zip(&found.cyclic)
            .filter(|(_, &c)| c)
            .map(|(s, _)| s.name.name.to_string())
            .collect()
    }

    #[test]
    fn a_path_has_no_cycle() {
        let source =
            "contract C { initial state a { !M -> b; } state b { !M -> c; } final state c { } }";
        assert!(cyclic_names(source, Direction::Send).is_empty());
    }

    #[test]
    fn a_self_loop_and_a_two_cycle_are_cycles() {
        let source = "contract C {
            initial state a { !M -> a; !N -> b; }
            state b { !M -> c; }
            state c { !M -> b; !N -> d; }
            final state d { }
        }";
        assert_eq!(cyclic_names(source, Direction::Send), ["a", "b", "c"]);
        assert!(cyclic_names(source, Direction::Receive).is_empty());
    }

    #[test]
    fn only_edges_of_the_direction_count() {
        let source = "contract C { initial final state a { !M -> b; } state b { ?N -> a; } }";
        assert!(cyclic_names(source, Direction::Send).is_empty());
        assert!(cyclic_names(source, Direction::Receive).is_empty());
    }

    #[test]
    fn a_long_chain_does_not_recurse() {
        // 100,000 states in one cycle: a recursive search would need that
        // many stack frames.
        let mut source = String::from("contract C { initial state s0 { !M -> s1; }\n");
        let n = 100_000;
        for i in 1..n {
            source.push_str(&format!("state s{i} {{ !M -> s{}; }}\n", (i + 1) % n));
        }
        source.push('}');
        assert_eq!(cyclic_names(&source, Direction::Send).len(), n);
    }
}
