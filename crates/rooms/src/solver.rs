//! The exact placement solver: branch and bound over a min-cost-flow relaxation.
//!
//! # The model
//!
//! Rooms are grouped into *classes* of interchangeable rooms (same unit, beds, accessible,
//! screened); households into *types* of interchangeable households (same priority, size,
//! adult genders, needs, and whether they are current residents). A household named in a
//! keep-apart pair is a type of its own. A resident type has, besides its ordinary edge to
//! each class it fits (weighted as a move), a *stay* edge to each class its members live in,
//! with capacity the number of members living there and the move penalty given back: a unit
//! of flow on it is a resident keeping its own room.
//!
//! The lexicographic objective is folded into one integer weight per (type, class) pair,
//! with multipliers chosen so that no lower level can outweigh one unit of a higher level:
//!
//! ```text
//! w = D·resident + A·priority + B·people − C·moved − E·empty_beds − against_unit − accessible_spared
//! E = 2 · households + 1                  (the tie-break level: at most two per household)
//! C = E · (total_beds + 1)                (empty beds and the tie-break < C)
//! B = C · (residents + 1)                 (moves and all below < B)
//! A = B · (placeable_people + 1)          (people and all below < A)
//! D = A · (5 · households + 1)            (the rest < D: every resident placed comes first)
//! ```
//!
//! `against_unit` is 1 when, under `by_unit`, a household's adults are female and every adult
//! living in the unit now is male, or the other way round; `accessible_spared` is 1 when a
//! household that does not need an accessible room is placed in one. Together they are a
//! fifth level below the four of the contract, so they only choose among placements optimal
//! for those four: newcomers go where people of their gender already live, and accessible
//! rooms stay free for those who need them, as a shift leader would do. The first also spares
//! the search many equally good but mixed relaxations.
//!
//! Every weight is positive, all arithmetic is checked `i128`.
//!
//! Without gender labels of units and keep-apart pairs, the problem is a maximum-weight
//! flow: source → (kennel node, capacity `kennel_places`, for types with a pet) → type
//! (capacity: its households) → class (capacity: its rooms) → sink. The kennel limit is
//! therefore exact in the relaxation. The flow is solved by primal-dual successive shortest
//! paths (Dijkstra on reduced costs, then a blocking flow on the zero-reduced-cost edges),
//! stopping when the shortest path no longer gains.
//!
//! # Branch and bound
//!
//! A node fixes some units to `female` or `male` (under `by_unit`) and forbids some
//! keep-apart households from some units. Its flow value bounds every placement below it.
//! When the flow of a node mixes female and male adults in units u1..uk, the node branches
//! into a partition of their labellings: all k units get the label of their heavier side
//! (explored first), or u1..u(i-1) get the heavier label and ui the lighter one. When the
//! flow puts a keep-apart pair in one unit, the node branches on which of the two is kept
//! out of that unit (the lighter one first).
//! A node whose flow breaks no rule is a placement, and optimal for its subtree. Nodes whose
//! bound does not beat the best placement found are cut. The search ends with a proven optimum,
//! or when the node budget runs out, with the best placement found (a greedy placement is the
//! first) and the best bound of the nodes left.
//!
//! # Stronger bounds
//!
//! A keep-apart clique (of a greedy clique cover) with more members than units it can use
//! gets a node in the flow with that many units as capacity. Under `by_unit`, a node's bound
//! is also the unit bound: the type, kennel and clique limits relaxed with the flow's dual
//! values as multipliers, and each unit filled at those prices with the better of its female
//! and male households (or as its label allows); it equals the flow's value where genders do
//! not bind and is lower where the flow mixes them. Every keep-apart pair sharing a unit is
//! branched on at once, and units of the same rooms with nobody living in them are not
//! explored in mirror order (male adults in one, female in a later one).
//!
//! # Tie-break (which optimal placement is returned)
//!
//! The solver sees rooms and households sorted by id, so the result depends only on the
//! sets given, never on their order. Among placements optimal for the contract's four levels
//! it takes one with the fewest households placed against the gender of a unit's current
//! residents or in an accessible room they do not need (the fifth level above), and among those the first the deterministic search
//! reaches. Within that flow, a stay flow goes to the type's members living in the class
//! (lowest ids first), ordinary flows to the type's other members in id order (so of equal
//! households, the lowest ids are placed); each resident placed in the class of its current
//! room keeps that very room, and the other households of a class take its free rooms in id
//! order.
#![expect(
    clippy::indexing_slicing,
    reason = "graph algorithm over vectors the module allocates itself: every index is a node, edge, type or class number below the length it was allocated with"
)]

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap};

use crate::household::AdultGenders;

/// A room as the solver sees it.
#[derive(Debug, Clone)]
pub(crate) struct SRoom {
    pub(crate) unit: usize,
    pub(crate) beds: u32,
    pub(crate) accessible: bool,
    pub(crate) screened: bool,
}

/// A household as the solver sees it.
#[derive(Debug, Clone)]
pub(crate) struct SHousehold {
    pub(crate) size: u32,
    pub(crate) priority: u32,
    pub(crate) genders: AdultGenders,
    pub(crate) accessible: bool,
    pub(crate) screened: bool,
    pub(crate) pet: bool,
    pub(crate) current: Option<usize>,
}

/// A placement problem, rooms and households in canonical (id) order.
#[derive(Debug, Clone)]
pub(crate) struct Problem {
    pub(crate) rooms: Vec<SRoom>,
    pub(crate) households: Vec<SHousehold>,
    /// Keep-apart pairs `(a, b)` with `a < b`, household indices.
    pub(crate) apart: BTreeSet<(usize, usize)>,
    pub(crate) kennel: u32,
    pub(crate) by_unit: bool,
    pub(crate) reserve_screened: bool,
}

/// Why the solver found no placement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SolveError {
    /// No placement places every current resident.
    ResidentsCannotBePlaced,
    /// The weights would overflow `i128` (not reachable with inputs below millions of rooms).
    TooLarge,
}

/// A placement: the room of each household (or none), the number of search nodes, whether
/// the search proved it optimal, and an upper bound on the priority any placement can reach.
#[derive(Debug, Clone)]
pub(crate) struct Solution {
    pub(crate) rooms: Vec<Option<usize>>,
    pub(crate) nodes: u64,
    pub(crate) proven: bool,
    pub(crate) priority_bound: u64,
}

/// Whether household `h` may use room `r` on its own (beds, needs, reservation, gender of
/// its adults under `by_unit`). The kennel, unit labels and keep-apart are not checked here.
pub(crate) fn fits(p: &Problem, h: &SHousehold, r: &SRoom) -> bool {
    h.size <= r.beds
        && (!h.accessible || r.accessible)
        && (!h.screened || r.screened)
        && !(p.reserve_screened && r.screened && !h.screened)
        && !(p.by_unit && h.genders == AdultGenders::Mixed)
        && !(h.pet && p.kennel == 0)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    Female,
    Male,
}

struct Class {
    unit: usize,
    beds: u32,
    rooms: Vec<usize>,
}

struct Type {
    /// Households of the type, in id order.
    members: Vec<usize>,
    resident: bool,
    /// For resident types: how many members live in each class now.
    homes: BTreeMap<usize, i64>,
    genders: AdultGenders,
    pet: bool,
    singleton: bool,
}

#[derive(Clone, Default)]
struct Node {
    labels: BTreeMap<usize, Label>,
    forbidden: BTreeSet<(usize, usize)>,
    parent_bound: Option<i128>,
}

/// One flow of the relaxation: `flow` households of type `t` in class `c`, on the stay edge or not.
#[derive(Clone, Copy)]
struct Flow {
    t: usize,
    c: usize,
    flow: i64,
    stay: bool,
}

struct Relaxed {
    /// The flow's value: a bound on every placement below the node.
    value: i128,
    /// A bound no weaker than `value` (it also sees the unit constraints).
    bound: i128,
    /// The unit bound alone (under `by_unit`).
    #[cfg_attr(not(test), expect(dead_code, reason = "read by the test of the bound's tightness"))]
    unit_bound: Option<i128>,
    flows: Vec<Flow>,
}

