//! Strategies for the types of `krisesenter-core`.

use chrono::NaiveDate;
use krisesenter_core::{
    Age, Citation, ConsentId, Gender, Information, Party, Provision, Redacted, Relation, RoomId, ServiceKind,
    ViolenceType,
};
use proptest::prelude::*;
use proptest::sample::select;

/// Any [`Gender`].
pub fn gender() -> impl Strategy<Value = Gender> {
    select(Gender::ALL)
}

/// Any [`ViolenceType`].
pub fn violence_type() -> impl Strategy<Value = ViolenceType> {
    select(ViolenceType::ALL)
}

/// Any [`Relation`].
pub fn relation() -> impl Strategy<Value = Relation> {
    select(Relation::ALL)
}

/// Any [`Party`].
pub fn party() -> impl Strategy<Value = Party> {
    select(Party::ALL)
}

/// Any [`Information`] category.
pub fn information() -> impl Strategy<Value = Information> {
    select(Information::ALL)
}

/// Any [`ServiceKind`].
pub fn service_kind() -> impl Strategy<Value = ServiceKind> {
    select(ServiceKind::ALL)
}

/// Any [`Provision`].
pub fn provision() -> impl Strategy<Value = Provision> {
    select(Provision::ALL)
}

/// A civil date in the years `from..=to` (every day of those years is reachable).
pub fn date_between(from: i32, to: i32) -> impl Strategy<Value = NaiveDate> {
    let start = NaiveDate::from_ymd_opt(from, 1, 1).unwrap_or(NaiveDate::MIN);
    let end = NaiveDate::from_ymd_opt(to, 12, 31).unwrap_or(start);
    let span = end.signed_duration_since(start).num_days().max(0);
    (0..=span).prop_map(move |offset| start + chrono::Duration::days(offset))
}

/// A date from 2015 to 2035, the span the workspace's rules change within.
pub fn date() -> impl Strategy<Value = NaiveDate> {
    date_between(2015, 2035)
}

/// A date in a leap year's February 29th or close to a year's end: the edge cases of calendar arithmetic.
pub fn tricky_date() -> impl Strategy<Value = NaiveDate> {
    prop_oneof![
        (2000..2100i32).prop_filter_map("leap year", |y| NaiveDate::from_ymd_opt(y, 2, 29)),
        (2000..2100i32, 28..=31u32).prop_filter_map("real date", |(y, d)| NaiveDate::from_ymd_opt(y, 12, d)),
        date(),
    ]
}

/// A citation of a provision in the version in force on some date.
pub fn citation() -> impl Strategy<Value = Citation> {
    (provision(), date()).prop_filter_map("provision in force", |(p, d)| p.cite(d))
}

/// An id token of the shape the contract shows (`r01`, `h7`, uuid-like), always valid.
pub fn id_token() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9_.:-]{0,20}"
}

/// A [`RoomId`].
pub fn room_id() -> impl Strategy<Value = RoomId> {
    id_token().prop_filter_map("valid id", |s| RoomId::try_new(s).ok())
}

/// Any id type declared with `krisesenter_core::id_type!`, core's or a domain crate's
/// (`id::<HouseholdId>()`).
pub fn id<T: std::str::FromStr + std::fmt::Debug>() -> impl Strategy<Value = T> {
    id_token().prop_filter_map("valid id", |s| s.parse().ok())
}

/// A [`ConsentId`].
pub fn consent_id() -> impl Strategy<Value = ConsentId> {
    id_token().prop_filter_map("valid id", |s| ConsentId::try_new(s).ok())
}

/// A name that is easy to search for in output: a capitalised word with a marker.
pub fn personal_name() -> impl Strategy<Value = String> {
    "[A-Z][a-z]{3,8} Zq[a-z]{3,8}"
}

/// An address that is easy to search for in output.
pub fn personal_address() -> impl Strategy<Value = String> {
    "Zq[a-z]{4,10}gata [1-9][0-9]{0,2}"
}

/// An adult age, 18 to 100.
pub fn adult_age() -> impl Strategy<Value = Age> {
    (18u16..=100).prop_filter_map("valid age", |a| Age::try_new(a).ok())
}

/// A child's age, 0 to 17.
pub fn child_age() -> impl Strategy<Value = Age> {
    (0u16..=17).prop_filter_map("valid age", |a| Age::try_new(a).ok())
}

/// A piece of personal data (a name, an address or a birth date, as text) wrapped in
/// [`Redacted`], easy to search for in output.
pub fn redacted_personal_text() -> impl Strategy<Value = Redacted<String>> {
    prop_oneof![personal_name(), personal_address(), date_between(1930, 2025).prop_map(|d| d.to_string())]
        .prop_map(Redacted::new)
}
