//! Properties of the core vocabulary (docs/invariants.md, crate `core`).

use chrono::{Datelike, NaiveDate};
use krisesenter_core::Citation;
use krisesenter_core::calendar::{YearShift, add_years, days_between, nights};
use krisesenter_core::law::TABLE;
use krisesenter_testkit::core as strat;
use proptest::prelude::*;

fn round_trips<T>(value: &T) -> Result<(), TestCaseError>
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let json = serde_json::to_string(value).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let back: T = serde_json::from_str(&json).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(&back, value);
    Ok(())
}

proptest! {
    #![proptest_config(krisesenter_testkit::config(128))]

    /// core-1: every core type survives a serde round trip unchanged.
    #[test]
    fn serde_round_trip_of_core_types(
        g in strat::gender(), v in strat::violence_type(), r in strat::relation(),
        party in strat::party(), i in strat::information(), s in strat::service_kind(),
        prov in strat::provision(), c in strat::citation(), age in strat::adult_age(),
        child in strat::child_age(), text in strat::redacted_personal_text(),
        room in strat::room_id(), rec in strat::id::<krisesenter_core::PersonId>(),
    ) {
        round_trips(&g)?; round_trips(&v)?; round_trips(&r)?; round_trips(&party)?;
        round_trips(&i)?; round_trips(&s)?; round_trips(&prov)?; round_trips::<Citation>(&c)?;
        round_trips(&age)?; round_trips(&child)?; round_trips(&text)?; round_trips(&room)?; round_trips(&rec)?;
    }

    /// core-2: `Debug` of personal data never shows it, alone or inside a container.
    #[test]
    fn debug_never_shows_personal_fields(text in strat::redacted_personal_text()) {
        let secret = text.expose().clone();
        for dbg in [format!("{text:?}"), format!("{:?}", Some(&text)), format!("{:?}", vec![text.clone()])] {
            prop_assert!(!dbg.contains(&secret), "Debug leaks personal data");
            prop_assert!(dbg.contains("<redacted>"));
        }
    }

    /// core-3: adding years is monotone: a <= b implies a + n <= b + n, and n <= m implies a + n <= a + m.
    #[test]
    fn add_years_is_monotone(a in strat::tricky_date(), b in strat::tricky_date(), n in 0u32..50, m in 0u32..50) {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        prop_assert!(add_years(lo, n).unwrap() <= add_years(hi, n).unwrap());
        let (n, m) = (n.min(m), n.max(m));
        prop_assert!(add_years(a, n).unwrap() <= add_years(a, m).unwrap());
    }

    /// core-4: adding years keeps month and day, except 29 February in a year without it, which becomes 28 February.
    #[test]
    fn add_years_handles_leap_days(a in strat::tricky_date(), n in 0u32..50) {
        let r = add_years(a, n).unwrap();
        prop_assert_eq!(r.year(), a.year() + i32::try_from(n).unwrap());
        prop_assert_eq!(r.month(), a.month());
        if (a.month(), a.day()) == (2, 29) && NaiveDate::from_ymd_opt(r.year(), 2, 29).is_none() {
            prop_assert_eq!(r.day(), 28);
        } else {
            prop_assert_eq!(r.day(), a.day());
        }
    }

    /// core-8: a year shift gives what `add_years` gives, for dates inside its window of years
    /// and outside it.
    #[test]
    fn a_year_shift_adds_years(a in strat::tricky_date(), n in 0u32..50, around in 1900i32..2200) {
        prop_assert_eq!(YearShift::new(n, around).apply(a), add_years(a, n));
    }

    /// core-5: days between and nights agree with date arithmetic.
    #[test]
    fn days_between_is_antisymmetric(a in strat::date(), b in strat::date()) {
        prop_assert_eq!(days_between(a, b), -days_between(b, a));
        prop_assert_eq!(a + chrono::Duration::days(days_between(a, b)), b);
        prop_assert_eq!(nights(a, b), u64::try_from(days_between(a, b).max(0)).unwrap());
    }

    /// core-6: on any date at most one version of each provision is in force, and it is the one cited.
    #[test]
    fn one_version_in_force_per_day(d in strat::date(), p in strat::provision()) {
        let in_force: Vec<_> = TABLE.iter().filter(|v| v.provision == p && v.in_force_on(d)).collect();
        prop_assert!(in_force.len() <= 1);
        prop_assert_eq!(in_force.first().map(|v| v.citation()), p.cite(d));
    }
}
