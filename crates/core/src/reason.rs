//! Reasons: the explanation every decision carries, with a stable code, messages in bokmål
//! and English, and the citations of the provision versions applied.

use std::borrow::Cow;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use serde::Serializer;
use serde::ser::{SerializeSeq, SerializeStruct};

use crate::law::{Citation, Provision};
use crate::set::{EnumSet, SetMember};

/// Why a reason code is not acceptable.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ReasonCodeError {
    /// A code must be lower snake_case: `[a-z][a-z0-9_]*`, at most 64 characters.
    #[error("a reason code must be lower snake_case of at most 64 characters")]
    NotSnakeCase,
}

/// A stable, lower snake_case reason code such as `active_substance_use`.
///
/// Callers match on codes, never on messages.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ReasonCode(Cow<'static, str>);

fn is_snake_case(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase())
        && s.len() <= 64
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

impl ReasonCode {
    /// Makes a code from a static string.
    ///
    /// # Errors
    ///
    /// [`ReasonCodeError::NotSnakeCase`] when the code is not lower snake_case.
    pub fn from_static(code: &'static str) -> Result<Self, ReasonCodeError> {
        if is_snake_case(code) { Ok(Self(Cow::Borrowed(code))) } else { Err(ReasonCodeError::NotSnakeCase) }
    }

    /// The code as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for ReasonCode {
    type Error = ReasonCodeError;
    fn try_from(code: String) -> Result<Self, Self::Error> {
        if is_snake_case(&code) { Ok(Self(Cow::Owned(code))) } else { Err(ReasonCodeError::NotSnakeCase) }
    }
}

impl From<ReasonCode> for String {
    fn from(code: ReasonCode) -> String {
        code.0.into_owned()
    }
}

impl std::fmt::Display for ReasonCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl JsonSchema for ReasonCode {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("ReasonCode")
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"type": "string", "pattern": "^[a-z][a-z0-9_]*$", "maxLength": 64})
    }
}

/// A kind of reason a crate can give: its code, its messages and the provisions it rests on.
///
/// Each domain crate implements this for its own `#[non_exhaustive]` enum of reason kinds,
/// one exhaustive `match` per method, so that codes and messages are data, never built from
/// input (and so never carry personal data).
pub trait ReasonKind: Copy {
    /// The stable snake_case code.
    fn code(self) -> &'static str;
    /// The message in Norwegian bokmål.
    fn message_nb(self) -> &'static str;
    /// The message in English.
    fn message_en(self) -> &'static str;
    /// The provisions the reason rests on; each is cited in its version in force on the day.
    fn provisions(self) -> &'static [Provision];
}

/// An explanation: stable code, messages for people, and citations of the law applied.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use krisesenter_core::law::Provision;
/// use krisesenter_core::{Reason, ReasonKind};
///
/// #[derive(Clone, Copy)]
/// struct PhoneAlwaysOpen;
/// impl ReasonKind for PhoneAlwaysOpen {
///     fn code(self) -> &'static str { "phone_always_offered" }
///     fn message_nb(self) -> &'static str { "Telefonen er alltid åpen." }
///     fn message_en(self) -> &'static str { "The phone is always open." }
///     fn provisions(self) -> &'static [Provision] { &[Provision::KslServices] }
/// }
///
/// let as_of = NaiveDate::from_ymd_opt(2026, 3, 1).ok_or("date")?;
/// let reason = Reason::explain(PhoneAlwaysOpen, as_of);
/// assert_eq!(reason.code().as_str(), "phone_always_offered");
/// assert_eq!(reason.citations()[0].section(), "2");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reason {
    code: ReasonCode,
    message_nb: String,
    message_en: String,
    citations: Vec<Citation>,
}

impl Reason {
    /// The reason of `kind`, citing each of its provisions in the version in force on `as_of`.
    /// A provision not yet in force on `as_of` is left out (a rule that depends on it must
    /// not give the reason before that day).
    pub fn explain<K: ReasonKind>(kind: K, as_of: NaiveDate) -> Self {
        let citations = kind.provisions().iter().filter_map(|p| p.cite(as_of)).collect();
        Self {
            // Codes of a `ReasonKind` are static snake_case; an ill-formed one is kept as
            // given rather than panicking, and unit tests of each crate check them.
            code: ReasonCode(Cow::Borrowed(kind.code())),
            message_nb: kind.message_nb().to_owned(),
            message_en: kind.message_en().to_owned(),
            citations,
        }
    }

    /// A reason built from parts, for callers outside the workspace.
    pub fn new(
        code: ReasonCode,
        message_nb: impl Into<String>,
        message_en: impl Into<String>,
        citations: Vec<Citation>,
    ) -> Self {
        Self { code, message_nb: message_nb.into(), message_en: message_en.into(), citations }
    }

