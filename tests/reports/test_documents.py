"""The demo county's summary in every period the issue found misleading: the warnings it lists,
sentences a person would write (never "0人", never an evaluation of nothing), honest dates."""

import re
from datetime import date

import pytest

from aid.models import AidCase, Campaign
from core.periods import Period
from reports import services
from reports.document import MONEY_UNITS, Figure, plain_text

pytestmark = pytest.mark.django_db

H1_2012, H2_2012 = Period(2012, "h1"), Period(2012, "h2")
YEAR_2012, H1_2013 = Period(2012, "year"), Period(2013, "h1")

# Every warning each period must list (keys; other warnings may come with later data).
WARNINGS = {
    H1_2012: {"pending", "unpaid"},
    H2_2012: {"headcounts_not_returned", "value_added_missing", "no_exits",
              "zero.economy.grants", "zero.unions.founded", "zero.unions.joined"},
    YEAR_2012: {"headcounts_dated", "value_added_partial", "no_exits", "pending", "unpaid"},
    H1_2013: {"headcounts_not_returned", "value_added_missing", "no_target", "no_round",
              "zero.aid.visits", "zero.aid.relief", "zero.economy.grants",
              "zero.unions.founded", "zero.unions.joined", "zero.pairings.donations",
              "zero.activities"},
}
# A figure of nothing, a zero percent, "100.0%", a percentage change as a percent.
ZERO = re.compile(r"(?<![\d.,])0(?:\.0+)?(?:人|个|名|户|项|万元|元|%)")


def text_of(document) -> str:
    lines = [document.title, document.addressee, document.opening]
    for section in document.parts:
        lines.append(section.number + section.heading)
        lines.extend(plain_text(paragraph) for paragraph in section.paragraphs)
    return "\n".join(lines)


@pytest.fixture
def assembled(demo_county):
    def assemble(period: Period) -> services.Assembly:
        summary = services.Summary.objects.filter(year=period.year, half=period.half).first()
        return services.assemble(period, summary, today=date(2014, 1, 10))

    return assemble


@pytest.mark.parametrize("period", list(WARNINGS), ids=str)
def test_each_period_lists_its_warnings_with_a_link_to_the_fix(assembled, period):
    warnings = assembled(period).warnings
    assert WARNINGS[period] <= {warning.key for warning in warnings}
    assert all(warning.url.startswith("/") and warning.action for warning in warnings)


@pytest.mark.parametrize("period", list(WARNINGS), ids=str)
def test_no_sentence_states_nothing_or_mixes_units(assembled, period):
    document = assembled(period).document
    text = text_of(document)
    assert not ZERO.findall(text)
    assert "100.0%" not in text
    assert "−" not in text
    assert "a year earlier" not in text
    for sentence in document.sentences():
        units = {part.unit for part in sentence.parts
                 if isinstance(part, Figure) and part.unit in MONEY_UNITS}
        assert len(units) <= 1, sentence.text
        assert not any(isinstance(part, Figure) and part.value == 0 for part in sentence.parts)


def test_2012_second_half_dates_the_headcounts_by_their_returns(assembled):
    document = assembled(H2_2012).document
    text = text_of(document)
    assert "截至2012年12月31日，全县共有职工" not in text  # the June returns, relabelled
    assert "截至2012年6月30日，全县共有职工8747人" in text
    assert "会员10220人（2012年6月30日报表数）" in text
    assert "增加值0万元" not in text
    assert "截至2012年6月30日，全年累计实现增加值17414.61万元，完成全年任务54.5%。" in text
    assert document.title == "嘉荫县总工会2012年下半年工作总结"
    assert document.plans_heading == "二、2013年工作要点"


def test_2012_whole_year_says_how_far_the_value_added_reaches_and_compares_nothing(assembled):
    document = assembled(YEAR_2012).document
    text = text_of(document)
    assert document.title == "嘉荫县总工会2012年全年工作总结"
    assert "截至2012年6月30日，全县职工自营经济实现增加值17414.61万元" in text
    added = [f for f in document.figures() if f.tally == "value_added"]
    assert added
    assert all(f.before is None for f in added)
    assert "全年新建工会组织2个" in text
    assert document.plans_heading == "二、2013年工作要点"


def test_2013_first_half_writes_no_programme_that_did_not_run(assembled):
    document = assembled(H1_2013).document
    text = text_of(document)
    assert "运行态势良好" not in text
    assert "处级领导" not in text
    assert "截至2013年6月30日，全县共有职工" not in text
    assert "截至2012年6月30日，全县共有职工8747人" in text
    assert "全县131个基层党支部与107名困难学生结成帮扶对子。" in text
    assert [s.key for s in document.parts] == ["economy", "pairings", "organisation"]
    assert [s.number for s in document.parts] == ["（一）", "（二）", "（三）"]


def test_2012_first_half_says_what_was_paid_and_counts_people_once(assembled):
    document = assembled(H1_2012).document
    text = text_of(document)
    assert "慰问金6.65万元（已发放6万元）" in text  # 13 visits approved, not yet paid
    assert "救助资金70,000元（已发放60,000元）" in text
    assert "目前已脱贫" not in text
    assert "本轮目标是到年末被帮扶对象脱贫率达到100%。" in text
    aid = document.table("aid")
    assert [row[1] for row in aid.rows[1:]] == [10, 7, 5]
    assert aid.totals[1] == 21
    assert "只计一次" in aid.note


def test_a_visit_moved_within_its_campaign_stays_in_the_campaigns_period(assembled):
    festivals = Campaign.objects.get(name="2012年两节送温暖")
    visit = AidCase.objects.filter(campaign=festivals, status=AidCase.Status.PAID).first()
    AidCase.objects.filter(pk=visit.pk).update(granted_on=date(2011, 12, 28))  # in the campaign
    assert festivals.starts_on <= date(2011, 12, 28)
    assert "特困职工133人" in text_of(assembled(H1_2012).document)
    assert "特困职工" not in text_of(assembled(Period(2011, "h2")).document)
