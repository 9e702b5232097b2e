//! One year under one model, or under none (today's baseline): the demand is built, the
//! shelter loses an internal unit's rooms, romerike-year's day loop runs with eligibility
//! choosing the alternative, and [`PlaceLog`] counts the alternative's places day by day.

use std::collections::{BTreeMap, VecDeque};

use chrono::{Duration, NaiveDate};
use krisesenter::core::{Gender, Relation, ViolenceType};
use krisesenter::eligibility::{Alternative, FinalOutcome};
use krisesenter::rooms::Inventory;
use krisesenter::stats::{AfterStay, Municipality, share_costs_by_use};
use rand::Rng;

use crate::arrivals::{self, Contact, Mode, Observations, Role};
use crate::scenario::{Demand, Group, Model, Scenario};
use crate::sim::{self, Assessed, BoxError, Places, Setup, Year};

/// The random stream of the first contacts (romerike-year's).
const STREAM_CONTACTS: u64 = 1;
/// The random stream of the days extra demand is moved to (demand ×2).
const STREAM_COPIES: u64 = 21;
/// The random stream of the people of given figures.
const STREAM_FIGURES: u64 = 22;

/// The gap code when the alternative fits but has no free place within the wait.
pub(crate) const NO_PLACE_IN_TIME: &str = "no_place_in_time";

/// A demand factor: `num / den` times the year's demand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Factor {
    pub(crate) num: u32,
    pub(crate) den: u32,
}

impl Factor {
    /// The year as given.
    pub(crate) const ONE: Factor = Factor { num: 1, den: 1 };
    /// The three demands compared: 50 % lower, as given, 100 % higher.
    pub(crate) const ALL: [Factor; 3] = [Factor { num: 1, den: 2 }, Factor::ONE, Factor { num: 2, den: 1 }];

    /// How many times the `i`-th person of the demand comes: over the whole list, the counts
    /// add up to the factor times the length (rounded down), spread evenly.
    fn copies(self, i: u64) -> u64 {
        let (num, den) = (u64::from(self.num), u64::from(self.den.max(1)));
        (i + 1) * num / den - i * num / den
    }

    /// `0.5`, `1`, `2`.
    pub(crate) fn value(self) -> String {
        (f64::from(self.num) / f64::from(self.den.max(1))).to_string()
    }

    /// `×0.5`, `×1`, `×2`.
    pub(crate) fn label(self) -> String {
        if self.den == 1 {
            format!("×{}", self.num)
        } else {
            format!("×{}", f64::from(self.num) / f64::from(self.den))
        }
    }
}

/// What one person in the target group refused a stay got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Got {
    /// A place in the alternative, after waiting this many days.
    Place { waited: i64 },
    /// A gap: eligibility's code, or [`NO_PLACE_IN_TIME`].
    Gap(&'static str),
}

/// One person in the target group refused a stay in the year.
#[derive(Debug, Clone)]
pub(crate) struct Refused {
    pub(crate) gender: Gender,
    /// eligibility's reasons for refusing the stay (the deciding ones).
    pub(crate) reasons: Vec<&'static str>,
    pub(crate) got: Got,
}

/// The ordinary stay in the year.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Ordinary {
    pub(crate) rooms: usize,
    pub(crate) beds: u32,
    pub(crate) households_placed: usize,
    pub(crate) households_waited: usize,
    pub(crate) days_waited: i64,
    pub(crate) referred_no_room: usize,
    pub(crate) referred_other: usize,
    pub(crate) bed_nights: u64,
}

/// The year under one model (or none).
#[derive(Debug, Clone)]
pub(crate) struct Outcome {
    /// The model's id, or `none`.
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) places: u16,
    pub(crate) refused: Vec<Refused>,
    /// Nights a place was used inside the year, by the person's municipality.
    pub(crate) nights: BTreeMap<Municipality, u64>,
    pub(crate) ordinary: Ordinary,
    pub(crate) cost_ore: u64,
    pub(crate) shares: BTreeMap<Municipality, u64>,
}

impl Outcome {
    /// People given a place in the alternative.
    pub(crate) fn offered(&self) -> usize {
        self.refused.iter().filter(|r| matches!(r.got, Got::Place { .. })).count()
    }

