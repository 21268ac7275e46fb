"""Template helpers of the aid pages: status badges, sortable headers, the leader's count."""

from django import template
from django.utils.html import format_html
from django.utils.http import urlencode

from ..models import AidCase

register = template.Library()

STATUS_CLASSES = {
    AidCase.Status.DRAFT: "text-bg-secondary",
    AidCase.Status.SUBMITTED: "text-bg-warning",
    AidCase.Status.APPROVED: "text-bg-info",
    AidCase.Status.PAID: "text-bg-success",
    AidCase.Status.REJECTED: "text-bg-danger",
}


@register.simple_tag
def status_badge(case: AidCase) -> str:
    return format_html('<span class="badge {}" data-status="{}">{}</span>',
                       STATUS_CLASSES.get(case.status, "text-bg-light"), case.status,
                       case.get_status_display())


@register.simple_tag(takes_context=True)
def sort_header(context, key: str, label: str) -> str:
    """A column header that sorts by `key`, and the other way round when already sorted."""
    current = context.get("sort", "")
    target = f"-{key}" if current == key else key
    query = context.get("filter_query", "")
    href = "?" + "&".join(part for part in (query, urlencode({"sort": target})) if part)
    arrow = "▲" if current == key else "▼" if current == f"-{key}" else ""
    return format_html('<a class="link-dark text-decoration-none" href="{}">{} {}</a>',
                       href, label, arrow)


@register.simple_tag(takes_context=True)
def page_url(context, number: int) -> str:
    """The current list's query (filters and sort) on page `number`."""
    parts = [context.get("filter_query", "")]
    if context.get("sort"):
        parts.append(urlencode({"sort": context["sort"]}))
    parts.append(urlencode({"page": number}))
    return "?" + "&".join(part for part in parts if part)


@register.simple_tag
def cases_waiting() -> int:
    """Cases submitted and not yet decided (the leader's queue)."""
    return AidCase.objects.filter(status=AidCase.Status.SUBMITTED).count()
