//! A byte-level reader of the plain form a report input usually takes, for speed: it reads
//! a document straight into an [`Aggregate`], borrowing every string from the input (no
//! allocation per record), and gives up on anything outside that plain form, leaving the
//! document to serde's reader, which gives the same report or words the error.
//!
//! The plain form: JSON white space, the four keys of the input, the period before the
//! records, strings of printable ASCII without escapes, whole numbers without sign, fraction,
//! exponent or leading zero, `true`, `false`, `null`, and every stay id once. Every value is
//! checked by the same constructors serde's reader runs ([`Period::try_new`],
//! [`Stay::try_new`], `validate_id`, [`Age::try_new`](krisesenter_core::Age::try_new), the
//! municipality's parser, the exact date reader, on the same bytes), so a document read here is one serde's
//! reader accepts, with the same figures (stats-20 in tests/properties.rs, and cli-10, the
//! CLI's `report_readers_agree`, on edited documents).

use chrono::NaiveDate;
use krisesenter_core::{Age, Gender, PersonKind, Relation, ViolenceType};

use crate::StayId;
use crate::aggregate::Aggregate;
use crate::record::{AfterStay, ContactMode, DayContact, Municipality, Period, Stay, StayPerson, ViolenceTypes};
use crate::stream::AggregatedInput;

