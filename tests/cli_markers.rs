//! The message rule (docs/contract.md "The message rule") as a property with planted markers:
//! payloads for every command, from the example payloads of `docs/examples/` and from the
//! testkit's strategies, get a distinctive marker in every id, every number that can carry a
//! value, every date and every free-text field (protected attributes, the notes of a report),
//! are mutated so that they fail in many ways (wrong types, unknown fields, repeated elements,
//! dates out of order, zeros, values out of range), and then:
//!
//! - no error message and no error `path` holds a marker (a path holds only names of the
//!   contract, indices and municipality numbers);
//! - no successful output holds a free-text marker (free text never reaches an output).
//!
//! Raise the number of cases with `PROPTEST_CASES`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "test helpers fail loudly"
)]

mod payloads;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::OnceLock;

use chrono::NaiveDate;
use krisesenter::cli;
use payloads::{pointers, remove_at};
use proptest::prelude::*;
use serde_json::{Value, json};

/// Fields whose strings are free text (personal data, never in an output).
const FREE_TEXT: &[&str] = &[
    "gender_identity",
    "sexual_orientation",
    "language",
    "religion",
    "disability",
    "cultural_background",
    "message_en",
    "message_nb",
    "section",
];

/// Distinctive whole numbers: they fit the wider integer fields (`u16`: 48271), or only
/// `u64` (a national identity number sent as a number), or none.
const NUMBERS: &[u64] = &[48_271, 739_184, 12_019_012_345, 9_007_199_254_740_993];

/// Distinctive fractions for the fields that are floating point.
const FRACTIONS: &[f64] = &[0.739_184_62, 4_827.13, 1.739_184e300];

/// The committed input schema of a command.
fn schema(command: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("schemas").join(format!("{command}-input.json"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Every name the contract itself can put in a document of this schema: property names and
/// enum values.
fn names(command: &str) -> &'static BTreeSet<String> {
    static NAMES: OnceLock<BTreeMap<String, BTreeSet<String>>> = OnceLock::new();
    fn walk(value: &Value, out: &mut BTreeSet<String>) {
        match value {
            Value::Object(map) => {
                for (key, child) in map {
                    match (key.as_str(), child) {
                        ("properties", Value::Object(props)) => out.extend(props.keys().cloned()),
                        ("enum", Value::Array(values)) => {
                            out.extend(values.iter().filter_map(|v| v.as_str().map(str::to_owned)));
                        }
                        ("const", Value::String(v)) => {
                            out.insert(v.clone());
                        }
                        _ => {}
                    }
                    walk(child, out);
                }
            }
            Value::Array(items) => items.iter().for_each(|item| walk(item, out)),
            _ => {}
        }
    }
    &NAMES.get_or_init(|| {
        cli::command_names()
            .map(|c| {
                let mut out = BTreeSet::new();
                walk(&schema(c), &mut out);
                (c.to_owned(), out)
            })
            .collect()
    })[command]
}

/// `docs/examples/<command>*.json` for every command, as (command, payload), with the free-text
/// fields the examples leave out written in (protected attributes, a report's notes).
fn examples() -> &'static [(String, Value)] {
    static PAYLOADS: OnceLock<Vec<(String, Value)>> = OnceLock::new();
    PAYLOADS.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/examples");
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
        paths.sort();
        paths
            .into_iter()
            .filter_map(|path| {
                let name = path.file_stem().unwrap().to_string_lossy().into_owned();
                let command = cli::command_names().find(|c| name == *c || name.starts_with(&format!("{c}-")))?;
                let mut payload: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
                with_free_text(command, &mut payload);
                Some((command.to_owned(), payload))
            })
            .collect()
    })
}

