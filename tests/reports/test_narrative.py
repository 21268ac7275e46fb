"""The person and the machine share the document: editable headings, a lead-in before the
generated sentences, sentences left out and brought back; locking and history as for any record."""

import pytest
from pytest_django.asserts import assertRedirects

from core.periods import Period
from reports import services
from reports.models import Summary
from tests.reports.pages import narrative_data, visible_text, word_text

pytestmark = pytest.mark.django_db

URL = "/reports/2012/h1/"


@pytest.fixture
def staff(client, demo_county):
    client.force_login(demo_county.users["staff"])
    return demo_county.users["staff"]


def save(client, **changes):
    summary = Summary.objects.get(year=2012, half="h1")
    data = narrative_data(summary)
    data.update(changes)
    response = client.post(URL + "edit/", data)
    assertRedirects(response, URL)
    return Summary.objects.get(pk=summary.pk)


def test_a_heading_is_the_persons_or_else_the_default(client, staff):
    save(client, heading_economy="职工自营经济工作得到长足发展")
    page = client.get(URL).content.decode()
    assert "（一）职工自营经济工作得到长足发展" in page
    save(client, heading_economy="")
    assert "（一）职工自营经济工作</h3>" in client.get(URL).content.decode()


def test_the_default_heading_shows_in_the_form(client, staff):
    page = client.get(URL + "edit/").content.decode()
    assert 'placeholder="第五轮扶贫创业工程运行态势良好"' in page


def test_a_lead_in_comes_before_the_generated_figures(client, staff):
    save(client, lead_organisation="我们坚持哪里有职工，哪里就建工会。")
    text = visible_text(client.get(URL).content.decode())
    assert text.index("我们坚持哪里有职工") < text.index("全县共有基层工会组织121个")


def test_a_dropped_sentence_leaves_the_document_and_comes_back(client, staff):
    summary = save(client, dropped=["pairings.exits"])
    assert summary.dropped == ["pairings.exits"]
    page = client.get(URL).content.decode()
    assert "本轮目标是到年末" not in visible_text(page)
    assert 'data-testid="dropped-notice"' in page
    assert "本轮目标是到年末" not in word_text(client.get(URL + "docx").content)
    save(client, dropped=[])
    assert "本轮目标是到年末" in visible_text(client.get(URL).content.decode())


def test_a_sentence_dropped_while_it_is_not_written_stays_dropped(client, staff):
    Summary.objects.filter(year=2012, half="h1").update(dropped=["aid.not_written_now"])
    summary = save(client, dropped=["aid.relief"])
    assert summary.dropped == ["aid.not_written_now", "aid.relief"]


def test_the_headings_lead_ins_and_drops_have_a_history(client, staff):
    save(client, heading_aid="帮扶救助工作", dropped=["aid.visits"])
    latest = Summary.objects.get(year=2012, half="h1").history.latest()
    assert (latest.heading_aid, latest.dropped) == ("帮扶救助工作", ["aid.visits"])
    assert latest.history_user == staff


def test_the_date_of_the_document_lies_near_its_period(client, staff):
    summary = Summary.objects.get(year=2012, half="h1")
    data = narrative_data(summary)
    data.update(signed_on="2020-01-01")
    response = client.post(URL + "edit/", data)
    assert response.status_code == 200
    assert "signed_on" in response.context["form"].errors
    summary.refresh_from_db()
    assert summary.signed_on.isoformat() == "2012-07-06"


def test_the_pairings_heading_follows_the_data(demo_county):
    assert services.assemble(Period(2013, "h1")).default_headings["pairings"] == "助学结对帮扶工作"
    assert (services.assemble(Period(2012, "h1")).default_headings["pairings"]
            == "第五轮扶贫创业工程运行态势良好")
