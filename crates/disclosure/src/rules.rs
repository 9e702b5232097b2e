//! The rules of disclosure as versioned data: one [`DisclosureRules`] per version of the law,
//! each later version written as the previous one plus the difference, with its first day
//! and its source, chosen by the day of the decision ([`RULES`]).
//!
//! The citations of the reasons come from core's law table for the same day
//! ([`krisesenter_core::Provision::cite`]); the unit tests check that the two agree (the act
//! of the child-welfare duty, the version of §196).
//!
//! # Example
//!
//! ```
//! use chrono::NaiveDate;
//! use krisesenter_disclosure::Statute;
//! use krisesenter_disclosure::rules::{AvertingQualifier, RULES};
//!
//! let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
//! let in_2020 = RULES.on(day(2020, 6, 1)?).ok_or("no rules")?;
//! let in_2024 = RULES.on(day(2024, 6, 1)?).ok_or("no rules")?;
//! assert_eq!(in_2020.rules().averting_listing(258), None, "aggravated trafficking: listed from 2021");
//! assert_eq!(in_2024.rules().averting_listing(258), Some(AvertingQualifier::Unqualified));
//! assert_eq!(in_2024.rules().child_welfare_act, Statute::Barnevernsloven);
//! assert!(RULES.on(day(2015, 9, 30)?).is_none(), "no decision before straffeloven 2005");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use krisesenter_core::rules::{RuleVersion, Versioned};
use krisesenter_core::{EnumSet, Information, Party, Statute, enum_set};

use crate::ChildConcern;

krisesenter_core::wire_enum!(
    /// How a listed offence of straffeloven §196 is limited.
    pub enum AvertingQualifier {
        /// Listed without limitation.
        Unqualified => "unqualified",
        /// Listed only when the victim is under 16 (§§312, 314).
        VictimUnder16 => "victim_under_16",
        /// Not when the parties are equal in age and development (§308 applies; §§299, 303).
        NotBetweenPeers => "not_between_peers",
        /// Only the second paragraph of the section is listed (§262).
        SecondParagraphOnly => "second_paragraph_only",
    }
);

/// One entry of the §196 list: the sections `first..=last` of straffeloven 2005 and how they
/// are limited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Listing {
    /// The first section of the range.
    pub first: u16,
    /// The last section of the range (equal to `first` for one section).
    pub last: u16,
    /// How the listing is limited.
    pub qualifier: AvertingQualifier,
}

const fn listed(first: u16, last: u16, qualifier: AvertingQualifier) -> Listing {
    Listing { first, last, qualifier }
}

const fn one(section: u16) -> Listing {
    listed(section, section, AvertingQualifier::Unqualified)
}

/// The behaviour of `disclose` under one version of the law.
///
/// Every field names the provision it encodes and when it came into force.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct DisclosureRules {
    /// strl §196 first paragraph: the offences listed when straffeloven 2005 took effect
    /// (2015-10-01). State security, terror and public-danger offences are the range
    /// 111-144 as DOMAIN.md gives it.
    pub averting_list: &'static [Listing],
    /// strl §196: the offences added to the list on 2021-01-01 (empty before), listed
    /// besides [`DisclosureRules::averting_list`].
    pub averting_list_additions: &'static [Listing],
    /// The act holding the duty to inform child welfare that ksl §6 refers to:
    /// barnevernloven 1992 (§6-4) until 2022-12-31, barnevernsloven (§13-2) from
    /// 2023-01-01. The grounds ([`ChildConcern::REPORTING_GROUNDS`]) carried over unchanged.
    pub child_welfare_act: Statute,
    /// ksl §6 with the child-welfare act: what a report to child welfare holds for every
    /// ground. The child and how to reach the family, and the observations behind the
    /// "reason to believe"; never the user's whereabouts (the shelter's address stays
    /// secret) and never the user's own health.
    pub report_information: EnumSet<Information>,
    /// The grounds whose report adds the violence history (violence or exploitation).
    pub report_adds_violence_history: EnumSet<ChildConcern>,
    /// The grounds where the parent is not told first, as the child's best interest says
    /// (Romerike): the parent may be involved in trafficking.
    pub parent_not_told_first: EnumSet<ChildConcern>,
    /// strl §196: what the police need to avert a listed offence: that the person is a
    /// user, where and how to reach them, and the violence that is feared.
    pub averting_information: EnumSet<Information>,
    /// strl §17 and fvl §13 b nr. 7: who can avert danger to life or health and what
    /// averting it needs; anyone not listed gets nothing.
    pub danger_information: &'static [(Party, EnumSet<Information>)],
}

