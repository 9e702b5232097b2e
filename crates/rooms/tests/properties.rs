//! The invariants of `krisesenter-rooms` (docs/invariants.md, rooms-1 to rooms-9).
//!
//! The placement is checked against a deliberately simple exhaustive reference solver and
//! an independent feasibility checker, both written here from docs/contract.md and sharing no
//! code with the crate's solver.
#![expect(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    reason = "the reference solver and checker index the generated input directly; a panic fails the test"
)]

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use krisesenter_core::{Gender, RoomId};
use krisesenter_rooms::{
    AllocateError, AllocateInput, AllocateOptions, Allocation, GenderSeparation, HouseholdRequest, Objective, Room,
    allocate,
};
use krisesenter_rooms::{HouseholdId, UnitId};
use krisesenter_testkit::rooms::{allocation_input, occupancy_calendar};
use proptest::prelude::*;

/// The day the placements are made on (it only chooses the citations).
fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
}

/// An objective as the reference sees it: priority placed, people placed, moved, empty beds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Obj {
    priority_placed: u64,
    people_placed: u64,
    moved: u64,
    empty_beds: u64,
}

impl Obj {
    /// A larger key is a better placement (the contract's lexicographic order).
    fn key(&self) -> (u64, u64, std::cmp::Reverse<u64>, std::cmp::Reverse<u64>) {
        (self.priority_placed, self.people_placed, std::cmp::Reverse(self.moved), std::cmp::Reverse(self.empty_beds))
    }
}

impl From<Objective> for Obj {
    fn from(o: Objective) -> Self {
        Obj {
            priority_placed: o.priority_placed(),
            people_placed: o.people_placed(),
            moved: o.moved(),
            empty_beds: o.empty_beds(),
        }
    }
}

/// Checks every rule of docs/contract.md `allocate` on an output, and recomputes its objective.
fn check(input: &AllocateInput, out: &Allocation) -> Result<(), String> {
    let rooms: BTreeMap<&RoomId, &Room> = input.rooms().iter().map(|r| (r.id(), r)).collect();
    let households: BTreeMap<&HouseholdId, &HouseholdRequest> =
        input.households().iter().map(|h| (h.id(), h)).collect();
    let by_unit = input.policy().gender_separation == GenderSeparation::ByUnit;

    // Every household is exactly once in placements or unplaced; both lists sorted by id.
    let placed_ids: Vec<&HouseholdId> = out.placements().iter().map(|p| p.household()).collect();
    let unplaced_ids: Vec<&HouseholdId> = out.unplaced().iter().map(|u| u.household()).collect();
    if !placed_ids.is_sorted() || !unplaced_ids.is_sorted() {
        return Err("lists not sorted by household id".into());
    }
    let all: BTreeSet<&HouseholdId> = placed_ids.iter().chain(&unplaced_ids).copied().collect();
    if all.len() != placed_ids.len() + unplaced_ids.len() || all != households.keys().copied().collect() {
        return Err("households not each listed exactly once".into());
    }
    if out.unplaced().iter().any(|u| u.reasons().is_empty()) {
        return Err("an unplaced household without reasons".into());
    }

    let mut used_rooms = BTreeSet::new();
    let mut unit_genders: BTreeMap<&UnitId, BTreeSet<Gender>> = BTreeMap::new();
    let mut unit_of: BTreeMap<&HouseholdId, &UnitId> = BTreeMap::new();
    let mut pets = 0u16;
    let mut objective = Obj::default();
    for p in out.placements() {
        let h = households[p.household()];
        let room = rooms.get(p.room()).ok_or("placement in an unknown room")?;
        if !used_rooms.insert(p.room()) {
            return Err(format!("two households in room {}", p.room()));
        }
        let size = h.adults().len() + h.children().len();
        if size > usize::from(room.beds()) {
            return Err(format!("{} does not fit {}", p.household(), p.room()));
        }
        if h.needs().accessible && !room.accessible() {
            return Err("accessible need not met".into());
        }
        if h.needs().screened && !room.screened() {
            return Err("screened need not met".into());
        }
        if input.policy().reserve_screened_rooms && room.screened() && !h.needs().screened {
            return Err("reserved screened room used".into());
        }
        pets += u16::from(h.needs().pet);
        unit_genders.entry(room.unit()).or_default().extend(h.adults().iter().map(|a| a.gender));
        unit_of.insert(h.id(), room.unit());
        objective.priority_placed += u64::from(h.priority().get());
        objective.people_placed += size as u64;
        objective.moved += u64::from(h.current_room().is_some_and(|c| c != p.room()));
        objective.empty_beds += u64::from(room.beds()) - size as u64;
    }
    if pets > input.kennel_places() {
        return Err("more pets than kennel places".into());
    }
    if by_unit && unit_genders.values().any(|g| g.contains(&Gender::Female) && g.contains(&Gender::Male)) {
        return Err("women and men in one unit".into());
    }
    for h in input.households() {
        if h.current_room().is_some() && !unit_of.contains_key(h.id()) {
            return Err("a current resident is not placed".into());
        }
        for other in h.keep_apart() {
            if let (Some(a), Some(b)) = (unit_of.get(h.id()), unit_of.get(other)) {
                if a == b {
                    return Err("keep-apart households share a unit".into());
                }
            }
        }
    }
    if objective != Obj::from(out.objective()) {
        return Err(format!("objective {:?} but placements give {:?}", out.objective(), objective));
    }
    Ok(())
}

