//! The year, day by day: first contacts are assessed (eligibility), stays are placed in rooms
//! (rooms, optimal every day with the current residents kept), stays end and rooms free up;
//! then the disclosure situations of the year are decided (disclosure) on the residents of
//! their day, with the consents each resident gave or withdrew and the legal holds they
//! bring (consent).
//!
//! The simulation starts [`WARM_UP_DAYS`] before the year, so that the shelter is not empty
//! on 1 January; only what happens inside the year is counted.

use std::collections::{BTreeMap, BTreeSet};
use std::error::Error;

use chrono::{Datelike, Duration, NaiveDate};
use krisesenter::consent::{CaseRecord, Consent, ConsentForm, HoldReason, LegalHold};
use krisesenter::consent::{HoldId, RecordId};
use krisesenter::core::{Age, ConsentId, Gender, Information, Party, PersonKind, ReasonKind, RoomId};
use krisesenter::disclosure::{
    self, ChildConcern, DiscloseInput, Initiative, Likelihood, Outcome, SeriousOffence, Step,
};
use krisesenter::eligibility::{
    self, Accepts, AccompanyingChild, AdaptationNeeds, Alternative, AlternativeModel, Applicant, AssessInput,
    DayOutcome, FinalOutcome, ResidentialOutcome, StaffDecision, Violence,
};
use krisesenter::eligibility::{AlternativeId, StaffId};
use krisesenter::rooms::HouseholdId;
use krisesenter::rooms::{
    self, AllocateInput, GenderSeparation, HouseholdRequest, Inventory, Needs, Policy, Priority, RoomsReason,
};
use krisesenter::stats::StayId;
use krisesenter::stats::{AfterStay, DayContact, Municipality, Stay, StayPerson, ViolenceTypes};
use rand::Rng;

use crate::arrivals::{self, Contact, Demand, Mode, Role, Situation};

/// Errors of the simulation: every one is a bug in the example, reported, never a panic.
pub(crate) type BoxError = Box<dyn Error>;

/// Days simulated before 1 January, so that the year starts with residents.
pub(crate) const WARM_UP_DAYS: i64 = 120;

/// A household that cannot be placed waits at most this many days (with family, in a
/// hotel with the police's help) before it is referred to another shelter.
pub(crate) const WAIT_LIMIT_DAYS: i64 = 2;

/// The staff member recorded on the simulated decisions.
const STAFF: &str = "vakt-1";

/// Random streams, one per purpose.
const STREAM_CONTACTS: u64 = 1;
const STREAM_DAY_CONTACTS: u64 = 2;
const STREAM_SITUATIONS: u64 = 3;
const STREAM_HOLDS: u64 = 4;
const STREAM_RETURNS: u64 = 5;
const STREAM_HOUSING: u64 = 6;

/// The municipalities' equal alternatives (krisesenterlova §3 from 2026-01-01), in the order
/// they are tried: the three models of the 2026 workshop. Most are for women only.
pub(crate) fn alternatives() -> Result<Vec<Alternative>, BoxError> {
    Ok(vec![
        // A screened unit at the shelter itself, for women with serious mental illness or
        // behaviour the shared home cannot hold; children welcome; no active substance use.
        Alternative::new(
            AlternativeId::try_new("skjermet-enhet-kvinner")?,
            AlternativeModel::InternalUnit,
            Accepts::try_new([Gender::Female])?.with_serious_mental_illness().with_children(),
        ),
        // A specialised centre with emergency housing, for women in active substance use or
        // with serious mental illness; no children.
        Alternative::new(
            AlternativeId::try_new("spesialisert-senter")?,
            AlternativeModel::SpecialisedCentre,
            Accepts::try_new([Gender::Female])?.with_active_substance_use().with_serious_mental_illness(),
        ),
        // Staffed housing for substance use, in cooperation with the shelter, women and men.
        Alternative::new(
            AlternativeId::try_new("bemannet-rusbolig")?,
            AlternativeModel::CooperationHousing,
            Accepts::try_new([Gender::Female, Gender::Male])?.with_active_substance_use(),
        ),
    ])
}

/// The shelter: Romerike's rooms, and its integrated trial (since February 2022), which the
/// placement must flag as a departure from krisesenterlova §2.
pub(crate) fn shelter() -> (Inventory, Policy) {
    (Inventory::romerike(), Policy::new(GenderSeparation::Integrated, true))
}

/// How a first contact ended for the stay.
#[derive(Debug, Clone)]
pub(crate) struct Assessed {
    pub(crate) contact: usize,
    pub(crate) date: NaiveDate,
    pub(crate) role: Role,
    pub(crate) recommendation: ResidentialOutcome,
    pub(crate) final_outcome: FinalOutcome,
    /// Staff's decision on an individual assessment (recorded with its justification).
    pub(crate) decision: Option<StaffDecision>,
    pub(crate) residential_reasons: Vec<&'static str>,
    pub(crate) day: DayOutcome,
    pub(crate) alternative_required: bool,
    pub(crate) alternative: Option<(String, AlternativeModel)>,
    /// Why no alternative could be offered although one was required: a gap to escalate.
    pub(crate) gap: Option<&'static str>,
    /// Why no alternative was required.
    pub(crate) not_required: Option<&'static str>,
    pub(crate) referrals: Vec<&'static str>,
    /// How the offer must be adapted (krisesenterlova §3): interpreter, accessible room, Sami
    /// users' rights (from 2026-01-01), kennel.
    pub(crate) adaptations: Vec<&'static str>,
}

