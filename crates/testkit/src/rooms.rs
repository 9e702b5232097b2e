//! Strategies for the types of `krisesenter-rooms`: rooms, households to place, whole
//! placement inputs, bookings and occupancy calendars. Every value goes through the real
//! constructors, so it is always valid; placement inputs may still be ones whose current
//! residents cannot all be placed (the placement then answers with an error), as real
//! inputs may.
//!
//! # Example
//!
//! ```
//! use krisesenter_testkit::rooms::allocation_input;
//! use proptest::strategy::{Strategy, ValueTree};
//! use proptest::test_runner::TestRunner;
//!
//! let mut runner = TestRunner::deterministic();
//! let input = allocation_input(4, 5).new_tree(&mut runner).map_err(|e| e.to_string())?.current();
//! assert!(input.rooms().len() <= 4 && input.households().len() <= 5);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::NaiveDate;
use krisesenter_core::{Gender, RoomId};
use krisesenter_rooms::{
    Adult, AllocateInput, Booking, Child, GenderSeparation, HouseholdRequest, Inventory, Needs, OccupancyCalendar,
    Policy, Priority, Room,
};
use krisesenter_rooms::{HouseholdId, UnitId};
use proptest::prelude::*;
use proptest::sample::select;

use crate::core::gender;

/// The units generated rooms belong to.
pub const UNITS: &[&str] = &["a", "b", "c"];

/// A room with id `r{n}` in one of [`UNITS`], 1 to 5 beds, sometimes accessible or screened.
pub fn room(n: usize) -> impl Strategy<Value = Room> {
    (select(UNITS), 1u16..=5, prop::bool::weighted(0.3), prop::bool::weighted(0.25)).prop_filter_map(
        "valid room",
        move |(unit, beds, accessible, screened)| {
            Room::try_new(
                RoomId::try_new(format!("r{n}")).ok()?,
                UnitId::try_new(unit).ok()?,
                beds,
                accessible,
                screened,
            )
            .ok()
        },
    )
}

/// Up to `max` rooms with distinct ids.
pub fn rooms(max: usize) -> impl Strategy<Value = Vec<Room>> {
    (0..=max).prop_flat_map(|n| (0..n).map(room).collect::<Vec<_>>())
}

/// Any [`Policy`].
pub fn policy() -> impl Strategy<Value = Policy> {
    (select(&[GenderSeparation::ByUnit, GenderSeparation::Integrated][..]), any::<bool>())
        .prop_map(|(g, reserve)| Policy::new(g, reserve))
}

/// Adults of a household: mostly one woman; sometimes men, couples, `other` or `unknown`.
pub fn adults() -> impl Strategy<Value = Vec<Adult>> {
    prop_oneof![
        3 => Just(vec![Adult::new(Gender::Female)]),
        3 => prop::collection::vec(gender().prop_map(Adult::new), 1..=2),
    ]
}

/// A household with id `h{n}` of 1 to 2 adults and up to 3 children, priority 1 to 5, needs,
/// and a keep-apart list drawn from the ids `h0..h{others}`.
pub fn household_request(n: usize, others: usize) -> impl Strategy<Value = HouseholdRequest> {
    (
        adults(),
        prop::collection::vec(0u8..=17, 0..=3),
        1u8..=5,
        (prop::bool::weighted(0.2), prop::bool::weighted(0.2), prop::bool::weighted(0.2)),
        prop::collection::vec(0..others.max(1), 0..=1),
    )
        .prop_filter_map("valid household", move |(adults, ages, priority, (acc, scr, pet), apart)| {
            let children = ages.into_iter().map(Child::try_new).collect::<Result<Vec<_>, _>>().ok()?;
            let keep_apart: Vec<HouseholdId> = apart
                .into_iter()
                .filter(|&o| o != n && others > 0)
                .filter_map(|o| HouseholdId::try_new(format!("h{o}")).ok())
                .collect();
            let mut needs = Needs::default();
            needs.accessible = acc;
            needs.screened = scr;
            needs.pet = pet;
            HouseholdRequest::builder(HouseholdId::try_new(format!("h{n}")).ok()?, Priority::try_new(priority).ok()?)
                .adults(adults)
                .children(children)
                .needs(needs)
                .keep_apart_from(keep_apart)
                .build()
                .ok()
        })
}

/// A placement input of up to `max_rooms` rooms and `max_households` households; some
/// households are current residents of distinct rooms.
pub fn allocation_input(max_rooms: usize, max_households: usize) -> impl Strategy<Value = AllocateInput> {
    (rooms(max_rooms), 0..=max_households)
        .prop_flat_map(move |(rooms, n)| {
            let households = (0..n).map(|i| household_request(i, n)).collect::<Vec<_>>();
            // For each household: maybe the index of the room it lives in now.
            let residence = prop::collection::vec(prop::option::weighted(0.3, 0..rooms.len().max(1)), n);
            (Just(rooms), households, residence, policy(), 0u16..=2)
        })
        .prop_map(|(rooms, households, residence, policy, kennel)| {
            let mut taken = std::collections::BTreeSet::new();
            let households = households
                .into_iter()
                .zip(residence)
                .map(|(h, r)| match r.and_then(|i| rooms.get(i)).filter(|room| taken.insert(room.id().clone())) {
                    Some(room) => with_current_room(&h, room.id().clone()),
                    None => h,
                })
                .collect();
            let inventory = Inventory::from_rooms(rooms, kennel).unwrap_or_else(|_| Inventory::romerike());
            AllocateInput::new(policy, &inventory, households)
        })
}

/// The same household, living in `room` now.
pub fn with_current_room(h: &HouseholdRequest, room: RoomId) -> HouseholdRequest {
    h.to_builder().living_in(room).build().unwrap_or_else(|_| h.clone())
}

/// An occupancy calendar of the Romerike default: each room holds a few back-to-back or
/// spaced stays in 2025, the last one sometimes open-ended.
pub fn occupancy_calendar() -> impl Strategy<Value = OccupancyCalendar> {
    let inventory = Inventory::romerike();
    let per_room = inventory
        .rooms()
        .iter()
        .map(|r| {
            let beds = r.beds();
            (prop::collection::vec((0i64..20, 1i64..40, 1..=beds), 0..=4), any::<bool>())
        })
        .collect::<Vec<_>>();
    per_room.prop_filter_map("valid calendar", move |stays| {
        let start = NaiveDate::from_ymd_opt(2025, 1, 1)?;
        let mut bookings = Vec::new();
        for (room, (list, open_end)) in inventory.rooms().iter().zip(stays) {
            let mut day = start;
            let last = list.len().saturating_sub(1);
            for (i, (gap, len, people)) in list.into_iter().enumerate() {
                let check_in = day + chrono::Duration::days(gap);
                let check_out = check_in + chrono::Duration::days(len);
                let out = if open_end && i == last { None } else { Some(check_out) };
                let household = HouseholdId::try_new(format!("{}-{i}", room.id())).ok()?;
                bookings.push(Booking::try_new(room.id().clone(), household, people, check_in, out).ok()?);
                day = check_out;
            }
        }
        OccupancyCalendar::try_new(inventory.clone(), bookings).ok()
    })
}
