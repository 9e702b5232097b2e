//! The reasons an assessment gives, as data: a stable code, a message in bokmål and in
//! English, and the provisions each rests on. [`Reasons`] holds a set of them without
//! allocating; the messages and citations are rendered from static data when the set is
//! explained or serialised.

use std::borrow::Cow;

use chrono::NaiveDate;
use krisesenter_core::law::Provision;
use krisesenter_core::{Reason, ReasonKind};
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::ser::{SerializeSeq, SerializeStruct};
use serde::{Serialize, Serializer};

/// Every reason an assessment can give. The order of declaration is the order in which
/// reasons are listed in an [`crate::Offer`]: what decides first, what explains after.
///
/// Codes are stable identifiers; messages are for people and may be reworded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum EligibilityReason {
    // Residential offer (botilbud).
    /// The stay is offered: exposed to violence, in need of protection, able to live in the shelter.
    StayOffered,
    /// Relatives and professionals get conversations and the phone, not a stay.
    StayForVictimsOnly,
    /// No violence or threats in a close relationship, and no human trafficking.
    NoViolenceInCloseRelation,
    /// No need of protection: the stay rests on the risk and safety situation.
    NoProtectionNeed,
    /// A child under 18 without a guardian cannot stay; child welfare is responsible.
    MinorWithoutGuardian,
    /// Active substance use: freedom from substances is required for the stay.
    ActiveSubstanceUse,
    /// Cannot look after themselves.
    CannotCareForSelf,
    /// Cannot look after the children they bring.
    CannotCareForChildren,
    /// A danger to themselves.
    DangerToSelf,
    /// A danger to others.
    DangerToOthers,
    /// Behaviour other residents experience as frightening.
    FrighteningBehaviour,
    /// Needs follow-up from health personnel: the stay is an individual assessment.
    NeedsHealthFollowUp,
    /// Serious mental illness without a need of health follow-up is tolerated.
    SeriousMentalIllnessTolerated,
    /// A victim of human trafficking is in the target group whatever the relation.
    HumanTraffickingVictim,
    // Day service (dagtilbud).
    /// Conversations with advice and guidance are offered.
    DayOffered,
    /// Relatives and professionals may have conversations with advice and guidance.
    DayForRelativesAndProfessionals,
    /// Active substance use: the form of the day service is assessed individually.
    DayIndividualAssessmentSubstanceUse,
    // Phone service (telefontilbud).
    /// The phone is open day and night for everyone.
    PhoneAlwaysOffered,
    // Equal alternative (krisesenterlova §3 from 2026-01-01).
    /// The stay is offered, so no alternative is needed.
    StayOfferedNoAlternative,
    /// An equal alternative is required only for someone in the target group refused a stay.
    AlternativeNotRequiredOutsideTargetGroup,
    /// A child without a guardian is child welfare's responsibility, not an alternative shelter's.
    AlternativeChildWelfareResponsible,
    /// If the individual assessment ends in a refusal, an equal alternative is required.
    AlternativeRequiredIfRefused,
    /// Before 2026-01-01 the law did not require an equal alternative.
    AlternativeNotADutyBefore2026,
    /// The first configured alternative that fits is offered.
    EqualAlternativeOffered,
    /// The municipality has configured no alternative: a gap staff must escalate.
    NoAlternativesConfigured,
    /// No configured alternative fits: a gap staff must escalate.
    NoAlternativeFits,
    // Adaptations (krisesenterlova §3).
    /// An interpreter.
    Interpreter,
    /// An accessible room.
    AccessibleRoom,
    /// The rights of Sami users are safeguarded (from 2026-01-01).
    SamiUsersRights,
    /// A place in the kennel for a pet.
    PetKennel,
}

use EligibilityReason as R;

const KSL1: Provision = Provision::KslTargetGroup;
const KSL2: Provision = Provision::KslServices;
const KSL3: Provision = Provision::KslAdaptation;
const KSL6: Provision = Provision::KslChildWelfare;