/// The input and a position in it.
struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    /// Skips JSON white space and gives the next byte, not consumed.
    fn peek(&mut self) -> Option<u8> {
        while let Some(&b) = self.bytes.get(self.pos) {
            if !matches!(b, b' ' | b'\n' | b'\r' | b'\t') {
                return Some(b);
            }
            self.pos += 1;
        }
        None
    }

    /// Consumes `byte`, after white space.
    fn eat(&mut self, byte: u8) -> Option<()> {
        (self.peek()? == byte).then(|| self.pos += 1)
    }

    /// Consumes `word` (`true`, `false`, `null`) if it comes next, after white space.
    fn word(&mut self, word: &[u8]) -> bool {
        self.peek();
        let found = self.bytes.get(self.pos..self.pos + word.len()) == Some(word);
        if found {
            self.pos += word.len();
        }
        found
    }

    /// A string of printable ASCII without escapes, its quotes consumed, as bytes.
    fn string(&mut self) -> Option<&'a [u8]> {
        self.eat(b'"')?;
        let rest = self.bytes.get(self.pos..)?;
        let len = plain_len(rest);
        if rest.get(len) != Some(&b'"') {
            return None;
        }
        self.pos += len + 1;
        rest.get(..len)
    }

    /// The same string as text.
    fn text(&mut self) -> Option<&'a str> {
        std::str::from_utf8(self.string()?).ok()
    }

    /// A whole number of at most `max_digits` digits, without sign, fraction, exponent or
    /// leading zero.
    fn number(&mut self, max_digits: usize) -> Option<u64> {
        self.peek();
        let rest = self.bytes.get(self.pos..)?;
        let len = rest.iter().position(|b| !b.is_ascii_digit()).unwrap_or(rest.len());
        let digits = rest.get(..len)?;
        if len == 0 || len > max_digits || (len > 1 && digits.first() == Some(&b'0')) {
            return None;
        }
        // What follows a JSON number: never a fraction or an exponent here.
        if matches!(rest.get(len), Some(b'.' | b'e' | b'E')) {
            return None;
        }
        self.pos += len;
        digits.iter().try_fold(0u64, |n, d| n.checked_mul(10)?.checked_add(u64::from(d - b'0')))
    }

    fn boolean(&mut self) -> Option<bool> {
        if self.word(b"true") {
            Some(true)
        } else if self.word(b"false") {
            Some(false)
        } else {
            None
        }
    }

    /// A date: a string of exactly ten bytes, read by the exact date reader (a string of any
    /// other length, escapes included, is no date).
    fn date(&mut self) -> Option<NaiveDate> {
        self.peek();
        let quoted = self.bytes.get(self.pos..self.pos + 12)?;
        let (Some(b'"'), Some(b'"')) = (quoted.first(), quoted.last()) else { return None };
        let date = krisesenter_core::date::parse_exact_bytes(quoted.get(1..11)?)?;
        self.pos += 12;
        Some(date)
    }

    /// `null`, or what `read` reads.
    fn nullable<T>(&mut self, read: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        if self.word(b"null") { Some(None) } else { read(self).map(Some) }
    }

    /// A key of an object: `expected` (the key that usually comes next) compared at once,
    /// any other key scanned as a string.
    fn key(&mut self, expected: Option<&&'static [u8]>) -> Option<&'a [u8]> {
        if let Some(expected) = expected {
            self.peek();
            let end = self.pos + expected.len() + 2;
            if let Some([b'"', key @ .., b'"']) = self.bytes.get(self.pos..end)
                && key == *expected
            {
                self.pos = end;
                return Some(key);
            }
        }
        self.string()
    }

    /// An object: `field` reads the value of each key (the cursor after the colon); `order`
    /// is the order the keys usually come in (any order is read).
    fn object(
        &mut self,
        order: &[&'static [u8]],
        mut field: impl FnMut(&mut Self, &'a [u8]) -> Option<()>,
    ) -> Option<()> {
        self.eat(b'{')?;
        if self.eat(b'}').is_some() {
            return Some(());
        }
        let mut order = order.iter();
        loop {
            let key = self.key(order.next())?;
            self.eat(b':')?;
            field(self, key)?;
            if !self.another(b'}')? {
                return Some(());
            }
        }
    }

    /// After an element of an object or array: `Some(true)` past a comma (another element
    /// follows), `Some(false)` past `close` (the end), `None` for anything else.
    fn another(&mut self, close: u8) -> Option<bool> {
        let next = self.peek()?;
        if next != b',' && next != close {
            return None;
        }
        self.pos += 1;
        Some(next == b',')
    }

    /// An array: `item` reads each element.
    fn array(&mut self, mut item: impl FnMut(&mut Self) -> Option<()>) -> Option<()> {
        self.eat(b'[')?;
        if self.eat(b']').is_some() {
            return Some(());
        }
        loop {
            item(self)?;
            if !self.another(b']')? {
                return Some(());
            }
        }
    }

    /// A value of a wire enumeration, by its wire name.
    fn wire<T: Copy>(&mut self, all: &[T], name: fn(T) -> &'static str) -> Option<T> {
        let text = self.string()?;
        all.iter().copied().find(|v| name(*v).as_bytes() == text)
    }
}

/// The number of bytes at the start of `bytes` that a plain string holds: printable ASCII
/// other than `"` and `\`, eight bytes at a time.
fn plain_len(bytes: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    /// The high bit of every byte of `word` that is a control byte, `"`, `\`, DEL or
    /// beyond ASCII, and possibly of bytes after such a byte (never before the first).
    fn stops(word: u64) -> u64 {
        let has_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
        let control = word.wrapping_sub(ONES * 0x20) & !word & HIGH;
        // A byte of 0x7f or more: its high bit set, or set once one is added to the low seven.
        let high = ((word & !HIGH).wrapping_add(ONES) | word) & HIGH;
        control | has_zero(word ^ (ONES * u64::from(b'"'))) | has_zero(word ^ (ONES * u64::from(b'\\'))) | high
    }
    let mut len = 0;
    for chunk in bytes.chunks_exact(8) {
        let Ok(word) = <[u8; 8]>::try_from(chunk).map(u64::from_le_bytes) else { break };
        let stop = stops(word);
        if stop != 0 {
            // The lowest marked byte is the first that stops (a borrow only ever marks bytes
            // after a stopping one, and the bytes are read little-endian).
            return len + (stop.trailing_zeros() / 8) as usize;
        }
        len += 8;
    }
    let rest = bytes.get(len..).unwrap_or(&[]);
    len + rest.iter().position(|&b| !(b' '..=b'~').contains(&b) || b == b'"' || b == b'\\').unwrap_or(rest.len())
}

/// Marks `bit` of `seen`, or `None` when it was already marked (a key given twice).
fn once(seen: &mut u16, bit: u16) -> Option<()> {
    let mask = 1 << bit;
    if *seen & mask != 0 {
        return None;
    }
    *seen |= mask;
    Some(())
}

fn period(c: &mut Cursor<'_>) -> Option<Period> {
    let (mut from, mut to, mut seen) = (None, None, 0u16);
    c.object(&[b"from", b"to"], |c, key| match key {
        b"from" => once(&mut seen, 0).and_then(|()| c.date()).map(|d| from = Some(d)),
        b"to" => once(&mut seen, 1).and_then(|()| c.date()).map(|d| to = Some(d)),
        _ => None,
    })?;
    Period::try_new(from?, to?).ok()
}

fn person(c: &mut Cursor<'_>) -> Option<StayPerson> {
    let (mut kind, mut gender, mut age, mut municipality, mut seen) = (None, None, None, None, 0u16);
    c.object(&[b"kind", b"gender", b"age", b"municipality"], |c, key| match key {
        b"kind" => {
            once(&mut seen, 0).and_then(|()| c.wire(PersonKind::ALL, PersonKind::as_str)).map(|v| kind = Some(v))
        }
        b"gender" => once(&mut seen, 1).and_then(|()| c.wire(Gender::ALL, Gender::as_str)).map(|v| gender = Some(v)),
        b"age" => once(&mut seen, 2)
            .and_then(|()| c.number(5))
            .and_then(|n| Age::try_new(u16::try_from(n).ok()?).ok())
            .map(|v| age = Some(v)),
        b"municipality" => {
            once(&mut seen, 3).and_then(|()| c.text()?.parse::<Municipality>().ok()).map(|v| municipality = Some(v))
        }
        _ => None,
    })?;
    Some(StayPerson::new(kind?, gender?, age?, municipality?))
}

fn violence_types(c: &mut Cursor<'_>) -> Option<ViolenceTypes> {
    let mut set = ViolenceTypes::EMPTY;
    c.array(|c| {
        let value = c.wire(ViolenceType::ALL, ViolenceType::as_str)?;
        // A set names each type once: serde's reader refuses a repeat.
        (!set.contains(value)).then(|| set.insert(value))
    })?;
    Some(set)
}

/// The fields of one stay as read.
#[derive(Default)]
struct StayFields<'a> {
    id: Option<&'a str>,
    person: Option<StayPerson>,
    check_in: Option<NaiveDate>,
    check_out: Option<Option<NaiveDate>>,
    first_stay_this_year: Option<bool>,
    statistics_opt_out: Option<bool>,
    violence_types: Option<ViolenceTypes>,
    relation: Option<Option<Relation>>,
    after_stay: Option<Option<AfterStay>>,
    previous_stays: Option<u32>,
}

fn stay_fields<'a>(c: &mut Cursor<'a>) -> Option<StayFields<'a>> {
    const ORDER: &[&[u8]] = &[
        b"id",
        b"person",
        b"check_in",
        b"check_out",
        b"first_stay_this_year",
        b"statistics_opt_out",
        b"violence_types",
        b"relation",
        b"after_stay",
        b"previous_stays",
    ];
    let mut s = StayFields::default();
    let mut seen = 0u16;
    c.object(ORDER, |c, key| {
        match key {
            b"id" => {
                once(&mut seen, 0)?;
                let id = c.text()?;
                krisesenter_core::validate_id(id).ok()?;
                s.id = Some(id);
            }
            b"person" => {
                once(&mut seen, 1)?;
                s.person = Some(person(c)?);
            }
            b"check_in" => {
                once(&mut seen, 2)?;
                s.check_in = Some(c.date()?);
            }
            b"check_out" => {
                once(&mut seen, 3)?;
                s.check_out = Some(c.nullable(Cursor::date)?);
            }
            b"first_stay_this_year" => {
                once(&mut seen, 4)?;
                s.first_stay_this_year = Some(c.boolean()?);
            }
            b"statistics_opt_out" => {
                once(&mut seen, 5)?;
                s.statistics_opt_out = Some(c.boolean()?);
            }
            b"violence_types" => {
                once(&mut seen, 6)?;
                s.violence_types = Some(violence_types(c)?);
            }
            b"relation" => {
                once(&mut seen, 7)?;
                s.relation = Some(c.nullable(|c| c.wire(Relation::ALL, Relation::as_str))?);
            }
            b"after_stay" => {
                once(&mut seen, 8)?;
                s.after_stay = Some(c.nullable(|c| c.wire(AfterStay::ALL, AfterStay::as_str))?);
            }
            b"previous_stays" => {
                once(&mut seen, 9)?;
                s.previous_stays = Some(u32::try_from(c.number(10)?).ok()?);
            }
            _ => return None,
        }
        Some(())
    })?;
    Some(s)
}

