"""What the activity pages read."""

from django.db.models import QuerySet

from unions.models import Union

from .models import Activity


def activity_list() -> QuerySet[Activity]:
    """Activities, the latest first (filtered by activities.filters)."""
    return Activity.objects.order_by("-held_on", "pk")


def participating_unions(activity: Activity) -> QuerySet[Union]:
    """The unions that sent participants to `activity`, by name."""
    return activity.unions.order_by("name")
