//! [`EnumSet`]: the one set type of the workspace for closed vocabularies and reason kinds.
//!
//! A decision handles a handful of parties, information categories, steps or reason kinds;
//! a bit set makes union, intersection and "is within" single instructions and costs no
//! allocation. On the wire a set is a JSON array in declaration order (the order a
//! `BTreeSet` of the enum would give), so the JSON equals that of a sorted, de-duplicated
//! list.

use std::borrow::Cow;
use std::marker::PhantomData;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A closed vocabulary small enough for an [`EnumSet`]: at most 64 values, each with its
/// position in declaration order.
///
/// Implement it with [`crate::set_member!`] for a plain enum, or let
/// [`crate::reason_kinds!`] implement it for a reason kind.
pub trait SetMember: Copy + 'static {
    /// Every value, in declaration order; `MEMBERS[v.index()] == v`.
    const MEMBERS: &'static [Self];
    /// The value's position in [`SetMember::MEMBERS`] (below 64).
    fn index(self) -> u32;
}

/// Implements [`SetMember`] for fieldless enums that have an `ALL` constant in declaration
/// order.
///
/// ```
/// #[derive(Clone, Copy, Debug, PartialEq)]
/// enum Light { Red, Green }
/// impl Light { const ALL: &'static [Light] = &[Light::Red, Light::Green]; }
/// krisesenter_core::set_member!(Light);
/// let set: krisesenter_core::EnumSet<Light> = [Light::Green].into_iter().collect();
/// assert!(set.contains(Light::Green) && !set.contains(Light::Red));
/// ```
#[macro_export]
macro_rules! set_member {
    ($($t:ty),+ $(,)?) => {$(
        impl $crate::SetMember for $t {
            const MEMBERS: &'static [Self] = <$t>::ALL;
            fn index(self) -> u32 {
                self as u32
            }
        }
        const _: () = assert!(<$t>::ALL.len() <= 64, "an EnumSet holds at most 64 values");
    )+};
}

/// A set of values of a closed vocabulary, iterated in declaration order.
///
/// # Example
///
/// ```
/// use krisesenter_core::{EnumSet, Information};
/// let asked: EnumSet<Information> = [Information::Whereabouts, Information::Existence].into_iter().collect();
/// let covered = EnumSet::single(Information::Existence);
/// assert_eq!(asked.intersection(covered).iter().collect::<Vec<_>>(), vec![Information::Existence]);
/// assert!(covered.is_subset(asked));
/// assert_eq!(serde_json::to_string(&asked)?, r#"["existence","whereabouts"]"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct EnumSet<T> {
    bits: u64,
    member: PhantomData<T>,
}

impl<T> Clone for EnumSet<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for EnumSet<T> {}
impl<T> PartialEq for EnumSet<T> {
    fn eq(&self, other: &Self) -> bool {
        self.bits == other.bits
    }
}
impl<T> Eq for EnumSet<T> {}
impl<T> std::hash::Hash for EnumSet<T> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.bits.hash(state);
    }
}
impl<T> Default for EnumSet<T> {
    fn default() -> Self {
        Self::EMPTY
    }
}

impl<T> EnumSet<T> {
    /// The empty set.
    pub const EMPTY: Self = Self { bits: 0, member: PhantomData };

    /// Whether the set is empty.
    pub const fn is_empty(self) -> bool {
        self.bits == 0
    }

    /// The number of values in the set.
    pub const fn len(self) -> usize {
        self.bits.count_ones() as usize
    }

    /// The values in both sets.
    #[must_use]
    pub const fn intersection(self, other: Self) -> Self {
        Self { bits: self.bits & other.bits, member: PhantomData }
    }

    /// The values in either set.
    #[must_use]
    pub const fn union(self, other: Self) -> Self {
        Self { bits: self.bits | other.bits, member: PhantomData }
    }

    /// The values in `self` that are not in `other`.
    #[must_use]
    pub const fn difference(self, other: Self) -> Self {
        Self { bits: self.bits & !other.bits, member: PhantomData }
    }

    /// Whether every value of `self` is in `other`.
    pub const fn is_subset(self, other: Self) -> bool {
        self.bits & !other.bits == 0
    }

    /// The raw bits (bit `i` is the value at position `i` of [`SetMember::MEMBERS`]); for
    /// compact keys and hashing, never for the wire.
    pub const fn bits(self) -> u64 {
        self.bits
    }

