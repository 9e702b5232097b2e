//! The reasons the placement gives: why a household could not be placed, and notes on the
//! placement as a whole.

use krisesenter_core::{Provision, ReasonKind};

/// A kind of reason the placement gives. Codes are stable; messages are data, never built
/// from input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum RoomsReason {
    /// Even an empty shelter has no room with beds for the whole household.
    TooBigForEveryRoom,
    /// The household needs an accessible room and the shelter has none.
    NoAccessibleRoom,
    /// The household needs a screened room and the shelter has none.
    NoScreenedRoom,
    /// Rooms exist for each need on its own, but none has beds enough and meets every need together.
    NoRoomMeetsAllNeeds,
    /// The only rooms that fit are screened and reserved for households that need screening.
    ScreenedRoomsReserved,
    /// Female and male adults in one household cannot be placed while women and men are housed by unit.
    WomenAndMenInOneHousehold,
    /// The household brings a pet and the shelter has no kennel place.
    NoKennelPlaces,
    /// The household could be placed in an empty shelter but lost out to others for capacity.
    LostOutForCapacity,
    /// Every kennel place went to other households with pets.
    KennelPlacesTaken,
    /// Note: women and men housed together departs from krisesenterlova §2.
    IntegratedDepartsFromKsl2,
    /// Note: current residents are moved to another room.
    ResidentsMoved,
}

