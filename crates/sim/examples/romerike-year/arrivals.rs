//! The seeded stream of first contacts, day contacts and disclosure situations of one
//! simulated year.
//!
//! Calibrated on Romerike 2025 (287 stays: 136 women, 22 men, 129 children; stays around
//! a 27-day mean) and on the workshop slides (some users in active substance use or with
//! serious mental illness; most alternatives are for women only). Everything is drawn from
//! one `ChaCha8Rng` per purpose (its own stream), so the same seed always gives the same year
//! and a change in one stream never shifts another.

use chrono::{Duration, NaiveDate};
use krisesenter::core::{Gender, Relation, ViolenceType};
use krisesenter::stats::AfterStay;
use rand::Rng;
use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::SeedableRng;

/// The random stream for one purpose: the same seed, a different stream per purpose.
pub(crate) fn stream(seed: u64, purpose: u64) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(purpose);
    rng
}

/// Who makes a first contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Victim,
    Relative,
    Professional,
}

/// What staff observe at the first conversation.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Observations {
    pub(crate) active_substance_use: bool,
    pub(crate) can_care_for_self: bool,
    pub(crate) can_care_for_children: bool,
    pub(crate) danger_to_self: bool,
    pub(crate) danger_to_others: bool,
    pub(crate) frightening_behaviour: bool,
    pub(crate) serious_mental_illness: bool,
    pub(crate) needs_health_follow_up: bool,
}

/// How a first contact arose (and so how the day contact is counted).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Phone,
    InPerson,
    Outreach,
}

/// One first contact: a person, their children, what happened, how a stay would go, and what
/// the person later decides about consent and statistics.
#[derive(Debug, Clone)]
pub(crate) struct Contact {
    pub(crate) index: usize,
    /// The person: the index of their first contact in the simulation (a person who comes
    /// back has a new contact with the same person).
    pub(crate) person: usize,
    pub(crate) date: NaiveDate,
    pub(crate) mode: Mode,
    pub(crate) role: Role,
    pub(crate) age: u16,
    pub(crate) gender: Gender,
    pub(crate) children: Vec<(u8, Gender)>,
    pub(crate) violence: Vec<ViolenceType>,
    pub(crate) relation: Relation,
    pub(crate) protection_need: bool,
    pub(crate) observations: Observations,
    pub(crate) interpreter: bool,
    pub(crate) accessible: bool,
    pub(crate) sami: bool,
    pub(crate) pet: bool,
    pub(crate) screened: bool,
    pub(crate) priority: u8,
    pub(crate) planned_nights: i64,
    pub(crate) municipality: u16,
    /// Staff's decision when the recommendation is an individual assessment: offer the stay
    /// (health follow-up arranged) or not.
    pub(crate) staff_offers_after_assessment: bool,
    /// Days the day service goes on after the first contact when there is no stay.
    pub(crate) day_service_days: i64,
    pub(crate) opt_out: bool,
    /// A storage consent is asked for at the first contact: written, oral (which does not
    /// count for retention), or none.
    pub(crate) storage_consent: Option<bool>,
    pub(crate) consents_to_nav: bool,
    pub(crate) consents_to_police: bool,
    pub(crate) withdraws_after_days: Option<i64>,
    pub(crate) after_stay: AfterStay,
    pub(crate) previous_stays: u32,
}

/// The 12 owner municipalities (municipality numbers from 2024) with weights in thousands of
/// inhabitants, so that larger municipalities send more users.
const MUNICIPALITIES: &[(u16, u32)] = &[
    (3205, 92), // Lillestrøm
    (3222, 48), // Lørenskog
    (3209, 43), // Ullensaker
    (3240, 27), // Eidsvoll
    (3232, 25), // Nittedal
    (3228, 24), // Nes
    (3224, 19), // Rælingen
    (3226, 18), // Aurskog-Høland
    (3238, 15), // Nannestad
    (3220, 12), // Enebakk
    (3230, 7),  // Gjerdrum
    (3242, 3),  // Hurdal
];