/// A household offered a stay: waiting, resident, gone, or referred to another shelter.
#[derive(Debug, Clone)]
pub(crate) struct Household {
    pub(crate) contact: usize,
    pub(crate) id: HouseholdId,
    adults: Vec<rooms::Adult>,
    children: Vec<rooms::Child>,
    priority: Priority,
    needs: Needs,
    pub(crate) size: u32,
    pub(crate) offered_on: NaiveDate,
    pub(crate) check_in: Option<NaiveDate>,
    pub(crate) check_out: Option<NaiveDate>,
    pub(crate) planned_out: Option<NaiveDate>,
    pub(crate) room: Option<RoomId>,
    /// The day the household was referred to another shelter, and the rooms crate's reason
    /// code (or `no_room_in_time` when the wait ran out).
    pub(crate) referred: Option<(NaiveDate, String)>,
    pub(crate) moves: u32,
    /// Nights added to the planned stay only because no new home was found yet (0 for most).
    pub(crate) home_wait: i64,
    /// The room the stay began in.
    pub(crate) first_room: Option<RoomId>,
}

impl Household {
    fn request(&self) -> Result<HouseholdRequest, BoxError> {
        let mut request = HouseholdRequest::builder(self.id.clone(), self.priority)
            .adults(self.adults.iter().copied())
            .children(self.children.iter().copied())
            .needs(self.needs);
        if let Some(room) = &self.room {
            request = request.living_in(room.clone());
        }
        Ok(request.build()?)
    }

    /// Whether the household slept at the shelter the night of `day` (check-in <= day <
    /// check-out).
    pub(crate) fn resident_on(&self, day: NaiveDate) -> bool {
        self.check_in.is_some_and(|i| i <= day) && self.check_out.is_none_or(|o| day < o)
    }
}

/// One day of the year at midnight.
#[derive(Debug, Clone)]
pub(crate) struct DayRecord {
    pub(crate) date: NaiveDate,
    pub(crate) beds_occupied: u32,
    /// People per room, every room listed.
    pub(crate) rooms: BTreeMap<RoomId, u32>,
    pub(crate) waiting: usize,
}

/// One disclosure situation and its decision.
#[derive(Debug, Clone)]
pub(crate) struct DisclosureRecord {
    pub(crate) date: NaiveDate,
    pub(crate) situation: Situation,
    pub(crate) household: HouseholdId,
    pub(crate) requester: Party,
    pub(crate) outcome: Outcome,
    pub(crate) neither_confirm_nor_deny: bool,
    pub(crate) recipients: Vec<Party>,
    pub(crate) information: Vec<Information>,
    pub(crate) reasons: Vec<String>,
    pub(crate) steps: Vec<Step>,
}

/// Everything the year produced, for the report, the files and the summary.
#[derive(Debug)]
pub(crate) struct Year {
    pub(crate) year: i32,
    pub(crate) from: NaiveDate,
    pub(crate) to: NaiveDate,
    pub(crate) inventory: Inventory,
    pub(crate) policy: Policy,
    pub(crate) contacts: Vec<Contact>,
    pub(crate) assessed: Vec<Assessed>,
    pub(crate) households: Vec<Household>,
    pub(crate) days: Vec<DayRecord>,
    pub(crate) placement_notes: BTreeSet<String>,
    pub(crate) stays: Vec<Stay>,
    pub(crate) stay_households: BTreeMap<StayId, HouseholdId>,
    pub(crate) day_contacts: Vec<DayContact>,
    pub(crate) disclosures: Vec<DisclosureRecord>,
    pub(crate) records: Vec<CaseRecord>,
    pub(crate) consents_given: usize,
    pub(crate) consents_withdrawn: usize,
    pub(crate) holds_placed: usize,
    pub(crate) allocations: usize,
    /// Of those, placements the solver could not prove optimal within its node budget.
    pub(crate) unproven: usize,
}

impl Year {
    /// Whether `date` is inside the simulated year.
    pub(crate) fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }
}

fn date(year: i32, month: u32, day: u32) -> Result<NaiveDate, BoxError> {
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| format!("no date {year}-{month}-{day}").into())
}

/// What the day loop runs on: the shelter, the alternatives offered to those refused a stay,
/// and the first contacts. [`Setup::romerike`] is romerike-year's; alternatives-plan changes
/// the alternatives, the rooms (an internal unit takes some) and the contacts (the demand).
pub(crate) struct Setup {
    pub(crate) inventory: Inventory,
    pub(crate) policy: Policy,
    pub(crate) alternatives: Vec<Alternative>,
    /// Every first contact from the warm-up on, in date order, `index` its position.
    pub(crate) contacts: Vec<Contact>,
    /// The seed of the random stream that decides who comes back after a stay.
    pub(crate) seed: u64,
    /// One line per month on standard error.
    pub(crate) progress: bool,
}

