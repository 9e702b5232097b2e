//! The `allocate` command of the JSON contract (docs/contract.md `allocate`): exact field names
//! and values on worked examples, and the error kind and path of refused inputs.
#![expect(clippy::unwrap_used, reason = "test helpers: a panic fails the test")]

use krisesenter::cli::{ErrorKind, run};
use serde_json::{Value, json};

fn room(id: &str, unit: &str, beds: u16, accessible: bool, screened: bool) -> Value {
    json!({"id": id, "unit": unit, "beds": beds, "accessible": accessible, "screened": screened})
}

fn household(id: &str, genders: &[&str], children: usize, priority: u8) -> Value {
    json!({
        "id": id,
        "adults": genders.iter().map(|g| json!({"gender": g})).collect::<Vec<_>>(),
        "children": (0..children).map(|_| json!({"age": 7})).collect::<Vec<_>>(),
        "priority": priority,
        "needs": {"accessible": false, "screened": false, "pet": false},
        "keep_apart": [],
        "current_room": null
    })
}

fn input(separation: &str, kennel: u16, rooms: Vec<Value>, households: Vec<Value>) -> Value {
    json!({
        "as_of": "2026-03-01",
        "policy": {"gender_separation": separation, "reserve_screened_rooms": true},
        "kennel_places": kennel,
        "rooms": rooms,
        "households": households
    })
}

fn allocate(doc: &Value) -> Value {
    let out = run("allocate", doc.to_string().as_bytes()).unwrap();
    serde_json::from_str(&out).unwrap()
}

fn codes(reasons: &Value) -> Vec<&str> {
    reasons.as_array().unwrap().iter().map(|r| r["code"].as_str().unwrap()).collect()
}

#[test]
fn the_contract_example_gives_the_exact_shape() {
    let doc = json!({
      "as_of": "2026-03-01",
      "policy": {"gender_separation": "by_unit", "reserve_screened_rooms": true},
      "kennel_places": 2,
      "rooms": [{"id": "r01", "unit": "a", "beds": 4, "accessible": false, "screened": false}],
      "households": [
        {"id": "h1", "adults": [{"gender": "female"}], "children": [{"age": 5}], "priority": 3,
         "needs": {"accessible": false, "screened": false, "pet": false},
         "keep_apart": ["h7"], "current_room": null}
      ]
    });
    assert_eq!(
        allocate(&doc),
        json!({
            "placements": [{"household": "h1", "room": "r01"}],
            "unplaced": [],
            "objective": {"priority_placed": 3, "people_placed": 2, "moved": 0, "empty_beds": 2},
            "notes": [],
            "proven_optimal": true,
            "bound": {"priority_placed": 3}
        })
    );
}

/// The node budget of `options` (an addition to the contract): a budget of one node still
/// answers with a placement that keeps every rule, places the resident, and says whether it
/// is proven optimal and how much priority any placement could reach; an unknown option is
/// refused.
#[test]
fn a_node_budget_answers_with_its_proof_status() {
    // Eight women who must all be kept apart, four units of two single rooms.
    let rooms: Vec<Value> = (0..8).map(|i| room(&format!("r{i}"), &format!("u{}", i / 2), 1, false, false)).collect();
    let ids: Vec<String> = (0..8).map(|i| format!("h{i}")).collect();
    let households: Vec<Value> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let mut h = household(id, &["female"], 0, 1 + (i % 5) as u8);
            h["keep_apart"] = json!(ids.iter().filter(|o| *o != id).collect::<Vec<_>>());
            if i == 0 {
                h["current_room"] = json!("r0");
            }
            h
        })
        .collect();
    let mut doc = input("integrated", 0, rooms, households);
    let full = allocate(&doc);
    assert_eq!(full["proven_optimal"], json!(true));
    assert_eq!(full["placements"].as_array().unwrap().len(), 4, "one household per unit");
    assert_eq!(full["bound"]["priority_placed"], full["objective"]["priority_placed"]);
    doc["options"] = json!({"node_budget": 1});
    let quick = allocate(&doc);
    let placed = quick["placements"].as_array().unwrap();
    assert!(placed.iter().any(|p| p["household"] == "h0"), "the resident is placed");
    let unit = |p: &Value| p["room"].as_str().unwrap()[1..].parse::<usize>().unwrap() / 2;
    let units: std::collections::BTreeSet<usize> = placed.iter().map(unit).collect();
    assert_eq!(units.len(), placed.len(), "keep-apart households in different units");
    let bound = quick["bound"]["priority_placed"].as_u64().unwrap();
    assert!(bound >= quick["objective"]["priority_placed"].as_u64().unwrap());
    assert!(bound >= full["objective"]["priority_placed"].as_u64().unwrap());
    doc["options"] = json!({"node_budget": 1, "seconds": 3});
    assert!(run("allocate", doc.to_string().as_bytes()).is_err(), "an unknown option is refused");
}

