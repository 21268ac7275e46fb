"""Template helpers shared by every app: role checks, money in 元/万元, list sorting and pages."""

from decimal import Decimal

from django import template
from django.utils.html import format_html
from django.utils.http import urlencode

from accounts.roles import has_role as _has_role
from core.money import wan, yuan

register = template.Library()


@register.filter
def has_role(user, roles: str) -> bool:
    """`{% if user|has_role:"staff,admin" %}`."""
    return _has_role(user, *[r.strip() for r in roles.split(",")])


@register.filter(name="yuan")
def yuan_filter(amount: Decimal | None) -> str:
    return yuan(amount)


@register.filter(name="wan")
def wan_filter(amount: Decimal | None, places: int = 2) -> str:
    return wan(amount, places=int(places))


def _joined(*parts: str) -> str:
    return "?" + "&".join(part for part in parts if part)


@register.simple_tag(takes_context=True)
def sort_header(context, key: str, label: str) -> str:
    """A column header of a `core.lists` list that sorts by `key` (again: the other way)."""
    current = context.get("sort", "")
    target = f"-{key}" if current == key else key
    href = _joined(context.get("list_query", ""), urlencode({"sort": target}))
    state = "asc" if current == key else "desc" if current == f"-{key}" else ""
    arrow = {"asc": "▲", "desc": "▼"}.get(state, "")
    return format_html(
        '<a class="link-dark text-decoration-none" href="{}" data-sort="{}">{} {}</a>',
        href, state, label, arrow)


@register.simple_tag(takes_context=True)
def page_url(context, number: int) -> str:
    """The current list (filters and sort) on page `number`; the default order needs no `sort`."""
    sort = context.get("sort", "")
    sorting = getattr(context.get("filter"), "filters", {}).get("sort")
    if sort == getattr(sorting, "default", None):
        sort = ""
    return _joined(context.get("list_query", ""), urlencode({"sort": sort}) if sort else "",
                   urlencode({"page": number}))
