//! A year's nights as the occupancy charts draw them: beds and rooms in use each night at
//! midnight, with the shelter's beds and rooms (also norway-year's, per shelter).

use krisesenter_sim::files::Nights;

use crate::sim::{BoxError, Year};

/// Every night of `year`: the date, the people sleeping at the shelter (also those who opted
/// out of statistics) and the rooms with at least one person.
pub(crate) fn nights(year: &Year) -> Result<Nights, BoxError> {
    let rooms_in_use =
        |rooms: &std::collections::BTreeMap<_, u32>| u32::try_from(rooms.values().filter(|n| **n > 0).count());
    Ok(Nights {
        dates: year.days.iter().map(|d| d.date).collect(),
        beds: year.days.iter().map(|d| d.beds_occupied).collect(),
        beds_capacity: year.inventory.total_beds(),
        rooms: year.days.iter().map(|d| rooms_in_use(&d.rooms)).collect::<Result<_, _>>()?,
        rooms_capacity: u32::try_from(year.inventory.rooms().len())?,
    })
}