#[test]
fn priority_first_then_people_then_moves_then_empty_beds() {
    // One room of 3 beds in unit a, one of 2 beds in unit b.
    let rooms = vec![room("r1", "a", 3, false, false), room("r2", "b", 2, false, false)];
    // h1 (priority 5, 1 person) lives in r1 now; h2 (priority 5, 3 people) needs r1;
    // h3 (priority 1, 2 people) fits r2. Priority: placing h1 and h2 (10) beats anything
    // else, so h1 must move to r2, and h3 loses out.
    let mut h1 = household("h1", &["female"], 0, 5);
    h1["current_room"] = json!("r1");
    let out = allocate(&input(
        "by_unit",
        0,
        rooms,
        vec![h1, household("h2", &["female"], 2, 5), household("h3", &["female"], 1, 1)],
    ));
    assert_eq!(out["placements"], json!([{"household": "h1", "room": "r2"}, {"household": "h2", "room": "r1"}]));
    assert_eq!(out["objective"], json!({"priority_placed": 10, "people_placed": 4, "moved": 1, "empty_beds": 1}));
    assert_eq!(out["unplaced"][0]["household"], "h3");
    assert_eq!(codes(&out["unplaced"][0]["reasons"]), vec!["lost_out_for_capacity"]);
    assert_eq!(codes(&out["notes"]), vec!["residents_moved"]);
}

#[test]
fn women_and_men_are_housed_in_different_units() {
    let rooms =
        vec![room("r1", "a", 2, false, false), room("r2", "a", 2, false, false), room("r3", "b", 2, false, false)];
    let households = vec![
        household("h1", &["female"], 0, 3),
        household("h2", &["male"], 0, 3),
        household("h3", &["male"], 0, 2),
        household("h4", &["female", "male"], 0, 5),
        household("h5", &["unknown"], 0, 1),
    ];
    let out = allocate(&input("by_unit", 0, rooms.clone(), households.clone()));
    // Best: the two men in unit a (priority 5), the woman in unit b (3): 8 beats unit a
    // female with the neutral adult (3 + 1) and a man in b (3). The couple fits nowhere.
    assert_eq!(out["objective"]["priority_placed"], 8);
    assert_eq!(
        out["placements"],
        json!([{"household": "h1", "room": "r3"}, {"household": "h2", "room": "r1"}, {"household": "h3", "room": "r2"}])
    );
    let unplaced: Vec<&str> =
        out["unplaced"].as_array().unwrap().iter().map(|u| u["household"].as_str().unwrap()).collect();
    assert!(unplaced.contains(&"h4"));
    let h4 = out["unplaced"].as_array().unwrap().iter().find(|u| u["household"] == "h4").unwrap();
    assert_eq!(codes(&h4["reasons"]), vec!["women_and_men_in_one_household"]);
    assert_eq!(
        h4["reasons"][0]["citations"],
        json!([{"statute": "krisesenterlova", "section": "2", "in_force_from": "2026-01-01"}])
    );

    // Integrated: the couple is placed first, and the note cites krisesenterlova §2.
    let out = allocate(&input("integrated", 0, rooms, households));
    assert_eq!(out["objective"]["priority_placed"], 11);
    assert_eq!(codes(&out["notes"]), vec!["integrated_departs_from_ksl_2"]);
    assert_eq!(out["notes"][0]["citations"][0]["section"], "2");
    assert!(out["notes"][0]["message_en"].as_str().unwrap().contains("krisesenterlova"));
}

#[test]
fn unplaced_households_say_why() {
    let rooms = vec![room("r1", "a", 2, false, false), room("s1", "s", 3, false, true)];
    let mut pet = household("h1", &["female"], 0, 3);
    pet["needs"]["pet"] = json!(true);
    let mut wheelchair = household("h2", &["female"], 0, 3);
    wheelchair["needs"]["accessible"] = json!(true);
    let big = household("h3", &["female"], 4, 3);
    let only_screened_fits = household("h4", &["female"], 2, 3);
    let out = allocate(&input("by_unit", 0, rooms, vec![pet, wheelchair, big, only_screened_fits]));
    let by_id: Vec<(String, Vec<&str>)> = out["unplaced"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| (u["household"].as_str().unwrap().to_owned(), codes(&u["reasons"])))
        .collect();
    assert_eq!(
        by_id,
        vec![
            ("h1".to_owned(), vec!["no_kennel_places"]),
            ("h2".to_owned(), vec!["no_accessible_room"]),
            ("h3".to_owned(), vec!["too_big_for_every_room"]),
            ("h4".to_owned(), vec!["screened_rooms_reserved"]),
        ]
    );
    assert!(out["placements"].as_array().unwrap().is_empty());
}

