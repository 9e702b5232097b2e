//! A sharing consent as an HL7 FHIR R4 `Consent` resource (JSON), for case and journal
//! systems that speak FHIR.
//!
//! The mapping (FHIR R4, <https://hl7.org/fhir/R4/consent.html>):
//!
//! | FHIR element | from |
//! |---|---|
//! | `status` | `active`, or `inactive` once the consent is withdrawn |
//! | `scope` | `patient-privacy` (consentscope) |
//! | `category` | LOINC 59284-0 (patient consent) |
//! | `id`, `identifier` | the consent id (as `id` only when it is a valid FHIR id) |
//! | `patient` | `Patient/{id}` of the person the caller names, and the id as an identifier |
//! | `dateTime` | `given_on` |
//! | `performer` | the patient, or a related person (a guardian) for a child |
//! | `policy` | forvaltningsloven §13 a (consent lifts confidentiality), on Lovdata |
//! | `policyRule` | v3 ActCode `OPTIN` |
//! | `provision.type` | `permit` |
//! | `provision.period` | from `given_on`, to the day before `withdrawn_on` (left out when withdrawn the day it was given) |
//! | `provision.actor` | each recipient, role v3 ParticipationType `IRCP` (information recipient) |
//! | `provision.class` | each information category |
//!
//! Only written sharing consents are exported: a storage consent names no recipient and an
//! oral consent is never in force, and a `permit` without actors or for a consent that cannot
//! be shown would read as a wider permission than the user gave.
//!
//! # Example
//!
//! ```
//! use chrono::NaiveDate;
//! use krisesenter_consent::fhir::{self, FhirConsentStatus};
//! use krisesenter_consent::{Consent, ConsentForm};
//! use krisesenter_core::{ConsentId, Information, Party, PersonId};
//!
//! let given = NaiveDate::from_ymd_opt(2026, 1, 10).ok_or("date")?;
//! let consent = Consent::sharing(ConsentId::try_new("c1")?, [Party::Nav], [Information::ContactDetails], given, ConsentForm::Written)?;
//! let resource = fhir::export(&consent, &PersonId::try_new("p1")?)?;
//! assert_eq!(resource.status, FhirConsentStatus::Active);
//! let json = serde_json::to_value(&resource)?;
//! assert_eq!(json["resourceType"], "Consent");
//! assert_eq!(json["scope"]["coding"][0]["code"], "patient-privacy");
//! assert_eq!(json["provision"]["actor"][0]["reference"]["identifier"]["value"], "nav");
//!
//! // A storage consent is refused.
//! let storage = Consent::storage(ConsentId::try_new("c2")?, given, ConsentForm::Written);
//! assert!(fhir::export(&storage, &PersonId::try_new("p1")?).is_err());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::NaiveDate;
use krisesenter_core::{ConsentId, Information, Party, PersonId};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::record::{Consent, ConsentKind, GivenBy};

/// The code system of the recipients ([`Party`] wire names).
pub const PARTY_SYSTEM: &str = "https://example.invalid/krisesenter/fhir/CodeSystem/party";
/// The code system of the information categories ([`Information`] wire names).
pub const INFORMATION_SYSTEM: &str = "https://example.invalid/krisesenter/fhir/CodeSystem/information";
/// The identifier system of consent ids.
pub const CONSENT_ID_SYSTEM: &str = "https://example.invalid/krisesenter/fhir/NamingSystem/consent-id";
/// The identifier system of person ids.
pub const PERSON_ID_SYSTEM: &str = "https://example.invalid/krisesenter/fhir/NamingSystem/person-id";
/// FHIR's consent scope code system.
pub const CONSENT_SCOPE_SYSTEM: &str = "http://terminology.hl7.org/CodeSystem/consentscope";
/// LOINC.
pub const LOINC_SYSTEM: &str = "http://loinc.org";
/// HL7 v3 ActCode.
pub const ACT_CODE_SYSTEM: &str = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
/// HL7 v3 ParticipationType.
pub const PARTICIPATION_TYPE_SYSTEM: &str = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
/// forvaltningsloven §13 a on Lovdata: consent lifts the duty of confidentiality.
pub const FVL_13A_URI: &str = "https://lovdata.no/lov/1967-02-10/%C2%A713a";

