//! The scenario: the owners and their cost key, the yearly demand, and the alternative models
//! compared. Read from JSON strictly (unknown fields refused, dates exactly `YYYY-MM-DD`),
//! then checked as a whole ([`Scenario::check`]). Its JSON Schema is committed next to this
//! file (`scenario.schema.json`, written by `alternatives-plan --write-schema FILE`).

use std::collections::BTreeSet;

use chrono::NaiveDate;
use krisesenter::core::{Gender, RoomId};
use krisesenter::eligibility::AlternativeId;
use krisesenter::eligibility::{Accepts, AlternativeModel};
use krisesenter::rooms::Inventory;
use krisesenter::stats::{CostKey, Municipality, OwnerMunicipality};
use schemars::JsonSchema;
use serde::Deserialize;
use thiserror::Error;

/// The default scenario: Romerike, three models (its assumptions are in `romerike.md`).
pub(crate) const ROMERIKE: &str = include_str!("romerike.json");

/// A scenario for alternatives-plan.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "AlternativesScenario")]
pub(crate) struct Scenario {
    /// A title for the reports.
    pub(crate) title: String,
    /// The year simulated: 2026 or later, as the duty of an equal alternative applies from
    /// 2026-01-01 (krisesenterlova §3).
    #[schemars(range(min = 2026, max = 2100))]
    pub(crate) year: i32,
    /// Days a person given an alternative waits for a free place before it counts as a gap
    /// (the ordinary stay waits at most 2).
    #[schemars(range(max = 30))]
    pub(crate) wait_days: u8,
    /// The owner municipalities and how they share costs.
    pub(crate) owners: Owners,
    /// The yearly demand: people in the target group refused a stay.
    pub(crate) demand: Demand,
    /// The alternative models compared, each on its own against the baseline (none).
    pub(crate) models: Vec<Model>,
}

/// The owners of the shelter (an IKS) and its cost key.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Owners {
    /// The day the populations were counted.
    #[serde(deserialize_with = "krisesenter::core::date::exact")]
    pub(crate) population_as_of: NaiveDate,
    /// The share of a cost divided by population, in percent; the rest is divided by the nights
    /// each municipality's residents used.
    #[schemars(range(max = 100))]
    pub(crate) population_percent: u8,
    /// The members (at least one).
    #[schemars(length(min = 1))]
    pub(crate) members: Vec<Owner>,
}

/// One owner municipality.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Owner {
    /// Its municipality number (four digits).
    pub(crate) municipality: Municipality,
    /// Its name, for tables.
    pub(crate) name: String,
    /// Its population.
    pub(crate) population: u64,
}

/// Where the demand comes from.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub(crate) enum Demand {
    /// The seeded generator of romerike-year: the first contacts of the year that eligibility
    /// refuses a stay and owes an equal alternative.
    Generator {},
    /// Given figures: groups of people a year, each refused a stay by eligibility.
    Figures(Vec<Group>),
}

/// A group of people in the target group a year, all alike.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Group {
    /// People a year.
    #[schemars(range(max = 1000))]
    pub(crate) per_year: u16,
    /// Their gender.
    pub(crate) gender: Gender,
    /// Children who come along (0 to 4).
    #[schemars(range(max = 4))]
    pub(crate) children: u8,
    /// In active substance use (the stay is refused for it).
    pub(crate) active_substance_use: bool,
    /// With serious mental illness needing health follow-up (staff refuse the stay after the
    /// individual assessment).
    pub(crate) serious_mental_illness: bool,
}

/// One alternative model.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Model {
    /// Its id (the alternative's id for eligibility).
    pub(crate) id: AlternativeId,
    /// Its name in the reports.
    pub(crate) name: String,
    /// The model (workshop 2026).
    pub(crate) model: AlternativeModel,
    /// Whom it accepts (eligibility decides who fits).
    pub(crate) accepts: Accepts,
    /// Places: one person (with any children) per place.
    #[schemars(range(max = 100))]
    pub(crate) places: u16,
    /// An internal unit's rooms, taken from the shelter's inventory (one place per room);
    /// empty for the models outside the shelter.
    pub(crate) rooms: Vec<RoomId>,
    /// Cost of one place for a year, in whole NOK (staff, rent), used or not.
    pub(crate) nok_per_place_year: u64,
    /// Cost of one night a place is used, in whole NOK.
    pub(crate) nok_per_night: u64,
}

