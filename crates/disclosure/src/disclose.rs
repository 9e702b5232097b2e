//! The decision: refuse, share, may share, must report or must respond, and to whom, what,
//! why, and what staff must do.

use std::borrow::Cow;

use chrono::NaiveDate;
use krisesenter_consent::{ConsentKind, NotInForce};
use krisesenter_core::{Citation, ConsentId, EnumSet, Information, Party, Provision, Reasons, enum_set};
use schemars::JsonSchema;
use serde::Serialize;
use thiserror::Error;

use crate::rules::{AvertingQualifier, DisclosureRules, RULES};
use crate::{ChildConcern, DiscloseInput, DisclosureReason, Initiative, SeriousOffence};

krisesenter_core::wire_enum!(
    /// What the shelter does with a request or a concern.
    ///
    /// Exhaustive on purpose: a new outcome must break every caller's `match`.
    pub enum Outcome {
        /// Nothing passes: confidentiality (krisesenterlova §5).
        Refuse => "refuse",
        /// Answer the request with the information listed: the user's consent covers it.
        Share => "share",
        /// The information listed may pass: a permission, not a duty; staff decide.
        MayShare => "may_share",
        /// Staff must report on their own initiative (child welfare, police).
        MustReport => "must_report",
        /// Staff must answer an order from child welfare.
        MustRespond => "must_respond",
    }
);

krisesenter_core::wire_enum!(
    /// A step staff must take with the decision.
    pub enum Step {
        /// Where practically possible, tell the parent what the report says before sending it.
        InformParentFirst => "inform_parent_first",
        /// Encourage the parent to contact child welfare themselves.
        EncourageParentToContactChildWelfare => "encourage_parent_to_contact_child_welfare",
        /// Try to avert the offence or danger together with the user, where that is safe.
        AvertTogetherWithUserWhereSafe => "avert_together_with_user_where_safe",
        /// Record the disclosure: what, to whom, on which basis, when (see [`LogEntry`]).
        RecordDisclosure => "record_disclosure",
    }
);

krisesenter_core::wire_enum!(
    /// The legal basis on which information passes to one recipient.
    pub enum Basis {
        /// The duty to inform child welfare on own initiative (ksl §6, bvl §13-2 / bvl-1992 §6-4).
        ChildWelfareReport => "child_welfare_report",
        /// The duty to answer an order from child welfare (ksl §6, bvl §13-2 / bvl-1992 §6-4).
        ChildWelfareOrder => "child_welfare_order",
        /// The duty to avert a listed offence (strl §196).
        AvertingDuty => "averting_duty",
        /// The permission to avert danger to life or health (strl §17, fvl §13 b nr. 7).
        DangerToLifeOrHealth => "danger_to_life_or_health",
        /// The user's written consent (fvl §13 a nr. 1).
        Consent => "consent",
    }
);

impl Basis {
    /// The provisions the basis rests on.
    pub const fn provisions(self) -> &'static [Provision] {
        match self {
            Basis::ChildWelfareReport | Basis::ChildWelfareOrder => {
                &[Provision::KslChildWelfare, Provision::ChildWelfareDutyToInform]
            }
            Basis::AvertingDuty => &[Provision::AvertingDuty],
            Basis::DangerToLifeOrHealth => &[Provision::Necessity, Provision::FvlFurtherExceptions],
            Basis::Consent => &[Provision::FvlConsentException],
        }
    }

    /// Whether the basis is a duty (information must pass) rather than a permission.
    pub const fn is_duty(self) -> bool {
        matches!(self, Basis::ChildWelfareReport | Basis::ChildWelfareOrder | Basis::AvertingDuty)
    }
}

/// What passes to one recipient on one basis. Holds no personal data: a party, categories,
/// a basis and the ids of the consents relied on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    recipient: Party,
    information: EnumSet<Information>,
    basis: Basis,
    consents: Vec<ConsentId>,
}

impl Passage {
    /// Who receives the information.
    pub const fn recipient(&self) -> Party {
        self.recipient
    }

    /// The categories that may or must pass.
    pub const fn information(&self) -> EnumSet<Information> {
        self.information
    }

