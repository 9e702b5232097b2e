//! Benchmarks of the exact placement (`krisesenter_rooms::allocate`) on seeded synthetic
//! instances: a Romerike-size shelter (16 rooms, 24 households), 40 rooms with 60
//! households, a national-size instance (450 rooms in 45 units, 520 households), and the
//! hostile families of issue 17 (see [`families`]), all with the default node budget.
//!
//! ```text
//! cargo bench --bench rooms -- --warm-up-time 1 --measurement-time 3
//! cargo bench --bench rooms -- --export target/rooms-peer/instances [--runs N]   # for benches/rooms-peer
//! ```
//!
//! With `--export DIR` the binary writes each instance as the JSON input of the `allocate`
//! command (`DIR/NAME.json`) and our optimum and median time (`DIR/NAME.ours.json`), which the
//! CP-SAT peer script in `benches/rooms-peer/` reads.
#![forbid(unsafe_code)]
#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "benchmark setup: a failure should stop the run"
)]

use std::io::Write;
use std::time::Instant;

use chrono::NaiveDate;
use criterion::Criterion;
use krisesenter::core::{Gender, RoomId};
use krisesenter::rooms::{
    Adult, AllocateInput, Child, HouseholdRequest, Inventory, Needs, Policy, Priority, Room, allocate,
    allocate_with_stats,
};
use krisesenter::rooms::{HouseholdId, UnitId};

/// The day the benchmark placements are made on.
fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
}

/// Needs as given, in this order.
fn needs(accessible: bool, screened: bool, pet: bool) -> Needs {
    let mut needs = Needs::default();
    needs.accessible = accessible;
    needs.screened = screened;
    needs.pet = pet;
    needs
}
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// A benchmark instance: its name and how it is generated.
struct Spec {
    name: &'static str,
    /// `None`: the Romerike default; `Some((units, rooms per unit))` otherwise.
    layout: Option<(usize, usize)>,
    households: usize,
    seed: u64,
}

const SPECS: &[Spec] = &[
    Spec { name: "romerike_16x24", layout: None, households: 24, seed: 1 },
    Spec { name: "rooms_40x60", layout: Some((4, 10)), households: 60, seed: 2 },
    Spec { name: "national_450x520", layout: Some((45, 10)), households: 520, seed: 3 },
];

fn id<T: std::str::FromStr>(s: String) -> T
where
    T::Err: std::fmt::Debug,
{
    s.parse().expect("generated ids are valid")
}

/// Rooms: the Romerike default, or `units` units of `per_unit` rooms with 2 to 5 beds, the
/// last room of each unit screened, about one room in seven accessible.
fn inventory(spec: &Spec, rng: &mut ChaCha8Rng) -> Inventory {
    let Some((units, per_unit)) = spec.layout else { return Inventory::romerike() };
    let mut rooms = Vec::new();
    for u in 0..units {
        for r in 0..per_unit {
            let beds = [2, 3, 4, 4, 5][rng.random_range(0..5)];
            let screened = r + 1 == per_unit;
            let accessible = rng.random_bool(0.15);
            rooms.push(
                Room::try_new(
                    id::<RoomId>(format!("u{u:02}r{r:02}")),
                    id::<UnitId>(format!("u{u:02}")),
                    beds,
                    accessible,
                    screened,
                )
                .unwrap(),
            );
        }
    }
    let kennel = u16::try_from(rooms.len() / 8).unwrap();
    Inventory::from_rooms(rooms, kennel).unwrap()
}

/// A household of `size` people with adults of `gender`.
#[expect(clippy::too_many_arguments, reason = "a generator of test data, every field a knob")]
fn household(
    name: String,
    gender: Gender,
    size: usize,
    couple: Option<Gender>,
    priority: u8,
    needs: Needs,
    keep_apart: Vec<HouseholdId>,
    current: Option<RoomId>,
    rng: &mut ChaCha8Rng,
) -> HouseholdRequest {
    let mut adults = vec![Adult::new(gender)];
    if let Some(g) = couple {
        adults.push(Adult::new(g));
    }
    let children: Vec<Child> = (adults.len()..size).map(|_| Child::try_new(rng.random_range(0..18)).unwrap()).collect();
    let mut h = HouseholdRequest::builder(id(name), Priority::try_new(priority).unwrap())
        .adults(adults)
        .children(children)
        .needs(needs)
        .keep_apart_from(keep_apart);
    if let Some(room) = current {
        h = h.living_in(room);
    }
    h.build().unwrap()
}

