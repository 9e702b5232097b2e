//! What is due: [`next_steps`] lists the open steps of a case on a day, each with its
//! deadline, whether it is overdue, and its source (a statute provision in the version in
//! force, or the section of a practice document: never practice presented as law).

use chrono::{Days, NaiveDate};
use krisesenter_core::law::Provision;
use krisesenter_core::practice::{PracticeDocument, PracticeSource};
use krisesenter_core::rules::{RuleVersion, Versioned};
use krisesenter_core::{Citation, PersonId, ReasonKind, wire_enum};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::case::{Case, CaseStay};
use crate::event::Destination;

/// Declares the step kinds once: each with its code, messages, the provisions it rests on
/// when it is law (none when it is practice), and the practice sections that describe it.
/// The code, messages and provisions go through the kernel's `reason_kinds!`.
macro_rules! step_kinds {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $(
                $(#[$vmeta:meta])*
                $variant:ident => {
                    code: $code:literal,
                    nb: $nb:literal,
                    en: $en:literal,
                    cites: [$($prov:expr),* $(,)?],
                    practice: [$($doc:ident $sec:literal),* $(,)?] $(,)?
                }
            ),* $(,)?
        }
    ) => {
        krisesenter_core::reason_kinds! {
            $(#[$meta])*
            $vis enum $name {
                $( $(#[$vmeta])* $variant => { code: $code, nb: $nb, en: $en, cites: [$($prov),*] }, )*
            }
        }

        impl $name {
            /// The sections of practice documents that describe the step (for a law step,
            /// how to carry it out; for a practice step, its only source).
            pub const fn practice(self) -> &'static [PracticeSource] {
                match self {
                    $( $name::$variant => {
                        const SOURCES: &[PracticeSource] = &[$(PracticeSource::new(PracticeDocument::$doc, $sec)),*];
                        SOURCES
                    } )*
                }
            }
        }
    };
}

step_kinds! {
    /// A step of casework. Codes are stable; a step is law exactly when it cites a provision.
    pub enum StepKind {
        // Seed 002, "Første henvendelse": get an overview of situation and risk.
        /// Map the situation and the risk (initial mapping).
        InitialMapping => {
            code: "initial_mapping",
            nb: "Gjør en innledende kartlegging av situasjon og risiko.",
            en: "Map the situation and the risk (initial mapping).",
            cites: [],
            practice: [BufdirGuide "forste-henvendelse/innledende-kartlegging"],
        },
        // Seed 002, "Første henvendelse": give the information the person needs; seed 000 §5
        // (consent to keep records).
        /// Inform about rights, services, confidentiality and consent to keep records.
        GiveInformation => {
            code: "give_information",
            nb: "Gi informasjon om rettigheter, tjenester, taushetsplikt og samtykke til oppbevaring.",
            en: "Inform about rights, services, confidentiality and consent to keep records.",
            cites: [],
            practice: [BufdirGuide "forste-henvendelse/gi-informasjon", ShelterPlatform "5"],
        },
        // Seed 002, "Første henvendelse": assess which help is needed.
        /// Assess which help the person needs (the eligibility assessment).
        AssessNeeds => {
            code: "assess_needs",
            nb: "Vurder hvilken hjelp personen trenger.",
            en: "Assess which help the person needs.",
            cites: [],
            practice: [BufdirGuide "forste-henvendelse/vurder-hjelp"],
        },
        // Seed 002, "Første henvendelse": register the person.
        /// Register the user.
        RegisterUser => {
            code: "register_user",
            nb: "Registrer brukeren.",
            en: "Register the user.",
            cites: [],
            practice: [BufdirGuide "forste-henvendelse/registrer"],
        },
        // Seed 002, "Under oppholdet": arrival.
        /// Hold the arrival conversation.
        ArrivalConversation => {
            code: "arrival_conversation",
            nb: "Gjennomfør ankomstsamtalen.",
            en: "Hold the arrival conversation.",
            cites: [],
            practice: [BufdirGuide "under-oppholdet/ankomst"],
        },
        // Seed 002, "Under oppholdet": working with safety.
        /// Make a safety plan for the stay.
        MakeSafetyPlan => {
            code: "make_safety_plan",
            nb: "Lag en sikkerhetsplan.",
            en: "Make a safety plan.",
            cites: [],
            practice: [BufdirGuide "under-oppholdet/arbeid-med-sikkerhet"],
        },
        // Seed 002, "Under oppholdet": make a plan for the stay.
        /// Make a plan for the stay.
        MakeStayPlan => {
            code: "make_stay_plan",
            nb: "Legg en plan for oppholdet.",
            en: "Make a plan for the stay.",
            cites: [],
            practice: [BufdirGuide "under-oppholdet/legg-en-plan-for-oppholdet"],
        },
        // Seed 002, "Under oppholdet": carry out a systematic mapping.
        /// Carry out the systematic mapping.
        SystematicMapping => {
            code: "systematic_mapping",
            nb: "Gjennomfør systematisk kartlegging.",
            en: "Carry out the systematic mapping.",
            cites: [],
            practice: [BufdirGuide "under-oppholdet/gjennomfor-systematisk-kartlegging"],
        },
        // Seed 004, phase 1; seed 002 "Bolig etter oppholdet": start at once after arrival.
        /// Clarify whether a new home is needed (phase 1).
        ClarifyHousingNeed => {
            code: "clarify_housing_need",
            nb: "Avklar om det trengs ny bolig etter oppholdet (fase 1).",
            en: "Clarify whether a new home is needed after the stay (phase 1).",
            cites: [],
            practice: [FromShelterToOwnHome "fase-1", BufdirGuide "under-oppholdet/bolig-etter-oppholdet"],
        },
        // Seed 004, phase 2.
        /// Obtain a safe home (phase 2).
        FindSafeHome => {
            code: "find_safe_home",
            nb: "Skaff en trygg bolig (fase 2).",
            en: "Obtain a safe home (phase 2).",
            cites: [],
            practice: [FromShelterToOwnHome "fase-2"],
        },
        // Seed 000 §3.4 (own mappings for the children); seed 002 "Oppfølging av barn".
        /// Carry out the child's own mapping.
        ChildMapping => {
            code: "child_mapping",
            nb: "Gjennomfør egen kartlegging av barnet.",
            en: "Carry out the child's own mapping.",
            cites: [],
            practice: [BufdirGuide "barn/systematisk-kartlegging-av-barn", ShelterPlatform "3.4"],
        },
        // Seed 000 §3.4 (children are offered their own conversations); seed 002.
        /// Hold a conversation with the child.
        ChildConversation => {
            code: "child_conversation",
            nb: "Gjennomfør egen samtale med barnet.",
            en: "Hold the child's own conversation.",
            cites: [],
            practice: [BufdirGuide "barn/samtaler-med-barn", ShelterPlatform "3.4"],
        },
        // Seed 000 §3.4 (own safety assessments for the children); seed 002 "barn og sikkerhet".
        /// Assess the child's safety.
        ChildSafetyAssessment => {
            code: "child_safety_assessment",
            nb: "Gjør en egen sikkerhetsvurdering for barnet.",
            en: "Assess the child's own safety.",
            cites: [],
            practice: [BufdirGuide "barn/barn-og-sikkerhet", ShelterPlatform "3.4"],
        },
        // Seed 004, phase 3: a plan for follow-up after the stay.
        /// Make the plan for follow-up after the stay (phase 3).
        MakeFollowUpPlan => {
            code: "make_follow_up_plan",
            nb: "Lag en plan for oppfølging etter oppholdet (fase 3).",
            en: "Make the plan for follow-up after the stay (phase 3).",
            cites: [],
            practice: [FromShelterToOwnHome "fase-3", BufdirGuide "etter-oppholdet/kartlegg-stotte-og-oppfolging"],
        },
        // Seed 004, phase 3: one service coordinates; seed 002 "Koordinering etter oppholdet".
        /// Name one service that coordinates the follow-up.
        NameCoordinator => {
            code: "name_coordinator",
            nb: "Avklar hvilken tjeneste som koordinerer oppfølgingen.",
            en: "Name the one service that coordinates the follow-up.",
            cites: [],
            practice: [FromShelterToOwnHome "fase-3", BufdirGuide "etter-oppholdet/koordinering-etter-oppholdet"],
        },
        // Seed 002 "Sikkerhet etter oppholdet" and "Når beboeren vil dra tilbake til voldsutøver".
        /// Update the safety plan for the time after the stay.
        UpdateSafetyPlan => {
            code: "update_safety_plan",
            nb: "Oppdater sikkerhetsplanen for tiden etter oppholdet.",
            en: "Update the safety plan for the time after the stay.",
            cites: [],
            practice: [
                BufdirGuide "etter-oppholdet/sikkerhet-etter-oppholdet",
                BufdirGuide "under-oppholdet/nar-beboeren-vil-dra-tilbake-til-voldsutover",
            ],
        },
        // ksl §2 (from 2026-01-01 expressly in cooperation with other services) and §4
        // (coordination of services); only raised from 2026-01-01 (CaseworkRules).
        /// Involve other services in the follow-up.
        InvolveOtherServices => {
            code: "involve_other_services",
            nb: "Oppfølgingen i reetableringsfasen skal skje i samarbeid med andre tjenester.",
            en: "Follow-up in the re-establishment phase is done together with other services.",
            cites: [Provision::KslServices, Provision::KslFollowUp],
            practice: [FromShelterToOwnHome "fase-3"],
        },
        // ksl §2 first paragraph letter d: follow-up in the re-establishment phase is one of
        // the four services every municipality must provide.
        /// Offer follow-up in the re-establishment phase.
        OfferFollowUp => {
            code: "offer_follow_up",
            nb: "Tilby oppfølging i reetableringsfasen.",
            en: "Offer follow-up in the re-establishment phase.",
            cites: [Provision::KslServices],
            practice: [BufdirGuide "etter-oppholdet/fortsatte-samtaler"],
        },
        // ksl §6 and bvl §13-2 (bvl-1992 §6-4): whether the duty to inform child welfare
        // applies is assessed; the disclosure crate decides it. An assessment, not a report.
        /// Assess whether the duty to inform child welfare applies.
        AssessChildWelfareDuty => {
            code: "assess_child_welfare_duty",
            nb: "Vurder om opplysningsplikten til barnevernet gjelder.",
            en: "Assess whether the duty to inform child welfare applies.",
            cites: [Provision::KslChildWelfare, Provision::ChildWelfareDutyToInform],
            practice: [ShelterPlatform "5"],
        },
    }
}

impl StepKind {
    /// Whether the step is required by law (it cites a provision) rather than professional
    /// practice.
    pub fn is_law(self) -> bool {
        !self.provisions().is_empty()
    }
}

wire_enum!(
    /// Whether a step rests on law or on professional practice.
    pub enum Basis {
        /// A statute provision requires it.
        Law => "law",
        /// A practice document recommends it; not law.
        Practice => "practice",
    }
);

wire_enum!(
    /// Whether an open step is still within its deadline.
    pub enum StepStatus {
        /// Open, deadline not passed.
        Due => "due",
        /// Open, deadline passed.
        Overdue => "overdue",
    }
);

/// Whom a step concerns: the adult user or one child of the case.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    /// The adult user.
    User,
    /// A child member of the case.
    Child(PersonId),
}

