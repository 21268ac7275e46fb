"""Small factories for the economy tests: one record with sensible defaults, overridable."""

from datetime import date
from decimal import Decimal

from economy.models import AnnualTarget, Household, Sector, SupportGrant, ValueAddedReturn
from unions.models import Union


def make_union(name: str | None = None, **fields) -> Union:
    fields.setdefault("kind", Union.Kind.STATE_OWNED)
    fields.setdefault("established_on", date(2005, 3, 1))
    return Union.objects.create(name=name or f"测试单位工会{Union.objects.count() + 1}", **fields)


def make_household(**fields) -> Household:
    fields.setdefault("owner", "王春林")
    fields.setdefault("owner_status", Household.OwnerStatus.LAID_OFF)
    fields.setdefault("sector", Sector.AGRICULTURE)
    fields.setdefault("business", "地栽木耳")
    fields.setdefault("started_on", date(2008, 4, 10))
    if "union" not in fields:
        fields["union"] = Union.objects.order_by("pk").first() or make_union()
    return Household.objects.create(**fields)


def make_return(**fields) -> ValueAddedReturn:
    if "union" not in fields and "household" not in fields:
        fields["union"] = Union.objects.order_by("pk").first() or make_union()
    fields.setdefault("sector", Sector.INDUSTRY)
    fields.setdefault("period_start", date(2012, 1, 1))
    fields.setdefault("period_end", date(2012, 6, 30))
    fields.setdefault("value_added", Decimal("100000"))
    return ValueAddedReturn.objects.create(**fields)


def make_target(year: int = 2012, value_added: Decimal = Decimal("319540000")) -> AnnualTarget:
    return AnnualTarget.objects.create(year=year, value_added=value_added)


def make_grant(**fields) -> SupportGrant:
    if "household" not in fields:
        fields["household"] = make_household()
    fields.setdefault("amount", Decimal("5000"))
    fields.setdefault("granted_on", date(2012, 3, 16))
    fields.setdefault("purpose", "购买木耳菌包")
    return SupportGrant.objects.create(**fields)
