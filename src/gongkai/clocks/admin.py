from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import CalendarYear, Clock, HolidayDay


@admin.register(Clock)
class ClockAdmin(admin.ModelAdmin):
    list_display = ["title", "rule_key", "department", "state", "due_at", "provisional"]
    list_filter = ["rule_key", "state", "provisional"]
    readonly_fields = [f.name for f in Clock._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(HolidayDay)
class HolidayDayAdmin(admin.ModelAdmin):
    """Shown for reference; edit a whole year with ``gongkai calendar import`` so
    every open clock is recomputed and the change is audited."""

    list_display = ["day", "kind", "name"]
    list_filter = ["kind"]
    date_hierarchy = "day"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(CalendarYear)
class CalendarYearAdmin(HolidayDayAdmin):
    list_display = ["year", "source", "updated_at"]
    list_filter = []
    date_hierarchy = None
