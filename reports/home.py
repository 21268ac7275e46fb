"""The home page's content: the signed-in user's to-dos from each domain app, and the current
half-year's key figures, each with the list it comes from.

`reports` composes the domain apps (their `selectors.todos(user)` and `figures.for_period`); it
never queries their models itself.
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from aid import archive_selectors
from aid import selectors as aid_selectors
from core.money import wan
from core.periods import Period
from core.todos import Todo
from unions import selectors as union_selectors

from . import figures

# Each domain app that has to-dos for someone: `todos(user) -> list[Todo]`, in this order.
TODO_SOURCES = (aid_selectors.todos, archive_selectors.archive_todos, union_selectors.todos)


@dataclass(frozen=True, kw_only=True)
class KeyFigure:
    label: str
    value: str  # formatted: a count, or money in 万元 (core.money.wan)
    url: str


def todos(user: User) -> list[Todo]:
    """Everything waiting for `user`, from every app (a query or two per app)."""
    return [todo for source in TODO_SOURCES for todo in source(user)]


def current_period() -> Period:
    """The half-year containing today (local time)."""
    return Period.containing(timezone.localdate())


def key_figures(period: Period) -> list[KeyFigure]:
    """A few figures of `period` at a glance, each linking to its records (the summary's
    figures: a fixed number of queries)."""
    now = figures.for_period(period)
    to = figures.links_for(period, now)
    return [
        KeyFigure(label=_("Members"), value=f"{now.unions.members}", url=to.unions.members),
        KeyFigure(label=_("Grassroots unions"), value=f"{now.unions.unions_active}",
                  url=to.unions.active),
        KeyFigure(label=_("Workers visited"), value=f"{now.aid.visited_workers}",
                  url=to.aid.visits),
        KeyFigure(label=_("Visit money"), value=wan(now.aid.visit_money),
                  url=to.aid.visits),
        KeyFigure(label=_("Workers given relief"), value=f"{now.aid.relief_workers}",
                  url=to.aid.relief),
        KeyFigure(label=_("Relief money"), value=wan(now.aid.relief_money),
                  url=to.aid.relief),
        KeyFigure(label=_("Pairs"), value=f"{now.pairings.pairs}", url=to.pairings.pairs),
        KeyFigure(label=_("Value added (self-employed)"),
                  value=wan(now.economy.value_added),
                  url=to.economy.value_added),
        KeyFigure(label=_("Activities"), value=f"{now.activities.count}",
                  url=to.activities.activities),
    ]