/// The objective of a full assignment (household index -> room index), or None when it
/// breaks a rule. Written from the contract, independent of the crate.
fn evaluate(input: &AllocateInput, assignment: &[Option<usize>]) -> Option<Obj> {
    let by_unit = input.policy().gender_separation == GenderSeparation::ByUnit;
    let mut used = BTreeSet::new();
    let mut genders: BTreeMap<&UnitId, BTreeSet<Gender>> = BTreeMap::new();
    let mut unit_of = BTreeMap::new();
    let mut pets = 0;
    let mut o = Obj::default();
    for (h, r) in input.households().iter().zip(assignment) {
        let Some(r) = r else {
            if h.current_room().is_some() {
                return None;
            }
            continue;
        };
        let room = &input.rooms()[*r];
        let size = (h.adults().len() + h.children().len()) as u64;
        let ok = used.insert(*r)
            && size <= u64::from(room.beds())
            && (!h.needs().accessible || room.accessible())
            && (!h.needs().screened || room.screened())
            && !(input.policy().reserve_screened_rooms && room.screened() && !h.needs().screened);
        if !ok {
            return None;
        }
        pets += u16::from(h.needs().pet);
        genders.entry(room.unit()).or_default().extend(h.adults().iter().map(|a| a.gender));
        unit_of.insert(h.id(), room.unit());
        o.priority_placed += u64::from(h.priority().get());
        o.people_placed += size;
        o.moved += u64::from(h.current_room() != Some(room.id()) && h.current_room().is_some());
        o.empty_beds += u64::from(room.beds()) - size;
    }
    if pets > input.kennel_places() {
        return None;
    }
    if by_unit && genders.values().any(|g| g.contains(&Gender::Female) && g.contains(&Gender::Male)) {
        return None;
    }
    for h in input.households() {
        for other in h.keep_apart() {
            if let (Some(a), Some(b)) = (unit_of.get(h.id()), unit_of.get(other)) {
                if a == b {
                    return None;
                }
            }
        }
    }
    Some(o)
}

/// The best objective over every assignment, by brute force.
fn reference(input: &AllocateInput) -> Option<Obj> {
    fn go(input: &AllocateInput, i: usize, used: &mut Vec<bool>, a: &mut Vec<Option<usize>>, best: &mut Option<Obj>) {
        if i == input.households().len() {
            if let Some(o) = evaluate(input, a) {
                if best.is_none_or(|b| o.key() > b.key()) {
                    *best = Some(o);
                }
            }
            return;
        }
        a.push(None);
        go(input, i + 1, used, a, best);
        a.pop();
        for r in 0..input.rooms().len() {
            if !used[r] {
                used[r] = true;
                a.push(Some(r));
                go(input, i + 1, used, a, best);
                a.pop();
                used[r] = false;
            }
        }
    }
    let mut best = None;
    go(input, 0, &mut vec![false; input.rooms().len()], &mut Vec::new(), &mut best);
    best
}

fn alone(input: &AllocateInput, h: &HouseholdRequest) -> AllocateInput {
    let single = HouseholdRequest::builder(h.id().clone(), h.priority())
        .adults(h.adults().iter().copied())
        .children(h.children().iter().copied())
        .needs(h.needs())
        .build()
        .unwrap();
    input.clone().with_households(vec![single])
}