    /// The legal basis.
    pub const fn basis(&self) -> Basis {
        self.basis
    }

    /// The consents relied on (only for [`Basis::Consent`]), sorted.
    pub fn consents(&self) -> &[ConsentId] {
        &self.consents
    }

    /// The citations of the basis, in the versions in force on `date`.
    pub fn citations(&self, date: NaiveDate) -> Vec<Citation> {
        self.basis.provisions().iter().filter_map(|p| p.cite(date)).collect()
    }
}

/// The record of a disclosure (DOMAIN.md §4: "every disclosure is recorded: what, to whom, on
/// which basis, when; never more than the ids needed"). One per decision other than refuse.
///
/// Serialises as the `log_entry` of the `disclose` output, each passage with the citations
/// of its basis in the versions in force on `date`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogEntry {
    date: NaiveDate,
    outcome: Outcome,
    passages: Vec<Passage>,
}

impl LogEntry {
    /// The day of the decision.
    pub const fn date(&self) -> NaiveDate {
        self.date
    }

    /// The outcome recorded.
    pub const fn outcome(&self) -> Outcome {
        self.outcome
    }

    /// What passes to whom on which basis, sorted by recipient and basis.
    pub fn passages(&self) -> &[Passage] {
        &self.passages
    }
}

/// Why a disclosure could not be decided.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum DiscloseError {
    /// The date is before the penal code of 2005 (and its §196) took effect.
    #[error("the decision date is before straffeloven 2005 took effect on 2015-10-01")]
    BeforePenalCode {
        /// The rejected date.
        as_of: NaiveDate,
    },
}

/// The decision on one request: outcome, recipients, information, whether to neither confirm
/// nor deny, reasons, steps, and the log entry.
///
/// Reasons and citations are built when asked for ([`Reasons::explain`]) or serialised,
/// so deciding costs no allocation beyond the log entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disclosure {
    outcome: Outcome,
    recipients: EnumSet<Party>,
    information: EnumSet<Information>,
    neither_confirm_nor_deny: bool,
    reasons: Reasons<DisclosureReason>,
    steps: EnumSet<Step>,
    log_entry: Option<LogEntry>,
}

impl Disclosure {
    /// The outcome.
    pub const fn outcome(&self) -> Outcome {
        self.outcome
    }

    /// Everyone who may or must receive information.
    pub const fn recipients(&self) -> EnumSet<Party> {
        self.recipients
    }

    /// Every category that may or must pass, to any recipient (per recipient: [`Disclosure::log_entry`]).
    pub const fn information(&self) -> EnumSet<Information> {
        self.information
    }

    /// Whether the answer to the requester must neither confirm nor deny that the person is
    /// or was a user, or where they are.
    pub const fn neither_confirm_nor_deny(&self) -> bool {
        self.neither_confirm_nor_deny
    }

    /// The reasons, basis first; [`Reasons::explain`] renders them with their messages and
    /// the citations of the provision versions in force on the day of the decision.
    pub const fn reasons(&self) -> &Reasons<DisclosureReason> {
        &self.reasons
    }

    /// The steps staff must take.
    pub const fn steps(&self) -> EnumSet<Step> {
        self.steps
    }

    /// The log entry, for every outcome except [`Outcome::Refuse`].
    pub const fn log_entry(&self) -> Option<&LogEntry> {
        self.log_entry.as_ref()
    }

    /// The day of the decision.
    pub const fn as_of(&self) -> NaiveDate {
        self.reasons.as_of()
    }

    /// The information that may or must pass to `party`.
    pub fn information_for(&self, party: Party) -> EnumSet<Information> {
        self.log_entry
            .iter()
            .flat_map(|l| &l.passages)
            .filter(|p| p.recipient == party)
            .fold(EnumSet::EMPTY, |acc, p| acc.union(p.information))
    }
}

/// The categories a refused question must neither confirm nor deny.
const EXISTENCE_OR_WHEREABOUTS: EnumSet<Information> = enum_set![Information::Existence, Information::Whereabouts];

// ---------------------------------------------------------------------------------------

