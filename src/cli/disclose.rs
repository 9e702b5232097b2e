//! The `disclose` command: confidentiality, consent-bound sharing and the duties that
//! override them (CONTRACT.md `disclose`, crate `krisesenter-disclosure`).

use krisesenter_disclosure::{DecideError, DiscloseInput, Disclosure};
use schemars::Schema;

use super::CliError;

/// Every field name of the `disclose` input, at any depth.
const FIELDS: &[&str] = &[
    "as_of",
    "requester",
    "initiative",
    "information",
    "consents",
    "child_concern",
    "child_welfare_order",
    "serious_offence",
    "danger_to_life_or_health",
    "straffeloven_section",
    "likelihood",
    "victim_age",
    "peers_in_age_and_development",
    "id",
    "kind",
    "recipients",
    "given_on",
    "written",
    "withdrawn_on",
    "given_by",
];

pub(super) fn run(input: &[u8]) -> Result<String, CliError> {
    let input = super::parse::<DiscloseInput>(input).map_err(known_path)?;
    let disclosure = input.decide().map_err(|err| {
        let path = match err {
            DecideError::BeforePenalCode { .. } => Some("as_of"),
            _ => None,
        };
        CliError::invalid_input(err, path)
    })?;
    super::to_json(&disclosure)
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
    Some(if input { super::schema_of::<DiscloseInput>() } else { super::schema_of::<Disclosure>() })
}
