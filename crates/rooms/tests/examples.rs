//! Worked examples on the Romerike default shelter (DOMAIN.md §3) and the documented tie-break.
#![expect(clippy::unwrap_used, reason = "test code: a panic fails the test")]

use chrono::NaiveDate;
use krisesenter_core::{Gender, RoomId};
use krisesenter_rooms::{
    AllocateInput, Allocation, Child, HouseholdRequest, Inventory, Needs, Policy, Priority, Room, allocate,
    allocate_with_stats,
};
use krisesenter_rooms::{HouseholdId, UnitId};

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
}

fn household(
    id: &str,
    gender: Gender,
    children: u8,
    priority: u8,
    needs: Needs,
    current: Option<&str>,
) -> HouseholdRequest {
    let mut h = HouseholdRequest::builder(HouseholdId::try_new(id).unwrap(), Priority::try_new(priority).unwrap())
        .adult(gender)
        .children((0..children).map(|_| Child::try_new(4).unwrap()))
        .needs(needs);
    if let Some(room) = current {
        h = h.living_in(RoomId::try_new(room).unwrap());
    }
    h.build().unwrap()
}

fn screened() -> Needs {
    let mut needs = Needs::default();
    needs.screened = true;
    needs
}

fn pet() -> Needs {
    let mut needs = Needs::default();
    needs.pet = true;
    needs
}

fn room_of<'a>(out: &'a Allocation, h: &str) -> Option<&'a str> {
    out.placements().iter().find(|p| p.household().as_str() == h).map(|p| p.room().as_str())
}

#[test]
fn a_full_evening_at_romerike() {
    // Fourteen women with children live in r01..r14; a mother under high threat lives in r15.
    let mut households: Vec<HouseholdRequest> = (1..=14)
        .map(|n| household(&format!("res{n:02}"), Gender::Female, 2, 3, Needs::default(), Some(&format!("r{n:02}"))))
        .collect();
    households.push(household("res15", Gender::Female, 1, 5, screened(), Some("r15")));
    // Tonight: another mother under high threat with two children, a man, and a woman with a dog.
    households.push(household("new1", Gender::Female, 2, 5, screened(), None));
    households.push(household("new2", Gender::Male, 0, 4, Needs::default(), None));
    households.push(household("new3", Gender::Female, 1, 2, pet(), None));
    let input = AllocateInput::new(Policy::default(), &Inventory::romerike(), households);
    let out = allocate(&input, as_of()).unwrap();

    // Every resident keeps her room; the second screened room goes to the new mother.
    for n in 1..=15 {
        assert_eq!(room_of(&out, &format!("res{n:02}")), Some(format!("r{n:02}").as_str()));
    }
    assert_eq!(room_of(&out, "new1"), Some("r16"));
    // No room is left for the man or the woman with the dog: they lost out for capacity
    // (the screened room is reserved, and it is the only one left).
    let codes: Vec<(&str, Vec<&str>)> =
        out.unplaced().iter().map(|u| (u.household().as_str(), u.reasons().codes().collect())).collect();
    assert_eq!(codes, vec![("new2", vec!["lost_out_for_capacity"]), ("new3", vec!["lost_out_for_capacity"])]);
    assert_eq!(out.objective().moved(), 0);
    assert_eq!(out.objective().people_placed(), 14 * 3 + 2 + 3);
    assert_eq!(out.objective().empty_beds(), 14 + 1);
    assert!(out.notes().is_empty());
}

#[test]
fn a_man_gets_a_unit_of_his_own_when_it_is_free() {
    // The screened unit is empty and not reserved: under by_unit the man may take it, while
    // the women share the main unit.
    let households = vec![
        household("h1", Gender::Female, 3, 3, Needs::default(), Some("r01")),
        household("h2", Gender::Male, 0, 4, Needs::default(), None),
    ];
    let input = AllocateInput::new(Policy::default(), &Inventory::romerike(), households)
        .with_policy(Policy::new(krisesenter_rooms::GenderSeparation::ByUnit, false));
    let out = allocate(&input, as_of()).unwrap();
    assert_eq!(room_of(&out, "h2"), Some("r15"));
    assert_eq!(out.objective().empty_beds(), 2);
}

