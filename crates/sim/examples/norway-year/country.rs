//! The country: 45 shelters of different sizes, each simulated for a year on its own (the day
//! loop of romerike-year, placement every day), in parallel on the cores there are. Each
//! shelter computes its figures locally from its own records ([`Local`]: the statistics'
//! aggregate, the nights, the casework and retention counts) and only those travel: the
//! national figures are their merge ([`National`]), as Bufdir's national statistics are built
//! from each centre's forms.
//!
//! The national shape is an assumption (README.md in this folder): the shelters' catchments,
//! their rooms and the demand they see are ours, sized so that the country comes near Bufdir's
//! published figures for 2024; only Romerike's setup is romerike-year's.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use krisesenter::core::RoomId;
use krisesenter::rooms::{GenderSeparation, Inventory, Policy, Room, UnitId};
use krisesenter::stats::{Aggregate, Period};
use krisesenter_sim::figures::{CaseFigures, Retention};
use krisesenter_sim::files::{self, Nights};
use rand::Rng;

use crate::arrivals::{self, Demand};
use crate::sim::{self, BoxError, Setup, Year};
use crate::{cases, nights};

/// Romerike's catchment in thousands of inhabitants (its 12 owners: 334,624).
const ROMERIKE_THOUSANDS: u32 = 335;

/// Men per thousand first contacts outside Romerike (Romerike's generator: 147). Bufdir 2024
/// counts 210 men among 2,340 adult residents (9 %); Romerike's own 2025 figures 22 of 158.
const MEN_PER_MILLE: u32 = 105;

/// One shelter of the table: where it is, how many people it serves, how it houses women and
/// men.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Spec {
    /// The host municipality's name.
    pub(crate) name: &'static str,
    /// Where its users live: the host municipality (number of 2024), weight 1.
    pub(crate) municipalities: &'static [(u16, u32)],
    /// The catchment, thousands of inhabitants (an assumption).
    pub(crate) thousands: u32,
    /// Women and men under one roof (Romerike's trial, and one other: Bufdir 2024 counts one
    /// centre with all users under the same roof).
    pub(crate) integrated: bool,
}

const fn spec(name: &'static str, municipalities: &'static [(u16, u32)], thousands: u32) -> Spec {
    Spec { name, municipalities, thousands, integrated: false }
}

/// The name of the shelter whose setup is romerike-year's.
pub(crate) const ROMERIKE: &str = "Romerike";

/// The 45 shelters: Romerike (romerike-year's setup) and 44 others named by their host
/// municipality, with assumed catchments (thousands of inhabitants) that add up to about
/// Norway's population. Not Bufdir's list of centres: the names place the shelters, they say
/// nothing about the real centres there.
pub(crate) const SHELTERS: [Spec; 45] = [
    spec("Oslo", &[(301, 1)], 720),
    Spec { name: ROMERIKE, municipalities: &[], thousands: ROMERIKE_THOUSANDS, integrated: true },
    spec("Bærum", &[(3201, 1)], 265),
    spec("Nordre Follo", &[(3207, 1)], 140),
    spec("Drammen", &[(3301, 1)], 200),
    spec("Ringerike", &[(3305, 1)], 80),
    spec("Kongsberg", &[(3303, 1)], 60),
    spec("Fredrikstad", &[(3107, 1)], 150),
    spec("Sarpsborg", &[(3105, 1)], 100),
    spec("Moss", &[(3103, 1)], 80),
    spec("Halden", &[(3101, 1)], 50),
    spec("Tønsberg", &[(3905, 1)], 260),
    spec("Skien", &[(4003, 1)], 175),
    spec("Hamar", &[(3403, 1)], 130),
    spec("Lillehammer", &[(3405, 1)], 85),
    spec("Gjøvik", &[(3407, 1)], 100),
    spec("Kongsvinger", &[(3401, 1)], 55),
    spec("Elverum", &[(3420, 1)], 60),
    spec("Kristiansand", &[(4204, 1)], 200),
    spec("Arendal", &[(4203, 1)], 120),
    spec("Stavanger", &[(1103, 1)], 290),
    spec("Haugesund", &[(1106, 1)], 115),
    spec("Eigersund", &[(1101, 1)], 45),
    spec("Bergen", &[(4601, 1)], 470),
    spec("Stord", &[(4614, 1)], 60),
    spec("Sunnfjord", &[(4647, 1)], 60),
    spec("Sogndal", &[(4640, 1)], 45),
    spec("Ålesund", &[(1508, 1)], 140),
    spec("Molde", &[(1506, 1)], 70),
    spec("Kristiansund", &[(1505, 1)], 55),
    spec("Trondheim", &[(5001, 1)], 330),
    spec("Levanger", &[(5037, 1)], 90),
    spec("Namsos", &[(5007, 1)], 35),
    spec("Orkland", &[(5059, 1)], 50),
    spec("Bodø", &[(1804, 1)], 85),
    spec("Rana", &[(1833, 1)], 40),
    spec("Vefsn", &[(1824, 1)], 30),
    spec("Narvik", &[(1806, 1)], 35),
    Spec { name: "Vågan", municipalities: &[(1865, 1)], thousands: 25, integrated: true },
    spec("Sortland", &[(1870, 1)], 30),
    spec("Tromsø", &[(5501, 1)], 115),
    spec("Harstad", &[(5503, 1)], 45),
    spec("Alta", &[(5601, 1)], 35),
    spec("Hammerfest", &[(5603, 1)], 25),
    spec("Sør-Varanger", &[(5605, 1)], 20),
];

