//! A case as a fold over dated events: [`Case::replay`] and [`Case::apply`], and the state
//! derived from the events (stage, re-establishment phase, the stays and their outcome).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use krisesenter_core::{EnumSet, PersonId, RoomId};
use schemars::JsonSchema;
use serde::Serialize;
use thiserror::Error;

use crate::event::{
    CaseEvent, Destination, EndReason, Event, FollowUpPlan, HomeSafety, HousingNeed, InformationTopic, NeedsOutcome,
    ProtectiveMeasure, SharingBasis,
};

/// Why an event cannot be applied to a case. Each variant names the event by its index in
/// the list (zero-based), never by its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum CaseError {
    /// There are no events: a case begins with its first contact.
    #[error("a case needs at least one event, its first contact")]
    NoEvents,
    /// The first event of a case is not its first contact.
    #[error("event {index}: a case begins with its first contact")]
    FirstEventNotFirstContact {
        /// The event's index.
        index: usize,
    },
    /// The event is dated before the event before it.
    #[error("event {index}: dated before the event before it")]
    DateBeforePrevious {
        /// The event's index.
        index: usize,
    },
    /// The case is closed: only a reopening may follow.
    #[error("event {index}: the case is closed; only case_reopened may follow")]
    CaseClosed {
        /// The event's index.
        index: usize,
    },
    /// A reopening of a case that is not closed.
    #[error("event {index}: only a closed case can be reopened")]
    NotClosed {
        /// The event's index.
        index: usize,
    },
    /// A second first contact in the same period of contact.
    #[error("event {index}: the first contact of this period of contact is already recorded")]
    AlreadyContacted {
        /// The event's index.
        index: usize,
    },
    /// An event about a child who is not a member of the case.
    #[error("event {index}: the child is not a member of the case")]
    ChildNotMember {
        /// The event's index.
        index: usize,
    },
    /// A stay began while another is ongoing.
    #[error("event {index}: a stay is already ongoing")]
    StayAlreadyOngoing {
        /// The event's index.
        index: usize,
    },
    /// An event of a stay (arrival, plan for the stay, systematic mapping, end) with no
    /// ongoing stay.
    #[error("event {index}: there is no ongoing stay")]
    NoOngoingStay {
        /// The event's index.
        index: usize,
    },
    /// A re-establishment phase with no stay in this period of contact.
    #[error("event {index}: re-establishment follows a stay, and there is none in this period of contact")]
    NoStay {
        /// The event's index.
        index: usize,
    },
    /// Phase 2 (a home found) before phase 1 (the housing need clarified).
    #[error("event {index}: a home is found (phase 2) before the housing need is clarified (phase 1)")]
    PhaseTwoBeforePhaseOne {
        /// The event's index.
        index: usize,
    },
    /// Phase 3 (the follow-up plan) before phase 1.
    #[error("event {index}: the follow-up plan (phase 3) comes before the housing need is clarified (phase 1)")]
    PhaseThreeBeforePhaseOne {
        /// The event's index.
        index: usize,
    },
    /// A follow-up conversation with no ended stay in this period of contact.
    #[error("event {index}: a follow-up conversation follows an ended stay, and there is none")]
    NoEndedStay {
        /// The event's index.
        index: usize,
    },
    /// A referral without a basis for sharing.
    #[error("event {index}: a referral needs a basis for sharing (a consent or a ground in law)")]
    ReferralWithoutBasis {
        /// The event's index.
        index: usize,
    },
    /// A referral on a consent that does not name the service as a recipient.
    #[error("event {index}: the consent does not name the service as a recipient")]
    ConsentDoesNotNameRecipient {
        /// The event's index.
        index: usize,
    },
    /// A referral sharing categories the consent does not cover.
    #[error("event {index}: the consent does not cover every category shared")]
    ConsentDoesNotCoverInformation {
        /// The event's index.
        index: usize,
    },
    /// A child-welfare assessment on a case with no children.
    #[error("event {index}: the case has no children")]
    NoChildren {
        /// The event's index.
        index: usize,
    },
    /// The contact ended while a stay is ongoing: end the stay first.
    #[error("event {index}: the contact ends while a stay is ongoing")]
    StayStillOngoing {
        /// The event's index.
        index: usize,
    },
    /// The contact ended with the goal reached, but the re-establishment goal is not.
    #[error("event {index}: the contact ends as goal reached, but the re-establishment goal is not reached")]
    GoalNotReached {
        /// The event's index.
        index: usize,
    },
}

