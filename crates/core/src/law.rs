//! The law as versioned data: every provision the workspace applies, each version with its
//! first and last day in force, and a lookup "which version is in force on date D".
//!
//! A decision never cites a statute by hand: it names a [`Provision`] and the date it is
//! made on, and [`Provision::cite`] returns the [`Citation`] of the version in force that
//! day. When the law moves (barnevernloven 1992 §6-4 became barnevernsloven §13-2 on
//! 2023-01-01; krisesenterlova §3 gained the duty of an equal alternative on 2026-01-01),
//! the table gains a version and every decision follows by itself.
//!
//! Every version names the Act that gave it its wording ([`ProvisionVersion::amended_by`])
//! and the public source its Act and first day were checked against
//! ([`ProvisionVersion::source`]). Where an Act or a first day could not be confirmed the
//! version says so ([`ProvisionVersion::verified`] is false); `docs/legal-basis.md` lists
//! these versions and what is missing for each.
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
/// The reform of the duty to inform child welfare (Act of 20 April 2018, Prop. 169 L
/// (2016–2017)) took effect in barnevernloven 1992 and, per the Proposition, in the special acts.
pub const DUTY_TO_INFORM_2018: NaiveDate = ymd(2018, 7, 1);
/// GDPR became Norwegian law through personopplysningsloven 2018.
pub const GDPR_IN_FORCE_NO: NaiveDate = ymd(2018, 7, 20);
/// The list of offences in straffeloven §196 changed.
pub const STRL_196_LIST_CHANGE: NaiveDate = ymd(2021, 1, 1);
/// forvaltningsloven §13 b first paragraph nr. 7 (LOV-2021-06-18-127), sharing to avoid danger
/// to life or health, took effect (the first day is issue 12's; see `docs/legal-basis.md`).
pub const FVL_13B_NR7: NaiveDate = ymd(2021, 7, 1);
/// The cooperation reform of the welfare acts (LOV-2021-06-11-78) took effect: krisesenterlova §4.
pub const KSL_2022_COOPERATION: NaiveDate = ymd(2022, 8, 1);
/// barnevernsloven 2021 (LOV-2021-06-18-97) took effect and replaced barnevernloven 1992.
pub const BVL_IN_FORCE: NaiveDate = ymd(2023, 1, 1);
/// straffeloven §196 first paragraph letter a reworded (LOV-2025-06-20-86); the sections it
/// lists are unchanged.
pub const STRL_196_2025: NaiveDate = ymd(2025, 7, 1);
/// The amendment of krisesenterlova (LOV-2025-06-20-42) took effect: §2 (follow-up in
/// cooperation with other services), §3 (equal alternative, Sami users' rights), §§5 a, 5 b.
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
    #[serde(deserialize_with = "crate::date::exact")]
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
    /// ksl §2: the four services; housing for women and men physically separated; from
    /// 2026-01-01 follow-up in cooperation with other services.
    KslServices,
    /// ksl §3: individual adaptation; from 2026-01-01 the equal alternative and Sami users' rights.
    KslAdaptation,
    /// ksl §4: follow-up in the re-establishment phase; from 2022-08-01 with duties of
    /// cooperation and coordination (LOV-2021-06-11-78).
    KslFollowUp,
    /// ksl §5: duty of confidentiality, extended to facts normally not confidential.
    KslConfidentiality,
    /// ksl §5 a: processing of personal data and opting out of statistics (from 2026-01-01).
    KslDataProcessing,
    /// ksl §6: duty to inform child welfare (reworded with the reform of 2018-07-01).
    KslChildWelfare,
    /// The duty to inform child welfare, bvl-1992 §6-4 until 2022-12-31 (reworded 2018-07-01),
    /// bvl §13-2 from 2023-01-01.
    ChildWelfareDutyToInform,
    /// strl §196: duty to avert listed offences (list changed 2021-01-01; reworded 2025-07-01).
    AvertingDuty,
    /// strl §17: necessity.
    Necessity,
    /// strl §209: breach of the duty of confidentiality.
    ConfidentialityBreach,
    /// fvl §13: duty of confidentiality.
    FvlConfidentiality,
    /// fvl §13 a: exceptions, among them consent (nr. 1).
    FvlConsentException,
    /// fvl §13 b first paragraph nr. 7: sharing as far as needed to avoid danger to life or
    /// health. The item exists from 2021-07-01 (LOV-2021-06-18-127); before that day the
    /// provision is not in force and nothing can rest on it.
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
    /// The Act that gave the provision this version's wording, as Lovdata names it
    /// (`"LOV-2025-06-20-42"`); for the first version the table holds, the Act that brought
    /// the provision into force. `None` where no Act could be confirmed in a public source.
    pub amended_by: Option<&'static str>,
    /// The public source the Act and the first day were checked against (Norsk Lovtidend,
    /// a Proposition, a public authority's page), or what could not be confirmed.
    pub source: &'static str,
    /// Whether both the Act and the first day are confirmed in `source`. The versions that
    /// are not are listed, with what is missing, in `docs/legal-basis.md`.
    pub verified: bool,
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