/// One shelter ready to simulate: its rooms, policy, demand and seed.
#[derive(Debug, Clone)]
pub(crate) struct Shelter {
    pub(crate) spec: Spec,
    pub(crate) seed: u64,
    pub(crate) inventory: Inventory,
    pub(crate) policy: Policy,
    pub(crate) demand: Demand,
    /// Rooms for women (or anyone, when integrated), for men, screened.
    pub(crate) rooms: [u32; 3],
}

impl Shelter {
    /// The shelter `spec` of a country simulated from `seed`: Romerike takes `seed` itself
    /// (its year is romerike-year's for that seed), every other shelter a seed drawn from
    /// `seed` and its place in the table, so a shelter's year never depends on how many
    /// threads run or in which order.
    pub(crate) fn new(spec: Spec, index: usize, seed: u64) -> Result<Self, BoxError> {
        if spec.name == ROMERIKE {
            let (inventory, policy) = sim::shelter();
            let screened = inventory.rooms().iter().filter(|r| r.screened()).count();
            let rooms = [u32::try_from(inventory.rooms().len() - screened)?, 0, u32::try_from(screened)?];
            return Ok(Self { spec, seed, inventory, policy, demand: Demand::ROMERIKE, rooms });
        }
        let scale = f64::from(spec.thousands) / f64::from(ROMERIKE_THOUSANDS);
        let demand = Demand { scale, men_per_mille: MEN_PER_MILLE, municipalities: spec.municipalities };
        let seed = arrivals::stream(seed, 1000 + u64::try_from(index)?).random::<u64>();
        let (inventory, policy, rooms) = rooms_for(scale, spec.integrated)?;
        Ok(Self { spec, seed, inventory, policy, demand, rooms })
    }

    /// The setup of the day loop (no progress lines: 45 shelters run at once).
    fn setup(&self, year: i32) -> Result<Setup, BoxError> {
        let setup = if self.spec.name == ROMERIKE {
            Setup::romerike(year, self.seed)?
        } else {
            Setup::shelter(year, self.seed, (self.inventory.clone(), self.policy), &self.demand)?
        };
        Ok(Setup { progress: false, ..setup })
    }

    /// The shelter's year, every record of it (only [`Local`] leaves the shelter).
    pub(crate) fn simulate(&self, year: i32) -> Result<Year, BoxError> {
        sim::run_shelter(year, self.setup(year)?, &self.demand)
    }
}

