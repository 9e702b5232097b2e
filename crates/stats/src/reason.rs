//! The reasons the statistics give: why a stay was left out, why a published cell is hidden.

use krisesenter_core::law::Provision;

krisesenter_core::reason_kinds! {
    /// A kind of reason the statistics give, cited in the version of the law in force on the
    /// last day of the report period.
    pub enum StatsReasonKind {
        /// Stays of people who opted out of statistics are left out of every figure and only
        /// counted in `excluded_opt_out` (krisesenterlova §5 a from 2026-01-01; honoured before
        /// that day too, as a wish that purpose limitation under GDPR art. 5 lets us respect).
        OptedOutOfStatistics => {
            code: "opted_out_of_statistics",
            nb: "Opphold for personer som har reservert seg mot statistikk er holdt utenfor alle tall og bare talt i excluded_opt_out.",
            en: "Stays of people who opted out of statistics are left out of every figure and only counted in excluded_opt_out.",
            // ksl §5 a, cited only from 2026-01-01 (Reason::explain drops it before); GDPR art. 5.
            cites: [Provision::KslDataProcessing, Provision::GdprPrinciples],
        },
        /// Counts from 1 to threshold−1 are hidden, since so few people could be recognised.
        SmallCellSuppressed => {
            code: "small_cell_suppressed",
            nb: "Tall fra 1 til under terskelen er skjult (:), fordi så få personer kan kjennes igjen.",
            en: "Counts from 1 to below the threshold are hidden (:), since so few people could be recognised.",
            // Confidentiality covers anything that could reveal contact with the shelter.
            cites: [Provision::KslConfidentiality, Provision::GdprPrinciples],
        },
        /// Further cells are hidden so that no hidden count can be recomputed from a total.
        SecondarySuppression => {
            code: "secondary_suppression",
            nb: "Flere tall er skjult (:) slik at ingen skjult verdi kan regnes ut fra en sum.",
            en: "Further counts are hidden (:) so that no hidden value can be recomputed from a total.",
            // As above: a recomputed count reveals as much as a published one.
            cites: [Provision::KslConfidentiality, Provision::GdprPrinciples],
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use krisesenter_core::Reason;

    #[test]
    fn codes_are_snake_case_and_opt_out_cites_5a_from_2026() {
        for kind in StatsReasonKind::ALL {
            assert!(Reason::explain(*kind, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()).has_valid_code());
        }
        assert_eq!(StatsReasonKind::ALL.len(), 3);
        let before =
            Reason::explain(StatsReasonKind::OptedOutOfStatistics, NaiveDate::from_ymd_opt(2025, 12, 31).unwrap());
        assert!(before.citations().iter().all(|c| c.section() != "5a"));
        let after =
            Reason::explain(StatsReasonKind::OptedOutOfStatistics, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        assert!(after.citations().iter().any(|c| c.section() == "5a"));
    }
}