/// Why a consent cannot be exported.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum FhirError {
    /// Only sharing consents are exported.
    #[error("only a sharing consent can be exported as a FHIR Consent")]
    NotSharing {
        /// The consent.
        id: ConsentId,
    },
    /// An oral consent is never in force and is not exported.
    #[error("an oral consent is never in force and is not exported")]
    NotWritten {
        /// The consent.
        id: ConsentId,
    },
}

/// `Consent.status` (ConsentState), the two values this export uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum FhirConsentStatus {
    /// Not withdrawn.
    Active,
    /// Withdrawn.
    Inactive,
}

/// The FHIR resource type tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum ResourceType {
    /// `Consent`.
    Consent,
}

/// `Consent.provision.type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ProvisionType {
    /// The provision permits what it names.
    Permit,
}

/// A FHIR `Coding`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Coding {
    /// The code system.
    pub system: String,
    /// The code.
    pub code: String,
    /// A display text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
}

impl Coding {
    fn new(system: &str, code: &str, display: Option<&str>) -> Self {
        Self { system: system.to_owned(), code: code.to_owned(), display: display.map(str::to_owned) }
    }
}

/// A FHIR `CodeableConcept`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct CodeableConcept {
    /// The codings.
    pub coding: Vec<Coding>,
}

impl CodeableConcept {
    fn of(coding: Coding) -> Self {
        Self { coding: vec![coding] }
    }
}

/// A FHIR `Identifier`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Identifier {
    /// The namespace.
    pub system: String,
    /// The value.
    pub value: String,
}

/// A FHIR `Reference`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Reference {
    /// A literal reference such as `Patient/p1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// The type of the target resource.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub resource_type: Option<String>,
    /// A logical reference by identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identifier: Option<Identifier>,
    /// A display text (never personal data here).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
}

/// A FHIR `Period` of civil dates, both ends included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Period {
    /// The first day.
    pub start: NaiveDate,
    /// The last day, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<NaiveDate>,
}

/// `Consent.policy`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct ConsentPolicy {
    /// The policy's address.
    pub uri: String,
}

/// `Consent.provision.actor`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct ConsentActor {
    /// How the actor takes part: information recipient.
    pub role: CodeableConcept,
    /// The recipient.
    pub reference: Reference,
}

/// `Consent.provision`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct ConsentProvision {
    /// Always `permit`.
    #[serde(rename = "type")]
    pub provision_type: ProvisionType,
    /// The days the permission holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// The recipients.
    pub actor: Vec<ConsentActor>,
    /// The information categories.
    pub class: Vec<Coding>,
}

/// An HL7 FHIR R4 `Consent` resource.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct FhirConsent {
    /// Always `Consent`.
    pub resource_type: ResourceType,
    /// The consent id, when it is also a valid FHIR id (`[A-Za-z0-9.-]{1,64}`); the
    /// identifier always carries it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The consent id as a business identifier.
    pub identifier: Vec<Identifier>,
    /// Active or inactive (withdrawn).
    pub status: FhirConsentStatus,
    /// `patient-privacy`.
    pub scope: CodeableConcept,
    /// LOINC 59284-0.
    pub category: Vec<CodeableConcept>,
    /// The person the consent is about.
    pub patient: Reference,
    /// The day it was given.
    pub date_time: NaiveDate,
    /// Who gave it.
    pub performer: Vec<Reference>,
    /// The law the consent rests on.
    pub policy: Vec<ConsentPolicy>,
    /// Opt-in.
    pub policy_rule: CodeableConcept,
    /// What is permitted, to whom, when.
    pub provision: ConsentProvision,
}