/// The rooms of a shelter that sees `scale` times Romerike's demand: Romerike's 16 rooms per
/// unit of demand (at least 3), of which men's rooms of 2 beds in a unit of their own (1 up to
/// 8 rooms, 2 up to 20, 3 above; none apart when integrated), a screened room of 3 beds from
/// 10 rooms on, and family rooms of 4 beds for the rest, the first accessible; a kennel place
/// from 6 rooms on. Assumptions (README.md).
fn rooms_for(scale: f64, integrated: bool) -> Result<(Inventory, Policy, [u32; 3]), BoxError> {
    let total = (16.0 * scale).round().max(3.0);
    let total = if total < 1000.0 { total as u32 } else { 1000 };
    let men = match total {
        0..=8 => 1,
        9..=20 => 2,
        _ => 3,
    };
    let screened = u32::from(total >= 10);
    let women = total - men - screened;
    let unit = |name: &str| UnitId::try_new(name);
    let (women_unit, men_unit) =
        if integrated { (unit("main")?, unit("main")?) } else { (unit("women")?, unit("men")?) };
    let mut rooms = Vec::new();
    for n in 1..=women {
        rooms.push(Room::try_new(RoomId::try_new(format!("k{n:02}"))?, women_unit.clone(), 4, n == 1, false)?);
    }
    for n in 1..=men {
        rooms.push(Room::try_new(RoomId::try_new(format!("m{n:02}"))?, men_unit.clone(), 2, false, false)?);
    }
    for n in 1..=screened {
        rooms.push(Room::try_new(RoomId::try_new(format!("s{n:02}"))?, unit("screened")?, 3, false, true)?);
    }
    let kennel = u16::from(total >= 6);
    let separation = if integrated { GenderSeparation::Integrated } else { GenderSeparation::ByUnit };
    let rooms_by_kind = if integrated { [women + men, 0, screened] } else { [women, men, screened] };
    Ok((Inventory::from_rooms(rooms, kennel)?, Policy::new(separation, true), rooms_by_kind))
}

/// Counts of one shelter's year (inside the year) that travel with its aggregate.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Counts {
    /// First contacts assessed.
    pub(crate) contacts: usize,
    /// People exposed to violence refused a stay.
    pub(crate) refused: usize,
    /// Households placed, and of them those who waited first.
    pub(crate) placed: usize,
    pub(crate) waited: usize,
    /// Households referred to another shelter, by reason.
    pub(crate) referred: BTreeMap<String, usize>,
    /// Households still waiting on 31 December.
    pub(crate) still_waiting: usize,
    /// Days someone waited (a placement was computed), and of those the placements without a
    /// proof of optimality within the solver's node budget.
    pub(crate) allocations: usize,
    pub(crate) unproven: usize,
    /// Times a resident was moved to another room.
    pub(crate) moves: u32,
    pub(crate) disclosures: usize,
    pub(crate) records: usize,
    pub(crate) consents_given: usize,
    pub(crate) consents_withdrawn: usize,
    pub(crate) holds_placed: usize,
    /// Room-nights with more people than the room has beds (always 0: checked, not assumed).
    pub(crate) over_capacity: usize,
}

impl Counts {
    fn merge(&mut self, other: &Self) {
        self.contacts += other.contacts;
        self.refused += other.refused;
        self.placed += other.placed;
        self.waited += other.waited;
        for (why, n) in &other.referred {
            *self.referred.entry(why.clone()).or_insert(0) += n;
        }
        self.still_waiting += other.still_waiting;
        self.allocations += other.allocations;
        self.unproven += other.unproven;
        self.moves += other.moves;
        self.disclosures += other.disclosures;
        self.records += other.records;
        self.consents_given += other.consents_given;
        self.consents_withdrawn += other.consents_withdrawn;
        self.holds_placed += other.holds_placed;
        self.over_capacity += other.over_capacity;
    }
}

/// What one shelter sends: counts only, never a record.
#[derive(Debug, Clone)]
pub(crate) struct Local {
    /// The statistics' aggregate of its stays and day contacts (beds included).
    pub(crate) aggregate: Aggregate,
    pub(crate) nights: Nights,
    pub(crate) stays_by_month: [u32; 12],
    pub(crate) cases: CaseFigures,
    pub(crate) retention: Retention,
    pub(crate) counts: Counts,
    /// Households placed in the integrated shelters note the departure from krisesenterlova §2.
    pub(crate) placement_notes: Vec<String>,
}

