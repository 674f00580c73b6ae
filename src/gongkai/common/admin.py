from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from .forms import JSONTextField
from .models import AuditEvent, RuleValue
from .services import rule_value_set


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit trail is never edited."""

    list_display = ["seq", "occurred_at", "actor_name", "action", "object_repr"]
    list_filter = ["action"]
    search_fields = ["object_repr", "actor_name", "request_id"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(RuleValue)
class RuleValueAdmin(admin.ModelAdmin):
    list_display = ["key", "valid_from", "value", "note", "created_by"]
    list_filter = ["key"]
    fields = ["key", "valid_from", "value", "note"]
    # The value is JSON typed by an administrator: measured before it is parsed.
    formfield_overrides = {models.JSONField: {"form_class": JSONTextField}}

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def save_model(
        self, request: HttpRequest, obj: RuleValue, form: Any, change: bool
    ) -> None:
        saved = rule_value_set(
            key=obj.key,
            value=obj.value,
            valid_from=obj.valid_from,
            note=obj.note,
            by=request.user,
        )
        obj.pk = saved.pk
