//! Cost sharing among the owner municipalities of an inter-municipal shelter (IKS): split a
//! yearly budget by population, by nights used by each municipality's residents, or by a
//! weighted mix, exactly to the øre (largest remainder).
//!
//! The embedded default is Romerike Krisesenter IKS: its 12 owner municipalities with
//! their municipality numbers (from 2024) and populations (see [`ROMERIKE_POPULATION_AS_OF`]).

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use thiserror::Error;

use crate::aggregate::Aggregate;
use crate::record::{Municipality, Period, Stay};

/// Why a budget cannot be shared.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum CostShareError {
    /// No member municipalities.
    #[error("cost sharing needs at least one member municipality")]
    NoMembers,
    /// A municipality is listed twice.
    #[error("municipality {municipality} is listed twice")]
    DuplicateMember {
        /// The municipality.
        municipality: Municipality,
    },
    /// The population weight is above 100 percent.
    #[error("the population weight must be 0 to 100 percent, got {percent}")]
    WeightOutOfRange {
        /// The weight given.
        percent: u8,
    },
    /// The populations or nights are too large to divide exactly.
    #[error("the populations or nights are too large to divide the budget exactly")]
    TooLarge,
    /// A key with weight has nothing to divide by (no population, or no nights at all).
    #[error("the {key} of the members sums to zero, so it cannot divide the budget")]
    NothingToDivideBy {
        /// `population` or `nights`.
        key: &'static str,
    },
}

/// A member municipality of the shelter.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct OwnerMunicipality {
    /// Municipality number.
    pub municipality: Municipality,
    /// Name, for tables.
    pub name: &'static str,
    /// Population.
    pub population: u64,
}

impl OwnerMunicipality {
    /// A member.
    pub const fn new(municipality: Municipality, name: &'static str, population: u64) -> Self {
        Self { municipality, name, population }
    }
}

/// How the budget is divided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum CostKey {
    /// In proportion to population.
    Population,
    /// In proportion to nights used by each municipality's residents.
    Nights,
    /// `population_percent` percent by population, the rest by nights.
    Weighted {
        /// The share of the budget divided by population, 0 to 100.
        population_percent: u8,
    },
}

/// The day the embedded Romerike populations were counted.
pub const ROMERIKE_POPULATION_AS_OF: NaiveDate = match NaiveDate::from_ymd_opt(2023, 4, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

const fn m(number: u16) -> Municipality {
    Municipality::from_const(number)
}

/// The 12 owner municipalities of Romerike Krisesenter IKS, with municipality numbers in
/// force from 2024-01-01 (Akershus) and populations on [`ROMERIKE_POPULATION_AS_OF`]
/// (Statistics Norway, SSB, quarterly population figures, as reported by Romerikes Blad;
/// the most recent complete set found for all 12 when this was written). Replace with newer
/// figures by passing your own members to [`share_costs`].
pub const ROMERIKE_OWNERS: [OwnerMunicipality; 12] = [
    OwnerMunicipality::new(m(3226), "Aurskog-Høland", 17_971),
    OwnerMunicipality::new(m(3240), "Eidsvoll", 27_541),
    OwnerMunicipality::new(m(3220), "Enebakk", 11_382),
    OwnerMunicipality::new(m(3230), "Gjerdrum", 7_271),
    OwnerMunicipality::new(m(3242), "Hurdal", 2_938),
    OwnerMunicipality::new(m(3205), "Lillestrøm", 92_324),
    OwnerMunicipality::new(m(3222), "Lørenskog", 46_933),
    OwnerMunicipality::new(m(3238), "Nannestad", 15_630),
    OwnerMunicipality::new(m(3228), "Nes", 24_390),
    OwnerMunicipality::new(m(3232), "Nittedal", 25_515),
    OwnerMunicipality::new(m(3224), "Rælingen", 19_723),
    OwnerMunicipality::new(m(3209), "Ullensaker", 43_006),
];

/// The nights used by the residents of each municipality in `period`, the basis of cost
/// sharing by nights ([`CostKey::Nights`]), listing only municipalities with nights.
///
/// Every night counts, also the nights of people who opted out of statistics: billing the
/// owners is one of the shelter's tasks (krisesenterlova §5 a lets the shelter process what
/// it needs for its tasks), not statistics, and an opt-out must not move a municipality's
/// costs to its neighbours. Nights follow the midnight rule inside the period, as in the
/// report.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use krisesenter_stats::{billable_nights, Age, Gender, Period, PersonKind, Stay, StayId, StayPerson};
///
/// let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).ok_or("date");
/// let woman = StayPerson::new(PersonKind::Adult, Gender::Female, Age::try_new(40)?, "3205".parse()?);
/// let stay = Stay::try_new(StayId::try_new("s1")?, woman, day(3, 1)?, Some(day(3, 11)?))?
///     .with_statistics_opt_out(true);
/// // Left out of the statistics, but her ten nights are billed to Lillestrøm.
/// let nights = billable_nights(Period::year(2026)?, [&stay]);
/// assert_eq!(nights.get(&"3205".parse()?), Some(&10));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn billable_nights<'a>(period: Period, stays: impl IntoIterator<Item = &'a Stay>) -> BTreeMap<Municipality, u64> {
    let within = Aggregate::empty(period);
    let mut nights: BTreeMap<Municipality, u64> = BTreeMap::new();
    for stay in stays {
        let n = within.nights_inside(stay);
        if n > 0 {
            let entry = nights.entry(stay.person().municipality).or_insert(0);
            *entry = entry.saturating_add(n);
        }
    }
    nights
}

