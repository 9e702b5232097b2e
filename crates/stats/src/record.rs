//! The records the statistics count: one [`Stay`] per person and stay, one [`DayContact`] per
//! visit or conversation, and the [`Period`] a report covers.
//!
//! Records keep only the coarse, anonymous fields the national statistics ask for (kind,
//! gender, age, home municipality, dates, violence types, relation, where the person went):
//! no name, no birth date, no address, no free text. They are validated on construction and
//! on deserialisation, so every value of these types is a valid record.

use krisesenter_core::wire::Rejected;
use std::borrow::Cow;

use crate::StayId;
use chrono::{Datelike, NaiveDate};
use krisesenter_core::{Age, EnumSet, Gender, PersonKind, Relation, ViolenceType};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Why a record or a period is not acceptable. Messages name fields and dates of the
/// period, never a person's data.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum StatsRecordError {
    /// A period whose last day is before its first day.
    #[error("the period ends before it starts")]
    PeriodEndsBeforeStart {
        /// First day given.
        from: NaiveDate,
        /// Last day given.
        to: NaiveDate,
    },
    /// A stay that ends before it starts.
    #[error("check_out is before check_in")]
    CheckOutBeforeCheckIn {
        /// The stay.
        id: StayId,
    },
    /// The person's kind does not match the age (an adult under 18 or a child of 18 or more).
    #[error("the kind does not match the age (an adult is 18 or older, a child under 18)")]
    KindDoesNotMatchAge {
        /// The stay.
        id: StayId,
        /// The kind given.
        kind: PersonKind,
        /// The age given.
        age: u8,
    },
    /// A municipality number that is not four digits.
    #[error("a municipality number must be four digits (such as 3205)")]
    BadMunicipality,
}

/// A report period: every day from `from` to `to`, both included.
///
/// # Example
///
/// ```
/// use krisesenter_stats::Period;
/// let year = Period::year(2025)?;
/// assert_eq!(year.days(), 365);
/// assert!(Period::try_new(year.to(), year.from()).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(try_from = "RawPeriod", deny_unknown_fields)]
pub struct Period {
    from: NaiveDate,
    to: NaiveDate,
}

/// The unchecked wire form of a [`Period`].
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Period")]
struct RawPeriod {
    #[serde(deserialize_with = "krisesenter_core::date::exact")]
    from: NaiveDate,
    #[serde(deserialize_with = "krisesenter_core::date::exact")]
    to: NaiveDate,
}

impl TryFrom<RawPeriod> for Period {
    type Error = Rejected<StatsRecordError>;
    fn try_from(raw: RawPeriod) -> Result<Self, Self::Error> {
        Ok(Self::try_new(raw.from, raw.to)?)
    }
}

impl Period {
    /// The period from `from` to `to`, both included.
    ///
    /// # Errors
    ///
    /// [`StatsRecordError::PeriodEndsBeforeStart`] when `to` is before `from`.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use krisesenter_stats::Period;
    /// let jan = NaiveDate::from_ymd_opt(2025, 1, 1).ok_or("date")?;
    /// let mar = NaiveDate::from_ymd_opt(2025, 3, 31).ok_or("date")?;
    /// assert_eq!(Period::try_new(jan, mar)?.days(), 90);
    /// assert!(Period::try_new(mar, jan).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn try_new(from: NaiveDate, to: NaiveDate) -> Result<Self, StatsRecordError> {
        if to < from {
            return Err(StatsRecordError::PeriodEndsBeforeStart { from, to });
        }
        Ok(Self { from, to })
    }

    /// The calendar year `year`.
    ///
    /// # Errors
    ///
    /// [`StatsRecordError::PeriodEndsBeforeStart`] only for a year outside the dates chrono supports.
    ///
    /// # Example
    ///
    /// ```
    /// let leap = krisesenter_stats::Period::year(2024)?;
    /// assert_eq!(leap.days(), 366);
    /// assert!(krisesenter_stats::Period::year(i32::MAX).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn year(year: i32) -> Result<Self, StatsRecordError> {
        let from = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MAX);
        let to = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MIN);
        Self::try_new(from, to)
    }

    /// The first day.
    pub const fn from(&self) -> NaiveDate {
        self.from
    }

    /// The last day.
    pub const fn to(&self) -> NaiveDate {
        self.to
    }

    /// The number of days, both ends included (at least 1).
    pub fn days(&self) -> u64 {
        krisesenter_core::calendar::days_inclusive(self.from, self.to)
    }

    /// Whether `date` is inside the period.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }
}