    /// The set of `values` whose positions are `positions`; what [`crate::enum_set!`]
    /// expands to, so a set can be a constant. Not for direct use: the macro takes the
    /// positions from the values themselves.
    #[doc(hidden)]
    pub const fn __from_positions(_values: &[T], positions: &[u32]) -> Self {
        let mut bits = 0u64;
        let mut rest = positions;
        while let [first, tail @ ..] = rest {
            if let Some(bit) = 1u64.checked_shl(*first) {
                bits |= bit;
            }
            rest = tail;
        }
        Self { bits, member: PhantomData }
    }
}

/// An [`EnumSet`] in a constant expression: `enum_set![Information::Existence, Information::Whereabouts]`.
///
/// For the enums whose [`SetMember`] comes from [`crate::set_member!`], [`crate::wire_enum!`]
/// or [`crate::reason_kinds!`], where a value's position is its discriminant; the values
/// fix the set's type, so a value of another vocabulary does not compile.
///
/// ```
/// use krisesenter_core::{enum_set, EnumSet, Information};
/// const ASKED: EnumSet<Information> = enum_set![Information::Whereabouts, Information::Existence];
/// assert_eq!(ASKED, EnumSet::of(&[Information::Existence, Information::Whereabouts]));
/// const NOTHING: EnumSet<Information> = enum_set![];
/// assert!(NOTHING.is_empty());
/// ```
#[macro_export]
macro_rules! enum_set {
    () => {
        $crate::EnumSet::EMPTY
    };
    ($($value:expr),+ $(,)?) => {
        $crate::EnumSet::__from_positions(&[$($value),+], &[$($value as u32),+])
    };
}

impl<T: SetMember> EnumSet<T> {
    /// The set holding every value of the vocabulary.
    pub fn all() -> Self {
        T::MEMBERS.iter().copied().collect()
    }

    /// The set holding only `value`.
    pub fn single(value: T) -> Self {
        Self { bits: bit(value), member: PhantomData }
    }

    /// The set holding `values`.
    pub fn of(values: &[T]) -> Self {
        values.iter().copied().collect()
    }

    /// Whether `value` is in the set.
    pub fn contains(self, value: T) -> bool {
        self.bits & bit(value) != 0
    }

    /// Adds `value`.
    pub fn insert(&mut self, value: T) {
        self.bits |= bit(value);
    }

    /// Adds `value` when `condition` holds.
    pub fn insert_if(&mut self, condition: bool, value: T) {
        if condition {
            self.insert(value);
        }
    }

    /// Removes `value`.
    pub fn remove(&mut self, value: T) {
        self.bits &= !bit(value);
    }

    /// Adds every value of `other`.
    pub fn extend_from(&mut self, other: Self) {
        self.bits |= other.bits;
    }

    /// The values, in declaration order.
    pub fn iter(self) -> Iter<T> {
        Iter { bits: self.bits, member: PhantomData }
    }
}

fn bit<T: SetMember>(value: T) -> u64 {
    1u64.checked_shl(value.index()).unwrap_or(0)
}

/// The values of an [`EnumSet`], in declaration order.
#[derive(Clone)]
pub struct Iter<T> {
    bits: u64,
    member: PhantomData<T>,
}

impl<T: SetMember> Iterator for Iter<T> {
    type Item = T;
    fn next(&mut self) -> Option<T> {
        while self.bits != 0 {
            let i = self.bits.trailing_zeros();
            self.bits &= self.bits - 1;
            if let Some(value) = usize::try_from(i).ok().and_then(|i| T::MEMBERS.get(i)) {
                return Some(*value);
            }
        }
        None
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.bits.count_ones() as usize;
        (0, Some(n))
    }
}

impl<T: SetMember> IntoIterator for EnumSet<T> {
    type Item = T;
    type IntoIter = Iter<T>;
    fn into_iter(self) -> Iter<T> {
        self.iter()
    }
}

impl<T: SetMember> FromIterator<T> for EnumSet<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut set = Self::EMPTY;
        for value in iter {
            set.insert(value);
        }
        set
    }
}

impl<T: SetMember> Extend<T> for EnumSet<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I) {
        for value in iter {
            self.insert(value);
        }
    }
}

