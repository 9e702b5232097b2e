//! Reading a report input and counting it as it is read: the stays and day contacts of
//! docs/contract.md `report` go into an [`Aggregate`] one by one, as the JSON arrays arrive,
//! instead of into vectors that are counted afterwards and thrown away.

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::StayId;
use crate::aggregate::Aggregate;
use crate::record::{DayContact, Period, Stay};
use crate::report::{Report, ReportError, beds_at_least_one};

/// A report input ([`ReportInput`](crate::ReportInput)'s JSON) read and counted as it is
/// read: every stay and day contact is validated exactly as [`Stay`] and [`DayContact`]
/// validate it, counted into the [`Aggregate`] and dropped, so a million stays are never
/// held at once. Only the stay ids are kept, to refuse a repeated one as
/// [`ReportInput::validate`](crate::ReportInput::validate) does.
///
/// It reads a JSON object only (never an array of the fields in order), with each of
/// `period`, `beds`, `stays` and `day_contacts` once and no other key; the records may come
/// before the period (they wait for it then). [`AggregatedInput::report`] gives the same
/// report, or the same error, as [`report()`](crate::report()) on the same document read as a
/// [`ReportInput`](crate::ReportInput).
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
/// let streamed: krisesenter_stats::AggregatedInput = serde_json::from_str(json)?;
/// let read: krisesenter_stats::ReportInput = serde_json::from_str(json)?;
/// assert_eq!(streamed.report()?, krisesenter_stats::report(&read)?);
///
/// // A key the contract does not know is refused, as by `ReportInput`.
/// let unknown = json.replace(r#""beds""#, r#""bedz""#);
/// assert!(serde_json::from_str::<krisesenter_stats::AggregatedInput>(&unknown).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AggregatedInput {
    aggregate: Aggregate,
    duplicate: Option<ReportError>,
}

impl AggregatedInput {
    /// Reads `json` quickly when it takes the plain form most report inputs take (JSON white
    /// space, the period before the records, strings of printable ASCII without escapes, whole
    /// numbers without fraction or exponent, each stay id once), counting it without
    /// allocating per record; `None` for any other document, valid or not. Read that one
    /// through `Deserialize`: a document read here reads there too, to the same aggregate.
    ///
    /// # Example
    ///
    /// ```
    /// use krisesenter_stats::AggregatedInput;
    /// let json = br#"{"period": {"from": "2025-01-01", "to": "2025-12-31"}, "beds": 62,
    ///   "stays": [{"id": "s1", "person": {"kind": "adult", "gender": "female", "age": 34, "municipality": "3205"},
    ///              "check_in": "2025-08-01", "check_out": "2025-08-05", "first_stay_this_year": true,
    ///              "violence_types": ["physical"], "relation": null, "after_stay": "new_home",
    ///              "previous_stays": 0}],
    ///   "day_contacts": [{"date": "2025-03-01", "mode": "phone", "interpreter": false}]}"#;
    /// let scanned = AggregatedInput::scan(json).ok_or("the plain form")?;
    /// assert_eq!(scanned, serde_json::from_slice::<AggregatedInput>(json)?);
    /// assert_eq!(scanned.report()?.nights().total(), 4);
    ///
    /// // An escape in a string: not the plain form (serde's reader reads it).
    /// let escaped = String::from_utf8(json.to_vec())?.replace(r#""s1""#, r#""s\u0031""#);
    /// assert!(AggregatedInput::scan(escaped.as_bytes()).is_none());
    /// assert!(serde_json::from_str::<AggregatedInput>(&escaped).is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// A document of 16 MB or more is read by two threads, each about half of it (the
    /// aggregate is a monoid: the halves' aggregates are merged), with the same result as one
    /// thread's reading ([`AggregatedInput::scan_in_two`]).
    pub fn scan(json: &[u8]) -> Option<Self> {
        crate::scan::scan(json)
    }