/// Solves the problem, to a proven optimum when the search ends within `budget` nodes (at
/// least one node is always solved), else the best placement found by then.
pub(crate) fn solve(p: &Problem, budget: u64) -> Result<Solution, SolveError> {
    let search = Search::new(p)?;
    search.run(budget)
}

struct Search<'a> {
    p: &'a Problem,
    classes: Vec<Class>,
    types: Vec<Type>,
    /// `weights[t][c]`: weight of placing one household of type t in class c (as a move,
    /// for residents), if it fits.
    weights: Vec<Vec<Option<i128>>>,
    /// Whether every distance of the flow fits `i64` with room to spare (then the flow is
    /// solved in `i64`, which is faster than `i128`).
    small_costs: bool,
    /// What a resident gains by staying in its own room rather than moving: the move penalty.
    stay_bonus: i128,
    residents: usize,
    /// The singleton type of each household in a keep-apart pair.
    singleton_type: BTreeMap<usize, usize>,
    /// The type of each household and the class of each room.
    type_of: Vec<usize>,
    class_of: Vec<usize>,
    /// Keep-apart cliques (of a clique cover) with more members than units they can use.
    cliques: Vec<Clique>,
    /// The clique of each type, if any.
    clique_of: Vec<Option<usize>>,
    /// Groups of interchangeable units (the same classes of rooms, nobody living in them), in
    /// unit order.
    twins: Vec<Vec<usize>>,
    /// Multipliers of the folded objective (to read a bound back as priority).
    d_mult: i128,
    a_mult: i128,
    b_mult: i128,
}

/// Households that all name each other in `keep_apart`: at most one of them per unit, so at
/// most `units` of them are placed (the members with a pet are left out of the count).
struct Clique {
    units: i64,
}

fn checked(x: Option<i128>) -> Result<i128, SolveError> {
    x.ok_or(SolveError::TooLarge)
}

impl<'a> Search<'a> {
    fn new(p: &'a Problem) -> Result<Self, SolveError> {
        // Classes of interchangeable rooms, numbered in order of their first room.
        let mut class_of_key: BTreeMap<(usize, u32, bool, bool), usize> = BTreeMap::new();
        let mut classes: Vec<Class> = Vec::new();
        let mut class_of_room = Vec::with_capacity(p.rooms.len());
        for (i, r) in p.rooms.iter().enumerate() {
            let key = (r.unit, r.beds, r.accessible, r.screened);
            let c = *class_of_key.entry(key).or_insert_with(|| {
                classes.push(Class { unit: r.unit, beds: r.beds, rooms: Vec::new() });
                classes.len() - 1
            });
            classes[c].rooms.push(i);
            class_of_room.push(c);
        }
        // Types of interchangeable households, numbered in order of their first member.
        let in_pair: BTreeSet<usize> = p.apart.iter().flat_map(|&(a, b)| [a, b]).collect();
        type Key = (u32, u32, AdultGenders, bool, bool, bool, bool);
        let mut type_of_key: BTreeMap<Key, usize> = BTreeMap::new();
        let mut types: Vec<Type> = Vec::new();
        let mut singleton_type = BTreeMap::new();
        let mut type_of = Vec::with_capacity(p.households.len());
        for (i, h) in p.households.iter().enumerate() {
            let key = (h.priority, h.size, h.genders, h.accessible, h.screened, h.pet, h.current.is_some());
            let existing = if in_pair.contains(&i) { None } else { type_of_key.get(&key).copied() };
            let t = match existing {
                Some(t) => t,
                None => {
                    types.push(Type {
                        members: Vec::new(),
                        resident: h.current.is_some(),
                        homes: BTreeMap::new(),
                        genders: h.genders,
                        pet: h.pet,
                        singleton: in_pair.contains(&i),
                    });
                    let t = types.len() - 1;
                    if in_pair.contains(&i) {
                        singleton_type.insert(i, t);
                    } else {
                        type_of_key.insert(key, t);
                    }
                    t
                }
            };
            types[t].members.push(i);
            type_of.push(t);
            if let Some(r) = h.current {
                *types[t].homes.entry(class_of_room[r]).or_default() += 1;
            }
        }
        // Multipliers of the folded objective.
        let residents = p.households.iter().filter(|h| h.current.is_some()).count();
        let total_beds: i128 = p.rooms.iter().map(|r| i128::from(r.beds)).sum();
        let max_beds = p.rooms.iter().map(|r| r.beds).max().unwrap_or(0);
        let placeable_people: i128 = p.households.iter().map(|h| i128::from(h.size.min(max_beds))).sum();
        let n = i128::try_from(p.households.len()).map_err(|_| SolveError::TooLarge)?;
        let n_res = i128::try_from(residents).map_err(|_| SolveError::TooLarge)?;
        // The tie-break level: one per household placed against the gender of the unit's
        // current residents (by_unit only), so at most n in all.
        let e_mult = checked(n.checked_mul(2).and_then(|x| x.checked_add(1)))?;
        let c_mult = checked(e_mult.checked_mul(checked(total_beds.checked_add(1))?))?;
        let b_mult = checked(c_mult.checked_mul(checked(n_res.checked_add(1))?))?;
        let a_mult = checked(b_mult.checked_mul(checked(placeable_people.checked_add(1))?))?;
        let d_mult = checked(a_mult.checked_mul(checked(n.checked_mul(5).and_then(|x| x.checked_add(1)))?))?;
        // The whole objective must fit too: D · (residents + 1) bounds every flow value.
        checked(d_mult.checked_mul(checked(n_res.checked_add(1))?))?;

        // The gender of the adults living in each unit now, where all of them are female or
        // all male (by_unit only).
        let mut unit_residents: BTreeMap<usize, AdultGenders> = BTreeMap::new();
        if p.by_unit {
            let mut seen: BTreeMap<usize, (bool, bool)> = BTreeMap::new();
            for h in &p.households {
                if let Some(r) = h.current {
                    let entry = seen.entry(p.rooms[r].unit).or_default();
                    entry.0 |= matches!(h.genders, AdultGenders::Female | AdultGenders::Mixed);
                    entry.1 |= matches!(h.genders, AdultGenders::Male | AdultGenders::Mixed);
                }
            }
            for (unit, (female, male)) in seen {
                match (female, male) {
                    (true, false) => unit_residents.insert(unit, AdultGenders::Female),
                    (false, true) => unit_residents.insert(unit, AdultGenders::Male),
                    _ => None,
                };
            }
        }
        let mut weights = Vec::with_capacity(types.len());
        for t in &types {
            let Some(h) = t.members.first().map(|&m| &p.households[m]) else { continue };
            let mut row = Vec::with_capacity(classes.len());
            for c in &classes {
                let room = &p.rooms[c.rooms[0]];
                if !fits(p, h, room) {
                    row.push(None);
                    continue;
                }
                let resident = i128::from(t.resident);
                let empty = i128::from(c.beds - h.size);
                // Keep accessible rooms for those who need them, when that costs nothing above.
                let spare_accessible = i128::from(room.accessible && !h.accessible);
                let against_unit = i128::from(matches!(
                    (h.genders, unit_residents.get(&c.unit)),
                    (AdultGenders::Female, Some(AdultGenders::Male)) | (AdultGenders::Male, Some(AdultGenders::Female))
                ));
                // A resident on an ordinary edge counts as moved; the stay edge adds `c_mult` back.
                let w = d_mult * resident + a_mult * i128::from(h.priority) + b_mult * i128::from(h.size)
                    - c_mult * resident
                    - e_mult * empty
                    - against_unit
                    - spare_accessible;
                row.push(Some(w));
            }
            weights.push(row);
        }
        // Try i64 when the weights fit with a wide margin; the flow checks every sum and
        // falls back to i128 if a distance ever leaves i64.
        let max_weight = weights.iter().flatten().flatten().copied().max().unwrap_or(0) + c_mult;
        let small_costs = max_weight.checked_mul(64).is_some_and(|x| x < i128::from(i64::MAX));
        let (cliques, clique_of) = clique_cover(p, &classes, &types, &weights, &singleton_type);
        let twins = twin_units(p, &classes);
        Ok(Self {
            p,
            classes,
            types,
            weights,
            small_costs,
            stay_bonus: c_mult,
            residents,
            singleton_type,
            type_of,
            class_of: class_of_room,
            cliques,
            clique_of,
            twins,
            d_mult,
            a_mult,
            b_mult,
        })
    }

