//! Placement of households in rooms: the `allocate` command of the contract.

use std::collections::{BTreeMap, BTreeSet};

use crate::HouseholdId;
use chrono::NaiveDate;
use krisesenter_core::{Reasons, RoomId};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::household::{AdultGenders, HouseholdRequest};
use crate::inventory::{Inventory, InventoryError, Room};
use crate::reason::RoomsReason;
use crate::solver::{self, Problem, SHousehold, SRoom, SolveError};

krisesenter_core::wire_enum!(
    /// How women and men are housed.
    pub enum GenderSeparation {
        /// Women and men in different units (krisesenterlova §2): the adults placed in one unit
        /// are never both female and male; `other` and `unknown` fit any unit.
        ByUnit => "by_unit",
        /// No separation by gender: a trial that departs from krisesenterlova §2.
        Integrated => "integrated",
    }
);

/// The shelter's placement policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Policy {
    /// How women and men are housed.
    pub gender_separation: GenderSeparation,
    /// Whether screened rooms are kept for households that need screening.
    pub reserve_screened_rooms: bool,
}

impl Policy {
    /// A policy.
    pub const fn new(gender_separation: GenderSeparation, reserve_screened_rooms: bool) -> Self {
        Self { gender_separation, reserve_screened_rooms }
    }
}

impl Default for Policy {
    /// Women and men apart by unit, screened rooms reserved: the law's default and Romerike's practice.
    fn default() -> Self {
        Self::new(GenderSeparation::ByUnit, true)
    }
}

/// The search budget a placement takes when the input gives none: a proven optimum on every
/// instance of the bench families but one (docs/performance.md), and an answer in about a
/// second on the national instance (450 rooms, 520 households) in a release build.
pub const DEFAULT_NODE_BUDGET: u64 = 40;

fn default_node_budget() -> u64 {
    DEFAULT_NODE_BUDGET
}

/// How far the search for a placement may go (an addition to the contract: the `options` of
/// the `allocate` input, optional).
///
/// The budget counts the branch-and-bound nodes whose relaxation is solved, not time: the
/// same input and budget give the same output on every machine. When the budget runs out, the
/// best placement found so far is returned with `proven_optimal: false` and the bound.
///
/// # Example
///
/// ```
/// use krisesenter_rooms::{AllocateOptions, DEFAULT_NODE_BUDGET};
/// assert_eq!(AllocateOptions::default().node_budget(), DEFAULT_NODE_BUDGET);
/// assert_eq!(AllocateOptions::with_node_budget(10).node_budget(), 10);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "How far the search for a placement may go (an addition to the contract).")]
pub struct AllocateOptions {
    /// Most branch-and-bound nodes to solve (at least one always is; when no placement has
    /// been found by then, the search goes on until it finds one). Default 40.
    #[serde(default = "default_node_budget")]
    node_budget: u64,
}

impl Default for AllocateOptions {
    fn default() -> Self {
        Self { node_budget: DEFAULT_NODE_BUDGET }
    }
}

impl AllocateOptions {
    /// Options with this node budget.
    pub const fn with_node_budget(node_budget: u64) -> Self {
        Self { node_budget }
    }

    /// Most branch-and-bound nodes to solve.
    pub const fn node_budget(&self) -> u64 {
        self.node_budget
    }

    fn is_default(&self) -> bool {
        *self == Self::default()
    }
}

/// The facts of a placement (the `allocate` document of the contract without `as_of`,
/// which [`allocate`] takes as its own argument): the policy, the kennel places, the rooms and
/// the households, current residents among them.
///
/// # Example
///
/// ```
/// use krisesenter_rooms::{AllocateInput, Inventory, Policy};
/// let input = AllocateInput::new(Policy::default(), &Inventory::romerike(), vec![]);
/// assert_eq!((input.rooms().len(), input.kennel_places()), (16, 2));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AllocateInput {
    /// The placement policy.
    policy: Policy,
    /// Kennel places: at most this many households with a pet are placed.
    kennel_places: u16,
    /// The rooms.
    rooms: Vec<Room>,
    /// The households to place, current residents among them.
    households: Vec<HouseholdRequest>,
    /// How far the search may go (optional; an addition to the contract).
    #[serde(default, skip_serializing_if = "AllocateOptions::is_default")]
    options: AllocateOptions,
}