impl CaseError {
    /// The index of the offending event in the list, when one event is to blame.
    pub const fn index(&self) -> Option<usize> {
        match self {
            CaseError::NoEvents => None,
            CaseError::FirstEventNotFirstContact { index }
            | CaseError::DateBeforePrevious { index }
            | CaseError::CaseClosed { index }
            | CaseError::NotClosed { index }
            | CaseError::AlreadyContacted { index }
            | CaseError::ChildNotMember { index }
            | CaseError::StayAlreadyOngoing { index }
            | CaseError::NoOngoingStay { index }
            | CaseError::NoStay { index }
            | CaseError::PhaseTwoBeforePhaseOne { index }
            | CaseError::PhaseThreeBeforePhaseOne { index }
            | CaseError::NoEndedStay { index }
            | CaseError::ReferralWithoutBasis { index }
            | CaseError::ConsentDoesNotNameRecipient { index }
            | CaseError::ConsentDoesNotCoverInformation { index }
            | CaseError::NoChildren { index }
            | CaseError::StayStillOngoing { index }
            | CaseError::GoalNotReached { index } => Some(*index),
        }
    }
}

krisesenter_core::wire_enum!(
    /// Where the case stands, derived from its events.
    pub enum Stage {
        /// First contact made; not yet registered, no stay.
        Intake => "intake",
        /// Registered, using the day service; no stay in this period of contact.
        DayService => "day_service",
        /// A stay is ongoing.
        Stay => "stay",
        /// A stay has ended; follow-up in the re-establishment phase.
        FollowUp => "follow_up",
        /// The contact has ended.
        Closed => "closed",
    }
);

krisesenter_core::wire_enum!(
    /// How far re-establishment ("Fra krisesenter til egen bolig") has come for the
    /// latest stay.
    pub enum Phase {
        /// Not begun.
        NotBegun => "not_begun",
        /// Phase 1 done: the housing need is clarified.
        NeedClarified => "need_clarified",
        /// Phase 2 done: a home is found.
        HomeFound => "home_found",
        /// Phase 3 done: the follow-up plan is made.
        PlanMade => "plan_made",
    }
);

/// One child's own track during a stay: the dates each step was done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ChildTrack {
    joined_on: NaiveDate,
    mapping_on: Option<NaiveDate>,
    conversation_on: Option<NaiveDate>,
    safety_assessment_on: Option<NaiveDate>,
    school_contact_on: Option<NaiveDate>,
}

impl ChildTrack {
    const fn new(joined_on: NaiveDate) -> Self {
        Self { joined_on, mapping_on: None, conversation_on: None, safety_assessment_on: None, school_contact_on: None }
    }

    /// The day the child came into the stay.
    pub const fn joined_on(&self) -> NaiveDate {
        self.joined_on
    }

    /// The day of the child's own mapping in this stay, if done.
    pub const fn mapping_on(&self) -> Option<NaiveDate> {
        self.mapping_on
    }

    /// The day of the latest conversation with the child in this stay, if any.
    pub const fn conversation_on(&self) -> Option<NaiveDate> {
        self.conversation_on
    }

    /// The day of the child's own safety assessment in this stay, if done.
    pub const fn safety_assessment_on(&self) -> Option<NaiveDate> {
        self.safety_assessment_on
    }

    /// The day of the latest contact with the school or kindergarten in this stay, if any.
    pub const fn school_contact_on(&self) -> Option<NaiveDate> {
        self.school_contact_on
    }
}

