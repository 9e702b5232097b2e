//! What happens in a case: dated events holding codes, dates and ids, never free text or
//! names (notes stay in the embedding case system).

use chrono::NaiveDate;
use krisesenter_core::{ConsentId, EnumSet, Information, Party, PersonId, RoomId, wire_enum};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

wire_enum!(
    /// How the first contact was made (seed 000 §3.1: phone, in person, staff travelling out).
    pub enum Channel {
        /// By phone.
        Phone => "phone",
        /// In person at the shelter.
        InPerson => "in_person",
        /// Staff met the person outside the shelter (oppsøkende).
        Outreach => "outreach",
    }
);

wire_enum!(
    /// Who made the first contact.
    pub enum Caller {
        /// The person exposed to violence.
        Person => "person",
        /// A relative or someone close to the person.
        Relative => "relative",
        /// A professional of another service.
        Professional => "professional",
    }
);

wire_enum!(
    /// What the user was told at first contact (the guide's "gi nødvendig informasjon").
    pub enum InformationTopic {
        /// The user's rights.
        Rights => "rights",
        /// The services of the shelter and of others.
        Services => "services",
        /// The duty of confidentiality and its limits.
        Confidentiality => "confidentiality",
        /// Consent to keep records (seed 000 §5).
        RecordConsent => "record_consent",
    }
);

wire_enum!(
    /// The eligibility crate's outcome for the stay, recorded as its code.
    pub enum NeedsOutcome {
        /// A stay is offered.
        StayOffered => "stay_offered",
        /// The stay is an individual assessment.
        StayIndividualAssessment => "stay_individual_assessment",
        /// No stay; conversations and the phone (and from 2026 an equal alternative).
        StayNotOffered => "stay_not_offered",
    }
);

wire_enum!(
    /// A protective measure noted on the case (decided by others: police, prosecution,
    /// courts, the population register).
    pub enum ProtectiveMeasure {
        /// Besøksforbud, straffeprosessloven §222 a (the "contact ban" the prosecution orders).
        VisitingBan => "visiting_ban",
        /// Electronic control of a visiting or contact ban ("omvendt voldsalarm"),
        /// straffeprosessloven §222 g (from 2024-04-08); by judgment straffeloven §57.
        ElectronicControl => "electronic_control",
        /// Fortrolig adresse in the population register.
        ConfidentialAddress => "confidential_address",
        /// Strengt fortrolig adresse in the population register.
        StrictlyConfidentialAddress => "strictly_confidential_address",
        /// A safety alarm (voldsalarm) from the police.
        SafetyAlarm => "safety_alarm",
    }
);

wire_enum!(
    /// Another service the shelter refers to or coordinates with.
    pub enum Service {
        /// The labour and welfare administration.
        Nav => "nav",
        /// The child welfare service.
        ChildWelfare => "child_welfare",
        /// The police.
        Police => "police",
        /// Health services.
        Health => "health",
        /// School or kindergarten.
        School => "school",
        /// A lawyer.
        Lawyer => "lawyer",
        /// The municipality's housing service.
        Housing => "housing",
        /// The immigration authority.
        Immigration => "immigration",
    }
);

impl Service {
    /// The contract's [`Party`] this service is as a recipient of information.
    pub const fn party(self) -> Party {
        match self {
            Service::Nav => Party::Nav,
            Service::ChildWelfare => Party::ChildWelfare,
            Service::Police => Party::Police,
            Service::Health => Party::Health,
            Service::School => Party::School,
            Service::Lawyer => Party::Lawyer,
            Service::Housing | Service::Immigration => Party::OtherService,
        }
    }
}

wire_enum!(
    /// Whether the shelter refers the user on or coordinates with a service already involved.
    pub enum ReferralKind {
        /// A referral to another service.
        Referral => "referral",
        /// Coordination with a service that takes part.
        Coordination => "coordination",
    }
);

wire_enum!(
    /// A ground in law for sharing without consent, as the disclosure crate decides it.
    pub enum LegalGround {
        /// The duty to inform child welfare on own initiative (ksl §6, bvl §13-2).
        ChildWelfareDuty => "child_welfare_duty",
        /// An order from child welfare that must be answered (ksl §6, bvl §13-2).
        ChildWelfareOrder => "child_welfare_order",
        /// The duty to avert (straffeloven §196).
        DutyToAvert => "duty_to_avert",
        /// Danger to life or health permits sharing (straffeloven §17, fvl §13 b nr. 7).
        DangerToLifeOrHealth => "danger_to_life_or_health",
    }
);

