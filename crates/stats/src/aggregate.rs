//! The exact, mergeable aggregate of a period: every count the report needs and a histogram
//! of lengths of stay, so that the median stays exact after merging.
//!
//! For a fixed period the aggregates form a commutative monoid: [`Aggregate::empty`] is the
//! identity and [`Aggregate::merge`] is associative and commutative, and the aggregate of a
//! union of disjoint record sets is the merge of their aggregates. Each shelter computes its
//! own aggregate; only aggregates travel, never records.

use std::collections::BTreeMap;

use chrono::Datelike;
use krisesenter_core::{Gender, PersonKind, Reason};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::reason::StatsReasonKind;
use crate::record::{AfterStay, ContactMode, DayContact, Municipality, Period, Stay};
use crate::report::{Buckets, DayContactCounts, GenderCounts, LengthOfStay, Nights, PersonCounts, Report, bucket_of};

/// Lengths of stay up to this many days sit in a dense histogram; longer ones (rare, and
/// unbounded on hostile input) in a sparse map, so memory stays bounded.
const DENSE_LENGTHS: usize = 4096;

/// Why two aggregates cannot be merged.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum MergeError {
    /// The aggregates cover different periods.
    #[error(
        "cannot merge the aggregate of {left_from}..{left_to} with that of {right_from}..{right_to}: periods differ"
    )]
    DifferentPeriods {
        /// First day of the left aggregate.
        left_from: chrono::NaiveDate,
        /// Last day of the left aggregate.
        left_to: chrono::NaiveDate,
        /// First day of the right aggregate.
        right_from: chrono::NaiveDate,
        /// Last day of the right aggregate.
        right_to: chrono::NaiveDate,
    },
    /// A count would pass `u64::MAX`.
    #[error("a count would overflow while merging")]
    Overflow,
}

/// The exact counts of one period, built from records and mergeable with others of the same
/// period (beds add: two shelters together have the beds of both).
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use krisesenter_core::{Age, Gender, PersonKind};
/// use krisesenter_stats::StayId;
/// use krisesenter_stats::{Aggregate, Period, Stay, StayPerson};
///
/// let year = Period::year(2025)?;
/// let woman = StayPerson::new(PersonKind::Adult, Gender::Female, Age::try_new(40)?, "3205".parse()?);
/// let day = |m, d| NaiveDate::from_ymd_opt(2025, m, d).ok_or("date");
/// let a = Stay::try_new(StayId::try_new("a")?, woman, day(8, 1)?, Some(day(8, 5)?))?;
/// let b = Stay::try_new(StayId::try_new("b")?, woman, day(9, 1)?, Some(day(9, 11)?))?;
///
/// let left = Aggregate::from_records(year, 31, [&a], []);
/// let right = Aggregate::from_records(year, 31, [&b], []);
/// let both = left.merge(&right)?;
/// assert_eq!(both, Aggregate::from_records(year, 62, [&a, &b], []));
/// let report = both.report();
/// assert_eq!((report.nights().total(), report.length_of_stay().median_days()), (14, Some(7.0)));
///
/// // Aggregates travel as JSON, never the records.
/// let json = serde_json::to_string(&both)?;
/// assert_eq!(serde_json::from_str::<Aggregate>(&json)?, both);
///
/// // Aggregates of different periods do not merge.
/// assert!(both.merge(&Aggregate::empty(Period::year(2024)?)).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(try_from = "AggregateWire", into = "AggregateWire")]
#[schemars(with = "AggregateWire")]
pub struct Aggregate {
    period: Period,
    first_day: i32,
    /// The day after the period's last day (open stays run to here).
    end_day: i32,
    beds: u64,
    /// Adults by gender (female, male, other, unknown), then children.
    stays: [u64; 5],
    residents: [u64; 5],
    excluded_opt_out: u64,
    /// Nights of adults, of children.
    nights: [u64; 2],
    /// `lengths[d]` completed stays of `d` days, `d < DENSE_LENGTHS`; never a trailing zero.
    lengths: Vec<u64>,
    long_lengths: BTreeMap<u64, u64>,
    violence: [u64; 9],
    /// Adult stays by relation; the last slot counts the rest (children, not recorded).
    relations: [u64; 8],
    /// Adult stays by destination; the last slot counts the rest.
    after_stay: [u64; 8],
    repeat_stays: u64,
    municipalities: MunicipalityCounts,
    contacts: [u64; 3],
    with_interpreter: u64,
}

