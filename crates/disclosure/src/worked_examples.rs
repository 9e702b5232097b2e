//! The worked examples of DOMAIN.md §4 and issue 6, one test each.

use chrono::NaiveDate;
use krisesenter_consent::{Consent, ConsentForm};
use krisesenter_core::{Age, ConsentId, Information, Party, ReasonKind, Statute};

use crate::{
    Basis, ChildConcern, DiscloseError, DiscloseInput, Disclosure, DisclosureReason, EnumSet, Initiative, Likelihood,
    Outcome, SeriousOffence, Step, disclose,
};

use Information::{CaseNotes, Children, ContactDetails, Existence, Health, ViolenceHistory, Whereabouts};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn as_of() -> NaiveDate {
    d(2026, 3, 1)
}

fn ask(requester: Party, information: &[Information]) -> DiscloseInput {
    DiscloseInput::new(requester, Initiative::Request, information.iter().copied())
}

fn sharing(id: &str, to: &[Party], info: &[Information], given: NaiveDate, written: bool) -> Consent {
    Consent::sharing(
        ConsentId::try_new(id).unwrap(),
        to.iter().copied(),
        info.iter().copied(),
        given,
        ConsentForm::from_written(written),
    )
    .unwrap()
}

fn offence(section: u16, likelihood: Likelihood) -> Option<SeriousOffence> {
    Some(SeriousOffence::try_new(section, likelihood).unwrap())
}

fn info(d: &Disclosure) -> Vec<Information> {
    d.information().iter().collect()
}

fn recipients(d: &Disclosure) -> Vec<Party> {
    d.recipients().iter().collect()
}

fn codes(d: &Disclosure) -> Vec<String> {
    d.reasons().codes().map(str::to_owned).collect()
}

fn assert_refused(d: &Disclosure) {
    assert_eq!(d.outcome(), Outcome::Refuse);
    assert!(d.recipients().is_empty() && d.information().is_empty());
    assert!(d.log_entry().is_none());
    assert!(!d.steps().contains(Step::RecordDisclosure));
    assert!(d.reasons().contains(DisclosureReason::Confidentiality));
}

// --- confidentiality and neither-confirm-nor-deny -------------------------------------

#[test]
fn unknown_caller_asking_whether_someone_is_there() {
    let dec = disclose(&ask(Party::Unknown, &[Existence]), as_of()).unwrap();
    assert_refused(&dec);
    assert!(dec.neither_confirm_nor_deny());
    assert_eq!(codes(&dec), ["unidentified_requester", "confidentiality", "neither_confirm_nor_deny"]);
    let reasons = dec.reasons().explain();
    let ksl5 = &reasons[1].citations()[0];
    assert_eq!((ksl5.statute(), ksl5.section()), (Statute::Krisesenterlova, "5"));
}

#[test]
fn alleged_perpetrator_asking_whether_someone_is_there() {
    let dec = disclose(&ask(Party::AllegedPerpetrator, &[Existence, Whereabouts]), as_of()).unwrap();
    assert_refused(&dec);
    assert!(dec.neither_confirm_nor_deny());
}

#[test]
fn police_without_consent_are_refused() {
    let dec = disclose(&ask(Party::Police, &[Whereabouts, CaseNotes]), as_of()).unwrap();
    assert_refused(&dec);
    assert!(dec.neither_confirm_nor_deny());
    // A refused question about case notes alone does not call for neither-confirm-nor-deny.
    let notes = disclose(&ask(Party::Police, &[CaseNotes]), as_of()).unwrap();
    assert_refused(&notes);
    assert!(!notes.neither_confirm_nor_deny());
}

// --- consent --------------------------------------------------------------------------

