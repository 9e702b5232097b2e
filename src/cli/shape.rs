//! A rule over several fields that rejects a value while it is read (check-out before
//! check-in, see [`krisesenter_core::wire::Rejected`]) stops the reader before the rest of the
//! document is read. The kinds mean one thing each: `invalid_input` only for a document that
//! matches the schema. So before answering a rule, the rest of the document is read too: the
//! rejected value is taken out (an array element; a required field, then the value that holds
//! it) and the document read again, until it reads to its end or another error shows. A
//! shape error found so is the answer (`invalid_json`, its path in the original document);
//! otherwise the rule's error is.

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::{CliError, ErrorKind};

/// At most this many values are taken out before the rule's error is answered as it is.
const MAX_ROUNDS: usize = 64;

#[derive(Clone, Debug, PartialEq, Eq)]
enum Segment {
    Key(String),
    Index(usize),
}

/// A CLI path (`records[2].holds[0]`) as segments; `None` if it cannot be read.
fn segments(path: &str) -> Option<Vec<Segment>> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let (name, mut rest) = part.split_once('[').map_or((part, ""), |(n, r)| (n, r));
        if !name.is_empty() {
            out.push(Segment::Key(name.to_owned()));
        }
        while !rest.is_empty() {
            let (index, tail) = rest.split_once(']')?;
            out.push(Segment::Index(index.parse().ok()?));
            rest = tail.strip_prefix('[').unwrap_or(tail);
        }
    }
    Some(out)
}

/// Segments back to a CLI path.
fn path_of(segments: &[Segment]) -> Option<String> {
    let mut out = String::new();
    for segment in segments {
        match segment {
            Segment::Key(k) if out.is_empty() => out.push_str(k),
            Segment::Key(k) => {
                out.push('.');
                out.push_str(k);
            }
            Segment::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    (!out.is_empty()).then_some(out)
}

/// Takes the value at `at` out of `doc`; `false` if there is none.
fn remove(doc: &mut Value, at: &[Segment]) -> bool {
    let Some((last, parent)) = at.split_last() else { return false };
    let mut cur = doc;
    for segment in parent {
        let next = match segment {
            Segment::Key(k) => cur.get_mut(k.as_str()),
            Segment::Index(i) => cur.get_mut(*i),
        };
        let Some(next) = next else { return false };
        cur = next;
    }
    match (cur, last) {
        (Value::Object(map), Segment::Key(k)) => map.remove(k).is_some(),
        (Value::Array(items), Segment::Index(i)) if *i < items.len() => {
            items.remove(*i);
            true
        }
        _ => false,
    }
}

/// The path `at` of the reduced document, in the original: every element taken out before
/// it in its array shifts it back by one.
fn original(mut at: Vec<Segment>, removed: &[Vec<Segment>]) -> Vec<Segment> {
    for gone in removed.iter().rev() {
        if let Some((Segment::Index(i), array)) = gone.split_last() {
            if at.len() > array.len() && at.get(..array.len()) == Some(array) {
                if let Some(Segment::Index(j)) = at.get_mut(array.len()) {
                    if *j >= *i {
                        *j += 1;
                    }
                }
            }
        }
    }
    at
}

/// The first error of the document's shape beyond the rule `rule` raised while reading, as
/// `invalid_json`; or `rule` when the rest of the document has the contract's shape.
pub(super) fn first_shape_error<T: DeserializeOwned + schemars::JsonSchema>(input: &[u8], rule: CliError) -> CliError {
    let Ok(mut doc) = serde_json::from_slice::<Value>(input) else { return rule };
    let Some(mut at) = rule.path().and_then(segments) else { return rule };
    let mut removed: Vec<Vec<Segment>> = Vec::new();
    for _ in 0..MAX_ROUNDS {
        if !remove(&mut doc, &at) {
            return rule;
        }
        removed.push(at.clone());
        let Ok(text) = serde_json::to_vec(&doc) else { return rule };
        let err = match super::parse_once::<T>(&text) {
            Ok(_) => return rule,
            Err(err) => err,
        };
        let here = err.path().and_then(segments).unwrap_or_default();
        let taken_key =
            matches!(at.last(), Some(Segment::Key(k)) if err.message().starts_with(&format!("missing field `{k}`")));
        if err.kind() == ErrorKind::InvalidInput {
            // Another rule further on: take that value out too.
            at = here;
        } else if taken_key && here.as_slice() == at.get(..at.len().saturating_sub(1)).unwrap_or(&[]) {
            // The required field taken out: take out the value that holds it (the document
            // itself: every other field was read).
            if here.is_empty() {
                return rule;
            }
            at = here;
        } else {
            let path = path_of(&original(here, &removed));
            return CliError::new(ErrorKind::InvalidJson, err.message().to_owned(), path);
        }
    }
    rule
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_read_and_write_back() {
        let s = segments("records[2].holds[0]").unwrap();
        assert_eq!(
            s,
            vec![Segment::Key("records".into()), Segment::Index(2), Segment::Key("holds".into()), Segment::Index(0)]
        );
        assert_eq!(path_of(&s).as_deref(), Some("records[2].holds[0]"));
        assert_eq!(segments("a[1][2]").unwrap().len(), 3);
    }

    #[test]
    fn paths_after_a_removal_point_into_the_original() {
        let removed = vec![segments("stays[0]").unwrap()];
        assert_eq!(path_of(&original(segments("stays[2].id").unwrap(), &removed)).as_deref(), Some("stays[3].id"));
        assert_eq!(path_of(&original(segments("beds").unwrap(), &removed)).as_deref(), Some("beds"));
    }
}