/// A Norwegian municipality number: four digits, such as `3205` (Lillestrøm) or `0301` (Oslo).
///
/// # Example
///
/// ```
/// use krisesenter_stats::Municipality;
/// let m: Municipality = "0301".parse()?;
/// assert_eq!(m.to_string(), "0301");
/// assert!("301".parse::<Municipality>().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(into = "String")]
pub struct Municipality(u16);

impl<'de> Deserialize<'de> for Municipality {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Municipality;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a municipality number of four digits")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Municipality, E> {
                s.parse().map_err(E::custom)
            }
        }
        // Parsed from the borrowed string: no allocation per record.
        deserializer.deserialize_str(Visitor)
    }
}

impl Municipality {
    /// The number of distinct municipality numbers (0000 to 9999).
    pub const COUNT: usize = 10_000;

    /// A municipality from its number, 0 to 9999.
    ///
    /// # Errors
    ///
    /// [`StatsRecordError::BadMunicipality`] above 9999.
    ///
    /// # Example
    ///
    /// ```
    /// use krisesenter_stats::Municipality;
    /// assert_eq!(Municipality::try_from_number(3205)?.to_string(), "3205");
    /// assert!(Municipality::try_from_number(10_000).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn try_from_number(number: u16) -> Result<Self, StatsRecordError> {
        if usize::from(number) < Self::COUNT { Ok(Self(number)) } else { Err(StatsRecordError::BadMunicipality) }
    }

    /// A municipality number known at compile time (checked by unit tests; above 9999 clamps).
    pub(crate) const fn from_const(number: u16) -> Self {
        Self(if number < 10_000 { number } else { 9_999 })
    }

    /// The number, 0 to 9999.
    pub const fn number(self) -> u16 {
        self.0
    }
}

impl std::str::FromStr for Municipality {
    type Err = StatsRecordError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.len() != 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(StatsRecordError::BadMunicipality);
        }
        s.parse::<u16>().map_err(|_| StatsRecordError::BadMunicipality).and_then(Self::try_from_number)
    }
}

impl TryFrom<String> for Municipality {
    type Error = StatsRecordError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<Municipality> for String {
    fn from(m: Municipality) -> String {
        m.to_string()
    }
}

impl std::fmt::Display for Municipality {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}", self.0)
    }
}

impl JsonSchema for Municipality {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("Municipality")
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"type": "string", "pattern": "^[0-9]{4}$"})
    }
}

krisesenter_core::wire_enum!(
    /// Where a person went after the stay (the national form's question).
    pub enum AfterStay {
        /// Returned to their own home, now safe (the perpetrator has left).
        ReturnedHomeSafely => "returned_home_safely",
        /// Moved to a new home.
        NewHome => "new_home",
        /// Moved back to the perpetrator.
        ReturnedToPerpetrator => "returned_to_perpetrator",
        /// Moved to another crisis shelter.
        OtherShelter => "other_shelter",
        /// Moved in with family or friends.
        FamilyOrFriends => "family_or_friends",
        /// Somewhere else.
        Other => "other",
        /// Not known.
        Unknown => "unknown",
    }
);

/// A set of violence types (a JSON list on the wire: duplicates in the input collapse, the
/// output is in the contract's order).
///
/// # Example
///
/// ```
/// use krisesenter_stats::{ViolenceType, ViolenceTypes};
/// let set: ViolenceTypes = [ViolenceType::Physical, ViolenceType::Digital, ViolenceType::Physical].into_iter().collect();
/// assert_eq!(set.len(), 2);
/// assert!(set.contains(ViolenceType::Digital));
/// ```
pub type ViolenceTypes = EnumSet<ViolenceType>;

/// The schema of a [`ViolenceTypes`] as the contract has always named it (a list of
/// violence types, `ViolenceTypes` in the schemas).
struct ViolenceTypesSchema;

impl JsonSchema for ViolenceTypesSchema {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("ViolenceTypes")
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        // A set: each type once (the reader refuses a repeat).
        let mut schema = <Vec<ViolenceType>>::json_schema(generator);
        schema.insert("uniqueItems".to_owned(), true.into());
        schema
    }
}

/// The anonymous description of the person a stay belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct StayPerson {
    /// Adult or child; must match the age.
    pub kind: PersonKind,
    /// Gender as the statistics record it.
    pub gender: Gender,
    /// Age in whole years at check-in.
    pub age: Age,
    /// Home municipality.
    pub municipality: Municipality,
}

