//! The reasons a retention decision gives, with the provisions each rests on.

use krisesenter_core::ReasonKind;
use krisesenter_core::law::Provision;

use crate::hold::HoldReason;

/// A reason a retention decision can give. Codes are stable; messages never hold input.
///
/// Reasons come in a fixed order: active legal holds, then what keeps the record, then what
/// makes it due, then notes, then what may be kept for statistics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum RetentionReason {
    /// An active hold for a police case blocks every disposal.
    LegalHoldPoliceCase,
    /// An active hold for a court case blocks every disposal.
    LegalHoldCourtCase,
    /// An active hold for a child-welfare case blocks every disposal.
    LegalHoldChildWelfareCase,
    /// An active hold for a complaint blocks every disposal.
    LegalHoldComplaint,
    /// The contact is ongoing: the record is needed for it.
    ContactOngoing,
    /// The contact has ended without consent, but the policy's grace days have not run out.
    ContactGracePeriod,
    /// The latest written storage consent is in force and younger than the consent period.
    StorageConsentInForce,
    /// The contact has ended and there is no written storage consent.
    ContactEndedWithoutConsent,
    /// The latest written storage consent was withdrawn.
    StorageConsentWithdrawn,
    /// The consent period after the latest written storage consent has run out.
    StorageConsentPeriodEnded,
    /// An oral storage consent is recorded; it does not count.
    OralConsentNotCounted,
    /// Several written storage consents: only the latest counts.
    EarlierConsentsSuperseded,
    /// A legal hold on the record has been released and blocks nothing any more.
    LegalHoldReleased,
    /// A legal hold is recorded with a later start; it blocks nothing yet.
    LegalHoldScheduled,
    /// Anonymous aggregate statistics the record contributed to may be kept.
    StatisticsKeptAnonymous,
    /// The user opted out of statistics: nothing is kept for statistics.
    StatisticsOptOut,
}

impl RetentionReason {
    /// Every reason, in the order decisions list them.
    pub const ALL: &'static [RetentionReason] = &[
        RetentionReason::LegalHoldPoliceCase,
        RetentionReason::LegalHoldCourtCase,
        RetentionReason::LegalHoldChildWelfareCase,
        RetentionReason::LegalHoldComplaint,
        RetentionReason::ContactOngoing,
        RetentionReason::ContactGracePeriod,
        RetentionReason::StorageConsentInForce,
        RetentionReason::ContactEndedWithoutConsent,
        RetentionReason::StorageConsentWithdrawn,
        RetentionReason::StorageConsentPeriodEnded,
        RetentionReason::OralConsentNotCounted,
        RetentionReason::EarlierConsentsSuperseded,
        RetentionReason::LegalHoldReleased,
        RetentionReason::LegalHoldScheduled,
        RetentionReason::StatisticsKeptAnonymous,
        RetentionReason::StatisticsOptOut,
    ];

    /// The reason an active hold of `reason` gives.
    pub const fn for_hold(reason: HoldReason) -> Self {
        match reason {
            HoldReason::PoliceCase => RetentionReason::LegalHoldPoliceCase,
            HoldReason::CourtCase => RetentionReason::LegalHoldCourtCase,
            HoldReason::ChildWelfareCase => RetentionReason::LegalHoldChildWelfareCase,
            HoldReason::Complaint => RetentionReason::LegalHoldComplaint,
        }
    }

    /// The bit of this reason in a [`ReasonSet`].
    const fn bit(self) -> u32 {
        1 << (self as u32)
    }
}

