"""Times are stored in UTC and shown in Asia/Shanghai (DESIGN §5): history panels, pages,
.xlsx exports and the Word file. A record saved at 05:39 on 2 December Shanghai time is
21:39 on 1 December UTC; every test here fails if the UTC wall time is shown."""

import io
from datetime import UTC, datetime

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from aid.models import HardshipWorker
from core.exports import workbook_bytes
from tests.support.factories import make_case, make_worker

SAVED = datetime(2026, 12, 1, 21, 39, tzinfo=UTC)  # 2026-12-02 05:39 in Shanghai


def history_panel(content: str) -> str:
    return content.split('data-testid="history"', 1)[1].split("</section>", 1)[0]


@pytest.mark.django_db
def test_the_history_shows_when_a_record_was_saved_in_local_time(client, staff):
    worker = make_worker(name="赵大山")
    HardshipWorker.history.filter(id=worker.pk).update(history_date=SAVED)
    client.force_login(staff)
    panel = history_panel(client.get(worker.get_absolute_url()).content.decode())
    assert "2026-12-02 05:39" in panel
    assert "21:39" not in panel


@pytest.mark.django_db
def test_a_time_among_the_changed_values_of_the_history_is_local(client, staff):
    case = make_case(entered_by=staff, entered_at=SAVED)
    client.force_login(staff)
    content = client.get(reverse("aid:case-detail", args=[case.pk])).content.decode()
    panel = history_panel(content)
    assert "2026年12月2日 05:39" in panel
    assert "21:39" not in panel
    assert "2026-12-02 05:39" in content.split('data-testid="history"', 1)[0]  # "Entered: …"


def test_an_export_writes_the_local_wall_time():
    content = workbook_bytes(["when"], [[SAVED]], title="t")
    cell = load_workbook(io.BytesIO(content)).active["A2"].value
    assert cell == datetime(2026, 12, 2, 5, 39)


@pytest.mark.django_db
def test_the_word_file_carries_the_moment_it_was_made():
    from docx import Document

    from reports.exports import docx_bytes
    from tests.reports.test_exports import DOCUMENT

    properties = Document(io.BytesIO(docx_bytes(DOCUMENT, draft=False, made_at=SAVED))
                          ).core_properties
    # OOXML stores UTC ("…Z"), which Word shows in the reader's zone (05:39 in Shanghai):
    # the Shanghai wall time written with a "Z" would read 8 hours late.
    assert properties.created.replace(tzinfo=None) == datetime(2026, 12, 1, 21, 39)
    assert properties.modified == properties.created
    assert properties.title == DOCUMENT.title
