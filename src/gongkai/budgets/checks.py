"""System checks (``gongkai check``, and before ``migrate``): a table set file that
cannot be used is an error, so a deployment stops on it, although the pages go on
without it (``selectors.tablesets`` leaves it out); a configured folder that does
not exist is a warning."""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Error, Warning, register
from django.utils.translation import gettext as _

from .selectors import tableset_dirs, tableset_problems


@register()
def tableset_files_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """The table set files left out, each with its reason; missing folders."""
    out: list[CheckMessage] = [
        Error(
            _("预决算表样文件 %(path)s 无法使用：%(reason)s")
            % {"path": problem.path, "reason": problem.reason},
            hint=_("改正或移走该文件；在此之前，预决算使用内置的和其他有效的表样。"),
            id="budgets.E001",
        )
        for problem in tableset_problems()
    ]
    for folder in tableset_dirs()[1:]:
        if not folder.is_dir():
            out.append(
                Warning(
                    _("GONGKAI_BUDGET_TABLESET_DIRS 中的 %s 不存在或不是目录。")
                    % folder,
                    id="budgets.W001",
                )
            )
    return out
