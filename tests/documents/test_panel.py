"""The documents panel on the worker and case pages: what it shows, to whom, in a fixed number
of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.documents.helpers import upload_url
from tests.support.factories import make_document
from tests.support.files import image_bytes, pdf_bytes

pytestmark = pytest.mark.django_db


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_panel_shows_kind_name_size_uploader_and_local_time(client, staff, worker):
    document = make_document(worker, by=staff, content=pdf_bytes(), filename="诊断书.pdf",
                             kind="diagnosis")
    client.force_login(staff)
    html = client.get(worker.get_absolute_url()).content.decode()
    assert 'data-testid="documents"' in html
    assert "诊断书.pdf" in html
    assert "张工作" in html
    local = document.uploaded_at.astimezone(__import__("zoneinfo").ZoneInfo("Asia/Shanghai"))
    assert local.strftime("%Y-%m-%d %H:%M") in html
    assert f'href="/documents/{document.pk}/download/"' in html
    assert f'action="{upload_url(worker)}"' in html


def test_readers_see_the_list_without_the_upload_form(client, leader, staff, worker):
    make_document(worker, by=staff)
    client.force_login(leader)
    html = client.get(worker.get_absolute_url()).content.decode()
    assert 'data-testid="document"' in html
    assert 'data-testid="document-upload"' not in html
    assert "/withdraw/" not in html


def test_the_case_page_has_the_panel_too(client, staff, case):
    make_document(case, by=staff, filename="医药费.png", kind="medical_bill")
    client.force_login(staff)
    html = client.get(case.get_absolute_url()).content.decode()
    assert "医药费.png" in html
    assert "医药费单据" in html


def test_the_panel_costs_the_same_queries_for_one_document_or_many(client, staff, worker,
                                                                   django_assert_max_num_queries):
    client.force_login(staff)
    make_document(worker, by=staff)
    one = queries_for(client, worker.get_absolute_url())
    for number in range(6):
        make_document(worker, by=staff, content=image_bytes(color=f"#{number:06x}"),
                      filename=f"{number}.png")
    with django_assert_max_num_queries(one):
        client.get(worker.get_absolute_url())
