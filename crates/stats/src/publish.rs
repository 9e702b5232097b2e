//! Safe publication: primary and secondary small-cell suppression, CSV and Markdown tables.
//!
//! # The model
//!
//! Every count of the report is a *cell* with a path such as `stays.adults.male`. The report
//! holds *additive groups*, equations between cells that anyone can read off the published
//! figures; [`additive_groups`] lists them and docs/invariants.md explains each. Some groups
//! involve a count the report does not show (adult stays with no relation recorded, say); that
//! *residual* is treated as known to an attacker when it is zero (worst case: "every adult has
//! a relation recorded") and as unknown otherwise.
//!
//! Suppression then runs to a fixpoint:
//!
//! 1. primary: every count from 1 to `threshold − 1` is hidden (zeros stay);
//! 2. in a group whose total is published and which has no unknown residual, the hidden
//!    parts together must not be a small count either (1 to `threshold − 1`): otherwise the
//!    smallest published non-zero part (or the total) is hidden too;
//! 3. no hidden cell may be determined by the published cells through the equations: a
//!    hidden cell is determined exactly when its unit vector lies in the row space of the
//!    equations restricted to the unknown cells, which an exact Gauss–Jordan elimination
//!    over the integers decides. While one is determined, the smallest published non-zero
//!    cell of a group that holds it is hidden too.
//!
//! Each round hides one more cell, so the loop ends; it ends safe because a determined hidden
//! cell (non-zero) needs a non-zero published cell in the combination that determines it.
//! Rates and means that would give a hidden count back are hidden with it: `occupancy_rate`
//! with `nights.total`, `median_days` and `mean_days` with `length_of_stay.completed`.
//!
//! The guarantee is the contract's: no hidden cell can be *recomputed exactly*. Published
//! figures still bound hidden cells (a hidden pair's sum is known); that is what secondary
//! suppression in official statistics accepts as well.

use std::collections::{BTreeMap, BTreeSet};

use krisesenter_core::Reasons;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::reason::StatsReasonKind;
use crate::report::{FigureVisitor, Figures, MAX_STAY_DAYS, Report};

/// The threshold the workspace publishes with (romerike-year): counts from 1 to 4 are hidden.
pub const DEFAULT_THRESHOLD: u64 = 5;

/// The SSB symbol for a hidden cell.
pub const HIDDEN_SYMBOL: &str = ":";

/// The SSB symbol for a figure that cannot be given (a median of nothing).
pub const NOT_APPLICABLE_SYMBOL: &str = ".";

/// Why a report cannot be published.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum PublishError {
    /// A threshold below 2 would publish ones, which let a person subtract themself.
    #[error("the threshold must be at least 2")]
    ThresholdTooLow {
        /// The threshold given.
        threshold: u64,
    },
    /// The report's figures do not add up, so it was not made by `report`.
    #[error("the report does not add up in the group {group}")]
    Inconsistent {
        /// The group that does not add up (as docs/invariants.md names it).
        group: &'static str,
    },
    /// A derived figure no report can hold beside the counts it derives from (an occupancy
    /// rate above what the nights allow with one bed, a mean outside its buckets).
    #[error("the report's {figure} cannot be derived from its counts")]
    Impossible {
        /// The figure's path in the report (`occupancy_rate`, `length_of_stay.mean_days`).
        figure: &'static str,
    },
}

/// Reads the threshold and refuses one below 2 while reading: a single-field range, so the
/// committed schema holds it too (`minimum: 2`) and the CLI answers `invalid_json`.
fn threshold_at_least_two<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    let threshold = <u64 as Deserialize>::deserialize(d)?;
    if threshold < 2 {
        return Err(serde::de::Error::custom("the threshold must be at least 2"));
    }
    Ok(threshold)
}

/// The input of docs/contract.md `publish`: a report and the threshold (both required).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct PublishInput {
    /// A report as `report` writes it (its `notes` are not copied: publication writes its own).
    pub report: Report,
    /// Counts from 1 to `threshold − 1` are hidden (at least 2; SSB uses 3, romerike-year 5).
    #[serde(deserialize_with = "threshold_at_least_two")]
    #[schemars(range(min = 2))]
    pub threshold: u64,
}

impl PublishInput {
    /// An input.
    pub fn new(report: Report, threshold: u64) -> Self {
        Self { report, threshold }
    }
}

/// The figures of a report as they may be published: hidden counts are `null`.
pub type PublishedFigures = Figures<Option<u64>, Option<f64>>;

