//! The `disclose` command: confidentiality, consent-bound sharing and the duties that
//! override them (CONTRACT.md `disclose`, crate `krisesenter-disclosure`).

use krisesenter_disclosure::{DecideError, DiscloseInput, Disclosure};
use schemars::Schema;

use super::CliError;

pub(super) fn run(input: &[u8]) -> Result<String, CliError> {
    let input = super::parse::<DiscloseInput>(input)?;
    let disclosure = input.decide().map_err(|err| {
        let path = match err {
            DecideError::BeforePenalCode { .. } => Some("as_of"),
            _ => None,
        };
        CliError::invalid_input(err, path)
    })?;
    super::to_json(&disclosure)
}

pub(super) fn schema(input: bool) -> Option<Schema> {
    Some(if input { super::schema_of::<DiscloseInput>() } else { super::schema_of::<Disclosure>() })
}
