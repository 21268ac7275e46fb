"""The floor: the summary's figures by hand-written SQL through a raw cursor (PostgreSQL).

Every figure of `reports.figures.summary_data(period)` (the period, the same half a year
earlier and the member trend), computed as tightly as we can write it: one pass per table (per
period where an index range per period is faster than one scan of both), FILTER
(conditional aggregation), and one LATERAL probe of the latest return of each union at all the
dates at once (the six half-year ends of the trend include both periods' ends). Each rule is
written again here from the apps' `figures.py`, not imported, so that `check()` — which walks
every field of the ORM's dataclasses — proves that both compute the same thing.
"""

from dataclasses import fields, is_dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import connection, transaction
from django.urls import reverse

from core.dates import years_after
from core.periods import Period

MEMBER_TREND_PERIODS = 6  # reports.figures.MEMBER_TREND_PERIODS (check() compares the trend)
UNION_KINDS = ("state_owned", "collective", "private", "foreign", "institution", "government",
               "community", "township", "other")  # Union.Kind without JOINT, in order
SECTORS = ("agriculture", "industry", "transport", "trade", "hospitality", "culture", "health",
           "other_services")  # economy.models.Sector, in order
# PostgreSQL compiles a query whose estimated cost passes jit_above_cost (100,000) to machine
# code; for these short aggregates the compiling costs more than it saves (5.5 s of 6.5 s for
# the counts at scale 100 in one measurement), so the floor turns it off for its transaction.
JIT_OFF = True
PROJECT_SECTORS = ("breeding", "planting", "processing", "commerce", "transport", "other")

# Per union kind, both periods: the union table in one scan. `p` is 1 (now) or 0 (before).
_UNION_COLUMNS = """
count(*) FILTER (WHERE kind <> 'joint' AND established_on <= %(e{p})s
                 AND (dissolved_on IS NULL OR dissolved_on > %(e{p})s)),
count(*) FILTER (WHERE kind <> 'joint' AND established_on BETWEEN %(s{p})s AND %(e{p})s),
count(*) FILTER (WHERE established_on <= %(e{p})s
                 AND (dissolved_on IS NULL OR dissolved_on > %(e{p})s)
                 AND contract_signed_on <= %(e{p})s AND contract_expires_on >= %(e{p})s),
count(*) FILTER (WHERE established_on <= %(e{p})s
                 AND (dissolved_on IS NULL OR dissolved_on > %(e{p})s)
                 AND wage_agreement_signed_on <= %(e{p})s
                 AND wage_agreement_expires_on >= %(e{p})s),
count(*) FILTER (WHERE established_on <= %(e{p})s
                 AND (dissolved_on IS NULL OR dissolved_on > %(e{p})s)
                 AND election_due_on < %(e{p})s)"""
UNIONS = (f"SELECT kind, {_UNION_COLUMNS.format(p=1)}, {_UNION_COLUMNS.format(p=0)} "  # noqa: S608
          "FROM unions_union GROUP BY kind")