#[test]
fn of_equal_households_the_lowest_id_is_placed() {
    let one_room = Inventory::from_rooms(vec![Inventory::romerike().rooms()[1].clone()], 0).unwrap();
    let households = vec![
        household("h9", Gender::Female, 1, 3, Needs::default(), None),
        household("h2", Gender::Female, 1, 3, Needs::default(), None),
        household("h5", Gender::Female, 1, 3, Needs::default(), None),
    ];
    let out = allocate(&AllocateInput::new(Policy::default(), &one_room, households), as_of()).unwrap();
    assert_eq!(room_of(&out, "h2"), Some("r02"));
    let unplaced: Vec<&str> = out.unplaced().iter().map(|u| u.household().as_str()).collect();
    assert_eq!(unplaced, vec!["h5", "h9"]);
}

#[test]
fn the_accessible_room_is_kept_free_when_others_fit() {
    // A mother with a child and a mother with three children: every placement in two rooms
    // of 4 beds gives 6 people and 2 empty beds, so the tie-break decides: the accessible
    // room r01 stays free, and the households take the next rooms in id order.
    let households = vec![
        household("a", Gender::Female, 1, 3, Needs::default(), None),
        household("b", Gender::Female, 3, 3, Needs::default(), None),
    ];
    let out = allocate(&AllocateInput::new(Policy::default(), &Inventory::romerike(), households), as_of()).unwrap();
    assert_eq!(out.objective().empty_beds(), 2);
    assert_eq!((room_of(&out, "a"), room_of(&out, "b")), (Some("r02"), Some("r03")));
}

/// Every search solves at least its root; a search that branches says so.
///
/// Fails on the mutant of `Search::run` (solver.rs) that replaces `nodes += 1` by
/// `nodes *= 1`, which reports no node at all.
#[test]
fn the_search_counts_its_nodes() {
    let (_, stats) =
        allocate_with_stats(&AllocateInput::new(Policy::default(), &Inventory::romerike(), vec![]), as_of()).unwrap();
    assert_eq!(stats.nodes(), 1);
    // A woman and a man whom the relaxation puts in one unit: the search branches on the
    // unit's gender (the root and its two children).
    let one_unit = Inventory::from_rooms(Inventory::romerike().rooms()[1..3].to_vec(), 0).unwrap();
    let households = vec![
        household("w", Gender::Female, 0, 3, Needs::default(), None),
        household("m", Gender::Male, 0, 2, Needs::default(), None),
    ];
    let (out, stats) =
        allocate_with_stats(&AllocateInput::new(Policy::default(), &one_unit, households), as_of()).unwrap();
    assert_eq!(stats.nodes(), 3);
    assert_eq!((room_of(&out, "w"), room_of(&out, "m")), (Some("r02"), None));
}

/// Of two placements equal on every level, the one the search reaches first is returned: the
/// relaxation puts a woman with a child and two men in one unit, the women's and the men's
/// label give the same objective, and the heavier side by weight (here a tie, which goes to
/// the women) is explored first, whatever the number of households on each side.
///
/// Fails on the mutant of `Search::weight` (solver.rs) that returns 1 for every flow: the
/// side with more households (the two men) is then explored first and placed instead.
#[test]
fn a_tie_between_the_labels_of_a_unit_goes_to_the_heavier_side() {
    let unit = UnitId::try_new("a").unwrap();
    let room = |id: &str, beds| Room::try_new(RoomId::try_new(id).unwrap(), unit.clone(), beds, false, false).unwrap();
    let inventory = Inventory::from_rooms(vec![room("r1", 2), room("r2", 1), room("r3", 1)], 0).unwrap();
    let households = vec![
        household("w", Gender::Female, 1, 2, Needs::default(), None),
        household("m1", Gender::Male, 0, 1, Needs::default(), None),
        household("m2", Gender::Male, 0, 1, Needs::default(), None),
    ];
    let out = allocate(&AllocateInput::new(Policy::default(), &inventory, households), as_of()).unwrap();
    // Either way: priority 2, two people, no move, no empty bed.
    let o = out.objective();
    assert_eq!((o.priority_placed(), o.people_placed(), o.moved(), o.empty_beds()), (2, 2, 0, 0));
    assert_eq!((room_of(&out, "w"), room_of(&out, "m1"), room_of(&out, "m2")), (Some("r1"), None, None));
}

