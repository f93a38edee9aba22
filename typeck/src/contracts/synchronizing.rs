//! E0706: every final state must be synchronizing, i.e. every cycle through
//! it contains at least one send and one receive (§11).
//!
//! A final state q breaks the rule exactly when some cycle through q has
//! only sends or only receives (a cycle mixing both is fine, and a second,
//! mixed cycle through q does not excuse a pure one). So, for each
//! direction, q is bad when it lies on a cycle of the subgraph of that
//! direction's transitions: its strongly connected component there has
//! several states, or q has a transition to itself.
//!
//! The witness is a closed walk through q in that subgraph. Finding a
//! shortest one from every bad state would be quadratic (10,000 final
//! states on one cycle of sends), so each component gets one breadth-first
//! search forward from a root (its first bad final state) and one backward
//! to it: the root's witness is its shortest cycle, another state q's is q
//! to the root then the root to q. At most [`SHOWN_STEPS`] steps of a walk
//! become labels, its start and its end, so the whole check is linear in
//! the size of the contract.

use super::scc::components;
use super::states::{Digraph, Edge, StateIx, States};
use super::{ContractError, Witness};
use ownc_lang::ast::Direction;

/// The most transitions of a witness cycle shown as labels.
pub const SHOWN_STEPS: usize = 8;

/// Every final state on a cycle of sends only or of receives only; one
/// error per state, with a send-only cycle when it has both kinds.
pub fn check(states: &States<'_>) -> Vec<ContractError> {
    let mut reported = vec![false; states.len()];
    let mut errors = Vec::new();
    for direction in [Direction::Send, Direction::Receive] {
        for (q, witness) in witnesses(states, direction, &reported) {
            reported[q] = true;
            if let Some(state) = states.decls.get(q) {
                errors.push((
                    q,
                    ContractError::NotSynchronizing {
                        state: state.name.clone(),
                        direction,
                        witness,
                    },
                ));
            }
        }
    }
    // Declaration order, whichever direction found the state.
    errors.sort_by_key(|(q, _)| *q);
    errors.into_iter().map(|(_, e)| e).collect()
}

/// The final states not yet `reported` that lie on a cycle of `direction`
/// transitions, with a witness walk each, in declaration order.
fn witnesses(
    states: &States<'_>,
    direction: Direction,
    reported: &[bool],
) -> Vec<(StateIx, Witness)> {
    let graph = Digraph::of_direction(states, direction);
    let sccs = components(&graph);
    let mut bad = states
        .decls
        .iter()
        .enumerate()
        .filter(|(q, s)| {
            s.is_final && sccs.cyclic.get(*q) == Some(&true) && reported.get(*q) == Some(&false)
        })
        .map(|(q, _)| q)
        .peekable();
    if bad.peek().is_none() {
        return Vec::new();
    }
    let reverse = graph.reversed();
    let mut trees = Trees::new(graph.node_count());
    let mut root_of_component: Vec<Option<StateIx>> = vec![None; graph.node_count()];
    let mut found = Vec::new();
    for q in bad {
        let component = sccs.of.get(q).copied().unwrap_or(0);
        let root = match root_of_component.get(component).copied().flatten() {
            Some(root) => root,
            None => {
                trees.grow(&graph, &reverse, &sccs.of, q);
                if let Some(slot) = root_of_component.get_mut(component) {
                    *slot = Some(q);
                }
                q
            }
        };
        if let Some(witness) = trees.walk(q, root, &reverse, &sccs.of) {
            found.push((q, witness));
        }
    }
    found
}

/// Breadth-first trees of every component searched so far, toward and from
/// its root. Each state belongs to one component, so the arrays are shared.
struct Trees<'a> {
    /// From the root: the edge by which a state was first reached.
    parent: Vec<Option<Edge<'a>>>,
    /// From the root: the length of the shortest path to a state.
    depth: Vec<usize>,
    /// Toward the root: the first edge of a shortest path to it.
    toward_root: Vec<Option<Edge<'a>>>,
    /// Toward the root: the length of that path.
    distance: Vec<usize>,
}