impl PartialEq for Aggregate {
    fn eq(&self, other: &Self) -> bool {
        // Everything but the scratch slots of `relations` and `after_stay`.
        AggregateWire::from(self.clone()) == AggregateWire::from(other.clone())
    }
}

impl Eq for Aggregate {}

/// Counts of people by adult gender and children.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct PeopleWire {
    female: u64,
    male: u64,
    other: u64,
    unknown: u64,
    children: u64,
}

impl From<[u64; 5]> for PeopleWire {
    fn from([female, male, other, unknown, children]: [u64; 5]) -> Self {
        Self { female, male, other, unknown, children }
    }
}

impl From<PeopleWire> for [u64; 5] {
    fn from(p: PeopleWire) -> Self {
        [p.female, p.male, p.other, p.unknown, p.children]
    }
}

/// Stays and nights of one home municipality.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct HomeWire {
    stays: u64,
    nights: u64,
}

/// The wire form of an [`Aggregate`]: what travels between shelters instead of records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Aggregate")]
struct AggregateWire {
    period: Period,
    beds: u64,
    stays: PeopleWire,
    residents: PeopleWire,
    excluded_opt_out: u64,
    nights: NightsWire,
    /// Completed stays by length in days (at least 1).
    lengths_of_stay: BTreeMap<u64, u64>,
    violence_types: BTreeMap<krisesenter_core::ViolenceType, u64>,
    relations: BTreeMap<krisesenter_core::Relation, u64>,
    after_stay: BTreeMap<AfterStay, u64>,
    repeat_stays: u64,
    municipalities: BTreeMap<Municipality, HomeWire>,
    day_contacts: ContactsWire,
}

/// Nights of adults and of children.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct NightsWire {
    adults: u64,
    children: u64,
}

/// Day contacts by mode, and those with an interpreter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct ContactsWire {
    in_person: u64,
    phone: u64,
    outreach: u64,
    with_interpreter: u64,
}

fn nonzero_map<K: Copy + Ord>(keys: &[K], counts: &[u64]) -> BTreeMap<K, u64> {
    keys.iter().zip(counts).filter(|(_, c)| **c > 0).map(|(k, c)| (*k, *c)).collect()
}

impl From<Aggregate> for AggregateWire {
    fn from(a: Aggregate) -> Self {
        let lengths_of_stay = a.lengths_of_stay();
        let [adults, children] = a.nights;
        let [in_person, phone, outreach] = a.contacts;
        AggregateWire {
            period: a.period,
            beds: a.beds,
            stays: a.stays.into(),
            residents: a.residents.into(),
            excluded_opt_out: a.excluded_opt_out,
            nights: NightsWire { adults, children },
            lengths_of_stay,
            violence_types: nonzero_map(krisesenter_core::ViolenceType::ALL, &a.violence),
            relations: nonzero_map(krisesenter_core::Relation::ALL, &a.relations),
            after_stay: nonzero_map(AfterStay::ALL, &a.after_stay),
            repeat_stays: a.repeat_stays,
            municipalities: a
                .municipalities
                .sorted()
                .into_iter()
                .map(|(m, stays, nights)| (m, HomeWire { stays, nights }))
                .collect(),
            day_contacts: ContactsWire { in_person, phone, outreach, with_interpreter: a.with_interpreter },
        }
    }
}

/// Why an aggregate read from JSON is not acceptable.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum AggregateError {
    /// A length of stay of zero days (lengths are at least one day).
    #[error("a length of stay must be at least one day")]
    ZeroLength,
    /// A municipality listed with no stays.
    #[error("municipality {municipality} is listed with no stays")]
    EmptyMunicipality {
        /// The municipality.
        municipality: Municipality,
    },
}