    /// [`AggregatedInput::scan`] by two threads whatever the size of `json`, as it reads a
    /// large document: this thread reads from the start up to a record near the middle, a
    /// second thread from that record to the end. The first reading must arrive at that
    /// record as an element of its array, or the second's is not used; so the result is
    /// always [`AggregatedInput::scan`]'s by one thread (stats-21 in docs/invariants.md).
    ///
    /// # Example
    ///
    /// ```
    /// use krisesenter_stats::AggregatedInput;
    /// let stay = |i| format!(r#"{{"id": "s{i}", "person": {{"kind": "adult", "gender": "female", "age": 34,
    ///   "municipality": "3205"}}, "check_in": "2025-08-01", "check_out": "2025-08-05",
    ///   "first_stay_this_year": true, "violence_types": ["physical"], "relation": null,
    ///   "after_stay": "new_home", "previous_stays": 0}}"#);
    /// let stays: Vec<String> = (0..40).map(stay).collect();
    /// let json = format!(r#"{{"period": {{"from": "2025-01-01", "to": "2025-12-31"}}, "beds": 62,
    ///   "stays": [{}], "day_contacts": []}}"#, stays.join(","));
    /// let in_two = AggregatedInput::scan_in_two(json.as_bytes()).ok_or("the plain form")?;
    /// assert_eq!(Some(in_two.clone()), AggregatedInput::scan(json.as_bytes()));
    /// assert_eq!(in_two.report()?.nights().total(), 160);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn scan_in_two(json: &[u8]) -> Option<Self> {
        crate::scan::scan_in_two(json)
    }

    /// An input counted into `aggregate`, with no repeated stay id.
    pub(crate) fn counted(aggregate: Aggregate) -> Self {
        Self { aggregate, duplicate: None }
    }

    /// The aggregate of the input (what travels to be merged with other shelters').
    ///
    /// # Errors
    ///
    /// [`ReportError::DuplicateStay`] when two stays share an id (the same error, naming the
    /// same stays, as [`ReportInput::aggregate`](crate::ReportInput::aggregate)).
    pub fn aggregate(self) -> Result<Aggregate, ReportError> {
        match self.duplicate {
            Some(err) => Err(err),
            None => Ok(self.aggregate),
        }
    }

    /// The report of the input: every figure of its period.
    ///
    /// # Errors
    ///
    /// [`ReportError::DuplicateStay`] when two stays share an id.
    pub fn report(&self) -> Result<Report, ReportError> {
        match &self.duplicate {
            Some(err) => Err(err.clone()),
            None => Ok(self.aggregate.report()),
        }
    }
}

/// The keys of a report input.
#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "snake_case")]
enum Field {
    Period,
    Beds,
    Stays,
    DayContacts,
}

/// `beds`, read as [`ReportInput`](crate::ReportInput) reads it (at least 1).
struct Beds(u64);

impl<'de> Deserialize<'de> for Beds {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        beds_at_least_one(d).map(Beds)
    }
}

/// What has been read so far.
#[derive(Default)]
struct Reading {
    /// The aggregate, once the period is known.
    aggregate: Option<Aggregate>,
    /// Records read before the period, counted once it arrives.
    early_stays: Vec<Stay>,
    early_contacts: Vec<DayContact>,
    /// The stays' ids in order, and each one's hash with its index.
    ids: Vec<StayId>,
    hashes: Vec<(u64, usize)>,
}

impl Reading {
    fn start(&mut self, period: Period) {
        let mut aggregate = Aggregate::empty(period);
        for stay in self.early_stays.drain(..) {
            aggregate.add_stay(&stay);
        }
        for contact in self.early_contacts.drain(..) {
            aggregate.add_contact(&contact);
        }
        self.aggregate = Some(aggregate);
    }

    fn stay(&mut self, stay: Stay) {
        self.hashes.push((fnv1a(stay.id().as_str()), self.ids.len()));
        match &mut self.aggregate {
            Some(aggregate) => {
                aggregate.add_stay(&stay);
                self.ids.push(stay.into_id());
            }
            None => {
                self.ids.push(stay.id().clone());
                self.early_stays.push(stay);
            }
        }
    }

    fn contact(&mut self, contact: DayContact) {
        match &mut self.aggregate {
            Some(aggregate) => aggregate.add_contact(&contact),
            None => self.early_contacts.push(contact),
        }
    }

