"""Every value a user can type is bounded, in every model and every form: these walk them all,
so that a field added later cannot forget (issue 14, items 2 and 11)."""

from importlib import import_module

import pytest
from django import forms
from django.apps import apps
from django.core.validators import MaxLengthValidator
from django.db import models
from django_filters import CharFilter
from django_filters import DateFilter as PlainDateFilter

from core import fields as core_fields
from core import forms as core_forms
from core.dates import DateRangeValidator
from core.lists import DateFilter, ListFilterSet
from core.text import validate_name

PROJECT_APPS = ("accounts", "activities", "aid", "core", "documents", "economy", "pairings",
                "reports", "unions")
# Fields holding the name of someone or something (typed, shown in lists and documents).
NAME_FIELDS = {"name", "full_name", "title", "owner", "chair", "employer", "organisation",
               "counterparty", "cup", "superior"}
# Django's own fields of the user, never typed in our pages (the name shown is `full_name`).
NAME_EXEMPT = {("user", "first_name"), ("user", "last_name")}


def project_fields(kind: type[models.Field]) -> list[tuple[str, models.Field]]:
    found = []
    for app in PROJECT_APPS:
        for model in apps.get_app_config(app).get_models():
            found += [(f"{model._meta.label}.{field.name}", field)
                      for field in model._meta.get_fields()
                      if isinstance(field, kind) and not isinstance(field, models.DateTimeField)]
    return found


DATE_FIELDS = project_fields(models.DateField)
TEXT_FIELDS = project_fields(models.TextField)
CHAR_FIELDS = project_fields(models.CharField)


def test_the_walk_finds_the_fields_it_checks():
    labels = {label for label, _field in DATE_FIELDS + TEXT_FIELDS}
    assert {"aid.AidCase.granted_on", "economy.ValueAddedReturn.period_end",
            "aid.HistoricalAidCase.granted_on", "reports.Summary.opening",
            "aid.AidCase.notes"} <= labels


@pytest.mark.parametrize(("label", "field"), DATE_FIELDS, ids=[f[0] for f in DATE_FIELDS])
def test_every_date_field_is_bounded_in_model_and_form(label, field):
    assert any(isinstance(v, DateRangeValidator) for v in field.validators), label
    assert isinstance(field, core_fields.DateField), label  # its form field is bounded too
    if field.editable:
        assert isinstance(field.formfield(), core_forms.DateField), label


@pytest.mark.parametrize(("label", "field"), TEXT_FIELDS, ids=[f[0] for f in TEXT_FIELDS])
def test_every_text_field_has_a_maximum_length_in_model_and_form(label, field):
    assert field.max_length, label
    assert any(isinstance(v, MaxLengthValidator) and v.limit_value == field.max_length
               for v in field.validators), label
    if field.editable:
        assert field.formfield().max_length == field.max_length, label


NAMES = [(label, field) for label, field in CHAR_FIELDS
         if (field.name in NAME_FIELDS or field.name.endswith("_name"))
         and (field.model._meta.model_name, field.name) not in NAME_EXEMPT]


@pytest.mark.parametrize(("label", "field"), NAMES, ids=[f[0] for f in NAMES])
def test_every_name_field_refuses_invisible_names(label, field):
    assert validate_name in field.validators, label


# -- forms and list filters --

def _subclasses(cls: type) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        found |= {sub} | _subclasses(sub)
    return found


def _project_forms() -> list[type[forms.BaseForm]]:
    for app in PROJECT_APPS:
        for module in ("forms", "filters", "views", "import_views", "edit_views"):
            try:
                import_module(f"{app}.{module}")
            except ModuleNotFoundError as missing:
                if missing.name != f"{app}.{module}":
                    raise
    return sorted((form for form in _subclasses(forms.BaseForm)
                   if form.__module__.split(".")[0] in PROJECT_APPS),
                  key=lambda form: f"{form.__module__}.{form.__qualname__}")


FORMS = _project_forms()


def _declared_by_django(form: type[forms.BaseForm], name: str) -> bool:
    return any(base.__module__.startswith("django.")
               and getattr(base, "base_fields", {}).get(name) is form.base_fields[name]
               for base in form.__mro__[1:])


@pytest.mark.parametrize("form", FORMS, ids=[form.__qualname__ for form in FORMS])
def test_every_form_bounds_its_dates_and_texts(form):
    assert FORMS, "no form found"
    for name, field in form.base_fields.items():
        if _declared_by_django(form, name):
            continue
        if isinstance(field, forms.DateField):
            assert isinstance(field, core_forms.DateField), f"{form.__qualname__}.{name}"
            assert isinstance(field.widget, (core_forms.DateInput, forms.HiddenInput)), name
        if type(field) is forms.CharField:
            assert field.max_length, f"{form.__qualname__}.{name}"


FILTERSETS = sorted(_subclasses(ListFilterSet), key=lambda f: f.__qualname__)


@pytest.mark.parametrize("filterset", FILTERSETS, ids=[f.__qualname__ for f in FILTERSETS])
def test_every_list_filter_bounds_its_dates_and_texts(filterset):
    for name, query in filterset.base_filters.items():
        if isinstance(query, PlainDateFilter):
            assert isinstance(query, DateFilter), f"{filterset.__qualname__}.{name}"
        if isinstance(query, CharFilter):
            assert query.extra.get("max_length"), f"{filterset.__qualname__}.{name}"
