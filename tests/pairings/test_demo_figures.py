"""Every figure of the seed, from the demo slice (loaded once for this module)."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import transaction

from aid.models import HardshipWorker
from aid.validators import validate_resident_id
from pairings import demo, figures
from pairings.models import Project
from tests.support.factories import make_union
from unions.models import Union

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """The demo loaded once for this module's figure tests, rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        joint = make_union("嘉荫县商业零售行业联合工会", kind=Union.Kind.JOINT)
        make_union("嘉荫县第一粮库工会", kind=Union.Kind.STATE_OWNED)
        make_union("已撤销的工会", dissolved_on=date(2011, 1, 1))
        make_union("嘉荫县鑫源超市工会", joint_union=joint)
        demo.load()
        yield figures.for_period(date(2012, 1, 1), date(2012, 6, 30))
        transaction.set_rollback(True)


def test_demo_gives_the_seed_figures_of_the_fifth_round(loaded):
    assert loaded.round_name == "第五轮"
    assert loaded.officials == 30
    assert loaded.units == 30
    assert loaded.pairs == 30
    assert loaded.worker_pairs == 26
    assert loaded.base_pairs == 4
    assert loaded.projects == 30
    assert loaded.projects_by_sector == {
        "breeding": 6, "planting": 7, "processing": 2, "commerce": 13, "transport": 2, "other": 0,
    }
    assert list(loaded.projects_by_sector) == list(Project.Sector.values)
    assert loaded.funds_raised == Decimal("250000.00")
    assert loaded.funds_injected == Decimal("200000.00")
    fifth = figures.poverty_round_on(date(2012, 6, 30))
    assert figures.round_figures(fifth, date(2012, 6, 30)).available == Decimal("50000.00")
    assert loaded.funded_workers == 24
    assert loaded.funded_projects == 24
    assert loaded.exit_target == Decimal("100.0")
    assert loaded.exited_pairs == 0
    assert loaded.exit_rate == Decimal("0.0")


def test_demo_gives_the_seed_figures_of_student_aid(loaded):
    assert loaded.branches == 131
    assert loaded.students == 107
    assert loaded.donations_received == Decimal("25680.00")
    assert loaded.donations_disbursed == Decimal("25680.00")


def test_demo_workers_are_in_active_unions_that_are_not_joint(loaded):
    unions = set(HardshipWorker.objects.values_list("union__name", flat=True))
    assert unions == {"嘉荫县第一粮库工会", "嘉荫县鑫源超市工会"}


def test_demo_worker_id_numbers_are_valid_and_apart_from_the_aid_demo(loaded):
    for id_number in HardshipWorker.objects.values_list("id_number", flat=True):
        validate_resident_id(id_number)
        assert id_number.startswith("230722196")
        assert id_number[14] == "5"
