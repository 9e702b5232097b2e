//! The request: who asks (or whom staff think of telling), what about, the user's consents,
//! and the facts that can create a duty or a permission.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use krisesenter_consent::Consent;
use krisesenter_core::{Age, ConsentId, Information, Party};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::Set;

/// Whether someone asked, or staff consider telling someone on their own initiative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Initiative {
    /// `requester` asked for `information`.
    Request,
    /// Staff consider passing `information` to `requester` without being asked.
    OwnInitiative,
}

/// What staff believe about a child of the user (barnevernsloven §13-2, barnevernloven 1992 §6-4).
///
/// Every value except `none` and `general_worry` is a ground that obliges staff to inform
/// child welfare on their own initiative when there is reason to believe it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChildConcern {
    /// No concern about a child.
    #[default]
    None,
    /// A worry that is not one of the grounds: contacting child welfare needs consent.
    GeneralWorry,
    /// The child is or will be mistreated (mishandlet).
    Mistreatment,
    /// Serious deficiencies in the child's daily care (alvorlige mangler ved den daglige omsorgen).
    SeriousCareDeficiency,
    /// Other serious neglect (annen alvorlig omsorgssvikt).
    OtherSeriousNeglect,
    /// A life-threatening or other serious illness or injury that is not treated.
    UntreatedSeriousIllness,
    /// The child is or will be exploited in human trafficking.
    Trafficking,
    /// The child shows serious behavioural problems (alvorlige atferdsvansker).
    SeriousBehaviourProblems,
}

impl ChildConcern {
    /// Every value, in declaration order.
    pub const ALL: &'static [ChildConcern] = &[
        ChildConcern::None,
        ChildConcern::GeneralWorry,
        ChildConcern::Mistreatment,
        ChildConcern::SeriousCareDeficiency,
        ChildConcern::OtherSeriousNeglect,
        ChildConcern::UntreatedSeriousIllness,
        ChildConcern::Trafficking,
        ChildConcern::SeriousBehaviourProblems,
    ];

    /// The grounds of the duty to inform child welfare on own initiative, in declaration order.
    pub const REPORTING_GROUNDS: &'static [ChildConcern] = &[
        ChildConcern::Mistreatment,
        ChildConcern::SeriousCareDeficiency,
        ChildConcern::OtherSeriousNeglect,
        ChildConcern::UntreatedSeriousIllness,
        ChildConcern::Trafficking,
        ChildConcern::SeriousBehaviourProblems,
    ];

    /// Whether the concern is a ground of the duty to inform child welfare on own initiative.
    pub const fn is_reporting_ground(self) -> bool {
        !matches!(self, ChildConcern::None | ChildConcern::GeneralWorry)
    }
}

/// How likely staff think it is that the feared offence has been or will be committed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Likelihood {
    /// Certain ("sikkert").
    Certain,
    /// Most likely ("mest sannsynlig"): more likely than not.
    MostLikely,
    /// Possible, but not more likely than not.
    Possible,
    /// Unlikely.
    Unlikely,
}

impl Likelihood {
    /// Every value, in declaration order.
    pub const ALL: &'static [Likelihood] =
        &[Likelihood::Certain, Likelihood::MostLikely, Likelihood::Possible, Likelihood::Unlikely];

    /// Whether the likelihood meets the threshold of straffeloven §196: certain or most likely.
    pub const fn meets_averting_threshold(self) -> bool {
        matches!(self, Likelihood::Certain | Likelihood::MostLikely)
    }
}

/// Why a request or one of its parts is not acceptable.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum RequestError {
    /// Section 0 of the penal code does not exist.
    #[error("straffeloven has no section 0")]
    NoSuchSection,
    /// Two consents carry the same id: the record cannot say which one holds.
    #[error("consent {id} appears {count} times; consent ids must be unique")]
    DuplicateConsent {
        /// The repeated id.
        id: ConsentId,
        /// How many consents carry it.
        count: usize,
    },
}

/// A feared serious offence: the penal-code section, how likely it is, and the facts the
/// §196 list qualifies some offences by (the victim's age, whether the parties are peers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(try_from = "RawSeriousOffence", into = "RawSeriousOffence")]
#[schemars(with = "RawSeriousOffence")]
#[non_exhaustive]
pub struct SeriousOffence {
    straffeloven_section: u16,
    likelihood: Likelihood,
    victim_age: Option<Age>,
    peers_in_age_and_development: bool,
}

