//! The `assess` command: boevne, the offer for every service and the equal alternative
//! (docs/contract.md `assess`, crate `krisesenter-eligibility`).
//!
//! Single fields are checked while parsing and in the schema (a child of 18 or more, an
//! alternative that accepts no gender): `invalid_json` at the field. Two alternatives with
//! one id, and a day before krisesenterlova took effect (2010-01-01), are rules over the
//! document: `invalid_input` at the second id, or at `as_of`.

use chrono::NaiveDate;
use krisesenter_eligibility::{
    AccompanyingChild, AdaptationNeeds, Alternative, Applicant, AssessError, AssessInput, AssessInputError,
    Observations, Offer, Violence, assess,
};
use schemars::{JsonSchema, Schema};
use serde::Deserialize;

use super::{CliError, Locate};

/// The JSON document of the `assess` command: the date of the assessment and its facts, in
/// one flat object as docs/contract.md spells it.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "The input of the `assess` command (docs/contract.md): the day of the assessment and its facts."
)]
struct AssessRequest {
    /// The day of the assessment: the law in force that day is applied.
    #[serde(deserialize_with = "krisesenter_core::date::exact")]
    as_of: NaiveDate,
    applicant: Applicant,
    #[serde(default)]
    adaptation_needs: AdaptationNeeds,
    #[serde(default)]
    accompanied_by_guardian: bool,
    children: Vec<AccompanyingChild>,
    violence: Violence,
    protection_need: bool,
    observations: Observations,
    /// The municipality's configured alternatives, in order of preference; ids are unique.
    alternatives: Vec<Alternative>,
}

impl AssessRequest {
    /// The domain input (the facts) and the day.
    ///
    /// # Errors
    ///
    /// [`AssessInputError::DuplicateAlternative`] for two alternatives with one id.
    fn into_parts(self) -> Result<(AssessInput, NaiveDate), AssessInputError> {
        let mut input = AssessInput::new(self.applicant, self.violence, self.observations)
            .with_adaptation_needs(self.adaptation_needs)
            .with_children(self.children);
        if self.protection_need {
            input = input.in_need_of_protection();
        }
        if self.accompanied_by_guardian {
            input = input.with_guardian();
        }
        Ok((input.with_alternatives(self.alternatives)?, self.as_of))
    }
}

impl Locate for AssessInputError {
    fn locate(&self) -> Option<String> {
        match self {
            AssessInputError::DuplicateAlternative { second, .. } => Some(format!("alternatives[{second}].id")),
            _ => None,
        }
    }
}

impl Locate for AssessError {
    fn locate(&self) -> Option<String> {
        match self {
            AssessError::BeforeKrisesenterlova { .. } => Some(String::from("as_of")),
            _ => None,
        }
    }
}

pub(super) fn run(input: &[u8], out: &mut dyn std::io::Write) -> Result<(), super::RunError> {
    let (input, as_of) = super::parse::<AssessRequest>(input)?.into_parts().map_err(|err| CliError::located(&err))?;
    let offer = assess(&input, as_of).map_err(|err| CliError::located(&err))?;
    super::write_json(&offer, out)
}

pub(super) fn schema(input: bool) -> Option<Schema> {
    Some(if input { super::schema_of::<AssessRequest>() } else { super::schema_of::<Offer>() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_document_reads_the_contract_shape_into_the_domain_input() {
        let json = br#"{"as_of":"2026-03-01",
          "applicant":{"age":34,"gender":"female","role":"victim"},
          "children":[{"age":5}],
          "violence":{"types":["physical"],"relation":"former_partner"},
          "protection_need":true, "accompanied_by_guardian": true,
          "observations":{"active_substance_use":false,"can_care_for_self":true,"can_care_for_children":true,
            "danger_to_self":false,"danger_to_others":false,"frightening_behaviour":false,
            "serious_mental_illness":false,"needs_health_follow_up":false},
          "alternatives":[{"id":"a","model":"internal_unit","accepts":{"genders":["female"],
            "active_substance_use":true,"serious_mental_illness":false,"children":false}}]}"#;
        let (input, as_of) = super::super::parse::<AssessRequest>(json).unwrap().into_parts().unwrap();
        assert_eq!(as_of, NaiveDate::from_ymd_opt(2026, 3, 1).unwrap());
        assert_eq!(input.children().len(), 1);
        assert!(input.protection_need() && input.accompanied_by_guardian());
        assert_eq!(input.alternatives().len(), 1);
        let child_of_19 = String::from_utf8(json.to_vec()).unwrap().replace("\"age\":5", "\"age\":19");
        assert!(super::super::parse::<AssessRequest>(child_of_19.as_bytes()).is_err());
        let err = AssessError::BeforeKrisesenterlova { as_of };
        assert_eq!(err.locate().as_deref(), Some("as_of"));
    }
}
