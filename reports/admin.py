from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import VersionedAdmin

from .models import Federation, Publication, Summary


@admin.register(Federation)
class FederationAdmin(admin.ModelAdmin):
    list_display = ("name", "county", "addressee")

    def has_add_permission(self, request):
        return not Federation.objects.exists()  # a single row

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Summary)
class SummaryAdmin(VersionedAdmin, SimpleHistoryAdmin):
    """Read-only: staff and leaders write the narrative on the summary page (DESIGN §4)."""

    list_display = ("year", "half", "updated_at")
    list_filter = ("half",)
    search_fields = ("year",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    """Read-only: a published version never changes."""

    list_display = ("summary", "number", "published_by", "published_at")
    list_filter = ("summary__year", "summary__half")
    readonly_fields = ("summary", "number", "document", "published_by", "published_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
