//! The report of docs/contract.md `report`, its input and entry point, and the [`Figures`] shape
//! it shares with the published report (where a count may be hidden).
//!
//! [`Figures::map`] is the one list of the figures: the cells suppression works on, the
//! published figures, their rows in CSV and Markdown all walk it, so a figure added to
//! [`Figures`] is covered by every one of them or the crate does not compile.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use krisesenter_core::{Reason, Relation, ViolenceType};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::aggregate::Aggregate;
use crate::record::{AfterStay, DayContact, Municipality, Period, Stay};

/// Declares a struct of figures: private fields (their doc comments are the schema's
/// descriptions) and one accessor per field with the same doc. `val` fields are read by
/// value, `ref` fields by reference.
macro_rules! figures_struct {
    (
        $(#[$meta:meta])*
        pub struct $name:ident<$($g:ident),+> {
            $(
                $(#[doc = $doc:literal])*
                $(#[serde($($serde:tt)*)])*
                $(#[schemars($($schemars:tt)*)])*
                $field:ident : $how:ident $ty:ty
            ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        pub struct $name<$($g),+> {
            $(
                $(#[doc = $doc])*
                $(#[serde($($serde)*)])*
                $(#[schemars($($schemars)*)])*
                pub(crate) $field: $ty,
            )*
        }

        impl<$($g: Copy),+> $name<$($g),+> {
            $( figures_struct!(@get $how, [$($doc)*], $field, $ty); )*
        }
    };
    (@get val, [$($doc:literal)*], $field:ident, $ty:ty) => {
        $(#[doc = $doc])*
        pub fn $field(&self) -> $ty {
            self.$field
        }
    };
    (@get ref, [$($doc:literal)*], $field:ident, $ty:ty) => {
        $(#[doc = $doc])*
        pub fn $field(&self) -> &$ty {
            &self.$field
        }
    };
}

figures_struct! {
    /// Counts of adults by gender.
    #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields)]
    #[non_exhaustive]
    pub struct GenderCounts<C> {
        /// Women.
        female: val C,
        /// Men.
        male: val C,
        /// Another gender.
        other: val C,
        /// Gender not registered.
        unknown: val C,
    }
}

figures_struct! {
    /// Counts of people (stays or residents): total, adults by gender, children.
    #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields)]
    #[non_exhaustive]
    pub struct PersonCounts<C> {
        /// Adults and children.
        total: val C,
        /// Adults by gender.
        adults: ref GenderCounts<C>,
        /// Children.
        children: val C,
    }
}

figures_struct! {
    /// Nights by the midnight rule inside the period.
    #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields)]
    #[non_exhaustive]
    pub struct Nights<C> {
        /// Adults and children.
        total: val C,
        /// Adults.
        adults: val C,
        /// Children.
        children: val C,
    }
}

figures_struct! {
    /// Completed stays by length in days.
    #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields)]
    #[non_exhaustive]
    pub struct Buckets<C> {
        /// 1 to 7 days.
        #[serde(rename = "1-7")]
        days_1_7: val C,
        /// 8 to 30 days.
        #[serde(rename = "8-30")]
        days_8_30: val C,
        /// 31 to 90 days.
        #[serde(rename = "31-90")]
        days_31_90: val C,
        /// 91 days or more.
        #[serde(rename = "91+")]
        days_91_plus: val C,
    }
}

/// The longest stay a report can hold, in days: from the first day of year 0000 to the last
/// of year 9999, the dates of the contract (a single-field range of `median_days` and
/// `mean_days`, in the schema too).
pub const MAX_STAY_DAYS: f64 = 3_652_425.0;

/// Reads a median or mean length of stay: `null`, or 0 to [`MAX_STAY_DAYS`].
fn nullable_days<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    let days = Option::<f64>::deserialize(d)?;
    match days {
        Some(days) if !(0.0..=MAX_STAY_DAYS).contains(&days) => {
            Err(serde::de::Error::custom("a length of stay must be 0 to 3652425 days"))
        }
        _ => Ok(days),
    }
}

/// The value of a rate as read (`f64` in a report, `Option<f64>` where it may be hidden).
pub trait RateValue {
    /// The rate, if it is given.
    fn rate(&self) -> Option<f64>;
}

impl RateValue for f64 {
    fn rate(&self) -> Option<f64> {
        Some(*self)
    }
}

impl RateValue for Option<f64> {
    fn rate(&self) -> Option<f64> {
        *self
    }
}

/// Reads an occupancy rate: never negative (a single-field range, in the schema too).
fn non_negative_rate<'de, D: serde::Deserializer<'de>, R: Deserialize<'de> + RateValue>(d: D) -> Result<R, D::Error> {
    let rate = R::deserialize(d)?;
    match rate.rate() {
        Some(value) if value < 0.0 => Err(serde::de::Error::custom("an occupancy rate must be at least 0")),
        _ => Ok(rate),
    }
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

figures_struct! {
    /// Length of completed stays (check-out inside the period), in days, at least 1.
    #[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields)]
    #[non_exhaustive]
    pub struct LengthOfStay<C> {
        /// Stays completed inside the period.
        completed: val C,
        /// Exact median length (the mean of the two middle values for an even count); null
        /// without completed stays (required: null is written, never left out).
        #[serde(deserialize_with = "nullable_days")]
        #[schemars(schema_with = "krisesenter_core::wire::required_nullable::<Option<f64>>")]
        #[schemars(range(min = 0, max = MAX_STAY_DAYS))]
        median_days: val Option<f64>,
        /// Mean length; null without completed stays (required: null is written, never left out).
        #[serde(deserialize_with = "nullable_days")]
        #[schemars(schema_with = "krisesenter_core::wire::required_nullable::<Option<f64>>")]
        #[schemars(range(min = 0, max = MAX_STAY_DAYS))]
        mean_days: val Option<f64>,
        /// Completed stays by length.
        buckets: ref Buckets<C>,
    }
}

figures_struct! {
    /// Day contacts inside the period.
    #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields)]
    #[non_exhaustive]
    pub struct DayContactCounts<C> {
        /// Every mode.
        total: val C,
        /// Visits.
        in_person: val C,
        /// Phone conversations.
        phone: val C,
        /// Outreach.
        outreach: val C,
        /// Contacts with an interpreter.
        with_interpreter: val C,
    }
}

figures_struct! {
    /// The figures of a period, with counts of type `C` and a rate of type `R`: raw counts
    /// (`u64`, `f64`) in a [`Report`], possibly hidden ones (`Option`) in a published report.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields)]
    #[serde(bound(deserialize = "C: Deserialize<'de>, R: Deserialize<'de> + RateValue"))]
    #[non_exhaustive]
    pub struct Figures<C, R> {
        /// The period.
        period: val Period,
        /// Stays overlapping the period.
        stays: ref PersonCounts<C>,
        /// Residents: stays that were the person's first this year.
        residents: ref PersonCounts<C>,
        /// Stays left out because the person opted out of statistics.
        excluded_opt_out: val C,
        /// Nights inside the period.
        nights: ref Nights<C>,
        /// Nights / (beds × days in the period).
        #[serde(deserialize_with = "non_negative_rate")]
        #[schemars(range(min = 0))]
        occupancy_rate: val R,
        /// Length of completed stays.
        length_of_stay: ref LengthOfStay<C>,
        /// Adult stays by violence type (a stay may tell of several).
        #[schemars(schema_with = "keyed_by::<ViolenceType, C>")]
        violence_types: ref BTreeMap<ViolenceType, C>,
        /// Adult stays by relation to the perpetrator.
        #[schemars(schema_with = "keyed_by::<Relation, C>")]
        relations: ref BTreeMap<Relation, C>,
        /// All stays by home municipality.
        municipalities: ref BTreeMap<Municipality, C>,
        /// Adult stays by where the person went after the stay.
        #[schemars(schema_with = "keyed_by::<AfterStay, C>")]
        after_stay: ref BTreeMap<AfterStay, C>,
        /// Adult stays of people with an earlier stay.
        repeat_stays: val C,
        /// Day contacts.
        day_contacts: ref DayContactCounts<C>,
        /// Notes on the figures (for example stays left out after an opt-out), with the law cited.
        #[serde(default)]
        notes: ref Vec<Reason>,
    }
}

/// The schema of a map keyed by the values of `K` (an enum): the keys are limited to them, as
/// the reader limits them, and every value is a `V`.
fn keyed_by<K: JsonSchema, V: JsonSchema>(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
    let keys = generator.subschema_for::<K>();
    let values = generator.subschema_for::<V>();
    schemars::json_schema!({"type": "object", "propertyNames": keys, "additionalProperties": values})
}

/// Walks the figures of a [`Figures`] in report order, mapping each: the one list of the
/// figures, which suppression, publication and rendering all go through (see
/// [`Figures::map`]).
///
/// A visitor meets three kinds of figure: counts (with their path, such as
/// `stays.adults.male`), the occupancy rate, derived from `nights.total`, and the median and
/// mean length in days, derived from `length_of_stay.completed`; a derived figure is met right
/// after the count it derives from, with what the visitor made of that count.
pub trait FigureVisitor<C, R> {
    /// What a count becomes.
    type Count;
    /// What the occupancy rate becomes.
    type Rate;
    /// The count `value` at `path`.
    fn count(&mut self, path: &str, value: C) -> Self::Count;
    /// The occupancy rate `value` at `path` (`occupancy_rate`), derived from `base`, what
    /// this visitor made of `nights.total`.
    fn rate(&mut self, path: &str, value: R, base: &Self::Count) -> Self::Rate;
    /// A length in days at `path` (`length_of_stay.median_days` or `.mean_days`), derived
    /// from `base`, what this visitor made of `length_of_stay.completed`.
    fn days(&mut self, path: &str, value: Option<f64>, base: &Self::Count) -> Option<f64>;
}

/// A visitor and the path it is at, written into one buffer.
struct Walk<'v, V, C, R> {
    visitor: &'v mut V,
    path: String,
    figures: std::marker::PhantomData<(C, R)>,
}

impl<V: FigureVisitor<C, R>, C: Copy, R> Walk<'_, V, C, R> {
    fn at(&mut self, prefix: &str, name: impl std::fmt::Display) {
        self.path.clear();
        self.path.push_str(prefix);
        // Writing into a String cannot fail.
        let _ = write!(self.path, "{name}");
    }

    fn count(&mut self, prefix: &str, name: impl std::fmt::Display, value: C) -> V::Count {
        self.at(prefix, name);
        self.visitor.count(&self.path, value)
    }

    fn persons(&mut self, prefix: &str, c: &PersonCounts<C>) -> PersonCounts<V::Count> {
        let PersonCounts { total, adults: GenderCounts { female, male, other, unknown }, children } = *c;
        PersonCounts {
            total: self.count(prefix, "total", total),
            adults: GenderCounts {
                female: self.count(prefix, "adults.female", female),
                male: self.count(prefix, "adults.male", male),
                other: self.count(prefix, "adults.other", other),
                unknown: self.count(prefix, "adults.unknown", unknown),
            },
            children: self.count(prefix, "children", children),
        }
    }

    fn map<K: Copy + Ord, N: std::fmt::Display>(
        &mut self,
        prefix: &str,
        map: &BTreeMap<K, C>,
        name: impl Fn(K) -> N,
    ) -> BTreeMap<K, V::Count> {
        map.iter().map(|(k, v)| (*k, self.count(prefix, name(*k), *v))).collect()
    }
}

impl<C: Copy, R: Copy> Figures<C, R> {
    /// The figures with every count, the rate and the lengths in days mapped by `visitor`,
    /// in report order (the order of the contract's JSON and of `suppressed`), and no notes
    /// (each use writes its own).
    ///
    /// This is the one list of the figures: the fields are taken apart exhaustively, so a
    /// figure added to [`Figures`] does not compile until it is walked here, and with it
    /// reaches suppression, publication and rendering alike.
    ///
    /// # Example
    ///
    /// ```
    /// use krisesenter_stats::{Aggregate, FigureVisitor, Period};
    ///
    /// /// Counts every figure and doubles every count.
    /// struct Double(usize);
    /// impl FigureVisitor<u64, f64> for Double {
    ///     type Count = u64;
    ///     type Rate = f64;
    ///     fn count(&mut self, _: &str, value: u64) -> u64 { self.0 += 1; value * 2 }
    ///     fn rate(&mut self, _: &str, value: f64, _: &u64) -> f64 { self.0 += 1; value }
    ///     fn days(&mut self, _: &str, value: Option<f64>, _: &u64) -> Option<f64> { self.0 += 1; value }
    /// }
    /// let report = Aggregate::empty(Period::year(2025)?).with_beds(62).report();
    /// let mut double = Double(0);
    /// let doubled = report.map(&mut double);
    /// assert_eq!(doubled.stays().total(), 0);
    /// // 12 people counts, excluded_opt_out, 3 nights, the rate, completed, median, mean,
    /// // 4 buckets, repeat_stays, 5 day contacts (the maps of this empty report are empty).
    /// assert_eq!(double.0, 30);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn map<V: FigureVisitor<C, R>>(&self, visitor: &mut V) -> Figures<V::Count, V::Rate> {
        // Taken apart exhaustively: a new field is a compile error here until it is walked.
        let Figures {
            period,
            stays,
            residents,
            excluded_opt_out,
            nights,
            occupancy_rate,
            length_of_stay,
            violence_types,
            relations,
            municipalities,
            after_stay,
            repeat_stays,
            day_contacts,
            notes: _,
        } = self;
        let mut w = Walk { visitor, path: String::with_capacity(48), figures: std::marker::PhantomData };
        let stays = w.persons("stays.", stays);
        let residents = w.persons("residents.", residents);
        let excluded_opt_out = w.count("", "excluded_opt_out", *excluded_opt_out);
        let Nights { total, adults, children } = *nights;
        let nights = Nights {
            total: w.count("nights.", "total", total),
            adults: w.count("nights.", "adults", adults),
            children: w.count("nights.", "children", children),
        };
        let occupancy_rate = w.visitor.rate("occupancy_rate", *occupancy_rate, &nights.total);
        let LengthOfStay { completed, median_days, mean_days, buckets } = *length_of_stay;
        let completed = w.count("length_of_stay.", "completed", completed);
        let median_days = w.visitor.days("length_of_stay.median_days", median_days, &completed);
        let mean_days = w.visitor.days("length_of_stay.mean_days", mean_days, &completed);
        let Buckets { days_1_7, days_8_30, days_31_90, days_91_plus } = buckets;
        let buckets = Buckets {
            days_1_7: w.count("length_of_stay.buckets.", "1-7", days_1_7),
            days_8_30: w.count("length_of_stay.buckets.", "8-30", days_8_30),
            days_31_90: w.count("length_of_stay.buckets.", "31-90", days_31_90),
            days_91_plus: w.count("length_of_stay.buckets.", "91+", days_91_plus),
        };
        let violence_types = w.map("violence_types.", violence_types, ViolenceType::as_str);
        let relations = w.map("relations.", relations, Relation::as_str);
        let municipalities = w.map("municipalities.", municipalities, |m| m);
        let after_stay = w.map("after_stay.", after_stay, AfterStay::as_str);
        let repeat_stays = w.count("", "repeat_stays", *repeat_stays);
        let DayContactCounts { total, in_person, phone, outreach, with_interpreter } = *day_contacts;
        let day_contacts = DayContactCounts {
            total: w.count("day_contacts.", "total", total),
            in_person: w.count("day_contacts.", "in_person", in_person),
            phone: w.count("day_contacts.", "phone", phone),
            outreach: w.count("day_contacts.", "outreach", outreach),
            with_interpreter: w.count("day_contacts.", "with_interpreter", with_interpreter),
        };
        Figures {
            period: *period,
            stays,
            residents,
            excluded_opt_out,
            nights,
            occupancy_rate,
            length_of_stay: LengthOfStay { completed, median_days, mean_days, buckets },
            violence_types,
            relations,
            municipalities,
            after_stay,
            repeat_stays,
            day_contacts,
            notes: Vec::new(),
        }
    }
}

/// The raw report of a period (docs/contract.md `report` output): exact counts, for the shelter
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
    #[error("a stay id appears more than once")]
    DuplicateStay {
        /// The id.
        id: crate::StayId,
        /// Index of the first stay with the id.
        first: usize,
        /// Index of the second.
        second: usize,
    },
}

/// The input of docs/contract.md `report`: a period, the beds, the stays and the day contacts.
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
/// let report = krisesenter_stats::report(&input)?;
/// assert_eq!((report.stays().adults().female(), report.nights().total(), report.day_contacts().phone()), (1, 4, 1));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ReportInput {
    /// The period.
    pub period: Period,
    /// Beds at the shelter (at least 1).
    #[serde(deserialize_with = "beds_at_least_one")]
    #[schemars(range(min = 1))]
    pub beds: u64,
    /// One record per person and stay.
    pub stays: Vec<Stay>,
    /// One record per day contact.
    pub day_contacts: Vec<DayContact>,
}

/// Reads `beds` and refuses 0 while reading: a single-field range, in the schema too
/// (`minimum: 1`). [`ReportInput::validate`] checks it again for inputs made in Rust.
pub(crate) fn beds_at_least_one<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    let beds = <u64 as Deserialize>::deserialize(d)?;
    if beds == 0 {
        return Err(serde::de::Error::custom("beds must be at least 1"));
    }
    Ok(beds)
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

    /// The aggregate of the input (what travels to be merged with other shelters').
    ///
    /// # Errors
    ///
    /// [`ReportError`] when the input is not acceptable (see [`ReportInput::validate`]).
    pub fn aggregate(&self) -> Result<Aggregate, ReportError> {
        self.validate()?;
        Ok(Aggregate::from_records(self.period, self.beds, &self.stays, &self.day_contacts))
    }
}

/// The report of `input` (docs/contract.md `report`): every figure of its period.
///
/// No `as_of`: a report counts the period the input names, whatever day it is made on (see
/// the crate documentation).
///
/// # Errors
///
/// [`ReportError::NoBeds`] without beds, [`ReportError::DuplicateStay`] when two stays share
/// an id.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use krisesenter_stats::{report, Age, Gender, Period, PersonKind, ReportInput, Stay, StayId, StayPerson};
///
/// let day = |m, d| NaiveDate::from_ymd_opt(2025, m, d).ok_or("date");
/// let woman = StayPerson::new(PersonKind::Adult, Gender::Female, Age::try_new(34)?, "3205".parse()?);
/// let stay = Stay::try_new(StayId::try_new("s1")?, woman, day(8, 1)?, Some(day(8, 5)?))?;
/// let input = ReportInput::new(Period::year(2025)?, 62, vec![stay.clone()], vec![]);
/// assert_eq!(report(&input)?.nights().total(), 4);
///
/// // The same stay twice would count twice: refused.
/// let twice = ReportInput::new(Period::year(2025)?, 62, vec![stay.clone(), stay], vec![]);
/// assert!(report(&twice).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn report(input: &ReportInput) -> Result<Report, ReportError> {
    Ok(input.aggregate()?.report())
}