impl TryFrom<AggregateWire> for Aggregate {
    type Error = AggregateError;
    fn try_from(w: AggregateWire) -> Result<Self, Self::Error> {
        let mut a = Aggregate::empty(w.period).with_beds(w.beds);
        a.stays = w.stays.into();
        a.residents = w.residents.into();
        a.excluded_opt_out = w.excluded_opt_out;
        a.nights = [w.nights.adults, w.nights.children];
        for (days, count) in w.lengths_of_stay {
            if days == 0 {
                return Err(AggregateError::ZeroLength);
            }
            if count > 0 {
                a.add_length(days, count);
            }
        }
        for (v, c) in w.violence_types {
            bump(a.violence.get_mut(v as usize), c);
        }
        for (r, c) in w.relations {
            bump(a.relations.get_mut(r as usize), c);
        }
        for (after, c) in w.after_stay {
            bump(a.after_stay.get_mut(after as usize), c);
        }
        a.repeat_stays = w.repeat_stays;
        for (m, home) in w.municipalities {
            if home.stays == 0 {
                return Err(AggregateError::EmptyMunicipality { municipality: m });
            }
            a.municipalities.add(m, home.stays, home.nights);
        }
        let c = w.day_contacts;
        a.contacts = [c.in_person, c.phone, c.outreach];
        a.with_interpreter = c.with_interpreter;
        Ok(a)
    }
}

/// The slot of `relations` and `after_stay` for stays that are not counted there.
const DISCARD: usize = 7;

/// Stays and nights by home municipality: the entries in order of first appearance, and a
/// direct index from municipality number to entry, so that counting a stay needs no search.
#[derive(Debug, Clone, Default)]
struct MunicipalityCounts {
    /// `index[number]` is 1 + the entry's position, 0 when absent; empty until the first stay.
    index: Vec<u16>,
    /// (municipality, stays, nights).
    entries: Vec<(Municipality, u64, u64)>,
}

impl MunicipalityCounts {
    #[inline]
    fn add(&mut self, m: Municipality, stays: u64, nights: u64) {
        if self.index.is_empty() {
            self.index = vec![0; Municipality::COUNT];
        }
        let number = usize::from(m.number());
        let position = match self.index.get(number) {
            Some(0) | None => {
                self.entries.push((m, 0, 0));
                let position = self.entries.len();
                if let Some(slot) = self.index.get_mut(number) {
                    *slot = u16::try_from(position).unwrap_or(0);
                }
                position
            }
            Some(p) => usize::from(*p),
        };
        if let Some(entry) = self.entries.get_mut(position.wrapping_sub(1)) {
            entry.1 = entry.1.saturating_add(stays);
            entry.2 = entry.2.saturating_add(nights);
        }
    }

    fn merge(&mut self, other: &Self) -> Result<(), MergeError> {
        for (m, stays, nights) in &other.entries {
            let before = self.get(*m);
            let stays = before.0.checked_add(*stays).ok_or(MergeError::Overflow)?;
            let nights = before.1.checked_add(*nights).ok_or(MergeError::Overflow)?;
            self.add(*m, stays - before.0, nights - before.1);
        }
        Ok(())
    }

    fn get(&self, m: Municipality) -> (u64, u64) {
        self.entries.iter().find(|e| e.0 == m).map_or((0, 0), |e| (e.1, e.2))
    }

    fn sorted(&self) -> Vec<(Municipality, u64, u64)> {
        let mut v = self.entries.clone();
        v.sort_unstable();
        v
    }
}

const fn stay_slot(kind: PersonKind, gender: Gender) -> usize {
    match kind {
        PersonKind::Adult => match gender {
            Gender::Female => 0,
            Gender::Male => 1,
            Gender::Other => 2,
            Gender::Unknown => 3,
        },
        PersonKind::Child => 4,
    }
}

fn bump(slot: Option<&mut u64>, by: u64) {
    if let Some(c) = slot {
        *c = c.saturating_add(by);
    }
}

fn add_arrays<const N: usize>(left: &mut [u64; N], right: &[u64; N]) -> Result<(), MergeError> {
    for (l, r) in left.iter_mut().zip(right) {
        *l = l.checked_add(*r).ok_or(MergeError::Overflow)?;
    }
    Ok(())
}

fn add_slices(left: &mut Vec<u64>, right: &[u64]) -> Result<(), MergeError> {
    if left.len() < right.len() {
        left.resize(right.len(), 0);
    }
    for (l, r) in left.iter_mut().zip(right) {
        *l = l.checked_add(*r).ok_or(MergeError::Overflow)?;
    }
    Ok(())
}