/// Counts one stay into `aggregate`, checked as [`Stay`]'s reader checks it. `spare` is an
/// id lent to the [`Stay`] that is counted (the count never reads the id; the real one is
/// checked and borrowed from the input), so that no stay allocates.
fn stay<'a>(c: &mut Cursor<'a>, aggregate: &mut Aggregate, spare: &mut Option<StayId>) -> Option<&'a str> {
    let s = stay_fields(c)?;
    let id = s.id?;
    let stay = Stay::try_new(spare.take()?, s.person?, s.check_in?, s.check_out?)
        .ok()?
        .with_first_stay_this_year(s.first_stay_this_year?)
        .with_statistics_opt_out(s.statistics_opt_out.unwrap_or(false))
        .with_violence(s.violence_types?)
        .with_relation(s.relation?)
        .with_after_stay(s.after_stay?)
        .with_previous_stays(s.previous_stays?);
    aggregate.add_stay(&stay);
    *spare = Some(stay.into_id());
    Some(id)
}

fn contact(c: &mut Cursor<'_>) -> Option<DayContact> {
    let (mut date, mut mode, mut interpreter, mut seen) = (None, None, None, 0u16);
    c.object(&[b"date", b"mode", b"interpreter"], |c, key| match key {
        b"date" => once(&mut seen, 0).and_then(|()| c.date()).map(|d| date = Some(d)),
        b"mode" => {
            once(&mut seen, 1).and_then(|()| c.wire(ContactMode::ALL, ContactMode::as_str)).map(|m| mode = Some(m))
        }
        b"interpreter" => once(&mut seen, 2).and_then(|()| c.boolean()).map(|b| interpreter = Some(b)),
        _ => None,
    })?;
    Some(DayContact::new(date?, mode?, interpreter?))
}

