"""The archive figures (aid.figures.archive_figures): counts of spells and their events, the
identity open == before + new + relapsed - exited on the demo and on generated data, and a
fixed number of queries."""

import random
from datetime import date, timedelta

import pytest

from aid import demo, figures
from aid.models import ArchiveSpell, HardshipWorker, ReviewOutcome, ReviewRound
from tests.support.factories import make_union, make_worker

pytestmark = pytest.mark.django_db

H1 = (date(2012, 1, 1), date(2012, 6, 30))


def identity_holds(result: figures.ArchiveFigures) -> bool:
    return (result.open == result.open_before + result.new + result.relapsed - result.exited
            and result.open == result.open_extreme + result.open_relative
            + result.open_accident)


@pytest.fixture
def loaded(unions, staff, leader):
    demo.load()


def test_the_demo_archives_in_the_first_half_of_2012(loaded):
    result = figures.for_period(*H1)
    assert result.archives_open_before == 146
    assert result.archives_new == 0
    assert result.archives_relapsed == 1
    assert result.archives_exited == 3
    assert result.archives_open == 144
    assert result.archives_open_extreme == 133
    assert result.archives_open_relative + result.archives_open_accident == 11
    assert result.reviews_overdue == 0
    assert identity_holds(result.archive)


def test_the_demo_identity_holds_in_every_half_year(loaded):
    for year in (2009, 2010, 2011, 2012, 2013):
        for start, end in ((date(year, 1, 1), date(year, 6, 30)),
                           (date(year, 7, 1), date(year, 12, 31))):
            assert identity_holds(figures.archive_figures(start, end)), (start, end)


def test_the_demo_shows_the_archives_not_reviewed_in_2012_as_overdue_at_its_end(loaded):
    result = figures.archive_figures(date(2012, 7, 1), date(2012, 12, 31))
    not_reviewed = {HardshipWorker.objects.get(id_number=demo.id_number_for(i)).pk
                    for i in demo.NOT_REVIEWED_2012}
    assert result.reviews_overdue == len(not_reviewed)


def test_the_2012_extreme_visits_went_to_active_archives_of_that_category(loaded):
    extreme = HardshipWorker.objects.filter(
        hardship_level="extreme", state=HardshipWorker.State.ACTIVE)
    assert extreme.count() == demo.EXTREME
    for worker in extreme[:20]:
        assert worker.spells.get(ended_on__isnull=True).started_on < date(2011, 12, 20)


def _random_spells(rng: random.Random, workers: list[HardshipWorker]) -> None:
    for worker in workers:
        day = date(2010, 1, 1) + timedelta(days=rng.randint(0, 900))
        relapse = False
        while day < date(2013, 12, 31) and rng.random() < 0.8:
            end = day + timedelta(days=rng.randint(0, 500)) if rng.random() < 0.6 else None
            ArchiveSpell.objects.create(worker=worker, started_on=day, ended_on=end,
                                        end_reason="income" if end else "", relapse=relapse)
            if end is None:
                break
            day, relapse = end + timedelta(days=rng.randint(1, 200)), True


@pytest.mark.parametrize("seed", range(3))
def test_the_identity_holds_on_generated_spells(seed):
    rng = random.Random(seed)
    union = make_union()
    workers = [make_worker(union=union, active=False,
                           hardship_level=rng.choice(["extreme", "relative", "accident"]))
               for _ in range(25)]
    _random_spells(rng, workers)
    for _ in range(20):
        start = date(2010, 1, 1) + timedelta(days=rng.randint(0, 1400))
        end = start + timedelta(days=rng.randint(0, 400))
        result = figures.archive_figures(start, end)
        assert identity_holds(result), (seed, start, end, result)


def test_an_archive_reviewed_within_twelve_months_is_not_overdue(staff):
    reviewed = make_worker(registered_on=date(2009, 1, 1))
    forgotten = make_worker(registered_on=date(2009, 1, 1))
    make_worker(registered_on=date(2012, 3, 1))  # new: its approval counts as a review
    review = ReviewRound.objects.create(year=2012, opened_by=staff)
    ReviewOutcome.objects.create(round=review, worker=reviewed, decision="continue",
                                 surveyed_on=date(2011, 7, 1), recorded_by=staff)
    ReviewOutcome.objects.create(round=review, worker=forgotten, decision="continue",
                                 surveyed_on=date(2011, 6, 30), recorded_by=staff)
    assert figures.archive_figures(*H1).reviews_overdue == 1


def test_the_figures_take_a_fixed_number_of_queries(loaded, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):  # cases, campaigns, archives, money by source
        figures.for_period(*H1)
