"""Model fields for what users type, bounded in the model and in every form built from it.

tests/core/test_typed_limits.py walks every model: each DateField is a bounded one (a
`DateRangeValidator`), each TextField has a maximum length enforced in the model.
"""

from django.core.validators import MaxLengthValidator
from django.db import models

from .dates import DateRangeValidator, validate_typed_date
from .text import normalize_phone, validate_phone


class DateField(models.DateField):
    """A typed date: `validate_typed_date` unless a `DateRangeValidator` of its own is given;
    its form field is `core.forms.DateField` (the same range, and the date picker's min/max)."""

    def __init__(self, *args, validators=(), **kwargs) -> None:
        validators = list(validators)
        if not any(isinstance(v, DateRangeValidator) for v in validators):
            validators.append(validate_typed_date)
        super().__init__(*args, validators=validators, **kwargs)

    def formfield(self, **kwargs):
        from .forms import DateField as DateFormField

        ranges = [v for v in self.validators if isinstance(v, DateRangeValidator)]
        return super().formfield(**{"form_class": DateFormField, "validators": ranges, **kwargs})


class TextField(models.TextField):
    """Free text with a maximum length, enforced in the model too (Django's TextField passes
    `max_length` to the form only)."""

    def __init__(self, *args, max_length: int, **kwargs) -> None:
        super().__init__(*args, max_length=max_length, **kwargs)
        self.validators.append(MaxLengthValidator(max_length))


class PhoneField(models.CharField):
    """A phone number, its digits stored in ASCII whatever script they were typed in
    (core.text.normalize_phone), checked by `validate_phone`."""

    default_validators = [validate_phone]

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("max_length", 30)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return normalize_phone(value) if isinstance(value, str) else value
