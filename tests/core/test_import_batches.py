"""Large imports out of the request (issue 14, item 3): the worker checks a large file and saves
a large import while the batch's page shows the progress; the file is read once, from upload to
import. Tasks run as they are enqueued (tests/conftest.py), or are only stored (DummyBackend)
to look at the page while they wait; tests/core/test_import_worker.py runs the real worker."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tasks import default_task_backend

from core import import_batches, imports
from core.models import ImportBatch
from tests.core.urls import GroupImporter
from tests.support.workbooks import xlsx

pytestmark = [pytest.mark.urls("tests.core.urls"), pytest.mark.django_db]

HEADERS = ["组名", "人数"]
DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture
def large(settings):
    """Every file counts as large: checked, and imported, by the worker."""
    settings.IMPORT_BACKGROUND_BYTES = 0
    settings.IMPORT_BACKGROUND_ROWS = 0


def upload(client, rows, name="groups.xlsx", headers=HEADERS):
    return client.post("/import/", {"file": SimpleUploadedFile(name, xlsx(rows, headers))})


def page_of(client, batch) -> str:
    return client.get(f"/import/{batch.pk}/").content.decode()


def test_a_large_file_is_checked_by_the_worker_and_previewed(admin_client, large):
    response = upload(admin_client, [["甲组", 3], ["乙组", 4]])
    batch = ImportBatch.objects.get()
    assert response.url == f"/import/{batch.pk}/"
    assert batch.status == ImportBatch.Status.PREVIEWED
    assert (batch.row_count, batch.progress_done, batch.progress_total) == (2, 2, 2)
    preview = admin_client.get(response.url)
    assert preview.context["total"] == 2
    assert 'data-testid="import-preview"' in preview.content.decode()
    assert not Group.objects.filter(name="甲组").exists()


def test_a_large_import_is_saved_by_the_worker(admin_client, large):
    upload(admin_client, [["甲组", 3], ["乙组", 4]])
    batch = ImportBatch.objects.get()
    response = admin_client.post(f"/import/{batch.pk}/")
    assert response.url == f"/import/{batch.pk}/"  # the page follows the work
    assert Group.objects.filter(name__in=["甲组", "乙组"]).count() == 2
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.IMPORTED
    assert batch.rows is None  # the rows read are not kept once imported
    assert "groups.xlsx：已导入 2 行" in page_of(admin_client, batch)


@pytest.mark.parametrize("background", [False, True], ids=["in the request", "by the worker"])
def test_the_file_is_read_once_from_upload_to_import(admin_client, settings, monkeypatch,
                                                     background):
    if background:
        settings.IMPORT_BACKGROUND_BYTES = settings.IMPORT_BACKGROUND_ROWS = 0
    reads = []
    read_table = imports.read_table
    monkeypatch.setattr(imports, "read_table", lambda *args: reads.append(args) or
                        read_table(*args))
    response = upload(admin_client, [["甲组", 3], ["乙组", 4]])
    assert admin_client.get(response.url).status_code == 200
    admin_client.post(response.url)
    assert Group.objects.filter(name__in=["甲组", "乙组"]).count() == 2
    assert len(reads) == 1


def test_while_waiting_the_page_shows_a_progress_bar_and_reloads(admin_client, large,
                                                                 settings):
    settings.TASKS = DUMMY  # stored, not run
    upload(admin_client, [["甲组", 3]])
    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.QUEUED
    assert len(default_task_backend.results) == 1
    html = page_of(admin_client, batch)
    assert '<meta http-equiv="refresh" content="2">' in html
    assert 'data-testid="import-progress"' in html
    assert "groups.xlsx 正在等待检查" in html
    # The policy forbids inline scripts and styles: the page needs neither.
    assert "<script>" not in html
    assert "style=" not in html

    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.CHECKING,
                                                   progress_done=40, progress_total=100)
    html = page_of(admin_client, batch)
    assert 'value="40" max="100"' in html
    assert "已读取 40 行，共 100 行" in html

    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.QUEUED)
    import_batches.check_queued(batch_id=batch.pk)
    html = page_of(admin_client, batch)
    assert 'http-equiv="refresh"' not in html
    assert 'data-testid="import-preview"' in html


def test_the_worker_reports_the_rows_read_as_it_goes(monkeypatch):
    monkeypatch.setattr(imports, "PROGRESS_EVERY", 10)
    seen = []
    content = xlsx([[f"组{i}", i] for i in range(35)], HEADERS)
    GroupImporter().read(content, "a.xlsx", progress=lambda done, total: seen.append(
        (done, total)))
    assert seen == [(0, 35), (9, 35), (19, 35), (29, 35)]


def test_confirming_twice_hands_the_import_to_the_worker_once(admin_client, large, settings):
    upload(admin_client, [["甲组", 3]])
    batch = ImportBatch.objects.get()
    settings.TASKS = DUMMY
    assert admin_client.post(f"/import/{batch.pk}/").url == f"/import/{batch.pk}/"
    assert admin_client.post(f"/import/{batch.pk}/").url == f"/import/{batch.pk}/"
    assert len(default_task_backend.results) == 1
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.CONFIRMING
    html = page_of(admin_client, batch)
    assert "正在从 groups.xlsx 导入 1 行" in html
    assert '<meta http-equiv="refresh"' in html


def test_a_failure_in_the_worker_saves_nothing_and_the_batch_can_be_confirmed_again(
        admin_client, large, monkeypatch):
    upload(admin_client, [["甲组", 3], ["乙组", 4]])
    batch = ImportBatch.objects.get()

    def save_then_fail(self, rows, *, by):
        Group.objects.create(name="甲组")
        raise RuntimeError("the database went away")

    monkeypatch.setattr(GroupImporter, "save", save_then_fail)
    admin_client.post(f"/import/{batch.pk}/")  # the worker fails; the page shows it
    assert not Group.objects.filter(name="甲组").exists()
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.FAILED
    html = page_of(admin_client, batch)
    assert 'data-testid="import-failed"' in html
    assert 'data-testid="confirm-import"' in html

    monkeypatch.undo()
    admin_client.post(f"/import/{batch.pk}/")
    assert Group.objects.filter(name__in=["甲组", "乙组"]).count() == 2


def test_a_failure_while_checking_asks_for_the_file_again(admin_client, large, monkeypatch):
    monkeypatch.setattr(GroupImporter, "check", lambda *args: 1 / 0)
    upload(admin_client, [["甲组", 3]])
    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.FAILED
    html = page_of(admin_client, batch)
    assert "请重新上传文件" in html
    assert 'type="file"' in html
    assert admin_client.post(f"/import/{batch.pk}/").url == f"/import/{batch.pk}/"


def test_a_large_file_with_problems_lists_them_and_is_not_kept(admin_client, large):
    upload(admin_client, [["甲组", 3], ["乙组", "很多"]])
    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.INVALID
    assert bytes(batch.content) == b""
    html = page_of(admin_client, batch)
    assert "“很多”不是整数" in html
    assert 'type="file"' in html
    admin_client.post(f"/import/{batch.pk}/")
    assert not Group.objects.filter(name="甲组").exists()


def test_records_added_since_the_check_are_reported_after_a_large_import(admin_client,
                                                                         large):
    upload(admin_client, [["甲组", 3]])
    batch = ImportBatch.objects.get()
    Group.objects.create(name="甲组")
    admin_client.post(f"/import/{batch.pk}/")
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.INVALID
    assert "“甲组”已存在" in page_of(admin_client, batch)
    assert Group.objects.filter(name="甲组").count() == 1


def test_a_file_of_many_bad_rows_lists_the_first_thousand(admin_client):
    content = io.StringIO()
    content.write("组名,人数\n" + "".join(f"组{i},很多\n" for i in range(1500)))
    response = admin_client.post("/import/", {"file": SimpleUploadedFile(
        "bad.csv", content.getvalue().encode())})
    assert len(response.context["errors"]) == 1000
    html = response.content.decode()
    assert "bad.csv：发现 1500 处问题" in html
    assert "下面列出其中前 1000 处" in html


def test_rows_kept_with_a_batch_come_back_as_they_were_read():
    rows = GroupImporter().read(
        xlsx([["甲组", 3, "12.50", "2012-06-30"]], ["组名", "人数", "预算", "日期"]),
        "a.xlsx").rows
    assert import_batches.decode_rows(import_batches.encode_rows(rows)) == rows


def test_the_worker_runs_only_the_importers_the_site_offers():
    assert isinstance(import_batches.importer_for(GroupImporter.kind), GroupImporter)
    with pytest.raises(KeyError):
        import_batches.importer_for("os.system")
