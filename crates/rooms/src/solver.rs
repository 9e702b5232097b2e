//! The exact placement solver: branch and bound over a min-cost-flow relaxation.
//!
//! # The model
//!
//! Rooms are grouped into *classes* of interchangeable rooms (same unit, beds, accessible,
//! screened); households into *types* of interchangeable households (same priority, size,
//! adult genders, needs and, for current residents, the class of their current room).
//! A household named in a keep-apart pair is a type of its own.
//!
//! The lexicographic objective is folded into one integer weight per (type, class) pair,
//! with multipliers chosen so that no lower level can outweigh one unit of a higher level:
//!
//! ```text
//! w = D·resident + A·priority + B·people − C·moved − empty_beds
//! C = total_beds + 1                      (empty beds < C)
//! B = C · (residents + 1)                 (moves and empty beds < B)
//! A = B · (placeable_people + 1)          (people, moves and empty beds < A)
//! D = A · (5 · households + 1)            (the rest < D: every resident placed comes first)
//! ```
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
//! When the flow of a node mixes female and male adults in a unit, the node branches on the
//! unit's label (the side with the larger weight first); when it puts a keep-apart pair in one
//! unit, it branches on which of the two is kept out of that unit (the lighter one first).
//! A node whose flow breaks no rule is a placement, and optimal for its subtree. Nodes whose
//! bound does not beat the best placement found are cut. The search ends with a proven optimum.
//!
//! # Tie-break (which optimal placement is returned)
//!
//! The solver sees rooms and households sorted by id, so the result depends only on the
//! sets given, never on their order. Among optimal placements it returns the first the
//! deterministic search reaches; within that flow, households of one type are placed in id
//! order (lowest ids first, and residents who stay in their class are the lowest ids), each
//! resident who stays in the class of its current room keeps that very room, and the other
//! households of a class take its free rooms in id order.
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

/// A placement: the room of each household (or none), and the number of search nodes.
#[derive(Debug, Clone)]
pub(crate) struct Solution {
    pub(crate) rooms: Vec<Option<usize>>,
    pub(crate) nodes: u64,
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
    members: Vec<usize>,
    current_class: Option<usize>,
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

struct Relaxed {
    value: i128,
    /// `(type, class, flow)` with flow > 0.
    flows: Vec<(usize, usize, i64)>,
}

/// Solves the problem to a proven optimum.
pub(crate) fn solve(p: &Problem) -> Result<Solution, SolveError> {
    let search = Search::new(p)?;
    search.run()
}

struct Search<'a> {
    p: &'a Problem,
    classes: Vec<Class>,
    types: Vec<Type>,
    /// `weights[t][c]`: weight of placing one household of type t in class c, if it fits.
    weights: Vec<Vec<Option<i128>>>,
    residents: usize,
    /// The singleton type of each household in a keep-apart pair.
    singleton_type: BTreeMap<usize, usize>,
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
        type Key = (u32, u32, AdultGenders, bool, bool, bool, Option<usize>);
        let mut type_of_key: BTreeMap<Key, usize> = BTreeMap::new();
        let mut types: Vec<Type> = Vec::new();
        let mut singleton_type = BTreeMap::new();
        for (i, h) in p.households.iter().enumerate() {
            let current_class = h.current.map(|r| class_of_room[r]);
            let new_type = |types: &mut Vec<Type>, singleton: bool| {
                types.push(Type { members: vec![i], current_class, genders: h.genders, pet: h.pet, singleton });
                types.len() - 1
            };
            if in_pair.contains(&i) {
                let t = new_type(&mut types, true);
                singleton_type.insert(i, t);
                continue;
            }
            let key = (h.priority, h.size, h.genders, h.accessible, h.screened, h.pet, current_class);
            match type_of_key.get(&key) {
                Some(&t) => types[t].members.push(i),
                None => {
                    let t = new_type(&mut types, false);
                    type_of_key.insert(key, t);
                }
            }
        }
        // Multipliers of the folded objective.
        let residents = p.households.iter().filter(|h| h.current.is_some()).count();
        let total_beds: i128 = p.rooms.iter().map(|r| i128::from(r.beds)).sum();
        let max_beds = p.rooms.iter().map(|r| r.beds).max().unwrap_or(0);
        let placeable_people: i128 = p.households.iter().map(|h| i128::from(h.size.min(max_beds))).sum();
        let n = i128::try_from(p.households.len()).map_err(|_| SolveError::TooLarge)?;
        let n_res = i128::try_from(residents).map_err(|_| SolveError::TooLarge)?;
        let c_mult = checked(total_beds.checked_add(1))?;
        let b_mult = checked(c_mult.checked_mul(checked(n_res.checked_add(1))?))?;
        let a_mult = checked(b_mult.checked_mul(checked(placeable_people.checked_add(1))?))?;
        let d_mult = checked(a_mult.checked_mul(checked(n.checked_mul(5).and_then(|x| x.checked_add(1)))?))?;
        // The whole objective must fit too: D · (residents + 1) bounds every flow value.
        checked(d_mult.checked_mul(checked(n_res.checked_add(1))?))?;