#[test]
fn partial_consent_shares_only_what_both_consent_and_request_cover() {
    let c = sharing("c1", &[Party::Police, Party::Nav], &[Existence, ContactDetails, Health], d(2026, 1, 10), true);
    let req = ask(Party::Police, &[Existence, Whereabouts, ContactDetails]).with_consents(vec![c]).unwrap();
    let dec = disclose(&req, as_of()).unwrap();
    assert_eq!(dec.outcome(), Outcome::Share);
    assert_eq!(recipients(&dec), [Party::Police]);
    assert_eq!(info(&dec), [Existence, ContactDetails], "not health (not asked), not whereabouts (not consented)");
    assert!(dec.neither_confirm_nor_deny(), "whereabouts were asked and refused");
    assert_eq!(
        codes(&dec),
        ["consent_covers_request", "consent_covers_part_of_request", "confidentiality", "neither_confirm_nor_deny"]
    );
    let log = dec.log_entry().unwrap();
    assert_eq!(log.date(), as_of());
    assert_eq!(log.passages().len(), 1);
    assert_eq!(log.passages()[0].basis(), Basis::Consent);
    assert_eq!(log.passages()[0].consents(), [ConsentId::try_new("c1").unwrap()]);
    assert_eq!(dec.steps().iter().collect::<Vec<_>>(), [Step::RecordDisclosure]);
}

#[test]
fn two_consents_together_cover_the_request() {
    let a = sharing("a", &[Party::Nav], &[ContactDetails], d(2026, 1, 10), true);
    let b = sharing("b", &[Party::Nav], &[CaseNotes], d(2026, 2, 10), true);
    let req = ask(Party::Nav, &[ContactDetails, CaseNotes]).with_consents(vec![b, a]).unwrap();
    let dec = disclose(&req, as_of()).unwrap();
    assert_eq!(dec.outcome(), Outcome::Share);
    assert_eq!(info(&dec), [ContactDetails, CaseNotes]);
    assert!(!dec.neither_confirm_nor_deny());
    let ids: Vec<_> = dec.log_entry().unwrap().passages()[0].consents().iter().map(ConsentId::as_str).collect();
    assert_eq!(ids, ["a", "b"]);
}

#[test]
fn oral_consent_is_not_relied_on() {
    let c = sharing("c1", &[Party::Police], &[Whereabouts], d(2026, 1, 10), false);
    let dec = disclose(&ask(Party::Police, &[Whereabouts]).with_consents(vec![c]).unwrap(), as_of()).unwrap();
    assert_refused(&dec);
    assert!(dec.reasons().contains(DisclosureReason::ConsentNotWritten));
}

#[test]
fn withdrawn_consent_never_enables_sharing_from_the_day_of_withdrawal() {
    let c = sharing("c1", &[Party::Police], &[Whereabouts], d(2026, 1, 10), true).withdraw(as_of()).unwrap();
    let req = ask(Party::Police, &[Whereabouts]).with_consents(vec![c]).unwrap();
    let dec = disclose(&req, as_of()).unwrap();
    assert_refused(&dec);
    assert!(dec.reasons().contains(DisclosureReason::ConsentWithdrawn));
    let day_before = disclose(&req, d(2026, 2, 28)).unwrap();
    assert_eq!(day_before.outcome(), Outcome::Share);
}

#[test]
fn future_consent_is_not_yet_in_force() {
    let c = sharing("c1", &[Party::Police], &[Whereabouts], d(2026, 3, 2), true);
    let dec = disclose(&ask(Party::Police, &[Whereabouts]).with_consents(vec![c]).unwrap(), as_of()).unwrap();
    assert_refused(&dec);
    assert!(dec.reasons().contains(DisclosureReason::ConsentNotYetGiven));
}

#[test]
fn consent_for_another_recipient_does_not_reach_this_one() {
    let c = sharing("c1", &[Party::Nav], &[Whereabouts], d(2026, 1, 10), true);
    let dec = disclose(&ask(Party::Police, &[Whereabouts]).with_consents(vec![c]).unwrap(), as_of()).unwrap();
    assert_refused(&dec);
    assert!(dec.reasons().contains(DisclosureReason::ConsentNamesOtherRecipients));
    assert!(dec.neither_confirm_nor_deny());
}

#[test]
fn consent_for_other_information_and_storage_consent_do_not_share() {
    let c = sharing("c1", &[Party::Police], &[CaseNotes], d(2026, 1, 10), true);
    let s = Consent::storage(ConsentId::try_new("s1").unwrap(), d(2026, 1, 10), ConsentForm::Written);
    let dec = disclose(&ask(Party::Police, &[Whereabouts]).with_consents(vec![c, s]).unwrap(), as_of()).unwrap();
    assert_refused(&dec);
    assert!(dec.reasons().contains(DisclosureReason::ConsentCoversOtherInformation));
    assert!(dec.reasons().contains(DisclosureReason::StorageConsentDoesNotShare));
}