/// A municipality of Romerike's owners, drawn by population.
#[allow(dead_code, reason = "alternatives-plan's, which compiles this module too")]
pub(crate) fn municipality(rng: &mut ChaCha8Rng) -> u16 {
    municipality_in(rng, MUNICIPALITIES)
}

/// A municipality of `list` (number, weight), drawn by weight; the first when the list is
/// empty of weight (3205 when it is empty).
fn municipality_in(rng: &mut ChaCha8Rng, list: &[(u16, u32)]) -> u16 {
    let total: u32 = list.iter().map(|(_, w)| w).sum();
    let mut pick = rng.random_range(0..total.max(1));
    for (code, w) in list {
        if pick < *w {
            return *code;
        }
        pick -= w;
    }
    list.first().map_or(3205, |(code, _)| *code)
}

/// How much a shelter's catchment asks of it, relative to Romerike's: the first contacts and
/// day-service contacts a day, the share of men among first contacts, and where users live.
/// [`Demand::ROMERIKE`] draws exactly romerike-year's year; norway-year scales it per shelter
/// (assumptions, crates/sim/examples/norway-year/README.md).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Demand {
    /// Contacts a day as a multiple of Romerike's (about 0.7 first contacts and 2.5 other
    /// day-service contacts a day).
    pub(crate) scale: f64,
    /// Men per thousand first contacts (Romerike 147); women take the rest of the 986 per
    /// thousand who are not of another or unknown gender.
    pub(crate) men_per_mille: u32,
    /// Where users live: municipality numbers with weights.
    pub(crate) municipalities: &'static [(u16, u32)],
}

impl Demand {
    /// romerike-year's demand.
    pub(crate) const ROMERIKE: Self = Self { scale: 1.0, men_per_mille: 147, municipalities: MUNICIPALITIES };

    /// Draws a day's contacts in `draws` rounds of Romerike's, each contact kept with
    /// `keep` times the chance it has at Romerike: the mean scales by `scale`, and at scale 1
    /// the random stream is Romerike's exactly.
    fn rounds(&self, romerike_keep: f64) -> (u32, f64) {
        let draws = self.scale.ceil().max(1.0);
        // Whole draws only: scale is a small positive multiple (checked by the shelters' table).
        let rounds = if draws < 1000.0 { draws as u32 } else { 1000 };
        (rounds, romerike_keep * self.scale / f64::from(rounds))
    }
}

fn chance(rng: &mut ChaCha8Rng, p: f64) -> bool {
    rng.random_bool(p.clamp(0.0, 1.0))
}

/// The nights a stay is extended only because the household still waits for a new home
/// (seed 004: "noen blir værende lenger enn nødvendig"): the days the home search takes are
/// drawn like a stay's length (many find a home quickly, a long tail held up by the housing
/// market), and the stay goes on past its planned end until the home is found. An
/// assumption of the simulation, not a published figure.
pub(crate) fn home_search_wait(rng: &mut ChaCha8Rng, planned: i64) -> i64 {
    (planned_nights(rng) - planned).max(0)
}

/// Length of a stay in nights: a skewed distribution with a mean near 27 (many short stays,
/// a long tail of stays held up by the housing market).
pub(crate) fn planned_nights(rng: &mut ChaCha8Rng) -> i64 {
    let u: f64 = rng.random_range(0.0..1.0);
    let nights = match u {
        u if u < 0.28 => rng.random_range(1..=7),
        u if u < 0.68 => rng.random_range(8..=30),
        u if u < 0.95 => rng.random_range(31..=70),
        _ => rng.random_range(71..=140),
    };
    nights.max(1)
}

/// Every first contact from `from` to `to` (inclusive), in date order, at Romerike.
pub(crate) fn contacts(rng: &mut ChaCha8Rng, from: NaiveDate, to: NaiveDate) -> Vec<Contact> {
    contacts_for(rng, from, to, &Demand::ROMERIKE)
}

