//! Strategies for `krisesenter-stats`, and the seeded synthetic shelter-year generator.
//!
//! [`shelter_year`] produces a whole year of a shelter from a [`ShelterYearSpec`] and a seed:
//! households arriving on dates through the year (one adult, the children who come with
//! them), lengths of stay around a mean, violence types, relation to the perpetrator, home
//! municipality, where they went afterwards, and day contacts. The same seed always gives the
//! same year. [`ShelterYearSpec::romerike_2025`] has Romerike's 2025 shape (287 stays: 136
//! women, 22 men, 129 children; mean stay around 27 days); [`ShelterYearSpec::scaled`] keeps
//! the proportions at any size.
//!
//! The proptest strategies ([`stay_in`], [`report_input`], [`report`]) build every value
//! through the crate's own constructors, so generated records are always valid; they use few
//! municipalities and small counts on purpose, so that small cells (and suppression) are common.

use chrono::{Duration, NaiveDate};
use krisesenter_core::{Age, Gender, PersonKind, Relation, ViolenceType};
use krisesenter_stats::StayId;
use krisesenter_stats::{
    AfterStay, ContactMode, DayContact, Municipality, Period, ROMERIKE_OWNERS, Report, ReportInput, StatsRecordError,
    Stay, StayPerson, ViolenceTypes,
};
use proptest::prelude::*;
use proptest::sample::select;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// The shape of a synthetic shelter-year.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ShelterYearSpec {
    /// The calendar year.
    pub year: i32,
    /// Women's stays (each an arriving household with its children).
    pub women: u64,
    /// Men's stays.
    pub men: u64,
    /// Stays of adults of another gender.
    pub other_adults: u64,
    /// Children's stays (spread over the adults' households, mostly the women's).
    pub children: u64,
    /// Mean length of stay in days (lengths are 1 + exponential, so a long tail).
    pub mean_length_days: f64,
    /// Beds at the shelter.
    pub beds: u64,
    /// Share of households, in per mille, that opt out of statistics (ksl §5 a; 0 before 2026).
    pub opt_out_per_mille: u32,
    /// Day contacts in the year.
    pub day_contacts: u64,
}

impl ShelterYearSpec {
    /// Romerike Krisesenter 2025: 287 stays (136 women, 22 men, 129 children), 62 beds,
    /// mean stay 27 days, no opt-outs (the right to opt out came on 2026-01-01).
    pub fn romerike_2025() -> Self {
        Self {
            year: 2025,
            women: 136,
            men: 22,
            other_adults: 0,
            children: 129,
            mean_length_days: 27.0,
            beds: 62,
            opt_out_per_mille: 0,
            day_contacts: 1_200,
        }
    }

    /// Romerike's proportions at `stays` stays in `year` (beds and day contacts scale too;
    /// from 2026 one household in a hundred opts out).
    pub fn scaled(stays: u64, year: i32) -> Self {
        // At least one woman when there are stays: children come with an adult.
        let women = (stays * 136 / 287).max(stays.min(1));
        let men = stays * 22 / 287;
        let children = stays - women - men;
        Self {
            year,
            women,
            men,
            other_adults: 0,
            children,
            mean_length_days: 27.0,
            beds: (stays * 62).div_ceil(287).max(1),
            opt_out_per_mille: if opt_out_in_force(year) { 10 } else { 0 },
            day_contacts: stays * 4,
        }
    }
}

/// Whether users may opt out of statistics in `year` (the stats crate's rules, ksl §5 a).
fn opt_out_in_force(year: i32) -> bool {
    NaiveDate::from_ymd_opt(year, 1, 1).is_some_and(krisesenter_stats::may_opt_out)
}

/// One generated household: an adult and the children who came with them.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct SyntheticHousehold {
    /// Day of arrival.
    pub arrival: NaiveDate,
    /// Day of leaving, or `None` when still staying at the year's end.
    pub departure: Option<NaiveDate>,
    /// The day the household would leave (after the year's end for those still staying).
    pub planned_departure: NaiveDate,
    /// The adult.
    pub adult: StayPerson,
    /// The children.
    pub children: Vec<StayPerson>,
    /// Home municipality.
    pub municipality: Municipality,
    /// Violence the adult tells of.
    pub violence: ViolenceTypes,
    /// Relation to the perpetrator.
    pub relation: Relation,
    /// Where the household went (for those who left in the year).
    pub after_stay: Option<AfterStay>,
    /// Whether the household opted out of statistics.
    pub opted_out: bool,
    /// The ids of the household's stays (the adult's first).
    pub stay_ids: Vec<StayId>,
}

