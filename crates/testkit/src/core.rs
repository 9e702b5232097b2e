//! Strategies for the types of `krisesenter-core`.

use chrono::NaiveDate;
use krisesenter_core::{
    Age, Citation, ConsentId, Gender, Household, HouseholdId, Information, Party, Person, PersonKind, Provision,
    RecordId, Relation, RoomId, ServiceKind, ViolenceType,
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

/// A [`HouseholdId`].
pub fn household_id() -> impl Strategy<Value = HouseholdId> {
    id_token().prop_filter_map("valid id", |s| HouseholdId::try_new(s).ok())
}

/// A [`RecordId`].
pub fn record_id() -> impl Strategy<Value = RecordId> {
    id_token().prop_filter_map("valid id", |s| RecordId::try_new(s).ok())
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

fn with_personal_data(person: Person) -> impl Strategy<Value = Person> {
    (
        proptest::option::of(personal_name()),
        proptest::option::of(personal_address()),
        proptest::option::of(date_between(1930, 2025)),
    )
        .prop_map(move |(name, address, birth)| {
            let mut p = person.clone();
            if let Some(n) = name {
                p = p.with_name(n);
            }
            if let Some(a) = address {
                p = p.with_address(a);
            }
            if let Some(b) = birth {
                p = p.with_birth_date(b);
            }
            p
        })
}

/// An adult, sometimes with a name, an address and a birth date.
pub fn adult() -> impl Strategy<Value = Person> {
    (adult_age(), gender())
        .prop_filter_map("adult", |(age, g)| Person::new(PersonKind::Adult, age, g).ok())
        .prop_flat_map(with_personal_data)
}

/// A child, sometimes with a name, an address and a birth date.
pub fn child() -> impl Strategy<Value = Person> {
    (child_age(), gender())
        .prop_filter_map("child", |(age, g)| Person::new(PersonKind::Child, age, g).ok())
        .prop_flat_map(with_personal_data)
}

/// Any person, adult or child.
pub fn person() -> impl Strategy<Value = Person> {
    prop_oneof![adult(), child()]
}

/// A household of one to two adults and up to `max_children` children.
pub fn household(max_children: usize) -> impl Strategy<Value = Household> {
    (household_id(), proptest::collection::vec(adult(), 1..=2), proptest::collection::vec(child(), 0..=max_children))
        .prop_filter_map("valid household", |(id, adults, children)| Household::try_new(id, adults, children).ok())
}
