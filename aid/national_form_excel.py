"""The archive in the national form's Excel layout: export and import (docs/import-formats.md).

Sheet 1 (困难职工档案): one row per archive, the form's fields, choices as their Chinese labels.
Sheet 2 (家庭成员): one row per household member, keyed by the worker's ID number (户主身份证号).
The export writes what the import reads, so that a file exported here (with full ID numbers)
imports into another county's database as the same archives and members. Each column is one
line of `ARCHIVE_COLUMNS`: adding a field of the archive is adding a line.
"""

import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import imports
from core.exports import safe_cell
from core.import_files import MAX_COLUMNS, FileUnreadable, is_xlsx
from core.imports import Column, Errors, Row, RowError
from unions.models import Union

from . import national_form_services as services
from .archive_models import MAX_INCOME, ArchiveSettings, ArchiveSpell, HouseholdMember
from .models import HardshipWorker, LivingStandard
from .national_form import Procedure, procedure_of
from .validators import (
    mask_id_number,
    normalize_bank_account,
    normalize_id_number,
    validate_bank_account,
    validate_resident_id,
)

ARCHIVE_SHEET, MEMBER_SHEET = "困难职工档案", "家庭成员"
FULL_ID_MARK = "（含完整身份证号）"
HOLDER = "户主身份证号"
W = HardshipWorker
Getter = Callable[[HardshipWorker, Procedure], Any]


# ---- cells read ----

def id_number(value: Any) -> str:
    """An ID number checked like the archive form's (GB 11643); a masked one is refused."""
    number = normalize_id_number(str(value))
    if "*" in number:
        raise ValueError(_("the ID number is masked: export the archives with full ID numbers "
                           "to move them"))
    try:
        validate_resident_id(number)
    except ValidationError as refused:
        raise ValueError(refused.messages[0]) from None
    return number


def bank_account(value: Any) -> str:
    """An account number for payouts, checked like the archive form's; a masked one is refused."""
    number = normalize_bank_account(str(value))
    if "*" in number:
        raise ValueError(_("the account number is masked: export the archives with full ID "
                           "numbers to move them"))
    try:
        validate_bank_account(number)
    except ValidationError as refused:
        raise ValueError(refused.messages[0]) from None
    return number


def causes(value: Any) -> list[str]:
    """Secondary causes: labels separated by 、 , ; (at most three, checked with the archive)."""
    parse = imports.choice(W.Cause)
    parts = [p for p in str(value).replace("，", "、").replace(",", "、").replace("；", "、")
             .replace(";", "、").split("、") if p.strip()]
    return [parse(part) for part in parts]


def money(maximum: Decimal = MAX_INCOME) -> imports.Parser:
    return imports.decimal(places=2, minimum=0, maximum=maximum)


def field_date(model, field: str) -> imports.Parser:
    """A date bounded by the model field's own validators (core.dates)."""
    return imports.day(model._meta.get_field(field).run_validators)


# ---- the columns: how each is written and read ----

@dataclass(frozen=True)
class FormColumn:
    header: str
    value: Getter  # what the export writes
    column: Column | None = None  # what the import reads (None: written, not read back)
    field: bool = False  # the import sets the archive's field of the column's key


def plain(key: str, header: str, parse: imports.Parser, *, required: bool = False,
          example: Any = "") -> FormColumn:
    """A field of the archive, written and read as is (a choice as its label)."""
    def value(worker: HardshipWorker, _procedure: Procedure) -> Any:
        display = getattr(worker, f"get_{key}_display", None)
        return display() if display and getattr(worker, key) else getattr(worker, key)
    return FormColumn(header, value, Column(key, header, parse, required, example), field=True)


def step(key: str, header: str, parse: imports.Parser, value: Getter,
         example: Any = "") -> FormColumn:
    """A step of the procedure (survey, notice, approval, leaving), optional."""
    return FormColumn(header, value, Column(key, header, parse, False, example))


def shown(header: str, value: Getter) -> FormColumn:
    return FormColumn(header, value)


def _survey(attribute: str) -> Getter:
    return lambda _w, p: getattr(p.survey, attribute) if p.survey else None


def _notice(attribute: str) -> Getter:
    return lambda _w, p: getattr(p.notice, attribute) if p.notice else None