        let mut weights = Vec::with_capacity(types.len());
        for t in &types {
            let h = &p.households[t.members[0]];
            let mut row = Vec::with_capacity(classes.len());
            for (ci, c) in classes.iter().enumerate() {
                let room = &p.rooms[c.rooms[0]];
                if !fits(p, h, room) {
                    row.push(None);
                    continue;
                }
                let resident = i128::from(t.current_class.is_some());
                let moved = i128::from(t.current_class.is_some_and(|cc| cc != ci));
                let empty = i128::from(c.beds - h.size);
                let w = d_mult * resident + a_mult * i128::from(h.priority) + b_mult * i128::from(h.size)
                    - c_mult * moved
                    - empty;
                row.push(Some(w));
            }
            weights.push(row);
        }
        Ok(Self { p, classes, types, weights, residents, singleton_type })
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

    fn relax(&self, node: &Node) -> Relaxed {
        let nt = self.types.len();
        let nc = self.classes.len();
        let source = 0;
        let kennel = 1;
        let type_node = |t: usize| 2 + t;
        let class_node = |c: usize| 2 + nt + c;
        let sink = 2 + nt + nc;
        let mut g = Graph::new(sink + 1);
        g.add_edge(source, kennel, i64::from(self.p.kennel), 0);
        let mut pair_edges = Vec::new();
        for (t, ty) in self.types.iter().enumerate() {
            let count = i64::try_from(ty.members.len()).unwrap_or(i64::MAX);
            let from = if ty.pet { kennel } else { source };
            g.add_edge(from, type_node(t), count, 0);
            for (c, class) in self.classes.iter().enumerate() {
                if let Some(w) = self.weights[t][c] {
                    if self.allowed(node, t, c) {
                        let rooms = i64::try_from(class.rooms.len()).unwrap_or(i64::MAX);
                        let e = g.add_edge(type_node(t), class_node(c), count.min(rooms), -w);
                        pair_edges.push((t, c, e));
                    }
                }
            }
        }
        for (c, class) in self.classes.iter().enumerate() {
            g.add_edge(class_node(c), sink, i64::try_from(class.rooms.len()).unwrap_or(i64::MAX), 0);
        }
        let cost = g.min_cost_flow(source, sink);
        let flows = pair_edges
            .into_iter()
            .filter_map(|(t, c, (u, i))| {
                let f = g.flow_on(u, i);
                (f > 0).then_some((t, c, f))
            })
            .collect();
        Relaxed { value: -cost, flows }
    }

    fn run(&self) -> Result<Solution, SolveError> {
        let mut best: Option<Relaxed> = None;
        let mut stack = vec![Node::default()];
        let mut nodes = 0u64;
        while let Some(node) = stack.pop() {
            if let (Some(bound), Some(b)) = (node.parent_bound, &best) {
                if bound <= b.value {
                    continue;
                }
            }
            nodes += 1;
            let relaxed = self.relax(&node);
            if best.as_ref().is_some_and(|b| relaxed.value <= b.value) {
                continue;
            }
            let residents_placed: usize = relaxed
                .flows
                .iter()
                .filter(|(t, _, _)| self.types[*t].current_class.is_some())
                .map(|(_, _, f)| usize::try_from(*f).unwrap_or(0))
                .sum();
            if residents_placed < self.residents {
                continue;
            }
            match self.violation(&relaxed) {
                None => best = Some(relaxed),
                Some(branches) => {
                    for child in branches.into_iter().rev() {
                        let mut next = node.clone();
                        match child {
                            Branch::Label(unit, label) => {
                                next.labels.insert(unit, label);
                            }
                            Branch::Forbid(t, unit) => {
                                next.forbidden.insert((t, unit));
                            }
                        }
                        next.parent_bound = Some(relaxed.value);
                        stack.push(next);
                    }
                }
            }
        }
        let best = best.ok_or(SolveError::ResidentsCannotBePlaced)?;
        Ok(Solution { rooms: self.extract(&best), nodes })
    }

