"""The headcount import's optional columns of the annual statistics: female and migrant-worker
members per return; legal-person status, committee term and agreements per union. A file without
them imports as before."""

from datetime import date
from pathlib import Path

import pytest
from django.utils import timezone

from tests.support.factories import make_union
from tests.support.workbooks import xlsx
from unions.imports import HeadcountImporter
from unions.models import HeadcountReturn, Union

pytestmark = pytest.mark.django_db

BASE = ["工会名称或统一社会信用代码", "统计日期", "会员人数", "在职职工", "下岗职工"]
SHARES = ["女职工会员", "农民工会员"]
UNION = ["法人资格", "委员会选举日期", "委员会任期（年）", "集体合同签订日期", "集体合同到期日期",
         "工资专项集体合同签订日期", "工资专项集体合同到期日期"]


@pytest.fixture
def bureau():
    return make_union("嘉荫县财政局工会", established_on=date(2001, 5, 18))


@pytest.fixture
def mill():
    return make_union("嘉荫县鑫达木业有限公司工会", kind=Union.Kind.PRIVATE,
                      established_on=date(2005, 3, 1))


def errors_of(content: bytes) -> list[tuple[int, str, str]]:
    result = HeadcountImporter().parse(content, "counts.xlsx")
    return [(e.row, e.column, e.message) for e in result.errors]


def test_a_file_without_the_new_columns_still_imports(bureau, admin_user):
    content = xlsx([["嘉荫县财政局工会", date(2012, 6, 30), 46, 39, 0]], BASE)
    assert HeadcountImporter().run(content, "counts.xlsx", by=admin_user).ok
    ret = bureau.headcount_returns.get()
    assert (ret.members, ret.joined, ret.female_members, ret.migrant_members) == (
        46, 0, None, None)
    bureau.refresh_from_db()
    assert bureau.version == 0  # the union itself untouched
    assert bureau.history.count() == 1


def test_the_new_columns_fill_the_return_and_the_union_with_its_audit(bureau, mill, admin_user):
    content = xlsx([
        ["嘉荫县财政局工会", date(2012, 6, 30), 46, 39, 0, 20, 0, "是", date(2010, 4, 16), 5,
         None, None, None, None],
        ["嘉荫县鑫达木业有限公司工会", "2012-06-30", 60, 58, 2, 25, 41, "否", "2011/4/8", 3,
         "2011-03-01", "2014-02-28", "2012年3月1日", "2013.2.28"],
    ], BASE + SHARES + UNION)

    assert HeadcountImporter().run(content, "counts.xlsx", by=admin_user).ok

    ret = mill.headcount_returns.get()
    assert (ret.female_members, ret.migrant_members) == (25, 41)
    mill.refresh_from_db()
    assert (mill.legal_person, mill.committee_elected_on, mill.committee_term_years,
            mill.election_due_on) == (False, date(2011, 4, 8), 3, date(2014, 4, 8))
    assert (mill.contract_signed_on, mill.contract_expires_on) == (date(2011, 3, 1),
                                                                   date(2014, 2, 28))
    assert (mill.wage_agreement_signed_on, mill.wage_agreement_expires_on) == (
        date(2012, 3, 1), date(2013, 2, 28))
    assert mill.version == 1  # a form opened before the import is refused
    assert mill.history.first().history_user == admin_user
    bureau.refresh_from_db()
    assert (bureau.legal_person, bureau.election_due_on, bureau.contract_signed_on) == (
        True, date(2015, 4, 16), None)  # an empty cell leaves what the registry holds


def test_a_union_whose_values_do_not_change_is_left_alone(admin_user):
    union = make_union("嘉荫县财政局工会", legal_person=True)
    content = xlsx([["嘉荫县财政局工会", date(2012, 6, 30), 46, 39, 0, "是"]],
                   [*BASE, "法人资格"])
    assert HeadcountImporter().run(content, "counts.xlsx", by=admin_user).ok
    union.refresh_from_db()
    assert union.version == 0
    assert union.history.count() == 1


