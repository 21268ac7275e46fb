"""The demo registry: Jiayin County's unions with headcount returns for 2011 and 2012.

`for_period(2012-01-01, 2012-06-30)` gives exactly the seed's figures: 121 grassroots unions,
10,220 members, 2 founded (1 private enterprise), 41 joined, 8,747 workers = 6,759 employed +
1,988 laid-off, and the four industry joint unions, whose own returns (their directly affiliated
members) are part of those totals. Returns are dated 2011-06-30, 2011-12-31 and 2012-06-30 so
that the year-earlier comparison exists. Each return gives its female and migrant-worker
members; each union its legal-person status, committee term, collective contract and wage
agreement, as the annual statistics would (a few elections overdue, a few agreements expiring
within 90 days of 2012-06-30). Deterministic and idempotent.
"""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from .demo_registry import (
    DISSOLVED,
    FOUNDED_2012,
    GIVEN,
    JOINT_AGREEMENTS,
    JOINT_DIRECT,
    JOINT_UNIONS,
    ORGANISATIONS,
    STREETS,
    SURNAMES,
)
from .models import HeadcountReturn, Union, add_years
from .validators import credit_code_check_character

MID_2011, END_2011, MID_2012 = date(2011, 6, 30), date(2011, 12, 31), date(2012, 6, 30)
# The seed's figures at 2012-06-30, and what the two new unions bring to them.
MEMBERS, EMPLOYED, LAID_OFF, JOINED = 10_220, 6_759, 1_988, 41
JIAYIN_REGION = "230722"  # GB/T 2260: 伊春市嘉荫县

# Rough sizes by kind: (employed range, laid-off range, members per worker range).
SIZES = {
    "government": ((12, 70), (0, 0), (1.05, 1.3)),
    "institution": ((25, 160), (0, 4), (1.05, 1.25)),
    "state_owned": ((40, 260), (15, 120), (1.0, 1.15)),
    "collective": ((10, 60), (30, 110), (0.9, 1.1)),
    "private": ((8, 60), (0, 3), (0.85, 1.0)),
    "foreign": ((40, 50), (0, 0), (0.9, 1.0)),
    "community": ((5, 12), (30, 110), (0.9, 1.2)),
    "township": ((20, 60), (10, 40), (1.8, 3.0)),
    "other": ((10, 40), (0, 10), (1.0, 1.2)),
}
LARGE = ("医院", "黄金矿业", "嘉荫农场", "第一中学")
# Shares of the members by kind: (female range, migrant-worker range).
SHARES = {
    "government": ((0.35, 0.5), (0.0, 0.0)),
    "institution": ((0.5, 0.72), (0.0, 0.03)),
    "state_owned": ((0.22, 0.4), (0.02, 0.1)),
    "collective": ((0.3, 0.45), (0.1, 0.3)),
    "private": ((0.35, 0.62), (0.3, 0.7)),
    "foreign": ((0.3, 0.4), (0.3, 0.5)),
    "community": ((0.55, 0.75), (0.05, 0.15)),
    "township": ((0.35, 0.45), (0.1, 0.3)),
    "other": ((0.4, 0.55), (0.3, 0.6)),
    "joint": ((0.2, 0.72), (0.45, 0.8)),
}
ENTERPRISES = ("state_owned", "collective", "private", "foreign")
# Committees of these kinds serve five years, the others three (Trade Union Law art. 15).
FIVE_YEAR_TERMS = ("government", "institution", "state_owned", "township")


@dataclass
class Planned:
    """One union of the demo with its returns: {as_of: (members, employed, laid_off, joined)}.
    A joint union's returns are its directly affiliated members."""

    name: str
    kind: str
    established_on: date
    joint_key: str = ""
    dissolved_on: date | None = None
    returns: dict[date, tuple[int, int, int, int]] = field(default_factory=dict)