    /// The first repeated id as [`ReportInput::validate`](crate::ReportInput::validate)
    /// finds it: the least id (by its text) that appears twice, at its first two indices.
    fn duplicate(mut self) -> Option<ReportError> {
        self.hashes.sort_unstable();
        let mut found: Option<(&StayId, usize, usize)> = None;
        let mut rest = self.hashes.as_mut_slice();
        while let Some((&mut (hash, _), _)) = rest.split_first_mut() {
            let run = rest.iter().take_while(|(h, _)| *h == hash).count();
            let (same, tail) = rest.split_at_mut(run);
            rest = tail;
            if same.len() < 2 {
                continue;
            }
            // Equal hashes: compare the ids themselves, in the order `validate` sorts them.
            let ids = &self.ids;
            same.sort_unstable_by(|a, b| ids.get(a.1).cmp(&ids.get(b.1)).then(a.1.cmp(&b.1)));
            let pair = same.windows(2).find_map(|w| match w {
                [(_, i), (_, j)] => ids.get(*i).filter(|a| ids.get(*j) == Some(*a)).map(|id| (id, *i, *j)),
                _ => None,
            });
            if let Some(pair) = pair
                && found.is_none_or(|(id, _, _)| pair.0 < id)
            {
                found = Some(pair);
            }
        }
        found.map(|(id, first, second)| ReportError::DuplicateStay { id: id.clone(), first, second })
    }
}

/// FNV-1a, 64 bits: a stay id's bucket for finding repeats (equal ids, equal hashes; equal
/// hashes are then compared as ids).
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, b| (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

impl<'de> Deserialize<'de> for AggregatedInput {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        const FIELDS: &[&str] = &["period", "beds", "stays", "day_contacts"];
        deserializer.deserialize_struct("ReportInput", FIELDS, InputVisitor)
    }
}

struct InputVisitor;

impl<'de> Visitor<'de> for InputVisitor {
    type Value = AggregatedInput;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("struct ReportInput")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<AggregatedInput, A::Error> {
        let mut reading = Reading::default();
        let (mut period, mut beds, mut stays, mut contacts) = (false, None, false, false);
        while let Some(key) = map.next_key::<Field>()? {
            let (seen, name) = match key {
                Field::Period => (period, "period"),
                Field::Beds => (beds.is_some(), "beds"),
                Field::Stays => (stays, "stays"),
                Field::DayContacts => (contacts, "day_contacts"),
            };
            if seen {
                return Err(de::Error::duplicate_field(name));
            }
            match key {
                Field::Period => {
                    reading.start(map.next_value::<Period>()?);
                    period = true;
                }
                Field::Beds => beds = Some(map.next_value::<Beds>()?.0),
                Field::Stays => {
                    map.next_value_seed(Records { reading: &mut reading, stays: true })?;
                    stays = true;
                }
                Field::DayContacts => {
                    map.next_value_seed(Records { reading: &mut reading, stays: false })?;
                    contacts = true;
                }
            }
        }
        let missing = [(!period, "period"), (beds.is_none(), "beds"), (!stays, "stays"), (!contacts, "day_contacts")];
        if let Some((_, name)) = missing.iter().find(|(missing, _)| *missing) {
            return Err(de::Error::missing_field(name));
        }
        let Some((aggregate, Some(beds))) = reading.aggregate.take().map(|a| (a, beds)) else {
            return Err(de::Error::missing_field("period"));
        };
        Ok(AggregatedInput { aggregate: aggregate.with_beds(beds), duplicate: reading.duplicate() })
    }
}

/// The array of stays (`stays: true`) or of day contacts, each counted as it is read.
struct Records<'r> {
    reading: &'r mut Reading,
    stays: bool,
}

