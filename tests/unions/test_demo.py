"""The demo registry reproduces the seed's organisation figures for 2012's first half."""

from datetime import date

import pytest

from unions import demo
from unions.figures import for_period
from unions.models import HeadcountReturn, Union

pytestmark = pytest.mark.django_db

SEED_JOINT_UNIONS = {
    "嘉荫县酒店、餐饮服务行业联合工会",
    "嘉荫县美容、美发、洗浴网吧行业联合工会",
    "嘉荫县商业零售行业联合工会",
    "嘉荫县加工、制造、建筑行业联合工会",
}


@pytest.fixture
def figures():
    demo.load()
    return for_period(date(2012, 1, 1), date(2012, 6, 30))


def test_121_grassroots_unions(figures):
    assert figures.unions_active == 121


def test_10220_members(figures):
    assert figures.members == 10_220


def test_2_unions_founded_of_which_1_private_enterprise(figures):
    assert figures.founded == 2
    assert figures.founded_by_kind.get(Union.Kind.PRIVATE) == 1


def test_41_members_joined(figures):
    assert figures.joined == 41


def test_8747_workers_6759_employed_1988_laid_off(figures):
    assert (figures.workers, figures.employed, figures.laid_off) == (8_747, 6_759, 1_988)


def test_the_four_joint_unions_of_the_seed(figures):
    assert set(figures.joint_unions) == SEED_JOINT_UNIONS
    assert len(figures.joint_unions) == 4


def test_every_active_union_has_a_return(figures):
    assert figures.unions_without_return == 0


def test_a_year_earlier_comparison_exists():
    demo.load()
    earlier = for_period(date(2011, 1, 1), date(2011, 6, 30))
    assert earlier.unions_without_return == 0
    assert earlier.unions_active > 100
    assert earlier.members > 9000


def test_the_records_are_individual_and_plausible():
    demo.load()
    returns = HeadcountReturn.objects.filter(as_of=date(2012, 6, 30))
    assert returns.count() == 121 + 4  # the grassroots unions and the four joint unions
    members = sorted(returns.values_list("members", flat=True))
    assert members[0] > 0
    assert members[-1] < 2000
    assert len(set(members)) > 50
    assert set(HeadcountReturn.objects.values_list("as_of", flat=True).distinct()) == {
        date(2011, 6, 30), date(2011, 12, 31), date(2012, 6, 30)}
    assert Union.objects.filter(dissolved_on__isnull=False).exists()
    assert Union.objects.exclude(joint_union=None).count() > 10


def test_every_demo_record_passes_the_models_rules():
    demo.load()
    for union in Union.objects.all():
        union.full_clean()
    for ret in HeadcountReturn.objects.select_related("union"):
        ret.full_clean()


def test_loading_twice_changes_nothing():
    demo.load()
    unions = list(Union.objects.order_by("pk").values())
    returns = list(HeadcountReturn.objects.order_by("pk").values())
    history = (Union.history.count(), HeadcountReturn.history.count())
    demo.load()
    assert list(Union.objects.order_by("pk").values()) == unions
    assert list(HeadcountReturn.objects.order_by("pk").values()) == returns
    assert (Union.history.count(), HeadcountReturn.history.count()) == history
