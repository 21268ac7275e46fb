from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.admin import VersionedAdmin, VersionedInline

from .models import HeadcountReturn, Union


class StatusFilter(admin.SimpleListFilter):
    title = _("Status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [("active", _("Active")), ("dissolved", _("Dissolved"))]

    def queryset(self, request, queryset):
        if self.value() == "active":
            return queryset.filter(dissolved_on__isnull=True)
        if self.value() == "dissolved":
            return queryset.filter(dissolved_on__isnull=False)
        return queryset


class HeadcountReturnInline(VersionedInline, admin.TabularInline):
    model = HeadcountReturn
    fields = ("as_of", "members", "employed", "laid_off", "joined", "female_members",
              "migrant_members")
    extra = 0
    ordering = ("-as_of",)


@admin.register(Union)
class UnionAdmin(VersionedAdmin, SimpleHistoryAdmin):
    list_display = ("name", "kind", "credit_code", "chair", "established_on", "dissolved_on",
                    "joint_union")
    list_filter = ("kind", StatusFilter, "legal_person", "joint_union")
    search_fields = ("name", "credit_code", "chair")
    date_hierarchy = "established_on"
    list_select_related = ("joint_union",)
    autocomplete_fields = ("joint_union",)
    inlines = [HeadcountReturnInline]


@admin.register(HeadcountReturn)
class HeadcountReturnAdmin(VersionedAdmin, SimpleHistoryAdmin):
    list_display = ("union", "as_of", "members", "employed", "laid_off", "joined",
                    "female_members", "migrant_members")
    list_filter = ("as_of", "union__kind")
    search_fields = ("union__name", "union__credit_code")
    date_hierarchy = "as_of"
    list_select_related = ("union",)
    autocomplete_fields = ("union",)
