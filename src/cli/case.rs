//! The `case` command (an addition to docs/contract.md): a case's dated events in; its stage,
//! re-establishment phase, stays with their plans and outcome, the steps due on `as_of` and
//! the timeline out (crate `krisesenter-casework`).
//!
//! Events the case cannot take (a date before the previous event, an event on a closed case,
//! a child who is not a member, a phase-3 plan before phase 1) are `invalid_input` with the
//! path of the event, `events[i]`.

use chrono::NaiveDate;
use krisesenter_casework::{
    Case, CaseError, CaseEvent, CasePolicy, CaseStay, NextSteps, Phase, Stage, StayOutcome, next_steps,
};
use schemars::{JsonSchema, Schema};
use serde::{Deserialize, Serialize};

use super::{CliError, Locate};

/// The input of the `case` command: the day to plan for, the shelter's practice deadlines
/// and the case's events in date order.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "CaseRequest")]
struct CaseRequest {
    /// The day the steps are listed for: the law in force that day is applied.
    #[serde(deserialize_with = "krisesenter_core::date::exact")]
    as_of: NaiveDate,
    /// The shelter's practice deadlines; every field has a documented default.
    #[serde(default)]
    policy: CasePolicy,
    /// The case's events, in date order (events of one day in the order they happened).
    events: Vec<CaseEvent>,
}

/// The output of the `case` command.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "CaseResponse")]
struct CaseResponse<'a> {
    /// Where the case stands.
    stage: Stage,
    /// The re-establishment phase reached in the latest stay (seed 004).
    phase: Phase,
    /// Whether the contact has ended.
    closed: bool,
    /// The outcome of the latest ended stay: destination, phase and whether the goal of
    /// re-establishment (a safe home and a follow-up plan with a coordinator) was reached.
    outcome: Option<StayOutcome>,
    /// Every stay of the case with its plans and the children's own tracks.
    stays: &'a [CaseStay],
    /// The steps due and overdue on `as_of`, each with its source (law or practice).
    next_steps: NextSteps,
    /// The events, in order: the case's timeline.
    timeline: &'a [CaseEvent],
}

impl Locate for CaseError {
    fn locate(&self) -> Option<String> {
        self.index().map(|i| format!("events[{i}]"))
    }
}

pub(super) fn run(input: &[u8], out: &mut dyn std::io::Write) -> Result<(), super::RunError> {
    let request = super::parse::<CaseRequest>(input)?;
    let case = Case::replay(&request.events).map_err(|err| CliError::located(&err))?;
    let steps = next_steps(&case, &request.policy, request.as_of);
    super::write_json(
        &CaseResponse {
            stage: case.stage(),
            phase: case.phase(),
            closed: case.is_closed(),
            outcome: case.outcome(),
            stays: case.stays(),
            next_steps: steps,
            timeline: case.events(),
        },
        out,
    )
}

pub(super) fn schema(input: bool) -> Option<Schema> {
    Some(if input { super::schema_of::<CaseRequest>() } else { super::schema_of::<CaseResponse<'static>>() })
}
