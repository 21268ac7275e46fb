"""The sector table page, its chart and its .xlsx export."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from economy.models import Sector
from tests.support.factories import make_grant, make_household, make_target, make_value_added_return

pytestmark = pytest.mark.django_db

PERIOD = {"start": "2012-01-01", "end": "2012-06-30"}


@pytest.fixture
def returns(unions):
    make_value_added_return(union=unions[0], sector=Sector.INDUSTRY, value_added=Decimal("3000000"))
    make_value_added_return(union=unions[1], sector=Sector.TRADE, value_added=Decimal("1000000"))
    make_value_added_return(union=unions[0], sector=Sector.INDUSTRY, period_start=date(2011, 1, 1),
                            period_end=date(2011, 6, 30), value_added=Decimal("2400000"))
    make_target(2012, Decimal("10000000"))


def test_the_table_shows_value_share_change_and_completion(client, staff, returns):
    client.force_login(staff)
    response = client.get(reverse("economy:sector-table"), PERIOD)
    table = response.context["table"]
    industry = next(r for r in table.rows if r.sector == "industry")
    assert industry.value_added == Decimal("3000000")
    assert industry.share == Decimal("75.0")
    assert industry.year_earlier == Decimal("2400000")
    assert industry.change == Decimal("25.0")
    trade = next(r for r in table.rows if r.sector == "trade")
    assert trade.change is None  # nothing a year earlier
    assert table.total == Decimal("4000000")
    assert table.completion == Decimal("40.0")
    page = response.content.decode()
    assert "300.00万元" in page
    assert "75.0%" in page
    assert "25.0%" in page
    assert "完成全年任务40.0%" in page
    assert "上年同期（2011-01-01至2011-06-30）" in page


def test_the_chart_is_inline_svg_without_style_attributes(client, staff, returns):
    client.force_login(staff)
    page = client.get(reverse("economy:sector-table"), PERIOD).content.decode()
    start = page.index('data-testid="sector-chart"')
    chart = page[start:page.index("</table>", start)]
    assert chart.count("<rect") == 8
    assert chart.count("<svg") == 8
    assert 'width="100"' in chart  # the largest sector fills the bar space
    assert 'width="33.3"' in chart  # trade: a third of industry
    assert "300.00万元" in chart
    assert "100.00万元" in chart
    assert "style=" not in page
    assert "<script>" not in page


def test_without_a_target_the_page_says_so(client, staff, unions):
    make_value_added_return(union=unions[0])
    client.force_login(staff)
    page = client.get(reverse("economy:sector-table"), PERIOD).content.decode()
    assert "尚未设定2012年全年任务" in page


def test_by_default_the_half_year_of_the_latest_return_is_shown(client, staff, returns):
    client.force_login(staff)
    table = client.get(reverse("economy:sector-table")).context["table"]
    assert (table.start, table.end) == (date(2012, 1, 1), date(2012, 6, 30))


def test_a_backwards_period_is_refused_with_a_message(client, staff, returns):
    client.force_login(staff)
    response = client.get(reverse("economy:sector-table"),
                          {"start": "2012-06-30", "end": "2012-01-01"})
    assert "统计期的截止日期不能早于起始日期。" in response.content.decode()


def test_sectors_link_to_their_returns(client, staff, returns):
    client.force_login(staff)
    page = client.get(reverse("economy:sector-table"), PERIOD).content.decode()
    assert (reverse("economy:return-list") + "?start=2012-01-01&amp;end=2012-06-30"
            "&amp;sector=industry") in page


def test_the_page_takes_a_fixed_number_of_queries(client, staff, unions, returns,
                                                 django_assert_max_num_queries):
    for i in range(120):  # unions 2..4, one day each: no overlap with the fixture's returns
        day = date(2012, 1, 1 + i // 24)
        make_value_added_return(union=unions[2 + i % 3], sector=Sector.values[i % 8],
                                period_start=day, period_end=day, value_added=Decimal(10))
    client.force_login(staff)
    with django_assert_max_num_queries(14):
        client.get(reverse("economy:sector-table"), PERIOD)


def test_the_export_is_the_table_in_wan(client, leader, returns):
    client.force_login(leader)
    response = client.get(reverse("economy:sector-export"), PERIOD)
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("行业", "增加值（万元）", "占比（%）", "上年同期（万元）", "增减（%）")
    assert rows[2] == ("工业", 300, 75, 240, 25)
    assert rows[1][0] == "农林牧渔业"
    assert rows[1][1] == 0
    assert rows[9] == ("2012年全年任务（万元）", 1000, None, None, None)
    assert rows[10] == ("完成全年任务（%）", 40, None, None, None)
    assert rows[-1] == ("合计", 400, 100, 240, 66.7)


def test_the_page_sums_up_grants_and_households(client, leader, unions):
    household = make_household(started_on=date(2005, 1, 1))
    make_grant(household=household, amount=Decimal(5000), granted_on=date(2009, 4, 20))
    make_grant(household=household, amount=Decimal(4600), granted_on=date(2012, 5, 24))
    client.force_login(leader)
    summary = client.get(reverse("economy:sector-table"), PERIOD).content.decode()
    assert "本期投放4,600元，截至2012-06-30累计投放9,600元" in summary
    assert "在营的自营经济户：1户" in summary
