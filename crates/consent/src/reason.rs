//! The reasons a retention decision gives, with the provisions each rests on, declared once.

use krisesenter_core::law::Provision;

use crate::hold::HoldReason;

krisesenter_core::reason_kinds! {
    /// A reason a retention decision can give. Codes are stable; messages never hold input.
    ///
    /// Reasons come in a fixed order: active legal holds, then what keeps the record, then what
    /// makes it due, then notes, then what may be kept for statistics.
    pub enum RetentionReason {
        /// An active hold for a police case blocks every disposal.
        LegalHoldPoliceCase => {
            code: "legal_hold_police_case",
            nb: "Journalen er holdt tilbake for en politisak; ingenting slettes så lenge tilbakeholdet gjelder.",
            en: "The record is held for a police case; nothing is deleted while the hold is active.",
            // GDPR art. 17(3)(b), (e): erasure does not apply while the data is needed for a
            // legal obligation or for legal claims.
            cites: [Provision::GdprErasure],
        },
        /// An active hold for a court case blocks every disposal.
        LegalHoldCourtCase => {
            code: "legal_hold_court_case",
            nb: "Journalen er holdt tilbake for en rettssak; ingenting slettes så lenge tilbakeholdet gjelder.",
            en: "The record is held for a court case; nothing is deleted while the hold is active.",
            // GDPR art. 17(3)(b), (e): erasure does not apply while the data is needed for a
            // legal obligation or for legal claims.
            cites: [Provision::GdprErasure],
        },
        /// An active hold for a child-welfare case blocks every disposal.
        LegalHoldChildWelfareCase => {
            code: "legal_hold_child_welfare_case",
            nb: "Journalen er holdt tilbake for en barnevernssak; ingenting slettes så lenge tilbakeholdet gjelder.",
            en: "The record is held for a child-welfare case; nothing is deleted while the hold is active.",
            // Child welfare may order information (bvl §13-2, earlier bvl-1992 §6-4).
            cites: [Provision::GdprErasure, Provision::ChildWelfareDutyToInform],
        },
        /// An active hold for a complaint blocks every disposal.
        LegalHoldComplaint => {
            code: "legal_hold_complaint",
            nb: "Journalen er holdt tilbake for en klagesak; ingenting slettes så lenge tilbakeholdet gjelder.",
            en: "The record is held for a complaint; nothing is deleted while the hold is active.",
            // GDPR art. 17(3)(b), (e): erasure does not apply while the data is needed for a
            // legal obligation or for legal claims.
            cites: [Provision::GdprErasure],
        },
        /// The contact is ongoing: the record is needed for it.
        ContactOngoing => {
            code: "contact_ongoing",
            nb: "Kontakten pågår; opplysningene trengs for oppfølgingen og oppbevares så lenge den varer.",
            en: "The contact is ongoing; the information is needed for it and kept while it lasts.",
            // Art. 5(1)(e): no longer than necessary; from 2026 ksl §5 a is the basis for
            // processing what the shelter's tasks need.
            cites: [Provision::GdprPrinciples, Provision::KslDataProcessing],
        },
        /// The contact has ended without consent, but the policy's grace days have not run out.
        ContactGracePeriod => {
            code: "contact_grace_period",
            nb: "Kontakten er avsluttet uten samtykke; opplysningene oppbevares bare ut fristen i retningslinjene.",
            en: "The contact ended without consent; the information is kept only until the policy's grace days run out.",
            // Art. 5(1)(e): no longer than necessary; from 2026 ksl §5 a is the basis for
            // processing what the shelter's tasks need.
            cites: [Provision::GdprPrinciples, Provision::KslDataProcessing],
        },
        /// The latest written storage consent is in force and younger than the consent period.
        StorageConsentInForce => {
            code: "storage_consent_in_force",
            nb: "Det siste skriftlige samtykket til oppbevaring gjelder, og oppbevaringstiden er ikke ute.",
            en: "The latest written consent to storage is in force and the retention period has not run out.",
            // Art. 6(1)(a) consent, art. 7 its conditions, art. 5(1)(e) the period.
            cites: [Provision::GdprLawfulness, Provision::GdprConsent, Provision::GdprPrinciples],
        },
        /// The contact has ended and there is no written storage consent.
        ContactEndedWithoutConsent => {
            code: "contact_ended_without_consent",
            nb: "Kontakten er avsluttet, og det finnes ikke skriftlig samtykke til oppbevaring; opplysningene skal slettes.",
            en: "The contact has ended and there is no written consent to storage; the information must be deleted.",
            // Art. 5(1)(e) and art. 17(1)(a): no longer necessary.
            cites: [Provision::GdprPrinciples, Provision::GdprErasure],
        },
        /// The latest written storage consent was withdrawn.
        StorageConsentWithdrawn => {
            code: "storage_consent_withdrawn",
            nb: "Samtykket til oppbevaring er trukket tilbake; når kontakten er avsluttet, skal opplysningene slettes.",
            en: "The consent to storage was withdrawn; once the contact has ended, the information must be deleted.",
            // Art. 7(3) withdrawal at any time; art. 17(1)(b) erasure on withdrawal.
            cites: [Provision::GdprConsent, Provision::GdprErasure],
        },
        /// The consent period after the latest written storage consent has run out.
        StorageConsentPeriodEnded => {
            code: "storage_consent_period_ended",
            nb: "Oppbevaringstiden etter det siste skriftlige samtykket er ute; når kontakten er avsluttet, skal opplysningene slettes.",
            en: "The retention period after the latest written consent has run out; once the contact has ended, the information must be deleted.",
            // Art. 5(1)(e) and art. 17(1)(a): no longer necessary.
            cites: [Provision::GdprPrinciples, Provision::GdprErasure],
        },
        /// An oral storage consent is recorded; it does not count.
        OralConsentNotCounted => {
            code: "oral_consent_not_counted",
            nb: "Et muntlig samtykke til oppbevaring er registrert; bare skriftlig samtykke teller.",
            en: "An oral consent to storage is recorded; only written consent counts.",
            // Art. 7(1): the controller must be able to show the consent.
            cites: [Provision::GdprConsent],
        },
        /// Several written storage consents: only the latest counts.
        EarlierConsentsSuperseded => {
            code: "earlier_consents_superseded",
            nb: "Det finnes flere skriftlige samtykker til oppbevaring; bare det siste teller.",
            en: "There are several written consents to storage; only the latest counts.",
            // Art. 7(1): the controller must be able to show the consent.
            cites: [Provision::GdprConsent],
        },
        /// A legal hold on the record has been released and blocks nothing any more.
        LegalHoldReleased => {
            code: "legal_hold_released",
            nb: "Et tilbakehold er opphevet og hindrer ikke lenger sletting.",
            en: "A legal hold has been released and no longer blocks deletion.",
            // GDPR art. 17(3)(b), (e): erasure does not apply while the data is needed for a
            // legal obligation or for legal claims.
            cites: [Provision::GdprErasure],
        },
        /// A legal hold is recorded with a later start; it blocks nothing yet.
        LegalHoldScheduled => {
            code: "legal_hold_scheduled",
            nb: "Et tilbakehold er registrert med senere startdato; det hindrer ikke sletting ennå.",
            en: "A legal hold is recorded with a later start; it does not block deletion yet.",
            // GDPR art. 17(3)(b), (e): erasure does not apply while the data is needed for a
            // legal obligation or for legal claims.
            cites: [Provision::GdprErasure],
        },
        /// Anonymous aggregate statistics the record contributed to may be kept.
        StatisticsKeptAnonymous => {
            code: "statistics_kept_anonymous",
            nb: "Anonyme, sammenstilte tall som journalen inngår i, kan beholdes; ingen enkeltrader.",
            en: "Anonymous aggregate figures the record contributed to may be kept; never a row.",
            // Art. 5(1)(e) allows keeping for statistics in a form that does not identify;
            // from 2026 ksl §5 a lets users opt out of statistics.
            cites: [Provision::GdprPrinciples, Provision::KslDataProcessing],
        },
        /// The user opted out of statistics: nothing is kept for statistics.
        StatisticsOptOut => {
            code: "statistics_opt_out",
            nb: "Brukeren har reservert seg mot statistikk; ingenting beholdes for statistikk.",
            en: "The user opted out of statistics; nothing is kept for statistics.",
            cites: [Provision::KslDataProcessing],
        },
    }
}