fn adult_gender(rng: &mut ChaCha8Rng, male_unit: bool) -> Gender {
    let x: f64 = rng.random();
    match (male_unit, x) {
        (_, x) if x < 0.05 => Gender::Unknown,
        (_, x) if x < 0.08 => Gender::Other,
        (true, _) => Gender::Male,
        (false, _) => Gender::Female,
    }
}

/// A seeded instance: about half the rooms hold a current resident (female in most units,
/// male in every fifth, as the national split of rooms for women and men), the rest of the
/// households are new: mostly women with children, some men, a few couples of a woman and a
/// man, some with needs, pets or someone to be kept apart from.
fn instance(spec: &Spec) -> AllocateInput {
    let mut rng = ChaCha8Rng::seed_from_u64(spec.seed);
    let inv = inventory(spec, &mut rng);
    let mut households = Vec::new();
    let mut pets = 0u16;
    for room in inv.rooms() {
        if households.len() >= spec.households / 2 || !rng.random_bool(0.6) {
            continue;
        }
        let unit_no: usize =
            room.unit().as_str().trim_start_matches(|c: char| !c.is_ascii_digit()).parse().unwrap_or(0);
        let male_unit = spec.layout.is_some() && unit_no % 5 == 4;
        let size = rng.random_range(1..=usize::from(room.beds()));
        let pet = pets < inv.kennel_places() && rng.random_bool(0.08);
        pets += u16::from(pet);
        let needs = needs(room.accessible() && rng.random_bool(0.3), room.screened(), pet);
        let name = format!("h{:04}", households.len());
        let gender = adult_gender(&mut rng, male_unit);
        let priority = rng.random_range(1..=5);
        households.push(household(
            name,
            gender,
            size,
            None,
            priority,
            needs,
            vec![],
            Some(room.id().clone()),
            &mut rng,
        ));
    }
    while households.len() < spec.households {
        let name = format!("h{:04}", households.len());
        let male = rng.random_bool(0.15);
        let gender = adult_gender(&mut rng, male);
        let couple =
            rng.random_bool(0.04).then_some(if gender == Gender::Female { Gender::Male } else { Gender::Female });
        let size = rng.random_range(1..=5usize).max(1 + usize::from(couple.is_some()));
        let needs = needs(rng.random_bool(0.05), rng.random_bool(0.06), rng.random_bool(0.08));
        let keep_apart = if rng.random_bool(0.05) && !households.is_empty() {
            let other = rng.random_range(0..households.len());
            vec![id(format!("h{other:04}"))]
        } else {
            vec![]
        };
        let priority = rng.random_range(1..=5);
        households.push(household(name, gender, size, couple, priority, needs, keep_apart, None, &mut rng));
    }
    AllocateInput::new(Policy::default(), &inv, households)
}

/// The hostile families of issue 17 (generators in `krisesenter_testkit::rooms::hostile`):
/// keep-apart cliques of 6 to 12 households in 4 to 6 units of two single rooms; random
/// `by_unit` shelters of 50 units (3 rooms of 1-6 beds each) with a fifth residents, at 100,
/// 200 and 500 households; `integrated` shelters with 2n random keep-apart pairs at 200, 500
/// and 1,000 households.
fn families() -> Vec<(String, AllocateInput)> {
    use krisesenter_testkit::rooms::hostile;
    let mut out = Vec::new();
    for (n, units) in [(6, 4), (7, 4), (8, 4), (10, 5), (12, 6)] {
        out.push((format!("clique_{n}in{units}"), hostile::keep_apart_clique(n, units, 1)));
    }
    for n in [100, 200, 500] {
        out.push((format!("byunit50_{n}"), hostile::by_unit_shelter(50, 3, n, 1)));
    }
    for n in [200, 500, 1000] {
        out.push((format!("pairs_{n}"), hostile::keep_apart_pairs(n, 1)));
    }
    out
}

