//! Small sets of closed vocabularies ([`Party`], [`Information`], [`Step`]) as bit sets.
//!
//! A decision handles at most ten parties and seven information categories; a bit set makes
//! union, intersection and "is within" single instructions and costs no allocation, which is
//! what keeps a decision well under a microsecond. On the wire a set is a JSON array in
//! declaration order (the same order a `BTreeSet` of the enum would give), so the JSON is
//! identical to that of a sorted, de-duplicated list.

use std::borrow::Cow;
use std::marker::PhantomData;

use krisesenter_core::{Information, Party};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Step;

/// A closed vocabulary small enough for a bit set: at most 32 values.
pub trait Member: Copy + Ord + 'static {
    /// Every value, in declaration order.
    const MEMBERS: &'static [Self];
    /// The value's bit (its position in [`Member::MEMBERS`]).
    fn bit(self) -> u32;
}

impl Member for Party {
    const MEMBERS: &'static [Self] = Party::ALL;
    fn bit(self) -> u32 {
        1 << (self as u32)
    }
}

impl Member for Information {
    const MEMBERS: &'static [Self] = Information::ALL;
    fn bit(self) -> u32 {
        1 << (self as u32)
    }
}

impl Member for Step {
    const MEMBERS: &'static [Self] = Step::ALL;
    fn bit(self) -> u32 {
        1 << (self as u32)
    }
}

/// A set of values of a closed vocabulary, iterated in declaration order.
///
/// # Example
///
/// ```
/// use krisesenter_core::Information;
/// use krisesenter_disclosure::Set;
/// let asked: Set<Information> = [Information::Whereabouts, Information::Existence].into_iter().collect();
/// let covered = Set::from_iter([Information::Existence]);
/// assert_eq!(asked.intersection(covered).iter().collect::<Vec<_>>(), vec![Information::Existence]);
/// assert!(covered.is_subset(asked));
/// ```
pub struct Set<T> {
    bits: u32,
    member: PhantomData<T>,
}

impl<T> Clone for Set<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Set<T> {}
impl<T> PartialEq for Set<T> {
    fn eq(&self, other: &Self) -> bool {
        self.bits == other.bits
    }
}
impl<T> Eq for Set<T> {}
impl<T> Default for Set<T> {
    fn default() -> Self {
        Self::EMPTY
    }
}

impl<T> Set<T> {
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
}

macro_rules! single {
    ($t:ty) => {
        impl Set<$t> {
            /// The set holding only `value` (usable in constants).
            pub const fn single(value: $t) -> Self {
                Self { bits: 1 << (value as u32), member: PhantomData }
            }
        }
    };
}
single!(Party);
single!(Information);
single!(Step);

impl<T: Member> Set<T> {
    /// The set holding `values`.
    pub fn of(values: &[T]) -> Self {
        values.iter().copied().collect()
    }

    /// Whether `value` is in the set.
    pub fn contains(self, value: T) -> bool {
        self.bits & value.bit() != 0
    }

    /// Adds `value`.
    pub fn insert(&mut self, value: T) {
        self.bits |= value.bit();
    }

    /// The values, in declaration order.
    pub fn iter(self) -> impl Iterator<Item = T> {
        T::MEMBERS.iter().copied().filter(move |v| self.contains(*v))
    }
}

impl<T: Member> FromIterator<T> for Set<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut set = Self::EMPTY;
        for value in iter {
            set.insert(value);
        }
        set
    }
}

impl<T: Member + std::fmt::Debug> std::fmt::Debug for Set<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl<T: Member + Serialize> Serialize for Set<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'de, T: Member + Deserialize<'de>> Deserialize<'de> for Set<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::<T>::deserialize(deserializer).map(|values| values.into_iter().collect())
    }
}

impl<T: Member + JsonSchema> JsonSchema for Set<T> {
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

    #[test]
    fn order_and_wire_form_match_a_btreeset() {
        let set: Set<Party> = [Party::Unknown, Party::Police, Party::Nav, Party::Police].into_iter().collect();
        let sorted: std::collections::BTreeSet<Party> = set.iter().collect();
        assert_eq!(set.iter().collect::<Vec<_>>(), sorted.into_iter().collect::<Vec<_>>());
        assert_eq!(serde_json::to_string(&set).unwrap(), r#"["police","nav","unknown"]"#);
        let back: Set<Party> = serde_json::from_str(r#"["nav","police","nav","unknown"]"#).unwrap();
        assert_eq!(back, set);
        assert_eq!(set.len(), 3);
    }

    #[test]
    fn every_member_has_its_own_bit() {
        for (i, p) in Party::ALL.iter().enumerate() {
            assert_eq!(p.bit(), 1 << i);
        }
        for (i, info) in Information::ALL.iter().enumerate() {
            assert_eq!(info.bit(), 1 << i);
        }
        for (i, s) in Step::ALL.iter().enumerate() {
            assert_eq!(s.bit(), 1 << i);
        }
    }
}
