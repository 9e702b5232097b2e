//! Rules versioned as data: a crate's rule set per version of the law, each later version
//! written as the change from the one before, with its first day and its source, chosen by
//! the day a decision is made on.
//!
//! A crate declares its rule set as a plain `struct` of named behaviour switches and values,
//! and its versions as a `const` slice of [`RuleVersion`]s in date order. A later version is
//! "the previous one plus the difference", written with struct update syntax, so what
//! changed, when and why is read off one place:
//!
//! ```
//! use chrono::NaiveDate;
//! use krisesenter_core::rules::{RuleVersion, Versioned};
//!
//! /// The rules of a toy crate.
//! #[derive(Debug, Clone, Copy, PartialEq, Eq)]
//! struct ToyRules {
//!     /// Whether a refused stay requires an equal alternative (ksl §3, from 2026-01-01).
//!     equal_alternative: bool,
//! }
//!
//! const V2010: ToyRules = ToyRules { equal_alternative: false };
//! const V2026: ToyRules = ToyRules { equal_alternative: true, ..V2010 };
//!
//! const TOY: Versioned<ToyRules> = Versioned::new(&[
//!     RuleVersion::new("2010-01-01", 2010, 1, 1, "LOV-2009-06-19-44", V2010),
//!     RuleVersion::new("2026-01-01", 2026, 1, 1, "LOV-2025-06-20-42", V2026),
//! ]);
//!
//! let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
//! assert!(!TOY.on(day(2025, 12, 31)?).ok_or("none")?.rules().equal_alternative);
//! assert_eq!(TOY.on(day(2026, 1, 1)?).ok_or("none")?.id(), "2026-01-01");
//! assert!(TOY.on(day(2009, 12, 31)?).is_none(), "before the first version nothing applies");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::NaiveDate;

/// One version of a crate's rules: its id, its first day, the source that made it (an
/// amending Act as `LOV-date-number`, or a document), and the rules themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleVersion<R: 'static> {
    id: &'static str,
    in_force_from: NaiveDate,
    source: &'static str,
    rules: R,
}

impl<R> RuleVersion<R> {
    /// A version in force from the given day (an impossible date falls back to the earliest
    /// representable day, which the unit tests of each crate rule out).
    pub const fn new(id: &'static str, year: i32, month: u32, day: u32, source: &'static str, rules: R) -> Self {
        let in_force_from = match NaiveDate::from_ymd_opt(year, month, day) {
            Some(date) => date,
            None => NaiveDate::MIN,
        };
        Self { id, in_force_from, source, rules }
    }

    /// The version's stable id (its first day, by convention), reported with decisions.
    pub const fn id(&self) -> &'static str {
        self.id
    }

    /// The first day the version applies.
    pub const fn in_force_from(&self) -> NaiveDate {
        self.in_force_from
    }

    /// The source that made this version (an amending Act as `LOV-date-number`, or a document).
    pub const fn source(&self) -> &'static str {
        self.source
    }

    /// The rules of this version.
    pub const fn rules(&self) -> &R {
        &self.rules
    }
}

/// Every version of a crate's rules, in date order.
#[derive(Debug, Clone, Copy)]
pub struct Versioned<R: 'static> {
    versions: &'static [RuleVersion<R>],
}

impl<R> Versioned<R> {
    /// The versions, which must be in strictly increasing order of their first day (each
    /// crate's unit tests check it with [`Versioned::is_ordered`]).
    pub const fn new(versions: &'static [RuleVersion<R>]) -> Self {
        Self { versions }
    }

    /// The version in force on `as_of`: the last one whose first day is on or before it;
    /// `None` before the first version.
    pub fn on(&self, as_of: NaiveDate) -> Option<&'static RuleVersion<R>> {
        self.versions.iter().rev().find(|v| v.in_force_from <= as_of)
    }

    /// Every version, oldest first.
    pub const fn versions(&self) -> &'static [RuleVersion<R>] {
        self.versions
    }

    /// Whether the versions are in strictly increasing order of their first day, with
    /// distinct ids and a source each.
    pub fn is_ordered(&self) -> bool {
        self.versions.windows(2).all(|w| matches!(w, [a, b] if a.in_force_from < b.in_force_from && a.id != b.id))
            && self.versions.iter().all(|v| !v.source.is_empty() && v.in_force_from != NaiveDate::MIN)
    }
}