/// Splits `budget_ore` (the budget in øre) among `members` by `key`; `nights` gives the nights
/// used by residents of each municipality (municipalities not listed used none; nights of
/// non-members are ignored). The shares sum to the budget exactly: each member first gets the
/// whole øre of its exact share, then the øre left go one each to the largest remainders
/// (ties to the lower municipality number).
///
/// # Errors
///
/// [`CostShareError`] when there are no members, a member is listed twice, the weight is above
/// 100 %, or a key with weight sums to zero.
///
/// # Example
///
/// ```
/// use std::collections::BTreeMap;
/// use krisesenter_stats::{share_costs, CostKey, ROMERIKE_OWNERS};
/// let budget = 40_000_000_00; // 40 million kroner in øre
/// let shares = share_costs(budget, &ROMERIKE_OWNERS, CostKey::Population, &BTreeMap::new())?;
/// assert_eq!(shares.values().sum::<u64>(), budget);
/// // Lillestrøm, the largest owner, pays the most.
/// let (largest, _) = shares.iter().max_by_key(|(_, s)| **s).ok_or("no shares")?;
/// assert_eq!(largest.to_string(), "3205");
///
/// // Sharing by nights needs nights.
/// assert!(share_costs(budget, &ROMERIKE_OWNERS, CostKey::Nights, &BTreeMap::new()).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn share_costs(
    budget_ore: u64,
    members: &[OwnerMunicipality],
    key: CostKey,
    nights: &BTreeMap<Municipality, u64>,
) -> Result<BTreeMap<Municipality, u64>, CostShareError> {
    if members.is_empty() {
        return Err(CostShareError::NoMembers);
    }
    let mut seen = BTreeSet::new();
    for member in members {
        if !seen.insert(member.municipality) {
            return Err(CostShareError::DuplicateMember { municipality: member.municipality });
        }
    }
    let population_percent = match key {
        CostKey::Population => 100,
        CostKey::Nights => 0,
        CostKey::Weighted { population_percent } if population_percent <= 100 => population_percent,
        CostKey::Weighted { population_percent } => {
            return Err(CostShareError::WeightOutOfRange { percent: population_percent });
        }
    };
    let pop_w = u128::from(population_percent);
    let night_w = 100 - pop_w;
    let night_of = |m: &OwnerMunicipality| u128::from(nights.get(&m.municipality).copied().unwrap_or(0));
    let total_pop: u128 = members.iter().map(|m| u128::from(m.population)).sum();
    let total_nights: u128 = members.iter().map(night_of).sum();
    if pop_w > 0 && total_pop == 0 {
        return Err(CostShareError::NothingToDivideBy { key: "population" });
    }
    if night_w > 0 && total_nights == 0 {
        return Err(CostShareError::NothingToDivideBy { key: "nights" });
    }
    // Exact weight of member i: pop_w * p_i / P + night_w * n_i / N, over the common
    // denominator 100 * P * N (a zero total with zero weight counts as 1).
    let (p_den, n_den) = (total_pop.max(1), total_nights.max(1));
    // Keep the denominator below 2^126 so the exact division below cannot overflow.
    let denominator = p_den
        .checked_mul(n_den)
        .and_then(|d| d.checked_mul(100))
        .filter(|d| *d < 1 << 126)
        .ok_or(CostShareError::TooLarge)?;
    let budget = u128::from(budget_ore);
    let mut shares: Vec<(Municipality, u128, u128)> = Vec::with_capacity(members.len());
    for m in members {
        // numerator <= denominator, since each part is at most its weight times P * N.
        let numerator = pop_w * u128::from(m.population) * n_den + night_w * night_of(m) * p_den;
        let (whole, remainder) = mul_div(budget, numerator, denominator);
        shares.push((m.municipality, whole, remainder));
    }
    let given: u128 = shares.iter().map(|s| s.1).sum();
    let mut left = budget.saturating_sub(given);
    // Largest remainder first; ties to the lower municipality number.
    let mut order: Vec<usize> = (0..shares.len()).collect();
    order.sort_by(|a, b| {
        let (ra, rb) = (shares.get(*a).map_or(0, |s| s.2), shares.get(*b).map_or(0, |s| s.2));
        rb.cmp(&ra).then(a.cmp(b))
    });
    for i in order {
        if left == 0 {
            break;
        }
        if let Some(share) = shares.get_mut(i) {
            share.1 += 1;
            left -= 1;
        }
    }
    Ok(shares.into_iter().map(|(m, whole, _)| (m, u64::try_from(whole).unwrap_or(u64::MAX))).collect())
}