    fn allowed(&self, node: &Node, t: usize, c: usize) -> bool {
        let unit = self.classes[c].unit;
        let ty = &self.types[t];
        let label_ok = match node.labels.get(&unit) {
            Some(Label::Female) => ty.genders != AdultGenders::Male,
            Some(Label::Male) => ty.genders != AdultGenders::Female,
            None => true,
        };
        label_ok && !(ty.singleton && node.forbidden.contains(&(t, unit)))
    }

    fn weight(&self, f: &Flow) -> i128 {
        self.weights[f.t][f.c].unwrap_or(0) + if f.stay { self.stay_bonus } else { 0 }
    }

    /// The relaxation of a node: in `i64` when the weights allow, else (or when a distance
    /// leaves `i64`) in `i128`.
    fn relax(&self, node: &Node) -> Result<Relaxed, SolveError> {
        let small = if self.small_costs { self.relax_with::<i64>(node) } else { None };
        small.or_else(|| self.relax_with::<i128>(node)).ok_or(SolveError::TooLarge)
    }

    fn relax_with<C: Cost>(&self, node: &Node) -> Option<Relaxed> {
        let nt = self.types.len();
        let nc = self.classes.len();
        let nk = self.cliques.len();
        let source = 0;
        let kennel = 1;
        let clique_node = |k: usize| 2 + k;
        let type_node = |t: usize| 2 + nk + t;
        let class_node = |c: usize| 2 + nk + nt + c;
        let sink = 2 + nk + nt + nc;
        let mut g = Graph::<C>::new(sink + 1);
        g.add_edge(source, kennel, i64::from(self.p.kennel), C::ZERO)?;
        for (k, clique) in self.cliques.iter().enumerate() {
            g.add_edge(source, clique_node(k), clique.units, C::ZERO)?;
        }
        let mut pair_edges = Vec::new();
        let mut parent = Vec::with_capacity(nt);
        for (t, ty) in self.types.iter().enumerate() {
            let count = i64::try_from(ty.members.len()).unwrap_or(i64::MAX);
            let from = match (ty.pet, self.clique_of[t]) {
                (true, _) => kennel,
                (false, Some(k)) => clique_node(k),
                (false, None) => source,
            };
            parent.push(from);
            g.add_edge(from, type_node(t), count, C::ZERO)?;
            for (c, class) in self.classes.iter().enumerate() {
                let Some(w) = self.weights[t][c] else { continue };
                if !self.allowed(node, t, c) {
                    continue;
                }
                let rooms = i64::try_from(class.rooms.len()).unwrap_or(i64::MAX);
                if let Some(&home) = ty.homes.get(&c) {
                    let e = g.add_edge(type_node(t), class_node(c), home, C::from_i128(-(w + self.stay_bonus))?)?;
                    pair_edges.push((t, c, true, e));
                }
                let e = g.add_edge(type_node(t), class_node(c), count.min(rooms), C::from_i128(-w)?)?;
                pair_edges.push((t, c, false, e));
            }
        }
        for (c, class) in self.classes.iter().enumerate() {
            g.add_edge(class_node(c), sink, i64::try_from(class.rooms.len()).unwrap_or(i64::MAX), C::ZERO)?;
        }
        let (cost, pot) = g.min_cost_flow(source, sink)?;
        let flows = pair_edges
            .into_iter()
            .filter_map(|(t, c, stay, (u, i))| {
                let flow = g.flow_on(u, i);
                (flow > 0).then_some(Flow { t, c, flow, stay })
            })
            .collect();
        let value = -cost;
        let pot: Vec<i128> = pot.iter().map(|p| p.to_i128()).collect();
        // Lagrangian multipliers from the flow's dual: what one more household of a type,
        // one more kennel place, one more member of a clique would be worth.
        let dual = |from: usize, to: usize| (pot[to] - pot[from]).max(0);
        let lambda: Vec<i128> = (0..nt)
            .map(|t| {
                let own = dual(parent[t], type_node(t));
                let above = if parent[t] == kennel {
                    dual(source, kennel)
                } else if parent[t] == source {
                    0
                } else {
                    dual(source, parent[t])
                };
                own + above
            })
            .collect();
        let unit_bound = if self.p.by_unit { Some(self.unit_bound(node, &lambda, &pot, &parent)?) } else { None };
        let bound = unit_bound.map_or(value, |l| l.min(value));
        Some(Relaxed { value, bound, unit_bound, flows })
    }

    /// A bound that sees the gender of each unit: the type, kennel and clique limits are
    /// relaxed with the flow's dual values as multipliers, and each unit then takes the better
    /// of its female and its male filling at those prices (or the one its label allows). It
    /// is never above the flow's value with optimal multipliers and often below it where the
    /// flow mixes women and men in a unit.
    fn unit_bound(&self, node: &Node, lambda: &[i128], pot: &[i128], parent: &[usize]) -> Option<i128> {
        let nk = self.cliques.len();
        let source = 0;
        let kennel = 1;
        let dual = |from: usize, to: usize| (pot[to] - pot[from]).max(0);
        // The relaxed limits, each times its multiplier.
        let mut total: i128 = 0;
        for (t, ty) in self.types.iter().enumerate() {
            let n = i128::try_from(ty.members.len()).ok()?;
            total = total.checked_add(dual(parent[t], 2 + nk + t).checked_mul(n)?)?;
        }
        total = total.checked_add(dual(source, kennel).checked_mul(i128::from(self.p.kennel))?)?;
        for (k, clique) in self.cliques.iter().enumerate() {
            total = total.checked_add(dual(source, 2 + k).checked_mul(i128::from(clique.units))?)?;
        }
        // Each unit's best filling at those prices.
        let mut by_unit: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (c, class) in self.classes.iter().enumerate() {
            by_unit.entry(class.unit).or_default().push(c);
        }
        let mut items: Vec<(i128, i64)> = Vec::new();
        for (unit, classes) in by_unit {
            let options: &[Option<AdultGenders>] = match node.labels.get(&unit) {
                Some(_) => &[None],
                None => &[Some(AdultGenders::Male), Some(AdultGenders::Female)],
            };
            let mut best: i128 = 0;
            for &excluded in options {
                let mut fill: i128 = 0;
                for &c in &classes {
                    items.clear();
                    let rooms = i64::try_from(self.classes[c].rooms.len()).ok()?;
                    for (t, ty) in self.types.iter().enumerate() {
                        let Some(w) = self.weights[t][c] else { continue };
                        if Some(ty.genders) == excluded || !self.allowed(node, t, c) {
                            continue;
                        }
                        let count = i64::try_from(ty.members.len()).ok()?;
                        let profit = w - lambda[t];
                        if let Some(&home) = ty.homes.get(&c) {
                            items.push((profit + self.stay_bonus, home));
                        }
                        items.push((profit, count.min(rooms)));
                    }
                    items.sort_unstable_by_key(|&(profit, _)| Reverse(profit));
                    let mut left = rooms;
                    for &(profit, cap) in &items {
                        if left == 0 || profit <= 0 {
                            break;
                        }
                        let take = cap.min(left);
                        fill = fill.checked_add(profit.checked_mul(i128::from(take))?)?;
                        left -= take;
                    }
                }
                best = best.max(fill);
            }
            total = total.checked_add(best)?;
        }
        Some(total)
    }

