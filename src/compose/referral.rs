//! A referral's basis for sharing, checked with the disclosure crate on the referral's day.

use krisesenter_casework::{CaseEvent, Event, LegalGround, SharingBasis};
use krisesenter_consent::Consent;
use krisesenter_core::{ConsentId, EnumSet, Information};
use krisesenter_disclosure::{
    Basis, ChildConcern, DiscloseError, DiscloseInput, DiscloseInputError, Disclosure, Initiative, Outcome,
    SeriousOffence, disclose,
};
use thiserror::Error;

/// What the disclosure crate needs to know on the referral's day beyond the referral itself:
/// the user's consents (storage and sharing, in force or not) and the facts that can create
/// a duty or a permission. The casework event holds the service, the categories and the
/// basis staff rely on; these are the facts that basis must stand on.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct ReferralFacts {
    /// The user's consents.
    pub consents: Vec<Consent>,
    /// What staff believe about a child of the user.
    pub child_concern: ChildConcern,
    /// A feared serious offence (straffeloven §196).
    pub serious_offence: Option<SeriousOffence>,
    /// Whether there is danger to someone's life or health.
    pub danger_to_life_or_health: bool,
}

impl ReferralFacts {
    /// No consents and no concern: only a ground that needs no fact could hold.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the user's consents.
    #[must_use]
    pub fn with_consents(mut self, consents: Vec<Consent>) -> Self {
        self.consents = consents;
        self
    }

    /// Sets what staff believe about a child of the user.
    #[must_use]
    pub const fn with_child_concern(mut self, concern: ChildConcern) -> Self {
        self.child_concern = concern;
        self
    }

    /// Sets the feared serious offence.
    #[must_use]
    pub const fn with_serious_offence(mut self, offence: Option<SeriousOffence>) -> Self {
        self.serious_offence = offence;
        self
    }

    /// Sets whether there is danger to someone's life or health.
    #[must_use]
    pub const fn with_danger_to_life_or_health(mut self, danger: bool) -> Self {
        self.danger_to_life_or_health = danger;
        self
    }
}

krisesenter_core::wire_enum!(
    /// Why a referral is refused.
    pub enum ReferralRefusal {
        /// The referral names no basis for sharing.
        NoBasis => "no_basis",
        /// The disclosure crate gives no passage to the service on the basis named (a consent
        /// not in force or not covering the service, a ground in law that does not apply).
        BasisNotAccepted => "basis_not_accepted",
        /// The basis holds for some of the categories, not for all the referral shares.
        InformationBeyondBasis => "information_beyond_basis",
    }
);

/// The verdict on one referral, with the disclosure decision it rests on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferralCheck {
    refusal: Option<ReferralRefusal>,
    disclosure: Option<Disclosure>,
}

impl ReferralCheck {
    /// Whether the referral may go ahead on its basis.
    pub const fn accepted(&self) -> bool {
        self.refusal.is_none()
    }

    /// Why it may not, when refused.
    pub const fn refusal(&self) -> Option<ReferralRefusal> {
        self.refusal
    }

    /// The disclosure crate's decision on the day (none when the referral names no basis).
    pub const fn disclosure(&self) -> Option<&Disclosure> {
        self.disclosure.as_ref()
    }
}

