//! The files a simulated year writes, shared by romerike-year (one shelter) and norway-year
//! (the country): `report.json`, `report.csv`, `report.md`, `occupancy.svg`,
//! `room-occupancy.svg`, `stays-by-month.svg`, `year.json` (built by the example: what a
//! checker needs differs) and `casework.md`. Every figure comes from its argument; nothing is
//! read from a clock, so the same figures give the same bytes.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use krisesenter::stats::{HIDDEN_SYMBOL, NOT_APPLICABLE_SYMBOL, Period, Publication, Stay};
use serde_json::Value;
use thiserror::Error;

use crate::figures::CaseFigures;
use crate::svg;
use crate::text::Names;

/// The names of the files written, in the order [`write_files`] writes them.
pub const FILE_NAMES: &str =
    "report.json report.csv report.md occupancy.svg room-occupancy.svg stays-by-month.svg year.json casework.md";

/// Why the files could not be written.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum FilesError {
    /// The output folder could not be made.
    #[error("cannot create {}: {source}", path.display())]
    CreateDir {
        /// The folder.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A file could not be written.
    #[error("cannot write {}: {source}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A document could not be turned into JSON.
    #[error("cannot write {file} as json: {source}")]
    Json {
        /// The file it was for.
        file: &'static str,
        /// Why.
        source: serde_json::Error,
    },
}

/// Whose year the files are of, for their titles.
#[derive(Debug, Clone, Copy)]
pub struct Place<'a> {
    /// The name in every title: `Romerike krisesenter`.
    pub name: &'a str,
    /// Where people sleep, in the occupancy chart's caption: `the shelter`.
    pub sleeping_at: &'a str,
    /// The year.
    pub year: i32,
    /// The seed it was simulated from.
    pub seed: u64,
}

/// Every night of the year at midnight, for the occupancy charts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Nights {
    /// The date of each night, in order.
    pub dates: Vec<NaiveDate>,
    /// People sleeping at the shelter (or shelters) each night, also those who opted out.
    pub beds: Vec<u32>,
    /// The beds there are.
    pub beds_capacity: u32,
    /// Rooms with at least one person each night.
    pub rooms: Vec<u32>,
    /// The rooms there are.
    pub rooms_capacity: u32,
}

impl Nights {
    /// Adds `other`'s nights to these, night by night (two shelters over the same nights).
    /// The default, no nights at all, is the identity: merged into it, `other` is taken as it
    /// is.
    ///
    /// # Errors
    ///
    /// When the two cover different nights (nothing is changed then).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use krisesenter_sim::files::Nights;
    /// let day = NaiveDate::from_ymd_opt(2026, 1, 1).ok_or("date")?;
    /// let shelter = |beds: u32| Nights { dates: vec![day], beds: vec![beds], beds_capacity: 8, rooms: vec![1], rooms_capacity: 2 };
    /// let mut country = Nights::default();
    /// country.merge(&shelter(3))?;
    /// country.merge(&shelter(5))?;
    /// assert!(country.merge(&Nights::default()).is_err());
    /// assert_eq!((country.beds, country.beds_capacity, country.rooms, country.rooms_capacity), (vec![8], 16, vec![2], 4));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn merge(&mut self, other: &Self) -> Result<(), NightsDiffer> {
        if *self == Self::default() {
            self.clone_from(other);
            return Ok(());
        }
        if self.dates != other.dates {
            return Err(NightsDiffer);
        }
        self.beds_capacity += other.beds_capacity;
        self.rooms_capacity += other.rooms_capacity;
        for (mine, theirs) in self.beds.iter_mut().zip(&other.beds) {
            *mine += theirs;
        }
        for (mine, theirs) in self.rooms.iter_mut().zip(&other.rooms) {
            *mine += theirs;
        }
        Ok(())
    }
}

/// Two sets of nights that cover different dates cannot be added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("the nights cover different dates")]
pub struct NightsDiffer;

/// What the shared files show.
#[derive(Debug, Clone, Copy)]
pub struct Figures<'a> {
    /// Whose year.
    pub place: Place<'a>,
    /// The published report (suppressed).
    pub published: &'a Publication,
    /// Municipality names for the labels.
    pub names: &'a Names<'a>,
    /// Every night.
    pub nights: &'a Nights,
    /// Stays begun each month (see [`stays_by_month`]).
    pub stays_by_month: [u32; 12],
    /// The casework figures.
    pub cases: &'a CaseFigures,
    /// The year's last day (the day the open steps are counted).
    pub to: NaiveDate,
    /// Markdown added at the end of report.md (empty for none).
    pub report_notes: &'a str,
}

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// Stays begun in each month of `period`, counting people (adults and children) who did not
/// opt out of statistics.
pub fn stays_by_month<'a>(stays: impl IntoIterator<Item = &'a Stay>, period: Period) -> [u32; 12] {
    let mut months = [0u32; 12];
    for stay in stays.into_iter().filter(|s| !s.statistics_opt_out() && period.contains(s.check_in())) {
        if let Some(m) = months.get_mut(stay.check_in().month0() as usize) {
            *m += 1;
        }
    }
    months
}