#[test]
fn no_consent_can_name_an_unidentified_requester() {
    let c = sharing("c1", &[Party::Unknown], &[Existence], d(2026, 1, 10), true);
    let dec = disclose(&ask(Party::Unknown, &[Existence]).with_consents(vec![c]).unwrap(), as_of()).unwrap();
    assert_refused(&dec);
    assert!(dec.neither_confirm_nor_deny());
}

#[test]
fn consent_on_own_initiative_is_a_permission() {
    let c = sharing("c1", &[Party::Nav], &[ContactDetails], d(2026, 1, 10), true);
    let req = DiscloseInput::new(Party::Nav, Initiative::OwnInitiative, [ContactDetails, CaseNotes])
        .with_consents(vec![c])
        .unwrap();
    let dec = disclose(&req, as_of()).unwrap();
    assert_eq!(dec.outcome(), Outcome::MayShare);
    assert_eq!(info(&dec), [ContactDetails]);
    assert!(!dec.neither_confirm_nor_deny(), "nobody asked");
    assert!(dec.reasons().contains(DisclosureReason::ConsentPermitsOwnInitiative));
}

// --- the duty to inform child welfare -------------------------------------------------

#[test]
fn each_child_welfare_ground_in_2022_cites_barnevernloven_1992_and_in_2024_barnevernsloven() {
    for ground in ChildConcern::REPORTING_GROUNDS.iter().copied() {
        for (day, statute, section, from) in [
            (d(2022, 6, 1), Statute::Barnevernloven1992, "6-4", d(2018, 7, 1)),
            (d(2024, 6, 1), Statute::Barnevernsloven, "13-2", d(2023, 1, 1)),
        ] {
            // A school asks about the user; staff have reason to believe the ground.
            let req = ask(Party::School, &[Existence]).with_child_concern(ground);
            let dec = disclose(&req, day).unwrap();
            assert_eq!(dec.outcome(), Outcome::MustReport, "{ground:?}");
            assert_eq!(recipients(&dec), [Party::ChildWelfare], "{ground:?}");
            assert!(dec.neither_confirm_nor_deny(), "the school's own question stays unanswered");
            let reasons = dec.reasons().explain();
            let duty = &reasons[0];
            assert_eq!(Some(duty.code().as_str()), DisclosureReason::for_ground(ground).map(|r| r.code()));
            let cited = &duty.citations()[1];
            assert_eq!((cited.statute(), cited.section(), cited.in_force_from()), (statute, section, from));
            assert_eq!(duty.citations()[0].section(), "6", "krisesenterlova §6");
            assert!(dec.information().contains(Children) && dec.information().contains(CaseNotes));
            assert!(!dec.information().contains(Whereabouts), "the shelter's address stays secret");
            assert!(dec.steps().contains(Step::EncourageParentToContactChildWelfare));
            assert!(dec.steps().contains(Step::RecordDisclosure));
            assert_eq!(
                dec.steps().contains(Step::InformParentFirst),
                ground != ChildConcern::Trafficking,
                "{ground:?}"
            );
            assert_eq!(
                dec.information().contains(ViolenceHistory),
                matches!(ground, ChildConcern::Mistreatment | ChildConcern::Trafficking)
            );
        }
    }
}

#[test]
fn general_worry_needs_consent() {
    let own = DiscloseInput::new(Party::ChildWelfare, Initiative::OwnInitiative, [Children, CaseNotes])
        .with_child_concern(ChildConcern::GeneralWorry);
    let dec = disclose(&own, as_of()).unwrap();
    assert_refused(&dec);
    assert!(dec.reasons().contains(DisclosureReason::GeneralWorryNeedsConsent));
    assert!(dec.steps().contains(Step::EncourageParentToContactChildWelfare));

    let c = sharing("c1", &[Party::ChildWelfare], &[Children], d(2026, 1, 10), true);
    let with_consent = disclose(&own.with_consents(vec![c]).unwrap(), as_of()).unwrap();
    assert_eq!(with_consent.outcome(), Outcome::MayShare);
    assert_eq!(info(&with_consent), [Children]);
}