impl DisclosureRules {
    /// Whether straffeloven `section` is listed in §196 under these rules, and how it is
    /// qualified; `None` when it is not listed.
    pub fn averting_listing(&self, section: u16) -> Option<AvertingQualifier> {
        self.averting_list
            .iter()
            .chain(self.averting_list_additions)
            .find(|l| l.first <= section && section <= l.last)
            .map(|l| l.qualifier)
    }

    /// What a report to child welfare on `ground` holds.
    pub fn report_information(&self, ground: ChildConcern) -> EnumSet<Information> {
        if self.report_adds_violence_history.contains(ground) {
            self.report_information.union(EnumSet::single(Information::ViolenceHistory))
        } else {
            self.report_information
        }
    }

    /// What averting danger to life or health lets pass to `recipient` (empty for anyone
    /// who cannot avert it).
    pub fn danger_information(&self, recipient: Party) -> EnumSet<Information> {
        self.danger_information.iter().find(|(p, _)| *p == recipient).map_or(EnumSet::EMPTY, |(_, info)| *info)
    }
}

use AvertingQualifier::{NotBetweenPeers, SecondParagraphOnly, Unqualified, VictimUnder16};

/// straffeloven 2005 took effect (LOV-2005-05-20-28): the §196 list as it stood then.
const V2015_10_01: DisclosureRules = DisclosureRules {
    averting_list: &[
        listed(111, 130, Unqualified),
        one(132),
        listed(134, 144, Unqualified),
        listed(192, 194, Unqualified),
        one(223),
        listed(238, 239, Unqualified),
        listed(255, 256, Unqualified),
        one(259),
        listed(274, 275, Unqualified),
        one(279),
        listed(282, 283, Unqualified),
        one(288),
        one(291),
        one(295),
        listed(299, 299, NotBetweenPeers),
        listed(312, 312, VictimUnder16),
        listed(314, 314, VictimUnder16),
        one(327),
        one(329),
        one(355),
        one(357),
    ],
    averting_list_additions: &[],
    child_welfare_act: Statute::Barnevernloven1992,
    report_information: enum_set![
        Information::Existence,
        Information::ContactDetails,
        Information::CaseNotes,
        Information::Children
    ],
    report_adds_violence_history: enum_set![ChildConcern::Mistreatment, ChildConcern::Trafficking],
    parent_not_told_first: enum_set![ChildConcern::Trafficking],
    averting_information: enum_set![
        Information::Existence,
        Information::Whereabouts,
        Information::ContactDetails,
        Information::ViolenceHistory
    ],
    danger_information: &[
        (
            Party::Police,
            enum_set![
                Information::Existence,
                Information::Whereabouts,
                Information::ContactDetails,
                Information::ViolenceHistory
            ],
        ),
        (
            Party::Health,
            enum_set![
                Information::Existence,
                Information::Whereabouts,
                Information::ContactDetails,
                Information::Health
            ],
        ),
    ],
};

/// The §196 list changed on 2021-01-01: §§131, 133, 240, 253, 258, 262 (second paragraph),
/// 284 and 303 (not between peers) were added.
const V2021_01_01: DisclosureRules = DisclosureRules {
    averting_list_additions: &[
        one(131),
        one(133),
        one(240),
        one(253),
        one(258),
        listed(262, 262, SecondParagraphOnly),
        one(284),
        listed(303, 303, NotBetweenPeers),
    ],
    ..V2015_10_01
};

/// barnevernsloven 2021 (LOV-2021-06-18-97) replaced barnevernloven 1992 on 2023-01-01: the
/// duty to inform moved from §6-4 to §13-2 with the same grounds.
const V2023_01_01: DisclosureRules = DisclosureRules { child_welfare_act: Statute::Barnevernsloven, ..V2021_01_01 };

