"""Configuration of the workflow as data: bureau settings, holidays, review chains."""

from django.contrib import admin

from .models import Holiday, ReviewChain, ReviewChainStep, TrainingSettings


class ReviewChainStepInline(admin.TabularInline):
    model = ReviewChainStep
    extra = 1


@admin.register(ReviewChain)
class ReviewChainAdmin(admin.ModelAdmin):
    list_display = ["name", "hr_bureau", "organiser_level"]
    inlines = [ReviewChainStepInline]


@admin.register(TrainingSettings)
class TrainingSettingsAdmin(admin.ModelAdmin):
    list_display = ["hr_bureau", "notice_mode", "approval_no_format", "min_working_days", "recognition_days"]


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    list_display = ["date", "name", "is_workday"]
    list_filter = ["is_workday"]
