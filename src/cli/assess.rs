//! The `assess` command: boevne, the offer for every service and the equal alternative
//! (CONTRACT.md `assess`, crate `krisesenter-eligibility`).
//!
//! Everything the input schema can say (a child of 18 or more, an alternative that accepts
//! no gender, two alternatives with one id) is checked while parsing and answered as
//! `invalid_json` with the path of the field; a day before krisesenterlova took effect
//! (2010-01-01) is a rule the schema cannot express and is answered as `invalid_input` at
//! `as_of`.

use krisesenter_eligibility::{AssessError, AssessRequest, Offer, assess};
use schemars::Schema;

use super::CliError;

/// Every field name of the `assess` input, at any depth.
const FIELDS: &[&str] = &[
    "as_of",
    "applicant",
    "age",
    "gender",
    "role",
    "protected",
    "gender_identity",
    "sexual_orientation",
    "language",
    "religion",
    "disability",
    "cultural_background",
    "adaptation_needs",
    "interpreter",
    "accessible_room",
    "sami",
    "pet",
    "accompanied_by_guardian",
    "children",
    "violence",
    "types",
    "relation",
    "protection_need",
    "observations",
    "active_substance_use",
    "can_care_for_self",
    "can_care_for_children",
    "danger_to_self",
    "danger_to_others",
    "frightening_behaviour",
    "serious_mental_illness",
    "needs_health_follow_up",
    "alternatives",
    "id",
    "model",
    "accepts",
    "genders",
];

pub(super) fn run(input: &[u8]) -> Result<String, CliError> {
    let request = super::parse::<AssessRequest>(input).map_err(known_path)?;
    let offer = assess(request.assessment(), request.as_of()).map_err(|err| {
        let path = match err {
            AssessError::BeforeKrisesenterlova { .. } => Some("as_of"),
            _ => None,
        };
        CliError::invalid_input(err, path)
    })?;
    super::to_json(&offer)
}

/// The path of an unknown field ends in the field's name, which comes from the input: keep
/// only the leading segments that are fields of the contract (with their indices), so the
/// path points at the object holding the unknown field and never repeats input.
fn known_path(err: CliError) -> CliError {
    let Some(path) = err.path() else { return err };
    let known: Vec<&str> = path
        .split('.')
        .take_while(|segment| {
            let name = segment.split('[').next().unwrap_or("");
            let index = segment.get(name.len()..).unwrap_or("");
            FIELDS.contains(&name) && index.chars().all(|c| c.is_ascii_digit() || c == '[' || c == ']')
        })
        .collect();
    let path = (!known.is_empty()).then(|| known.join("."));
    CliError::new(err.kind(), err.message(), path)
}

pub(super) fn schema(input: bool) -> Option<Schema> {
    Some(if input { super::schema_of::<AssessRequest>() } else { super::schema_of::<Offer>() })
}