    /// Depth-first branch and bound from the greedy placement, for at most `budget` nodes
    /// (at least one; when no placement has been found by then, the search goes on until it
    /// finds one or shows there is none).
    fn run(&self, budget: u64) -> Result<Solution, SolveError> {
        let greedy = self.greedy();
        let greedy_value = greedy.as_ref().map(|g| g.0);
        // A node is worth solving when its bound beats the best flow placement found, and is
        // not below the greedy one (on a tie the search's placement is taken: the documented
        // tie-break is the search's).
        let worth = |bound: i128, best: &Option<Relaxed>| {
            best.as_ref().is_none_or(|b| bound > b.value) && greedy_value.is_none_or(|g| bound >= g)
        };
        let budget = budget.max(1);
        let mut best: Option<Relaxed> = None;
        let mut stack = vec![Node::default()];
        let mut nodes = 0u64;
        // The best bound of the nodes left unexplored when the budget ran out.
        let mut open: Option<Option<i128>> = None;
        while let Some(node) = stack.pop() {
            if node.parent_bound.is_some_and(|bound| !worth(bound, &best)) || self.mirrored(&node) {
                continue;
            }
            if nodes >= budget && (best.is_some() || greedy.is_some()) {
                let left = stack.iter().filter(|n| !self.mirrored(n)).filter_map(|n| n.parent_bound);
                open = Some(left.chain(node.parent_bound).max());
                break;
            }
            nodes += 1;
            let relaxed = self.relax(&node)?;
            if !worth(relaxed.bound, &best) {
                continue;
            }
            let residents_placed: i64 = relaxed.flows.iter().filter(|f| self.types[f.t].resident).map(|f| f.flow).sum();
            if usize::try_from(residents_placed).unwrap_or(0) < self.residents {
                continue;
            }
            match self.violation(&relaxed) {
                None => best = Some(relaxed),
                Some(children) => {
                    // Pushed in reverse, so the first child is explored first.
                    for child in children.into_iter().rev() {
                        let mut next = node.clone();
                        for branch in child {
                            match branch {
                                Branch::Label(unit, label) => {
                                    next.labels.insert(unit, label);
                                }
                                Branch::Forbid(t, unit) => {
                                    next.forbidden.insert((t, unit));
                                }
                            }
                        }
                        next.parent_bound = Some(relaxed.bound);
                        stack.push(next);
                    }
                }
            }
        }
        let (value, rooms) = match (best, greedy) {
            (Some(b), Some(g)) if g.0 > b.value => g,
            (Some(b), _) => (b.value, self.extract(&b)),
            (None, Some(g)) => g,
            (None, None) => return Err(SolveError::ResidentsCannotBePlaced),
        };
        let placed_priority: u64 =
            self.p.households.iter().zip(&rooms).filter(|(_, r)| r.is_some()).map(|(h, _)| u64::from(h.priority)).sum();
        let (proven, priority_bound) = match open {
            None => (true, placed_priority),
            Some(left) => {
                let bound = left.map_or(value, |b| b.max(value));
                (false, self.priority_bound(bound).clamp(placed_priority, self.all_priority()))
            }
        };
        Ok(Solution { rooms, nodes, proven, priority_bound })
    }

    /// The sum of every household's priority.
    fn all_priority(&self) -> u64 {
        self.p.households.iter().map(|h| u64::from(h.priority)).sum()
    }

    /// The most priority a placement of folded value at most `bound` can place: every level
    /// below priority adds less than `a_mult` and takes away less than `b_mult`, and every
    /// placement places all residents.
    fn priority_bound(&self, bound: i128) -> u64 {
        let residents = i128::try_from(self.residents).unwrap_or(i128::MAX);
        let above = self
            .d_mult
            .checked_mul(residents)
            .and_then(|r| bound.checked_sub(r))
            .and_then(|x| x.checked_add(self.b_mult - 1))
            .map_or(i128::MAX, |x| x.div_euclid(self.a_mult));
        u64::try_from(above.max(0)).unwrap_or(u64::MAX)
    }

    /// Whether the node's labels put male adults in a unit and female adults in a later twin
    /// of it: every placement there has a mirror image, the same in every respect, elsewhere.
    fn mirrored(&self, node: &Node) -> bool {
        self.twins.iter().any(|units| {
            let mut male_before = false;
            units.iter().any(|u| match node.labels.get(u) {
                Some(Label::Male) => {
                    male_before = true;
                    false
                }
                Some(Label::Female) => male_before,
                None => false,
            })
        })
    }

    /// A placement found at once: residents first (in their own room where the rules allow,
    /// else in the best room left), then the other households by priority and size, each in
    /// the free room of the highest weight that keeps every rule with those placed before.
    /// Its folded value and rooms, or `None` when a resident finds no room this way.
    fn greedy(&self) -> Option<(i128, Vec<Option<usize>>)> {
        let p = self.p;
        let mut free = vec![true; p.rooms.len()];
        let mut labels: BTreeMap<usize, Label> = BTreeMap::new();
        let mut pets = 0u32;
        let mut rooms: Vec<Option<usize>> = vec![None; p.households.len()];
        let mut apart: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for &(a, b) in &p.apart {
            apart.entry(a).or_default().push(b);
            apart.entry(b).or_default().push(a);
        }
        let mut order: Vec<usize> = (0..p.households.len()).collect();
        order.sort_by_key(|&h| {
            let x = &p.households[h];
            (x.current.is_none(), Reverse(x.priority), Reverse(x.size), h)
        });
        let mut value: i128 = 0;
        for h in order {
            let x = &p.households[h];
            if x.pet && pets >= p.kennel {
                if x.current.is_some() {
                    return None;
                }
                continue;
            }
            let t = self.type_of[h];
            let keeps_rules = |r: usize| {
                let unit = p.rooms[r].unit;
                let label_ok = !matches!(
                    (labels.get(&unit), x.genders),
                    (Some(Label::Female), AdultGenders::Male) | (Some(Label::Male), AdultGenders::Female)
                );
                free[r]
                    && self.weights[t][self.class_of[r]].is_some()
                    && label_ok
                    && apart
                        .get(&h)
                        .is_none_or(|others| others.iter().all(|&o| rooms[o].is_none_or(|ro| p.rooms[ro].unit != unit)))
            };
            let gain = |r: usize| {
                let stay = if x.current == Some(r) { self.stay_bonus } else { 0 };
                self.weights[t][self.class_of[r]].unwrap_or(0) + stay
            };
            let choice = (0..p.rooms.len()).filter(|&r| keeps_rules(r)).max_by_key(|&r| (gain(r), Reverse(r)));
            match choice {
                Some(r) => {
                    value += gain(r);
                    free[r] = false;
                    rooms[h] = Some(r);
                    pets += u32::from(x.pet);
                    match x.genders {
                        AdultGenders::Female => {
                            labels.insert(p.rooms[r].unit, Label::Female);
                        }
                        AdultGenders::Male => {
                            labels.insert(p.rooms[r].unit, Label::Male);
                        }
                        AdultGenders::Neutral | AdultGenders::Mixed => {}
                    }
                }
                None if x.current.is_some() => return None,
                None => {}
            }
        }
        Some((value, rooms))
    }

    /// The first rule the relaxed flow breaks, as the branches that exclude it.
    fn violation(&self, relaxed: &Relaxed) -> Option<Vec<Vec<Branch>>> {
        if self.p.by_unit {
            // Weight of female and of male households per unit.
            let mut per_unit: BTreeMap<usize, (i128, i128)> = BTreeMap::new();
            for f in &relaxed.flows {
                let w = self.weight(f) * i128::from(f.flow);
                let entry = per_unit.entry(self.classes[f.c].unit).or_default();
                match self.types[f.t].genders {
                    AdultGenders::Female => entry.0 += w,
                    AdultGenders::Male => entry.1 += w,
                    AdultGenders::Neutral | AdultGenders::Mixed => {}
                }
            }
            // Units holding both, each with its heavier side (the majority) and the other.
            let mixed: Vec<(usize, Label, Label)> = per_unit
                .iter()
                .filter(|(_, (f, m))| *f > 0 && *m > 0)
                .map(
                    |(&u, &(f, m))| {
                        if f >= m { (u, Label::Female, Label::Male) } else { (u, Label::Male, Label::Female) }
                    },
                )
                .collect();
            if !mixed.is_empty() {
                // A partition of all labellings of these units: every unit its majority label
                // (explored first), or units 1..i-1 their majority and unit i its minority label.
                let majority = |upto: usize| mixed.iter().take(upto).map(|&(u, maj, _)| Branch::Label(u, maj));
                let mut children = vec![majority(mixed.len()).collect::<Vec<_>>()];
                for (i, &(u, _, minority)) in mixed.iter().enumerate().rev() {
                    children.push(majority(i).chain([Branch::Label(u, minority)]).collect());
                }
                return Some(children);
            }
        }
        // Where each keep-apart household went (unit and weight).
        let placed: BTreeMap<usize, (usize, i128)> = relaxed
            .flows
            .iter()
            .filter(|f| self.types[f.t].singleton)
            .map(|f| (f.t, (self.classes[f.c].unit, self.weight(f))))
            .collect();
        // Every pair sharing a unit, as (unit, the lighter household's type, the heavier's).
        let mut shared: Vec<(usize, usize, usize)> = Vec::new();
        for &(a, b) in &self.p.apart {
            let (Some(&ta), Some(&tb)) = (self.singleton_type.get(&a), self.singleton_type.get(&b)) else {
                continue;
            };
            if let (Some(&(ua, wa)), Some(&(ub, wb))) = (placed.get(&ta), placed.get(&tb)) {
                if ua == ub {
                    shared.push(if wa >= wb { (ua, tb, ta) } else { (ua, ta, tb) });
                }
            }
        }
        if shared.is_empty() {
            return None;
        }
        // A cover of the placements that keep these pairs apart: every lighter household
        // out of its unit (explored first: the heavier ones stay), or the lighter ones of
        // pairs 1..i-1 out and the heavier one of pair i out.
        let lighter = |upto: usize| shared.iter().take(upto).map(|&(u, light, _)| Branch::Forbid(light, u));
        let mut children = vec![lighter(shared.len()).collect::<Vec<_>>()];
        for (i, &(u, _, heavy)) in shared.iter().enumerate().rev() {
            children.push(lighter(i).chain([Branch::Forbid(heavy, u)]).collect());
        }
        Some(children)
    }

