//! Calendar helpers on civil dates.

use chrono::{Datelike, NaiveDate};

/// Adds whole calendar years to a date. 29 February plus N years is 28 February when the
/// target year has no 29 February. Returns `None` only past the range of dates chrono supports.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use krisesenter_core::calendar::add_years;
/// let leap = NaiveDate::from_ymd_opt(2024, 2, 29).ok_or("date")?;
/// assert_eq!(add_years(leap, 10), NaiveDate::from_ymd_opt(2034, 2, 28));
/// assert_eq!(add_years(leap, 4), NaiveDate::from_ymd_opt(2028, 2, 29));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn add_years(date: NaiveDate, years: u32) -> Option<NaiveDate> {
    // By the day of the year, without going through month and day: up to 28 February a date
    // has the same ordinal in every year; from 29 February on the ordinal moves by the leap
    // day of either year, which takes 29 February (60) to 28 February (59) in a common year.
    // (The retention sweep computes one anniversary per written consent; this is the cheap
    // way.)
    let year = date.year().checked_add(i32::try_from(years).ok()?)?;
    NaiveDate::from_yo_opt(year, shifted_ordinal(date, is_leap(year)))
}

/// The day of the year `date` falls on in a year with or without a 29 February (`leap`):
/// the same up to 28 February; from 29 February on it moves by the leap day of either year,
/// which takes 29 February (60) to 28 February (59) in a common year.
#[inline]
fn shifted_ordinal(date: NaiveDate, leap: bool) -> u32 {
    let ordinal = date.ordinal();
    match (date.leap_year(), leap) {
        _ if ordinal <= 59 => ordinal,
        (true, false) => ordinal - 1,
        (false, true) => ordinal + 1,
        (true, true) | (false, false) => ordinal,
    }
}

/// How many target years a [`YearShift`] works out in advance.
const YEAR_SHIFT_WINDOW: usize = 64;

/// [`add_years`] for one number of years and many dates: the first day of each target year in
/// a window of 64 years is worked out once, so shifting a date in the window is a lookup and a
/// change of the day of the year. Dates outside the window are shifted by [`add_years`]; every
/// date gets what [`add_years`] gives. The retention sweep shifts each written consent by the
/// consent period this way.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use krisesenter_core::calendar::{add_years, YearShift};
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
/// // Ten years, for dates given in the 56 years up to 2026 and the 8 after.
/// let shift = YearShift::new(10, 2026);
/// assert_eq!(shift.apply(d(2024, 2, 29)?), d(2034, 2, 28).ok());
/// assert_eq!(shift.apply(d(1900, 3, 1)?), add_years(d(1900, 3, 1)?, 10));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct YearShift {
    years: u32,
    /// The year of the window's first date (the dates shifted, not the targets).
    first_year: i32,
    /// For each year of the window, the first day of the year `years` later (`None` past the
    /// calendar).
    first_days: [Option<NaiveDate>; YEAR_SHIFT_WINDOW],
}

impl YearShift {
    /// Shifts by `years`, with a window of the dates of the 56 years up to `around` and the 8
    /// after it.
    pub fn new(years: u32, around: i32) -> Self {
        let first_year = around.saturating_sub(56);
        let mut first_days = [None; YEAR_SHIFT_WINDOW];
        let mut year = first_year;
        for first_day in &mut first_days {
            *first_day = NaiveDate::from_yo_opt(year, 1).and_then(|date| add_years(date, years));
            year = year.saturating_add(1);
        }
        Self { years, first_year, first_days }
    }

    /// `date` plus the years, as [`add_years`] gives it.
    #[inline]
    pub fn apply(&self, date: NaiveDate) -> Option<NaiveDate> {
        let window = usize::try_from(date.year().wrapping_sub(self.first_year)).ok();
        match window.and_then(|index| self.first_days.get(index)) {
            Some(Some(first_day)) => first_day.with_ordinal(shifted_ordinal(date, first_day.leap_year())),
            Some(None) => None,
            None => add_years(date, self.years),
        }
    }
}

/// Whether `year` of the proleptic Gregorian calendar has a 29 February.
const fn is_leap(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// Days from `from` to `to` (negative when `to` is earlier).
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use krisesenter_core::calendar::days_between;
/// let a = NaiveDate::from_ymd_opt(2025, 8, 1).ok_or("date")?;
/// let b = NaiveDate::from_ymd_opt(2025, 8, 5).ok_or("date")?;
/// assert_eq!(days_between(a, b), 4);
/// assert_eq!(days_between(b, a), -4);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    to.signed_duration_since(from).num_days()
}

