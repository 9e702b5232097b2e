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
//! - [`Report`]: the figures of CONTRACT.md `report`, derived from an aggregate.
//! - [`publish()`]: primary and secondary small-cell suppression (threshold 5 by default), so
//!   that no hidden count can be recomputed from the published ones, with CSV and Markdown
//!   tables using the SSB symbol `:`.
//! - [`share_costs`]: a budget split among the owner municipalities of an inter-municipal
//!   shelter by population, nights or a mix, exact to the øre ([`ROMERIKE_OWNERS`] embedded).
//!
//! Counting rules (CONTRACT.md): a stay counts when it overlaps the period; a stay of someone
//! who opted out of statistics counts only in `excluded_opt_out` (honoured whatever the date:
//! see [`StatsReasonKind::OptedOutOfStatistics`]); residents are stays marked as the person's
//! first this year; nights follow the midnight rule inside the period, an open stay running to
//! the period's end; length of stay counts stays completed inside the period, at least 1 day.
//!
//! This crate does no I/O and reads no clock.
//!
//! # Example
//!
//! ```
//! use chrono::NaiveDate;
//! use krisesenter_core::{Age, Gender, PersonKind, StayId};
//! use krisesenter_stats::{publish, Aggregate, Period, Stay, StayPerson};
//!
//! let year = Period::year(2025)?;
//! let day = |m, d| NaiveDate::from_ymd_opt(2025, m, d).ok_or("date");
//! let mother = StayPerson::new(PersonKind::Adult, Gender::Female, Age::try_new(31)?, "3205".parse()?);
//! let child = StayPerson::new(PersonKind::Child, Gender::Male, Age::try_new(4)?, "3205".parse()?);
//! let stays = [
//!     // Check-in 1 August, check-out 5 August: 4 nights.
//!     Stay::try_new(StayId::try_new("s1")?, mother, day(8, 1)?, Some(day(8, 5)?))?,
//!     Stay::try_new(StayId::try_new("s2")?, child, day(8, 1)?, Some(day(8, 5)?))?,
//!     // Still staying at the year's end: the nights run to 31 December.
//!     Stay::try_new(StayId::try_new("s3")?, mother, day(12, 30)?, None)?,
//! ];
//! let report = Aggregate::from_records(year, 62, &stays, []).report();
//! assert_eq!((report.stays.total, report.stays.adults.female, report.stays.children), (3, 2, 1));
//! assert_eq!((report.nights.adults, report.nights.children), (6, 4));
//! assert_eq!(report.length_of_stay.median_days, Some(4.0));
//!
//! // Published, every count below 5 is hidden and listed.
//! let published = publish(&report, 5)?;
//! assert_eq!(published.figures.stays.total, None);
//! assert!(published.suppressed.iter().any(|p| p == "stays.adults.female"));
//! assert!(published.to_csv().contains("stays.total,:"));
//!
//! // A threshold of 1 would publish ones: refused.
//! assert!(publish(&report, 1).is_err());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]

mod aggregate;
mod cost;
mod publish;
mod reason;
mod record;
mod report;
#[cfg(test)]
mod worked_examples;

pub use aggregate::{Aggregate, AggregateError, MergeError};
pub use cost::{CostKey, CostShareError, Member, ROMERIKE_OWNERS, ROMERIKE_POPULATION_AS_OF, share_costs};
pub use publish::{
    AdditiveGroup, DEFAULT_THRESHOLD, HIDDEN_SYMBOL, NOT_APPLICABLE_SYMBOL, PublishError, PublishInput,
    PublishedFigures, PublishedReport, additive_groups, cells, publish,
};
pub use reason::StatsReasonKind;
pub use record::{
    AfterStay, ContactMode, DayContact, Municipality, Period, RecordError, Stay, StayPerson, ViolenceTypes,
};
pub use report::{
    Buckets, DayContactCounts, Figures, GenderCounts, LengthOfStay, Nights, PersonCounts, Report, ReportError,
    ReportInput,
};