#[test]
fn child_welfare_order_must_be_answered_with_what_it_asks() {
    let req = ask(Party::ChildWelfare, &[Existence, Children, CaseNotes]).with_child_welfare_order(true);
    let dec = disclose(&req, as_of()).unwrap();
    assert_eq!(dec.outcome(), Outcome::MustRespond);
    assert_eq!(recipients(&dec), [Party::ChildWelfare]);
    assert_eq!(info(&dec), [Existence, CaseNotes, Children]);
    assert!(!dec.neither_confirm_nor_deny());
    assert_eq!(codes(&dec), ["child_welfare_order_must_be_answered"]);
    assert_eq!(dec.log_entry().unwrap().passages()[0].basis(), Basis::ChildWelfareOrder);
    // An order with a reporting ground at once: report and answer.
    let both = disclose(&req.with_child_concern(ChildConcern::Mistreatment), as_of()).unwrap();
    assert_eq!(both.outcome(), Outcome::MustReport);
    assert!(both.information().contains(ViolenceHistory) && both.information().contains(Existence));
}

// --- the duty to avert ----------------------------------------------------------------

fn averting(section: u16, likelihood: Likelihood, day: NaiveDate) -> Disclosure {
    disclose(&ask(Party::Police, &[Whereabouts]).with_serious_offence(offence(section, likelihood)), day).unwrap()
}

#[test]
fn abuse_in_close_relationships_282_most_likely_must_be_averted() {
    let dec = averting(282, Likelihood::MostLikely, as_of());
    assert_eq!(dec.outcome(), Outcome::MustReport);
    assert_eq!(recipients(&dec), [Party::Police]);
    assert_eq!(info(&dec), [Existence, Whereabouts, ContactDetails, ViolenceHistory]);
    assert!(dec.steps().contains(Step::AvertTogetherWithUserWhereSafe));
    assert!(!dec.neither_confirm_nor_deny());
    let reasons = dec.reasons().explain();
    let duty = &reasons[0];
    assert_eq!(duty.code().as_str(), "duty_to_avert");
    assert_eq!((duty.citations()[0].section(), duty.citations()[0].in_force_from()), ("196", d(2025, 7, 1)));
    assert_eq!(averting(282, Likelihood::Certain, as_of()).outcome(), Outcome::MustReport);
}

#[test]
fn homicide_275_only_possible_is_no_duty_but_danger_may_permit() {
    let dec = averting(275, Likelihood::Possible, as_of());
    assert_refused(&dec);
    assert!(dec.reasons().contains(DisclosureReason::OffenceNotLikelyEnough));
    let req = ask(Party::Police, &[Whereabouts])
        .with_serious_offence(offence(275, Likelihood::Possible))
        .with_danger_to_life_or_health(true);
    let danger = disclose(&req, as_of()).unwrap();
    assert_eq!(danger.outcome(), Outcome::MayShare);
    assert_eq!(info(&danger), [Whereabouts]);
    assert_eq!(danger.log_entry().unwrap().passages()[0].basis(), Basis::DangerToLifeOrHealth);
}

#[test]
fn threats_263_and_simple_trafficking_257_are_not_listed() {
    for section in [263, 257, 271] {
        let dec = averting(section, Likelihood::Certain, as_of());
        assert_refused(&dec);
        assert!(dec.reasons().contains(DisclosureReason::OffenceNotListed), "§{section}");
    }
}

#[test]
fn aggravated_trafficking_258_is_listed_from_2021() {
    let in_2019 = averting(258, Likelihood::Certain, d(2019, 6, 1));
    assert_refused(&in_2019);
    assert!(in_2019.reasons().contains(DisclosureReason::OffenceNotListed));
    let reasons = in_2019.reasons().explain();
    let cited = &reasons[0].citations()[0];
    assert_eq!((cited.section(), cited.in_force_from()), ("196", d(2015, 10, 1)));
    let in_2022 = averting(258, Likelihood::Certain, d(2022, 6, 1));
    assert_eq!(in_2022.outcome(), Outcome::MustReport);
    assert_eq!(in_2022.reasons().explain()[0].citations()[0].in_force_from(), d(2021, 1, 1));
}

#[test]
fn section_312_only_when_the_victim_is_under_16() {
    let with_age = |age: u16| {
        let o =
            SeriousOffence::try_new(312, Likelihood::MostLikely).unwrap().with_victim_age(Age::try_new(age).unwrap());
        disclose(&ask(Party::Police, &[Existence]).with_serious_offence(Some(o)), as_of()).unwrap()
    };
    assert_eq!(with_age(14).outcome(), Outcome::MustReport);
    let seventeen = with_age(17);
    assert_refused(&seventeen);
    assert!(seventeen.reasons().contains(DisclosureReason::VictimNotUnder16));
    let unknown = averting(312, Likelihood::MostLikely, as_of());
    assert_refused(&unknown);
    assert!(unknown.reasons().contains(DisclosureReason::VictimAgeUnknown));
}

