//! The occupancy calendar: bookings of rooms over dates, nights by the midnight rule, free
//! beds and rooms on a date, and a forecast of free beds from expected check-outs.
//!
//! A booking holds its room for every night `d` with `check_in <= d < check_out` (the
//! midnight rule of DOMAIN.md §3: check-in 1 August, check-out 5 August is 4 nights). A
//! booking without a check-out date is open-ended: it holds the room every night from its
//! check-in on. A room holds one household at a time, so the beds of an occupied room are
//! not free even when the household leaves some of them empty.

use crate::HouseholdId;
use chrono::NaiveDate;
use krisesenter_core::{RoomId, calendar};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::inventory::Inventory;

/// Why a booking or a calendar is not acceptable.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum CalendarError {
    /// The check-out is not after the check-in.
    #[error("a booking checks out on or before its check-in")]
    CheckOutNotAfterCheckIn {
        /// The room.
        room: RoomId,
        /// The check-in.
        check_in: NaiveDate,
        /// The check-out.
        check_out: NaiveDate,
    },
    /// A booking of nobody.
    #[error("a booking holds no people")]
    NoPeople {
        /// The room.
        room: RoomId,
    },
    /// A booking of a room the inventory does not have.
    #[error("a booking names a room that is not in the inventory")]
    UnknownRoom {
        /// Zero-based position of the booking.
        index: usize,
        /// The room.
        room: RoomId,
    },
    /// More people than the room has beds.
    #[error("a booking puts more people in a room than it has beds")]
    OverCapacity {
        /// Zero-based position of the booking.
        index: usize,
        /// The room.
        room: RoomId,
        /// People booked.
        people: u16,
        /// Beds in the room.
        beds: u16,
    },
    /// Two bookings hold the same room on the same night.
    #[error("two bookings hold one room on the same night")]
    Overlap {
        /// The room.
        room: RoomId,
        /// The first night both hold it.
        night: NaiveDate,
        /// Zero-based position of one booking.
        first: usize,
        /// Zero-based position of the other.
        second: usize,
    },
}

/// One household's stay in one room.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use krisesenter_core::RoomId;
/// use krisesenter_rooms::HouseholdId;
/// use krisesenter_rooms::Booking;
/// let aug = |d| NaiveDate::from_ymd_opt(2025, 8, d).ok_or("date");
/// let stay = Booking::try_new(RoomId::try_new("r01")?, HouseholdId::try_new("h1")?, 2, aug(1)?, Some(aug(5)?))?;
/// assert_eq!(stay.nights(), Some(4));
/// assert!(Booking::try_new(RoomId::try_new("r01")?, HouseholdId::try_new("h1")?, 2, aug(5)?, Some(aug(5)?)).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(try_from = "RawBooking", deny_unknown_fields)]
#[schemars(description = "One household's stay in one room, from check-in to the (expected) check-out.")]
pub struct Booking {
    room: RoomId,
    household: HouseholdId,
    people: u16,
    check_in: NaiveDate,
    check_out: Option<NaiveDate>,
}

/// The unchecked wire form of a [`Booking`].
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Booking")]
struct RawBooking {
    room: RoomId,
    household: HouseholdId,
    /// People in the household, at least one.
    #[schemars(range(min = 1))]
    people: u16,
    check_in: NaiveDate,
    /// The (expected) check-out; `null` while no date is known.
    check_out: Option<NaiveDate>,
}

impl TryFrom<RawBooking> for Booking {
    type Error = CalendarError;
    fn try_from(raw: RawBooking) -> Result<Self, Self::Error> {
        Booking::try_new(raw.room, raw.household, raw.people, raw.check_in, raw.check_out)
    }
}

