from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "display_name", "role", "region", "is_active")
    list_filter = ("role", "is_active")
    fieldsets = (
        *BaseUserAdmin.fieldsets,  # type: ignore[misc]
        ("角色与管辖范围", {"fields": ("role", "display_name", "region", "hr_bureau", "industry_authority", "employer_unit", "provider", "professional")}),
    )
    raw_id_fields = ("region", "hr_bureau", "industry_authority", "employer_unit", "provider", "professional")