impl AllocateInput {
    /// The input for placing `households` in the rooms of `inventory` under `policy`.
    pub fn new(policy: Policy, inventory: &Inventory, households: Vec<HouseholdRequest>) -> Self {
        Self {
            policy,
            kennel_places: inventory.kennel_places(),
            rooms: inventory.rooms().to_vec(),
            households,
            options: AllocateOptions::default(),
        }
    }

    /// The input from its parts as the contract lists them: rooms (ids unique, checked by
    /// [`allocate`]) and kennel places.
    pub fn from_parts(policy: Policy, kennel_places: u16, rooms: Vec<Room>, households: Vec<HouseholdRequest>) -> Self {
        Self { policy, kennel_places, rooms, households, options: AllocateOptions::default() }
    }

    /// The same input with these search options.
    #[must_use]
    pub fn with_options(mut self, options: AllocateOptions) -> Self {
        self.options = options;
        self
    }

    /// How far the search may go.
    pub const fn options(&self) -> AllocateOptions {
        self.options
    }

    /// The same input under another policy.
    #[must_use]
    pub fn with_policy(mut self, policy: Policy) -> Self {
        self.policy = policy;
        self
    }

    /// The same input with these households.
    #[must_use]
    pub fn with_households(mut self, households: Vec<HouseholdRequest>) -> Self {
        self.households = households;
        self
    }

    /// The placement policy.
    pub const fn policy(&self) -> Policy {
        self.policy
    }

    /// Kennel places: at most this many households with a pet are placed.
    pub const fn kennel_places(&self) -> u16 {
        self.kennel_places
    }

    /// The rooms, in the order given.
    pub fn rooms(&self) -> &[Room] {
        &self.rooms
    }

    /// The households, in the order given.
    pub fn households(&self) -> &[HouseholdRequest] {
        &self.households
    }
}

/// One household placed in one room.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Placement {
    /// The household.
    household: HouseholdId,
    /// Its room.
    room: RoomId,
}

impl Placement {
    /// The household.
    pub fn household(&self) -> &HouseholdId {
        &self.household
    }

    /// Its room.
    pub fn room(&self) -> &RoomId {
        &self.room
    }
}

/// A household left without a room, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Unplaced {
    /// The household.
    household: HouseholdId,
    /// Why: what makes it impossible even in an empty shelter, or that it lost out for capacity.
    reasons: Reasons<RoomsReason>,
}

impl Unplaced {
    /// The household.
    pub fn household(&self) -> &HouseholdId {
        &self.household
    }

    /// Why: what makes it impossible even in an empty shelter, or that it lost out for capacity.
    pub const fn reasons(&self) -> &Reasons<RoomsReason> {
        &self.reasons
    }
}

/// The values of the lexicographic objective, in order of importance.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    /// Sum of the priorities of the households placed (maximised first).
    priority_placed: u64,
    /// People placed (maximised second).
    people_placed: u64,
    /// Current residents not in their current room (minimised third).
    moved: u64,
    /// Empty beds in occupied rooms (minimised last).
    empty_beds: u64,
}

impl Objective {
    /// Sum of the priorities of the households placed (maximised first).
    pub const fn priority_placed(&self) -> u64 {
        self.priority_placed
    }

    /// People placed (maximised second).
    pub const fn people_placed(&self) -> u64 {
        self.people_placed
    }

    /// Current residents not in their current room (minimised third).
    pub const fn moved(&self) -> u64 {
        self.moved
    }