    /// Turns the optimal flow into rooms, by the documented tie-break.
    fn extract(&self, relaxed: &Relaxed) -> Vec<Option<usize>> {
        let mut in_class: Vec<Vec<usize>> = vec![Vec::new(); self.classes.len()];
        let mut taken_member = vec![false; self.p.households.len()];
        // Stay flows first: the members living in the class, lowest ids first.
        for f in relaxed.flows.iter().filter(|f| f.stay) {
            let class_rooms = &self.classes[f.c].rooms;
            let staying = self.types[f.t]
                .members
                .iter()
                .filter(|&&h| {
                    !taken_member[h] && self.p.households[h].current.is_some_and(|r| class_rooms.contains(&r))
                })
                .take(usize::try_from(f.flow).unwrap_or(0))
                .copied()
                .collect::<Vec<_>>();
            for h in staying {
                taken_member[h] = true;
                in_class[f.c].push(h);
            }
        }
        // Then the ordinary flows, class by class, to the remaining members in id order.
        for f in relaxed.flows.iter().filter(|f| !f.stay) {
            let chosen = self.types[f.t]
                .members
                .iter()
                .filter(|&&h| !taken_member[h])
                .take(usize::try_from(f.flow).unwrap_or(0))
                .copied()
                .collect::<Vec<_>>();
            for h in chosen {
                taken_member[h] = true;
                in_class[f.c].push(h);
            }
        }
        let mut rooms = vec![None; self.p.households.len()];
        for (c, class) in self.classes.iter().enumerate() {
            let mut households = std::mem::take(&mut in_class[c]);
            households.sort_unstable();
            let mut taken = BTreeSet::new();
            // Residents in the class of their current room keep that room.
            for &h in &households {
                if let Some(r) = self.p.households[h].current {
                    if class.rooms.contains(&r) {
                        rooms[h] = Some(r);
                        taken.insert(r);
                    }
                }
            }
            let mut free = class.rooms.iter().filter(|r| !taken.contains(r));
            for &h in &households {
                if rooms[h].is_none() {
                    rooms[h] = free.next().copied();
                }
            }
        }
        rooms
    }
}

/// A clique cover of the keep-apart graph, greedy in household order: each household not yet
/// covered starts a clique and takes every later neighbour adjacent to all members so far.
/// Only cliques with more members (without a pet) than units they can use are kept: the
/// others never bind in the flow.
fn clique_cover(
    p: &Problem,
    classes: &[Class],
    types: &[Type],
    weights: &[Vec<Option<i128>>],
    singleton_type: &BTreeMap<usize, usize>,
) -> (Vec<Clique>, Vec<Option<usize>>) {
    let mut clique_of = vec![None; types.len()];
    let mut cliques = Vec::new();
    let mut neighbours: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    for &(a, b) in &p.apart {
        neighbours.entry(a).or_default().insert(b);
        neighbours.entry(b).or_default().insert(a);
    }
    let mut covered = BTreeSet::new();
    for (&h, near) in &neighbours {
        if covered.contains(&h) {
            continue;
        }
        let mut clique = vec![h];
        for &other in near.range(h + 1..) {
            let adjacent = |m: &usize| neighbours.get(&other).is_some_and(|n| n.contains(m));
            if !covered.contains(&other) && clique.iter().all(adjacent) {
                clique.push(other);
            }
        }
        covered.extend(clique.iter().copied());
        let members: Vec<usize> =
            clique.iter().filter(|&&m| !p.households[m].pet).filter_map(|m| singleton_type.get(m).copied()).collect();
        let units: BTreeSet<usize> = members
            .iter()
            .flat_map(|&t| classes.iter().enumerate().filter(move |&(c, _)| weights[t][c].is_some()))
            .map(|(_, class)| class.unit)
            .collect();
        let units = i64::try_from(units.len()).unwrap_or(i64::MAX);
        if i64::try_from(members.len()).is_ok_and(|n| n > units) {
            for &t in &members {
                clique_of[t] = Some(cliques.len());
            }
            cliques.push(Clique { units });
        }
    }
    (cliques, clique_of)
}

/// Groups of interchangeable units, in unit order: the same rooms up to their ids (beds, accessible,
/// screened) and no current resident in either. Swapping the households of two such units
/// keeps every rule and the objective, so the search may consider only placements where the
/// first never holds male adults while the second holds female adults.
fn twin_units(p: &Problem, classes: &[Class]) -> Vec<Vec<usize>> {
    /// A unit's rooms up to their ids: (beds, accessible, screened, how many) per class.
    type Shape = Vec<(u32, bool, bool, usize)>;
    let mut shape: BTreeMap<usize, Shape> = BTreeMap::new();
    for c in classes {
        let Some(room) = c.rooms.first().map(|&r| &p.rooms[r]) else { continue };
        shape.entry(c.unit).or_default().push((c.beds, room.accessible, room.screened, c.rooms.len()));
    }
    let lived_in: BTreeSet<usize> = p.households.iter().filter_map(|h| h.current).map(|r| p.rooms[r].unit).collect();
    let mut by_shape: BTreeMap<Shape, Vec<usize>> = BTreeMap::new();
    for (unit, mut rooms) in shape {
        if !lived_in.contains(&unit) {
            rooms.sort_unstable();
            by_shape.entry(rooms).or_default().push(unit);
        }
    }
    by_shape.into_values().filter(|units| units.len() > 1).collect()
}

enum Branch {
    Label(usize, Label),
    Forbid(usize, usize),
}

/// The integer type of edge costs: `i64` when every distance fits, else `i128`.
///
/// All arithmetic is checked: a flow whose distances leave `i64` is solved again in `i128`.
trait Cost: Copy + Ord {
    const ZERO: Self;
    /// Larger than every distance.
    const INF: Self;
    fn from_i128(x: i128) -> Option<Self>;
    fn to_i128(self) -> i128;
    fn plus(self, other: Self) -> Option<Self>;
    fn minus(self, other: Self) -> Option<Self>;
}

impl Cost for i64 {
    const ZERO: Self = 0;
    const INF: Self = i64::MAX / 4;
    fn from_i128(x: i128) -> Option<Self> {
        i64::try_from(x).ok()
    }
    fn to_i128(self) -> i128 {
        i128::from(self)
    }
    fn plus(self, other: Self) -> Option<Self> {
        self.checked_add(other)
    }
    fn minus(self, other: Self) -> Option<Self> {
        self.checked_sub(other)
    }
}

impl Cost for i128 {
    const ZERO: Self = 0;
    const INF: Self = i128::MAX / 4;
    fn from_i128(x: i128) -> Option<Self> {
        Some(x)
    }
    fn to_i128(self) -> i128 {
        self
    }
    fn plus(self, other: Self) -> Option<Self> {
        self.checked_add(other)
    }
    fn minus(self, other: Self) -> Option<Self> {
        self.checked_sub(other)
    }
}

