"""Shared helpers of the pairing models."""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def not_in_future(value: date | None, field: str) -> dict[str, ValidationError]:
    if value and value > timezone.localdate():
        return {field: ValidationError(_("This date is in the future."), code="future")}
    return {}
