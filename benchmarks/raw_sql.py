"""The floor: the summary's figures by hand-written SQL through a raw cursor (PostgreSQL).

The fewest, tightest queries we can write: both periods (the half-year and the same half a year
earlier) and the six half-year ends of the member trend in one pass per table, with FILTER
(conditional aggregation). `check()` compares the results with the ORM's figures, so the floor
is known to compute the same thing.
"""

from datetime import date

from django.db import connection

from core.periods import Period
from reports.figures import MEMBER_TREND_PERIODS

MEMBERS = """
SELECT d.day, count(*) AS active, count(*) FILTER (WHERE r.members IS NULL) AS without_return,
       coalesce(sum(r.members), 0), coalesce(sum(r.employed), 0), coalesce(sum(r.laid_off), 0)
FROM unnest(%(days)s::date[]) AS d(day)
JOIN unions_union u ON u.kind <> 'joint' AND u.established_on <= d.day
     AND (u.dissolved_on IS NULL OR u.dissolved_on > d.day)
LEFT JOIN LATERAL (SELECT h.members, h.employed, h.laid_off FROM unions_headcountreturn h
                   WHERE h.union_id = u.id AND h.as_of <= d.day
                   ORDER BY h.as_of DESC LIMIT 1) r ON true
GROUP BY d.day"""

UNIONS = """
SELECT kind, count(*) FILTER (WHERE established_on BETWEEN %(s1)s AND %(e1)s),
       count(*) FILTER (WHERE established_on BETWEEN %(s0)s AND %(e0)s),
       array_agg(name ORDER BY name) FILTER (WHERE kind = 'joint' AND established_on <= %(e1)s
                 AND (dissolved_on IS NULL OR dissolved_on > %(e1)s)),
       array_agg(name ORDER BY name) FILTER (WHERE kind = 'joint' AND established_on <= %(e0)s
                 AND (dissolved_on IS NULL OR dissolved_on > %(e0)s))
FROM unions_union
WHERE established_on BETWEEN %(s0)s AND %(e1)s OR kind = 'joint'
GROUP BY kind"""

JOINED = """
SELECT coalesce(sum(joined) FILTER (WHERE as_of >= %(s1)s), 0),
       coalesce(sum(joined) FILTER (WHERE as_of <= %(e0)s), 0)
FROM unions_headcountreturn h JOIN unions_union u ON u.id = h.union_id AND u.kind <> 'joint'
WHERE (as_of BETWEEN %(s0)s AND %(e0)s) OR (as_of BETWEEN %(s1)s AND %(e1)s)"""


def _aid_columns(p: str) -> str:
    period = f"granted_on BETWEEN %(s{p})s AND %(e{p})s"
    counted = f"{period} AND status IN ('approved', 'paid')"
    parts = []
    for _name, kinds in (("visit", "('visit')"), ("relief", "('living','medical','education')"),
                        ("living", "('living')"), ("medical", "('medical')"),
                        ("education", "('education')")):
        where = f"{counted} AND kind IN {kinds}"
        parts.append(f"count(DISTINCT worker_id) FILTER (WHERE {where})")
        parts.append(f"coalesce(sum(amount) FILTER (WHERE {where}), 0)")
    pending = f"{period} AND status IN ('draft', 'submitted')"
    parts.append(f"count(*) FILTER (WHERE {pending})")
    parts.append(f"coalesce(sum(amount) FILTER (WHERE {pending}), 0)")
    return ", ".join(parts)


AID = (f"SELECT {_aid_columns('1')}, {_aid_columns('0')} FROM aid_aidcase "  # noqa: S608
       "WHERE granted_on BETWEEN %(s0)s AND %(e0)s OR granted_on BETWEEN %(s1)s AND %(e1)s")

ROUNDS = """
SELECT r.id, r.name, r.exit_target, r.starts_on, r.ends_on, p.kind
FROM pairings_round r JOIN pairings_programme p ON p.id = r.programme_id"""

# Pairs counted at the end of period p: in its round, paired by then, not ended by then.
PAIRS = """
SELECT p.round_id, e.day,
       count(DISTINCT p.id), count(DISTINCT p.id) FILTER (WHERE b.kind = 'worker'),
       count(DISTINCT p.id) FILTER (WHERE b.kind = 'base'),
       count(DISTINCT p.id) FILTER (WHERE p.status = 'exited' AND p.closed_on <= e.day),
       count(DISTINCT ph.helper_id) FILTER (WHERE h.kind = 'official'),
       count(DISTINCT ph.helper_id) FILTER (WHERE h.kind = 'unit')
FROM unnest(%(round_ids)s::bigint[], %(ends)s::date[]) AS e(round_id, day)
JOIN pairings_pairing p ON p.round_id = e.round_id AND p.paired_on <= e.day
     AND NOT (p.status = 'ended' AND p.closed_on <= e.day)
JOIN pairings_beneficiary b ON b.id = p.beneficiary_id
LEFT JOIN pairings_pairinghelper ph ON ph.pairing_id = p.id
LEFT JOIN pairings_helper h ON h.id = ph.helper_id
GROUP BY p.round_id, e.day"""

