//! The reasons a disclosure decision gives, as data: code, messages, provisions.

use krisesenter_core::{Provision, ReasonKind};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::ChildConcern;

/// A reason a disclosure decision gives. Declared in the order reasons are listed in a
/// decision: the basis of the outcome first, then what was not enough, then confidentiality.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DisclosureReason {
    /// Duty to inform child welfare: the child is or will be mistreated.
    ChildMistreatment,
    /// Duty to inform child welfare: serious deficiencies in daily care.
    ChildSeriousCareDeficiency,
    /// Duty to inform child welfare: other serious neglect.
    ChildOtherSeriousNeglect,
    /// Duty to inform child welfare: a serious illness or injury is not treated.
    ChildUntreatedSeriousIllness,
    /// Duty to inform child welfare: the child is or will be exploited in human trafficking.
    ChildTrafficking,
    /// Duty to inform child welfare: serious behavioural problems.
    ChildSeriousBehaviourProblems,
    /// Child welfare has ordered information: staff must answer.
    ChildWelfareOrder,
    /// The parent is not told first: the child's best interest says otherwise.
    ParentNotInformedFirst,
    /// Duty to avert a listed offence that is certain or most likely.
    AvertingDuty,
    /// Danger to life or health permits sharing what averts it with police or health.
    DangerPermitsSharing,
    /// Danger to life or health, but the permission does not reach this recipient or these categories.
    DangerPermissionDoesNotReach,
    /// A written consent in force covers what the requester asked for.
    ConsentCoversRequest,
    /// A written consent in force permits passing the information on staff's own initiative.
    ConsentPermitsOwnInitiative,
    /// The consents cover only part of what was asked.
    ConsentCoversPart,
    /// A general worry is not a ground of the duty: contacting child welfare needs consent.
    GeneralWorryNeedsConsent,
    /// The feared offence is not in the §196 list on the day.
    OffenceNotListed,
    /// The feared offence is listed, but it is not certain or most likely.
    OffenceNotLikelyEnough,
    /// The offence is listed only when the victim is under 16, and the victim is not.
    VictimNotUnder16,
    /// The offence is listed only when the victim is under 16, and the victim's age is not known.
    VictimAgeUnknown,
    /// §§299 and 303 are not averting offences when the parties are equal in age and development (§308).
    PartiesArePeers,
    /// Only the second paragraph of the section is listed; the request cannot show which applies.
    OnlySecondParagraphListed,
    /// The listing is limited in a way the request cannot show.
    ListingConditionNotShown,
    /// A consent given orally is not in force: the shelter relies only on written consent.
    ConsentNotWritten,
    /// A consent given after the day of the decision.
    ConsentNotYetGiven,
    /// A consent withdrawn on or before the day of the decision.
    ConsentWithdrawn,
    /// A consent in force that names other recipients.
    ConsentNamesOtherRecipients,
    /// A consent in force for the requester that covers none of the categories asked.
    ConsentCoversOtherInformation,
    /// A consent to storage does not permit sharing.
    StorageConsentDoesNotShare,
    /// The requester is not identified: no consent can name them.
    UnidentifiedRequester,
    /// Confidentiality is the default: nothing passes without consent, a duty or a permission.
    Confidentiality,
    /// The answer must neither confirm nor deny that the person is or was a user, or where they are.
    NeitherConfirmNorDeny,
}