#[test]
fn keep_apart_households_go_to_different_units() {
    let rooms =
        vec![room("r1", "a", 2, false, false), room("r2", "a", 2, false, false), room("r3", "b", 1, false, false)];
    let mut h1 = household("h1", &["female"], 1, 4);
    h1["keep_apart"] = json!(["h2"]);
    let h2 = household("h2", &["female"], 0, 3);
    let out = allocate(&input("by_unit", 0, rooms, vec![h1, h2]));
    assert_eq!(out["placements"], json!([{"household": "h1", "room": "r1"}, {"household": "h2", "room": "r3"}]));
}

fn refused(doc: &Value) -> (ErrorKind, Option<String>, String) {
    let err = run("allocate", doc.to_string().as_bytes()).unwrap_err();
    (err.kind(), err.path().map(str::to_owned), err.message().to_owned())
}

#[test]
fn rule_violations_are_invalid_input_with_a_path() {
    let rooms = vec![room("r1", "a", 2, false, false), room("r1", "b", 2, false, false)];
    let (kind, path, _) = refused(&input("by_unit", 0, rooms, vec![]));
    assert_eq!((kind, path.as_deref()), (ErrorKind::InvalidInput, Some("rooms[1].id")));

    let mut h = household("h1", &["female"], 0, 3);
    h["current_room"] = json!("r9");
    let (kind, path, _) = refused(&input("by_unit", 0, vec![room("r1", "a", 2, false, false)], vec![h]));
    assert_eq!((kind, path.as_deref()), (ErrorKind::InvalidInput, Some("households[0].current_room")));

    let (kind, path, _) =
        refused(&input("by_unit", 0, vec![], vec![household("h1", &["male"], 0, 1), household("h1", &["male"], 0, 1)]));
    assert_eq!((kind, path.as_deref()), (ErrorKind::InvalidInput, Some("households[1].id")));
}

#[test]
fn residents_who_cannot_all_be_placed_are_invalid_input() {
    // A man and a woman live in the one unit under by_unit.
    let rooms = vec![room("r1", "a", 2, false, false), room("r2", "a", 2, false, false)];
    let mut h1 = household("h1", &["female"], 0, 3);
    h1["current_room"] = json!("r1");
    let mut h2 = household("h2", &["male"], 0, 3);
    h2["current_room"] = json!("r2");
    let doc = input("by_unit", 0, rooms, vec![h1, h2]);
    let (kind, path, message) = refused(&doc);
    assert_eq!((kind, path), (ErrorKind::InvalidInput, None));
    assert!(message.contains("current residents"), "{message}");
    // Integrated, both stay.
    let mut doc = doc;
    doc["policy"]["gender_separation"] = json!("integrated");
    assert_eq!(allocate(&doc)["objective"]["moved"], 0);
}

#[test]
fn malformed_values_are_invalid_json_with_a_path() {
    let mut h = household("h1", &["female"], 0, 6);
    let (kind, path, _) = refused(&input("by_unit", 0, vec![], vec![h.clone()]));
    assert_eq!((kind, path.as_deref()), (ErrorKind::InvalidJson, Some("households[0].priority")));

    h["priority"] = json!(3);
    h.as_object_mut().unwrap().remove("current_room");
    let (kind, path, _) = refused(&input("by_unit", 0, vec![], vec![h.clone()]));
    assert_eq!((kind, path.as_deref()), (ErrorKind::InvalidJson, Some("households[0]")));

    h["current_room"] = Value::Null;
    h["nickname"] = json!("Kari Nordmann");
    let (kind, _, message) = refused(&input("by_unit", 0, vec![], vec![h]));
    assert_eq!(kind, ErrorKind::InvalidJson);
    assert!(!message.contains("Kari"), "{message}");

    let (kind, path, _) = refused(&input("by_unit", 0, vec![room("r1", "a", 0, false, false)], vec![]));
    assert_eq!((kind, path.as_deref()), (ErrorKind::InvalidJson, Some("rooms[0]")));

    let mut doc = input("by_unit", 0, vec![], vec![]);
    doc["policy"]["gender_separation"] = json!("mixed");
    assert_eq!(refused(&doc).0, ErrorKind::InvalidJson);
}

#[test]
fn schemas_are_available() {
    for name in ["allocate-input", "allocate-output"] {
        let schema: Value = serde_json::from_str(&run("schema", name.as_bytes()).unwrap()).unwrap();
        assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    }
}
