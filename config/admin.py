"""The Django admin under the federation's own name (a fallback for administrators)."""

from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

# Django's admin (5.2) asks for these, but its zh_Hans catalogue has no translation yet: ours
# (locale/) supplies them. The JavaScript ones (the two-box selector) are in locale/'s djangojs.
ADMIN_LEFTOVERS = (
    gettext_noop("Model name"), gettext_noop("Add link"), gettext_noop("Change or view list link"),
    gettext_noop("Error:"), gettext_noop("Forgotten your login credentials?"),
    gettext_noop("In case you’ve forgotten, you are:"),  # noqa: RUF001 (Django's msgid)
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),  # noqa: RUF001
)


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
