//! The report of CONTRACT.md `report`, its input, and the [`Figures`] shape it shares with
//! the published report (where a count may be hidden).

use std::collections::BTreeMap;

use krisesenter_core::{Reason, Relation, ViolenceType};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::aggregate::Aggregate;
use crate::record::{AfterStay, DayContact, Municipality, Period, Stay};

/// Counts of adults by gender.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct GenderCounts<C> {
    /// Women.
    pub female: C,
    /// Men.
    pub male: C,
    /// Another gender.
    pub other: C,
    /// Gender not registered.
    pub unknown: C,
}

/// Counts of people (stays or residents): total, adults by gender, children.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct PersonCounts<C> {
    /// Adults and children.
    pub total: C,
    /// Adults by gender.
    pub adults: GenderCounts<C>,
    /// Children.
    pub children: C,
}

/// Nights by the midnight rule inside the period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Nights<C> {
    /// Adults and children.
    pub total: C,
    /// Adults.
    pub adults: C,
    /// Children.
    pub children: C,
}

/// Completed stays by length in days.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Buckets<C> {
    /// 1 to 7 days.
    #[serde(rename = "1-7")]
    pub days_1_7: C,
    /// 8 to 30 days.
    #[serde(rename = "8-30")]
    pub days_8_30: C,
    /// 31 to 90 days.
    #[serde(rename = "31-90")]
    pub days_31_90: C,
    /// 91 days or more.
    #[serde(rename = "91+")]
    pub days_91_plus: C,
}

/// The bucket a length of `days` falls in.
pub(crate) fn bucket_of<C>(buckets: &mut Buckets<C>, days: u64) -> &mut C {
    match days {
        0..=7 => &mut buckets.days_1_7,
        8..=30 => &mut buckets.days_8_30,
        31..=90 => &mut buckets.days_31_90,
        _ => &mut buckets.days_91_plus,
    }
}

/// Length of completed stays (check-out inside the period), in days, at least 1.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct LengthOfStay<C> {
    /// Stays completed inside the period.
    pub completed: C,
    /// Exact median length (the mean of the two middle values for an even count); null
    /// without completed stays.
    pub median_days: Option<f64>,
    /// Mean length; null without completed stays.
    pub mean_days: Option<f64>,
    /// Completed stays by length.
    pub buckets: Buckets<C>,
}

/// Day contacts inside the period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct DayContactCounts<C> {
    /// Every mode.
    pub total: C,
    /// Visits.
    pub in_person: C,
    /// Phone conversations.
    pub phone: C,
    /// Outreach.
    pub outreach: C,
    /// Contacts with an interpreter.
    pub with_interpreter: C,
}

/// The figures of a period, with counts of type `C` and a rate of type `R`: raw counts
/// (`u64`, `f64`) in a [`Report`], possibly hidden ones (`Option`) in a published report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Figures<C, R> {
    /// The period.
    pub period: Period,
    /// Stays overlapping the period.
    pub stays: PersonCounts<C>,
    /// Residents: stays that were the person's first this year.
    pub residents: PersonCounts<C>,
    /// Stays left out because the person opted out of statistics.
    pub excluded_opt_out: C,
    /// Nights inside the period.
    pub nights: Nights<C>,
    /// Nights / (beds × days in the period).
    pub occupancy_rate: R,
    /// Length of completed stays.
    pub length_of_stay: LengthOfStay<C>,
    /// Adult stays by violence type (a stay may tell of several).
    pub violence_types: BTreeMap<ViolenceType, C>,
    /// Adult stays by relation to the perpetrator.
    pub relations: BTreeMap<Relation, C>,
    /// All stays by home municipality.
    pub municipalities: BTreeMap<Municipality, C>,
    /// Adult stays by where the person went after the stay.
    pub after_stay: BTreeMap<AfterStay, C>,
    /// Adult stays of people with an earlier stay.
    pub repeat_stays: C,
    /// Day contacts.
    pub day_contacts: DayContactCounts<C>,
    /// Notes on the figures (for example stays left out after an opt-out), with the law cited.
    #[serde(default)]
    pub notes: Vec<Reason>,
}