/// A published report (docs/contract.md `publish` output): the report's shape with hidden counts
/// as `null`, the threshold applied, and every hidden path.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(rename = "PublishedReport")]
#[non_exhaustive]
pub struct Publication {
    /// The figures, hidden ones `null`.
    #[serde(flatten)]
    figures: PublishedFigures,
    /// The threshold applied.
    threshold: u64,
    /// The path of every hidden figure, in the order of the report.
    suppressed: Vec<String>,
}

/// One additive group: the sum of `lhs` equals the sum of `rhs` plus, when `residual` names
/// it, a count the report does not show.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AdditiveGroup {
    /// The group's name in docs/invariants.md.
    pub name: &'static str,
    /// Paths on the total side.
    pub lhs: Vec<String>,
    /// Paths on the parts side.
    pub rhs: Vec<String>,
    /// The name of the count not shown, if the parts may not exhaust the total.
    pub residual: Option<&'static str>,
}

fn paths(prefix: &str, names: &[&str]) -> Vec<String> {
    names.iter().map(|n| format!("{prefix}{n}")).collect()
}

const GENDERS: [&str; 4] = ["female", "male", "other", "unknown"];

/// Every additive group of `report`: the equations an outsider can read off published
/// figures (docs/invariants.md lists them).
///
/// # Example
///
/// ```
/// use krisesenter_stats::{additive_groups, Aggregate, Period};
/// let report = Aggregate::empty(Period::year(2025)?).with_beds(62).report();
/// let groups = additive_groups(&report);
/// assert!(groups.iter().any(|g| g.name == "stays" && g.residual.is_none()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn additive_groups(report: &Report) -> Vec<AdditiveGroup> {
    let group = |name, lhs: Vec<String>, rhs: Vec<String>, residual| AdditiveGroup { name, lhs, rhs, residual };
    let adult_stays = paths("stays.adults.", &GENDERS);
    let persons = |p: &str| {
        let mut rhs = paths(&format!("{p}.adults."), &GENDERS);
        rhs.push(format!("{p}.children"));
        rhs
    };
    let mut groups = vec![
        group("stays", vec!["stays.total".into()], persons("stays"), None),
        group("residents", vec!["residents.total".into()], persons("residents"), None),
    ];
    for cell in GENDERS.iter().map(|g| format!("adults.{g}")).chain(["children".to_owned()]) {
        groups.push(group(
            "residents_within_stays",
            vec![format!("stays.{cell}")],
            vec![format!("residents.{cell}")],
            Some("stays that were not the person's first this year"),
        ));
    }
    groups.push(group("nights", vec!["nights.total".into()], paths("nights.", &["adults", "children"]), None));
    groups.push(group(
        "length_of_stay",
        vec!["length_of_stay.completed".into()],
        paths("length_of_stay.buckets.", &["1-7", "8-30", "31-90", "91+"]),
        None,
    ));
    groups.push(group(
        "completed_within_stays",
        vec!["stays.total".into()],
        vec!["length_of_stay.completed".into()],
        Some("stays not completed inside the period"),
    ));
    groups.push(group(
        "municipalities",
        vec!["stays.total".into()],
        report.municipalities.keys().map(|m| format!("municipalities.{m}")).collect(),
        None,
    ));
    groups.push(group(
        "relations",
        adult_stays.clone(),
        report.relations.keys().map(|r| format!("relations.{r}")).collect(),
        Some("adult stays with no relation recorded"),
    ));
    groups.push(group(
        "after_stay",
        adult_stays.clone(),
        report.after_stay.keys().map(|a| format!("after_stay.{}", a.as_str())).collect(),
        Some("adult stays with no destination recorded"),
    ));
    groups.push(group(
        "repeat_stays",
        adult_stays,
        vec!["repeat_stays".into()],
        Some("adult stays of people with no earlier stay"),
    ));
    groups.push(group(
        "day_contacts",
        vec!["day_contacts.total".into()],
        paths("day_contacts.", &["in_person", "phone", "outreach"]),
        None,
    ));
    groups.push(group(
        "interpreter_within_contacts",
        vec!["day_contacts.total".into()],
        vec!["day_contacts.with_interpreter".into()],
        Some("day contacts without an interpreter"),
    ));
    groups
}

