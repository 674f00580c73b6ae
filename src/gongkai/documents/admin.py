"""Administrator-managed code lists (主题分类, 体裁, 发文机关, 栏目) and the 公开指南
(kept by the openness office, saved through ``guide.guide_update``); documents are
read-only here: they change through the workbench so the lifecycle and audit hold."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from gongkai.accounts.permissions import can_review_content

from .guide import FIELDS, guide_update
from .models import Column, Document, Genre, Guide, Issuer, Topic


@admin.register(Topic, Genre)
class CodeListAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "order", "is_active"]
    list_editable = ["order", "is_active"]
    search_fields = ["code", "name"]


@admin.register(Issuer)
class IssuerAdmin(admin.ModelAdmin):
    list_display = ["name", "org_code", "order"]
    search_fields = ["name"]


@admin.register(Column)
class ColumnAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "slug",
        "is_special",
        "order",
        "is_active",
        "update_period_days",
    ]
    list_filter = ["is_special", "is_active"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["index_number", "title", "doc_number", "status", "validity"]
    list_filter = ["status", "validity", "disclosure", "topic", "genre"]
    search_fields = ["title", "doc_number", "index_number"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Guide)
class GuideAdmin(admin.ModelAdmin):
    """The guide in the order of 条例 第十二条; saving goes through the service."""

    fieldsets = [
        (_("信息的分类与编排"), {"fields": ["classification", "arrangement"]}),
        (_("获取方式"), {"fields": ["proactive_access", "reading_rooms"]}),
        (
            _("依申请公开"),
            {"fields": ["request_how", "request_handling", "fees"]},
        ),
        (_("监督和救济"), {"fields": ["supervision"]}),
        (
            _("政府信息公开工作机构"),
            {
                "fields": [
                    "agency_name",
                    "address",
                    "postcode",
                    "office_hours",
                    "phone",
                    "fax",
                    "email",
                    "website",
                ]
            },
        ),
    ]
    readonly_fields = ["updated_on"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return can_review_content(request.user) and not Guide.objects.exists()

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return can_review_content(request.user)

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        values = {k: v for k, v in form.cleaned_data.items() if k in FIELDS}
        saved = guide_update(by=request.user, **values)
        obj.pk = saved.pk