/// The raw report of a period (CONTRACT.md `report` output): exact counts, for the shelter
/// itself and for merging; publish it only through [`crate::publish()`].
pub type Report = Figures<u64, f64>;

/// Why a report input is not acceptable.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ReportError {
    /// A shelter with no beds has no occupancy rate.
    #[error("beds must be at least 1")]
    NoBeds,
    /// Two stays share an id: one stay would count twice.
    #[error("stay id {id} appears more than once (stays[{first}] and stays[{second}])")]
    DuplicateStay {
        /// The id.
        id: krisesenter_core::StayId,
        /// Index of the first stay with the id.
        first: usize,
        /// Index of the second.
        second: usize,
    },
}

impl ReportError {
    /// The contract path of the offending field.
    pub fn path(&self) -> String {
        match self {
            ReportError::NoBeds => "beds".to_owned(),
            ReportError::DuplicateStay { second, .. } => format!("stays[{second}].id"),
        }
    }
}

/// The input of CONTRACT.md `report`: a period, the beds, the stays and the day contacts.
///
/// # Example
///
/// ```
/// let json = r#"{"period": {"from": "2025-01-01", "to": "2025-12-31"}, "beds": 62,
///   "stays": [{"id": "s1", "person": {"kind": "adult", "gender": "female", "age": 34, "municipality": "3205"},
///              "check_in": "2025-08-01", "check_out": "2025-08-05", "first_stay_this_year": true,
///              "violence_types": ["physical"], "relation": "former_partner", "after_stay": "new_home",
///              "previous_stays": 0}],
///   "day_contacts": [{"date": "2025-03-01", "mode": "phone", "interpreter": false}]}"#;
/// let input: krisesenter_stats::ReportInput = serde_json::from_str(json)?;
/// let report = input.report()?;
/// assert_eq!((report.stays.adults.female, report.nights.total, report.day_contacts.phone), (1, 4, 1));
///
/// // No beds, no occupancy rate: refused.
/// let no_beds: krisesenter_stats::ReportInput = serde_json::from_str(&json.replace("62", "0"))?;
/// assert!(no_beds.report().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ReportInput {
    /// The period.
    pub period: Period,
    /// Beds at the shelter (at least 1).
    pub beds: u64,
    /// One record per person and stay.
    pub stays: Vec<Stay>,
    /// One record per day contact.
    pub day_contacts: Vec<DayContact>,
}

impl ReportInput {
    /// An input.
    pub fn new(period: Period, beds: u64, stays: Vec<Stay>, day_contacts: Vec<DayContact>) -> Self {
        Self { period, beds, stays, day_contacts }
    }

    /// Checks the input: at least one bed, no stay id twice.
    ///
    /// # Errors
    ///
    /// [`ReportError`].
    pub fn validate(&self) -> Result<(), ReportError> {
        if self.beds == 0 {
            return Err(ReportError::NoBeds);
        }
        let mut ids: Vec<(&str, usize)> = self.stays.iter().enumerate().map(|(i, s)| (s.id().as_str(), i)).collect();
        ids.sort_unstable();
        if let Some(pair) = ids.windows(2).find(|w| matches!(w, [a, b] if a.0 == b.0))
            && let [(_, i), (_, j)] = pair
        {
            let (first, second) = ((*i).min(*j), (*i).max(*j));
            let id = self.stays.get(second).map(|s| s.id().clone());
            if let Some(id) = id {
                return Err(ReportError::DuplicateStay { id, first, second });
            }
        }
        Ok(())
    }

    /// The aggregate of the input.
    ///
    /// # Errors
    ///
    /// [`ReportError`] when the input is not acceptable (see [`ReportInput::validate`]).
    pub fn aggregate(&self) -> Result<Aggregate, ReportError> {
        self.validate()?;
        Ok(Aggregate::from_records(self.period, self.beds, &self.stays, &self.day_contacts))
    }

    /// The report of the input (CONTRACT.md `report`).
    ///
    /// # Errors
    ///
    /// [`ReportError`] when the input is not acceptable (see [`ReportInput::validate`]).
    pub fn report(&self) -> Result<Report, ReportError> {
        Ok(self.aggregate()?.report())
    }
}