/// Why a scenario cannot be used.
#[derive(Debug, Error)]
pub(crate) enum ScenarioError {
    /// Not JSON of the scenario's shape.
    #[error("the scenario is not valid: {0}")]
    Json(String),
    /// A year before the duty.
    #[error("the year must be 2026 to 2100 (the duty of an equal alternative applies from 2026-01-01)")]
    Year,
    /// The waiting limit is too long.
    #[error("wait_days must be at most 30")]
    WaitDays,
    /// The cost key is not a percentage.
    #[error("owners.population_percent must be at most 100")]
    Percent,
    /// No owners, or one twice.
    #[error("owners.members must list each municipality once, at least one")]
    Members,
    /// Too many people in a group.
    #[error("demand group {0}: per_year must be at most 1000 and children at most 4")]
    Group(usize),
    /// A group outside the target group.
    #[error("demand group {0}: active_substance_use or serious_mental_illness must be true")]
    GroupTarget(usize),
    /// No model.
    #[error("the scenario needs at least one model")]
    NoModels,
    /// Two models with one id.
    #[error("model {0}: its id is used by another model")]
    DuplicateModel(usize),
    /// Too many places.
    #[error("model {0}: places must be at most 100")]
    Places(usize),
    /// Rooms do not match the model.
    #[error("model {0}: an internal unit lists one room of the shelter per place, other models none")]
    Rooms(usize),
}

impl Scenario {
    /// Reads and checks a scenario.
    pub(crate) fn from_json(text: &str) -> Result<Self, ScenarioError> {
        let mut de = serde_json::Deserializer::from_str(text);
        let scenario: Scenario = serde_path_to_error::deserialize(&mut de).map_err(|e| {
            // The path and serde's message (which names the expected form, not the value).
            ScenarioError::Json(format!("at {}: {}", e.path(), e.inner()))
        })?;
        scenario.check(&Inventory::romerike())?;
        Ok(scenario)
    }

    /// Checks what the types cannot: the year, the limits, the owners once each, the models'
    /// ids unique, an internal unit's rooms in `inventory` (one per place, each once).
    pub(crate) fn check(&self, inventory: &Inventory) -> Result<(), ScenarioError> {
        if !(2026..=2100).contains(&self.year) {
            return Err(ScenarioError::Year);
        }
        if self.wait_days > 30 {
            return Err(ScenarioError::WaitDays);
        }
        if self.owners.population_percent > 100 {
            return Err(ScenarioError::Percent);
        }
        let members: BTreeSet<Municipality> = self.owners.members.iter().map(|m| m.municipality).collect();
        if members.is_empty() || members.len() != self.owners.members.len() {
            return Err(ScenarioError::Members);
        }
        if let Demand::Figures(groups) = &self.demand {
            for (i, g) in groups.iter().enumerate() {
                if g.per_year > 1000 || g.children > 4 {
                    return Err(ScenarioError::Group(i));
                }
                if !g.active_substance_use && !g.serious_mental_illness {
                    return Err(ScenarioError::GroupTarget(i));
                }
            }
        }
        if self.models.is_empty() {
            return Err(ScenarioError::NoModels);
        }
        let mut ids = BTreeSet::new();
        for (i, m) in self.models.iter().enumerate() {
            if !ids.insert(m.id.clone()) {
                return Err(ScenarioError::DuplicateModel(i));
            }
            if m.places > 100 {
                return Err(ScenarioError::Places(i));
            }
            let rooms: BTreeSet<&RoomId> = m.rooms.iter().collect();
            let fits = match m.model {
                AlternativeModel::InternalUnit => {
                    rooms.len() == m.rooms.len()
                        && m.rooms.len() == usize::from(m.places)
                        && m.rooms.iter().all(|r| inventory.room(r).is_some())
                }
                AlternativeModel::SpecialisedCentre | AlternativeModel::CooperationHousing => m.rooms.is_empty(),
            };
            if !fits {
                return Err(ScenarioError::Rooms(i));
            }
        }
        Ok(())
    }

    /// The owners as the stats crate takes them (names stay here).
    pub(crate) fn members(&self) -> Vec<OwnerMunicipality> {
        self.owners.members.iter().map(|m| OwnerMunicipality::new(m.municipality, "", m.population)).collect()
    }

    /// The IKS cost key.
    pub(crate) const fn cost_key(&self) -> CostKey {
        CostKey::Weighted { population_percent: self.owners.population_percent }
    }
}