/// The wire form of a [`SeriousOffence`].
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "SeriousOffence")]
struct RawSeriousOffence {
    /// The section of straffeloven 2005 (282 abuse in close relationships, 275 homicide, …).
    straffeloven_section: u16,
    /// How likely it is that the offence has been or will be committed.
    likelihood: Likelihood,
    /// The victim's age, when known (decides §§312 and 314, listed only under 16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    victim_age: Option<Age>,
    /// Whether the parties are about equal in age and development (§308: then §§299 and 303
    /// are not averting offences). Defaults to false.
    #[serde(default)]
    peers_in_age_and_development: bool,
}

impl TryFrom<RawSeriousOffence> for SeriousOffence {
    type Error = RequestError;
    fn try_from(raw: RawSeriousOffence) -> Result<Self, Self::Error> {
        let offence = SeriousOffence::try_new(raw.straffeloven_section, raw.likelihood)?;
        Ok(SeriousOffence {
            victim_age: raw.victim_age,
            peers_in_age_and_development: raw.peers_in_age_and_development,
            ..offence
        })
    }
}

impl From<SeriousOffence> for RawSeriousOffence {
    fn from(o: SeriousOffence) -> Self {
        RawSeriousOffence {
            straffeloven_section: o.straffeloven_section,
            likelihood: o.likelihood,
            victim_age: o.victim_age,
            peers_in_age_and_development: o.peers_in_age_and_development,
        }
    }
}

impl SeriousOffence {
    /// A feared offence against `straffeloven_section` of the penal code of 2005, victim age
    /// unknown, parties not peers.
    ///
    /// # Errors
    ///
    /// [`RequestError::NoSuchSection`] for section 0.
    ///
    /// # Example
    ///
    /// ```
    /// use krisesenter_core::Age;
    /// use krisesenter_disclosure::{Likelihood, SeriousOffence};
    /// let abuse = SeriousOffence::try_new(282, Likelihood::Certain)?;
    /// assert_eq!(abuse.likelihood(), Likelihood::Certain);
    /// let incest = SeriousOffence::try_new(312, Likelihood::MostLikely)?.with_victim_age(Age::try_new(14)?);
    /// assert_eq!(incest.victim_age().map(Age::years), Some(14));
    /// assert!(SeriousOffence::try_new(0, Likelihood::Certain).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn try_new(straffeloven_section: u16, likelihood: Likelihood) -> Result<Self, RequestError> {
        if straffeloven_section == 0 {
            return Err(RequestError::NoSuchSection);
        }
        Ok(Self { straffeloven_section, likelihood, victim_age: None, peers_in_age_and_development: false })
    }

    /// The same offence with the victim's age known.
    #[must_use]
    pub const fn with_victim_age(self, age: Age) -> Self {
        Self { victim_age: Some(age), ..self }
    }

    /// The same offence, stating whether the parties are about equal in age and development.
    #[must_use]
    pub const fn with_peers_in_age_and_development(self, peers: bool) -> Self {
        Self { peers_in_age_and_development: peers, ..self }
    }

    /// The section of straffeloven 2005.
    pub const fn straffeloven_section(&self) -> u16 {
        self.straffeloven_section
    }

    /// How likely the offence is.
    pub const fn likelihood(&self) -> Likelihood {
        self.likelihood
    }

    /// The victim's age, if known.
    pub const fn victim_age(&self) -> Option<Age> {
        self.victim_age
    }

    /// Whether the parties are about equal in age and development.
    pub const fn peers_in_age_and_development(&self) -> bool {
        self.peers_in_age_and_development
    }
}

/// A request for information about a user, or a disclosure staff consider on their own
/// initiative: everything `disclose` takes except the date of the decision.
///
/// For [`Initiative::OwnInitiative`], `requester` is the party staff think of telling and
/// `information` the categories they think of passing; a duty adds its own recipients.
///
/// # Example
///
/// ```
/// use krisesenter_core::{Information, Party};
/// use krisesenter_disclosure::{ChildConcern, Initiative, Request};
/// let request = Request::new(Party::Police, Initiative::Request, [Information::Whereabouts])
///     .with_child_concern(ChildConcern::Mistreatment);
/// assert_eq!(request.requester(), Party::Police);
/// assert!(request.information().contains(Information::Whereabouts));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// On the wire a request is the `disclose` input without `as_of` ([`DiscloseInput`] adds it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(try_from = "RawRequest", into = "RawRequest")]
#[schemars(with = "RawRequest")]
#[non_exhaustive]
pub struct Request {
    requester: Party,
    initiative: Initiative,
    information: Set<Information>,
    consents: Vec<Consent>,
    child_concern: ChildConcern,
    child_welfare_order: bool,
    serious_offence: Option<SeriousOffence>,
    danger_to_life_or_health: bool,
}

impl Request {
    /// A request from `requester` for `information`, with no consents and no concern.
    pub fn new(requester: Party, initiative: Initiative, information: impl IntoIterator<Item = Information>) -> Self {
        Self {
            requester,
            initiative,
            information: information.into_iter().collect(),
            consents: Vec::new(),
            child_concern: ChildConcern::None,
            child_welfare_order: false,
            serious_offence: None,
            danger_to_life_or_health: false,
        }
    }