proptest! {
    #![proptest_config(krisesenter_testkit::config(96))]

    /// rooms-1: the solver's objective equals the exhaustive reference's on small instances,
    /// and it refuses exactly the inputs whose residents cannot all be placed.
    #[test]
    fn solver_matches_exhaustive_reference(input in allocation_input(5, 5)) {
        let expected = reference(&input);
        match allocate(&input, day()) {
            Ok(out) => {
                prop_assert_eq!(Some(Obj::from(out.objective())), expected);
                prop_assert_eq!(check(&input, &out), Ok(()));
            }
            Err(AllocateError::ResidentsCannotBePlaced { .. }) => prop_assert_eq!(expected, None),
            Err(e) => prop_assert!(false, "unexpected error {e}"),
        }
    }

    /// rooms-2 and rooms-3: every output keeps every rule, and every current resident is placed.
    #[test]
    fn every_output_is_feasible(input in allocation_input(12, 14)) {
        if let Ok(out) = allocate(&input, day()) {
            prop_assert_eq!(check(&input, &out), Ok(()));
            for h in input.households().iter().filter(|h| h.current_room().is_some()) {
                prop_assert!(out.placements().iter().any(|p| p.household() == h.id()));
            }
        }
    }

    /// rooms-4: adding a room never makes the objective worse (nor a feasible input infeasible).
    #[test]
    fn adding_a_room_never_worsens(input in allocation_input(6, 8), unit in 0usize..3, beds in 1u16..=5, acc: bool, scr: bool) {
        if let Ok(before) = allocate(&input, day()) {
            let unit = UnitId::try_new(["a", "b", "c"][unit]).unwrap();
            let mut rooms = input.rooms().to_vec();
            rooms.push(Room::try_new(RoomId::try_new("extra").unwrap(), unit, beds, acc, scr).unwrap());
            let more = AllocateInput::from_parts(input.policy(), input.kennel_places(), rooms, input.households().to_vec());
            let after = allocate(&more, day());
            prop_assert!(after.is_ok());
            prop_assert!(after.unwrap().objective().key() >= before.objective().key());
        }
    }

    /// rooms-5: shuffling rooms and households changes nothing in the output.
    #[test]
    fn input_order_does_not_matter(input in allocation_input(8, 10), seed: u64) {
        let (mut rooms, mut households) = (input.rooms().to_vec(), input.households().to_vec());
        let mut state = seed | 1;
        let mut next = move |n: usize| { state ^= state << 13; state ^= state >> 7; state ^= state << 17; (state % n as u64) as usize };
        for i in (1..rooms.len()).rev() { let j = next(i + 1); rooms.swap(i, j); }
        for i in (1..households.len()).rev() { let j = next(i + 1); households.swap(i, j); }
        let shuffled = AllocateInput::from_parts(input.policy(), input.kennel_places(), rooms, households);
        prop_assert_eq!(allocate(&input, day()), allocate(&shuffled, day()));
    }

    /// rooms-6: same input, same output, also after a JSON round trip of the input.
    #[test]
    fn same_input_same_output(input in allocation_input(8, 10)) {
        let json = serde_json::to_string(&input).unwrap();
        let again: AllocateInput = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&again, &input);
        prop_assert_eq!(allocate(&input, day()), allocate(&again, day()));
    }

    /// rooms-7: an unplaced household's reasons are true: "impossible" ones cannot be placed
    /// even alone in the empty shelter, "lost out for capacity" ones could be.
    #[test]
    fn unplaced_reasons_are_true(input in allocation_input(6, 8)) {
        if let Ok(out) = allocate(&input, day()) {
            for u in out.unplaced() {
                let h = input.households().iter().find(|h| h.id() == u.household()).unwrap();
                let alone = alone(&input, h);
                let fits_alone = reference(&alone).is_some_and(|o| o.priority_placed > 0);
                let lost = u.reasons().codes().any(|c| c == "lost_out_for_capacity");
                prop_assert_eq!(lost, fits_alone, "{:?}", u.reasons().codes().collect::<Vec<_>>());
            }
            let integrated = input.policy().gender_separation == GenderSeparation::Integrated;
            let noted = out.notes().codes().any(|c| c == "integrated_departs_from_ksl_2");
            prop_assert_eq!(integrated, noted);
        }
    }

    /// rooms-8: on every night, free beds plus beds of occupied rooms make the total, and the
    /// forecast agrees with the day-by-day answer.
    #[test]
    fn calendar_accounts_for_every_bed(cal in occupancy_calendar(), offset in 0i64..200, days in 0u32..30) {
        let from = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + chrono::Duration::days(offset);
        for f in cal.forecast(from, days) {
            let occupied: u32 = cal.inventory().rooms().iter()
                .filter(|r| cal.is_occupied(r.id(), f.date)).map(|r| u32::from(r.beds())).sum();
            prop_assert_eq!(f.free_beds + occupied, cal.inventory().total_beds());
            prop_assert_eq!(f.free_beds, cal.free_beds_on(f.date));
            prop_assert_eq!(f.free_rooms as usize, cal.free_rooms_on(f.date).len());
        }
        prop_assert_eq!(cal.forecast(from, days).len(), days as usize);
    }

    /// rooms-9: bed-nights follow the midnight rule: they are the sum over nights of the
    /// people resident at midnight, and they add up over adjacent periods.
    #[test]
    fn bed_nights_follow_the_midnight_rule(cal in occupancy_calendar(), a in 0i64..150, len1 in 0i64..60, len2 in 0i64..60) {
        let start = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        let from = start + chrono::Duration::days(a);
        let mid = from + chrono::Duration::days(len1);
        let to = mid + chrono::Duration::days(len2);
        prop_assert_eq!(cal.bed_nights(from, mid) + cal.bed_nights(mid, to), cal.bed_nights(from, to));
        let by_night: u64 = from.iter_days().take_while(|d| *d < mid)
            .map(|d| cal.bookings().iter().filter(|b| b.holds_night(d)).map(|b| u64::from(b.people())).sum::<u64>())
            .sum();
        prop_assert_eq!(by_night, cal.bed_nights(from, mid));
    }
}

