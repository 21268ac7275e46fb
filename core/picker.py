"""Pick one record by typing (a union, a worker) instead of scrolling a dropdown of thousands.

`PickerInput` draws a search box and a hidden input with the chosen record's id.
`core/static/core/picker.js` asks the app's search endpoint as the user types (arrow keys and
Enter pick) and sets the hidden id. Without JavaScript, or when the user types and sends without
picking, the typed text comes back as `Typed` and `PickerChoiceField` resolves it with the app's
matching rule: one match is taken; several are refused with their names listed (in a form), or
all kept (in a list filter, `PickerFilter`). A link or a post with only the id (`?union=5`, the
summary's drill-downs, scripts) works as with a plain select.

The server-side validation stays the model's foreign key: the id must be in the field's queryset.
"""

from collections.abc import Callable

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_filters import ModelChoiceFilter

from .pinyin import TERM_LENGTH, clean_term

SHOWN = 8  # names listed when typed text matches several records
TEXT_SUFFIX, SHOWN_SUFFIX = "_text", "_shown"


class Typed(str):
    """Text typed in a picker's search box and sent without picking a record."""


class PickerInput(forms.Widget):
    """The search box, the chosen record's id (hidden) and the label it was shown with."""

    template_name = "core/widgets/picker.html"

    def __init__(self, search_url: str, attrs=None, placeholder: str = "",
                 search_query: str = "") -> None:
        super().__init__(attrs)
        self.search_url = search_url  # a URL name, reversed when drawn
        self.search_query = search_query  # e.g. "active=1": the endpoint's own narrowing
        self.placeholder = placeholder

    def value_from_datadict(self, data, _files, name):
        chosen = data.get(name) or ""
        if name + TEXT_SUFFIX not in data:  # a link or a post with the id only
            return chosen
        text = clean_term(data.get(name + TEXT_SUFFIX))
        if not text:
            return ""
        if chosen and text == clean_term(data.get(name + SHOWN_SUFFIX)):
            return chosen
        return Typed(text)

    def value_omitted_from_data(self, data, _files, name):
        return name not in data and name + TEXT_SUFFIX not in data

    def format_value(self, value):
        return value

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        record = None
        if isinstance(value, Typed):
            text, chosen = value, ""
        else:
            record = self.choices.field.record_of(value) if value not in (None, "") else None
            chosen = record.pk if record is not None else ""
            text = self.choices.field.label_from_instance(record) if record is not None else ""
        context["widget"].update(
            text=text, chosen=chosen,
            search_url=reverse(self.search_url) + (f"?{self.search_query}"
                                                   if self.search_query else ""),
            detail=self.choices.field.detail_of(record) if record is not None else "",
            placeholder=self.placeholder, text_name=name + TEXT_SUFFIX,
            shown_name=name + SHOWN_SUFFIX, term_length=TERM_LENGTH)
        return context


class PickerChoiceField(forms.ModelChoiceField):
    """A record picked by id, or by typed text matched with `matches(text) -> Q`.

    `several="refuse"` (forms): typed text matching several records is an error naming them;
    `several="all"` (list filters): it stands for all of them (a queryset is the cleaned value).
    """

    default_error_messages = {
        "no_match": _("Nothing matches “%(text)s”. Type part of the name or its pinyin."),
        "several": _("Several match “%(text)s”: %(names)s. Type more of the name, or pick one "
                     "from the list as you type."),
    }

    def __init__(self, queryset, *, matches: Callable[[str], Q], search_url: str,
                 detail: Callable[[object], str] | None = None, several: str = "refuse",
                 placeholder: str = "", search_query: str = "", **kwargs) -> None:
        kwargs.setdefault("widget", PickerInput(search_url, placeholder=placeholder,
                                                search_query=search_query))
        super().__init__(queryset, **kwargs)
        self.matches, self.several, self.detail = matches, several, detail

    def record_of(self, value: object) -> object | None:
        """The record with id `value` among the choices, or None (also for a bad id)."""
        try:
            return self.to_python(value)
        except ValidationError:
            return None

    def detail_of(self, record: object) -> str:
        return self.detail(record) if self.detail is not None else ""

    def to_python(self, value):
        if not isinstance(value, Typed):
            return super().to_python(value)
        found = self.queryset.filter(self.matches(value))
        if self.several == "all":
            if not found.exists():
                raise ValidationError(self.error_messages["no_match"], code="no_match",
                                      params={"text": value})
            return found
        first = list(found[:SHOWN + 1])
        exact = [record for record in first if self.label_from_instance(record) == value]
        if len(first) == 1 or len(exact) == 1:
            return (exact or first)[0]
        if not first:
            raise ValidationError(self.error_messages["no_match"], code="no_match",
                                  params={"text": value})
        names = "、".join(self.label_from_instance(record) for record in first[:SHOWN])
        raise ValidationError(self.error_messages["several"], code="several",
                              params={"text": value, "names": names + ("…" if len(first) > SHOWN
                                                                       else "")})

    def validate(self, value):
        if not isinstance(value, QuerySet):
            super().validate(value)