/// Why a referral could not be checked.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ReferralCheckError {
    /// The event is not a referral.
    #[error("the event is a {event}, not a referral")]
    NotAReferral {
        /// The event's wire name.
        event: &'static str,
    },
    /// The facts could not be read (two consents with one id).
    #[error("the facts of the referral: {0}")]
    Facts(#[from] DiscloseInputError),
    /// The disclosure crate could not decide on the day.
    #[error("the referral's day: {0}")]
    Disclose(#[from] DiscloseError),
}

/// The disclosure crate's basis for a ground in law named by a referral.
const fn basis_of(ground: LegalGround) -> Basis {
    match ground {
        LegalGround::ChildWelfareDuty => Basis::ChildWelfareReport,
        LegalGround::ChildWelfareOrder => Basis::ChildWelfareOrder,
        LegalGround::DutyToAvert => Basis::AvertingDuty,
        LegalGround::DangerToLifeOrHealth => Basis::DangerToLifeOrHealth,
    }
}

/// Checks a referral's basis for sharing on its day with
/// [`disclose`](krisesenter_disclosure::disclose): the shelter telling the service, on its own
/// initiative (answering an order from child welfare: at child welfare's request), the
/// referral's categories, with the facts given.
///
/// The referral is accepted when the decision lets every category pass to the service on the
/// basis the referral names: for a consent, a passage relying on that consent (so the consent
/// must be in force on the day and cover the service and the categories); for a ground in
/// law, a passage on that ground. Anything else is refused with the reason, and a referral
/// with no basis is refused without asking.
///
/// # Errors
///
/// [`ReferralCheckError::NotAReferral`] for another event; [`ReferralCheckError::Facts`] when
/// two consents share an id; [`ReferralCheckError::Disclose`] for a day before the penal code
/// of 2005.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use krisesenter::casework::{CaseEvent, Event, LegalGround, ReferralKind, Service, SharingBasis};
/// use krisesenter::compose::{check_referral, ReferralFacts, ReferralRefusal};
/// use krisesenter::core::{EnumSet, Information};
/// use krisesenter::disclosure::ChildConcern;
///
/// let day = NaiveDate::from_ymd_opt(2026, 5, 4).ok_or("date")?;
/// let referral = CaseEvent::new(day, Event::Referral {
///     kind: ReferralKind::Referral,
///     service: Service::ChildWelfare,
///     information: EnumSet::from_iter([Information::Children]),
///     basis: Some(SharingBasis::Law { ground: LegalGround::ChildWelfareDuty }),
/// });
/// // With a concern that meets the reporting grounds, the duty carries the referral...
/// let serious = ReferralFacts::new().with_child_concern(ChildConcern::Mistreatment);
/// assert!(check_referral(&referral, &serious)?.accepted());
/// // ...with a general worry it does not.
/// let worry = ReferralFacts::new().with_child_concern(ChildConcern::GeneralWorry);
/// assert_eq!(check_referral(&referral, &worry)?.refusal(), Some(ReferralRefusal::BasisNotAccepted));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn check_referral(event: &CaseEvent, facts: &ReferralFacts) -> Result<ReferralCheck, ReferralCheckError> {
    let Event::Referral { service, information, basis, .. } = &event.event else {
        return Err(ReferralCheckError::NotAReferral { event: event.event.name() });
    };
    let Some(basis) = basis else {
        return Ok(ReferralCheck { refusal: Some(ReferralRefusal::NoBasis), disclosure: None });
    };
    let order = matches!(basis, SharingBasis::Law { ground: LegalGround::ChildWelfareOrder });
    let initiative = if order { Initiative::Request } else { Initiative::OwnInitiative };
    let recipient = service.party();
    let input = DiscloseInput::new(recipient, initiative, *information)
        .with_consents(facts.consents.clone())?
        .with_child_concern(facts.child_concern)
        .with_child_welfare_order(order)
        .with_serious_offence(facts.serious_offence)
        .with_danger_to_life_or_health(facts.danger_to_life_or_health);
    let disclosure = disclose(&input, event.on)?;
    let on_basis = |passage_basis: Basis, consents: &[ConsentId]| match basis {
        SharingBasis::Consent { consent, .. } => passage_basis == Basis::Consent && consents.contains(consent),
        SharingBasis::Law { ground } => passage_basis == basis_of(*ground),
    };
    let covered = disclosure
        .log_entry()
        .filter(|_| disclosure.outcome() != Outcome::Refuse)
        .iter()
        .flat_map(|log| log.passages())
        .filter(|p| p.recipient() == recipient && on_basis(p.basis(), p.consents()))
        .fold(None, |acc: Option<EnumSet<Information>>, p| Some(acc.unwrap_or(EnumSet::EMPTY).union(p.information())));
    let refusal = match covered {
        None => Some(ReferralRefusal::BasisNotAccepted),
        Some(covered) if !information.is_subset(covered) => Some(ReferralRefusal::InformationBeyondBasis),
        Some(_) => None,
    };
    Ok(ReferralCheck { refusal, disclosure: Some(disclosure) })
}