impl Setup {
    /// romerike-year's: Romerike's shelter, the three alternatives of [`alternatives`], and the
    /// first contacts drawn from `seed` from the warm-up to the end of `year`.
    pub(crate) fn romerike(year: i32, seed: u64) -> Result<Self, BoxError> {
        let (from, to) = (date(year, 1, 1)?, date(year, 12, 31)?);
        let start = from - Duration::days(WARM_UP_DAYS);
        let (inventory, policy) = shelter();
        let contacts = arrivals::contacts(&mut arrivals::stream(seed, STREAM_CONTACTS), start, to);
        Ok(Self { inventory, policy, alternatives: alternatives()?, contacts, seed, progress: true })
    }

    /// Another shelter's (norway-year): its rooms and policy, the same three alternatives, and
    /// the first contacts its `demand` draws from `seed`; no progress lines.
    #[allow(dead_code, reason = "norway-year's, which compiles this module too")]
    pub(crate) fn shelter(
        year: i32,
        seed: u64,
        (inventory, policy): (Inventory, Policy),
        demand: &Demand,
    ) -> Result<Self, BoxError> {
        let (from, to) = (date(year, 1, 1)?, date(year, 12, 31)?);
        let start = from - Duration::days(WARM_UP_DAYS);
        let contacts = arrivals::contacts_for(&mut arrivals::stream(seed, STREAM_CONTACTS), start, to, demand);
        Ok(Self { inventory, policy, alternatives: alternatives()?, contacts, seed, progress: false })
    }
}

/// What happens to the people refused a stay and given an alternative, when the alternative's
/// places are counted (alternatives-plan). romerike-year counts none: `()`.
pub(crate) trait Places {
    /// Called every day of the loop after the first contacts were assessed (`assessed`, those of
    /// the day) and before the ordinary stay's placement.
    fn day(&mut self, day: NaiveDate, assessed: &[Assessed], contacts: &[Contact]);
}

impl Places for () {
    fn day(&mut self, _: NaiveDate, _: &[Assessed], _: &[Contact]) {}
}

/// Simulates `year` at Romerike from `seed`, printing one line per month on standard error.
pub(crate) fn run(year: i32, seed: u64) -> Result<Year, BoxError> {
    run_shelter(year, Setup::romerike(year, seed)?, &Demand::ROMERIKE)
}

/// Simulates `year` at the shelter of `setup` (its seed the seed of every stream), the day
/// service's other contacts drawn for `demand`: the day loop, then the stay records, day
/// contacts, disclosures and case records.
pub(crate) fn run_shelter(year: i32, setup: Setup, demand: &Demand) -> Result<Year, BoxError> {
    let seed = setup.seed;
    let mut year_out = simulate(year, setup, &mut ())?;
    stays(&mut year_out)?;
    day_contacts(&mut year_out, seed, demand);
    let holds = disclosures(&mut year_out, seed)?;
    records(&mut year_out, holds)?;
    Ok(year_out)
}

/// The day loop alone, from the warm-up to 31 December of `year`: first contacts assessed,
/// `places` told of those given an alternative, the ordinary stay placed, one night recorded a
/// day. The stay records, day contacts, disclosures and case records are left empty.
pub(crate) fn simulate(year: i32, setup: Setup, places: &mut impl Places) -> Result<Year, BoxError> {
    let from = date(year, 1, 1)?;
    let to = date(year, 12, 31)?;
    let start = from - Duration::days(WARM_UP_DAYS);
    let Setup { inventory, policy, alternatives, contacts, seed, progress } = setup;
    let returns = arrivals::stream(seed, STREAM_RETURNS);
    let housing = arrivals::stream(seed, STREAM_HOUSING);
    let mut shelter = Shelter::new(inventory, policy, alternatives, contacts, returns, housing);

    let mut days = Vec::new();
    let mut month = MonthLine::default();
    let mut day = start;
    while day <= to {
        shelter.end_stays(day, to);
        let before = shelter.assessed.len();
        shelter.first_contacts(day, &mut month)?;
        places.day(day, shelter.assessed.get(before..).unwrap_or_default(), &shelter.contacts);
        shelter.place(day, &mut month)?;
        if day >= from {
            let night = shelter.midnight(day);
            month.beds.push(night.beds_occupied);
            days.push(night);
        }
        let next = day + Duration::days(1);
        if next.month() != day.month() || next > to {
            if day >= from && progress {
                month.print(day);
            }
            month = MonthLine::default();
        }
        day = next;
    }

    Ok(Year {
        year,
        from,
        to,
        inventory: shelter.inventory,
        policy: shelter.policy,
        contacts: shelter.contacts,
        assessed: shelter.assessed,
        households: shelter.households,
        days,
        placement_notes: shelter.placement_notes,
        stays: Vec::new(),
        stay_households: BTreeMap::new(),
        day_contacts: Vec::new(),
        disclosures: Vec::new(),
        records: Vec::new(),
        consents_given: 0,
        consents_withdrawn: 0,
        holds_placed: 0,
        allocations: shelter.allocations,
        unproven: shelter.unproven,
    })
}

