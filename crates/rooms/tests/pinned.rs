//! Named behaviours of krisesenter-rooms that mutation testing found unpinned by the crate's
//! unit and integration tests: each test's doc comment names the mutants it kills.

#![expect(clippy::unwrap_used, reason = "test code: a panic fails the test")]

use chrono::NaiveDate;
use krisesenter_core::{Gender, RoomId};
use krisesenter_rooms::{
    AllocateInput, AllocateOptions, Booking, Child, DEFAULT_NODE_BUDGET, GenderSeparation, HouseholdId,
    HouseholdRequest, Inventory, InventoryError, MAX_BEDS_PER_ROOM, Needs, Policy, Priority, Room, UnitId, allocate,
};

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
}

fn room(id: &str, unit: &str, beds: u16, accessible: bool, screened: bool) -> Room {
    Room::try_new(RoomId::try_new(id).unwrap(), UnitId::try_new(unit).unwrap(), beds, accessible, screened).unwrap()
}

fn inventory(rooms: Vec<Room>) -> Inventory {
    Inventory::try_new(vec![UnitId::try_new("a").unwrap()], rooms, 0).unwrap()
}

fn household(id: &str, children: u8, needs: Needs, current: Option<&str>) -> HouseholdRequest {
    let mut h = HouseholdRequest::builder(HouseholdId::try_new(id).unwrap(), Priority::try_new(3).unwrap())
        .adult(Gender::Female)
        .children((0..children).map(|_| Child::try_new(4).unwrap()))
        .needs(needs);
    if let Some(room) = current {
        h = h.living_in(RoomId::try_new(room).unwrap());
    }
    h.build().unwrap()
}

fn needs(accessible: bool, screened: bool) -> Needs {
    let mut n = Needs::default();
    n.accessible = accessible;
    n.screened = screened;
    n
}

fn integrated(reserve_screened: bool) -> Policy {
    Policy::new(GenderSeparation::Integrated, reserve_screened)
}

/// The codes why the household `id` is not placed.
fn why(input: &AllocateInput, id: &str) -> Vec<String> {
    let allocation = allocate(input, day()).unwrap();
    let unplaced = allocation.unplaced().iter().find(|u| u.household().as_str() == id).unwrap();
    unplaced.reasons().codes().map(str::to_owned).collect()
}

/// The node budget: 40 when `options` omit it, the one given otherwise; default options are
/// not written back. Kills `default_node_budget` and `AllocateOptions::node_budget` replaced by
/// 0 or 1, and `AllocateOptions::is_default` replaced by `true`, `false` or `!=`.
#[test]
fn the_node_budget_is_read_kept_and_written_only_when_not_the_default() {
    let read: AllocateOptions = serde_json::from_str("{}").unwrap();
    assert_eq!(read.node_budget(), DEFAULT_NODE_BUDGET);
    assert_eq!(DEFAULT_NODE_BUDGET, 40);
    assert_eq!(AllocateOptions::with_node_budget(7).node_budget(), 7);
    let input = AllocateInput::new(integrated(false), &Inventory::romerike(), vec![]);
    let plain = serde_json::to_value(&input).unwrap();
    assert!(plain.get("options").is_none(), "{plain}");
    let budgeted = serde_json::to_value(input.with_options(AllocateOptions::with_node_budget(7))).unwrap();
    assert_eq!(budgeted["options"]["node_budget"], 7);
}

