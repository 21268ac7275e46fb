"""The Django admin under the federation's own name (a fallback for administrators)."""

from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext as _


class GonghuiAdminSite(AdminSite):
    """Headed "<federation>管理" instead of "Django 管理"."""

    def each_context(self, request):
        from reports.models import Federation

        context = super().each_context(request)
        name = Federation.current().name or _("Trade union records")
        title = _("%(name)s administration") % {"name": name}
        context.update(site_header=title, site_title=title, index_title=_("Administration"))
        return context


class GonghuiAdminConfig(AdminConfig):
    default_site = "config.admin.GonghuiAdminSite"
