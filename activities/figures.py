"""The activities the federation organised or joined, for the half-year summary."""

from dataclasses import dataclass
from datetime import date

from django.urls import reverse

from .models import Activity


@dataclass(frozen=True)
class ActivityItem:
    title: str
    kind: str  # Activity.Kind value
    edition: int | None
    cup: str
    held_on: date
    co_organisers: str
    level: str  # Activity.Level value
    awards: str
    url: str  # the activity's detail URL


@dataclass(frozen=True)
class ActivityFigures:
    activities: tuple[ActivityItem, ...]  # in date order
    count: int


FIELDS = ("pk", "title", "kind", "edition", "cup", "held_on", "co_organisers", "level", "awards")


def for_period(start: date, end: date) -> ActivityFigures:
    """The activities held in [start, end], oldest first, in one query."""
    rows = (Activity.objects.filter(held_on__range=(start, end))
            .order_by("held_on", "pk").values(*FIELDS))
    items = tuple(
        ActivityItem(
            title=row["title"], kind=row["kind"], edition=row["edition"], cup=row["cup"],
            held_on=row["held_on"], co_organisers=row["co_organisers"], level=row["level"],
            awards=row["awards"], url=reverse("activities:activity-detail", args=[row["pk"]]),
        )
        for row in rows
    )
    return ActivityFigures(activities=items, count=len(items))


def years_with_data() -> set[int]:
    """Years with activities: the periods worth summarising."""
    return {day.year for day in Activity.objects.dates("held_on", "year")}
