"""Every importer's upload page, fed hostile files: 100,000 empty rows, wrong headers, a GBK
.csv, a truncated .xlsx, and random cell contents (Hypothesis). The page answers with the file's
problems or its preview, never a 500, and nothing is imported before the confirmation."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from aid.models import HardshipWorker
from core.models import ImportBatch
from economy.models import ValueAddedReturn
from pairings.models import Pairing
from tests.security.catalogue import project_pages
from tests.security.on_demo.test_access_matrix import EXPECTED
from tests.security.on_demo.test_fuzz_forms import NASTY_DATES, NASTY_NUMBERS, NASTY_TEXT
from unions.models import HeadcountReturn

pytestmark = pytest.mark.django_db


def upload_pages():
    return [page for page in project_pages() if page.name.endswith("-import")]


def csv_bytes(rows, encoding="utf-8") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode(encoding)


def upload(client: Client, page, name: str, content: bytes):
    return client.post(reverse(page.name), {"file": SimpleUploadedFile(name, content)})


@pytest.fixture
def importing(demo):
    """(page, its importer, a client signed in with a role that may import) per importer."""
    def signed_in(page):
        role = next(r for r in ("staff", "admin") if r in EXPECTED[page.name])
        client = Client()
        client.force_login(demo["users"][role])
        return page, page.view.view_initkwargs["importer_class"](), client
    return [signed_in(page) for page in upload_pages()]


def errors_of(response) -> list:
    return list(response.context.get("errors") or [])


def imported_records() -> tuple[int, ...]:
    return (HeadcountReturn.objects.count(), Pairing.objects.count(),
            ValueAddedReturn.objects.count(), HardshipWorker.objects.count())


def test_there_is_an_upload_page_per_importer(importing):
    kinds = [importer.kind for _page, importer, _client in importing]
    assert len(kinds) == len(set(kinds)) == 4


def test_a_hundred_thousand_empty_rows_import_nothing(importing):
    for page, importer, client in importing:
        headers = [column.header for column in importer.columns]
        content = csv_bytes([headers, *([[""] * len(headers)] * 100_000)])
        before = imported_records()
        response = upload(client, page, "empty.csv", content)
        # A file over IMPORT_BACKGROUND_BYTES is checked by the worker (run at once in tests)
        # and its batch page says what is wrong; a smaller one is refused on the upload page.
        # Either way nothing is imported and nothing can be confirmed.
        checked = client.get(response.url) if response.status_code == 302 else response
        assert checked.status_code == 200, page.name
        assert errors_of(checked), page.name  # "no rows", said on the page
        assert imported_records() == before
        assert not ImportBatch.objects.filter(kind=importer.kind).exclude(
            status=ImportBatch.Status.INVALID).exists()


def test_wrong_headers_are_reported_not_imported(importing):
    for page, importer, client in importing:
        content = csv_bytes([["名字", "日期", "数量"], ["甲", "2012-06-30", "1"]])
        response = upload(client, page, "wrong.csv", content)
        assert response.status_code == 200
        assert errors_of(response)
        assert not ImportBatch.objects.filter(kind=importer.kind).exists()


def test_a_gbk_csv_is_read_with_its_chinese_headers(importing):
    for page, importer, client in importing:
        headers = [column.header for column in importer.columns]
        examples = [str(column.example) for column in importer.columns]
        response = upload(client, page, "gbk.csv", csv_bytes([headers, examples], "gbk"))
        assert response.status_code in (200, 302), page.name
        # Whatever the example row's fate, the headers were understood: every error is about
        # a data row (row 2), none about the file as a whole.
        assert all(error.row >= 2 for error in errors_of(response)), page.name


def test_a_truncated_xlsx_is_refused_with_a_message(importing):
    for page, importer, client in importing:
        content = importer.template_workbook()
        response = upload(client, page, "cut.xlsx", content[: len(content) // 2])
        assert response.status_code == 200
        assert errors_of(response) or response.context["form"].errors
        assert not ImportBatch.objects.filter(kind=importer.kind).exists()


cells = st.one_of(st.sampled_from(NASTY_TEXT + NASTY_NUMBERS + NASTY_DATES),
                  st.text(st.characters(exclude_categories=("Cs",)), max_size=60))


def fuzz_upload(page, client: Client, headers: list[str]) -> None:
    # Examples, deadline and health checks: the Hypothesis profile in tests/conftest.py.
    @given(rows=st.lists(st.lists(cells, min_size=len(headers), max_size=len(headers)),
                         min_size=1, max_size=5),
           encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]))
    def check(rows, encoding):
        content = csv_bytes([headers, *rows], encoding)
        before = imported_records()
        response = upload(client, page, "fuzz.csv", content)
        assert response.status_code in (200, 302)
        assert imported_records() == before  # the upload only previews

    check()


def test_random_cells_give_errors_or_a_preview_never_a_crash(importing):
    for page, importer, client in importing:
        fuzz_upload(page, client, [column.header for column in importer.columns])
