//! Worked examples of the counting and publication rules (docs/contract.md `report` and `publish`,
//! DOMAIN.md §6), each computed by hand.

use crate::StayId;
use chrono::NaiveDate;
use krisesenter_core::{Age, Gender, PersonKind, Relation, ViolenceType};

use crate::{AfterStay, Aggregate, ContactMode, DayContact, Period, PublishInput, Stay, StayPerson, publish};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn adult(gender: Gender) -> StayPerson {
    StayPerson::new(PersonKind::Adult, gender, Age::try_new(35).unwrap(), "3205".parse().unwrap())
}

fn child() -> StayPerson {
    StayPerson::new(PersonKind::Child, Gender::Female, Age::try_new(7).unwrap(), "3205".parse().unwrap())
}

fn stay(id: &str, who: StayPerson, check_in: NaiveDate, check_out: Option<NaiveDate>) -> Stay {
    Stay::try_new(StayId::try_new(id).unwrap(), who, check_in, check_out).unwrap()
}

#[test]
fn nights_across_the_period_edges_and_open_stays() {
    let january = Period::try_new(d(2025, 1, 1), d(2025, 1, 31)).unwrap();
    let stays = [
        // Arrived before the period: nights 1-4 January count (4), 16 days in all, completed.
        stay("a", adult(Gender::Female), d(2024, 12, 20), Some(d(2025, 1, 5))),
        // Still staying: runs to the period's end, nights 28-31 January (4), not completed.
        stay("b", adult(Gender::Female), d(2025, 1, 28), None),
        // Leaves after the period: nights 30-31 January (2), not completed in the period.
        stay("c", adult(Gender::Male), d(2025, 1, 30), Some(d(2025, 2, 10))),
        // Ended the day before the period: does not overlap, not counted at all.
        stay("d", adult(Gender::Female), d(2024, 12, 1), Some(d(2024, 12, 31))),
        // Left on the period's first day: overlaps, no night inside, completed (31 days).
        stay("e", adult(Gender::Female), d(2024, 12, 1), Some(d(2025, 1, 1))),
        // Arrived on the last day and stays: one night.
        stay("f", child(), d(2025, 1, 31), None),
        // Arrives after the period: not counted.
        stay("g", adult(Gender::Female), d(2025, 2, 1), None),
    ];
    let report = Aggregate::from_records(january, 10, &stays, []).report();
    assert_eq!(report.stays().total(), 5);
    assert_eq!(
        (report.stays().adults().female(), report.stays().adults().male(), report.stays().children()),
        (3, 1, 1)
    );
    assert_eq!((report.nights().total(), report.nights().adults(), report.nights().children()), (11, 10, 1));
    assert_eq!(report.length_of_stay().completed(), 2);
    assert_eq!(report.length_of_stay().buckets().days_8_30(), 1);
    assert_eq!(report.length_of_stay().buckets().days_31_90(), 1);
    assert_eq!(report.length_of_stay().median_days(), Some(23.5));
    // 11 nights over 10 beds × 31 days.
    assert!((report.occupancy_rate() - 11.0 / 310.0).abs() < 1e-15);
}

#[test]
fn the_midnight_rule() {
    let year = Period::year(2025).unwrap();
    // Check-in 1 August, check-out 5 August: 4 nights, 4 days.
    let four = stay("a", adult(Gender::Female), d(2025, 8, 1), Some(d(2025, 8, 5)));
    // In and out the same day: no night, and a length of stay of 1 day (the minimum).
    let same_day = stay("b", adult(Gender::Female), d(2025, 8, 1), Some(d(2025, 8, 1)));
    let report = Aggregate::from_records(year, 62, [&four, &same_day], []).report();
    assert_eq!(report.nights().total(), 4);
    assert_eq!(report.length_of_stay().completed(), 2);
    assert_eq!(report.length_of_stay().buckets().days_1_7(), 2);
    assert_eq!(report.length_of_stay().mean_days(), Some(2.5));
}

#[test]
fn opt_outs_count_only_in_excluded_opt_out() {
    for (year, cites_5a) in [(2025, false), (2026, true)] {
        let period = Period::year(year).unwrap();
        let kept = stay("a", adult(Gender::Female), d(year, 3, 1), Some(d(year, 3, 11)))
            .with_violence([ViolenceType::Physical].into_iter().collect())
            .with_relation(Some(Relation::Partner));
        let out = stay("b", adult(Gender::Male), d(year, 3, 1), Some(d(year, 3, 21)))
            .with_statistics_opt_out(true)
            .with_violence([ViolenceType::Sexual].into_iter().collect())
            .with_relation(Some(Relation::Family))
            .with_after_stay(Some(AfterStay::NewHome))
            .with_previous_stays(2);
        let report = Aggregate::from_records(period, 62, [&kept, &out], []).report();
        assert_eq!(report.excluded_opt_out(), 1);
        assert_eq!((report.stays().total(), report.stays().adults().male(), report.residents().total()), (1, 0, 1));
        assert_eq!(report.nights().total(), 10);
        assert_eq!(report.length_of_stay().completed(), 1);
        assert!(!report.violence_types().contains_key(&ViolenceType::Sexual));
        assert!(!report.relations().contains_key(&Relation::Family));
        assert!(report.after_stay().is_empty());
        assert_eq!(report.repeat_stays(), 0);
        assert_eq!(report.municipalities().values().sum::<u64>(), 1);
        // The note explains the exclusion; §5 a is cited only once it is in force.
        let note = report.notes().first().unwrap();
        assert_eq!(note.code().as_str(), "opted_out_of_statistics");
        assert_eq!(note.citations().iter().any(|c| c.section() == "5a"), cites_5a, "{year}");
    }
}