/// One stay of the case, with what was done during it and the re-establishment that
/// followed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct CaseStay {
    period: u32,
    started_on: NaiveDate,
    room: RoomId,
    ended_on: Option<NaiveDate>,
    destination: Option<Destination>,
    arrival_on: Option<NaiveDate>,
    stay_plan_on: Option<NaiveDate>,
    systematic_mapping_on: Option<NaiveDate>,
    children: BTreeMap<PersonId, ChildTrack>,
    need: Option<(NaiveDate, HousingNeed)>,
    home: Option<(NaiveDate, HomeSafety)>,
    plan: Option<(NaiveDate, FollowUpPlan)>,
    safety_plan_after_plan: bool,
}

impl CaseStay {
    /// Which period of contact the stay belongs to (0 for the first, 1 after the first
    /// reopening, …).
    pub const fn period(&self) -> u32 {
        self.period
    }

    /// The first day of the stay.
    pub const fn started_on(&self) -> NaiveDate {
        self.started_on
    }

    /// The room.
    pub const fn room(&self) -> &RoomId {
        &self.room
    }

    /// The last day of the stay, once ended.
    pub const fn ended_on(&self) -> Option<NaiveDate> {
        self.ended_on
    }

    /// Where the user went, once ended.
    pub const fn destination(&self) -> Option<Destination> {
        self.destination
    }

    /// The day of the arrival conversation, if done.
    pub const fn arrival_on(&self) -> Option<NaiveDate> {
        self.arrival_on
    }

    /// The day the plan for the stay was made, if made.
    pub const fn stay_plan_on(&self) -> Option<NaiveDate> {
        self.stay_plan_on
    }

    /// The day of the systematic mapping, if done.
    pub const fn systematic_mapping_on(&self) -> Option<NaiveDate> {
        self.systematic_mapping_on
    }

    /// The children of the stay and their own tracks.
    pub const fn children(&self) -> &BTreeMap<PersonId, ChildTrack> {
        &self.children
    }

    /// Phase 1: the housing need, once clarified.
    pub fn housing_need(&self) -> Option<HousingNeed> {
        self.need.map(|(_, n)| n)
    }

    /// Phase 2: the home found, once found.
    pub fn home(&self) -> Option<HomeSafety> {
        self.home.map(|(_, h)| h)
    }

    /// Phase 3: the follow-up plan, once made.
    pub fn follow_up_plan(&self) -> Option<&FollowUpPlan> {
        self.plan.as_ref().map(|(_, p)| p)
    }

    /// Whether the safety plan was updated for the time after the stay: in the follow-up
    /// plan itself or by a safety plan on or after the plan's day.
    pub fn safety_plan_updated_for_follow_up(&self) -> bool {
        self.plan.as_ref().is_some_and(|(_, p)| p.safety_plan_updated) || self.safety_plan_after_plan
    }

    /// How far re-establishment has come.
    pub const fn phase(&self) -> Phase {
        if self.plan.is_some() {
            Phase::PlanMade
        } else if self.home.is_some() {
            Phase::HomeFound
        } else if self.need.is_some() {
            Phase::NeedClarified
        } else {
            Phase::NotBegun
        }
    }

    /// Whether the goal of "Fra krisesenter til egen bolig" is reached: the user is settled
    /// in a safe home of their own (the stay ended there and the home is safe) *and* has a
    /// follow-up plan with one coordinating service and an updated safety plan.
    pub fn goal_reached(&self) -> bool {
        let settled_safely =
            self.destination.is_some_and(Destination::is_own_home) && matches!(self.home, Some((_, HomeSafety::Safe)));
        let plan_with_coordinator = self.plan.as_ref().is_some_and(|(_, p)| p.coordinator.is_some());
        settled_safely && plan_with_coordinator && self.safety_plan_updated_for_follow_up()
    }

    /// The outcome of the stay: where the user went and whether the goal was reached.
    pub fn outcome(&self) -> StayOutcome {
        StayOutcome { destination: self.destination, phase: self.phase(), goal_reached: self.goal_reached() }
    }

    pub(crate) const fn need_dated(&self) -> Option<(NaiveDate, HousingNeed)> {
        self.need
    }

    pub(crate) const fn home_dated(&self) -> Option<(NaiveDate, HomeSafety)> {
        self.home
    }

