//! The law as versioned data: every provision the workspace applies, each version with its
//! first and last day in force, and a lookup "which version is in force on date D".
//!
//! A decision never cites a statute by hand: it names a [`Provision`] and the date it is
//! made on, and [`Provision::cite`] returns the [`Citation`] of the version in force that
//! day. When the law moves (barnevernloven 1992 §6-4 became barnevernsloven §13-2 on
//! 2023-01-01; krisesenterlova §3 gained the duty of an equal alternative on 2026-01-01),
//! the table gains a version and every decision follows by itself.
//!
//! Where the exact first day of an old version does not change any rule the workspace
//! encodes, the table records the day the act (or, for GDPR, its Norwegian incorporation)
//! took effect; `docs/legal-basis.md` lists these assumptions.
//!
//! # Example
//!
//! ```
//! use chrono::NaiveDate;
//! use krisesenter_core::law::{Provision, Statute};
//! let before = NaiveDate::from_ymd_opt(2022, 12, 31).ok_or("date")?;
//! let after = NaiveDate::from_ymd_opt(2023, 1, 1).ok_or("date")?;
//! let old = Provision::ChildWelfareDutyToInform.cite(before).ok_or("not in force")?;
//! let new = Provision::ChildWelfareDutyToInform.cite(after).ok_or("not in force")?;
//! assert_eq!((old.statute(), old.section()), (Statute::Barnevernloven1992, "6-4"));
//! assert_eq!((new.statute(), new.section()), (Statute::Barnevernsloven, "13-2"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Makes a date in a constant. Every date in this module is checked by a unit test, so the
/// fallback is never reached.
const fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(date) => date,
        None => NaiveDate::MIN,
    }
}

/// forvaltningsloven (LOV-1967-02-10) took effect.
pub const FVL_IN_FORCE: NaiveDate = ymd(1970, 1, 1);
/// barnevernloven 1992 (LOV-1992-07-17-100) took effect.
pub const BVL_1992_IN_FORCE: NaiveDate = ymd(1993, 1, 1);
/// krisesenterlova (LOV-2009-06-19-44) took effect.
pub const KSL_IN_FORCE: NaiveDate = ymd(2010, 1, 1);
/// straffeloven 2005 (LOV-2005-05-20-28) took effect.
pub const STRL_IN_FORCE: NaiveDate = ymd(2015, 10, 1);
/// GDPR became Norwegian law through personopplysningsloven 2018.
pub const GDPR_IN_FORCE_NO: NaiveDate = ymd(2018, 7, 20);
/// The list of offences in straffeloven §196 changed.
pub const STRL_196_LIST_CHANGE: NaiveDate = ymd(2021, 1, 1);
/// barnevernsloven 2021 (LOV-2021-06-18-97) took effect and replaced barnevernloven 1992.
pub const BVL_IN_FORCE: NaiveDate = ymd(2023, 1, 1);
/// The amendment of krisesenterlova (LOV-2025-06-20-42) took effect: equal alternative,
/// Sami users' rights, follow-up in cooperation, §5 a.
pub const KSL_2026_AMENDMENT: NaiveDate = ymd(2026, 1, 1);

/// A statute, as the JSON contract names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Statute {
    /// Lov om kommunale krisesentertilbod (LOV-2009-06-19-44).
    Krisesenterlova,
    /// Lov om barnevern (LOV-2021-06-18-97), in force 2023-01-01.
    Barnevernsloven,
    /// Lov om barneverntjenester (LOV-1992-07-17-100), repealed 2023-01-01.
    #[serde(rename = "barnevernloven_1992")]
    Barnevernloven1992,
    /// Straffeloven (LOV-2005-05-20-28), in force 2015-10-01.
    Straffeloven,
    /// Forvaltningsloven (LOV-1967-02-10).
    Forvaltningsloven,
    /// Regulation (EU) 2016/679, the General Data Protection Regulation.
    Gdpr,
    /// Personopplysningsloven (LOV-2018-06-15-38).
    Personopplysningsloven,
}