def apportion(total: int, weights: list[float]) -> list[int]:
    """Split `total` in proportion to `weights` into whole numbers that sum to it exactly."""
    scale = sum(weights)
    shares = [total * w / scale for w in weights]
    parts = [int(s) for s in shares]
    by_remainder = sorted(range(len(shares)), key=lambda i: (parts[i] - shares[i], i))
    for i in by_remainder[: total - sum(parts)]:
        parts[i] += 1
    return parts


def plan() -> list[Planned]:
    """Every union of the demo and its returns, the same on every run."""
    rng = random.Random(2012)  # noqa: S311 - reproducible demo data, not a secret
    existing: list[Planned] = []
    for kind, organisations in ORGANISATIONS.items():
        for organisation, established, joint_key in organisations:
            if established is None:
                established = date(rng.randint(1983, 2008), rng.randint(1, 12), rng.randint(1, 28))
            existing.append(Planned(f"{organisation}工会", kind, established, joint_key))

    weights = []
    for union in existing:
        (e_lo, e_hi), (l_lo, l_hi), (m_lo, m_hi) = SIZES[union.kind]
        size = 3.0 if any(word in union.name for word in LARGE) else 1.0
        employed, laid_off = rng.uniform(e_lo, e_hi) * size, rng.uniform(l_lo, l_hi) * size
        weights.append((employed, laid_off, (employed + laid_off) * rng.uniform(m_lo, m_hi)))
    new_members = sum(f[4] for f in FOUNDED_2012)
    # The joint unions' direct members are part of the seed's totals too.
    direct = [sum(counts[i] for counts in JOINT_DIRECT.values()) for i in range(4)]
    members = apportion(MEMBERS - new_members - direct[0], [w[2] for w in weights])
    employed = apportion(EMPLOYED - sum(f[5] for f in FOUNDED_2012) - direct[1],
                         [w[0] for w in weights])
    laid_off = apportion(LAID_OFF - sum(f[6] for f in FOUNDED_2012) - direct[2],
                         [w[1] if w[1] >= 1 else 0 for w in weights])
    # The members who joined existing unions in 2012's first half, spread over a few of them.
    joined = [0] * len(existing)
    joiners = rng.sample([i for i, u in enumerate(existing)
                          if u.kind in ("private", "community", "institution", "township")], 8)
    for i, count in zip(joiners, apportion(JOINED - new_members - direct[3],
                                           [1, 1, 2, 2, 2, 3, 3, 2]), strict=True):
        joined[i] = count

    for i, union in enumerate(existing):
        union.returns[MID_2012] = (members[i], employed[i], laid_off[i], joined[i])
        _add_earlier_returns(union, rng)

    founded = [
        Planned(f"{organisation}工会", kind, established, joint_key,
                returns={MID_2012: (m, e, lo, m)})
        for organisation, kind, established, joint_key, m, e, lo in FOUNDED_2012
    ]
    dissolved = []
    for organisation, kind, established, dissolved_on in DISSOLVED:
        union = Planned(f"{organisation}工会", kind, established, dissolved_on=dissolved_on)
        e, lo = rng.randint(20, 60), rng.randint(10, 50)
        union.returns[MID_2011] = (e + lo - 5, e, lo, 0)
        if dissolved_on >= END_2011:
            union.returns[END_2011] = (e + lo - 8, e - 3, lo, 0)
        dissolved.append(union)
    return existing + founded + dissolved


def joint_plan() -> list[Planned]:
    """The joint unions with the returns of their directly affiliated members: everyone joined
    at the joint union's first return; a few left and joined since."""
    planned = []
    for key, name, established in JOINT_UNIONS:
        members, employed, laid_off, joined = JOINT_DIRECT[key]
        union = Planned(name, "joint", established, returns={
            MID_2012: (members, employed, laid_off, joined)})
        earlier = [as_of for as_of in (END_2011, MID_2011) if as_of >= established]
        for index, as_of in enumerate(earlier):
            members, employed = members - joined + 1, employed - joined + 1
            joined = members if index == len(earlier) - 1 else 1
            union.returns[as_of] = (members, employed, laid_off, joined)
        planned.append(union)
    return planned