/// FNV-1a, 64 bits: equal ids have equal hashes.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, b| (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// The arrays of records of a report input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Records {
    Stays,
    DayContacts,
}

/// What a reading of a report input has gathered: the aggregate once the period is read, the
/// beds, the hashes of the stay ids, and which of the four keys it has read.
struct Gathered {
    aggregate: Option<Aggregate>,
    beds: Option<u64>,
    hashes: Vec<u64>,
    /// The id lent to each [`Stay`] that is counted (see [`stay`]).
    spare: Option<StayId>,
    seen: u16,
}

/// Where a reading stopped: at the end of the document, or before the record that begins at
/// the position it was told to stop at (the rest is read by another thread).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reached {
    End,
    Stop,
}

impl Gathered {
    fn new(aggregate: Option<Aggregate>) -> Option<Self> {
        Some(Self { aggregate, beds: None, hashes: Vec::new(), spare: Some(StayId::try_new("s").ok()?), seen: 0 })
    }

    /// The whole document from its first byte.
    fn document(&mut self, c: &mut Cursor<'_>, stop: Option<(usize, Records)>) -> Option<Reached> {
        c.eat(b'{')?;
        let key = c.key(Some(&&b"period"[..]))?;
        c.eat(b':')?;
        if self.value(c, key, stop)? == Reached::Stop {
            return Some(Reached::Stop);
        }
        self.rest(c, stop)
    }

