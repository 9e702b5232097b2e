//! The reasons a disclosure decision gives, declared once: code, messages, provisions.

use krisesenter_core::{Provision, reason_kinds};

use crate::ChildConcern;

reason_kinds! {
    /// A reason a disclosure decision gives. Declared in the order reasons are listed in a
    /// decision: the basis of the outcome first, then what was not enough, then confidentiality.
    pub enum DisclosureReason {
        /// Duty to inform child welfare: the child is or will be mistreated.
        ChildMistreatment => {
            code: "child_welfare_duty_mistreatment",
            nb: "Det er grunn til å tro at et barn blir eller vil bli mishandlet: tilsatte skal av eget tiltak gi opplysninger til barnevernet, uten hinder av taushetsplikt og samtykke.",
            en: "There is reason to believe a child is or will be mistreated: staff must inform child welfare on their own initiative, whatever confidentiality and consent say.",
            // ksl §6 with bvl §13-2 (bvl-1992 §6-4 before 2023-01-01).
            cites: [Provision::KslChildWelfare, Provision::ChildWelfareDutyToInform],
        },
        /// Duty to inform child welfare: serious deficiencies in daily care.
        ChildSeriousCareDeficiency => {
            code: "child_welfare_duty_serious_care_deficiency",
            nb: "Det er grunn til å tro at et barn har alvorlige mangler ved den daglige omsorgen: tilsatte skal av eget tiltak gi opplysninger til barnevernet, uten hinder av taushetsplikt og samtykke.",
            en: "There is reason to believe a child suffers serious deficiencies in daily care: staff must inform child welfare on their own initiative, whatever confidentiality and consent say.",
            // ksl §6 with bvl §13-2 (bvl-1992 §6-4 before 2023-01-01).
            cites: [Provision::KslChildWelfare, Provision::ChildWelfareDutyToInform],
        },
        /// Duty to inform child welfare: other serious neglect.
        ChildOtherSeriousNeglect => {
            code: "child_welfare_duty_other_serious_neglect",
            nb: "Det er grunn til å tro at et barn utsettes for annen alvorlig omsorgssvikt: tilsatte skal av eget tiltak gi opplysninger til barnevernet, uten hinder av taushetsplikt og samtykke.",
            en: "There is reason to believe a child suffers other serious neglect: staff must inform child welfare on their own initiative, whatever confidentiality and consent say.",
            // ksl §6 with bvl §13-2 (bvl-1992 §6-4 before 2023-01-01).
            cites: [Provision::KslChildWelfare, Provision::ChildWelfareDutyToInform],
        },
        /// Duty to inform child welfare: a serious illness or injury is not treated.
        ChildUntreatedSeriousIllness => {
            code: "child_welfare_duty_untreated_serious_illness",
            nb: "Det er grunn til å tro at et barn har en alvorlig sykdom eller skade som ikke blir behandlet: tilsatte skal av eget tiltak gi opplysninger til barnevernet, uten hinder av taushetsplikt og samtykke.",
            en: "There is reason to believe a child has a serious illness or injury that is not treated: staff must inform child welfare on their own initiative, whatever confidentiality and consent say.",
            // ksl §6 with bvl §13-2 (bvl-1992 §6-4 before 2023-01-01).
            cites: [Provision::KslChildWelfare, Provision::ChildWelfareDutyToInform],
        },
        /// Duty to inform child welfare: the child is or will be exploited in human trafficking.
        ChildTrafficking => {
            code: "child_welfare_duty_trafficking",
            nb: "Det er grunn til å tro at et barn blir eller vil bli utnyttet til menneskehandel: tilsatte skal av eget tiltak gi opplysninger til barnevernet, uten hinder av taushetsplikt og samtykke.",
            en: "There is reason to believe a child is or will be exploited in human trafficking: staff must inform child welfare on their own initiative, whatever confidentiality and consent say.",
            // ksl §6 with bvl §13-2 (bvl-1992 §6-4 before 2023-01-01).
            cites: [Provision::KslChildWelfare, Provision::ChildWelfareDutyToInform],
        },
        /// Duty to inform child welfare: serious behavioural problems.
        ChildSeriousBehaviourProblems => {
            code: "child_welfare_duty_serious_behaviour_problems",
            nb: "Det er grunn til å tro at et barn har alvorlige atferdsvansker: tilsatte skal av eget tiltak gi opplysninger til barnevernet, uten hinder av taushetsplikt og samtykke.",
            en: "There is reason to believe a child shows serious behavioural problems: staff must inform child welfare on their own initiative, whatever confidentiality and consent say.",
            // ksl §6 with bvl §13-2 (bvl-1992 §6-4 before 2023-01-01).
            cites: [Provision::KslChildWelfare, Provision::ChildWelfareDutyToInform],
        },
        /// Child welfare has ordered information: staff must answer.
        ChildWelfareOrder => {
            code: "child_welfare_order_must_be_answered",
            nb: "Barnevernet har pålagt krisesenteret å gi opplysninger i en sak: tilsatte skal svare, uten hinder av taushetsplikt og samtykke.",
            en: "Child welfare has ordered the shelter to give information in a case: staff must answer, whatever confidentiality and consent say.",
            // ksl §6 with bvl §13-2 (bvl-1992 §6-4 before 2023-01-01).
            cites: [Provision::KslChildWelfare, Provision::ChildWelfareDutyToInform],
        },
        /// The parent is not told first: the child's best interest says otherwise.
        ParentNotInformedFirst => {
            code: "parent_not_informed_first",
            nb: "Forelderen skal ikke få vite om meldingen på forhånd: hensynet til barnets beste taler mot det når et straffbart forhold skal avverges eller barnet kan bli utnyttet til menneskehandel.",
            en: "The parent is not told about the report beforehand: the child's best interest speaks against it when an offence must be averted or the child may be exploited in trafficking.",
            // ksl §6 with bvl §13-2 (bvl-1992 §6-4 before 2023-01-01).
            cites: [Provision::KslChildWelfare, Provision::ChildWelfareDutyToInform],
        },
        /// Duty to avert a listed offence that is certain or most likely.
        AvertingDuty => {
            code: "duty_to_avert",
            nb: "Det er sikkert eller mest sannsynlig at en straffbar handling som omfattes av avvergingsplikten er eller vil bli begått: den skal søkes avverget ved anmeldelse til politiet eller på annen måte, uten hinder av taushetsplikt.",
            en: "It is certain or most likely that an offence under the duty to avert has been or will be committed: staff must try to avert it, by reporting to the police or otherwise, whatever confidentiality says.",
            // strl §196 and its list on the day.
            cites: [Provision::AvertingDuty],
        },
        /// Danger to life or health permits sharing what averts it with police or health.
        DangerPermitsSharing => {
            code: "danger_to_life_or_health_permits_sharing",
            nb: "Det er fare for liv eller helse: opplysninger som trengs for å avverge faren kan gis til politi eller helsetjenesten. Dette er en adgang, ikke en plikt.",
            en: "There is danger to life or health: what is needed to avert it may go to the police or health services. This is a permission, not a duty.",
            // strl §17 (necessity), fvl §13 b nr. 7.
            cites: [Provision::Necessity, Provision::FvlFurtherExceptions],
        },
        /// Danger to life or health, but the permission does not reach this recipient or these categories.
        DangerPermissionDoesNotReach => {
            code: "danger_permission_does_not_reach",
            nb: "Faren for liv eller helse gir bare adgang til å gi politi eller helsetjenesten de opplysningene som trengs for å avverge den, ikke til å svare denne mottakeren eller på disse opplysningene.",
            en: "Danger to life or health permits giving the police or health services only what is needed to avert it; it does not permit answering this recipient or about these categories.",
            // strl §17 (necessity), fvl §13 b nr. 7.
            cites: [Provision::Necessity, Provision::FvlFurtherExceptions],
        },
        /// A written consent in force covers what the requester asked for.
        ConsentCoversRequest => {
            code: "consent_covers_request",
            nb: "Brukeren har gitt skriftlig samtykke som gjelder i dag, for denne mottakeren og disse opplysningene.",
            en: "The user has given written consent, in force today, for this recipient and this information.",
            // fvl §13 a nr. 1.
            cites: [Provision::FvlConsentException],
        },
        /// A written consent in force permits passing the information on staff's own initiative.
        ConsentPermitsOwnInitiative => {
            code: "consent_permits_own_initiative",
            nb: "Brukeren har gitt skriftlig samtykke som gjelder i dag: tilsatte kan gi disse opplysningene til mottakeren av eget tiltak.",
            en: "The user has given written consent, in force today: staff may pass this information to the recipient on their own initiative.",
            // fvl §13 a nr. 1.
            cites: [Provision::FvlConsentException],
        },
        /// The consents cover only part of what was asked.
        ConsentCoversPart => {
            code: "consent_covers_part_of_request",
            nb: "Samtykket dekker bare en del av opplysningene det er spurt om; resten er taushetsbelagt.",
            en: "The consents cover only part of the information asked for; the rest is confidential.",
            // fvl §13 a nr. 1; ksl §5 for the rest.
            cites: [Provision::FvlConsentException, Provision::KslConfidentiality],
        },
        /// A general worry is not a ground of the duty: contacting child welfare needs consent.
        GeneralWorryNeedsConsent => {
            code: "general_worry_needs_consent",
            nb: "En generell bekymring er ikke nok for opplysningsplikten: kontakt med barnevernet krever samtykke.",
            en: "A general worry does not trigger the duty to inform: contacting child welfare needs consent.",
            // ksl §6 with bvl §13-2: a general worry is no ground; fvl §13 a nr. 1.
            cites: [Provision::KslChildWelfare, Provision::ChildWelfareDutyToInform, Provision::FvlConsentException],
        },
        /// The feared offence is not in the §196 list on the day.
        OffenceNotListed => {
            code: "offence_not_listed_in_196",
            nb: "Den fryktede handlingen er ikke blant lovbruddene avvergingsplikten gjelder på denne datoen.",
            en: "The feared offence is not one of those the duty to avert covers on this date.",
            // strl §196 and its list on the day.
            cites: [Provision::AvertingDuty],
        },
        /// The feared offence is listed, but it is not certain or most likely.
        OffenceNotLikelyEnough => {
            code: "offence_not_certain_or_most_likely",
            nb: "Avvergingsplikten gjelder bare når det er sikkert eller mest sannsynlig at handlingen er eller vil bli begått.",
            en: "The duty to avert applies only when it is certain or most likely that the offence has been or will be committed.",
            // strl §196 and its list on the day.
            cites: [Provision::AvertingDuty],
        },
        /// The offence is listed only when the victim is under 16, and the victim is not.
        VictimNotUnder16 => {
            code: "victim_not_under_16",
            nb: "Lovbruddet omfattes av avvergingsplikten bare når den fornærmede er under 16 år.",
            en: "The offence falls under the duty to avert only when the victim is under 16.",
            // strl §196 and its list on the day.
            cites: [Provision::AvertingDuty],
        },
        /// The offence is listed only when the victim is under 16, and the victim's age is not known.
        VictimAgeUnknown => {
            code: "victim_age_unknown",
            nb: "Lovbruddet omfattes av avvergingsplikten bare når den fornærmede er under 16 år, og alderen er ikke oppgitt: avklar alderen.",
            en: "The offence falls under the duty to avert only when the victim is under 16, and the age is not given: establish it.",
            // strl §196 and its list on the day.
            cites: [Provision::AvertingDuty],
        },
        /// §§299 and 303 are not averting offences when the parties are equal in age and development (§308).
        PartiesArePeers => {
            code: "parties_equal_in_age_and_development",
            nb: "Avvergingsplikten gjelder ikke når de involverte er omtrent jevnbyrdige i alder og utvikling (straffeloven § 308).",
            en: "The duty to avert does not apply when those involved are about equal in age and development (straffeloven §308).",
            // strl §196 and its list on the day.
            cites: [Provision::AvertingDuty],
        },
        /// Only the second paragraph of the section is listed; the request cannot show which applies.
        OnlySecondParagraphListed => {
            code: "only_second_paragraph_listed",
            nb: "Bare annet ledd av bestemmelsen omfattes av avvergingsplikten, og forespørselen viser ikke om det gjelder: vurder dette særskilt.",
            en: "Only the second paragraph of the section falls under the duty to avert, and the request does not show whether it applies: assess this separately.",
            // strl §196 and its list on the day.
            cites: [Provision::AvertingDuty],
        },
        /// A consent given orally is not in force: the shelter relies only on written consent.
        ConsentNotWritten => {
            code: "consent_not_written",
            nb: "Et muntlig samtykke legges ikke til grunn: krisesenteret krever skriftlig samtykke.",
            en: "An oral consent is not relied on: the shelter requires written consent.",
            // fvl §13 a nr. 1.
            cites: [Provision::FvlConsentException],
        },
        /// A consent given after the day of the decision.
        ConsentNotYetGiven => {
            code: "consent_not_yet_given",
            nb: "Et samtykke er gitt etter datoen for vurderingen og gjelder ikke ennå.",
            en: "A consent was given after the date of the decision and is not yet in force.",
            // fvl §13 a nr. 1.
            cites: [Provision::FvlConsentException],
        },
        /// A consent withdrawn on or before the day of the decision.
        ConsentWithdrawn => {
            code: "consent_withdrawn",
            nb: "Et samtykke er trukket tilbake og gjelder ikke lenger.",
            en: "A consent has been withdrawn and is no longer in force.",
            // fvl §13 a nr. 1; GDPR art. 7(3) (withdrawal at any time).
            cites: [Provision::FvlConsentException, Provision::GdprConsent],
        },
        /// A consent in force that names other recipients.
        ConsentNamesOtherRecipients => {
            code: "consent_names_other_recipients",
            nb: "Samtykket gjelder andre mottakere enn denne.",
            en: "The consent names other recipients than this one.",
            // fvl §13 a nr. 1.
            cites: [Provision::FvlConsentException],
        },
        /// A consent in force for the requester that covers none of the categories asked.
        ConsentCoversOtherInformation => {
            code: "consent_covers_other_information",
            nb: "Samtykket for denne mottakeren gjelder andre opplysninger enn dem det er spurt om.",
            en: "The consent for this recipient covers other information than that asked for.",
            // fvl §13 a nr. 1.
            cites: [Provision::FvlConsentException],
        },
        /// A consent to storage does not permit sharing.
        StorageConsentDoesNotShare => {
            code: "storage_consent_does_not_permit_sharing",
            nb: "Et samtykke til lagring gir ikke adgang til å dele opplysninger.",
            en: "A consent to storage does not permit sharing.",
            // fvl §13 a nr. 1.
            cites: [Provision::FvlConsentException],
        },
        /// The requester is not identified: no consent can name them.
        UnidentifiedRequester => {
            code: "unidentified_requester",
            nb: "Den som spør er ikke identifisert: ingen samtykke kan gjelde en ukjent mottaker.",
            en: "The requester is not identified: no consent can name an unknown recipient.",
            // ksl §5 (confidentiality covers even that a person is a user).
            cites: [Provision::KslConfidentiality],
        },
        /// Confidentiality is the default: nothing passes without consent, a duty or a permission.
        Confidentiality => {
            code: "confidentiality",
            nb: "Taushetsplikten gjelder også at en person er eller har vært bruker av krisesenteret; brudd er straffbart.",
            en: "Confidentiality covers even that a person is or was a user of the shelter; breach is a crime.",
            // ksl §5 with fvl §13; breach punishable (strl §209).
            cites: [Provision::KslConfidentiality, Provision::FvlConfidentiality, Provision::ConfidentialityBreach],
        },
        /// The answer must neither confirm nor deny that the person is or was a user, or where they are.
        NeitherConfirmNorDeny => {
            code: "neither_confirm_nor_deny",
            nb: "Svaret skal verken bekrefte eller avkrefte at personen er eller har vært bruker, eller hvor personen er.",
            en: "The answer must neither confirm nor deny that the person is or was a user, or where they are.",
            // ksl §5 (confidentiality covers even that a person is a user).
            cites: [Provision::KslConfidentiality],
        },
    }
}