/// The rules of casework that change with the law.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct CaseworkRules {
    /// Whether follow-up in the re-establishment phase is done together with other
    /// services, so a follow-up plan that names none raises `involve_other_services`
    /// (ksl §2 as amended by LOV-2025-06-20-42, in force 2026-01-01).
    pub follow_up_with_other_services: bool,
}

/// krisesenterlova as enacted (LOV-2009-06-19-44, in force 2010-01-01).
const V2010: CaseworkRules = CaseworkRules { follow_up_with_other_services: false };
/// The 2026 amendment: follow-up expressly in cooperation with other services.
const V2026: CaseworkRules = CaseworkRules { follow_up_with_other_services: true, ..V2010 };

/// Every version of the casework rules.
pub const RULES: Versioned<CaseworkRules> = Versioned::new(&[
    RuleVersion::new("2010-01-01", 2010, 1, 1, "LOV-2009-06-19-44", V2010),
    RuleVersion::new("2026-01-01", 2026, 1, 1, "LOV-2025-06-20-42", V2026),
]);

/// Deadlines of professional practice, in days from the event that opens each step. The
/// guide and the work process set no numbers: the defaults are this workspace's reading of
/// "at once" and "early in the stay"; set them to the shelter's own routines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct CasePolicy {
    /// Initial mapping, from first contact (default 1).
    pub initial_mapping_days: u16,
    /// Information on all four topics, from first contact (default 1).
    pub information_days: u16,
    /// Needs assessed, from first contact (default 2).
    pub needs_assessment_days: u16,
    /// Registration, from first contact (default 2).
    pub registration_days: u16,
    /// Arrival conversation, from the start of a stay (default 1).
    pub arrival_days: u16,
    /// Safety plan, from the start of a stay (default 3).
    pub safety_plan_days: u16,
    /// Plan for the stay, from the start of a stay (default 7).
    pub stay_plan_days: u16,
    /// Systematic mapping, from the start of a stay (default 14).
    pub systematic_mapping_days: u16,
    /// Phase 1, from the start of a stay (default 7: the guide says to start at once).
    pub housing_need_days: u16,
    /// Phase 2, from phase 1 (default 30: a review point, since finding a home takes time).
    pub safe_home_days: u16,
    /// A child's own mapping, from the child's arrival (default 7).
    pub child_mapping_days: u16,
    /// A child's own conversation, from the child's arrival (default 7).
    pub child_conversation_days: u16,
    /// A child's own safety assessment, from the child's arrival (default 3).
    pub child_safety_assessment_days: u16,
    /// Phase 3, from phase 2, or from the end of a stay in a home of one's own (default 7).
    pub follow_up_plan_days: u16,
    /// A coordinator, an updated safety plan and other services, from the follow-up plan (default 0).
    pub plan_completion_days: u16,
    /// Offer of follow-up (a follow-up conversation), from the end of a stay (default 14).
    pub follow_up_offer_days: u16,
    /// Safety plan and child-welfare assessment after a return to the perpetrator, from the
    /// end of the stay (default 0: the same day).
    pub return_days: u16,
    /// A safety plan or assessment made this many days before the end of a stay that ends
    /// with a return to the perpetrator counts as made for the return (default 7).
    pub return_window_days: u16,
}

