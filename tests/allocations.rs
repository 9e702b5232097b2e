//! The paths docs/performance.md calls allocation-free, checked by counting heap blocks
//! (dhat's testing mode) around each call, inputs built beforehand:
//! - `eligibility::assess` when no alternative is chosen;
//! - `consent::decide_retention` for one record, and `consent::sweep` allocating only its
//!   output vector;
//! - `disclosure::disclose` when it refuses (a log entry is made for every other outcome);
//! - `stats::Aggregate::add_stay` once the aggregate has seen the stay's municipality and length.
//!
//! One test function: dhat counts for the whole process, so the checks run one after another.
#![allow(clippy::unwrap_used, reason = "test code: a panic fails the test")]

use chrono::NaiveDate;
use krisesenter::consent::{CaseRecord, RecordId, RetentionPolicy, decide_retention, sweep};
use krisesenter::core::{Age, Gender, PersonKind, Relation, ViolenceType};
use krisesenter::disclosure::{DiscloseInput, Information, Initiative, Outcome, Party, disclose};
use krisesenter::eligibility::{Applicant, AssessInput, Observations, ResidentialOutcome, Role, Violence, assess};
use krisesenter::stats::{Aggregate, Period, Stay, StayId, StayPerson};

#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

/// The heap blocks allocated while `f` runs: the fewest of five runs, since dhat counts the
/// whole process and the test harness's own thread may allocate at any moment.
fn blocks<T>(mut f: impl FnMut() -> T) -> (T, u64) {
    let mut fewest = u64::MAX;
    let mut out = None;
    for _ in 0..5 {
        let before = dhat::HeapStats::get().total_blocks;
        let value = std::hint::black_box(f());
        fewest = fewest.min(dhat::HeapStats::get().total_blocks - before);
        out = Some(value);
    }
    (out.unwrap(), fewest)
}

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

#[test]
fn the_allocation_free_paths_allocate_nothing() {
    let _profiler = dhat::Profiler::builder().testing().build();

    // eligibility: a victim offered a stay, and one refused for substance use with no
    // alternative configured (the gap is a reason, not an allocation).
    let applicant = Applicant::new(Age::try_new(34).unwrap(), Gender::Female, Role::Victim);
    let violence = Violence::new([ViolenceType::Physical], Relation::FormerPartner);
    let offered =
        AssessInput::new(applicant.clone(), violence.clone(), Observations::no_concerns()).in_need_of_protection();
    let mut using = Observations::no_concerns();
    using.active_substance_use = true;
    let refused = AssessInput::new(applicant, violence, using).in_need_of_protection();
    let (offer, n) = blocks(|| assess(&offered, day(3, 1)).unwrap());
    assert_eq!((*offer.residential().outcome(), n), (ResidentialOutcome::Offered, 0));
    let (offer, n) = blocks(|| assess(&refused, day(3, 1)).unwrap());
    assert_eq!((*offer.residential().outcome(), n), (ResidentialOutcome::NotOffered, 0));

    // consent: one decision allocates nothing; a sweep allocates its output vector only.
    let records: Vec<CaseRecord> = (0..1000)
        .map(|i| {
            CaseRecord::try_new(RecordId::try_new(format!("r{i}")).unwrap(), Some(day(1, 1)), vec![], vec![]).unwrap()
        })
        .collect();
    let policy = RetentionPolicy::default();
    let (_, n) = blocks(|| decide_retention(&records[0], &policy, day(3, 1)));
    assert_eq!(n, 0);
    let (decisions, n) = blocks(|| sweep(&records, &policy, day(3, 1)));
    assert_eq!((decisions.len(), n), (1000, 1));

    // disclosure: an unknown caller asking whether someone is there is refused, with no log.
    let question = DiscloseInput::new(Party::Unknown, Initiative::Request, [Information::Existence]);
    let (answer, n) = blocks(|| disclose(&question, day(3, 1)).unwrap());
    assert_eq!((answer.outcome(), n), (Outcome::Refuse, 0));

    // stats: once the aggregate has seen a municipality and a length, another such stay
    // allocates nothing.
    let person = StayPerson::new(PersonKind::Adult, Gender::Female, Age::try_new(31).unwrap(), "3205".parse().unwrap());
    let stay = |id: &str| Stay::try_new(StayId::try_new(id).unwrap(), person, day(3, 1), Some(day(3, 9))).unwrap();
    let (first, second) = (stay("s1"), stay("s2"));
    let mut aggregate = Aggregate::empty(Period::year(2026).unwrap()).with_beds(62);
    aggregate.add_stay(&first);
    let ((), n) = blocks(|| aggregate.add_stay(&second));
    assert_eq!(n, 0);
}
