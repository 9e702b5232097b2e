//! Named behaviours of krisesenter-eligibility that mutation testing found unpinned: each
//! test's doc comment names the mutant it kills.

#![allow(clippy::unwrap_used, reason = "tests fail loudly")]

use krisesenter_core::Redacted;
use krisesenter_eligibility::{
    Age, Applicant, FinalOutcome, Gender, ProtectedAttributes, ResidentialOutcome, Role, StaffDecision, StaffId,
};

/// Staff's justification is kept as given (and whitespace alone counts as none). Kills
/// `StaffDecision::justification` replaced by `None` or by another text.
#[test]
fn a_staff_decision_keeps_its_justification() {
    let staff = StaffId::try_new("staff-1").unwrap();
    let why = "the municipal mental health team follows up during the stay";
    let decided = StaffDecision::new(
        ResidentialOutcome::IndividualAssessment,
        FinalOutcome::Offered,
        staff.clone(),
        Some(why.to_owned()),
    )
    .unwrap();
    assert_eq!(decided.justification().map(|j| j.expose().as_str()), Some(why));
    let plain =
        StaffDecision::new(ResidentialOutcome::Offered, FinalOutcome::Offered, staff, Some("  ".to_owned())).unwrap();
    assert!(plain.justification().is_none());
}

/// An applicant keeps the protected attributes given, and writes them only when there are
/// some. Kills `Applicant::protected` replaced by the default and `ProtectedAttributes::is_empty`
/// replaced by `false`.
#[test]
fn an_applicant_keeps_protected_attributes_and_writes_them_only_when_given() {
    let applicant = Applicant::new(Age::try_new(34).unwrap(), Gender::Female, Role::Victim);
    assert!(applicant.protected().is_empty());
    let plain = serde_json::to_value(&applicant).unwrap();
    assert!(plain.get("protected").is_none(), "{plain}");

    let mut protected = ProtectedAttributes::default();
    protected.language = Some(Redacted::new(String::from("nordsamisk")));
    let with = applicant.with_protected(protected.clone());
    assert_eq!(with.protected(), &protected);
    assert!(!with.protected().is_empty());
    let written = serde_json::to_value(&with).unwrap();
    assert_eq!(written["protected"]["language"], "nordsamisk");
}

/// The order of residential outcomes by openness: not offered, individual assessment,
/// offered. Kills `ResidentialOutcome::openness` replaced by 0 or 1.
#[test]
fn residential_outcomes_are_ordered_by_openness() {
    let order = [ResidentialOutcome::NotOffered, ResidentialOutcome::IndividualAssessment, ResidentialOutcome::Offered];
    assert_eq!(order.map(ResidentialOutcome::openness), [0, 1, 2]);
}

/// An offer names the version of the rules that decided: the 2010 rules in 2025, the 2026
/// rules from 1 January 2026. Kills `Offer::rules_version` replaced by `""`.
#[test]
fn an_offer_names_the_rules_version_that_decided() {
    use chrono::NaiveDate;
    use krisesenter_eligibility::{AssessInput, Observations, Relation, Violence, ViolenceType, assess};
    let input = AssessInput::new(
        Applicant::new(Age::try_new(34).unwrap(), Gender::Female, Role::Victim),
        Violence::new([ViolenceType::Physical], Relation::FormerPartner),
        Observations::no_concerns(),
    )
    .in_need_of_protection();
    let on = |y, m, d| assess(&input, NaiveDate::from_ymd_opt(y, m, d).unwrap()).unwrap();
    assert_eq!(on(2025, 12, 31).rules_version(), "2010-01-01");
    assert_eq!(on(2026, 1, 1).rules_version(), "2026-01-01");
}

/// The schemas say what the contract says: a child's age is 0 to 17, and the alternative's
/// `offer` is always present, a choice or null. Kills `ChildAge`'s `json_schema` and
/// `nullable_choice` replaced by the default schema.
#[test]
fn the_schemas_bound_a_childs_age_and_require_a_nullable_offer() {
    use krisesenter_eligibility::{AlternativeOffer, AssessInput};
    let input = serde_json::to_value(schemars::schema_for!(AssessInput)).unwrap();
    let child = &input["$defs"]["ChildAge"];
    assert_eq!((child["minimum"].as_u64(), child["maximum"].as_u64()), (Some(0), Some(17)), "{child}");
    let offer = serde_json::to_value(schemars::schema_for!(AlternativeOffer)).unwrap();
    let required: Vec<&str> = offer["required"].as_array().unwrap().iter().filter_map(|v| v.as_str()).collect();
    assert!(required.contains(&"offer"), "{offer}");
    let choice = offer["properties"]["offer"].to_string();
    assert!(choice.contains("null") && choice.contains("ChosenAlternative"), "{choice}");
}
