"""An import batch is seen and confirmed only by the user who uploaded it, or an admin (issue
14, item 11): anyone else, even with the role to import, gets a 404 and imports nothing."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.roles import Role
from core.models import ImportBatch
from economy.models import ValueAddedReturn
from tests.support.factories import make_user
from tests.support.workbooks import xlsx

pytestmark = pytest.mark.django_db

HEADERS = ["组名", "人数"]


@pytest.fixture
def batch(client, staff, settings):
    """A batch `staff` uploaded through the import open to staff (tests/core/urls.py)."""
    settings.ROOT_URLCONF = "tests.core.urls"
    client.force_login(staff)
    client.post("/editors/import/", {"file": SimpleUploadedFile(
        "groups.xlsx", xlsx([["甲组", 3]], HEADERS))})
    client.logout()
    return ImportBatch.objects.get()


def test_the_uploader_sees_and_confirms_their_batch(client, staff, batch):
    client.force_login(staff)
    assert client.get(f"/editors/import/{batch.pk}/").status_code == 200
    assert client.post(f"/editors/import/{batch.pk}/").status_code == 302
    assert Group.objects.filter(name="甲组").exists()


def test_another_staff_member_gets_a_404_and_imports_nothing(client, batch):
    client.force_login(make_user(Role.STAFF, "other-staff"))
    assert client.get(f"/editors/import/{batch.pk}/").status_code == 404
    assert client.post(f"/editors/import/{batch.pk}/").status_code == 404
    assert not Group.objects.filter(name="甲组").exists()
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.PREVIEWED


def test_an_admin_sees_and_confirms_anyones_batch(client, admin_user, batch):
    client.force_login(admin_user)
    page = client.get(f"/editors/import/{batch.pk}/")
    assert page.status_code == 200
    assert "甲组" in page.content.decode()
    assert client.post(f"/editors/import/{batch.pk}/").status_code == 302
    assert Group.objects.filter(name="甲组").exists()


def test_a_batch_is_not_reached_through_another_importers_page(client, admin_user, batch):
    client.force_login(admin_user)
    assert client.get(reverse("economy:return-import-preview",
                              args=[batch.pk])).status_code == 404


def test_an_app_import_batch_is_its_uploaders_too(client, staff):
    batch = ImportBatch.objects.create(kind="economy-returns", filename="r.csv", content=b"x",
                                       uploaded_by=staff, row_count=1)
    url = reverse("economy:return-import-preview", args=[batch.pk])
    client.force_login(make_user(Role.STAFF, "other-staff"))
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    client.force_login(staff)
    assert client.get(url).status_code == 200
    assert not ValueAddedReturn.objects.exists()
