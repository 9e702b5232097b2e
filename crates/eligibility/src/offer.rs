//! The offer: an outcome with reasons for every service, the equal alternative, the
//! adaptations and the referrals, shaped exactly as docs/contract.md `assess` output.

use crate::AlternativeId;
use krisesenter_core::{EnumSet, Explained, Reason, Reasons};
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::Serialize;

use crate::input::AlternativeModel;
use crate::reason::EligibilityReason;

krisesenter_core::wire_enum!(
    /// The outcome for the residential offer (botilbud).
    pub enum ResidentialOutcome {
        /// A stay is offered.
        Offered => "offered",
        /// A stay is not offered; conversations and the phone are.
        NotOffered => "not_offered",
        /// Staff assess the stay individually (mental illness with a need of health follow-up).
        IndividualAssessment => "individual_assessment",
    }
);

impl ResidentialOutcome {
    /// How open the outcome is: `not_offered` < `individual_assessment` < `offered`.
    /// Adding a concern never raises it.
    pub const fn openness(self) -> u8 {
        match self {
            ResidentialOutcome::NotOffered => 0,
            ResidentialOutcome::IndividualAssessment => 1,
            ResidentialOutcome::Offered => 2,
        }
    }
}

krisesenter_core::wire_enum!(
    /// The outcome for the day service (dagtilbud): never refused.
    pub enum DayOutcome {
        /// Conversations with advice and guidance are offered.
        Offered => "offered",
        /// Conversations are offered; their form is assessed individually (active substance use).
        IndividualAssessment => "individual_assessment",
    }
);

krisesenter_core::wire_enum!(
    /// The outcome for the phone service (telefontilbud): always offered, so it has one value.
    pub enum PhoneOutcome {
        /// The phone is open day and night.
        Offered => "offered",
    }
);

/// The outcome for one service and the reasons for it: the kernel's [`Explained`] decision
/// shape, `{"outcome", "reasons"}` on the wire.
pub type ServiceOffer<O> = Explained<O, EligibilityReason>;

// The schema of a `ServiceOffer` as the contract names it (`ResidentialOutcomeOffer`, ...):
// never built, only described. Its doc comment is the schema's description.
/// The outcome for one service and the reasons for it.
#[derive(JsonSchema)]
#[schemars(rename = "{O}Offer")]
#[allow(dead_code, reason = "only its schema is used")]
struct ServiceOfferSchema<O> {
    outcome: O,
    reasons: Vec<Reason>,
}

/// The alternative chosen: its id and model.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ChosenAlternative {
    id: AlternativeId,
    model: AlternativeModel,
}

impl ChosenAlternative {
    pub(crate) fn new(id: AlternativeId, model: AlternativeModel) -> Self {
        Self { id, model }
    }

    /// The id of the configured alternative.
    pub fn id(&self) -> &AlternativeId {
        &self.id
    }

    /// Its model.
    pub const fn model(&self) -> AlternativeModel {
        self.model
    }
}

/// The equal alternative (krisesenterlova §3, from 2026-01-01): whether it is required, the
/// one chosen (or none, with a reason that says why), and the reasons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct AlternativeOffer {
    required: bool,
    #[schemars(schema_with = "nullable_choice", required)]
    offer: Option<ChosenAlternative>,
    reasons: Reasons<EligibilityReason>,
}

/// The schema of `offer`: a chosen alternative or null, always present.
fn nullable_choice(generator: &mut SchemaGenerator) -> Schema {
    generator.subschema_for::<Option<ChosenAlternative>>()
}

impl AlternativeOffer {
    pub(crate) fn new(required: bool, offer: Option<ChosenAlternative>, reasons: Reasons<EligibilityReason>) -> Self {
        Self { required, offer, reasons }
    }

    /// Whether the municipality must provide an equal alternative.
    pub const fn required(&self) -> bool {
        self.required
    }

    /// The alternative chosen, if one is required and one fits.
    pub fn offer(&self) -> Option<&ChosenAlternative> {
        self.offer.as_ref()
    }

