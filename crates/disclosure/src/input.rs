//! The input: who asks (or whom staff think of telling), what about, the user's consents,
//! and the facts that can create a duty or a permission.

use std::collections::BTreeSet;

use krisesenter_consent::Consent;
use krisesenter_core::{Age, ConsentId, EnumSet, Information, Party};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thiserror::Error;

krisesenter_core::wire_enum!(
    /// Whether someone asked, or staff consider telling someone on their own initiative.
    pub enum Initiative {
        /// `requester` asked for `information`.
        Request => "request",
        /// Staff consider passing `information` to `requester` without being asked.
        OwnInitiative => "own_initiative",
    }
);

krisesenter_core::wire_enum!(
    /// What staff believe about a child of the user (barnevernsloven §13-2, barnevernloven 1992 §6-4).
    ///
    /// Every value except `none` and `general_worry` is a ground that obliges staff to inform
    /// child welfare on their own initiative when there is reason to believe it.
    #[derive(Default)]
    pub enum ChildConcern {
        /// No concern about a child.
        #[default]
        None => "none",
        /// A worry that is not one of the grounds: contacting child welfare needs consent.
        GeneralWorry => "general_worry",
        /// The child is or will be mistreated (mishandlet).
        Mistreatment => "mistreatment",
        /// Serious deficiencies in the child's daily care (alvorlige mangler ved den daglige omsorgen).
        SeriousCareDeficiency => "serious_care_deficiency",
        /// Other serious neglect (annen alvorlig omsorgssvikt).
        OtherSeriousNeglect => "other_serious_neglect",
        /// A life-threatening or other serious illness or injury that is not treated.
        UntreatedSeriousIllness => "untreated_serious_illness",
        /// The child is or will be exploited in human trafficking.
        Trafficking => "trafficking",
        /// The child shows serious behavioural problems (alvorlige atferdsvansker).
        SeriousBehaviourProblems => "serious_behaviour_problems",
    }
);

impl ChildConcern {
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

krisesenter_core::wire_enum!(
    /// How likely staff think it is that the feared offence has been or will be committed.
    pub enum Likelihood {
        /// Certain ("sikkert").
        Certain => "certain",
        /// Most likely ("mest sannsynlig"): more likely than not.
        MostLikely => "most_likely",
        /// Possible, but not more likely than not.
        Possible => "possible",
        /// Unlikely.
        Unlikely => "unlikely",
    }
);

impl Likelihood {
    /// Whether the likelihood meets the threshold of straffeloven §196: certain or most likely.
    pub const fn meets_averting_threshold(self) -> bool {
        matches!(self, Likelihood::Certain | Likelihood::MostLikely)
    }
}

/// Why a disclose input or one of its parts is not acceptable.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum DiscloseInputError {
    /// Section 0 of the penal code does not exist.
    #[error("straffeloven has no section 0: sections are numbered from 1")]
    NoSuchSection,
    /// Two consents carry the same id: the record cannot say which one holds.
    #[error("consent ids must be unique; one appears more than once")]
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
    type Error = DiscloseInputError;
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
    /// [`DiscloseInputError::NoSuchSection`] for section 0.
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
    pub fn try_new(straffeloven_section: u16, likelihood: Likelihood) -> Result<Self, DiscloseInputError> {
        if straffeloven_section == 0 {
            return Err(DiscloseInputError::NoSuchSection);
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
/// initiative: everything [`crate::disclose`] takes except the day of the decision.
///
/// For [`Initiative::OwnInitiative`], `requester` is the party staff think of telling and
/// `information` the categories they think of passing; a duty adds its own recipients.
///
/// # Example
///
/// ```
/// use krisesenter_core::{Information, Party};
/// use krisesenter_disclosure::{ChildConcern, DiscloseInput, Initiative};
/// let request = DiscloseInput::new(Party::Police, Initiative::Request, [Information::Whereabouts])
///     .with_child_concern(ChildConcern::Mistreatment);
/// assert_eq!(request.requester(), Party::Police);
/// assert!(request.information().contains(Information::Whereabouts));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// On the wire it is the `disclose` command's input without `as_of` (the command's document
/// adds the day).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(try_from = "RawDiscloseInput", into = "RawDiscloseInput")]
#[schemars(with = "RawDiscloseInput")]
#[non_exhaustive]
pub struct DiscloseInput {
    requester: Party,
    initiative: Initiative,
    information: EnumSet<Information>,
    consents: Vec<Consent>,
    child_concern: ChildConcern,
    child_welfare_order: bool,
    serious_offence: Option<SeriousOffence>,
    danger_to_life_or_health: bool,
}

impl DiscloseInput {
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
    /// [`DiscloseInputError::DuplicateConsent`] when two consents carry the same id.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use krisesenter_consent::{Consent, ConsentForm};
    /// use krisesenter_core::{ConsentId, Information, Party};
    /// use krisesenter_disclosure::{DiscloseInput, Initiative};
    /// let day = NaiveDate::from_ymd_opt(2026, 1, 5).ok_or("date")?;
    /// let c = Consent::sharing(ConsentId::try_new("c1")?, [Party::Nav], [Information::ContactDetails], day, ConsentForm::Written)?;
    /// let request = DiscloseInput::new(Party::Nav, Initiative::Request, [Information::ContactDetails]);
    /// assert_eq!(request.clone().with_consents(vec![c.clone()])?.consents().len(), 1);
    /// assert!(request.with_consents(vec![c.clone(), c]).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_consents(self, consents: Vec<Consent>) -> Result<Self, DiscloseInputError> {
        let mut seen: BTreeSet<&ConsentId> = BTreeSet::new();
        for consent in &consents {
            if !seen.insert(consent.id()) {
                let count = consents.iter().filter(|c| c.id() == consent.id()).count();
                return Err(DiscloseInputError::DuplicateConsent { id: consent.id().clone(), count });
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
    pub const fn information(&self) -> EnumSet<Information> {
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

/// The wire form of [`DiscloseInput`]: the `disclose` command's input without `as_of`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "DiscloseInput")]
struct RawDiscloseInput {
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
    type Error = krisesenter_core::wire::Rejected<DiscloseInputError>;
    fn try_from(raw: RawDiscloseInput) -> Result<Self, Self::Error> {
        Ok(DiscloseInput::new(raw.requester, raw.initiative, raw.information)
            .with_consents(raw.consents)?
            .with_child_concern(raw.child_concern)
            .with_child_welfare_order(raw.child_welfare_order)
            .with_serious_offence(raw.serious_offence)
            .with_danger_to_life_or_health(raw.danger_to_life_or_health))
    }
}

impl From<DiscloseInput> for RawDiscloseInput {
    fn from(r: DiscloseInput) -> Self {
        RawDiscloseInput {
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