impl Default for CasePolicy {
    fn default() -> Self {
        Self {
            initial_mapping_days: 1,
            information_days: 1,
            needs_assessment_days: 2,
            registration_days: 2,
            arrival_days: 1,
            safety_plan_days: 3,
            stay_plan_days: 7,
            systematic_mapping_days: 14,
            housing_need_days: 7,
            safe_home_days: 30,
            child_mapping_days: 7,
            child_conversation_days: 7,
            child_safety_assessment_days: 3,
            follow_up_plan_days: 7,
            plan_completion_days: 0,
            follow_up_offer_days: 14,
            return_days: 0,
            return_window_days: 7,
        }
    }
}

/// One open step: what, for whom, by when, and on which source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    kind: StepKind,
    subject: Subject,
    due_on: NaiveDate,
    status: StepStatus,
    as_of: NaiveDate,
}

impl Step {
    /// The kind of step.
    pub const fn kind(&self) -> StepKind {
        self.kind
    }

    /// The stable code.
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }

    /// Whom the step concerns.
    pub const fn subject(&self) -> &Subject {
        &self.subject
    }

    /// The deadline.
    pub const fn due_on(&self) -> NaiveDate {
        self.due_on
    }

    /// Due or overdue on the day asked.
    pub const fn status(&self) -> StepStatus {
        self.status
    }

    /// Law or practice.
    pub fn basis(&self) -> Basis {
        if self.kind.is_law() { Basis::Law } else { Basis::Practice }
    }

    /// The provisions, each in its version in force on the day asked (empty for practice).
    pub fn citations(&self) -> Vec<Citation> {
        self.kind.provisions().iter().filter_map(|p| p.cite(self.as_of)).collect()
    }

    /// The practice sections that describe the step.
    pub fn practice(&self) -> &'static [PracticeSource] {
        self.kind.practice()
    }
}