    /// The same request with the user's consents (storage and sharing, in force or not).
    ///
    /// # Errors
    ///
    /// [`RequestError::DuplicateConsent`] when two consents carry the same id.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use krisesenter_consent::{Consent, ConsentForm};
    /// use krisesenter_core::{ConsentId, Information, Party};
    /// use krisesenter_disclosure::{Initiative, Request};
    /// let day = NaiveDate::from_ymd_opt(2026, 1, 5).ok_or("date")?;
    /// let c = Consent::sharing(ConsentId::try_new("c1")?, [Party::Nav], [Information::ContactDetails], day, ConsentForm::Written)?;
    /// let request = Request::new(Party::Nav, Initiative::Request, [Information::ContactDetails]);
    /// assert_eq!(request.clone().with_consents(vec![c.clone()])?.consents().len(), 1);
    /// assert!(request.with_consents(vec![c.clone(), c]).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_consents(self, consents: Vec<Consent>) -> Result<Self, RequestError> {
        let mut seen: BTreeSet<&ConsentId> = BTreeSet::new();
        for consent in &consents {
            if !seen.insert(consent.id()) {
                let count = consents.iter().filter(|c| c.id() == consent.id()).count();
                return Err(RequestError::DuplicateConsent { id: consent.id().clone(), count });
            }
        }
        Ok(Self { consents, ..self })
    }

    /// The same request with what staff believe about a child of the user.
    #[must_use]
    pub fn with_child_concern(self, child_concern: ChildConcern) -> Self {
        Self { child_concern, ..self }
    }

    /// The same request, stating whether child welfare has ordered information in a case.
    #[must_use]
    pub fn with_child_welfare_order(self, ordered: bool) -> Self {
        Self { child_welfare_order: ordered, ..self }
    }

    /// The same request with a feared serious offence.
    #[must_use]
    pub fn with_serious_offence(self, offence: Option<SeriousOffence>) -> Self {
        Self { serious_offence: offence, ..self }
    }

    /// The same request, stating whether there is danger to someone's life or health.
    #[must_use]
    pub fn with_danger_to_life_or_health(self, danger: bool) -> Self {
        Self { danger_to_life_or_health: danger, ..self }
    }

    /// Who asks, or whom staff think of telling.
    pub const fn requester(&self) -> Party {
        self.requester
    }

    /// Request or own initiative.
    pub const fn initiative(&self) -> Initiative {
        self.initiative
    }

    /// The categories asked for (or thought of passing).
    pub const fn information(&self) -> Set<Information> {
        self.information
    }

    /// The user's consents.
    pub fn consents(&self) -> &[Consent] {
        &self.consents
    }

    /// What staff believe about a child of the user.
    pub const fn child_concern(&self) -> ChildConcern {
        self.child_concern
    }

    /// Whether child welfare has ordered information in a case.
    pub const fn child_welfare_order(&self) -> bool {
        self.child_welfare_order
    }

    /// The feared serious offence, if any.
    pub const fn serious_offence(&self) -> Option<&SeriousOffence> {
        self.serious_offence.as_ref()
    }

    /// Whether there is danger to someone's life or health.
    pub const fn danger_to_life_or_health(&self) -> bool {
        self.danger_to_life_or_health
    }
}

/// The input of the `disclose` command, exactly as CONTRACT.md spells it: the date of the
/// decision and the request. Deserialising checks the shape and the request's own rules;
/// the date is checked when deciding (a date before 2015-10-01 is a decision error).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(try_from = "RawDiscloseInput", into = "RawDiscloseInput")]
#[schemars(with = "RawDiscloseInput")]
#[non_exhaustive]
pub struct DiscloseInput {
    /// The day the decision is made on.
    pub as_of: NaiveDate,
    /// The request.
    pub request: Request,
}

impl DiscloseInput {
    /// Pairs a request with the day of the decision.
    pub const fn new(as_of: NaiveDate, request: Request) -> Self {
        Self { as_of, request }
    }