def _spell(attribute: str) -> Getter:
    def value(_worker: HardshipWorker, procedure: Procedure) -> Any:
        spell = procedure.spell
        if spell is None or (attribute != "started_on" and spell.ended_on is None):
            return None
        if attribute == "end_reason":
            return spell.get_end_reason_display()
        return getattr(spell, attribute)
    return value


ARCHIVE_COLUMNS: tuple[FormColumn, ...] = (
    plain("name", "姓名", imports.name(50), required=True, example="张建华"),
    FormColumn("身份证号", lambda w, _p: w.id_number,
               Column("id_number", "身份证号", id_number, True, "230722197502140013"),
               field=True),
    shown("性别", lambda w, _p: w.get_sex_display()),
    shown("出生日期", lambda w, _p: w.birth_date),
    FormColumn("所在工会", lambda w, _p: w.union.name,
               Column("union", "所在工会", imports.text(100), True, "县供销社工会")),
    plain("employer", "工作单位", imports.name(100), example="县供销社"),
    plain("employment_status", "工作状况", imports.choice(W.EmploymentStatus), required=True,
          example="下岗"),
    plain("health", "健康状况", imports.choice(W.Health), example="良好"),
    plain("disability_class", "残疾等级", imports.choice(W.DisabilityClass)),
    plain("model_worker", "劳模类型", imports.choice(W.ModelWorker), example="非劳模"),
    plain("marital_status", "婚姻状况", imports.choice(W.Marital), example="已婚"),
    plain("hukou", "户口性质", imports.choice(W.Hukou), example="城镇"),
    plain("housing", "住房类型", imports.choice(W.Housing), example="自有住房"),
    plain("housing_area", "住房面积（平方米）", imports.decimal(minimum=0,
                                                           maximum=Decimal(10000))),
    plain("address", "家庭住址", imports.text(200), example="朝阳镇幸福街12号"),
    plain("phone", "联系电话", imports.text(20), example="13904580000"),
    plain("bank_name", "开户银行", imports.name(50), example="中国农业银行嘉荫县支行"),
    plain("bank_account", "银行账号", bank_account, example="6228480000000000012"),
    plain("hardship_level", "困难类别", imports.choice(W.HardshipLevel), required=True,
          example="深度困难"),
    plain("main_cause", "主要致困原因", imports.choice(W.Cause), example="下岗失业"),
    FormColumn("次要致困原因", lambda w, _p: "、".join(W.labels_of_causes(w.secondary_causes)),
               Column("secondary_causes", "次要致困原因", causes, False, "患重特大疾病"),
               field=True),
    plain("own_monthly_income", "本人月收入（元）", money(), example="600"),
    plain("other_annual_income", "其他家庭年收入（元）", money(MAX_INCOME * 12)),
    plain("household_size", "家庭人口", imports.integer(1, 30), required=True, example=3),
    shown("家庭年总收入（元）", lambda w, _p: w.household_annual_income),
    shown("人均月收入（元）", lambda w, _p: w.income_per_capita),
    plain("above_line_reason", "高于低保线原因", imports.text(200)),
    plain("registered_on", "建档日期", field_date(W, "registered_on"), required=True,
          example="2011-06-15"),
    step("surveyed_on", "入户调查日期", field_date(HardshipWorker, "registered_on"),
         _survey("surveyed_on"), "2011-06-20"),
    step("surveyors", "调查人", imports.text(100), _survey("surveyors"), "李明、王芳"),
    step("findings", "调查情况", imports.text(1000), _survey("findings"), "家中二人患病"),
    step("notice_from", "公示开始日期", field_date(W, "registered_on"),
         _notice("starts_on"), "2011-06-22"),
    step("notice_to", "公示结束日期", field_date(W, "registered_on"),
         _notice("ends_on"), "2011-06-30"),
    step("notice_place", "公示地点", imports.text(100), _notice("place"), "单位公示栏"),
    shown("审批人", lambda _w, p: p.approver),
    step("approved_on", "审批日期", field_date(W, "registered_on"), _spell("started_on"),
         "2011-07-05"),
    step("exited_on", "脱困日期", field_date(W, "registered_on"), _spell("ended_on")),
    step("exit_reason", "脱困原因", imports.choice(ArchiveSpell.EndReason),
         _spell("end_reason")),
    shown("档案状态", lambda w, _p: w.get_state_display()),
)

