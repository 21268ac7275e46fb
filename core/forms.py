"""Form pieces shared by the apps."""

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from .dates import DateRangeValidator, validate_typed_date
from .text import ascii_digits


class DateInput(forms.DateInput):
    """The browser's date picker, limited to `date_range` (set by `DateField`) when it has one:
    `min` and `max` are worked out when the page is drawn, so that "a year after today" moves
    with today."""

    input_type = "date"
    date_range: DateRangeValidator | None = None

    def __init__(self, attrs=None, format="%Y-%m-%d") -> None:
        super().__init__(attrs, format=format)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if self.date_range is not None:
            earliest, latest = self.date_range.bounds()
            widget_attrs = context["widget"]["attrs"]
            widget_attrs.setdefault("min", earliest.isoformat())
            widget_attrs.setdefault("max", latest.isoformat())
        return context


DATE_INPUT = DateInput()


def _attributes(attrs: dict) -> str:
    """HTML attributes as Django's `attrs.html` draws them, in their order: True bare, False
    left out."""
    return format_html_join("", "{}", (
        (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
        for name, value in attrs.items() if value is not False))


class QuickSelect(forms.Select):
    """A `<select>` drawn in Python: the markup of Django's `Select`, without rendering a
    template per option (a list's filters drew every option of every select that way, a large
    part of a list page's time). The choices, selection and attributes are Django's own
    (`get_context`)."""

    def render(self, name, value, attrs=None, renderer=None):  # noqa: ARG002 (no templates)
        widget = self.get_context(name, value, attrs)["widget"]
        parts = []
        for group, options, _index in widget["optgroups"]:
            drawn = format_html_join(
                "", "<option value=\"{}\"{}>{}</option>",
                (("" if option["value"] is None else option["value"],
                  _attributes(option["attrs"]), option["label"]) for option in options))
            parts.append(format_html('<optgroup label="{}">{}</optgroup>', group, drawn)
                         if group else drawn)
        return format_html("<select name=\"{}\"{}>{}</select>", widget["name"],
                           _attributes(widget["attrs"]), mark_safe("".join(parts)))  # noqa: S308 (escaped above)


class DateField(forms.DateField):
    """A typed date: within `validate_typed_date` (or the `DateRangeValidator` given), digits
    of any script accepted (core.text.ascii_digits), the date picker limited to the range."""

    widget = DateInput

    def __init__(self, *, validators=(), **kwargs) -> None:
        validators = list(validators)
        ranges = [v for v in validators if isinstance(v, DateRangeValidator)]
        if not ranges:
            ranges = [validate_typed_date]
            validators.append(validate_typed_date)
        super().__init__(validators=validators, **kwargs)
        self.date_range = ranges[0]
        if isinstance(self.widget, DateInput):
            self.widget.date_range = self.date_range

    def to_python(self, value):
        return super().to_python(ascii_digits(value) if isinstance(value, str) else value)


class PeriodForm(forms.Form):
    """`?start=YYYY-MM-DD&end=YYYY-MM-DD`; both optional, the end not before the start."""

    start = DateField(label=_("From"), required=False)
    end = DateField(label=_("To"), required=False)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            raise forms.ValidationError(_("The period cannot end before it starts."))
        return cleaned
