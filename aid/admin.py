from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import AidKindCap


@admin.register(AidKindCap)
class AidKindCapAdmin(SimpleHistoryAdmin):
    """Administrators set the largest amount of one case per kind; no row means no cap.

    Workers, campaigns and cases are kept through the application's own pages (the workflow
    and the masking of ID numbers live there), so they are not in the Django admin.
    """

    list_display = ["kind", "max_amount"]
    ordering = ["kind"]
