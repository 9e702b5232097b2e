//! Behaviours that mutation testing found no test noticed (issue 19, disclosure). Each test
//! names, in its doc comment, the mutant of the rule files it fails on.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "test helpers fail loudly"
)]

use chrono::NaiveDate;
use krisesenter_core::{Information, Party};
use krisesenter_disclosure::{
    Basis, ChildConcern, DiscloseInput, Disclosure, DisclosureReason, Initiative, Likelihood, LogEntry, Outcome,
    SeriousOffence, disclose,
};

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
}

/// The police ask where the user is, and staff see danger to life or health: on its own,
/// the permission of strl §17 and fvl §13 b nr. 7 would let the whereabouts pass.
fn police_asking_in_danger() -> DiscloseInput {
    DiscloseInput::new(Party::Police, Initiative::Request, [Information::Whereabouts])
        .with_danger_to_life_or_health(true)
}

fn bases(dec: &Disclosure) -> Vec<Basis> {
    dec.log_entry().map(|l| l.passages().iter().map(|p| p.basis()).collect()).unwrap_or_default()
}

fn assert_no_danger_permission(dec: &Disclosure) {
    assert!(!bases(dec).contains(&Basis::DangerToLifeOrHealth), "the permission applies only when no duty does");
    assert!(!dec.reasons().contains(DisclosureReason::DangerPermitsSharing));
    assert!(!dec.reasons().contains(DisclosureReason::DangerPermissionDoesNotReach));
}

/// The permission is really there without a duty, so the tests below can fail.
#[test]
fn danger_alone_permits_sharing_with_the_police() {
    let dec = disclose(&police_asking_in_danger(), as_of()).unwrap();
    assert_eq!(dec.outcome(), Outcome::MayShare);
    assert_eq!(bases(&dec), [Basis::DangerToLifeOrHealth]);
    assert!(dec.reasons().contains(DisclosureReason::DangerPermitsSharing));
}

/// An averting duty alone blocks the danger permission.
///
/// Kills: disclose.rs, `any_duty = averting || report.is_some() || order`, the first `||`
/// replaced by `&&` (then an averting duty without a reporting ground counts as no duty).
#[test]
fn an_averting_duty_alone_blocks_the_danger_permission() {
    let request = police_asking_in_danger()
        .with_serious_offence(Some(SeriousOffence::try_new(282, Likelihood::Certain).unwrap()));
    let dec = disclose(&request, as_of()).unwrap();
    assert_eq!(dec.outcome(), Outcome::MustReport);
    assert_eq!(bases(&dec), [Basis::AvertingDuty]);
    assert_no_danger_permission(&dec);
}

/// A reporting duty to child welfare alone blocks the danger permission.
///
/// Kills: disclose.rs, `any_duty = averting || report.is_some() || order`, either `||`
/// replaced by `&&` (then a reporting ground without an order counts as no duty).
#[test]
fn a_reporting_duty_alone_blocks_the_danger_permission() {
    for ground in ChildConcern::REPORTING_GROUNDS {
        let dec = disclose(&police_asking_in_danger().with_child_concern(*ground), as_of()).unwrap();
        assert_eq!(dec.outcome(), Outcome::MustReport, "{ground:?}");
        assert_eq!(bases(&dec), [Basis::ChildWelfareReport], "{ground:?}");
        assert_no_danger_permission(&dec);
    }
}

/// An order from child welfare alone blocks the danger permission.
///
/// Kills: disclose.rs, `any_duty = averting || report.is_some() || order`, the second `||`
/// replaced by `&&`.
#[test]
fn an_order_alone_blocks_the_danger_permission() {
    let dec = disclose(&police_asking_in_danger().with_child_welfare_order(true), as_of()).unwrap();
    assert_eq!(dec.outcome(), Outcome::MustRespond);
    assert_eq!(bases(&dec), [Basis::ChildWelfareOrder]);
    assert_no_danger_permission(&dec);
}

/// Which bases are duties, pinned on its own: the properties' `duty_passages` helper
/// filters on it, so a wrong answer would make disclosure-4 and disclosure-12 vacuous.
///
/// Kills: disclose.rs, `Basis::is_duty` replaced by `true` and by `false`.
#[test]
fn the_duties_are_the_child_welfare_duties_and_the_averting_duty() {
    let duties: Vec<Basis> = [
        Basis::ChildWelfareReport,
        Basis::ChildWelfareOrder,
        Basis::AvertingDuty,
        Basis::DangerToLifeOrHealth,
        Basis::Consent,
    ]
    .into_iter()
    .filter(|b| b.is_duty())
    .collect();
    assert_eq!(duties, [Basis::ChildWelfareReport, Basis::ChildWelfareOrder, Basis::AvertingDuty]);
}