    /// Empty beds in occupied rooms (minimised last).
    pub const fn empty_beds(&self) -> u64 {
        self.empty_beds
    }

    /// A key that orders objectives from worst to best: a larger key is a better placement.
    pub fn key(&self) -> (u64, u64, std::cmp::Reverse<u64>, std::cmp::Reverse<u64>) {
        (self.priority_placed, self.people_placed, std::cmp::Reverse(self.moved), std::cmp::Reverse(self.empty_beds))
    }
}

/// What the search proved about the objective: an upper bound on what any placement reaches
/// (an addition to the contract).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Bound {
    /// No placement places more priority than this. It equals `objective.priority_placed`
    /// when the placement is proven optimal, and may equal it when only lower levels are
    /// unproven; the difference is the gap on the first level.
    priority_placed: u64,
}

impl Bound {
    /// No placement places more priority than this.
    pub const fn priority_placed(&self) -> u64 {
        self.priority_placed
    }
}

/// The result of a placement (the `allocate` output of the contract).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "The result of a placement (the `allocate` output of the contract).")]
pub struct Allocation {
    /// Households placed, sorted by household id.
    placements: Vec<Placement>,
    /// Households not placed, sorted by household id, each with its reasons.
    unplaced: Vec<Unplaced>,
    /// The objective values of the placement (optimal).
    objective: Objective,
    /// What staff must know about the placement as a whole.
    notes: Reasons<RoomsReason>,
    /// Whether the search proved the placement optimal within its node budget (an addition
    /// to the contract). When false, the placement is the best found, keeps every rule and
    /// places every current resident, and `bound` says how much better one could be.
    proven_optimal: bool,
    /// An upper bound on the objective of any placement (an addition to the contract).
    bound: Bound,
}

impl Allocation {
    /// Households placed, sorted by household id.
    pub fn placements(&self) -> &[Placement] {
        &self.placements
    }

    /// Households not placed, sorted by household id, each with its reasons.
    pub fn unplaced(&self) -> &[Unplaced] {
        &self.unplaced
    }

    /// The objective values of the placement (optimal when [`Allocation::proven_optimal`]).
    pub const fn objective(&self) -> Objective {
        self.objective
    }

    /// Whether the search proved the placement optimal within its node budget.
    pub const fn proven_optimal(&self) -> bool {
        self.proven_optimal
    }

    /// An upper bound on the objective of any placement.
    pub const fn bound(&self) -> Bound {
        self.bound
    }

    /// What staff must know about the placement as a whole.
    pub const fn notes(&self) -> &Reasons<RoomsReason> {
        &self.notes
    }

    /// The room of `household`, if it was placed.
    pub fn room_of(&self, household: &HouseholdId) -> Option<&RoomId> {
        self.placements.iter().find(|p| &p.household == household).map(|p| &p.room)
    }
}

/// Why a placement could not be made.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum AllocateError {
    /// The rooms do not form a valid inventory (two rooms share an id).
    #[error("invalid rooms: {source}")]
    Inventory {
        /// What is wrong.
        #[from]
        source: InventoryError,
    },
    /// Two households share an id.
    #[error("a household id is used twice")]
    DuplicateHousehold {
        /// The id used twice.
        household: HouseholdId,
        /// Zero-based position of the first.
        first: usize,
        /// Zero-based position of the second.
        second: usize,
    },
    /// A household's current room is not among the rooms.
    #[error("a household lives in a room that is not among the rooms")]
    UnknownCurrentRoom {
        /// Zero-based position of the household.
        index: usize,
        /// The household.
        household: HouseholdId,
        /// The room it names.
        room: RoomId,
    },
    /// Two households name the same current room (one household per room).
    #[error("two households live in one room")]
    SharedCurrentRoom {
        /// Zero-based position of the second household naming the room.
        index: usize,
        /// The first household naming the room.
        first: HouseholdId,
        /// The second household naming the room.
        household: HouseholdId,
        /// The room.
        room: RoomId,
    },
    /// No placement gives every current resident a room.
    #[error("the current residents cannot all be placed under the rules")]
    ResidentsCannotBePlaced {
        /// Number of current residents.
        residents: usize,
    },
    /// The instance is too large for exact arithmetic (millions of rooms).
    #[error("the instance is too large to place exactly")]
    TooLarge,
}