/// Makes the final potentials dual values of the flow with its value free, as the unit bound
/// reads them: the sink's potential equal to the source's. With an edge of cost zero from the
/// sink to the source (flow of any value may return), the one residual edge of negative reduced
/// cost is the one between them, of reduced cost `-gap`; `dist` holds the reduced distances from
/// its head. The shortest distances from a root joined to every node are then
/// `min(0, dist - gap)`, and the potentials plus them keep every residual reduced cost
/// nonnegative.
fn settle<C: Cost>(pot: &mut [C], dist: &[C], gap: C) -> Option<()> {
    for (p, &d) in pot.iter_mut().zip(dist) {
        if d < gap {
            *p = p.plus(d)?.minus(gap)?;
        }
    }
    Some(())
}

/// A residual graph for min-cost flow.
struct Graph<C> {
    adj: Vec<Vec<Edge<C>>>,
}

#[derive(Clone, Copy)]
struct Edge<C> {
    to: usize,
    rev: usize,
    cap: i64,
    original: i64,
    cost: C,
}

impl<C: Cost> Graph<C> {
    fn new(n: usize) -> Self {
        Self { adj: vec![Vec::new(); n] }
    }

    fn add_edge(&mut self, from: usize, to: usize, cap: i64, cost: C) -> Option<(usize, usize)> {
        let i = self.adj[from].len();
        let j = self.adj[to].len() + usize::from(from == to);
        self.adj[from].push(Edge { to, rev: j, cap, original: cap, cost });
        self.adj[to].push(Edge { to: from, rev: i, cap: 0, original: 0, cost: C::ZERO.minus(cost)? });
        Some((from, i))
    }

    fn flow_on(&self, u: usize, i: usize) -> i64 {
        let e = &self.adj[u][i];
        e.original - e.cap
    }

    /// Sends flow from `s` to `t` while the cheapest path costs less than zero, and returns
    /// the total cost (a minimum for the flow sent, which is then a maximum-weight flow).
    /// The graph must be acyclic with edges from lower to higher node numbers at the start.
    fn min_cost_flow(&mut self, s: usize, t: usize) -> Option<(i128, Vec<C>)> {
        let n = self.adj.len();
        // Initial potentials: shortest distances in the acyclic graph, in node order.
        let mut pot = vec![C::INF; n];
        pot[s] = C::ZERO;
        for u in 0..n {
            if pot[u] == C::INF {
                continue;
            }
            for e in &self.adj[u] {
                let through = pot[u].plus(e.cost)?;
                if e.cap > 0 && through < pot[e.to] {
                    pot[e.to] = through;
                }
            }
        }
        for p in &mut pot {
            if *p == C::INF {
                *p = C::ZERO;
            }
        }
        let mut total = 0i128;
        let mut dist = vec![C::INF; n];
        let mut dead = vec![false; n];
        let mut iter = vec![0usize; n];
        let mut sent = false;
        loop {
            self.dijkstra(s, &pot, &mut dist)?;
            if dist[t] == C::INF {
                // The sink is cut off while paths would still gain: the gain of the last
                // path is the price of flow, taken off the sink's side (see `settle`).
                let gain = pot[s].minus(pot[t])?;
                if gain > C::ZERO {
                    settle(&mut pot, &dist, gain)?;
                }
                break;
            }
            let dt = dist[t];
            for v in 0..n {
                pot[v] = pot[v].plus(dist[v].min(dt))?;
            }
            let path_cost = pot[t].minus(pot[s])?;
            if path_cost >= C::ZERO {
                if sent && path_cost > C::ZERO {
                    // The next path would lose: flow is worth nothing more at the margin.
                    self.dijkstra(t, &pot, &mut dist)?;
                    settle(&mut pot, &dist, path_cost)?;
                }
                break;
            }
            sent = true;
            // Augment along admissible (zero reduced cost) edges, which all lie on shortest
            // paths, in one depth-first pass: a node found to be a dead end stays marked for
            // the pass. Any paths left over are found by the next Dijkstra at the same cost.
            iter.fill(0);
            dead.fill(false);
            loop {
                let f = self.push(s, t, i64::MAX, &pot, &mut dead, &mut iter);
                if f == 0 {
                    break;
                }
                total += path_cost.to_i128() * i128::from(f);
            }
        }
        Some((total, pot))
    }

    /// Dijkstra on reduced costs from `from` over the residual edges.
    fn dijkstra(&self, from: usize, pot: &[C], dist: &mut [C]) -> Option<()> {
        dist.fill(C::INF);
        dist[from] = C::ZERO;
        let mut heap = BinaryHeap::new();
        heap.push(Reverse((C::ZERO, from)));
        while let Some(Reverse((d, u))) = heap.pop() {
            if d > dist[u] {
                continue;
            }
            for e in &self.adj[u] {
                if e.cap > 0 {
                    let nd = d.plus(e.cost)?.plus(pot[u])?.minus(pot[e.to])?;
                    if nd < dist[e.to] {
                        dist[e.to] = nd;
                        heap.push(Reverse((nd, e.to)));
                    }
                }
            }
        }
        Some(())
    }

    fn admissible(&self, u: usize, e: &Edge<C>, pot: &[C]) -> bool {
        e.cap > 0 && e.cost.plus(pot[u]).and_then(|x| x.minus(pot[e.to])) == Some(C::ZERO)
    }

    fn push(&mut self, u: usize, t: usize, limit: i64, pot: &[C], dead: &mut [bool], iter: &mut [usize]) -> i64 {
        if u == t {
            return limit;
        }
        // On the current path: not to be entered again until the path is done.
        dead[u] = true;
        while iter[u] < self.adj[u].len() {
            let i = iter[u];
            let e = self.adj[u][i];
            if !dead[e.to] && self.admissible(u, &e, pot) {
                let f = self.push(e.to, t, limit.min(e.cap), pot, dead, iter);
                if f > 0 {
                    self.adj[u][i].cap -= f;
                    self.adj[e.to][e.rev].cap += f;
                    dead[u] = false;
                    return f;
                }
            }
            iter[u] += 1;
        }
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small problem with residents, genders, a pet and a keep-apart pair, built by a
    /// fixed linear congruential sequence so the test has no randomness.
    fn problem(seed: u64) -> Problem {
        let mut state = seed;
        let mut next = |n: u64| {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) % n
        };
        let rooms: Vec<SRoom> = (0..8)
            .map(|_| SRoom {
                unit: usize::try_from(next(3)).unwrap(),
                beds: 1 + u32::try_from(next(4)).unwrap(),
                accessible: next(4) == 0,
                screened: next(5) == 0,
            })
            .collect();
        let genders = [AdultGenders::Female, AdultGenders::Male, AdultGenders::Neutral, AdultGenders::Mixed];
        let households = (0..10)
            .map(|_| SHousehold {
                size: 1 + u32::try_from(next(3)).unwrap(),
                priority: 1 + u32::try_from(next(5)).unwrap(),
                genders: genders[usize::try_from(next(4)).unwrap()],
                accessible: next(6) == 0,
                screened: next(6) == 0,
                pet: next(5) == 0,
                current: None,
            })
            .collect();
        Problem {
            rooms,
            households,
            apart: [(0, 1), (2, 5)].into_iter().collect(),
            kennel: 1,
            by_unit: true,
            reserve_screened: false,
        }
    }

    #[test]
    fn i64_and_i128_costs_give_the_same_placement() {
        for seed in 0..40 {
            let p = problem(seed);
            let mut search = Search::new(&p).unwrap();
            assert!(search.small_costs);
            let small = search.run(u64::MAX).unwrap();
            search.small_costs = false;
            let large = search.run(u64::MAX).unwrap();
            assert_eq!(small.rooms, large.rooms, "seed {seed}");
        }
    }