/// Every count cell of a report, by path, in the order of the report (the paths `suppressed`
/// uses), as [`Figures::map`] walks them.
///
/// # Example
///
/// ```
/// use krisesenter_stats::{cells, Aggregate, Period};
/// let report = Aggregate::empty(Period::year(2025)?).with_beds(62).report();
/// let paths: Vec<String> = cells(&report).into_iter().map(|(p, _)| p).collect();
/// assert_eq!(paths.first().map(String::as_str), Some("stays.total"));
/// assert!(paths.iter().any(|p| p == "length_of_stay.buckets.91+"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn cells(report: &Report) -> Vec<(String, u64)> {
    let mut cells = Cells(Vec::with_capacity(64));
    report.map(&mut cells);
    cells.0
}

/// Collects the count cells of a report.
struct Cells(Vec<(String, u64)>);

impl FigureVisitor<u64, f64> for Cells {
    type Count = ();
    type Rate = ();
    fn count(&mut self, path: &str, value: u64) {
        self.0.push((path.to_owned(), value));
    }
    fn rate(&mut self, _: &str, _: f64, (): &()) {}
    fn days(&mut self, _: &str, _: Option<f64>, (): &()) -> Option<f64> {
        None
    }
}

/// Publishes the count cells by their position in the walk, hiding those marked, and hides
/// each derived figure with the count it derives from.
struct Hide<'a> {
    hidden: &'a [bool],
    next: usize,
    suppressed: Vec<String>,
}

impl FigureVisitor<u64, f64> for Hide<'_> {
    type Count = Option<u64>;
    type Rate = Option<f64>;
    fn count(&mut self, path: &str, value: u64) -> Option<u64> {
        let hide = self.hidden.get(self.next).copied().unwrap_or(false);
        self.next += 1;
        if hide {
            self.suppressed.push(path.to_owned());
            None
        } else {
            Some(value)
        }
    }
    /// The rate times beds and days gives `nights.total` back: hidden with it.
    fn rate(&mut self, _: &str, value: f64, base: &Option<u64>) -> Option<f64> {
        base.map(|_| value)
    }
    /// The mean and median of a hidden count of stays would describe those few people.
    fn days(&mut self, _: &str, value: Option<f64>, base: &Option<u64>) -> Option<f64> {
        base.and(value)
    }
}

/// Renders published figures as rows of text.
struct Rows(Vec<(String, String)>);

impl Rows {
    /// A real figure: its digits, [`HIDDEN_SYMBOL`] when the count it derives from is hidden,
    /// [`NOT_APPLICABLE_SYMBOL`] when it cannot be given (a median of no stays).
    fn real(&mut self, path: &str, value: Option<f64>, base: &Option<u64>, digits: usize) {
        let text = match value {
            Some(v) => format!("{v:.digits$}"),
            None if base.is_none() => HIDDEN_SYMBOL.to_owned(),
            None => NOT_APPLICABLE_SYMBOL.to_owned(),
        };
        self.0.push((path.to_owned(), text));
    }
}

impl FigureVisitor<Option<u64>, Option<f64>> for Rows {
    type Count = Option<u64>;
    type Rate = ();
    fn count(&mut self, path: &str, value: Option<u64>) -> Option<u64> {
        let text = value.map_or_else(|| HIDDEN_SYMBOL.to_owned(), |v| v.to_string());
        self.0.push((path.to_owned(), text));
        value
    }
    fn rate(&mut self, path: &str, value: Option<f64>, base: &Option<u64>) {
        self.real(path, value, base, 3);
    }
    fn days(&mut self, path: &str, value: Option<f64>, base: &Option<u64>) -> Option<f64> {
        self.real(path, value, base, 1);
        value
    }
}

/// The cells and equations the suppression works on.
struct Table {
    values: Vec<u64>,
    /// Whether the cell is published in the report (false: a residual).
    explicit: Vec<bool>,
    /// Equations: (cell, coefficient); the sum of coefficient × value is zero.
    equations: Vec<Vec<(usize, i128)>>,
    /// For each equation, whether it has a residual cell.
    has_residual: Vec<bool>,
}