def _add_earlier_returns(union: Planned, rng: random.Random) -> None:
    """Walk back from the 2012 return: members who left come back, joiners leave again."""
    later = union.returns[MID_2012]
    for as_of in (END_2011, MID_2011):
        members, employed, laid_off, joined = later
        if union.established_on > as_of:
            return
        members = members - joined + rng.choice((0, 0, 1, 2))
        employed = max(employed + rng.randint(-3, 3), 1)
        laid_off = laid_off + rng.choice((0, 0, 1, 3)) if laid_off else 0
        if as_of == MID_2011 and union.established_on > date(2010, 12, 31):
            joined = members  # founded in 2011's first half: everyone joined
        elif union.established_on > MID_2011:
            joined = members  # founded in 2011's second half
        else:
            joined = min(rng.choice((0, 0, 0, 1, 2, 3)), members)
        union.returns[as_of] = later = (members, employed, laid_off, joined)


def credit_code(serial: int) -> str:
    """A union's own GB 32100 code: 8 (trade union) 1 (grassroots), Jiayin, organisation code."""
    digits = f"{55_170_000 + serial * 37:08d}"
    # GB 11714: the organisation code's own check character.
    weighted = sum(int(d) * w for d, w in zip(digits, (3, 7, 9, 10, 5, 8, 4, 2), strict=True))
    check = 11 - weighted % 11
    first17 = f"81{JIAYIN_REGION}{digits}{ {10: 'X', 11: '0'}.get(check, str(check))}"
    return first17 + credit_code_check_character(first17)


def load() -> None:
    """Create or bring up to date the demo registry; a second run changes nothing."""
    rng = random.Random(32100)  # noqa: S311 - reproducible demo data, not a secret
    joint = {}
    for (key, _name, _established), planned in zip(JOINT_UNIONS, joint_plan(), strict=True):
        joint[key] = _upsert_union(planned.name, {
            "kind": Union.Kind.JOINT, "established_on": planned.established_on,
            "dissolved_on": None, "joint_union": None, "credit_code": "",
            "chair": _person(rng), "phone": _phone(rng), "address": "嘉荫县朝阳镇中央大街118号",
            **_joint_organisation(key, planned.established_on),
        })
        _upsert_returns(joint[key], planned)
    for serial, planned in enumerate(plan(), start=1):
        union = _upsert_union(planned.name, {
            "kind": planned.kind, "established_on": planned.established_on,
            "dissolved_on": planned.dissolved_on,
            "joint_union": joint.get(planned.joint_key),
            "credit_code": "" if planned.kind == "community" else credit_code(serial),
            "chair": _person(rng), "phone": _phone(rng), "address": _address(planned, rng),
            **_organisation(planned),
        })
        _upsert_returns(union, planned)