/// The wire shape of a [`Step`].
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "Step")]
struct StepWire {
    code: String,
    message_nb: String,
    message_en: String,
    basis: Basis,
    citations: Vec<Citation>,
    practice: Vec<PracticeSource>,
    subject: Subject,
    due_on: NaiveDate,
    status: StepStatus,
}

impl Step {
    fn wire(&self) -> StepWire {
        StepWire {
            code: self.kind.code().to_owned(),
            message_nb: self.kind.message_nb().to_owned(),
            message_en: self.kind.message_en().to_owned(),
            basis: self.basis(),
            citations: self.citations(),
            practice: self.practice().to_vec(),
            subject: self.subject.clone(),
            due_on: self.due_on,
            status: self.status,
        }
    }
}

impl Serialize for Step {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.wire().serialize(serializer)
    }
}

impl JsonSchema for Step {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        StepWire::schema_name()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        StepWire::json_schema(generator)
    }
}

/// The open steps of a case on a day, earliest deadline first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct NextSteps {
    as_of: NaiveDate,
    rules_version: &'static str,
    steps: Vec<Step>,
}

impl NextSteps {
    /// The day asked.
    pub const fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    /// The id of the casework rules applied.
    pub const fn rules_version(&self) -> &'static str {
        self.rules_version
    }

    /// The open steps, by deadline, then kind, then subject.
    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// The overdue steps.
    pub fn overdue(&self) -> impl Iterator<Item = &Step> {
        self.steps.iter().filter(|s| s.status == StepStatus::Overdue)
    }

    /// Whether a step of `kind` is open for `subject`.
    pub fn contains(&self, kind: StepKind, subject: &Subject) -> bool {
        self.steps.iter().any(|s| s.kind == kind && &s.subject == subject)
    }
}