# The latest return of each union active at each day (joint unions included), one probe of the
# covering (union, as_of) index each; a joint union's return is left out when a union it covers,
# active at the day, was founded after the return and by the day. `since`: the period's start
# at the two period ends (not returned = latest return older), NULL at the other trend days.
COUNTS = """
SELECT day,
       coalesce(sum(members) FILTER (WHERE NOT left_out), 0),
       coalesce(sum(employed) FILTER (WHERE NOT left_out), 0),
       coalesce(sum(laid_off) FILTER (WHERE NOT left_out), 0),
       coalesce(sum(female_members) FILTER (WHERE NOT left_out), 0),
       coalesce(sum(migrant_members) FILTER (WHERE NOT left_out), 0),
       count(*) FILTER (WHERE kind <> 'joint' AND as_of IS NULL),
       count(*) FILTER (WHERE NOT left_out AND as_of IS NOT NULL
                        AND (female_members IS NULL OR migrant_members IS NULL)),
       min(as_of) FILTER (WHERE NOT left_out), max(as_of) FILTER (WHERE NOT left_out),
       count(*) FILTER (WHERE kind <> 'joint' AND as_of < since)
FROM (SELECT d.day, d.since, u.kind, r.as_of, r.members, r.employed, r.laid_off,
             s.female_members, s.migrant_members,
             CASE WHEN u.kind = 'joint' AND r.as_of IS NOT NULL THEN EXISTS (
                 SELECT 1 FROM unions_union c WHERE c.joint_union_id = u.id
                 AND c.established_on > r.as_of AND c.established_on <= d.day
                 AND (c.dissolved_on IS NULL OR c.dissolved_on > d.day)) ELSE false END AS left_out
      FROM unnest(%(days)s::date[], %(sinces)s::date[]) AS d(day, since)
      JOIN unions_union u ON u.established_on <= d.day
           AND (u.dissolved_on IS NULL OR u.dissolved_on > d.day)
      LEFT JOIN LATERAL (SELECT h.as_of, h.members, h.employed, h.laid_off
                         FROM unions_headcountreturn h
                         WHERE h.union_id = u.id AND h.as_of <= d.day
                         ORDER BY h.as_of DESC LIMIT 1) r ON true
      LEFT JOIN LATERAL (SELECT h.female_members, h.migrant_members
                         FROM unions_headcountreturn h
                         WHERE d.since IS NOT NULL AND h.union_id = u.id AND h.as_of = r.as_of
                         ) s ON true
      OFFSET 0) l
GROUP BY day"""

# The industry joint unions active at each period's end, by name, and whether their latest return
# is left out (the same rule as above).
JOINT = """
SELECT d.day, array_agg(u.name ORDER BY u.name),
       coalesce(array_agg(u.name ORDER BY u.name) FILTER (WHERE EXISTS (
           SELECT 1 FROM unions_union c WHERE c.joint_union_id = u.id
           AND c.established_on > r.as_of AND c.established_on <= d.day
           AND (c.dissolved_on IS NULL OR c.dissolved_on > d.day))), '{}')
FROM unnest(%(ends)s::date[]) AS d(day)
JOIN unions_union u ON u.kind = 'joint' AND u.established_on <= d.day
     AND (u.dissolved_on IS NULL OR u.dissolved_on > d.day)
LEFT JOIN LATERAL (SELECT h.as_of FROM unions_headcountreturn h
                   WHERE h.union_id = u.id AND h.as_of <= d.day
                   ORDER BY h.as_of DESC LIMIT 1) r ON true
GROUP BY d.day"""

# Members joined: the returns dated within each period (every union's), one index range each.
JOINED = """
SELECT (SELECT coalesce(sum(joined), 0) FROM unions_headcountreturn
        WHERE as_of BETWEEN %(s1)s AND %(e1)s),
       (SELECT coalesce(sum(joined), 0) FROM unions_headcountreturn
        WHERE as_of BETWEEN %(s0)s AND %(e0)s)"""


def _aid_columns() -> str:
    counted = "status IN ('approved', 'paid')"
    parts = ["coalesce(sum(amount) FILTER (WHERE status = 'paid'), 0)",
             "coalesce(sum(amount) FILTER (WHERE status = 'approved'), 0)"]
    for name, kinds in (("visit", "('visit')"), ("relief", "('living','medical','education')")):
        parts += [f"(SELECT count(*) FILTER (WHERE {name}) FROM w)",  # noqa: S608
                  f"coalesce(sum(amount) FILTER (WHERE {counted} AND kind IN {kinds}), 0)",
                  f"coalesce(sum(amount) FILTER (WHERE status = 'paid' AND kind IN {kinds}), 0)"]
    for kind in ("living", "medical", "education"):
        parts += [f"(SELECT count(*) FILTER (WHERE {kind}) FROM w)",  # noqa: S608
                  f"coalesce(sum(amount) FILTER (WHERE {counted} AND kind = '{kind}'), 0)"]
    for where in ("status IN ('draft', 'submitted')", "status = 'approved'"):
        parts += [f"count(*) FILTER (WHERE {where})",
                  f"coalesce(sum(amount) FILTER (WHERE {where}), 0)"]
    return ",\n       ".join(parts)


