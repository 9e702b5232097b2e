//! The rules of DOMAIN.md §2, in one place: who is offered a stay, what is offered
//! instead, how the offer is adapted and where the person is referred.
//!
//! Sources: krisesenterlova (ksl) §§1-3 in the version in force on the day, with the
//! amendment of 2026-01-01 (LOV-2025-06-20-42); Romerike Krisesenter's professional
//! platform (§2 target group, §3.2 the stay and boevne, §3.4 children); the workshop
//! "Voldsutsatte med utfordringer innen rus og psykiatri" (Ullensaker, 2026-02-26).
//!
//! What changed with the law is data: [`EligibilityRules`], one version per change, in
//! [`RULES`], chosen by the day of the assessment.

use chrono::NaiveDate;
use krisesenter_core::law::KSL_IN_FORCE;
use krisesenter_core::rules::{RuleVersion, Versioned};
use krisesenter_core::{EnumSet, Reasons};
use thiserror::Error;

use crate::input::{Alternative, AssessInput, Role};
use crate::offer::{
    AlternativeOffer, ChosenAlternative, DayOutcome, Offer, OfferParts, PhoneOutcome, Referral, ResidentialOutcome,
    ServiceOffer,
};
use crate::reason::EligibilityReason as R;

/// The behaviour switches of the eligibility rules that changed with the law. Each field
/// says when it came into force and cites its source.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use krisesenter_eligibility::RULES;
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
/// let v2025 = RULES.on(day(2025, 12, 31)?).ok_or("none")?;
/// assert!(!v2025.rules().equal_alternative_required);
/// let v2026 = RULES.on(day(2026, 1, 1)?).ok_or("none")?;
/// assert!(v2026.rules().equal_alternative_required && v2026.rules().sami_users_rights);
/// assert_eq!((v2026.id(), v2026.source()), ("2026-01-01", "LOV-2025-06-20-42"));
/// assert!(RULES.on(day(2009, 12, 31)?).is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct EligibilityRules {
    /// A stay refused to someone in the target group requires an equal alternative
    /// (ksl §3 first paragraph, second sentence; from 2026-01-01, LOV-2025-06-20-42; before,
    /// the preparatory works only recommended one).
    pub equal_alternative_required: bool,
    /// The rights of Sami users are safeguarded in the adaptation of the offer (ksl §3 second
    /// paragraph; from 2026-01-01, LOV-2025-06-20-42).
    pub sami_users_rights: bool,
}

/// krisesenterlova as it took effect on 2010-01-01 (LOV-2009-06-19-44).
pub const V2010: EligibilityRules = EligibilityRules { equal_alternative_required: false, sami_users_rights: false };

/// The amendment of 2026-01-01 (LOV-2025-06-20-42): V2010 plus the duty of an equal
/// alternative and the rights of Sami users.
pub const V2026: EligibilityRules =
    EligibilityRules { equal_alternative_required: true, sami_users_rights: true, ..V2010 };

/// Every version of the eligibility rules, with its first day and source; [`assess`] applies
/// the one in force on its `as_of`.
pub const RULES: Versioned<EligibilityRules> = Versioned::new(&[
    RuleVersion::new("2010-01-01", 2010, 1, 1, "LOV-2009-06-19-44", V2010),
    RuleVersion::new("2026-01-01", 2026, 1, 1, "LOV-2025-06-20-42", V2026),
]);

/// Why an assessment cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum AssessError {
    /// The day is before krisesenterlova took effect (2010-01-01): no rule to apply and no
    /// provision to cite.
    #[error("the assessment date is before krisesenterlova took effect on {KSL_IN_FORCE}")]
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
/// equal alternative, the adaptations and the referrals, under the version of [`RULES`] in
/// force that day.
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
/// use krisesenter_core::{Age, Gender, Relation, ViolenceType};
/// use krisesenter_eligibility::{assess, Applicant, AssessInput, Observations, ResidentialOutcome, Role, Violence};
///
/// let victim = AssessInput::new(
///     Applicant::new(Age::try_new(34)?, Gender::Female, Role::Victim),
///     Violence::new([ViolenceType::Physical], Relation::FormerPartner),
///     Observations::no_concerns(),
/// )
/// .in_need_of_protection();
/// let as_of = NaiveDate::from_ymd_opt(2026, 3, 1).ok_or("date")?;
/// let offer = assess(&victim, as_of)?;
/// assert_eq!(*offer.residential().outcome(), ResidentialOutcome::Offered);
///
/// // Active substance use: no stay, and from 2026 an equal alternative is required.
/// let mut o = Observations::no_concerns();
/// o.active_substance_use = true;
/// let offer = assess(&victim.clone().with_observations(o), as_of)?;
/// assert_eq!(*offer.residential().outcome(), ResidentialOutcome::NotOffered);
/// assert!(offer.alternative().required());
///
/// // Before krisesenterlova there is nothing to apply.
/// let old = NaiveDate::from_ymd_opt(2009, 12, 31).ok_or("date")?;
/// assert!(assess(&victim, old).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn assess(input: &AssessInput, as_of: NaiveDate) -> Result<Offer, AssessError> {
    let version = RULES.on(as_of).ok_or(AssessError::BeforeKrisesenterlova { as_of })?;
    Ok(evaluate(input, as_of, version))
}