/// Whether the duty to avert (strl §196) applies under `rules`, noting why not.
fn averting_applies(
    offence: Option<&SeriousOffence>,
    rules: &DisclosureRules,
    reasons: &mut Reasons<DisclosureReason>,
) -> bool {
    let Some(offence) = offence else { return false };
    // strl §196 first paragraph: only the offences listed on the day.
    let Some(qualifier) = rules.averting_listing(offence.straffeloven_section()) else {
        reasons.insert(DisclosureReason::OffenceNotListed);
        return false;
    };
    let qualified = match qualifier {
        AvertingQualifier::Unqualified => true,
        // §§312, 314 are listed only when the victim is under 16; an unknown age does not
        // establish the duty (unknown facts never open confidentiality).
        AvertingQualifier::VictimUnder16 => match offence.victim_age() {
            Some(age) if age.years() < 16 => true,
            Some(_) => {
                reasons.insert(DisclosureReason::VictimNotUnder16);
                false
            }
            None => {
                reasons.insert(DisclosureReason::VictimAgeUnknown);
                false
            }
        },
        // §§299, 303 are not averting offences when §308 applies (peers in age and development).
        AvertingQualifier::NotBetweenPeers if offence.peers_in_age_and_development() => {
            reasons.insert(DisclosureReason::PartiesArePeers);
            false
        }
        AvertingQualifier::NotBetweenPeers => true,
        // §262: only its second paragraph is listed, and the contract's input cannot say which.
        AvertingQualifier::SecondParagraphOnly => {
            reasons.insert(DisclosureReason::OnlySecondParagraphListed);
            false
        }
    };
    // strl §196: "sikkert eller mest sannsynlig".
    let likely = offence.likelihood().meets_averting_threshold();
    if !likely {
        reasons.insert(DisclosureReason::OffenceNotLikelyEnough);
    }
    qualified && likely
}

/// What the user's consents let pass to the requester: the categories asked that an in-force
/// written sharing consent naming the requester covers, and the ids of those consents.
fn consent_cover(
    input: &DiscloseInput,
    as_of: NaiveDate,
    reasons: &mut Reasons<DisclosureReason>,
) -> (EnumSet<Information>, Vec<ConsentId>) {
    let requester = input.requester();
    let asked = input.information();
    let mut covered = EnumSet::EMPTY;
    let mut ids = Vec::new();
    for consent in input.consents() {
        if consent.kind() == ConsentKind::Storage {
            reasons.insert(DisclosureReason::StorageConsentDoesNotShare);
            continue;
        }
        let scope: EnumSet<Information> = consent.information().iter().copied().collect();
        // Whether the consent is in force is the consent crate's rule; only the reason is ours.
        let reason = if let Some(not_in_force) = consent.not_in_force_on(as_of) {
            Some(match not_in_force {
                NotInForce::Oral => DisclosureReason::ConsentNotWritten,
                NotInForce::NotYetGiven => DisclosureReason::ConsentNotYetGiven,
                NotInForce::Withdrawn => DisclosureReason::ConsentWithdrawn,
            })
        } else if requester == Party::Unknown {
            Some(DisclosureReason::UnidentifiedRequester)
        } else if !consent.recipients().contains(&requester) {
            Some(DisclosureReason::ConsentNamesOtherRecipients)
        } else if scope.intersection(asked).is_empty() {
            Some(DisclosureReason::ConsentCoversOtherInformation)
        } else {
            None
        };
        match reason {
            Some(r) => reasons.insert(r),
            None => {
                covered = covered.union(scope.intersection(asked));
                ids.push(consent.id().clone());
            }
        }
    }
    ids.sort();
    (covered, ids)
}

/// The facts the combining match looks at.
#[derive(Debug, Clone, Copy)]
struct Facts {
    initiative: Initiative,
    /// A reporting ground of the duty to inform child welfare.
    report: Option<ChildConcern>,
    /// Child welfare has ordered information.
    order: bool,
    /// The duty to avert applies.
    averting: bool,
    /// What danger to life or health permits passing to the requester (non-empty).
    danger: Option<EnumSet<Information>>,
    /// What consents let pass to the requester (non-empty).
    consent: Option<EnumSet<Information>>,
}

