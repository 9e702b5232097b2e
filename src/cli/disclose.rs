//! The `disclose` command: confidentiality, consent-bound sharing and the duties that
//! override them (docs/contract.md `disclose`, crate `krisesenter-disclosure`).
//!
//! The contract's input document is the domain crate's [`DiscloseInput`] with the day of the
//! decision beside its fields; this module reads it, calls [`disclose`] and locates its
//! errors in the document.

use chrono::NaiveDate;
use krisesenter_disclosure::{
    ChildConcern, Consent, DiscloseError, DiscloseInput, Disclosure, Information, Initiative, Party, SeriousOffence,
    disclose,
};
use schemars::{JsonSchema, Schema};
use serde::Deserialize;

use super::{CliError, Locate};

/// The input of the `disclose` command, exactly as docs/contract.md spells it: the date of the
/// decision and the request. Reading checks the shape and single fields (`invalid_json`);
/// two consents with one id are a rule over the document (`invalid_input` at the second), and
/// a date before 2015-10-01 is a decision error (`invalid_input` at `as_of`).
// It repeats the fields of the domain input instead of `#[serde(flatten)]`-ing it, because
// serde does not support `flatten` together with `deny_unknown_fields`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "DiscloseInput")]
struct RawDocument {
    /// The day the decision is made on; on or after 2015-10-01.
    #[serde(deserialize_with = "krisesenter_core::date::exact")]
    as_of: NaiveDate,
    /// Who asks, or whom staff think of telling on their own initiative.
    requester: Party,
    /// Whether `requester` asked, or staff consider telling on their own initiative.
    initiative: Initiative,
    /// The categories asked for, or thought of passing.
    information: Vec<Information>,
    /// The user's consents, in force or not.
    consents: Vec<Consent>,
    /// What staff believe about a child of the user.
    #[serde(default)]
    child_concern: ChildConcern,
    /// Whether child welfare has ordered information in a case.
    #[serde(default)]
    child_welfare_order: bool,
    /// A feared serious offence.
    #[serde(default)]
    serious_offence: Option<SeriousOffence>,
    /// Whether there is danger to someone's life or health.
    #[serde(default)]
    danger_to_life_or_health: bool,
}

impl RawDocument {
    /// The day of the decision and the domain input.
    ///
    /// # Errors
    ///
    /// `invalid_input` at the second of two consents with one id.
    fn into_parts(self) -> Result<(NaiveDate, DiscloseInput), CliError> {
        let repeated = self
            .consents
            .iter()
            .enumerate()
            .find(|(i, c)| self.consents.iter().take(*i).any(|earlier| earlier.id() == c.id()))
            .map(|(i, _)| i);
        let input = DiscloseInput::new(self.requester, self.initiative, self.information)
            .with_consents(self.consents)
            .map_err(|err| CliError::invalid_input(err, repeated.map(|i| format!("consents[{i}].id")).as_deref()))?
            .with_child_concern(self.child_concern)
            .with_child_welfare_order(self.child_welfare_order)
            .with_serious_offence(self.serious_offence)
            .with_danger_to_life_or_health(self.danger_to_life_or_health);
        Ok((self.as_of, input))
    }
}

impl Locate for DiscloseError {
    fn locate(&self) -> Option<String> {
        match self {
            DiscloseError::BeforePenalCode { .. } => Some("as_of".to_owned()),
            _ => None,
        }
    }
}

pub(super) fn run(input: &[u8], out: &mut dyn std::io::Write) -> Result<(), super::RunError> {
    let (as_of, input) = super::parse::<RawDocument>(input)?.into_parts()?;
    let disclosure = disclose(&input, as_of).map_err(|err| CliError::located(&err))?;
    super::write_json(&disclosure, out)
}

pub(super) fn schema(input: bool) -> Option<Schema> {
    Some(if input { super::schema_of::<RawDocument>() } else { super::schema_of::<Disclosure>() })
}