/// Writes the eight files into `dir` (made when missing): the shared seven from `figures`,
/// and `year_json` as year.json.
///
/// # Errors
///
/// [`FilesError`] when the folder cannot be made, a file cannot be written, or a document
/// cannot be turned into JSON.
pub fn write_files(dir: &Path, figures: &Figures<'_>, year_json: &Value) -> Result<(), FilesError> {
    std::fs::create_dir_all(dir).map_err(|source| FilesError::CreateDir { path: dir.to_owned(), source })?;
    let write = |name: &str, text: &str| -> Result<(), FilesError> {
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(|source| FilesError::Write { path, source })
    };
    let Figures { place, published, names, nights, .. } = *figures;
    let (name, year, seed) = (place.name, place.year, place.seed);
    write("report.json", &pretty("report.json", published)?)?;
    let rows = labelled_rows(published, names);
    let mut csv = String::from("figure,label,value\n");
    for (path, label, value) in &rows {
        let _ = writeln!(csv, "{path},{label},{value}");
    }
    write("report.csv", &csv)?;
    let mut md = format!(
        "# {name} {year}: published figures\n\nSimulated year (seed {seed}). Counts from 1 to {} are hidden, \
         and further cells so that none can be recomputed from a total.\n\n| figure | what it counts | value |\n|---|---|---:|\n",
        published.threshold() - 1,
    );
    for (path, label, value) in &rows {
        let _ = writeln!(md, "| {path} | {label} | {value} |");
    }
    let _ = writeln!(
        md,
        "\n`{HIDDEN_SYMBOL}` hidden to protect people (threshold {}); `{NOT_APPLICABLE_SYMBOL}` cannot be given.",
        published.threshold()
    );
    md.push_str(figures.report_notes);
    write("report.md", &md)?;

    let month_starts: Vec<(usize, &str)> = nights
        .dates
        .iter()
        .enumerate()
        .filter(|(_, d)| d.day() == 1)
        .map(|(i, d)| (i, MONTHS.get(d.month0() as usize).copied().unwrap_or("")))
        .collect();
    let caption = format!(
        "people (adults and children) sleeping at {} at midnight, also those who opted out of statistics",
        place.sleeping_at
    );
    write(
        "occupancy.svg",
        &svg::occupancy_chart(
            &format!("Beds occupied each night, {name} {year} (seed {seed})"),
            &nights.beds,
            nights.beds_capacity,
            &month_starts,
            &svg::Counted { unit: "beds", caption: &caption },
        ),
    )?;
    write(
        "room-occupancy.svg",
        &svg::occupancy_chart(
            &format!("Rooms in use each night, {name} {year} (seed {seed})"),
            &nights.rooms,
            nights.rooms_capacity,
            &month_starts,
            &svg::Counted {
                unit: "rooms",
                caption: "rooms with at least one person at midnight (a household has a room of its own)",
            },
        ),
    )?;
    let bars: Vec<(&str, u32)> = MONTHS.iter().copied().zip(figures.stays_by_month).collect();
    write(
        "stays-by-month.svg",
        &svg::bar_chart(
            &format!("Stays begun per month, {name} {year} (seed {seed})"),
            &bars,
            ("people checking in", "month of check-in"),
            "adults and children, not those who opted out of statistics; stays begun the year before are not in it",
        ),
    )?;
    write("year.json", &pretty("year.json", year_json)?)?;
    write("casework.md", &casework_markdown(place, figures.to, figures.cases))
}

/// `value` as pretty JSON with a final newline.
fn pretty<T: serde::Serialize>(file: &'static str, value: &T) -> Result<String, FilesError> {
    serde_json::to_string_pretty(value).map(|text| text + "\n").map_err(|source| FilesError::Json { file, source })
}

/// Every published figure with a readable label: municipalities by name beside the code.
pub fn labelled_rows(published: &Publication, names: &Names<'_>) -> Vec<(String, String, String)> {
    published
        .rows()
        .into_iter()
        .map(|(path, value)| {
            let label = label(&path, names);
            (path, label, value)
        })
        .collect()
}

