"""Publishing: the leader reads and acknowledges the warnings; a repeated request makes no second
version; a period that has not begun cannot be published."""

import threading
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction
from django.utils import timezone

from accounts.roles import Role
from aid.models import AidCase
from core.periods import Period
from reports import services
from reports.models import Publication
from tests.aid.test_concurrency import wait_until_blocked
from tests.support.factories import make_user

pytestmark = pytest.mark.django_db

H1_2012 = Period(2012, "h1")
PUBLISH = "/reports/2012/h1/publish/"


@pytest.fixture
def leader(client, demo_county):
    client.force_login(demo_county.users["leader"])
    return demo_county.users["leader"]


def seen(client, url: str = PUBLISH) -> str:
    return client.get(url).context["form"].initial["fingerprint"]


def test_the_confirmation_shows_the_warnings_with_their_links(client, leader):
    page = client.get(PUBLISH).content.decode()
    assert 'data-warning="pending"' in page
    assert 'data-warning="unpaid"' in page
    assert ("/aid/cases/?reported_from=2012-01-01&amp;reported_to=2012-06-30"
            "&amp;status=pending") in page
    assert 'name="acknowledged"' in page


def test_nothing_is_published_until_the_warnings_are_acknowledged(client, leader):
    response = client.post(PUBLISH, {"fingerprint": seen(client)})
    assert response.status_code == 200
    assert 'data-testid="publish-error"' in response.content.decode()
    assert not Publication.objects.exists()


def test_the_acknowledged_warnings_are_kept_with_the_version(client, leader):
    response = client.post(PUBLISH, {"fingerprint": seen(client), "acknowledged": "on"})
    publication = Publication.objects.get()
    assert response.status_code == 302
    assert response.url == publication.get_absolute_url()
    texts = [w.text for w in services.assemble(H1_2012, publication.summary).warnings]
    assert publication.warnings == texts
    assert any("尚未审批" in text for text in publication.warnings)


def test_a_double_click_makes_one_version(client, leader):
    form = {"fingerprint": seen(client), "acknowledged": "on"}
    first = client.post(PUBLISH, form)
    second = client.post(PUBLISH, form)
    assert Publication.objects.count() == 1
    assert first.url == second.url == Publication.objects.get().get_absolute_url()


def test_publishing_an_unchanged_document_again_returns_the_latest_version(leader):
    first = services.summary_publish(period=H1_2012, by=leader)
    again = services.summary_publish(period=H1_2012, by=leader)
    assert again.pk == first.pk
    assert Publication.objects.count() == 1


def test_a_changed_document_is_a_new_version(leader):
    first = services.summary_publish(period=H1_2012, by=leader)
    services.Summary.objects.filter(pk=first.summary_id).update(plans="新的要点。")
    second = services.summary_publish(period=H1_2012, by=leader)
    assert (first.number, second.number) == (1, 2)


def test_a_confirmation_made_stale_by_new_records_is_refused(client, leader):
    fingerprint = seen(client)
    AidCase.objects.filter(status=AidCase.Status.SUBMITTED,
                           granted_on__range=(H1_2012.start, H1_2012.end)).update(
        status=AidCase.Status.DRAFT)  # the warnings stay, their numbers do not change …
    AidCase.objects.filter(status=AidCase.Status.APPROVED, kind=AidCase.Kind.MEDICAL,
                           granted_on__range=(H1_2012.start, H1_2012.end)).update(
        status=AidCase.Status.DRAFT)  # … but the document and the pending cases do
    response = client.post(PUBLISH, {"fingerprint": fingerprint, "acknowledged": "on"})
    assert response.status_code == 200
    assert "请重新阅读" in response.content.decode() or "read them again" in (
        response.content.decode())
    assert not Publication.objects.exists()
    assert response.context["form"].initial["fingerprint"] != fingerprint  # what it shows now


def test_a_period_that_has_not_begun_cannot_be_published(client, leader):
    # Next year: the latest year the reports pages accept (core.dates), and not begun yet.
    year = timezone.localdate().year + 1
    url = f"/reports/{year}/h1/publish/"
    assert 'data-testid="publish-refused"' in client.get(url).content.decode()
    response = client.post(url, {"fingerprint": "x" * 64, "acknowledged": "on"})
    assert response.status_code == 200
    assert not Publication.objects.exists()
    with pytest.raises(ValidationError):
        services.summary_publish(period=Period(year, "h1"), by=leader)
    assert not services.Summary.objects.filter(year=year).exists()


def test_a_period_under_way_is_published_with_a_warning(leader, monkeypatch):
    monkeypatch.setattr(services.timezone, "localdate", lambda: date(2012, 6, 20))
    assembly = services.assemble(H1_2012, today=date(2012, 6, 20))
    assert "ongoing" in {warning.key for warning in assembly.warnings}
    assert services.summary_publish(period=H1_2012, by=leader).number == 1


def test_a_publication_racing_another_returns_the_one_made(leader, monkeypatch):
    """Two requests that both found no version (SQLite has no row lock): the second's insert
    collides on the version number and it returns the first's identical version."""
    made = services.summary_publish(period=H1_2012, by=leader)  # the other request's
    lookups = iter([None])  # this request looked before it was made
    latest = services.latest_version
    monkeypatch.setattr(services, "latest_version",
                        lambda summary: next(lookups, latest(summary)))
    assert services.summary_publish(period=H1_2012, by=leader).pk == made.pk
    assert Publication.objects.count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_publications_of_one_document_make_one_version():
    leaders = [make_user(Role.LEADER, f"leader-{n}") for n in (1, 2)]
    summary = services.summary_for(H1_2012)
    outcomes: dict[str, int | str] = {}

    def publish(leader):
        try:
            outcomes[leader.username] = services.summary_publish(period=H1_2012, by=leader).pk
        except Exception as error:  # reported by the assertion below
            outcomes[leader.username] = repr(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=publish, args=(leader,)) for leader in leaders]
    with transaction.atomic():  # both wait on the summary's row, then race
        services.Summary.objects.select_for_update().get(pk=summary.pk)
        for thread in threads:
            thread.start()
        wait_until_blocked(2)
    for thread in threads:
        thread.join()
    assert Publication.objects.count() == 1
    assert set(outcomes.values()) == {Publication.objects.get().pk}
