from django.contrib import admin

from .models import Professional, RosterImport, Title


@admin.register(Title)
class TitleAdmin(admin.ModelAdmin):
    list_display = ("name", "series", "level")
    list_filter = ("series", "level")


@admin.register(Professional)
class ProfessionalAdmin(admin.ModelAdmin):
    list_display = ("name", "masked_id_number", "unit", "series", "level")
    list_filter = ("series", "level")
    search_fields = ("name",)
    raw_id_fields = ("unit", "region", "title")
    exclude = ("id_number",)
    readonly_fields = ("masked_id_number",)


@admin.register(RosterImport)
class RosterImportAdmin(admin.ModelAdmin):
    list_display = ("filename", "uploaded_by", "status", "total_rows", "created_at")