/// The shelter as the days go by: who has been in contact, who waits, who lives where.
struct Shelter {
    inventory: Inventory,
    policy: Policy,
    alternatives: Vec<Alternative>,
    /// Every first contact, indexed by `Contact::index`; people who come back are appended.
    contacts: Vec<Contact>,
    /// The contacts of each day, by index.
    by_day: BTreeMap<NaiveDate, Vec<usize>>,
    /// The random stream that decides who comes back, and when.
    returns: rand_chacha::ChaCha8Rng,
    /// The random stream that decides how long the search for a new home takes.
    housing: rand_chacha::ChaCha8Rng,
    assessed: Vec<Assessed>,
    households: Vec<Household>,
    /// Households offered a stay and not yet placed, by index in `households`.
    waiting: Vec<usize>,
    /// Households living at the shelter, by index in `households`.
    residents: BTreeSet<usize>,
    placement_notes: BTreeSet<String>,
    allocations: usize,
    unproven: usize,
}

impl Shelter {
    fn new(
        inventory: Inventory,
        policy: Policy,
        alternatives: Vec<Alternative>,
        contacts: Vec<Contact>,
        returns: rand_chacha::ChaCha8Rng,
        housing: rand_chacha::ChaCha8Rng,
    ) -> Self {
        let mut by_day: BTreeMap<NaiveDate, Vec<usize>> = BTreeMap::new();
        for c in &contacts {
            by_day.entry(c.date).or_default().push(c.index);
        }
        Self {
            inventory,
            policy,
            alternatives,
            assessed: Vec::with_capacity(contacts.len()),
            contacts,
            by_day,
            returns,
            housing,
            households: Vec::new(),
            waiting: Vec::new(),
            residents: BTreeSet::new(),
            placement_notes: BTreeSet::new(),
            allocations: 0,
            unproven: 0,
        }
    }

    /// Stays end on their planned day: the room is free for tonight. Some who go back to the
    /// perpetrator come back later (before `to`): a new first contact of the same person.
    fn end_stays(&mut self, day: NaiveDate, to: NaiveDate) {
        for &h in &self.residents {
            let Some(household) = self.households.get_mut(h) else { continue };
            if household.planned_out.is_none_or(|out| out > day) {
                continue;
            }
            household.check_out = Some(day);
            household.room = None;
            let Some(earlier) = self.contacts.get(household.contact) else { continue };
            if earlier.after_stay == AfterStay::ReturnedToPerpetrator {
                if let Some(back) = arrivals::comes_back(&mut self.returns, day).filter(|back| *back <= to) {
                    let again = arrivals::returning(&mut self.returns, earlier, self.contacts.len(), back);
                    self.by_day.entry(back).or_default().push(again.index);
                    self.contacts.push(again);
                }
            }
        }
        let households = &self.households;
        self.residents.retain(|h| households.get(*h).is_some_and(|hh| hh.check_out.is_none()));
    }

    /// The day's first contacts are assessed; a stay offered makes a household that waits.
    /// (People coming back are only ever scheduled for a later day, so the list is complete.)
    fn first_contacts(&mut self, day: NaiveDate, month: &mut MonthLine) -> Result<(), BoxError> {
        for &index in self.by_day.get(&day).map(Vec::as_slice).unwrap_or_default() {
            let Some(contact) = self.contacts.get(index) else { continue };
            let outcome = assess(contact, &self.alternatives)?;
            month.contacts += 1;
            if outcome.final_outcome == FinalOutcome::Offered {
                self.waiting.push(self.households.len());
                self.households.push(household(contact)?);
            } else if contact.role == Role::Victim {
                month.refused += 1;
            }
            self.assessed.push(outcome);
        }
        Ok(())
    }

