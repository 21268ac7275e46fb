"""Household list, detail and forms."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from economy.models import Household, Sector
from tests.support.factories import make_grant, make_household

pytestmark = pytest.mark.django_db


@pytest.fixture
def households(unions):
    fungus = make_household(owner="王春林", business="地栽木耳", union=unions[0])
    frogs = make_household(owner="张国富", business="特色养殖（林蛙）", union=unions[1],
                           started_on=date(2007, 9, 5))
    shop = make_household(owner="吴秀英", business="日杂超市", sector=Sector.TRADE,
                          union=unions[1], started_on=date(2005, 10, 8))
    make_grant(household=fungus, amount=Decimal(5000), granted_on=date(2009, 4, 20))
    make_grant(household=fungus, amount=Decimal(6000), granted_on=date(2011, 9, 14))
    make_grant(household=frogs, amount=Decimal(6000), granted_on=date(2009, 8, 12))
    return {"fungus": fungus, "frogs": frogs, "shop": shop}


def owners(response) -> list[str]:
    return [h.owner for h in response.context["households"]]


def test_the_list_shows_every_household_with_grant_totals(client, leader, households):
    client.force_login(leader)
    response = client.get(reverse("economy:household-list"))
    assert owners(response) == ["吴秀英", "张国富", "王春林"]
    fungus = next(h for h in response.context["households"] if h.owner == "王春林")
    assert fungus.grant_total == Decimal(11000)
    assert fungus.grant_count == 2
    assert response.context["totals"] == {"count": 3, "grant_amount": Decimal(17000),
                                         "grant_count": 3}
    assert "17,000元 (3)" in response.content.decode()


def test_search_finds_owner_business_or_union(client, staff, households, unions):
    client.force_login(staff)
    url = reverse("economy:household-list")
    assert owners(client.get(url, {"q": "木耳"})) == ["王春林"]
    assert owners(client.get(url, {"q": "张国"})) == ["张国富"]
    assert owners(client.get(url, {"q": "农场"})) == ["吴秀英", "张国富"]


def test_filters_by_sector_and_union(client, staff, households, unions):
    client.force_login(staff)
    url = reverse("economy:household-list")
    assert owners(client.get(url, {"sector": "trade"})) == ["吴秀英"]
    assert owners(client.get(url, {"union": unions[0].pk})) == ["王春林"]
    response = client.get(url, {"sector": "agriculture", "union": unions[1].pk})
    assert owners(response) == ["张国富"]
    assert response.context["totals"]["grant_amount"] == Decimal(6000)


def test_sorting_by_grants_puts_the_largest_first(client, staff, households):
    client.force_login(staff)
    response = client.get(reverse("economy:household-list"), {"sort": "-grants"})
    assert owners(response)[0] == "王春林"


def test_an_empty_search_says_so(client, staff, households):
    client.force_login(staff)
    page = client.get(reverse("economy:household-list"), {"q": "不存在"}).content.decode()
    assert "没有符合条件的自营经济户。" in page


def test_the_list_takes_a_fixed_number_of_queries(client, staff, unions,
                                                  django_assert_max_num_queries):
    for i in range(60):
        household = make_household(owner=f"户主{i}", union=unions[i % 5])
        make_grant(household=household)
    client.force_login(staff)
    with django_assert_max_num_queries(9):
        response = client.get(reverse("economy:household-list"), {"page": 2})
    assert len(response.context["households"]) == 25


def test_the_detail_shows_grants_with_their_total_and_history(client, leader, households):
    client.force_login(leader)
    response = client.get(reverse("economy:household-detail",
                                  args=[households["fungus"].pk]))
    page = response.content.decode()
    assert "购买木耳菌包" in page
    assert "11,000元" in page
    assert f'href="{households["fungus"].union.get_absolute_url()}"' in page
    assert 'data-testid="history"' in page


def test_staff_create_a_household(client, staff, unions):
    client.force_login(staff)
    form = client.get(reverse("economy:household-create")).context["form"]
    response = client.post(reverse("economy:household-create"), {
        "owner": "刘玉兰", "owner_status": "laid_off", "union": unions[2].pk,
        "sector": "agriculture", "business": "特色养殖（梅花鹿）", "started_on": "2010-05-18",
        "submission_token": form["submission_token"].initial,
    })
    household = Household.objects.get(owner="刘玉兰")
    assert response.status_code == 302
    assert response["Location"] == household.get_absolute_url()
    assert household.history.get().history_user == staff


def test_a_stale_household_form_is_refused(client, staff, households):
    household = households["shop"]
    client.force_login(staff)
    url = reverse("economy:household-update", args=[household.pk])
    version = client.get(url).context["form"]["version"].initial
    data = {"owner": "吴秀英", "owner_status": "laid_off", "union": household.union_id,
            "sector": "trade", "business": "日杂超市", "started_on": "2005-10-08",
            "version": version}
    assert client.post(url, {**data, "phone": "0458-1"}).status_code == 302
    response = client.post(url, {**data, "phone": "0458-2"})
    assert response.status_code == 200
    assert "已有其他人保存了修改" in response.content.decode()
    household.refresh_from_db()
    assert household.phone == "0458-1"