    pub(crate) fn plan_dated(&self) -> Option<(NaiveDate, &FollowUpPlan)> {
        self.plan.as_ref().map(|(d, p)| (*d, p))
    }

    fn is_ongoing(&self) -> bool {
        self.ended_on.is_none()
    }
}

/// The outcome of a stay: the destination (the statistics crate's after-stay vocabulary),
/// how far re-establishment came, and whether its goal was reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
pub struct StayOutcome {
    destination: Option<Destination>,
    phase: Phase,
    goal_reached: bool,
}

impl StayOutcome {
    /// Where the user went; `None` while the stay is ongoing.
    pub const fn destination(&self) -> Option<Destination> {
        self.destination
    }

    /// How far re-establishment came.
    pub const fn phase(&self) -> Phase {
        self.phase
    }

    /// Whether the user is settled in a safe home with a follow-up plan with a coordinator.
    pub const fn goal_reached(&self) -> bool {
        self.goal_reached
    }
}

/// A case: one adult user, the children who came along as members with their own track,
/// and everything derived from the dated events.
///
/// Build it with [`Case::replay`] (or [`Case::start`] and [`Case::apply`]); it holds the
/// events as its timeline and never any free text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Case {
    events: Vec<CaseEvent>,
    period: u32,
    contact_in_period: bool,
    first_contact_on: Option<NaiveDate>,
    initial_mapping_on: Option<NaiveDate>,
    information: EnumSet<InformationTopic>,
    information_complete_on: Option<NaiveDate>,
    needs: Option<(NaiveDate, NeedsOutcome)>,
    registered_on: Option<NaiveDate>,
    children: BTreeMap<PersonId, NaiveDate>,
    measures: EnumSet<ProtectiveMeasure>,
    referrals: usize,
    safety_plan_on: Option<NaiveDate>,
    child_welfare_assessed_on: Option<NaiveDate>,
    follow_up_conversation_on: Option<NaiveDate>,
    day_conversations: usize,
    stays: Vec<CaseStay>,
    closed: Option<(NaiveDate, EndReason)>,
}

impl Case {
    /// A case begun by its first contact.
    ///
    /// # Errors
    ///
    /// [`CaseError::FirstEventNotFirstContact`] when `first` is not a first contact.
    pub fn start(first: CaseEvent) -> Result<Self, CaseError> {
        let mut case = Self {
            events: Vec::new(),
            period: 0,
            contact_in_period: false,
            first_contact_on: None,
            initial_mapping_on: None,
            information: EnumSet::EMPTY,
            information_complete_on: None,
            needs: None,
            registered_on: None,
            children: BTreeMap::new(),
            measures: EnumSet::EMPTY,
            referrals: 0,
            safety_plan_on: None,
            child_welfare_assessed_on: None,
            follow_up_conversation_on: None,
            day_conversations: 0,
            stays: Vec::new(),
            closed: None,
        };
        case.step(first)?;
        Ok(case)
    }