    /// The reasons.
    pub const fn reasons(&self) -> &Reasons<EligibilityReason> {
        &self.reasons
    }
}

krisesenter_core::wire_enum!(
    /// A service the person is referred to, with their consent or under a duty the
    /// `krisesenter-disclosure` crate decides.
    pub enum Referral {
        /// The child welfare service (barnevernstjenesten).
        ChildWelfare => "child_welfare",
        /// Health services (the GP, mental health services, the emergency ward).
        Health => "health",
        /// Substance-use treatment.
        SubstanceTreatment => "substance_treatment",
        /// The police (protective measures, reporting, the follow-up of trafficking victims).
        Police => "police",
    }
);

/// What the shelter offers one person, service by service, and why (docs/contract.md `assess`).
///
/// The library recommends; staff decide (see [`crate::StaffDecision`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[schemars(
    description = "The output of the `assess` command (docs/contract.md): an outcome with reasons for every service, the equal alternative, the adaptations and the referrals."
)]
pub struct Offer {
    #[schemars(with = "ServiceOfferSchema<ResidentialOutcome>")]
    residential: ServiceOffer<ResidentialOutcome>,
    #[schemars(with = "ServiceOfferSchema<DayOutcome>")]
    day: ServiceOffer<DayOutcome>,
    #[schemars(with = "ServiceOfferSchema<PhoneOutcome>")]
    phone: ServiceOffer<PhoneOutcome>,
    alternative: AlternativeOffer,
    adaptations: Reasons<EligibilityReason>,
    referrals: EnumSet<Referral>,
    #[serde(skip)]
    duty_if_refused: bool,
    #[serde(skip)]
    rules_version: &'static str,
}

/// The parts of an [`Offer`], as the rules produce them.
pub(crate) struct OfferParts {
    pub(crate) residential: ServiceOffer<ResidentialOutcome>,
    pub(crate) day: ServiceOffer<DayOutcome>,
    pub(crate) phone: ServiceOffer<PhoneOutcome>,
    pub(crate) alternative: AlternativeOffer,
    pub(crate) adaptations: Reasons<EligibilityReason>,
    pub(crate) referrals: EnumSet<Referral>,
    pub(crate) duty_if_refused: bool,
    pub(crate) rules_version: &'static str,
}

impl Offer {
    pub(crate) fn new(parts: OfferParts) -> Self {
        let OfferParts { residential, day, phone, alternative, adaptations, referrals, duty_if_refused, rules_version } =
            parts;
        Self { residential, day, phone, alternative, adaptations, referrals, duty_if_refused, rules_version }
    }

    /// The residential offer (botilbud).
    pub const fn residential(&self) -> &ServiceOffer<ResidentialOutcome> {
        &self.residential
    }

    /// The day service (dagtilbud).
    pub const fn day(&self) -> &ServiceOffer<DayOutcome> {
        &self.day
    }

    /// The phone service (telefontilbud).
    pub const fn phone(&self) -> &ServiceOffer<PhoneOutcome> {
        &self.phone
    }

    /// The equal alternative.
    pub fn alternative(&self) -> &AlternativeOffer {
        &self.alternative
    }

    /// How the offer must be adapted, one reason per need.
    pub const fn adaptations(&self) -> &Reasons<EligibilityReason> {
        &self.adaptations
    }

    /// The services the person is referred to.
    pub const fn referrals(&self) -> EnumSet<Referral> {
        self.referrals
    }

    /// Whether a refusal of the stay by staff would make an equal alternative required: the
    /// person is in the target group, with a protection need, not a child without a
    /// guardian, and the rules in force require an equal alternative (from 2026-01-01). When
    /// staff refuse the stay, [`crate::alternative_if_refused`] gives the alternative.
    pub const fn alternative_required_if_refused(&self) -> bool {
        self.duty_if_refused
    }

    /// The day the offer was made on.
    pub const fn as_of(&self) -> chrono::NaiveDate {
        self.phone.as_of()
    }

    /// The id of the version of the rules that decided (see [`crate::RULES`]).
    pub const fn rules_version(&self) -> &'static str {
        self.rules_version
    }
}
