"""Every figure of the demo summary links to a list of exactly the records behind it: followed,
the list's total (a count or a sum) is the figure."""

from decimal import Decimal

import pytest

from core.periods import Period
from reports import services
from reports.document import Figure

pytestmark = pytest.mark.django_db

PERIODS = [Period(2012, "h1"), Period(2012, "h2"), Period(2012, "year"), Period(2013, "h1")]


def listed_total(client, figure: Figure) -> Decimal:
    """Follow a figure's link; the total of the listed records that the figure states."""
    response = client.get(figure.url)
    assert response.status_code == 200, figure.url
    context = response.context
    if figure.tally == "completion":  # the sector table of the year so far
        return context["table"].completion
    totals = context.get("totals") or {}
    if figure.tally in totals:
        return totals[figure.tally]
    assert figure.tally == "count", (figure.url, figure.tally, sorted(totals))
    return context["paginator"].count


@pytest.mark.parametrize("period", PERIODS, ids=str)
def test_every_figure_link_lists_records_that_add_up_to_the_figure(client, demo_county, period):
    client.force_login(demo_county.users["leader"])
    document = services.assemble(period, services.Summary.objects.filter(
        year=period.year, half=period.half).first()).document
    numbers = [figure for figure in document.figures() if figure.value is not None]
    assert numbers, "the demo has figures in every one of these periods"
    assert all(figure.tally for figure in numbers)
    wrong = [(figure.text, figure.url, listed)
             for figure in numbers
             if Decimal(listed := listed_total(client, figure)) != Decimal(figure.value)]
    assert wrong == []
    names = [figure for figure in document.figures() if figure.value is None]
    for name in names:  # an activity's title links to the activity
        assert client.get(name.url).status_code == 200, name.url


def figure_after(document, words: str) -> Figure:
    """The figure that follows `words` in the document's text."""
    for sentence in document.sentences():
        for before, part in zip(sentence.parts, sentence.parts[1:], strict=False):
            if isinstance(part, Figure) and before.text.endswith(words):
                return part
    raise AssertionError(f"no figure after {words!r}")


def test_the_links_the_issue_found_wrong_list_only_what_their_figure_counts(client,
                                                                           demo_county):
    client.force_login(demo_county.users["leader"])
    document = services.assemble(Period(2012, "h1")).document

    funded = figure_after(document, "共扶持帮助")  # 24名困难职工: not all 30 projects
    response = client.get(funded.url)
    assert response.context["paginator"].count == 24
    assert response.context["totals"]["beneficiaries"] == 24

    officials = figure_after(document, "扶贫创业工程共有")  # 30名处级领导: no student pairs
    response = client.get(officials.url)
    assert response.context["paginator"].count == 30
    assert response.context["totals"]["branches"] == 0

    joined = figure_after(document, "新入会会员")  # a list with the members joined
    page = client.get(joined.url).content.decode()
    assert "新入会会员" in page
    assert 'data-testid="total-joined">41<' in page


def test_pairing_links_carry_the_round_and_the_date(demo_county):
    document = services.assemble(Period(2012, "h1")).document
    officials = figure_after(document, "扶贫创业工程共有")
    assert "round=" in officials.url
    assert "on=2012-06-30" in officials.url
    students = figure_after(document, "另外，全县")
    assert "active_on=2012-06-30" in students.url