/// Every instance of this file, named: the shelters of [`SPECS`], then the hostile families.
fn instances() -> Vec<(String, AllocateInput, bool)> {
    let mut out: Vec<(String, AllocateInput, bool)> = SPECS
        .iter()
        .map(|spec| (spec.name.to_owned(), instance(spec), spec.layout.is_some_and(|(u, _)| u > 10)))
        .collect();
    out.extend(families().into_iter().map(|(name, input)| (name, input, true)));
    out
}

fn bench_allocate(c: &mut Criterion) {
    let mut group = c.benchmark_group("allocate");
    for (name, input, large) in instances() {
        allocate(&input, as_of()).expect("the generated instances are feasible");
        if large {
            group.sample_size(10);
        }
        group.bench_function(&name, |b| b.iter(|| allocate(std::hint::black_box(&input), as_of())));
    }
    group.finish();
}

/// Runs every benchmark of this file (what `criterion_group!` would generate).
fn benches() {
    let mut c = Criterion::default().configure_from_args();
    bench_allocate(&mut c);
}

/// CPU time of this process so far in seconds (user + system, from `/proc/self/stat`, in
/// clock ticks of 1/100 s), where the platform has it. On a loaded machine the wall time of a
/// run includes time spent waiting for a core; the CPU time does not.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after_name = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    // Fields 14 and 15 of stat(5) (utime, stime); `after_name` starts at field 3.
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

/// Writes the instances, our optimum and our median time for the peer comparison.
fn export(dir: &std::path::Path, runs_override: Option<usize>) -> Result<(), Box<dyn std::error::Error>> {
    std::fs::create_dir_all(dir)?;
    let mut out = std::io::stdout();
    for (name, input, large) in instances() {
        let (allocation, stats) = allocate_with_stats(&input, as_of())?;
        let runs = runs_override.unwrap_or(if large { 3 } else { 101 });
        let cpu_start = cpu_seconds();
        let mut times: Vec<f64> = (0..runs)
            .map(|_| {
                let start = Instant::now();
                let _ = std::hint::black_box(allocate(std::hint::black_box(&input), as_of()));
                start.elapsed().as_secs_f64()
            })
            .collect();
        let cpu_mean = cpu_seconds().zip(cpu_start).map(|(end, start)| (end - start) / runs as f64);
        times.sort_by(f64::total_cmp);
        let median = times[times.len() / 2];
        // The contract's `allocate` document: the day beside the input's fields.
        let document = serde_json::json!({
            "as_of": as_of(),
            "policy": input.policy(),
            "kennel_places": input.kennel_places(),
            "rooms": input.rooms(),
            "households": input.households(),
        });
        std::fs::write(dir.join(format!("{name}.json")), serde_json::to_string_pretty(&document)?)?;
        let ours = serde_json::json!({
            "objective": allocation.objective(),
            "median_seconds": median,
            "mean_cpu_seconds": cpu_mean,
            "runs": runs,
            "nodes": stats.nodes(),
            "proven_optimal": allocation.proven_optimal(),
            "bound": allocation.bound(),
            "rooms": input.rooms().len(),
            "households": input.households().len(),
        });
        std::fs::write(dir.join(format!("{name}.ours.json")), serde_json::to_string_pretty(&ours)?)?;
        writeln!(
            out,
            "{}: {} rooms, {} households, objective {:?}, {} nodes, proven {}, priority bound {}, median {:.3} ms over {runs} runs, mean CPU {:.3} ms",
            name,
            input.rooms().len(),
            input.households().len(),
            allocation.objective(),
            stats.nodes(),
            allocation.proven_optimal(),
            allocation.bound().priority_placed(),
            median * 1e3,
            cpu_mean.unwrap_or(f64::NAN) * 1e3
        )?;
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    if let Some(pos) = args.iter().position(|a| a == "--export") {
        let dir = args.get(pos + 1).map_or("target/rooms-peer/instances", String::as_str);
        let runs = args.iter().position(|a| a == "--runs").and_then(|i| args.get(i + 1)).and_then(|n| n.parse().ok());
        return export(std::path::Path::new(dir), runs);
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
    Ok(())
}