fn with_free_text(command: &str, payload: &mut Value) {
    match command {
        "assess" => {
            payload["applicant"]["protected"] = json!({
                "gender_identity": "x", "sexual_orientation": "x", "language": "x",
                "religion": "x", "disability": "x", "cultural_background": "x"
            });
        }
        "publish" => {
            payload["report"]["notes"] = json!([{
                "code": "opted_out_of_statistics", "message_nb": "x", "message_en": "x",
                "citations": [{"statute": "krisesenterlova", "section": "x", "in_force_from": "2010-01-01"}]
            }]);
        }
        _ => {}
    }
}

/// Payloads from the testkit's strategies: an `assess` example with a generated applicant (its
/// protected attributes given or not), alternatives and children, and an `allocate` example
/// with generated rooms (and its households in none yet).
fn generated() -> impl Strategy<Value = (String, Value)> {
    let assess = examples().iter().find(|(c, _)| c == "assess").unwrap().1.clone();
    let allocate = examples().iter().find(|(c, _)| c == "allocate").unwrap().1.clone();
    prop_oneof![
        (
            krisesenter_testkit::eligibility::applicant(),
            krisesenter_testkit::eligibility::alternatives(3),
            proptest::collection::vec(krisesenter_testkit::eligibility::child(), 0..3),
        )
            .prop_map(move |(applicant, alternatives, children)| {
                let mut doc = assess.clone();
                doc["applicant"] = serde_json::to_value(applicant).unwrap();
                doc["alternatives"] = serde_json::to_value(alternatives).unwrap();
                doc["children"] = serde_json::to_value(children).unwrap();
                ("assess".to_owned(), doc)
            }),
        krisesenter_testkit::rooms::rooms(5).prop_map(move |rooms| {
            let mut doc = allocate.clone();
            doc["rooms"] = serde_json::to_value(rooms).unwrap();
            // The example's rooms are gone: nobody lives in one.
            for household in doc["households"].as_array_mut().unwrap() {
                household["current_room"] = Value::Null;
            }
            ("allocate".to_owned(), doc)
        }),
    ]
}

/// The markers planted in one payload.
#[derive(Debug, Default, Clone)]
struct Planted {
    /// Ids (the same id in the input gets the same marker: references stay whole).
    ids: BTreeMap<String, String>,
    /// Free text.
    free: BTreeSet<String>,
    /// Dates, as written.
    dates: BTreeSet<String>,
    /// Numbers, as their digits.
    numbers: BTreeSet<String>,
}

impl Planted {
    /// Every marker an error must not repeat. A planted date on the first of a month is left
    /// out: a message may name the first day of a law, a constant of the contract.
    fn forbidden(&self) -> impl Iterator<Item = &String> {
        self.ids
            .values()
            .chain(&self.free)
            .chain(self.dates.iter().filter(|d| !d.ends_with("-01")))
            .chain(&self.numbers)
    }
}

fn is_date(s: &str) -> Option<NaiveDate> {
    (s.len() == 10).then(|| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()).flatten()
}