    /// People left with a gap.
    pub(crate) fn gaps(&self) -> usize {
        self.refused.len() - self.offered()
    }

    /// Place-nights used inside the year.
    pub(crate) fn place_nights(&self) -> u64 {
        self.nights.values().sum()
    }

    /// Days waited for a place, by those who got one.
    pub(crate) fn days_waited(&self) -> i64 {
        self.refused.iter().map(|r| if let Got::Place { waited } = r.got { waited } else { 0 }).sum()
    }
}

/// The alternative's places, day by day: who is in one and until when, who waits. First come,
/// first served; a person waits at most `wait_days` days, then it is a gap.
#[derive(Debug)]
pub(crate) struct PlaceLog {
    places: usize,
    wait_days: i64,
    /// The day each occupied place is free again.
    occupied: Vec<NaiveDate>,
    /// Contact, day offered, nights.
    queue: VecDeque<(usize, NaiveDate, i64)>,
    /// The place each contact got: start and end, or none in time.
    pub(crate) got: BTreeMap<usize, Option<(NaiveDate, NaiveDate)>>,
}

impl PlaceLog {
    pub(crate) fn new(places: u16, wait_days: u8) -> Self {
        Self {
            places: usize::from(places),
            wait_days: i64::from(wait_days),
            occupied: Vec::new(),
            queue: VecDeque::new(),
            got: BTreeMap::new(),
        }
    }

    /// Frees the places whose stay ended, places the waiting in order, and gives up on those
    /// who waited long enough.
    fn step(&mut self, day: NaiveDate) {
        self.occupied.retain(|end| *end > day);
        while self.occupied.len() < self.places {
            let Some((contact, _, nights)) = self.queue.pop_front() else { break };
            let end = day + Duration::days(nights.max(1));
            self.occupied.push(end);
            self.got.insert(contact, Some((day, end)));
        }
        let wait = self.wait_days;
        let got = &mut self.got;
        self.queue.retain(|(contact, since, _)| {
            let keep = (day - *since).num_days() < wait;
            if !keep {
                got.insert(*contact, None);
            }
            keep
        });
    }

    /// After the last day: those still waiting are placed or given up as the days would have
    /// gone (nobody new comes before them, first come first served).
    pub(crate) fn finish(&mut self, to: NaiveDate) {
        let mut day = to;
        while !self.queue.is_empty() {
            day += Duration::days(1);
            self.step(day);
        }
    }
}

impl Places for PlaceLog {
    fn day(&mut self, day: NaiveDate, assessed: &[Assessed], contacts: &[Contact]) {
        for a in assessed {
            if a.role == Role::Victim && a.final_outcome == FinalOutcome::NotOffered && a.alternative.is_some() {
                let nights = contacts.get(a.contact).map_or(1, |c| c.planned_nights);
                self.queue.push_back((a.contact, day, nights));
            }
        }
        self.step(day);
    }
}

/// Whether an assessment is one of the demand: someone exposed to violence, refused a stay,
/// owed an equal alternative.
pub(crate) fn in_demand(a: &Assessed) -> bool {
    a.role == Role::Victim && a.final_outcome == FinalOutcome::NotOffered && a.alternative_required
}

fn date(year: i32, month: u32, day: u32) -> Result<NaiveDate, BoxError> {
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| format!("no date {year}-{month}-{day}").into())
}

