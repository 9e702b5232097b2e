//! # krisesenter-rooms
//!
//! Rooms and beds of a crisis shelter: the [`Inventory`] (rooms with beds, unit, accessible,
//! screened; kennel places; the embedded default [`Inventory::romerike`]), households as the
//! placement sees them ([`HouseholdRequest`]), a provably optimal placement of households in
//! rooms ([`allocate`] of an [`AllocateInput`] on a day, the `allocate` command of the JSON contract), and the
//! [`OccupancyCalendar`] (bookings, nights by the midnight rule, free beds and a forecast).
//!
//! The placement applies krisesenterlova §2 (housing for women and men physically separated)
//! unless the shelter's policy is `integrated`, in which case every result carries a note
//! that this departs from §2. Every unplaced household gets reasons: what keeps it out of even
//! an empty shelter, or that it lost out to others for capacity.
//!
//! # Optimality and tie-break
//!
//! The solver is exact: a branch and bound over a min-cost-flow relaxation in which the
//! lexicographic objective of docs/contract.md (priority placed, then people placed, then fewer
//! residents moved, then fewer empty beds in occupied rooms) is folded into one integer weight
//! per (household, room) pair with multipliers large enough that no lower level can outweigh a
//! higher one. Kennel places are exact in the flow; the gender of each unit (under `by_unit`)
//! and keep-apart pairs are branched on. The search ends with a proven optimum within the
//! input's node budget ([`AllocateOptions`]), or returns the best placement found by then,
//! feasible, with `proven_optimal: false` and a bound.
//!
//! Among placements optimal for those four levels, a fifth level prefers the fewest households
//! placed against the gender of a unit's current residents and the fewest placed in an
//! accessible room they do not need. Rooms and households are taken in id order, so the input
//! order never changes the output; of equal households the lowest ids are placed; a resident
//! who stays keeps its own room; other households take a class of equal rooms in id order.
//! The crate does no I/O and reads no clock.
//!
//! # Example
//!
//! ```
//! use chrono::NaiveDate;
//! use krisesenter_rooms::{
//!     allocate, AllocateInput, Child, Gender, GenderSeparation, HouseholdId, HouseholdRequest, Inventory, Policy,
//!     Priority, RoomId,
//! };
//!
//! let as_of = NaiveDate::from_ymd_opt(2026, 3, 1).ok_or("date")?;
//! let household = |id: &str, gender, children: u8, priority: u8, current: Option<&str>| {
//!     let mut h = HouseholdRequest::builder(HouseholdId::try_new(id)?, Priority::try_new(priority)?).adult(gender);
//!     for _ in 0..children {
//!         h = h.child(Child::try_new(6)?);
//!     }
//!     if let Some(room) = current {
//!         h = h.living_in(RoomId::try_new(room)?);
//!     }
//!     Ok::<_, Box<dyn std::error::Error>>(h.build()?)
//! };
//! let households = vec![
//!     household("h1", Gender::Female, 3, 4, Some("r02"))?, // lives in r02 now
//!     household("h2", Gender::Male, 0, 2, None)?,
//!     household("h3", Gender::Female, 1, 5, None)?,
//! ];
//! let input = AllocateInput::new(Policy::default(), &Inventory::romerike(), households);
//! let result = allocate(&input, as_of)?;
//!
//! // The man cannot share the main unit with the women, and the screened rooms are reserved.
//! assert_eq!(result.placements().len(), 2);
//! assert_eq!(result.placements()[0].room().as_str(), "r02"); // h1 stays
//! assert_eq!(result.unplaced()[0].household().as_str(), "h2");
//! assert_eq!(result.unplaced()[0].reasons().codes().next(), Some("lost_out_for_capacity"));
//! assert_eq!((result.objective().priority_placed(), result.objective().people_placed()), (9, 6));
//!
//! // Integrated housing places him too, with a note on krisesenterlova §2.
//! let input = input.with_policy(Policy::new(GenderSeparation::Integrated, true));
//! let result = allocate(&input, as_of)?;
//! assert_eq!(result.placements().len(), 3);
//! assert_eq!(result.notes().codes().next(), Some("integrated_departs_from_ksl_2"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]

mod allocate;
mod calendar;
mod household;
mod inventory;
mod reason;
mod solver;

pub use allocate::{
    AllocateError, AllocateInput, AllocateOptions, Allocation, Bound, DEFAULT_NODE_BUDGET, GenderSeparation, Objective,
    Placement, Policy, SearchStats, Unplaced, allocate, allocate_with_stats,
};
pub use calendar::{Booking, CalendarError, DayForecast, OccupancyCalendar};
pub use household::{Adult, AdultGenders, Child, HouseholdBuilder, HouseholdError, HouseholdRequest, Needs, Priority};
pub use inventory::{Inventory, InventoryError, MAX_BEDS_PER_ROOM, Room};
pub use reason::RoomsReason;

/// The core types this crate's API takes and returns, so an embedder needs one `use` line.
pub use krisesenter_core::{Gender, Reason, ReasonKind, Reasons, RoomId};
krisesenter_core::id_type!(
    /// Identifies a household placed together in one room.
    HouseholdId
);
krisesenter_core::id_type!(
    /// Identifies a unit (a wing or floor whose rooms share common areas).
    UnitId
);