    /// The stable code.
    pub fn code(&self) -> &ReasonCode {
        &self.code
    }

    /// The message in bokmål.
    pub fn message_nb(&self) -> &str {
        &self.message_nb
    }

    /// The message in English.
    pub fn message_en(&self) -> &str {
        &self.message_en
    }

    /// The citations of the provision versions applied.
    pub fn citations(&self) -> &[Citation] {
        &self.citations
    }

    /// Whether the code is lower snake_case (always true for reasons of a well-formed [`ReasonKind`]).
    pub fn has_valid_code(&self) -> bool {
        is_snake_case(self.code.as_str())
    }
}

/// Declares a crate's reason kinds once: each kind with its stable code, its message in
/// bokmål and in English, and the provisions it rests on.
///
/// It generates the `#[non_exhaustive]` enum, `ALL` in declaration order, [`ReasonKind`]
/// and [`crate::SetMember`] (so the kinds fit a [`Reasons`] set), and checks at compile time
/// that the kinds fit the set. Regular `//` comments inside the invocation name the source
/// of each rule, as they did beside the match arms this replaces.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use krisesenter_core::law::Provision;
/// use krisesenter_core::{reason_kinds, ReasonKind, Reasons};
///
/// reason_kinds! {
///     /// Why the phone answers.
///     pub enum PhoneReason {
///         /// The phone is open day and night.
///         AlwaysOpen => {
///             code: "phone_always_offered",
///             nb: "Telefonen er alltid åpen.",
///             en: "The phone is always open.",
///             // ksl §2 (telefontilbud).
///             cites: [Provision::KslServices],
///         },
///     }
/// }
///
/// let as_of = NaiveDate::from_ymd_opt(2026, 3, 1).ok_or("date")?;
/// let reasons = Reasons::of(&[PhoneReason::AlwaysOpen], as_of);
/// assert_eq!(PhoneReason::AlwaysOpen.code(), "phone_always_offered");
/// let json = serde_json::to_value(reasons)?;
/// assert_eq!(json[0]["citations"][0]["section"], "2");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[macro_export]
macro_rules! reason_kinds {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $(
                $(#[$vmeta:meta])*
                $variant:ident => {
                    code: $code:literal,
                    nb: $nb:literal,
                    en: $en:literal,
                    cites: [$($prov:expr),* $(,)?] $(,)?
                }
            ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        $vis enum $name {
            $( $(#[$vmeta])* $variant, )*
        }

        impl $name {
            /// Every kind, in declaration order (the order reasons are listed in).
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];
        }

        impl $crate::ReasonKind for $name {
            fn code(self) -> &'static str {
                match self { $($name::$variant => $code,)* }
            }
            fn message_nb(self) -> &'static str {
                match self { $($name::$variant => $nb,)* }
            }
            fn message_en(self) -> &'static str {
                match self { $($name::$variant => $en,)* }
            }
            fn provisions(self) -> &'static [$crate::law::Provision] {
                match self { $($name::$variant => &[$($prov),*],)* }
            }
        }

        $crate::set_member!($name);
    };
}

/// A set of reason kinds given on one day, listed in declaration order.
///
/// It holds no strings and never allocates: the messages and the citations of the provision
/// versions in force on [`Reasons::as_of`] are rendered by [`Reasons::explain`], and when
/// serialised, where it becomes the contract's JSON list of `Reason`s, byte for byte what a
/// `Vec<Reason>` of [`Reasons::explain`] would give.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Reasons<K> {
    set: EnumSet<K>,
    as_of: NaiveDate,
}

impl<K: ReasonKind + SetMember> Reasons<K> {
    /// No reasons, on `as_of`.
    pub const fn none(as_of: NaiveDate) -> Self {
        Self { set: EnumSet::EMPTY, as_of }
    }

    /// The reasons `kinds`, on `as_of`.
    pub fn of(kinds: &[K], as_of: NaiveDate) -> Self {
        Self { set: EnumSet::of(kinds), as_of }
    }

    /// The reasons of `set`, on `as_of`.
    pub const fn from_set(set: EnumSet<K>, as_of: NaiveDate) -> Self {
        Self { set, as_of }
    }

    /// Adds a reason.
    pub fn insert(&mut self, kind: K) {
        self.set.insert(kind);
    }

    /// Adds a reason when `condition` holds.
    pub fn insert_if(&mut self, condition: bool, kind: K) {
        self.set.insert_if(condition, kind);
    }

