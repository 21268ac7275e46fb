"""Every form of the project, fed hostile input by Hypothesis: long strings, full-width digits,
emoji, right-to-left text, NUL bytes, negative and huge numbers, malformed dates, missing fields.

Each submission either saves records that pass `full_clean()` or comes back as the form with its
errors; never a 500 (the test client re-raises any exception) and never an invalid row.
"""

import uuid
from decimal import Decimal

import pytest
from django import forms
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from tests.security.catalogue import project_pages, url_for
from tests.security.on_demo.test_access_matrix import EXPECTED

pytestmark = pytest.mark.django_db

NASTY_TEXT = [
    "", " ", "x" * 10_000, "１２３４５６", "０", "😀👨‍👩‍👧‍👦", "\u202eمرحبا\u202c", "שלום",
    "a\x00b", "\x00", "<script>alert(1)</script>", "=HYPERLINK(\"http://x\",\"y\")",
    "'; DROP TABLE aid_aidcase; --", "\ufeff", "𠜎𠜱𠝹", "\r\n\t",
]
NASTY_NUMBERS = [
    "-1", "0", "-0", "1e999", "-1e999", "NaN", "Infinity", "9" * 40, "-" + "9" * 40,
    "0.001", "1,000", "１０", "3.14159", "99999999999999.99", "1e-999", "0x10", "½",
]
NASTY_DATES = [
    "2012-02-30", "2012-13-01", "0000-00-00", "9999-12-31", "0001-01-01", "２０１２-０１-０１",
    "2012/06/30", "30.06.2012", "yesterday", "2012-6-1", "-2012-01-01", "20120630",
]

texts = st.one_of(st.sampled_from(NASTY_TEXT),
                  st.text(st.characters(exclude_categories=("Cs",)), max_size=300))
numbers = st.one_of(st.sampled_from(NASTY_NUMBERS), st.integers().map(str),
                    st.decimals(allow_nan=True, allow_infinity=True).map(str), texts)
dates = st.one_of(st.sampled_from(NASTY_DATES), st.dates().map(str), texts)
# The same page as the access matrix: the first role allowed to use it.
ROLE_ORDER = ("staff", "admin", "leader")


def value_strategy(field: forms.Field):
    """Valid values mixed with hostile ones, for one form field."""
    if isinstance(field, forms.ModelMultipleChoiceField | forms.ModelChoiceField):
        pks = [str(pk) for pk in field.queryset.values_list("pk", flat=True)[:30]]
        single = st.one_of(st.sampled_from(pks or ["1"]),
                           st.sampled_from(["-1", "0", "9" * 30, "abc", "１"]))
        if isinstance(field, forms.ModelMultipleChoiceField):
            return st.lists(single, max_size=4)
        return single
    if isinstance(field, forms.MultipleChoiceField):
        choices = [str(value) for value, _label in field.choices] or ["x"]
        return st.lists(st.one_of(st.sampled_from(choices), texts), max_size=4)
    if isinstance(field, forms.ChoiceField):
        choices = [str(value) for value, _label in field.choices] or ["x"]
        return st.one_of(st.sampled_from(choices), texts)
    if isinstance(field, forms.BooleanField):
        return st.sampled_from(["on", "", "false", "０"])
    if isinstance(field, forms.DateField | forms.DateTimeField):
        return dates
    if isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        return numbers
    if isinstance(field, forms.UUIDField):
        return st.one_of(st.uuids().map(str), texts)
    return texts


def form_pages() -> list:
    """Pages that render a form on GET (create, edit, dissolve, narrative, batch visits...);
    the import pages take files, fuzzed in test_fuzz_imports.py."""
    return [page for page in project_pages()
            if page.name in EXPECTED and page.accepts_post
            and hasattr(getattr(page.view, "view_class", None), "get")
            and "importer_class" not in getattr(page.view, "view_initkwargs", {})]


def as_posted(bound: forms.BoundField):
    """What the browser would send back for a field of the form as it was opened."""
    value = bound.value()
    if value is None:
        return None
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    if isinstance(bound.field, forms.BooleanField):
        return "on" if value else None
    return bound.field.widget.format_value(value) if not isinstance(value, str) else value


def model_of(view_class, form) -> type | None:
    return getattr(view_class, "model", None) or getattr(getattr(form, "_meta", None),
                                                         "model", None)


def baseline_values(page, form, names: list[str], client: Client, demo) -> dict:
    """The values the examples start from, so that many of them really save.

    On an edit page the form as opened is valid: keep some fields as they were. A create page
    starts from the values of an existing record of the same kind.
    """
    baseline = {name: as_posted(form[name]) for name in names}
    pages = {p.name: p for p in project_pages()}
    sibling = pages.get(page.name.replace("-create", "-update"))
    if page.name.endswith("-create") and sibling is not None:
        existing = client.get(url_for(sibling, demo["objects"], demo["users"]["admin"]))
        baseline.update({name: as_posted(existing.context["form"][name]) for name in names
                         if name in existing.context["form"].fields})
    return baseline


@pytest.mark.parametrize("page", form_pages(), ids=lambda page: page.name)
def test_every_form_saves_a_valid_record_or_shows_errors(page, demo):
    role = next(role for role in ROLE_ORDER if role in EXPECTED[page.name])
    client = Client()  # raises any exception of the view: a 500 fails the test
    client.force_login(demo["users"][role])
    url = url_for(page, demo["objects"], demo["users"]["admin"])
    opened = client.get(url)
    assert opened.status_code == 200
    form = opened.context.get("form")
    assert form is not None
    model = model_of(page.view.view_class, form)
    instance = getattr(form, "instance", None)
    names = [name for name in form.fields if name not in ("submission_token", "version")]
    baseline = baseline_values(page, form, names, client, demo)

    # Examples, deadline and health checks: the Hypothesis profile in tests/conftest.py.
    @given(changed=st.fixed_dictionaries(
               {}, optional={name: value_strategy(form.fields[name]) for name in names}),
           dropped=st.sets(st.sampled_from(names)) if names else st.just(set()),
           token=st.one_of(st.uuids().map(str), st.just("not-a-uuid")))
    def submit(changed, dropped, token):
        data = {name: value for name, value in baseline.items()
                if name not in dropped and value is not None}
        data.update(changed)
        if "submission_token" in form.fields:
            data["submission_token"] = token if token != "not-a-uuid" else str(uuid.uuid4())
        if "version" in form.fields and instance is not None and instance.pk:
            data["version"] = type(instance).objects.values_list(
                "version", flat=True).get(pk=instance.pk)
        before = set(model.objects.values_list("pk", flat=True)) if model else set()
        response = client.post(url, data)
        assert response.status_code in (200, 302), response.status_code
        outcomes.append(response.status_code)
        if model is None:
            return
        changed = model.objects.exclude(pk__in=before)
        if instance is not None and instance.pk:
            changed = changed | model.objects.filter(pk=instance.pk)
        for record in changed:
            record.full_clean()  # an invalid record in the database fails here
            for field in record._meta.concrete_fields:
                value = getattr(record, field.attname)
                if isinstance(value, str):
                    assert "\x00" not in value, field.name
                if isinstance(value, Decimal):
                    assert value.is_finite(), field.name

    outcomes: list[int] = []
    submit()
    # Hostile input was shown back as errors at least once (a confirmation has no field).
    assert 200 in outcomes or not names