impl Statute {
    /// The wire name of the statute.
    pub const fn as_str(self) -> &'static str {
        match self {
            Statute::Krisesenterlova => "krisesenterlova",
            Statute::Barnevernsloven => "barnevernsloven",
            Statute::Barnevernloven1992 => "barnevernloven_1992",
            Statute::Straffeloven => "straffeloven",
            Statute::Forvaltningsloven => "forvaltningsloven",
            Statute::Gdpr => "gdpr",
            Statute::Personopplysningsloven => "personopplysningsloven",
        }
    }
}

/// A citation of one version of one provision: the statute, the section as the law writes
/// it (`"3"`, `"5a"`, `"13-2"`, `"art-17"`) and the first day of the version applied.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    statute: Statute,
    section: String,
    in_force_from: NaiveDate,
}

impl Citation {
    /// Makes a citation. Prefer [`Provision::cite`], which takes the version from the table.
    pub fn new(statute: Statute, section: impl Into<String>, in_force_from: NaiveDate) -> Self {
        Self { statute, section: section.into(), in_force_from }
    }

    /// The statute.
    pub const fn statute(&self) -> Statute {
        self.statute
    }

    /// The section as the law writes it.
    pub fn section(&self) -> &str {
        &self.section
    }

    /// The first day of the version applied.
    pub const fn in_force_from(&self) -> NaiveDate {
        self.in_force_from
    }
}

/// A provision the workspace applies, independent of where the law currently places it.
///
/// Stable identifiers: a provision that moves to another statute keeps its name here and
/// gains a version in [`TABLE`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Provision {
    /// ksl §1: purpose and target group (violence or threats in close relationships).
    KslTargetGroup,
    /// ksl §2: the four services; housing for women and men physically separated.
    KslServices,
    /// ksl §3: individual adaptation; from 2026-01-01 the equal alternative and Sami users' rights.
    KslAdaptation,
    /// ksl §4: follow-up in the re-establishment phase; from 2026-01-01 in cooperation with other services.
    KslFollowUp,
    /// ksl §5: duty of confidentiality, extended to facts normally not confidential.
    KslConfidentiality,
    /// ksl §5 a: processing of personal data and opting out of statistics (from 2026-01-01).
    KslDataProcessing,
    /// ksl §6: duty to inform child welfare.
    KslChildWelfare,
    /// The duty to inform child welfare, bvl-1992 §6-4 until 2022-12-31, bvl §13-2 from 2023-01-01.
    ChildWelfareDutyToInform,
    /// strl §196: duty to avert listed offences (list changed 2021-01-01).
    AvertingDuty,
    /// strl §17: necessity.
    Necessity,
    /// strl §209: breach of the duty of confidentiality.
    ConfidentialityBreach,
    /// fvl §13: duty of confidentiality.
    FvlConfidentiality,
    /// fvl §13 a: exceptions, among them consent (nr. 1).
    FvlConsentException,
    /// fvl §13 b: further exceptions, among them averting danger (nr. 7).
    FvlFurtherExceptions,
    /// GDPR art. 5: principles, among them storage limitation (1)(e).
    GdprPrinciples,
    /// GDPR art. 6: lawfulness of processing.
    GdprLawfulness,
    /// GDPR art. 7: conditions for consent, withdrawal at any time (3).
    GdprConsent,
    /// GDPR art. 9: special categories of personal data.
    GdprSpecialCategories,
    /// GDPR art. 17: right to erasure.
    GdprErasure,
}

/// One version of one provision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct ProvisionVersion {
    /// The provision this is a version of.
    pub provision: Provision,
    /// The statute that holds the provision in this version.
    pub statute: Statute,
    /// The section as the law writes it.
    pub section: &'static str,
    /// First day in force.
    pub in_force_from: NaiveDate,
    /// Last day in force, or `None` while in force.
    pub in_force_to: Option<NaiveDate>,
    /// What the version says, in a line (English).
    pub summary_en: &'static str,
    /// What the version says, in a line (bokmål).
    pub summary_nb: &'static str,
}

impl ProvisionVersion {
    /// Whether the version is in force on `date`.
    pub fn in_force_on(&self, date: NaiveDate) -> bool {
        self.in_force_from <= date && self.in_force_to.is_none_or(|to| date <= to)
    }

    /// The citation of this version.
    pub fn citation(&self) -> Citation {
        Citation::new(self.statute, self.section, self.in_force_from)
    }
}

