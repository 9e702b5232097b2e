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
