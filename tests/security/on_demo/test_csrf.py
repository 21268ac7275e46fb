"""CSRF everywhere (DESIGN §5): a POST without the form's token is refused on every page."""

import pytest
from django.test import Client

from tests.security.catalogue import project_pages, url_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("who", ["anonymous", "staff", "leader", "admin"])
def test_every_post_without_a_csrf_token_is_refused(demo, who):
    client = Client(enforce_csrf_checks=True)
    if who != "anonymous":
        client.force_login(demo["users"][who])
    accepted = []
    for page in project_pages():
        url = url_for(page, demo["objects"], demo["users"]["admin"])
        response = client.post(url, {})
        # 403 from the CSRF check; anonymous visitors may first be sent to the login page.
        if response.status_code != 403 and not (who == "anonymous"
                                                and response.status_code == 302):
            accepted.append(f"{url}: {response.status_code}")
    assert accepted == []


def test_the_login_form_itself_needs_the_token(demo):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "staff", "password": "x"})
    assert response.status_code == 403
