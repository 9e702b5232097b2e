"""The `report` figures of CONTRACT.md computed by DuckDB SQL on the same input file, checked
equal to the CLI's output figure by figure, with the end-to-end times of both.

Usage: python peer.py INPUT.json CLI_OUTPUT.json CLI_SECONDS

Reads the `report` input (one JSON document: period, beds, stays, day_contacts) with
DuckDB's JSON reader, computes every figure with SQL following the contract's counting rules,
compares with the CLI's output, and prints both times and the ratio. Exits 1 on any
difference.
"""

import json
import math
import sys
import time

import duckdb

STAY = (
    "STRUCT(id VARCHAR, person STRUCT(kind VARCHAR, gender VARCHAR, age INTEGER, municipality VARCHAR), "
    "check_in DATE, check_out DATE, first_stay_this_year BOOLEAN, statistics_opt_out BOOLEAN, "
    "violence_types VARCHAR[], relation VARCHAR, after_stay VARCHAR, previous_stays INTEGER)"
)
CONTACT = "STRUCT(date DATE, mode VARCHAR, interpreter BOOLEAN)"


def duckdb_report(path):
    con = duckdb.connect()
    con.execute(
        f"""
        CREATE TABLE doc AS SELECT * FROM read_json(?, format = 'unstructured', records = true,
            maximum_object_size = 2000000000,
            columns = {{'period': 'STRUCT("from" DATE, "to" DATE)', 'beds': 'BIGINT',
                        'stays': '{STAY}[]', 'day_contacts': '{CONTACT}[]'}})
        """,
        [path],
    )
    con.execute(
        """
        CREATE TABLE p AS SELECT period."from" AS f, period."to" AS t, beds,
               date_diff('day', period."from", period."to") + 1 AS days FROM doc
        """
    )
    # Stays overlapping the period: check_in <= to and (check_out open or >= from).
    con.execute(
        """
        CREATE TABLE s AS
        SELECT u.s.person.kind AS kind, u.s.person.gender AS gender, u.s.person.municipality AS municipality,
               u.s.check_in AS check_in, u.s.check_out AS check_out,
               u.s.first_stay_this_year AS first_stay, coalesce(u.s.statistics_opt_out, false) AS opt_out,
               u.s.violence_types AS violence_types, u.s.relation AS relation, u.s.after_stay AS after_stay,
               u.s.previous_stays AS previous_stays
        FROM (SELECT unnest(stays) AS s FROM doc) u, p
        WHERE u.s.check_in <= p.t AND (u.s.check_out IS NULL OR u.s.check_out >= p.f)
        """
    )
    con.execute("CREATE TABLE k AS SELECT * FROM s WHERE NOT opt_out")
    one = lambda sql: con.execute(sql).fetchone()
    rows = lambda sql: con.execute(sql).fetchall()

    def people(flag):
        cond = "first_stay" if flag else "true"
        r = one(
            f"""SELECT count(*) FILTER ({cond}),
                   count(*) FILTER ({cond} AND kind = 'adult' AND gender = 'female'),
                   count(*) FILTER ({cond} AND kind = 'adult' AND gender = 'male'),
                   count(*) FILTER ({cond} AND kind = 'adult' AND gender = 'other'),
                   count(*) FILTER ({cond} AND kind = 'adult' AND gender = 'unknown'),
                   count(*) FILTER ({cond} AND kind = 'child') FROM k"""
        )
        return {"total": r[0], "adults": {"female": r[1], "male": r[2], "other": r[3], "unknown": r[4]}, "children": r[5]}

    # Nights by the midnight rule, clipped to the period; open stays run to the period's end.
    nights = one(
        """SELECT coalesce(sum(n), 0), coalesce(sum(n) FILTER (kind = 'adult'), 0), coalesce(sum(n) FILTER (kind = 'child'), 0)
           FROM (SELECT kind, greatest(0, date_diff('day', greatest(check_in, p.f),
                        least(coalesce(check_out, p.t + 1), p.t + 1))) AS n FROM k, p)"""
    )
    beds, days = one("SELECT beds, days FROM p")
    # Length of completed stays (check-out inside the period), at least one day.
    los = one(
        """SELECT count(*), median(len), avg(len),
                  count(*) FILTER (len <= 7), count(*) FILTER (len BETWEEN 8 AND 30),
                  count(*) FILTER (len BETWEEN 31 AND 90), count(*) FILTER (len >= 91)
           FROM (SELECT greatest(1, date_diff('day', check_in, check_out)) AS len FROM k, p
                 WHERE check_out BETWEEN p.f AND p.t)"""
    )
    keyed = lambda sql: {k: v for k, v in rows(sql)}
    contacts = one(
        """SELECT count(*), count(*) FILTER (c.mode = 'in_person'), count(*) FILTER (c.mode = 'phone'),
                  count(*) FILTER (c.mode = 'outreach'), count(*) FILTER (c.interpreter)
           FROM (SELECT unnest(day_contacts) AS c FROM doc) u, p WHERE u.c.date BETWEEN p.f AND p.t"""
    )
    return {
        "stays": people(False),
        "residents": people(True),
        "excluded_opt_out": one("SELECT count(*) FROM s WHERE opt_out")[0],
        "nights": {"total": nights[0], "adults": nights[1], "children": nights[2]},
        "occupancy_rate": nights[0] / (beds * days),
        "length_of_stay": {
            "completed": los[0],
            "median_days": None if los[0] == 0 else float(los[1]),
            "mean_days": los[2],
            "buckets": {"1-7": los[3], "8-30": los[4], "31-90": los[5], "91+": los[6]},
        },
        "violence_types": keyed(
            "SELECT v, count(*) FROM (SELECT unnest(list_distinct(violence_types)) AS v FROM k WHERE kind = 'adult') GROUP BY v"
        ),
        "relations": keyed("SELECT relation, count(*) FROM k WHERE kind = 'adult' AND relation IS NOT NULL GROUP BY relation"),
        "municipalities": keyed("SELECT municipality, count(*) FROM k GROUP BY municipality"),
        "after_stay": keyed("SELECT after_stay, count(*) FROM k WHERE kind = 'adult' AND after_stay IS NOT NULL GROUP BY after_stay"),
        "repeat_stays": one("SELECT count(*) FROM k WHERE kind = 'adult' AND previous_stays > 0")[0],
        "day_contacts": {
            "total": contacts[0],
            "in_person": contacts[1],
            "phone": contacts[2],
            "outreach": contacts[3],
            "with_interpreter": contacts[4],
        },
    }