    /// The first rule the relaxed flow breaks, as the branches that exclude it.
    fn violation(&self, relaxed: &Relaxed) -> Option<[Branch; 2]> {
        if self.p.by_unit {
            // Weight of female and of male households per unit.
            let mut per_unit: BTreeMap<usize, (i128, i128)> = BTreeMap::new();
            for &(t, c, f) in &relaxed.flows {
                let w = self.weights[t][c].unwrap_or(0) * i128::from(f);
                let entry = per_unit.entry(self.classes[c].unit).or_default();
                match self.types[t].genders {
                    AdultGenders::Female => entry.0 += w,
                    AdultGenders::Male => entry.1 += w,
                    AdultGenders::Neutral | AdultGenders::Mixed => {}
                }
            }
            if let Some((&unit, &(female, male))) = per_unit.iter().find(|(_, (f, m))| *f > 0 && *m > 0) {
                return Some(if female >= male {
                    [Branch::Label(unit, Label::Female), Branch::Label(unit, Label::Male)]
                } else {
                    [Branch::Label(unit, Label::Male), Branch::Label(unit, Label::Female)]
                });
            }
        }
        // Where each keep-apart household went (unit and weight).
        let placed: BTreeMap<usize, (usize, i128)> = relaxed
            .flows
            .iter()
            .filter(|(t, _, _)| self.types[*t].singleton)
            .map(|&(t, c, _)| (t, (self.classes[c].unit, self.weights[t][c].unwrap_or(0))))
            .collect();
        for &(a, b) in &self.p.apart {
            let (Some(&ta), Some(&tb)) = (self.singleton_type.get(&a), self.singleton_type.get(&b)) else {
                continue;
            };
            if let (Some(&(ua, wa)), Some(&(ub, wb))) = (placed.get(&ta), placed.get(&tb)) {
                if ua == ub {
                    // Keep the heavier household where it is first.
                    return Some(if wa >= wb {
                        [Branch::Forbid(tb, ua), Branch::Forbid(ta, ua)]
                    } else {
                        [Branch::Forbid(ta, ua), Branch::Forbid(tb, ua)]
                    });
                }
            }
        }
        None
    }