impl EligibilityReason {
    /// Every reason, in declaration order (the order reasons are listed in an offer).
    pub const ALL: &'static [EligibilityReason] = &[
        R::StayOffered,
        R::StayForVictimsOnly,
        R::NoViolenceInCloseRelation,
        R::NoProtectionNeed,
        R::MinorWithoutGuardian,
        R::ActiveSubstanceUse,
        R::CannotCareForSelf,
        R::CannotCareForChildren,
        R::DangerToSelf,
        R::DangerToOthers,
        R::FrighteningBehaviour,
        R::NeedsHealthFollowUp,
        R::SeriousMentalIllnessTolerated,
        R::HumanTraffickingVictim,
        R::DayOffered,
        R::DayForRelativesAndProfessionals,
        R::DayIndividualAssessmentSubstanceUse,
        R::PhoneAlwaysOffered,
        R::StayOfferedNoAlternative,
        R::AlternativeNotRequiredOutsideTargetGroup,
        R::AlternativeChildWelfareResponsible,
        R::AlternativeRequiredIfRefused,
        R::AlternativeNotADutyBefore2026,
        R::EqualAlternativeOffered,
        R::NoAlternativesConfigured,
        R::NoAlternativeFits,
        R::Interpreter,
        R::AccessibleRoom,
        R::SamiUsersRights,
        R::PetKennel,
    ];

    /// The bit of this reason in a [`Reasons`] set.
    const fn bit(self) -> u64 {
        1u64 << (self as u8)
    }
}

// A `Reasons` set is a u64: there must never be more than 64 reasons.
const _: () = assert!(EligibilityReason::ALL.len() <= 64);