impl StayPerson {
    /// A person of the given kind, gender, age and home municipality (the kind is checked
    /// against the age when the stay is made).
    pub const fn new(kind: PersonKind, gender: Gender, age: Age, municipality: Municipality) -> Self {
        Self { kind, gender, age, municipality }
    }
}

/// One person's stay at the shelter: one national resident form.
///
/// Built with [`Stay::try_new`] and the `with_*` methods, or deserialised from the contract's
/// JSON, which runs the same checks.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use krisesenter_stats::{Age, Gender, PersonKind, Relation, Stay, StayId, StayPerson, ViolenceType};
///
/// let person = StayPerson::new(PersonKind::Adult, Gender::Female, Age::try_new(34)?, "3205".parse()?);
/// let aug1 = NaiveDate::from_ymd_opt(2025, 8, 1).ok_or("date")?;
/// let aug5 = NaiveDate::from_ymd_opt(2025, 8, 5).ok_or("date")?;
/// let stay = Stay::try_new(StayId::try_new("s1")?, person, aug1, Some(aug5))?
///     .with_violence([ViolenceType::Physical].into_iter().collect())
///     .with_relation(Some(Relation::FormerPartner));
/// assert_eq!(stay.check_out(), Some(aug5));
///
/// // A check-out before the check-in is refused.
/// assert!(Stay::try_new(StayId::try_new("s2")?, person, aug5, Some(aug1)).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(try_from = "RawStay", into = "RawStay")]
#[schemars(with = "RawStay")]
pub struct Stay {
    id: StayId,
    person: StayPerson,
    check_in: NaiveDate,
    check_out: Option<NaiveDate>,
    first_stay_this_year: bool,
    statistics_opt_out: bool,
    violence_types: ViolenceTypes,
    relation: Option<Relation>,
    after_stay: Option<AfterStay>,
    previous_stays: u32,
    /// `check_in` as days from the common era, cached for the aggregation loop.
    pub(crate) check_in_day: i32,
    /// `check_out` as days from the common era, cached for the aggregation loop.
    pub(crate) check_out_day: Option<i32>,
}

/// The wire form of a [`Stay`] (docs/contract.md `report`).
#[derive(Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Stay")]
struct RawStay {
    id: StayId,
    person: StayPerson,
    #[serde(deserialize_with = "krisesenter_core::date::exact")]
    check_in: NaiveDate,
    /// The day of check-out, or null while the person lives at the shelter (required: null is
    /// written, never left out).
    #[serde(deserialize_with = "krisesenter_core::date::exact_or_null")]
    #[schemars(schema_with = "krisesenter_core::wire::required_nullable::<Option<NaiveDate>>")]
    check_out: Option<NaiveDate>,
    first_stay_this_year: bool,
    #[serde(default)]
    statistics_opt_out: bool,
    #[schemars(with = "ViolenceTypesSchema")]
    violence_types: ViolenceTypes,
    /// The relation to the perpetrator, or null (required: null is written, never left out).
    #[serde(deserialize_with = "krisesenter_core::wire::nullable")]
    #[schemars(schema_with = "krisesenter_core::wire::required_nullable::<Option<Relation>>")]
    relation: Option<Relation>,
    /// Where the person went after the stay, or null (required: null is written, never left out).
    #[serde(deserialize_with = "krisesenter_core::wire::nullable")]
    #[schemars(schema_with = "krisesenter_core::wire::required_nullable::<Option<AfterStay>>")]
    after_stay: Option<AfterStay>,
    previous_stays: u32,
}

impl TryFrom<RawStay> for Stay {
    type Error = Rejected<StatsRecordError>;
    fn try_from(raw: RawStay) -> Result<Self, Self::Error> {
        Ok(Stay::try_new(raw.id, raw.person, raw.check_in, raw.check_out)?
            .with_first_stay_this_year(raw.first_stay_this_year)
            .with_statistics_opt_out(raw.statistics_opt_out)
            .with_violence(raw.violence_types)
            .with_relation(raw.relation)
            .with_after_stay(raw.after_stay)
            .with_previous_stays(raw.previous_stays))
    }
}

impl From<Stay> for RawStay {
    fn from(s: Stay) -> Self {
        RawStay {
            id: s.id,
            person: s.person,
            check_in: s.check_in,
            check_out: s.check_out,
            first_stay_this_year: s.first_stay_this_year,
            statistics_opt_out: s.statistics_opt_out,
            violence_types: s.violence_types,
            relation: s.relation,
            after_stay: s.after_stay,
            previous_stays: s.previous_stays,
        }
    }
}