/// `date + days`, saturating at the last representable day.
fn plus(date: NaiveDate, days: u16) -> NaiveDate {
    date.checked_add_days(Days::new(u64::from(days))).unwrap_or(NaiveDate::MAX)
}

/// `date - days`, saturating at the first representable day.
fn minus(date: NaiveDate, days: u16) -> NaiveDate {
    date.checked_sub_days(Days::new(u64::from(days))).unwrap_or(NaiveDate::MIN)
}

/// Collects open steps.
struct Open {
    as_of: NaiveDate,
    steps: Vec<Step>,
}

impl Open {
    /// Opens a step; a step already open for the same subject keeps the earlier deadline.
    fn push(&mut self, kind: StepKind, subject: Subject, due_on: NaiveDate) {
        let status = |due_on| if self.as_of > due_on { StepStatus::Overdue } else { StepStatus::Due };
        if let Some(step) = self.steps.iter_mut().find(|s| s.kind == kind && s.subject == subject) {
            if due_on < step.due_on {
                step.due_on = due_on;
                step.status = status(due_on);
            }
            return;
        }
        let status = status(due_on);
        self.steps.push(Step { kind, subject, due_on, status, as_of: self.as_of });
    }

    /// Opens `kind` for the user unless `done`.
    fn user_unless(&mut self, done: bool, kind: StepKind, due_on: NaiveDate) {
        if !done {
            self.push(kind, Subject::User, due_on);
        }
    }
}