impl<'a> Trees<'a> {
    fn new(n: usize) -> Trees<'a> {
        Trees {
            parent: vec![None; n],
            depth: vec![0; n],
            toward_root: vec![None; n],
            distance: vec![0; n],
        }
    }

    /// Searches `root`'s component forward (`graph`) and backward
    /// (`reverse`), never leaving it.
    fn grow(&mut self, graph: &Digraph<'a>, reverse: &Digraph<'a>, of: &[usize], root: StateIx) {
        let component = of.get(root).copied();
        let inside = |s: StateIx| of.get(s).copied() == component;
        let mut seen = vec![root];
        let mut next = 0;
        while let Some(&v) = seen.get(next) {
            next += 1;
            for edge in graph.out(v) {
                if inside(edge.to) && edge.to != root && self.parent[edge.to].is_none() {
                    self.parent[edge.to] = Some(*edge);
                    self.depth[edge.to] = self.depth[v] + 1;
                    seen.push(edge.to);
                }
            }
        }
        let mut seen = vec![root];
        let mut next = 0;
        while let Some(&v) = seen.get(next) {
            next += 1;
            for edge in reverse.out(v) {
                let from = edge.from;
                if inside(from) && from != root && self.toward_root[from].is_none() {
                    self.toward_root[from] = Some(*edge);
                    self.distance[from] = self.distance[v] + 1;
                    seen.push(from);
                }
            }
        }
    }

    /// The witness walk through `q`: the root's shortest cycle when `q` is
    /// the root, else `q` to the root and back.
    fn walk(
        &self,
        q: StateIx,
        root: StateIx,
        reverse: &Digraph<'a>,
        of: &[usize],
    ) -> Option<Witness> {
        if q == root {
            self.shortest_cycle(root, reverse, of)
        } else {
            self.round_trip(q)
        }
    }

    /// The shortest cycle through the root: the root to the state of its
    /// component nearest to it with an edge back, then that edge (ties go to
    /// the first transition written). Walked whole, once per component.
    fn shortest_cycle(
        &self,
        root: StateIx,
        reverse: &Digraph<'a>,
        of: &[usize],
    ) -> Option<Witness> {
        let closing = reverse
            .out(root)
            .iter()
            .filter(|e| of.get(e.from) == of.get(root))
            .min_by_key(|e| self.depth[e.from])?;
        let mut cycle: Vec<Edge<'a>> =
            std::iter::successors(self.parent[closing.from], |e| self.parent[e.from]).collect();
        cycle.reverse();
        cycle.push(*closing);
        let length = cycle.len();
        let half = SHOWN_STEPS / 2;
        let steps = cycle
            .iter()
            .enumerate()
            .filter(|(i, _)| length <= SHOWN_STEPS || *i < half || *i >= length - half)
            .map(|(i, e)| (i + 1, e.transition.span))
            .collect();
        Some(Witness { length, steps })
    }

    /// `q` to the root (toward_root), then the root to `q` (parent). Not
    /// walked whole, which would make many final states on one long cycle
    /// quadratic: the first steps are followed from `q` toward the root,
    /// the last ones back from `q` along `parent`.
    fn round_trip(&self, q: StateIx) -> Option<Witness> {
        let head_len = self.distance[q];
        let tail_len = self.depth[q];
        let length = head_len + tail_len;
        let back = tail_len.min(SHOWN_STEPS / 2);
        let front = head_len.min(SHOWN_STEPS - back);
        let back = tail_len.min(SHOWN_STEPS - front);
        let mut steps = Vec::with_capacity(front + back);
        let mut at = q;
        for step in 1..=front {
            let edge = self.toward_root[at]?;
            steps.push((step, edge.transition.span));
            at = edge.to;
        }
        let mut tail = std::iter::successors(self.parent[q], |e| self.parent[e.from]);
        for step in (length - back + 1..=length).rev() {
            steps.push((step, tail.next()?.transition.span));
        }
        steps.sort_by_key(|(step, _)| *step);
        Some(Witness { length, steps })
    }
}