AID_FIELDS = ("paid_money", "committed_money",
              "visited_workers", "visit_money", "visit_paid_money",
              "relief_workers", "relief_money", "relief_paid_money",
              "living_workers", "living_money", "medical_workers", "medical_money",
              "education_workers", "education_money",
              "pending_cases", "pending_money", "unpaid_cases", "unpaid_money")

# The campaigns ending in a period (a tiny table), looked up first so that the planner sees how
# few of the cases their visits are (an index range on campaign_id, not a scan of all cases).
CAMPAIGNS = ("SELECT id, name, ends_on FROM aid_campaign WHERE ends_on BETWEEN %(s)s AND %(e)s "
             "ORDER BY ends_on, name")

# The cases reported in one period (aid.figures: a campaign's visits by the campaign's end, every
# other case by its date), as two index ranges: the cases of the period's dates but the campaign
# visits, and the visits of the campaigns ending in the period. Materialised once for the figures,
# the distinct workers (one grouping by worker instead of a sort per figure), the paid money by
# fund source and the campaigns with counted visits.
AID = f"""
WITH c AS MATERIALIZED (
    SELECT worker_id, kind, status, amount, fund_source_id, NULL::bigint AS campaign_id
    FROM aid_aidcase WHERE granted_on BETWEEN %(s)s AND %(e)s
                           AND (kind <> 'visit' OR campaign_id IS NULL)
    UNION ALL
    SELECT worker_id, kind, status, amount, fund_source_id, campaign_id
    FROM aid_aidcase WHERE campaign_id = ANY(%(campaigns)s::bigint[]) AND kind = 'visit'),
w AS (
    SELECT bool_or(kind = 'visit') AS visit, bool_or(kind <> 'visit') AS relief,
           bool_or(kind = 'living') AS living, bool_or(kind = 'medical') AS medical,
           bool_or(kind = 'education') AS education
    FROM c WHERE status IN ('approved', 'paid') GROUP BY worker_id),
m AS (
    SELECT coalesce(f.name, '') AS name, s.money
    FROM (SELECT fund_source_id, sum(amount) AS money FROM c WHERE status = 'paid'
          GROUP BY fund_source_id) s LEFT JOIN aid_fundsource f ON f.id = s.fund_source_id)
SELECT {_aid_columns()},
       (SELECT coalesce(array_agg(DISTINCT campaign_id), '{{}}') FROM c
        WHERE campaign_id IS NOT NULL AND status IN ('approved', 'paid')),
       (SELECT array_agg(name ORDER BY money DESC, name) FROM m),
       (SELECT array_agg(money ORDER BY money DESC, name) FROM m)
FROM c"""  # noqa: S608

# Archives (spells) of both periods in one scan: `b` the day before a period, `r` the review
# cutoff (12 months before its end).
_ARCHIVE_COLUMNS = """
count(*) FILTER (WHERE s.started_on <= %(b{p})s AND (s.ended_on IS NULL OR s.ended_on > %(b{p})s)),
count(*) FILTER (WHERE s.started_on BETWEEN %(s{p})s AND %(e{p})s AND NOT s.relapse),
count(*) FILTER (WHERE s.started_on BETWEEN %(s{p})s AND %(e{p})s AND s.relapse),
count(*) FILTER (WHERE s.ended_on BETWEEN %(s{p})s AND %(e{p})s),
count(*) FILTER (WHERE s.started_on <= %(e{p})s AND (s.ended_on IS NULL OR s.ended_on > %(e{p})s)),
count(*) FILTER (WHERE s.started_on <= %(e{p})s AND (s.ended_on IS NULL OR s.ended_on > %(e{p})s)
                 AND w.hardship_level = 'extreme'),
count(*) FILTER (WHERE s.started_on <= %(e{p})s AND (s.ended_on IS NULL OR s.ended_on > %(e{p})s)
                 AND w.hardship_level = 'relative'),
count(*) FILTER (WHERE s.started_on <= %(e{p})s AND (s.ended_on IS NULL OR s.ended_on > %(e{p})s)
                 AND w.hardship_level = 'accident'),
count(*) FILTER (WHERE s.started_on <= %(r{p})s AND (s.ended_on IS NULL OR s.ended_on > %(e{p})s)
                 AND (v.last{p} IS NULL OR v.last{p} <= %(r{p})s))"""
