//! Consent records: dated, written or oral, for storage or for sharing with named recipients.

use krisesenter_core::wire::Rejected;
use std::collections::BTreeSet;

use chrono::NaiveDate;
use krisesenter_core::{ConsentId, Information, Party};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thiserror::Error;

krisesenter_core::wire_enum!(
    /// What a consent allows.
    pub enum ConsentKind {
        /// Keeping information about the user after the contact (Romerike platform §5).
        Storage => "storage",
        /// Sharing named categories of information with named recipients (fvl §13 a nr. 1).
        Sharing => "sharing",
    }
);

krisesenter_core::wire_enum!(
    /// Who gave a consent.
    #[derive(Default)]
    pub enum GivenBy {
        /// The user themself.
        #[default]
        Person => "person",
        /// A guardian, for a child.
        Guardian => "guardian",
    }
);

/// How a consent was given: in writing, or orally. On the wire it is the contract's
/// `written` flag (`true` for [`ConsentForm::Written`]).
///
/// Only a written consent can be in force: the shelter asks for written consent (Romerike
/// platform §5), and a consent that cannot be shown does not exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ConsentForm {
    /// Given in writing: it can be shown.
    Written,
    /// Given orally: recorded, never in force.
    Oral,
}

impl ConsentForm {
    /// The form the contract's `written` flag names.
    pub const fn from_written(written: bool) -> Self {
        if written { ConsentForm::Written } else { ConsentForm::Oral }
    }

    /// Whether it is [`ConsentForm::Written`] (the contract's `written` flag).
    pub const fn is_written(self) -> bool {
        matches!(self, ConsentForm::Written)
    }
}

/// Why a consent is not in force on a day (docs/contract.md: in force when written, given on or
/// before the day, and not withdrawn on or before it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NotInForce {
    /// Given orally: a consent that cannot be shown does not exist.
    Oral,
    /// Given after the day.
    NotYetGiven,
    /// Withdrawn on or before the day.
    Withdrawn,
}

/// Why a consent is not acceptable.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ConsentError {
    /// A storage consent named recipients or information categories.
    #[error("a storage consent names no recipients and no information categories")]
    StorageWithScope {
        /// The consent.
        id: ConsentId,
    },
    /// A sharing consent without any recipient or without any information category.
    #[error("a sharing consent names at least one recipient and one information category")]
    SharingWithoutScope {
        /// The consent.
        id: ConsentId,
    },
    /// A withdrawal dated before the consent was given.
    #[error("a consent is withdrawn before it was given")]
    WithdrawnBeforeGiven {
        /// The consent.
        id: ConsentId,
        /// The day it was given.
        given_on: NaiveDate,
        /// The rejected withdrawal day.
        withdrawn_on: NaiveDate,
    },
    /// A consent that has already been withdrawn.
    #[error("the consent is already withdrawn")]
    AlreadyWithdrawn {
        /// The consent.
        id: ConsentId,
        /// The day of the earlier withdrawal.
        withdrawn_on: NaiveDate,
    },
}

/// A consent, exactly as docs/contract.md's `Consent`.
///
/// A consent is in force on day D when it is written, `given_on <= D`, and it is not
/// withdrawn on or before D. An oral consent is recorded but never in force: the shelter
/// asks for written consent (Romerike platform §5), and a consent that cannot be shown does
/// not exist.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use krisesenter_consent::{Consent, ConsentForm, ConsentId, Information, Party};
///
/// let given = NaiveDate::from_ymd_opt(2026, 1, 10).ok_or("date")?;
/// let c = Consent::sharing(ConsentId::try_new("c1")?, [Party::Nav], [Information::ContactDetails], given, ConsentForm::Written)?;
/// assert!(c.covers(Party::Nav, Information::ContactDetails, given));
/// assert!(!c.covers(Party::Police, Information::ContactDetails, given));
/// let later = NaiveDate::from_ymd_opt(2026, 2, 1).ok_or("date")?;
/// let withdrawn = c.withdraw(later)?;
/// assert!(!withdrawn.in_force_on(later));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(try_from = "ConsentInput")]
pub struct Consent {
    id: ConsentId,
    kind: ConsentKind,
    recipients: BTreeSet<Party>,
    information: BTreeSet<Information>,
    given_on: NaiveDate,
    written: bool,
    withdrawn_on: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "is_person")]
    given_by: GivenBy,
}

fn is_person(g: &GivenBy) -> bool {
    *g == GivenBy::Person
}

/// The wire form of a consent, before validation.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Consent")]
struct ConsentInput {
    id: ConsentId,
    kind: ConsentKind,
    recipients: Vec<Party>,
    information: Vec<Information>,
    #[serde(deserialize_with = "krisesenter_core::date::exact")]
    given_on: NaiveDate,
    written: bool,
    #[serde(default, deserialize_with = "krisesenter_core::date::exact_or_null")]
    withdrawn_on: Option<NaiveDate>,
    /// Who gave the consent: the person (default) or a guardian for a child.
    #[serde(default)]
    given_by: GivenBy,
}