/// Splits `budget_ore` as [`share_costs`] does, for a cost that may have been used by nobody
/// (a service with places kept free all year): when the members used no nights at all, the
/// part of `key` that goes by nights has nothing to divide by and is divided by population
/// instead, so the whole budget is shared by population. With nights, it is exactly
/// [`share_costs`].
///
/// # Errors
///
/// [`CostShareError`] as [`share_costs`]; `NothingToDivideBy` only when the members'
/// population sums to zero.
///
/// # Example
///
/// ```
/// use std::collections::BTreeMap;
/// use krisesenter_stats::{share_costs, share_costs_by_use, CostKey, ROMERIKE_OWNERS};
/// let budget = 3_000_000_00; // NOK 3 million for places kept free all year
/// let key = CostKey::Weighted { population_percent: 50 };
/// // Nobody used a night: shared by population.
/// let idle = share_costs_by_use(budget, &ROMERIKE_OWNERS, key, &BTreeMap::new())?;
/// assert_eq!(idle, share_costs(budget, &ROMERIKE_OWNERS, CostKey::Population, &BTreeMap::new())?);
/// // Nights used: the IKS key as it is.
/// let nights = BTreeMap::from([("3242".parse()?, 40)]);
/// assert_eq!(share_costs_by_use(budget, &ROMERIKE_OWNERS, key, &nights)?, share_costs(budget, &ROMERIKE_OWNERS, key, &nights)?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn share_costs_by_use(
    budget_ore: u64,
    members: &[OwnerMunicipality],
    key: CostKey,
    nights: &BTreeMap<Municipality, u64>,
) -> Result<BTreeMap<Municipality, u64>, CostShareError> {
    let used = members.iter().any(|m| nights.get(&m.municipality).is_some_and(|n| *n > 0));
    // A weight above 100 % stays an error, with or without nights.
    let key = match key {
        CostKey::Weighted { population_percent } if population_percent > 100 => key,
        CostKey::Nights | CostKey::Weighted { .. } if !used => CostKey::Population,
        _ => key,
    };
    share_costs(budget_ore, members, key, nights)
}

