//! Effect coverage (LANGUAGE.md §8): listed owners, ownership chains
//! (`f1 owns this`, `where a owns b`, transitively), ⊤, and regions local to
//! a body.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ownc_regions::{
    Accesses, Cover, Effect, FormalKind, Owner, OwnerEnv, Reason, RegionKind, Step,
};

type Env = OwnerEnv<&'static str>;

const F1: Owner = Owner::ClassFormal(0);
const F2: Owner = Owner::ClassFormal(1);

fn class() -> Env {
    OwnerEnv::for_class("C", [(FormalKind::Owner, "f1"), (FormalKind::Owner, "f2")])
}

fn on(owner: Owner) -> Effect {
    Effect::On(owner)
}

#[test]
fn an_absent_clause_covers_everything_even_top() {
    let env = class();
    for effect in [on(Owner::Heap), on(F2), on(Owner::This), Effect::Anything] {
        assert_eq!(
            env.coverage(Accesses::Anything, effect),
            Ok(Cover::Unrestricted)
        );
    }
}

#[test]
fn a_listed_owner_covers_itself_only_without_ownership() {
    let env = class();
    let clause = [F2];
    assert_eq!(
        env.coverage(Accesses::Only(&clause), on(F2)),
        Ok(Cover::Listed)
    );
    assert!(!env.covers(Accesses::Only(&clause), on(F1)));
    assert!(!env.covers(Accesses::Only(&clause), on(Owner::Heap)));
    // f2 ⪰ f1 is an outlives fact, not ownership: it covers nothing.
    assert!(!env.covers(Accesses::Only(&clause), on(Owner::This)));
}

#[test]
fn the_first_formal_owns_this() {
    let env = class();
    let clause = [F1];
    assert_eq!(
        env.coverage(Accesses::Only(&clause), on(Owner::This)),
        Ok(Cover::OwnedBy {
            owner: F1,
            chain: vec![Step {
                upper: F1,
                lower: Owner::This,
                reason: Reason::OwnsThis("f1")
            }],
        })
    );
}

#[test]
fn ownership_is_transitive_through_where_clauses() {
    let mut env = class();
    env.push_scope();
    let p = env.declare_method_formal(FormalKind::Owner, "p");
    let q = env.declare_method_formal(FormalKind::Owner, "q");
    env.add_owns(p, q, "where p owns q").unwrap();
    env.add_owns(q, F1, "where q owns f1").unwrap();
    let clause = [p];
    // p owns q owns f1 owns this.
    match env.coverage(Accesses::Only(&clause), on(Owner::This)) {
        Ok(Cover::OwnedBy { owner, chain }) => {
            assert_eq!(owner, p);
            let pairs: Vec<_> = chain.iter().map(|s| (s.upper, s.lower)).collect();
            assert_eq!(pairs, vec![(p, q), (q, F1), (F1, Owner::This)]);
        }
        other => panic!("expected an ownership chain, got {other:?}"),
    }
    assert!(env.owns(p, Owner::This));
    assert!(env.owns(q, F1));
    assert!(!env.owns(F1, q));
    // An outlives clause is not ownership.
    env.add_outlives(F2, p, "where f2 outlives p").unwrap();
    assert!(env.outlives(F2, Owner::This));
    assert!(!env.owns(F2, Owner::This));
    assert!(!env.covers(Accesses::Only(&[F2]), on(p)));
}

#[test]
fn an_uncovered_effect_names_the_owners_that_own_it() {
    let mut env = class();
    env.push_scope();
    let p = env.declare_method_formal(FormalKind::Owner, "p");
    env.add_owns(p, F1, "where p owns f1").unwrap();
    let clause = [F2];
    let uncovered = env
        .coverage(Accesses::Only(&clause), on(Owner::This))
        .unwrap_err();
    assert_eq!(uncovered.owned_by, vec![F1, p], "nearest first");
    let top = env
        .coverage(Accesses::Only(&clause), Effect::Anything)
        .unwrap_err();
    assert!(top.owned_by.is_empty());
}

#[test]
fn an_empty_clause_covers_only_local_regions() {
    let mut env = class();
    env.push_scope();
    let r = env.open_region(RegionKind::Local, "r");
    assert_eq!(env.coverage(Accesses::Only(&[]), on(r)), Ok(Cover::Local));
    for owner in [Owner::Heap, Owner::Immortal, Owner::This, F1, F2] {
        assert!(!env.covers(Accesses::Only(&[]), on(owner)), "{owner:?}");
    }
    assert!(!env.covers(Accesses::Only(&[]), Effect::Anything));
}

#[test]
fn heap_free_means_the_clause_does_not_cover_heap() {
    let mut env = class();
    assert!(
        env.covers(Accesses::Anything, on(Owner::Heap)),
        "no clause: not heap-free"
    );
    assert!(!env.covers(Accesses::Only(&[F1]), on(Owner::Heap)));
    assert!(env.covers(Accesses::Only(&[Owner::Heap]), on(Owner::Heap)));
    env.add_owns(F2, Owner::Heap, "where f2 owns heap").unwrap();
    assert!(env.covers(Accesses::Only(&[F2]), on(Owner::Heap)));
}

#[test]
fn an_override_may_only_narrow_its_clause() {
    // Overridden `accesses f1`; an override listing `this` narrows it
    // (f1 owns this), one listing f2 widens it (E0401).
    let env = class();
    let overridden = [F1];
    assert!(env.covers(Accesses::Only(&overridden), on(Owner::This)));
    assert!(!env.covers(Accesses::Only(&overridden), on(F2)));
}

#[test]
fn owns_is_reflexive_and_agrees_with_coverage_by_one_owner() {
    let mut env = class();
    env.add_owns(F2, F1, "where f2 owns f1").unwrap();
    let owners: Vec<Owner> = env.owners().collect();
    for &a in &owners {
        assert!(env.owns(a, a));
        for &b in &owners {
            assert_eq!(
                env.owns(a, b),
                env.covers(Accesses::Only(&[a]), on(b)),
                "{a:?} {b:?}"
            );
        }
    }
}