#[test]
fn section_299_between_peers_is_not_an_averting_offence() {
    let o = SeriousOffence::try_new(299, Likelihood::Certain).unwrap().with_victim_age(Age::try_new(13).unwrap());
    let peers = disclose(
        &ask(Party::Police, &[Existence]).with_serious_offence(Some(o.with_peers_in_age_and_development(true))),
        as_of(),
    )
    .unwrap();
    assert_refused(&peers);
    assert!(peers.reasons().contains(DisclosureReason::PartiesArePeers));
    let not_peers = disclose(&ask(Party::Police, &[Existence]).with_serious_offence(Some(o)), as_of()).unwrap();
    assert_eq!(not_peers.outcome(), Outcome::MustReport);
}

#[test]
fn section_262_lists_only_its_second_paragraph() {
    let dec = averting(262, Likelihood::Certain, as_of());
    assert_refused(&dec);
    assert!(dec.reasons().contains(DisclosureReason::OnlySecondParagraphListed));
}

// --- several bases at once ------------------------------------------------------------

#[test]
fn both_duties_at_once_give_both_recipients() {
    let req = ask(Party::AllegedPerpetrator, &[Whereabouts])
        .with_child_concern(ChildConcern::Mistreatment)
        .with_serious_offence(offence(282, Likelihood::Certain));
    let dec = disclose(&req, d(2024, 6, 1)).unwrap();
    assert_eq!(dec.outcome(), Outcome::MustReport);
    assert_eq!(recipients(&dec), [Party::Police, Party::ChildWelfare]);
    assert!(dec.neither_confirm_nor_deny(), "the alleged perpetrator learns nothing");
    assert!(dec.steps().contains(Step::AvertTogetherWithUserWhereSafe));
    assert!(!dec.steps().contains(Step::InformParentFirst), "a warning could defeat averting");
    assert!(dec.reasons().contains(DisclosureReason::ParentNotInformedFirst));
    let bases: Vec<_> = dec.log_entry().unwrap().passages().iter().map(|p| (p.recipient(), p.basis())).collect();
    assert_eq!(bases, [(Party::Police, Basis::AvertingDuty), (Party::ChildWelfare, Basis::ChildWelfareReport)]);
    assert_eq!(
        dec.information_for(Party::Police),
        EnumSet::of(&[Existence, Whereabouts, ContactDetails, ViolenceHistory])
    );
    assert!(!dec.information_for(Party::ChildWelfare).contains(Whereabouts));
}

#[test]
fn a_duty_keeps_a_consented_answer_to_the_requester() {
    let c = sharing("c1", &[Party::Nav], &[ContactDetails], d(2026, 1, 10), true);
    let req = ask(Party::Nav, &[ContactDetails])
        .with_consents(vec![c])
        .unwrap()
        .with_child_concern(ChildConcern::Mistreatment);
    let dec = disclose(&req, as_of()).unwrap();
    assert_eq!(dec.outcome(), Outcome::MustReport);
    assert_eq!(recipients(&dec), [Party::ChildWelfare, Party::Nav]);
    assert_eq!(dec.information_for(Party::Nav), EnumSet::of(&[ContactDetails]));
}

