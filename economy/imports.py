"""The .xlsx/.csv import of value-added returns (see docs/import-formats.md)."""

from collections import defaultdict
from itertools import pairwise

from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from core import imports
from core.imports import Column, Errors, Importer, Row
from unions.models import Union

from . import services
from .models import Household, Sector, ValueAddedReturn, overlap_message


def sector(value) -> str:
    """A sector by its value or its label in Chinese or English, whatever the page's language."""
    raw = str(value).strip()
    for language in ("zh-hans", "en"):
        with translation.override(language):
            for member in Sector:
                if raw in (member.value, str(member.label)):
                    return member.value
    return imports.choice(Sector)(raw)  # refuses it, naming the sectors in the page's language


sector.display = lambda value: str(Sector(value).label)


class ReturnImporter(Importer):
    """One return per row: a union's own, or a household's (owner named in its union)."""

    kind = "economy-returns"
    title = gettext_lazy("Value-added returns")
    columns = (
        Column("union", "基层工会", imports.text(100), example="嘉荫县林业局工会"),
        Column("owner", "自营经济户户主", imports.text(50), required=False, example="王春林"),
        Column("business", "经营项目", imports.text(100), required=False, example="地栽木耳"),
        Column("sector", "行业", sector, example="农林牧渔业"),
        Column("period_start", "起始日期", imports.field_day(ValueAddedReturn, "period_start"),
               example="2012-01-01"),
        Column("period_end", "截止日期", imports.field_day(ValueAddedReturn, "period_end"),
               example="2012-06-30"),
        Column("value_added", "增加值（元）", imports.money(minimum=0), example="268500.00"),
        Column("note", "备注", imports.text(200), required=False, example=""),
    )

    def check(self, rows: list[Row], errors: Errors) -> None:
        """Reporters exist, periods are sound, no overlaps in the file or with the records."""
        unions = self._unions(rows, errors)
        self._households(rows, unions, errors)
        good = [row for row in rows if self._period_ok(row, errors) and "reporter" in row.values]
        self._overlaps_in_file(good, errors)
        self._overlaps_with_records(good, errors)

    def save(self, rows: list[Row], *, by: User) -> int:
        return services.returns_import(by=by, returns=(
            ValueAddedReturn(
                union=row.values["reporter"] if row.values["owner"] is None else None,
                household=row.values["reporter"] if row.values["owner"] is not None else None,
                sector=row.values["sector"], period_start=row.values["period_start"],
                period_end=row.values["period_end"], value_added=row.values["value_added"],
                note=row.values["note"] or "",
            )
            for row in rows
        ))

    # -- checks, a fixed number of queries for the whole file --

    @staticmethod
    def _unions(rows: list[Row], errors: Errors) -> dict[str, Union]:
        names = {row.values["union"] for row in rows if row.values["union"] is not None}
        unions = {union.name: union for union in Union.objects.filter(name__in=names)}
        for row in rows:
            union = unions.get(row.values["union"])
            if row.values["union"] is None:  # unreadable: reported already
                continue
            if union is None:
                errors.add(row.number, "union",
                           _("No union is named “%(name)s”.") % {"name": row.values["union"]})
            elif row.values["owner"] is None:
                row.values["reporter"] = union
        return unions

    @staticmethod
    def _households(rows: list[Row], unions: dict[str, Union], errors: Errors) -> None:
        wanted = [row for row in rows
                  if row.values["owner"] is not None and row.values["union"] in unions]
        candidates = defaultdict(list)
        for household in Household.objects.filter(
            union__in=[unions[row.values["union"]] for row in wanted],
            owner__in={row.values["owner"] for row in wanted},
        ).order_by("pk"):
            candidates[household.union_id, household.owner].append(household)
        for row in wanted:
            found = candidates[unions[row.values["union"]].pk, row.values["owner"]]
            if row.values["business"]:
                found = [h for h in found if h.business == row.values["business"]]
            if not found:
                errors.add(row.number, "owner", _(
                    "This union has no household of “%(owner)s”%(business)s."
                ) % {"owner": row.values["owner"],
                     "business": f"（{row.values['business']}）" if row.values["business"]
                     else ""})
            elif len(found) > 1:
                errors.add(row.number, "business", _(
                    "“%(owner)s” has several households in this union: name the business "
                    "(%(businesses)s)."
                ) % {"owner": row.values["owner"],
                     "businesses": "、".join(h.business for h in found)})
            elif row.values["sector"] and found[0].sector != row.values["sector"]:
                errors.add(row.number, "sector", _(
                    "This household reports in its own sector, %(sector)s."
                ) % {"sector": found[0].get_sector_display()})
            else:
                row.values["reporter"] = found[0]

    @staticmethod
    def _period_ok(row: Row, errors: Errors) -> bool:
        start, end = row.values["period_start"], row.values["period_end"]
        if start is None or end is None or row.values["sector"] is None:
            return False
        if end < start:
            errors.add(row.number, "period_end", _("The period cannot end before it starts."))
            return False
        if start.year != end.year:
            errors.add(row.number, "period_end",
                       _("A return's period must lie within one calendar year."))
            return False
        return True

    @staticmethod
    def _key(row: Row) -> tuple[str, int, str]:
        reporter = row.values["reporter"]
        kind = "household" if isinstance(reporter, Household) else "union"
        return kind, reporter.pk, row.values["sector"]

    def _overlaps_in_file(self, rows: list[Row], errors: Errors) -> None:
        by_key = defaultdict(list)
        for row in rows:
            by_key[self._key(row)].append(row)
        for same in by_key.values():
            same.sort(key=lambda r: (r.values["period_start"], r.number))
            for earlier, later in pairwise(same):
                if later.values["period_start"] <= earlier.values["period_end"]:
                    errors.add(later.number, "period_start", _(
                        "The period overlaps row %(row)d of this file (same reporter and sector)."
                    ) % {"row": earlier.number})

    def _overlaps_with_records(self, rows: list[Row], errors: Errors) -> None:
        if not rows:
            return
        unions = {row.values["reporter"].pk for row in rows if self._key(row)[0] == "union"}
        households = {row.values["reporter"].pk for row in rows
                      if self._key(row)[0] == "household"}
        existing = defaultdict(list)
        for record in ValueAddedReturn.objects.filter(
            Q(union__in=unions) | Q(household__in=households),
            period_end__gte=min(row.values["period_start"] for row in rows),
            period_start__lte=max(row.values["period_end"] for row in rows),
        ).select_related("union", "household"):
            kind = "household" if record.household_id else "union"
            existing[kind, record.household_id or record.union_id, record.sector].append(record)
        for row in rows:
            for record in existing[self._key(row)]:
                if (record.period_start <= row.values["period_end"]
                        and record.period_end >= row.values["period_start"]):
                    errors.add(row.number, "period_start", overlap_message(record))
                    break