impl ReasonKind for EligibilityReason {
    fn code(self) -> &'static str {
        match self {
            R::StayOffered => "stay_offered",
            R::StayForVictimsOnly => "stay_for_victims_only",
            R::NoViolenceInCloseRelation => "no_violence_in_close_relation",
            R::NoProtectionNeed => "no_protection_need",
            R::MinorWithoutGuardian => "minor_without_guardian",
            R::ActiveSubstanceUse => "active_substance_use",
            R::CannotCareForSelf => "cannot_care_for_self",
            R::CannotCareForChildren => "cannot_care_for_children",
            R::DangerToSelf => "danger_to_self",
            R::DangerToOthers => "danger_to_others",
            R::FrighteningBehaviour => "frightening_behaviour",
            R::NeedsHealthFollowUp => "needs_health_follow_up",
            R::SeriousMentalIllnessTolerated => "serious_mental_illness_tolerated",
            R::HumanTraffickingVictim => "human_trafficking_victim",
            R::DayOffered => "day_offered",
            R::DayForRelativesAndProfessionals => "day_for_relatives_and_professionals",
            R::DayIndividualAssessmentSubstanceUse => "day_individual_assessment_substance_use",
            R::PhoneAlwaysOffered => "phone_always_offered",
            R::StayOfferedNoAlternative => "stay_offered_no_alternative",
            R::AlternativeNotRequiredOutsideTargetGroup => "alternative_not_required_outside_target_group",
            R::AlternativeChildWelfareResponsible => "alternative_child_welfare_responsible",
            R::AlternativeRequiredIfRefused => "alternative_required_if_refused",
            R::AlternativeNotADutyBefore2026 => "alternative_not_a_duty_before_2026",
            R::EqualAlternativeOffered => "equal_alternative_offered",
            R::NoAlternativesConfigured => "no_alternatives_configured",
            R::NoAlternativeFits => "no_alternative_fits",
            R::Interpreter => "interpreter",
            R::AccessibleRoom => "accessible_room",
            R::SamiUsersRights => "sami_users_rights",
            R::PetKennel => "pet_kennel",
        }
    }

    fn message_nb(self) -> &'static str {
        match self {
            R::StayOffered => {
                "Botilbud tilbys: personen er utsatt for vold i nære relasjoner, har behov for beskyttelse og kan bo i bofellesskapet."
            }
            R::StayForVictimsOnly => {
                "Botilbudet er for voldsutsatte; pårørende og ansatte i hjelpeapparatet får samtaler og telefon."
            }
            R::NoViolenceInCloseRelation => {
                "Ingen vold eller trusler i en nær relasjon og ingen menneskehandel: personen er ikke i målgruppen for botilbudet."
            }
            R::NoProtectionNeed => {
                "Ikke behov for beskyttelse: behovet for botilbud vurderes ut fra risiko- og sikkerhetssituasjonen."
            }
            R::MinorWithoutGuardian => {
                "Barn under 18 år kan ikke bo på krisesenteret uten følge av en foresatt; barnevernet kontaktes."
            }
            R::ActiveSubstanceUse => "Aktiv rus: rusfrihet kreves for å bo på krisesenteret.",
            R::CannotCareForSelf => "Personen er ikke i stand til å ivareta seg selv i et bofellesskap.",
            R::CannotCareForChildren => {
                "Personen er ikke i stand til å ivareta barna som følger med; barnevernet kontaktes."
            }
            R::DangerToSelf => "Personen kan utgjøre en fare for seg selv.",
            R::DangerToOthers => "Personen kan utgjøre en fare for andre.",
            R::FrighteningBehaviour => "Personen har en atferd som andre beboere opplever som skremmende.",
            R::NeedsHealthFollowUp => {
                "Behov for oppfølging av helsepersonell: botilbudet vurderes individuelt, ikke avslått automatisk."
            }
            R::SeriousMentalIllnessTolerated => {
                "Psykisk uhelse uten behov for oppfølging av helsepersonell er ikke grunn til å avslå botilbud."
            }
            R::HumanTraffickingVictim => "Utsatte for menneskehandel er i målgruppen uansett relasjon til utøveren.",
            R::DayOffered => "Samtaler med råd og veiledning tilbys, ved oppmøte, på telefon eller ved utreise.",
            R::DayForRelativesAndProfessionals => {
                "Pårørende og ansatte i hjelpeapparatet kan få samtaler med råd og veiledning."
            }
            R::DayIndividualAssessmentSubstanceUse => {
                "Aktiv rus: formen på dagtilbudet vurderes individuelt; samtaler avslås ikke."
            }
            R::PhoneAlwaysOffered => "Telefontilbudet er åpent hele døgnet, hele året, for alle.",
            R::StayOfferedNoAlternative => "Botilbud tilbys, så et alternativt tilbud trengs ikke.",
            R::AlternativeNotRequiredOutsideTargetGroup => {
                "Likeverdig alternativt tilbud kreves for voldsutsatte i målgruppen som ikke kan bruke botilbudet."
            }
            R::AlternativeChildWelfareResponsible => {
                "Barn uten foresatt er barnevernets ansvar; et alternativt krisesentertilbud kreves ikke."
            }
            R::AlternativeRequiredIfRefused => {
                "Ender den individuelle vurderingen med avslag, må kommunen sørge for et likeverdig alternativt tilbud."
            }
            R::AlternativeNotADutyBefore2026 => {
                "Før 1. januar 2026 krevde ikke loven et likeverdig alternativt tilbud; forarbeidene anbefalte det."
            }
            R::EqualAlternativeOffered => {
                "Likeverdig alternativt krisesentertilbud: det første konfigurerte tilbudet som tar imot personen."
            }
            R::NoAlternativesConfigured => {
                "Kommunen har ikke noe likeverdig alternativt tilbud: et brudd på plikten som ansatte må melde videre."
            }
            R::NoAlternativeFits => {
                "Ingen av kommunens alternative tilbud tar imot personen: et brudd på plikten som ansatte må melde videre."
            }
            R::Interpreter => "Tolk skal brukes ved behov.",
            R::AccessibleRoom => "Tilbudet tilrettelegges med universelt utformet rom.",
            R::SamiUsersRights => "Samiske brukeres rettigheter skal ivaretas.",
            R::PetKennel => "Kjæledyret kan få plass i kennelen.",
        }
    }

    fn message_en(self) -> &'static str {
        match self {
            R::StayOffered => {
                "A stay is offered: the person is exposed to violence in a close relationship, needs protection and can live in the shared home."
            }
            R::StayForVictimsOnly => {
                "The stay is for those exposed to violence; relatives and professionals get conversations and the phone."
            }
            R::NoViolenceInCloseRelation => {
                "No violence or threats in a close relationship and no human trafficking: not in the target group of the stay."
            }
            R::NoProtectionNeed => "No need of protection: the need for a stay rests on the risk and safety situation.",
            R::MinorWithoutGuardian => {
                "A child under 18 cannot stay at the shelter without a guardian; child welfare is contacted."
            }
            R::ActiveSubstanceUse => "Active substance use: being free of substances is required for the stay.",
            R::CannotCareForSelf => "The person cannot look after themselves in a shared home.",
            R::CannotCareForChildren => {
                "The person cannot look after the children they bring; child welfare is contacted."
            }
            R::DangerToSelf => "The person may be a danger to themselves.",
            R::DangerToOthers => "The person may be a danger to others.",
            R::FrighteningBehaviour => "The person behaves in a way other residents experience as frightening.",
            R::NeedsHealthFollowUp => {
                "Needs follow-up from health personnel: the stay is an individual assessment, not an automatic refusal."
            }
            R::SeriousMentalIllnessTolerated => {
                "Mental illness without a need of follow-up from health personnel is no reason to refuse a stay."
            }
            R::HumanTraffickingVictim => {
                "Victims of human trafficking are in the target group whatever their relation to the perpetrator."
            }
            R::DayOffered => "Conversations with advice and guidance are offered, in person, by phone or by outreach.",
            R::DayForRelativesAndProfessionals => {
                "Relatives and professionals may have conversations with advice and guidance."
            }
            R::DayIndividualAssessmentSubstanceUse => {
                "Active substance use: the form of the day service is assessed individually; conversations are never refused."
            }
            R::PhoneAlwaysOffered => "The phone service is open day and night, all year, to everyone.",
            R::StayOfferedNoAlternative => "A stay is offered, so no alternative is needed.",
            R::AlternativeNotRequiredOutsideTargetGroup => {
                "An equal alternative is required for people in the target group who cannot use the stay."
            }
            R::AlternativeChildWelfareResponsible => {
                "A child without a guardian is the responsibility of child welfare; no alternative crisis-shelter offer is required."
            }
            R::AlternativeRequiredIfRefused => {
                "If the individual assessment ends in a refusal, the municipality must provide an equal alternative."
            }
            R::AlternativeNotADutyBefore2026 => {
                "Before 1 January 2026 the law did not require an equal alternative; the preparatory works recommended one."
            }
            R::EqualAlternativeOffered => {
                "Equal alternative crisis-shelter offer: the first configured alternative that accepts the person."
            }
            R::NoAlternativesConfigured => {
                "The municipality has no equal alternative configured: a gap in its duty that staff must escalate."
            }
            R::NoAlternativeFits => {
                "None of the municipality's alternatives accepts the person: a gap in its duty that staff must escalate."
            }
            R::Interpreter => "An interpreter is used when needed.",
            R::AccessibleRoom => "The offer is adapted with an accessible room.",
            R::SamiUsersRights => "The rights of Sami users must be safeguarded.",
            R::PetKennel => "The pet can have a place in the kennel.",
        }
    }

    fn provisions(self) -> &'static [Provision] {
        match self {
            // ksl §1 target group, §2 the stay, §3 the individual assessment (Romerike platform §3.2).
            R::StayOffered => &[KSL1, KSL2, KSL3],
            // ksl §2 the services; Romerike platform §3.1 (conversations for relatives and professionals).
            R::StayForVictimsOnly => &[KSL1, KSL2],
            // ksl §1 (violence or threats in close relationships); Romerike platform §2.
            R::NoViolenceInCloseRelation => &[KSL1],
            // ksl §3 (individual assessment of the need); Romerike platform §3.2.
            R::NoProtectionNeed => &[KSL1, KSL3],
            // Romerike platform §3.4; ksl §6 (cooperation with child welfare).
            R::MinorWithoutGuardian => &[KSL3, KSL6],
            // Boevne, ksl §3; Romerike platform §3.2; workshop 2026 ("krav til rusfrihet").
            R::ActiveSubstanceUse
            | R::CannotCareForSelf
            | R::DangerToSelf
            | R::DangerToOthers
            | R::FrighteningBehaviour
            | R::NeedsHealthFollowUp
            | R::SeriousMentalIllnessTolerated => &[KSL3],
            // Boevne, ksl §3; the children's situation, ksl §6.
            R::CannotCareForChildren => &[KSL3, KSL6],
            // ksl §1; Romerike platform §2 (human trafficking).
            R::HumanTraffickingVictim => &[KSL1],
            // ksl §2 nr. 2 (dagtilbud), with an interpreter when needed.
            R::DayOffered | R::DayForRelativesAndProfessionals => &[KSL2],
            // ksl §2 and §3; workshop 2026 ("individuelle vurderinger ang. dagtilbudet").
            R::DayIndividualAssessmentSubstanceUse => &[KSL2, KSL3],
            // ksl §2 nr. 3 (telefontilbud, open day and night).
            R::PhoneAlwaysOffered => &[KSL2],
            // ksl §3 first paragraph, second sentence (in force 2026-01-01; earlier version before).
            R::StayOfferedNoAlternative
            | R::AlternativeRequiredIfRefused
            | R::AlternativeNotADutyBefore2026
            | R::EqualAlternativeOffered
            | R::NoAlternativesConfigured
            | R::NoAlternativeFits => &[KSL3],
            R::AlternativeNotRequiredOutsideTargetGroup => &[KSL1, KSL3],
            R::AlternativeChildWelfareResponsible => &[KSL3, KSL6],
            // ksl §2 (interpreter in the day service) and §3 (adaptation).
            R::Interpreter => &[KSL2, KSL3],
            // ksl §3 (adaptation; from 2026-01-01 the second paragraph on Sami users).
            R::AccessibleRoom | R::SamiUsersRights => &[KSL3],
            // ksl §3 (adaptation); Romerike's kennel (workshop 2026).
            R::PetKennel => &[KSL3],
        }
    }
}

