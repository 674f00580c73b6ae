"""Administrator-managed code lists (主题分类, 体裁, 发文机关, 栏目); documents are
read-only here: they change through the workbench so the lifecycle and audit hold."""

from django.contrib import admin

from .models import Column, Document, Genre, Issuer, Topic


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
    list_display = ["name", "slug", "is_special", "order", "is_active"]
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