#[test]
fn residents_versus_stays() {
    let year = Period::year(2025).unwrap();
    // One woman comes twice; her second stay is not her first this year. Her child comes with her once.
    let stays = [
        stay("a1", adult(Gender::Female), d(2025, 2, 1), Some(d(2025, 2, 20))),
        stay("a2", adult(Gender::Female), d(2025, 6, 1), Some(d(2025, 6, 30)))
            .with_first_stay_this_year(false)
            .with_previous_stays(1),
        stay("c1", child(), d(2025, 2, 1), Some(d(2025, 2, 20))),
    ];
    let report = Aggregate::from_records(year, 62, &stays, []).report();
    assert_eq!((report.stays().total(), report.stays().adults().female(), report.stays().children()), (3, 2, 1));
    assert_eq!(
        (report.residents().total(), report.residents().adults().female(), report.residents().children()),
        (2, 1, 1)
    );
    assert_eq!(report.repeat_stays(), 1);
}

#[test]
fn median_with_odd_and_even_counts() {
    let year = Period::year(2025).unwrap();
    let lengths = |days: &[i64]| -> Vec<Stay> {
        days.iter()
            .enumerate()
            .map(|(i, n)| {
                let start = d(2025, 3, 1);
                stay(&format!("s{i}"), adult(Gender::Female), start, Some(start + chrono::Duration::days(*n)))
            })
            .collect()
    };
    let odd = Aggregate::from_records(year, 62, &lengths(&[40, 3, 5]), []).report();
    assert_eq!(odd.length_of_stay().median_days(), Some(5.0));
    assert_eq!(odd.length_of_stay().mean_days(), Some(16.0));
    let even = Aggregate::from_records(year, 62, &lengths(&[40, 3, 5, 8]), []).report();
    assert_eq!(even.length_of_stay().median_days(), Some(6.5));
    assert_eq!(even.length_of_stay().mean_days(), Some(14.0));
    let none = Aggregate::from_records(year, 62, &lengths(&[]), []).report();
    assert_eq!((none.length_of_stay().median_days(), none.length_of_stay().mean_days()), (None, None));
}

#[test]
fn day_contacts_inside_the_period() {
    let q1 = Period::try_new(d(2025, 1, 1), d(2025, 3, 31)).unwrap();
    let contacts = [
        DayContact::new(d(2025, 1, 1), ContactMode::InPerson, true),
        DayContact::new(d(2025, 3, 31), ContactMode::Phone, false),
        DayContact::new(d(2025, 2, 14), ContactMode::Outreach, true),
        DayContact::new(d(2025, 4, 1), ContactMode::Phone, true),
    ];
    let report = Aggregate::from_records(q1, 62, [], &contacts).report();
    let c = report.day_contacts();
    assert_eq!((c.total(), c.in_person(), c.phone(), c.outreach(), c.with_interpreter()), (3, 1, 1, 1, 2));
}

#[test]
fn one_small_cell_forces_a_second_suppression() {
    // 20 women, 2 men, 10 children, each a first stay, all from Lillestrøm, still staying.
    let year = Period::year(2025).unwrap();
    let mut stays = Vec::new();
    for i in 0..20 {
        stays.push(stay(&format!("w{i}"), adult(Gender::Female), d(2025, 12, 1), None));
    }
    for i in 0..2 {
        stays.push(stay(&format!("m{i}"), adult(Gender::Male), d(2025, 12, 1), None));
    }
    for i in 0..10 {
        stays.push(stay(&format!("c{i}"), child(), d(2025, 12, 1), None));
    }
    let report = Aggregate::from_records(year, 62, &stays, []).report();
    let published = publish(&PublishInput::new(report.clone(), 5)).unwrap();
    let f = published.figures();
    // The 2 men are a small cell (primary). Published alone, 32 - 20 - 10 would give them back,
    // so the next smallest non-zero cell of the group, the 10 children, is hidden as well.
    assert_eq!(f.stays().adults().male(), None);
    assert_eq!(f.stays().children(), None);
    assert_eq!(
        (f.stays().total(), f.stays().adults().female(), f.stays().adults().other()),
        (Some(32), Some(20), Some(0))
    );
    // Residents equal stays here (everyone's first stay), so the same cells are hidden there;
    // otherwise residents.children = 10 would give stays.children back.
    assert_eq!((f.residents().adults().male(), f.residents().children()), (None, None));
    assert_eq!(
        published.suppressed(),
        ["stays.adults.male", "stays.children", "residents.adults.male", "residents.children"]
    );
    let csv = published.to_csv();
    assert!(csv.contains("stays.adults.male,:\n"));
    assert!(csv.contains("stays.total,32\n"));
    let md = published.to_markdown();
    assert!(md.contains("| stays.children | : |"));
}
