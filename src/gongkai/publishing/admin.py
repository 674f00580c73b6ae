from django.contrib import admin

from .models import Page, SensitiveWord


@admin.register(SensitiveWord)
class SensitiveWordAdmin(admin.ModelAdmin):
    list_display = ["word", "level", "note"]
    list_filter = ["level"]
    search_fields = ["word"]


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    """Read-only list; pages are edited in the workbench so the lifecycle is kept."""

    list_display = ["title", "slug", "department", "status", "publish_at"]
    list_filter = ["status", "department"]
    search_fields = ["title"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
