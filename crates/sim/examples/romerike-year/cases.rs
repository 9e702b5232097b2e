//! Every household's case through the casework crate: the events of the first contact, the
//! stay, the three phases of "Fra krisesenter til egen bolig" (seed 004) and the follow-up,
//! replayed into a `casework::Case`, and the year's figures read from the cases.
//!
//! How far each household comes is drawn from what the generator already decided for it
//! (where it goes after the stay, how long it waited for a home); the step days are
//! assumptions of the simulation chosen inside the practice deadlines of `CasePolicy`'s
//! defaults, not observed figures.

use chrono::{Duration, NaiveDate};
use krisesenter::casework::{
    Caller, Case, CaseEvent, CasePolicy, Channel, Destination, EndReason, Event, FollowUpPlan, HomeSafety, HousingNeed,
    IndividualPlan, NeedsOutcome, Service, ShelterFollowUp, next_steps,
};
use krisesenter::core::{EnumSet, PersonId};
use krisesenter::stats::AfterStay;

use crate::arrivals::Mode;
use krisesenter_sim::figures::CaseFigures;

use crate::sim::{BoxError, Household, Year};

/// The casework of every household placed, replayed and counted.
pub(crate) fn cases(year: &Year) -> Result<CaseFigures, BoxError> {
    let mut figures = CaseFigures::default();
    let policy = CasePolicy::default();
    for household in &year.households {
        let Some(check_in) = household.check_in else { continue };
        let out = household.check_out;
        if check_in > year.to || out.is_some_and(|o| o < year.from) {
            continue;
        }
        let events = events(year, household, check_in)?;
        let case = Case::replay(&events).map_err(|e| format!("household {}: {e}", household.id))?;
        figures.cases += 1;

        let size = u64::from(household.size);
        let night_end = out.unwrap_or(year.to + Duration::days(1)).min(year.to + Duration::days(1));
        let nights_in = |from: NaiveDate| u64::try_from((night_end - from.max(year.from)).num_days()).unwrap_or(0);
        figures.nights += size * nights_in(check_in);
        if household.home_wait > 0 {
            let waiting_from = household.planned_out.map(|p| p - Duration::days(household.home_wait));
            let waited = waiting_from.map_or(0, nights_in);
            figures.nights_waiting_for_home += size * waited;
            figures.households_waiting_for_home += usize::from(waited > 0);
        }

        if let Some(stay) = case.latest_stay().filter(|s| s.ended_on().is_some_and(|d| year.contains(d))) {
            figures.ended += 1;
            let outcome = stay.outcome();
            if let Some(destination) = outcome.destination() {
                *figures.destinations.entry(destination.as_str()).or_insert(0) += 1;
            }
            figures.phase_1 += usize::from(stay.housing_need().is_some());
            figures.phase_2 += usize::from(stay.home().is_some());
            figures.phase_3 += usize::from(stay.follow_up_plan().is_some());
            figures.goal_reached += usize::from(outcome.goal_reached());
        }
        let due = next_steps(&case, &policy, year.to);
        for step in due.steps() {
            let entry = figures.open_steps.entry(step.code()).or_insert((0, 0));
            entry.0 += 1;
        }
        for step in due.overdue() {
            figures.open_steps.entry(step.code()).or_insert((0, 0)).1 += 1;
        }
    }
    Ok(figures)
}

/// The destination of a stay as the casework crate names it.
const fn destination(after: AfterStay) -> Destination {
    match after {
        AfterStay::ReturnedHomeSafely => Destination::ReturnedHomeSafely,
        AfterStay::NewHome => Destination::NewHome,
        AfterStay::ReturnedToPerpetrator => Destination::ReturnedToPerpetrator,
        AfterStay::OtherShelter => Destination::OtherShelter,
        AfterStay::FamilyOrFriends => Destination::FamilyOrFriends,
        AfterStay::Other => Destination::Other,
        AfterStay::Unknown => Destination::Unknown,
    }
}