/// A set of [`EligibilityReason`]s given on one day, listed in declaration order.
///
/// It holds no strings: the messages and the citations of the provision versions in force
/// on [`Reasons::as_of`] are rendered by [`Reasons::explain`] and when serialised, where it
/// becomes a JSON list of contract `Reason`s.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use krisesenter_eligibility::{assess, Assessment, EligibilityReason};
/// let as_of = NaiveDate::from_ymd_opt(2026, 3, 1).ok_or("date")?;
/// let offer = assess(&Assessment::example_victim(), as_of)?;
/// let phone = offer.phone().reasons();
/// assert!(phone.contains(EligibilityReason::PhoneAlwaysOffered));
/// let explained = phone.explain();
/// assert_eq!(explained[0].code().as_str(), "phone_always_offered");
/// assert_eq!(explained[0].citations()[0].section(), "2");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Reasons {
    bits: u64,
    as_of: NaiveDate,
}

impl Reasons {
    /// No reasons, on `as_of`.
    pub(crate) const fn none(as_of: NaiveDate) -> Self {
        Self { bits: 0, as_of }
    }

    /// Adds a reason.
    pub(crate) fn insert(&mut self, reason: EligibilityReason) {
        self.bits |= reason.bit();
    }

    /// Adds a reason when `condition` holds.
    pub(crate) fn insert_if(&mut self, condition: bool, reason: EligibilityReason) {
        if condition {
            self.insert(reason);
        }
    }

