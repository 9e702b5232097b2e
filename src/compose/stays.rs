//! A case in the statistics: its stays as `stats::Stay`, its follow-up as day contacts.

use std::collections::BTreeMap;

use krisesenter_casework::{Case, Destination, Event};
use krisesenter_core::{IdError, PersonId, Relation};
use krisesenter_stats::{
    AfterStay, ContactMode, DayContact, StatsRecordError, Stay, StayId, StayPerson, ViolenceTypes,
};
use thiserror::Error;

/// What the statistics need of one member of a case, described anonymously: the casework
/// crate holds ids and codes only, so the embedding system supplies these.
///
/// The age is the member's age at check-in of every stay converted; convert the stays of a
/// later year with the age of that year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct CaseMember {
    /// Kind, gender, age and home municipality.
    pub person: StayPerson,
    /// The violence the member tells of.
    pub violence: ViolenceTypes,
    /// The perpetrator's relation to the member, if known.
    pub relation: Option<Relation>,
    /// Whether the member opted out of statistics (krisesenterlova §5 a, from 2026-01-01).
    pub statistics_opt_out: bool,
}

impl CaseMember {
    /// A member with no violence types or relation recorded, who did not opt out.
    pub const fn new(person: StayPerson) -> Self {
        Self { person, violence: ViolenceTypes::EMPTY, relation: None, statistics_opt_out: false }
    }

    /// Sets the violence types.
    #[must_use]
    pub const fn with_violence(mut self, violence: ViolenceTypes) -> Self {
        self.violence = violence;
        self
    }

    /// Sets the perpetrator's relation.
    #[must_use]
    pub const fn with_relation(mut self, relation: Option<Relation>) -> Self {
        self.relation = relation;
        self
    }

    /// Sets whether the member opted out of statistics.
    #[must_use]
    pub const fn with_statistics_opt_out(mut self, opt_out: bool) -> Self {
        self.statistics_opt_out = opt_out;
        self
    }
}

/// Why a case could not be turned into statistics records.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum CaseStatsError {
    /// A child of a stay has no [`CaseMember`] description.
    #[error("stay {stay} of the case has a child with no description for the statistics")]
    ChildNotDescribed {
        /// Zero-based index of the stay in [`Case::stays`].
        stay: usize,
    },
    /// The id given for a stay record is not a valid id.
    #[error("stay {stay} of the case: the id made for its statistics record is not valid: {source}")]
    StayId {
        /// Zero-based index of the stay in [`Case::stays`].
        stay: usize,
        /// Why the id is not valid.
        source: IdError,
    },
    /// The statistics crate refused the record (a child described as an adult, for example).
    #[error("stay {stay} of the case: {source}")]
    Record {
        /// Zero-based index of the stay in [`Case::stays`].
        stay: usize,
        /// The statistics crate's error.
        source: StatsRecordError,
    },
}

/// The after-stay category the statistics count for a destination (the two vocabularies are
/// the same; this match keeps them so at compile time).
const fn after_stay(destination: Destination) -> AfterStay {
    match destination {
        Destination::ReturnedHomeSafely => AfterStay::ReturnedHomeSafely,
        Destination::NewHome => AfterStay::NewHome,
        Destination::ReturnedToPerpetrator => AfterStay::ReturnedToPerpetrator,
        Destination::OtherShelter => AfterStay::OtherShelter,
        Destination::FamilyOrFriends => AfterStay::FamilyOrFriends,
        Destination::Other => AfterStay::Other,
        Destination::Unknown => AfterStay::Unknown,
    }
}

/// Every stay of a case as statistics records: one [`Stay`] for the adult and one for each
/// child who was there, in the order of [`Case::stays`] (the adult first, then the children
/// by id).
///
/// Each record has the stay's first and last day (an ongoing stay is open), the destination
/// as its after-stay category, the number of the member's earlier stays in this case as
/// `previous_stays`, and `first_stay_this_year` unless the member had an earlier stay of
/// this case starting the same year. `stay_id(n, child)` names the record of the `n`th stay
/// (zero-based) for the adult (`None`) or a child; it is the embedder's, so the ids of its
/// own records can be kept.
///
/// Each stay of the case is counted once per person who was there: the statistics crate's
/// report then counts residents and nights as for any other stays.
///
/// # Errors
///
/// [`CaseStatsError::ChildNotDescribed`] when `children` lacks a child of a stay;
/// [`CaseStatsError::StayId`] when `stay_id` gives an invalid id;
/// [`CaseStatsError::Record`] when the statistics crate refuses a record.
pub fn case_stays(
    case: &Case,
    adult: &CaseMember,
    children: &BTreeMap<PersonId, CaseMember>,
    mut stay_id: impl FnMut(usize, Option<&PersonId>) -> Result<StayId, IdError>,
) -> Result<Vec<Stay>, CaseStatsError> {
    let mut out = Vec::new();
    // Per member: the years of their earlier stays in this case.
    let mut earlier: BTreeMap<Option<&PersonId>, Vec<i32>> = BTreeMap::new();
    for (index, stay) in case.stays().iter().enumerate() {
        let check_in = stay.started_on();
        let year = chrono::Datelike::year(&check_in);
        let members = std::iter::once((None, adult)).chain(
            stay.children()
                .keys()
                .map(|child| {
                    children
                        .get(child)
                        .map(|m| (Some(child), m))
                        .ok_or(CaseStatsError::ChildNotDescribed { stay: index })
                })
                .collect::<Result<Vec<_>, _>>()?,
        );
        for (child, member) in members {
            let id = stay_id(index, child).map_err(|source| CaseStatsError::StayId { stay: index, source })?;
            let years = earlier.entry(child).or_default();
            let previous = u32::try_from(years.len()).unwrap_or(u32::MAX);
            let first_this_year = !years.contains(&year);
            years.push(year);
            let record = Stay::try_new(id, member.person, check_in, stay.ended_on())
                .map_err(|source| CaseStatsError::Record { stay: index, source })?
                .with_first_stay_this_year(first_this_year)
                .with_statistics_opt_out(member.statistics_opt_out)
                .with_violence(member.violence)
                .with_relation(member.relation)
                .with_after_stay(stay.destination().map(after_stay))
                .with_previous_stays(previous);
            out.push(record);
        }
    }
    Ok(out)
}

/// Every follow-up conversation of a case as a [`DayContact`] on its day: Bufdir counts
/// follow-up of former residents among the day service's contacts. The case records no
/// mode for a follow-up conversation, so the embedder says which (`mode`); the interpreter
/// is as recorded at the first contact of the same period of contact (none recorded: no
/// interpreter).
pub fn follow_up_contacts(case: &Case, mode: ContactMode) -> Vec<DayContact> {
    let mut interpreter = false;
    let mut out = Vec::new();
    for event in case.events() {
        match &event.event {
            Event::FirstContact { interpreter: with, .. } => interpreter = *with,
            Event::CaseReopened {} => interpreter = false,
            Event::FollowUpConversation {} => out.push(DayContact::new(event.on, mode, interpreter)),
            _ => {}
        }
    }
    out
}