/// The basis for sharing information in a referral: the user's consent, or a ground in law.
/// The facade checks it against the disclosure crate on the referral's date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum SharingBasis {
    /// A written sharing consent, with the recipients and categories it covers.
    Consent {
        /// The consent record's id.
        consent: ConsentId,
        /// The recipients the consent names.
        recipients: EnumSet<Party>,
        /// The categories the consent covers.
        information: EnumSet<Information>,
    },
    /// A duty or permission in law.
    Law {
        /// Which ground.
        ground: LegalGround,
    },
}

wire_enum!(
    /// Phase 1 of "Fra krisesenter til egen bolig": is a new home needed?
    pub enum HousingNeed {
        /// Return to the former home once safety measures are in place.
        ReturnHomeOnceSafe => "return_home_once_safe",
        /// A new home is needed.
        NewHomeNeeded => "new_home_needed",
    }
);

wire_enum!(
    /// Phase 2: the home found, and whether it is safe.
    pub enum HomeSafety {
        /// The home is safe.
        Safe => "safe",
        /// The user accepted the home with a known risk.
        AcceptedWithRisk => "accepted_with_risk",
    }
);

wire_enum!(
    /// What the shelter keeps giving after the stay (the guide's "tiltak i regi av krisesenteret").
    pub enum ShelterFollowUp {
        /// Continued conversations.
        Conversations => "conversations",
        /// Groups and activities for former residents.
        Groups => "groups",
        /// Phone contact.
        Phone => "phone",
        /// The contact person takes part in a responsibility group for a transition.
        ResponsibilityGroup => "responsibility_group",
        /// Parenting guidance.
        ParentingGuidance => "parenting_guidance",
    }
);

wire_enum!(
    /// How an individual plan (individuell plan) was considered in phase 3.
    pub enum IndividualPlan {
        /// Considered and not needed.
        NotNeeded => "not_needed",
        /// Considered and asked for.
        Requested => "requested",
        /// Offered and declined by the user.
        Declined => "declined",
    }
);

/// Phase 3: the plan for follow-up after the stay.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FollowUpPlan {
    /// Whether the safety plan was updated for the time after the stay.
    pub safety_plan_updated: bool,
    /// What the shelter keeps giving.
    pub shelter_continues: EnumSet<ShelterFollowUp>,
    /// Which other services take part.
    pub services: EnumSet<Service>,
    /// The one service that coordinates, when one is named.
    pub coordinator: Option<Service>,
    /// How an individual plan was considered.
    pub individual_plan: IndividualPlan,
}

wire_enum!(
    /// Where the user went after the stay: the same vocabulary as the statistics crate's
    /// after-stay categories (the national form's question).
    pub enum Destination {
        /// Returned to their own home, now safe (the perpetrator has left).
        ReturnedHomeSafely => "returned_home_safely",
        /// Moved to a new home.
        NewHome => "new_home",
        /// Moved back to the perpetrator: the user's right (seed 000 §4.2).
        ReturnedToPerpetrator => "returned_to_perpetrator",
        /// Moved to another crisis shelter.
        OtherShelter => "other_shelter",
        /// Moved in with family or friends.
        FamilyOrFriends => "family_or_friends",
        /// Somewhere else.
        Other => "other",
        /// Not known.
        Unknown => "unknown",
    }
);

impl Destination {
    /// Whether the destination is a home of the user's own (new, or the former one made safe).
    pub const fn is_own_home(self) -> bool {
        matches!(self, Destination::ReturnedHomeSafely | Destination::NewHome)
    }
}

wire_enum!(
    /// Why the contact ended (the guide's "når skal du avslutte kontakten?").
    pub enum EndReason {
        /// The goal of the follow-up was reached.
        GoalReached => "goal_reached",
        /// The user chose to end it.
        UsersChoice => "users_choice",
        /// The user moved away.
        MovedAway => "moved_away",
        /// The user could not be reached.
        NoContact => "no_contact",
    }
);

