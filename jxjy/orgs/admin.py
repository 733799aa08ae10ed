from django.contrib import admin

from .models import EmployerUnit, HRBureau, IndustryAuthority, Provider


@admin.register(HRBureau)
class HRBureauAdmin(admin.ModelAdmin):
    list_display = ("name", "region", "phone")
    search_fields = ("name",)


@admin.register(IndustryAuthority)
class IndustryAuthorityAdmin(admin.ModelAdmin):
    list_display = ("name", "sector", "region")
    list_filter = ("sector",)
    search_fields = ("name",)


@admin.register(EmployerUnit)
class EmployerUnitAdmin(admin.ModelAdmin):
    list_display = ("name", "credit_code", "region", "sector", "ownership", "supervising_authority")
    list_filter = ("sector", "ownership")
    search_fields = ("name", "credit_code")
    raw_id_fields = ("region", "supervising_authority")


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):
    list_display = ("name", "credit_code", "region")
    search_fields = ("name", "credit_code")