impl TryFrom<ConsentInput> for Consent {
    type Error = Rejected<ConsentError>;
    fn try_from(raw: ConsentInput) -> Result<Self, Self::Error> {
        let form = ConsentForm::from_written(raw.written);
        let consent =
            Consent::new(raw.id, raw.kind, raw.recipients, raw.information, raw.given_on, form, raw.given_by)?;
        match raw.withdrawn_on {
            Some(day) => Ok(consent.withdraw(day)?),
            None => Ok(consent),
        }
    }
}

impl Consent {
    /// Makes a consent, checking that storage consents name no scope and sharing consents do.
    ///
    /// # Errors
    ///
    /// [`ConsentError::StorageWithScope`] or [`ConsentError::SharingWithoutScope`].
    pub fn new(
        id: ConsentId,
        kind: ConsentKind,
        recipients: impl IntoIterator<Item = Party>,
        information: impl IntoIterator<Item = Information>,
        given_on: NaiveDate,
        form: ConsentForm,
        given_by: GivenBy,
    ) -> Result<Self, ConsentError> {
        let recipients: BTreeSet<Party> = recipients.into_iter().collect();
        let information: BTreeSet<Information> = information.into_iter().collect();
        match kind {
            ConsentKind::Storage if !(recipients.is_empty() && information.is_empty()) => {
                return Err(ConsentError::StorageWithScope { id });
            }
            ConsentKind::Sharing if recipients.is_empty() || information.is_empty() => {
                return Err(ConsentError::SharingWithoutScope { id });
            }
            _ => {}
        }
        Ok(Self {
            id,
            kind,
            recipients,
            information,
            given_on,
            written: form.is_written(),
            withdrawn_on: None,
            given_by,
        })
    }

    /// A consent to keep information, given by the person.
    pub fn storage(id: ConsentId, given_on: NaiveDate, form: ConsentForm) -> Self {
        Self {
            id,
            kind: ConsentKind::Storage,
            recipients: BTreeSet::new(),
            information: BTreeSet::new(),
            given_on,
            written: form.is_written(),
            withdrawn_on: None,
            given_by: GivenBy::Person,
        }
    }

    /// A consent to share `information` with `recipients`, given by the person.
    ///
    /// # Errors
    ///
    /// [`ConsentError::SharingWithoutScope`] when either list is empty.
    pub fn sharing(
        id: ConsentId,
        recipients: impl IntoIterator<Item = Party>,
        information: impl IntoIterator<Item = Information>,
        given_on: NaiveDate,
        form: ConsentForm,
    ) -> Result<Self, ConsentError> {
        Self::new(id, ConsentKind::Sharing, recipients, information, given_on, form, GivenBy::Person)
    }

    /// Withdraws the consent from `day` on (GDPR art. 7(3)): it is not in force on `day` or later.
    /// Returns the new state; the consent itself is unchanged.
    ///
    /// # Errors
    ///
    /// [`ConsentError::WithdrawnBeforeGiven`] when `day` is before the consent was given;
    /// [`ConsentError::AlreadyWithdrawn`] when it was withdrawn before.
    pub fn withdraw(&self, day: NaiveDate) -> Result<Self, ConsentError> {
        if let Some(withdrawn_on) = self.withdrawn_on {
            return Err(ConsentError::AlreadyWithdrawn { id: self.id.clone(), withdrawn_on });
        }
        if day < self.given_on {
            return Err(ConsentError::WithdrawnBeforeGiven {
                id: self.id.clone(),
                given_on: self.given_on,
                withdrawn_on: day,
            });
        }
        Ok(Self { withdrawn_on: Some(day), ..self.clone() })
    }

    /// Whether the consent is in force on `day`: written, given on or before `day`, not
    /// withdrawn on or before `day`.
    pub fn in_force_on(&self, day: NaiveDate) -> bool {
        self.not_in_force_on(day).is_none()
    }

