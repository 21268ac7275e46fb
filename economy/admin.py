from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import VersionedAdmin

from .models import AnnualTarget, Household, SupportGrant, ValueAddedReturn


@admin.register(Household)
class HouseholdAdmin(VersionedAdmin, SimpleHistoryAdmin):
    list_display = ("owner", "business", "sector", "union", "started_on", "closed_on")
    list_filter = ("sector", "owner_status")
    search_fields = ("owner", "business", "union__name")
    list_select_related = ("union",)


@admin.register(ValueAddedReturn)
class ValueAddedReturnAdmin(VersionedAdmin, SimpleHistoryAdmin):
    list_display = ("period_start", "period_end", "sector", "union", "household", "value_added")
    list_filter = ("sector",)
    search_fields = ("union__name", "household__owner")
    list_select_related = ("union", "household")
    date_hierarchy = "period_end"


@admin.register(AnnualTarget)
class AnnualTargetAdmin(VersionedAdmin, SimpleHistoryAdmin):
    list_display = ("year", "value_added")


@admin.register(SupportGrant)
class SupportGrantAdmin(VersionedAdmin, SimpleHistoryAdmin):
    list_display = ("granted_on", "household", "amount", "purpose")
    search_fields = ("household__owner", "purpose")
    list_select_related = ("household",)
    date_hierarchy = "granted_on"
