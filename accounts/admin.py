from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Display"), {"fields": ("full_name",)}),
    )
    list_display = ("username", "full_name", "is_active", "is_staff", "last_login")
    list_filter = ("groups", "is_active", "is_staff")