    /// Placement, when someone waits: the current residents (who must stay placed, and move
    /// only when that lets more in) and everyone waiting, optimally. Who is not placed waits,
    /// or is referred to another shelter when the wait is over or no room could ever fit.
    fn place(&mut self, day: NaiveDate, month: &mut MonthLine) -> Result<(), BoxError> {
        if self.waiting.is_empty() {
            return Ok(());
        }
        self.allocations += 1;
        let requests = self
            .residents
            .iter()
            .chain(self.waiting.iter())
            .filter_map(|h| self.households.get(*h))
            .map(Household::request)
            .collect::<Result<Vec<_>, _>>()?;
        let allocation = rooms::allocate(&AllocateInput::new(self.policy, &self.inventory, requests), day)?;
        self.placement_notes.extend(allocation.notes().codes().map(str::to_owned));
        self.unproven += usize::from(!allocation.proven_optimal());
        let placed: BTreeMap<&HouseholdId, &RoomId> =
            allocation.placements().iter().map(|p| (p.household(), p.room())).collect();
        let unplaced: BTreeMap<&HouseholdId, Vec<&str>> =
            allocation.unplaced().iter().map(|u| (u.household(), u.reasons().codes().collect())).collect();

        for &h in &self.residents {
            let Some(household) = self.households.get_mut(h) else { continue };
            let Some(room) = placed.get(&household.id).map(|r| (*r).clone()) else {
                return Err(format!("resident {} was not placed on {day}", household.id).into());
            };
            if Some(&room) != household.room.as_ref() {
                household.moves += 1;
            }
            household.room = Some(room);
        }

        // Lost out to others: worth waiting for a room (or a kennel place) to free up.
        let capacity = [RoomsReason::LostOutForCapacity, RoomsReason::KennelPlacesTaken].map(ReasonKind::code);
        let mut still_waiting = Vec::new();
        for &h in &self.waiting {
            let Some(household) = self.households.get_mut(h) else { continue };
            if let Some(room) = placed.get(&household.id) {
                let contact = self.contacts.get(household.contact);
                let nights = contact.map_or(1, |c| c.planned_nights);
                // Who leaves for a new home stays until it is found.
                if contact.is_some_and(|c| c.after_stay == AfterStay::NewHome) {
                    household.home_wait = arrivals::home_search_wait(&mut self.housing, nights);
                }
                household.room = Some((*room).clone());
                household.first_room = Some((*room).clone());
                household.check_in = Some(day);
                household.planned_out = Some(day + Duration::days(nights + household.home_wait));
                self.residents.insert(h);
                month.placed += 1;
                continue;
            }
            let codes = unplaced.get(&household.id).map(Vec::as_slice).unwrap_or_default();
            if !codes.iter().any(|c| capacity.contains(c)) {
                // Cannot be placed even in an empty shelter: referred the same day.
                let why = codes.first().copied().unwrap_or("cannot_be_placed");
                household.referred = Some((day, why.to_owned()));
                month.referred += 1;
            } else if (day - household.offered_on).num_days() >= WAIT_LIMIT_DAYS {
                household.referred = Some((day, "no_room_in_time".to_owned()));
                month.referred += 1;
            } else {
                still_waiting.push(h);
            }
        }
        self.waiting = still_waiting;
        Ok(())
    }

    /// Midnight: who sleeps in which room (every room listed, empty ones with 0).
    fn midnight(&self, day: NaiveDate) -> DayRecord {
        let mut rooms: BTreeMap<RoomId, u32> = self.inventory.rooms().iter().map(|r| (r.id().clone(), 0)).collect();
        for household in self.residents.iter().filter_map(|h| self.households.get(*h)) {
            if let Some(room) = &household.room {
                *rooms.entry(room.clone()).or_insert(0) += household.size;
            }
        }
        DayRecord { date: day, beds_occupied: rooms.values().sum(), rooms, waiting: self.waiting.len() }
    }
}

#[derive(Default)]
struct MonthLine {
    contacts: usize,
    placed: usize,
    refused: usize,
    referred: usize,
    beds: Vec<u32>,
}

impl MonthLine {
    fn print(&self, day: NaiveDate) {
        let max = self.beds.iter().copied().max().unwrap_or(0);
        let mean = f64::from(self.beds.iter().sum::<u32>()) / (self.beds.len().max(1) as f64);
        let bar = "#".repeat(usize::try_from(mean.round() as i64 / 2).unwrap_or(0));
        eprintln!(
            "  {}  contacts {:>3}  placed {:>3}  refused {:>2}  referred {:>2}  beds mean {:>4.1} max {:>2}  {bar}",
            day.format("%Y-%m"),
            self.contacts,
            self.placed,
            self.refused,
            self.referred,
            mean,
            max,
        );
    }
}

/// The assessment of one first contact, and staff's decision when it is an individual one.
pub(crate) fn assess(contact: &Contact, alternatives: &[Alternative]) -> Result<Assessed, BoxError> {
    let assessment = assessment(contact, alternatives)?;
    let offer = eligibility::assess(&assessment, contact.date)?;
    let recommendation = *offer.residential().outcome();
    let (final_outcome, decision) = match recommendation {
        ResidentialOutcome::Offered => (FinalOutcome::Offered, None),
        ResidentialOutcome::NotOffered => (FinalOutcome::NotOffered, None),
        // The library recommends, staff decide: a departure carries its justification.
        ResidentialOutcome::IndividualAssessment => {
            let (outcome, why) = if contact.staff_offers_after_assessment {
                (FinalOutcome::Offered, "follow-up by the municipal mental health team arranged for the stay")
            } else {
                (FinalOutcome::NotOffered, "the health follow-up needed cannot be given at the shelter")
            };
            let decision = StaffDecision::new(recommendation, outcome, StaffId::try_new(STAFF)?, Some(why.to_owned()))?;
            (outcome, Some(decision))
        }
    };
    // When staff refuse, the alternative the rules say applies (eligibility decides it).
    let (alternative_required, alternative, gap, not_required) = match final_outcome {
        FinalOutcome::Offered => (false, None, None, None),
        FinalOutcome::NotOffered => {
            let alt = eligibility::alternative_if_refused(&assessment, &offer);
            let chosen = alt.offer().map(|o| (o.id().as_str().to_owned(), o.model()));
            let code = alt.reasons().codes().next();
            match (alt.required(), chosen) {
                (true, Some(chosen)) => (true, Some(chosen), None, None),
                (true, None) => (true, None, code, None),
                (false, _) => (false, None, None, code),
            }
        }
    };
    Ok(Assessed {
        contact: contact.index,
        date: contact.date,
        role: contact.role,
        recommendation,
        final_outcome,
        decision,
        residential_reasons: offer.residential().reasons().codes().collect(),
        day: *offer.day().outcome(),
        alternative_required,
        alternative,
        gap,
        not_required,
        referrals: offer.referrals().iter().map(eligibility::Referral::as_str).collect(),
        adaptations: offer.adaptations().codes().collect(),
    })
}

