from datetime import date

import pytest
from django.urls import reverse

from tests.support.factories import make_headcount_return, make_union

pytestmark = pytest.mark.django_db


def test_the_detail_page_queries_do_not_grow_with_returns(client, staff,
                                                          django_assert_max_num_queries):
    union = make_union()
    make_headcount_return(union, as_of=date(2011, 6, 30), members=40, employed=30, laid_off=5)
    client.force_login(staff)
    url = reverse("unions:union-detail", args=[union.pk])
    with django_assert_max_num_queries(40) as few:
        assert client.get(url).status_code == 200
    for year in range(2000, 2011):
        ret = make_headcount_return(union, as_of=date(year, 6, 30), members=40, employed=30,
                                    laid_off=5)
        ret.members = 41
        ret.save()
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url).content.decode()
    assert "2005-06-30" in page