impl<'de> DeserializeSeed<'de> for Records<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Records<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        if self.stays {
            while let Some(stay) = seq.next_element::<Stay>()? {
                self.reading.stay(stay);
            }
        } else {
            while let Some(contact) = seq.next_element::<DayContact>()? {
                self.reading.contact(contact);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(stays: &str, order_period_last: bool) -> String {
        let period = r#""period": {"from": "2025-01-01", "to": "2025-12-31"}"#;
        let body = format!(
            r#""beds": 3, "stays": [{stays}], "day_contacts": [{{"date": "2025-03-01", "mode": "phone", "interpreter": false}}]"#
        );
        if order_period_last { format!("{{{body}, {period}}}") } else { format!("{{{period}, {body}}}") }
    }

    fn stay(id: &str) -> String {
        format!(
            r#"{{"id": "{id}", "person": {{"kind": "adult", "gender": "female", "age": 34, "municipality": "3205"}},
            "check_in": "2025-08-01", "check_out": "2025-08-05", "first_stay_this_year": true,
            "violence_types": ["physical"], "relation": null, "after_stay": null, "previous_stays": 0}}"#
        )
    }

    fn both(json: &str) -> (Result<Report, ReportError>, Result<Report, ReportError>) {
        let streamed: AggregatedInput = serde_json::from_str(json).unwrap();
        let read: crate::ReportInput = serde_json::from_str(json).unwrap();
        (streamed.report(), crate::report(&read))
    }

    /// Records before the period wait for it; the report is the same either way.
    #[test]
    fn the_period_may_come_last() {
        let stays = [stay("a"), stay("b")].join(",");
        let (first, present) = both(&input(&stays, false));
        assert_eq!(first, present);
        let (last, _) = both(&input(&stays, true));
        assert_eq!(last, present);
        assert_eq!(last.unwrap().stays().total(), 2);
    }

    /// The least repeated id at its first two indices, as `validate` names it, whatever the
    /// order of the hashes.
    #[test]
    fn the_repeat_named_is_the_one_validate_names() {
        let ids = ["z", "b", "q", "z", "b", "b", "q"];
        let stays = ids.iter().map(|id| stay(id)).collect::<Vec<_>>().join(",");
        for last in [false, true] {
            let (streamed, present) = both(&input(&stays, last));
            assert_eq!(streamed, present);
            let Err(ReportError::DuplicateStay { id, first, second }) = streamed else { panic!("a repeat") };
            assert_eq!((id.as_str(), first, second), ("b", 1, 4));
        }
    }

    /// Ids whose hashes collide are told apart by their text.
    #[test]
    fn equal_hashes_of_different_ids_are_no_repeat() {
        let mut reading = Reading::default();
        for (i, id) in ["x", "y", "x"].iter().enumerate() {
            reading.ids.push(StayId::try_new(*id).unwrap());
            // Every hash the same: only the ids can tell them apart.
            reading.hashes.push((7, i));
        }
        assert_eq!(
            reading.duplicate(),
            Some(ReportError::DuplicateStay { id: StayId::try_new("x").unwrap(), first: 0, second: 2 })
        );
        let mut distinct = Reading::default();
        for (i, id) in ["x", "y"].iter().enumerate() {
            distinct.ids.push(StayId::try_new(*id).unwrap());
            distinct.hashes.push((7, i));
        }
        assert_eq!(distinct.duplicate(), None);
    }

    /// A repeated key, a missing one, an unknown one and an array for the object are refused.
    #[test]
    fn malformed_inputs_are_refused() {
        let good = input(&stay("a"), false);
        assert!(serde_json::from_str::<AggregatedInput>(&good).is_ok());
        for bad in [
            good.replacen(r#""beds": 3"#, r#""beds": 3, "beds": 3"#, 1),
            good.replacen(r#""beds": 3,"#, "", 1),
            good.replacen(r#""beds": 3"#, r#""beds": 0"#, 1),
            good.replacen(r#""beds": 3"#, r#""beds": 3, "name": 1"#, 1),
            good.replacen(r#""stays": ["#, r#""stays": [], "stays": ["#, 1),
            good.replacen(
                r#", "day_contacts": [{"date": "2025-03-01", "mode": "phone", "interpreter": false}]"#,
                "",
                1,
            ),
            r#"{"beds": 3, "stays": [], "day_contacts": []}"#.to_owned(),
            "[]".to_owned(),
        ] {
            assert!(serde_json::from_str::<AggregatedInput>(&bad).is_err(), "{bad}");
        }
    }
}
