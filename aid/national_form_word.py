"""The archive printed as the national hardship-worker archive form (困难职工档案表), as Word.

One A4 page or so per archive: the basic information, causes, household members, incomes (the
per-person figure computed by the model, never typed), the procedure (home survey, public notice
with its objections, approval), the active spells and the latest yearly review. A batch is one
document with one section (a new page) per archive. The form is a Chinese document, whatever
the user's language; dates are the county's calendar days. The ID numbers are printed whole:
the form is the archive itself, downloaded only by the roles that may see them (DESIGN §4).
"""

import io
from collections.abc import Iterable

from django.utils import translation
from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from core.money import yuan

from .models import HardshipWorker
from .national_form import Procedure, procedure_of

TITLE = "困难职工档案表"
FONT, HEADING_FONT = "宋体", "黑体"
TEXT, HEADING, TITLE_SIZE = 10.5, 12, 18  # points
NONE = "—"
GRID_STYLE_ID = "TableGrid"  # "Table Grid" of python-docx's default template
MEMBER_HEADERS = ("姓名", "与本人关系", "身份证号", "健康状况", "工作或就学", "月收入（元）")
SPELL_HEADERS = ("生效日期", "脱困日期", "脱困原因", "说明", "审批人")


def _day(value) -> str:
    return value.strftime("%Y年%m月%d日").replace("年0", "年").replace("月0", "月") \
        if value else NONE


def _money(amount) -> str:
    return yuan(amount, places=2)


def _font(run, *, size: float | None = None, bold: bool = False,
          east_asian: str | None = None) -> None:
    """What differs from the Normal style (宋体 10.5 pt) only: a document of hundreds of
    archives has tens of thousands of runs."""
    if size is not None:
        run.font.size = Pt(size)
    if bold:
        run.font.bold = True
    if east_asian is not None:
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), east_asian)


def _paragraph(container, text: str, *, size: float | None = None, bold: bool = False,
               east_asian: str | None = None, align=None):
    paragraph = container.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    _font(paragraph.add_run(text), size=size, bold=bold, east_asian=east_asian)
    return paragraph


def _heading(document, text: str) -> None:
    paragraph = _paragraph(document, text, size=HEADING, bold=True, east_asian=HEADING_FONT)
    paragraph.paragraph_format.space_before = Pt(6)


def _grid(document, rows: int, cols: int):
    table = document.add_table(rows=rows, cols=cols)
    # The style by its id: looking it up by name walks every style of the document each time.
    table._tbl.tblPr.style = GRID_STYLE_ID
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    return table


def _cell(cell, text: str, *, bold: bool = False) -> None:
    # A new cell holds one empty paragraph.
    _font(cell.paragraphs[0].add_run(text or NONE), bold=bold)


def _table(document, rows: list[list[str]], *, header: bool = False):
    table = _grid(document, len(rows), len(rows[0]))
    for number, (row, values) in enumerate(zip(table.rows, rows, strict=True)):
        for cell, value in zip(row.cells, values, strict=True):
            _cell(cell, value, bold=header and number == 0)
    return table