impl DisclosureReason {
    /// Every reason, in declaration order.
    pub const ALL: &'static [DisclosureReason] = &[
        DisclosureReason::ChildMistreatment,
        DisclosureReason::ChildSeriousCareDeficiency,
        DisclosureReason::ChildOtherSeriousNeglect,
        DisclosureReason::ChildUntreatedSeriousIllness,
        DisclosureReason::ChildTrafficking,
        DisclosureReason::ChildSeriousBehaviourProblems,
        DisclosureReason::ChildWelfareOrder,
        DisclosureReason::ParentNotInformedFirst,
        DisclosureReason::AvertingDuty,
        DisclosureReason::DangerPermitsSharing,
        DisclosureReason::DangerPermissionDoesNotReach,
        DisclosureReason::ConsentCoversRequest,
        DisclosureReason::ConsentPermitsOwnInitiative,
        DisclosureReason::ConsentCoversPart,
        DisclosureReason::GeneralWorryNeedsConsent,
        DisclosureReason::OffenceNotListed,
        DisclosureReason::OffenceNotLikelyEnough,
        DisclosureReason::VictimNotUnder16,
        DisclosureReason::VictimAgeUnknown,
        DisclosureReason::PartiesArePeers,
        DisclosureReason::OnlySecondParagraphListed,
        DisclosureReason::ListingConditionNotShown,
        DisclosureReason::ConsentNotWritten,
        DisclosureReason::ConsentNotYetGiven,
        DisclosureReason::ConsentWithdrawn,
        DisclosureReason::ConsentNamesOtherRecipients,
        DisclosureReason::ConsentCoversOtherInformation,
        DisclosureReason::StorageConsentDoesNotShare,
        DisclosureReason::UnidentifiedRequester,
        DisclosureReason::Confidentiality,
        DisclosureReason::NeitherConfirmNorDeny,
    ];

    /// The reason of the duty to inform child welfare for a reporting ground, `None` for
    /// `none` and `general_worry`.
    pub const fn for_ground(concern: ChildConcern) -> Option<Self> {
        match concern {
            ChildConcern::None | ChildConcern::GeneralWorry => None,
            ChildConcern::Mistreatment => Some(Self::ChildMistreatment),
            ChildConcern::SeriousCareDeficiency => Some(Self::ChildSeriousCareDeficiency),
            ChildConcern::OtherSeriousNeglect => Some(Self::ChildOtherSeriousNeglect),
            ChildConcern::UntreatedSeriousIllness => Some(Self::ChildUntreatedSeriousIllness),
            ChildConcern::Trafficking => Some(Self::ChildTrafficking),
            ChildConcern::SeriousBehaviourProblems => Some(Self::ChildSeriousBehaviourProblems),
        }
    }

    pub(crate) const fn bit(self) -> u64 {
        1 << (self as u64)
    }
}

const CHILD_WELFARE: &[Provision] = &[Provision::KslChildWelfare, Provision::ChildWelfareDutyToInform];
const AVERTING: &[Provision] = &[Provision::AvertingDuty];
const DANGER: &[Provision] = &[Provision::Necessity, Provision::FvlFurtherExceptions];
const CONSENT: &[Provision] = &[Provision::FvlConsentException];
const CONSENT_WITHDRAWAL: &[Provision] = &[Provision::FvlConsentException, Provision::GdprConsent];
const CONFIDENTIALITY: &[Provision] =
    &[Provision::KslConfidentiality, Provision::FvlConfidentiality, Provision::ConfidentialityBreach];
const KSL_5: &[Provision] = &[Provision::KslConfidentiality];