/// Nights by the midnight rule: a night counts for each date `d` with `check_in <= d < check_out`,
/// so check-in 1 August and check-out 5 August is 4 nights. Zero when `check_out <= check_in`.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use krisesenter_core::calendar::nights;
/// let a = NaiveDate::from_ymd_opt(2025, 8, 1).ok_or("date")?;
/// let b = NaiveDate::from_ymd_opt(2025, 8, 5).ok_or("date")?;
/// assert_eq!(nights(a, b), 4);
/// assert_eq!(nights(b, a), 0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn nights(check_in: NaiveDate, check_out: NaiveDate) -> u64 {
    u64::try_from(days_between(check_in, check_out)).unwrap_or(0)
}

/// Days in the inclusive period `from..=to` (zero when `to < from`).
pub fn days_inclusive(from: NaiveDate, to: NaiveDate) -> u64 {
    u64::try_from(days_between(from, to).saturating_add(1)).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn leap_day_plus_years() {
        assert_eq!(add_years(d(2024, 2, 29), 1), Some(d(2025, 2, 28)));
        assert_eq!(add_years(d(2024, 2, 29), 10), Some(d(2034, 2, 28)));
        assert_eq!(add_years(d(2024, 2, 29), 0), Some(d(2024, 2, 29)));
        assert_eq!(add_years(d(2023, 3, 1), 1), Some(d(2024, 3, 1)));
        assert_eq!(add_years(d(2020, 12, 31), 10), Some(d(2030, 12, 31)));
        assert_eq!(add_years(NaiveDate::MAX, 1), None);
        assert_eq!(add_years(d(2024, 3, 1), 1), Some(d(2025, 3, 1)));
        assert_eq!(add_years(d(2023, 2, 28), 1), Some(d(2024, 2, 28)));
        assert_eq!(add_years(d(2024, 12, 31), 1), Some(d(2025, 12, 31)));
        assert_eq!(add_years(d(2023, 12, 31), 1), Some(d(2024, 12, 31)));
        assert_eq!(add_years(d(1999, 2, 28), 1), Some(d(2000, 2, 28)));
        assert_eq!(add_years(d(2000, 2, 29), 100), Some(d(2100, 2, 28)));
        assert_eq!(add_years(d(2000, 2, 29), 400), Some(d(2400, 2, 29)));
        assert_eq!(add_years(d(2024, 1, 1), u32::MAX), None);
    }

    /// The ordinal arithmetic gives what month and day give (the definition: the same month
    /// and day N years on, 29 February falling back to 28 February), for every day of four
    /// centuries and every period of 0 to 40 years, and at the ends of chrono's calendar.
    #[test]
    fn add_years_is_the_same_month_and_day() {
        fn by_month_and_day(date: NaiveDate, years: u32) -> Option<NaiveDate> {
            let year = date.year().checked_add(i32::try_from(years).ok()?)?;
            NaiveDate::from_ymd_opt(year, date.month(), date.day())
                .or_else(|| NaiveDate::from_ymd_opt(year, date.month(), date.day().saturating_sub(1)))
        }
        let mut day = d(1800, 1, 1);
        while day < d(2200, 1, 1) {
            for years in 0..=40 {
                assert_eq!(add_years(day, years), by_month_and_day(day, years), "{day} + {years}");
            }
            day = day.succ_opt().unwrap();
        }
        for edge in [NaiveDate::MIN, NaiveDate::MAX, d(262_000, 2, 29), d(-262_000, 3, 1)] {
            for years in [0, 1, 4, 100, 1000, 500_000] {
                assert_eq!(add_years(edge, years), by_month_and_day(edge, years), "{edge} + {years}");
            }
        }
    }

    /// A year shift gives what `add_years` gives, inside its window and outside it, for every
    /// day of three centuries, periods of 0 to 12 years and 100, and windows at the calendar's
    /// ends.
    #[test]
    fn a_year_shift_is_add_years() {
        for years in (0..=12).chain([100]) {
            let shift = YearShift::new(years, 2026);
            let mut day = d(1900, 1, 1);
            while day < d(2200, 1, 1) {
                assert_eq!(shift.apply(day), add_years(day, years), "{day} + {years}");
                day = day.succ_opt().unwrap();
            }
        }
        for around in [NaiveDate::MIN.year(), NaiveDate::MAX.year(), 0] {
            let shift = YearShift::new(10, around);
            for day in
                [NaiveDate::MIN, NaiveDate::MAX, d(262_000, 2, 29), d(-262_000, 3, 1), d(0, 2, 29), d(-40, 12, 31)]
            {
                assert_eq!(shift.apply(day), add_years(day, 10), "{day} around {around}");
            }
        }
    }

    #[test]
    fn midnight_rule() {
        assert_eq!(nights(d(2025, 8, 1), d(2025, 8, 5)), 4);
        assert_eq!(nights(d(2025, 8, 1), d(2025, 8, 1)), 0);
        assert_eq!(days_inclusive(d(2025, 1, 1), d(2025, 12, 31)), 365);
        assert_eq!(days_inclusive(d(2025, 1, 2), d(2025, 1, 1)), 0);
    }
}