/// A generated shelter-year.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ShelterYear {
    /// The year as a period.
    pub period: Period,
    /// Beds.
    pub beds: u64,
    /// Households in order of arrival.
    pub households: Vec<SyntheticHousehold>,
    /// One stay per person, households in order of arrival.
    pub stays: Vec<Stay>,
    /// Day contacts in date order.
    pub day_contacts: Vec<DayContact>,
}

impl ShelterYear {
    /// The `report` input of the year.
    pub fn report_input(&self) -> ReportInput {
        ReportInput::new(self.period, self.beds, self.stays.clone(), self.day_contacts.clone())
    }
}

fn pick<'a, T>(rng: &mut ChaCha8Rng, weighted: &'a [(T, u32)]) -> Option<&'a T> {
    let total: u32 = weighted.iter().map(|(_, w)| *w).sum();
    let mut x = rng.random_range(0..total.max(1));
    for (value, weight) in weighted {
        if x < *weight {
            return Some(value);
        }
        x -= weight;
    }
    None
}

const RELATIONS: [(Relation, u32); 7] = [
    (Relation::Partner, 35),
    (Relation::FormerPartner, 35),
    (Relation::Family, 15),
    (Relation::HouseholdMember, 4),
    (Relation::Caregiver, 2),
    (Relation::OtherTrustRelation, 6),
    (Relation::None, 3),
];

const AFTER: [(AfterStay, u32); 7] = [
    (AfterStay::NewHome, 35),
    (AfterStay::ReturnedHomeSafely, 20),
    (AfterStay::ReturnedToPerpetrator, 17),
    (AfterStay::FamilyOrFriends, 15),
    (AfterStay::OtherShelter, 5),
    (AfterStay::Other, 5),
    (AfterStay::Unknown, 3),
];

/// Per mille of adults telling of each violence type.
const VIOLENCE: [(ViolenceType, u32); 9] = [
    (ViolenceType::Physical, 600),
    (ViolenceType::Psychological, 900),
    (ViolenceType::Sexual, 200),
    (ViolenceType::Economic, 300),
    (ViolenceType::Material, 150),
    (ViolenceType::Digital, 250),
    (ViolenceType::NegativeSocialControl, 150),
    (ViolenceType::HonourRelated, 50),
    (ViolenceType::HumanTrafficking, 20),
];

/// Home municipalities of users from outside the owners (Oslo, Bærum, Asker, Nordre Follo, Hamar).
const OUTSIDE: [u16; 5] = [301, 3201, 3203, 3207, 3403];

fn municipality(rng: &mut ChaCha8Rng) -> Municipality {
    // One in ten comes from outside the owner municipalities.
    let number = if rng.random_ratio(1, 10) {
        OUTSIDE.get(rng.random_range(0..OUTSIDE.len())).copied().unwrap_or(301)
    } else {
        let owners: Vec<(u16, u32)> = ROMERIKE_OWNERS
            .iter()
            .map(|m| (m.municipality.number(), u32::try_from(m.population).unwrap_or(u32::MAX)))
            .collect();
        pick(rng, &owners).copied().unwrap_or(3205)
    };
    Municipality::try_from_number(number).unwrap_or(ROMERIKE_OWNERS[5].municipality)
}

fn person(kind: PersonKind, gender: Gender, age: u16, home: Municipality) -> Option<StayPerson> {
    Some(StayPerson::new(kind, gender, Age::try_new(age).ok()?, home))
}

