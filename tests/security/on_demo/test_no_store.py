"""No page or download of the application may be kept by a browser or a proxy: every one of
them, from the URL resolver, answers with `Cache-Control: no-store` (the pages show names, ID
numbers, incomes and amounts; the exports and the summary's downloads hold them)."""

import pytest
from django.conf import settings
from django.test import Client

from tests.security.catalogue import admin_urls, project_pages, url_for
from tests.security.on_demo.test_access_matrix import ANONYMOUS, EXPECTED, SIGNED_IN

pytestmark = pytest.mark.django_db


def visitor_for(page) -> str:
    """Someone the page is meant for (anonymous for the public ones)."""
    allowed = EXPECTED.get(page.name)
    return ANONYMOUS if allowed is None else next(w for w in SIGNED_IN if w in allowed)


@pytest.mark.parametrize("page", project_pages(), ids=lambda page: page.name)
def test_every_page_and_download_says_no_store(page, demo):
    users = demo["users"]
    who = visitor_for(page)
    client = Client()
    if who != ANONYMOUS:
        client.force_login(users[who])
    # An import batch is opened by its uploader (another's is a 404 to all but an admin).
    owner = users[who] if who != ANONYMOUS else users["admin"]
    response = client.get(url_for(page, demo["objects"], owner))
    if who != ANONYMOUS:  # the page itself, not a refusal (405: a step taken by POST only)
        view = getattr(page.view, "view_class", None)
        assert response.status_code == (405 if view and not hasattr(view, "get") else 200), who
    assert "no-store" in response.get("Cache-Control", ""), (who, response.status_code)


def test_every_admin_page_says_no_store(demo):
    client = Client()
    client.force_login(demo["users"]["admin"])
    missing = [url for url, status in admin_urls(demo["users"]["admin"]).values()
               if status == 200
               and "no-store" not in client.get(url).get("Cache-Control", "")]
    assert missing == []


def test_static_files_may_still_be_cached():
    # WhiteNoise serves them before the no-store middleware: long-lived and fingerprinted.
    names = settings.MIDDLEWARE
    assert names.index("whitenoise.middleware.WhiteNoiseMiddleware") < names.index(
        "core.middleware.NoStoreMiddleware")
