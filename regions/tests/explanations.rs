//! Proofs and explanations: the facts a diagnostic can cite, with the
//! caller's origins, shortest and the same on every run.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ownc_regions::{FormalKind, Intro, KindId, Owner, OwnerEnv, Reason, RegionKind, Step};

type Env = OwnerEnv<&'static str>;

const F1: Owner = Owner::ClassFormal(0);
const F2: Owner = Owner::ClassFormal(1);

fn step(upper: Owner, lower: Owner, reason: Reason<&'static str>) -> Step<&'static str> {
    Step {
        upper,
        lower,
        reason,
    }
}

fn stack_class() -> Env {
    OwnerEnv::for_class(
        "Stack",
        [(FormalKind::Owner, "s"), (FormalKind::Owner, "d")],
    )
}

#[test]
fn a_proof_lists_the_facts_from_upper_down_to_lower() {
    let env = stack_class();
    // `Node<this, d>` inside Stack<s, d> is well formed because d ⪰ this.
    assert_eq!(
        env.outlives_proof(F2, Owner::This),
        Some(vec![
            step(F2, F1, Reason::ClassFormal("d")),
            step(F1, Owner::This, Reason::OwnsThis("s")),
        ])
    );
    assert_eq!(env.outlives_proof(F1, F1), Some(vec![]));
    assert_eq!(
        env.outlives_proof(Owner::Immortal, F1),
        Some(vec![step(Owner::Immortal, F1, Reason::Universal)])
    );
    assert_eq!(env.outlives_proof(Owner::This, F1), None);
}

#[test]
fn a_proof_is_a_shortest_chain() {
    let mut env = stack_class();
    env.push_scope();
    let p = env.declare_method_formal(FormalKind::Owner, "p");
    let q = env.declare_method_formal(FormalKind::Owner, "q");
    env.add_outlives(p, q, "where p outlives q").unwrap();
    env.add_outlives(q, Owner::This, "where q outlives this")
        .unwrap();
    env.add_outlives(p, F2, "where p outlives d").unwrap();
    // p ⪰ this by p ⪰ q ⪰ this (2 facts) or p ⪰ d ⪰ s ⪰ this (3 facts).
    let proof = env.outlives_proof(p, Owner::This).unwrap();
    assert_eq!(
        proof,
        vec![
            step(p, q, Reason::WhereOutlives("where p outlives q")),
            step(
                q,
                Owner::This,
                Reason::WhereOutlives("where q outlives this")
            ),
        ]
    );
}

#[test]
fn nested_regions_explain_the_reverse_order() {
    // §1's `Stack<r1, r2>`: r2 ⪰ r1 is needed, but r2 is opened inside r1.
    let mut env: Env = OwnerEnv::new();
    env.push_scope();
    let r1 = env.open_region(RegionKind::Local, "region r1");
    env.push_scope();
    let r2 = env.open_region(RegionKind::Local, "region r2");
    let why = env.why_not(r2, r1).unwrap();
    assert_eq!(why.upper, r2);
    assert_eq!(why.lower, r1);
    assert_eq!(
        why.reverse,
        Some(vec![step(r1, r2, Reason::Nesting("region r2"))])
    );
    assert_eq!(why.upper_intro, Some(Intro::Opened("region r2")));
    assert_eq!(why.lower_intro, Some(Intro::Opened("region r1")));
    assert!(why.facts.is_empty());
    assert_eq!(env.why_not(r1, r2), None, "it holds");
}

#[test]
fn unrelated_formals_explain_with_their_declarations_and_facts() {
    let mut env = stack_class();
    env.push_scope();
    let p = env.declare_method_formal(FormalKind::Owner, "p");
    let q = env.declare_method_formal(FormalKind::Owner, "q");
    env.add_owns(p, F1, "where p owns s").unwrap();
    env.add_outlives(Owner::This, F2, "where this outlives d")
        .unwrap();
    let why = env.why_not(p, q).unwrap();
    assert_eq!(why.reverse, None);
    assert_eq!(why.upper_intro, Some(Intro::Declared("p")));
    assert_eq!(why.lower_intro, Some(Intro::Declared("q")));
    assert_eq!(
        why.facts,
        vec![step(p, F1, Reason::WhereOwns("where p owns s"))],
        "only the facts that mention p or q"
    );
}

#[test]
fn a_subregion_explains_that_only_its_parent_outlives_it() {
    let mut env: Env = OwnerEnv::new();
    env.push_scope();
    let p = env.declare_method_formal(FormalKind::Kind(KindId(0)), "Mailbox p");
    let r = env.open_region(RegionKind::Local, "region r");
    let s = env
        .enter_subregion(Some(p), Some(KindId(1)), "region s = h.work")
        .unwrap();
    let why = env.why_not(r, s).unwrap();
    assert_eq!(why.upper_intro, Some(Intro::Opened("region r")));
    assert_eq!(why.lower_intro, Some(Intro::Entered("region s = h.work")));
    assert_eq!(
        why.facts,
        vec![step(p, s, Reason::Subregion("region s = h.work"))]
    );
    // The reverse does not hold either: s is not nested in r.
    assert_eq!(why.reverse, None);
}

#[test]
fn owners_not_in_scope_have_no_intro() {
    let env = stack_class();
    let why = env.why_not(Owner::MethodFormal(4), F1).unwrap();
    assert_eq!(why.upper_intro, None);
    assert_eq!(why.lower_intro, Some(Intro::Declared("s")));
}

#[test]
fn stated_facts_are_listed_in_the_order_they_were_added() {
    let mut env = stack_class();
    env.add_outlives(F1, F2, "where s outlives d").unwrap();
    let facts: Vec<_> = env.facts().collect();
    assert_eq!(
        facts,
        vec![
            step(F1, Owner::This, Reason::OwnsThis("s")),
            step(F2, F1, Reason::ClassFormal("d")),
            step(F1, F2, Reason::WhereOutlives("where s outlives d")),
        ]
    );
}

/// Builds one environment with many equal-length alternatives, where an
/// unordered map would pick different proofs on different runs.
fn busy_env() -> (Env, Vec<Owner>) {
    let mut env = OwnerEnv::for_class(
        "C",
        (0..6).map(|i| (FormalKind::Owner, ["a", "b", "c", "d", "e", "f"][i])),
    );
    env.push_scope();
    let mut owners = vec![Owner::This];
    owners.extend((0..6).map(Owner::ClassFormal));
    for i in 0..4 {
        let p = env.declare_method_formal(FormalKind::Owner, "p");
        for (j, &o) in owners.iter().enumerate() {
            if (i + j) % 2 == 0 {
                env.add_outlives(p, o, "where p outlives o").unwrap();
            }
        }
        owners.push(p);
    }
    for _ in 0..3 {
        env.push_scope();
        owners.push(env.open_region(RegionKind::Local, "r"));
    }
    (env, owners)
}

#[test]
fn explanations_are_the_same_on_every_run() {
    let (first, owners) = busy_env();
    for _ in 0..5 {
        let (again, _) = busy_env();
        for &a in &owners {
            for &b in &owners {
                assert_eq!(first.outlives_proof(a, b), again.outlives_proof(a, b));
                assert_eq!(first.why_not(a, b), again.why_not(a, b));
            }
        }
    }
}