/// The first contacts from the warm-up to the end of the year: romerike-year's, with the
/// year's demand (those eligibility refuses a stay and owes an alternative) as the scenario
/// says, times `factor`. Extra people are the same kind of person on another day of the year.
pub(crate) fn contacts(scenario: &Scenario, seed: u64, factor: Factor) -> Result<Vec<Contact>, BoxError> {
    let (from, to) = (date(scenario.year, 1, 1)?, date(scenario.year, 12, 31)?);
    let start = from - Duration::days(sim::WARM_UP_DAYS);
    let span = (to - from).num_days() + 1;
    let drawn = arrivals::contacts(&mut arrivals::stream(seed, STREAM_CONTACTS), start, to);
    // (date, order, contact): the order keeps the generator's within a day.
    let mut out: Vec<(NaiveDate, (usize, u64), Contact)> = Vec::with_capacity(drawn.len());
    let mut demand = Vec::new();
    for c in drawn {
        if c.date >= from && in_demand(&sim::assess(&c, &[])?) {
            demand.push(c);
        } else {
            out.push((c.date, (c.index, 0), c));
        }
    }
    if let Demand::Figures(groups) = &scenario.demand {
        let mut rng = arrivals::stream(seed, STREAM_FIGURES);
        demand = groups
            .iter()
            .flat_map(|g| (0..g.per_year).map(move |n| (g, n)))
            .enumerate()
            .map(|(i, (g, n))| {
                let day = from + Duration::days((2 * i64::from(n) + 1) * span / (2 * i64::from(g.per_year.max(1))));
                figure_contact(&mut rng, usize::MAX - i, day, g)
            })
            .collect();
        demand.sort_by_key(|c| (c.date, std::cmp::Reverse(c.index)));
    }
    let mut rng = arrivals::stream(seed, STREAM_COPIES);
    for (i, c) in demand.into_iter().enumerate() {
        for copy in 0..factor.copies(u64::try_from(i)?) {
            let mut day = c.date;
            if copy > 0 {
                let offset = rng.random_range(1..span);
                day = from + Duration::days(((c.date - from).num_days() + offset) % span);
            }
            out.push((day, (c.index, copy), Contact { date: day, ..c.clone() }));
        }
    }
    out.sort_by_key(|(day, order, _)| (*day, *order));
    Ok(out.into_iter().enumerate().map(|(index, (_, _, c))| Contact { index, person: index, ..c }).collect())
}

/// One person of a group of given figures, on `day`: exposed to violence by a partner, in
/// need of protection, refused a stay for active substance use or (serious mental illness
/// needing health follow-up) by staff after the individual assessment.
fn figure_contact(rng: &mut rand_chacha::ChaCha8Rng, index: usize, day: NaiveDate, g: &Group) -> Contact {
    let observations = Observations {
        active_substance_use: g.active_substance_use,
        can_care_for_self: true,
        can_care_for_children: true,
        serious_mental_illness: g.serious_mental_illness,
        needs_health_follow_up: g.serious_mental_illness,
        ..Observations::default()
    };
    let children = (0..g.children).map(|_| (rng.random_range(0..=17), Gender::Female)).collect();
    Contact {
        index,
        person: index,
        date: day,
        mode: Mode::Phone,
        role: Role::Victim,
        age: rng.random_range(18..=72),
        gender: g.gender,
        children,
        violence: vec![ViolenceType::Physical, ViolenceType::Psychological],
        relation: Relation::Partner,
        protection_need: true,
        observations,
        interpreter: false,
        accessible: false,
        sami: false,
        pet: false,
        screened: false,
        priority: 3,
        planned_nights: arrivals::planned_nights(rng),
        municipality: arrivals::municipality(rng),
        staff_offers_after_assessment: false,
        day_service_days: 30,
        opt_out: false,
        storage_consent: Some(true),
        consents_to_nav: false,
        consents_to_police: false,
        withdraws_after_days: None,
        after_stay: AfterStay::Unknown,
        previous_stays: 0,
    }
}

/// The shelter's rooms without an internal unit's.
fn inventory(model: Option<&Model>) -> Result<Inventory, BoxError> {
    let all = Inventory::romerike();
    let Some(m) = model else { return Ok(all) };
    let rooms = all.rooms().iter().filter(|r| !m.rooms.contains(r.id())).cloned().collect();
    Ok(Inventory::from_rooms(rooms, all.kennel_places())?)
}

/// The year under `model` (none: the baseline) with the first contacts `contacts`.
pub(crate) fn run(
    scenario: &Scenario,
    seed: u64,
    model: Option<&Model>,
    contacts: Vec<Contact>,
) -> Result<Outcome, BoxError> {
    let (_, policy) = sim::shelter();
    let alternatives: Vec<Alternative> =
        model.map(|m| Alternative::new(m.id.clone(), m.model, m.accepts.clone())).into_iter().collect();
    let setup = Setup { inventory: inventory(model)?, policy, alternatives, contacts, seed, progress: false };
    let mut log = PlaceLog::new(model.map_or(0, |m| m.places), scenario.wait_days);
    let year = sim::simulate(scenario.year, setup, &mut log)?;
    log.finish(year.to);
    outcome(scenario, model, &year, &log)
}