PROJECTS = """
SELECT e.day, pr.sector, count(*)
FROM unnest(%(round_ids)s::bigint[], %(ends)s::date[]) AS e(round_id, day)
JOIN pairings_pairing p ON p.round_id = e.round_id
JOIN pairings_project pr ON pr.pairing_id = p.id AND pr.started_on <= e.day
GROUP BY e.day, pr.sector"""

MONEY = """
SELECT e.day,
       coalesce(sum(f.amount) FILTER (WHERE f.kind = 'raised'), 0),
       coalesce(sum(f.amount) FILTER (WHERE f.kind = 'injected'), 0),
       coalesce(sum(f.amount) FILTER (WHERE f.kind = 'disbursed'), 0),
       count(DISTINCT p.beneficiary_id) FILTER (WHERE f.kind = 'injected' AND b.kind = 'worker'),
       count(DISTINCT f.project_id) FILTER (WHERE f.kind = 'injected' AND b.kind = 'worker')
FROM unnest(%(round_ids)s::bigint[], %(ends)s::date[]) AS e(round_id, day)
JOIN pairings_fundentry f ON f.round_id = e.round_id AND f.entered_on <= e.day
LEFT JOIN pairings_pairing p ON p.id = f.pairing_id
LEFT JOIN pairings_beneficiary b ON b.id = p.beneficiary_id
GROUP BY e.day"""

STUDENTS = """
SELECT e.day,
       (SELECT count(DISTINCT ph.helper_id) FILTER (WHERE h.kind = 'branch')
        FROM pairings_pairing p JOIN pairings_round r ON r.id = p.round_id
        JOIN pairings_programme g ON g.id = r.programme_id AND g.kind = 'student'
        JOIN pairings_pairinghelper ph ON ph.pairing_id = p.id
        JOIN pairings_helper h ON h.id = ph.helper_id
        WHERE p.paired_on <= e.day AND NOT (p.status <> 'active' AND p.closed_on <= e.day)),
       (SELECT count(DISTINCT p.beneficiary_id)
        FROM pairings_pairing p JOIN pairings_round r ON r.id = p.round_id
        JOIN pairings_programme g ON g.id = r.programme_id AND g.kind = 'student'
        WHERE p.paired_on <= e.day AND NOT (p.status <> 'active' AND p.closed_on <= e.day)
          AND EXISTS (SELECT 1 FROM pairings_pairinghelper ph WHERE ph.pairing_id = p.id)),
       (SELECT coalesce(sum(f.amount) FILTER (WHERE f.kind = 'donation'), 0)
        FROM pairings_fundentry f JOIN pairings_round r ON r.id = f.round_id
        JOIN pairings_programme g ON g.id = r.programme_id AND g.kind = 'student'
        WHERE f.entered_on BETWEEN make_date(extract(year FROM e.day)::int, 1, 1) AND e.day),
       (SELECT coalesce(sum(f.amount) FILTER (WHERE f.kind = 'disbursed'), 0)
        FROM pairings_fundentry f JOIN pairings_round r ON r.id = f.round_id
        JOIN pairings_programme g ON g.id = r.programme_id AND g.kind = 'student'
        WHERE f.entered_on BETWEEN make_date(extract(year FROM e.day)::int, 1, 1) AND e.day)
FROM unnest(%(ends)s::date[]) AS e(day)"""


def _economy_columns(p: str) -> str:
    period = f"period_start >= %(s{p})s AND period_end <= %(e{p})s"
    year = f"period_start >= %(y{p})s AND period_end <= %(e{p})s"
    return ", ".join([f"coalesce(sum(value_added) FILTER (WHERE {period}), 0)",
                      f"coalesce(sum(value_added) FILTER (WHERE {year}), 0)"])


VALUE_ADDED = (f"SELECT sector, {_economy_columns('1')}, {_economy_columns('0')} "  # noqa: S608
               "FROM economy_valueaddedreturn WHERE period_start >= %(y0)s "
               "AND period_end <= %(e1)s GROUP BY sector")

ECONOMY_REST = """
SELECT (SELECT value_added FROM economy_annualtarget WHERE year = %(year1)s),
       (SELECT value_added FROM economy_annualtarget WHERE year = %(year0)s),
       (SELECT coalesce(sum(amount) FILTER (WHERE granted_on >= %(s1)s), 0)
        FROM economy_supportgrant WHERE granted_on <= %(e1)s),
       (SELECT coalesce(sum(amount), 0) FROM economy_supportgrant WHERE granted_on <= %(e1)s),
       (SELECT coalesce(sum(amount) FILTER (WHERE granted_on >= %(s0)s), 0)
        FROM economy_supportgrant WHERE granted_on <= %(e0)s),
       (SELECT coalesce(sum(amount), 0) FROM economy_supportgrant WHERE granted_on <= %(e0)s),
       (SELECT count(*) FROM economy_household WHERE started_on <= %(e1)s
        AND (closed_on IS NULL OR closed_on > %(e1)s)),
       (SELECT count(*) FROM economy_household WHERE started_on <= %(e0)s
        AND (closed_on IS NULL OR closed_on > %(e0)s))"""

