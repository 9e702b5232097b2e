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

/// Seeded instances of the hostile families of issue 17, on which the placement's bound is
/// weak unless it sees the unit constraints. Each function gives the same input for the same
/// arguments; the bench (`benches/rooms.rs`) runs them at full size, the properties at sizes
/// small enough for an exhaustive reference.
///
/// # Example
///
/// ```
/// use krisesenter_testkit::rooms::hostile;
/// let input = hostile::keep_apart_clique(8, 4, 1);
/// assert_eq!((input.rooms().len(), input.households().len()), (8, 8));
/// assert!(input.households().iter().all(|h| h.keep_apart().len() == 7));
/// ```
pub mod hostile {
    use krisesenter_core::{Gender, RoomId};
    use krisesenter_rooms::{
        AllocateInput, Child, GenderSeparation, HouseholdBuilder, HouseholdRequest, Policy, Priority, Room,
    };
    use krisesenter_rooms::{HouseholdId, UnitId};
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    fn room(id: String, unit: String, beds: u16) -> Room {
        let built = RoomId::try_new(id)
            .ok()
            .zip(UnitId::try_new(unit).ok())
            .and_then(|(id, unit)| Room::try_new(id, unit, beds, false, false).ok());
        built.unwrap_or_else(|| unreachable!("generated rooms are valid"))
    }

    fn builder(n: usize, priority: u8, gender: Gender, children: usize) -> HouseholdBuilder {
        let id = HouseholdId::try_new(format!("h{n:04}")).unwrap_or_else(|_| unreachable!("valid id"));
        let priority = Priority::try_new(priority).unwrap_or(Priority::LOWEST);
        let child = Child::try_new(7).unwrap_or_else(|_| unreachable!("a valid age"));
        HouseholdRequest::builder(id, priority).adult(gender).children(std::iter::repeat_n(child, children))
    }

    fn build(h: HouseholdBuilder) -> HouseholdRequest {
        h.build().unwrap_or_else(|_| unreachable!("generated households have an adult"))
    }

    fn id(n: usize) -> HouseholdId {
        HouseholdId::try_new(format!("h{n:04}")).unwrap_or_else(|_| unreachable!("valid id"))
    }

    /// `households` single women who all name each other in `keep_apart`, in `units` units of
    /// two one-bed rooms, `integrated`, priorities 1 to 5 at random: at most one per unit.
    pub fn keep_apart_clique(households: usize, units: usize, seed: u64) -> AllocateInput {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let rooms = (0..units * 2).map(|r| room(format!("r{r:03}"), format!("u{:02}", r / 2), 1)).collect();
        let list = (0..households)
            .map(|i| {
                let others = (0..households).filter(|&j| j != i).map(id);
                build(builder(i, rng.random_range(1..=5), Gender::Female, 0).keep_apart_from(others))
            })
            .collect();
        AllocateInput::from_parts(Policy::new(GenderSeparation::Integrated, false), 0, rooms, list)
    }

    /// A `by_unit` shelter of `units` units of `rooms_per_unit` rooms of 1 to 6 beds, and
    /// `households` households (women, men, some of gender other; 1 to 4 people), a fifth of
    /// them current residents, who give their unit one gender.
    pub fn by_unit_shelter(units: usize, rooms_per_unit: usize, households: usize, seed: u64) -> AllocateInput {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut rooms = Vec::new();
        let mut beds = Vec::new();
        for u in 0..units {
            for r in 0..rooms_per_unit {
                let b = rng.random_range(1..=6u16);
                rooms.push(room(format!("u{u:02}r{r:02}"), format!("u{u:02}"), b));
                beds.push((b, u, format!("u{u:02}r{r:02}")));
            }
        }
        let male_unit: Vec<bool> = (0..units).map(|_| rng.random_bool(0.25)).collect();
        let residents = households / 5;
        let mut free: Vec<usize> = (0..beds.len()).collect();
        let mut list = Vec::new();
        for i in 0..households {
            let resident = i < residents && !free.is_empty();
            if resident {
                let slot = free.swap_remove(rng.random_range(0..free.len()));
                let Some((b, u, room_id)) = beds.get(slot).cloned() else { continue };
                let gender = if male_unit.get(u).copied().unwrap_or(false) { Gender::Male } else { Gender::Female };
                let size = rng.random_range(1..=usize::from(b).min(4));
                let current = RoomId::try_new(room_id).unwrap_or_else(|_| unreachable!("valid id"));
                list.push(build(builder(i, rng.random_range(1..=5), gender, size - 1).living_in(current)));
            } else {
                let x: f64 = rng.random();
                let gender = if x < 0.7 {
                    Gender::Female
                } else if x < 0.95 {
                    Gender::Male
                } else {
                    Gender::Other
                };
                list.push(build(builder(i, rng.random_range(1..=5), gender, rng.random_range(0..=3))));
            }
        }
        AllocateInput::from_parts(Policy::new(GenderSeparation::ByUnit, false), 0, rooms, list)
    }

    /// An `integrated` shelter with rooms for about half of `households` (units of ten rooms
    /// of 1 to 4 beds) and `2 × households` keep-apart pairs drawn at random among the
    /// households who do not live there now (a tenth do).
    pub fn keep_apart_pairs(households: usize, seed: u64) -> AllocateInput {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let room_count = (households / 2).max(1);
        let rooms: Vec<Room> = (0..room_count)
            .map(|r| room(format!("r{r:04}"), format!("u{:03}", r / 10), rng.random_range(1..=4u16)))
            .collect();
        let residents = (households / 10).min(room_count);
        let mut apart: Vec<Vec<HouseholdId>> = vec![Vec::new(); households];
        if households > residents + 1 {
            for _ in 0..2 * households {
                let a = rng.random_range(residents..households);
                let b = rng.random_range(residents..households);
                if a != b {
                    if let Some(list) = apart.get_mut(a.min(b)) {
                        list.push(id(a.max(b)));
                    }
                }
            }
        }
        let list = apart
            .into_iter()
            .enumerate()
            .map(|(i, others)| {
                let size = if i < residents {
                    rooms.get(i).map_or(1, |r| usize::from(r.beds()).min(3))
                } else {
                    rng.random_range(1..=3)
                };
                let mut h = builder(i, rng.random_range(1..=5), Gender::Female, size - 1).keep_apart_from(others);
                if let Some(r) = rooms.get(i).filter(|_| i < residents) {
                    h = h.living_in(r.id().clone());
                }
                build(h)
            })
            .collect();
        AllocateInput::from_parts(Policy::new(GenderSeparation::Integrated, false), 0, rooms, list)
    }
}
