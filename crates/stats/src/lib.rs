//! # krisesenter-stats
//!
//! The annual figures a Norwegian crisis shelter reports (Bufdir's national statistics,
//! DOMAIN.md §6), kept exact and mergeable across shelters, and published without revealing
//! anyone.
//!
//! - Records: one [`Stay`] per person and stay, one [`DayContact`] per contact, with the
//!   coarse, anonymous fields of the JSON contract and nothing else.
//! - [`Aggregate`]: the exact counts of a [`Period`], built from records, merged with the
//!   aggregates of other shelters (a commutative monoid for a fixed period: [`Aggregate::empty`]
//!   is the identity, [`Aggregate::merge`] adds, beds add), with a histogram of lengths of stay
//!   so that the median stays exact. Only aggregates need to travel.
//! - [`report()`]: the figures of docs/contract.md `report` for a [`ReportInput`], as a [`Report`]
//!   read through accessors (`report.stays().adults().female()`).
//! - [`AggregatedInput`]: a report input counted into an [`Aggregate`] as it is read, for
//!   large inputs: a byte-level reader of the plain form ([`AggregatedInput::scan`], by two
//!   threads from 16 MB on) and a serde reader for any other document, each with the report
//!   [`report()`] gives.
//! - [`publish()`]: primary and secondary small-cell suppression (threshold 5 by default), so
//!   that no hidden count can be recomputed from the published ones, as a [`Publication`]
//!   with CSV and Markdown tables using the SSB symbol `:`. The figures are listed once, in
//!   [`Figures::map`]; suppression, publication and rendering all walk that one list.
//! - [`share_costs`]: a budget split among the owner municipalities of an inter-municipal
//!   shelter by population, nights ([`billable_nights`]: opted-out stays are billed too) or a
//!   mix, exact to the øre ([`ROMERIKE_OWNERS`] embedded).
//! - [`STATS_RULES`]: what changed with the law (the right to opt out of statistics,
//!   krisesenterlova §5 a from 2026-01-01), as versioned data.
//!
//! Counting rules (docs/contract.md): a stay counts when it overlaps the period; a stay of someone
//! who opted out of statistics counts only in `excluded_opt_out` (honoured whatever the date:
//! see [`StatsReasonKind::OptedOutOfStatistics`]); residents are stays marked as the person's
//! first this year; nights follow the midnight rule inside the period, an open stay running to
//! the period's end; length of stay counts stays completed inside the period, at least 1 day.
//!
//! # Why no `as_of`
//!
//! The workspace's entry points take the day a decision is made on (`verb(&input, as_of)`,
//! docs/api.md). Statistics decide nothing on a day: a report counts the period its input
//! names, and the same records give the same figures whenever they are counted (a report of
//! 2025 made in 2027 must equal the one made on 1 January 2026). The one dated thing, the
//! version of the law the notes cite, comes from the period too: the notes cite the
//! provisions in force on the period's last day, the day the figures describe. So
//! [`report()`] and [`publish()`] take the input alone. Whether users may opt out at all is
//! asked of [`STATS_RULES`] by whoever records the stays, on the day they record them.
//!
//! This crate does no I/O and reads no clock.
//!
//! # Example
//!
//! ```
//! use chrono::NaiveDate;
//! use krisesenter_stats::{
//!     publish, report, Age, Gender, Period, PersonKind, PublishInput, ReportInput, Stay, StayId, StayPerson,
//! };
//!
//! let year = Period::year(2025)?;
//! let day = |m, d| NaiveDate::from_ymd_opt(2025, m, d).ok_or("date");
//! let mother = StayPerson::new(PersonKind::Adult, Gender::Female, Age::try_new(31)?, "3205".parse()?);
//! let child = StayPerson::new(PersonKind::Child, Gender::Male, Age::try_new(4)?, "3205".parse()?);
//! let stays = vec![
//!     // Check-in 1 August, check-out 5 August: 4 nights.
//!     Stay::try_new(StayId::try_new("s1")?, mother, day(8, 1)?, Some(day(8, 5)?))?,
//!     Stay::try_new(StayId::try_new("s2")?, child, day(8, 1)?, Some(day(8, 5)?))?,
//!     // Still staying at the year's end: the nights run to 31 December.
//!     Stay::try_new(StayId::try_new("s3")?, mother, day(12, 30)?, None)?,
//! ];
//! let report = report(&ReportInput::new(year, 62, stays, vec![]))?;
//! let stays = report.stays();
//! assert_eq!((stays.total(), stays.adults().female(), stays.children()), (3, 2, 1));
//! assert_eq!((report.nights().adults(), report.nights().children()), (6, 4));
//! assert_eq!(report.length_of_stay().median_days(), Some(4.0));
//!
//! // Published, every count below 5 is hidden and listed.
//! let published = publish(&PublishInput::new(report.clone(), 5))?;
//! assert_eq!(published.figures().stays().total(), None);
//! assert!(published.suppressed().iter().any(|p| p == "stays.adults.female"));
//! assert!(published.to_csv().contains("stays.total,:"));
//!
//! // A threshold of 1 would publish ones: refused.
//! assert!(publish(&PublishInput::new(report, 1)).is_err());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]

mod aggregate;
mod cost;
mod publish;
mod reason;
mod record;
mod report;
mod rules;
mod scan;
mod stream;
#[cfg(test)]
mod worked_examples;

pub use aggregate::{Aggregate, AggregateError, MergeError};
pub use cost::{
    CostKey, CostShareError, OwnerMunicipality, ROMERIKE_OWNERS, ROMERIKE_POPULATION_AS_OF, billable_nights,
    share_costs, share_costs_by_use,
};
pub use publish::{
    AdditiveGroup, DEFAULT_THRESHOLD, HIDDEN_SYMBOL, NOT_APPLICABLE_SYMBOL, Publication, PublishError, PublishInput,
    PublishedFigures, additive_groups, cells, publish,
};
pub use reason::StatsReasonKind;
pub use record::{
    AfterStay, ContactMode, DayContact, Municipality, Period, StatsRecordError, Stay, StayPerson, ViolenceTypes,
};
pub use report::{
    Buckets, DayContactCounts, FigureVisitor, Figures, GenderCounts, LengthOfStay, MAX_STAY_DAYS, Nights, PersonCounts,
    RateValue, Report, ReportError, ReportInput, report,
};
pub use rules::{STATS_RULES, StatsRules, may_opt_out};
pub use stream::AggregatedInput;

krisesenter_core::id_type!(
    /// Identifies one person's stay at the shelter.
    StayId
);
/// The core types this crate's API takes and gives, so that one `use` line per crate does.
pub use krisesenter_core::{Age, EnumSet, Gender, PersonKind, Reason, Relation, RuleVersion, Versioned, ViolenceType};