/// What happened. Variants carry codes and ids only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Event {
    /// First contact: the channel, whether an interpreter was used, who called.
    FirstContact {
        /// How the contact was made.
        channel: Channel,
        /// Whether an interpreter was used.
        interpreter: bool,
        /// Who made the contact.
        caller: Caller,
    },
    /// The initial mapping of situation and risk is done.
    InitialMapping {},
    /// Information was given on these topics.
    InformationGiven {
        /// The topics covered.
        topics: EnumSet<InformationTopic>,
    },
    /// The needs were assessed; the eligibility outcome for the stay is recorded.
    NeedsAssessed {
        /// The eligibility crate's outcome, as a code.
        outcome: NeedsOutcome,
    },
    /// The user was registered.
    Registered {},
    /// A conversation of the day service.
    DayConversation {},
    /// A stay began, in a room, with the children who came along.
    StayStarted {
        /// The room.
        room: RoomId,
        /// The children who came along (their ids only).
        #[serde(default)]
        children: Vec<PersonId>,
    },
    /// A child joined the case later.
    ChildJoined {
        /// The child.
        child: PersonId,
    },
    /// The arrival conversation is done.
    ArrivalDone {},
    /// The safety plan was made (the first one) or updated (every later one).
    SafetyPlan {},
    /// The plan for the stay was made.
    StayPlanMade {},
    /// The systematic mapping was done.
    SystematicMapping {},
    /// A child's own mapping was done.
    ChildMapping {
        /// The child.
        child: PersonId,
    },
    /// A conversation with a child.
    ChildConversation {
        /// The child.
        child: PersonId,
    },
    /// A child's own safety assessment was done.
    ChildSafetyAssessment {
        /// The child.
        child: PersonId,
    },
    /// Contact with the child's school or kindergarten was kept.
    SchoolContact {
        /// The child.
        child: PersonId,
    },
    /// Whether the duty to inform child welfare applies was assessed (the disclosure crate
    /// decides; this records that the assessment was made).
    ChildWelfareAssessed {},
    /// A protective measure is in place.
    MeasureNoted {
        /// The measure.
        measure: ProtectiveMeasure,
    },
    /// A referral to, or coordination with, another service, with the basis for sharing.
    Referral {
        /// Referral or coordination.
        kind: ReferralKind,
        /// The service.
        service: Service,
        /// The categories of information shared.
        information: EnumSet<Information>,
        /// The basis for sharing, or null (required: null is written, never left out); a
        /// referral without one is refused.
        #[serde(deserialize_with = "krisesenter_core::wire::object_or_null")]
        #[schemars(schema_with = "krisesenter_core::wire::required_nullable::<Option<SharingBasis>>")]
        basis: Option<SharingBasis>,
    },
    /// Re-establishment phase 1: the housing need is clarified.
    HousingNeedClarified {
        /// Return home once safe, or a new home.
        need: HousingNeed,
    },
    /// Re-establishment phase 2: a home is found.
    HomeFound {
        /// Safe, or accepted with a risk.
        safety: HomeSafety,
    },
    /// Re-establishment phase 3: the follow-up plan is made.
    FollowUpPlanMade {
        /// The plan.
        plan: FollowUpPlan,
    },
    /// The stay ended, with where the user went.
    StayEnded {
        /// Where the user went.
        destination: Destination,
    },
    /// A follow-up conversation after the stay.
    FollowUpConversation {},
    /// The contact ended.
    ContactEnded {
        /// Why.
        reason: EndReason,
    },
    /// A closed case is opened again (a repeated contact or stay).
    CaseReopened {},
}

impl Event {
    /// The event's wire name.
    pub const fn name(&self) -> &'static str {
        match self {
            Event::FirstContact { .. } => "first_contact",
            Event::InitialMapping {} => "initial_mapping",
            Event::InformationGiven { .. } => "information_given",
            Event::NeedsAssessed { .. } => "needs_assessed",
            Event::Registered {} => "registered",
            Event::DayConversation {} => "day_conversation",
            Event::StayStarted { .. } => "stay_started",
            Event::ChildJoined { .. } => "child_joined",
            Event::ArrivalDone {} => "arrival_done",
            Event::SafetyPlan {} => "safety_plan",
            Event::StayPlanMade {} => "stay_plan_made",
            Event::SystematicMapping {} => "systematic_mapping",
            Event::ChildMapping { .. } => "child_mapping",
            Event::ChildConversation { .. } => "child_conversation",
            Event::ChildSafetyAssessment { .. } => "child_safety_assessment",
            Event::SchoolContact { .. } => "school_contact",
            Event::ChildWelfareAssessed {} => "child_welfare_assessed",
            Event::MeasureNoted { .. } => "measure_noted",
            Event::Referral { .. } => "referral",
            Event::HousingNeedClarified { .. } => "housing_need_clarified",
            Event::HomeFound { .. } => "home_found",
            Event::FollowUpPlanMade { .. } => "follow_up_plan_made",
            Event::StayEnded { .. } => "stay_ended",
            Event::FollowUpConversation {} => "follow_up_conversation",
            Event::ContactEnded { .. } => "contact_ended",
            Event::CaseReopened {} => "case_reopened",
        }
    }
}

/// One dated event: `{"on": "2026-03-01", "event": {"type": "…", …}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CaseEvent {
    /// The day it happened.
    #[serde(deserialize_with = "krisesenter_core::date::exact")]
    pub on: NaiveDate,
    /// What happened.
    #[serde(deserialize_with = "krisesenter_core::wire::object")]
    pub event: Event,
}

impl CaseEvent {
    /// An event on a day.
    pub const fn new(on: NaiveDate, event: Event) -> Self {
        Self { on, event }
    }
}
