//! The rules of DOMAIN.md §2, in one place: who is offered a stay, what is offered
//! instead, how the offer is adapted and where the person is referred.
//!
//! Sources: krisesenterlova (ksl) §§1-3 in the version in force on the day, with the
//! amendment of 2026-01-01 (LOV-2025-06-20-42); Romerike Krisesenter's professional
//! platform (§2 target group, §3.2 the stay and boevne, §3.4 children); the workshop
//! "Voldsutsatte med utfordringer innen rus og psykiatri" (Ullensaker, 2026-02-26).

use chrono::NaiveDate;
use krisesenter_core::law::{KSL_2026_AMENDMENT, KSL_IN_FORCE};
use thiserror::Error;

use crate::input::{Alternative, Assessment, Role};
use crate::offer::{
    AlternativeOffer, ChosenAlternative, DayOutcome, Offer, PhoneOutcome, Referral, Referrals, ResidentialOutcome,
    ServiceOffer,
};
use crate::reason::{EligibilityReason as R, Reasons};

/// Why an assessment cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum AssessError {
    /// The day is before krisesenterlova took effect (2010-01-01): no rule to apply and no
    /// provision to cite.
    #[error("the assessment date {as_of} is before krisesenterlova took effect on {KSL_IN_FORCE}")]
    BeforeKrisesenterlova {
        /// The rejected day.
        as_of: NaiveDate,
    },
}

/// Where the person stands towards a stay, before boevne is considered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Standing {
    /// A relative or a professional: conversations and the phone, never a stay.
    NotAVictim,
    /// A victim outside the target group of the stay (no violence in a close relationship
    /// and no trafficking, or no need of protection).
    OutsideTargetGroup,
    /// In the target group, but a child without a guardian: child welfare's responsibility.
    MinorWithoutGuardian,
    /// In the target group of the stay.
    TargetGroup,
}

/// Whether the person can live in the shared home (boevne).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Boevne {
    /// At least one boevne criterion is not met.
    Unable,
    /// No criterion fails, but health personnel must follow the person up.
    NeedsHealthFollowUp,
    /// Every criterion is met.
    Able,
}

/// What the equal-alternative duty says for this person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Duty {
    /// The stay is offered.
    NotNeeded,
    /// Not in the target group of the stay.
    OutsideTargetGroup,
    /// A child without a guardian: child welfare.
    ChildWelfare,
    /// The stay is assessed individually: required if that ends in a refusal.
    IfRefused,
    /// The stay is refused to someone in the target group.
    Refused,
}

/// Assesses one person on `as_of`: the outcome for every service with its reasons, the
/// equal alternative, the adaptations and the referrals.
///
/// The phone is always offered and conversations are never refused; a stay refused to
/// someone in the target group requires an equal alternative from 2026-01-01 (and never
/// before); protected attributes and age among adults never change any outcome. Nothing
/// allocates except the id of a chosen alternative.
///
/// # Errors
///
/// [`AssessError::BeforeKrisesenterlova`] when `as_of` is before 2010-01-01.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use krisesenter_eligibility::{assess, Assessment, Observations, ResidentialOutcome};
///
/// let as_of = NaiveDate::from_ymd_opt(2026, 3, 1).ok_or("date")?;
/// let offer = assess(&Assessment::example_victim(), as_of)?;
/// assert_eq!(offer.residential().outcome(), ResidentialOutcome::Offered);
///
/// // Active substance use: no stay, and from 2026 an equal alternative is required.
/// let mut o = Observations::no_concerns();
/// o.active_substance_use = true;
/// let offer = assess(&Assessment::example_victim().with_observations(o), as_of)?;
/// assert_eq!(offer.residential().outcome(), ResidentialOutcome::NotOffered);
/// assert!(offer.alternative().required());
///
/// // Before krisesenterlova there is nothing to apply.
/// let old = NaiveDate::from_ymd_opt(2009, 12, 31).ok_or("date")?;
/// assert!(assess(&Assessment::example_victim(), old).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn assess(assessment: &Assessment, as_of: NaiveDate) -> Result<Offer, AssessError> {
    if as_of < KSL_IN_FORCE {
        return Err(AssessError::BeforeKrisesenterlova { as_of });
    }
    Ok(evaluate(assessment, as_of))
}