    /// The value of the top-level `key`, the cursor after its colon.
    fn value(&mut self, c: &mut Cursor<'_>, key: &[u8], stop: Option<(usize, Records)>) -> Option<Reached> {
        match key {
            b"period" => {
                once(&mut self.seen, 0)?;
                self.aggregate = Some(Aggregate::empty(period(c)?));
            }
            b"beds" => {
                once(&mut self.seen, 1)?;
                self.beds = Some(c.number(19).filter(|b| *b >= 1)?);
            }
            b"stays" => return self.array(c, Records::Stays, 2, stop),
            b"day_contacts" => return self.array(c, Records::DayContacts, 3, stop),
            _ => return None,
        }
        Some(Reached::End)
    }

    /// The array of `records` under the key of `bit`, the cursor after its colon.
    fn array(
        &mut self,
        c: &mut Cursor<'_>,
        records: Records,
        bit: u16,
        stop: Option<(usize, Records)>,
    ) -> Option<Reached> {
        once(&mut self.seen, bit)?;
        // The period comes first in the plain form.
        self.aggregate.as_ref()?;
        c.eat(b'[')?;
        if c.eat(b']').is_some() {
            return Some(Reached::End);
        }
        self.records(c, records, stop)
    }

    /// The records of an array from one that begins at the cursor, through the array's `]`;
    /// with `stop`, up to the record that begins there, if one does and the array is of the
    /// kind given with it.
    fn records(&mut self, c: &mut Cursor<'_>, records: Records, stop: Option<(usize, Records)>) -> Option<Reached> {
        let aggregate = self.aggregate.as_mut()?;
        loop {
            c.peek();
            if stop == Some((c.pos, records)) {
                return Some(Reached::Stop);
            }
            match records {
                Records::Stays => {
                    let id = stay(c, aggregate, &mut self.spare)?;
                    self.hashes.push(fnv1a(id));
                }
                Records::DayContacts => aggregate.add_contact(&contact(c)?),
            }
            if !c.another(b']')? {
                return Some(Reached::End);
            }
        }
    }

    /// The rest of the top-level object after a value: `, key: value` to its `}`, and nothing
    /// after it but white space.
    fn rest(&mut self, c: &mut Cursor<'_>, stop: Option<(usize, Records)>) -> Option<Reached> {
        loop {
            if !c.another(b'}')? {
                return c.peek().is_none().then_some(Reached::End);
            }
            let key = c.key(None)?;
            c.eat(b':')?;
            if self.value(c, key, stop)? == Reached::Stop {
                return Some(Reached::Stop);
            }
        }
    }

    /// The input, once every key has been read: `None` when one is missing, or when two stay
    /// ids hash alike (a repeated id is left to serde's reader, which names it).
    fn finish(mut self) -> Option<AggregatedInput> {
        if self.seen != 0b1111 {
            return None;
        }
        self.hashes.sort_unstable();
        if self.hashes.windows(2).any(|w| matches!(w, [a, b] if a == b)) {
            return None;
        }
        Some(AggregatedInput::counted(self.aggregate?.with_beds(self.beds?)))
    }

    /// This reading of the document up to a record, joined with `other`'s of the rest from
    /// that record on: the keys each read (none twice), the aggregates merged, the hashes.
    fn join(mut self, other: Gathered) -> Option<Gathered> {
        if self.seen & other.seen != 0 {
            return None;
        }
        self.seen |= other.seen;
        self.aggregate = Some(self.aggregate?.merge(&other.aggregate?).ok()?);
        self.beds = self.beds.or(other.beds);
        self.hashes.extend(other.hashes);
        Some(self)
    }
}

/// Documents from this size on are read by two threads, each half of it.
const TWO_THREADS_FROM: usize = 16 << 20;

/// How far past the middle a record to split at is looked for.
const SPLIT_SEARCH: usize = 1 << 20;

