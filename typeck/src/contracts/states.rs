//! A contract as a graph: its states by index, in declaration order, and
//! its transitions as edges. Every analysis of this module works on it, so
//! names are hashed once and each check is a pass over indices.
//!
//! A state name declared twice is E0106 (reported by `resolve_decl.rs`):
//! only the first declaration is a state of the graph, as the first
//! declaration of a top-level name is the one its uses refer to, and the
//! later ones take no part in the contract checks (no cascade).

use ownc_lang::ast::{ContractDecl, Direction, StateDecl, Transition};
use std::collections::HashMap;

/// A state's position in [`States::decls`].
pub type StateIx = usize;

/// The states of one contract: its first declarations of each name.
pub struct States<'a> {
    /// The first declaration of every state name, in source order.
    pub decls: Vec<&'a StateDecl>,
    by_name: HashMap<&'a str, StateIx>,
}

impl<'a> States<'a> {
    pub fn new(contract: &'a ContractDecl) -> States<'a> {
        let mut decls = Vec::with_capacity(contract.states.len());
        let mut by_name = HashMap::with_capacity(contract.states.len());
        for state in &contract.states {
            if !by_name.contains_key(state.name.name.as_str()) {
                by_name.insert(state.name.name.as_str(), decls.len());
                decls.push(state);
            }
        }
        States { decls, by_name }
    }

    /// The state a transition's target names, if it is declared.
    pub fn lookup(&self, name: &str) -> Option<StateIx> {
        self.by_name.get(name).copied()
    }

    pub fn len(&self) -> usize {
        self.decls.len()
    }

    /// Every state name, in declaration order (for suggestions).
    pub fn names(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.decls.iter().map(|s| s.name.name.as_str())
    }
}

/// One edge: a transition and the state it leads to.
#[derive(Clone, Copy)]
pub struct Edge<'a> {
    pub from: StateIx,
    pub to: StateIx,
    pub transition: &'a Transition,
}

/// The transitions of one direction (`!` or `?`) whose target is declared,
/// as adjacency lists in one vector (compressed rows): `out(s)` are the
/// edges leaving `s`, in source order, so every traversal is deterministic.
pub struct Digraph<'a> {
    starts: Vec<usize>,
    edges: Vec<Edge<'a>>,
}

impl<'a> Digraph<'a> {
    /// The subgraph of `states` on transitions of `direction`.
    pub fn of_direction(states: &States<'a>, direction: Direction) -> Digraph<'a> {
        let mut starts = Vec::with_capacity(states.len() + 1);
        let mut edges = Vec::new();
        for (from, state) in states.decls.iter().enumerate() {
            starts.push(edges.len());
            for transition in &state.transitions {
                if transition.direction != direction {
                    continue;
                }
                if let Some(to) = states.lookup(&transition.target.name) {
                    edges.push(Edge {
                        from,
                        to,
                        transition,
                    });
                }
            }
        }
        starts.push(edges.len());
        Digraph { starts, edges }
    }

    /// The same edges, each listed under its target instead of its source
    /// (`out(s)` of the result are the edges entering `s`; `from` and `to`
    /// keep their meaning).
    pub fn reversed(&self) -> Digraph<'a> {
        let nodes = self.node_count();
        let mut counts = vec![0usize; nodes + 1];
        for edge in &self.edges {
            counts[edge.to + 1] += 1;
        }
        for i in 0..nodes {
            counts[i + 1] += counts[i];
        }
        let starts = counts.clone();
        let mut next = counts;
        let mut slots: Vec<Option<Edge<'a>>> = vec![None; self.edges.len()];
        for edge in &self.edges {
            slots[next[edge.to]] = Some(*edge);
            next[edge.to] += 1;
        }
        Digraph {
            starts,
            edges: slots.into_iter().flatten().collect(),
        }
    }

    pub fn node_count(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    /// The edges listed under `node` (leaving it, or entering it in a
    /// [`reversed`](Digraph::reversed) graph).
    pub fn out(&self, node: StateIx) -> &[Edge<'a>] {
        match (self.starts.get(node), self.starts.get(node + 1)) {
            (Some(&start), Some(&end)) => self.edges.get(start..end).unwrap_or(&[]),
            _ => &[],
        }
    }
}