/// The dated events of one household's case, up to the year's last day.
fn events(year: &Year, household: &Household, check_in: NaiveDate) -> Result<Vec<CaseEvent>, BoxError> {
    let contact = year.contacts.get(household.contact).ok_or("household without its contact")?;
    let assessed = year.assessed.iter().find(|a| a.contact == household.contact);
    let first = contact.date;
    let channel = match contact.mode {
        Mode::Phone => Channel::Phone,
        Mode::InPerson => Channel::InPerson,
        Mode::Outreach => Channel::Outreach,
    };
    let needs = if assessed.is_some_and(|a| a.decision.is_some()) {
        NeedsOutcome::StayIndividualAssessment
    } else {
        NeedsOutcome::StayOffered
    };
    let room = household.first_room.clone().ok_or("placed household without a room")?;
    let children: Vec<PersonId> = (1..=contact.children.len())
        .map(|n| PersonId::try_new(format!("{}-c{n}", household.id)))
        .collect::<Result<_, _>>()?;

    let mut events = vec![
        CaseEvent::new(
            first,
            Event::FirstContact { channel, interpreter: contact.interpreter, caller: Caller::Person },
        ),
        CaseEvent::new(first, Event::InitialMapping {}),
        CaseEvent::new(first, Event::InformationGiven { topics: EnumSet::all() }),
        CaseEvent::new(first, Event::NeedsAssessed { outcome: needs }),
        CaseEvent::new(first, Event::Registered {}),
        CaseEvent::new(check_in, Event::StayStarted { room, children: children.clone() }),
        CaseEvent::new(check_in, Event::ArrivalDone {}),
    ];
    // Steps during the stay, on their day or on the last day of a shorter stay.
    let last = household.check_out.or(household.planned_out).unwrap_or(check_in);
    let on = |days: i64| (check_in + Duration::days(days)).min(last);
    events.push(CaseEvent::new(on(1), Event::SafetyPlan {}));
    for child in &children {
        events.push(CaseEvent::new(on(2), Event::ChildSafetyAssessment { child: child.clone() }));
        events.push(CaseEvent::new(on(2), Event::ChildMapping { child: child.clone() }));
    }
    for child in &children {
        events.push(CaseEvent::new(on(3), Event::ChildConversation { child: child.clone() }));
    }
    events.push(CaseEvent::new(on(3), Event::StayPlanMade {}));
    let after = contact.after_stay;
    let need = match after {
        AfterStay::ReturnedHomeSafely | AfterStay::ReturnedToPerpetrator => HousingNeed::ReturnHomeOnceSafe,
        _ => HousingNeed::NewHomeNeeded,
    };
    events.push(CaseEvent::new(on(4), Event::HousingNeedClarified { need }));
    events.push(CaseEvent::new(on(7), Event::SystematicMapping {}));
    // Phases 2 and 3 for those who leave for a home of their own: the home a few days before
    // leaving, the plan (with a coordinator for three in four: an assumption) just before.
    let settles = matches!(after, AfterStay::NewHome | AfterStay::ReturnedHomeSafely);
    if settles {
        let home_on = (last - Duration::days(5)).max(on(7));
        events.push(CaseEvent::new(home_on, Event::HomeFound { safety: HomeSafety::Safe }));
        let plan = FollowUpPlan {
            safety_plan_updated: true,
            shelter_continues: EnumSet::from_iter([ShelterFollowUp::Conversations]),
            services: EnumSet::from_iter([Service::Nav, Service::Housing]),
            coordinator: (household.contact % 4 != 0).then_some(Service::Nav),
            individual_plan: IndividualPlan::NotNeeded,
        };
        events.push(CaseEvent::new((last - Duration::days(2)).max(home_on), Event::FollowUpPlanMade { plan }));
    }
    if let Some(out) = household.check_out {
        events.push(CaseEvent::new(out, Event::StayEnded { destination: destination(after) }));
        if settles {
            events.push(CaseEvent::new(out + Duration::days(14), Event::FollowUpConversation {}));
        }
    }
    events.retain(|e| e.on <= year.to);
    // The contact ends two months after a stay, once the follow-up is over.
    if let Some(out) = household.check_out.filter(|out| *out + Duration::days(60) <= year.to) {
        let goal = Case::replay(&events)
            .map_err(|e| format!("household {}: {e}", household.id))?
            .latest_stay()
            .is_some_and(|s| s.goal_reached());
        let reason = if goal { EndReason::GoalReached } else { EndReason::UsersChoice };
        events.push(CaseEvent::new(out + Duration::days(60), Event::ContactEnded { reason }));
    }
    Ok(events)
}