macro_rules! version {
    ($p:ident, $s:ident, $sec:literal, $from:expr, $to:expr, $en:literal, $nb:literal) => {
        ProvisionVersion {
            provision: Provision::$p,
            statute: Statute::$s,
            section: $sec,
            in_force_from: $from,
            in_force_to: $to,
            summary_en: $en,
            summary_nb: $nb,
        }
    };
}

/// Every provision version the workspace applies. Versions of one provision never overlap
/// and leave no gap after the first (checked by unit tests).
pub const TABLE: &[ProvisionVersion] = &[
    version!(
        KslTargetGroup,
        Krisesenterlova,
        "1",
        KSL_IN_FORCE,
        None,
        "crisis-shelter services for people exposed to violence or threats in close relationships",
        "krisesentertilbud til personer utsatt for vold eller trusler i nære relasjoner"
    ),
    version!(
        KslServices,
        Krisesenterlova,
        "2",
        KSL_IN_FORCE,
        None,
        "stay, day service, phone and follow-up; housing for women and men physically separated",
        "botilbud, dagtilbud, telefontjeneste og oppfølging; bo-tilbud for kvinner og menn fysisk atskilt"
    ),
    version!(
        KslAdaptation,
        Krisesenterlova,
        "3",
        KSL_IN_FORCE,
        Some(ymd(2025, 12, 31)),
        "the offer is adapted to the individual user",
        "tilbudet skal tilpasses den enkelte brukeren"
    ),
    version!(
        KslAdaptation,
        Krisesenterlova,
        "3",
        KSL_2026_AMENDMENT,
        None,
        "adaptation; an equal alternative when the ordinary offer cannot be adapted; Sami users' rights",
        "tilpasning; likeverdig alternativt tilbud når tilbudet ikke kan tilpasses; samiske brukeres rettigheter"
    ),
    version!(
        KslFollowUp,
        Krisesenterlova,
        "4",
        KSL_IN_FORCE,
        Some(ymd(2025, 12, 31)),
        "follow-up in the re-establishment phase",
        "oppfølging i reetableringsfasen"
    ),
    version!(
        KslFollowUp,
        Krisesenterlova,
        "4",
        KSL_2026_AMENDMENT,
        None,
        "follow-up in the re-establishment phase in cooperation with other services",
        "oppfølging i reetableringsfasen i samarbeid med andre tjenester"
    ),
    version!(
        KslConfidentiality,
        Krisesenterlova,
        "5",
        KSL_IN_FORCE,
        None,
        "confidentiality under fvl §§13-13e, extended to facts that could reveal contact with the shelter",
        "teieplikt etter fvl §§ 13-13e, utvidet til opplysninger som kan røpe kontakt med krisesenteret"
    ),
    version!(
        KslDataProcessing,
        Krisesenterlova,
        "5a",
        KSL_2026_AMENDMENT,
        None,
        "processing of personal data needed for the tasks; users may opt out of statistics and research",
        "behandling av personopplysninger som trengs for oppgavene; brukere kan reservere seg mot statistikk og forskning"
    ),
    version!(
        KslChildWelfare,
        Krisesenterlova,
        "6",
        KSL_IN_FORCE,
        None,
        "staff must inform child welfare as the child welfare act prescribes",
        "tilsette skal gi opplysninger til barnevernet slik barnevernsloven bestemmer"
    ),
    version!(
        ChildWelfareDutyToInform,
        Barnevernloven1992,
        "6-4",
        BVL_1992_IN_FORCE,
        Some(ymd(2022, 12, 31)),
        "duty to inform child welfare of serious neglect, on own initiative or when ordered",
        "opplysningsplikt til barnevernet ved alvorlig omsorgssvikt, av eget tiltak eller etter pålegg"
    ),
    version!(
        ChildWelfareDutyToInform,
        Barnevernsloven,
        "13-2",
        BVL_IN_FORCE,
        None,
        "duty to inform child welfare of serious neglect, on own initiative or when ordered",
        "opplysningsplikt til barnevernet ved alvorlig omsorgssvikt, av eget tiltak eller etter pålegg"
    ),
    version!(
        AvertingDuty,
        Straffeloven,
        "196",
        STRL_IN_FORCE,
        Some(ymd(2020, 12, 31)),
        "duty to avert listed offences (list before 2021-01-01)",
        "avvergingsplikt for listede lovbrudd (listen før 2021-01-01)"
    ),
    version!(
        AvertingDuty,
        Straffeloven,
        "196",
        STRL_196_LIST_CHANGE,
        None,
        "duty to avert listed offences (list from 2021-01-01)",
        "avvergingsplikt for listede lovbrudd (listen fra 2021-01-01)"
    ),
    version!(
        Necessity,
        Straffeloven,
        "17",
        STRL_IN_FORCE,
        None,
        "necessity: an act to save life or health from a danger that cannot be averted otherwise",
        "nødrett: handling for å redde liv eller helse fra en fare som ikke kan avverges på annen måte"
    ),
    version!(
        ConfidentialityBreach,
        Straffeloven,
        "209",
        STRL_IN_FORCE,
        None,
        "breach of the duty of confidentiality is punishable",
        "brudd på taushetsplikt er straffbart"
    ),
    version!(
        FvlConfidentiality,
        Forvaltningsloven,
        "13",
        FVL_IN_FORCE,
        None,
        "duty of confidentiality about personal matters",
        "taushetsplikt om personlige forhold"
    ),
    version!(
        FvlConsentException,
        Forvaltningsloven,
        "13a",
        FVL_IN_FORCE,
        None,
        "confidentiality does not hinder sharing with the consent of the person (nr. 1)",
        "taushetsplikt er ikke til hinder for at opplysninger gjøres kjent med samtykke (nr. 1)"
    ),
    version!(
        FvlFurtherExceptions,
        Forvaltningsloven,
        "13b",
        FVL_IN_FORCE,
        None,
        "further exceptions, among them to avert danger to life or serious harm to health (nr. 7)",
        "videre unntak, blant dem for å avverge fare for liv eller alvorlig skade på helse (nr. 7)"
    ),
    version!(
        GdprPrinciples,
        Gdpr,
        "art-5",
        GDPR_IN_FORCE_NO,
        None,
        "principles, among them storage limitation (art. 5(1)(e))",
        "prinsipper, blant dem lagringsbegrensning (art. 5 nr. 1 bokstav e)"
    ),
    version!(GdprLawfulness, Gdpr, "art-6", GDPR_IN_FORCE_NO, None, "lawfulness of processing", "behandlingsgrunnlag"),
    version!(
        GdprConsent,
        Gdpr,
        "art-7",
        GDPR_IN_FORCE_NO,
        None,
        "conditions for consent; withdrawal at any time (art. 7(3))",
        "vilkår for samtykke; kan trekkes tilbake når som helst (art. 7 nr. 3)"
    ),
    version!(
        GdprSpecialCategories,
        Gdpr,
        "art-9",
        GDPR_IN_FORCE_NO,
        None,
        "special categories of personal data",
        "særlige kategorier av personopplysninger"
    ),
    version!(GdprErasure, Gdpr, "art-17", GDPR_IN_FORCE_NO, None, "right to erasure", "rett til sletting"),
];