impl Stay {
    /// A stay of `person` from `check_in` to `check_out` (`None` while the person still
    /// lives at the shelter). The stay starts as the person's first this year, not opted
    /// out, with no violence types, relation or destination recorded and no previous stays.
    ///
    /// # Errors
    ///
    /// [`StatsRecordError::CheckOutBeforeCheckIn`], or [`StatsRecordError::KindDoesNotMatchAge`] when
    /// an adult is under 18 or a child 18 or older.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use krisesenter_stats::{Age, Gender, PersonKind, Stay, StayId, StayPerson};
    /// let day = NaiveDate::from_ymd_opt(2025, 3, 1).ok_or("date")?;
    /// let child = StayPerson::new(PersonKind::Child, Gender::Male, Age::try_new(6)?, "3209".parse()?);
    /// assert!(Stay::try_new(StayId::try_new("c1")?, child, day, None).is_ok());
    /// let wrong = StayPerson::new(PersonKind::Child, Gender::Male, Age::try_new(30)?, "3209".parse()?);
    /// assert!(Stay::try_new(StayId::try_new("c2")?, wrong, day, None).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn try_new(
        id: StayId,
        person: StayPerson,
        check_in: NaiveDate,
        check_out: Option<NaiveDate>,
    ) -> Result<Self, StatsRecordError> {
        if check_out.is_some_and(|out| out < check_in) {
            return Err(StatsRecordError::CheckOutBeforeCheckIn { id });
        }
        if person.age.kind() != person.kind {
            return Err(StatsRecordError::KindDoesNotMatchAge { id, kind: person.kind, age: person.age.years() });
        }
        Ok(Self {
            id,
            person,
            check_in,
            check_out,
            first_stay_this_year: true,
            statistics_opt_out: false,
            violence_types: EnumSet::EMPTY,
            relation: None,
            after_stay: None,
            previous_stays: 0,
            check_in_day: check_in.num_days_from_ce(),
            check_out_day: check_out.map(|d| d.num_days_from_ce()),
        })
    }

    /// Sets whether this is the person's first stay this year (residents are counted by it).
    #[must_use]
    pub const fn with_first_stay_this_year(mut self, first: bool) -> Self {
        self.first_stay_this_year = first;
        self
    }

    /// Sets whether the person opted out of statistics (krisesenterlova §5 a).
    #[must_use]
    pub const fn with_statistics_opt_out(mut self, opt_out: bool) -> Self {
        self.statistics_opt_out = opt_out;
        self
    }

    /// Sets the violence types the person tells of.
    #[must_use]
    pub const fn with_violence(mut self, types: ViolenceTypes) -> Self {
        self.violence_types = types;
        self
    }

    /// Sets the relation to the perpetrator (`None`: not recorded).
    #[must_use]
    pub const fn with_relation(mut self, relation: Option<Relation>) -> Self {
        self.relation = relation;
        self
    }

    /// Sets where the person went after the stay (`None`: not recorded or still staying).
    #[must_use]
    pub const fn with_after_stay(mut self, after: Option<AfterStay>) -> Self {
        self.after_stay = after;
        self
    }

    /// Sets the number of earlier stays at a shelter.
    #[must_use]
    pub const fn with_previous_stays(mut self, previous: u32) -> Self {
        self.previous_stays = previous;
        self
    }

    /// The id.
    pub fn id(&self) -> &StayId {
        &self.id
    }

    /// The id, the rest of the stay dropped (a counted stay keeps only its id).
    pub(crate) fn into_id(self) -> StayId {
        self.id
    }

    /// The person.
    pub const fn person(&self) -> &StayPerson {
        &self.person
    }

    /// The first day.
    pub const fn check_in(&self) -> NaiveDate {
        self.check_in
    }

    /// The day of leaving, or `None` while staying.
    pub const fn check_out(&self) -> Option<NaiveDate> {
        self.check_out
    }

    /// Whether this is the person's first stay this year.
    pub const fn first_stay_this_year(&self) -> bool {
        self.first_stay_this_year
    }

    /// Whether the person opted out of statistics.
    pub const fn statistics_opt_out(&self) -> bool {
        self.statistics_opt_out
    }

    /// The violence types.
    pub const fn violence_types(&self) -> ViolenceTypes {
        self.violence_types
    }

    /// The relation to the perpetrator.
    pub const fn relation(&self) -> Option<Relation> {
        self.relation
    }

    /// Where the person went after the stay.
    pub const fn after_stay(&self) -> Option<AfterStay> {
        self.after_stay
    }

    /// The number of earlier stays.
    pub const fn previous_stays(&self) -> u32 {
        self.previous_stays
    }
}