/// Every first contact from `from` to `to` (inclusive), in date order, for `demand`.
pub(crate) fn contacts_for(rng: &mut ChaCha8Rng, from: NaiveDate, to: NaiveDate, demand: &Demand) -> Vec<Contact> {
    // About 0.7 first contacts a day that concern violence in a close relationship, at Romerike.
    let (rounds, keep) = demand.rounds(0.84);
    let mut out = Vec::new();
    let mut date = from;
    while date <= to {
        for _ in 0..rounds {
            let n = [0usize, 0, 1, 1, 1, 2].choose(rng).copied().unwrap_or(0);
            for _ in 0..n {
                if !chance(rng, keep) {
                    continue;
                }
                let index = out.len();
                out.push(contact(rng, index, date, demand));
            }
        }
        date += Duration::days(1);
    }
    out
}

const AFTER_STAY: [AfterStay; 9] = [
    AfterStay::NewHome,
    AfterStay::NewHome,
    AfterStay::NewHome,
    AfterStay::ReturnedHomeSafely,
    AfterStay::ReturnedToPerpetrator,
    AfterStay::FamilyOrFriends,
    AfterStay::OtherShelter,
    AfterStay::Other,
    AfterStay::Unknown,
];

/// The chance that someone who went back to the perpetrator comes back to the shelter.
pub(crate) const RETURN_CHANCE: f64 = 0.4;

/// When someone who went back to the perpetrator on `left` comes back, if they do: between
/// two weeks and four months later.
pub(crate) fn comes_back(rng: &mut ChaCha8Rng, left: NaiveDate) -> Option<NaiveDate> {
    chance(rng, RETURN_CHANCE).then(|| left + Duration::days(rng.random_range(14..=120)))
}

/// The new first contact of a person coming back on `date`: the same person, children and
/// history, one more previous stay, a new length of stay and a new outcome afterwards.
pub(crate) fn returning(rng: &mut ChaCha8Rng, earlier: &Contact, index: usize, date: NaiveDate) -> Contact {
    Contact {
        index,
        date,
        mode: Mode::Phone,
        priority: earlier.priority.max(4),
        planned_nights: planned_nights(rng),
        day_service_days: rng.random_range(0..=60),
        withdraws_after_days: None,
        after_stay: AFTER_STAY.choose(rng).copied().unwrap_or(AfterStay::Unknown),
        previous_stays: earlier.previous_stays + 1,
        ..earlier.clone()
    }
}