fn outcome(scenario: &Scenario, model: Option<&Model>, year: &Year, log: &PlaceLog) -> Result<Outcome, BoxError> {
    let mut refused = Vec::new();
    let mut nights: BTreeMap<Municipality, u64> = BTreeMap::new();
    for a in year.assessed.iter().filter(|a| year.contains(a.date) && in_demand(a)) {
        let contact = year.contacts.get(a.contact).ok_or("an assessment without its contact")?;
        let got = match (a.gap, log.got.get(&a.contact)) {
            (Some(code), _) => Got::Gap(code),
            (None, Some(Some((start, end)))) => {
                let inside = (*start).max(year.from);
                let until = (*end).min(year.to + Duration::days(1));
                let n = u64::try_from((until - inside).num_days().max(0))?;
                if n > 0 {
                    *nights.entry(Municipality::try_from_number(contact.municipality)?).or_insert(0) += n;
                }
                Got::Place { waited: (*start - a.date).num_days() }
            }
            (None, _) => Got::Gap(NO_PLACE_IN_TIME),
        };
        let reasons = a.residential_reasons.iter().copied().filter(|c| !INFORMATIVE.contains(c)).collect();
        refused.push(Refused { gender: contact.gender, reasons, got });
    }
    let cost_ore = model.map_or(Ok(0), |m| -> Result<u64, BoxError> {
        let place_nights: u64 = nights.values().sum();
        let nok = u64::from(m.places)
            .checked_mul(m.nok_per_place_year)
            .and_then(|p| place_nights.checked_mul(m.nok_per_night).and_then(|n| p.checked_add(n)))
            .and_then(|nok| nok.checked_mul(100))
            .ok_or("the cost is too large")?;
        Ok(nok)
    })?;
    let shares = share_costs_by_use(cost_ore, &scenario.members(), scenario.cost_key(), &nights)?;
    Ok(Outcome {
        id: model.map_or_else(|| "none".to_owned(), |m| m.id.as_str().to_owned()),
        name: model.map_or_else(|| "No alternative (today)".to_owned(), |m| m.name.clone()),
        places: model.map_or(0, |m| m.places),
        refused,
        nights,
        ordinary: ordinary(year),
        cost_ore,
        shares,
    })
}

/// eligibility's reasons that explain, not decide, a refusal.
const INFORMATIVE: [&str; 3] =
    ["serious_mental_illness_tolerated", "human_trafficking_victim", "needs_health_follow_up"];

pub(crate) fn ordinary(year: &Year) -> Ordinary {
    let in_year = |d: NaiveDate| year.contains(d);
    let placed: Vec<_> = year.households.iter().filter(|h| h.check_in.is_some_and(in_year)).collect();
    let referred: Vec<&str> = year
        .households
        .iter()
        .filter_map(|h| h.referred.as_ref().filter(|(d, _)| in_year(*d)).map(|(_, why)| why.as_str()))
        .collect();
    Ordinary {
        rooms: year.inventory.rooms().len(),
        beds: year.inventory.total_beds(),
        households_placed: placed.len(),
        households_waited: placed.iter().filter(|h| h.check_in.is_some_and(|i| i > h.offered_on)).count(),
        days_waited: placed.iter().filter_map(|h| h.check_in.map(|i| (i - h.offered_on).num_days())).sum(),
        referred_no_room: referred.iter().filter(|w| **w == "no_room_in_time").count(),
        referred_other: referred.iter().filter(|w| **w != "no_room_in_time").count(),
        bed_nights: year.days.iter().map(|d| u64::from(d.beds_occupied)).sum(),
    }
}

/// The baseline and every model of the scenario, at demand `factor`.
pub(crate) fn compare(scenario: &Scenario, seed: u64, factor: Factor) -> Result<Vec<Outcome>, BoxError> {
    let contacts = contacts(scenario, seed, factor)?;
    let mut out = vec![run(scenario, seed, None, contacts.clone())?];
    for m in &scenario.models {
        out.push(run(scenario, seed, Some(m), contacts.clone())?);
    }
    Ok(out)
}