    /// With the flow's dual values as multipliers the unit bound equals the flow's value
    /// where the unit constraints do not bind (no household has a gender of its adults): the
    /// multipliers are optimal, so the bound is as tight as the flow and no looser.
    #[test]
    fn the_unit_bound_equals_the_flow_where_genders_do_not_bind() {
        for seed in 0..40 {
            let mut p = problem(seed);
            for h in &mut p.households {
                h.genders = AdultGenders::Neutral;
            }
            p.households[3].current = Some(2);
            let search = Search::new(&p).unwrap();
            let root = search.relax(&Node::default()).unwrap();
            assert_eq!(root.unit_bound, Some(root.value), "seed {seed}");
        }
    }

    fn room(unit: usize, beds: u32) -> SRoom {
        SRoom { unit, beds, accessible: false, screened: false }
    }

    fn household(size: u32, priority: u32, genders: AdultGenders) -> SHousehold {
        SHousehold { size, priority, genders, accessible: false, screened: false, pet: false, current: None }
    }

    fn plain(rooms: Vec<SRoom>, households: Vec<SHousehold>) -> Problem {
        Problem { rooms, households, apart: BTreeSet::new(), kennel: 0, by_unit: true, reserve_screened: false }
    }

    /// The folded value of a placement, read from the search's weights: each placed
    /// household's weight in its room's class, and the stay bonus for a resident in its own room.
    fn value_of(search: &Search<'_>, rooms: &[Option<usize>]) -> i128 {
        rooms
            .iter()
            .enumerate()
            .filter_map(|(h, r)| r.map(|r| (h, r)))
            .map(|(h, r)| {
                let stay = if search.p.households[h].current == Some(r) { search.stay_bonus } else { 0 };
                search.weights[search.type_of[h]][search.class_of[r]].unwrap() + stay
            })
            .sum()
    }

    /// The relaxation is solved in `i64` when the weights are small, with the value and bound
    /// of the `i128` one. Kills `<i64 as Cost>::from_i128`, `plus` and `minus` replaced by
    /// `None` (each made the fast path give up silently, every flow then solved in `i128`).
    #[test]
    fn the_i64_relaxation_solves_when_the_weights_are_small() {
        for seed in 0..20 {
            let p = problem(seed);
            let search = Search::new(&p).unwrap();
            let small = search.relax_with::<i64>(&Node::default()).expect("the fast path solves");
            let large = search.relax_with::<i128>(&Node::default()).unwrap();
            assert_eq!((small.value, small.bound, small.unit_bound), (large.value, large.bound, large.unit_bound));
        }
    }

    /// The greedy warm start on a hand-worked problem (two units of a double and a single
    /// room, one kennel place): the resident keeps her single room and labels unit 0 female;
    /// the man with a pet takes the double of unit 1 and the kennel place; the woman with a pet
    /// finds the kennel full; the family of three fits no room; the last man takes the single
    /// of unit 1, the unit of his gender. Its value is the sum of the weights of those rooms
    /// with the resident's stay bonus. Kills `greedy` replaced by `None`, `&&` to `||` and
    /// `>=` to `<` in its kennel test, deleting `!` before its label test, `+` to `-` or `*`
    /// in its gain, `+=` to `-=` or `*=` in its value, and the guard of a household that finds
    /// no room made `true`.
    #[test]
    fn the_greedy_placement_follows_its_rules() {
        let mut p = plain(
            vec![room(0, 2), room(0, 1), room(1, 2), room(1, 1)],
            vec![
                SHousehold { current: Some(1), ..household(1, 3, AdultGenders::Female) },
                SHousehold { pet: true, ..household(2, 5, AdultGenders::Male) },
                SHousehold { pet: true, ..household(2, 4, AdultGenders::Female) },
                household(1, 1, AdultGenders::Male),
                household(3, 2, AdultGenders::Neutral),
            ],
        );
        p.kennel = 1;
        let search = Search::new(&p).unwrap();
        let (value, rooms) = search.greedy().expect("the resident keeps her room");
        assert_eq!(rooms, [Some(1), Some(2), None, Some(3), None]);
        assert_eq!(value, value_of(&search, &rooms));
        assert!(value > search.d_mult, "the resident's weight counts");
    }

    /// A resident the greedy placement finds no room for (she needs an accessible room and
    /// there is none) gives no warm start, and so no placement at all. Kills the guard of a
    /// household that finds no room made `false` in `greedy`.
    #[test]
    fn the_greedy_placement_gives_up_on_a_resident_without_a_room() {
        let p = plain(
            vec![room(0, 2), room(0, 1)],
            vec![SHousehold { current: Some(1), accessible: true, ..household(1, 3, AdultGenders::Female) }],
        );
        let search = Search::new(&p).unwrap();
        assert!(search.greedy().is_none());
        assert_eq!(solve(&p, 5).unwrap_err(), SolveError::ResidentsCannotBePlaced);
    }

    /// Twin units are the units with the same rooms up to their ids where nobody lives now,
    /// each group in unit order (the groups in the order of their shapes); a unit lived in and a unit of its own shape are in no group. Kills
    /// `twin_units` replaced by an empty or a made-up list, deleting `!` before `lived_in`,
    /// and `>` to `==`, `<` or `>=` in the size of a group.
    #[test]
    fn twin_units_are_the_empty_units_of_one_shape() {
        let p = plain(
            vec![room(0, 2), room(1, 2), room(2, 2), room(3, 3), room(4, 2), room(4, 1), room(5, 2), room(5, 1)],
            vec![SHousehold { current: Some(1), ..household(1, 1, AdultGenders::Female) }],
        );
        let search = Search::new(&p).unwrap();
        assert_eq!(search.twins, [vec![4, 5], vec![0, 2]]);
    }

    /// A node is a mirror image when its labels put male adults in a twin unit and female
    /// adults in a later twin of it; the other way round, or in units that are not twins, it
    /// is not. Kills `Search::mirrored` replaced by `false` or `true`.
    #[test]
    fn a_node_with_men_before_women_in_twin_units_is_mirrored() {
        let p = plain(vec![room(0, 2), room(1, 2), room(2, 3)], vec![household(1, 1, AdultGenders::Female)]);
        let search = Search::new(&p).unwrap();
        assert_eq!(search.twins, [vec![0, 1]]);
        let node = |labels: &[(usize, Label)]| Node { labels: labels.iter().copied().collect(), ..Node::default() };
        assert!(search.mirrored(&node(&[(0, Label::Male), (1, Label::Female)])));
        assert!(!search.mirrored(&node(&[(0, Label::Female), (1, Label::Male)])));
        assert!(!search.mirrored(&node(&[(1, Label::Male), (2, Label::Female)])));
        assert!(!search.mirrored(&node(&[(0, Label::Male)])));
    }

    /// The weight of a flow is its pair's weight, and the stay bonus on a stay edge. Kills
    /// `+` to `-` or `*` in `Search::weight`.
    #[test]
    fn a_stay_flow_weighs_the_stay_bonus_more() {
        let p = plain(vec![room(0, 2)], vec![SHousehold { current: Some(0), ..household(1, 2, AdultGenders::Female) }]);
        let search = Search::new(&p).unwrap();
        let w = search.weights[0][0].unwrap();
        assert_eq!(search.weight(&Flow { t: 0, c: 0, flow: 1, stay: false }), w);
        assert_eq!(search.weight(&Flow { t: 0, c: 0, flow: 1, stay: true }), w + search.stay_bonus);
    }

    /// Two keep-apart households the flow puts in the one unit: the lighter one is kept out
    /// first (the heavier stays), and of two equal ones the second is kept out first. Kills
    /// `>=` to `<` and to `>` in the choice of the lighter household in `Search::violation`.
    #[test]
    fn the_lighter_of_a_pair_sharing_a_unit_is_kept_out_first() {
        for (priorities, first_out) in [([1, 3], 0), ([3, 1], 1), ([2, 2], 1)] {
            // Unit 1's double room would leave a bed empty: the flow puts both in unit 0.
            let mut p = plain(
                vec![room(0, 1), room(0, 1), room(1, 2)],
                priorities.iter().map(|&pr| household(1, pr, AdultGenders::Neutral)).collect(),
            );
            p.apart.insert((0, 1));
            let search = Search::new(&p).unwrap();
            let root = search.relax(&Node::default()).unwrap();
            let children = search.violation(&root).expect("the pair shares unit 0");
            let firsts: Vec<(usize, usize)> = children
                .iter()
                .map(|child| match child.as_slice() {
                    [Branch::Forbid(t, unit)] => (*t, *unit),
                    _ => panic!("one keep-apart branch per child"),
                })
                .collect();
            let t = |h: usize| search.singleton_type[&h];
            assert_eq!(firsts, [(t(first_out), 0), (t(1 - first_out), 0)], "{priorities:?}");
        }
    }