/// The first configured alternative that accepts the applicant's gender, the reasons the
/// stay is refused for (active substance use, serious mental illness) and any children
/// (DOMAIN.md §2; workshop 2026). `None` when none fits: a gap in the municipality's duty.
///
/// [`assess`] applies it when it refuses a stay; [`alternative_if_refused`] when staff
/// refuse one.
///
/// # Example
///
/// ```
/// use krisesenter_core::{Age, Gender, Relation, ViolenceType};
/// use krisesenter_eligibility::AlternativeId;
/// use krisesenter_eligibility::{
///     choose_alternative, Accepts, Alternative, AlternativeModel, Applicant, AssessInput, Observations, Role, Violence,
/// };
///
/// let men = Alternative::new(AlternativeId::try_new("men")?, AlternativeModel::SpecialisedCentre,
///     Accepts::try_new([Gender::Male])?.with_active_substance_use().with_serious_mental_illness().with_children());
/// let women = Alternative::new(AlternativeId::try_new("women")?, AlternativeModel::CooperationHousing,
///     Accepts::try_new([Gender::Female])?.with_active_substance_use());
/// let mut o = Observations::no_concerns();
/// o.active_substance_use = true;
/// let a = AssessInput::new(
///     Applicant::new(Age::try_new(34)?, Gender::Female, Role::Victim),
///     Violence::new([ViolenceType::Physical], Relation::Partner),
///     o,
/// )
/// .with_alternatives([men, women])?;
/// assert_eq!(choose_alternative(&a).map(|alt| alt.id().as_str()), Some("women"));
///
/// // Serious mental illness as well: the women's place does not accept it.
/// o.serious_mental_illness = true;
/// assert!(choose_alternative(&a.with_observations(o)).is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn choose_alternative(input: &AssessInput) -> Option<&Alternative> {
    let gender = input.applicant().gender();
    let obs = input.observations();
    let has_children = !input.children().is_empty();
    input.alternatives().iter().find(|alt| {
        let accepts = alt.accepts();
        accepts.genders().contains(&gender)
            && (!obs.active_substance_use || accepts.active_substance_use())
            && (!obs.serious_mental_illness || accepts.serious_mental_illness())
            && (!has_children || accepts.children())
    })
}

/// The equal alternative that applies when staff refuse the stay after `offer` (the
/// recommendation of [`assess`] for `input`): the library recommends, staff decide.
///
/// When the recommendation already was `not_offered`, it is the offer's own alternative.
/// Otherwise (staff refuse after an individual assessment, or depart from an offered stay),
/// the duty applies as if [`assess`] had refused: under the rules in force on the offer's
/// day that require an equal alternative, the first configured one that fits (or a reason
/// naming the gap); before 2026-01-01, a reason that it was no duty yet (ksl §3 first
/// paragraph, second sentence).
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use krisesenter_core::{Age, Gender, Relation, ViolenceType};
/// use krisesenter_eligibility::{
///     alternative_if_refused, assess, Applicant, AssessInput, EligibilityReason, Observations, ResidentialOutcome,
///     Role, Violence,
/// };
///
/// // Needs health follow-up: the stay is an individual assessment.
/// let mut o = Observations::no_concerns();
/// o.needs_health_follow_up = true;
/// let input = AssessInput::new(
///     Applicant::new(Age::try_new(41)?, Gender::Female, Role::Victim),
///     Violence::new([ViolenceType::Psychological], Relation::Partner),
///     o,
/// )
/// .in_need_of_protection();
/// let offer = assess(&input, NaiveDate::from_ymd_opt(2026, 3, 1).ok_or("date")?)?;
/// assert_eq!(*offer.residential().outcome(), ResidentialOutcome::IndividualAssessment);
///
/// // Staff refuse: an equal alternative is required, and the municipality has none.
/// let after = alternative_if_refused(&input, &offer);
/// assert!(after.required() && after.offer().is_none());
/// assert!(after.reasons().contains(EligibilityReason::NoAlternativesConfigured));
///
/// // The same refusal in 2025: no duty yet.
/// let offer = assess(&input, NaiveDate::from_ymd_opt(2025, 3, 1).ok_or("date")?)?;
/// assert!(!alternative_if_refused(&input, &offer).required());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn alternative_if_refused(input: &AssessInput, offer: &Offer) -> AlternativeOffer {
    if *offer.residential().outcome() == ResidentialOutcome::NotOffered {
        return offer.alternative().clone();
    }
    let as_of = offer.as_of();
    if offer.alternative_required_if_refused() {
        let (chosen, reason) = equal_alternative(input);
        AlternativeOffer::new(true, chosen, Reasons::of(&[reason], as_of))
    } else {
        // Before 2026-01-01 the duty did not exist (the preparatory works only recommended it).
        AlternativeOffer::new(false, None, Reasons::of(&[R::AlternativeNotADutyBefore2026], as_of))
    }
}