/// The hostile families of issue 17 at sizes the exhaustive reference can check: a
/// keep-apart clique in small units, a `by_unit` shelter with residents, an `integrated`
/// shelter with twice as many keep-apart pairs as households.
fn hostile_input() -> impl Strategy<Value = AllocateInput> {
    use krisesenter_testkit::rooms::hostile;
    prop_oneof![
        (4usize..=6, 2usize..=3, any::<u64>()).prop_map(|(n, units, seed)| hostile::keep_apart_clique(n, units, seed)),
        (2usize..=3, 4usize..=5, any::<u64>()).prop_map(|(units, n, seed)| hostile::by_unit_shelter(units, 2, n, seed)),
        (4usize..=6, any::<u64>()).prop_map(|(n, seed)| hostile::keep_apart_pairs(n, seed)),
    ]
}

/// Small inputs of every kind: the generic ones and the hostile families.
fn any_small_input() -> impl Strategy<Value = AllocateInput> {
    prop_oneof![allocation_input(5, 5), hostile_input()]
}

proptest! {
    #![proptest_config(krisesenter_testkit::config(64))]

    /// rooms-11: with any node budget the output keeps every rule and places every current
    /// resident; when it says `proven_optimal` its objective is the exhaustive reference's;
    /// the priority bound is never below what the best placement reaches.
    #[test]
    fn any_budget_gives_a_feasible_answer_and_an_honest_proof(input in any_small_input(), budget in 1u64..12) {
        let expected = reference(&input);
        let limited = input.clone().with_options(AllocateOptions::with_node_budget(budget));
        match allocate(&limited, day()) {
            Ok(out) => {
                prop_assert_eq!(check(&input, &out), Ok(()));
                let best = expected.unwrap();
                if out.proven_optimal() {
                    prop_assert_eq!(Obj::from(out.objective()), best);
                }
                prop_assert!(out.bound().priority_placed() >= best.priority_placed);
                prop_assert!(out.bound().priority_placed() >= out.objective().priority_placed());
            }
            Err(AllocateError::ResidentsCannotBePlaced { .. }) => prop_assert_eq!(expected, None),
            Err(e) => prop_assert!(false, "unexpected error {e}"),
        }
    }

    /// rooms-12: a larger budget never gives a worse objective, and the same input and
    /// budget give the same output.
    #[test]
    fn a_larger_budget_is_never_worse(input in any_small_input(), small in 1u64..8, more in 0u64..40) {
        let with = |b: u64| allocate(&input.clone().with_options(AllocateOptions::with_node_budget(b)), day());
        if let (Ok(a), Ok(b)) = (with(small), with(small + more)) {
            prop_assert!(b.objective().key() >= a.objective().key());
            prop_assert_eq!(with(small).ok(), Some(a));
        }
    }

    /// rooms-1 on the hostile families: with the default budget the placement is proven
    /// optimal and its objective is the exhaustive reference's.
    #[test]
    fn hostile_families_match_the_reference(input in hostile_input()) {
        let expected = reference(&input);
        match allocate(&input, day()) {
            Ok(out) => {
                prop_assert!(out.proven_optimal());
                prop_assert_eq!(Some(Obj::from(out.objective())), expected);
                prop_assert_eq!(check(&input, &out), Ok(()));
            }
            Err(AllocateError::ResidentsCannotBePlaced { .. }) => prop_assert_eq!(expected, None),
            Err(e) => prop_assert!(false, "unexpected error {e}"),
        }
    }
}