    /// Adds every reason of `other` (its day is not changed).
    pub fn extend_from(&mut self, other: Self) {
        self.set.extend_from(other.set);
    }

    /// Whether the set holds `kind`.
    pub fn contains(&self, kind: K) -> bool {
        self.set.contains(kind)
    }

    /// Whether the set is empty.
    pub const fn is_empty(&self) -> bool {
        self.set.is_empty()
    }

    /// How many reasons the set holds.
    pub const fn len(&self) -> usize {
        self.set.len()
    }

    /// The day the reasons were given on: their citations name the versions in force that day.
    pub const fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    /// The kinds as a set.
    pub const fn kinds(&self) -> EnumSet<K> {
        self.set
    }

    /// The kinds, in declaration order.
    pub fn iter(&self) -> crate::set::Iter<K> {
        self.set.iter()
    }

    /// The stable codes, in order.
    pub fn codes(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.iter().map(ReasonKind::code)
    }

    /// The reasons as [`Reason`]s, each citing the provision versions in force on
    /// [`Reasons::as_of`].
    pub fn explain(&self) -> Vec<Reason> {
        self.iter().map(|k| Reason::explain(k, self.as_of)).collect()
    }
}

impl<K: ReasonKind + SetMember> IntoIterator for Reasons<K> {
    type Item = K;
    type IntoIter = crate::set::Iter<K>;
    fn into_iter(self) -> Self::IntoIter {
        self.set.iter()
    }
}

impl<K: ReasonKind + SetMember> std::fmt::Debug for Reasons<K> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.codes()).finish()
    }
}

/// One reason as the contract's `Reason`, serialised from static data.
struct ReasonView<K> {
    kind: K,
    as_of: NaiveDate,
}

/// The citations of one reason, in the versions in force on `as_of`.
struct CitationsView<K> {
    kind: K,
    as_of: NaiveDate,
}

#[derive(Serialize)]
struct CitationView {
    statute: crate::law::Statute,
    section: &'static str,
    in_force_from: NaiveDate,
}

impl<K: ReasonKind> Serialize for CitationsView<K> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        for v in self.kind.provisions().iter().filter_map(|p| p.version_on(self.as_of)) {
            // The same fields, in the same order, as `Citation`.
            seq.serialize_element(&CitationView {
                statute: v.statute,
                section: v.section,
                in_force_from: v.in_force_from,
            })?;
        }
        seq.end()
    }
}

impl<K: ReasonKind> Serialize for ReasonView<K> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // The same fields, in the same order, as `Reason`.
        let mut s = serializer.serialize_struct("Reason", 4)?;
        s.serialize_field("code", self.kind.code())?;
        s.serialize_field("message_nb", self.kind.message_nb())?;
        s.serialize_field("message_en", self.kind.message_en())?;
        s.serialize_field("citations", &CitationsView { kind: self.kind, as_of: self.as_of })?;
        s.end()
    }
}

impl<K: ReasonKind + SetMember> Serialize for Reasons<K> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter().map(|kind| ReasonView { kind, as_of: self.as_of }))
    }
}

impl<K> JsonSchema for Reasons<K> {
    fn inline_schema() -> bool {
        <Vec<Reason>>::inline_schema()
    }

    fn schema_name() -> Cow<'static, str> {
        <Vec<Reason>>::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        <Vec<Reason>>::schema_id()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <Vec<Reason>>::json_schema(generator)
    }
}

/// The one shape of a decision: an outcome and the reasons that explain it, given on one day.
///
/// Serialises as `{"outcome": …, "reasons": [Reason]}`, the contract's shape of a decision
/// (the `residential`, `day` and `phone` offers of `assess`, for example); crates whose
/// contract output has more fields embed a [`Reasons`] beside them instead.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use krisesenter_core::law::Provision;
/// use krisesenter_core::{reason_kinds, Explained, Reasons};
///
/// reason_kinds! {
///     /// Why.
///     pub enum Why {
///         /// Open.
///         Open => { code: "open", nb: "Åpent.", en: "Open.", cites: [Provision::KslServices] },
///     }
/// }
/// let as_of = NaiveDate::from_ymd_opt(2026, 3, 1).ok_or("date")?;
/// let decision = Explained::new("offered", Reasons::of(&[Why::Open], as_of));
/// assert_eq!(*decision.outcome(), "offered");
/// let json = serde_json::to_value(decision)?;
/// assert_eq!(json["outcome"], "offered");
/// assert_eq!(json["reasons"][0]["code"], "open");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(bound(serialize = "O: Serialize, K: ReasonKind + SetMember"))]
#[schemars(bound = "O: JsonSchema")]
pub struct Explained<O, K> {
    outcome: O,
    reasons: Reasons<K>,
}

