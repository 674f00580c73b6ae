"""Workbench pages of the import of historical messages and proposals (the office):
the import pages every module shares (``publishing.import_pages``), told that only
the office imports, choosing the kind of rows and the default handling department
in the form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.accounts.choices import Role
from gongkai.accounts.models import Department
from gongkai.accounts.permissions import has_role
from gongkai.common.errors import PermissionDeniedError
from gongkai.publishing.import_pages import ImportPages

from ..importing import import_runs_visible_to, participation_import


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("导入内容"),
        choices=[
            ("messages", gettext_lazy("历史留言")),
            ("proposals", gettext_lazy("历史建议提案")),
        ],
        widget=forms.RadioSelect,
    )
    department = forms.ModelChoiceField(
        label=gettext_lazy("默认办理处室"), queryset=Department.objects.none()
    )
    file = forms.FileField(label=gettext_lazy("Excel（.xlsx）或 CSV 文件"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(  # type: ignore[attr-defined]
            is_active=True
        )


def check_office(user: Any) -> None:
    """Only the office (reviewers, administrators) imports history."""
    if not has_role(user, Role.REVIEWER, Role.ADMIN):
        raise PermissionDeniedError(
            _("只有公开办可以导入历史留言和建议提案。"), code="import.denied"
        )


IMPORT_PAGES = ImportPages(
    run_import=participation_import,
    runs_visible_to=import_runs_visible_to,
    form=ImportForm,
    template="participation/mailbox/import.html",
    detail_template="participation/mailbox/import_detail.html",
    url_name="participation-staff:import",
    error_file="participation-import",
    check=check_office,
)