    /// The case the events describe, applied in order.
    ///
    /// # Errors
    ///
    /// [`CaseError::NoEvents`] for an empty list; otherwise the first event that cannot be
    /// applied, named by its index (see [`CaseError`]).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use krisesenter_casework::{Case, CaseError, CaseEvent, Caller, Channel, Event, Stage};
    ///
    /// let day = |d| NaiveDate::from_ymd_opt(2026, 3, d).ok_or("date");
    /// let contact = Event::FirstContact { channel: Channel::Phone, interpreter: false, caller: Caller::Person };
    /// let case = Case::replay(&[CaseEvent::new(day(2)?, contact.clone()), CaseEvent::new(day(3)?, Event::Registered {})])?;
    /// assert_eq!(case.stage(), Stage::DayService);
    ///
    /// // Dated before the event before it: refused, naming the event.
    /// let err = Case::replay(&[CaseEvent::new(day(3)?, contact), CaseEvent::new(day(2)?, Event::Registered {})]);
    /// assert_eq!(err, Err(CaseError::DateBeforePrevious { index: 1 }));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn replay(events: &[CaseEvent]) -> Result<Self, CaseError> {
        let (first, rest) = events.split_first().ok_or(CaseError::NoEvents)?;
        let mut case = Self::start(first.clone())?;
        for event in rest {
            case.step(event.clone())?;
        }
        Ok(case)
    }

    /// Applies one more event. On an error the case is left as it was.
    ///
    /// # Errors
    ///
    /// The [`CaseError`] that names why the event cannot follow the events before it; its
    /// index is the number of events already applied.
    pub fn apply(&mut self, event: CaseEvent) -> Result<(), CaseError> {
        let mut next = self.clone();
        next.step(event)?;
        *self = next;
        Ok(())
    }

    /// The events, in order: the case's timeline.
    pub fn events(&self) -> &[CaseEvent] {
        &self.events
    }

    /// Where the case stands.
    pub fn stage(&self) -> Stage {
        if self.closed.is_some() {
            Stage::Closed
        } else if self.ongoing_stay().is_some() {
            Stage::Stay
        } else if self.stay_in_period().is_some() {
            Stage::FollowUp
        } else if self.registered_on.is_some() {
            Stage::DayService
        } else {
            Stage::Intake
        }
    }

    /// How far re-establishment has come for the latest stay of this period of contact.
    pub fn phase(&self) -> Phase {
        self.stay_in_period().map_or(Phase::NotBegun, CaseStay::phase)
    }

    /// Every stay, oldest first (a repeated stay is another entry).
    pub fn stays(&self) -> &[CaseStay] {
        &self.stays
    }

    /// The latest stay of the case, of any period of contact.
    pub fn latest_stay(&self) -> Option<&CaseStay> {
        self.stays.last()
    }

    /// The outcome of the latest stay.
    pub fn outcome(&self) -> Option<StayOutcome> {
        self.stays.last().map(CaseStay::outcome)
    }

    /// The children who are members of the case, with the day each joined.
    pub const fn children(&self) -> &BTreeMap<PersonId, NaiveDate> {
        &self.children
    }

    /// The protective measures noted.
    pub const fn measures(&self) -> EnumSet<ProtectiveMeasure> {
        self.measures
    }

    /// How many referrals and coordinations were recorded (each with a basis).
    pub const fn referrals(&self) -> usize {
        self.referrals
    }

    /// How many day-service conversations were recorded.
    pub const fn day_conversations(&self) -> usize {
        self.day_conversations
    }

    /// The day of the latest safety plan (made or updated), if any.
    pub const fn safety_plan_on(&self) -> Option<NaiveDate> {
        self.safety_plan_on
    }

    /// The day of the first contact.
    pub const fn first_contact_on(&self) -> Option<NaiveDate> {
        self.first_contact_on
    }

    /// The eligibility outcome recorded when the needs were assessed.
    pub fn needs_outcome(&self) -> Option<NeedsOutcome> {
        self.needs.map(|(_, n)| n)
    }

    /// Why the contact ended, while the case is closed.
    pub fn end_reason(&self) -> Option<EndReason> {
        self.closed.map(|(_, r)| r)
    }

    /// Whether the case is closed.
    pub const fn is_closed(&self) -> bool {
        self.closed.is_some()
    }

    /// How many times the case was reopened (its period of contact, counted from 0).
    pub const fn reopened(&self) -> u32 {
        self.period
    }

    pub(crate) const fn initial_mapping_on(&self) -> Option<NaiveDate> {
        self.initial_mapping_on
    }

    pub(crate) const fn information_complete_on(&self) -> Option<NaiveDate> {
        self.information_complete_on
    }

    pub(crate) fn needs_assessed_on(&self) -> Option<NaiveDate> {
        self.needs.map(|(d, _)| d)
    }

    pub(crate) const fn registered_on(&self) -> Option<NaiveDate> {
        self.registered_on
    }

    pub(crate) const fn child_welfare_assessed_on(&self) -> Option<NaiveDate> {
        self.child_welfare_assessed_on
    }

    pub(crate) const fn follow_up_conversation_on(&self) -> Option<NaiveDate> {
        self.follow_up_conversation_on
    }

    /// The latest stay of this period of contact.
    pub fn stay_in_period(&self) -> Option<&CaseStay> {
        self.stays.last().filter(|s| s.period == self.period)
    }

    /// The ongoing stay, if any.
    pub fn ongoing_stay(&self) -> Option<&CaseStay> {
        self.stay_in_period().filter(|s| s.is_ongoing())
    }

    fn stay_in_period_mut(&mut self) -> Option<&mut CaseStay> {
        let period = self.period;
        self.stays.last_mut().filter(|s| s.period == period)
    }

    fn ongoing_stay_mut(&mut self) -> Option<&mut CaseStay> {
        self.stay_in_period_mut().filter(|s| s.is_ongoing())
    }

    /// Applies one event in place. Every check comes before any change, except where noted;
    /// [`Case::apply`] works on a copy so a failed event changes nothing.
    fn step(&mut self, dated: CaseEvent) -> Result<(), CaseError> {
        let index = self.events.len();
        let on = dated.on;
        // Events are dated in order; the same day is allowed.
        if self.events.last().is_some_and(|last| on < last.on) {
            return Err(CaseError::DateBeforePrevious { index });
        }
        if index == 0 && !matches!(dated.event, Event::FirstContact { .. }) {
            return Err(CaseError::FirstEventNotFirstContact { index });
        }
        // A closed case takes nothing but a reopening.
        if self.closed.is_some() && !matches!(dated.event, Event::CaseReopened {}) {
            return Err(CaseError::CaseClosed { index });
        }
        match &dated.event {
            Event::FirstContact { .. } => {
                if self.contact_in_period {
                    return Err(CaseError::AlreadyContacted { index });
                }
                self.contact_in_period = true;
                self.first_contact_on.get_or_insert(on);
            }
            Event::InitialMapping {} => {
                self.initial_mapping_on.get_or_insert(on);
            }
            Event::InformationGiven { topics } => {
                self.information.extend_from(*topics);
                if self.information == EnumSet::all() {
                    self.information_complete_on.get_or_insert(on);
                }
            }
            Event::NeedsAssessed { outcome } => self.needs = Some((on, *outcome)),
            Event::Registered {} => {
                self.registered_on.get_or_insert(on);
            }
            Event::DayConversation {} => self.day_conversations = self.day_conversations.saturating_add(1),
            Event::StayStarted { room, children } => {
                if self.ongoing_stay().is_some() {
                    return Err(CaseError::StayAlreadyOngoing { index });
                }
                let mut tracks = BTreeMap::new();
                for child in children {
                    self.children.entry(child.clone()).or_insert(on);
                    tracks.insert(child.clone(), ChildTrack::new(on));
                }
                self.stays.push(CaseStay {
                    period: self.period,
                    started_on: on,
                    room: room.clone(),
                    ended_on: None,
                    destination: None,
                    arrival_on: None,
                    stay_plan_on: None,
                    systematic_mapping_on: None,
                    children: tracks,
                    need: None,
                    home: None,
                    plan: None,
                    safety_plan_after_plan: false,
                });
            }
            Event::ChildJoined { child } => {
                self.children.entry(child.clone()).or_insert(on);
                if let Some(stay) = self.ongoing_stay_mut() {
                    stay.children.entry(child.clone()).or_insert(ChildTrack::new(on));
                }
            }
            Event::ArrivalDone {} | Event::StayPlanMade {} | Event::SystematicMapping {} => {
                let stay = self.ongoing_stay_mut().ok_or(CaseError::NoOngoingStay { index })?;
                let slot = match dated.event {
                    Event::ArrivalDone {} => &mut stay.arrival_on,
                    Event::StayPlanMade {} => &mut stay.stay_plan_on,
                    _ => &mut stay.systematic_mapping_on,
                };
                slot.get_or_insert(on);
            }
            Event::SafetyPlan {} => {
                self.safety_plan_on = Some(on);
                if let Some(stay) = self.stay_in_period_mut().filter(|s| s.plan.is_some()) {
                    stay.safety_plan_after_plan = true;
                }
            }
            Event::ChildMapping { child }
            | Event::ChildConversation { child }
            | Event::ChildSafetyAssessment { child }
            | Event::SchoolContact { child } => {
                if !self.children.contains_key(child) {
                    return Err(CaseError::ChildNotMember { index });
                }
                let event = &dated.event;
                if let Some(track) = self.ongoing_stay_mut().and_then(|s| s.children.get_mut(child)) {
                    match event {
                        Event::ChildMapping { .. } => track.mapping_on = Some(on),
                        Event::ChildConversation { .. } => track.conversation_on = Some(on),
                        Event::ChildSafetyAssessment { .. } => track.safety_assessment_on = Some(on),
                        _ => track.school_contact_on = Some(on),
                    }
                }
            }
            Event::ChildWelfareAssessed {} => {
                if self.children.is_empty() {
                    return Err(CaseError::NoChildren { index });
                }
                self.child_welfare_assessed_on = Some(on);
            }
            Event::MeasureNoted { measure } => self.measures.insert(*measure),
            Event::Referral { service, information, basis, .. } => {
                // No referral without a basis for sharing (ksl §5; fvl §13 a nr. 1 for consent).
                match basis {
                    None => return Err(CaseError::ReferralWithoutBasis { index }),
                    Some(SharingBasis::Consent { recipients, information: covered, .. }) => {
                        if !recipients.contains(service.party()) {
                            return Err(CaseError::ConsentDoesNotNameRecipient { index });
                        }
                        if !information.is_subset(*covered) {
                            return Err(CaseError::ConsentDoesNotCoverInformation { index });
                        }
                    }
                    // The facade checks a ground in law with the disclosure crate on the day.
                    Some(SharingBasis::Law { .. }) => {}
                }
                self.referrals = self.referrals.saturating_add(1);
            }
            Event::HousingNeedClarified { need } => {
                let stay = self.stay_in_period_mut().ok_or(CaseError::NoStay { index })?;
                stay.need = Some((on, *need));
            }
            Event::HomeFound { safety } => {
                let stay = self.stay_in_period_mut().ok_or(CaseError::NoStay { index })?;
                if stay.need.is_none() {
                    return Err(CaseError::PhaseTwoBeforePhaseOne { index });
                }
                stay.home = Some((on, *safety));
            }
            Event::FollowUpPlanMade { plan } => {
                let stay = self.stay_in_period_mut().ok_or(CaseError::NoStay { index })?;
                if stay.need.is_none() {
                    return Err(CaseError::PhaseThreeBeforePhaseOne { index });
                }
                stay.plan = Some((on, plan.clone()));
                stay.safety_plan_after_plan = false;
                if plan.safety_plan_updated {
                    self.safety_plan_on = Some(on);
                }
            }
            Event::StayEnded { destination } => {
                let stay = self.ongoing_stay_mut().ok_or(CaseError::NoOngoingStay { index })?;
                stay.ended_on = Some(on);
                stay.destination = Some(*destination);
            }
            Event::FollowUpConversation {} => {
                if self.stay_in_period().is_none_or(CaseStay::is_ongoing) {
                    return Err(CaseError::NoEndedStay { index });
                }
                self.follow_up_conversation_on = Some(on);
            }
            Event::ContactEnded { reason } => {
                if self.ongoing_stay().is_some() {
                    return Err(CaseError::StayStillOngoing { index });
                }
                // The goal of re-establishment is a fact of the events, not a label: after a
                // stay, "goal reached" must be true of the stay.
                if *reason == EndReason::GoalReached && self.stay_in_period().is_some_and(|s| !s.goal_reached()) {
                    return Err(CaseError::GoalNotReached { index });
                }
                self.closed = Some((on, *reason));
            }
            Event::CaseReopened {} => {
                if self.closed.is_none() {
                    return Err(CaseError::NotClosed { index });
                }
                self.closed = None;
                self.period = self.period.saturating_add(1);
                self.contact_in_period = false;
            }
        }
        self.events.push(dated);
        Ok(())
    }
}