impl Provision {
    /// Every provision, in declaration order.
    pub const ALL: &'static [Provision] = &[
        Provision::KslTargetGroup,
        Provision::KslServices,
        Provision::KslAdaptation,
        Provision::KslFollowUp,
        Provision::KslConfidentiality,
        Provision::KslDataProcessing,
        Provision::KslChildWelfare,
        Provision::ChildWelfareDutyToInform,
        Provision::AvertingDuty,
        Provision::Necessity,
        Provision::ConfidentialityBreach,
        Provision::FvlConfidentiality,
        Provision::FvlConsentException,
        Provision::FvlFurtherExceptions,
        Provision::GdprPrinciples,
        Provision::GdprLawfulness,
        Provision::GdprConsent,
        Provision::GdprSpecialCategories,
        Provision::GdprErasure,
    ];

    /// Every version of this provision, oldest first.
    pub fn versions(self) -> impl Iterator<Item = &'static ProvisionVersion> {
        TABLE.iter().filter(move |v| v.provision == self)
    }

    /// The version in force on `date`, or `None` before the provision existed.
    pub fn version_on(self, date: NaiveDate) -> Option<&'static ProvisionVersion> {
        self.versions().find(|v| v.in_force_on(date))
    }

    /// The citation of the version in force on `date`, or `None` before the provision existed.
    pub fn cite(self, date: NaiveDate) -> Option<Citation> {
        self.version_on(date).map(ProvisionVersion::citation)
    }
}