impl DisclosureReason {
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
}

#[cfg(test)]
mod tests {
    use krisesenter_core::ReasonKind;

    use super::*;

    #[test]
    fn codes_are_unique_snake_case_and_every_reason_cites_and_ends_its_messages() {
        for r in DisclosureReason::ALL {
            assert!(krisesenter_core::ReasonCode::from_static(r.code()).is_ok(), "{r:?}");
            assert!(!r.provisions().is_empty());
            assert!(r.message_nb().ends_with('.') && r.message_en().ends_with('.'));
        }
        let codes: std::collections::BTreeSet<_> = DisclosureReason::ALL.iter().map(|r| r.code()).collect();
        assert_eq!(codes.len(), DisclosureReason::ALL.len());
    }

    #[test]
    fn each_reporting_ground_has_its_own_duty_reason() {
        let reasons: Vec<_> = ChildConcern::ALL.iter().filter_map(|c| DisclosureReason::for_ground(*c)).collect();
        assert_eq!(
            reasons,
            [
                DisclosureReason::ChildMistreatment,
                DisclosureReason::ChildSeriousCareDeficiency,
                DisclosureReason::ChildOtherSeriousNeglect,
                DisclosureReason::ChildUntreatedSeriousIllness,
                DisclosureReason::ChildTrafficking,
                DisclosureReason::ChildSeriousBehaviourProblems,
            ]
        );
    }
}
