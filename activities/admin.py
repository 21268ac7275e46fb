from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import VersionedAdmin

from .models import Activity


@admin.register(Activity)
class ActivityAdmin(VersionedAdmin, SimpleHistoryAdmin):
    list_display = ("held_on", "title", "kind", "level", "edition", "cup")
    list_filter = ("kind", "level")
    search_fields = ("title", "cup", "co_organisers", "awards")
    filter_horizontal = ("unions",)
    date_hierarchy = "held_on"