impl ReasonKind for RetentionReason {
    fn code(self) -> &'static str {
        match self {
            RetentionReason::LegalHoldPoliceCase => "legal_hold_police_case",
            RetentionReason::LegalHoldCourtCase => "legal_hold_court_case",
            RetentionReason::LegalHoldChildWelfareCase => "legal_hold_child_welfare_case",
            RetentionReason::LegalHoldComplaint => "legal_hold_complaint",
            RetentionReason::ContactOngoing => "contact_ongoing",
            RetentionReason::ContactGracePeriod => "contact_grace_period",
            RetentionReason::StorageConsentInForce => "storage_consent_in_force",
            RetentionReason::ContactEndedWithoutConsent => "contact_ended_without_consent",
            RetentionReason::StorageConsentWithdrawn => "storage_consent_withdrawn",
            RetentionReason::StorageConsentPeriodEnded => "storage_consent_period_ended",
            RetentionReason::OralConsentNotCounted => "oral_consent_not_counted",
            RetentionReason::EarlierConsentsSuperseded => "earlier_consents_superseded",
            RetentionReason::LegalHoldReleased => "legal_hold_released",
            RetentionReason::LegalHoldScheduled => "legal_hold_scheduled",
            RetentionReason::StatisticsKeptAnonymous => "statistics_kept_anonymous",
            RetentionReason::StatisticsOptOut => "statistics_opt_out",
        }
    }

    fn message_nb(self) -> &'static str {
        match self {
            RetentionReason::LegalHoldPoliceCase => {
                "Journalen er holdt tilbake for en politisak; ingenting slettes så lenge tilbakeholdet gjelder."
            }
            RetentionReason::LegalHoldCourtCase => {
                "Journalen er holdt tilbake for en rettssak; ingenting slettes så lenge tilbakeholdet gjelder."
            }
            RetentionReason::LegalHoldChildWelfareCase => {
                "Journalen er holdt tilbake for en barnevernssak; ingenting slettes så lenge tilbakeholdet gjelder."
            }
            RetentionReason::LegalHoldComplaint => {
                "Journalen er holdt tilbake for en klagesak; ingenting slettes så lenge tilbakeholdet gjelder."
            }
            RetentionReason::ContactOngoing => {
                "Kontakten pågår; opplysningene trengs for oppfølgingen og oppbevares så lenge den varer."
            }
            RetentionReason::ContactGracePeriod => {
                "Kontakten er avsluttet uten samtykke; opplysningene oppbevares bare ut fristen i retningslinjene."
            }
            RetentionReason::StorageConsentInForce => {
                "Det siste skriftlige samtykket til oppbevaring gjelder, og oppbevaringstiden er ikke ute."
            }
            RetentionReason::ContactEndedWithoutConsent => {
                "Kontakten er avsluttet, og det finnes ikke skriftlig samtykke til oppbevaring; opplysningene skal slettes."
            }
            RetentionReason::StorageConsentWithdrawn => {
                "Samtykket til oppbevaring er trukket tilbake; når kontakten er avsluttet, skal opplysningene slettes."
            }
            RetentionReason::StorageConsentPeriodEnded => {
                "Oppbevaringstiden etter det siste skriftlige samtykket er ute; når kontakten er avsluttet, skal opplysningene slettes."
            }
            RetentionReason::OralConsentNotCounted => {
                "Et muntlig samtykke til oppbevaring er registrert; bare skriftlig samtykke teller."
            }
            RetentionReason::EarlierConsentsSuperseded => {
                "Det finnes flere skriftlige samtykker til oppbevaring; bare det siste teller."
            }
            RetentionReason::LegalHoldReleased => "Et tilbakehold er opphevet og hindrer ikke lenger sletting.",
            RetentionReason::LegalHoldScheduled => {
                "Et tilbakehold er registrert med senere startdato; det hindrer ikke sletting ennå."
            }
            RetentionReason::StatisticsKeptAnonymous => {
                "Anonyme, sammenstilte tall som journalen inngår i, kan beholdes; ingen enkeltrader."
            }
            RetentionReason::StatisticsOptOut => {
                "Brukeren har reservert seg mot statistikk; ingenting beholdes for statistikk."
            }
        }
    }

    fn message_en(self) -> &'static str {
        match self {
            RetentionReason::LegalHoldPoliceCase => {
                "The record is held for a police case; nothing is deleted while the hold is active."
            }
            RetentionReason::LegalHoldCourtCase => {
                "The record is held for a court case; nothing is deleted while the hold is active."
            }
            RetentionReason::LegalHoldChildWelfareCase => {
                "The record is held for a child-welfare case; nothing is deleted while the hold is active."
            }
            RetentionReason::LegalHoldComplaint => {
                "The record is held for a complaint; nothing is deleted while the hold is active."
            }
            RetentionReason::ContactOngoing => {
                "The contact is ongoing; the information is needed for it and kept while it lasts."
            }
            RetentionReason::ContactGracePeriod => {
                "The contact ended without consent; the information is kept only until the policy's grace days run out."
            }
            RetentionReason::StorageConsentInForce => {
                "The latest written consent to storage is in force and the retention period has not run out."
            }
            RetentionReason::ContactEndedWithoutConsent => {
                "The contact has ended and there is no written consent to storage; the information must be deleted."
            }
            RetentionReason::StorageConsentWithdrawn => {
                "The consent to storage was withdrawn; once the contact has ended, the information must be deleted."
            }
            RetentionReason::StorageConsentPeriodEnded => {
                "The retention period after the latest written consent has run out; once the contact has ended, the information must be deleted."
            }
            RetentionReason::OralConsentNotCounted => {
                "An oral consent to storage is recorded; only written consent counts."
            }
            RetentionReason::EarlierConsentsSuperseded => {
                "There are several written consents to storage; only the latest counts."
            }
            RetentionReason::LegalHoldReleased => "A legal hold has been released and no longer blocks deletion.",
            RetentionReason::LegalHoldScheduled => {
                "A legal hold is recorded with a later start; it does not block deletion yet."
            }
            RetentionReason::StatisticsKeptAnonymous => {
                "Anonymous aggregate figures the record contributed to may be kept; never a row."
            }
            RetentionReason::StatisticsOptOut => "The user opted out of statistics; nothing is kept for statistics.",
        }
    }

    fn provisions(self) -> &'static [Provision] {
        match self {
            // GDPR art. 17(3)(b), (e): erasure does not apply while the data is needed for a
            // legal obligation or for legal claims.
            RetentionReason::LegalHoldPoliceCase
            | RetentionReason::LegalHoldCourtCase
            | RetentionReason::LegalHoldComplaint
            | RetentionReason::LegalHoldReleased
            | RetentionReason::LegalHoldScheduled => &[Provision::GdprErasure],
            // Child welfare may order information (bvl §13-2, earlier bvl-1992 §6-4).
            RetentionReason::LegalHoldChildWelfareCase => {
                &[Provision::GdprErasure, Provision::ChildWelfareDutyToInform]
            }
            // Art. 5(1)(e): no longer than necessary; from 2026 ksl §5 a is the basis for
            // processing what the shelter's tasks need.
            RetentionReason::ContactOngoing | RetentionReason::ContactGracePeriod => {
                &[Provision::GdprPrinciples, Provision::KslDataProcessing]
            }
            // Art. 6(1)(a) consent, art. 7 its conditions, art. 5(1)(e) the period.
            RetentionReason::StorageConsentInForce => {
                &[Provision::GdprLawfulness, Provision::GdprConsent, Provision::GdprPrinciples]
            }
            // Art. 5(1)(e) and art. 17(1)(a): no longer necessary.
            RetentionReason::ContactEndedWithoutConsent | RetentionReason::StorageConsentPeriodEnded => {
                &[Provision::GdprPrinciples, Provision::GdprErasure]
            }
            // Art. 7(3) withdrawal at any time; art. 17(1)(b) erasure on withdrawal.
            RetentionReason::StorageConsentWithdrawn => &[Provision::GdprConsent, Provision::GdprErasure],
            // Art. 7(1): the controller must be able to show the consent.
            RetentionReason::OralConsentNotCounted | RetentionReason::EarlierConsentsSuperseded => {
                &[Provision::GdprConsent]
            }
            // Art. 5(1)(e) allows keeping for statistics in a form that does not identify;
            // from 2026 ksl §5 a lets users opt out of statistics.
            RetentionReason::StatisticsKeptAnonymous => &[Provision::GdprPrinciples, Provision::KslDataProcessing],
            RetentionReason::StatisticsOptOut => &[Provision::KslDataProcessing],
        }
    }
}

