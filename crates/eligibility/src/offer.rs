//! The offer: an outcome with reasons for every service, the equal alternative, the
//! adaptations and the referrals, shaped exactly as CONTRACT.md `assess` output.

use std::borrow::Cow;
use std::collections::BTreeSet;

use krisesenter_core::AlternativeId;
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Serialize, Serializer};

use crate::input::AlternativeModel;
use crate::reason::Reasons;

/// The outcome for the residential offer (botilbud).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ResidentialOutcome {
    /// A stay is offered.
    Offered,
    /// A stay is not offered; conversations and the phone are.
    NotOffered,
    /// Staff assess the stay individually (mental illness with a need of health follow-up).
    IndividualAssessment,
}

impl ResidentialOutcome {
    /// The wire name.
    pub const fn as_str(self) -> &'static str {
        match self {
            ResidentialOutcome::Offered => "offered",
            ResidentialOutcome::NotOffered => "not_offered",
            ResidentialOutcome::IndividualAssessment => "individual_assessment",
        }
    }

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

impl std::fmt::Display for ResidentialOutcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The outcome for the day service (dagtilbud): never refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DayOutcome {
    /// Conversations with advice and guidance are offered.
    Offered,
    /// Conversations are offered; their form is assessed individually (active substance use).
    IndividualAssessment,
}

/// The outcome for the phone service (telefontilbud): always offered, so it has one value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PhoneOutcome {
    /// The phone is open day and night.
    Offered,
}

/// The outcome for one service and the reasons for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[schemars(rename = "{O}Offer")]
pub struct ServiceOffer<O> {
    outcome: O,
    reasons: Reasons,
}

impl<O: Copy> ServiceOffer<O> {
    pub(crate) const fn new(outcome: O, reasons: Reasons) -> Self {
        Self { outcome, reasons }
    }

    /// The outcome.
    pub const fn outcome(&self) -> O {
        self.outcome
    }

    /// The reasons for it.
    pub const fn reasons(&self) -> Reasons {
        self.reasons
    }
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
    reasons: Reasons,
}

/// The schema of `offer`: a chosen alternative or null, always present.
fn nullable_choice(generator: &mut SchemaGenerator) -> Schema {
    generator.subschema_for::<Option<ChosenAlternative>>()
}

impl AlternativeOffer {
    pub(crate) fn new(required: bool, offer: Option<ChosenAlternative>, reasons: Reasons) -> Self {
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
    pub const fn reasons(&self) -> Reasons {
        self.reasons
    }
}

/// A service the person is referred to, with their consent or under a duty the
/// `krisesenter-disclosure` crate decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Referral {
    /// The child welfare service (barnevernstjenesten).
    ChildWelfare,
    /// Health services (the GP, mental health services, the emergency ward).
    Health,
    /// Substance-use treatment.
    SubstanceTreatment,
    /// The police (protective measures, reporting, the follow-up of trafficking victims).
    Police,
}

impl Referral {
    /// Every referral, in declaration order.
    pub const ALL: &'static [Referral] =
        &[Referral::ChildWelfare, Referral::Health, Referral::SubstanceTreatment, Referral::Police];

    const fn bit(self) -> u8 {
        1u8 << (self as u8)
    }
}

/// A set of [`Referral`]s, listed in declaration order.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Referrals(u8);

impl Referrals {
    pub(crate) fn insert_if(&mut self, condition: bool, referral: Referral) {
        if condition {
            self.0 |= referral.bit();
        }
    }

    /// Whether the set holds `referral`.
    pub const fn contains(&self, referral: Referral) -> bool {
        self.0 & referral.bit() != 0
    }

    /// Whether the set is empty.
    pub const fn is_empty(&self) -> bool {
        self.0 == 0
    }

    /// The referrals, in declaration order.
    pub fn iter(&self) -> impl Iterator<Item = Referral> + '_ {
        Referral::ALL.iter().copied().filter(|r| self.contains(*r))
    }
}

impl std::fmt::Debug for Referrals {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl Serialize for Referrals {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl JsonSchema for Referrals {
    fn inline_schema() -> bool {
        <BTreeSet<Referral>>::inline_schema()
    }

    fn schema_name() -> Cow<'static, str> {
        <BTreeSet<Referral>>::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        <BTreeSet<Referral>>::schema_id()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        <BTreeSet<Referral>>::json_schema(generator)
    }
}

/// What the shelter offers one person, service by service, and why (CONTRACT.md `assess`).
///
/// The library recommends; staff decide (see [`crate::Decision`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[schemars(
    description = "The output of the `assess` command (CONTRACT.md): an outcome with reasons for every service, the equal alternative, the adaptations and the referrals."
)]
pub struct Offer {
    residential: ServiceOffer<ResidentialOutcome>,
    day: ServiceOffer<DayOutcome>,
    phone: ServiceOffer<PhoneOutcome>,
    alternative: AlternativeOffer,
    adaptations: Reasons,
    referrals: Referrals,
    #[serde(skip)]
    duty_if_refused: bool,
}

impl Offer {
    pub(crate) fn new(
        residential: ServiceOffer<ResidentialOutcome>,
        day: ServiceOffer<DayOutcome>,
        phone: ServiceOffer<PhoneOutcome>,
        alternative: AlternativeOffer,
        adaptations: Reasons,
        referrals: Referrals,
        duty_if_refused: bool,
    ) -> Self {
        Self { residential, day, phone, alternative, adaptations, referrals, duty_if_refused }
    }

    /// The residential offer (botilbud).
    pub const fn residential(&self) -> ServiceOffer<ResidentialOutcome> {
        self.residential
    }

    /// The day service (dagtilbud).
    pub const fn day(&self) -> ServiceOffer<DayOutcome> {
        self.day
    }

    /// The phone service (telefontilbud).
    pub const fn phone(&self) -> ServiceOffer<PhoneOutcome> {
        self.phone
    }

    /// The equal alternative.
    pub fn alternative(&self) -> &AlternativeOffer {
        &self.alternative
    }

    /// How the offer must be adapted, one reason per need.
    pub const fn adaptations(&self) -> Reasons {
        self.adaptations
    }

    /// The services the person is referred to.
    pub const fn referrals(&self) -> Referrals {
        self.referrals
    }

    /// Whether a refusal of the stay by staff would make an equal alternative required: the
    /// person is in the target group, with a protection need, not a child without a
    /// guardian, and the day is on or after 2026-01-01. When the recommendation is an
    /// individual assessment that ends in a refusal, staff then offer
    /// [`crate::choose_alternative`].
    pub const fn alternative_required_if_refused(&self) -> bool {
        self.duty_if_refused
    }
}
