//! Legal holds: a police case, a court case, a child-welfare case or a complaint stops every
//! disposal of a record while the hold is active.

use crate::HoldId;
use chrono::NaiveDate;
use krisesenter_core::wire::Rejected;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thiserror::Error;

krisesenter_core::wire_enum!(
    /// Why a record is held.
    pub enum HoldReason {
        /// The police investigate a case the record may be evidence in.
        PoliceCase => "police_case",
        /// A court case (civil or criminal) the record may be evidence in.
        CourtCase => "court_case",
        /// A child-welfare case that may order information from the shelter.
        ChildWelfareCase => "child_welfare_case",
        /// A complaint about the shelter's handling of the case.
        Complaint => "complaint",
    }
);

/// Why a legal hold is not acceptable.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum HoldError {
    /// A release dated before the hold was placed.
    #[error("a hold is released before it was placed")]
    ReleasedBeforePlaced {
        /// The hold.
        id: HoldId,
        /// The day it was placed.
        placed_on: NaiveDate,
        /// The rejected release day.
        released_on: NaiveDate,
    },
    /// A hold that has already been released.
    #[error("the hold is already released")]
    AlreadyReleased {
        /// The hold.
        id: HoldId,
        /// The day of the earlier release.
        released_on: NaiveDate,
    },
}

/// A legal hold on a record: active from `placed_on` up to (not including) `released_on`.
///
/// While a hold is active, no rule deletes the record (GDPR art. 17(3): erasure does not apply
/// where the data is needed for legal claims or a legal obligation). Several holds may apply
/// to one record; a hold placed after the decision day is not active yet, and a released hold
/// blocks nothing from its release day on.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use krisesenter_consent::{HoldReason, LegalHold};
/// use krisesenter_consent::HoldId;
///
/// let placed = NaiveDate::from_ymd_opt(2026, 1, 5).ok_or("date")?;
/// let hold = LegalHold::new(HoldId::try_new("h1")?, HoldReason::PoliceCase, placed);
/// assert!(hold.active_on(placed));
/// let released = hold.release(NaiveDate::from_ymd_opt(2026, 6, 1).ok_or("date")?)?;
/// assert!(!released.active_on(NaiveDate::from_ymd_opt(2026, 6, 1).ok_or("date")?));
/// // A release dated before the hold was placed is refused.
/// assert!(hold.release(NaiveDate::from_ymd_opt(2026, 1, 4).ok_or("date")?).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(try_from = "HoldInput")]
#[non_exhaustive]
pub struct LegalHold {
    id: HoldId,
    reason: HoldReason,
    placed_on: NaiveDate,
    released_on: Option<NaiveDate>,
}

/// The wire form of a legal hold, before validation.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "LegalHold")]
struct HoldInput {
    id: HoldId,
    reason: HoldReason,
    #[serde(deserialize_with = "krisesenter_core::date::exact")]
    placed_on: NaiveDate,
    #[serde(default, deserialize_with = "krisesenter_core::date::exact_or_null")]
    released_on: Option<NaiveDate>,
}

impl TryFrom<HoldInput> for LegalHold {
    type Error = Rejected<HoldError>;
    fn try_from(raw: HoldInput) -> Result<Self, Self::Error> {
        let hold = LegalHold::new(raw.id, raw.reason, raw.placed_on);
        match raw.released_on {
            Some(day) => Ok(hold.release(day)?),
            None => Ok(hold),
        }
    }
}

impl LegalHold {
    /// Places a hold from `placed_on`, not yet released.
    pub fn new(id: HoldId, reason: HoldReason, placed_on: NaiveDate) -> Self {
        Self { id, reason, placed_on, released_on: None }
    }

