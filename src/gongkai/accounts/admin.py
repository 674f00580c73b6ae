from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.common.errors import GongkaiError

from .models import Department, EnrolmentLink, User
from .services import enrolment_link_issue


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "head", "is_office", "is_active", "order"]
    search_fields = ["name", "code"]
    raw_id_fields = ["head"]


@admin.register(User)
class StaffAdmin(UserAdmin):
    list_display = ["username", "display_name", "role", "department", "is_active"]
    list_filter = ["role", "department", "is_active"]
    fieldsets = (
        *UserAdmin.fieldsets,
        ("政务公开", {"fields": ("display_name", "role", "department")}),
    )
    actions = ["issue_enrolment_link"]

    @admin.action(description="签发身份验证器绑定链接（一次性）")
    def issue_enrolment_link(
        self, request: HttpRequest, queryset: QuerySet[Any]
    ) -> None:
        for user in queryset:
            try:
                link, token = enrolment_link_issue(user=user, by=request.user)  # type: ignore[arg-type]
            except GongkaiError as exc:
                self.message_user(request, str(exc.message), messages.ERROR)
                return
            url = request.build_absolute_uri(reverse("accounts:enrol", args=[token]))
            until = timezone.localtime(link.expires_at)
            self.message_user(
                request,
                _(
                    "已签发 %(user)s 的绑定链接（只显示这一次，请当面或通过可靠渠道交给本人，"
                    "有效期至 %(until)s）：%(url)s"
                )
                % {
                    "user": user.username,
                    "until": f"{until:%Y-%m-%d %H:%M}",
                    "url": url,
                },
                messages.SUCCESS,
            )


@admin.register(EnrolmentLink)
class EnrolmentLinkAdmin(admin.ModelAdmin):
    """Issued links, for the record; they are issued with the staff list's action."""

    list_display = ["user", "issued_by", "created_at", "expires_at", "used_at"]
    list_filter = ["used_at"]
    search_fields = ["user__username"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
