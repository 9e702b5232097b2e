//! Worked examples on the Romerike default shelter (DOMAIN.md §3) and the documented tie-break.
#![expect(clippy::unwrap_used, reason = "test code: a panic fails the test")]

use chrono::NaiveDate;
use krisesenter_core::{Gender, HouseholdId, RoomId};
use krisesenter_rooms::{
    AllocateInput, Allocation, Child, HouseholdRequest, Inventory, Needs, Policy, Priority, allocate,
};

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
