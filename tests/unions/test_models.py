"""Every rule of the registry, each with the message a user sees, and the database behind it."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests.support.factories import make_headcount_return, make_union, valid_credit_code
from unions.models import HeadcountReturn, Union

pytestmark = pytest.mark.django_db


def messages_of(obj) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        obj.full_clean()
    return caught.value.message_dict


def test_union_name_is_unique():
    make_union(name="嘉荫县财政局工会")
    assert "名称" in " ".join(messages_of(Union(name="嘉荫县财政局工会", kind="government",
                                                established_on=date(2001, 1, 1)))["name"])
    with pytest.raises(IntegrityError), transaction.atomic():
        make_union(name="嘉荫县财政局工会")


def test_union_kind_must_be_one_of_the_kinds():
    errors = messages_of(Union(name="甲", kind="party", established_on=date(2001, 1, 1)))
    assert "party" in errors["kind"][0]


def test_kind_labels_are_chinese():
    assert [str(label) for label in Union.Kind.labels] == [
        "国有企业", "集体企业", "私营企业", "外资企业", "事业单位", "机关", "社区", "乡镇/街道",
        "行业工会联合会", "其他"]


def test_a_valid_credit_code_is_accepted_and_stored_in_capitals():
    code = valid_credit_code(7)
    union = Union(name="甲", kind="private", established_on=date(2001, 1, 1),
                  credit_code=code.lower())
    union.full_clean()
    assert union.credit_code == code


@pytest.mark.parametrize(("code", "message"), [
    ("91230722MA1B2C3D4", "统一社会信用代码应为18位，此代码为17位。"),
    ("91230722MA1B2C3DIX", "统一社会信用代码中不能含有“I”。"),
    ("9123A722MA1B2C3D4X", "统一社会信用代码第3至8位是行政区划码，必须为数字。"),
    ("812307220000000701", "统一社会信用代码的校验码不正确，请对照营业执照核对。"),
])
def test_a_bad_credit_code_is_rejected_with_a_clear_message(code, message):
    union = Union(name="甲", kind="private", established_on=date(2001, 1, 1), credit_code=code)
    assert messages_of(union)["credit_code"] == [message]


def test_the_credit_code_is_optional_but_unique_when_given():
    make_union(credit_code="")
    make_union(credit_code="")  # many unions without a code
    make_union(credit_code=valid_credit_code(1))
    twin = Union(name="乙", kind="private", established_on=date(2001, 1, 1),
                 credit_code=valid_credit_code(1))
    assert messages_of(twin)["__all__"] == ["已有其他工会使用此统一社会信用代码。"]
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save()


def test_a_union_cannot_be_dissolved_before_it_was_established():
    union = Union(name="甲", kind="private", established_on=date(2010, 5, 1),
                  dissolved_on=date(2010, 4, 30))
    assert messages_of(union)["__all__"] == ["工会的撤销日期不能早于成立日期。"]
    with pytest.raises(IntegrityError), transaction.atomic():
        union.save()


def test_only_an_industry_joint_union_can_be_the_joint_union():
    not_joint = make_union(kind=Union.Kind.PRIVATE)
    union = Union(name="甲", kind="private", established_on=date(2001, 1, 1),
                  joint_union=not_joint)
    assert "joint_union" in messages_of(union)


def test_a_joint_union_cannot_belong_to_another():
    joint = make_union(kind=Union.Kind.JOINT)
    union = Union(name="甲", kind=Union.Kind.JOINT, established_on=date(2001, 1, 1),
                  joint_union=joint)
    assert messages_of(union)["joint_union"] == ["行业工会联合会不能隶属于另一个行业工会联合会。"]


def test_a_joint_union_covering_unions_cannot_change_kind():
    joint = make_union(kind=Union.Kind.JOINT)
    make_union(joint_union=joint)
    joint.kind = Union.Kind.OTHER
    assert "请先将它们调整到其他联合会" in messages_of(joint)["kind"][0]


def test_a_union_with_returns_may_become_a_joint_union():
    # Its returns then count its directly affiliated members (a joint union may carry returns).
    union = make_union()
    make_headcount_return(union)
    union.kind = Union.Kind.JOINT
    union.full_clean()


def test_one_return_per_union_and_date():
    union = make_union()
    make_headcount_return(union, date(2012, 6, 30))
    twin = HeadcountReturn(union=union, as_of=date(2012, 6, 30), members=1, employed=1,
                           laid_off=0)
    assert messages_of(twin)["__all__"] == ["该工会在此日期已有人数记录。"]
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save()


@pytest.mark.parametrize("field", ["members", "employed", "laid_off", "joined"])
def test_counts_cannot_be_negative(field):
    values = {"members": 5, "employed": 5, "laid_off": 0, "joined": 0, field: -1}
    ret = HeadcountReturn(union=make_union(), as_of=date(2012, 6, 30), **values)
    assert messages_of(ret)[field] == ["确保该值大于或等于0。"]
    with pytest.raises(IntegrityError), transaction.atomic():
        ret.save()


def test_members_joined_cannot_exceed_members():
    ret = HeadcountReturn(union=make_union(), as_of=date(2012, 6, 30), members=3, employed=3,
                          laid_off=0, joined=4)
    assert messages_of(ret)["__all__"] == ["新入会会员人数不能超过会员人数。"]
    with pytest.raises(IntegrityError), transaction.atomic():
        ret.save()


def test_a_joint_union_may_carry_a_return_of_its_directly_affiliated_members():
    ret = HeadcountReturn(union=make_union(kind=Union.Kind.JOINT), as_of=date(2012, 6, 30),
                          members=3, employed=3, laid_off=0)
    ret.full_clean()
    ret.save()
    assert ret.union.headcount_returns.get() == ret


def test_a_return_cannot_predate_the_union():
    ret = HeadcountReturn(union=make_union(established_on=date(2012, 4, 18)),
                          as_of=date(2011, 12, 31), members=3, employed=3, laid_off=0)
    assert messages_of(ret)["as_of"] == ["该工会成立于2012-04-18，统计日期不能早于成立日期。"]


def test_a_return_cannot_follow_the_dissolution():
    union = make_union(dissolved_on=date(2011, 10, 31))
    ret = HeadcountReturn(union=union, as_of=date(2011, 12, 31), members=3, employed=3,
                          laid_off=0)
    assert messages_of(ret)["as_of"] == ["该工会已于2011-10-31撤销，统计日期不能晚于撤销日期。"]


def test_workers_are_employed_plus_laid_off():
    assert make_headcount_return(make_union(), employed=30, laid_off=12).workers == 42


def test_active_on_counts_a_union_from_its_founding_until_the_day_before_dissolution():
    union = make_union(established_on=date(2012, 3, 1), dissolved_on=date(2012, 9, 1))
    active = Union.objects.filter(pk=union.pk).active_on
    assert not active(date(2012, 2, 29)).exists()
    assert active(date(2012, 3, 1)).exists()
    assert active(date(2012, 8, 31)).exists()
    assert not active(date(2012, 9, 1)).exists()