/// Places households in rooms optimally under the rules of docs/contract.md `allocate`.
///
/// Rules (all hard): one household per room; the household's adults and children fit the
/// beds; `needs.accessible` needs an accessible room; `needs.screened` needs a screened room
/// and, with `reserve_screened_rooms`, only such households use screened rooms; households
/// with a pet never exceed the kennel places; under `by_unit` no unit holds both female and
/// male adults (a household with both cannot be placed); households that name each other in
/// `keep_apart` are in different units; every current resident is placed.
///
/// Objective, lexicographic: the most priority placed, then the most people placed, then
/// the fewest residents moved, then the fewest empty beds in occupied rooms. The placement
/// is a proven optimum when the search ends within the input's node budget
/// ([`AllocateOptions`]); else it is the best placement found, feasible and with every
/// current resident placed, with `proven_optimal: false` and an upper bound. Equal inputs
/// (budget included) give equal outputs, and the order of rooms and households in the input
/// does not change the result (see the crate docs for the tie-break).
///
/// # Errors
///
/// [`AllocateError`] for duplicate ids, a current room that is unknown or shared, or when
/// the current residents cannot all be placed.
///
/// The reasons cite the provision versions in force on `as_of`, the day the placement is
/// made on.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use krisesenter_rooms::{allocate, AllocateInput, Gender, HouseholdId, HouseholdRequest, Inventory, Needs, Policy, Priority, RoomId};
///
/// let as_of = NaiveDate::from_ymd_opt(2026, 3, 1).ok_or("date")?;
/// let mut screened = Needs::default();
/// screened.screened = true;
/// let mother = HouseholdRequest::builder(HouseholdId::try_new("h1")?, Priority::try_new(3)?)
///     .adult(Gender::Female)
///     .needs(screened)
///     .build()?;
/// let input = AllocateInput::new(Policy::default(), &Inventory::romerike(), vec![mother]);
/// let result = allocate(&input, as_of)?;
/// assert_eq!(result.placements()[0].room().as_str(), "r15"); // a screened room
/// assert_eq!(result.objective().empty_beds(), 2);
///
/// // A resident who lives in a room that does not exist is refused.
/// let lost = HouseholdRequest::builder(HouseholdId::try_new("h2")?, Priority::LOWEST)
///     .adult(Gender::Female)
///     .living_in(RoomId::try_new("r99")?)
///     .build()?;
/// let input = AllocateInput::new(Policy::default(), &Inventory::romerike(), vec![lost]);
/// assert!(allocate(&input, as_of).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn allocate(input: &AllocateInput, as_of: NaiveDate) -> Result<Allocation, AllocateError> {
    allocate_with_stats(input, as_of).map(|(allocation, _)| allocation)
}

/// How much searching a placement took.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchStats {
    nodes: u64,
}

impl SearchStats {
    /// Branch-and-bound nodes whose relaxation was solved (1 when the first relaxation
    /// already keeps every rule).
    pub const fn nodes(&self) -> u64 {
        self.nodes
    }
}