/// Needs that each some room meets, but no room meets together: `no_room_meets_all_needs`,
/// not a reservation and not a capacity loss, with or without screened rooms reserved. Kills
/// the mutants of the unreserved fit of `impossible_in_empty_shelter` (`<=` to `>`, its first
/// two `&&` made `||`, and the `&&` before it made `||`).
#[test]
fn needs_no_single_room_meets_together_are_named() {
    // One accessible room of two beds; one room of four beds, not accessible.
    let rooms = vec![room("r1", "a", 2, true, false), room("r2", "a", 4, false, false)];
    let family = household("h1", 3, needs(true, false), None);
    let input = AllocateInput::new(integrated(false), &inventory(rooms), vec![family]);
    assert_eq!(why(&input, "h1"), ["no_room_meets_all_needs"]);

    // Screened and accessible, the only screened room not accessible.
    let rooms = vec![room("r1", "a", 2, true, false), room("r2", "a", 2, false, true)];
    let both = household("h2", 0, needs(true, true), None);
    let input = AllocateInput::new(integrated(false), &inventory(rooms), vec![both]);
    assert_eq!(why(&input, "h2"), ["no_room_meets_all_needs"]);

    // A family that fits the screened room only, while screened rooms are reserved.
    let rooms = vec![room("r1", "a", 4, false, true), room("r2", "a", 1, false, false)];
    let family = household("h3", 2, needs(false, false), None);
    let input = AllocateInput::new(integrated(true), &inventory(rooms.clone()), vec![family.clone()]);
    assert_eq!(why(&input, "h3"), ["screened_rooms_reserved"]);
    // Without the reservation it is placed.
    let open = allocate(&AllocateInput::new(integrated(false), &inventory(rooms), vec![family]), day()).unwrap();
    assert_eq!(open.placements().len(), 1);

    // With the reservation on, a family whose needs no room meets together, reserved or not:
    // not the reservation's fault.
    let rooms =
        vec![room("r1", "a", 2, true, false), room("r2", "a", 4, false, false), room("r3", "a", 1, false, true)];
    let family = household("h4", 2, needs(true, false), None);
    let input = AllocateInput::new(integrated(true), &inventory(rooms), vec![family]);
    assert_eq!(why(&input, "h4"), ["no_room_meets_all_needs"]);
}

/// A resident moved to let a larger family in is noted (`residents_moved`); no move, no note.
/// Kills `objective.moved > 0` mutated to `<` in `describe`.
#[test]
fn a_move_is_noted_only_when_a_resident_moves() {
    let rooms = vec![room("small", "a", 2, false, false), room("large", "a", 4, false, false)];
    let resident = household("h1", 1, Needs::default(), Some("large"));
    let family = household("h2", 3, Needs::default(), None);
    let moved = allocate(
        &AllocateInput::new(integrated(false), &inventory(rooms.clone()), vec![resident.clone(), family]),
        day(),
    )
    .unwrap();
    assert_eq!(moved.objective().moved(), 1);
    assert!(moved.notes().codes().any(|c| c == "residents_moved"));
    let still = allocate(&AllocateInput::new(integrated(false), &inventory(rooms), vec![resident]), day()).unwrap();
    assert_eq!(still.objective().moved(), 0);
    assert!(!still.notes().codes().any(|c| c == "residents_moved"));
}

/// Priorities run from 1 to 5; children are under 18; a room has 1 to `MAX_BEDS_PER_ROOM`
/// beds. Kills `&&` to `||` in `Priority::try_new`, `<` to `<=` in `Child::try_new`,
/// `Child::age` replaced by 0 or 1, and `>` to `>=` in `Room::try_new`.
#[test]
fn the_ranges_of_priority_child_age_and_beds() {
    assert!(Priority::try_new(0).is_err() && Priority::try_new(6).is_err());
    assert!(Priority::try_new(1).is_ok() && Priority::try_new(5).is_ok());
    assert!(Child::try_new(17).is_ok() && Child::try_new(18).is_err());
    assert_eq!(Child::try_new(7).unwrap().age(), 7);
    let unit = UnitId::try_new("a").unwrap();
    assert!(Room::try_new(RoomId::try_new("r").unwrap(), unit.clone(), MAX_BEDS_PER_ROOM, false, false).is_ok());
    assert!(Room::try_new(RoomId::try_new("r").unwrap(), unit, MAX_BEDS_PER_ROOM + 1, false, false).is_err());
}