/// The steps due and overdue on `as_of` for `case`, with the practice deadlines of
/// `policy` and the casework rules in force on `as_of`.
///
/// The case is taken as it stands: replay only the events known on `as_of`. A closed case
/// has no step. Returning to the perpetrator is never blocked: it opens the safety-plan
/// update and, with children, the assessment of the duty to inform child welfare.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use krisesenter_casework::{next_steps, Case, CaseEvent, CasePolicy, Caller, Channel, Event, StepKind, Subject};
///
/// let day = |d| NaiveDate::from_ymd_opt(2026, 3, d).ok_or("date");
/// let contact = Event::FirstContact { channel: Channel::InPerson, interpreter: true, caller: Caller::Person };
/// let case = Case::replay(&[CaseEvent::new(day(2)?, contact), CaseEvent::new(day(2)?, Event::InitialMapping {})])?;
/// let steps = next_steps(&case, &CasePolicy::default(), day(5)?);
/// assert!(steps.contains(StepKind::RegisterUser, &Subject::User));
/// assert!(!steps.contains(StepKind::InitialMapping, &Subject::User), "done");
/// assert!(steps.steps().iter().all(|s| s.status() == krisesenter_casework::StepStatus::Overdue));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn next_steps(case: &Case, policy: &CasePolicy, as_of: NaiveDate) -> NextSteps {
    let version = RULES.on(as_of).or_else(|| RULES.versions().first());
    let rules = version.map_or(V2010, |v| *v.rules());
    let mut open = Open { as_of, steps: Vec::new() };
    // No step is ever due on a closed case.
    if !case.is_closed() {
        intake_steps(case, policy, &mut open);
        if let Some(stay) = case.stay_in_period() {
            stay_steps(case, stay, policy, rules, &mut open);
        }
    }
    open.steps.sort_by(|a, b| (a.due_on, a.kind, &a.subject).cmp(&(b.due_on, b.kind, &b.subject)));
    NextSteps { as_of, rules_version: version.map_or("2010-01-01", RuleVersion::id), steps: open.steps }
}

/// First contact (seed 002, "Første henvendelse"): once per case.
fn intake_steps(case: &Case, policy: &CasePolicy, open: &mut Open) {
    let Some(first) = case.first_contact_on() else { return };
    open.user_unless(
        case.initial_mapping_on().is_some(),
        StepKind::InitialMapping,
        plus(first, policy.initial_mapping_days),
    );
    open.user_unless(
        case.information_complete_on().is_some(),
        StepKind::GiveInformation,
        plus(first, policy.information_days),
    );
    open.user_unless(
        case.needs_assessed_on().is_some(),
        StepKind::AssessNeeds,
        plus(first, policy.needs_assessment_days),
    );
    open.user_unless(case.registered_on().is_some(), StepKind::RegisterUser, plus(first, policy.registration_days));
}