    /// Adds every reason of `other`.
    pub(crate) fn extend(&mut self, other: Reasons) {
        self.bits |= other.bits;
    }

    /// Whether the set holds `reason`.
    pub const fn contains(&self, reason: EligibilityReason) -> bool {
        self.bits & reason.bit() != 0
    }

    /// Whether the set is empty.
    pub const fn is_empty(&self) -> bool {
        self.bits == 0
    }

    /// How many reasons the set holds.
    pub const fn len(&self) -> usize {
        self.bits.count_ones() as usize
    }

    /// The day the reasons were given on: their citations name the versions in force that day.
    pub const fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    /// The reasons, in declaration order.
    pub fn iter(&self) -> impl Iterator<Item = EligibilityReason> + '_ {
        EligibilityReason::ALL.iter().copied().filter(|r| self.contains(*r))
    }

    /// The stable codes, in order.
    pub fn codes(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.iter().map(ReasonKind::code)
    }

    /// The reasons as the workspace's [`Reason`]s, each citing the provision versions in
    /// force on [`Reasons::as_of`].
    pub fn explain(&self) -> Vec<Reason> {
        self.iter().map(|r| Reason::explain(r, self.as_of)).collect()
    }
}

impl std::fmt::Debug for Reasons {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.codes()).finish()
    }
}