/// Plants markers in `value`: every date moved by `shift` days (their order kept), every id
/// and free text replaced, every number for which `big` says so replaced by a distinctive one.
fn plant(value: &mut Value, key: Option<&str>, known: &BTreeSet<String>, shift: i64, big: &[bool], p: &mut Planted) {
    let n = p.ids.len() + p.free.len() + p.dates.len() + p.numbers.len();
    match value {
        Value::String(s) => {
            if let Some(date) = is_date(s) {
                let moved = (date + chrono::Duration::days(shift)).format("%Y-%m-%d").to_string();
                p.dates.insert(moved.clone());
                *s = moved;
            } else if key.is_some_and(|k| FREE_TEXT.contains(&k)) {
                let marker = format!("Zqfree Nordmann {n}");
                p.free.insert(marker.clone());
                *s = marker;
            } else if !(known.contains(s.as_str()) || is_municipality(s)) {
                let next = p.ids.len();
                *s = p.ids.entry(s.clone()).or_insert_with(|| format!("zqid{next}x")).clone();
            }
        }
        Value::Number(number) => {
            if big.get(n % big.len().max(1)).copied().unwrap_or(false) {
                if number.is_f64() {
                    let f = FRACTIONS[n % FRACTIONS.len()];
                    p.numbers.insert(digits(&f.to_string()));
                    *value = json!(f);
                } else {
                    let i = NUMBERS[n % NUMBERS.len()];
                    p.numbers.insert(i.to_string());
                    *value = json!(i);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| plant(item, key, known, shift, big, p)),
        Value::Object(map) => {
            for (k, child) in map.iter_mut() {
                plant(child, Some(k), known, shift, big, p);
            }
        }
        Value::Bool(_) | Value::Null => {}
    }
}

/// A municipality number: a code, not personal data (docs/contract.md).
fn is_municipality(s: &str) -> bool {
    s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())
}

/// The longest run of digits of a number's text (`0.73918462` → `73918462`).
fn digits(text: &str) -> String {
    text.split(|c: char| !c.is_ascii_digit()).max_by_key(|run| run.len()).unwrap_or("").to_owned()
}

/// One way to make a payload fail.
#[derive(Clone, Debug)]
enum Mutation {
    /// A value of the wrong type, out of range, or a marker where another kind of value belongs.
    Replace(Value),
    /// A field or element left out.
    Remove,
    /// An unknown field (its name a marker).
    AddUnknownField,
    /// An element repeated (a repeated id).
    RepeatElement,
    /// A date moved years back (check-out before check-in, before the law took effect).
    DateBack,
    /// A number set to zero (no beds, a threshold of zero).
    Zero,
}

fn replacement() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        Just(json!(12_019_012_345u64)),
        Just(json!(48_271)),
        Just(json!(-48_271)),
        Just(json!(1.739_184e300)),
        Just(json!(0.739_184_62)),
        Just(json!("Zqfree Nordmann")),
        Just(json!("zqidreplacedx")),
        Just(json!("1987-06-13")),
        Just(json!("1987-6-13")),
        Just(json!([{"Zqfield": "Zqfree Nordmann"}])),
        Just(json!({"zqidkeyx": 48_271})),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => replacement().prop_map(Mutation::Replace),
        2 => Just(Mutation::Remove),
        1 => Just(Mutation::AddUnknownField),
        2 => Just(Mutation::RepeatElement),
        2 => Just(Mutation::DateBack),
        1 => Just(Mutation::Zero),
    ]
}

/// Applies `mutation` at the `which`-th value of `payload`, noting any marker it plants.
fn mutate(payload: &mut Value, which: usize, mutation: &Mutation, p: &mut Planted) {
    let mut all = Vec::new();
    pointers(payload, "", &mut all);
    let Some(pointer) = all.get(which % all.len().max(1)).cloned() else { return };
    let (parent, last) = pointer.rsplit_once('/').unwrap();
    let target = payload.pointer_mut(&pointer).unwrap();
    match mutation {
        Mutation::Replace(new) => *target = new.clone(),
        Mutation::DateBack => {
            if let Some(date) = target.as_str().and_then(is_date) {
                let moved = (date - chrono::Duration::days(3_653)).format("%Y-%m-%d").to_string();
                p.dates.insert(moved.clone());
                *target = Value::from(moved);
            }
        }
        Mutation::Zero => {
            if target.is_number() {
                *target = json!(0);
            }
        }
        Mutation::Remove => remove_at(payload, parent, last),
        Mutation::AddUnknownField => {
            if let Some(Value::Object(map)) = payload.pointer_mut(parent) {
                map.insert("Zqfield".to_owned(), json!("Zqfree Nordmann"));
            }
        }
        Mutation::RepeatElement => {
            if let Some(Value::Array(items)) = payload.pointer_mut(parent) {
                let element = items[last.parse::<usize>().unwrap()].clone();
                items.push(element);
            }
        }
    }
    // What the replacements plant.
    p.free.insert("Zqfree Nordmann".to_owned());
    p.ids.insert("zqidreplacedx".to_owned(), "zqidreplacedx".to_owned());
    p.ids.insert("zqidkeyx".to_owned(), "zqidkeyx".to_owned());
    p.dates.insert("1987-06-13".to_owned());
    p.numbers.extend(["12019012345", "48271", "739184", "73918462"].map(str::to_owned));
}

