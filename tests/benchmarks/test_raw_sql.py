"""The benchmark's floor (hand-written SQL) computes every figure of the summary as the ORM does."""

import dataclasses
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection

from benchmarks import raw_sql
from core.periods import Period
from reports import figures as report_figures

pytestmark = [pytest.mark.django_db, pytest.mark.skipif(connection.vendor != "postgresql",
                                reason="the floor is PostgreSQL SQL (unnest, FILTER, LATERAL)")]


def problems(period: Period) -> list[str]:
    return raw_sql.check(raw_sql.figures(period), *report_figures.summary_data(period))


def test_the_floor_equals_the_orm_on_every_figure_of_the_demo(demo_county):
    period = Period(2012, "h1")
    assert problems(period) == []
    assert raw_sql.figures(period)["trend"]  # the demo has returns: the trend is compared


def test_the_floor_equals_the_orm_on_every_figure_of_synthetic_data():
    call_command("gen_data", scale=0.05, seed=11, replace=True, verbosity=0)
    for period in (Period(2025, "h1"), Period(2024, "h2")):
        assert problems(period) == [], period


def test_a_different_figure_and_a_figure_the_floor_lacks_are_reported(demo_county):
    period = Period(2012, "h1")
    now, before, trend = report_figures.summary_data(period)
    raw = raw_sql.figures(period)
    raw["now"]["aid"]["visit_money"] += Decimal(1)
    del raw["before"]["aid"]["archive"]["reviews_overdue"]
    del raw["now"]["economy"]["by_sector"][0]["returned_to"]
    raw["now"]["unions"]["not_a_figure"] = 1
    raw["trend"] = raw["trend"][1:]
    found = raw_sql.check(raw, now, before, trend)
    assert any(p.startswith("now.aid.visit_money: raw") for p in found)
    assert "before.aid.archive.reviews_overdue: not computed by the floor" in found
    assert "now.economy.by_sector[0].returned_to: not computed by the floor" in found
    assert any(p.startswith("now.unions.not_a_figure") for p in found)
    assert any(p.startswith("trend:") for p in found)
    assert len(found) == 5


def test_every_field_of_the_figures_is_compared(demo_county):
    """A field added to an app's dataclass is reported until the floor computes it."""
    period = Period(2012, "h1")
    now, before, trend = report_figures.summary_data(period)
    extended = dataclasses.make_dataclass("Extended", [("new_figure", int)],
                                          bases=(type(now.unions),), kw_only=True, frozen=True)
    unions = extended(**{f.name: getattr(now.unions, f.name)
                         for f in dataclasses.fields(now.unions)}, new_figure=3)
    found = raw_sql.check(raw_sql.figures(period), dataclasses.replace(now, unions=unions),
                          before, trend)
    assert found == ["now.unions.new_figure: not computed by the floor"]
    assert raw_sql.leaves(now) > 99