/// A readable label for a figure's path (`stays.adults.female` → `stays: adult women`).
fn label(path: &str, names: &Names<'_>) -> String {
    let words = |s: &str| s.replace('_', " ");
    let (head, rest) = path.split_once('.').unwrap_or((path, ""));
    let what = match head {
        "period" => "period",
        "stays" => "stays",
        "residents" => "residents (first stay this year)",
        "excluded_opt_out" => return "stays left out: opted out of statistics".to_owned(),
        "nights" => "nights",
        "occupancy_rate" => return "share of beds in use on a mean night (the opted out left out)".to_owned(),
        "length_of_stay" => "length of completed stays",
        "violence_types" => "violence told of",
        "relations" => "the perpetrator is",
        "municipalities" => "stays from",
        "after_stay" => "after the stay",
        "repeat_stays" => return "adult stays by people who had stayed before".to_owned(),
        "day_contacts" => "day service contacts",
        other => other,
    };
    let detail = match rest {
        "" => return what.to_owned(),
        "adults.female" => "adult women".to_owned(),
        "adults.male" => "adult men".to_owned(),
        "adults.other" => "adults of another gender".to_owned(),
        "adults.unknown" => "adults of unknown gender".to_owned(),
        "median_days" => "median in days".to_owned(),
        "mean_days" => "mean in days".to_owned(),
        code if head == "municipalities" => {
            names.get(code).map_or_else(|| format!("municipality {code}"), |name| format!("{code} {name}"))
        }
        bucket if bucket.starts_with("buckets.") => format!("{} days", bucket.trim_start_matches("buckets.")),
        other => words(other),
    };
    // No comma: the label is a CSV field.
    format!("{what}: {detail}")
}

/// casework.md: the stay and after, from the cases.
fn casework_markdown(place: Place<'_>, to: NaiveDate, c: &CaseFigures) -> String {
    let mut s = format!(
        "# {} {}: the stay and after\n\nSimulated year (seed {}), from every household's case \
         (krisesenter-casework). Internal figures for the shelter's own follow-up, not published statistics: \
         small counts are not hidden. How far each household comes is drawn by the simulation (assumptions, \
         README).\n",
        place.name, place.year, place.seed
    );
    let share = |n: usize| if c.ended == 0 { 0.0 } else { 100.0 * n as f64 / c.ended as f64 };
    let _ = writeln!(s, "\n| figure | households | share of stays ended |\n|---|---:|---:|");
    let _ = writeln!(s, "| stays ended in the year | {} | |", c.ended);
    let _ = writeln!(s, "| phase 1: the need for a home clarified | {} | {:.0} % |", c.phase_1, share(c.phase_1));
    let _ = writeln!(s, "| phase 2: a safe home found | {} | {:.0} % |", c.phase_2, share(c.phase_2));
    let _ = writeln!(s, "| phase 3: a follow-up plan made | {} | {:.0} % |", c.phase_3, share(c.phase_3));
    let _ = writeln!(
        s,
        "| settled in a safe home with a plan and a coordinator | {} | {:.0} % |",
        c.goal_reached,
        share(c.goal_reached)
    );
    let _ = writeln!(s, "\n| destination | stays ended |\n|---|---:|");
    for (destination, n) in &c.destinations {
        let _ = writeln!(s, "| {destination} | {n} |");
    }
    let _ = writeln!(
        s,
        "\nNights stayed in the year by these households: {}; of them {} ({:.1} %) only while waiting for a new \
         home ({} households stayed past their planned day because no home was found yet).",
        c.nights,
        c.nights_waiting_for_home,
        if c.nights == 0 { 0.0 } else { 100.0 * c.nights_waiting_for_home as f64 / c.nights as f64 },
        c.households_waiting_for_home
    );
    let _ = writeln!(s, "\n| step open on {to} | open | overdue |\n|---|---:|---:|");
    for (code, (open, overdue)) in &c.open_steps {
        let _ = writeln!(s, "| {code} | {open} | {overdue} |");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Nights with no beds yet (a shelter whose rooms are all closed) still add up night by
    /// night: only the default, with no nights at all, is taken over whole.
    #[test]
    fn nights_without_capacity_still_add_up() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let mut closed =
            Nights { dates: vec![day], beds: vec![0], beds_capacity: 0, rooms: vec![0], rooms_capacity: 0 };
        let open = Nights { dates: vec![day], beds: vec![3], beds_capacity: 6, rooms: vec![1], rooms_capacity: 2 };
        closed.merge(&open).unwrap();
        closed.merge(&open).unwrap();
        assert_eq!((closed.beds, closed.beds_capacity, closed.rooms, closed.rooms_capacity), (vec![6], 12, vec![2], 4));
        let mut empty_dates = Nights { beds_capacity: 5, ..Nights::default() };
        assert_eq!(empty_dates.merge(&open), Err(NightsDiffer));
        assert_eq!(empty_dates.beds_capacity, 5, "nothing changed");
    }
}