# The last review survey of each worker by each period's end, in one pass over the surveys of
# the 12 months before either end (a hash join, not a probe per archive).
ARCHIVE = (f"SELECT {_ARCHIVE_COLUMNS.format(p=1)}, {_ARCHIVE_COLUMNS.format(p=0)} "  # noqa: S608
           "FROM aid_archivespell s JOIN aid_hardshipworker w ON w.id = s.worker_id "
           "LEFT JOIN (SELECT worker_id, max(surveyed_on) FILTER (WHERE surveyed_on <= %(e1)s) "
           "AS last1, max(surveyed_on) FILTER (WHERE surveyed_on <= %(e0)s) AS last0 "
           "FROM aid_reviewoutcome WHERE surveyed_on > %(r0)s AND surveyed_on <= %(e1)s "
           "GROUP BY worker_id) v ON v.worker_id = s.worker_id")
ARCHIVE_FIELDS = ("open_before", "new", "relapsed", "exited", "open", "open_extreme",
                  "open_relative", "open_accident", "reviews_overdue")

ROUNDS = """
SELECT r.id, r.name, r.exit_target, r.starts_on, r.ends_on, p.kind
FROM pairings_round r JOIN pairings_programme p ON p.id = r.programme_id"""

# The poverty round's pairs counted at the end of each period (paired by then, not ended by
# then; out of poverty still counts), and their helpers.
PAIRS = """
SELECT e.day, count(p.id), count(p.id) FILTER (WHERE b.kind = 'worker'),
       count(p.id) FILTER (WHERE b.kind = 'base'),
       count(p.id) FILTER (WHERE p.status = 'exited' AND p.closed_on <= e.day),
       (SELECT count(DISTINCT ph.helper_id) FILTER (WHERE h.kind = 'official')
        FROM pairings_pairing q JOIN pairings_pairinghelper ph ON ph.pairing_id = q.id
        JOIN pairings_helper h ON h.id = ph.helper_id
        WHERE q.round_id = e.round_id AND q.paired_on <= e.day
          AND NOT (q.status = 'ended' AND q.closed_on IS NOT NULL AND q.closed_on <= e.day)),
       (SELECT count(DISTINCT ph.helper_id) FILTER (WHERE h.kind = 'unit')
        FROM pairings_pairing q JOIN pairings_pairinghelper ph ON ph.pairing_id = q.id
        JOIN pairings_helper h ON h.id = ph.helper_id
        WHERE q.round_id = e.round_id AND q.paired_on <= e.day
          AND NOT (q.status = 'ended' AND q.closed_on IS NOT NULL AND q.closed_on <= e.day))
FROM unnest(%(round_ids)s::bigint[], %(ends)s::date[]) AS e(round_id, day)
LEFT JOIN pairings_pairing p ON p.round_id = e.round_id AND p.paired_on <= e.day
     AND NOT (p.status = 'ended' AND p.closed_on IS NOT NULL AND p.closed_on <= e.day)
LEFT JOIN pairings_beneficiary b ON b.id = p.beneficiary_id
GROUP BY e.day, e.round_id"""

