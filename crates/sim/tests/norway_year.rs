//! norway-year on a smaller country, in process: its modules are compiled into this test with
//! `#[path]` (as tests/alternatives_plan.rs does), so the checks read each shelter's records,
//! which never leave the shelter in the example.
//!
//! - The monoid law at national scale: the national report merged from the shelters'
//!   aggregates equals the report computed from all stays and day contacts of all shelters in
//!   one pass, and so do the published figures.
//! - The shelters' figures do not depend on the number of threads.
//! - No room is ever over capacity, on any night, at any shelter.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "test helpers fail loudly"
)]

#[path = "../examples/romerike-year/arrivals.rs"]
#[allow(dead_code, unreachable_pub, reason = "romerike-year's generator, partly used")]
mod arrivals;
#[path = "../examples/romerike-year/cases.rs"]
#[allow(dead_code, reason = "romerike-year's casework, partly used")]
mod cases;
#[path = "../examples/norway-year/country.rs"]
#[allow(dead_code, reason = "norway-year's country, partly used")]
mod country;
#[path = "../examples/romerike-year/nights.rs"]
mod nights;
#[path = "../examples/romerike-year/sim.rs"]
#[allow(dead_code, reason = "romerike-year's day loop, partly used")]
mod sim;

use std::collections::BTreeMap;

use krisesenter::stats::{
    Aggregate, DEFAULT_THRESHOLD, Period, PublishInput, ReportInput, Stay, StayId, publish, report,
};

use country::{Shelter, Spec};

const YEAR: i32 = 2026;
const SEED: u64 = 15;

/// A small country: four small shelters (one integrated), in two counties.
fn small_country() -> Vec<Shelter> {
    const SPECS: [Spec; 4] = [
        Spec { name: "Alta", municipalities: &[(5601, 1)], thousands: 35, integrated: false },
        Spec { name: "Vågan", municipalities: &[(1865, 1)], thousands: 25, integrated: true },
        Spec { name: "Sortland", municipalities: &[(1870, 1)], thousands: 30, integrated: false },
        Spec { name: "Harstad", municipalities: &[(5503, 1), (5501, 1)], thousands: 45, integrated: false },
    ];
    SPECS.iter().enumerate().map(|(i, spec)| Shelter::new(*spec, i, SEED).unwrap()).collect()
}

/// The same stay under an id made unique in the country (each shelter numbers its own).
fn renamed(stay: &Stay, shelter: usize) -> Stay {
    Stay::try_new(
        StayId::try_new(format!("s{shelter}-{}", stay.id().as_str())).unwrap(),
        *stay.person(),
        stay.check_in(),
        stay.check_out(),
    )
    .unwrap()
    .with_first_stay_this_year(stay.first_stay_this_year())
    .with_statistics_opt_out(stay.statistics_opt_out())
    .with_violence(stay.violence_types())
    .with_relation(stay.relation())
    .with_after_stay(stay.after_stay())
    .with_previous_stays(stay.previous_stays())
}

