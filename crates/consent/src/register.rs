//! A flat register of case records for sweeping many at once: every record a fixed-size
//! entry in one vector, every consent and every hold in one vector each (a record's are a
//! range of it), the ids kept apart from what the rules read. Decided by the same rules as
//! [`decide_retention`](crate::decide_retention), read from contiguous memory.

use crate::RecordId;
use chrono::NaiveDate;
use serde::{Deserialize, Deserializer};
use thiserror::Error;

use crate::case::CaseRecord;
use crate::decision::simple::{Terms, decide_simple};
use crate::decision::{RetentionDecision, decide};
use crate::hold::HoldReason;
use crate::policy::RetentionPolicy;
use crate::record::ConsentKind;
use crate::schedule::{ConsentFacts, HoldFacts, RecordFacts};

/// Why a record cannot join a [`Register`].
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum RegisterError {
    /// The register would hold more consents or holds than its ranges can address (2^32 - 1).
    #[error("record {index}: the register cannot hold more than 4294967295 consents or holds")]
    TooLarge {
        /// The index the record would have had.
        index: usize,
    },
}

/// Case records laid out flat for a fast [`sweep_register`]: one fixed-size entry per
/// record (the contact's end, the statistics opt-out and where its consents and holds end),
/// every consent in one vector and every hold in another (only what the rules read: kind,
/// form and days; reason and days), and the record ids in a vector of their own, apart from
/// the data the rules read.
///
/// A [`Vec<CaseRecord>`](CaseRecord) keeps each record's id, consents and holds in separate
/// heap allocations, so a sweep of a large register waits on memory; a register is read
/// front to back. The decisions are those of [`decide_retention`](crate::decide_retention)
/// on the same records: one rule code serves both.
///
/// Built from records ([`Register::try_from_records`], [`Register::push`]) or straight from
/// the contract's JSON array of records (`serde::Deserialize`: each record is read and
/// validated exactly as a [`CaseRecord`], then laid out and dropped, so the records are
/// never all held twice). Like [`sweep`](crate::sweep), it does not look for repeated record
/// ids: [`retain`](crate::retain) refuses them.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use krisesenter_consent::{
///     decide_retention, sweep_register, Action, CaseRecord, Consent, ConsentForm, ConsentId, RecordId, Register,
///     RetentionPolicy,
/// };
///
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
/// let consent = Consent::storage(ConsentId::try_new("c1")?, d(2024, 2, 29)?, ConsentForm::Written);
/// let kept = CaseRecord::try_new(RecordId::try_new("r1")?, Some(d(2024, 4, 1)?), vec![consent], vec![])?;
/// let ended = CaseRecord::try_new(RecordId::try_new("r2")?, Some(d(2025, 11, 30)?), vec![], vec![])?;
/// let records = [kept, ended];
/// let register = Register::try_from_records(&records)?;
/// let policy = RetentionPolicy::default();
/// let as_of = d(2026, 3, 1)?;
///
/// let decisions = sweep_register(&register, &policy, as_of);
/// // The same decisions as one record at a time.
/// for (record, decision) in records.iter().zip(&decisions) {
///     assert_eq!(*decision, decide_retention(record, &policy, as_of));
/// }
/// assert_eq!((decisions[0].action(), decisions[0].until()), (Action::Keep, Some(d(2034, 2, 28)?)));
/// // A delete's certificate names the record by its id in the register.
/// let id = register.id(1).ok_or("two records")?;
/// assert!(decisions[1].certificate_for(id, &policy).is_some());
///
/// // Straight from the contract's JSON records, validated as `CaseRecord`s are.
/// let json = r#"[{"id":"r3","contact_ended_on":"2025-01-31","consents":[],"holds":[]}]"#;
/// let register: Register = serde_json::from_str(json)?;
/// assert_eq!(sweep_register(&register, &policy, as_of)[0].action(), Action::Delete);
/// let missing = r#"[{"id":"r3","consents":[],"holds":[]}]"#;
/// assert!(serde_json::from_str::<Register>(missing).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Register {
    entries: Vec<Entry>,
    consents: Vec<FlatConsent>,
    holds: Vec<FlatHold>,
    ids: Vec<RecordId>,
}

/// One record: what the rules read of it, and where its consents and holds end (each
/// begins where the previous record's end).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entry {
    contact_ended_on: Option<NaiveDate>,
    consents_end: u32,
    holds_end: u32,
    statistics_opt_out: bool,
}

/// A consent as the rules read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FlatConsent {
    given_on: NaiveDate,
    withdrawn_on: Option<NaiveDate>,
    kind: ConsentKind,
    written: bool,
}

/// A legal hold as the rules read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FlatHold {
    placed_on: NaiveDate,
    released_on: Option<NaiveDate>,
    reason: HoldReason,
}

impl ConsentFacts for FlatConsent {
    fn kind(&self) -> ConsentKind {
        self.kind
    }
    fn written(&self) -> bool {
        self.written
    }
    fn given_on(&self) -> NaiveDate {
        self.given_on
    }
    fn withdrawn_on(&self) -> Option<NaiveDate> {
        self.withdrawn_on
    }
}

impl HoldFacts for FlatHold {
    fn reason(&self) -> HoldReason {
        self.reason
    }
    fn placed_on(&self) -> NaiveDate {
        self.placed_on
    }
    fn released_on(&self) -> Option<NaiveDate> {
        self.released_on
    }
}

impl Register {
    /// An empty register.
    pub fn new() -> Self {
        Self::default()
    }