def _label_table(document, pairs: list[tuple[str, str]]) -> None:
    """A grid of label–value pairs, two pairs to a row; the labels bold."""
    table = _grid(document, len(pairs) // 2 + len(pairs) % 2, 4)
    for row, two in zip(table.rows, [pairs[i:i + 2] for i in range(0, len(pairs), 2)],
                        strict=True):
        cells = row.cells
        for column, (label, value) in enumerate(two):
            _cell(cells[column * 2], label, bold=True)
            _cell(cells[column * 2 + 1], value)


def _basic(document, worker: HardshipWorker) -> None:
    health = worker.get_health_display()
    if worker.disability_class:
        health = f"{health}（{worker.get_disability_class_display()}）"
    housing = worker.get_housing_display()
    if worker.housing_area is not None:
        housing = f"{housing}，{worker.housing_area}平方米"
    causes = HardshipWorker.labels_of_causes(worker.secondary_causes)
    _label_table(document, [
        ("姓名", worker.name), ("性别", worker.get_sex_display()),
        ("出生日期", _day(worker.birth_date)), ("身份证号", worker.id_number),
        ("所在工会", worker.union.name), ("工作单位", worker.employer),
        ("工作状况", worker.get_employment_status_display()), ("健康状况", health),
        ("劳模类型", worker.get_model_worker_display()),
        ("婚姻状况", worker.get_marital_status_display()),
        ("户口性质", worker.get_hukou_display()), ("住房情况", housing),
        ("家庭住址", worker.address), ("联系电话", worker.phone),
        ("困难类别", worker.get_hardship_level_display()),
        ("建档日期", _day(worker.registered_on)),
        ("主要致困原因", worker.get_main_cause_display()),
        ("次要致困原因", "、".join(causes)),
    ])


def _members(document, worker: HardshipWorker) -> None:
    _heading(document, "家庭成员")
    members = list(worker.members.all())
    rows = [list(MEMBER_HEADERS)] + [
        [m.name, m.get_relation_display(), m.id_number, m.get_health_display(), m.occupation,
         _money(m.monthly_income)] for m in members]
    if not members:
        rows.append(["无", "", "", "", "", ""])
    _table(document, rows, header=True)


def _incomes(document, worker: HardshipWorker) -> None:
    _heading(document, "家庭收入")
    _label_table(document, [
        ("本人月收入", _money(worker.own_monthly_income)),
        ("家庭成员月收入合计", _money(worker.members_monthly_income)),
        ("其他家庭年收入", _money(worker.other_annual_income)),
        ("家庭年总收入", _money(worker.household_annual_income)),
        ("家庭人口", f"{worker.household_size}人"),
        ("家庭人均月收入", _money(worker.income_per_capita)),
    ])
    if worker.above_line_reason:
        _paragraph(document, f"高于低保线的原因：{worker.above_line_reason}")


def _notice_text(procedure: Procedure) -> list[str]:
    notice = procedure.notice
    if notice is None:
        return ["公示：" + NONE]
    lines = [f"公示：{_day(notice.starts_on)}至{_day(notice.ends_on)}（{notice.days}天），"
             f"地点：{notice.place}"]
    objections = list(notice.objections.all())
    if not objections:
        lines.append("公示期间异议：无")
    for objection in objections:
        resolved = (f"；{_day(objection.resolved_on)}处理：{objection.resolution}"
                    if objection.is_resolved else "；尚未处理")
        lines.append(f"异议（{_day(objection.raised_on)}）：{objection.content}{resolved}")
    return lines


def _procedure(document, procedure: Procedure) -> None:
    _heading(document, "建档程序")
    survey = procedure.survey
    lines = [f"入户调查：{_day(survey.surveyed_on)}，调查人：{survey.surveyors}；"
             f"调查情况：{survey.findings}" if survey else "入户调查：" + NONE]
    lines += _notice_text(procedure)
    lines.append(f"审批：{procedure.approver or NONE}，{_day(procedure.approved_on)}"
                 if procedure.spell else "审批：" + NONE)
    for line in lines:
        _paragraph(document, line)


def _spells(document, procedure: Procedure) -> None:
    _heading(document, "在档记录（建档、解困脱困、返困）")
    rows = [list(SPELL_HEADERS)]
    for spell in procedure.spells:
        approver = spell.approved_by
        rows.append([
            _day(spell.started_on) + ("（返困）" if spell.relapse else ""),
            _day(spell.ended_on) if spell.ended_on else "在档",
            spell.get_end_reason_display() if spell.end_reason else "",
            spell.end_note,
            (approver.get_full_name() or approver.get_username()) if approver else "",
        ])
    if len(rows) == 1:
        rows.append(["尚未生效", "", "", "", ""])
    _table(document, rows, header=True)


def _review(document, procedure: Procedure) -> None:
    _heading(document, "年度复核")
    review = procedure.review
    if review is None:
        _paragraph(document, "尚无复核记录")
        return
    outcome = review.get_decision_display()
    if review.new_level:
        outcome += f"（改为{review.get_new_level_display()}）"
    if review.exit_reason:
        outcome += f"（{review.get_exit_reason_display()}）"
    approved = (f"，{_day(review.round.approved_on)}审批" if review.round.approved_on
                else "，结果待审批")
    _paragraph(document, f"{review.round.year}年度复核：{outcome}；入户调查"
                         f"{_day(review.surveyed_on)}{approved}"
                         + (f"；{review.notes}" if review.notes else ""))


def _archive(document, worker: HardshipWorker) -> None:
    _paragraph(document, TITLE, size=TITLE_SIZE, bold=True, east_asian=HEADING_FONT,
               align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(document, f"档案状态：{worker.get_state_display()}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    procedure = procedure_of(worker)
    _basic(document, worker)
    _members(document, worker)
    _incomes(document, worker)
    _procedure(document, procedure)
    _spells(document, procedure)
    _review(document, procedure)


def _page(section) -> None:
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin = section.right_margin = Mm(20)


def archive_docx(workers: Iterable[HardshipWorker]) -> bytes:
    """The form of each archive (prefetched by `national_form.form_archives()`), one section
    per archive, as .docx bytes."""
    document = Document()
    _page(document.sections[0])
    normal = document.styles["Normal"]
    normal.font.size = Pt(TEXT)
    normal.paragraph_format.space_after = Pt(2)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    with translation.override("zh-hans"):
        for index, worker in enumerate(workers):
            if index:
                _page(document.add_section(WD_SECTION.NEW_PAGE))
            _archive(document, worker)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()

