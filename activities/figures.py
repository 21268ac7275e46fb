"""The activities the federation organised or joined, for the half-year summary."""

from dataclasses import dataclass
from datetime import date

from django.urls import reverse

from core.db import years_with
from core.lists import list_url

from .models import Activity


@dataclass(frozen=True, kw_only=True)
class ActivityItem:
    title: str
    held_on: date
    co_organisers: str
    level: str  # Activity.Level value
    awards: str
    url: str  # the activity's detail URL

    @property
    def joined(self) -> bool:
        """A city activity the county took part in (not one it held itself)."""
        return self.level == Activity.Level.CITY


@dataclass(frozen=True, kw_only=True)
class ActivityFigures:
    """The activities held in a period."""

    activities: tuple[ActivityItem, ...]  # in date order
    count: int


FIELDS = ("pk", "title", "held_on", "co_organisers", "level", "awards")


def for_period(start: date, end: date) -> ActivityFigures:
    """The activities held in [start, end], oldest first, in one query."""
    rows = (Activity.objects.filter(held_on__range=(start, end))
            .order_by("held_on", "pk").values(*FIELDS))
    items = tuple(
        ActivityItem(
            title=row["title"], held_on=row["held_on"], co_organisers=row["co_organisers"],
            level=row["level"], awards=row["awards"],
            url=reverse("activities:activity-detail", args=[row["pk"]]),
        )
        for row in rows
    )
    return ActivityFigures(activities=items, count=len(items))


@dataclass(frozen=True, kw_only=True)
class ActivityLinks:
    """The list behind the activity figures (the summary's drill-down link)."""

    activities: str


def links(start: date, end: date) -> ActivityLinks:
    """The activities held from `start` to `end`, as a filtered list."""
    return ActivityLinks(activities=list_url("activities:activity-list", start=start, end=end))


def years_with_data() -> set[int]:
    """Years with activities: the periods worth summarising."""
    return years_with(Activity.objects.all(), "held_on")