impl Table {
    fn build(report: &Report) -> Result<(Self, Vec<String>), PublishError> {
        let cells = cells(report);
        let index: BTreeMap<&str, usize> = cells.iter().enumerate().map(|(i, (p, _))| (p.as_str(), i)).collect();
        let mut values: Vec<u64> = cells.iter().map(|(_, v)| *v).collect();
        let mut explicit = vec![true; values.len()];
        let mut equations = Vec::new();
        let mut has_residual = Vec::new();
        for group in additive_groups(report) {
            let lookup = |p: &String| index.get(p.as_str()).copied();
            let lhs: Vec<usize> = group.lhs.iter().filter_map(lookup).collect();
            let rhs: Vec<usize> = group.rhs.iter().filter_map(lookup).collect();
            let sum = |ids: &[usize]| -> Option<u64> {
                ids.iter().try_fold(0u64, |acc, i| acc.checked_add(values.get(*i).copied().unwrap_or(0)))
            };
            let inconsistent = PublishError::Inconsistent { group: group.name };
            let (l, r) = (sum(&lhs).ok_or(inconsistent.clone())?, sum(&rhs).ok_or(inconsistent.clone())?);
            let mut eq: Vec<(usize, i128)> = lhs.iter().map(|i| (*i, 1)).chain(rhs.iter().map(|i| (*i, -1))).collect();
            match group.residual {
                None if l != r => return Err(inconsistent),
                None => has_residual.push(false),
                Some(_) => {
                    let residual = l.checked_sub(r).ok_or(inconsistent)?;
                    eq.push((values.len(), -1));
                    values.push(residual);
                    explicit.push(false);
                    has_residual.push(true);
                }
            }
            equations.push(eq);
        }
        let paths = cells.into_iter().map(|(p, _)| p).collect();
        Ok((Self { values, explicit, equations, has_residual }, paths))
    }

    fn value(&self, i: usize) -> u64 {
        self.values.get(i).copied().unwrap_or(0)
    }

    /// Whether the attacker does not know the cell: hidden explicit cells and non-zero residuals.
    fn unknown(&self, hidden: &[bool], i: usize) -> bool {
        if self.explicit.get(i).copied().unwrap_or(false) {
            hidden.get(i).copied().unwrap_or(false)
        } else {
            self.value(i) > 0
        }
    }

    /// The smallest published non-zero explicit cell among `candidates` (ties: first in report order).
    fn smallest_published(&self, hidden: &[bool], candidates: impl Iterator<Item = usize>) -> Option<usize> {
        candidates
            .filter(|i| {
                self.explicit.get(*i).copied().unwrap_or(false) && !self.unknown(hidden, *i) && self.value(*i) > 0
            })
            .min_by_key(|i| (self.value(*i), *i))
    }

    /// The next cell to hide, or `None` when the table is safe.
    fn next_to_hide(&self, hidden: &[bool], threshold: u64) -> Option<usize> {
        // Rule 2: in a complete group with its total published, hidden parts must not sum to a small count.
        for (eq, residual) in self.equations.iter().zip(&self.has_residual) {
            if *residual {
                continue;
            }
            let totals_known = eq.iter().filter(|(_, c)| *c > 0).all(|(i, _)| !self.unknown(hidden, *i));
            let hidden_sum: u64 = eq
                .iter()
                .filter(|(i, c)| *c < 0 && self.unknown(hidden, *i))
                .fold(0u64, |acc, (i, _)| acc.saturating_add(self.value(*i)));
            if totals_known && hidden_sum > 0 && hidden_sum < threshold {
                let parts = eq.iter().filter(|(_, c)| *c < 0).map(|(i, _)| *i);
                let totals = eq.iter().filter(|(_, c)| *c > 0).map(|(i, _)| *i);
                if let Some(cell) =
                    self.smallest_published(hidden, parts).or_else(|| self.smallest_published(hidden, totals))
                {
                    return Some(cell);
                }
            }
        }
        // Rule 3: no hidden cell may be determined by the published ones.
        let unknown: Vec<bool> = (0..self.values.len()).map(|i| self.unknown(hidden, i)).collect();
        let determined = determined_cells(&self.equations, &unknown);
        let exposed = (0..self.values.len()).find(|i| {
            self.explicit.get(*i).copied().unwrap_or(false)
                && hidden.get(*i).copied().unwrap_or(false)
                && determined.as_ref().is_none_or(|d| d.contains(i))
        })?;
        let in_groups = self
            .equations
            .iter()
            .filter(|eq| eq.iter().any(|(i, _)| *i == exposed))
            .flat_map(|eq| eq.iter().map(|(i, _)| *i));
        self.smallest_published(hidden, in_groups)
            .or_else(|| self.smallest_published(hidden, self.equations.iter().flatten().map(|(i, _)| *i)))
    }
}

fn gcd(a: i128, b: i128) -> i128 {
    let (mut a, mut b) = (a.unsigned_abs(), b.unsigned_abs());
    while b != 0 {
        (a, b) = (b, a % b);
    }
    i128::try_from(a).unwrap_or(1)
}