/// Generates a shelter-year of shape `spec`; the same `(spec, seed)` always gives the same year.
///
/// # Errors
///
/// [`StatsRecordError`] when the year is outside the dates chrono supports.
///
/// # Example
///
/// ```
/// use krisesenter_testkit::stats::{shelter_year, ShelterYearSpec};
/// let year = shelter_year(&ShelterYearSpec::romerike_2025(), 7)?;
/// let report = krisesenter_stats::report(&year.report_input())?;
/// let stays = report.stays();
/// assert_eq!(stays.total(), 287);
/// assert_eq!((stays.adults().female(), stays.adults().male(), stays.children()), (136, 22, 129));
/// assert_eq!(year, shelter_year(&ShelterYearSpec::romerike_2025(), 7)?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn shelter_year(spec: &ShelterYearSpec, seed: u64) -> Result<ShelterYear, StatsRecordError> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let period = Period::year(spec.year)?;
    let first = period.from();
    let days = i64::try_from(period.days()).unwrap_or(365);

    // The adults, shuffled so that genders arrive in random order.
    let mut genders: Vec<Gender> = std::iter::repeat_n(Gender::Female, spec.women as usize)
        .chain(std::iter::repeat_n(Gender::Male, spec.men as usize))
        .chain(std::iter::repeat_n(Gender::Other, spec.other_adults as usize))
        .collect();
    for i in (1..genders.len()).rev() {
        genders.swap(i, rng.random_range(0..=i));
    }
    // Children go to households, six times as often to a woman's as to a man's: the draw of
    // `pick` over the households' weights, found by binary search in the cumulative weights
    // (the same household for the same draw, in logarithmic instead of linear time, so that
    // a year of a million stays is generated in seconds).
    let mut children_of = vec![0u32; genders.len()];
    let cumulative: Vec<u32> = genders
        .iter()
        .scan(0u32, |sum, g| {
            *sum += if *g == Gender::Female { 6 } else { 1 };
            Some(*sum)
        })
        .collect();
    let total = cumulative.last().copied().unwrap_or(0);
    if !genders.is_empty() {
        for _ in 0..spec.children {
            let x = rng.random_range(0..total.max(1));
            if let Some(slot) = children_of.get_mut(cumulative.partition_point(|c| *c <= x)) {
                *slot += 1;
            }
        }
    }

    let tail = (spec.mean_length_days - 1.0).max(0.0);
    let mut households = Vec::with_capacity(genders.len());
    let mut stays = Vec::with_capacity(genders.len() + spec.children as usize);
    let mut next_id = 0u64;
    let mut arrivals: Vec<i64> = (0..genders.len()).map(|_| rng.random_range(0..days)).collect();
    arrivals.sort_unstable();
    for ((gender, n_children), offset) in genders.iter().zip(&children_of).zip(arrivals) {
        let arrival = first + Duration::days(offset);
        let u: f64 = rng.random();
        let length = 1 + (-(1.0 - u).ln() * tail) as i64;
        let planned_departure = arrival + Duration::days(length);
        let departure = (planned_departure <= period.to()).then_some(planned_departure);
        let home = municipality(&mut rng);
        let adult_age = rng.random_range(18..=70);
        let Some(adult) = person(PersonKind::Adult, *gender, adult_age, home) else { continue };
        let violence: ViolenceTypes =
            VIOLENCE.iter().filter(|(_, per_mille)| rng.random_range(0..1000) < *per_mille).map(|(v, _)| *v).collect();
        let violence = if violence.is_empty() { ViolenceTypes::single(ViolenceType::Psychological) } else { violence };
        let relation = pick(&mut rng, &RELATIONS).copied().unwrap_or(Relation::Partner);
        let after_stay = departure.and_then(|_| pick(&mut rng, &AFTER).copied());
        let opted_out = rng.random_range(0..1000) < spec.opt_out_per_mille;
        let first_this_year = !rng.random_ratio(7, 100);
        let previous = if first_this_year && rng.random_ratio(3, 4) { 0 } else { rng.random_range(1..=4) };
        let children: Vec<StayPerson> = (0..*n_children)
            .filter_map(|_| {
                let g = if rng.random_bool(0.5) { Gender::Female } else { Gender::Male };
                person(PersonKind::Child, g, rng.random_range(0..=17), home)
            })
            .collect();
        let mut stay_ids = Vec::with_capacity(children.len() + 1);
        for (who, is_adult) in std::iter::once((adult, true)).chain(children.iter().map(|c| (*c, false))) {
            let Ok(id) = StayId::try_new(format!("s{next_id}")) else { continue };
            next_id += 1;
            if let Ok(stay) = Stay::try_new(id.clone(), who, arrival, departure) {
                stays.push(
                    stay.with_first_stay_this_year(first_this_year)
                        .with_previous_stays(previous)
                        .with_statistics_opt_out(opted_out)
                        .with_violence(violence)
                        .with_relation(is_adult.then_some(relation))
                        .with_after_stay(after_stay),
                );
                stay_ids.push(id);
            }
        }
        households.push(SyntheticHousehold {
            arrival,
            departure,
            planned_departure,
            adult,
            children,
            municipality: home,
            violence,
            relation,
            after_stay,
            opted_out,
            stay_ids,
        });
    }

    let mut contact_days: Vec<i64> = (0..spec.day_contacts).map(|_| rng.random_range(0..days)).collect();
    contact_days.sort_unstable();
    let day_contacts = contact_days
        .into_iter()
        .map(|offset| {
            let mode =
                pick(&mut rng, &[(ContactMode::InPerson, 45), (ContactMode::Phone, 45), (ContactMode::Outreach, 10)])
                    .copied()
                    .unwrap_or(ContactMode::Phone);
            DayContact::new(first + Duration::days(offset), mode, rng.random_ratio(8, 100))
        })
        .collect();
    Ok(ShelterYear { period, beds: spec.beds, households, stays, day_contacts })
}

