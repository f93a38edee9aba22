//! Tests of the whole contract analysis: synchronizing final states with
//! their witnesses, Heap-Hop's contracts, and contracts of 10,000 states
//! (that they are checked at all, quickly enough for a unit test; timing is
//! the benchmarks' business).

use super::test_support::contract;
use super::{check_contract, ContractError, Witness};
use ownc_lang::ast::{ContractDecl, Direction};

/// The synchronizing errors: (state, direction, cycle length, shown steps
/// as the source text of their transitions).
fn unsynchronized(source: &str) -> Vec<(String, Direction, usize, Vec<String>)> {
    let decl = contract(source);
    check_contract(&decl, true)
        .into_iter()
        .filter_map(|e| match e {
            ContractError::NotSynchronizing {
                state,
                direction,
                witness: Witness { length, steps },
            } => {
                let shown = steps
                    .iter()
                    .map(|(n, span)| format!("{n}:{}", &source[span.range()]))
                    .collect();
                Some((state.name.to_string(), direction, length, shown))
            }
            _ => None,
        })
        .collect()
}

fn codes(decl: &ContractDecl) -> Vec<&'static str> {
    check_contract(decl, true)
        .iter()
        .map(|e| match e {
            ContractError::NoInitialState | ContractError::ExtraInitialState { .. } => "E0001",
            ContractError::UnknownTargetState { .. } => "E0101",
            ContractError::NotDeterministic { .. } => "E0701",
            ContractError::NotPositional { .. } => "E0702",
            ContractError::NotSynchronizing { .. } => "E0706",
        })
        .collect()
}

#[test]
fn the_service_contract_of_section_11_is_well_formed() {
    let source = "contract Service {
        initial state idle { !Req -> busy; !Done -> end; }
        state busy        { ?Ack -> idle; }
        final state end   { }
    }";
    assert!(codes(&contract(source)).is_empty());
}

#[test]
fn heap_hop_contracts_are_well_formed() {
    // C: send a pointer and end; C': cells acknowledged one by one, then fin.
    for source in [
        "contract C { initial state init { !Pointer -> end; } final state end { } }",
        "contract C2 {
            initial state q { !Cell -> q2; !Fin -> end; }
            state q2 { ?Ack -> q; }
            final state end { }
        }",
    ] {
        assert!(codes(&contract(source)).is_empty(), "{source}");
    }
}

#[test]
fn a_mixed_cycle_through_a_final_state_is_synchronizing() {
    let source = "contract Loop {
        initial final state ask { !Data -> answer; }
        state answer { ?Ok -> ask; }
    }";
    assert!(unsynchronized(source).is_empty());
}

#[test]
fn a_send_self_loop_on_a_final_state() {
    let source = "contract Stream {
        initial final state flowing { !Item -> flowing; }
    }";
    assert_eq!(
        unsynchronized(source),
        [(
            "flowing".into(),
            Direction::Send,
            1,
            vec!["1:!Item -> flowing;".into()]
        )]
    );
}

#[test]
fn a_pure_cycle_is_bad_even_beside_a_mixed_one() {
    // `b` is on the mixed cycle b→c→b and on the receive-only cycle b→d→b.
    let source = "contract C {
        initial state a { !Go -> b; }
        final state b { ?X -> c; ?Y -> d; }
        state c { !Z -> b; }
        state d { ?W -> b; }
    }";
    assert_eq!(
        unsynchronized(source),
        [(
            "b".into(),
            Direction::Receive,
            2,
            vec!["1:?Y -> d;".into(), "2:?W -> b;".into()]
        )]
    );
}

#[test]
fn sends_are_the_witness_when_both_kinds_of_cycle_exist() {
    let source = "contract C { initial final state a { !M -> a; ?N -> a; } }";
    let found = unsynchronized(source);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].1, Direction::Send);
}