PROJECTS = f"""
SELECT e.day, count(pr.id), {", ".join(f"count(pr.id) FILTER (WHERE pr.sector = '{s}')"
                                      for s in PROJECT_SECTORS)}
FROM unnest(%(round_ids)s::bigint[], %(ends)s::date[]) AS e(round_id, day)
JOIN pairings_pairing p ON p.round_id = e.round_id
JOIN pairings_project pr ON pr.pairing_id = p.id AND pr.started_on <= e.day
GROUP BY e.day"""  # noqa: S608

# The round's ledger through each end; funded: a hardship worker's project (by the project's
# own pair) with capital injected.
MONEY = """
SELECT e.day,
       coalesce(sum(f.amount) FILTER (WHERE f.kind = 'raised'), 0),
       coalesce(sum(f.amount) FILTER (WHERE f.kind = 'injected'), 0),
       count(DISTINCT pp.beneficiary_id) FILTER (WHERE f.kind = 'injected' AND b.kind = 'worker'),
       count(DISTINCT f.project_id) FILTER (WHERE f.kind = 'injected' AND b.kind = 'worker')
FROM unnest(%(round_ids)s::bigint[], %(ends)s::date[]) AS e(round_id, day)
JOIN pairings_fundentry f ON f.round_id = e.round_id AND f.entered_on <= e.day
LEFT JOIN pairings_project pr ON pr.id = f.project_id
LEFT JOIN pairings_pairing pp ON pp.id = pr.pairing_id
LEFT JOIN pairings_beneficiary b ON b.id = pp.beneficiary_id
GROUP BY e.day"""

# Student aid: pairs active at each end (neither out of poverty nor ended by then), their
# branches and their students with a helper; the money within each period.
STUDENTS = """
SELECT e.day,
       (SELECT count(DISTINCT ph.helper_id) FILTER (WHERE h.kind = 'branch')
        FROM pairings_pairing p JOIN pairings_round r ON r.id = p.round_id
        JOIN pairings_programme g ON g.id = r.programme_id AND g.kind = 'student'
        JOIN pairings_pairinghelper ph ON ph.pairing_id = p.id
        JOIN pairings_helper h ON h.id = ph.helper_id
        WHERE p.paired_on <= e.day
          AND NOT (p.status <> 'active' AND p.closed_on IS NOT NULL AND p.closed_on <= e.day)),
       (SELECT count(DISTINCT p.beneficiary_id)
        FROM pairings_pairing p JOIN pairings_round r ON r.id = p.round_id
        JOIN pairings_programme g ON g.id = r.programme_id AND g.kind = 'student'
        JOIN pairings_pairinghelper ph ON ph.pairing_id = p.id
        WHERE p.paired_on <= e.day
          AND NOT (p.status <> 'active' AND p.closed_on IS NOT NULL AND p.closed_on <= e.day)),
       (SELECT coalesce(sum(f.amount) FILTER (WHERE f.kind = 'donation'), 0)
        FROM pairings_fundentry f JOIN pairings_round r ON r.id = f.round_id
        JOIN pairings_programme g ON g.id = r.programme_id AND g.kind = 'student'
        WHERE f.entered_on BETWEEN e.start AND e.day),
       (SELECT coalesce(sum(f.amount) FILTER (WHERE f.kind = 'disbursed'), 0)
        FROM pairings_fundentry f JOIN pairings_round r ON r.id = f.round_id
        JOIN pairings_programme g ON g.id = r.programme_id AND g.kind = 'student'
        WHERE f.entered_on BETWEEN e.start AND e.day)
FROM unnest(%(starts)s::date[], %(ends)s::date[]) AS e(start, day)"""

# Value added of one period and of its year to the period's end, by sector; `y` is January 1.
VALUE_ADDED = """
SELECT sector,
       coalesce(sum(value_added) FILTER (WHERE period_start >= %(s)s), 0),
       max(period_end) FILTER (WHERE period_start >= %(s)s),
       coalesce(sum(value_added), 0), max(period_end)
FROM economy_valueaddedreturn WHERE period_start >= %(y)s AND period_end <= %(e)s
GROUP BY sector"""