impl ReasonKind for RoomsReason {
    fn code(self) -> &'static str {
        match self {
            RoomsReason::TooBigForEveryRoom => "too_big_for_every_room",
            RoomsReason::NoAccessibleRoom => "no_accessible_room",
            RoomsReason::NoScreenedRoom => "no_screened_room",
            RoomsReason::NoRoomMeetsAllNeeds => "no_room_meets_all_needs",
            RoomsReason::ScreenedRoomsReserved => "screened_rooms_reserved",
            RoomsReason::WomenAndMenInOneHousehold => "women_and_men_in_one_household",
            RoomsReason::NoKennelPlaces => "no_kennel_places",
            RoomsReason::LostOutForCapacity => "lost_out_for_capacity",
            RoomsReason::KennelPlacesTaken => "kennel_places_taken",
            RoomsReason::IntegratedDepartsFromKsl2 => "integrated_departs_from_ksl_2",
            RoomsReason::ResidentsMoved => "residents_moved",
        }
    }

    fn message_nb(self) -> &'static str {
        match self {
            RoomsReason::TooBigForEveryRoom => {
                "Husstanden er større enn antall senger i hvert rom, selv om krisesenteret var tomt."
            }
            RoomsReason::NoAccessibleRoom => "Husstanden trenger et tilgjengelig rom, og krisesenteret har ingen.",
            RoomsReason::NoScreenedRoom => "Husstanden trenger et skjermet rom, og krisesenteret har ingen.",
            RoomsReason::NoRoomMeetsAllNeeds => {
                "Ingen rom har nok senger og oppfyller alle behovene samtidig, selv om krisesenteret var tomt."
            }
            RoomsReason::ScreenedRoomsReserved => {
                "De eneste rommene som passer er skjermede rom, og de er holdt av til husstander som trenger skjerming."
            }
            RoomsReason::WomenAndMenInOneHousehold => {
                "Husstanden har både kvinner og menn som voksne; med kjønnsdelte enheter kan den ikke plasseres i noen enhet."
            }
            RoomsReason::NoKennelPlaces => "Husstanden har med et dyr, og krisesenteret har ingen hundegårdsplass.",
            RoomsReason::LostOutForCapacity => {
                "Husstanden kunne fått plass i et tomt krisesenter, men rommene gikk til andre etter prioritet og kapasitet."
            }
            RoomsReason::KennelPlacesTaken => "Alle hundegårdsplassene gikk til andre husstander med dyr.",
            RoomsReason::IntegratedDepartsFromKsl2 => {
                "Kvinner og menn bor sammen: dette avviker fra krisesenterlova § 2 om fysisk atskilte botilbud og krever godkjenningen krisesenteret prøver ordningen under."
            }
            RoomsReason::ResidentsMoved => "Noen som allerede bor på krisesenteret, må flytte til et annet rom.",
        }
    }

    fn message_en(self) -> &'static str {
        match self {
            RoomsReason::TooBigForEveryRoom => {
                "The household has more people than any room has beds, even in an empty shelter."
            }
            RoomsReason::NoAccessibleRoom => "The household needs an accessible room and the shelter has none.",
            RoomsReason::NoScreenedRoom => "The household needs a screened room and the shelter has none.",
            RoomsReason::NoRoomMeetsAllNeeds => {
                "No room has beds enough and meets every need together, even in an empty shelter."
            }
            RoomsReason::ScreenedRoomsReserved => {
                "The only rooms that fit are screened rooms, reserved for households that need screening."
            }
            RoomsReason::WomenAndMenInOneHousehold => {
                "The household's adults are women and men; with units separated by gender it fits no unit."
            }
            RoomsReason::NoKennelPlaces => "The household brings a pet and the shelter has no kennel place.",
            RoomsReason::LostOutForCapacity => {
                "The household would fit in an empty shelter, but the rooms went to others by priority and capacity."
            }
            RoomsReason::KennelPlacesTaken => "Every kennel place went to other households with pets.",
            RoomsReason::IntegratedDepartsFromKsl2 => {
                "Women and men are housed together: this departs from krisesenterlova §2 (housing physically separated) and needs the approval the shelter runs its trial under."
            }
            RoomsReason::ResidentsMoved => "Some current residents have to move to another room.",
        }
    }

    fn provisions(self) -> &'static [Provision] {
        match self {
            // Accessibility is an adaptation to the individual user.
            RoomsReason::NoAccessibleRoom => &[Provision::KslServices, Provision::KslAdaptation],
            // A household whose adults are women and men cannot be housed apart by gender.
            RoomsReason::WomenAndMenInOneHousehold | RoomsReason::IntegratedDepartsFromKsl2 => {
                &[Provision::KslServices]
            }
            // The stay (botilbud) and its capacity.
            RoomsReason::TooBigForEveryRoom
            | RoomsReason::NoScreenedRoom
            | RoomsReason::NoRoomMeetsAllNeeds
            | RoomsReason::ScreenedRoomsReserved
            | RoomsReason::NoKennelPlaces
            | RoomsReason::LostOutForCapacity
            | RoomsReason::KennelPlacesTaken
            | RoomsReason::ResidentsMoved => &[Provision::KslServices],
        }
    }
}

impl RoomsReason {
    /// Every reason kind, in declaration order.
    pub const ALL: &'static [RoomsReason] = &[
        RoomsReason::TooBigForEveryRoom,
        RoomsReason::NoAccessibleRoom,
        RoomsReason::NoScreenedRoom,
        RoomsReason::NoRoomMeetsAllNeeds,
        RoomsReason::ScreenedRoomsReserved,
        RoomsReason::WomenAndMenInOneHousehold,
        RoomsReason::NoKennelPlaces,
        RoomsReason::LostOutForCapacity,
        RoomsReason::KennelPlacesTaken,
        RoomsReason::IntegratedDepartsFromKsl2,
        RoomsReason::ResidentsMoved,
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_snake_case_and_cite_ksl_2() {
        let as_of = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let mut codes = std::collections::BTreeSet::new();
        for kind in RoomsReason::ALL {
            let r = krisesenter_core::Reason::explain(*kind, as_of);
            assert!(r.has_valid_code(), "{}", kind.code());
            assert!(codes.insert(kind.code()));
            assert!(r.citations().iter().any(|c| c.section() == "2"));
            assert!(!kind.message_nb().is_empty() && !kind.message_en().is_empty());
        }
    }
}