/// An ordered set of [`RetentionReason`]s, kept as bits so that deciding never allocates.
/// Iteration follows [`RetentionReason::ALL`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct ReasonSet(u32);

impl ReasonSet {
    /// The empty set.
    pub const fn new() -> Self {
        Self(0)
    }

    /// Adds a reason.
    pub fn insert(&mut self, reason: RetentionReason) {
        self.0 |= reason.bit();
    }

    /// Whether the set holds `reason`.
    pub const fn contains(self, reason: RetentionReason) -> bool {
        self.0 & reason.bit() != 0
    }

    /// Whether the set is empty.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The reasons, in the order of [`RetentionReason::ALL`].
    pub fn iter(self) -> impl Iterator<Item = RetentionReason> {
        RetentionReason::ALL.iter().copied().filter(move |r| self.contains(*r))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use krisesenter_core::Reason;

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
        assert!(RetentionReason::ALL.len() <= 32, "fits the bit set");
    }

    #[test]
    fn ksl_5a_is_cited_only_from_2026() {
        let before = Reason::explain(RetentionReason::ContactOngoing, NaiveDate::from_ymd_opt(2025, 12, 31).unwrap());
        let after = Reason::explain(RetentionReason::ContactOngoing, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        assert!(before.citations().iter().all(|c| c.section() != "5a"));
        assert!(after.citations().iter().any(|c| c.section() == "5a"));
    }

    #[test]
    fn reason_set_keeps_order() {
        let mut set = ReasonSet::new();
        assert!(set.is_empty());
        set.insert(RetentionReason::StatisticsOptOut);
        set.insert(RetentionReason::LegalHoldComplaint);
        set.insert(RetentionReason::LegalHoldComplaint);
        let listed: Vec<_> = set.iter().collect();
        assert_eq!(listed, vec![RetentionReason::LegalHoldComplaint, RetentionReason::StatisticsOptOut]);
    }
}