/// The wire names of every outcome, as docs/contract.md spells them, through `as_str` and serde.
///
/// Killed, when `Outcome::as_str` was written by hand in decide.rs: `as_str` replaced by `""`
/// or `"xyzzy"`; the names now come from `wire_enum!`, and this test still pins them.
#[test]
fn outcomes_have_the_contract_wire_names() {
    let all = [Outcome::Refuse, Outcome::Share, Outcome::MayShare, Outcome::MustReport, Outcome::MustRespond];
    let names: Vec<&str> = all.iter().map(|o| o.as_str()).collect();
    assert_eq!(names, ["refuse", "share", "may_share", "must_report", "must_respond"]);
    for outcome in all {
        assert_eq!(serde_json::to_value(outcome).unwrap(), outcome.as_str());
    }
}

fn schema_of<T: schemars::JsonSchema>() -> serde_json::Value {
    schemars::SchemaGenerator::new(schemars::generate::SchemaSettings::draft2020_12())
        .into_root_schema_for::<T>()
        .to_value()
}

fn property_names(schema: &serde_json::Value) -> Vec<&str> {
    let mut names: Vec<&str> = schema["properties"].as_object().unwrap().keys().map(String::as_str).collect();
    names.sort_unstable();
    names
}

/// The schema of a log entry: its title and its fields, each passage with its own.
///
/// Kills: disclose.rs, `<LogEntry as JsonSchema>::schema_name` replaced by `""`/`"xyzzy"`/
/// `Default::default()`, and `json_schema` replaced by `Default::default()`.
#[test]
fn the_log_entry_schema_names_its_fields() {
    use schemars::JsonSchema;
    assert_eq!(LogEntry::schema_name(), "LogEntry");
    let schema = schema_of::<LogEntry>();
    assert_eq!(schema["title"], "LogEntry");
    assert_eq!(property_names(&schema), ["date", "outcome", "passages"]);
    let passage = &schema["$defs"]["Passage"];
    assert_eq!(property_names(passage), ["basis", "citations", "consents", "information", "recipient"]);
}

/// The schema of a disclosure: its title and the contract's fields plus `log_entry`.
///
/// Kills: disclose.rs, `<Disclosure as JsonSchema>::schema_name` replaced by `""`/`"xyzzy"`/
/// `Default::default()`, and `json_schema` replaced by `Default::default()`.
#[test]
fn the_disclosure_schema_names_the_contract_fields() {
    use schemars::JsonSchema;
    assert_eq!(Disclosure::schema_name(), "Disclosure");
    let schema = schema_of::<Disclosure>();
    assert_eq!(schema["title"], "Disclosure");
    assert_eq!(
        property_names(&schema),
        ["information", "log_entry", "neither_confirm_nor_deny", "outcome", "reasons", "recipients", "steps"]
    );
    assert!(schema["$defs"].get("LogEntry").is_some(), "the log entry is a named definition");
}

/// §§312 and 314 are listed only when the victim is under 16: at 15 the duty applies, at
/// exactly 16 it does not.
///
/// Kills: disclose.rs, `averting_applies`, `age.years() < 16` replaced by `<= 16`.
#[test]
fn a_victim_of_exactly_16_is_not_under_16() {
    for section in [312, 314] {
        let with_age = |years: u16| {
            let offence = SeriousOffence::try_new(section, Likelihood::Certain)
                .unwrap()
                .with_victim_age(krisesenter_disclosure::Age::try_new(years).unwrap());
            let input = DiscloseInput::new(Party::Police, Initiative::Request, [Information::Existence])
                .with_serious_offence(Some(offence));
            disclose(&input, as_of()).unwrap()
        };
        assert_eq!(with_age(15).outcome(), Outcome::MustReport, "§{section}");
        let sixteen = with_age(16);
        assert_eq!(sixteen.outcome(), Outcome::Refuse, "§{section}");
        assert!(sixteen.reasons().contains(DisclosureReason::VictimNotUnder16), "§{section}");
    }
}

/// Duplicate consent ids are refused, and the error says how many consents carry the id.
///
/// Kills: input.rs, `DiscloseInput::with_consents`, `c.id() == consent.id()` replaced by `!=`
/// in the count of the error.
#[test]
fn a_repeated_consent_id_is_refused_with_its_count() {
    use krisesenter_disclosure::{Consent, ConsentId, DiscloseInputError};
    let day = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    let consent = |id: &str| {
        Consent::sharing(
            ConsentId::try_new(id).unwrap(),
            [Party::Nav],
            [Information::ContactDetails],
            day,
            krisesenter_disclosure::ConsentForm::Written,
        )
        .unwrap()
    };
    let input = DiscloseInput::new(Party::Nav, Initiative::Request, [Information::ContactDetails]);
    let err = input.clone().with_consents(vec![consent("a"), consent("b"), consent("a"), consent("a")]).unwrap_err();
    assert_eq!(err, DiscloseInputError::DuplicateConsent { id: ConsentId::try_new("a").unwrap(), count: 3 });
    assert!(input.with_consents(vec![consent("a"), consent("b")]).is_ok());
}