MEMBER_COLUMNS: tuple[Column, ...] = (
    Column("holder", HOLDER, id_number, True, "230722197502140013"),
    Column("name", "姓名", imports.name(50), True, "刘淑芬"),
    Column("relation", "与户主关系", imports.choice(HouseholdMember.Relation), True, "配偶"),
    Column("id_number", "身份证号", id_number, False),
    Column("health", "健康状况", imports.choice(W.Health), False, "良好"),
    Column("occupation", "工作或就学", imports.text(100), False, "无业"),
    Column("monthly_income", "月收入（元）", money(), False, "0"),
)


def _member_values(worker: HardshipWorker, member: HouseholdMember, masked: bool) -> list:
    number = member.id_number
    return [worker.masked_id_number if masked else worker.id_number,
            member.name, member.get_relation_display(),
            mask_id_number(number) if masked else number, member.get_health_display(),
            member.occupation, member.monthly_income]


# ---- the export ----

def _sheet(workbook, title: str, headers: Sequence[str], rows: Iterable[Sequence]) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    sheet = workbook.create_sheet(title=title[:31])
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([safe_cell(value) for value in row])


def archive_workbook(workers: Iterable[HardshipWorker], *, full_id: bool) -> bytes:
    """The archives (prefetched by `national_form.form_archives()`) and their members, as the
    two sheets of the national form; ID numbers masked unless `full_id`."""
    from openpyxl import Workbook

    workers = list(workers)
    masked = not full_id
    with translation.override("zh-hans"):
        archive_rows = [_archive_values(worker, masked) for worker in workers]
        member_rows = [_member_values(worker, member, masked)
                       for worker in workers for member in worker.members.all()]
    workbook = Workbook(write_only=True)
    mark = FULL_ID_MARK if full_id else ""
    _sheet(workbook, ARCHIVE_SHEET + mark, [c.header for c in ARCHIVE_COLUMNS], archive_rows)
    _sheet(workbook, MEMBER_SHEET, [c.header for c in MEMBER_COLUMNS], member_rows)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


BANK_ACCOUNT = next(i for i, c in enumerate(ARCHIVE_COLUMNS) if c.header == "银行账号")


def _archive_values(worker: HardshipWorker, masked: bool) -> list:
    procedure = procedure_of(worker)
    values = [column.value(worker, procedure) for column in ARCHIVE_COLUMNS]
    if masked:
        values[1] = worker.masked_id_number
        values[BANK_ACCOUNT] = worker.masked_bank_account
    return values


# ---- the import ----

class ArchiveImporter(imports.Importer):
    """Moves a county's archives in from the national form (the export's layout).

    A row with an approval date (审批日期) arrives as an approved archive: active from that date
    (one spell), or out of hardship if it has a date of leaving; its home survey and public
    notice are recorded as the file gives them. A row without one arrives where its procedure
    stands (draft, survey recorded, or in notice) and goes on through the procedure here.
    """

    kind = "aid.archives"
    title = gettext_lazy("Import hardship-worker archives (national form)")
    columns = tuple(c.column for c in ARCHIVE_COLUMNS if c.column is not None)

    def __init__(self) -> None:
        self.unions: dict[str, Union] = {}

    # -- reading the two sheets --
    def read(self, content: bytes, filename: str, progress=None) -> imports.ImportResult:
        result = super().read(content, filename, progress)
        if not result.rows or not is_xlsx(filename):
            return result
        try:
            members, errors = _read_members(content, self.limits())
        except FileUnreadable as problem:
            return imports.ImportResult(
                result.rows, [*result.errors, RowError(problem.row, MEMBER_SHEET, str(problem))],
                result.error_count + 1)
        errors.extend(_attach(result.rows, members))
        listed = sorted([*result.errors, *errors], key=lambda e: (e.row, e.column))
        return imports.ImportResult(result.rows, listed, result.error_count + len(errors))

    # -- checking --
    def check(self, rows: list[Row], errors: Errors) -> None:
        names = {r.values["union"] for r in rows if r.values.get("union")}
        self.unions = {u.name: u for u in Union.objects.filter(name__in=names)}
        numbers = [r.values["id_number"] for r in rows if r.values.get("id_number")]
        taken = set(W.objects.filter(id_number__in=numbers).values_list("id_number", flat=True))
        lines = dict(LivingStandard.objects.values_list("year", "monthly_amount"))
        notice_days = ArchiveSettings.notice_minimum()
        seen: dict[str, int] = {}
        for row in rows:
            values = row.values
            number = values.get("id_number")
            if number in taken:
                errors.add(row.number, "id_number", _("an archive with this ID number exists"))
            elif number in seen:
                errors.add(row.number, "id_number", _("is in the file twice (see row %(row)d)")
                           % {"row": seen[number]})
            elif number:
                seen[number] = row.number
            if values.get("union") and values["union"] not in self.unions:
                errors.add(row.number, "union", _("no union of this name in the registry"))
            _check_archive(row, errors, lines)
            _check_procedure(row, errors, notice_days)

    def preview_cells(self, row: Row) -> list[str]:
        cells = super().preview_cells(row)
        keys = [c.key for c in self.columns]
        cells[keys.index("id_number")] = mask_id_number(row.values.get("id_number") or "")
        return cells

    def save(self, rows: list[Row], *, by) -> int:
        """Every row an archive, with its members and procedure (national_form_services)."""
        archives = [_imported(row, self.unions) for row in rows]
        return len(services.archives_import(archives=archives, by=by))

    def template_workbook(self) -> bytes:
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        _sheet(workbook, ARCHIVE_SHEET, [c.header for c in self.columns],
               [[c.example for c in self.columns]])
        _sheet(workbook, MEMBER_SHEET, [c.header for c in MEMBER_COLUMNS],
               [[c.example for c in MEMBER_COLUMNS]])
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()


