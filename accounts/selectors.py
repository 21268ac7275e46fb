"""Reads for the user pages: the list, a user's sign-in lock and their audit."""

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from .models import User, UserEvent


def user_list() -> QuerySet[User]:
    """Every user with their role group (for the label), by username."""
    return User.objects.prefetch_related("groups").order_by("username")


def locked_usernames(usernames: list[str]) -> set[str]:
    """Which of these usernames are locked out of sign-in from some address right now."""
    attempts = AccessAttempt.objects.filter(
        username__in=usernames, failures_since_start__gte=settings.AXES_FAILURE_LIMIT)
    if settings.AXES_COOLOFF_TIME:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME)
    return set(attempts.values_list("username", flat=True))


def failed_attempts(username: str) -> int:
    """Failed sign-ins counted against the username (all addresses, until a success resets)."""
    return sum(AccessAttempt.objects.filter(username=username)
               .values_list("failures_since_start", flat=True))


def user_events(user: User, limit: int = 100) -> list[UserEvent]:
    """The account's audit, newest first, with who did each step."""
    return list(user.events.select_related("by")[:limit])