/// [`allocate`], also telling how many branch-and-bound nodes the proof of optimality took.
///
/// # Errors
///
/// As [`allocate`].
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use krisesenter_rooms::{allocate_with_stats, AllocateInput, Inventory, Policy};
/// let as_of = NaiveDate::from_ymd_opt(2026, 3, 1).ok_or("date")?;
/// let input = AllocateInput::new(Policy::default(), &Inventory::romerike(), vec![]);
/// let (allocation, stats) = allocate_with_stats(&input, as_of)?;
/// assert!(allocation.placements().is_empty());
/// assert_eq!(stats.nodes(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn allocate_with_stats(
    input: &AllocateInput,
    as_of: NaiveDate,
) -> Result<(Allocation, SearchStats), AllocateError> {
    crate::inventory::check_unique_rooms(&input.rooms)?;
    let (problem, rooms, households) = build_problem(input)?;
    let solution = solver::solve(&problem, input.options.node_budget).map_err(|e| match e {
        SolveError::ResidentsCannotBePlaced => AllocateError::ResidentsCannotBePlaced {
            residents: households.iter().filter(|h| h.current_room().is_some()).count(),
        },
        SolveError::TooLarge => AllocateError::TooLarge,
    })?;
    let mut allocation = describe(input, as_of, &problem, &rooms, &households, &solution.rooms);
    allocation.proven_optimal = solution.proven;
    allocation.bound = Bound { priority_placed: solution.priority_bound };
    Ok((allocation, SearchStats { nodes: solution.nodes }))
}

/// Rooms and households sorted by id, and the solver's view of them.
fn build_problem(input: &AllocateInput) -> Result<(Problem, Vec<&Room>, Vec<&HouseholdRequest>), AllocateError> {
    let mut rooms: Vec<&Room> = input.rooms.iter().collect();
    rooms.sort_by(|a, b| a.id().cmp(b.id()));
    let room_index: BTreeMap<&RoomId, usize> = rooms.iter().enumerate().map(|(i, r)| (r.id(), i)).collect();
    let units: BTreeMap<_, usize> = {
        let set: BTreeSet<_> = rooms.iter().map(|r| r.unit()).collect();
        set.into_iter().enumerate().map(|(i, u)| (u, i)).collect()
    };

    let mut seen: BTreeMap<&HouseholdId, usize> = BTreeMap::new();
    let mut living_in: BTreeMap<&RoomId, &HouseholdId> = BTreeMap::new();
    for (i, h) in input.households.iter().enumerate() {
        if let Some(first) = seen.insert(h.id(), i) {
            return Err(AllocateError::DuplicateHousehold { household: h.id().clone(), first, second: i });
        }
        if let Some(room) = h.current_room() {
            if !room_index.contains_key(room) {
                return Err(AllocateError::UnknownCurrentRoom {
                    index: i,
                    household: h.id().clone(),
                    room: room.clone(),
                });
            }
            if let Some(first) = living_in.insert(room, h.id()) {
                return Err(AllocateError::SharedCurrentRoom {
                    index: i,
                    first: first.clone(),
                    household: h.id().clone(),
                    room: room.clone(),
                });
            }
        }
    }
    let mut households: Vec<&HouseholdRequest> = input.households.iter().collect();
    households.sort_by(|a, b| a.id().cmp(b.id()));
    let household_index: BTreeMap<&HouseholdId, usize> =
        households.iter().enumerate().map(|(i, h)| (h.id(), i)).collect();

    // Keep-apart pairs: either side may name the other; names of absent households are ignored.
    let mut apart = BTreeSet::new();
    for (i, h) in households.iter().enumerate() {
        for other in h.keep_apart() {
            if let Some(&j) = household_index.get(other) {
                apart.insert((i.min(j), i.max(j)));
            }
        }
    }
    let problem = Problem {
        rooms: rooms
            .iter()
            .map(|r| SRoom {
                unit: units.get(r.unit()).copied().unwrap_or(0),
                beds: u32::from(r.beds()),
                accessible: r.accessible(),
                screened: r.screened(),
            })
            .collect(),
        households: households
            .iter()
            .map(|h| SHousehold {
                size: h.size(),
                priority: u32::from(h.priority().get()),
                genders: h.adult_genders(),
                accessible: h.needs().accessible,
                screened: h.needs().screened,
                pet: h.needs().pet,
                current: h.current_room().and_then(|r| room_index.get(r).copied()),
            })
            .collect(),
        apart,
        kennel: u32::from(input.kennel_places),
        by_unit: input.policy.gender_separation == GenderSeparation::ByUnit,
        reserve_screened: input.policy.reserve_screened_rooms,
    };
    Ok((problem, rooms, households))
}