/// The weight of a side of a mixed unit counts every household of a flow: two women of one
/// kind (one flow of two) weigh as much as a man with a child, so the tie goes to the women
/// and both of them are placed.
///
/// Fails on the mutants of `Search::violation` (solver.rs) that replace `*` in
/// `self.weight(f) * i128::from(f.flow)` by `/` or `+`: the women's side then weighs less
/// than the man's, his label is explored first, and he is placed instead.
#[test]
fn a_side_weighs_every_household_of_its_flow() {
    let unit = UnitId::try_new("a").unwrap();
    let room = |id: &str, beds| Room::try_new(RoomId::try_new(id).unwrap(), unit.clone(), beds, false, false).unwrap();
    let inventory = Inventory::from_rooms(vec![room("r1", 2), room("r2", 1), room("r3", 1)], 0).unwrap();
    let households = vec![
        household("m", Gender::Male, 1, 2, Needs::default(), None),
        household("w1", Gender::Female, 0, 1, Needs::default(), None),
        household("w2", Gender::Female, 0, 1, Needs::default(), None),
    ];
    let out = allocate(&AllocateInput::new(Policy::default(), &inventory, households), as_of()).unwrap();
    let o = out.objective();
    assert_eq!((o.priority_placed(), o.people_placed(), o.moved(), o.empty_beds()), (2, 2, 0, 0));
    assert_eq!((room_of(&out, "m"), room_of(&out, "w1"), room_of(&out, "w2")), (None, Some("r2"), Some("r3")));
}

/// Two households to keep apart, equal in every way, in a shelter of one unit: the one with
/// the lower id keeps the unit (the heavier of the two is kept first; a tie keeps the first).
///
/// Fails on the mutant of `Search::violation` (solver.rs) that replaces `wa >= wb` by
/// `wa < wb`: the other one is then kept first and placed instead.
#[test]
fn of_two_equal_households_kept_apart_the_first_keeps_the_unit() {
    let unit = UnitId::try_new("a").unwrap();
    let room = |id: &str| Room::try_new(RoomId::try_new(id).unwrap(), unit.clone(), 2, false, false).unwrap();
    let inventory = Inventory::from_rooms(vec![room("r1"), room("r2")], 0).unwrap();
    let apart = |id: &str, other: &str| {
        HouseholdRequest::builder(HouseholdId::try_new(id).unwrap(), Priority::try_new(2).unwrap())
            .adult(Gender::Female)
            .keep_apart_from([HouseholdId::try_new(other).unwrap()])
            .build()
            .unwrap()
    };
    let households = vec![apart("y", "x"), apart("x", "y")];
    let out = allocate(&AllocateInput::new(Policy::default(), &inventory, households), as_of()).unwrap();
    assert_eq!((room_of(&out, "x"), room_of(&out, "y")), (Some("r1"), None));
}

/// Current residents of one kind keep their own rooms, whichever of them lives in which kind
/// of room.
///
/// Fails on the mutant of `Search::extract` (solver.rs) that replaces `&&` by `||` in the
/// choice of who stays: a member not living in the class is then taken as staying there, and
/// both residents are moved.
#[test]
fn residents_of_one_kind_keep_their_own_rooms() {
    // r01 is accessible (a class of its own), r02 is not; the lower id lives in r02.
    let households = vec![
        household("h1", Gender::Female, 0, 3, Needs::default(), Some("r02")),
        household("h2", Gender::Female, 0, 3, Needs::default(), Some("r01")),
    ];
    let out = allocate(&AllocateInput::new(Policy::default(), &Inventory::romerike(), households), as_of()).unwrap();
    assert_eq!((room_of(&out, "h1"), room_of(&out, "h2")), (Some("r02"), Some("r01")));
    assert_eq!(out.objective().moved(), 0);
}