/// A small period: a month, a quarter or a year, from 2024 to 2027 (around ksl §5 a).
pub fn period() -> impl Strategy<Value = Period> {
    (2024i32..=2027, 1u32..=12, select(&[0i64, 30, 90, 364][..])).prop_filter_map("valid period", |(y, m, len)| {
        let from = NaiveDate::from_ymd_opt(y, m, 1)?;
        Period::try_new(from, from + Duration::days(len)).ok()
    })
}

/// A few municipalities, so that counts per municipality are often small.
pub fn municipality_strategy() -> impl Strategy<Value = Municipality> {
    select(&[3205u16, 3209, 3242, 301][..]).prop_filter_map("valid", |n| Municipality::try_from_number(n).ok())
}

/// A person of any kind and gender (children of any age 0-17, adults 18-90).
pub fn stay_person() -> impl Strategy<Value = StayPerson> {
    (any::<bool>(), crate::core::gender(), 0u16..=72, municipality_strategy()).prop_filter_map(
        "valid age",
        |(adult, gender, a, home)| {
            let (kind, age) = if adult { (PersonKind::Adult, 18 + a) } else { (PersonKind::Child, a % 18) };
            Some(StayPerson::new(kind, gender, Age::try_new(age).ok()?, home))
        },
    )
}

/// A set of violence types.
pub fn violence_types() -> impl Strategy<Value = ViolenceTypes> {
    proptest::collection::vec(crate::core::violence_type(), 0..4).prop_map(|v| v.into_iter().collect())
}

/// A stay with id `s{index}` that may start before, end after, or stay open past `period`.
pub fn stay_in(period: Period, index: usize) -> impl Strategy<Value = Stay> {
    let start = period.from() - Duration::days(60);
    let span = i64::try_from(period.days()).unwrap_or(1) + 70;
    (
        stay_person(),
        0..span,
        prop_oneof![3 => (0i64..120).prop_map(Some), 1 => Just(None)],
        (any::<bool>(), prop_oneof![19 => Just(false), 1 => Just(true)]),
        violence_types(),
        proptest::option::of(crate::core::relation()),
        proptest::option::of(select(AfterStay::ALL)),
        0u32..3,
    )
        .prop_filter_map(
            "valid stay",
            move |(who, offset, length, (first, opt_out), violence, relation, after, previous)| {
                let check_in = start + Duration::days(offset);
                let check_out = length.map(|l| check_in + Duration::days(l));
                let id = StayId::try_new(format!("s{index}")).ok()?;
                Some(
                    Stay::try_new(id, who, check_in, check_out)
                        .ok()?
                        .with_first_stay_this_year(first)
                        .with_statistics_opt_out(opt_out)
                        .with_violence(violence)
                        .with_relation(relation)
                        .with_after_stay(after)
                        .with_previous_stays(previous),
                )
            },
        )
}

/// `n` stays in `period`, with distinct ids.
pub fn stays_in(period: Period, n: std::ops::Range<usize>) -> impl Strategy<Value = Vec<Stay>> {
    n.prop_flat_map(move |len| (0..len).map(|i| stay_in(period, i)).collect::<Vec<_>>())
}

/// Day contacts around `period` (some outside it).
pub fn day_contacts_around(period: Period, n: std::ops::Range<usize>) -> impl Strategy<Value = Vec<DayContact>> {
    let start = period.from() - Duration::days(5);
    let span = i64::try_from(period.days()).unwrap_or(1) + 10;
    proptest::collection::vec(
        (0..span, select(ContactMode::ALL), any::<bool>())
            .prop_map(move |(o, mode, interpreter)| DayContact::new(start + Duration::days(o), mode, interpreter)),
        n,
    )
}

/// A `report` input: a period, 1 to 80 beds, up to 60 stays, up to 30 day contacts.
pub fn report_input() -> impl Strategy<Value = ReportInput> {
    period().prop_flat_map(|p| {
        (1u64..80, stays_in(p, 0..60), day_contacts_around(p, 0..30))
            .prop_map(move |(beds, stays, contacts)| ReportInput::new(p, beds, stays, contacts))
    })
}

/// A report made by the real aggregation from a generated [`report_input`].
pub fn report() -> impl Strategy<Value = Report> {
    report_input().prop_filter_map("valid input", |input| krisesenter_stats::report(&input).ok())
}