#[test]
fn danger_to_life_without_a_listed_offence_permits_police_and_health_only() {
    let police = ask(Party::Police, &[Whereabouts, CaseNotes])
        .with_serious_offence(offence(263, Likelihood::Certain))
        .with_danger_to_life_or_health(true);
    let dec = disclose(&police, as_of()).unwrap();
    assert_eq!(dec.outcome(), Outcome::MayShare);
    assert_eq!(info(&dec), [Whereabouts], "case notes are not needed to avert the danger");
    assert!(dec.reasons().contains(DisclosureReason::DangerPermitsSharing));
    assert!(dec.reasons().contains(DisclosureReason::OffenceNotListed));
    assert!(dec.steps().contains(Step::AvertTogetherWithUserWhereSafe));
    let cites: Vec<_> = dec.reasons().explain()[0].citations().iter().map(|c| c.section().to_owned()).collect();
    assert_eq!(cites, ["17", "13b"]);

    let health =
        disclose(&ask(Party::Health, &[Health, Whereabouts]).with_danger_to_life_or_health(true), as_of()).unwrap();
    assert_eq!(health.outcome(), Outcome::MayShare);
    assert_eq!(info(&health), [Whereabouts, Health]);

    let family =
        disclose(&ask(Party::FamilyMember, &[Whereabouts]).with_danger_to_life_or_health(true), as_of()).unwrap();
    assert_refused(&family);
    assert!(family.reasons().contains(DisclosureReason::DangerPermissionDoesNotReach));
    assert!(family.neither_confirm_nor_deny());
}

#[test]
fn a_date_before_the_penal_code_is_an_error() {
    let req = ask(Party::Police, &[Existence]);
    assert_eq!(disclose(&req, d(2015, 9, 30)), Err(DiscloseError::BeforePenalCode { as_of: d(2015, 9, 30) }));
    assert!(disclose(&req, d(2015, 10, 1)).is_ok());
}

#[test]
fn the_wire_form_follows_the_contract() {
    let req = ask(Party::Police, &[Whereabouts]).with_serious_offence(offence(282, Likelihood::MostLikely));
    let json = serde_json::to_value(disclose(&req, as_of()).unwrap()).unwrap();
    assert_eq!(json["outcome"], "must_report");
    assert_eq!(json["recipients"], serde_json::json!(["police"]));
    assert_eq!(
        json["information"],
        serde_json::json!(["existence", "whereabouts", "contact_details", "violence_history"])
    );
    assert_eq!(json["neither_confirm_nor_deny"], false);
    assert_eq!(json["steps"], serde_json::json!(["avert_together_with_user_where_safe", "record_disclosure"]));
    assert_eq!(
        json["reasons"][0]["citations"][0],
        serde_json::json!({"statute": "straffeloven", "section": "196", "in_force_from": "2025-07-01"})
    );
    assert_eq!(json["log_entry"]["passages"][0]["basis"], "averting_duty");
    assert_eq!(json["log_entry"]["date"], "2026-03-01");
}

#[test]
fn a_duty_that_passes_the_rest_leaves_nothing_confidential() {
    let c = sharing("c1", &[Party::Police], &[Whereabouts], d(2026, 1, 10), true);
    let req = ask(Party::Police, &[Whereabouts, ViolenceHistory])
        .with_consents(vec![c])
        .unwrap()
        .with_serious_offence(offence(282, Likelihood::Certain));
    let dec = disclose(&req, as_of()).unwrap();
    assert_eq!(dec.outcome(), Outcome::MustReport);
    assert!(!dec.reasons().contains(DisclosureReason::ConsentCoversPart));
    assert!(!dec.reasons().contains(DisclosureReason::Confidentiality));
    let bases: Vec<_> = dec.log_entry().unwrap().passages().iter().map(|p| p.basis()).collect();
    assert_eq!(bases, [Basis::AvertingDuty, Basis::Consent], "both bases are recorded");
}

#[test]
fn a_request_reads_and_writes_the_contract_shape_without_as_of() {
    let json = r#"{"requester":"police","initiative":"request","information":["whereabouts","existence"],"consents":[],
        "serious_offence":{"straffeloven_section":282,"likelihood":"certain"}}"#;
    let request: DiscloseInput = serde_json::from_str(json).unwrap();
    assert_eq!(request.serious_offence().map(SeriousOffence::straffeloven_section), Some(282));
    let back: DiscloseInput = serde_json::from_str(&serde_json::to_string(&request).unwrap()).unwrap();
    assert_eq!(back, request);
    assert!(
        serde_json::from_str::<DiscloseInput>(
            r#"{"requester":"police","initiative":"request","information":[],"consents":[],"as_of":"2026-03-01"}"#
        )
        .is_err()
    );
}

#[test]
fn the_reporting_grounds_are_exactly_the_concerns_that_oblige_a_report() {
    let grounds: Vec<ChildConcern> = ChildConcern::ALL.iter().copied().filter(|c| c.is_reporting_ground()).collect();
    assert_eq!(grounds, ChildConcern::REPORTING_GROUNDS);
}