/// Decides a request, or a disclosure staff consider, on `as_of`: the outcome, who receives
/// what, whether to neither confirm nor deny, the reasons citing the law in force that day,
/// and the steps staff must take.
///
/// Confidentiality is the default. A duty (child welfare, averting) overrides consent and
/// its absence and brings its own recipients; danger to life or health permits sharing
/// with the police or health services when no duty applies; consent lifts confidentiality only
/// for its recipients, its categories and its dates, and never beyond what was asked. The
/// rules are those of the version in force on `as_of` ([`crate::rules::RULES`]).
///
/// # Errors
///
/// [`DiscloseError::BeforePenalCode`] when `as_of` is before 2015-10-01 (no version of the
/// rules applies).
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use krisesenter_disclosure::{disclose, DiscloseInput, Information, Initiative, Likelihood, Outcome, Party, SeriousOffence};
///
/// // The police ask where a user is; staff think further abuse (§282) most likely.
/// let as_of = NaiveDate::from_ymd_opt(2026, 3, 1).ok_or("date")?;
/// let input = DiscloseInput::new(Party::Police, Initiative::Request, [Information::Whereabouts])
///     .with_serious_offence(Some(SeriousOffence::try_new(282, Likelihood::MostLikely)?));
/// let disclosure = disclose(&input, as_of)?;
/// assert_eq!(disclosure.outcome(), Outcome::MustReport);
/// assert!(disclosure.recipients().contains(Party::Police));
///
/// // Without the feared offence and without consent, nothing passes.
/// let plain = DiscloseInput::new(Party::Police, Initiative::Request, [Information::Whereabouts]);
/// let refused = disclose(&plain, as_of)?;
/// assert_eq!(refused.outcome(), Outcome::Refuse);
/// assert!(refused.neither_confirm_nor_deny());
///
/// // Before the penal code of 2005, no decision.
/// assert!(disclose(&plain, NaiveDate::from_ymd_opt(2015, 9, 30).ok_or("date")?).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn disclose(input: &DiscloseInput, as_of: NaiveDate) -> Result<Disclosure, DiscloseError> {
    let rules = RULES.on(as_of).ok_or(DiscloseError::BeforePenalCode { as_of })?.rules();
    let mut reasons = Reasons::none(as_of);
    let requester = input.requester();
    let asked = input.information();

    let concern = input.child_concern();
    let averting = averting_applies(input.serious_offence(), rules, &mut reasons);
    let (consented, consent_ids) = consent_cover(input, as_of, &mut reasons);
    if requester == Party::Unknown {
        reasons.insert(DisclosureReason::UnidentifiedRequester);
    }
    let report = concern.is_reporting_ground().then_some(concern);
    let order = input.child_welfare_order();
    let any_duty = averting || report.is_some() || order;
    // The permission of strl §17 and fvl §13 b nr. 7 applies only when no duty does.
    let danger = if input.danger_to_life_or_health() && !any_duty {
        let permitted = asked.intersection(rules.danger_information(requester));
        if permitted.is_empty() {
            reasons.insert(DisclosureReason::DangerPermissionDoesNotReach);
            None
        } else {
            Some(permitted)
        }
    } else {
        None
    };
    let facts = Facts {
        initiative: input.initiative(),
        report,
        order,
        averting,
        danger,
        consent: (!consented.is_empty()).then_some(consented),
    };

    // The combining logic, in priority order; the first arm that matches decides the outcome.
    let outcome = match facts {
        // strl §196 (duty to avert) and bvl §13-2 first paragraph (bvl-1992 §6-4 before
        // 2023), through ksl §6: duties to act on own initiative, "uten hinder av
        // taushetsplikt"; they apply whatever the consents say. An order answered at the same
        // time goes with the report.
        Facts { averting: true, .. } | Facts { report: Some(_), .. } => Outcome::MustReport,
        // bvl §13-2 (bvl-1992 §6-4) on an order from child welfare, through ksl §6: must answer.
        Facts { order: true, .. } => Outcome::MustRespond,
        // fvl §13 a nr. 1: the user's written consent in force, for this recipient and these
        // categories, answers the request.
        Facts { consent: Some(_), initiative: Initiative::Request, .. } => Outcome::Share,
        // strl §17 (necessity) and fvl §13 b nr. 7: danger to life or health permits, never
        // requires, passing what averts it to the police or health services.
        Facts { danger: Some(_), .. } => Outcome::MayShare,
        // fvl §13 a nr. 1 on staff's own initiative: the consent permits; staff decide.
        Facts { consent: Some(_), initiative: Initiative::OwnInitiative, .. } => Outcome::MayShare,
        // ksl §5 with fvl §13 (breach punishable under strl §209): confidentiality is the
        // default and covers even that the person is a user.
        Facts { .. } => Outcome::Refuse,
    };

    // What passes to whom, on each basis that applies.
    let mut passages: Vec<Passage> = Vec::new();
    let mut steps = EnumSet::EMPTY;
    if let Some(ground) = facts.report {
        passages.push(Passage {
            recipient: Party::ChildWelfare,
            information: rules.report_information(ground),
            basis: Basis::ChildWelfareReport,
            consents: Vec::new(),
        });
        if let Some(r) = DisclosureReason::for_ground(ground) {
            reasons.insert(r);
        }
        steps.insert(Step::EncourageParentToContactChildWelfare);
        // Romerike: tell the parent first unless the child's best interest says otherwise;
        // it does when an offence must be averted (a warning could defeat it) or the child
        // may be trafficked (the parent may be involved).
        if facts.averting || rules.parent_not_told_first.contains(ground) {
            reasons.insert(DisclosureReason::ParentNotInformedFirst);
        } else {
            steps.insert(Step::InformParentFirst);
        }
    }
    if facts.order {
        passages.push(Passage {
            recipient: Party::ChildWelfare,
            information: asked,
            basis: Basis::ChildWelfareOrder,
            consents: Vec::new(),
        });
        reasons.insert(DisclosureReason::ChildWelfareOrder);
    }
    if facts.averting {
        passages.push(Passage {
            recipient: Party::Police,
            information: rules.averting_information,
            basis: Basis::AvertingDuty,
            consents: Vec::new(),
        });
        reasons.insert(DisclosureReason::AvertingDuty);
        steps.insert(Step::AvertTogetherWithUserWhereSafe);
    }
    if let Some(permitted) = facts.danger {
        passages.push(Passage {
            recipient: requester,
            information: permitted,
            basis: Basis::DangerToLifeOrHealth,
            consents: Vec::new(),
        });
        reasons.insert(DisclosureReason::DangerPermitsSharing);
        steps.insert(Step::AvertTogetherWithUserWhereSafe);
    }
    if let Some(covered) = facts.consent {
        passages.push(Passage {
            recipient: requester,
            information: covered,
            basis: Basis::Consent,
            consents: consent_ids,
        });
        reasons.insert(match facts.initiative {
            Initiative::Request => DisclosureReason::ConsentCoversRequest,
            Initiative::OwnInitiative => DisclosureReason::ConsentPermitsOwnInitiative,
        });
    }
    if concern == ChildConcern::GeneralWorry && !facts.order {
        reasons.insert(DisclosureReason::GeneralWorryNeedsConsent);
        steps.insert(Step::EncourageParentToContactChildWelfare);
    }

    let mut recipients = EnumSet::EMPTY;
    let mut information = EnumSet::EMPTY;
    let mut to_requester = EnumSet::EMPTY;
    for passage in &passages {
        recipients.insert(passage.recipient);
        information = information.union(passage.information);
        if passage.recipient == requester {
            to_requester = to_requester.union(passage.information);
        }
    }
    // ksl §5: what was asked (or thought of) and does not pass to the requester stays
    // confidential; a refused question about existence or whereabouts is answered without
    // confirming or denying (a decision on staff's own initiative answers no question).
    let withheld = asked.difference(to_requester);
    let neither_confirm_nor_deny = match facts.initiative {
        Initiative::Request => !withheld.intersection(EXISTENCE_OR_WHEREABOUTS).is_empty(),
        Initiative::OwnInitiative => false,
    };
    if outcome == Outcome::Refuse || !withheld.is_empty() {
        reasons.insert(DisclosureReason::Confidentiality);
    }
    if facts.consent.is_some() && !withheld.is_empty() {
        reasons.insert(DisclosureReason::ConsentCoversPart);
    }
    if neither_confirm_nor_deny {
        reasons.insert(DisclosureReason::NeitherConfirmNorDeny);
    }

    let log_entry = match outcome {
        Outcome::Refuse => None,
        Outcome::Share | Outcome::MayShare | Outcome::MustReport | Outcome::MustRespond => {
            steps.insert(Step::RecordDisclosure);
            passages.sort_by_key(|p| (p.recipient, p.basis));
            Some(LogEntry { date: as_of, outcome, passages })
        }
    };

    Ok(Disclosure { outcome, recipients, information, neither_confirm_nor_deny, reasons, steps, log_entry })
}

