"""Administration: the editable letter templates only.

Requests are handled in the workbench (where every view of personal data is
audited), never in the admin; the annual report's prose is edited on its page.
"""

from django.contrib import admin

from .models import LetterTemplate
from .services.letters import DEFAULT_TEMPLATES


@admin.register(LetterTemplate)
class LetterTemplateAdmin(admin.ModelAdmin):
    list_display = ["kind", "updated_at"]

    def get_changeform_initial_data(self, request):  # type: ignore[no-untyped-def]
        kind = request.GET.get("kind", "")
        return {"kind": kind, "text": DEFAULT_TEMPLATES.get(kind, "")}