impl Booking {
    /// A booking of `room` for `people` people of `household` from `check_in` to the
    /// (expected) `check_out`, or open-ended without one.
    ///
    /// # Errors
    ///
    /// [`CalendarError::NoPeople`] for zero people, [`CalendarError::CheckOutNotAfterCheckIn`]
    /// when the check-out is on or before the check-in.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use krisesenter_core::RoomId;
    /// use krisesenter_rooms::HouseholdId;
    /// use krisesenter_rooms::Booking;
    /// let day = NaiveDate::from_ymd_opt(2026, 1, 10).ok_or("date")?;
    /// let open = Booking::try_new(RoomId::try_new("r02")?, HouseholdId::try_new("h2")?, 3, day, None)?;
    /// assert_eq!(open.nights(), None);
    /// assert!(Booking::try_new(RoomId::try_new("r02")?, HouseholdId::try_new("h2")?, 0, day, None).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn try_new(
        room: RoomId,
        household: HouseholdId,
        people: u16,
        check_in: NaiveDate,
        check_out: Option<NaiveDate>,
    ) -> Result<Self, CalendarError> {
        if people == 0 {
            return Err(CalendarError::NoPeople { room });
        }
        if let Some(out) = check_out {
            if out <= check_in {
                return Err(CalendarError::CheckOutNotAfterCheckIn { room, check_in, check_out: out });
            }
        }
        Ok(Self { room, household, people, check_in, check_out })
    }

    /// The room.
    pub fn room(&self) -> &RoomId {
        &self.room
    }

    /// The household.
    pub fn household(&self) -> &HouseholdId {
        &self.household
    }

    /// People staying.
    pub const fn people(&self) -> u16 {
        self.people
    }

    /// The check-in date.
    pub const fn check_in(&self) -> NaiveDate {
        self.check_in
    }

    /// The (expected) check-out date, if known.
    pub const fn check_out(&self) -> Option<NaiveDate> {
        self.check_out
    }

    /// Whether the household is in the room at midnight after `date` (the night of `date`).
    pub fn holds_night(&self, date: NaiveDate) -> bool {
        self.check_in <= date && self.check_out.is_none_or(|out| date < out)
    }

    /// Nights of the whole stay by the midnight rule, `None` while open-ended.
    pub fn nights(&self) -> Option<u64> {
        self.check_out.map(|out| calendar::nights(self.check_in, out))
    }

    /// Nights of the stay that fall in `from..to` (the nights of `from` up to the night before `to`).
    pub fn nights_within(&self, from: NaiveDate, to: NaiveDate) -> u64 {
        let start = self.check_in.max(from);
        let end = self.check_out.map_or(to, |out| out.min(to));
        calendar::nights(start, end)
    }
}

/// Free rooms and beds on one night.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct DayForecast {
    /// The date (its night).
    pub date: NaiveDate,
    /// Rooms no booking holds that night.
    pub free_rooms: u32,
    /// Beds in those rooms.
    pub free_beds: u32,
}

/// The bookings of a shelter's rooms.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use krisesenter_core::RoomId;
/// use krisesenter_rooms::HouseholdId;
/// use krisesenter_rooms::{Booking, Inventory, OccupancyCalendar};
/// let aug = |d| NaiveDate::from_ymd_opt(2025, 8, d).ok_or("date");
/// let stay = Booking::try_new(RoomId::try_new("r01")?, HouseholdId::try_new("h1")?, 3, aug(1)?, Some(aug(5)?))?;
/// let cal = OccupancyCalendar::try_new(Inventory::romerike(), vec![stay.clone()])?;
/// assert_eq!(cal.free_beds_on(aug(4)?), 58);
/// assert_eq!(cal.free_beds_on(aug(5)?), 62);
/// assert_eq!(cal.bed_nights(aug(1)?, aug(31)?), 12);
/// // The same room twice on the night of 4 August is refused.
/// let clash = Booking::try_new(RoomId::try_new("r01")?, HouseholdId::try_new("h2")?, 1, aug(4)?, None)?;
/// assert!(OccupancyCalendar::try_new(Inventory::romerike(), vec![stay, clash]).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OccupancyCalendar {
    inventory: Inventory,
    bookings: Vec<Booking>,
}