/// One reason as the contract's `Reason`, serialised from static data.
struct ReasonView {
    kind: EligibilityReason,
    as_of: NaiveDate,
}

/// The citations of one reason, in the versions in force on `as_of`.
struct CitationsView {
    kind: EligibilityReason,
    as_of: NaiveDate,
}

impl Serialize for CitationsView {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let versions = self.kind.provisions().iter().filter_map(|p| p.version_on(self.as_of));
        let mut seq = serializer.serialize_seq(None)?;
        for v in versions {
            // The same fields, in the same order, as `krisesenter_core::Citation`.
            seq.serialize_element(&CitationView {
                statute: v.statute,
                section: v.section,
                in_force_from: v.in_force_from,
            })?;
        }
        seq.end()
    }
}

#[derive(Serialize)]
struct CitationView {
    statute: krisesenter_core::Statute,
    section: &'static str,
    in_force_from: NaiveDate,
}

impl Serialize for ReasonView {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // The same fields, in the same order, as `krisesenter_core::Reason`.
        let mut s = serializer.serialize_struct("Reason", 4)?;
        s.serialize_field("code", self.kind.code())?;
        s.serialize_field("message_nb", self.kind.message_nb())?;
        s.serialize_field("message_en", self.kind.message_en())?;
        s.serialize_field("citations", &CitationsView { kind: self.kind, as_of: self.as_of })?;
        s.end()
    }
}

impl Serialize for Reasons {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter().map(|kind| ReasonView { kind, as_of: self.as_of }))
    }
}

impl JsonSchema for Reasons {
    fn inline_schema() -> bool {
        <Vec<Reason>>::inline_schema()
    }

    fn schema_name() -> Cow<'static, str> {
        <Vec<Reason>>::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        <Vec<Reason>>::schema_id()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        <Vec<Reason>>::json_schema(generator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use krisesenter_core::law::KSL_IN_FORCE;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn all_is_in_discriminant_order_and_complete() {
        for (i, r) in EligibilityReason::ALL.iter().enumerate() {
            assert_eq!(*r as usize, i, "{r:?}");
        }
        assert_eq!(EligibilityReason::ALL.len(), R::PetKennel as usize + 1);
    }

    #[test]
    fn codes_are_unique_snake_case_and_every_reason_cites_the_law() {
        let mut codes = std::collections::BTreeSet::new();
        for r in EligibilityReason::ALL {
            assert!(krisesenter_core::ReasonCode::from_static(r.code()).is_ok(), "{r:?}");
            assert!(codes.insert(r.code()), "duplicate code {}", r.code());
            assert!(!r.provisions().is_empty(), "{r:?}");
            assert!(!r.message_nb().is_empty() && !r.message_en().is_empty());
            // Every provision cited is in force from the day krisesenterlova took effect.
            assert!(r.provisions().iter().all(|p| p.cite(KSL_IN_FORCE).is_some()), "{r:?}");
        }
    }

    #[test]
    fn serialisation_equals_the_core_reason() {
        for as_of in [d(2010, 1, 1), d(2025, 12, 31), d(2026, 1, 1), d(2031, 6, 1)] {
            let mut all = Reasons::none(as_of);
            for r in EligibilityReason::ALL {
                all.insert(*r);
            }
            assert_eq!(all.len(), EligibilityReason::ALL.len());
            let ours = serde_json::to_value(all).unwrap();
            let core = serde_json::to_value(all.explain()).unwrap();
            assert_eq!(ours, core);
        }
    }

    #[test]
    fn sets_list_in_declaration_order() {
        let mut set = Reasons::none(d(2026, 1, 1));
        set.insert(R::PetKennel);
        set.insert(R::StayOffered);
        set.insert_if(false, R::Interpreter);
        assert_eq!(set.codes().collect::<Vec<_>>(), ["stay_offered", "pet_kennel"]);
        assert_eq!(format!("{set:?}"), r#"["stay_offered", "pet_kennel"]"#);
    }
}
