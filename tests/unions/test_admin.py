"""The Django admin registrations: searchable, filterable, for administrators only."""

from datetime import date

import pytest
from django.urls import reverse

from tests.support.factories import make_headcount_return, make_union

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url_name", ["admin:unions_union_changelist",
                                      "admin:unions_headcountreturn_changelist"])
def test_admin_lists_search_and_filter(client, admin_user, url_name):
    union = make_union(name="嘉荫县财政局工会")
    make_headcount_return(union, date(2012, 6, 30))
    client.force_login(admin_user)
    response = client.get(reverse(url_name), {"q": "财政局"})
    assert response.status_code == 200
    assert "嘉荫县财政局工会" in response.content.decode()
    assert response.context["cl"].has_filters


def test_saving_in_the_admin_invalidates_forms_opened_earlier(client, admin_user):
    union = make_union(name="嘉荫县财政局工会")
    client.force_login(admin_user)
    client.post(reverse("admin:unions_union_change", args=[union.pk]), {
        "name": "嘉荫县财政局工会", "kind": "government", "credit_code": "", "chair": "李立新",
        "phone": "", "address": "", "established_on": "2000-01-01", "dissolved_on": "",
        "joint_union": "", "headcount_returns-TOTAL_FORMS": "0",
        "headcount_returns-INITIAL_FORMS": "0", "seen_version": union.version})
    union.refresh_from_db()
    assert (union.chair, union.version) == ("李立新", 1)


def test_staff_cannot_open_the_admin(client, staff):
    client.force_login(staff)
    response = client.get(reverse("admin:unions_union_changelist"))
    assert response.status_code == 302
