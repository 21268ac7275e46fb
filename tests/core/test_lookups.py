"""Out-of-range integers in `in` lookups match nothing instead of crashing SQLite."""

import pytest
from django import forms

from unions.models import Union


class UnionsForm(forms.Form):
    unions = forms.ModelMultipleChoiceField(queryset=Union.objects.all())
    union = forms.ModelChoiceField(queryset=Union.objects.all())


@pytest.mark.django_db
def test_an_id_no_column_can_hold_matches_nothing():
    assert list(Union.objects.filter(pk__in=[10**30, -(10**30)])) == []


@pytest.mark.django_db
def test_in_range_ids_beside_an_out_of_range_one_still_match():
    union = Union.objects.create(name="测试工会", kind=Union.Kind.PRIVATE,
                                 established_on="2010-01-01")
    assert list(Union.objects.filter(pk__in=[union.pk, 10**30])) == [union]


@pytest.mark.django_db
def test_choice_fields_refuse_a_thirty_digit_id_with_a_form_error():
    huge = "9" * 30
    form = UnionsForm(data={"unions": [huge], "union": huge})
    assert not form.is_valid()
    assert set(form.errors) == {"unions", "union"}