    /// Of a keep-apart clique cover, only the cliques with more members than units they can
    /// use are kept: three households that all keep apart, with two units, make one clique of
    /// two units; a pair with two units makes none. Kills `>` to `>=` (and `==`) in
    /// `clique_cover`'s test of a clique's size.
    #[test]
    fn only_a_clique_larger_than_its_units_binds() {
        let mut p =
            plain(vec![room(0, 1), room(1, 1)], (0..5).map(|_| household(1, 1, AdultGenders::Neutral)).collect());
        p.apart.extend([(0, 1), (0, 2), (1, 2), (3, 4)]);
        let search = Search::new(&p).unwrap();
        assert_eq!(search.cliques.iter().map(|c| c.units).collect::<Vec<_>>(), [2]);
        let of = |h: usize| search.clique_of[search.singleton_type[&h]];
        assert_eq!([of(0), of(1), of(2), of(3), of(4)], [Some(0), Some(0), Some(0), None, None]);
    }

    /// Under `by_unit`, one unit of a double and a single room; two women with a child each
    /// (priority 3), two men alone (priority 2) and a person whose adults have no gender
    /// (priority 1). The flow puts a woman in the double and a man in the single, mixing the
    /// unit; the unit bound sees that the unit holds women or men, not both: it is below the
    /// flow's value and here equals the optimum (a woman and the third person). Kills `||` to
    /// `&&` in `unit_bound`'s choice of the households a filling may hold (the bound is then
    /// the flow's), and `==` to `!=` (a filling then leaves out the household without a gender,
    /// and the bound falls below the optimum).
    #[test]
    fn the_unit_bound_sees_the_gender_of_a_unit() {
        let p = plain(
            vec![room(0, 2), room(0, 1)],
            vec![
                household(2, 3, AdultGenders::Female),
                household(2, 3, AdultGenders::Female),
                household(1, 2, AdultGenders::Male),
                household(1, 2, AdultGenders::Male),
                household(1, 1, AdultGenders::Neutral),
            ],
        );
        let search = Search::new(&p).unwrap();
        let root = search.relax(&Node::default()).unwrap();
        let optimum = search.run(u64::MAX).unwrap();
        assert_eq!(optimum.rooms, [Some(0), None, None, None, Some(1)]);
        assert!(root.value > value_of(&search, &optimum.rooms));
        assert_eq!(root.unit_bound, Some(value_of(&search, &optimum.rooms)));
    }

    /// A resident in its own room: the unit bound counts the stay bonus of its stay edge, as
    /// the flow does, and equals the flow's value (genders do not bind). Kills `+` to `-` or
    /// `*` in the stay item of `unit_bound`.
    #[test]
    fn the_unit_bound_counts_a_stay() {
        let p = plain(
            vec![room(0, 1), room(0, 1), room(1, 2)],
            vec![
                SHousehold { current: Some(1), ..household(1, 2, AdultGenders::Female) },
                household(1, 1, AdultGenders::Female),
            ],
        );
        let search = Search::new(&p).unwrap();
        let root = search.relax(&Node::default()).unwrap();
        assert_eq!(root.unit_bound, Some(root.value));
        let optimum = search.run(u64::MAX).unwrap();
        assert_eq!(root.value, value_of(&search, &optimum.rooms));
    }

    /// Within any node budget, on generated problems that branch (genders under `by_unit`,
    /// keep-apart pairs, a pet): the search solves at most the budget's nodes when the warm
    /// start has a placement, stops short of a proof only when the budget is spent, returns a
    /// placement never worse than the warm start, says it is proven only when it is the optimum,
    /// and reports a priority bound no lower than the optimum's priority. Kills in `run`: `>=`
    /// to `>` and `||` to `&&` in the budget's stop test, deleting `!` before `mirrored` in the
    /// bound of the nodes left, and `>` to `<` or `==` in taking the warm start when it is better.
    #[test]
    fn a_spent_budget_returns_the_best_placement_found_and_an_honest_bound() {
        let mut stopped = 0;
        for seed in 0..60 {
            let mut p = problem(seed);
            if seed % 2 == 1 {
                p.apart.clear();
            }
            let search = Search::new(&p).unwrap();
            let Some((greedy, _)) = search.greedy() else { continue };
            let optimum = search.run(u64::MAX).unwrap();
            let best = value_of(&search, &optimum.rooms);
            let best_priority = optimum.priority_bound;
            for budget in 1..8 {
                let s = search.run(budget).unwrap();
                let value = value_of(&search, &s.rooms);
                assert!(s.nodes <= budget, "seed {seed} budget {budget}: {} nodes", s.nodes);
                assert!(s.proven || s.nodes == budget, "seed {seed} budget {budget}");
                assert!(value >= greedy, "seed {seed} budget {budget}");
                if s.proven {
                    assert_eq!(value, best, "seed {seed} budget {budget}");
                } else {
                    stopped += 1;
                }
                assert!(s.priority_bound >= best_priority, "seed {seed} budget {budget}");
            }
        }
        assert!(stopped > 20, "budgets too large to stop the search: {stopped}");
    }

    /// One unit of a double and a single room under `by_unit`; two women with a child each
    /// (priority 3) and two men alone (priority 2). The root's flow puts a woman in the double
    /// and a man in the single, mixing the unit, so a budget of one node (or none: one node is
    /// always solved) ends the search there: the answer is the warm start's (the first woman
    /// in the double, priority 3), unproven, after one node, with a priority bound of 4 from
    /// the root's unit bound (the flow's value alone would allow 5). The full search finds
    /// the two men (priority 4) and proves it. Kills, in `run`, `>=` to `>` and `||` to `&&`
    /// in the budget's stop test (the search goes on past the budget), and the warm start
    /// replaced by `None`.
    #[test]
    fn at_a_budget_of_one_node_the_warm_start_is_the_answer() {
        let p = plain(
            vec![room(0, 2), room(0, 1)],
            vec![
                household(2, 3, AdultGenders::Female),
                household(2, 3, AdultGenders::Female),
                household(1, 2, AdultGenders::Male),
                household(1, 2, AdultGenders::Male),
            ],
        );
        let search = Search::new(&p).unwrap();
        for budget in [0, 1] {
            let s = search.run(budget).unwrap();
            assert_eq!(s.rooms, search.greedy().unwrap().1);
            assert_eq!(s.rooms, [Some(0), None, None, None]);
            assert_eq!((s.nodes, s.proven, s.priority_bound), (1, false, 4), "budget {budget}");
        }
        let full = search.run(u64::MAX).unwrap();
        assert_eq!(
            (full.rooms.as_slice(), full.proven, full.priority_bound),
            ([None, None, Some(0), Some(1)].as_slice(), true, 4)
        );
    }

    /// When the search's first placement is as good as the warm start on every level but puts
    /// households in other rooms, the search's placement is returned (the documented
    /// tie-break is the search's, which gives equal rooms to households in id order): two
    /// equal single rooms and two households of different priority, which the warm start
    /// places by priority. Kills `>` to `>=` and to `==` in `run`'s choice between the warm
    /// start and the search's placement.
    #[test]
    fn on_a_tie_with_the_warm_start_the_search_placement_is_returned() {
        let p = plain(
            vec![room(0, 1), room(0, 1)],
            vec![household(1, 1, AdultGenders::Neutral), household(1, 2, AdultGenders::Neutral)],
        );
        let search = Search::new(&p).unwrap();
        let (greedy_value, greedy_rooms) = search.greedy().unwrap();
        let root = search.relax(&Node::default()).unwrap();
        assert_eq!(root.value, greedy_value);
        let searched = search.extract(&root);
        assert_eq!(
            (searched.as_slice(), greedy_rooms.as_slice()),
            ([Some(0), Some(1)].as_slice(), [Some(1), Some(0)].as_slice())
        );
        assert_eq!(search.run(u64::MAX).unwrap().rooms, searched);
    }
}