def _member_errors_headers() -> dict[str, str]:
    return {c.key: f"{MEMBER_SHEET}·{c.header}" for c in MEMBER_COLUMNS}


def _read_members(content: bytes, limits) -> tuple[list[Row], list[RowError]]:
    """The rows of the members' sheet (none if the workbook has no such sheet), parsed with
    `MEMBER_COLUMNS`; problems named '家庭成员·<column>' with the sheet's row number."""
    from openpyxl import load_workbook

    # Called on a workbook the first sheet's reading has inspected whole (every sheet within
    # the limits: core.import_files.inspect_xlsx), so openpyxl may hold it.
    workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        if MEMBER_SHEET not in workbook.sheetnames:
            return [], []
        sheet = workbook[MEMBER_SHEET]
        sheet.reset_dimensions()
        table = list(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True))
    finally:
        workbook.close()
    errors = Errors(_member_errors_headers())
    if not table:
        return [], []
    header = [("" if cell is None else str(cell)).strip() for cell in table[0]]
    positions = {c.key: header.index(c.header) for c in MEMBER_COLUMNS if c.header in header}
    missing = [c.header for c in MEMBER_COLUMNS if c.required and c.key not in positions]
    if missing:
        raise FileUnreadable(_("The members' sheet lacks the columns: %(columns)s.")
                             % {"columns": "、".join(missing)})
    for number, cells in enumerate(table, start=1):
        if any(isinstance(cell, str) and len(cell) > limits.cell_chars for cell in cells):
            raise FileUnreadable(_("Row %(row)d of the members' sheet holds a cell of more than "
                                   "%(max)d characters.") % {"row": number,
                                                            "max": limits.cell_chars}, number)
    rows = [row for number, cells in enumerate(table[1:], start=2)
            if (row := _member_row(number, cells, positions, errors)) is not None]
    return rows, errors.sorted()


def _member_row(number: int, cells, positions: dict[str, int], errors: Errors) -> Row | None:
    if all(_blank(cell) for cell in cells):
        return None
    values: dict[str, Any] = {}
    for column in MEMBER_COLUMNS:
        index = positions.get(column.key)
        raw = cells[index] if index is not None and index < len(cells) else None
        values[column.key] = None
        if _blank(raw):
            if column.required:
                errors.add(number, column.key, _("is required"))
            continue
        try:
            values[column.key] = column.parse(raw)
        except ValueError as problem:
            errors.add(number, column.key, str(problem))
    return Row(number, values)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _attach(rows: list[Row], members: list[Row]) -> list[RowError]:
    """Each member onto the archive row of its holder's ID number (values["members"])."""
    by_number = {row.values.get("id_number"): row for row in rows if row.values.get("id_number")}
    for row in rows:
        row.values["members"] = []
    errors = []
    for member in members:
        holder = member.values.get("holder")
        if holder is None:
            continue
        archive = by_number.get(holder)
        if archive is None:
            errors.append(RowError(member.number, f"{MEMBER_SHEET}·{HOLDER}",
                                   _("no archive of this ID number in the first sheet")))
            continue
        archive.values["members"].append(
            {key: value for key, value in member.values.items() if key != "holder"})
    return errors


