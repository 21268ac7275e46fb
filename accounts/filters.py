"""The filters of the user list: `?q=&role=&active=&sort=`."""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import CharFilter, ChoiceFilter

from core.lists import ListFilterSet, SortFilter

from .models import User
from .roles import Role

ACTIVE_CHOICES = (("yes", _("Enabled")), ("no", _("Deactivated")))


class UserFilterSet(ListFilterSet):
    q = CharFilter(label=_("Username or name"), max_length=100, method="search")
    role = ChoiceFilter(label=_("Role"), choices=Role.choices, field_name="groups__name",
                        empty_label=_("All roles"))
    active = ChoiceFilter(label=_("Status"), choices=ACTIVE_CHOICES, method="filter_active",
                          empty_label=_("Active and deactivated"))
    sort = SortFilter(fields={"username": "username", "full_name": "name",
                              "last_login": "last_login"},
                      default="username", nulls_last=True)

    class Meta:
        model = User
        fields = ()

    def search(self, queryset: QuerySet, _name: str, value: str) -> QuerySet:
        return queryset.filter(Q(username__icontains=value) | Q(full_name__icontains=value))

    def filter_active(self, queryset: QuerySet, _name: str, value: str) -> QuerySet:
        return queryset.filter(is_active=value == "yes")
