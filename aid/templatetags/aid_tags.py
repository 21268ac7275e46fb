"""Template helpers of the aid pages: status badges, a case's allowed steps, the leader's count."""

from django import template
from django.utils.html import format_html

from .. import selectors
from ..models import AidCase, CaseActions

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


@register.simple_tag
def allowed_actions(case: AidCase, user) -> CaseActions:
    """`{% allowed_actions case user as actions %}`: what `user` may do with `case` now."""
    return case.allowed_actions(user)


@register.simple_tag
def cases_waiting() -> int:
    """Cases submitted and not yet decided (the leader's queue)."""
    return selectors.cases_waiting()