    /// Turns the optimal flow into rooms, by the documented tie-break.
    fn extract(&self, relaxed: &Relaxed) -> Vec<Option<usize>> {
        let mut flow: BTreeMap<(usize, usize), i64> = BTreeMap::new();
        for &(t, c, f) in &relaxed.flows {
            *flow.entry((t, c)).or_default() += f;
        }
        let mut in_class: Vec<Vec<usize>> = vec![Vec::new(); self.classes.len()];
        for (t, ty) in self.types.iter().enumerate() {
            let mut members = ty.members.iter();
            // Residents who stay in the class of their current room come first.
            let order =
                ty.current_class.into_iter().chain((0..self.classes.len()).filter(|c| Some(*c) != ty.current_class));
            for c in order {
                let f = flow.get(&(t, c)).copied().unwrap_or(0);
                for _ in 0..f {
                    if let Some(&h) = members.next() {
                        in_class[c].push(h);
                    }
                }
            }
        }
        let mut rooms = vec![None; self.p.households.len()];
        for (c, class) in self.classes.iter().enumerate() {
            let mut households = std::mem::take(&mut in_class[c]);
            households.sort_unstable();
            let mut taken = BTreeSet::new();
            // Residents who stay keep their room.
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

enum Branch {
    Label(usize, Label),
    Forbid(usize, usize),
}

/// A residual graph for min-cost flow.
struct Graph {
    adj: Vec<Vec<Edge>>,
}

#[derive(Clone, Copy)]
struct Edge {
    to: usize,
    rev: usize,
    cap: i64,
    original: i64,
    cost: i128,
}

const INF: i128 = i128::MAX / 4;

impl Graph {
    fn new(n: usize) -> Self {
        Self { adj: vec![Vec::new(); n] }
    }

    fn add_edge(&mut self, from: usize, to: usize, cap: i64, cost: i128) -> (usize, usize) {
        let i = self.adj[from].len();
        let j = self.adj[to].len() + usize::from(from == to);
        self.adj[from].push(Edge { to, rev: j, cap, original: cap, cost });
        self.adj[to].push(Edge { to: from, rev: i, cap: 0, original: 0, cost: -cost });
        (from, i)
    }

    fn flow_on(&self, u: usize, i: usize) -> i64 {
        let e = &self.adj[u][i];
        e.original - e.cap
    }

    /// Sends flow from `s` to `t` while the cheapest path costs less than zero, and returns
    /// the total cost (a minimum for the flow sent, which is then a maximum-weight flow).
    /// The graph must be acyclic with edges from lower to higher node numbers at the start.
    fn min_cost_flow(&mut self, s: usize, t: usize) -> i128 {
        let n = self.adj.len();
        // Initial potentials: shortest distances in the acyclic graph, in node order.
        let mut pot = vec![INF; n];
        pot[s] = 0;
        for u in 0..n {
            if pot[u] == INF {
                continue;
            }
            for e in &self.adj[u] {
                if e.cap > 0 && pot[u] + e.cost < pot[e.to] {
                    pot[e.to] = pot[u] + e.cost;
                }
            }
        }
        for p in &mut pot {
            if *p == INF {
                *p = 0;
            }
        }
        let mut total = 0i128;
        let mut dist = vec![INF; n];
        let mut level = vec![0usize; n];
        let mut iter = vec![0usize; n];
        loop {
            // Dijkstra on reduced costs.
            dist.fill(INF);
            dist[s] = 0;
            let mut heap = BinaryHeap::new();
            heap.push(Reverse((0i128, s)));
            while let Some(Reverse((d, u))) = heap.pop() {
                if d > dist[u] {
                    continue;
                }
                for e in &self.adj[u] {
                    if e.cap > 0 {
                        let nd = d + e.cost + pot[u] - pot[e.to];
                        if nd < dist[e.to] {
                            dist[e.to] = nd;
                            heap.push(Reverse((nd, e.to)));
                        }
                    }
                }
            }
            if dist[t] == INF {
                break;
            }
            let dt = dist[t];
            for v in 0..n {
                pot[v] += dist[v].min(dt);
            }
            let path_cost = pot[t] - pot[s];
            if path_cost >= 0 {
                break;
            }
            // Blocking flows on the admissible (zero reduced cost) edges.
            loop {
                if !self.levels(s, t, &pot, &mut level) {
                    break;
                }
                iter.fill(0);
                let mut pushed_any = false;
                loop {
                    let f = self.push(s, t, i64::MAX, &pot, &level, &mut iter);
                    if f == 0 {
                        break;
                    }
                    pushed_any = true;
                    total += path_cost * i128::from(f);
                }
                if !pushed_any {
                    break;
                }
            }
        }
        total
    }

    fn admissible(&self, u: usize, e: &Edge, pot: &[i128]) -> bool {
        e.cap > 0 && e.cost + pot[u] - pot[e.to] == 0
    }

    fn levels(&self, s: usize, t: usize, pot: &[i128], level: &mut [usize]) -> bool {
        level.fill(usize::MAX);
        level[s] = 0;
        let mut queue = std::collections::VecDeque::from([s]);
        while let Some(u) = queue.pop_front() {
            for e in &self.adj[u] {
                if level[e.to] == usize::MAX && self.admissible(u, e, pot) {
                    level[e.to] = level[u] + 1;
                    queue.push_back(e.to);
                }
            }
        }
        level[t] != usize::MAX
    }

    fn push(&mut self, u: usize, t: usize, limit: i64, pot: &[i128], level: &[usize], iter: &mut [usize]) -> i64 {
        if u == t {
            return limit;
        }
        while iter[u] < self.adj[u].len() {
            let i = iter[u];
            let e = self.adj[u][i];
            if level[e.to] == level[u] + 1 && self.admissible(u, &e, pot) {
                let f = self.push(e.to, t, limit.min(e.cap), pot, level, iter);
                if f > 0 {
                    self.adj[u][i].cap -= f;
                    self.adj[e.to][e.rev].cap += f;
                    return f;
                }
            }
            iter[u] += 1;
        }
        0
    }
}
