from django.contrib import admin

from .models import Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level", "parent", "ruleset_id")
    list_filter = ("level",)
    search_fields = ("code", "name")
    readonly_fields = ("path",)