/// The role of a simulated contact, as eligibility names it.
pub(crate) const fn eligibility_role(role: Role) -> eligibility::Role {
    match role {
        Role::Victim => eligibility::Role::Victim,
        Role::Relative => eligibility::Role::Relative,
        Role::Professional => eligibility::Role::Professional,
    }
}

fn assessment(contact: &Contact, alternatives: &[Alternative]) -> Result<AssessInput, BoxError> {
    let role = eligibility_role(contact.role);
    let o = contact.observations;
    let mut observations = eligibility::Observations::no_concerns();
    observations.active_substance_use = o.active_substance_use;
    observations.can_care_for_self = o.can_care_for_self;
    observations.can_care_for_children = o.can_care_for_children;
    observations.danger_to_self = o.danger_to_self;
    observations.danger_to_others = o.danger_to_others;
    observations.frightening_behaviour = o.frightening_behaviour;
    observations.serious_mental_illness = o.serious_mental_illness;
    observations.needs_health_follow_up = o.needs_health_follow_up;
    let mut needs = AdaptationNeeds::default();
    needs.interpreter = contact.interpreter;
    needs.accessible_room = contact.accessible;
    needs.sami = contact.sami;
    needs.pet = contact.pet;
    let children = contact
        .children
        .iter()
        .map(|(age, _)| AccompanyingChild::try_new(u16::from(*age)))
        .collect::<Result<Vec<_>, _>>()?;
    let input = AssessInput::new(
        Applicant::new(Age::try_new(contact.age)?, contact.gender, role),
        Violence::new(contact.violence.iter().copied(), contact.relation),
        observations,
    )
    .with_children(children)
    .with_adaptation_needs(needs)
    .with_alternatives(alternatives.iter().cloned())?;
    Ok(if contact.protection_need { input.in_need_of_protection() } else { input })
}

/// What the contact's household needs from its room.
fn room_needs(contact: &Contact) -> Needs {
    let mut needs = Needs::default();
    needs.accessible = contact.accessible;
    needs.screened = contact.screened;
    needs.pet = contact.pet;
    needs
}

fn household(contact: &Contact) -> Result<Household, BoxError> {
    let children =
        contact.children.iter().map(|(age, _)| rooms::Child::try_new(*age)).collect::<Result<Vec<_>, _>>()?;
    Ok(Household {
        contact: contact.index,
        id: HouseholdId::try_new(format!("h{:04}", contact.index))?,
        adults: vec![rooms::Adult::new(contact.gender)],
        size: u32::try_from(children.len() + 1)?,
        children,
        priority: Priority::try_new(contact.priority)?,
        needs: room_needs(contact),
        offered_on: contact.date,
        check_in: None,
        check_out: None,
        planned_out: None,
        room: None,
        referred: None,
        moves: 0,
        home_wait: 0,
        first_room: None,
    })
}

/// Whether users can opt out of statistics in the simulated year: the stats crate's rules
/// (krisesenterlova §5 a, from 2026-01-01), on the year's first day.
fn opt_out_in_force(year: &Year) -> bool {
    krisesenter::stats::may_opt_out(year.from)
}