def flatten(value, prefix=""):
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from flatten(inner, f"{prefix}{key}.")
    else:
        yield prefix[:-1], value


def main():
    input_path, cli_path, cli_seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
    started = time.perf_counter()
    peer = duckdb_report(input_path)
    duck_seconds = time.perf_counter() - started
    with open(cli_path) as f:
        ours = json.load(f)
    ours.pop("notes", None)
    ours.pop("period", None)
    mine = dict(flatten(ours))
    theirs = dict(flatten(peer))
    differences = []
    for path in sorted(set(mine) | set(theirs)):
        a, b = mine.get(path), theirs.get(path)
        same = (a == b) or (
            isinstance(a, float) and isinstance(b, (int, float)) and math.isclose(a, b, rel_tol=1e-12, abs_tol=0.0)
        )
        if not same:
            differences.append(f"  {path}: cli={a!r} duckdb={b!r}")
    print(f"figures compared: {len(mine)}; differences: {len(differences)}")
    for line in differences:
        print(line)
    print(f"cli end to end:    {cli_seconds:.3f} s")
    print(f"duckdb end to end: {duck_seconds:.3f} s (read_json + SQL, Python start and import excluded)")
    print(f"ratio duckdb / cli: {duck_seconds / cli_seconds:.2f}x")
    sys.exit(1 if differences else 0)


if __name__ == "__main__":
    main()