fn contact(rng: &mut ChaCha8Rng, index: usize, date: NaiveDate, demand: &Demand) -> Contact {
    let role = match rng.random_range(0..100) {
        0..=86 => Role::Victim,
        87..=95 => Role::Relative,
        _ => Role::Professional,
    };
    // Women up to 985 - men, men up to 985 (Romerike: 0..=838 and 839..=985).
    let women_until = 985 - i32::try_from(demand.men_per_mille).unwrap_or(985);
    let gender = match rng.random_range(0..1000) {
        g if g <= women_until => Gender::Female,
        0..=985 => Gender::Male,
        986..=993 => Gender::Other,
        _ => Gender::Unknown,
    };
    let age = rng.random_range(18..=72);
    let children_count = if gender == Gender::Male {
        usize::from(chance(rng, 0.15))
    } else {
        match rng.random_range(0..100) {
            0..=44 => 0,
            45..=68 => 1,
            69..=87 => 2,
            88..=97 => 3,
            _ => 4,
        }
    };
    let children = (0..children_count)
        .map(|_| (rng.random_range(0..=17), if chance(rng, 0.5) { Gender::Female } else { Gender::Male }))
        .collect();
    let first = [ViolenceType::Physical, ViolenceType::Psychological].choose(rng).copied();
    let mut violence: Vec<ViolenceType> = first.into_iter().collect();
    for v in ViolenceType::ALL {
        let p = match v {
            ViolenceType::Psychological => 0.7,
            ViolenceType::Physical => 0.5,
            ViolenceType::Economic | ViolenceType::Material | ViolenceType::Digital => 0.2,
            ViolenceType::Sexual => 0.15,
            ViolenceType::NegativeSocialControl | ViolenceType::HonourRelated => 0.05,
            ViolenceType::HumanTrafficking => 0.02,
        };
        if !violence.contains(v) && chance(rng, p) {
            violence.push(*v);
        }
    }
    violence.sort();
    let relation = [
        Relation::Partner,
        Relation::Partner,
        Relation::FormerPartner,
        Relation::FormerPartner,
        Relation::Family,
        Relation::HouseholdMember,
        Relation::Caregiver,
        Relation::OtherTrustRelation,
    ]
    .choose(rng)
    .copied()
    .unwrap_or(Relation::Partner);
    let relation = if chance(rng, 0.02) { Relation::None } else { relation };
    let serious_mental_illness = chance(rng, 0.08);
    let observations = Observations {
        active_substance_use: chance(rng, 0.07),
        can_care_for_self: !chance(rng, 0.02),
        can_care_for_children: !chance(rng, 0.03),
        danger_to_self: chance(rng, 0.01),
        danger_to_others: chance(rng, 0.01),
        frightening_behaviour: chance(rng, 0.015),
        serious_mental_illness,
        needs_health_follow_up: serious_mental_illness && chance(rng, 0.4),
    };
    let mode = match rng.random_range(0..100) {
        0..=69 => Mode::Phone,
        70..=94 => Mode::InPerson,
        _ => Mode::Outreach,
    };
    let after_stay = AFTER_STAY.choose(rng).copied().unwrap_or(AfterStay::Unknown);
    let storage_consent = match rng.random_range(0..100) {
        0..=79 => Some(true),
        80..=89 => Some(false),
        _ => None,
    };
    Contact {
        index,
        person: index,
        date,
        mode,
        role,
        age,
        gender,
        children,
        violence,
        relation,
        protection_need: !chance(rng, 0.06),
        observations,
        interpreter: chance(rng, 0.18),
        accessible: chance(rng, 0.04),
        sami: chance(rng, 0.01),
        pet: chance(rng, 0.05),
        screened: chance(rng, 0.04),
        priority: rng.random_range(1..=5),
        planned_nights: planned_nights(rng),
        municipality: municipality_in(rng, demand.municipalities),
        staff_offers_after_assessment: chance(rng, 0.6),
        day_service_days: rng.random_range(0..=60),
        opt_out: chance(rng, 0.05),
        storage_consent,
        consents_to_nav: chance(rng, 0.5),
        consents_to_police: chance(rng, 0.3),
        withdraws_after_days: if chance(rng, 0.06) { Some(rng.random_range(1..=200)) } else { None },
        after_stay,
        previous_stays: if chance(rng, 0.2) { rng.random_range(1..=3) } else { 0 },
    }
}

/// The day service's other contacts (follow-up conversations, phone calls, outreach) from
/// `from` to `to`: about 2.5 a day at Romerike, a fifth of them with an interpreter; for
/// another shelter, Romerike's rate times the scale of its `demand`.
pub(crate) fn day_contacts_for(
    rng: &mut ChaCha8Rng,
    from: NaiveDate,
    to: NaiveDate,
    demand: &Demand,
) -> Vec<(NaiveDate, Mode, bool)> {
    let (rounds, keep) = demand.rounds(1.0);
    let mut out = Vec::new();
    let mut date = from;
    while date <= to {
        for _ in 0..rounds {
            let n = rng.random_range(0..=5usize);
            for _ in 0..n {
                // At Romerike's rate every contact is kept without a draw (its stream unchanged).
                if keep < 1.0 && !chance(rng, keep) {
                    continue;
                }
                let mode = match rng.random_range(0..100) {
                    0..=54 => Mode::Phone,
                    55..=89 => Mode::InPerson,
                    _ => Mode::Outreach,
                };
                out.push((date, mode, chance(rng, 0.2)));
            }
        }
        date += Duration::days(1);
    }
    out
}