/// The unknown cells that the equations determine: those whose unit vector is a row of the
/// reduced row echelon form of the equations restricted to the unknown cells. `None` when the
/// integer arithmetic would overflow (the caller then treats every hidden cell as exposed).
fn determined_cells(equations: &[Vec<(usize, i128)>], unknown: &[bool]) -> Option<BTreeSet<usize>> {
    let columns: Vec<usize> = (0..unknown.len()).filter(|i| unknown.get(*i).copied().unwrap_or(false)).collect();
    let position: BTreeMap<usize, usize> = columns.iter().enumerate().map(|(p, c)| (*c, p)).collect();
    let mut rows: Vec<Vec<i128>> = equations
        .iter()
        .map(|eq| {
            let mut row = vec![0i128; columns.len()];
            for (cell, coef) in eq {
                if let Some(slot) = position.get(cell).and_then(|p| row.get_mut(*p)) {
                    *slot += *coef;
                }
            }
            row
        })
        .filter(|row| row.iter().any(|v| *v != 0))
        .collect();
    let mut rank = 0;
    for col in 0..columns.len() {
        let Some(pivot) =
            (rank..rows.len()).find(|r| rows.get(*r).and_then(|row| row.get(col)).is_some_and(|v| *v != 0))
        else {
            continue;
        };
        rows.swap(rank, pivot);
        let pivot_row = rows.get(rank)?.clone();
        let a = *pivot_row.get(col)?;
        for (r, row) in rows.iter_mut().enumerate() {
            let b = row.get(col).copied().unwrap_or(0);
            if r == rank || b == 0 {
                continue;
            }
            for (x, p) in row.iter_mut().zip(&pivot_row) {
                *x = a.checked_mul(*x)?.checked_sub(b.checked_mul(*p)?)?;
            }
            let g = row.iter().fold(0, |g, v| gcd(g, *v));
            if g > 1 {
                row.iter_mut().for_each(|v| *v /= g);
            }
        }
        rank += 1;
    }
    Some(
        rows.iter()
            .filter_map(|row| {
                let mut nonzero = row.iter().enumerate().filter(|(_, v)| **v != 0);
                match (nonzero.next(), nonzero.next()) {
                    (Some((p, _)), None) => columns.get(p).copied(),
                    _ => None,
                }
            })
            .collect(),
    )
}

/// Which count cells to hide, by their position in the walk of [`Figures::map`].
struct Suppression {
    hidden: Vec<bool>,
    /// Whether a small count was hidden.
    primary: bool,
    /// Whether further cells were hidden to protect the small ones.
    secondary: bool,
}

/// The cells to hide in `report` at `threshold`.
fn suppress(report: &Report, threshold: u64) -> Result<Suppression, PublishError> {
    let (table, paths) = Table::build(report)?;
    let mut hidden: Vec<bool> = (0..table.values.len())
        .map(|i| table.explicit.get(i).copied().unwrap_or(false) && (1..threshold).contains(&table.value(i)))
        .collect();
    let primary = hidden.contains(&true);
    let mut secondary = false;
    // Each round hides one more explicit cell, so at most `paths.len()` rounds.
    for _ in 0..=paths.len() {
        match table.next_to_hide(&hidden, threshold) {
            Some(cell) => {
                if let Some(h) = hidden.get_mut(cell) {
                    *h = true;
                    secondary = true;
                }
            }
            None => break,
        }
    }
    Ok(Suppression { hidden, primary, secondary })
}