/// One stay record per person (adult and children) for every stay that overlaps the year
/// (docs/contract.md `report`: check-in <= to and check-out null or >= from). A stay still going
/// on 31 December is open (no check-out yet).
fn stays(year: &mut Year) -> Result<(), BoxError> {
    let opt_out_in_force = opt_out_in_force(year);
    // A resident is described by the first stay in the year (Bufdir): households come in the
    // order they were offered a stay, so a person's first stay comes first.
    let mut people_this_year = BTreeSet::new();
    for household in &year.households {
        let Some(check_in) = household.check_in else { continue };
        let check_out = household.check_out.filter(|out| *out <= year.to);
        if check_in > year.to || check_out.is_some_and(|out| out < year.from) {
            continue;
        }
        let Some(contact) = year.contacts.get(household.contact) else { continue };
        let municipality = Municipality::try_from_number(contact.municipality)?;
        let violence: ViolenceTypes = contact.violence.iter().copied().collect();
        let after = check_out.map(|_| contact.after_stay);
        let opt_out = opt_out_in_force && contact.opt_out;
        let first = people_this_year.insert(contact.person);
        let adult = StayPerson::new(PersonKind::Adult, contact.gender, Age::try_new(contact.age)?, municipality);
        let id = StayId::try_new(format!("{}-a", household.id))?;
        year.stay_households.insert(id.clone(), household.id.clone());
        year.stays.push(
            Stay::try_new(id, adult, check_in, check_out)?
                .with_first_stay_this_year(first)
                .with_statistics_opt_out(opt_out)
                .with_violence(violence)
                .with_relation(Some(contact.relation))
                .with_after_stay(after)
                .with_previous_stays(contact.previous_stays),
        );
        for (n, (age, gender)) in contact.children.iter().enumerate() {
            let child = StayPerson::new(PersonKind::Child, *gender, Age::try_new(u16::from(*age))?, municipality);
            let id = StayId::try_new(format!("{}-c{}", household.id, n + 1))?;
            year.stay_households.insert(id.clone(), household.id.clone());
            year.stays.push(
                Stay::try_new(id, child, check_in, check_out)?
                    .with_first_stay_this_year(first)
                    .with_statistics_opt_out(opt_out)
                    .with_previous_stays(contact.previous_stays),
            );
        }
    }
    Ok(())
}

/// The day service's contacts of the year: the first contacts made in the year, and the
/// follow-up conversations, calls and outreach of the day service.
fn day_contacts(year: &mut Year, seed: u64, demand: &Demand) {
    let mode = |m: Mode| match m {
        Mode::Phone => krisesenter::stats::ContactMode::Phone,
        Mode::InPerson => krisesenter::stats::ContactMode::InPerson,
        Mode::Outreach => krisesenter::stats::ContactMode::Outreach,
    };
    let first = year.contacts.iter().filter(|c| c.date >= year.from).map(|c| (c.date, c.mode, c.interpreter));
    let rest = arrivals::day_contacts_for(&mut arrivals::stream(seed, STREAM_DAY_CONTACTS), year.from, year.to, demand);
    year.day_contacts = first.chain(rest).map(|(d, m, i)| DayContact::new(d, mode(m), i)).collect();
}

/// The consents a contact gives on the first day, withdrawn later by some.
fn consents(contact: &Contact, until: NaiveDate) -> Result<Vec<Consent>, BoxError> {
    let mut out = Vec::new();
    let id = |what: &str| ConsentId::try_new(format!("c{:04}-{what}", contact.index));
    if let Some(written) = contact.storage_consent {
        out.push(Consent::storage(id("storage")?, contact.date, ConsentForm::from_written(written)));
    }
    if contact.role == Role::Victim && contact.consents_to_nav {
        out.push(Consent::sharing(
            id("nav")?,
            [Party::Nav],
            [Information::ContactDetails],
            contact.date,
            ConsentForm::Written,
        )?);
    }
    if contact.role == Role::Victim && contact.consents_to_police {
        let info = [Information::ViolenceHistory, Information::CaseNotes];
        out.push(Consent::sharing(id("police")?, [Party::Police], info, contact.date, ConsentForm::Written)?);
    }
    // GDPR art. 7(3): a withdrawal takes every consent back from that day on.
    if let Some(after) = contact.withdraws_after_days {
        let day = contact.date + Duration::days(after);
        if day <= until {
            out = out.iter().map(|c| c.withdraw(day)).collect::<Result<Vec<_>, _>>()?;
        }
    }
    Ok(out)
}

/// The request of a situation about a resident with `consents`.
fn request(situation: Situation, consents: Vec<Consent>) -> Result<DiscloseInput, BoxError> {
    use Information as I;
    let request = match situation {
        Situation::UnknownCaller => {
            DiscloseInput::new(Party::Unknown, Initiative::Request, [I::Existence, I::Whereabouts])
        }
        Situation::PerpetratorAsks => {
            DiscloseInput::new(Party::AllegedPerpetrator, Initiative::Request, [I::Whereabouts, I::ContactDetails])
        }
        Situation::PoliceRequest => {
            DiscloseInput::new(Party::Police, Initiative::Request, [I::Whereabouts, I::ViolenceHistory])
        }
        Situation::NavRequest => DiscloseInput::new(Party::Nav, Initiative::Request, [I::ContactDetails]),
        Situation::ChildMistreated => {
            DiscloseInput::new(Party::ChildWelfare, Initiative::OwnInitiative, [I::Children, I::ViolenceHistory])
                .with_child_concern(ChildConcern::Mistreatment)
        }
        Situation::ChildGeneralWorry => {
            DiscloseInput::new(Party::ChildWelfare, Initiative::OwnInitiative, [I::Children])
                .with_child_concern(ChildConcern::GeneralWorry)
        }
        Situation::ChildWelfareOrder => {
            DiscloseInput::new(Party::ChildWelfare, Initiative::Request, [I::Children, I::CaseNotes])
                .with_child_welfare_order(true)
        }
        // Abuse in close relationships (straffeloven §282), most likely to happen: §196.
        Situation::DutyToAvert => DiscloseInput::new(Party::Police, Initiative::OwnInitiative, [I::ViolenceHistory])
            .with_serious_offence(Some(SeriousOffence::try_new(282, Likelihood::MostLikely)?)),
        Situation::DangerToLife => {
            DiscloseInput::new(Party::Health, Initiative::OwnInitiative, [I::Health, I::Whereabouts])
                .with_danger_to_life_or_health(true)
        }
    };
    Ok(request.with_consents(consents)?)
}