/// A place to split `json` near its middle: the first `{` after the middle followed by the
/// key `"id"` (a stay) or `"date"` (a day contact), with the array it seems to belong to. In
/// a document of the plain form such a brace always opens a record, since no string holds a
/// quote; the reading up to it checks that it does before the rest is used.
fn split(json: &[u8]) -> Option<(usize, Records)> {
    let from = json.len() / 2;
    let window = json.get(from..from.saturating_add(SPLIT_SEARCH).min(json.len()))?;
    window.iter().enumerate().filter(|(_, b)| **b == b'{').find_map(|(i, _)| {
        let at = from + i;
        let mut c = Cursor { bytes: json, pos: at + 1 };
        let key = c.key(None)?;
        let records = match key {
            b"id" => Records::Stays,
            b"date" => Records::DayContacts,
            _ => return None,
        };
        Some((at, records))
    })
}

/// Reads `json` if it is a report input in the plain form, counted; `None` otherwise
/// (including every document that is not a valid input, and a valid one with two stays
/// whose ids hash alike).
///
/// A large document is read by two threads: this one from the start up to a record near the
/// middle ([`split`]), another from that record to the end, their aggregates merged (the
/// aggregate is a monoid). The first reading must arrive at that record as the start of an
/// element of its array, so the second read exactly what the first would have; if it does
/// not, the first reads on to the end alone. Either way the result is the one reading.
pub(crate) fn scan(json: &[u8]) -> Option<AggregatedInput> {
    if json.len() >= TWO_THREADS_FROM { scan_in_two(json) } else { scan_in_one(json) }
}

/// [`scan`] by two threads whatever the size of `json` (by one when it gives no place to
/// split).
pub(crate) fn scan_in_two(json: &[u8]) -> Option<AggregatedInput> {
    two_threads(json).unwrap_or_else(|| scan_in_one(json))
}

/// [`scan`] by this thread alone.
fn scan_in_one(json: &[u8]) -> Option<AggregatedInput> {
    let mut whole = Gathered::new(None)?;
    match whole.document(&mut Cursor { bytes: json, pos: 0 }, None)? {
        Reached::End => whole.finish(),
        Reached::Stop => None,
    }
}