/// Norsk Lovtidend: the krisesenterlova amendment of 2025 and its commencement.
const SRC_KSL_2025: &str = "Norsk Lovtidend: LOV-2025-06-20-42 (Prop. 122 L (2024–2025)) amends §§ 2 and 3 and adds \
     §§ 5 a and 5 b, leaving §§ 1, 4, 5 and 6 as they were; in force 2026-01-01 by FOR-2025-06-20-1087";
/// The Act as passed and its commencement.
const SRC_KSL_2010: &str = "Ot.prp. nr. 96 (2008–2009); Bufdir, Rundskriv til krisesenterlova (20/2026): \
     LOV-2009-06-19-44 in force 2010-01-01";
/// The cooperation reform of 2021 (in force 2022-08-01).
const SRC_KSL_2022: &str = "Bufdir, Rundskriv til krisesenterlova (20/2026): lov 11. juni 2021 nr. 78 (LOV-2021-06-11-78), in force \
     2022-08-01; Karnov, krisesenterlova introduction: that reform (Prop. 100 L (2020–2021)) amended § 4 \
     and added § 6 a";
/// The 2018 reform of the duty to inform child welfare.
const SRC_BVL_2018: &str = "Statsforvalteren i Oppland (2018-08-02) and i Hordaland (2018-07-17): the Act of \
     20 April 2018 (Prop. 169 L (2016–2017), Innst. 151 L (2017–2018)) changed the duty to inform child \
     welfare in barnevernloven and other special acts from 2018-07-01; the Act's number was not confirmed";
/// straffeloven 2005 commencement.
const SRC_STRL_2015: &str = "Lovdata, straffeloven 1902 (repealed by LOV-2005-05-20-28 as amended by \
     LOV-2015-06-19-65, in force 2015-10-01)";
/// GDPR in Norwegian law.
const SRC_GDPR: &str = "personopplysningsloven (LOV-2018-06-15-38) § 1 makes the GDPR Norwegian law; first day \
     2018-07-20 carried over from the earlier table, not re-checked in a public source in this change";
/// forvaltningsloven's sections in force on 2010-01-01.
const SRC_FVL_OLD: &str = "the first day of the version in force on 2010-01-01 could not be confirmed; the table \
     records the Act's commencement";

