//! The `assess` command: boevne, the offer for every service and the equal alternative
//! (CONTRACT.md `assess`, crate `krisesenter-eligibility`).
//!
//! The input types validate themselves while parsing (a child of 18 or more, an alternative
//! that accepts no gender, two alternatives with one id), so those are `invalid_json` with
//! the path of the field; a day before krisesenterlova took effect (2010-01-01) is the one
//! rule `assess` itself refuses, answered as `invalid_input` at `as_of`.

use krisesenter_eligibility::{AssessError, AssessRequest, Offer, assess};
use schemars::Schema;

use super::CliError;

pub(super) fn run(input: &[u8]) -> Result<String, CliError> {
    let request = super::parse::<AssessRequest>(input)?;
    let offer = assess(request.assessment(), request.as_of()).map_err(|err| {
        let path = match err {
            AssessError::BeforeKrisesenterlova { .. } => Some("as_of"),
            _ => None,
        };
        CliError::invalid_input(err, path)
    })?;
    super::to_json(&offer)
}

pub(super) fn schema(input: bool) -> Option<Schema> {
    Some(if input { super::schema_of::<AssessRequest>() } else { super::schema_of::<Offer>() })
}
