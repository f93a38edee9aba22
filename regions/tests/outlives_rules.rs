//! The outlives order rule by rule (LANGUAGE.md §4), on small environments
//! whose origins are plain labels.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ownc_regions::{FormalKind, KindId, Owner, OwnerEnv, RegionKind};

type Env = OwnerEnv<&'static str>;

const F1: Owner = Owner::ClassFormal(0);
const F2: Owner = Owner::ClassFormal(1);
const F3: Owner = Owner::ClassFormal(2);

fn class(formals: &[&'static str]) -> Env {
    OwnerEnv::for_class(
        "class",
        formals.iter().map(|name| (FormalKind::Owner, *name)),
    )
}

#[test]
fn rule_1_heap_and_immortal_outlive_everything_including_each_other() {
    let mut env = class(&["f1", "f2"]);
    env.push_scope();
    let p = env.declare_method_formal(FormalKind::Owner, "p");
    let r = env.open_region(RegionKind::Local, "r");
    for lower in [Owner::This, F1, F2, p, r, Owner::Heap, Owner::Immortal] {
        assert!(env.outlives(Owner::Heap, lower), "heap ⪰ {lower:?}");
        assert!(env.outlives(Owner::Immortal, lower), "immortal ⪰ {lower:?}");
    }
    for upper in [Owner::This, F1, F2, p, r] {
        assert!(!env.outlives(upper, Owner::Heap), "{upper:?} ⪰ heap");
        assert!(
            !env.outlives(upper, Owner::Immortal),
            "{upper:?} ⪰ immortal"
        );
    }
}

#[test]
fn rule_2_formals_outlive_the_first_which_outlives_this() {
    let env = class(&["f1", "f2", "f3"]);
    assert!(env.outlives(F2, F1));
    assert!(env.outlives(F3, F1));
    assert!(env.outlives(F1, Owner::This));
    // Transitively, every formal outlives `this`.
    assert!(env.outlives(F3, Owner::This));
    // Nothing relates the other formals to each other, nor `this` upward.
    assert!(!env.outlives(F2, F3));
    assert!(!env.outlives(F3, F2));
    assert!(!env.outlives(F1, F2));
    assert!(!env.outlives(Owner::This, F1));
}

#[test]
fn rule_2_a_class_without_formals_has_this_alone() {
    let env = class(&[]);
    assert!(env.contains(Owner::This));
    assert!(!env.contains(F1));
    assert!(env.outlives(Owner::Heap, Owner::This));
}

#[test]
fn rule_3_where_outlives_and_where_owns_both_order() {
    let mut env = class(&["f1", "f2", "f3"]);
    env.add_outlives(F2, F3, "where f2 outlives f3").unwrap();
    assert!(env.outlives(F2, F3));
    assert!(!env.outlives(F3, F2));
    env.push_scope();
    let p = env.declare_method_formal(FormalKind::Owner, "p");
    let q = env.declare_method_formal(FormalKind::Owner, "q");
    assert!(!env.outlives(p, q));
    env.add_owns(p, q, "where p owns q").unwrap();
    assert!(env.outlives(p, q));
    assert!(!env.outlives(q, p));
}

#[test]
fn rule_3_a_fact_about_an_owner_not_in_scope_is_refused() {
    let mut env = class(&["f1"]);
    let err = env
        .add_outlives(F1, F2, "where f1 outlives f2")
        .unwrap_err();
    assert_eq!(err.0, F2);
    assert!(!env.outlives(F1, F2));
    assert_eq!(env.facts().count(), 1, "only `f1 owns this`");
}

#[test]
fn rule_4_every_owner_in_scope_outlives_a_region_opened_there() {
    let mut env = class(&["f1", "f2"]);
    env.push_scope();
    let p = env.declare_method_formal(FormalKind::Owner, "p");
    env.push_scope();
    let r1 = env.open_region(RegionKind::Local, "r1");
    for upper in [Owner::This, F1, F2, p, Owner::Heap, Owner::Immortal] {
        assert!(env.outlives(upper, r1), "{upper:?} ⪰ r1");
        assert!(!env.outlives(r1, upper), "not r1 ⪰ {upper:?}");
    }
}

#[test]
fn rule_4_the_papers_nested_regions() {
    // LANGUAGE.md §1: `region r1 { region r2 { … } }` and class Stack<s, d>,
    // whose type `Stack<o1, o2>` needs `o2 ⪰ o1`.
    let mut env: Env = OwnerEnv::new();
    env.push_scope();
    let r1 = env.open_region(RegionKind::Local, "r1");
    env.push_scope();
    let r2 = env.open_region(RegionKind::Local, "r2");
    assert!(env.outlives(r1, r1), "Stack<r1, r1>");
    assert!(
        env.outlives(r1, r2),
        "Stack<r2, r1>: data in r1 outlives the stack in r2"
    );
    assert!(!env.outlives(r2, r1), "Stack<r1, r2>: E0201");
}

#[test]
fn rule_4_sibling_regions_are_unrelated() {
    let mut env: Env = OwnerEnv::new();
    env.push_scope();
    let a = env.open_region(RegionKind::Local, "a");
    env.pop_scope();
    env.push_scope();
    let b = env.open_region(RegionKind::Local, "b");
    assert_ne!(a, b, "ids are never reused");
    assert!(!env.contains(a));
    assert!(!env.outlives(a, b));
    assert!(!env.outlives(b, a));
}

#[test]
fn rule_4_a_shared_region_block_nests_like_a_local_one() {
    let mut env: Env = OwnerEnv::new();
    env.push_scope();
    let r = env.open_region(RegionKind::Local, "r");
    env.push_scope();
    let m = env.open_region(RegionKind::Shared(KindId(0)), "m");
    assert!(env.outlives(r, m));
    assert!(!env.outlives(m, r));
}

#[test]
fn rule_5_only_the_parent_outlives_a_subregion() {
    // `void work(Handle<p> h) { region r { region s = h.sub { … } } }` with
    // `Mailbox p`: r is in scope where s is entered, yet s may outlive r,
    // because other threads may keep it alive after the block.
    let mut env = class(&["f1"]);
    env.push_scope();
    let p = env.declare_method_formal(FormalKind::Kind(KindId(0)), "p");
    env.push_scope();
    let r = env.open_region(RegionKind::Local, "r");
    env.push_scope();
    let s = env.enter_subregion(Some(p), Some(KindId(1)), "s").unwrap();
    assert!(env.outlives(p, s), "p ⪰ s");
    assert!(!env.outlives(r, s), "r is in scope, but s may outlive r");
    assert!(!env.outlives(Owner::This, s));
    assert!(!env.outlives(F1, s));
    assert!(!env.outlives(s, p));
    assert!(env.outlives(Owner::Heap, s));
    // A region opened inside the subregion's block nests in it as usual.
    env.push_scope();
    let inner = env.open_region(RegionKind::Local, "inner");
    assert!(env.outlives(s, inner));
    assert!(env.outlives(r, inner));
    assert!(env.outlives(p, inner));
}

#[test]
fn rule_5_a_subregion_of_a_region_opened_here_dies_with_it() {
    // `region r { region m : Mailbox { region s = m.work { … } } }`: m's
    // block waits for every thread it was handed to, so s (inside m) dies
    // before r: r ⪰ m by nesting, m ⪰ s by entry.
    let mut env: Env = OwnerEnv::new();
    env.push_scope();
    let r = env.open_region(RegionKind::Local, "r");
    env.push_scope();
    let m = env.open_region(RegionKind::Shared(KindId(0)), "m");
    env.push_scope();
    let s = env.enter_subregion(Some(m), Some(KindId(1)), "s").unwrap();
    assert!(env.outlives(r, s));
    assert!(!env.outlives(s, m));
}

#[test]
fn rule_5_a_subregion_of_an_erroneous_handle_has_no_parent() {
    let mut env: Env = OwnerEnv::new();
    env.push_scope();
    let r = env.open_region(RegionKind::Local, "r");
    let s = env.enter_subregion(None, None, "s").unwrap();
    assert!(!env.outlives(r, s));
    assert!(env.outlives(Owner::Immortal, s));
}

#[test]
fn rule_5_an_unknown_parent_is_refused_and_declares_nothing() {
    let mut env: Env = OwnerEnv::new();
    let before: Vec<Owner> = env.owners().collect();
    let err = env.enter_subregion(Some(Owner::This), Some(KindId(0)), "s");
    assert_eq!(err, Err(ownc_regions::UnknownOwner(Owner::This)));
    assert_eq!(env.owners().collect::<Vec<_>>(), before);
}

#[test]
fn transitivity_chains_rules_together() {
    // where p outlives f2 (rule 3), f2 ⪰ f1 (rule 2), f1 ⪰ this (rule 2),
    // this ⪰ r (rule 4), r ⪰ s (rule 5).
    let mut env = class(&["f1", "f2"]);
    env.push_scope();
    let p = env.declare_method_formal(FormalKind::Owner, "p");
    env.add_outlives(p, F2, "where p outlives f2").unwrap();
    env.push_scope();
    let m = env.open_region(RegionKind::Shared(KindId(0)), "m");
    env.push_scope();
    let s = env.enter_subregion(Some(m), Some(KindId(0)), "s").unwrap();
    assert!(env.outlives(p, F1));
    assert!(env.outlives(p, Owner::This));
    assert!(env.outlives(p, s), "p ⪰ m by nesting, m ⪰ s by entry");
    assert!(!env.outlives(F1, p));
}

#[test]
fn a_where_clause_above_heap_makes_an_owner_outlive_everything() {
    // Strange but legal: `where p outlives heap` gives p ⪰ heap ⪰ x.
    let mut env = class(&["f1"]);
    env.push_scope();
    let p = env.declare_method_formal(FormalKind::Owner, "p");
    let q = env.declare_method_formal(FormalKind::Owner, "q");
    assert!(!env.outlives(p, q));
    env.add_outlives(p, Owner::Heap, "where p outlives heap")
        .unwrap();
    assert!(env.outlives(p, q));
    assert!(env.outlives(p, Owner::Immortal));
}

#[test]
fn cycles_make_owners_outlive_each_other() {
    let mut env = class(&["f1", "f2"]);
    env.add_outlives(F1, F2, "where f1 outlives f2").unwrap();
    assert!(env.outlives(F1, F2) && env.outlives(F2, F1));
}

#[test]
fn owners_not_in_scope_relate_only_reflexively_and_below_heap() {
    let env = class(&["f1"]);
    let absent = Owner::MethodFormal(0);
    assert!(env.outlives(absent, absent));
    assert!(env.outlives(Owner::Heap, absent));
    assert!(!env.outlives(absent, Owner::This));
    assert!(!env.outlives(F1, absent));
}

#[test]
fn a_region_kind_has_this_as_a_shared_region() {
    let env: Env = OwnerEnv::for_region_kind(KindId(3), "Mailbox");
    assert!(env.outlives(Owner::Heap, Owner::This));
    assert!(!env.outlives(Owner::This, Owner::Heap));
    assert!(env.is_shareable(Owner::This));
}
