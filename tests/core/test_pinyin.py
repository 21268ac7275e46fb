"""core.pinyin: the stored search key of a name and the one matching rule."""

from datetime import date

import pytest

from aid.models import HardshipWorker
from core.pinyin import KEY_LENGTH, TERM_LENGTH, name_matches, pinyin_term, search_key
from tests.support.factories import make_union, make_user, make_worker
from unions.models import HeadcountReturn, Union
from unions.services import returns_import


def test_the_key_holds_full_pinyin_initials_and_the_mixes():
    assert search_key("赵大山") == "zhaodashan zds zdashan zdshan"


def test_characters_that_are_not_han_are_kept_lower_cased():
    assert search_key("ABC木业2号工会") == "abcmuye2haogonghui amy2hgh"


def test_polyphones_take_the_common_reading():
    assert search_key("单桂芝").split()[0] == "danguizhi"


def test_an_empty_or_invisible_name_has_no_key():
    assert search_key("") == ""
    assert search_key("  ·  ") == ""


def test_the_key_of_the_longest_name_fits_its_column():
    assert len(search_key("嘉" * 100)) <= KEY_LENGTH
    assert len(search_key("ABC" * 40)) <= KEY_LENGTH


def test_a_pinyin_term_drops_spaces_and_refuses_anything_but_letters():
    assert pinyin_term(" Zhao Da ") == "zhaoda"
    assert pinyin_term("赵da") == ""
    assert pinyin_term("0021") == ""


@pytest.mark.django_db
@pytest.mark.parametrize("term", ["赵大", "大山", "zhao", "ZHAODASHAN", "zhao da", "zd", "zds",
                                  "zdsh", "zdashan"])
def test_a_worker_is_found_by_characters_full_pinyin_initials_and_mixes(term):
    worker = make_worker(name="赵大山")
    make_worker(name="钱小红")
    assert list(HardshipWorker.objects.filter(name_matches(term))) == [worker]


@pytest.mark.django_db
@pytest.mark.parametrize("term", ["dashan", "ds", "aoda", "zhaox", "shan"])
def test_pinyin_matches_only_from_the_start_of_a_token(term):
    make_worker(name="赵大山")
    assert not HardshipWorker.objects.filter(name_matches(term)).exists()


@pytest.mark.django_db
def test_a_term_is_cut_at_its_bound():
    make_worker(name="赵大山")
    assert HardshipWorker.objects.filter(name_matches("zhao" + "x" * TERM_LENGTH)).count() == 0
    assert HardshipWorker.objects.filter(name_matches("赵" + " " * 200)).count() == 1


@pytest.mark.django_db
def test_the_key_follows_the_name_on_every_save():
    worker = make_worker(name="赵大山")
    union = make_union(name="嘉荫县林业局工会")
    assert worker.name_pinyin.startswith("zhaodashan ")
    assert union.name_pinyin.startswith("jiayinxianlinyejugonghui ")
    worker.name = "钱小红"
    worker.save(update_fields=["name"])
    union.name = "朝阳镇工会"
    union.save()
    worker.refresh_from_db()
    union.refresh_from_db()
    assert worker.name_pinyin.startswith("qianxiaohong ")
    assert union.name_pinyin.startswith("zhaoyangzhengonghui ")


@pytest.mark.django_db
def test_the_demo_workers_written_in_bulk_have_their_key(staff, leader):
    from aid import demo

    for n in range(3):
        make_union(name=f"嘉荫县第{n}基层工会")
    demo.load()
    assert not HardshipWorker.objects.filter(name_pinyin="").exists()
    worker = HardshipWorker.objects.order_by("pk").first()
    assert worker.name_pinyin == search_key(worker.name)


@pytest.mark.django_db
def test_a_renamed_union_in_a_bulk_import_gets_its_new_key():
    union = make_union(name="旧名称工会")
    admin = make_user("admin")
    union.name = "新名称工会"
    returns_import(returns=[HeadcountReturn(union=union, as_of=date(2012, 6, 30), members=1,
                                            employed=1, laid_off=0, joined=0)],
                   by=admin, unions=[union], union_fields=["name"])
    union.refresh_from_db()
    assert union.name_pinyin == search_key("新名称工会")


@pytest.mark.django_db
def test_the_data_migration_fills_the_key_of_existing_rows():
    from importlib import import_module

    from django.apps import apps

    worker = make_worker(name="赵大山")
    union = make_union(name="朝阳镇工会")
    HardshipWorker.objects.filter(pk=worker.pk).update(name_pinyin="")
    Union.objects.filter(pk=union.pk).update(name_pinyin="")
    import_module("aid.migrations.0009_fill_name_pinyin").fill(apps, None)
    import_module("unions.migrations.0007_fill_name_pinyin").fill(apps, None)
    worker.refresh_from_db()
    union.refresh_from_db()
    assert worker.name_pinyin == search_key("赵大山")
    assert union.name_pinyin == search_key("朝阳镇工会")