#[test]
fn the_witness_is_a_shortest_cycle_for_the_first_state_and_through_it_for_others() {
    // a→b→c→a and a→c→a are send cycles; every state is final.
    let source = "contract C {
        initial final state a { !M -> b; !N -> c; }
        final state b { !M -> c; }
        final state c { !M -> a; }
    }";
    let found = unsynchronized(source);
    let shown: Vec<(&str, usize, Vec<&str>)> = found
        .iter()
        .map(|(s, _, n, steps)| (s.as_str(), *n, steps.iter().map(String::as_str).collect()))
        .collect();
    assert_eq!(
        shown,
        [
            ("a", 2, vec!["1:!N -> c;", "2:!M -> a;"]),
            // b to a (b→c→a), then a to b (a→b).
            ("b", 3, vec!["1:!M -> c;", "2:!M -> a;", "3:!M -> b;"]),
            // c to a, then a to c.
            ("c", 2, vec!["1:!M -> a;", "2:!N -> c;"]),
        ]
    );
}

#[test]
fn only_final_states_are_checked() {
    let source = "contract C {
        initial state a { !M -> a; !Stop -> end; }
        final state end { }
    }";
    assert!(unsynchronized(source).is_empty());
}

#[test]
fn a_cycle_of_another_component_is_not_a_witness() {
    // Two send cycles, a↔b and c↔d, joined by one send b→c.
    let source = "contract C {
        initial final state a { !M -> b; }
        state b { !M -> a; !J -> c; }
        final state c { !M -> d; }
        state d { !M -> c; }
    }";
    let found = unsynchronized(source);
    assert_eq!(found.len(), 2);
    assert_eq!(found[1].3, ["1:!M -> d;", "2:!M -> c;"]);
}

/// `n` states s0…s(n-1) on one cycle of `!M`, the last with `!Stop` to a
/// final state; `final_every` makes every k-th state of the cycle final.
fn ring(n: usize, final_every: Option<usize>) -> String {
    let mut source = String::from("contract Big {\n");
    for i in 0..n {
        let initial = if i == 0 { "initial " } else { "" };
        let fin = match final_every {
            Some(k) if i % k == 0 => "final ",
            _ => "",
        };
        source.push_str(&format!(
            "{initial}{fin}state s{i} {{ !M -> s{}; !Stop -> end; }}\n",
            (i + 1) % n
        ));
    }
    source.push_str("final state end { }\n}\n");
    source
}

#[test]
fn a_contract_of_10000_states_is_checked() {
    let clean = contract(&ring(10_000, None));
    assert!(codes(&clean).is_empty());
}

#[test]
fn a_ring_of_10000_final_states_is_reported_state_by_state_with_short_witnesses() {
    // Every state is final and on the same 10,000-send cycle: each gets its
    // error, and no witness shows more than the first and last steps.
    let source = ring(10_000, Some(1));
    let decl = contract(&source);
    let errors = check_contract(&decl, true);
    assert_eq!(errors.len(), 10_000);
    for e in &errors {
        let ContractError::NotSynchronizing { witness, .. } = e else {
            unreachable!("only E0706 is expected: {e:?}");
        };
        assert_eq!(witness.length, 10_000);
        assert_eq!(witness.steps.len(), super::synchronizing::SHOWN_STEPS);
    }
}

#[test]
fn long_witnesses_show_their_first_and_last_steps() {
    // 20 sends in a ring; s0, s5, s10 and s15 are final.
    let source = ring(20, Some(5));
    let found = unsynchronized(&source);
    let numbers: Vec<(String, Vec<usize>)> = found
        .iter()
        .map(|(state, _, length, steps)| {
            assert_eq!(*length, 20);
            let numbers = steps
                .iter()
                .filter_map(|s| s.split(':').next()?.parse().ok())
                .collect();
            (state.clone(), numbers)
        })
        .collect();
    assert_eq!(
        numbers,
        [
            // The root: its cycle walked whole, the first and last four shown.
            ("s0".to_string(), vec![1, 2, 3, 4, 17, 18, 19, 20]),
            // s5: 15 steps to s0, then 5 back to s5.
            ("s5".to_string(), vec![1, 2, 3, 4, 17, 18, 19, 20]),
            ("s10".to_string(), vec![1, 2, 3, 4, 17, 18, 19, 20]),
            ("s15".to_string(), vec![1, 2, 3, 4, 17, 18, 19, 20]),
        ]
    );
    // s15's walk starts with its own transition and ends with the one into it.
    let s15 = &found[3].3;
    assert_eq!(s15.first().map(String::as_str), Some("1:!M -> s16;"));
    assert_eq!(s15.last().map(String::as_str), Some("20:!M -> s15;"));
}
