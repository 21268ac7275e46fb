from datetime import date

import pytest
from django.core.exceptions import ValidationError

from core.locking import StaleEdit
from tests.support.factories import make_headcount_return, make_union
from unions import services
from unions.models import HeadcountReturn

pytestmark = pytest.mark.django_db


def test_dissolving_records_the_date_the_user_and_a_new_version(admin_user):
    union = make_union()
    services.union_dissolve(union_id=union.pk, on=date(2012, 7, 1), by=admin_user)
    union.refresh_from_db()
    assert (union.dissolved_on, union.version) == (date(2012, 7, 1), 1)
    assert union.history.first().history_user == admin_user


def test_dissolving_before_the_founding_is_refused(admin_user):
    union = make_union(established_on=date(2012, 4, 18))
    with pytest.raises(ValidationError) as caught:
        services.union_dissolve(union_id=union.pk, on=date(2012, 4, 17), by=admin_user)
    assert caught.value.message_dict == {
        "dissolved_on": ["工会的撤销日期不能早于成立日期。"]}


def test_returns_import_creates_each_return_with_its_audit_record(admin_user):
    union = make_union()
    created = services.returns_import(returns=[
        HeadcountReturn(union=union, as_of=date(2012, m, 28), members=5, employed=5,
                        laid_off=0) for m in (1, 2, 3)], by=admin_user)
    assert created == 3
    assert set(HeadcountReturn.history.values_list("history_user", flat=True)) == {admin_user.pk}


def test_an_existing_return_is_untouched_by_a_failed_dissolution(admin_user):
    union = make_union()
    make_headcount_return(union, date(2012, 6, 30))
    with pytest.raises(ValidationError):
        services.union_dissolve(union_id=union.pk, on=date(2012, 1, 1), by=admin_user)
    union.refresh_from_db()
    assert union.dissolved_on is None
    assert union.version == 0


def test_a_dissolution_from_a_stale_form_is_refused(admin_user):
    union = make_union(chair="王国华")
    opened_at = union.version
    union.chair = "赵海涛"  # someone else saves in the meantime
    union.version += 1
    union.save()
    with pytest.raises(StaleEdit):
        services.union_dissolve(union_id=union.pk, on=date(2012, 7, 1), by=admin_user,
                                version=opened_at)
    union.refresh_from_db()
    assert (union.dissolved_on, union.version) == (None, 1)