macro_rules! version {
    ($p:ident, $s:ident, $sec:literal, $from:expr, $to:expr, $en:literal, $nb:literal, $by:expr, $src:expr, $ok:expr) => {
        ProvisionVersion {
            provision: Provision::$p,
            statute: Statute::$s,
            section: $sec,
            in_force_from: $from,
            in_force_to: $to,
            summary_en: $en,
            summary_nb: $nb,
            amended_by: $by,
            source: $src,
            verified: $ok,
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
        "krisesentertilbud til personer utsatt for vold eller trusler i nære relasjoner",
        Some("LOV-2009-06-19-44"),
        SRC_KSL_2010,
        true
    ),
    version!(
        KslServices,
        Krisesenterlova,
        "2",
        KSL_IN_FORCE,
        Some(ymd(2025, 12, 31)),
        "stay, day service, phone and follow-up; housing for women and men physically separated",
        "botilbud, dagtilbud, telefontjeneste og oppfølging; bo-tilbud for kvinner og menn fysisk atskilt",
        Some("LOV-2009-06-19-44"),
        SRC_KSL_2010,
        true
    ),
    version!(
        KslServices,
        Krisesenterlova,
        "2",
        KSL_2026_AMENDMENT,
        None,
        "stay, day service, phone, follow-up in cooperation with other services; support to contact them",
        "botilbud, dagtilbud, telefon, oppfølging i samarbeid med andre tjenester; hjelp til å kontakte dem",
        Some("LOV-2025-06-20-42"),
        SRC_KSL_2025,
        true
    ),
    version!(
        KslAdaptation,
        Krisesenterlova,
        "3",
        KSL_IN_FORCE,
        Some(ymd(2025, 12, 31)),
        "the offer is adapted to the individual user",
        "tilbudet skal tilpasses den enkelte brukeren",
        Some("LOV-2009-06-19-44"),
        SRC_KSL_2010,
        true
    ),
    version!(
        KslAdaptation,
        Krisesenterlova,
        "3",
        KSL_2026_AMENDMENT,
        None,
        "adaptation; an equal alternative when the ordinary offer cannot be adapted; Sami users' rights",
        "tilpasning; likeverdig alternativt tilbud når tilbudet ikke kan tilpasses; samiske brukeres rettigheter",
        Some("LOV-2025-06-20-42"),
        SRC_KSL_2025,
        true
    ),
    version!(
        KslFollowUp,
        Krisesenterlova,
        "4",
        KSL_IN_FORCE,
        Some(ymd(2022, 7, 31)),
        "follow-up in the re-establishment phase",
        "oppfølging i reetableringsfasen",
        Some("LOV-2009-06-19-44"),
        SRC_KSL_2010,
        true
    ),
    version!(
        KslFollowUp,
        Krisesenterlova,
        "4",
        KSL_2022_COOPERATION,
        None,
        "follow-up in the re-establishment phase; cooperation and coordination with other services",
        "oppfølging i reetableringsfasen; samarbeid og samordning med andre tjenester",
        Some("LOV-2021-06-11-78"),
        SRC_KSL_2022,
        true
    ),
    version!(
        KslConfidentiality,
        Krisesenterlova,
        "5",
        KSL_IN_FORCE,
        None,
        "confidentiality under fvl §§13-13e, extended to facts that could reveal contact with the shelter",
        "teieplikt etter fvl §§ 13-13e, utvidet til opplysninger som kan røpe kontakt med krisesenteret",
        Some("LOV-2009-06-19-44"),
        SRC_KSL_2010,
        true
    ),
    version!(
        KslDataProcessing,
        Krisesenterlova,
        "5a",
        KSL_2026_AMENDMENT,
        None,
        "processing of personal data needed for the tasks; users may opt out of statistics and research",
        "behandling av personopplysninger som trengs for oppgavene; brukere kan reservere seg mot statistikk og forskning",
        Some("LOV-2025-06-20-42"),
        SRC_KSL_2025,
        true
    ),
    version!(
        KslChildWelfare,
        Krisesenterlova,
        "6",
        KSL_IN_FORCE,
        Some(ymd(2018, 6, 30)),
        "staff must inform child welfare as the child welfare act prescribes",
        "tilsette skal gi opplysninger til barnevernet slik barnevernloven bestemmer",
        Some("LOV-2009-06-19-44"),
        SRC_KSL_2010,
        true
    ),
    version!(
        KslChildWelfare,
        Krisesenterlova,
        "6",
        DUTY_TO_INFORM_2018,
        None,
        "duty to inform child welfare, its grounds written out as in the child welfare act (2018 reform)",
        "opplysningsplikt til barnevernet, med vilkårene skrevet ut som i barnevernloven (endringen i 2018)",
        None,
        "Bufdir, Rundskriv til krisesenterlova (20/2026): § 6 was amended after 2015; that the reform of \
         2018-07-01 (Act of 20 April 2018, Prop. 169 L (2016–2017)) is the amendment rests on the \
         Proposition and on Statsforvalteren's notes that it changed the duty 'in other special acts' \
         too; krisesenterlova named among them, and the Act's number, were not confirmed",
        false
    ),
    version!(
        ChildWelfareDutyToInform,
        Barnevernloven1992,
        "6-4",
        BVL_1992_IN_FORCE,
        Some(ymd(2018, 6, 30)),
        "duty to inform child welfare of serious neglect, on own initiative or when ordered",
        "opplysningsplikt til barnevernet ved alvorlig omsorgssvikt, av eget tiltak eller etter pålegg",
        Some("LOV-1992-07-17-100"),
        "the first day of the version in force on 2010-01-01 could not be confirmed; the table records \
         the Act's commencement (1993-01-01)",
        false
    ),
    version!(
        ChildWelfareDutyToInform,
        Barnevernloven1992,
        "6-4",
        DUTY_TO_INFORM_2018,
        Some(ymd(2022, 12, 31)),
        "duty to inform child welfare, clarified and simplified: on own initiative or when ordered",
        "opplysningsplikt til barnevernet, klargjort og forenklet: av eget tiltak eller etter pålegg",
        None,
        SRC_BVL_2018,
        false
    ),
    version!(
        ChildWelfareDutyToInform,
        Barnevernsloven,
        "13-2",
        BVL_IN_FORCE,
        None,
        "duty to inform child welfare of serious neglect, on own initiative or when ordered",
        "opplysningsplikt til barnevernet ved alvorlig omsorgssvikt, av eget tiltak eller etter pålegg",
        Some("LOV-2021-06-18-97"),
        "Juridika, 'Barnevernsloven – nytt og gammelt på samme tid': LOV-2021-06-18-97 in force \
         2023-01-01 with few exceptions, replacing barnevernloven 1992",
        true
    ),
    version!(
        AvertingDuty,
        Straffeloven,
        "196",
        STRL_IN_FORCE,
        Some(ymd(2020, 12, 31)),
        "duty to avert listed offences (list before 2021-01-01)",
        "avvergingsplikt for listede lovbrudd (listen før 2021-01-01)",
        Some("LOV-2005-05-20-28"),
        SRC_STRL_2015,
        true
    ),
    version!(
        AvertingDuty,
        Straffeloven,
        "196",
        STRL_196_LIST_CHANGE,
        Some(ymd(2025, 6, 30)),
        "duty to avert listed offences (list from 2021-01-01)",
        "avvergingsplikt for listede lovbrudd (listen fra 2021-01-01)",
        None,
        "DOMAIN.md §4 (the list and its first day); Prop. 66 L (2019–2020) proposed changes to the \
         duty to avert, but the Act and its first day were not confirmed in a public source",
        false
    ),
    version!(
        AvertingDuty,
        Straffeloven,
        "196",
        STRL_196_2025,
        None,
        "duty to avert listed offences (first paragraph letter a reworded 2025; same sections listed)",
        "avvergingsplikt for listede lovbrudd (første ledd bokstav a ny ordlyd 2025; samme paragrafer)",
        Some("LOV-2025-06-20-86"),
        "Norsk Lovtidend: LOV-2025-06-20-86 (Prop. 132 L (2024–2025)) gives § 196 first paragraph \
         letter a new wording; in force 2025-07-01 by FOR-2025-06-20-1123 (all of part I but § 91)",
        true
    ),
    version!(
        Necessity,
        Straffeloven,
        "17",
        STRL_IN_FORCE,
        None,
        "necessity: an act to save life or health from a danger that cannot be averted otherwise",
        "nødrett: handling for å redde liv eller helse fra en fare som ikke kan avverges på annen måte",
        Some("LOV-2005-05-20-28"),
        SRC_STRL_2015,
        true
    ),
    version!(
        ConfidentialityBreach,
        Straffeloven,
        "209",
        STRL_IN_FORCE,
        None,
        "breach of the duty of confidentiality is punishable",
        "brudd på taushetsplikt er straffbart",
        Some("LOV-2005-05-20-28"),
        SRC_STRL_2015,
        true
    ),
    version!(
        FvlConfidentiality,
        Forvaltningsloven,
        "13",
        FVL_IN_FORCE,
        None,
        "duty of confidentiality about personal matters",
        "taushetsplikt om personlige forhold",
        Some("LOV-1967-02-10"),
        SRC_FVL_OLD,
        false
    ),
    version!(
        FvlConsentException,
        Forvaltningsloven,
        "13a",
        FVL_IN_FORCE,
        None,
        "confidentiality does not hinder sharing with the consent of the person (nr. 1)",
        "taushetsplikt er ikke til hinder for at opplysninger gjøres kjent med samtykke (nr. 1)",
        Some("LOV-1967-02-10"),
        SRC_FVL_OLD,
        false
    ),
    version!(
        FvlFurtherExceptions,
        Forvaltningsloven,
        "13b",
        FVL_13B_NR7,
        None,
        "nr. 7: information may be shared with others as far as needed to avoid danger to life or health",
        "nr. 7: opplysninger kan deles med andre så langt det er nødvendig for å unngå fare for liv eller helse",
        Some("LOV-2021-06-18-127"),
        "Prop. 166 L (2020–2021) proposes the new § 13 b first paragraph nr. 7; the Minister's answer to \
         Dokument nr. 15:2961 (2020–2021) says it was passed as lov 18. juni 2021 nr. 127; the first \
         day, 2021-07-01, is issue 12's and was not confirmed in a public source",
        false
    ),
    version!(
        GdprPrinciples,
        Gdpr,
        "art-5",
        GDPR_IN_FORCE_NO,
        None,
        "principles, among them storage limitation (art. 5(1)(e))",
        "prinsipper, blant dem lagringsbegrensning (art. 5 nr. 1 bokstav e)",
        Some("LOV-2018-06-15-38"),
        SRC_GDPR,
        false
    ),
    version!(
        GdprLawfulness,
        Gdpr,
        "art-6",
        GDPR_IN_FORCE_NO,
        None,
        "lawfulness of processing",
        "behandlingsgrunnlag",
        Some("LOV-2018-06-15-38"),
        SRC_GDPR,
        false
    ),
    version!(
        GdprConsent,
        Gdpr,
        "art-7",
        GDPR_IN_FORCE_NO,
        None,
        "conditions for consent; withdrawal at any time (art. 7(3))",
        "vilkår for samtykke; kan trekkes tilbake når som helst (art. 7 nr. 3)",
        Some("LOV-2018-06-15-38"),
        SRC_GDPR,
        false
    ),
    version!(
        GdprSpecialCategories,
        Gdpr,
        "art-9",
        GDPR_IN_FORCE_NO,
        None,
        "special categories of personal data",
        "særlige kategorier av personopplysninger",
        Some("LOV-2018-06-15-38"),
        SRC_GDPR,
        false
    ),
    version!(
        GdprErasure,
        Gdpr,
        "art-17",
        GDPR_IN_FORCE_NO,
        None,
        "right to erasure",
        "rett til sletting",
        Some("LOV-2018-06-15-38"),
        SRC_GDPR,
        false
    ),
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
            DUTY_TO_INFORM_2018,
            FVL_13B_NR7,
            KSL_2022_COOPERATION,
            STRL_196_2025,
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
        assert_eq!(old, Citation::new(Statute::Barnevernloven1992, "6-4", d(2018, 7, 1)));
        let new = Provision::ChildWelfareDutyToInform.cite(d(2023, 1, 1)).unwrap();
        assert_eq!(new, Citation::new(Statute::Barnevernsloven, "13-2", d(2023, 1, 1)));
    }

    #[test]
    fn ksl_3_switches_on_2026_01_01() {
        assert_eq!(Provision::KslAdaptation.cite(d(2025, 12, 31)).unwrap().in_force_from(), d(2010, 1, 1));
        assert_eq!(Provision::KslAdaptation.cite(d(2026, 1, 1)).unwrap().in_force_from(), d(2026, 1, 1));
        // LOV-2025-06-20-42 leaves §4 as it was: the cooperation it names is written into §2.
        assert_eq!(Provision::KslFollowUp.cite(d(2026, 1, 1)).unwrap().in_force_from(), d(2022, 8, 1));
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
        assert_eq!(Provision::AvertingDuty.cite(d(2024, 1, 1)).unwrap().in_force_from(), d(2021, 1, 1));
    }

    #[test]
    fn nothing_before_a_provision_existed() {
        assert_eq!(Provision::KslTargetGroup.cite(d(2009, 12, 31)), None);
        assert_eq!(Provision::ChildWelfareDutyToInform.cite(d(1992, 12, 31)), None);
        assert!(in_force_on(d(2026, 1, 1)).any(|v| v.provision == Provision::KslDataProcessing));
    }

    /// The first day in force cited on `date`, or `None` when the provision is not in force.
    fn from_on(p: Provision, date: NaiveDate) -> Option<NaiveDate> {
        p.cite(date).map(|c| c.in_force_from())
    }

    /// Each amendment of the law table, on both sides: (provision, day before, cited then,
    /// first day of the new version). Written out rather than derived from the table so that
    /// a version silently dropped or moved fails here.
    /// A date as (year, month, day), so the table below stays `const`.
    type Ymd = (i32, u32, u32);

    const AMENDMENTS: &[(Provision, Ymd, Option<Ymd>, Ymd)] = &[
        (Provision::KslServices, (2025, 12, 31), Some((2010, 1, 1)), (2026, 1, 1)),
        (Provision::KslAdaptation, (2025, 12, 31), Some((2010, 1, 1)), (2026, 1, 1)),
        (Provision::KslFollowUp, (2022, 7, 31), Some((2010, 1, 1)), (2022, 8, 1)),
        (Provision::KslDataProcessing, (2025, 12, 31), None, (2026, 1, 1)),
        (Provision::KslChildWelfare, (2018, 6, 30), Some((2010, 1, 1)), (2018, 7, 1)),
        (Provision::ChildWelfareDutyToInform, (2018, 6, 30), Some((1993, 1, 1)), (2018, 7, 1)),
        (Provision::ChildWelfareDutyToInform, (2022, 12, 31), Some((2018, 7, 1)), (2023, 1, 1)),
        (Provision::AvertingDuty, (2015, 9, 30), None, (2015, 10, 1)),
        (Provision::AvertingDuty, (2020, 12, 31), Some((2015, 10, 1)), (2021, 1, 1)),
        (Provision::AvertingDuty, (2025, 6, 30), Some((2021, 1, 1)), (2025, 7, 1)),
        (Provision::FvlFurtherExceptions, (2021, 6, 30), None, (2021, 7, 1)),
        (Provision::KslTargetGroup, (2009, 12, 31), None, (2010, 1, 1)),
    ];

    #[test]
    fn every_amendment_on_both_sides() {
        for &(p, (y, m, dd), before, (fy, fm, fd)) in AMENDMENTS {
            let first = d(fy, fm, fd);
            assert_eq!(first.pred_opt(), Some(d(y, m, dd)), "{p:?}: the day before is the day before");
            assert_eq!(from_on(p, d(y, m, dd)), before.map(|(a, b, c)| d(a, b, c)), "{p:?} on {y}-{m}-{dd}");
            assert_eq!(from_on(p, first), Some(first), "{p:?} on its first day {first}");
        }
        // Every boundary of the table is in the list above (or is a provision's first day
        // before 2010, which no rule can reach).
        for v in TABLE.iter().filter(|v| v.in_force_from >= KSL_IN_FORCE) {
            let listed =
                AMENDMENTS.iter().any(|&(p, _, _, (y, m, dd))| p == v.provision && d(y, m, dd) == v.in_force_from);
            let first_of_act = [KSL_IN_FORCE, STRL_IN_FORCE, GDPR_IN_FORCE_NO, BVL_IN_FORCE].contains(&v.in_force_from)
                && v.provision.versions().next().is_some_and(|first| first.in_force_from == v.in_force_from);
            assert!(listed || first_of_act, "{:?} from {} has no two-sided test", v.provision, v.in_force_from);
        }
    }

    #[test]
    fn the_issue_12_dates() {
        // The phone service in 2026 cites ksl §2 as reworded by LOV-2025-06-20-42.
        let ksl2 = Provision::KslServices.version_on(d(2026, 3, 1)).unwrap();
        assert_eq!((ksl2.in_force_from, ksl2.amended_by), (d(2026, 1, 1), Some("LOV-2025-06-20-42")));
        // A child-welfare duty in 2020 cites the versions of 2018-07-01.
        assert_eq!(from_on(Provision::KslChildWelfare, d(2020, 6, 1)), Some(d(2018, 7, 1)));
        assert_eq!(
            Provision::ChildWelfareDutyToInform.cite(d(2020, 6, 1)),
            Some(Citation::new(Statute::Barnevernloven1992, "6-4", d(2018, 7, 1)))
        );
        // The danger-to-life permission cannot rest on fvl §13 b nr. 7 before the item existed.
        assert_eq!(Provision::FvlFurtherExceptions.cite(d(2020, 6, 1)), None);
        assert_eq!(
            Provision::FvlFurtherExceptions.cite(d(2026, 3, 1)),
            Some(Citation::new(Statute::Forvaltningsloven, "13b", d(2021, 7, 1)))
        );
        assert_eq!(from_on(Provision::Necessity, d(2020, 6, 1)), Some(d(2015, 10, 1)));
    }

    /// Whether `act` is written as Lovdata names an Act: `LOV-YYYY-MM-DD` with an optional `-N`.
    fn is_lovdata_act(act: &str) -> bool {
        let Some(rest) = act.strip_prefix("LOV-") else { return false };
        let parts: Vec<&str> = rest.split('-').collect();
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        matches!(parts.len(), 3 | 4)
            && digits(parts[0], 4)
            && digits(parts[1], 2)
            && digits(parts[2], 2)
            && parts.get(3).is_none_or(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            && NaiveDate::parse_from_str(&rest[..10], "%Y-%m-%d").is_ok()
    }

    /// The versions whose Act or first day could not be confirmed in a public source, as
    /// docs/legal-basis.md lists them. A version leaves this list only with its source.
    const UNVERIFIED: &[(Provision, (i32, u32, u32))] = &[
        (Provision::KslChildWelfare, (2018, 7, 1)),
        (Provision::ChildWelfareDutyToInform, (1993, 1, 1)),
        (Provision::ChildWelfareDutyToInform, (2018, 7, 1)),
        (Provision::AvertingDuty, (2021, 1, 1)),
        (Provision::FvlConfidentiality, (1970, 1, 1)),
        (Provision::FvlConsentException, (1970, 1, 1)),
        (Provision::FvlFurtherExceptions, (2021, 7, 1)),
        (Provision::GdprPrinciples, (2018, 7, 20)),
        (Provision::GdprLawfulness, (2018, 7, 20)),
        (Provision::GdprConsent, (2018, 7, 20)),
        (Provision::GdprSpecialCategories, (2018, 7, 20)),
        (Provision::GdprErasure, (2018, 7, 20)),
    ];

    #[test]
    fn every_version_names_its_act_and_source() {
        for v in TABLE {
            let what = format!("{:?} from {}", v.provision, v.in_force_from);
            assert!(v.source.len() > 20, "{what}: no source");
            if let Some(act) = v.amended_by {
                assert!(is_lovdata_act(act), "{what}: {act} is not a Lovdata Act id");
            }
            let listed = UNVERIFIED.iter().any(|&(p, (y, m, dd))| p == v.provision && d(y, m, dd) == v.in_force_from);
            assert_eq!(!v.verified, listed, "{what}: verified flag and the documented list disagree");
            if v.verified {
                let act = v.amended_by.expect("a verified version names its Act");
                // The Act is dated on or before the version's first day, and the source names it.
                assert!(act[4..14] <= *v.in_force_from.to_string(), "{what}: Act after its first day");
                assert!(v.source.contains(&act[4..14]) || v.source.contains(act), "{what}: source does not name {act}");
            }
        }
        assert_eq!(UNVERIFIED.len(), TABLE.iter().filter(|v| !v.verified).count());
    }

    #[test]
    fn lovdata_act_ids() {
        assert!(is_lovdata_act("LOV-2025-06-20-42"));
        assert!(is_lovdata_act("LOV-1967-02-10"));
        for bad in
            ["lov 20. april 2018", "LOV-2025-6-20-42", "LOV-2025-02-30-1", "LOV-2025-06-20-", "LOV-2025-06-20-4x"]
        {
            assert!(!is_lovdata_act(bad), "{bad}");
        }
    }
}