/// The latest stay of this period of contact: during the stay, the children's own track,
/// re-establishment and the time after.
fn stay_steps(case: &Case, stay: &CaseStay, policy: &CasePolicy, rules: CaseworkRules, open: &mut Open) {
    let start = stay.started_on();
    let since_start = |d: Option<NaiveDate>| d.is_some_and(|d| d >= start);
    match stay.ended_on() {
        None => {
            open.user_unless(
                stay.arrival_on().is_some(),
                StepKind::ArrivalConversation,
                plus(start, policy.arrival_days),
            );
            open.user_unless(
                since_start(case.safety_plan_on()),
                StepKind::MakeSafetyPlan,
                plus(start, policy.safety_plan_days),
            );
            open.user_unless(stay.stay_plan_on().is_some(), StepKind::MakeStayPlan, plus(start, policy.stay_plan_days));
            open.user_unless(
                stay.systematic_mapping_on().is_some(),
                StepKind::SystematicMapping,
                plus(start, policy.systematic_mapping_days),
            );
            open.user_unless(
                stay.housing_need().is_some(),
                StepKind::ClarifyHousingNeed,
                plus(start, policy.housing_need_days),
            );
            if let Some((need_on, _)) = stay.need_dated() {
                open.user_unless(stay.home().is_some(), StepKind::FindSafeHome, plus(need_on, policy.safe_home_days));
            }
            // Every child of the stay has their own track until each step is done.
            for (child, track) in stay.children() {
                let joined = track.joined_on();
                let subject = || Subject::Child(child.clone());
                if track.mapping_on().is_none() {
                    open.push(StepKind::ChildMapping, subject(), plus(joined, policy.child_mapping_days));
                }
                if track.conversation_on().is_none() {
                    open.push(StepKind::ChildConversation, subject(), plus(joined, policy.child_conversation_days));
                }
                if track.safety_assessment_on().is_none() {
                    open.push(
                        StepKind::ChildSafetyAssessment,
                        subject(),
                        plus(joined, policy.child_safety_assessment_days),
                    );
                }
            }
        }
        Some(end) => after_stay_steps(case, stay, end, policy, open),
    }
    re_establishment_steps(stay, policy, rules, open);
}

/// After the stay: follow-up is offered to every former resident (ksl §2); a return to the
/// perpetrator opens the safety-plan update and, with children, the child-welfare assessment.
fn after_stay_steps(case: &Case, stay: &CaseStay, end: NaiveDate, policy: &CasePolicy, open: &mut Open) {
    open.user_unless(
        case.follow_up_conversation_on().is_some_and(|d| d >= end),
        StepKind::OfferFollowUp,
        plus(end, policy.follow_up_offer_days),
    );
    if stay.destination() == Some(Destination::ReturnedToPerpetrator) {
        let window = minus(end, policy.return_window_days);
        let due = plus(end, policy.return_days);
        open.user_unless(case.safety_plan_on().is_some_and(|d| d >= window), StepKind::UpdateSafetyPlan, due);
        if !stay.children().is_empty() {
            open.user_unless(
                case.child_welfare_assessed_on().is_some_and(|d| d >= window),
                StepKind::AssessChildWelfareDuty,
                due,
            );
        }
    }
}

/// Phase 3 and what the plan must hold.
fn re_establishment_steps(stay: &CaseStay, policy: &CasePolicy, rules: CaseworkRules, open: &mut Open) {
    match stay.plan_dated() {
        None => {
            // The plan is due once a home is found, or once the stay ended in a home of
            // one's own, whichever comes first.
            let after_home = stay.home_dated().map(|(d, _)| plus(d, policy.follow_up_plan_days));
            let after_end = stay
                .ended_on()
                .filter(|_| stay.destination().is_some_and(Destination::is_own_home))
                .map(|d| plus(d, policy.follow_up_plan_days));
            if let Some(due) = after_home.into_iter().chain(after_end).min() {
                open.push(StepKind::MakeFollowUpPlan, Subject::User, due);
            }
        }
        Some((plan_on, plan)) => {
            let due = plus(plan_on, policy.plan_completion_days);
            open.user_unless(plan.coordinator.is_some(), StepKind::NameCoordinator, due);
            open.user_unless(stay.safety_plan_updated_for_follow_up(), StepKind::UpdateSafetyPlan, due);
            // ksl §2 from 2026-01-01: follow-up in cooperation with other services.
            let no_service = plan.services.is_empty() && plan.coordinator.is_none();
            if rules.follow_up_with_other_services && no_service {
                open.push(StepKind::InvolveOtherServices, Subject::User, due);
            }
        }
    }
}
