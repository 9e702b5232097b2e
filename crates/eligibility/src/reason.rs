//! The reasons an assessment gives, declared once as data: each kind with its stable code,
//! its message in bokmål and in English, and the provisions it rests on (a `//` comment
//! naming the source of each rule). A set of them given on one day is a
//! [`krisesenter_core::Reasons<EligibilityReason>`](krisesenter_core::Reasons): no allocation
//! while deciding; the messages and citations are rendered from static data when the set is
//! explained or serialised.

use krisesenter_core::law::Provision;

const KSL1: Provision = Provision::KslTargetGroup;
const KSL2: Provision = Provision::KslServices;
const KSL3: Provision = Provision::KslAdaptation;
const KSL6: Provision = Provision::KslChildWelfare;

krisesenter_core::reason_kinds! {
    /// Every reason an assessment can give. The order of declaration is the order in which
    /// reasons are listed in an [`crate::Offer`]: what decides first, what explains after.
    ///
    /// Codes are stable identifiers; messages are for people and may be reworded.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use krisesenter_eligibility::{EligibilityReason, ReasonKind, Reasons};
    /// let as_of = NaiveDate::from_ymd_opt(2026, 3, 1).ok_or("date")?;
    /// let phone = Reasons::of(&[EligibilityReason::PhoneAlwaysOffered], as_of);
    /// assert_eq!(EligibilityReason::PhoneAlwaysOffered.code(), "phone_always_offered");
    /// let explained = phone.explain();
    /// assert_eq!(explained[0].citations()[0].section(), "2");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub enum EligibilityReason {
        // Residential offer (botilbud).
        /// The stay is offered: exposed to violence, in need of protection, able to live in the shelter.
        StayOffered => {
            code: "stay_offered",
            nb: "Botilbud tilbys: personen er utsatt for vold i nære relasjoner, har behov for beskyttelse og kan bo i bofellesskapet.",
            en: "A stay is offered: the person is exposed to violence in a close relationship, needs protection and can live in the shared home.",
            // ksl §1 target group, §2 the stay, §3 the individual assessment (Romerike platform §3.2).
            cites: [KSL1, KSL2, KSL3],
        },
        /// Relatives and professionals get conversations and the phone, not a stay.
        StayForVictimsOnly => {
            code: "stay_for_victims_only",
            nb: "Botilbudet er for voldsutsatte; pårørende og ansatte i hjelpeapparatet får samtaler og telefon.",
            en: "The stay is for those exposed to violence; relatives and professionals get conversations and the phone.",
            // ksl §2 the services; Romerike platform §3.1 (conversations for relatives and professionals).
            cites: [KSL1, KSL2],
        },
        /// No violence or threats in a close relationship, and no human trafficking.
        NoViolenceInCloseRelation => {
            code: "no_violence_in_close_relation",
            nb: "Ingen vold eller trusler i en nær relasjon og ingen menneskehandel: personen er ikke i målgruppen for botilbudet.",
            en: "No violence or threats in a close relationship and no human trafficking: not in the target group of the stay.",
            // ksl §1 (violence or threats in close relationships); Romerike platform §2.
            cites: [KSL1],
        },
        /// No need of protection: the stay rests on the risk and safety situation.
        NoProtectionNeed => {
            code: "no_protection_need",
            nb: "Ikke behov for beskyttelse: behovet for botilbud vurderes ut fra risiko- og sikkerhetssituasjonen.",
            en: "No need of protection: the need for a stay rests on the risk and safety situation.",
            // ksl §3 (individual assessment of the need); Romerike platform §3.2.
            cites: [KSL1, KSL3],
        },
        /// A child under 18 without a guardian cannot stay; child welfare is responsible.
        MinorWithoutGuardian => {
            code: "minor_without_guardian",
            nb: "Barn under 18 år kan ikke bo på krisesenteret uten følge av en foresatt; barnevernet kontaktes.",
            en: "A child under 18 cannot stay at the shelter without a guardian; child welfare is contacted.",
            // Romerike platform §3.4; ksl §6 (cooperation with child welfare).
            cites: [KSL3, KSL6],
        },
        /// Active substance use: freedom from substances is required for the stay.
        ActiveSubstanceUse => {
            code: "active_substance_use",
            nb: "Aktiv rus: rusfrihet kreves for å bo på krisesenteret.",
            en: "Active substance use: being free of substances is required for the stay.",
            // Boevne, ksl §3; Romerike platform §3.2; workshop 2026 ("krav til rusfrihet").
            cites: [KSL3],
        },
        /// Cannot look after themselves.
        CannotCareForSelf => {
            code: "cannot_care_for_self",
            nb: "Personen er ikke i stand til å ivareta seg selv i et bofellesskap.",
            en: "The person cannot look after themselves in a shared home.",
            // Boevne, ksl §3; Romerike platform §3.2; workshop 2026 ("krav til rusfrihet").
            cites: [KSL3],
        },
        /// Cannot look after the children they bring.
        CannotCareForChildren => {
            code: "cannot_care_for_children",
            nb: "Personen er ikke i stand til å ivareta barna som følger med; barnevernet kontaktes.",
            en: "The person cannot look after the children they bring; child welfare is contacted.",
            // Boevne, ksl §3; the children's situation, ksl §6.
            cites: [KSL3, KSL6],
        },
        /// A danger to themselves.
        DangerToSelf => {
            code: "danger_to_self",
            nb: "Personen kan utgjøre en fare for seg selv.",
            en: "The person may be a danger to themselves.",
            // Boevne, ksl §3; Romerike platform §3.2; workshop 2026 ("krav til rusfrihet").
            cites: [KSL3],
        },
        /// A danger to others.
        DangerToOthers => {
            code: "danger_to_others",
            nb: "Personen kan utgjøre en fare for andre.",
            en: "The person may be a danger to others.",
            // Boevne, ksl §3; Romerike platform §3.2; workshop 2026 ("krav til rusfrihet").
            cites: [KSL3],
        },
        /// Behaviour other residents experience as frightening.
        FrighteningBehaviour => {
            code: "frightening_behaviour",
            nb: "Personen har en atferd som andre beboere opplever som skremmende.",
            en: "The person behaves in a way other residents experience as frightening.",
            // Boevne, ksl §3; Romerike platform §3.2; workshop 2026 ("krav til rusfrihet").
            cites: [KSL3],
        },
        /// Needs follow-up from health personnel: the stay is an individual assessment.
        NeedsHealthFollowUp => {
            code: "needs_health_follow_up",
            nb: "Behov for oppfølging av helsepersonell: botilbudet vurderes individuelt, ikke avslått automatisk.",
            en: "Needs follow-up from health personnel: the stay is an individual assessment, not an automatic refusal.",
            // Boevne, ksl §3; Romerike platform §3.2; workshop 2026 ("krav til rusfrihet").
            cites: [KSL3],
        },
        /// Serious mental illness without a need of health follow-up is tolerated.
        SeriousMentalIllnessTolerated => {
            code: "serious_mental_illness_tolerated",
            nb: "Psykisk uhelse uten behov for oppfølging av helsepersonell er ikke grunn til å avslå botilbud.",
            en: "Mental illness without a need of follow-up from health personnel is no reason to refuse a stay.",
            // Boevne, ksl §3; Romerike platform §3.2; workshop 2026 ("krav til rusfrihet").
            cites: [KSL3],
        },
        /// A victim of human trafficking is in the target group whatever the relation.
        HumanTraffickingVictim => {
            code: "human_trafficking_victim",
            nb: "Utsatte for menneskehandel er i målgruppen uansett relasjon til utøveren.",
            en: "Victims of human trafficking are in the target group whatever their relation to the perpetrator.",
            // ksl §1; Romerike platform §2 (human trafficking).
            cites: [KSL1],
        },
        // Day service (dagtilbud).
        /// Conversations with advice and guidance are offered.
        DayOffered => {
            code: "day_offered",
            nb: "Samtaler med råd og veiledning tilbys, ved oppmøte, på telefon eller ved utreise.",
            en: "Conversations with advice and guidance are offered, in person, by phone or by outreach.",
            // ksl §2 nr. 2 (dagtilbud), with an interpreter when needed.
            cites: [KSL2],
        },
        /// Relatives and professionals may have conversations with advice and guidance.
        DayForRelativesAndProfessionals => {
            code: "day_for_relatives_and_professionals",
            nb: "Pårørende og ansatte i hjelpeapparatet kan få samtaler med råd og veiledning.",
            en: "Relatives and professionals may have conversations with advice and guidance.",
            // ksl §2 nr. 2 (dagtilbud), with an interpreter when needed.
            cites: [KSL2],
        },
        /// Active substance use: the form of the day service is assessed individually.
        DayIndividualAssessmentSubstanceUse => {
            code: "day_individual_assessment_substance_use",
            nb: "Aktiv rus: formen på dagtilbudet vurderes individuelt; samtaler avslås ikke.",
            en: "Active substance use: the form of the day service is assessed individually; conversations are never refused.",
            // ksl §2 and §3; workshop 2026 ("individuelle vurderinger ang. dagtilbudet").
            cites: [KSL2, KSL3],
        },
        // Phone service (telefontilbud).
        /// The phone is open day and night for everyone.
        PhoneAlwaysOffered => {
            code: "phone_always_offered",
            nb: "Telefontilbudet er åpent hele døgnet, hele året, for alle.",
            en: "The phone service is open day and night, all year, to everyone.",
            // ksl §2 nr. 3 (telefontilbud, open day and night).
            cites: [KSL2],
        },
        // Equal alternative (krisesenterlova §3 from 2026-01-01).
        /// The stay is offered, so no alternative is needed.
        StayOfferedNoAlternative => {
            code: "stay_offered_no_alternative",
            nb: "Botilbud tilbys, så et alternativt tilbud trengs ikke.",
            en: "A stay is offered, so no alternative is needed.",
            // ksl §3 first paragraph, second sentence (in force 2026-01-01; earlier version before).
            cites: [KSL3],
        },
        /// An equal alternative is required only for someone in the target group refused a stay.
        AlternativeNotRequiredOutsideTargetGroup => {
            code: "alternative_not_required_outside_target_group",
            nb: "Likeverdig alternativt tilbud kreves for voldsutsatte i målgruppen som ikke kan bruke botilbudet.",
            en: "An equal alternative is required for people in the target group who cannot use the stay.",
            cites: [KSL1, KSL3],
        },
        /// A child without a guardian is child welfare's responsibility, not an alternative shelter's.
        AlternativeChildWelfareResponsible => {
            code: "alternative_child_welfare_responsible",
            nb: "Barn uten foresatt er barnevernets ansvar; et alternativt krisesentertilbud kreves ikke.",
            en: "A child without a guardian is the responsibility of child welfare; no alternative crisis-shelter offer is required.",
            cites: [KSL3, KSL6],
        },
        /// If the individual assessment ends in a refusal, an equal alternative is required.
        AlternativeRequiredIfRefused => {
            code: "alternative_required_if_refused",
            nb: "Ender den individuelle vurderingen med avslag, må kommunen sørge for et likeverdig alternativt tilbud.",
            en: "If the individual assessment ends in a refusal, the municipality must provide an equal alternative.",
            // ksl §3 first paragraph, second sentence (in force 2026-01-01; earlier version before).
            cites: [KSL3],
        },
        /// Before 2026-01-01 the law did not require an equal alternative.
        AlternativeNotADutyBefore2026 => {
            code: "alternative_not_a_duty_before_2026",
            nb: "Før 1. januar 2026 krevde ikke loven et likeverdig alternativt tilbud; forarbeidene anbefalte det.",
            en: "Before 1 January 2026 the law did not require an equal alternative; the preparatory works recommended one.",
            // ksl §3 first paragraph, second sentence (in force 2026-01-01; earlier version before).
            cites: [KSL3],
        },
        /// The first configured alternative that fits is offered.
        EqualAlternativeOffered => {
            code: "equal_alternative_offered",
            nb: "Likeverdig alternativt krisesentertilbud: det første konfigurerte tilbudet som tar imot personen.",
            en: "Equal alternative crisis-shelter offer: the first configured alternative that accepts the person.",
            // ksl §3 first paragraph, second sentence (in force 2026-01-01; earlier version before).
            cites: [KSL3],
        },
        /// The municipality has configured no alternative: a gap staff must escalate.
        NoAlternativesConfigured => {
            code: "no_alternatives_configured",
            nb: "Kommunen har ikke noe likeverdig alternativt tilbud: et brudd på plikten som ansatte må melde videre.",
            en: "The municipality has no equal alternative configured: a gap in its duty that staff must escalate.",
            // ksl §3 first paragraph, second sentence (in force 2026-01-01; earlier version before).
            cites: [KSL3],
        },
        /// No configured alternative fits: a gap staff must escalate.
        NoAlternativeFits => {
            code: "no_alternative_fits",
            nb: "Ingen av kommunens alternative tilbud tar imot personen: et brudd på plikten som ansatte må melde videre.",
            en: "None of the municipality's alternatives accepts the person: a gap in its duty that staff must escalate.",
            // ksl §3 first paragraph, second sentence (in force 2026-01-01; earlier version before).
            cites: [KSL3],
        },
        // Adaptations (krisesenterlova §3).
        /// An interpreter.
        Interpreter => {
            code: "interpreter",
            nb: "Tolk skal brukes ved behov.",
            en: "An interpreter is used when needed.",
            // ksl §2 (interpreter in the day service) and §3 (adaptation).
            cites: [KSL2, KSL3],
        },
        /// An accessible room.
        AccessibleRoom => {
            code: "accessible_room",
            nb: "Tilbudet tilrettelegges med universelt utformet rom.",
            en: "The offer is adapted with an accessible room.",
            // ksl §3 (adaptation; from 2026-01-01 the second paragraph on Sami users).
            cites: [KSL3],
        },
        /// The rights of Sami users are safeguarded (from 2026-01-01).
        SamiUsersRights => {
            code: "sami_users_rights",
            nb: "Samiske brukeres rettigheter skal ivaretas.",
            en: "The rights of Sami users must be safeguarded.",
            // ksl §3 (adaptation; from 2026-01-01 the second paragraph on Sami users).
            cites: [KSL3],
        },
        /// A place in the kennel for a pet.
        PetKennel => {
            code: "pet_kennel",
            nb: "Kjæledyret kan få plass i kennelen.",
            en: "The pet can have a place in the kennel.",
            // ksl §3 (adaptation); Romerike's kennel (workshop 2026).
            cites: [KSL3],
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use krisesenter_core::law::KSL_IN_FORCE;
    use krisesenter_core::{ReasonKind, Reasons};

    use EligibilityReason as R;

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
            let all = Reasons::of(EligibilityReason::ALL, as_of);
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