/// The inventory keeps its kennel places and refuses a room in a unit it does not have.
/// Kills `Inventory::kennel_places` replaced by 1 and the `!` deleted in `Inventory::with_room`.
#[test]
fn an_inventory_keeps_kennel_places_and_known_units() {
    assert_eq!(Inventory::romerike().kennel_places(), 2);
    let none = inventory(vec![room("r1", "a", 2, false, false)]);
    assert_eq!(none.kennel_places(), 0);
    let known = none.clone().with_room(room("r2", "a", 2, false, false)).unwrap();
    assert_eq!(known.rooms().len(), 2);
    assert!(matches!(none.with_room(room("r3", "b", 2, false, false)), Err(InventoryError::UnknownUnit { .. })));
}

/// A booking keeps its check-out day. Kills `Booking::check_out` replaced by `None`.
#[test]
fn a_booking_keeps_its_check_out() {
    let out = NaiveDate::from_ymd_opt(2026, 3, 9).unwrap();
    let booking =
        Booking::try_new(RoomId::try_new("r1").unwrap(), HouseholdId::try_new("h1").unwrap(), 2, day(), Some(out))
            .unwrap();
    assert_eq!(booking.check_out(), Some(out));
}

/// The schema of a household names `current_room` as required and nullable, and the priority
/// as 1 to 5. Kills `required_nullable_room` and `Priority`'s `json_schema` replaced by the
/// default schema.
#[test]
fn a_households_schema_has_a_required_nullable_room_and_a_bounded_priority() {
    let schema = serde_json::to_value(schemars::schema_for!(HouseholdRequest)).unwrap();
    let required: Vec<&str> = schema["required"].as_array().unwrap().iter().filter_map(|v| v.as_str()).collect();
    assert!(required.contains(&"current_room"), "{schema}");
    let room = schema["properties"]["current_room"].to_string();
    assert!(room.contains("null") && room.contains("RoomId"), "{room}");
    let priority = &schema["$defs"]["Priority"];
    assert_eq!((priority["minimum"].as_u64(), priority["maximum"].as_u64()), (Some(1), Some(5)), "{priority}");
}

/// The bound sees the unit constraints, so the hostile families are proven in few nodes:
/// keep-apart cliques of 8, 10 and 12 households in 4, 5 and 6 units in at most 4, 5 and 8
/// nodes (the optimum, worked out by hand: one household of the clique per unit, the highest
/// priorities), `by_unit` shelters with residents at the root. These are node counts, not
/// times: the same on every machine. A weaker or wrong bound needs more nodes or proves a
/// wrong optimum: kills `Search::allowed` replaced by `true` and its `&&` made `||`, the stay
/// bonus subtracted in `Search::weight` and `Search::unit_bound`, `||` made `&&` in
/// `Search::unit_bound`, and `+` made `*` in `Search::relax_with`.
#[test]
fn the_bound_proves_the_hostile_families_in_few_nodes() {
    use krisesenter_rooms::allocate_with_stats;
    use krisesenter_testkit::rooms::hostile;
    for (households, units, seed, most_nodes) in [(8, 4, 1, 4), (10, 5, 2, 5), (12, 6, 3, 8)] {
        let input = hostile::keep_apart_clique(households, units, seed);
        let mut priorities: Vec<u64> = input.households().iter().map(|h| u64::from(h.priority().get())).collect();
        priorities.sort_unstable_by(|a, b| b.cmp(a));
        let best: u64 = priorities.iter().take(units).sum();
        let (allocation, stats) = allocate_with_stats(&input, day()).unwrap();
        assert!(allocation.proven_optimal(), "clique of {households}");
        assert!(stats.nodes() <= most_nodes, "clique of {households}: {} nodes", stats.nodes());
        assert_eq!(allocation.objective().priority_placed(), best, "clique of {households}");
    }
    for (units, rooms, households, seed) in [(10, 4, 30, 4), (6, 3, 20, 5)] {
        let input = hostile::by_unit_shelter(units, rooms, households, seed);
        let (allocation, stats) = allocate_with_stats(&input, day()).unwrap();
        assert!(allocation.proven_optimal() && stats.nodes() == 1, "by_unit {units}x{rooms}: {} nodes", stats.nodes());
        assert_eq!(allocation.bound().priority_placed(), allocation.objective().priority_placed());
    }
}