    /// Releases the hold from `day` on: it is not active on `day` or later. Returns the new
    /// state; the hold itself is unchanged. A release on the day the hold was placed means
    /// the hold was never active.
    ///
    /// # Errors
    ///
    /// [`HoldError::ReleasedBeforePlaced`] when `day` is before the hold was placed;
    /// [`HoldError::AlreadyReleased`] when it was released before.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use krisesenter_consent::{HoldError, HoldReason, LegalHold};
    /// use krisesenter_consent::HoldId;
    ///
    /// let placed = NaiveDate::from_ymd_opt(2026, 1, 5).ok_or("date")?;
    /// let hold = LegalHold::new(HoldId::try_new("h1")?, HoldReason::Complaint, placed);
    /// let released = hold.release(placed.succ_opt().ok_or("date")?)?;
    /// assert_eq!(released.released_on(), placed.succ_opt());
    /// let too_early = placed.pred_opt().ok_or("date")?;
    /// assert!(matches!(hold.release(too_early), Err(HoldError::ReleasedBeforePlaced { .. })));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn release(&self, day: NaiveDate) -> Result<Self, HoldError> {
        if let Some(released_on) = self.released_on {
            return Err(HoldError::AlreadyReleased { id: self.id.clone(), released_on });
        }
        if day < self.placed_on {
            return Err(HoldError::ReleasedBeforePlaced {
                id: self.id.clone(),
                placed_on: self.placed_on,
                released_on: day,
            });
        }
        Ok(Self { released_on: Some(day), ..self.clone() })
    }

    /// Whether the hold is active on `day`: placed on or before `day` and not released on or
    /// before `day`.
    pub fn active_on(&self, day: NaiveDate) -> bool {
        // The rule is written once, for the flat register's holds as well.
        crate::schedule::HoldFacts::active_on(self, day)
    }

    /// The id.
    pub fn id(&self) -> &HoldId {
        &self.id
    }

    /// Why the record is held.
    pub fn reason(&self) -> HoldReason {
        self.reason
    }

    /// The first day the hold is active.
    pub fn placed_on(&self) -> NaiveDate {
        self.placed_on
    }

    /// The day the hold was released (the first day it is no longer active), if it was.
    pub fn released_on(&self) -> Option<NaiveDate> {
        self.released_on
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn hold() -> LegalHold {
        LegalHold::new(HoldId::try_new("h1").unwrap(), HoldReason::CourtCase, d(2026, 1, 5))
    }

    #[test]
    fn active_from_placed_until_released() {
        let h = hold();
        assert!(!h.active_on(d(2026, 1, 4)), "future hold");
        assert!(h.active_on(d(2026, 1, 5)));
        assert!(h.active_on(d(2040, 1, 5)), "open hold");
        let r = h.release(d(2026, 3, 1)).unwrap();
        assert!(r.active_on(d(2026, 2, 28)));
        assert!(!r.active_on(d(2026, 3, 1)));
        let same_day = h.release(d(2026, 1, 5)).unwrap();
        assert!(!same_day.active_on(d(2026, 1, 5)), "released the day it was placed");
    }

    #[test]
    fn release_is_checked() {
        let h = hold();
        assert_eq!(
            h.release(d(2026, 1, 4)),
            Err(HoldError::ReleasedBeforePlaced {
                id: h.id().clone(),
                placed_on: d(2026, 1, 5),
                released_on: d(2026, 1, 4)
            })
        );
        let r = h.release(d(2026, 2, 1)).unwrap();
        assert!(matches!(r.release(d(2026, 2, 2)), Err(HoldError::AlreadyReleased { .. })));
    }

    #[test]
    fn wire_form_is_validated() {
        let ok: LegalHold =
            serde_json::from_str(r#"{"id":"h1","reason":"child_welfare_case","placed_on":"2026-01-05"}"#).unwrap();
        assert_eq!(ok.reason(), HoldReason::ChildWelfareCase);
        assert_eq!(ok.released_on(), None);
        let early = r#"{"id":"h1","reason":"complaint","placed_on":"2026-01-05","released_on":"2026-01-04"}"#;
        assert!(serde_json::from_str::<LegalHold>(early).is_err());
        let unknown = r#"{"id":"h1","reason":"complaint","placed_on":"2026-01-05","note":"x"}"#;
        assert!(serde_json::from_str::<LegalHold>(unknown).is_err());
    }
}