/// The legal hold a situation brings on the resident's record, if any.
const fn hold_for(situation: Situation, outcome: Outcome) -> Option<HoldReason> {
    match (situation, outcome) {
        (Situation::PoliceRequest | Situation::DutyToAvert, Outcome::Share | Outcome::MustReport) => {
            Some(HoldReason::PoliceCase)
        }
        (Situation::ChildMistreated | Situation::ChildWelfareOrder, _) => Some(HoldReason::ChildWelfareCase),
        _ => None,
    }
}

/// Decides the year's disclosure situations on residents of their day; returns the legal
/// holds they placed, by contact.
fn disclosures(year: &mut Year, seed: u64) -> Result<BTreeMap<usize, Vec<LegalHold>>, BoxError> {
    let mut rng = arrivals::stream(seed, STREAM_SITUATIONS);
    let mut hold_rng = arrivals::stream(seed, STREAM_HOLDS);
    let mut holds: BTreeMap<usize, Vec<LegalHold>> = BTreeMap::new();
    for (first_day, situation) in arrivals::situations(&mut rng, year.from, year.to) {
        // The first day from the drawn one with a resident the situation can be about.
        let mut found = None;
        let mut day = first_day;
        while found.is_none() && day <= year.to && (day - first_day).num_days() < 60 {
            let candidates: Vec<&Household> = year
                .households
                .iter()
                .filter(|h| h.resident_on(day))
                .filter(|h| !situation.needs_children() || !h.children.is_empty())
                .collect();
            if !candidates.is_empty() {
                let pick = rng.random_range(0..candidates.len());
                found = candidates.get(pick).map(|h| (day, h.contact, h.id.clone()));
            }
            day += Duration::days(1);
        }
        let Some((day, contact_index, household)) = found else { continue };
        let Some(contact) = year.contacts.get(contact_index) else { continue };
        let request = request(situation, consents(contact, year.to)?)?;
        let decision = disclosure::disclose(&request, day)?;
        if let Some(reason) = hold_for(situation, decision.outcome()) {
            let list = holds.entry(contact_index).or_default();
            let id = HoldId::try_new(format!("hold-{contact_index:04}-{}", list.len() + 1))?;
            let mut hold = LegalHold::new(id, reason, day);
            // Police cases close after a while; child-welfare cases stay open at the year's end.
            if reason == HoldReason::PoliceCase {
                let release = day + Duration::days(hold_rng.random_range(30..=240));
                if release <= year.to {
                    hold = hold.release(release)?;
                }
            }
            list.push(hold);
            year.holds_placed += 1;
        }
        year.disclosures.push(DisclosureRecord {
            date: day,
            situation,
            household,
            requester: request.requester(),
            outcome: decision.outcome(),
            neither_confirm_nor_deny: decision.neither_confirm_nor_deny(),
            recipients: decision.recipients().iter().collect(),
            information: decision.information().iter().collect(),
            reasons: decision.reasons().codes().map(str::to_owned).collect(),
            steps: decision.steps().iter().collect(),
        });
    }
    Ok(holds)
}

/// One case record per first contact, as it stands on 31 December: when the contact ended
/// (the check-out, the referral, or the end of the day service; none while it goes on),
/// the consents, the holds and the statistics opt-out.
fn records(year: &mut Year, mut holds: BTreeMap<usize, Vec<LegalHold>>) -> Result<(), BoxError> {
    let by_contact: BTreeMap<usize, &Household> = year.households.iter().map(|h| (h.contact, h)).collect();
    let opt_out_in_force = opt_out_in_force(year);
    for contact in &year.contacts {
        let ended = match by_contact.get(&contact.index) {
            Some(h) => match (h.check_in, h.check_out, &h.referred) {
                (Some(_), out, _) => out,
                (None, _, Some((day, _))) => Some(*day),
                (None, _, None) => None,
            },
            None => Some(contact.date + Duration::days(contact.day_service_days)),
        }
        .filter(|d| *d <= year.to);
        let consents = consents(contact, year.to)?;
        year.consents_given += consents.len();
        year.consents_withdrawn += consents.iter().filter(|c| c.withdrawn_on().is_some()).count();
        let record = CaseRecord::try_new(
            RecordId::try_new(format!("k{:04}", contact.index))?,
            ended,
            consents,
            holds.remove(&contact.index).unwrap_or_default(),
        )?
        .with_statistics_opt_out(opt_out_in_force && contact.opt_out);
        year.records.push(record);
    }
    Ok(())
}
