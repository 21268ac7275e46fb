"""The union list as .xlsx: the filtered unions with their current counts and a totals row."""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.support.factories import make_headcount_return, make_union
from unions.models import Union

pytestmark = pytest.mark.django_db


def sheet_rows(response) -> list[tuple]:
    return list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))


def test_export_lists_the_filtered_unions_with_counts_and_totals(client, leader):
    joint = make_union(name="商业零售行业联合工会", kind=Union.Kind.JOINT)
    store = make_union(name="华联超市工会", kind=Union.Kind.PRIVATE, joint_union=joint)
    make_headcount_return(store, date(2012, 6, 30), members=16, employed=18, laid_off=1)
    make_union(name="财政局工会", kind=Union.Kind.GOVERNMENT)
    gone = make_union(name="砖厂工会", dissolved_on=date(2011, 10, 31))
    make_headcount_return(gone, date(2011, 6, 30), members=70)
    client.force_login(leader)

    response = client.get(reverse("unions:union-export"), {"kind": "grassroots",
                                                           "on": "2012-06-30"})

    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    assert "attachment" in response["Content-Disposition"]
    header, *body, totals = sheet_rows(response)
    assert header[0] == "名称"
    assert header[-4:] == ("会员", "在职职工", "下岗职工", "职工合计")
    assert [row[0] for row in body] == ["华联超市工会", "财政局工会"]
    store_row = body[0]
    assert store_row[1] == "私营企业"
    assert store_row[8] == "商业零售行业联合工会"
    assert store_row[-4:] == (16, 18, 1, 19)
    assert body[1][-4:] == (None, None, None, None)
    assert totals[0] == "合计：2个工会"
    assert totals[-4:] == (16, 18, 1, 19)


def test_export_neutralises_formulas_in_names(client, staff):
    make_union(name="=HYPERLINK(\"http://x\")")
    client.force_login(staff)
    body = sheet_rows(client.get(reverse("unions:union-export")))[1]
    assert body[0].startswith("'=")