/// The equal alternative owed to someone in the target group refused a stay: the first
/// configured alternative that fits, with its reason; none is a gap staff must escalate.
fn equal_alternative(input: &AssessInput) -> (Option<ChosenAlternative>, R) {
    let chosen = choose_alternative(input);
    let reason = match (chosen.is_some(), input.alternatives().is_empty()) {
        (true, _) => R::EqualAlternativeOffered,
        (false, true) => R::NoAlternativesConfigured,
        (false, false) => R::NoAlternativeFits,
    };
    (chosen.map(|alt| ChosenAlternative::new(alt.id().clone(), alt.model())), reason)
}

/// The rules. Every rule is one statement with a comment naming its source; the outcome of
/// the stay and the alternative duty are combined in one exhaustive `match`.
fn evaluate(a: &AssessInput, as_of: NaiveDate, version: &RuleVersion<EligibilityRules>) -> Offer {
    let rules = version.rules();
    let obs = a.observations();
    let violence = a.violence();
    let victim = a.applicant().role() == Role::Victim;
    let has_children = !a.children().is_empty();

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
        stay.extend_from(concerns);
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
    // ksl §3 first paragraph, second sentence: whether the rules in force require it.
    let (required, chosen) = match (duty, rules.equal_alternative_required) {
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
            let (chosen, reason) = equal_alternative(a);
            alt_reasons.insert(reason);
            (true, chosen)
        }
    };
    let duty_if_refused =
        rules.equal_alternative_required && matches!(duty, Duty::IfRefused | Duty::Refused | Duty::NotNeeded);

    // --- Adaptations (ksl §3): one reason per need, never inferred from a protected attribute ---
    let needs = a.adaptation_needs();
    let mut adaptations = Reasons::none(as_of);
    // An interpreter when needed (ksl §2, §3; platform §3.1).
    adaptations.insert_if(needs.interpreter, R::Interpreter);
    // An accessible room (ksl §3).
    adaptations.insert_if(needs.accessible_room, R::AccessibleRoom);
    // Sami users' rights: ksl §3 second paragraph, where the rules in force have it (2026-01-01).
    adaptations.insert_if(needs.sami && rules.sami_users_rights, R::SamiUsersRights);
    // A pet: Romerike has a kennel (workshop 2026).
    adaptations.insert_if(needs.pet, R::PetKennel);

    // --- Referrals (recommendations; sharing needs consent or a duty, see krisesenter-disclosure) ---
    let mut referrals = EnumSet::EMPTY;
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

    Offer::new(OfferParts {
        residential: ServiceOffer::new(residential, stay),
        day: ServiceOffer::new(day, day_reasons),
        phone: ServiceOffer::new(PhoneOutcome::Offered, phone_reasons),
        alternative: AlternativeOffer::new(required, chosen, alt_reasons),
        adaptations,
        referrals,
        duty_if_refused,
        rules_version: version.id(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_ordered_and_each_later_one_is_the_earlier_plus_its_change() {
        assert!(RULES.is_ordered());
        let ids: Vec<_> = RULES.versions().iter().map(|v| (v.id(), v.in_force_from(), v.source())).collect();
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(
            ids,
            [
                ("2010-01-01", KSL_IN_FORCE, "LOV-2009-06-19-44"),
                ("2026-01-01", krisesenter_core::law::KSL_2026_AMENDMENT, "LOV-2025-06-20-42"),
            ]
        );
        assert_eq!(RULES.on(day(2025, 12, 31)).map(|v| *v.rules()), Some(V2010));
        assert_eq!(RULES.on(day(2026, 1, 1)).map(|v| *v.rules()), Some(V2026));
        assert_eq!(V2010, EligibilityRules { equal_alternative_required: false, sami_users_rights: false });
        assert_eq!(V2026, EligibilityRules { equal_alternative_required: true, sami_users_rights: true });
    }
}
