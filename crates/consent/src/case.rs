//! A case record as the retention schedule sees it: when the contact ended, the consents
//! given, the legal holds placed, and whether the user opted out of statistics.

use krisesenter_core::wire::Rejected;
use std::collections::BTreeSet;

use crate::{HoldId, RecordId};
use chrono::NaiveDate;
use krisesenter_core::ConsentId;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::hold::LegalHold;
use crate::record::Consent;
use crate::schedule::RecordFacts;

/// Why a case record is not acceptable.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum CaseRecordError {
    /// Two consents of one record share an id.
    #[error("a consent id appears more than once in one record")]
    DuplicateConsent {
        /// The record.
        record: RecordId,
        /// The repeated consent id.
        consent: ConsentId,
    },
    /// Two holds of one record share an id.
    #[error("a hold id appears more than once in one record")]
    DuplicateHold {
        /// The record.
        record: RecordId,
        /// The repeated hold id.
        hold: HoldId,
    },
}

/// A case record (docs/contract.md `retention` input, one element of `records`).
///
/// `contact_ended_on` is the last day of the contact with the shelter, or `None` while the
/// contact is ongoing. `consents` may hold storage and sharing consents; only written storage
/// consents count for retention. `statistics_opt_out` (an addition to the contract, default
/// false) records that the user opted out of statistics (krisesenterlova §5 a, from
/// 2026-01-01): a disposal certificate then keeps no statistical facts.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use krisesenter_consent::{CaseRecord, CaseRecordError, Consent, ConsentForm, ConsentId, RecordId};
///
/// let given = NaiveDate::from_ymd_opt(2025, 3, 1).ok_or("date")?;
/// let consent = Consent::storage(ConsentId::try_new("c1")?, given, ConsentForm::Written);
/// let record = CaseRecord::try_new(RecordId::try_new("r1")?, None, vec![consent.clone()], vec![])?;
/// assert_eq!(record.consents().len(), 1);
/// // The same consent twice is refused.
/// let twice = CaseRecord::try_new(RecordId::try_new("r1")?, None, vec![consent.clone(), consent], vec![]);
/// assert!(matches!(twice, Err(CaseRecordError::DuplicateConsent { .. })));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(try_from = "RecordInput")]
#[non_exhaustive]
pub struct CaseRecord {
    id: RecordId,
    contact_ended_on: Option<NaiveDate>,
    consents: Vec<Consent>,
    holds: Vec<LegalHold>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    statistics_opt_out: bool,
}

/// The wire form of a case record, before validation.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "CaseRecord")]
struct RecordInput {
    id: RecordId,
    /// The last day of the contact, or null while it is ongoing (required; null is explicit).
    #[serde(deserialize_with = "krisesenter_core::date::exact_or_null")]
    #[schemars(schema_with = "crate::decision::required_nullable_schema::<Option<NaiveDate>>")]
    contact_ended_on: Option<NaiveDate>,
    consents: Vec<Consent>,
    holds: Vec<LegalHold>,
    /// The user opted out of statistics (krisesenterlova §5 a); default false.
    #[serde(default)]
    statistics_opt_out: bool,
}

impl TryFrom<RecordInput> for CaseRecord {
    type Error = Rejected<CaseRecordError>;
    fn try_from(raw: RecordInput) -> Result<Self, Self::Error> {
        Ok(CaseRecord::try_new(raw.id, raw.contact_ended_on, raw.consents, raw.holds)?
            .with_statistics_opt_out(raw.statistics_opt_out))
    }
}

impl CaseRecord {
    /// Makes a record, checking that consent ids and hold ids are unique within it.
    ///
    /// # Errors
    ///
    /// [`CaseRecordError::DuplicateConsent`] or [`CaseRecordError::DuplicateHold`].
    pub fn try_new(
        id: RecordId,
        contact_ended_on: Option<NaiveDate>,
        consents: Vec<Consent>,
        holds: Vec<LegalHold>,
    ) -> Result<Self, CaseRecordError> {
        let mut seen = BTreeSet::new();
        for consent in &consents {
            if !seen.insert(consent.id()) {
                return Err(CaseRecordError::DuplicateConsent { record: id, consent: consent.id().clone() });
            }
        }
        let mut seen = BTreeSet::new();
        for hold in &holds {
            if !seen.insert(hold.id()) {
                return Err(CaseRecordError::DuplicateHold { record: id, hold: hold.id().clone() });
            }
        }
        Ok(Self { id, contact_ended_on, consents, holds, statistics_opt_out: false })
    }

    /// The same record with the statistics opt-out set or cleared.
    #[must_use]
    pub fn with_statistics_opt_out(self, opt_out: bool) -> Self {
        Self { statistics_opt_out: opt_out, ..self }
    }

    /// The same record with one more consent (a new consent arrives).
    ///
    /// # Errors
    ///
    /// [`CaseRecordError::DuplicateConsent`] when the record already holds a consent of that id.
    pub fn with_consent(&self, consent: Consent) -> Result<Self, CaseRecordError> {
        let mut consents = self.consents.clone();
        consents.push(consent);
        Ok(Self::try_new(self.id.clone(), self.contact_ended_on, consents, self.holds.clone())?
            .with_statistics_opt_out(self.statistics_opt_out))
    }

    /// The same record with one more legal hold (a new hold arrives).
    ///
    /// # Errors
    ///
    /// [`CaseRecordError::DuplicateHold`] when the record already holds a hold of that id.
    pub fn with_hold(&self, hold: LegalHold) -> Result<Self, CaseRecordError> {
        let mut holds = self.holds.clone();
        holds.push(hold);
        Ok(Self::try_new(self.id.clone(), self.contact_ended_on, self.consents.clone(), holds)?
            .with_statistics_opt_out(self.statistics_opt_out))
    }

    /// The id.
    pub fn id(&self) -> &RecordId {
        &self.id
    }

    /// The last day of the contact, or `None` while it is ongoing.
    pub fn contact_ended_on(&self) -> Option<NaiveDate> {
        self.contact_ended_on
    }

    /// Every consent of the record, storage and sharing, written and oral.
    pub fn consents(&self) -> &[Consent] {
        &self.consents
    }

    /// Every legal hold of the record, active, released or not yet placed.
    pub fn holds(&self) -> &[LegalHold] {
        &self.holds
    }

    /// Whether the user opted out of statistics.
    pub fn statistics_opt_out(&self) -> bool {
        self.statistics_opt_out
    }

    /// The record as the rules read it.
    pub(crate) fn facts(&self) -> RecordFacts<'_, Consent, LegalHold> {
        RecordFacts {
            contact_ended_on: self.contact_ended_on,
            consents: &self.consents,
            holds: &self.holds,
            statistics_opt_out: self.statistics_opt_out,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_form_requires_contact_ended_on() {
        let ok: CaseRecord =
            serde_json::from_str(r#"{"id":"r1","contact_ended_on":null,"consents":[],"holds":[]}"#).unwrap();
        assert_eq!(ok.contact_ended_on(), None);
        assert!(!ok.statistics_opt_out());
        let missing = r#"{"id":"r1","consents":[],"holds":[]}"#;
        assert!(serde_json::from_str::<CaseRecord>(missing).is_err());
        let dup = r#"{"id":"r1","contact_ended_on":null,"consents":[],"holds":[
            {"id":"h1","reason":"complaint","placed_on":"2026-01-01"},
            {"id":"h1","reason":"police_case","placed_on":"2026-01-02"}]}"#;
        assert!(serde_json::from_str::<CaseRecord>(dup).is_err());
    }
}