impl<T: SetMember + std::fmt::Debug> std::fmt::Debug for EnumSet<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl<T: SetMember + Serialize> Serialize for EnumSet<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'de, T: SetMember + Deserialize<'de>> Deserialize<'de> for EnumSet<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor<T>(PhantomData<T>);
        impl<'de, T: SetMember + Deserialize<'de>> serde::de::Visitor<'de> for Visitor<T> {
            type Value = EnumSet<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a list of values")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                // A set names each value once (`uniqueItems` in its schema): a repeat is refused,
                // as a reader that dropped it would accept what the schema rejects.
                let mut set = EnumSet::EMPTY;
                while let Some(value) = seq.next_element::<T>()? {
                    if set.contains(value) {
                        return Err(serde::de::Error::custom("a value is listed twice in a set"));
                    }
                    set.insert(value);
                }
                Ok(set)
            }
        }
        deserializer.deserialize_seq(Visitor(PhantomData))
    }
}

impl<T: SetMember + JsonSchema> JsonSchema for EnumSet<T> {
    fn schema_name() -> Cow<'static, str> {
        Cow::Owned(format!("Set_of_{}", T::schema_name()))
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let items = generator.subschema_for::<T>();
        schemars::json_schema!({"type": "array", "items": items, "uniqueItems": true})
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Information, Party};

    #[test]
    fn order_and_wire_form_match_a_btreeset() {
        let set: EnumSet<Party> = [Party::Unknown, Party::Police, Party::Nav, Party::Police].into_iter().collect();
        let sorted: std::collections::BTreeSet<Party> = set.iter().collect();
        assert_eq!(set.iter().collect::<Vec<_>>(), sorted.into_iter().collect::<Vec<_>>());
        assert_eq!(serde_json::to_string(&set).unwrap(), r#"["police","nav","unknown"]"#);
        let back: EnumSet<Party> = serde_json::from_str(r#"["nav","police","unknown"]"#).unwrap();
        assert_eq!(back, set);
        assert!(serde_json::from_str::<EnumSet<Party>>(r#"["nav","police","nav"]"#).is_err(), "a value twice");
        assert_eq!(set.len(), 3);
        assert!(serde_json::from_str::<EnumSet<Party>>(r#"{"police":1}"#).is_err(), "objects are not lists");
    }

    #[test]
    fn every_member_has_its_own_position() {
        for (i, p) in Party::ALL.iter().enumerate() {
            assert_eq!(p.index() as usize, i);
        }
        for (i, info) in Information::ALL.iter().enumerate() {
            assert_eq!(info.index() as usize, i);
        }
    }

    #[test]
    fn algebra() {
        let a = EnumSet::of(&[Party::Police, Party::Nav]);
        let b = EnumSet::of(&[Party::Nav, Party::Health]);
        assert_eq!(a.union(b), EnumSet::of(&[Party::Police, Party::Nav, Party::Health]));
        assert_eq!(a.intersection(b), EnumSet::single(Party::Nav));
        assert_eq!(a.difference(b), EnumSet::single(Party::Police));
        assert!(!a.is_subset(b) && EnumSet::single(Party::Nav).is_subset(a));
        let mut c = a;
        c.remove(Party::Police);
        c.insert_if(false, Party::Lawyer);
        assert_eq!(c, EnumSet::single(Party::Nav));
        assert_eq!(EnumSet::<Party>::all().len(), Party::ALL.len());
        assert!(EnumSet::<Party>::EMPTY.is_empty());
    }

    #[test]
    fn enum_set_in_a_constant_equals_the_set_of_its_values() {
        const SOME: EnumSet<Party> = crate::enum_set![Party::Unknown, Party::Police, Party::Police];
        assert_eq!(SOME, EnumSet::of(&[Party::Police, Party::Unknown]));
        assert_eq!(SOME.len(), 2);
        for p in Party::ALL {
            const ALL: EnumSet<Party> = crate::enum_set![
                Party::Police,
                Party::ChildWelfare,
                Party::Nav,
                Party::Health,
                Party::Lawyer,
                Party::School,
                Party::FamilyMember,
                Party::AllegedPerpetrator,
                Party::OtherService,
                Party::Unknown,
            ];
            assert!(ALL.contains(*p));
            assert_eq!(crate::enum_set![*p], EnumSet::single(*p));
        }
        assert_eq!(EnumSet::<Party>::__from_positions(&[], &[64, 70]), EnumSet::EMPTY, "no position past 63");
    }
}
