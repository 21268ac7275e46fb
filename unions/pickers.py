"""Unions picked as you type (core.picker): the search behind the box, the form field and the
list filter, one matching rule (unions.filters.union_matches)."""

from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.picker import PickerChoiceField, PickerFilter, PickerMultipleChoiceField
from core.pinyin import clean_term, closest_first

from .filters import union_matches
from .models import Union

SEARCH_LIMIT = 10
SEARCH_URL = "unions:union-search"
PLACEHOLDER = gettext_lazy("Name, pinyin, initials or credit code")


def union_detail(union: Union) -> str:
    """What tells two similar unions apart in the suggestions: kind, credit code, dissolved."""
    parts = [union.get_kind_display()]
    if union.credit_code:
        parts.append(union.credit_code)
    if union.dissolved_on is not None:
        parts.append(_("dissolved"))
    return " · ".join(str(part) for part in parts)


def union_search(data: QueryDict) -> QuerySet[Union]:
    """The first unions matching `q`, closest first; `active=1`: not dissolved; none without q."""
    term = clean_term(data.get("q"))
    if not term:
        return Union.objects.none()
    found = Union.objects.filter(union_matches(term))
    if data.get("active") == "1":
        found = found.filter(dissolved_on__isnull=True)
    return closest_first(found, term).only("pk", "name", "kind", "credit_code",
                                           "dissolved_on")[:SEARCH_LIMIT]


def union_field(queryset: QuerySet[Union] | None = None, *, active_only: bool = False,
                **kwargs: object) -> PickerChoiceField:
    """A form's union, picked as you type; `queryset` still decides what may be saved."""
    return PickerChoiceField(
        Union.objects.order_by("name") if queryset is None else queryset,
        matches=union_matches, search_url=SEARCH_URL, detail=union_detail,
        search_query="active=1" if active_only else "", placeholder=PLACEHOLDER, **kwargs)


def unions_field(queryset: QuerySet[Union] | None = None,
                 **kwargs: object) -> PickerMultipleChoiceField:
    """A form's several unions, each picked as you type."""
    return PickerMultipleChoiceField(
        Union.objects.order_by("name") if queryset is None else queryset,
        matches=union_matches, search_url=SEARCH_URL, detail=union_detail,
        placeholder=PLACEHOLDER, **kwargs)


def union_filter(field_name: str, label: str | None = None) -> PickerFilter:
    """A list's union filter, picked as you type; typed text keeps every union it matches."""
    return PickerFilter(field_name=field_name, label=label or gettext_lazy("union"),
                        queryset=Union.objects.all(), matches=union_matches,
                        search_url=SEARCH_URL, detail=union_detail, placeholder=PLACEHOLDER,
                        required=False)