impl ReasonKind for DisclosureReason {
    fn code(self) -> &'static str {
        match self {
            Self::ChildMistreatment => "child_welfare_duty_mistreatment",
            Self::ChildSeriousCareDeficiency => "child_welfare_duty_serious_care_deficiency",
            Self::ChildOtherSeriousNeglect => "child_welfare_duty_other_serious_neglect",
            Self::ChildUntreatedSeriousIllness => "child_welfare_duty_untreated_serious_illness",
            Self::ChildTrafficking => "child_welfare_duty_trafficking",
            Self::ChildSeriousBehaviourProblems => "child_welfare_duty_serious_behaviour_problems",
            Self::ChildWelfareOrder => "child_welfare_order_must_be_answered",
            Self::ParentNotInformedFirst => "parent_not_informed_first",
            Self::AvertingDuty => "duty_to_avert",
            Self::DangerPermitsSharing => "danger_to_life_or_health_permits_sharing",
            Self::DangerPermissionDoesNotReach => "danger_permission_does_not_reach",
            Self::ConsentCoversRequest => "consent_covers_request",
            Self::ConsentPermitsOwnInitiative => "consent_permits_own_initiative",
            Self::ConsentCoversPart => "consent_covers_part_of_request",
            Self::GeneralWorryNeedsConsent => "general_worry_needs_consent",
            Self::OffenceNotListed => "offence_not_listed_in_196",
            Self::OffenceNotLikelyEnough => "offence_not_certain_or_most_likely",
            Self::VictimNotUnder16 => "victim_not_under_16",
            Self::VictimAgeUnknown => "victim_age_unknown",
            Self::PartiesArePeers => "parties_equal_in_age_and_development",
            Self::OnlySecondParagraphListed => "only_second_paragraph_listed",
            Self::ListingConditionNotShown => "listing_condition_not_shown",
            Self::ConsentNotWritten => "consent_not_written",
            Self::ConsentNotYetGiven => "consent_not_yet_given",
            Self::ConsentWithdrawn => "consent_withdrawn",
            Self::ConsentNamesOtherRecipients => "consent_names_other_recipients",
            Self::ConsentCoversOtherInformation => "consent_covers_other_information",
            Self::StorageConsentDoesNotShare => "storage_consent_does_not_permit_sharing",
            Self::UnidentifiedRequester => "unidentified_requester",
            Self::Confidentiality => "confidentiality",
            Self::NeitherConfirmNorDeny => "neither_confirm_nor_deny",
        }
    }

    fn message_nb(self) -> &'static str {
        match self {
            Self::ChildMistreatment => {
                "Det er grunn til å tro at et barn blir eller vil bli mishandlet: tilsatte skal av eget tiltak gi opplysninger til barnevernet, uten hinder av taushetsplikt og samtykke."
            }
            Self::ChildSeriousCareDeficiency => {
                "Det er grunn til å tro at et barn har alvorlige mangler ved den daglige omsorgen: tilsatte skal av eget tiltak gi opplysninger til barnevernet, uten hinder av taushetsplikt og samtykke."
            }
            Self::ChildOtherSeriousNeglect => {
                "Det er grunn til å tro at et barn utsettes for annen alvorlig omsorgssvikt: tilsatte skal av eget tiltak gi opplysninger til barnevernet, uten hinder av taushetsplikt og samtykke."
            }
            Self::ChildUntreatedSeriousIllness => {
                "Det er grunn til å tro at et barn har en alvorlig sykdom eller skade som ikke blir behandlet: tilsatte skal av eget tiltak gi opplysninger til barnevernet, uten hinder av taushetsplikt og samtykke."
            }
            Self::ChildTrafficking => {
                "Det er grunn til å tro at et barn blir eller vil bli utnyttet til menneskehandel: tilsatte skal av eget tiltak gi opplysninger til barnevernet, uten hinder av taushetsplikt og samtykke."
            }
            Self::ChildSeriousBehaviourProblems => {
                "Det er grunn til å tro at et barn har alvorlige atferdsvansker: tilsatte skal av eget tiltak gi opplysninger til barnevernet, uten hinder av taushetsplikt og samtykke."
            }
            Self::ChildWelfareOrder => {
                "Barnevernet har pålagt krisesenteret å gi opplysninger i en sak: tilsatte skal svare, uten hinder av taushetsplikt og samtykke."
            }
            Self::ParentNotInformedFirst => {
                "Forelderen skal ikke få vite om meldingen på forhånd: hensynet til barnets beste taler mot det når et straffbart forhold skal avverges eller barnet kan bli utnyttet til menneskehandel."
            }
            Self::AvertingDuty => {
                "Det er sikkert eller mest sannsynlig at en straffbar handling som omfattes av avvergingsplikten er eller vil bli begått: den skal søkes avverget ved anmeldelse til politiet eller på annen måte, uten hinder av taushetsplikt."
            }
            Self::DangerPermitsSharing => {
                "Det er fare for liv eller helse: opplysninger som trengs for å avverge faren kan gis til politi eller helsetjenesten. Dette er en adgang, ikke en plikt."
            }
            Self::DangerPermissionDoesNotReach => {
                "Faren for liv eller helse gir bare adgang til å gi politi eller helsetjenesten de opplysningene som trengs for å avverge den, ikke til å svare denne mottakeren eller på disse opplysningene."
            }
            Self::ConsentCoversRequest => {
                "Brukeren har gitt skriftlig samtykke som gjelder i dag, for denne mottakeren og disse opplysningene."
            }
            Self::ConsentPermitsOwnInitiative => {
                "Brukeren har gitt skriftlig samtykke som gjelder i dag: tilsatte kan gi disse opplysningene til mottakeren av eget tiltak."
            }
            Self::ConsentCoversPart => {
                "Samtykket dekker bare en del av opplysningene det er spurt om; resten er taushetsbelagt."
            }
            Self::GeneralWorryNeedsConsent => {
                "En generell bekymring er ikke nok for opplysningsplikten: kontakt med barnevernet krever samtykke."
            }
            Self::OffenceNotListed => {
                "Den fryktede handlingen er ikke blant lovbruddene avvergingsplikten gjelder på denne datoen."
            }
            Self::OffenceNotLikelyEnough => {
                "Avvergingsplikten gjelder bare når det er sikkert eller mest sannsynlig at handlingen er eller vil bli begått."
            }
            Self::VictimNotUnder16 => {
                "Lovbruddet omfattes av avvergingsplikten bare når den fornærmede er under 16 år."
            }
            Self::VictimAgeUnknown => {
                "Lovbruddet omfattes av avvergingsplikten bare når den fornærmede er under 16 år, og alderen er ikke oppgitt: avklar alderen."
            }
            Self::PartiesArePeers => {
                "Avvergingsplikten gjelder ikke når de involverte er omtrent jevnbyrdige i alder og utvikling (straffeloven § 308)."
            }
            Self::OnlySecondParagraphListed => {
                "Bare annet ledd av bestemmelsen omfattes av avvergingsplikten, og forespørselen viser ikke om det gjelder: vurder dette særskilt."
            }
            Self::ListingConditionNotShown => {
                "Lovbruddet omfattes av avvergingsplikten bare på vilkår forespørselen ikke viser: vurder dette særskilt."
            }
            Self::ConsentNotWritten => {
                "Et muntlig samtykke legges ikke til grunn: krisesenteret krever skriftlig samtykke."
            }
            Self::ConsentNotYetGiven => "Et samtykke er gitt etter datoen for vurderingen og gjelder ikke ennå.",
            Self::ConsentWithdrawn => "Et samtykke er trukket tilbake og gjelder ikke lenger.",
            Self::ConsentNamesOtherRecipients => "Samtykket gjelder andre mottakere enn denne.",
            Self::ConsentCoversOtherInformation => {
                "Samtykket for denne mottakeren gjelder andre opplysninger enn dem det er spurt om."
            }
            Self::StorageConsentDoesNotShare => "Et samtykke til lagring gir ikke adgang til å dele opplysninger.",
            Self::UnidentifiedRequester => {
                "Den som spør er ikke identifisert: ingen samtykke kan gjelde en ukjent mottaker."
            }
            Self::Confidentiality => {
                "Taushetsplikten gjelder også at en person er eller har vært bruker av krisesenteret; brudd er straffbart."
            }
            Self::NeitherConfirmNorDeny => {
                "Svaret skal verken bekrefte eller avkrefte at personen er eller har vært bruker, eller hvor personen er."
            }
        }
    }

    fn message_en(self) -> &'static str {
        match self {
            Self::ChildMistreatment => {
                "There is reason to believe a child is or will be mistreated: staff must inform child welfare on their own initiative, whatever confidentiality and consent say."
            }
            Self::ChildSeriousCareDeficiency => {
                "There is reason to believe a child suffers serious deficiencies in daily care: staff must inform child welfare on their own initiative, whatever confidentiality and consent say."
            }
            Self::ChildOtherSeriousNeglect => {
                "There is reason to believe a child suffers other serious neglect: staff must inform child welfare on their own initiative, whatever confidentiality and consent say."
            }
            Self::ChildUntreatedSeriousIllness => {
                "There is reason to believe a child has a serious illness or injury that is not treated: staff must inform child welfare on their own initiative, whatever confidentiality and consent say."
            }
            Self::ChildTrafficking => {
                "There is reason to believe a child is or will be exploited in human trafficking: staff must inform child welfare on their own initiative, whatever confidentiality and consent say."
            }
            Self::ChildSeriousBehaviourProblems => {
                "There is reason to believe a child shows serious behavioural problems: staff must inform child welfare on their own initiative, whatever confidentiality and consent say."
            }
            Self::ChildWelfareOrder => {
                "Child welfare has ordered the shelter to give information in a case: staff must answer, whatever confidentiality and consent say."
            }
            Self::ParentNotInformedFirst => {
                "The parent is not told about the report beforehand: the child's best interest speaks against it when an offence must be averted or the child may be exploited in trafficking."
            }
            Self::AvertingDuty => {
                "It is certain or most likely that an offence under the duty to avert has been or will be committed: staff must try to avert it, by reporting to the police or otherwise, whatever confidentiality says."
            }
            Self::DangerPermitsSharing => {
                "There is danger to life or health: what is needed to avert it may go to the police or health services. This is a permission, not a duty."
            }
            Self::DangerPermissionDoesNotReach => {
                "Danger to life or health permits giving the police or health services only what is needed to avert it; it does not permit answering this recipient or about these categories."
            }
            Self::ConsentCoversRequest => {
                "The user has given written consent, in force today, for this recipient and this information."
            }
            Self::ConsentPermitsOwnInitiative => {
                "The user has given written consent, in force today: staff may pass this information to the recipient on their own initiative."
            }
            Self::ConsentCoversPart => {
                "The consents cover only part of the information asked for; the rest is confidential."
            }
            Self::GeneralWorryNeedsConsent => {
                "A general worry does not trigger the duty to inform: contacting child welfare needs consent."
            }
            Self::OffenceNotListed => "The feared offence is not one of those the duty to avert covers on this date.",
            Self::OffenceNotLikelyEnough => {
                "The duty to avert applies only when it is certain or most likely that the offence has been or will be committed."
            }
            Self::VictimNotUnder16 => "The offence falls under the duty to avert only when the victim is under 16.",
            Self::VictimAgeUnknown => {
                "The offence falls under the duty to avert only when the victim is under 16, and the age is not given: establish it."
            }
            Self::PartiesArePeers => {
                "The duty to avert does not apply when those involved are about equal in age and development (straffeloven §308)."
            }
            Self::OnlySecondParagraphListed => {
                "Only the second paragraph of the section falls under the duty to avert, and the request does not show whether it applies: assess this separately."
            }
            Self::ListingConditionNotShown => {
                "The offence falls under the duty to avert only on a condition the request does not show: assess this separately."
            }
            Self::ConsentNotWritten => "An oral consent is not relied on: the shelter requires written consent.",
            Self::ConsentNotYetGiven => "A consent was given after the date of the decision and is not yet in force.",
            Self::ConsentWithdrawn => "A consent has been withdrawn and is no longer in force.",
            Self::ConsentNamesOtherRecipients => "The consent names other recipients than this one.",
            Self::ConsentCoversOtherInformation => {
                "The consent for this recipient covers other information than that asked for."
            }
            Self::StorageConsentDoesNotShare => "A consent to storage does not permit sharing.",
            Self::UnidentifiedRequester => "The requester is not identified: no consent can name an unknown recipient.",
            Self::Confidentiality => {
                "Confidentiality covers even that a person is or was a user of the shelter; breach is a crime."
            }
            Self::NeitherConfirmNorDeny => {
                "The answer must neither confirm nor deny that the person is or was a user, or where they are."
            }
        }
    }

    fn provisions(self) -> &'static [Provision] {
        match self {
            Self::ChildMistreatment
            | Self::ChildSeriousCareDeficiency
            | Self::ChildOtherSeriousNeglect
            | Self::ChildUntreatedSeriousIllness
            | Self::ChildTrafficking
            | Self::ChildSeriousBehaviourProblems
            | Self::ChildWelfareOrder
            | Self::ParentNotInformedFirst => CHILD_WELFARE,
            Self::AvertingDuty
            | Self::OffenceNotListed
            | Self::OffenceNotLikelyEnough
            | Self::VictimNotUnder16
            | Self::VictimAgeUnknown
            | Self::PartiesArePeers
            | Self::OnlySecondParagraphListed
            | Self::ListingConditionNotShown => AVERTING,
            Self::DangerPermitsSharing | Self::DangerPermissionDoesNotReach => DANGER,
            Self::ConsentCoversRequest
            | Self::ConsentPermitsOwnInitiative
            | Self::ConsentNotWritten
            | Self::ConsentNotYetGiven
            | Self::ConsentNamesOtherRecipients
            | Self::ConsentCoversOtherInformation
            | Self::StorageConsentDoesNotShare => CONSENT,
            Self::ConsentWithdrawn => CONSENT_WITHDRAWAL,
            Self::GeneralWorryNeedsConsent => {
                &[Provision::KslChildWelfare, Provision::ChildWelfareDutyToInform, Provision::FvlConsentException]
            }
            Self::ConsentCoversPart => &[Provision::FvlConsentException, Provision::KslConfidentiality],
            Self::Confidentiality => CONFIDENTIALITY,
            Self::UnidentifiedRequester | Self::NeitherConfirmNorDeny => KSL_5,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_lists_every_reason_once_in_order_and_codes_are_unique_snake_case() {
        for (i, r) in DisclosureReason::ALL.iter().enumerate() {
            assert_eq!(*r as usize, i);
            assert!(krisesenter_core::ReasonCode::from_static(r.code()).is_ok(), "{r:?}");
            assert!(!r.provisions().is_empty());
            assert!(r.message_nb().ends_with('.') && r.message_en().ends_with('.'));
        }
        let codes: std::collections::BTreeSet<_> = DisclosureReason::ALL.iter().map(|r| r.code()).collect();
        assert_eq!(codes.len(), DisclosureReason::ALL.len());
        assert!(DisclosureReason::ALL.len() <= 64, "reasons are a u64 bit set");
    }
}