ECONOMY_REST = """
SELECT (SELECT value_added FROM economy_annualtarget WHERE year = %(year1)s),
       (SELECT value_added FROM economy_annualtarget WHERE year = %(year0)s),
       g.*, h.*
FROM (SELECT coalesce(sum(amount) FILTER (WHERE granted_on >= %(s1)s), 0),
             coalesce(sum(amount), 0),
             coalesce(sum(amount) FILTER (WHERE granted_on BETWEEN %(s0)s AND %(e0)s), 0),
             coalesce(sum(amount) FILTER (WHERE granted_on <= %(e0)s), 0)
      FROM economy_supportgrant WHERE granted_on <= %(e1)s) g,
     (SELECT count(*) FILTER (WHERE closed_on IS NULL OR closed_on > %(e1)s),
             count(*) FILTER (WHERE started_on <= %(e0)s
                              AND (closed_on IS NULL OR closed_on > %(e0)s))
      FROM economy_household WHERE started_on <= %(e1)s) h"""

ACTIVITIES = """
SELECT id, title, held_on, co_organisers, level, awards FROM activities_activity
WHERE held_on BETWEEN %(s0)s AND %(e0)s OR held_on BETWEEN %(s1)s AND %(e1)s
ORDER BY held_on, id"""


def trend_periods(period: Period) -> list[Period]:
    """The half-years of the member trend, newest first."""
    halves, current = [], Period.containing(period.end)
    for _ in range(MEMBER_TREND_PERIODS):
        halves.append(current)
        current = (Period(current.year, "h1") if current.half == "h2"
                   else Period(current.year - 1, "h2"))
    return halves


def _percent(part, whole) -> Decimal | None:
    from core.money import percent  # the figures' rounding rule (one decimal, half up)
    return percent(part, whole)


def _poverty_round(rounds, day: date):
    running = [r for r in rounds if r[5] == "poverty" and r[3] <= day
               and (r[4] is None or r[4] >= day)]
    return max(running, key=lambda r: (r[3], r[0]), default=None)


def _last_poverty_round(rounds, day: date):
    ended = [r for r in rounds if r[5] == "poverty" and r[4] is not None and r[4] < day]
    return max(ended, key=lambda r: (r[4], r[0]), default=None)