// ---------------------------------------------------------------------------------------
// The wire form (docs/contract.md `disclose` output, plus `log_entry`).

/// What passes to one recipient on one basis.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "Passage")]
struct PassageWire<'a> {
    /// Who receives the information.
    recipient: Party,
    /// The categories that may or must pass.
    information: EnumSet<Information>,
    /// The legal basis.
    basis: Basis,
    /// The provisions of the basis, in the versions in force on the day.
    citations: Vec<Citation>,
    /// The consents relied on.
    consents: &'a [ConsentId],
}

/// The record of a disclosure: the date, the outcome and what passes to whom on which
/// basis; only parties, categories, citations and consent ids.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "LogEntry")]
struct LogEntryWire<'a> {
    /// The day of the decision.
    date: NaiveDate,
    /// The outcome recorded.
    outcome: Outcome,
    /// What passes to whom on which basis.
    passages: Vec<PassageWire<'a>>,
}

/// The decision of the `disclose` command (docs/contract.md), plus `log_entry`: the record of
/// what passes to whom, on which basis, when.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "Disclosure")]
struct DisclosureWire<'a> {
    /// What the shelter does.
    outcome: Outcome,
    /// Everyone who may or must receive information.
    recipients: EnumSet<Party>,
    /// What may or must pass.
    information: EnumSet<Information>,
    /// Whether the answer must neither confirm nor deny existence or whereabouts.
    neither_confirm_nor_deny: bool,
    /// Why, citing the provisions in force on the day.
    reasons: Reasons<DisclosureReason>,
    /// What staff must do.
    steps: EnumSet<Step>,
    /// The record of the disclosure (null when refused).
    log_entry: Option<LogEntryWire<'a>>,
}