ACTIVITIES = """
SELECT id, title, kind, edition, cup, held_on, co_organisers, level, awards FROM activities_activity
WHERE held_on BETWEEN %(s0)s AND %(e0)s OR held_on BETWEEN %(s1)s AND %(e1)s
ORDER BY held_on, id"""


def trend_ends(period: Period) -> list[date]:
    ends, current = [], Period.containing(period.end)
    for _ in range(MEMBER_TREND_PERIODS):
        ends.append(current.end)
        current = (Period(current.year, "h1") if current.half == "h2"
                   else Period(current.year - 1, "h2"))
    return ends


def _poverty_round(rounds, day: date):
    running = [r for r in rounds if r[5] == "poverty" and r[3] <= day
               and (r[4] is None or r[4] >= day)]
    return max(running, key=lambda r: (r[3], r[0]), default=None)


def figures(period: Period) -> dict:
    """All figures of `period` and a year earlier, and the member trend; 12 queries."""
    before = period.year_earlier()
    params = {"s1": period.start, "e1": period.end, "s0": before.start, "e0": before.end,
              "y1": date(period.end.year, 1, 1), "y0": date(before.end.year, 1, 1),
              "year1": period.end.year, "year0": before.end.year}
    days = sorted(set(trend_ends(period)) | {period.end, before.end})
    out: dict = {}
    with connection.cursor() as cursor:
        def run(sql, extra=None):
            cursor.execute(sql, {**params, **(extra or {})})
            return cursor.fetchall()

        out["members"] = {row[0]: row[1:] for row in run(MEMBERS, {"days": days})}
        out["unions"] = run(UNIONS)
        out["joined"] = run(JOINED)[0]
        out["aid"] = run(AID)[0]
        rounds = run(ROUNDS)
        chosen = [(_poverty_round(rounds, day), day) for day in (period.end, before.end)]
        chosen = [(r, day) for r, day in chosen if r is not None]
        extra = {"round_ids": [r[0] for r, _day in chosen], "ends": [d for _r, d in chosen]}
        out["rounds"] = [(r[1], r[2]) for r, _day in chosen]
        out["pairs"] = run(PAIRS, extra)
        out["projects"] = run(PROJECTS, extra)
        out["money"] = run(MONEY, extra)
        out["students"] = run(STUDENTS, {"ends": [period.end, before.end]})
        out["value_added"] = run(VALUE_ADDED)
        out["economy"] = run(ECONOMY_REST)[0]
        out["activities"] = run(ACTIVITIES)
    return out


def check(period: Period, raw: dict, now, before) -> list[str]:
    """Where the floor's figures differ from the ORM's (`now`, `before`: AllFigures)."""
    problems = []

    def same(name, a, b):
        if a != b:
            problems.append(f"{name}: raw {a} != orm {b}")

    for label, fig, day, p in (("now", now, period.end, 0), ("before", before,
                                                             period.year_earlier().end, 1)):
        active, without, members, employed, _laid_off = raw["members"].get(day, (0, 0, 0, 0, 0))
        same(f"{label} members", members, fig.unions.members)
        same(f"{label} unions_active", active, fig.unions.unions_active)
        same(f"{label} without_return", without, fig.unions.unions_without_return)
        same(f"{label} employed", employed, fig.unions.employed)
        same(f"{label} founded", sum(r[1 + p] for r in raw["unions"] if r[0] != "joint"),
             fig.unions.founded)
        same(f"{label} joined", raw["joined"][p], fig.unions.joined)
        aid = raw["aid"][p * 12:(p + 1) * 12]
        same(f"{label} visit_money", aid[1], fig.aid.visit_money)
        same(f"{label} relief_workers", aid[2], fig.aid.relief_workers)
        same(f"{label} pending_cases", aid[10], fig.aid.pending_cases)
        money = {row[0]: row[1:] for row in raw["money"]}.get(day)
        if money:
            same(f"{label} funds_injected", money[1], fig.pairings.funds_injected)
            same(f"{label} funded_workers", money[3], fig.pairings.funded_workers)
        pairs = {row[1]: row[2:] for row in raw["pairs"]}.get(day)
        if pairs:
            same(f"{label} pairs", pairs[0], fig.pairings.pairs)
            same(f"{label} officials", pairs[4], fig.pairings.officials)
        students = {row[0]: row[1:] for row in raw["students"]}[day]
        same(f"{label} students", students[1], fig.pairings.students)
        same(f"{label} donations_received", students[2], fig.pairings.donations_received)
        same(f"{label} value_added", sum(r[1 + 2 * p] for r in raw["value_added"]),
             fig.economy.value_added)
        same(f"{label} households", raw["economy"][6 + p], fig.economy.households)
        same(f"{label} activities",
             sum(1 for r in raw["activities"]
                 if (period if p == 0 else period.year_earlier()).start <= r[5] <= day),
             fig.activities.count)
    return problems
