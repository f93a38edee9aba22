//! Scopes: what a method or a `region` block declares is forgotten when
//! its scope is popped, and the environment is exactly as before.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ownc_regions::{FormalKind, KindId, Owner, OwnerEnv, RegionKind, Step};

type Env = OwnerEnv<&'static str>;

const F1: Owner = Owner::ClassFormal(0);
const F2: Owner = Owner::ClassFormal(1);

/// Everything observable about an environment's order: its owners, its
/// stated facts, and the relation on its owners.
fn snapshot(env: &Env) -> (Vec<Owner>, Vec<Step<&'static str>>, Vec<bool>) {
    let owners: Vec<Owner> = env.owners().collect();
    let relation = owners
        .iter()
        .flat_map(|&a| owners.iter().map(move |&b| (a, b)))
        .map(|(a, b)| env.outlives(a, b))
        .collect();
    (owners.clone(), env.facts().collect(), relation)
}

#[test]
fn popping_restores_the_environment_exactly() {
    let mut env = OwnerEnv::for_class("C", [(FormalKind::Owner, "f1"), (FormalKind::Owner, "f2")]);
    env.add_outlives(F1, F2, "class where").unwrap();
    let class_level = snapshot(&env);

    env.push_scope();
    let p = env.declare_method_formal(FormalKind::Owner, "p");
    env.add_outlives(p, F1, "where p outlives f1").unwrap();
    // A method's where clause may also relate owners of the class.
    env.add_owns(F2, Owner::This, "where f2 owns this").unwrap();
    let method_level = snapshot(&env);

    env.push_scope();
    let r = env.open_region(RegionKind::Shared(KindId(0)), "r");
    env.push_scope();
    let s = env.enter_subregion(Some(r), Some(KindId(1)), "s").unwrap();
    assert!(env.outlives(p, r) && env.outlives(r, s));

    assert!(env.pop_scope());
    assert!(!env.contains(s));
    assert!(env.pop_scope());
    assert!(!env.contains(r));
    assert_eq!(snapshot(&env), method_level);

    assert!(env.pop_scope());
    assert_eq!(snapshot(&env), class_level);
    assert!(!env.contains(p));
    assert!(!env.outlives(p, F1));
    assert!(!env.owns(F2, Owner::This));

    assert!(!env.pop_scope(), "no scope left to pop");
    assert_eq!(snapshot(&env), class_level);
}

#[test]
fn method_formals_are_numbered_afresh_in_each_method() {
    let mut env = OwnerEnv::for_class("C", [(FormalKind::Owner, "f1")]);
    for _ in 0..2 {
        env.push_scope();
        assert_eq!(
            env.declare_method_formal(FormalKind::Owner, "a"),
            Owner::MethodFormal(0)
        );
        assert_eq!(
            env.declare_method_formal(FormalKind::Region, "b"),
            Owner::MethodFormal(1)
        );
        env.pop_scope();
    }
}

#[test]
fn region_ids_are_never_reused() {
    let mut env: Env = OwnerEnv::new();
    let mut seen = Vec::new();
    for depth in 0..3 {
        for _ in 0..=depth {
            env.push_scope();
            let r = env.open_region(RegionKind::Local, "r");
            assert!(!seen.contains(&r));
            seen.push(r);
        }
        for _ in 0..=depth {
            env.pop_scope();
        }
    }
    let indices: Vec<u32> = seen
        .iter()
        .map(|r| match r {
            Owner::Region(id) => id.index(),
            other => panic!("not a region: {other:?}"),
        })
        .collect();
    assert_eq!(indices, (0..6).collect::<Vec<_>>());
}

#[test]
fn deep_nesting_is_answered_by_the_scope_order() {
    // A body with many nested regions: every outer region outlives every
    // inner one, and popping half of them leaves the outer half intact.
    let mut env: Env = OwnerEnv::new();
    let mut regions = Vec::new();
    for _ in 0..2_000 {
        env.push_scope();
        regions.push(env.open_region(RegionKind::Local, "r"));
    }
    let (outer, inner) = (regions[10], regions[1_990]);
    assert!(env.outlives(outer, inner));
    assert!(!env.outlives(inner, outer));
    assert_eq!(env.outlives_proof(outer, inner).map(|p| p.len()), Some(1));
    for _ in 0..1_000 {
        env.pop_scope();
    }
    assert!(!env.contains(inner));
    assert!(env.outlives(regions[0], regions[999]));
    assert!(!env.outlives(regions[999], regions[0]));
}

#[test]
fn a_popped_fact_leaves_no_trace_for_the_next_scope() {
    // The facts of one method must not resurface in the next, whose facts
    // take their places in the log.
    let mut env = OwnerEnv::for_class("C", [(FormalKind::Owner, "f1")]);
    env.push_scope();
    let p = env.declare_method_formal(FormalKind::Owner, "p");
    env.add_outlives(p, F1, "where p outlives f1").unwrap();
    env.pop_scope();
    env.push_scope();
    let q = env.declare_method_formal(FormalKind::Owner, "q");
    env.add_outlives(Owner::This, q, "where this outlives q")
        .unwrap();
    assert!(!env.outlives(q, F1));
    env.add_outlives(Owner::This, F1, "where this outlives f1")
        .unwrap();
    assert_eq!(
        env.outlives_proof(Owner::This, F1),
        Some(vec![Step {
            upper: Owner::This,
            lower: F1,
            reason: ownc_regions::Reason::WhereOutlives("where this outlives f1"),
        }])
    );
}

/// Many owners in scope at once (a class with many formals, deeply nested
/// regions): past a few dozen the environment indexes them, and pushing
/// and popping scopes across that size keeps every answer.
#[test]
fn many_owners_are_found_across_pushes_and_pops() {
    let formals = (0..40).map(|_| (FormalKind::Owner, "f"));
    let mut env: Env = OwnerEnv::for_class("C", formals);
    for i in 0..40 {
        assert!(env.contains(Owner::ClassFormal(i)), "formal {i}");
        assert!(
            env.outlives(Owner::ClassFormal(i), Owner::This),
            "formal {i}"
        );
    }
    let class_level = snapshot(&env);
    for round in 0..3 {
        env.push_scope();
        let regions: Vec<Owner> = (0..30 + 10 * round)
            .map(|_| {
                env.push_scope();
                env.open_region(RegionKind::Local, "r")
            })
            .collect();
        for (i, &r) in regions.iter().enumerate() {
            assert!(env.contains(r));
            assert!(env.outlives(Owner::ClassFormal(39), r));
            if let Some(&inner) = regions.get(i + 1) {
                assert!(env.outlives(r, inner));
                assert!(!env.outlives(inner, r));
            }
        }
        for _ in &regions {
            assert!(env.pop_scope());
        }
        assert!(regions.iter().all(|&r| !env.contains(r)));
        assert!(env.pop_scope());
        assert_eq!(snapshot(&env), class_level, "round {round}");
    }
}
