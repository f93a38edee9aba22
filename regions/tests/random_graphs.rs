//! The solver against a naive model on random environments: every stated
//! and implied fact (rules 1, 4 included) as an explicit edge, closed by
//! Floyd–Warshall with path lengths. Checks `outlives`, that every proof is
//! a chain of real facts of shortest length, `why_not`, `owns` and
//! coverage, after each step of random declarations and scope pushes and
//! pops. The generator is a fixed-seed PRNG, so a failure is replayable.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ownc_regions::{Accesses, Effect, FormalKind, KindId, Owner, OwnerEnv, Reason, RegionKind};

/// SplitMix64: tiny, deterministic, good enough to pick operations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick(&mut self, owners: &[Owner]) -> Owner {
        owners[self.below(owners.len())]
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Edge {
    Outlives,
    Owns,
}

/// The model: owners in scope order and every direct fact as an edge
/// `(upper, lower, kind)`. Rule 4 is expanded when a region opens; rule 1
/// when the closure is computed.
#[derive(Clone, Default)]
struct Model {
    owners: Vec<Owner>,
    edges: Vec<(Owner, Owner, Edge)>,
    scopes: Vec<(usize, usize, u32)>,
    method_formals: u32,
}

const UNREACHABLE: usize = usize::MAX / 4;

impl Model {
    fn index(&self, owner: Owner) -> usize {
        self.owners.iter().position(|&o| o == owner).unwrap()
    }

    /// Shortest path lengths over the edges that `follow` accepts.
    fn closure(&self, universal: bool, follow: impl Fn(Edge) -> bool) -> Vec<Vec<usize>> {
        let n = self.owners.len();
        let mut dist = vec![vec![UNREACHABLE; n]; n];
        for (i, row) in dist.iter_mut().enumerate() {
            row[i] = 0;
        }
        let mut direct = |a: usize, b: usize| {
            if a != b {
                dist[a][b] = 1;
            }
        };
        for &(upper, lower, edge) in &self.edges {
            if follow(edge) {
                direct(self.index(upper), self.index(lower));
            }
        }
        if universal {
            for top in [Owner::Heap, Owner::Immortal] {
                let t = self.index(top);
                for b in 0..n {
                    direct(t, b);
                }
            }
        }
        for k in 0..n {
            for i in 0..n {
                for j in 0..n {
                    let through = dist[i][k] + dist[k][j];
                    if through < dist[i][j] {
                        dist[i][j] = through;
                    }
                }
            }
        }
        dist
    }
}

/// A random starting environment: `main`, a region kind, or a class with
/// 0 to 3 formals.
fn start(rng: &mut Rng) -> (OwnerEnv<u32>, Model) {
    let mut model = Model {
        owners: vec![Owner::Heap, Owner::Immortal],
        ..Model::default()
    };
    let env = match rng.below(4) {
        0 => OwnerEnv::new(),
        1 => {
            model.owners.push(Owner::This);
            OwnerEnv::for_region_kind(KindId(0), 0)
        }
        _ => {
            let formals = rng.below(4) as u32;
            model.owners.push(Owner::This);
            for i in 0..formals {
                let formal = Owner::ClassFormal(i);
                model.owners.push(formal);
                if i == 0 {
                    model.edges.push((formal, Owner::This, Edge::Owns));
                } else {
                    model
                        .edges
                        .push((formal, Owner::ClassFormal(0), Edge::Outlives));
                }
            }
            OwnerEnv::for_class(0, (0..formals).map(|i| (FormalKind::Owner, i + 1)))
        }
    };
    (env, model)
}

/// One random declaration or scope change, done to both.
fn step(rng: &mut Rng, env: &mut OwnerEnv<u32>, model: &mut Model, origin: u32) {
    match rng.below(8) {
        0 if model.scopes.len() < 6 => {
            env.push_scope();
            model
                .scopes
                .push((model.owners.len(), model.edges.len(), model.method_formals));
        }
        1 => {
            let popped = env.pop_scope();
            assert_eq!(popped, !model.scopes.is_empty());
            if let Some((owners, edges, formals)) = model.scopes.pop() {
                model.owners.truncate(owners);
                model.edges.truncate(edges);
                model.method_formals = formals;
            }
        }
        2 => {
            let owner = env.declare_method_formal(FormalKind::Owner, origin);
            assert_eq!(owner, Owner::MethodFormal(model.method_formals));
            model.method_formals += 1;
            model.owners.push(owner);
        }
        3 | 4 => {
            let (upper, lower) = (rng.pick(&model.owners), rng.pick(&model.owners));
            let edge = if rng.below(2) == 0 {
                Edge::Outlives
            } else {
                Edge::Owns
            };
            match edge {
                Edge::Outlives => env.add_outlives(upper, lower, origin).unwrap(),
                Edge::Owns => env.add_owns(upper, lower, origin).unwrap(),
            }
            model.edges.push((upper, lower, edge));
        }
        5 | 6 => {
            let region = env.open_region(RegionKind::Local, origin);
            assert!(!model.owners.contains(&region));
            for &upper in &model.owners {
                model.edges.push((upper, region, Edge::Outlives));
            }
            model.owners.push(region);
        }
        _ => {
            let parent = (rng.below(4) != 0).then(|| rng.pick(&model.owners));
            let region = env
                .enter_subregion(parent, Some(KindId(1)), origin)
                .unwrap();
            assert!(!model.owners.contains(&region));
            model.owners.push(region);
            if let Some(parent) = parent {
                model.edges.push((parent, region, Edge::Outlives));
            }
        }
    }
}

