//! Kinds (LANGUAGE.md §3, §8, §12): which owners a formal admits (E0206),
//! what each owner in scope is, and which owners a thread may share (E0403).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ownc_regions::{FormalKind, KindId, Owner, OwnerEnv, OwnerKind, RegionKind};

const MAILBOX: KindId = KindId(0);
const SCRATCH: KindId = KindId(1);

#[test]
fn what_each_formal_kind_admits() {
    use OwnerKind as K;
    let owners = [
        K::Any,
        K::Object,
        K::Region,
        K::Shared(None),
        K::Shared(Some(MAILBOX)),
        K::Shared(Some(SCRATCH)),
        K::Unknown,
    ];
    let table: [(FormalKind, [bool; 7]); 4] = [
        (
            FormalKind::Owner,
            [true, true, true, true, true, true, true],
        ),
        (
            FormalKind::Region,
            [false, false, true, true, true, true, true],
        ),
        (
            FormalKind::Shared,
            [false, false, false, true, true, true, true],
        ),
        (
            FormalKind::Kind(MAILBOX),
            [false, false, false, false, true, false, true],
        ),
    ];
    for (formal, expected) in table {
        for (owner, admitted) in owners.iter().zip(expected) {
            assert_eq!(
                formal.admits(*owner),
                admitted,
                "{formal:?} admits {owner:?}"
            );
        }
    }
}

#[test]
fn a_formal_admits_what_it_is_itself() {
    // Passing a formal on to a formal of the same kind is always fine.
    for formal in [
        FormalKind::Owner,
        FormalKind::Region,
        FormalKind::Shared,
        FormalKind::Kind(MAILBOX),
    ] {
        assert!(formal.admits(formal.owner_kind()), "{formal:?}");
    }
}

#[test]
fn each_owner_has_the_kind_of_how_it_came_into_scope() {
    let mut env = OwnerEnv::for_class(
        "C",
        [
            (FormalKind::Owner, "o"),
            (FormalKind::Region, "r"),
            (FormalKind::Kind(MAILBOX), "m"),
        ],
    );
    env.push_scope();
    let s = env.declare_method_formal(FormalKind::Shared, "s");
    let local = env.open_region(RegionKind::Local, "local");
    let shared = env.open_region(RegionKind::Shared(MAILBOX), "shared");
    let broken = env.open_region(RegionKind::Unknown, "broken");
    let sub = env
        .enter_subregion(Some(shared), Some(SCRATCH), "sub")
        .unwrap();
    let lost = env.enter_subregion(None, None, "lost").unwrap();
    let expected = [
        (Owner::Heap, OwnerKind::Region),
        (Owner::Immortal, OwnerKind::Region),
        (Owner::This, OwnerKind::Object),
        (Owner::ClassFormal(0), OwnerKind::Any),
        (Owner::ClassFormal(1), OwnerKind::Region),
        (Owner::ClassFormal(2), OwnerKind::Shared(Some(MAILBOX))),
        (s, OwnerKind::Shared(None)),
        (local, OwnerKind::Region),
        (shared, OwnerKind::Shared(Some(MAILBOX))),
        (broken, OwnerKind::Unknown),
        (sub, OwnerKind::Shared(Some(SCRATCH))),
        (lost, OwnerKind::Unknown),
    ];
    for (owner, kind) in expected {
        assert_eq!(env.kind_of(owner), Some(kind), "{owner:?}");
    }
    assert_eq!(env.kind_of(Owner::MethodFormal(7)), None);
}

#[test]
fn threads_may_share_heap_immortal_and_shared_regions_only() {
    let mut env = OwnerEnv::for_class("C", [(FormalKind::Owner, "o"), (FormalKind::Shared, "s")]);
    env.push_scope();
    let local = env.open_region(RegionKind::Local, "local");
    let shared = env.open_region(RegionKind::Shared(MAILBOX), "shared");
    let broken = env.open_region(RegionKind::Unknown, "broken");
    let shareable = [
        Owner::Heap,
        Owner::Immortal,
        Owner::ClassFormal(1),
        shared,
        broken,
    ];
    let not_shareable = [
        Owner::This,
        Owner::ClassFormal(0),
        local,
        Owner::MethodFormal(0),
    ];
    for owner in shareable {
        assert!(env.is_shareable(owner), "{owner:?}");
    }
    for owner in not_shareable {
        assert!(!env.is_shareable(owner), "{owner:?}");
    }
}

#[test]
fn a_region_kind_admits_its_this_for_its_own_kind_only() {
    let env: OwnerEnv<()> = OwnerEnv::for_region_kind(MAILBOX, ());
    let this = env.kind_of(Owner::This).unwrap();
    assert!(FormalKind::Kind(MAILBOX).admits(this));
    assert!(!FormalKind::Kind(SCRATCH).admits(this));
    assert!(FormalKind::Shared.admits(this));
}
