"""One upload, one report: every problem of a file at once (cells that cannot be read, records
not found, duplicates, the models' rules, a refusal at save), nothing saved; labels in the
preview. The test importer is tests/core/urls.py's GroupImporter."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.utils import translation

from core import imports
from core.imports import Column
from core.models import ImportBatch
from tests.core.urls import GroupImporter
from tests.support.workbooks import xlsx

pytestmark = [pytest.mark.urls("tests.core.urls"), pytest.mark.django_db]

HEADERS = ["组名", "人数"]
# Row 3 has a cell that cannot be read; rows 5 and 7 name groups the checks refuse.
ROUNDS_FILE = [["甲组", 1], ["乙组", "三个"], ["丙组", 3], ["老组", 4], ["丁组", 5], ["甲组", 6]]
EXPECTED = [(3, "人数"), (5, "组名"), (7, "组名")]


@pytest.fixture
def old_group():
    return Group.objects.create(name="老组")


def where(result) -> list[tuple[int, str]]:
    return [(error.row, error.column) for error in result.errors]


def test_a_bad_cell_and_later_reference_errors_are_reported_together(old_group):
    result = GroupImporter().run(xlsx(ROUNDS_FILE, HEADERS), "groups.xlsx", by=None)
    assert where(result) == EXPECTED
    assert result.error_count == 3
    assert set(Group.objects.filter(name__endswith="组").values_list("name", flat=True)) == {
        old_group.name}


def test_a_row_with_a_bad_cell_still_has_its_other_cells_checked(old_group):
    result = GroupImporter().parse(xlsx([[old_group.name, "-1"]], HEADERS), "a.xlsx")
    assert where(result) == [(2, "人数"), (2, "组名")]


def test_a_cell_that_cannot_be_read_is_reported_once():
    result = GroupImporter().parse(xlsx([[None, 1], [None, 2]], HEADERS), "a.xlsx")
    # the checks do not add "“None” exists" or "repeated in the file" to "is required"
    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (2, "组名", "必须填写"), (3, "组名", "必须填写")]


def test_the_read_problems_and_the_checks_are_counted_together(old_group):
    result = GroupImporter().parse(xlsx(ROUNDS_FILE, HEADERS), "groups.xlsx")
    assert not result.ok
    assert len(result.errors) == result.error_count == 3


class LongNameImporter(GroupImporter):
    """Longer names than a group takes: the model's own rule (max_length) refuses them."""

    kind = "test-long-names"
    columns = (Column("name", "组名", imports.text(300)),
               Column("size", "人数", imports.integer(minimum=0)))

    def records(self, row):
        return [Group(name=row.values["name"])] if row.read("name") else []


def test_the_models_rules_are_reported_on_the_columns_of_their_fields(old_group):
    rows = [["甲组", 1], ["组" * 151, 2], ["乙组", "x"], ["老组", 3]]
    result = LongNameImporter().parse(xlsx(rows, HEADERS), "a.xlsx")
    assert where(result) == [(3, "组名"), (4, "人数"), (5, "组名")]
    assert "150" in result.errors[0].message


class RefusedAtSave(GroupImporter):
    kind = "test-refused-at-save"

    def save(self, rows, *, by):
        super().save(rows, by=by)
        raise ValidationError("记录已被他人修改")


def test_a_refusal_found_only_when_saving_is_reported_and_nothing_is_saved():
    result = RefusedAtSave().run(xlsx([["甲组", 1], ["乙组", 2]], HEADERS), "a.xlsx", by=None)
    assert [(e.row, e.column, e.message) for e in result.errors] == [(0, "", "记录已被他人修改")]
    assert not Group.objects.filter(name__in=["甲组", "乙组"]).exists()


@pytest.mark.parametrize("background", [False, True], ids=["in the request", "by the worker"])
def test_the_page_lists_the_same_problems_in_the_request_and_from_the_worker(
        client, admin_user, settings, old_group, background):
    if background:
        settings.IMPORT_BACKGROUND_BYTES = settings.IMPORT_BACKGROUND_ROWS = 0
    client.force_login(admin_user)
    response = client.post("/import/", {"file": SimpleUploadedFile(
        "groups.xlsx", xlsx(ROUNDS_FILE, HEADERS))})
    if background:
        assert ImportBatch.objects.get().status == ImportBatch.Status.INVALID
        response = client.get(response.url)
    assert [(e.row, e.column) for e in response.context["errors"]] == EXPECTED
    assert response.context["error_count"] == 3
    assert set(Group.objects.filter(name__endswith="组").values_list("name", flat=True)) == {
        old_group.name}


class Colour(models.TextChoices):
    RED = "red", "红色"
    BLUE = "blue", "蓝色"


def test_the_preview_shows_labels_names_dates_and_money_not_raw_values(old_group):
    columns = [Column("colour", "颜色", imports.choice(Colour)),
               Column("paid", "金额", imports.money()),
               Column("count", "数量", imports.decimal(places=1)),
               Column("on", "日期", imports.day()),
               Column("member", "会员", imports.text(5)),
               Column("group", "组", imports.text(5))]
    with translation.override("zh-hans"):
        shown = [column.show(value) for column, value in zip(columns, [
            "blue", Decimal("268500.00"), Decimal("12345.5"), date(2012, 6, 30), True,
            old_group], strict=True)]
        assert columns[0].show(columns[0].parse("红色")) == "红色"
    assert shown == ["蓝色", "268,500.00元", "12,345.5", "2012年6月30日", "是", "老组"]