/// Whether the model has `step` as a direct fact of the right relation.
fn is_direct(model: &Model, upper: Owner, lower: Owner, reason: &Reason<u32>, owns: bool) -> bool {
    if matches!(reason, Reason::Universal) {
        return !owns && matches!(upper, Owner::Heap | Owner::Immortal);
    }
    if owns && !reason.is_owns() {
        return false;
    }
    model
        .edges
        .iter()
        .any(|&(u, l, edge)| u == upper && l == lower && (edge == Edge::Owns || !owns))
}

fn compare(env: &OwnerEnv<u32>, model: &Model, rng: &mut Rng) {
    assert_eq!(env.owners().collect::<Vec<_>>(), model.owners);
    let outlives = model.closure(true, |_| true);
    let owns = model.closure(false, |edge| edge == Edge::Owns);
    for (i, &a) in model.owners.iter().enumerate() {
        for (j, &b) in model.owners.iter().enumerate() {
            let expected = outlives[i][j] < UNREACHABLE;
            assert_eq!(env.outlives(a, b), expected, "{a:?} ⪰ {b:?}");
            match env.outlives_proof(a, b) {
                Some(proof) => {
                    assert_eq!(
                        proof.len(),
                        outlives[i][j],
                        "shortest proof of {a:?} ⪰ {b:?}"
                    );
                    let mut at = a;
                    for s in &proof {
                        assert_eq!(s.upper, at);
                        assert!(
                            is_direct(model, s.upper, s.lower, &s.reason, false),
                            "{s:?}"
                        );
                        at = s.lower;
                    }
                    assert_eq!(at, b);
                    assert!(env.why_not(a, b).is_none());
                }
                None => {
                    let why = env.why_not(a, b).unwrap();
                    assert_eq!(why.reverse.is_some(), outlives[j][i] < UNREACHABLE);
                }
            }
            let owned = owns[i][j] < UNREACHABLE;
            assert_eq!(env.owns(a, b), owned, "{a:?} owns {b:?}");
            if let Some(chain) = env.owns_proof(a, b) {
                assert_eq!(chain.len(), owns[i][j]);
                for s in &chain {
                    assert!(is_direct(model, s.upper, s.lower, &s.reason, true), "{s:?}");
                }
            }
        }
    }
    // Coverage by a random clause of up to two owners, for every effect.
    let clause: Vec<Owner> = (0..rng.below(3)).map(|_| rng.pick(&model.owners)).collect();
    for (j, &effect) in model.owners.iter().enumerate() {
        let expected = effect.is_block_region()
            || clause
                .iter()
                .any(|&listed| owns[model.index(listed)][j] < UNREACHABLE);
        assert_eq!(
            env.covers(Accesses::Only(&clause), Effect::On(effect)),
            expected,
            "{clause:?} covers {effect:?}"
        );
    }
}

#[test]
fn the_solver_agrees_with_floyd_warshall_on_random_environments() {
    for seed in 0..200 {
        let mut rng = Rng(seed);
        let (mut env, mut model) = start(&mut rng);
        compare(&env, &model, &mut rng);
        for origin in 0..30 {
            if model.owners.len() > 16 {
                // Keep the cubic model cheap: shed a scope, or start over.
                if !env.pop_scope() {
                    break;
                }
                if let Some((owners, edges, formals)) = model.scopes.pop() {
                    model.owners.truncate(owners);
                    model.edges.truncate(edges);
                    model.method_formals = formals;
                }
            }
            step(&mut rng, &mut env, &mut model, origin);
            // Every few steps keeps debug-build test time low while still
            // checking states right after pops and pushes.
            if origin % 3 == 0 {
                compare(&env, &model, &mut rng);
            }
        }
        compare(&env, &model, &mut rng);
    }
}