impl Aggregate {
    /// The identity of the period: no records, no beds.
    pub fn empty(period: Period) -> Self {
        Self {
            period,
            first_day: period.from().num_days_from_ce(),
            end_day: period.to().num_days_from_ce().saturating_add(1),
            beds: 0,
            stays: [0; 5],
            residents: [0; 5],
            excluded_opt_out: 0,
            nights: [0; 2],
            lengths: Vec::new(),
            long_lengths: BTreeMap::new(),
            violence: [0; 9],
            relations: [0; 8],
            after_stay: [0; 8],
            repeat_stays: 0,
            municipalities: MunicipalityCounts::default(),
            contacts: [0; 3],
            with_interpreter: 0,
        }
    }

    /// The aggregate of `stays` and `contacts` for a shelter of `beds` beds over `period`.
    /// Records outside the period are skipped (docs/contract.md `report`).
    pub fn from_records<'a>(
        period: Period,
        beds: u64,
        stays: impl IntoIterator<Item = &'a Stay>,
        contacts: impl IntoIterator<Item = &'a DayContact>,
    ) -> Self {
        let mut agg = Self::empty(period).with_beds(beds);
        for stay in stays {
            agg.add_stay(stay);
        }
        for contact in contacts {
            agg.add_contact(contact);
        }
        agg
    }

    /// The same aggregate with `beds` beds.
    #[must_use]
    pub fn with_beds(mut self, beds: u64) -> Self {
        self.beds = beds;
        self
    }

    /// The period.
    pub const fn period(&self) -> Period {
        self.period
    }

    /// The beds the figures are for.
    pub const fn beds(&self) -> u64 {
        self.beds
    }

    /// Counts one stay, if it overlaps the period.
    ///
    /// A stay counts when `check_in <= to` and (`check_out` is open or `check_out >= from`).
    /// A stay of someone who opted out counts only in `excluded_opt_out`. Nights follow the
    /// midnight rule inside the period (an open stay runs to the period's end); the length of
    /// a stay that ended inside the period goes into the histogram, at least one day.
    #[inline]
    pub fn add_stay(&mut self, stay: &Stay) {
        let check_in = stay.check_in_day;
        // Overlap rule: check_in <= to, and check_out open or >= from.
        if check_in >= self.end_day || stay.check_out_day.is_some_and(|out| out < self.first_day) {
            return;
        }
        if stay.statistics_opt_out() {
            self.excluded_opt_out = self.excluded_opt_out.saturating_add(1);
            return;
        }
        let person = stay.person();
        let adult = person.kind == PersonKind::Adult;
        let slot = stay_slot(person.kind, person.gender);
        bump(self.stays.get_mut(slot), 1);
        bump(self.residents.get_mut(slot), u64::from(stay.first_stay_this_year()));

        let nights = self.nights_inside(stay);
        bump(self.nights.get_mut(usize::from(!adult)), nights);
        self.municipalities.add(person.municipality, 1, nights);

        // Length of stay: completed stays, check-out inside the period, at least one day.
        if let Some(out) = stay.check_out_day
            && out >= self.first_day
            && out < self.end_day
        {
            let days = u64::try_from(out.saturating_sub(check_in)).unwrap_or(0).max(1);
            self.add_length(days, 1);
        }

        // Adult stays only, without branches (children add zero or land in the discard slot).
        let adult_mask = 0u64.wrapping_sub(u64::from(adult));
        let bits = stay.violence_types().bits() & adult_mask;
        for (i, count) in self.violence.iter_mut().enumerate() {
            *count = count.saturating_add((bits >> i) & 1);
        }
        let relation = stay.relation().filter(|_| adult).map_or(DISCARD, |r| r as usize);
        bump(self.relations.get_mut(relation), 1);
        let after = stay.after_stay().filter(|_| adult).map_or(DISCARD, |a| a as usize);
        bump(self.after_stay.get_mut(after), 1);
        self.repeat_stays = self.repeat_stays.saturating_add(u64::from(adult && stay.previous_stays() > 0));
    }

    /// The nights of `stay` inside the period by the midnight rule, clipped to the period:
    /// the days d with max(check_in, from) <= d < min(check_out, to + 1), an open stay
    /// running to the period's end (0 for a stay that does not overlap the period).
    #[inline]
    pub(crate) fn nights_inside(&self, stay: &Stay) -> u64 {
        let start = stay.check_in_day.max(self.first_day);
        let end = stay.check_out_day.map_or(self.end_day, |out| out.min(self.end_day));
        u64::try_from(end.saturating_sub(start)).unwrap_or(0)
    }

    fn add_length(&mut self, days: u64, count: u64) {
        match usize::try_from(days) {
            Ok(d) if d < DENSE_LENGTHS => {
                if self.lengths.len() <= d {
                    self.lengths.resize(d + 1, 0);
                }
                bump(self.lengths.get_mut(d), count);
            }
            _ => bump(Some(self.long_lengths.entry(days).or_insert(0)), count),
        }
    }

    /// Counts one day contact, if its date is inside the period.
    #[inline]
    pub fn add_contact(&mut self, contact: &DayContact) {
        if !self.period.contains(contact.date) {
            return;
        }
        let slot = match contact.mode {
            ContactMode::InPerson => 0,
            ContactMode::Phone => 1,
            ContactMode::Outreach => 2,
        };
        bump(self.contacts.get_mut(slot), 1);
        self.with_interpreter = self.with_interpreter.saturating_add(u64::from(contact.interpreter));
    }

    /// The merge of two aggregates of the same period: every count adds, beds add.
    ///
    /// # Errors
    ///
    /// [`MergeError::DifferentPeriods`] when the periods differ, [`MergeError::Overflow`]
    /// when a count would pass `u64::MAX`.
    ///
    /// # Example
    ///
    /// ```
    /// use krisesenter_stats::{Aggregate, Period};
    /// let y = Period::year(2025)?;
    /// let a = Aggregate::empty(y).with_beds(62);
    /// assert_eq!(a.merge(&Aggregate::empty(y))?, a);
    /// assert!(a.merge(&Aggregate::empty(Period::year(2026)?)).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn merge(&self, other: &Aggregate) -> Result<Aggregate, MergeError> {
        if self.period != other.period {
            return Err(MergeError::DifferentPeriods {
                left_from: self.period.from(),
                left_to: self.period.to(),
                right_from: other.period.from(),
                right_to: other.period.to(),
            });
        }
        let mut out = self.clone();
        out.beds = out.beds.checked_add(other.beds).ok_or(MergeError::Overflow)?;
        add_arrays(&mut out.stays, &other.stays)?;
        add_arrays(&mut out.residents, &other.residents)?;
        out.excluded_opt_out = out.excluded_opt_out.checked_add(other.excluded_opt_out).ok_or(MergeError::Overflow)?;
        add_arrays(&mut out.nights, &other.nights)?;
        add_slices(&mut out.lengths, &other.lengths)?;
        for (days, count) in &other.long_lengths {
            let slot = out.long_lengths.entry(*days).or_insert(0);
            *slot = slot.checked_add(*count).ok_or(MergeError::Overflow)?;
        }
        add_arrays(&mut out.violence, &other.violence)?;
        add_arrays(&mut out.relations, &other.relations)?;
        add_arrays(&mut out.after_stay, &other.after_stay)?;
        out.repeat_stays = out.repeat_stays.checked_add(other.repeat_stays).ok_or(MergeError::Overflow)?;
        out.municipalities.merge(&other.municipalities)?;
        add_arrays(&mut out.contacts, &other.contacts)?;
        out.with_interpreter = out.with_interpreter.checked_add(other.with_interpreter).ok_or(MergeError::Overflow)?;
        Ok(out)
    }

    /// Nights used by residents of each municipality (the basis of cost sharing by nights),
    /// listing only municipalities with nights.
    pub fn nights_by_municipality(&self) -> BTreeMap<Municipality, u64> {
        self.municipalities.entries.iter().filter(|e| e.2 > 0).map(|(m, _, n)| (*m, *n)).collect()
    }

    /// The completed stays by length in days (the histogram behind the median).
    pub fn lengths_of_stay(&self) -> BTreeMap<u64, u64> {
        let dense = self.lengths.iter().enumerate().filter(|(_, c)| **c > 0).map(|(d, c)| (d as u64, *c));
        dense.chain(self.long_lengths.iter().map(|(d, c)| (*d, *c))).collect()
    }

    /// The report of docs/contract.md `report`, derived from the counts.
    pub fn report(&self) -> Report {
        let [female, male, other, unknown, children] = self.stays;
        let stays = person_counts([female, male, other, unknown], children);
        let [rf, rm, ro, ru, rc] = self.residents;
        let residents = person_counts([rf, rm, ro, ru], rc);
        let [adult_nights, child_nights] = self.nights;
        let nights =
            Nights { total: adult_nights.saturating_add(child_nights), adults: adult_nights, children: child_nights };
        let capacity = (self.beds as f64) * (self.period.days() as f64);
        let occupancy_rate = if capacity > 0.0 { nights.total as f64 / capacity } else { 0.0 };

        let histogram = self.lengths_of_stay();
        let mut buckets = Buckets::default();
        let mut completed: u64 = 0;
        let mut total_days: u128 = 0;
        for (days, count) in &histogram {
            completed = completed.saturating_add(*count);
            total_days = total_days.saturating_add(u128::from(*days) * u128::from(*count));
            bump(Some(bucket_of(&mut buckets, *days)), *count);
        }
        let median_days = median(&histogram, completed);
        let mean_days = (completed > 0).then(|| total_days as f64 / completed as f64);

        let violence_types = krisesenter_core::ViolenceType::ALL
            .iter()
            .zip(self.violence)
            .filter(|(_, c)| *c > 0)
            .map(|(v, c)| (*v, c))
            .collect();
        let relations = krisesenter_core::Relation::ALL
            .iter()
            .zip(self.relations)
            .filter(|(_, c)| *c > 0)
            .map(|(r, c)| (*r, c))
            .collect();
        let after_stay =
            crate::AfterStay::ALL.iter().zip(self.after_stay).filter(|(_, c)| *c > 0).map(|(a, c)| (*a, c)).collect();
        let [in_person, phone, outreach] = self.contacts;
        let mut notes = Vec::new();
        if self.excluded_opt_out > 0 {
            notes.push(Reason::explain(StatsReasonKind::OptedOutOfStatistics, self.period.to()));
        }
        Report {
            period: self.period,
            stays,
            residents,
            excluded_opt_out: self.excluded_opt_out,
            nights,
            occupancy_rate,
            length_of_stay: LengthOfStay { completed, median_days, mean_days, buckets },
            violence_types,
            relations,
            municipalities: self.municipalities.entries.iter().map(|(m, s, _)| (*m, *s)).collect(),
            after_stay,
            repeat_stays: self.repeat_stays,
            day_contacts: DayContactCounts {
                total: in_person.saturating_add(phone).saturating_add(outreach),
                in_person,
                phone,
                outreach,
                with_interpreter: self.with_interpreter,
            },
            notes,
        }
    }
}