/// The first configured alternative that accepts the applicant's gender, the reasons the
/// stay is refused for (active substance use, serious mental illness) and any children
/// (DOMAIN.md §2; workshop 2026). `None` when none fits: a gap in the municipality's duty.
///
/// [`assess`] applies it when it refuses a stay; staff apply it when an individual
/// assessment ends in a refusal.
///
/// # Example
///
/// ```
/// use krisesenter_core::{AlternativeId, Gender};
/// use krisesenter_eligibility::{choose_alternative, Accepts, Alternative, AlternativeModel, Assessment, Observations};
///
/// let men = Alternative::new(AlternativeId::try_new("men")?, AlternativeModel::SpecialisedCentre,
///     Accepts::try_new([Gender::Male], true, true, true)?);
/// let women = Alternative::new(AlternativeId::try_new("women")?, AlternativeModel::CooperationHousing,
///     Accepts::try_new([Gender::Female], true, false, false)?);
/// let mut o = Observations::no_concerns();
/// o.active_substance_use = true;
/// let a = Assessment::example_victim().with_observations(o).with_alternatives([men, women])?;
/// assert_eq!(choose_alternative(&a).map(|alt| alt.id().as_str()), Some("women"));
///
/// // Serious mental illness as well: the women's place does not accept it.
/// o.serious_mental_illness = true;
/// assert!(choose_alternative(&a.with_observations(o)).is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn choose_alternative(assessment: &Assessment) -> Option<&Alternative> {
    let gender = assessment.applicant().gender();
    let obs = assessment.observations();
    let has_children = !assessment.children().is_empty();
    assessment.alternatives().iter().find(|alt| {
        let accepts = alt.accepts();
        accepts.genders().contains(&gender)
            && (!obs.active_substance_use || accepts.active_substance_use())
            && (!obs.serious_mental_illness || accepts.serious_mental_illness())
            && (!has_children || accepts.children())
    })
}

