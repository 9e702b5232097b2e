"""Solve `allocate` instances with OR-Tools CP-SAT (one worker) and compare with krisesenter-rooms.

Usage: cpsat.py INSTANCE_DIR [--time-limit SECONDS] [--only NAME]

Reads INSTANCE_DIR/NAME.json (the `allocate` input of CONTRACT.md) and NAME.ours.json (our
objective and median time, written by `cargo bench --bench rooms -- --export INSTANCE_DIR`).
The model has the rules of CONTRACT.md `allocate`; the lexicographic objective is solved the
usual way for CP-SAT: four solves (one worker, linearization_level 2), each fixing the optimum of the levels before it
(priority placed, then people placed, then moves, then empty beds), each hinted with the
previous solution (the first with today's placement: residents in their rooms). The time is
the wall time of the four solves (model building excluded).
"""

import json
import pathlib
import sys
import time

from ortools.sat.python import cp_model


def build(inst):
    rooms = inst["rooms"]
    hh = inst["households"]
    by_unit = inst["policy"]["gender_separation"] == "by_unit"
    reserve = inst["policy"]["reserve_screened_rooms"]
    kennel = inst["kennel_places"]
    m = cp_model.CpModel()
    x = {}
    for i, h in enumerate(hh):
        size = len(h["adults"]) + len(h["children"])
        genders = {a["gender"] for a in h["adults"]}
        mixed = "female" in genders and "male" in genders
        for j, r in enumerate(rooms):
            if size > r["beds"]:
                continue
            if h["needs"]["accessible"] and not r["accessible"]:
                continue
            if h["needs"]["screened"] and not r["screened"]:
                continue
            if reserve and r["screened"] and not h["needs"]["screened"]:
                continue
            if by_unit and mixed:
                continue
            if h["needs"]["pet"] and kennel == 0:
                continue
            x[i, j] = m.NewBoolVar(f"x_{i}_{j}")
    by_h = {i: [] for i in range(len(hh))}
    by_r = {j: [] for j in range(len(rooms))}
    for (i, j), v in x.items():
        by_h[i].append((j, v))
        by_r[j].append((i, v))
    for i, h in enumerate(hh):
        vs = [v for _, v in by_h[i]]
        if h["current_room"] is not None:
            m.Add(sum(vs) == 1)
        else:
            m.Add(sum(vs) <= 1)
    for j in by_r:
        m.Add(sum(v for _, v in by_r[j]) <= 1)
    m.Add(sum(v for (i, _), v in x.items() if hh[i]["needs"]["pet"]) <= kennel)
    units = sorted({r["unit"] for r in rooms})
    if by_unit:
        male = {u: m.NewBoolVar(f"male_{u}") for u in units}
        women = {u: [] for u in units}
        men = {u: [] for u in units}
        for (i, j), v in x.items():
            genders = {a["gender"] for a in hh[i]["adults"]}
            u = rooms[j]["unit"]
            if "female" in genders:
                m.AddImplication(v, male[u].Not())
                women[u].append(v)
            elif "male" in genders:
                m.AddImplication(v, male[u])
                men[u].append(v)
        # The same rule summed per unit (redundant, but it tightens the LP relaxation).
        rooms_in = {u: sum(1 for r in rooms if r["unit"] == u) for u in units}
        for u in units:
            m.Add(sum(women[u]) <= rooms_in[u] * (1 - male[u]))
            m.Add(sum(men[u]) <= rooms_in[u] * male[u])
    index = {h["id"]: i for i, h in enumerate(hh)}
    pairs = set()
    for i, h in enumerate(hh):
        for other in h["keep_apart"]:
            if other in index:
                a, b = sorted((i, index[other]))
                pairs.add((a, b))
    for a, b in sorted(pairs):
        for u in units:
            vs = [v for j, v in by_h[a] if rooms[j]["unit"] == u] + [v for j, v in by_h[b] if rooms[j]["unit"] == u]
            if len(vs) > 1:
                m.Add(sum(vs) <= 1)
    size = {i: len(h["adults"]) + len(h["children"]) for i, h in enumerate(hh)}
    room_id = {j: r["id"] for j, r in enumerate(rooms)}
    levels = [
        ("priority_placed", 1, sum(hh[i]["priority"] * v for (i, _), v in x.items())),
        ("people_placed", 1, sum(size[i] * v for (i, _), v in x.items())),
        ("moved", -1, sum(v for (i, j), v in x.items()
                          if hh[i]["current_room"] is not None and hh[i]["current_room"] != room_id[j])),
        ("empty_beds", -1, sum((rooms[j]["beds"] - size[i]) * v for (i, j), v in x.items())),
    ]
    return m, x, levels


def solve(inst, time_limit):
    m, x, levels = build(inst)
    # Start from the placement of today: every resident in its current room, nobody else
    # (feasible whenever the residents' rooms keep the rules, as in the generated instances).
    room_index = {r["id"]: j for j, r in enumerate(inst["rooms"])}
    for (i, j), v in x.items():
        cur = inst["households"][i]["current_room"]
        m.AddHint(v, 1 if cur is not None and room_index[cur] == j else 0)
    result = {}
    total = 0.0
    proven = True
    for name, sense, expr in levels:
        if sense > 0:
            m.Maximize(expr)
        else:
            m.Minimize(expr)
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        # Full linearisation: with the default level the single worker does not prove even
        # the Romerike optimum within minutes (the gender labels need the LP bound).
        solver.parameters.linearization_level = 2
        solver.parameters.max_time_in_seconds = time_limit
        start = time.perf_counter()
        status = solver.Solve(m)
        total += time.perf_counter() - start
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None, total, False
        proven = proven and status == cp_model.OPTIMAL
        value = int(round(solver.ObjectiveValue()))
        result[name] = value
        m.Add(expr == value)
        m.ClearHints()
        for v in x.values():
            m.AddHint(v, solver.Value(v))
    return result, total, proven


def main():
    args = sys.argv[1:]
    directory = pathlib.Path(args[0] if args else "target/rooms-peer/instances")
    only = args[args.index("--only") + 1] if "--only" in args else None
    time_limit = 600.0
    if "--time-limit" in args:
        time_limit = float(args[args.index("--time-limit") + 1])
    ok = True
    print(f"{'instance':<20} {'ours (median)':>14} {'ours proven':>11} {'CP-SAT (1 worker)':>18} {'ratio':>9}  same optimum")
    for path in sorted(directory.glob("*.json")):
        if path.name.endswith(".ours.json") or (only and path.stem != only):
            continue
        inst = json.loads(path.read_text())
        ours = json.loads(path.with_name(path.stem + ".ours.json").read_text())
        theirs, seconds, proven = solve(inst, time_limit)
        same = theirs == ours["objective"]
        ours_proven = ours.get("proven_optimal", True)
        ok = ok and same and proven and ours_proven
        ratio = seconds / ours["median_seconds"]
        gap = ours.get("bound", {}).get("priority_placed", ours["objective"]["priority_placed"]) \
            - ours["objective"]["priority_placed"]
        mark = "yes" if ours_proven else f"no (gap {gap})"
        print(f"{path.stem:<20} {ours['median_seconds'] * 1e3:>11.3f} ms {mark:>11} {seconds * 1e3:>15.1f} ms "
              f"{ratio:>8.1f}x  {'yes' if same else 'NO'}{'' if proven else ' (CP-SAT not proven optimal)'}")
        if not same:
            print(f"  ours   {ours['objective']}\n  CP-SAT {theirs}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