impl OccupancyCalendar {
    /// A calendar of `bookings` in the rooms of `inventory`.
    ///
    /// # Errors
    ///
    /// [`CalendarError::UnknownRoom`], [`CalendarError::OverCapacity`] (more people than beds),
    /// [`CalendarError::Overlap`] (two bookings hold one room on one night).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use krisesenter_core::RoomId;
    /// use krisesenter_rooms::HouseholdId;
    /// use krisesenter_rooms::{Booking, CalendarError, Inventory, OccupancyCalendar};
    /// let day = NaiveDate::from_ymd_opt(2026, 2, 1).ok_or("date")?;
    /// let ok = Booking::try_new(RoomId::try_new("r15")?, HouseholdId::try_new("h1")?, 3, day, None)?;
    /// assert!(OccupancyCalendar::try_new(Inventory::romerike(), vec![ok]).is_ok());
    /// let crowded = Booking::try_new(RoomId::try_new("r15")?, HouseholdId::try_new("h1")?, 4, day, None)?;
    /// let err = OccupancyCalendar::try_new(Inventory::romerike(), vec![crowded]);
    /// assert!(matches!(err, Err(CalendarError::OverCapacity { beds: 3, .. })));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn try_new(inventory: Inventory, bookings: Vec<Booking>) -> Result<Self, CalendarError> {
        for (index, b) in bookings.iter().enumerate() {
            let room =
                inventory.room(b.room()).ok_or_else(|| CalendarError::UnknownRoom { index, room: b.room().clone() })?;
            if b.people() > room.beds() {
                return Err(CalendarError::OverCapacity {
                    index,
                    room: b.room().clone(),
                    people: b.people(),
                    beds: room.beds(),
                });
            }
        }
        // Overlaps: within each room, bookings sorted by check-in must not overlap.
        let mut by_room: std::collections::BTreeMap<&RoomId, Vec<(usize, &Booking)>> = Default::default();
        for (i, b) in bookings.iter().enumerate() {
            by_room.entry(b.room()).or_default().push((i, b));
        }
        for (room, mut list) in by_room {
            list.sort_by_key(|(i, b)| (b.check_in(), *i));
            for pair in list.windows(2) {
                if let [(i, a), (j, b)] = pair {
                    if a.holds_night(b.check_in()) {
                        return Err(CalendarError::Overlap {
                            room: room.clone(),
                            night: b.check_in(),
                            first: *i.min(j),
                            second: *i.max(j),
                        });
                    }
                }
            }
        }
        Ok(Self { inventory, bookings })
    }

    /// The inventory.
    pub fn inventory(&self) -> &Inventory {
        &self.inventory
    }

    /// The bookings, in the order given.
    pub fn bookings(&self) -> &[Booking] {
        &self.bookings
    }

    /// Whether a booking holds `room` on the night of `date`.
    pub fn is_occupied(&self, room: &RoomId, date: NaiveDate) -> bool {
        self.bookings.iter().any(|b| b.room() == room && b.holds_night(date))
    }

    /// The rooms no booking holds on the night of `date`, in inventory order.
    pub fn free_rooms_on(&self, date: NaiveDate) -> Vec<&RoomId> {
        self.inventory.rooms().iter().filter(|r| !self.is_occupied(r.id(), date)).map(|r| r.id()).collect()
    }

    /// Beds in the rooms no booking holds on the night of `date`.
    pub fn free_beds_on(&self, date: NaiveDate) -> u32 {
        self.inventory.rooms().iter().filter(|r| !self.is_occupied(r.id(), date)).map(|r| u32::from(r.beds())).sum()
    }

    /// Person-nights in `from..to` by the midnight rule (the bed-nights of the statistics).
    pub fn bed_nights(&self, from: NaiveDate, to: NaiveDate) -> u64 {
        self.bookings.iter().map(|b| u64::from(b.people()) * b.nights_within(from, to)).sum()
    }

    /// Free rooms and beds on each of the `days` nights from `from` on, as the bookings and
    /// their expected check-outs say (open-ended stays hold their rooms throughout).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use krisesenter_core::RoomId;
    /// use krisesenter_rooms::HouseholdId;
    /// use krisesenter_rooms::{Booking, Inventory, OccupancyCalendar};
    /// let mar = |d| NaiveDate::from_ymd_opt(2026, 3, d).ok_or("date");
    /// let leaving = Booking::try_new(RoomId::try_new("r02")?, HouseholdId::try_new("h1")?, 2, mar(1)?, Some(mar(3)?))?;
    /// let cal = OccupancyCalendar::try_new(Inventory::romerike(), vec![leaving])?;
    /// let days = cal.forecast(mar(1)?, 3);
    /// let beds: Vec<u32> = days.iter().map(|d| d.free_beds).collect();
    /// assert_eq!(beds, vec![58, 58, 62]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn forecast(&self, from: NaiveDate, days: u32) -> Vec<DayForecast> {
        from.iter_days()
            .take(usize::try_from(days).unwrap_or(usize::MAX))
            .map(|date| DayForecast {
                date,
                free_rooms: u32::try_from(self.free_rooms_on(date).len()).unwrap_or(u32::MAX),
                free_beds: self.free_beds_on(date),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, m, day).unwrap()
    }

    fn booking(room: &str, people: u16, from: NaiveDate, to: Option<NaiveDate>) -> Booking {
        Booking::try_new(RoomId::try_new(room).unwrap(), HouseholdId::try_new("h").unwrap(), people, from, to).unwrap()
    }

    #[test]
    fn midnight_rule_of_domain_md() {
        let b = booking("r01", 1, d(8, 1), Some(d(8, 5)));
        assert_eq!(b.nights(), Some(4));
        assert!(b.holds_night(d(8, 4)) && !b.holds_night(d(8, 5)) && !b.holds_night(d(7, 31)));
        assert_eq!(b.nights_within(d(8, 3), d(9, 1)), 2);
        assert_eq!(b.nights_within(d(9, 1), d(9, 30)), 0);
    }

    #[test]
    fn back_to_back_stays_share_a_room_and_overlaps_do_not() {
        let a = booking("r01", 2, d(8, 1), Some(d(8, 5)));
        let b = booking("r01", 2, d(8, 5), None);
        let cal = OccupancyCalendar::try_new(Inventory::romerike(), vec![b.clone(), a.clone()]).unwrap();
        assert_eq!(cal.free_rooms_on(d(8, 5)).len(), 15);
        let c = booking("r01", 1, d(7, 1), None);
        assert!(matches!(
            OccupancyCalendar::try_new(Inventory::romerike(), vec![a, c]),
            Err(CalendarError::Overlap { night, .. }) if night == d(8, 1)
        ));
        let unknown = booking("r99", 1, d(8, 1), None);
        assert!(matches!(
            OccupancyCalendar::try_new(Inventory::romerike(), vec![unknown]),
            Err(CalendarError::UnknownRoom { index: 0, .. })
        ));
    }

    #[test]
    fn forecast_frees_beds_on_expected_check_out() {
        let cal = OccupancyCalendar::try_new(
            Inventory::romerike(),
            vec![booking("r01", 4, d(8, 1), Some(d(8, 3))), booking("r15", 1, d(8, 2), None)],
        )
        .unwrap();
        let f = cal.forecast(d(8, 1), 4);
        let got: Vec<(u32, u32)> = f.iter().map(|x| (x.free_rooms, x.free_beds)).collect();
        assert_eq!(got, vec![(15, 58), (14, 55), (15, 59), (15, 59)]);
        assert_eq!(cal.bed_nights(d(8, 1), d(8, 5)), 4 * 2 + 3);
    }
}
