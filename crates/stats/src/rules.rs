//! The rules of the statistics that changed with the law, as versioned data.
//!
//! The counting rules of docs/contract.md have not changed since krisesenterlova took effect; what
//! changed on 2026-01-01 (LOV-2025-06-20-42, krisesenterlova §5 a) is that users got the
//! right to opt out of statistics. A shelter asks whether a user opts out only while that
//! right is in force; a stay marked as opted out is left out of the figures whatever the day
//! (see [`crate::StatsReasonKind::OptedOutOfStatistics`]).

use chrono::NaiveDate;
use krisesenter_core::{RuleVersion, Versioned};

/// The behaviour switches of the statistics, one value per version of the law.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct StatsRules {
    /// Whether users may opt out of the shelter's statistics, so the shelter asks them
    /// (krisesenterlova §5 a, in force from 2026-01-01).
    pub opt_out_of_statistics: bool,
}

/// krisesenterlova as it took effect on 2010-01-01 (LOV-2009-06-19-44): no right to opt out.
const KSL_2010: StatsRules = StatsRules { opt_out_of_statistics: false };

/// The amendment in force from 2026-01-01 (LOV-2025-06-20-42): §5 a lets users opt out.
const KSL_2026: StatsRules = StatsRules { opt_out_of_statistics: true, ..KSL_2010 };

/// Every version of the statistics' rules, with its first day and source.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use krisesenter_stats::STATS_RULES;
/// let day = |y| NaiveDate::from_ymd_opt(y, 1, 1).ok_or("date");
/// assert!(STATS_RULES.on(day(2026)?).is_some_and(|v| v.rules().opt_out_of_statistics));
/// assert!(!STATS_RULES.on(day(2025)?).is_some_and(|v| v.rules().opt_out_of_statistics));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const STATS_RULES: Versioned<StatsRules> = Versioned::new(&[
    RuleVersion::new("2010-01-01", 2010, 1, 1, "LOV-2009-06-19-44", KSL_2010),
    RuleVersion::new("2026-01-01", 2026, 1, 1, "LOV-2025-06-20-42", KSL_2026),
]);

/// Whether users may opt out of statistics on `as_of` (krisesenterlova §5 a): false before
/// the first version, as before 2026-01-01.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// let new_year = NaiveDate::from_ymd_opt(2026, 1, 1).ok_or("date")?;
/// assert!(krisesenter_stats::may_opt_out(new_year));
/// assert!(!krisesenter_stats::may_opt_out(new_year.pred_opt().ok_or("date")?));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn may_opt_out(as_of: NaiveDate) -> bool {
    STATS_RULES.on(as_of).is_some_and(|v| v.rules().opt_out_of_statistics)
}

#[cfg(test)]
mod tests {
    use super::*;
    use krisesenter_core::law::{KSL_2026_AMENDMENT, KSL_IN_FORCE, Provision};

    #[test]
    fn versions_are_ordered_and_follow_the_law_table() {
        assert!(STATS_RULES.is_ordered());
        let firsts: Vec<NaiveDate> = STATS_RULES.versions().iter().map(RuleVersion::in_force_from).collect();
        assert_eq!(firsts, [KSL_IN_FORCE, KSL_2026_AMENDMENT]);
        // The right to opt out is in force exactly when the law table has §5 a.
        for day in [KSL_IN_FORCE, KSL_2026_AMENDMENT.pred_opt().unwrap(), KSL_2026_AMENDMENT] {
            assert_eq!(may_opt_out(day), Provision::KslDataProcessing.version_on(day).is_some(), "{day}");
        }
        assert!(!may_opt_out(NaiveDate::from_ymd_opt(2009, 12, 31).unwrap()));
    }
}