    /// Why the consent is not in force on `day`, or `None` when it is. The first failing
    /// condition is named, in the order oral, not yet given, withdrawn.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use krisesenter_consent::{Consent, ConsentForm, ConsentId, NotInForce};
    /// let given = NaiveDate::from_ymd_opt(2026, 1, 10).ok_or("date")?;
    /// let c = Consent::storage(ConsentId::try_new("c1")?, given, ConsentForm::Written);
    /// assert_eq!(c.not_in_force_on(given), None);
    /// assert_eq!(c.not_in_force_on(given.pred_opt().ok_or("date")?), Some(NotInForce::NotYetGiven));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn not_in_force_on(&self, day: NaiveDate) -> Option<NotInForce> {
        if !self.written {
            Some(NotInForce::Oral)
        } else if self.given_on > day {
            Some(NotInForce::NotYetGiven)
        } else if self.withdrawn_on.is_some_and(|w| w <= day) {
            Some(NotInForce::Withdrawn)
        } else {
            None
        }
    }

    /// Whether the consent lets `information` go to `party` on `day`: a sharing consent in
    /// force that names both.
    pub fn covers(&self, party: Party, information: Information, day: NaiveDate) -> bool {
        self.kind == ConsentKind::Sharing
            && self.in_force_on(day)
            && self.recipients.contains(&party)
            && self.information.contains(&information)
    }

    /// The id.
    pub fn id(&self) -> &ConsentId {
        &self.id
    }

    /// Storage or sharing.
    pub fn kind(&self) -> ConsentKind {
        self.kind
    }

    /// The recipients (empty for storage).
    pub fn recipients(&self) -> &BTreeSet<Party> {
        &self.recipients
    }

    /// The information categories (empty for storage).
    pub fn information(&self) -> &BTreeSet<Information> {
        &self.information
    }

    /// The day it was given.
    pub fn given_on(&self) -> NaiveDate {
        self.given_on
    }

    /// Whether it was given in writing.
    pub fn written(&self) -> bool {
        self.written
    }

    /// How it was given: in writing or orally.
    pub fn form(&self) -> ConsentForm {
        ConsentForm::from_written(self.written)
    }

    /// The day it was withdrawn, if it was.
    pub fn withdrawn_on(&self) -> Option<NaiveDate> {
        self.withdrawn_on
    }

    /// Who gave it.
    pub fn given_by(&self) -> GivenBy {
        self.given_by
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn id() -> ConsentId {
        ConsentId::try_new("c1").unwrap()
    }

    #[test]
    fn in_force_follows_the_contract() {
        let c = Consent::storage(id(), d(2026, 1, 10), ConsentForm::Written);
        assert!(!c.in_force_on(d(2026, 1, 9)));
        assert!(c.in_force_on(d(2026, 1, 10)));
        let w = c.withdraw(d(2026, 2, 1)).unwrap();
        assert!(w.in_force_on(d(2026, 1, 31)));
        assert!(!w.in_force_on(d(2026, 2, 1)));
        assert!(!Consent::storage(id(), d(2026, 1, 10), ConsentForm::Oral).in_force_on(d(2026, 3, 1)), "oral");
    }

    #[test]
    fn withdrawal_before_given_is_refused() {
        let c = Consent::storage(id(), d(2026, 1, 10), ConsentForm::Written);
        assert!(matches!(c.withdraw(d(2026, 1, 9)), Err(ConsentError::WithdrawnBeforeGiven { .. })));
        let w = c.withdraw(d(2026, 1, 10)).unwrap();
        assert!(matches!(w.withdraw(d(2026, 1, 11)), Err(ConsentError::AlreadyWithdrawn { .. })));
    }

    #[test]
    fn wire_form_is_validated() {
        let ok: Consent = serde_json::from_str(
            r#"{"id":"c1","kind":"sharing","recipients":["police"],"information":["whereabouts"],"given_on":"2026-01-01","written":true,"withdrawn_on":null}"#,
        )
        .unwrap();
        assert!(ok.covers(Party::Police, Information::Whereabouts, d(2026, 1, 1)));
        let bad = r#"{"id":"c1","kind":"storage","recipients":["police"],"information":[],"given_on":"2026-01-01","written":true}"#;
        assert!(serde_json::from_str::<Consent>(bad).is_err());
        let early = r#"{"id":"c1","kind":"storage","recipients":[],"information":[],"given_on":"2026-01-02","written":true,"withdrawn_on":"2026-01-01"}"#;
        assert!(serde_json::from_str::<Consent>(early).is_err());
        let unknown = r#"{"id":"c1","kind":"storage","recipients":[],"information":[],"given_on":"2026-01-02","written":true,"x":1}"#;
        assert!(serde_json::from_str::<Consent>(unknown).is_err());
    }

    /// A consent the person gave serialises without `given_by` (the default); a guardian's
    /// names it.
    ///
    /// Kills `is_person` replaced by `true`/`false` and its `==` replaced by `!=` (record.rs).
    #[test]
    fn given_by_is_written_only_for_a_guardian() {
        let person = Consent::storage(id(), d(2026, 1, 10), ConsentForm::Written);
        let json = serde_json::to_value(&person).unwrap();
        assert!(json.get("given_by").is_none(), "{json}");
        let guardian = Consent::new(
            id(),
            ConsentKind::Sharing,
            [Party::School],
            [Information::Children],
            d(2026, 1, 10),
            ConsentForm::Written,
            GivenBy::Guardian,
        )
        .unwrap();
        let json = serde_json::to_value(&guardian).unwrap();
        assert_eq!(json["given_by"], "guardian");
        assert_eq!(serde_json::from_value::<Consent>(json).unwrap(), guardian);
    }
}