    /// The register of `records`, in their order.
    ///
    /// # Errors
    ///
    /// [`RegisterError::TooLarge`] when the records hold 2^32 consents or holds or more.
    pub fn try_from_records(records: &[CaseRecord]) -> Result<Self, RegisterError> {
        let mut register = Self {
            entries: Vec::with_capacity(records.len()),
            consents: Vec::with_capacity(records.iter().map(|r| r.consents().len()).sum()),
            holds: Vec::with_capacity(records.iter().map(|r| r.holds().len()).sum()),
            ids: Vec::with_capacity(records.len()),
        };
        for record in records {
            register.push(record)?;
        }
        Ok(register)
    }

    /// Adds `record` at the end.
    ///
    /// # Errors
    ///
    /// [`RegisterError::TooLarge`] when the register would hold 2^32 consents or holds or
    /// more; the register is unchanged.
    pub fn push(&mut self, record: &CaseRecord) -> Result<(), RegisterError> {
        let too_large = || RegisterError::TooLarge { index: self.entries.len() };
        let consents_end = u32::try_from(self.consents.len() + record.consents().len()).map_err(|_| too_large())?;
        let holds_end = u32::try_from(self.holds.len() + record.holds().len()).map_err(|_| too_large())?;
        self.consents.extend(record.consents().iter().map(|c| FlatConsent {
            given_on: c.given_on(),
            withdrawn_on: c.withdrawn_on(),
            kind: c.kind(),
            written: c.written(),
        }));
        self.holds.extend(record.holds().iter().map(|h| FlatHold {
            placed_on: h.placed_on(),
            released_on: h.released_on(),
            reason: h.reason(),
        }));
        self.entries.push(Entry {
            contact_ended_on: record.contact_ended_on(),
            consents_end,
            holds_end,
            statistics_opt_out: record.statistics_opt_out(),
        });
        self.ids.push(record.id().clone());
        Ok(())
    }

    /// The number of records.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the register holds no record.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The id of the record at `index` (the order the records were added in), if there is one.
    pub fn id(&self, index: usize) -> Option<&RecordId> {
        self.ids.get(index)
    }

    /// The ids of the records, in order (zip them with [`sweep_register`]'s decisions).
    pub fn ids(&self) -> &[RecordId] {
        &self.ids
    }

    /// Every record as the rules read it, in order.
    fn facts(&self) -> impl Iterator<Item = RecordFacts<'_, FlatConsent, FlatHold>> + '_ {
        let mut consents_from = 0usize;
        let mut holds_from = 0usize;
        self.entries.iter().map(move |entry| {
            // `push` keeps the ends in order and within the vectors, so the ranges always
            // exist; an empty slice is the answer that cannot happen.
            let consents_end = entry.consents_end as usize;
            let holds_end = entry.holds_end as usize;
            let facts = RecordFacts {
                contact_ended_on: entry.contact_ended_on,
                consents: self.consents.get(consents_from..consents_end).unwrap_or(&[]),
                holds: self.holds.get(holds_from..holds_end).unwrap_or(&[]),
                statistics_opt_out: entry.statistics_opt_out,
            };
            consents_from = consents_end;
            holds_from = holds_end;
            facts
        })
    }
}

/// Only the counts: a register holds a shelter's whole case history.
impl std::fmt::Debug for Register {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Register")
            .field("records", &self.entries.len())
            .field("consents", &self.consents.len())
            .field("holds", &self.holds.len())
            .finish()
    }
}

/// The contract's JSON array of records (docs/contract.md `retention` input, `records`), each
/// read and validated as a [`CaseRecord`] and laid out as it arrives.
impl<'de> Deserialize<'de> for Register {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Records;
        impl<'de> serde::de::Visitor<'de> for Records {
            type Value = Register;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an array of case records")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Register, A::Error> {
                let mut register = Register::new();
                if let Some(n) = seq.size_hint() {
                    register.entries.reserve(n);
                    register.ids.reserve(n);
                }
                while let Some(record) = seq.next_element::<CaseRecord>()? {
                    register.push(&record).map_err(serde::de::Error::custom)?;
                }
                Ok(register)
            }
        }
        deserializer.deserialize_seq(Records)
    }
}

/// Decides every record of `register` on `as_of` under `policy`, by the rules of
/// [`decide_retention`](crate::decide_retention): the decisions are in the order of the
/// register ([`Register::ids`]) and equal those of [`sweep`](crate::sweep) on the records
/// it was built from. Nothing is allocated but the output vector.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use krisesenter_consent::{sweep, sweep_register, CaseRecord, RecordId, Register, RetentionPolicy};
///
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
/// let records = [
///     CaseRecord::try_new(RecordId::try_new("r1")?, None, vec![], vec![])?,
///     CaseRecord::try_new(RecordId::try_new("r2")?, Some(d(2025, 11, 30)?), vec![], vec![])?,
/// ];
/// let register = Register::try_from_records(&records)?;
/// let policy = RetentionPolicy::default();
/// assert_eq!(sweep_register(&register, &policy, d(2026, 3, 1)?), sweep(&records, &policy, d(2026, 3, 1)?));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn sweep_register(register: &Register, policy: &RetentionPolicy, as_of: NaiveDate) -> Vec<RetentionDecision> {
    let mut decisions = Vec::with_capacity(register.len());
    // The common shapes (no hold, at most one written storage consent) by the direct path,
    // the others by the schedule; consent-13 and consent-14 check the two agree.
    let terms = Terms::new(policy, as_of);
    decisions.extend(
        register
            .facts()
            .map(|record| decide_simple(record, &terms, as_of).unwrap_or_else(|| decide(record, policy, as_of))),
    );
    decisions
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sizes docs/performance.md gives: what a sweep of a million records reads.
    #[test]
    fn entries_are_small_and_fixed_size() {
        assert_eq!(std::mem::size_of::<Entry>(), 16);
        assert_eq!(std::mem::size_of::<FlatConsent>(), 12);
        assert_eq!(std::mem::size_of::<FlatHold>(), 12);
    }
}