def _check_archive(row: Row, errors: Errors, lines: dict[int, Decimal]) -> None:
    """The archive's own rules (aid.models.HardshipWorker.clean and the living line)."""
    worker = _worker(row, union=None)
    try:
        worker.clean()
    except ValidationError as refused:
        for field, messages in refused.message_dict.items():
            for message in messages:
                errors.add(row.number, field, message)
    if worker.registered_on is None:
        return
    worker.compute_income()
    years = [year for year in lines if year <= worker.registered_on.year]
    line = lines[max(years)] if years else None
    if line is not None and worker.income_per_capita > line and not worker.above_line_reason:
        errors.add(row.number, "above_line_reason",
                   _("the income per person (%(income)s) is above the minimum-living line "
                     "(%(line)s): state the reason") % {"income": worker.income_per_capita,
                                                       "line": line})


def _check_procedure(row: Row, errors: Errors, notice_days: int) -> None:
    """The steps in their order: registered ≤ survey ≤ notice ≤ approval ≤ leaving, none
    in the future; a notice long enough, a leaving with its reason."""
    values, today = row.values, timezone.localdate()
    order = [key for key in ("registered_on", "surveyed_on", "notice_from", "notice_to",
                             "approved_on", "exited_on") if values.get(key)]
    for earlier, later in pairwise(order):
        if values[later] < values[earlier]:
            errors.add(row.number, later, _("is earlier than %(column)s")
                       % {"column": errors.headers[earlier]})
    for key in order:
        if values[key] > today:
            errors.add(row.number, key, _("is in the future"))
    _require_together(row, errors, ("surveyed_on", "surveyors", "findings"))
    _require_together(row, errors, ("notice_from", "notice_to", "notice_place"))
    if values.get("notice_from") and values.get("notice_to") and \
            (values["notice_to"] - values["notice_from"]).days + 1 < notice_days:
        errors.add(row.number, "notice_to", _("a notice runs at least %(days)d days")
                   % {"days": notice_days})
    if values.get("exited_on") and not values.get("approved_on"):
        errors.add(row.number, "approved_on", _("an archive that left hardship was approved "
                                                "first: give the approval date"))
    if values.get("exited_on") and not values.get("exit_reason"):
        errors.add(row.number, "exit_reason", _("is required with a date of leaving"))


def _require_together(row: Row, errors: Errors, keys: Sequence[str]) -> None:
    given = [key for key in keys if row.values.get(key) not in (None, "")]
    if given and len(given) < len(keys):
        for key in keys:
            if key not in given:
                errors.add(row.number, key, _("is required with %(column)s")
                           % {"column": errors.headers[given[0]]})


def _worker(row: Row, union: Union | None) -> HardshipWorker:
    """The unsaved archive of a row: its plain fields, blanks as the model's defaults."""
    worker = HardshipWorker(union=union)
    for column in ARCHIVE_COLUMNS:
        if column.field and column.column is not None:
            key = column.column.key
            value = row.values.get(key)
            if value is None:
                value = W._meta.get_field(key).get_default()
            setattr(worker, key, value)
    members = row.values.get("members") or []
    worker.members_monthly_income = sum((m.get("monthly_income") or Decimal(0)
                                         for m in members), Decimal(0))
    return worker


def _imported(row: Row, unions: dict[str, Union]) -> services.ImportedArchive:
    values = row.values
    worker = _worker(row, unions[values["union"]])
    members = [HouseholdMember(
        name=m["name"], relation=m["relation"], id_number=m.get("id_number") or "",
        health=m.get("health") or HardshipWorker.Health.GOOD,
        occupation=m.get("occupation") or "", monthly_income=m.get("monthly_income") or 0)
        for m in values.get("members") or []]
    return services.ImportedArchive(
        worker=worker, members=members,
        survey=(values["surveyed_on"], values["surveyors"], values["findings"])
        if values.get("surveyed_on") else None,
        notice=(values["notice_from"], values["notice_to"], values["notice_place"])
        if values.get("notice_from") else None,
        approved_on=values.get("approved_on"), exited_on=values.get("exited_on"),
        exit_reason=values.get("exit_reason") or "",
    )