/// The shelter's own figures from its year.
pub(crate) fn local(year: &Year) -> Result<Local, BoxError> {
    let period = Period::year(year.year)?;
    let beds = u64::from(year.inventory.total_beds());
    let aggregate = Aggregate::from_records(period, beds, &year.stays, &year.day_contacts);
    let nights = nights::nights(year)?;
    let in_year = |d| year.contains(d);
    let mut counts = Counts {
        contacts: year.assessed.iter().filter(|a| in_year(a.date)).count(),
        refused: year
            .assessed
            .iter()
            .filter(|a| {
                in_year(a.date)
                    && a.role == arrivals::Role::Victim
                    && a.final_outcome == krisesenter::eligibility::FinalOutcome::NotOffered
            })
            .count(),
        placed: year.households.iter().filter(|h| h.check_in.is_some_and(in_year)).count(),
        waited: year.households.iter().filter(|h| h.check_in.is_some_and(|i| in_year(i) && i > h.offered_on)).count(),
        still_waiting: year.days.last().map_or(0, |d| d.waiting),
        allocations: year.allocations,
        unproven: year.unproven,
        moves: year.households.iter().map(|h| h.moves).sum(),
        disclosures: year.disclosures.len(),
        records: year.records.len(),
        consents_given: year.consents_given,
        consents_withdrawn: year.consents_withdrawn,
        holds_placed: year.holds_placed,
        ..Counts::default()
    };
    for (_, why) in year.households.iter().filter_map(|h| h.referred.as_ref()).filter(|(d, _)| in_year(*d)) {
        *counts.referred.entry(why.clone()).or_insert(0) += 1;
    }
    let beds_of: BTreeMap<&RoomId, u32> =
        year.inventory.rooms().iter().map(|r| (r.id(), u32::from(r.beds()))).collect();
    counts.over_capacity = year
        .days
        .iter()
        .flat_map(|d| d.rooms.iter())
        .filter(|(room, people)| beds_of.get(room).is_none_or(|beds| *people > beds))
        .count();
    Ok(Local {
        aggregate,
        nights,
        stays_by_month: files::stays_by_month(&year.stays, period),
        cases: cases::cases(year)?,
        retention: Retention::sweep(&year.records, year.to, false)?,
        counts,
        placement_notes: year.placement_notes.iter().cloned().collect(),
    })
}

/// Every shelter's [`Local`], in the order of `shelters`, computed on `threads` threads (at
/// least one): each thread takes the next shelter not yet taken, largest first, simulates its
/// year and keeps only its local figures. The result does not depend on `threads`.
pub(crate) fn run(shelters: &[Shelter], year: i32, threads: usize) -> Result<Vec<Local>, BoxError> {
    let mut order: Vec<usize> = (0..shelters.len()).collect();
    order.sort_by_key(|i| std::cmp::Reverse(shelters.get(*i).map_or(0, |s| s.spec.thousands)));
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<Option<Result<Local, String>>>> = Mutex::new(vec![None; shelters.len()]);
    std::thread::scope(|scope| {
        for _ in 0..threads.max(1).min(shelters.len().max(1)) {
            scope.spawn(|| {
                while let Some(&i) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let Some(shelter) = shelters.get(i) else { continue };
                    // Errors cross threads as text (a boxed error is not Send).
                    let result = shelter.simulate(year).and_then(|y| local(&y)).map_err(|e| e.to_string());
                    if let Ok(mut done) = done.lock()
                        && let Some(slot) = done.get_mut(i)
                    {
                        *slot = Some(result);
                    }
                }
            });
        }
    });
    let done = done.into_inner().map_err(|_| "a shelter's thread failed")?;
    done.into_iter()
        .zip(shelters)
        .map(|(result, shelter)| match result {
            Some(Ok(local)) => Ok(local),
            Some(Err(e)) => Err(format!("{}: {e}", shelter.spec.name).into()),
            None => Err(format!("{}: not simulated", shelter.spec.name).into()),
        })
        .collect()
}

/// The country's figures: the merge of the shelters' local figures, nothing else, in the
/// same shape (the placement notes of every shelter, each once).
pub(crate) type National = Local;

/// Merges the shelters' figures of `period` (in their order; every merge is commutative).
pub(crate) fn merge(period: Period, locals: &[Local]) -> Result<National, BoxError> {
    let mut national = National {
        aggregate: Aggregate::empty(period),
        nights: Nights::default(),
        stays_by_month: [0; 12],
        cases: CaseFigures::default(),
        retention: Retention::default(),
        counts: Counts::default(),
        placement_notes: Vec::new(),
    };
    for local in locals {
        national.aggregate = national.aggregate.merge(&local.aggregate)?;
        national.nights.merge(&local.nights)?;
        for (total, n) in national.stays_by_month.iter_mut().zip(local.stays_by_month) {
            *total += n;
        }
        national.cases.merge(&local.cases);
        national.retention.merge(&local.retention);
        national.counts.merge(&local.counts);
        national.placement_notes.extend(local.placement_notes.iter().cloned());
    }
    national.placement_notes.sort();
    national.placement_notes.dedup();
    Ok(national)
}
