from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import VersionedAdmin

from .models import (
    Beneficiary,
    FundEntry,
    Helper,
    Pairing,
    PairingHelper,
    Programme,
    Project,
    Round,
)


@admin.register(Programme)
class ProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind"]


@admin.register(Round)
class RoundAdmin(VersionedAdmin, SimpleHistoryAdmin):
    list_display = ["name", "programme", "starts_on", "ends_on", "exit_target"]
    list_filter = ["programme"]


@admin.register(Helper)
class HelperAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "organisation"]
    list_filter = ["kind"]
    search_fields = ["name", "organisation"]


@admin.register(Beneficiary)
class BeneficiaryAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "kind", "description"]
    list_filter = ["kind"]
    search_fields = ["name", "worker__name"]
    raw_id_fields = ["worker"]


class PairingHelperInline(admin.TabularInline):
    model = PairingHelper
    extra = 0
    raw_id_fields = ["helper"]


@admin.register(Pairing)
class PairingAdmin(VersionedAdmin, SimpleHistoryAdmin):
    list_display = ["beneficiary", "round", "paired_on", "status", "closed_on"]
    list_filter = ["round", "status"]
    list_select_related = ["beneficiary__worker", "round"]
    raw_id_fields = ["beneficiary"]
    inlines = [PairingHelperInline]


@admin.register(Project)
class ProjectAdmin(VersionedAdmin, SimpleHistoryAdmin):
    list_display = ["name", "sector", "pairing", "started_on"]
    list_filter = ["sector"]
    raw_id_fields = ["pairing"]


@admin.register(FundEntry)
class FundEntryAdmin(VersionedAdmin, SimpleHistoryAdmin):
    """Read-only here: ledger lines go through the pages, where the balance rule is enforced."""

    list_display = ["entered_on", "round", "kind", "amount", "counterparty"]
    list_filter = ["round", "kind"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