/// Whatever the node budget, the answer never gets worse as the budget grows, on hostile
/// instances where the budget runs out before a proof, and the reported bound is never below
/// the answer (the property over generated inputs, here on the families that stop early).
#[test]
fn a_larger_budget_never_gives_a_worse_answer_on_hostile_instances() {
    use krisesenter_rooms::allocate;
    use krisesenter_testkit::rooms::hostile;
    for input in
        [hostile::keep_apart_pairs(40, 6), hostile::keep_apart_pairs(60, 7), hostile::by_unit_shelter(20, 4, 90, 8)]
    {
        let mut last = 0;
        for budget in [1, 2, 3, 5, 8, 13, 21, 40] {
            let budgeted = input.clone().with_options(AllocateOptions::with_node_budget(budget));
            let allocation = allocate(&budgeted, day()).unwrap();
            let priority = allocation.objective().priority_placed();
            assert!(priority >= last, "budget {budget}: {priority} < {last}");
            assert!(allocation.bound().priority_placed() >= priority);
            last = priority;
        }
    }
}

/// What `allocate` returns when the node budget runs out: one unit of a double room (r1) and
/// a single room (r2) under `by_unit`, two women with a child each (priority 3) and two men
/// alone (priority 2). The first relaxation puts a woman and a man in the unit, so a budget of
/// one node ends the search there: the answer is the warm start (h1 in the double, priority
/// 3), not proven optimal, with a priority bound of 4 (from the unit bound: a unit holds women
/// or men). With the default budget the two men are placed (priority 4), proven optimal.
/// Kills, in solver.rs `Search::run`, `>=` to `>` and `||` to `&&` in the budget's stop test
/// (the search went on past the budget), and the greedy warm start replaced by `None`.
#[test]
fn a_spent_budget_returns_the_warm_start_with_its_bound() {
    let person = |id: &str, gender: Gender, priority: u8, children: u8| {
        HouseholdRequest::builder(HouseholdId::try_new(id).unwrap(), Priority::try_new(priority).unwrap())
            .adult(gender)
            .children((0..children).map(|_| Child::try_new(5).unwrap()))
            .build()
            .unwrap()
    };
    let rooms = vec![room("r1", "a", 2, false, false), room("r2", "a", 1, false, false)];
    let households = vec![
        person("h1", Gender::Female, 3, 1),
        person("h2", Gender::Female, 3, 1),
        person("h3", Gender::Male, 2, 0),
        person("h4", Gender::Male, 2, 0),
    ];
    let input = AllocateInput::from_parts(Policy::new(GenderSeparation::ByUnit, false), 0, rooms, households);
    let placed = |a: &krisesenter_rooms::Allocation| {
        a.placements().iter().map(|p| format!("{}:{}", p.household().as_str(), p.room().as_str())).collect::<Vec<_>>()
    };

    let (spent, stats) = krisesenter_rooms::allocate_with_stats(
        &input.clone().with_options(AllocateOptions::with_node_budget(1)),
        day(),
    )
    .unwrap();
    assert_eq!(placed(&spent), ["h1:r1"]);
    assert_eq!(stats.nodes(), 1);
    assert!(!spent.proven_optimal());
    assert_eq!((spent.objective().priority_placed(), spent.bound().priority_placed()), (3, 4));

    let full = allocate(&input, day()).unwrap();
    assert_eq!(placed(&full), ["h3:r1", "h4:r2"]);
    assert!(full.proven_optimal());
    assert_eq!(full.bound().priority_placed(), 4);
}