#[test]
fn the_merged_national_report_is_the_report_of_all_stays_in_one_pass() {
    let shelters = small_country();
    let period = Period::year(YEAR).unwrap();
    let years: Vec<sim::Year> = shelters.iter().map(|s| s.simulate(YEAR).unwrap()).collect();
    let locals: Vec<country::Local> = years.iter().map(|y| country::local(y).unwrap()).collect();
    let national = country::merge(period, &locals).unwrap();

    // One pass over every record of every shelter, through the report's own entry point.
    let beds: u64 = years.iter().map(|y| u64::from(y.inventory.total_beds())).sum();
    let stays: Vec<Stay> =
        years.iter().enumerate().flat_map(|(i, y)| y.stays.iter().map(move |s| renamed(s, i))).collect();
    let contacts: Vec<_> = years.iter().flat_map(|y| y.day_contacts.iter().copied()).collect();
    assert!(stays.len() > 80, "a country with stays to count: {}", stays.len());
    let one_pass = report(&ReportInput::new(period, beds, stays.clone(), contacts.clone())).unwrap();
    assert_eq!(national.aggregate.report(), one_pass);
    assert_eq!(national.aggregate, Aggregate::from_records(period, beds, &stays, &contacts));

    // And so the published figures (suppression runs on the national table, not per shelter).
    let merged = publish(&PublishInput::new(national.aggregate.report(), DEFAULT_THRESHOLD)).unwrap();
    let direct = publish(&PublishInput::new(one_pass, DEFAULT_THRESHOLD)).unwrap();
    assert_eq!(serde_json::to_string(&merged).unwrap(), serde_json::to_string(&direct).unwrap());

    // The other national figures are the sums of the shelters'.
    let nights: u64 = years.iter().flat_map(|y| y.days.iter()).map(|d| u64::from(d.beds_occupied)).sum();
    assert_eq!(national.nights.beds.iter().map(|b| u64::from(*b)).sum::<u64>(), nights);
    assert_eq!(u64::from(national.nights.beds_capacity), beds);
    let records: usize = years.iter().map(|y| y.records.len()).sum();
    let r = &national.retention;
    assert_eq!((national.counts.records, r.kept + r.deleted + r.held), (records, records));
    assert_eq!(national.cases.cases, locals.iter().map(|l| l.cases.cases).sum::<usize>());
}

#[test]
fn the_shelters_figures_do_not_depend_on_the_number_of_threads() {
    let shelters = small_country();
    let one = country::run(&shelters, YEAR, 1).unwrap();
    for threads in [2, 3, 8] {
        let many = country::run(&shelters, YEAR, threads).unwrap();
        for (a, b) in one.iter().zip(&many) {
            assert_eq!(a.aggregate, b.aggregate, "{threads} threads");
            assert_eq!((&a.nights, &a.cases, &a.counts), (&b.nights, &b.cases, &b.counts), "{threads} threads");
        }
    }
    // Each shelter's year is its own: simulated alone, it gives the same figures.
    let alone = country::local(&shelters[2].simulate(YEAR).unwrap()).unwrap();
    assert_eq!(alone.aggregate, one[2].aggregate);
}

#[test]
fn no_room_is_ever_over_capacity() {
    for shelter in small_country() {
        let year = shelter.simulate(YEAR).unwrap();
        let beds: BTreeMap<_, _> =
            year.inventory.rooms().iter().map(|r| (r.id().clone(), u32::from(r.beds()))).collect();
        assert_eq!(year.days.len(), 365);
        let mut busy = 0;
        for day in &year.days {
            assert_eq!(day.rooms.len(), beds.len(), "every room listed every night");
            for (room, people) in &day.rooms {
                assert!(*people <= beds[room], "{} {room}: {people} people on {}", shelter.spec.name, day.date);
                busy += usize::from(*people > 0);
            }
            assert!(day.beds_occupied <= year.inventory.total_beds());
        }
        assert!(busy > 0, "{} housed someone", shelter.spec.name);
        // The counter that travels says the same.
        assert_eq!(country::local(&year).unwrap().counts.over_capacity, 0);
    }
}

