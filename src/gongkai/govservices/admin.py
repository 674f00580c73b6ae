from django.contrib import admin

from .models import PowerItem, ServiceItem


@admin.register(ServiceItem)
class ServiceItemAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "implementation_code", "status", "online_level")
    search_fields = ("name", "implementation_code")

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False  # writes go through the services (audited)


@admin.register(PowerItem)
class PowerItemAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("code", "name", "power_type", "department")

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False
