"""core.forms.QuickSelect draws exactly what Django's Select draws, without templates."""

import re

import pytest
from django import forms

from core.forms import QuickSelect


def normalised(html: str) -> str:
    return re.sub(r">\s+<", "><", str(html)).strip()


@pytest.mark.parametrize(("choices", "value", "attrs"), [
    ([("", "---------"), ("a", "甲"), ("b", "乙")], "b", {"class": "form-select", "id": "id_x"}),
    ([("", "全部"), (1, "一"), (2, "二")], 1, {"id": "id_x", "aria-invalid": "true"}),
    ([("<&\"'>", "<b>危险 & \"引号\"</b>")], "<&\"'>", {"data-x": "<y>"}),
    ([("组一", [("a", "甲"), ("b", "乙")]), ("c", "丙")], "a", {"required": True,
                                                            "disabled": False}),
    ([], None, {}),
])
def test_it_draws_what_djangos_select_draws(choices, value, attrs):
    django_select = forms.Select(choices=choices).render("x", value, attrs=dict(attrs))
    quick = QuickSelect(choices=choices).render("x", value, attrs=dict(attrs))
    assert normalised(quick) == normalised(django_select)


def test_list_filters_use_it_for_plain_selects(db, rf):
    from aid.filters import CaseFilterSet
    from aid.models import AidCase

    form = CaseFilterSet(data={}, queryset=AidCase.objects.all()).form
    assert type(form.fields["kind"].widget) is QuickSelect
    assert form.fields["kind"].widget.attrs["class"] == "form-select"
    assert 'name="kind"' in str(form["kind"])