/// Every version of the disclosure rules, oldest first; `RULES.on(as_of)` is the version a
/// decision on `as_of` follows. Before the first version (straffeloven 2005) there is none.
pub const RULES: Versioned<DisclosureRules> = Versioned::new(&[
    RuleVersion::new("2015-10-01", 2015, 10, 1, "LOV-2005-05-20-28 (straffeloven 2005, §196)", V2015_10_01),
    RuleVersion::new(
        "2021-01-01",
        2021,
        1,
        1,
        "straffeloven §196 list as amended from 2021-01-01 (DOMAIN.md §4)",
        V2021_01_01,
    ),
    RuleVersion::new("2023-01-01", 2023, 1, 1, "LOV-2021-06-18-97 (barnevernsloven §13-2)", V2023_01_01),
]);

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use krisesenter_core::Provision;

    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn rules_on(day: NaiveDate) -> &'static DisclosureRules {
        RULES.on(day).unwrap().rules()
    }

    #[test]
    fn versions_are_ordered_with_real_first_days_and_sources() {
        assert!(RULES.is_ordered());
        let firsts: Vec<NaiveDate> = RULES.versions().iter().map(RuleVersion::in_force_from).collect();
        assert_eq!(firsts, [d(2015, 10, 1), d(2021, 1, 1), d(2023, 1, 1)]);
        assert!(RULES.on(d(2015, 9, 30)).is_none());
    }

    #[test]
    fn the_versions_agree_with_the_law_table_on_every_first_day_and_the_day_before() {
        for version in RULES.versions() {
            let first = version.in_force_from();
            for day in [first, first.pred_opt().unwrap()] {
                let Some(rules) = RULES.on(day) else { continue };
                let duty = Provision::ChildWelfareDutyToInform.cite(day).unwrap();
                assert_eq!(duty.statute(), rules.rules().child_welfare_act, "{day}");
                let averting = Provision::AvertingDuty.cite(day).unwrap();
                let amended = !rules.rules().averting_list_additions.is_empty();
                assert_eq!(averting.in_force_from() == d(2021, 1, 1), amended, "{day}");
            }
        }
    }

    /// The §196 list section by section, before and from 2021-01-01.
    #[test]
    fn the_averting_list_section_by_section() {
        let added = [131, 133, 240, 253, 258, 262, 284, 303];
        let listed_2021: Vec<u16> =
            (0..=420).filter(|s| rules_on(d(2021, 1, 1)).averting_listing(*s).is_some()).collect();
        let mut expected: Vec<u16> = (111..=144).collect();
        expected.extend([192, 193, 194, 223, 238, 239, 240, 253, 255, 256, 258, 259, 262, 274, 275, 279, 282, 283]);
        expected.extend([284, 288, 291, 295, 299, 303, 312, 314, 327, 329, 355, 357]);
        assert_eq!(listed_2021, expected);
        for s in 0..=420u16 {
            let before = rules_on(d(2020, 12, 31)).averting_listing(s);
            let after = rules_on(d(2021, 1, 1)).averting_listing(s);
            if added.contains(&s) {
                assert_eq!(before, None, "§{s}");
                assert!(after.is_some(), "§{s}");
            } else {
                assert_eq!(before, after, "§{s}");
            }
            assert_eq!(rules_on(d(2023, 1, 1)).averting_listing(s), after, "§{s}");
        }
        let on = |s| rules_on(d(2024, 1, 1)).averting_listing(s);
        assert_eq!(on(312), Some(VictimUnder16));
        assert_eq!(on(314), Some(VictimUnder16));
        assert_eq!(on(299), Some(NotBetweenPeers));
        assert_eq!(on(303), Some(NotBetweenPeers));
        assert_eq!(on(262), Some(SecondParagraphOnly));
        assert_eq!(on(275), Some(Unqualified));
        for not_listed in [257, 263, 271, 281, 300, 1, 999] {
            assert_eq!(on(not_listed), None, "§{not_listed}");
        }
    }

    #[test]
    fn what_passes_under_each_basis() {
        let rules = rules_on(d(2026, 3, 1));
        let report = rules.report_information(ChildConcern::SeriousCareDeficiency);
        let base = [Information::Existence, Information::ContactDetails, Information::CaseNotes, Information::Children];
        assert_eq!(report, EnumSet::of(&base));
        for ground in ChildConcern::REPORTING_GROUNDS {
            let with_violence = rules.report_information(*ground).contains(Information::ViolenceHistory);
            assert_eq!(with_violence, matches!(ground, ChildConcern::Mistreatment | ChildConcern::Trafficking));
        }
        assert_eq!(rules.danger_information(Party::Police), rules.averting_information);
        assert!(rules.danger_information(Party::Health).contains(Information::Health));
        assert!(!rules.danger_information(Party::Health).contains(Information::ViolenceHistory));
        for party in Party::ALL.iter().filter(|p| !matches!(p, Party::Police | Party::Health)) {
            assert!(rules.danger_information(*party).is_empty(), "{party:?}");
        }
    }
}