/// Each of the country's figures is the sum of the shelters', field by field, and merging is
/// the same in any order (the other monoids that travel beside the statistics' aggregate).
#[test]
fn the_national_figures_add_up_the_shelters() {
    let shelters = small_country();
    let locals = country::run(&shelters, YEAR, 2).unwrap();
    let period = Period::year(YEAR).unwrap();
    let national = country::merge(period, &locals).unwrap();
    let sum = |f: &dyn Fn(&country::Local) -> u64| locals.iter().map(f).sum::<u64>();
    let n = |x: usize| x as u64;

    let c = &national.cases;
    assert_eq!(n(c.cases), sum(&|l| n(l.cases.cases)));
    assert_eq!(n(c.ended), sum(&|l| n(l.cases.ended)));
    assert_eq!(n(c.phase_1), sum(&|l| n(l.cases.phase_1)));
    assert_eq!(n(c.phase_2), sum(&|l| n(l.cases.phase_2)));
    assert_eq!(n(c.phase_3), sum(&|l| n(l.cases.phase_3)));
    assert_eq!(n(c.goal_reached), sum(&|l| n(l.cases.goal_reached)));
    assert_eq!(c.nights, sum(&|l| l.cases.nights));
    assert_eq!(c.nights_waiting_for_home, sum(&|l| l.cases.nights_waiting_for_home));
    assert_eq!(n(c.households_waiting_for_home), sum(&|l| n(l.cases.households_waiting_for_home)));
    assert_eq!(n(c.destinations.values().sum()), n(c.ended));
    for (code, (open, overdue)) in &c.open_steps {
        let of = |l: &country::Local| l.cases.open_steps.get(code).copied().unwrap_or((0, 0));
        assert_eq!((n(*open), n(*overdue)), (sum(&|l| n(of(l).0)), sum(&|l| n(of(l).1))), "{code}");
    }
    for (destination, count) in &c.destinations {
        assert_eq!(n(*count), sum(&|l| n(l.cases.destinations.get(destination).copied().unwrap_or(0))));
    }

    let r = &national.retention;
    assert_eq!(n(r.kept), sum(&|l| n(l.retention.kept)));
    assert_eq!(n(r.deleted), sum(&|l| n(l.retention.deleted)));
    assert_eq!(n(r.held), sum(&|l| n(l.retention.held)));
    assert_eq!(n(r.by_rule.values().sum()), n(r.deleted));
    assert!(!r.policy.is_empty(), "the policy's version travels with the counts");
    assert_eq!(r.policy, locals[0].retention.policy);
    assert!(r.certificates.is_empty(), "no certificate leaves a shelter");

    let nights = &national.nights;
    assert_eq!(u64::from(nights.beds_capacity), sum(&|l| u64::from(l.nights.beds_capacity)));
    assert_eq!(u64::from(nights.rooms_capacity), sum(&|l| u64::from(l.nights.rooms_capacity)));
    for (i, date) in nights.dates.iter().enumerate() {
        assert_eq!(u64::from(nights.beds[i]), sum(&|l| u64::from(l.nights.beds[i])), "{date}");
        assert_eq!(u64::from(nights.rooms[i]), sum(&|l| u64::from(l.nights.rooms[i])), "{date}");
    }
    assert_eq!(nights.dates, locals[0].nights.dates);
    for m in 0..12 {
        assert_eq!(u64::from(national.stays_by_month[m]), sum(&|l| u64::from(l.stays_by_month[m])));
    }
    assert_eq!(n(national.counts.records), sum(&|l| n(l.counts.records)));
    assert_eq!(n(national.counts.placed), sum(&|l| n(l.counts.placed)));

    // In any order.
    let mut reversed = locals.clone();
    reversed.reverse();
    let other = country::merge(period, &reversed).unwrap();
    assert_eq!(
        (&other.aggregate, &other.nights, &other.cases),
        (&national.aggregate, &national.nights, &national.cases)
    );
    assert_eq!((&other.retention, &other.counts), (&national.retention, &national.counts));
    // Nights of different dates do not add up.
    let mut leap = locals[0].nights.clone();
    leap.dates.pop();
    assert!(national.nights.clone().merge(&leap).is_err());
}

/// Romerike in the country is romerike-year's Romerike: the same setup, seed and streams give
/// the same year, and so the same local figures.
#[test]
fn the_countrys_romerike_lives_romerike_years_year() {
    let index = country::SHELTERS.iter().position(|s| s.name == country::ROMERIKE).unwrap();
    let shelter = Shelter::new(country::SHELTERS[index], index, SEED).unwrap();
    let in_country = shelter.simulate(YEAR).unwrap();
    let alone = sim::run(YEAR, SEED).unwrap();
    assert_eq!(in_country.stays, alone.stays);
    assert_eq!(in_country.day_contacts, alone.day_contacts);
    assert_eq!(in_country.days.len(), alone.days.len());
    let local = country::local(&in_country).unwrap();
    assert_eq!(local.aggregate, country::local(&alone).unwrap().aggregate);
    assert_eq!(local.nights.beds_capacity, 62);
}