def _upsert_returns(union: Union, planned: Planned) -> None:
    existing = {r.as_of: r for r in union.headcount_returns.all()}
    female, migrant = _shares(planned)
    for as_of, (members, employed, laid_off, joined) in planned.returns.items():
        values = {"members": members, "employed": employed, "laid_off": laid_off,
                  "joined": joined, "female_members": round(members * female),
                  "migrant_members": round(members * migrant)}
        current = existing.get(as_of)
        if current is None:
            HeadcountReturn.objects.create(union=union, as_of=as_of, **values)
        elif any(getattr(current, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(current, k, v)
            current.save()


def _shares(planned: Planned) -> tuple[float, float]:
    """The union's female and migrant-worker shares of its members (the same every run)."""
    rng = random.Random(f"{planned.name}/shares")  # noqa: S311 - demo data
    (f_lo, f_hi), (m_lo, m_hi) = SHARES[planned.kind]
    return rng.uniform(f_lo, f_hi), rng.uniform(m_lo, m_hi)


def _organisation(planned: Planned) -> dict:
    """Legal-person status, committee term and agreements of a grassroots union (工会统计年报)."""
    rng = random.Random(f"{planned.name}/organisation")  # noqa: S311 - demo data
    kind, established = planned.kind, planned.established_on
    legal_person = (kind in ("government", "institution", "state_owned", "collective",
                             "foreign", "township")
                    or rng.random() < {"private": 0.6, "community": 0.5}.get(kind, 0.3))
    values = {"legal_person": legal_person, "committee_elected_on": None,
              "committee_term_years": None}
    if planned.dissolved_on:  # what a dissolved union last had is not part of the demo
        return {**values, **_agreement("contract", rng, 0, 3, established),
                **_agreement("wage_agreement", rng, 0, 1, established)}
    if kind != "other" or rng.random() < 0.5:  # a few small unions never reported theirs
        years = 5 if kind in FIVE_YEAR_TERMS else 3
        # The term runs out some day from mid-2011 on; one union in twelve is overdue by
        # mid-2012. A union founded later was elected when it was founded.
        due = (date(2011, 7, 1) + _days(rng, 360) if rng.random() < 1 / 12
               else date(2012, 7, 1) + _days(rng, 365 * years - 1))
        values["committee_elected_on"] = max(add_years(due, -years), established)
        values["committee_term_years"] = years
    contract = {"government": 0, "institution": 0.3, "community": 0.3, "township": 0.6,
                "other": 0.2}.get(kind, 0.85)
    wage = {"government": 0, "institution": 0, "community": 0.2, "township": 0.5,
            "other": 0.1}.get(kind, 0.75 if kind in ENTERPRISES else 0)
    values.update(_agreement("contract", rng, contract, 3, established))
    values.update(_agreement("wage_agreement", rng, wage, 1, established))
    return values


def _agreement(prefix: str, rng: random.Random, chance: float, years: int,
               established: date) -> dict:
    """An agreement signed within the `years` before mid-2012 (some now expiring), or none."""
    signed = expires = None
    if rng.random() < chance:
        signed = max(date(2012, 6, 30) - _days(rng, 365 * years - 1), established)
        expires = add_years(signed, years) - _days(rng, 1, 1)
    return {f"{prefix}_signed_on": signed, f"{prefix}_expires_on": expires}


def _joint_organisation(key: str, established: date) -> dict:
    contract_signed, contract_expires, wage_signed, wage_expires = JOINT_AGREEMENTS[key]
    return {"legal_person": True, "committee_elected_on": established,
            "committee_term_years": 3, "contract_signed_on": contract_signed,
            "contract_expires_on": contract_expires, "wage_agreement_signed_on": wage_signed,
            "wage_agreement_expires_on": wage_expires}


def _days(rng: random.Random, most: int, least: int = 0) -> timedelta:
    return timedelta(days=rng.randint(least, most))


def _upsert_union(name: str, values: dict) -> Union:
    union = Union.objects.filter(name=name).first()
    if union is None:
        return Union.objects.create(name=name, **values)
    if any(getattr(union, k) != v for k, v in values.items()):
        for k, v in values.items():
            setattr(union, k, v)
        union.save()
    return union


def _person(rng: random.Random) -> str:
    start = rng.randrange(0, len(GIVEN), 2)
    given = GIVEN[start:start + 2] if rng.random() < 0.8 else GIVEN[start]
    return rng.choice(SURNAMES) + given


def _phone(rng: random.Random) -> str:
    return f"0458-6{rng.randint(100_000, 999_999)}"


def _address(planned: Planned, rng: random.Random) -> str:
    if planned.kind == "township":
        return planned.name.removesuffix("工会") + "人民政府院内"
    return f"嘉荫县朝阳镇{rng.choice(STREETS)}{rng.randint(1, 260)}号"
