"""A large headcount import in Chromium: the page shows a progress bar while the worker checks
the file, reloads itself into the preview when the check is done, and again into the result
once the worker has saved the rows; nothing inline, so the Content Security Policy holds."""

from datetime import date

from accounts.roles import Role
from core import import_batches
from core.models import ImportBatch
from tests.browser.conftest import sign_in
from tests.support.factories import make_union, make_user
from tests.support.workbooks import xlsx
from unions.imports import HeadcountImporter
from unions.models import HeadcountReturn

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_a_large_import_shows_its_progress_and_ends_imported(page, live_server, settings):
    settings.IMPORT_BACKGROUND_BYTES = settings.IMPORT_BACKGROUND_ROWS = 0  # all "large"
    # Stored, not run: the test plays the worker's part when it chooses.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    admin = make_user(Role.ADMIN, "admin", full_name="王管理")
    make_union(name="嘉荫县财政局工会")
    make_union(name="嘉荫县人民医院工会")
    violations = []
    page.on("console", lambda m: violations.append(m.text)
            if "Content Security Policy" in m.text else None)
    sign_in(page, live_server, "admin")

    page.goto(f"{live_server.url}/unions/returns/import/")
    page.set_input_files("input[type=file]", files=[{
        "name": "2012年6月人数.xlsx", "mimeType": XLSX,
        "buffer": xlsx([["嘉荫县财政局工会", date(2012, 6, 30), 47, 39, 0, 2],
                        ["嘉荫县人民医院工会", date(2012, 6, 30), 350, 281, 5, 11]],
                       [column.header for column in HeadcountImporter.columns]),
    }])
    page.locator("main form[enctype] button[type=submit]").click()
    assert "2012年6月人数.xlsx 正在等待检查" in page.get_by_test_id("import-working").inner_text()
    assert page.get_by_test_id("import-progress").count() == 1

    batch = ImportBatch.objects.get()
    import_batches.check_queued(batch_id=batch.pk)
    preview = page.get_by_test_id("import-preview")  # the page reloads by itself
    assert "将导入 2 行" in preview.inner_text()

    page.get_by_test_id("confirm-import").click()
    assert "正在从 2012年6月人数.xlsx 导入 2 行" in page.get_by_test_id(
        "import-working").inner_text()
    assert not HeadcountReturn.objects.exists()
    import_batches.confirm_queued(batch_id=batch.pk, by=admin)
    assert "已导入 2 行" in page.get_by_test_id("already-imported").inner_text()
    assert HeadcountReturn.objects.count() == 2
    assert violations == []
