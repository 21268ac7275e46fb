"""Withdrawing asks for confirmation and a reason, keeps the file, and is recorded with the
upload in the document's audit trail."""

import pytest
from django.urls import reverse

from documents.models import ProofDocument
from documents.storage import documents_storage
from tests.documents.helpers import upload
from tests.support.factories import make_document
from tests.support.files import png_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(worker, staff):
    return make_document(worker, by=staff)


def test_opening_withdraw_asks_for_confirmation_and_changes_nothing(client, staff, document):
    client.force_login(staff)
    response = client.get(reverse("documents:withdraw", args=[document.pk]))
    assert response.status_code == 200
    assert "将从" in response.content.decode()
    document.refresh_from_db()
    assert not document.is_withdrawn


def test_withdrawing_needs_a_reason(client, staff, document):
    client.force_login(staff)
    response = client.post(reverse("documents:withdraw", args=[document.pk]), {"reason": " "})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    document.refresh_from_db()
    assert not document.is_withdrawn


def test_a_withdrawn_document_leaves_the_list_and_keeps_its_file(client, staff, document,
                                                                  worker):
    client.force_login(staff)
    response = client.post(reverse("documents:withdraw", args=[document.pk]),
                           {"reason": "传错了人"})
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.withdrawn_by == staff
    assert document.withdrawal_reason == "传错了人"
    assert documents_storage().exists(document.storage_key)
    page = client.get(worker.get_absolute_url())
    html = page.content.decode()
    assert 'data-testid="document"' not in html
    assert "1 份已撤回的材料" in html
    assert "传错了人" in html


def test_the_same_file_may_be_attached_again_after_a_withdrawal(client, staff, document,
                                                                 worker):
    client.force_login(staff)
    client.post(reverse("documents:withdraw", args=[document.pk]), {"reason": "重新上传"})
    assert upload(client, worker, png_bytes(), "again.png").status_code == 302


def test_upload_and_withdrawal_are_in_the_audit_trail(client, staff, admin_user, worker):
    client.force_login(staff)
    upload(client, worker, png_bytes(), "收入证明.png")
    document = ProofDocument.objects.get()
    client.force_login(admin_user)
    client.post(reverse("documents:withdraw", args=[document.pk]), {"reason": "过期材料"})
    records = list(document.history.order_by("history_date"))
    assert [r.history_type for r in records] == ["+", "~"]
    assert records[0].history_user == staff
    assert records[0].filename == "收入证明.png"
    assert records[1].history_user == admin_user
    assert records[1].withdrawal_reason == "过期材料"


def test_the_preview_page_shows_the_audit_trail(client, staff, document):
    client.force_login(staff)
    response = client.get(reverse("documents:preview", args=[document.pk]))
    assert response.context["history"][0].who == staff.display_name
    assert 'data-testid="history"' in response.content.decode()