def figures(period: Period) -> dict:
    """{"now": {app: {field: value}}, "before": {...}, "trend": [(label, members)]}."""
    before = period.year_earlier()
    spans = {"1": period, "0": before}
    params = {"year1": period.end.year, "year0": before.end.year}
    for p, span in spans.items():
        params.update({f"s{p}": span.start, f"e{p}": span.end,
                       f"b{p}": span.start - timedelta(days=1),
                       f"r{p}": years_after(span.end, -1)})
    halves = trend_periods(period)
    days = sorted({h.end for h in halves} | {period.end, before.end})
    sinces = [period.start if d == period.end else before.start if d == before.end else None
              for d in days]
    out: dict = {"now": {}, "before": {}}
    with transaction.atomic(), connection.cursor() as cursor:
        if JIT_OFF:
            cursor.execute("SET LOCAL jit = off")

        def run(sql, values=None):
            cursor.execute(sql, params if values is None else values)
            return cursor.fetchall()

        unions = run(UNIONS)
        counts = {row[0]: row[1:] for row in run(COUNTS, {"days": days, "sinces": sinces})}
        joint = {row[0]: row[1:] for row in run(JOINT, {"ends": [period.end, before.end]})}
        joined = run(JOINED)[0]
        archive = run(ARCHIVE)[0]
        aid, campaigns = {}, {}
        for p, span in spans.items():
            campaigns[p] = run(CAMPAIGNS, {"s": span.start, "e": span.end})
            aid[p] = run(AID, {"s": span.start, "e": span.end,
                               "campaigns": [c[0] for c in campaigns[p]]})[0]
        rounds = run(ROUNDS)
        chosen = [(p, _poverty_round(rounds, span.end)) for p, span in spans.items()]
        chosen = [(p, r) for p, r in chosen if r is not None]
        extra = {"round_ids": [r[0] for _p, r in chosen],
                 "ends": [spans[p].end for p, _r in chosen]}
        pairs = {row[0]: row[1:] for row in run(PAIRS, extra)}
        projects = {row[0]: row[1:] for row in run(PROJECTS, extra)}
        money = {row[0]: row[1:] for row in run(MONEY, extra)}
        students = {row[0]: row[1:] for row in run(
            STUDENTS, {"starts": [period.start, before.start], "ends": [period.end, before.end]})}
        value_added = {p: {row[0]: row[1:] for row in run(
            VALUE_ADDED, {"s": span.start, "e": span.end, "y": date(span.end.year, 1, 1)})}
            for p, span in spans.items()}
        economy = run(ECONOMY_REST)[0]
        activities = run(ACTIVITIES)

    for p, label in (("1", "now"), ("0", "before")):
        span, q = spans[p], 0 if p == "1" else 1
        end = span.end
        by_kind = {row[0]: row[1 + 5 * q:6 + 5 * q] for row in unions}
        (members, employed, laid_off, female, migrant, without_return, without_shares,
         counts_from, counts_to, not_returned) = counts.get(
            end, (0, 0, 0, 0, 0, 0, 0, None, None, 0))
        joint_names, left_out = joint.get(end, ([], []))
        founded_by_kind = {k: by_kind[k][1] for k in UNION_KINDS if by_kind.get(k, (0, 0))[1]}
        out[label]["unions"] = {
            "unions_active": sum(v[0] for k, v in by_kind.items() if k != "joint"),
            "members": members, "founded": sum(founded_by_kind.values()),
            "founded_by_kind": founded_by_kind, "joined": joined[q],
            "workers": employed + laid_off, "employed": employed, "laid_off": laid_off,
            "joint_unions": tuple(joint_names), "unions_without_return": without_return,
            "female_members": female, "migrant_members": migrant,
            "returns_without_shares": without_shares,
            "unions_with_contract": sum(v[2] for v in by_kind.values()),
            "unions_with_wage_negotiation": sum(v[3] for v in by_kind.values()),
            "elections_overdue": sum(v[4] for v in by_kind.values()),
            "joint_returns_left_out": tuple(left_out),
            "counts_from": counts_from, "counts_to": counts_to,
            "unions_not_returned": not_returned,
        }

        row = aid[p]
        figures_ = dict(zip(AID_FIELDS, row[:len(AID_FIELDS)], strict=True))
        visited, names, sums = row[len(AID_FIELDS):]
        out[label]["aid"] = {
            **figures_,
            "campaigns": tuple(name for pk, name, _ends in campaigns[p] if pk in visited),
            "money_by_source": tuple(zip(names or (), sums or (), strict=True)),
            "archive": dict(zip(ARCHIVE_FIELDS, archive[9 * q:9 * (q + 1)], strict=True)),
        }

        current = _poverty_round(rounds, end)
        last = None if current else _last_poverty_round(rounds, end)
        pair = pairs.get(end, (0, 0, 0, 0, 0, 0)) if current else (0, 0, 0, 0, 0, 0)
        project = (projects.get(end, (0,) * (1 + len(PROJECT_SECTORS))) if current
                   else (0,) * (1 + len(PROJECT_SECTORS)))
        ledger = money.get(end, (0, 0, 0, 0)) if current else (0, 0, 0, 0)
        student = students[end]
        out[label]["pairings"] = {
            "round_name": current[1] if current else "",
            "round_ends_on": current[4] if current else None,
            "last_round_name": last[1] if last else "",
            "last_round_ended_on": last[4] if last else None,
            "officials": pair[4], "units": pair[5], "pairs": pair[0], "worker_pairs": pair[1],
            "base_pairs": pair[2], "projects": project[0],
            "projects_by_sector": dict(zip(PROJECT_SECTORS, project[1:], strict=True)),
            "funds_raised": ledger[0], "funds_injected": ledger[1],
            "funded_workers": ledger[2], "funded_projects": ledger[3],
            "exited_pairs": pair[3], "exit_target": current[2] if current else None,
            "branches": student[0], "students": student[1],
            "donations_received": student[2], "donations_disbursed": student[3],
        }

        from economy.models import Sector  # the sector's label (a UI string, not a figure)

        sectors = value_added[p]
        year_total = sum((v[2] for v in sectors.values()), Decimal(0))
        target = economy[q]
        out[label]["economy"] = {
            "value_added": sum((v[0] for v in sectors.values()), Decimal(0)),
            "value_added_year": year_total,
            "year_returned_to": max((v[3] for v in sectors.values()), default=None),
            "by_sector": tuple(
                {"sector": s, "label": str(Sector(s).label),
                 "value_added": sectors.get(s, (Decimal(0),))[0],
                 "returned_to": sectors.get(s, (0, None))[1]} for s in SECTORS),
            "target": target, "completion": _percent(year_total, target),
            "grants_in_period": economy[2 + 2 * q], "grants_cumulative": economy[3 + 2 * q],
            "households": economy[6 + q],
        }

        items = tuple(
            {"title": a[1], "held_on": a[2], "co_organisers": a[3], "level": a[4],
             "awards": a[5], "url": reverse("activities:activity-detail", args=[a[0]])}
            for a in activities if span.start <= a[2] <= span.end)
        out[label]["activities"] = {"activities": items, "count": len(items)}

    trend = [(f"{h.year}{'上' if h.half == 'h1' else '下'}", counts.get(h.end, (0,))[0])
             for h in reversed(halves)]
    while trend and not trend[0][1]:
        trend.pop(0)
    out["trend"] = trend
    return out