def next_year_today() -> str:
    from core.dates import years_after

    return years_after(timezone.localdate(), 1).isoformat()


def test_unreadable_new_values_are_reported(bureau, mill):
    content = xlsx([
        ["嘉荫县财政局工会", "2012-06-30", 46, 39, 0, "也许", None],
        ["嘉荫县鑫达木业有限公司工会", "2012-06-30", 60, 58, 2, "否", "0012-04-08"],
    ], [*BASE, "法人资格", "委员会选举日期"])
    assert errors_of(content) == [
        (2, "法人资格", "“也许”既不是“是”也不是“否”"),
        (3, "委员会选举日期", f"请输入1949-10-01至{next_year_today()}之间的日期。"),
    ]


def test_every_bad_new_value_is_reported_with_its_row_and_column(bureau, mill):
    content = xlsx([
        ["嘉荫县财政局工会", "2012-06-30", 46, 39, 0, 47, 0, "是", None, 4, None, None,
         None, None],                                                              # 2
        ["嘉荫县鑫达木业有限公司工会", "2012-06-30", 60, 58, 2, 25, 61, "否", "2011-04-08", 3,
         "2011-03-01", "2015-03-01", "2012-03-01", "2012-03-01"],                 # 3
        ["嘉荫县鑫达木业有限公司工会", "2011-12-31", 58, 55, 2, 25, 40, "是", None, None,
         None, None, None, None],                                                 # 4
        ["嘉荫县财政局工会", "2011-12-31", 45, 39, 0, None, None, None, "2010-04-16", None,
         None, "2012-12-31", None, None],                                          # 5
    ], BASE + SHARES + UNION)

    assert errors_of(content) == [
        (2, "女职工会员", "女职工会员人数不能超过会员人数（46）。"),
        (2, "委员会任期（年）", "基层工会委员会每届任期三年或五年"),
        (3, "农民工会员", "农民工会员人数不能超过会员人数（60）。"),
        (3, "工资专项集体合同到期日期", "到期日期必须晚于签订日期。"),
        (3, "集体合同到期日期",
         "集体合同或工资专项集体合同的期限最长三年，到期日期不能晚于2014-03-01。"),
        (4, "法人资格", "与第3行给出的该工会信息不一致"),
        (5, "委员会任期（年）", "请同时填写委员会任期。"),
        (5, "集体合同签订日期", "请同时填写签订日期。"),
    ]
    assert not HeadcountReturn.objects.exists()


def test_yes_and_no_are_read_in_the_usual_ways(bureau):
    parse = HeadcountImporter.columns[8].parse
    assert [parse(v) for v in ("是", "有", "Yes", "1", 1, True, 1.0)] == [True] * 7
    assert [parse(v) for v in ("否", "无", "no", "0", 0, False)] == [False] * 6


def test_the_preview_says_yes_or_no(bureau):
    content = xlsx([["嘉荫县财政局工会", "2012-06-30", 46, 39, 0, "有"]], [*BASE, "法人资格"])
    importer = HeadcountImporter()
    row = importer.parse(content, "counts.xlsx").rows[0]
    assert "是" in importer.preview_cells(row)


def test_the_documented_example_imports(admin_user):
    docs = (Path(__file__).resolve().parents[2] / "docs" / "import-formats.md").read_text()
    section = docs[docs.index("## Headcount returns"):docs.index("## Pairings of a round")]
    example = section[section.index("```\n") + 4:section.rindex("\n```")]
    make_union("嘉荫县财政局工会")
    make_union("嘉荫县人民医院工会", credit_code="81230722551717390E")
    joint = make_union("嘉荫县商业零售行业联合工会", kind=Union.Kind.JOINT)

    result = HeadcountImporter().run(example.encode(), "example.csv", by=admin_user)

    assert result.ok, result.errors
    assert HeadcountReturn.objects.count() == 3
    assert joint.headcount_returns.get().female_members == 19