/// The message without its position (`line 1 column 48271` is a position, not a value).
fn without_position(message: &str) -> String {
    let mut out = String::new();
    let mut words = message.split(' ');
    while let Some(word) = words.next() {
        if word == "line" || word == "column" {
            words.next();
            out.push_str(word);
            out.push_str(" N ");
        } else {
            out.push_str(word);
            out.push(' ');
        }
    }
    out
}

/// The rule: no marker in an error's message or path, no free-text marker in an output.
fn check(command: &str, doc: &Value, planted: &Planted) -> Result<(), TestCaseError> {
    match cli::run(command, doc.to_string().as_bytes()) {
        Ok(output) => {
            for marker in &planted.free {
                prop_assert!(!output.contains(marker.as_str()), "{command}: free text in the output, for {doc}");
            }
        }
        Err(err) => {
            let message = without_position(err.message());
            prop_assert!(!message.to_lowercase().contains("zq"), "{command}: a marker in {:?}, for {doc}", err);
            for marker in planted.forbidden() {
                prop_assert!(!message.contains(marker.as_str()), "{command}: {marker} in {:?}, for {doc}", err);
            }
            if let Some(path) = err.path() {
                for segment in path.split('.') {
                    let name = segment.split('[').next().unwrap_or("");
                    let index_only = segment.split('[').skip(1).all(|i| {
                        i.strip_suffix(']').is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
                    });
                    let municipality = is_municipality(name);
                    prop_assert!(
                        (names(command).contains(name) || municipality) && index_only,
                        "{command}: the path {path} holds more than names of the contract, for {doc}"
                    );
                }
            }
        }
    }
    Ok(())
}

fn base() -> impl Strategy<Value = (String, Value)> {
    prop_oneof![
        2 => (0..examples().len()).prop_map(|i| examples()[i].clone()),
        1 => generated(),
    ]
}

proptest! {
    #![proptest_config(krisesenter_testkit::config(128))]

    /// cli-5: markers planted in every id, number, date and free-text field of a payload,
    /// mutated up to three times: no error repeats a marker, no output holds free text.
    #[test]
    fn no_error_repeats_a_planted_marker(
        (command, payload) in base(),
        shift in 3i64..400,
        big in proptest::collection::vec(proptest::bool::weighted(0.1), 1..12),
        edits in proptest::collection::vec((any::<usize>(), mutation()), 0..4),
    ) {
        let mut doc = payload;
        let mut planted = Planted::default();
        plant(&mut doc, None, names(&command), shift, &big, &mut planted);
        for (which, m) in &edits {
            mutate(&mut doc, *which, m, &mut planted);
        }
        check(&command, &doc, &planted)?;
    }
}

/// The planted examples, unmutated and with small numbers kept, are still accepted: the
/// markers alone break nothing, so the property reaches the rules and the outputs.
#[test]
fn planted_examples_are_accepted() {
    for (command, payload) in examples() {
        let mut doc = payload.clone();
        let mut planted = Planted::default();
        plant(&mut doc, None, names(command), 7, &[false], &mut planted);
        let output = cli::run(command, doc.to_string().as_bytes()).unwrap_or_else(|e| panic!("{command}: {e} {doc}"));
        assert!(!planted.ids.is_empty() || !planted.dates.is_empty(), "{command}: nothing planted");
        for marker in &planted.free {
            assert!(!output.contains(marker.as_str()), "{command}: free text in the output");
        }
    }
}