class MultiplePickerInput(PickerInput):
    """Several records: each chosen one a ticked box (untick to take it out, with or without
    JavaScript), and the search box that adds one more."""

    template_name = "core/widgets/picker_multiple.html"

    def use_required_attribute(self, _initial) -> bool:
        return False  # the search box stays empty when the ticked boxes are the choice

    def value_from_datadict(self, data, _files, name):
        getlist = getattr(data, "getlist", None)
        chosen = list(getlist(name)) if getlist else list(data.get(name) or [])
        text = clean_term(data.get(name + TEXT_SUFFIX))
        return [*chosen, Typed(text)] if text else chosen

    def get_context(self, name, value, attrs):
        context = forms.Widget.get_context(self, name, value, attrs)
        values = [v for v in (value or []) if not isinstance(v, Typed)]
        typed = next((v for v in (value or []) if isinstance(v, Typed)), "")
        field = self.choices.field
        records = field.records_of(values)
        context["widget"].update(
            chosen=[(record.pk, field.label_from_instance(record), field.detail_of(record))
                    for record in records],
            text=typed, search_url=reverse(self.search_url) + (
                f"?{self.search_query}" if self.search_query else ""),
            placeholder=self.placeholder, text_name=name + TEXT_SUFFIX,
            term_length=TERM_LENGTH)
        return context


class PickerMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Records picked one by one as you type; typed text must match exactly one record."""

    default_error_messages = PickerChoiceField.default_error_messages

    def __init__(self, queryset, *, matches: Callable[[str], Q], search_url: str,
                 detail: Callable[[object], str] | None = None, placeholder: str = "",
                 **kwargs) -> None:
        kwargs.setdefault("widget", MultiplePickerInput(search_url, placeholder=placeholder))
        super().__init__(queryset, **kwargs)
        self.matches, self.detail = matches, detail

    def records_of(self, values: list) -> list:
        """The chosen records among the choices (bad ids left out), in name order."""
        ids = [int(v) for v in values if str(v).isdigit() and len(str(v)) <= 18]
        return list(self.queryset.filter(pk__in=ids)) if ids else []

    def detail_of(self, record: object) -> str:
        return self.detail(record) if self.detail is not None else ""

    def clean(self, value):
        value = list(value or [])
        typed = [v for v in value if isinstance(v, Typed)]
        chosen = [v for v in value if not isinstance(v, Typed)]
        for text in typed:
            single = PickerChoiceField(self.queryset, matches=self.matches, search_url="",
                                       widget=forms.HiddenInput)
            single.label_from_instance = self.label_from_instance
            chosen.append(str(single.to_python(text).pk))
        return super().clean(chosen)


class PickerFilter(ModelChoiceFilter):
    """A list filter picking one record as you type; typed text keeps every match."""

    field_class = PickerChoiceField

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("several", "all")
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if isinstance(value, QuerySet):
            return self.get_method(qs)(**{f"{self.field_name}__in": value.values("pk")})
        return super().filter(qs, value)


def pick_in(form: forms.BaseForm, name: str,
            field: PickerChoiceField | PickerMultipleChoiceField) -> None:
    """Put `field` in place of the form's field `name`, keeping its label, help and required."""
    old = form.fields[name]
    field.label, field.required = old.label, old.required
    field.help_text = old.help_text or field.help_text
    field.error_messages.update({key: message for key, message in old.error_messages.items()
                                 if key == "required"})
    form.fields[name] = field