fn person_counts([female, male, other, unknown]: [u64; 4], children: u64) -> PersonCounts<u64> {
    let total = female.saturating_add(male).saturating_add(other).saturating_add(unknown).saturating_add(children);
    PersonCounts { total, adults: GenderCounts { female, male, other, unknown }, children }
}

/// The exact median of `count` values given as a histogram: the middle value, or the mean of
/// the two middle values for an even count.
fn median(histogram: &BTreeMap<u64, u64>, count: u64) -> Option<f64> {
    if count == 0 {
        return None;
    }
    // Zero-based ranks of the middle values.
    let (lo_rank, hi_rank) = ((count - 1) / 2, count / 2);
    let mut seen: u64 = 0;
    let mut lo = None;
    for (days, n) in histogram {
        let next = seen.saturating_add(*n);
        if lo.is_none() && lo_rank < next {
            lo = Some(*days);
        }
        if hi_rank < next {
            let lo = lo.unwrap_or(*days);
            return Some((lo as f64 + *days as f64) / 2.0);
        }
        seen = next;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_and_even_counts() {
        let h: BTreeMap<u64, u64> = [(3, 1), (5, 1), (40, 1)].into();
        assert_eq!(median(&h, 3), Some(5.0));
        let h: BTreeMap<u64, u64> = [(3, 1), (5, 1), (8, 1), (40, 1)].into();
        assert_eq!(median(&h, 4), Some(6.5));
        let h: BTreeMap<u64, u64> = [(2, 2), (9, 2)].into();
        assert_eq!(median(&h, 4), Some(5.5));
        assert_eq!(median(&BTreeMap::new(), 0), None);
    }
}