impl RetentionReason {
    /// The reason an active hold of `reason` gives.
    pub const fn for_hold(reason: HoldReason) -> Self {
        match reason {
            HoldReason::PoliceCase => RetentionReason::LegalHoldPoliceCase,
            HoldReason::CourtCase => RetentionReason::LegalHoldCourtCase,
            HoldReason::ChildWelfareCase => RetentionReason::LegalHoldChildWelfareCase,
            HoldReason::Complaint => RetentionReason::LegalHoldComplaint,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use krisesenter_core::{Reason, ReasonKind, Reasons};

    #[test]
    fn every_reason_is_well_formed_and_listed_once() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let mut codes = std::collections::BTreeSet::new();
        for (i, r) in RetentionReason::ALL.iter().enumerate() {
            assert_eq!(*r as usize, i, "ALL follows declaration order");
            let reason = Reason::explain(*r, day);
            assert!(reason.has_valid_code(), "{r:?}");
            assert!(codes.insert(r.code()), "{r:?} code repeated");
            assert!(!reason.citations().is_empty(), "{r:?} cites nothing");
            assert!(!r.message_nb().is_empty() && !r.message_en().is_empty());
        }
    }

    #[test]
    fn ksl_5a_is_cited_only_from_2026() {
        let before = Reason::explain(RetentionReason::ContactOngoing, NaiveDate::from_ymd_opt(2025, 12, 31).unwrap());
        let after = Reason::explain(RetentionReason::ContactOngoing, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        assert!(before.citations().iter().all(|c| c.section() != "5a"));
        assert!(after.citations().iter().any(|c| c.section() == "5a"));
    }

    #[test]
    fn reasons_keep_declaration_order() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let set = Reasons::of(
            &[
                RetentionReason::StatisticsOptOut,
                RetentionReason::LegalHoldComplaint,
                RetentionReason::LegalHoldComplaint,
            ],
            day,
        );
        assert_eq!(set.codes().collect::<Vec<_>>(), ["legal_hold_complaint", "statistics_opt_out"]);
        for hold in HoldReason::ALL {
            assert!(RetentionReason::for_hold(*hold).code().starts_with("legal_hold_"));
        }
    }
}