impl<O: std::fmt::Debug, K: ReasonKind + SetMember> std::fmt::Debug for Explained<O, K> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Explained").field("outcome", &self.outcome).field("reasons", &self.reasons).finish()
    }
}

impl<O, K: ReasonKind + SetMember> Explained<O, K> {
    /// An outcome with its reasons.
    pub const fn new(outcome: O, reasons: Reasons<K>) -> Self {
        Self { outcome, reasons }
    }

    /// The outcome.
    pub const fn outcome(&self) -> &O {
        &self.outcome
    }

    /// The reasons, in declaration order of their kinds.
    pub const fn reasons(&self) -> &Reasons<K> {
        &self.reasons
    }

    /// The day the decision was made on.
    pub const fn as_of(&self) -> NaiveDate {
        self.reasons.as_of
    }

    /// The outcome and the reasons, taken apart.
    pub fn into_parts(self) -> (O, Reasons<K>) {
        (self.outcome, self.reasons)
    }
}

#[cfg(test)]
#[allow(unreachable_pub)]
mod tests {
    use super::*;

    #[test]
    fn codes_must_be_snake_case() {
        assert!(ReasonCode::from_static("active_substance_use").is_ok());
        assert!(ReasonCode::from_static("Active").is_err());
        assert!(ReasonCode::from_static("").is_err());
        assert!(ReasonCode::from_static("a-b").is_err());
        assert!(serde_json::from_str::<ReasonCode>("\"x y\"").is_err());
    }

    #[derive(Clone, Copy)]
    struct Alt;
    impl ReasonKind for Alt {
        fn code(self) -> &'static str {
            "alternative_required"
        }
        fn message_nb(self) -> &'static str {
            "Likeverdig alternativ kreves."
        }
        fn message_en(self) -> &'static str {
            "An equal alternative is required."
        }
        fn provisions(self) -> &'static [Provision] {
            &[Provision::KslAdaptation, Provision::KslDataProcessing]
        }
    }

    #[test]
    fn explain_cites_the_version_in_force() {
        let before = Reason::explain(Alt, NaiveDate::from_ymd_opt(2025, 12, 31).unwrap());
        assert_eq!(before.citations().len(), 1, "§5a not yet in force");
        let after = Reason::explain(Alt, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        assert_eq!(after.citations().len(), 2);
        let json = serde_json::to_value(&after).unwrap();
        assert_eq!(json["citations"][0]["in_force_from"], "2026-01-01");
        assert_eq!(json["citations"][0]["statute"], "krisesenterlova");
        assert!(after.has_valid_code());
    }

    crate::reason_kinds! {
        /// Test kinds.
        enum TestReason {
            /// First.
            First => { code: "first", nb: "Først.", en: "First.", cites: [Provision::KslServices] },
            /// Second, citing §5a (2026).
            Second => {
                code: "second",
                nb: "Andre.",
                en: "Second.",
                cites: [Provision::KslAdaptation, Provision::KslDataProcessing],
            },
        }
    }

    #[test]
    fn reasons_serialise_as_the_explained_vec_on_every_day() {
        for (y, m, d) in [(2010, 1, 1), (2025, 12, 31), (2026, 1, 1), (2031, 6, 1)] {
            let as_of = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            let set = Reasons::of(&[TestReason::Second, TestReason::First], as_of);
            assert_eq!(set.codes().collect::<Vec<_>>(), ["first", "second"], "declaration order");
            assert_eq!(serde_json::to_value(set).unwrap(), serde_json::to_value(set.explain()).unwrap());
        }
        assert_eq!(TestReason::ALL, &[TestReason::First, TestReason::Second]);
        assert_eq!(TestReason::Second.provisions().len(), 2);
        assert_eq!((TestReason::Second.message_nb(), TestReason::Second.message_en()), ("Andre.", "Second."));
    }

    #[test]
    fn reasons_set_operations_and_debug() {
        let as_of = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let mut set = Reasons::none(as_of);
        assert!(set.is_empty());
        set.insert_if(false, TestReason::First);
        assert!(set.is_empty());
        set.insert(TestReason::Second);
        let mut other = Reasons::none(as_of);
        other.insert(TestReason::First);
        set.extend_from(other);
        assert_eq!(set.len(), 2);
        assert!(set.contains(TestReason::First));
        assert_eq!(format!("{set:?}"), r#"["first", "second"]"#);
        assert_eq!(set.into_iter().count(), 2);
        let explained = Explained::new(true, set);
        assert_eq!(explained.as_of(), as_of);
        assert_eq!(serde_json::to_value(explained).unwrap()["outcome"], true);
    }
}
