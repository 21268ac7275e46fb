from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import VersionedAdmin

from .models import AidKindCap, ArchiveSettings, LivingStandard


@admin.register(AidKindCap)
class AidKindCapAdmin(SimpleHistoryAdmin):
    """Administrators set the largest amount of one case per kind; no row means no cap.

    Workers, campaigns and cases are kept through the application's own pages (the workflow
    and the masking of ID numbers live there), so they are not in the Django admin.
    """

    list_display = ["kind", "max_amount"]
    ordering = ["kind"]


@admin.register(LivingStandard)
class LivingStandardAdmin(VersionedAdmin, SimpleHistoryAdmin):
    """The county's minimum-living line (低保线) per year, kept by administrators (audited)."""

    list_display = ["year", "monthly_amount"]
    ordering = ["-year"]


@admin.register(ArchiveSettings)
class ArchiveSettingsAdmin(VersionedAdmin, SimpleHistoryAdmin):
    """The archive procedure's county settings (the minimum days of a public notice)."""

    list_display = ["notice_days"]

    def has_add_permission(self, request) -> bool:
        return super().has_add_permission(request) and not ArchiveSettings.objects.exists()
