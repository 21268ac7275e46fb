"""core.pinyin.name_matches on short fragments (issue 20): one character is the start of a name
or of its key; two characters are anywhere in the name, looked up by their position."""

import pytest

from aid.models import HardshipWorker
from core.pinyin import LONG_NAME, name_matches
from tests.support.factories import make_worker

pytestmark = pytest.mark.django_db


def found(term: str) -> set[str]:
    return set(HardshipWorker.objects.filter(name_matches(term)).values_list("name", flat=True))


def test_one_character_matches_the_start_of_the_name():
    make_worker(name="王大山")
    make_worker(name="李王")
    assert found("王") == {"王大山"}


def test_one_letter_matches_the_start_of_the_key_or_of_a_latin_name():
    make_worker(name="王大山")  # wangdashan
    make_worker(name="李王")  # liwang
    make_worker(name="Wendy李")
    assert found("w") == {"王大山", "Wendy李"}
    assert found("W") == {"王大山", "Wendy李"}


def test_two_characters_match_at_the_start_the_end_and_inside_a_long_name():
    for name in ("大山", "赵大山", "大山子", "欧阳大山林", "大小山"):
        make_worker(name=name)
    assert len("欧阳大山林") >= LONG_NAME
    assert found("大山") == {"大山", "赵大山", "大山子", "欧阳大山林"}


def test_latin_letters_inside_a_name_are_found_ignoring_case():
    make_worker(name="Anna李")
    make_worker(name="安娜")  # anna: its key, not its name
    assert found("NN") == {"Anna李"}
    assert found("anna") == {"Anna李", "安娜"}