/// `(a * b) / d` and its remainder, exactly, for `a < 2^64` and `d < 2^126`, without
/// overflow: when `a * b` does not fit in u128, the product is built bit by bit of `a` as a
/// quotient and a remainder in base `d`.
fn mul_div(a: u128, b: u128, d: u128) -> (u128, u128) {
    if let Some(p) = a.checked_mul(b) {
        return (p / d, p % d);
    }
    let mut quotient: u128 = 0;
    let mut remainder: u128 = 0;
    // Process a bit by bit (a < 2^64): (q, r) = 2 * (q, r) + bit * (b div d, b mod d), normalised.
    let (bq, br) = (b / d, b % d);
    for bit in (0..64).rev() {
        quotient = quotient.saturating_mul(2);
        remainder *= 2;
        if remainder >= d {
            remainder -= d;
            quotient = quotient.saturating_add(1);
        }
        if (a >> bit) & 1 == 1 {
            quotient = quotient.saturating_add(bq);
            remainder += br;
            if remainder >= d {
                remainder -= d;
                quotient = quotient.saturating_add(1);
            }
        }
    }
    (quotient, remainder)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owners_are_twelve_distinct_akershus_municipalities() {
        let numbers: BTreeSet<u16> = ROMERIKE_OWNERS.iter().map(|m| m.municipality.number()).collect();
        assert_eq!(numbers.len(), 12);
        assert!(numbers.iter().all(|n| (3201..3300).contains(n)));
        assert_eq!(ROMERIKE_OWNERS.iter().map(|m| m.population).sum::<u64>(), 334_624);
    }

    #[test]
    fn largest_remainder_example() {
        // 100 øre over three equal members: 34, 33, 33 (the tie goes to the lowest number).
        let members = [
            OwnerMunicipality::new(m(3205), "a", 1),
            OwnerMunicipality::new(m(3209), "b", 1),
            OwnerMunicipality::new(m(3222), "c", 1),
        ];
        let shares = share_costs(100, &members, CostKey::Population, &BTreeMap::new()).unwrap();
        assert_eq!(shares.values().copied().collect::<Vec<_>>(), vec![34, 33, 33]);
    }

    #[test]
    fn weighted_mix_and_errors() {
        let members = [OwnerMunicipality::new(m(3205), "a", 300), OwnerMunicipality::new(m(3209), "b", 100)];
        let nights: BTreeMap<_, _> = [(m(3205), 10), (m(3209), 30)].into();
        // 50 % by population (75/25) and 50 % by nights (25/75): equal shares.
        let shares = share_costs(1000, &members, CostKey::Weighted { population_percent: 50 }, &nights).unwrap();
        assert_eq!(shares.values().copied().collect::<Vec<_>>(), vec![500, 500]);
        assert!(share_costs(1000, &members, CostKey::Weighted { population_percent: 101 }, &nights).is_err());
        assert!(share_costs(1000, &[], CostKey::Population, &nights).is_err());
        let twice = [members[0].clone(), members[0].clone()];
        assert!(matches!(
            share_costs(1000, &twice, CostKey::Population, &nights),
            Err(CostShareError::DuplicateMember { .. })
        ));
    }

    fn stay(id: &str, home: &str, nights: i64, opt_out: bool) -> Stay {
        let person = crate::StayPerson::new(
            krisesenter_core::PersonKind::Adult,
            krisesenter_core::Gender::Female,
            krisesenter_core::Age::try_new(30).unwrap(),
            home.parse().unwrap(),
        );
        let check_in = NaiveDate::from_ymd_opt(2026, 12, 20).unwrap();
        let check_out = (nights >= 0).then(|| check_in + chrono::Duration::days(nights));
        Stay::try_new(crate::StayId::try_new(id).unwrap(), person, check_in, check_out)
            .unwrap()
            .with_statistics_opt_out(opt_out)
    }

    /// Opted-out stays are billed; nights follow the midnight rule inside the period (an
    /// open stay runs to its end); a municipality with no night has no entry. Kills
    /// `n > 0` mutated to `>=` and `billable_nights` returning an empty map.
    #[test]
    fn billable_nights_count_opt_outs_inside_the_period() {
        let year = Period::year(2026).unwrap();
        let stays = [
            stay("a", "3205", 10, true),
            stay("b", "3205", 5, false),
            // Open: 20 to 31 December, 12 nights.
            stay("c", "3209", -1, true),
            // In and out the same day: no night.
            stay("d", "3222", 0, false),
            // Leaves after the year: 12 nights inside it.
            stay("e", "3226", 30, false),
        ];
        let nights = billable_nights(year, &stays);
        let got: Vec<(String, u64)> = nights.iter().map(|(m, n)| (m.to_string(), *n)).collect();
        assert_eq!(got, [("3205".to_owned(), 15), ("3209".to_owned(), 12), ("3226".to_owned(), 12)]);
        // The statistics leave the opted-out stays out.
        let counted = Aggregate::from_records(year, 62, &stays, []).nights_by_municipality();
        assert_eq!(counted.values().sum::<u64>(), 5 + 12);
    }

    /// Without nights the whole budget goes by population; with nights of members, the key is
    /// used as given; nights of non-members do not count as use; a bad weight stays an error.
    #[test]
    fn share_costs_by_use_falls_back_to_population_only_without_nights() {
        let members = [OwnerMunicipality::new(m(3205), "a", 300), OwnerMunicipality::new(m(3209), "b", 100)];
        let key = CostKey::Weighted { population_percent: 50 };
        let none = BTreeMap::new();
        assert_eq!(
            share_costs_by_use(1000, &members, key, &none).unwrap().values().copied().collect::<Vec<_>>(),
            [750, 250]
        );
        assert_eq!(
            share_costs_by_use(1000, &members, CostKey::Nights, &none).unwrap().values().copied().collect::<Vec<_>>(),
            [750, 250]
        );
        let outsider: BTreeMap<_, _> = [(m(3222), 5)].into();
        assert_eq!(
            share_costs_by_use(1000, &members, key, &outsider).unwrap().values().copied().collect::<Vec<_>>(),
            [750, 250]
        );
        let zero: BTreeMap<_, _> = [(m(3209), 0)].into();
        assert_eq!(
            share_costs_by_use(1000, &members, key, &zero).unwrap().values().copied().collect::<Vec<_>>(),
            [750, 250]
        );
        let nights: BTreeMap<_, _> = [(m(3209), 30)].into();
        // 50 % by population (375/125) and 50 % by nights (0/500).
        assert_eq!(
            share_costs_by_use(1000, &members, key, &nights).unwrap().values().copied().collect::<Vec<_>>(),
            [375, 625]
        );
        assert_eq!(
            share_costs_by_use(1000, &members, CostKey::Nights, &nights).unwrap().values().copied().collect::<Vec<_>>(),
            [0, 1000]
        );
        for bad in [&none, &nights] {
            assert!(matches!(
                share_costs_by_use(1000, &members, CostKey::Weighted { population_percent: 101 }, bad),
                Err(CostShareError::WeightOutOfRange { percent: 101 })
            ));
        }
        let empty = [OwnerMunicipality::new(m(3205), "a", 0)];
        assert!(matches!(
            share_costs_by_use(1000, &empty, key, &none),
            Err(CostShareError::NothingToDivideBy { key: "population" })
        ));
    }

    #[test]
    fn mul_div_is_exact_beyond_u128_products() {
        // a * b overflows u128; b / d = 2/3 exactly, so the result is 2a/3 with no remainder.
        let a = u128::from(u64::MAX); // divisible by 3
        let d: u128 = 3 << 120;
        let b: u128 = 2 << 120;
        assert_eq!(mul_div(a, b, d), (a / 3 * 2, 0));
        assert_eq!(mul_div(a, b + 1, d), (a / 3 * 2, a));
        assert_eq!(mul_div(10, 7, 4), (17, 2));
    }
}