/// Every provision version in force on `date`.
pub fn in_force_on(date: NaiveDate) -> impl Iterator<Item = &'static ProvisionVersion> {
    TABLE.iter().filter(move |v| v.in_force_on(date))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn constant_dates_are_real_dates() {
        for date in [
            FVL_IN_FORCE,
            BVL_1992_IN_FORCE,
            KSL_IN_FORCE,
            STRL_IN_FORCE,
            GDPR_IN_FORCE_NO,
            STRL_196_LIST_CHANGE,
            BVL_IN_FORCE,
            KSL_2026_AMENDMENT,
        ] {
            assert_ne!(date, NaiveDate::MIN);
        }
        for v in TABLE {
            assert_ne!(v.in_force_from, NaiveDate::MIN);
            assert_ne!(v.in_force_to, Some(NaiveDate::MIN));
        }
    }

    #[test]
    fn versions_are_contiguous_and_never_overlap() {
        for p in Provision::ALL {
            let versions: Vec<_> = p.versions().collect();
            assert!(!versions.is_empty(), "{p:?} has no version");
            for pair in versions.windows(2) {
                let to = pair[0].in_force_to.expect("an old version has an end");
                assert_eq!(to.succ_opt(), Some(pair[1].in_force_from), "{p:?}");
            }
            assert_eq!(versions.last().unwrap().in_force_to, None, "{p:?} latest version is open");
        }
    }

    #[test]
    fn child_welfare_duty_switches_on_2023_01_01() {
        let old = Provision::ChildWelfareDutyToInform.cite(d(2022, 12, 31)).unwrap();
        assert_eq!(old, Citation::new(Statute::Barnevernloven1992, "6-4", d(1993, 1, 1)));
        let new = Provision::ChildWelfareDutyToInform.cite(d(2023, 1, 1)).unwrap();
        assert_eq!(new, Citation::new(Statute::Barnevernsloven, "13-2", d(2023, 1, 1)));
    }

    #[test]
    fn ksl_3_switches_on_2026_01_01() {
        assert_eq!(Provision::KslAdaptation.cite(d(2025, 12, 31)).unwrap().in_force_from(), d(2010, 1, 1));
        assert_eq!(Provision::KslAdaptation.cite(d(2026, 1, 1)).unwrap().in_force_from(), d(2026, 1, 1));
        assert_eq!(Provision::KslFollowUp.cite(d(2026, 1, 1)).unwrap().in_force_from(), d(2026, 1, 1));
    }

    #[test]
    fn ksl_5a_exists_only_from_2026() {
        assert_eq!(Provision::KslDataProcessing.cite(d(2025, 12, 31)), None);
        assert_eq!(
            Provision::KslDataProcessing.cite(d(2026, 1, 1)),
            Some(Citation::new(Statute::Krisesenterlova, "5a", d(2026, 1, 1)))
        );
    }

    #[test]
    fn strl_196_version_switches_on_2021_01_01() {
        assert_eq!(Provision::AvertingDuty.cite(d(2020, 12, 31)).unwrap().in_force_from(), d(2015, 10, 1));
        assert_eq!(Provision::AvertingDuty.cite(d(2021, 1, 1)).unwrap().in_force_from(), d(2021, 1, 1));
        assert_eq!(Provision::AvertingDuty.cite(d(2015, 9, 30)), None);
    }

    #[test]
    fn nothing_before_a_provision_existed() {
        assert_eq!(Provision::KslTargetGroup.cite(d(2009, 12, 31)), None);
        assert_eq!(Provision::ChildWelfareDutyToInform.cite(d(1992, 12, 31)), None);
        assert!(in_force_on(d(2026, 1, 1)).any(|v| v.provision == Provision::KslDataProcessing));
    }
}
