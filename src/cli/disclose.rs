//! The `disclose` command: confidentiality, consent-bound sharing and the duties that
//! override them (CONTRACT.md `disclose`, crate `krisesenter-disclosure`).
//!
//! The contract's input document is the domain crate's [`DiscloseInput`] with the day of the
//! decision beside its fields; this module reads it, calls [`disclose`] and locates its
//! errors in the document.

use chrono::NaiveDate;
use krisesenter_disclosure::{
    ChildConcern, Consent, DiscloseError, DiscloseInput, DiscloseInputError, Disclosure, Information, Initiative,
    Party, SeriousOffence, disclose,
};
use schemars::{JsonSchema, Schema};
use serde::Deserialize;

use super::{CliError, Locate};

/// The input of the `disclose` command, exactly as CONTRACT.md spells it: the date of the
/// decision and the request. Deserialising checks the shape and the request's own rules;
/// the date is checked when deciding (a date before 2015-10-01 is a decision error).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(try_from = "RawDocument")]
#[schemars(with = "RawDocument", rename = "DiscloseInput")]
struct DiscloseDocument {
    as_of: NaiveDate,
    input: DiscloseInput,
}

/// The wire form of [`DiscloseDocument`] (CONTRACT.md `disclose` input).
///
/// It repeats the fields of the domain input instead of `#[serde(flatten)]`-ing it, because
/// serde does not support `flatten` together with `deny_unknown_fields`.
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

impl TryFrom<RawDocument> for DiscloseDocument {
    type Error = DiscloseInputError;
    fn try_from(raw: RawDocument) -> Result<Self, Self::Error> {
        let input = DiscloseInput::new(raw.requester, raw.initiative, raw.information)
            .with_consents(raw.consents)?
            .with_child_concern(raw.child_concern)
            .with_child_welfare_order(raw.child_welfare_order)
            .with_serious_offence(raw.serious_offence)
            .with_danger_to_life_or_health(raw.danger_to_life_or_health);
        Ok(Self { as_of: raw.as_of, input })
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

pub(super) fn run(input: &[u8]) -> Result<String, CliError> {
    let document = super::parse::<DiscloseDocument>(input)?;
    let disclosure = disclose(&document.input, document.as_of).map_err(|err| CliError::located(&err))?;
    super::to_json(&disclosure)
}

pub(super) fn schema(input: bool) -> Option<Schema> {
    Some(if input { super::schema_of::<DiscloseDocument>() } else { super::schema_of::<Disclosure>() })
}
