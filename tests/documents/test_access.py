"""A document is served only to a role its record's app allows, and only while that record
exists: anonymous visitors are sent to the login page, other roles get 403."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from documents import registry
from documents.models import ProofDocument
from tests.documents.helpers import upload, upload_url
from tests.support.factories import make_document, make_user
from tests.support.files import png_bytes

pytestmark = pytest.mark.django_db

FILE_URLS = ("documents:preview", "documents:download", "documents:inline",
             "documents:thumbnail")


@pytest.fixture
def document(worker, staff):
    return make_document(worker, by=staff)


@pytest.mark.parametrize("name", [*FILE_URLS, "documents:withdraw"])
def test_anonymous_visitors_are_sent_to_the_login_page(client, document, name):
    url = reverse(name, args=[document.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(f"{reverse('login')}?next=")


def test_anonymous_upload_is_sent_to_the_login_page(client, worker):
    response = upload(client, worker, png_bytes(), "x.png")
    assert response.status_code == 302
    assert response["Location"].startswith(f"{reverse('login')}?next=")


@pytest.mark.parametrize("name", FILE_URLS)
def test_a_user_without_a_role_gets_403(client, document, name):
    client.force_login(make_user(None, "no-role"))
    assert client.get(reverse(name, args=[document.pk])).status_code == 403


@pytest.mark.parametrize("name", FILE_URLS)
def test_every_role_the_app_registered_may_see_it(client, document, role_users, name):
    for user in role_users.values():
        client.force_login(user)
        assert client.get(reverse(name, args=[document.pk])).status_code == 200


def test_a_role_outside_the_registered_view_roles_gets_403(client, document, leader,
                                                           monkeypatch):
    access = registry.access_for("aid.hardshipworker")
    monkeypatch.setitem(registry._registry, "aid.hardshipworker",
                        registry.Access(model=access.model, view_roles=(Role.STAFF,),
                                        upload_roles=(Role.STAFF,), withdraw_roles=(Role.STAFF,),
                                        kinds=None))
    client.force_login(leader)
    assert client.get(reverse("documents:download", args=[document.pk])).status_code == 403


def test_a_leader_may_not_upload_or_withdraw(client, leader, worker, document):
    client.force_login(leader)
    assert client.get(upload_url(worker)).status_code == 403
    assert upload(client, worker, png_bytes(color="red"), "x.png").status_code == 403
    assert client.post(reverse("documents:withdraw", args=[document.pk]),
                       {"reason": "错传"}).status_code == 403
    document.refresh_from_db()
    assert not document.is_withdrawn


def test_a_document_whose_record_is_gone_is_not_served(client, admin_user, document, worker):
    worker.spells.all().delete()  # an archive in force keeps its spells (protected)
    worker.delete()
    client.force_login(admin_user)
    assert client.get(reverse("documents:download", args=[document.pk])).status_code == 404


def test_uploading_to_an_unregistered_model_or_a_missing_record_is_404(client, staff, worker):
    client.force_login(staff)
    assert client.get(f"/documents/unions.union/{worker.union_id}/upload/").status_code == 404
    assert client.get(f"/documents/aid.hardshipworker/{worker.pk + 999}/upload/"
                      ).status_code == 404


def test_a_withdrawn_document_is_no_longer_served(client, staff, document):
    client.force_login(staff)
    client.post(reverse("documents:withdraw", args=[document.pk]), {"reason": "传错了人"})
    for name in FILE_URLS:
        assert client.get(reverse(name, args=[document.pk])).status_code == 404


def test_the_upload_form_needs_the_csrf_token(staff, worker):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)
    response = upload(client, worker, png_bytes(), "x.png")
    assert response.status_code == 403
    assert not ProofDocument.objects.exists()