/// `id` when it is a valid FHIR resource id: 1 to 64 of `[A-Za-z0-9.-]` (our ids also
/// allow `_` and `:`).
fn fhir_id(id: &str) -> Option<String> {
    let valid = (1..=64).contains(&id.len()) && id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.'));
    valid.then(|| id.to_owned())
}

/// The FHIR resource type a recipient is.
fn party_resource_type(party: Party) -> Option<&'static str> {
    match party {
        Party::Police | Party::ChildWelfare | Party::Nav | Party::Health | Party::School | Party::OtherService => {
            Some("Organization")
        }
        Party::Lawyer => Some("Practitioner"),
        Party::FamilyMember | Party::AllegedPerpetrator => Some("RelatedPerson"),
        Party::Unknown => None,
    }
}

/// Exports a written sharing consent as an HL7 FHIR R4 `Consent` about `patient`.
///
/// # Errors
///
/// [`FhirError::NotSharing`] for a storage consent; [`FhirError::NotWritten`] for an oral one.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use krisesenter_consent::fhir::{self, FhirConsentStatus, FhirError};
/// use krisesenter_consent::{Consent, ConsentForm};
/// use krisesenter_core::{ConsentId, Information, Party, PersonId};
///
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
/// let c = Consent::sharing(ConsentId::try_new("c1")?, [Party::Police], [Information::Whereabouts], d(2026, 1, 10)?, ConsentForm::Written)?;
/// let withdrawn = fhir::export(&c.withdraw(d(2026, 2, 1)?)?, &PersonId::try_new("p1")?)?;
/// assert_eq!(withdrawn.status, FhirConsentStatus::Inactive);
/// assert_eq!(withdrawn.provision.period.and_then(|p| p.end), Some(d(2026, 1, 31)?));
///
/// let oral = Consent::sharing(ConsentId::try_new("c2")?, [Party::Police], [Information::Whereabouts], d(2026, 1, 10)?, ConsentForm::Oral)?;
/// assert!(matches!(fhir::export(&oral, &PersonId::try_new("p1")?), Err(FhirError::NotWritten { .. })));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn export(consent: &Consent, patient: &PersonId) -> Result<FhirConsent, FhirError> {
    if consent.kind() != ConsentKind::Sharing {
        return Err(FhirError::NotSharing { id: consent.id().clone() });
    }
    if !consent.written() {
        return Err(FhirError::NotWritten { id: consent.id().clone() });
    }
    let patient_ref = Reference {
        reference: fhir_id(patient.as_str()).map(|id| format!("Patient/{id}")),
        resource_type: Some(String::from("Patient")),
        identifier: Some(Identifier { system: PERSON_ID_SYSTEM.to_owned(), value: patient.as_str().to_owned() }),
        display: None,
    };
    let performer = match consent.given_by() {
        GivenBy::Person => patient_ref.clone(),
        GivenBy::Guardian => Reference {
            resource_type: Some(String::from("RelatedPerson")),
            display: Some(String::from("guardian")),
            ..Reference::default()
        },
    };
    let status = if consent.withdrawn_on().is_some() { FhirConsentStatus::Inactive } else { FhirConsentStatus::Active };
    // FHIR periods include their end day; the consent is not in force on the withdrawal day.
    let period = match consent.withdrawn_on() {
        None => Some(Period { start: consent.given_on(), end: None }),
        Some(w) if w > consent.given_on() => Some(Period { start: consent.given_on(), end: w.pred_opt() }),
        Some(_) => None,
    };
    let actor = consent
        .recipients()
        .iter()
        .map(|party| ConsentActor {
            role: CodeableConcept::of(Coding::new(PARTICIPATION_TYPE_SYSTEM, "IRCP", Some("information recipient"))),
            reference: Reference {
                resource_type: party_resource_type(*party).map(str::to_owned),
                identifier: Some(Identifier { system: PARTY_SYSTEM.to_owned(), value: party.as_str().to_owned() }),
                ..Reference::default()
            },
        })
        .collect();
    let class = consent
        .information()
        .iter()
        .map(|info: &Information| Coding::new(INFORMATION_SYSTEM, info.as_str(), None))
        .collect();
    Ok(FhirConsent {
        resource_type: ResourceType::Consent,
        id: fhir_id(consent.id().as_str()),
        identifier: vec![Identifier { system: CONSENT_ID_SYSTEM.to_owned(), value: consent.id().as_str().to_owned() }],
        status,
        scope: CodeableConcept::of(Coding::new(CONSENT_SCOPE_SYSTEM, "patient-privacy", Some("Privacy Consent"))),
        category: vec![CodeableConcept::of(Coding::new(LOINC_SYSTEM, "59284-0", Some("Patient Consent")))],
        patient: patient_ref,
        date_time: consent.given_on(),
        performer: vec![performer],
        policy: vec![ConsentPolicy { uri: FVL_13A_URI.to_owned() }],
        policy_rule: CodeableConcept::of(Coding::new(ACT_CODE_SYSTEM, "OPTIN", Some("opt-in"))),
        provision: ConsentProvision { provision_type: ProvisionType::Permit, period, actor, class },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::ConsentForm;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_withdrawn_guardian_consent_as_fhir_json() {
        let consent = Consent::new(
            ConsentId::try_new("c_7").unwrap(),
            ConsentKind::Sharing,
            [Party::School, Party::Health],
            [Information::Children],
            d(2026, 1, 10),
            ConsentForm::Written,
            GivenBy::Guardian,
        )
        .unwrap()
        .withdraw(d(2026, 3, 1))
        .unwrap();
        let json = serde_json::to_value(export(&consent, &PersonId::try_new("p-1").unwrap()).unwrap()).unwrap();
        let coding = |system: &str, code: &str, display: &str| serde_json::json!({"coding": [{"system": system, "code": code, "display": display}]});
        let recipient = |kind: &str, code: &str| {
            serde_json::json!({
                "role": coding(PARTICIPATION_TYPE_SYSTEM, "IRCP", "information recipient"),
                "reference": {"type": kind, "identifier": {"system": PARTY_SYSTEM, "value": code}}
            })
        };
        assert_eq!(
            json,
            serde_json::json!({
                "resourceType": "Consent",
                "identifier": [{"system": CONSENT_ID_SYSTEM, "value": "c_7"}],
                "status": "inactive",
                "scope": coding(CONSENT_SCOPE_SYSTEM, "patient-privacy", "Privacy Consent"),
                "category": [coding(LOINC_SYSTEM, "59284-0", "Patient Consent")],
                "patient": {"reference": "Patient/p-1", "type": "Patient",
                            "identifier": {"system": PERSON_ID_SYSTEM, "value": "p-1"}},
                "dateTime": "2026-01-10",
                "performer": [{"type": "RelatedPerson", "display": "guardian"}],
                "policy": [{"uri": FVL_13A_URI}],
                "policyRule": coding(ACT_CODE_SYSTEM, "OPTIN", "opt-in"),
                "provision": {
                    "type": "permit",
                    "period": {"start": "2026-01-10", "end": "2026-02-28"},
                    "actor": [recipient("Organization", "health"), recipient("Organization", "school")],
                    "class": [{"system": INFORMATION_SYSTEM, "code": "children"}]
                }
            })
        );
    }

    #[test]
    fn a_consent_withdrawn_the_day_it_was_given_has_no_period() {
        let consent = Consent::sharing(
            ConsentId::try_new("c1").unwrap(),
            [Party::Nav],
            [Information::Existence],
            d(2026, 1, 10),
            ConsentForm::Written,
        )
        .unwrap()
        .withdraw(d(2026, 1, 10))
        .unwrap();
        let resource = export(&consent, &PersonId::try_new("p1").unwrap()).unwrap();
        assert_eq!(resource.status, FhirConsentStatus::Inactive);
        assert_eq!(resource.provision.period, None);
    }
}
