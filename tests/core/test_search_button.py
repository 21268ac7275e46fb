"""One word for the button that searches or filters a list: 查询, on every list page; the
search boxes say 查询 too, never 搜索 or 过滤器."""

import re

import pytest
from django.urls import reverse

from tests.support.factories import make_campaign

pytestmark = pytest.mark.django_db

LIST_PAGES = ["unions:union-list", "aid:worker-list", "aid:case-list", "economy:sector-table",
              "economy:household-list", "economy:return-list", "economy:grant-list",
              "activities:activity-list", "pairings:pairing-list", "pairings:project-list",
              "pairings:fund-list", "pairings:student-aid"]


def filter_forms(content: str) -> list[str]:
    return re.findall(r'<form method="get".*?</form>', content, flags=re.DOTALL)


@pytest.mark.parametrize("name", LIST_PAGES)
def test_the_filter_button_says_the_same_word_on_every_list(client, admin_user, name):
    client.force_login(admin_user)
    response = client.get(reverse(name))
    assert response.status_code == 200
    forms = filter_forms(response.content.decode())
    assert forms, "the list has a filter form"
    for form in forms:
        buttons = re.findall(r'<button[^>]*type="submit"[^>]*>(.*?)</button>', form)
        assert [text.strip() for text in buttons] == ["查询"]
        assert "搜索" not in form
        assert "过滤器" not in form


def test_the_campaign_batch_filter_says_it_too(client, staff):
    campaign = make_campaign()
    client.force_login(staff)
    content = client.get(reverse("aid:campaign-batch", args=[campaign.pk])).content.decode()
    buttons = [re.findall(r'<button[^>]*type="submit"[^>]*>(.*?)</button>', form)
               for form in filter_forms(content)]
    assert buttons == [["查询"]]