/// Publishes the report of `input`: counts from 1 to `threshold − 1` become `null`, then
/// further cells until no hidden count can be recomputed from the published ones (see the
/// module docs); the occupancy rate is hidden with `nights.total`, the median and mean with
/// `length_of_stay.completed`. Zeros stay. `suppressed` lists every hidden count's path in
/// report order.
///
/// No `as_of`: publishing decides nothing dated; its notes cite the law in force on the
/// period's last day.
///
/// # Errors
///
/// [`PublishError::ThresholdTooLow`] below 2; [`PublishError::Inconsistent`] when the report's
/// figures do not add up (it was not made by `report`); [`PublishError::Impossible`] when a
/// derived figure cannot come from its counts (an occupancy rate above the nights over one
/// bed, a median or mean outside the buckets of the completed stays).
///
/// # Example
///
/// ```
/// use krisesenter_stats::{publish, PublishInput, Report};
/// // 20 women, 2 men and 10 children, all from Lillestrøm (a report as a caller may send it).
/// let report: Report = serde_json::from_value(serde_json::json!({
///     "period": {"from": "2025-01-01", "to": "2025-12-31"},
///     "stays": {"total": 32, "adults": {"female": 20, "male": 2, "other": 0, "unknown": 0}, "children": 10},
///     "residents": {"total": 0, "adults": {"female": 0, "male": 0, "other": 0, "unknown": 0}, "children": 0},
///     "excluded_opt_out": 0, "nights": {"total": 0, "adults": 0, "children": 0}, "occupancy_rate": 0.0,
///     "length_of_stay": {"completed": 0, "median_days": null, "mean_days": null,
///                        "buckets": {"1-7": 0, "8-30": 0, "31-90": 0, "91+": 0}},
///     "violence_types": {}, "relations": {}, "municipalities": {"3205": 32}, "after_stay": {},
///     "repeat_stays": 0,
///     "day_contacts": {"total": 0, "in_person": 0, "phone": 0, "outreach": 0, "with_interpreter": 0}
/// }))?;
/// let published = publish(&PublishInput::new(report.clone(), 5))?;
/// // The two men are hidden, and so is the next smallest cell of the group (the children),
/// // since 32 − 20 would give them back.
/// assert_eq!(published.figures().stays().adults().male(), None);
/// assert_eq!(published.figures().stays().children(), None);
/// assert_eq!(published.suppressed(), ["stays.adults.male", "stays.children"]);
///
/// assert!(publish(&PublishInput::new(report, 1)).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn publish(input: &PublishInput) -> Result<Publication, PublishError> {
    let (report, threshold) = (&input.report, input.threshold);
    if threshold < 2 {
        return Err(PublishError::ThresholdTooLow { threshold });
    }
    let los = &report.length_of_stay;
    if los.median_days.is_some() != (los.completed > 0) || los.mean_days.is_some() != (los.completed > 0) {
        return Err(PublishError::Inconsistent { group: "length_of_stay" });
    }
    derived_figures_possible(report)?;
    let suppression = suppress(report, threshold)?;
    let mut hide = Hide { hidden: &suppression.hidden, next: 0, suppressed: Vec::new() };
    let mut figures = report.map(&mut hide);
    // The notes are rebuilt, never copied from the input: every reason is the crate's own.
    let mut notes = Reasons::none(report.period.to());
    notes.insert_if(report.excluded_opt_out > 0, StatsReasonKind::OptedOutOfStatistics);
    notes.insert_if(suppression.primary, StatsReasonKind::SmallCellSuppressed);
    notes.insert_if(suppression.secondary, StatsReasonKind::SecondarySuppression);
    figures.notes = notes.explain();
    Ok(Publication { figures, threshold, suppressed: hide.suppressed })
}

/// The derived figures are ones a report can hold beside its counts: the occupancy rate is 0
/// exactly when there are no nights and at most the nights of the period over one bed (a
/// report has at least one bed); the median and mean lie within the buckets that hold
/// completed stays, and a median is a whole or half number of days.
///
/// # Errors
///
/// [`PublishError::Impossible`] naming the first figure that cannot be derived.
fn derived_figures_possible(report: &Report) -> Result<(), PublishError> {
    let impossible = |figure| Err(PublishError::Impossible { figure });
    let nights = report.nights.total as f64;
    let days = report.period.days() as f64;
    let rate = report.occupancy_rate;
    // A relative margin for the rounding of `nights / (beds × days)`.
    let at_most_one_bed = nights / days * (1.0 + 1e-9);
    if (rate == 0.0) != (report.nights.total == 0) || !rate.is_finite() || rate > at_most_one_bed {
        return impossible("occupancy_rate");
    }
    let los = &report.length_of_stay;
    let b = &los.buckets;
    let buckets = [
        (b.days_1_7, 0.0, 7.0),
        (b.days_8_30, 8.0, 30.0),
        (b.days_31_90, 31.0, 90.0),
        (b.days_91_plus, 91.0, MAX_STAY_DAYS),
    ];
    let filled: Vec<(f64, f64)> =
        buckets.iter().filter(|(count, _, _)| *count > 0).map(|(_, low, high)| (*low, *high)).collect();
    let low = filled.first().map(|(low, _)| *low);
    let high = filled.last().map(|(_, high)| *high);
    let within = |days: Option<f64>| match (days, low, high) {
        (None, _, _) => true,
        (Some(days), Some(low), Some(high)) => days.is_finite() && low <= days && days <= high,
        (Some(_), _, _) => false,
    };
    if !within(los.median_days) || los.median_days.is_some_and(|m| (m * 2.0).fract() != 0.0) {
        return impossible("length_of_stay.median_days");
    }
    if !within(los.mean_days) {
        return impossible("length_of_stay.mean_days");
    }
    Ok(())
}

impl Publication {
    /// The figures, hidden ones `None`.
    pub fn figures(&self) -> &PublishedFigures {
        &self.figures
    }