/// The output document: placements, unplaced households with reasons, objective, notes.
fn describe(
    input: &AllocateInput,
    as_of: NaiveDate,
    problem: &Problem,
    rooms: &[&Room],
    households: &[&HouseholdRequest],
    assignment: &[Option<usize>],
) -> Allocation {
    let mut placements = Vec::new();
    let mut unplaced = Vec::new();
    let mut objective = Objective::default();
    let pets_placed = households.iter().zip(assignment).filter(|(h, r)| h.needs().pet && r.is_some()).count();
    let kennel_full = pets_placed >= usize::from(input.kennel_places);
    for ((h, room), sh) in households.iter().zip(assignment).zip(&problem.households) {
        match room.and_then(|r| rooms.get(r).map(|room| (r, room))) {
            Some((r, room)) => {
                placements.push(Placement { household: h.id().clone(), room: room.id().clone() });
                objective.priority_placed += u64::from(h.priority().get());
                objective.people_placed += u64::from(h.size());
                objective.moved += u64::from(sh.current.is_some_and(|c| c != r));
                objective.empty_beds += u64::from(room.beds()).saturating_sub(u64::from(h.size()));
            }
            None => {
                let mut reasons = impossible_in_empty_shelter(problem, sh, as_of);
                if reasons.is_empty() {
                    reasons.insert(RoomsReason::LostOutForCapacity);
                    reasons.insert_if(sh.pet && kennel_full, RoomsReason::KennelPlacesTaken);
                }
                unplaced.push(Unplaced { household: h.id().clone(), reasons });
            }
        }
    }
    let mut notes = Reasons::none(as_of);
    notes.insert_if(
        input.policy.gender_separation == GenderSeparation::Integrated,
        RoomsReason::IntegratedDepartsFromKsl2,
    );
    notes.insert_if(objective.moved > 0, RoomsReason::ResidentsMoved);
    let bound = Bound { priority_placed: objective.priority_placed };
    Allocation { placements, unplaced, objective, notes, proven_optimal: true, bound }
}

/// What keeps a household out of even an empty shelter (empty when nothing does), listed in
/// the order the kinds are declared.
fn impossible_in_empty_shelter(p: &Problem, h: &SHousehold, as_of: NaiveDate) -> Reasons<RoomsReason> {
    let mut kinds = Reasons::none(as_of);
    kinds.insert_if(p.by_unit && h.genders == AdultGenders::Mixed, RoomsReason::WomenAndMenInOneHousehold);
    kinds.insert_if(h.pet && p.kennel == 0, RoomsReason::NoKennelPlaces);
    kinds.insert_if(!p.rooms.iter().any(|r| r.beds >= h.size), RoomsReason::TooBigForEveryRoom);
    kinds.insert_if(h.accessible && !p.rooms.iter().any(|r| r.accessible), RoomsReason::NoAccessibleRoom);
    kinds.insert_if(h.screened && !p.rooms.iter().any(|r| r.screened), RoomsReason::NoScreenedRoom);
    if kinds.is_empty() && !p.rooms.iter().any(|r| solver::fits(p, h, r)) {
        // Each need alone can be met; together, or with the reservation, they cannot.
        let fits_unreserved =
            |r: &SRoom| h.size <= r.beds && (!h.accessible || r.accessible) && (!h.screened || r.screened);
        if !h.screened && p.reserve_screened && p.rooms.iter().any(fits_unreserved) {
            kinds.insert(RoomsReason::ScreenedRoomsReserved);
        } else {
            kinds.insert(RoomsReason::NoRoomMeetsAllNeeds);
        }
    }
    kinds
}
