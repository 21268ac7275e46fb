"""Worker search at a province's scale (issue 20): one character, two characters, pinyin
letters and the last digits of an ID number find exactly the right workers, on SQLite and on
PostgreSQL (where each has its index), with a fixed number of queries."""

import pytest
from django.db import connection
from django.urls import reverse

from aid.models import HardshipWorker
from tests.support.factories import make_worker, valid_id

pytestmark = pytest.mark.django_db

NAMES = ("崔红梅", "李崔红", "欧阳崔红英", "崔明", "王红", "陈红", "Anna崔")


@pytest.fixture
def workers() -> dict[str, HardshipWorker]:
    found = {name: make_worker(name=name) for name in NAMES}
    found["tail"] = make_worker(name="赵六", id_number=valid_id("23072219800101123"))
    return found


def searched(client, term: str) -> set[str]:
    response = client.get(reverse("aid:worker-search"), {"q": term})
    assert response.status_code == 200
    return {row["name"] for row in response.json()["results"]}


def listed(client, term: str) -> set[str]:
    return {w.name for w in client.get(reverse("aid:worker-list"), {"q": term}).context["workers"]}


@pytest.mark.parametrize(("term", "expected"), [
    # One character: the names that start with it (a surname), not those that hold it.
    ("崔", {"崔红梅", "崔明"}),
    # Two characters: anywhere in the name (start, end, the middle of a long name).
    ("崔红", {"崔红梅", "李崔红", "欧阳崔红英"}),
    ("红梅", {"崔红梅"}),
    ("阳崔", {"欧阳崔红英"}),
    # Three or more: anywhere.
    ("崔红英", {"欧阳崔红英"}),
    # Pinyin: a token of the key starts with it (full, initials, mixes), or the name holds
    # the letters (a name with Latin letters).
    ("ch", {"崔红梅", "陈红"}),
    ("cuih", {"崔红梅"}),
    ("nn", {"Anna崔"}),
    ("ANNA", {"Anna崔"}),
    ("c", {"崔红梅", "崔明", "陈红"}),
    ("a", {"Anna崔"}),
])
def test_search_finds_exactly_the_workers_of_a_fragment(client, staff, workers, term, expected):
    client.force_login(staff)
    assert searched(client, term) == expected
    assert listed(client, term) == expected


@pytest.mark.parametrize("length", [4, 6, 10])
def test_the_last_digits_of_an_id_number_find_its_worker(client, staff, workers, length):
    term = workers["tail"].id_number[-length:]
    expected = {w.name for w in HardshipWorker.objects.all() if w.id_number.endswith(term)}
    assert "赵六" in expected
    client.force_login(staff)
    assert searched(client, term) == expected
    assert listed(client, term) == expected


def test_digits_inside_an_id_number_find_nobody(client, staff, workers):
    client.force_login(staff)
    assert searched(client, "1980") == set()


def test_the_check_character_x_is_found_typed_lower_case(client, staff):
    body = next(f"23072219800101{n:03d}" for n in range(1000)
                if valid_id(f"23072219800101{n:03d}").endswith("X"))
    make_worker(name="孙七", id_number=valid_id(body))
    client.force_login(staff)
    assert searched(client, body[-3:] + "x") == {"孙七"}


def test_the_search_suggestions_take_a_fixed_number_of_queries(client, staff, workers,
                                                               django_assert_max_num_queries):
    for number in range(30):
        make_worker(name=f"崔{number}")
    client.force_login(staff)
    for term in ("崔", "崔红", "ch", "1236"):
        with django_assert_max_num_queries(6):
            client.get(reverse("aid:worker-search"), {"q": term})


def test_the_searched_list_takes_a_fixed_number_of_queries(client, staff, workers,
                                                           django_assert_max_num_queries):
    for number in range(60):
        make_worker(name=f"崔{number}")
    client.force_login(staff)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("aid:worker-list"), {"q": "崔"})
    assert response.context["paginator"].count == 62
    names = [w.name for w in response.context["workers"]]
    assert names == sorted(names)


def test_the_searched_list_sorts_by_name_both_ways(client, staff, workers):
    client.force_login(staff)
    down = client.get(reverse("aid:worker-list"), {"q": "崔红", "sort": "-name"})
    assert [w.name for w in down.context["workers"]] == ["欧阳崔红英", "李崔红", "崔红梅"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the indexes are PostgreSQL's")
def test_the_search_indexes_exist():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'aid_hardshipworker'")
        names = {row[0] for row in cursor.fetchall()}
    assert {"worker_name_upper_trgm", "worker_name_upper_prefix", "worker_name_pinyin_trgm",
            "worker_latin_name", "worker_long_name", "worker_id_number_reversed"} <= names