/// A situation in which someone asks about a resident, or staff consider telling someone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Situation {
    /// An unknown caller asks whether a person is there.
    UnknownCaller,
    /// The person the resident fled from asks where she is.
    PerpetratorAsks,
    /// The police ask for whereabouts and the violence history in an investigation.
    PoliceRequest,
    /// Nav asks for contact details to arrange money for a deposit.
    NavRequest,
    /// Staff see signs that a child is mistreated.
    ChildMistreated,
    /// Staff have a general worry about a child.
    ChildGeneralWorry,
    /// Child welfare orders information in a case it is investigating.
    ChildWelfareOrder,
    /// A resident tells of a planned assault that will most likely happen: the duty to avert.
    DutyToAvert,
    /// A resident is in acute danger to life or health, no duty applies: necessity.
    DangerToLife,
}

impl Situation {
    /// Every situation, in declaration order.
    pub(crate) const ALL: &'static [Situation] = &[
        Situation::UnknownCaller,
        Situation::PerpetratorAsks,
        Situation::PoliceRequest,
        Situation::NavRequest,
        Situation::ChildMistreated,
        Situation::ChildGeneralWorry,
        Situation::ChildWelfareOrder,
        Situation::DutyToAvert,
        Situation::DangerToLife,
    ];

    /// A stable code for files.
    pub(crate) const fn code(self) -> &'static str {
        match self {
            Situation::UnknownCaller => "unknown_caller",
            Situation::PerpetratorAsks => "perpetrator_asks",
            Situation::PoliceRequest => "police_request",
            Situation::NavRequest => "nav_request",
            Situation::ChildMistreated => "child_mistreated",
            Situation::ChildGeneralWorry => "child_general_worry",
            Situation::ChildWelfareOrder => "child_welfare_order",
            Situation::DutyToAvert => "duty_to_avert",
            Situation::DangerToLife => "danger_to_life",
        }
    }

    /// What happened, for people.
    pub(crate) const fn describe(self) -> &'static str {
        match self {
            Situation::UnknownCaller => "unknown caller asks if she is there",
            Situation::PerpetratorAsks => "ex-partner asks where she is",
            Situation::PoliceRequest => "police ask for whereabouts and history",
            Situation::NavRequest => "Nav asks for contact details",
            Situation::ChildMistreated => "staff see signs a child is mistreated",
            Situation::ChildGeneralWorry => "staff have a general worry for a child",
            Situation::ChildWelfareOrder => "child welfare orders information",
            Situation::DutyToAvert => "resident tells of a planned assault",
            Situation::DangerToLife => "resident in acute danger to health",
        }
    }

    /// Whether the situation needs a resident with children.
    pub(crate) const fn needs_children(self) -> bool {
        matches!(self, Situation::ChildMistreated | Situation::ChildGeneralWorry | Situation::ChildWelfareOrder)
    }
}

/// The disclosure situations of the year: each situation once or twice, on a day drawn
/// inside `[from, to]`, in date order.
pub(crate) fn situations(rng: &mut ChaCha8Rng, from: NaiveDate, to: NaiveDate) -> Vec<(NaiveDate, Situation)> {
    let days = (to - from).num_days().max(0);
    let mut out = Vec::new();
    for situation in Situation::ALL {
        let times = if matches!(situation, Situation::UnknownCaller | Situation::PoliceRequest) { 2 } else { 1 };
        for _ in 0..times {
            out.push((from + Duration::days(rng.random_range(0..=days)), *situation));
        }
    }
    out.sort();
    out
}