krisesenter_core::wire_enum!(
    /// How a day contact took place.
    pub enum ContactMode {
        /// A visit at the shelter (including accompanying to meetings).
        InPerson => "in_person",
        /// A one-to-one phone conversation.
        Phone => "phone",
        /// Staff travelling out (home visits).
        Outreach => "outreach",
    }
);

/// One contact with the day service or the phone (no person data at all).
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use krisesenter_stats::{ContactMode, DayContact};
/// let c = DayContact::new(NaiveDate::from_ymd_opt(2025, 5, 2).ok_or("date")?, ContactMode::Phone, true);
/// assert!(c.interpreter);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct DayContact {
    /// The day of the contact.
    #[serde(deserialize_with = "krisesenter_core::date::exact")]
    pub date: NaiveDate,
    /// How it took place.
    pub mode: ContactMode,
    /// Whether an interpreter took part.
    pub interpreter: bool,
}

impl DayContact {
    /// A contact on `date`.
    pub const fn new(date: NaiveDate, mode: ContactMode, interpreter: bool) -> Self {
        Self { date, mode, interpreter }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn stay_json_round_trip_and_checks() {
        let json = r#"{"id":"s1","person":{"kind":"adult","gender":"female","age":34,"municipality":"3205"},
            "check_in":"2025-01-03","check_out":"2025-01-20","first_stay_this_year":true,
            "violence_types":["physical","digital"],"relation":"former_partner",
            "after_stay":"new_home","previous_stays":0}"#;
        let stay: Stay = serde_json::from_str(json).unwrap();
        assert_eq!(stay.violence_types().len(), 2);
        let twice = json.replace(r#"["physical","digital"]"#, r#"["physical","physical"]"#);
        assert!(serde_json::from_str::<Stay>(&twice).is_err(), "a set names each type once");
        assert!(!stay.statistics_opt_out());
        let back: Stay = serde_json::from_str(&serde_json::to_string(&stay).unwrap()).unwrap();
        assert_eq!(back, stay);
        let bad = json.replace("2025-01-20", "2025-01-02");
        assert!(serde_json::from_str::<Stay>(&bad).is_err());
        let child = json.replace("\"age\":34", "\"age\":12");
        let err = serde_json::from_str::<Stay>(&child).unwrap_err().to_string();
        assert!(err.starts_with("rejected by the rules: the kind does not match the age"), "{err}");
        assert!(!err.contains("12"), "the message never repeats the age: {err}");
        assert!(serde_json::from_str::<Stay>(&json.replace("3205", "320")).is_err());
        assert!(
            serde_json::from_str::<Stay>(&json.replace("\"previous_stays\"", "\"name\":\"x\",\"previous_stays\""))
                .is_err()
        );
    }

    #[test]
    fn municipality_keeps_leading_zeros() {
        let oslo: Municipality = "0301".parse().unwrap();
        assert_eq!(oslo.number(), 301);
        assert_eq!(serde_json::to_string(&oslo).unwrap(), "\"0301\"");
        assert!("+301".parse::<Municipality>().is_err());
        assert!("03011".parse::<Municipality>().is_err());
    }

    /// The last number is 9999: `try_from_number` refuses 10,000 and `from_const` clamps it.
    /// Kills `<` mutated to `<=` in both.
    #[test]
    fn municipality_numbers_end_at_9999() {
        assert_eq!(Municipality::try_from_number(9_999).map(Municipality::number), Ok(9_999));
        assert_eq!(Municipality::try_from_number(10_000), Err(StatsRecordError::BadMunicipality));
        assert_eq!(Municipality::from_const(9_999).number(), 9_999);
        assert_eq!(Municipality::from_const(10_000).number(), 9_999);
    }

    #[test]
    fn period_days() {
        assert_eq!(Period::try_new(d(2025, 1, 1), d(2025, 1, 1)).unwrap().days(), 1);
        assert!(serde_json::from_str::<Period>(r#"{"from":"2025-02-01","to":"2025-01-01"}"#).is_err());
    }
}
