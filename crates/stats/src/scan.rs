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
            match self.peek()? {
                b',' => self.pos += 1,
                b'}' => {
                    self.pos += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    /// An array: `item` reads each element.
    fn array(&mut self, mut item: impl FnMut(&mut Self) -> Option<()>) -> Option<()> {
        self.eat(b'[')?;
        if self.eat(b']').is_some() {
            return Some(());
        }
        loop {
            item(self)?;
            match self.peek()? {
                b',' => self.pos += 1,
                b']' => {
                    self.pos += 1;
                    return Some(());
                }
                _ => return None,
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

/// Reads `json` if it is a report input in the plain form, counted; `None` otherwise
/// (including every document that is not a valid input, and a valid one with two stays
/// whose ids hash alike).
pub(crate) fn scan(json: &[u8]) -> Option<AggregatedInput> {
    let mut c = Cursor { bytes: json, pos: 0 };
    let mut aggregate: Option<Aggregate> = None;
    let mut beds = None;
    let mut hashes: Vec<u64> = Vec::new();
    let mut spare = Some(StayId::try_new("s").ok()?);
    let mut seen = 0u16;
    c.object(&[b"period", b"beds", b"stays", b"day_contacts"], |c, key| {
        match key {
            b"period" => {
                once(&mut seen, 0)?;
                aggregate = Some(Aggregate::empty(period(c)?));
            }
            b"beds" => {
                once(&mut seen, 1)?;
                beds = Some(c.number(19).filter(|b| *b >= 1)?);
            }
            b"stays" => {
                once(&mut seen, 2)?;
                // The period comes first in the plain form.
                let aggregate = aggregate.as_mut()?;
                c.array(|c| {
                    let id = stay(c, aggregate, &mut spare)?;
                    hashes.push(fnv1a(id));
                    Some(())
                })?;
            }
            b"day_contacts" => {
                once(&mut seen, 3)?;
                let aggregate = aggregate.as_mut()?;
                c.array(|c| {
                    aggregate.add_contact(&contact(c)?);
                    Some(())
                })?;
            }
            _ => return None,
        }
        Some(())
    })?;
    // Nothing but white space after the document.
    if c.peek().is_some() || seen != 0b1111 {
        return None;
    }
    // A repeated id (or two ids that hash alike): left to serde's reader, which names it.
    hashes.sort_unstable();
    if hashes.windows(2).any(|w| matches!(w, [a, b] if a == b)) {
        return None;
    }
    Some(AggregatedInput::counted(aggregate?.with_beds(beds?)))
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