def leaves(value) -> int:
    """How many figures a dataclass holds (its fields, nested dataclasses walked)."""
    if is_dataclass(value):
        return sum(leaves(getattr(value, f.name)) for f in fields(value))
    if isinstance(value, tuple) and value and all(is_dataclass(v) for v in value):
        return sum(leaves(v) for v in value)
    return 1


def compare(path: str, raw, orm, problems: list[str]) -> None:
    """Append to `problems` each field of `orm` (a dataclass, walked recursively) that `raw`
    lacks or gives differently, and each field `raw` gives that `orm` does not have."""
    if is_dataclass(orm):
        if not isinstance(raw, dict):
            problems.append(f"{path}: raw {raw!r} is not a record of fields")
            return
        names = [f.name for f in fields(orm)]
        for name in names:
            if name not in raw:
                problems.append(f"{path}.{name}: not computed by the floor")
            else:
                compare(f"{path}.{name}", raw[name], getattr(orm, name), problems)
        problems.extend(f"{path}.{name}: computed by the floor, not a field of "
                        f"{type(orm).__name__}" for name in raw if name not in names)
    elif isinstance(orm, tuple) and orm and all(is_dataclass(v) for v in orm):
        if not isinstance(raw, tuple | list) or len(raw) != len(orm):
            problems.append(f"{path}: raw {raw!r} != orm {orm!r}")
            return
        for i, (a, b) in enumerate(zip(raw, orm, strict=True)):
            compare(f"{path}[{i}]", a, b, problems)
    elif raw != orm or (type(raw) is not type(orm) and not (
            isinstance(raw, int | Decimal) and isinstance(orm, int | Decimal))):
        problems.append(f"{path}: raw {raw!r} != orm {orm!r}")


def check(raw: dict, now, before, trend) -> list[str]:
    """Where the floor's figures differ from the summary's (`reports.figures.summary_data`: the
    AllFigures `now` and `before` and the member trend), field by field."""
    problems: list[str] = []
    for label, orm in (("now", now), ("before", before)):
        compare(label, raw.get(label, {}), orm, problems)
    if raw.get("trend") != trend:
        problems.append(f"trend: raw {raw.get('trend')!r} != orm {trend!r}")
    return problems