impl<'a> From<&'a Disclosure> for DisclosureWire<'a> {
    fn from(d: &'a Disclosure) -> Self {
        DisclosureWire {
            outcome: d.outcome,
            recipients: d.recipients,
            information: d.information,
            neither_confirm_nor_deny: d.neither_confirm_nor_deny,
            reasons: d.reasons,
            steps: d.steps,
            log_entry: d.log_entry.as_ref().map(LogEntryWire::from),
        }
    }
}

impl<'a> From<&'a LogEntry> for LogEntryWire<'a> {
    fn from(l: &'a LogEntry) -> Self {
        LogEntryWire {
            date: l.date,
            outcome: l.outcome,
            passages: l
                .passages
                .iter()
                .map(|p| PassageWire {
                    recipient: p.recipient,
                    information: p.information,
                    basis: p.basis,
                    citations: p.citations(l.date),
                    consents: &p.consents,
                })
                .collect(),
        }
    }
}

impl Serialize for LogEntry {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        LogEntryWire::from(self).serialize(serializer)
    }
}

impl JsonSchema for LogEntry {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("LogEntry")
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        LogEntryWire::json_schema(generator)
    }
}

impl Serialize for Disclosure {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        DisclosureWire::from(self).serialize(serializer)
    }
}

impl JsonSchema for Disclosure {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("Disclosure")
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        DisclosureWire::json_schema(generator)
    }
}
