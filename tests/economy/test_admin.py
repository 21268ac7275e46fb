"""The Django admin lists economy records and activities for administrators."""

import pytest
from django.urls import reverse

from tests.support.factories import make_activity, make_grant, make_target, make_value_added_return

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["household", "valueaddedreturn", "annualtarget",
                                   "supportgrant"])
def test_admins_see_economy_records_in_the_admin(client, admin_user, unions, model):
    make_grant()
    make_value_added_return()
    make_target()
    client.force_login(admin_user)
    assert client.get(reverse(f"admin:economy_{model}_changelist")).status_code == 200


def test_admins_see_activities_in_the_admin(client, admin_user):
    activity = make_activity()
    client.force_login(admin_user)
    assert client.get(reverse("admin:activities_activity_changelist")).status_code == 200
    assert client.get(reverse("admin:activities_activity_change",
                              args=[activity.pk])).status_code == 200
