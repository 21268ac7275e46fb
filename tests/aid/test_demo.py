from datetime import date
from decimal import Decimal

import pytest
from django.db.models import F

from aid import demo, figures
from aid.models import AidCase, AidKindCap, Campaign, HardshipWorker
from aid.validators import birth_date_of, sex_of, validate_resident_id

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(unions, staff, leader):
    demo.load()
    return unions


def test_demo_reproduces_the_seed_figures_for_the_first_half_of_2012(loaded):
    result = figures.for_period(date(2012, 1, 1), date(2012, 6, 30))
    assert result.visited_workers == 133
    assert result.visit_money == Decimal(66500)
    assert result.relief_workers == 21
    assert result.relief_money == Decimal(70000)
    assert result.living_money == Decimal(28000)
    assert result.medical_money == Decimal(32000)
    assert result.education_money == Decimal(10000)


def test_demo_has_pending_cases_in_the_period(loaded):
    result = figures.for_period(date(2012, 1, 1), date(2012, 6, 30))
    assert result.pending_cases == 3
    assert result.pending_money == Decimal(9500)
    assert AidCase.objects.filter(status=AidCase.Status.REJECTED).count() == 3


def test_demo_visits_all_fall_in_the_2012_campaign_before_the_spring_festival(loaded):
    campaign = Campaign.objects.get(name="2012年两节送温暖")
    visits = AidCase.objects.counted().filter(kind=AidCase.Kind.VISIT,
                                              granted_on__year=2012)
    assert visits.count() == 133
    assert set(visits.values_list("campaign", flat=True)) == {campaign.pk}
    assert max(visits.values_list("granted_on", flat=True)) < date(2012, 1, 23)
    assert set(visits.values_list("worker__hardship_level", flat=True)) == {"extreme"}


def test_demo_has_a_year_earlier_to_compare_with(loaded):
    result = figures.for_period(date(2011, 1, 1), date(2011, 6, 30))
    assert result.visited_workers == 120
    assert result.visit_money == Decimal(48000)
    assert result.relief_workers == 15
    assert result.relief_money == Decimal(51000)


def test_demo_id_numbers_are_valid_and_of_jiayin_county(loaded):
    numbers = list(HardshipWorker.objects.values_list("id_number", flat=True))
    assert len(numbers) == demo.WORKERS
    for number in numbers:
        validate_resident_id(number)
        assert number.startswith("230722")


def test_demo_uses_only_active_non_joint_unions(loaded):
    used = set(HardshipWorker.objects.values_list("union__name", flat=True))
    assert used == {u.name for u in loaded[:4]}


def test_demo_cases_keep_the_model_rules(loaded):
    # The demo bulk-creates; the rules that are not database constraints are checked here.
    cases = AidCase.objects.all()
    for cap in AidKindCap.objects.all():
        assert not cases.filter(kind=cap.kind, amount__gt=cap.max_amount).exists()
    assert not cases.filter(campaign__isnull=False).exclude(
        granted_on__range=(F("campaign__starts_on"), F("campaign__ends_on"))).exists()
    assert not cases.filter(worker__exited_on__lt=F("granted_on")).exists()
    assert not cases.filter(granted_on__gt=date.today()).exists()
    sample = cases.order_by("pk")[::40]
    for case in sample:
        case.full_clean()


def test_demo_workers_birth_date_and_sex_match_their_id_numbers(loaded):
    for worker in HardshipWorker.objects.all():
        assert worker.birth_date == birth_date_of(worker.id_number)
        assert worker.sex == sex_of(worker.id_number)


def test_loading_the_demo_twice_changes_nothing(loaded):
    def snapshot():
        return (sorted(HardshipWorker.objects.values_list("pk", "id_number", "name", "union")),
                sorted(AidCase.objects.values_list("pk", "worker", "kind", "amount", "status")),
                sorted(Campaign.objects.values_list("pk", "name")),
                AidCase.history.count(), HardshipWorker.history.count())

    first = snapshot()
    demo.load()
    assert snapshot() == first


def test_demo_refuses_without_unions(staff, leader):
    with pytest.raises(demo.DemoDependencyMissing, match="unions demo"):
        demo.load()
    assert not HardshipWorker.objects.exists()


def test_demo_refuses_without_users(unions):
    with pytest.raises(demo.DemoDependencyMissing, match="demo users"):
        demo.load()
