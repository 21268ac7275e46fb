"""The Django admin's user pages (a fallback: administrators use the application's own user
pages). One name field (姓名), roles by their Chinese names, no per-user permissions (the roles
decide), and "may use the admin" instead of Django's "staff status", which reads like the role
工作人员 in Chinese."""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult

from .models import User, UserEvent
from .roles import Role

ROLE_LABELS = dict(Role.choices)


def role_label(group: Group) -> str:
    return str(ROLE_LABELS.get(group.name, group.name))


class RoleFilter(admin.SimpleListFilter):
    title = _("role")
    parameter_name = "role"

    def lookups(self, request, model_admin):
        return Role.choices

    def queryset(self, request, queryset):
        if self.value() in Role.values:
            return queryset.filter(groups__name=self.value())
        return queryset


class UserEventInline(admin.TabularInline):
    model = UserEvent
    fk_name = "user"
    fields = ("at", "action", "detail", "by")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class AdminSetPasswordForm(AdminPasswordChangeForm):
    """A password an administrator sets is temporary: the user chooses their own next time."""

    def save(self, commit=True):
        self.user.must_change_password = True
        return super().save(commit)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    change_password_form = AdminSetPasswordForm
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Full name"), {"fields": ("full_name",)}),
        (_("Role and access"), {"fields": ("groups", "is_active", "must_change_password",
                                           "is_staff", "is_superuser")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",),
                "fields": ("username", "full_name", "password1", "password2")}),
    )
    list_display = ("username", "full_name", "roles", "is_active", "may_use_admin", "last_login")
    list_filter = (RoleFilter, "is_active")
    search_fields = ("username", "full_name")
    ordering = ("username",)
    filter_horizontal = ()
    readonly_fields = ("last_login", "date_joined")
    inlines = (UserEventInline,)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    def save_model(self, request, obj, form, change):
        if not change:  # created here, like on the user pages: a first password to replace
            obj.must_change_password = True
        super().save_model(request, obj, form, change)
        if not change:
            UserEvent.objects.create(user=obj, action=UserEvent.Action.CREATED, by=request.user)

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            UserEvent.objects.create(user_id=id, action=UserEvent.Action.PASSWORD_RESET,
                                     by=request.user)
        return response

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else ()

    @admin.display(description=_("Role"))
    def roles(self, obj: User) -> str:
        return "、".join(obj.role_labels) or "—"

    @admin.display(description=_("May use the admin"), boolean=True, ordering="is_staff")
    def may_use_admin(self, obj: User) -> bool:
        return obj.is_staff

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "is_staff" and field is not None:
            field.label = _("May use the admin")
            field.help_text = _("Whether the user can sign in to this administration site.")
        return field

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups":
            kwargs["widget"] = forms.CheckboxSelectMultiple
            field = super().formfield_for_manytomany(db_field, request, **kwargs)
            field.label = _("Role")
            field.help_text = _("One role per user: staff, leader or administrator.")
            field.label_from_instance = role_label
            return field
        return super().formfield_for_manytomany(db_field, request, **kwargs)


# Roles are fixed (a migration creates the three groups); their permissions are not used.
admin.site.unregister(Group)
# The background tasks' results (English only, and shown on the import pages): not in the admin.
admin.site.unregister(DBTaskResult)
