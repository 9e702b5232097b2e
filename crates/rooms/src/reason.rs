//! The reasons the placement gives, declared once as data: why a household could not be
//! placed, and notes on the placement as a whole.

use krisesenter_core::Provision;

krisesenter_core::reason_kinds! {
    /// A kind of reason the placement gives. Codes are stable; messages are data, never built
    /// from input. Reasons are listed in declaration order.
    pub enum RoomsReason {
        // Why a household is not placed, in the order they are checked: what keeps it out of even
        // an empty shelter first, then capacity.
        /// Female and male adults in one household cannot be placed while women and men are housed by unit.
        WomenAndMenInOneHousehold => {
            code: "women_and_men_in_one_household",
            nb: "Husstanden har både kvinner og menn som voksne; med kjønnsdelte enheter kan den ikke plasseres i noen enhet.",
            en: "The household's adults are women and men; with units separated by gender it fits no unit.",
            // A household whose adults are women and men cannot be housed apart by gender.
            cites: [Provision::KslServices],
        },
        /// The household brings a pet and the shelter has no kennel place.
        NoKennelPlaces => {
            code: "no_kennel_places",
            nb: "Husstanden har med et dyr, og krisesenteret har ingen hundegårdsplass.",
            en: "The household brings a pet and the shelter has no kennel place.",
            // The stay (botilbud) and its capacity.
            cites: [Provision::KslServices],
        },
        /// Even an empty shelter has no room with beds for the whole household.
        TooBigForEveryRoom => {
            code: "too_big_for_every_room",
            nb: "Husstanden er større enn antall senger i hvert rom, selv om krisesenteret var tomt.",
            en: "The household has more people than any room has beds, even in an empty shelter.",
            // The stay (botilbud) and its capacity.
            cites: [Provision::KslServices],
        },
        /// The household needs an accessible room and the shelter has none.
        NoAccessibleRoom => {
            code: "no_accessible_room",
            nb: "Husstanden trenger et tilgjengelig rom, og krisesenteret har ingen.",
            en: "The household needs an accessible room and the shelter has none.",
            // Accessibility is an adaptation to the individual user.
            cites: [Provision::KslServices, Provision::KslAdaptation],
        },
        /// The household needs a screened room and the shelter has none.
        NoScreenedRoom => {
            code: "no_screened_room",
            nb: "Husstanden trenger et skjermet rom, og krisesenteret har ingen.",
            en: "The household needs a screened room and the shelter has none.",
            // The stay (botilbud) and its capacity.
            cites: [Provision::KslServices],
        },
        /// The only rooms that fit are screened and reserved for households that need screening.
        ScreenedRoomsReserved => {
            code: "screened_rooms_reserved",
            nb: "De eneste rommene som passer er skjermede rom, og de er holdt av til husstander som trenger skjerming.",
            en: "The only rooms that fit are screened rooms, reserved for households that need screening.",
            // The stay (botilbud) and its capacity.
            cites: [Provision::KslServices],
        },
        /// Rooms exist for each need on its own, but none has beds enough and meets every need together.
        NoRoomMeetsAllNeeds => {
            code: "no_room_meets_all_needs",
            nb: "Ingen rom har nok senger og oppfyller alle behovene samtidig, selv om krisesenteret var tomt.",
            en: "No room has beds enough and meets every need together, even in an empty shelter.",
            // The stay (botilbud) and its capacity.
            cites: [Provision::KslServices],
        },
        /// The household could be placed in an empty shelter but lost out to others for capacity.
        LostOutForCapacity => {
            code: "lost_out_for_capacity",
            nb: "Husstanden kunne fått plass i et tomt krisesenter, men rommene gikk til andre etter prioritet og kapasitet.",
            en: "The household would fit in an empty shelter, but the rooms went to others by priority and capacity.",
            // The stay (botilbud) and its capacity.
            cites: [Provision::KslServices],
        },
        /// Every kennel place went to other households with pets.
        KennelPlacesTaken => {
            code: "kennel_places_taken",
            nb: "Alle hundegårdsplassene gikk til andre husstander med dyr.",
            en: "Every kennel place went to other households with pets.",
            // The stay (botilbud) and its capacity.
            cites: [Provision::KslServices],
        },
        // Notes on the placement as a whole.
        /// Note: women and men housed together departs from krisesenterlova §2.
        IntegratedDepartsFromKsl2 => {
            code: "integrated_departs_from_ksl_2",
            nb: "Kvinner og menn bor sammen: dette avviker fra krisesenterlova § 2 om fysisk atskilte botilbud og krever godkjenningen krisesenteret prøver ordningen under.",
            en: "Women and men are housed together: this departs from krisesenterlova §2 (housing physically separated) and needs the approval the shelter runs its trial under.",
            // A household whose adults are women and men cannot be housed apart by gender.
            cites: [Provision::KslServices],
        },
        /// Note: current residents are moved to another room.
        ResidentsMoved => {
            code: "residents_moved",
            nb: "Noen som allerede bor på krisesenteret, må flytte til et annet rom.",
            en: "Some current residents have to move to another room.",
            // The stay (botilbud) and its capacity.
            cites: [Provision::KslServices],
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use krisesenter_core::ReasonKind;

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