    /// Decides the request on its date: [`crate::decide`]`(&self.request, self.as_of)`.
    ///
    /// # Errors
    ///
    /// [`crate::DecideError`] as [`crate::decide`].
    ///
    /// # Example
    ///
    /// ```
    /// use krisesenter_disclosure::{DiscloseInput, Outcome};
    /// let input: DiscloseInput = serde_json::from_str(r#"{
    ///   "as_of": "2026-03-01", "requester": "unknown", "initiative": "request",
    ///   "information": ["existence"], "consents": []
    /// }"#)?;
    /// let disclosure = input.decide()?;
    /// assert_eq!(disclosure.outcome(), Outcome::Refuse);
    /// assert!(disclosure.neither_confirm_nor_deny());
    ///
    /// let too_early: DiscloseInput = serde_json::from_str(r#"{
    ///   "as_of": "2015-09-30", "requester": "police", "initiative": "request",
    ///   "information": [], "consents": []
    /// }"#)?;
    /// assert!(too_early.decide().is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn decide(&self) -> Result<crate::Disclosure, crate::DecideError> {
        crate::decide(&self.request, self.as_of)
    }
}

/// The wire form of [`DiscloseInput`] (CONTRACT.md `disclose` input).
///
/// It repeats the fields of [`RawRequest`] instead of `#[serde(flatten)]`-ing it, because
/// serde does not support `flatten` together with `deny_unknown_fields`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "DiscloseInput")]
struct RawDiscloseInput {
    /// The day the decision is made on; on or after 2015-10-01.
    as_of: NaiveDate,
    /// Who asks, or whom staff think of telling on their own initiative.
    requester: Party,
    /// Whether `requester` asked, or staff consider telling on their own initiative.
    initiative: Initiative,
    /// The categories asked for, or thought of passing.
    information: Vec<Information>,
    /// The user's consents, in force or not.
    consents: Vec<Consent>,
    /// What staff believe about a child of the user.
    #[serde(default)]
    child_concern: ChildConcern,
    /// Whether child welfare has ordered information in a case.
    #[serde(default)]
    child_welfare_order: bool,
    /// A feared serious offence.
    #[serde(default)]
    serious_offence: Option<SeriousOffence>,
    /// Whether there is danger to someone's life or health.
    #[serde(default)]
    danger_to_life_or_health: bool,
}

impl TryFrom<RawDiscloseInput> for DiscloseInput {
    type Error = RequestError;
    fn try_from(raw: RawDiscloseInput) -> Result<Self, Self::Error> {
        let request = Request::try_from(RawRequest {
            requester: raw.requester,
            initiative: raw.initiative,
            information: raw.information,
            consents: raw.consents,
            child_concern: raw.child_concern,
            child_welfare_order: raw.child_welfare_order,
            serious_offence: raw.serious_offence,
            danger_to_life_or_health: raw.danger_to_life_or_health,
        })?;
        Ok(DiscloseInput { as_of: raw.as_of, request })
    }
}

impl From<DiscloseInput> for RawDiscloseInput {
    fn from(input: DiscloseInput) -> Self {
        let r = RawRequest::from(input.request);
        RawDiscloseInput {
            as_of: input.as_of,
            requester: r.requester,
            initiative: r.initiative,
            information: r.information,
            consents: r.consents,
            child_concern: r.child_concern,
            child_welfare_order: r.child_welfare_order,
            serious_offence: r.serious_offence,
            danger_to_life_or_health: r.danger_to_life_or_health,
        }
    }
}

/// The wire form of [`Request`]: the `disclose` input without `as_of`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Request")]
struct RawRequest {
    /// Who asks, or whom staff think of telling on their own initiative.
    requester: Party,
    /// Whether `requester` asked, or staff consider telling on their own initiative.
    initiative: Initiative,
    /// The categories asked for, or thought of passing.
    information: Vec<Information>,
    /// The user's consents, in force or not.
    consents: Vec<Consent>,
    /// What staff believe about a child of the user.
    #[serde(default)]
    child_concern: ChildConcern,
    /// Whether child welfare has ordered information in a case.
    #[serde(default)]
    child_welfare_order: bool,
    /// A feared serious offence.
    #[serde(default)]
    serious_offence: Option<SeriousOffence>,
    /// Whether there is danger to someone's life or health.
    #[serde(default)]
    danger_to_life_or_health: bool,
}

impl TryFrom<RawRequest> for Request {
    type Error = RequestError;
    fn try_from(raw: RawRequest) -> Result<Self, Self::Error> {
        Ok(Request::new(raw.requester, raw.initiative, raw.information)
            .with_consents(raw.consents)?
            .with_child_concern(raw.child_concern)
            .with_child_welfare_order(raw.child_welfare_order)
            .with_serious_offence(raw.serious_offence)
            .with_danger_to_life_or_health(raw.danger_to_life_or_health))
    }
}

impl From<Request> for RawRequest {
    fn from(r: Request) -> Self {
        RawRequest {
            requester: r.requester,
            initiative: r.initiative,
            information: r.information.iter().collect(),
            consents: r.consents,
            child_concern: r.child_concern,
            child_welfare_order: r.child_welfare_order,
            serious_offence: r.serious_offence,
            danger_to_life_or_health: r.danger_to_life_or_health,
        }
    }
}
