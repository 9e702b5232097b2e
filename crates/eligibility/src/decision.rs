//! The library recommends; staff decide. A [`StaffDecision`] records the recommendation, the
//! final outcome, who decided and, when they differ, why.

use crate::StaffId;
use krisesenter_core::Redacted;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::offer::ResidentialOutcome;

krisesenter_core::wire_enum!(
    /// The final outcome for a stay, as staff decide it: an individual assessment must end in
    /// one of these.
    pub enum FinalOutcome {
        /// The stay is offered.
        Offered => "offered",
        /// The stay is not offered.
        NotOffered => "not_offered",
    }
);

/// Why a decision cannot be recorded.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum DecisionError {
    /// The final outcome departs from the recommendation (or concludes an individual
    /// assessment) and no justification was given.
    #[error("staff decided otherwise than the recommendation without a justification")]
    MissingJustification {
        /// The recommendation.
        recommended: ResidentialOutcome,
        /// The final outcome.
        decided: FinalOutcome,
        /// Who decided.
        decided_by: StaffId,
    },
}

/// A staff decision on a stay.
///
/// A final outcome that departs from the recommendation must carry a justification; so must
/// the conclusion of an individual assessment, which is the assessment staff were asked to
/// make. The justification is free text and personal data: `Debug` redacts it.
///
/// # Example
///
/// ```
/// use krisesenter_eligibility::StaffId;
/// use krisesenter_eligibility::{StaffDecision, DecisionError, FinalOutcome, ResidentialOutcome};
///
/// let staff = StaffId::try_new("staff-7")?;
/// let agreed = StaffDecision::new(ResidentialOutcome::Offered, FinalOutcome::Offered, staff.clone(), None)?;
/// assert!(!agreed.departs());
///
/// let departed = StaffDecision::new(
///     ResidentialOutcome::Offered,
///     FinalOutcome::NotOffered,
///     staff.clone(),
///     Some("Utøveren kjenner adressen".into()),
/// )?;
/// assert!(departed.departs());
/// assert!(!format!("{departed:?}").contains("adressen"));
///
/// // Departing without a justification is refused.
/// let err = StaffDecision::new(ResidentialOutcome::Offered, FinalOutcome::NotOffered, staff, None);
/// assert!(matches!(err, Err(DecisionError::MissingJustification { .. })));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(try_from = "RawDecision")]
pub struct StaffDecision {
    recommendation: ResidentialOutcome,
    final_outcome: FinalOutcome,
    decided_by: StaffId,
    #[serde(skip_serializing_if = "Option::is_none")]
    justification: Option<Redacted<String>>,
}

/// The wire form of a [`StaffDecision`], before validation.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "StaffDecision")]
struct RawDecision {
    recommendation: ResidentialOutcome,
    final_outcome: FinalOutcome,
    decided_by: StaffId,
    #[serde(default)]
    justification: Option<Redacted<String>>,
}

impl TryFrom<RawDecision> for StaffDecision {
    type Error = DecisionError;
    fn try_from(raw: RawDecision) -> Result<Self, Self::Error> {
        StaffDecision::new(
            raw.recommendation,
            raw.final_outcome,
            raw.decided_by,
            raw.justification.map(Redacted::into_inner),
        )
    }
}

impl StaffDecision {
    /// Records a decision. A justification that is empty or only whitespace counts as none.
    ///
    /// # Errors
    ///
    /// [`DecisionError::MissingJustification`] when the final outcome departs from the
    /// recommendation, or concludes an individual assessment, without a justification.
    pub fn new(
        recommendation: ResidentialOutcome,
        final_outcome: FinalOutcome,
        decided_by: StaffId,
        justification: Option<String>,
    ) -> Result<Self, DecisionError> {
        let justification = justification.filter(|j| !j.trim().is_empty()).map(Redacted::new);
        let departs = departs(recommendation, final_outcome);
        if departs && justification.is_none() {
            return Err(DecisionError::MissingJustification {
                recommended: recommendation,
                decided: final_outcome,
                decided_by,
            });
        }
        Ok(Self { recommendation, final_outcome, decided_by, justification })
    }

    /// The library's recommendation.
    pub const fn recommendation(&self) -> ResidentialOutcome {
        self.recommendation
    }

    /// What staff decided.
    pub const fn final_outcome(&self) -> FinalOutcome {
        self.final_outcome
    }

    /// Who decided.
    pub fn decided_by(&self) -> &StaffId {
        &self.decided_by
    }

    /// Why, when given (personal data).
    pub fn justification(&self) -> Option<&Redacted<String>> {
        self.justification.as_ref()
    }

    /// Whether the final outcome is not simply the recommendation (so a justification was required).
    pub const fn departs(&self) -> bool {
        departs(self.recommendation, self.final_outcome)
    }
}

const fn departs(recommendation: ResidentialOutcome, final_outcome: FinalOutcome) -> bool {
    !matches!(
        (recommendation, final_outcome),
        (ResidentialOutcome::Offered, FinalOutcome::Offered)
            | (ResidentialOutcome::NotOffered, FinalOutcome::NotOffered)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn staff() -> StaffId {
        StaffId::try_new("s1").unwrap()
    }

    #[test]
    fn every_departure_needs_a_justification() {
        use FinalOutcome as F;
        use ResidentialOutcome as Rec;
        for (rec, fin, needs) in [
            (Rec::Offered, F::Offered, false),
            (Rec::NotOffered, F::NotOffered, false),
            (Rec::Offered, F::NotOffered, true),
            (Rec::NotOffered, F::Offered, true),
            (Rec::IndividualAssessment, F::Offered, true),
            (Rec::IndividualAssessment, F::NotOffered, true),
        ] {
            assert_eq!(StaffDecision::new(rec, fin, staff(), None).is_err(), needs, "{rec} -> {fin}");
            assert_eq!(StaffDecision::new(rec, fin, staff(), Some("   ".into())).is_err(), needs, "blank");
            let d = StaffDecision::new(rec, fin, staff(), Some("grunn".into())).unwrap();
            assert_eq!(d.departs(), needs);
        }
    }

    #[test]
    fn error_and_debug_never_show_the_justification() {
        let d = StaffDecision::new(
            ResidentialOutcome::Offered,
            FinalOutcome::NotOffered,
            staff(),
            Some("Kari Nordmann bor i Storgata".into()),
        )
        .unwrap();
        let dbg = format!("{d:?}");
        assert!(!dbg.contains("Kari") && dbg.contains("<redacted>"), "{dbg}");
        let err = StaffDecision::new(ResidentialOutcome::Offered, FinalOutcome::NotOffered, staff(), None).unwrap_err();
        assert_eq!(err.to_string(), "staff decided otherwise than the recommendation without a justification");
    }

    #[test]
    fn wire_form_is_validated() {
        let ok: StaffDecision = serde_json::from_str(
            r#"{"recommendation":"offered","final_outcome":"not_offered","decided_by":"s1","justification":"x"}"#,
        )
        .unwrap();
        assert!(ok.departs());
        let json = serde_json::to_value(&ok).unwrap();
        assert_eq!(json["justification"], "x");
        assert!(
            serde_json::from_str::<StaffDecision>(
                r#"{"recommendation":"offered","final_outcome":"not_offered","decided_by":"s1"}"#
            )
            .is_err()
        );
        assert!(
            serde_json::from_str::<StaffDecision>(
                r#"{"recommendation":"offered","final_outcome":"offered","decided_by":"s1","x":1}"#
            )
            .is_err()
        );
    }
}