/// [`scan`] by two threads; `None` when the document gives no place to split, else the
/// reading.
fn two_threads(json: &[u8]) -> Option<Option<AggregatedInput>> {
    // The period first (the plain form), so that the second thread counts into the same
    // period; the first reads it again.
    let mut c = Cursor { bytes: json, pos: 0 };
    c.eat(b'{')?;
    if c.key(Some(&&b"period"[..]))? != b"period" {
        return None;
    }
    c.eat(b':')?;
    let period = period(&mut c)?;
    let (at, records) = split(json)?;
    Some(std::thread::scope(|scope| {
        let rest = scope.spawn(move || {
            let mut rest = Gathered::new(Some(Aggregate::empty(period)))?;
            let mut c = Cursor { bytes: json, pos: at };
            (rest.records(&mut c, records, None)? == Reached::End && rest.rest(&mut c, None)? == Reached::End)
                .then_some(rest)
        });
        let mut first = Gathered::new(None)?;
        let reached = first.document(&mut Cursor { bytes: json, pos: 0 }, Some((at, records)));
        // The other thread's reading is waited for, and used only when this one stopped at
        // the record it began at.
        let rest = rest.join().ok().flatten();
        match reached? {
            Reached::End => first.finish(),
            Reached::Stop => first.join(rest?)?.finish(),
        }
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn byte_by_byte(bytes: &[u8]) -> usize {
        bytes.iter().position(|&b| !(b' '..=b'~').contains(&b) || b == b'"' || b == b'\\').unwrap_or(bytes.len())
    }

    /// Eight bytes at a time stops where byte by byte does: every byte value at every position
    /// of a run of 24, and every pair of byte values at two positions of one word or of two.
    #[test]
    fn plain_len_stops_where_the_bytes_do() {
        for stop in 0..=255u8 {
            for at in 0..24 {
                let mut bytes = vec![b'a'; 24];
                if let Some(b) = bytes.get_mut(at) {
                    *b = stop;
                }
                assert_eq!(plain_len(&bytes), byte_by_byte(&bytes), "{stop} at {at}");
                assert_eq!(plain_len(&bytes[..at]), at);
            }
            for second in 0..=255u8 {
                for (i, j) in [(5, 12), (2, 5)] {
                    let mut bytes = *b"abcdefghijklmnopqr";
                    bytes[i] = stop;
                    bytes[j] = second;
                    assert_eq!(plain_len(&bytes), byte_by_byte(&bytes), "{stop} at {i}, {second} at {j}");
                }
            }
        }
    }

    /// A report input with `stays` stays and `contacts` day contacts, compact; `odd` replaces
    /// stay `odd.0` with the text `odd.1`.
    fn document(stays: usize, contacts: usize, odd: Option<(usize, &str)>) -> String {
        let stay = |i: usize| match odd {
            Some((at, text)) if at == i => text.to_owned(),
            _ => format!(
                r#"{{"id":"s{i}","person":{{"kind":"adult","gender":"female","age":34,"municipality":"3205"}},"check_in":"2025-08-01","check_out":"2025-08-05","first_stay_this_year":true,"violence_types":["physical"],"relation":null,"after_stay":"new_home","previous_stays":0}}"#
            ),
        };
        let contact =
            |i: usize| format!(r#"{{"date":"2025-03-{:02}","mode":"phone","interpreter":false}}"#, 1 + i % 28);
        format!(
            r#"{{"period":{{"from":"2025-01-01","to":"2025-12-31"}},"beds":62,"stays":[{}],"day_contacts":[{}]}}"#,
            (0..stays).map(stay).collect::<Vec<_>>().join(","),
            (0..contacts).map(contact).collect::<Vec<_>>().join(",")
        )
    }

    /// The middle in the stays or in the day contacts: two threads split there, and read what
    /// one reads.
    #[test]
    fn two_threads_split_in_either_array_and_read_as_one() {
        for (stays, contacts, records) in [(40, 2, Records::Stays), (2, 200, Records::DayContacts)] {
            let json = document(stays, contacts, None);
            assert_eq!(split(json.as_bytes()).map(|(_, r)| r), Some(records));
            let one = scan_in_one(json.as_bytes());
            assert!(one.is_some());
            assert_eq!(two_threads(json.as_bytes()), Some(one));
        }
    }

    /// A day contact in the stays array where the split falls: the second thread would read
    /// it as a day contact, but the first stops only at a record of the array it is in, so
    /// the document is refused as one thread refuses it.
    #[test]
    fn a_split_at_a_record_of_the_other_kind_is_not_used() {
        let contact = r#"{"date":"2025-03-01","mode":"phone","interpreter":false}"#;
        // The day contact as the last stay, where the split falls: read as a day contact, the
        // rest would make a whole document.
        let json = (1..400)
            .map(|contacts| document(21, contacts, Some((20, contact))))
            .find(|json| {
                split(json.as_bytes()).is_some_and(|(at, _)| json.get(at..at + contact.len()) == Some(contact))
            })
            .unwrap();
        assert_eq!(split(json.as_bytes()).map(|(_, r)| r), Some(Records::DayContacts));
        assert_eq!(scan_in_one(json.as_bytes()), None);
        assert_eq!(two_threads(json.as_bytes()), Some(None));
    }

    /// A key given again after the split (here `beds`) is refused as one thread refuses it,
    /// though each thread reads it once.
    #[test]
    fn a_key_read_by_both_threads_is_refused() {
        let json = document(40, 2, None).trim_end_matches('}').to_owned() + r#","beds":62}"#;
        assert_eq!(scan_in_one(json.as_bytes()), None);
        assert_eq!(two_threads(json.as_bytes()), Some(None));
    }

    /// A date is a string of exactly ten bytes; anything longer, shorter or escaped is not.
    #[test]
    fn a_date_is_ten_bytes_in_quotes() {
        let date = |text: &str| Cursor { bytes: text.as_bytes(), pos: 0 }.date();
        assert_eq!(date(r#" "2025-03-01","#), NaiveDate::from_ymd_opt(2025, 3, 1));
        for bad in [r#""2025-03-01 ""#, r#""2025-03-0""#, r#""2025-03-0\u0031""#, r#""2025-02-29""#, r#""2025-03-01"#] {
            assert_eq!(date(bad), None, "{bad}");
        }
    }
}