    /// The threshold applied.
    pub fn threshold(&self) -> u64 {
        self.threshold
    }

    /// The path of every hidden count, in the order of the report.
    pub fn suppressed(&self) -> &[String] {
        &self.suppressed
    }

    /// Every figure as (path, text), in report order: counts as integers, hidden ones as
    /// [`HIDDEN_SYMBOL`] (a rate, median or mean too when the count it derives from is
    /// hidden), a median or mean of no stays as [`NOT_APPLICABLE_SYMBOL`].
    pub fn rows(&self) -> Vec<(String, String)> {
        let f = &self.figures;
        let mut rows = Rows(vec![
            ("period.from".to_owned(), f.period.from().to_string()),
            ("period.to".to_owned(), f.period.to().to_string()),
        ]);
        f.map(&mut rows);
        rows.0
    }

    /// The figures as CSV: a header `figure,value` and one row per figure.
    ///
    /// # Example
    ///
    /// ```
    /// use krisesenter_stats::{publish, Aggregate, Period, PublishInput};
    /// let report = Aggregate::empty(Period::year(2025)?).with_beds(62).report();
    /// let csv = publish(&PublishInput::new(report, 5))?.to_csv();
    /// assert!(csv.starts_with("figure,value\nperiod.from,2025-01-01\n"));
    /// assert!(csv.contains("length_of_stay.median_days,.\n"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_csv(&self) -> String {
        let mut out = String::from("figure,value\n");
        for (path, text) in self.rows() {
            out.push_str(&path);
            out.push(',');
            out.push_str(&text);
            out.push('\n');
        }
        out
    }

    /// The figures as a Markdown table, with a legend of the symbols.
    ///
    /// # Example
    ///
    /// ```
    /// use krisesenter_stats::{publish, Aggregate, Period, PublishInput};
    /// let report = Aggregate::empty(Period::year(2025)?).with_beds(62).report();
    /// let md = publish(&PublishInput::new(report, 3))?.to_markdown();
    /// assert!(md.starts_with("| figure | value |\n|---|---:|\n"));
    /// assert!(md.contains("| stays.total | 0 |"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_markdown(&self) -> String {
        let mut out = String::from("| figure | value |\n|---|---:|\n");
        for (path, text) in self.rows() {
            out.push_str(&format!("| {path} | {text} |\n"));
        }
        out.push_str(&format!(
            "\n`{HIDDEN_SYMBOL}` hidden to protect people (threshold {}); `{NOT_APPLICABLE_SYMBOL}` cannot be given.\n",
            self.threshold
        ));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Three unknown cells x0, x1, x2 and three published totals: t3 = x0 + x1,
    /// t4 = x1 + x2, t5 = x0 + x2 (totals +1, parts −1, as `Table::build` writes them).
    fn triangle() -> Vec<Vec<(usize, i128)>> {
        vec![vec![(3, 1), (0, -1), (1, -1)], vec![(4, 1), (1, -1), (2, -1)], vec![(5, 1), (0, -1), (2, -1)]]
    }

    const UNKNOWN_XS: [bool; 6] = [true, true, true, false, false, false];

    /// Each hidden cell of the triangle is determined, but only by combining all three
    /// equations (x0 = (t3 − t4 + t5) / 2): no single group gives it. A weakened elimination
    /// (rows not combined, the pivot not swapped in, the common factor not divided out, the
    /// coefficients not summed) finds fewer and publishes a recomputable cell. Kills
    /// mutants of `determined_cells` (`+=` to `*=`, `!= 0` to `==`, the elimination's
    /// `checked_mul`/`checked_sub` swapped) and of `gcd`.
    #[test]
    fn determined_cells_combines_equations() {
        assert_eq!(determined_cells(&triangle(), &UNKNOWN_XS), Some(BTreeSet::from([0, 1, 2])));
        // Two equations leave every cell free (x1 = t3 − x0 for any x0).
        let two = triangle().into_iter().take(2).collect::<Vec<_>>();
        assert_eq!(determined_cells(&two, &UNKNOWN_XS), Some(BTreeSet::new()));
        // One equation with one unknown determines it; published cells do not count.
        assert_eq!(determined_cells(&two, &[true, false, false, false, false, false]), Some(BTreeSet::from([0])));
        // Pivots found below the first row: x2 alone, then x0 + x1 with x1 alone.
        let lower = vec![vec![(2, 1), (4, -1)], vec![(0, 1), (1, 1), (3, -1)], vec![(1, 1), (5, -1)]];
        assert_eq!(determined_cells(&lower, &UNKNOWN_XS), Some(BTreeSet::from([0, 1, 2])));
    }

    /// A system whose elimination doubles every row at each step unless the common factor is
    /// divided out: 130 cells, row i is 2·x_i + x_0 + … + x_(i−1), every cell determined. Without
    /// the division the coefficients pass 2^127 and the elimination gives up (`None`, which
    /// would hide every cell). Kills `g > 1` mutated to `g == 1`, `/=` mutated to `*=`, and
    /// `gcd` replaced by 0 or 1 in `determined_cells`.
    #[test]
    fn determined_cells_divides_out_common_factors() {
        let n = 130;
        let equations: Vec<Vec<(usize, i128)>> =
            (0..n).map(|i| (0..i).map(|j| (j, 1)).chain([(i, 2)]).collect()).collect();
        assert_eq!(determined_cells(&equations, &vec![true; n]), Some((0..n).collect()));
    }

    #[test]
    fn gcd_of_signed_values() {
        assert_eq!(gcd(12, -18), 6);
        assert_eq!(gcd(-7, 0), 7);
        assert_eq!(gcd(0, 5), 5);
        assert_eq!(gcd(9, 4), 1);
    }

    /// Rule 3 on a hand-built table: the hidden x0, x1, x2 (3 each, threshold 5) pass rule 2
    /// (each group's hidden parts sum to 6), yet each is determined by the three groups
    /// together, so a published total must be hidden too (the smallest in a group of x0, the
    /// first in report order on a tie); after that nothing is determined. Kills `next_to_hide`
    /// returning `None` and the rule-3 search weakened.
    #[test]
    fn next_to_hide_hides_a_total_of_a_determined_cell() {
        let table = Table {
            values: vec![3, 3, 3, 6, 6, 6],
            explicit: vec![true; 6],
            equations: triangle(),
            has_residual: vec![false; 3],
        };
        let mut hidden = vec![true, true, true, false, false, false];
        assert_eq!(table.next_to_hide(&hidden, 5), Some(3));
        hidden[3] = true;
        assert_eq!(table.next_to_hide(&hidden, 5), None);
        // At threshold 7 the groups' hidden sums (6) are small: rule 2 hides a total first.
        assert_eq!(table.next_to_hide(&[true, true, true, false, false, false], 7), Some(3));
    }

    /// Rule 2 looks only at groups whose total is published: with the total hidden too, a
    /// small sum of hidden parts (1 + 1) tells nothing, and no further cell is hidden when
    /// nothing is determined. Kills the test of a total (`*c > 0`) in `next_to_hide`'s rule 2
    /// mutated to `*c == 0` (every group treated as having its total published).
    #[test]
    fn rule_two_needs_a_published_total() {
        let table = Table {
            values: vec![1, 1, 10, 12],
            explicit: vec![true; 4],
            equations: vec![vec![(0, 1), (1, 1), (2, 1), (3, -1)].into_iter().map(|(i, c)| (i, -c)).collect()],
            has_residual: vec![false],
        };
        assert_eq!(table.next_to_hide(&[true, true, false, true], 5), None);
        // With the total published, the two hidden ones (sum 2) hide the published part.
        assert_eq!(table.next_to_hide(&[true, true, false, false], 5), Some(2));
    }

    /// Rule 2 with every part hidden hides the total: two hidden ones whose published total
    /// is 2 tell that both are 1. Kills the choice of the totals (`*c > 0`) mutated to `*c < 0`.
    #[test]
    fn rule_two_hides_the_total_when_every_part_is_hidden() {
        let table = Table {
            values: vec![1, 1, 2],
            explicit: vec![true; 3],
            equations: vec![vec![(2, 1), (0, -1), (1, -1)]],
            has_residual: vec![false],
        };
        assert_eq!(table.next_to_hide(&[true, true, false], 5), Some(2));
    }

    /// Rule 3 hides a cell of a group that holds the determined cell (x0 is in the groups of
    /// t3 = 6 and t5 = 5, so t5), not the smallest published cell anywhere (t4 = 5 comes
    /// first in report order). Kills `*i == exposed` mutated to `!=` in `next_to_hide`.
    #[test]
    fn rule_three_hides_in_a_group_of_the_determined_cell() {
        let table = Table {
            values: vec![3, 3, 2, 6, 5, 5],
            explicit: vec![true; 6],
            equations: triangle(),
            has_residual: vec![false; 3],
        };
        assert_eq!(table.next_to_hide(&[true, true, true, false, false, false], 4), Some(5));
    }
}
