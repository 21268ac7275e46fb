from datetime import date

import pytest
from django.template.loader import render_to_string

from core.audit import histories, history_entries
from unions.models import Union

pytestmark = pytest.mark.django_db


def test_history_shows_who_changed_what_with_labels_and_names(admin_user):
    joint = Union.objects.create(name="商业零售行业联合工会", kind=Union.Kind.JOINT,
                                 established_on=date(2011, 3, 1))
    union = Union(name="嘉荫县百货公司工会", kind=Union.Kind.COLLECTIVE,
                  established_on=date(2005, 1, 1))
    union._history_user = admin_user
    union.save()
    union.kind = Union.Kind.PRIVATE
    union.joint_union = joint
    union._history_user = admin_user
    union.save()

    latest, first = history_entries(union)
    assert latest.who == "王管理"
    assert latest.action == "修改"
    assert {(c.field, c.old, c.new) for c in latest.changes} == {
        ("类型", "集体企业", "私营企业"),
        ("所属行业工会联合会", "—", "商业零售行业联合工会"),
    }
    assert first.action == "创建"
    assert ("名称", "", "嘉荫县百货公司工会") in {(c.field, c.old, c.new) for c in first.changes}


def test_history_queries_do_not_grow_with_changes(django_assert_max_num_queries):
    union = Union.objects.create(name="林业局工会", kind=Union.Kind.STATE_OWNED,
                                 established_on=date(2000, 1, 1))
    for i in range(30):
        union.chair = f"主席{i}"
        union.save()
    with django_assert_max_num_queries(3):
        entries = history_entries(union)
    assert len(entries) == 31


def test_formatters_replace_a_fields_display():
    union = Union.objects.create(name="林业局工会", kind=Union.Kind.STATE_OWNED,
                                 established_on=date(2000, 1, 1), phone="13800001111")
    entries = history_entries(union, formatters={"phone": lambda v: "***"})
    html = render_to_string("core/_history.html", {"entries": entries})
    assert "13800001111" not in html
    assert "***" in html


def test_histories_of_many_records_take_a_fixed_number_of_queries(django_assert_max_num_queries):
    from unions.models import HeadcountReturn

    union = Union.objects.create(name="林业局工会", kind=Union.Kind.STATE_OWNED,
                                 established_on=date(2000, 1, 1))
    returns = [HeadcountReturn.objects.create(union=union, as_of=date(2001 + i, 6, 30),
                                              members=10 + i, employed=10, laid_off=0)
               for i in range(20)]
    for ret in returns:
        ret.members += 1
        ret.save()
    with django_assert_max_num_queries(2):
        result = histories(returns)
    assert len(result) == 20
    assert all(len(entries) == 2 for entries in result.values())
    latest = result[returns[0].pk][0]
    assert [(c.field, c.old, c.new) for c in latest.changes] == [("会员人数", "10", "11")]