/// The rules. Every rule is one statement with a comment naming its source; the outcome of
/// the stay and the alternative duty are combined in one exhaustive `match`.
fn evaluate(a: &Assessment, as_of: NaiveDate) -> Offer {
    let obs = a.observations();
    let violence = a.violence();
    let victim = a.applicant().role() == Role::Victim;
    let has_children = !a.children().is_empty();
    // ksl §3 first paragraph, second sentence, and second paragraph: in force 2026-01-01.
    let amended = as_of >= KSL_2026_AMENDMENT;

    // --- Target group (ksl §1; Romerike platform §2) ---
    // Violence or threats in a close relationship, or human trafficking whatever the relation.
    let exposed = violence.in_target_group();
    // The need of a stay rests on the risk and safety situation (ksl §3; Romerike platform §3.2).
    let protected = a.protection_need();
    // A child under 18 cannot stay without a guardian (Romerike platform §3.4).
    let minor_alone = !a.applicant().age().is_adult() && !a.accompanied_by_guardian();

    // --- Boevne (ksl §3; Romerike platform §3.2; workshop 2026 "krav til boevne") ---
    let mut concerns = Reasons::none(as_of);
    // "Krav til rusfrihet for å benytte botilbudet" (workshop 2026).
    concerns.insert_if(obs.active_substance_use, R::ActiveSubstanceUse);
    // "Ikke er i stand til å ivareta seg selv" (platform §3.2).
    concerns.insert_if(!obs.can_care_for_self, R::CannotCareForSelf);
    // "Ivareta seg selv og eventuelt sine barn" (platform §3.2): only with children.
    concerns.insert_if(has_children && !obs.can_care_for_children, R::CannotCareForChildren);
    // "Kan utgjøre en fare for seg selv eller andre" (platform §3.2).
    concerns.insert_if(obs.danger_to_self, R::DangerToSelf);
    concerns.insert_if(obs.danger_to_others, R::DangerToOthers);
    // "Har en adferd som oppleves skremmende" (platform §3.2).
    concerns.insert_if(obs.frightening_behaviour, R::FrighteningBehaviour);
    // "Toleranse for psykisk uhelse, men avhengig av behov for oppfølging av helsepersonell"
    // (workshop 2026): a need of health follow-up makes the stay an individual assessment.
    let boevne = match (concerns.is_empty(), obs.needs_health_follow_up) {
        (false, _) => Boevne::Unable,
        (true, true) => Boevne::NeedsHealthFollowUp,
        (true, false) => Boevne::Able,
    };

    let standing = match (victim, exposed && protected, minor_alone) {
        (false, _, _) => Standing::NotAVictim,
        (true, false, _) => Standing::OutsideTargetGroup,
        (true, true, true) => Standing::MinorWithoutGuardian,
        (true, true, false) => Standing::TargetGroup,
    };

    // --- The stay: one exhaustive match, a comment per arm ---
    let (residential, duty) = match (standing, boevne) {
        // Relatives and professionals use conversations and the phone (ksl §2; platform §3.1).
        (Standing::NotAVictim, _) => (ResidentialOutcome::NotOffered, Duty::OutsideTargetGroup),
        // Outside the target group of ksl §1, or without a need of protection (ksl §3).
        (Standing::OutsideTargetGroup, _) => (ResidentialOutcome::NotOffered, Duty::OutsideTargetGroup),
        // A child alone is referred to child welfare (platform §3.4), whatever boevne says.
        (Standing::MinorWithoutGuardian, _) => (ResidentialOutcome::NotOffered, Duty::ChildWelfare),
        // A boevne criterion fails: no stay at the ordinary shelter (platform §3.2).
        (Standing::TargetGroup, Boevne::Unable) => (ResidentialOutcome::NotOffered, Duty::Refused),
        // Mental illness is tolerated; health follow-up makes it an individual assessment.
        (Standing::TargetGroup, Boevne::NeedsHealthFollowUp) => {
            (ResidentialOutcome::IndividualAssessment, Duty::IfRefused)
        }
        // Exposed, in need of protection, able to live in the shared home (ksl §§1-3).
        (Standing::TargetGroup, Boevne::Able) => (ResidentialOutcome::Offered, Duty::NotNeeded),
    };

    let mut stay = Reasons::none(as_of);
    if victim {
        stay.insert_if(residential == ResidentialOutcome::Offered, R::StayOffered);
        stay.insert_if(!exposed, R::NoViolenceInCloseRelation);
        stay.insert_if(!protected, R::NoProtectionNeed);
        stay.insert_if(minor_alone, R::MinorWithoutGuardian);
        stay.extend(concerns);
        stay.insert_if(obs.needs_health_follow_up, R::NeedsHealthFollowUp);
        stay.insert_if(obs.serious_mental_illness && !obs.needs_health_follow_up, R::SeriousMentalIllnessTolerated);
        stay.insert_if(violence.includes_trafficking(), R::HumanTraffickingVictim);
    } else {
        stay.insert(R::StayForVictimsOnly);
    }

    // --- The day service: never refused (ksl §2; workshop 2026 "individuelle vurderinger
    // ang. dagtilbudet" for active substance use) ---
    let mut day_reasons = Reasons::none(as_of);
    day_reasons.insert_if(!victim, R::DayForRelativesAndProfessionals);
    let day = if obs.active_substance_use {
        day_reasons.insert(R::DayIndividualAssessmentSubstanceUse);
        DayOutcome::IndividualAssessment
    } else {
        day_reasons.insert_if(victim, R::DayOffered);
        DayOutcome::Offered
    };

    // --- The phone: always offered (ksl §2 nr. 3) ---
    let mut phone_reasons = Reasons::none(as_of);
    phone_reasons.insert(R::PhoneAlwaysOffered);

    // --- The equal alternative (ksl §3 first paragraph, second sentence, from 2026-01-01) ---
    let mut alt_reasons = Reasons::none(as_of);
    let (required, chosen) = match (duty, amended) {
        (Duty::NotNeeded, _) => {
            alt_reasons.insert(R::StayOfferedNoAlternative);
            (false, None)
        }
        (Duty::OutsideTargetGroup, _) => {
            alt_reasons.insert(R::AlternativeNotRequiredOutsideTargetGroup);
            (false, None)
        }
        (Duty::ChildWelfare, _) => {
            alt_reasons.insert(R::AlternativeChildWelfareResponsible);
            (false, None)
        }
        // Before 2026-01-01 the duty did not exist (the preparatory works only recommended it).
        (Duty::IfRefused | Duty::Refused, false) => {
            alt_reasons.insert(R::AlternativeNotADutyBefore2026);
            (false, None)
        }
        (Duty::IfRefused, true) => {
            alt_reasons.insert(R::AlternativeRequiredIfRefused);
            (false, None)
        }
        // The first configured alternative that fits; none is a gap staff must escalate.
        (Duty::Refused, true) => {
            let chosen = choose_alternative(a);
            alt_reasons.insert(match (chosen.is_some(), a.alternatives().is_empty()) {
                (true, _) => R::EqualAlternativeOffered,
                (false, true) => R::NoAlternativesConfigured,
                (false, false) => R::NoAlternativeFits,
            });
            (true, chosen.map(|alt| ChosenAlternative::new(alt.id().clone(), alt.model())))
        }
    };
    let duty_if_refused = amended && matches!(duty, Duty::IfRefused | Duty::Refused | Duty::NotNeeded);

    // --- Adaptations (ksl §3): one reason per need, never inferred from a protected attribute ---
    let needs = a.adaptation_needs();
    let mut adaptations = Reasons::none(as_of);
    // An interpreter when needed (ksl §2, §3; platform §3.1).
    adaptations.insert_if(needs.interpreter, R::Interpreter);
    // An accessible room (ksl §3).
    adaptations.insert_if(needs.accessible_room, R::AccessibleRoom);
    // Sami users' rights: ksl §3 second paragraph, from 2026-01-01 only.
    adaptations.insert_if(needs.sami && amended, R::SamiUsersRights);
    // A pet: Romerike has a kennel (workshop 2026).
    adaptations.insert_if(needs.pet, R::PetKennel);

    // --- Referrals (recommendations; sharing needs consent or a duty, see krisesenter-disclosure) ---
    let mut referrals = Referrals::default();
    // Child welfare: a parent who cannot care for the children, a child alone (platform §3.2, §3.4; ksl §6).
    referrals
        .insert_if((has_children && !obs.can_care_for_children) || (victim && minor_alone), Referral::ChildWelfare);
    // Health: cannot care for self, danger to self or others, need of health follow-up (workshop 2026).
    referrals.insert_if(
        !obs.can_care_for_self || obs.danger_to_self || obs.danger_to_others || obs.needs_health_follow_up,
        Referral::Health,
    );
    // Substance-use treatment for active substance use (workshop 2026).
    referrals.insert_if(obs.active_substance_use, Referral::SubstanceTreatment);
    // Police: a victim exposed and in need of protection who gets no stay, for protective
    // measures (platform §3.1: safety planning with the police); and every trafficking victim.
    let unprotected = victim && exposed && protected && residential == ResidentialOutcome::NotOffered;
    referrals.insert_if(unprotected || (victim && violence.includes_trafficking()), Referral::Police);

    Offer::new(
        ServiceOffer::new(residential, stay),
        ServiceOffer::new(day, day_reasons),
        ServiceOffer::new(PhoneOutcome::Offered, phone_reasons),
        AlternativeOffer::new(required, chosen, alt_reasons),
        adaptations,
        referrals,
        duty_if_refused,
    )
}
