"""New-media posts on the publishing lifecycle: approval records the three reviews
(三审: 初审、复审、终审; 闽质监〔2017〕126号 task 13 "健全内容发布审核机制")."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from gongkai.publishing import actions
from gongkai.publishing import services as publishing

from . import services
from .forms import ThreeReviewApproveForm


class PostApprove(actions.Approve):
    form_class = ThreeReviewApproveForm

    def execute(
        self,
        *,
        first_review: str,
        second_review: str,
        final_review: str,
        accept_warnings: bool = False,
        **data: Any,
    ) -> Any:
        with transaction.atomic():
            result = publishing.publishing_approve(
                obj=self.obj, by=self.by, accept_warnings=accept_warnings, now=self.now
            )
            services.post_three_review_record(
                post=self.obj,
                first=first_review,
                second=second_review,
                final=final_review,
                by=self.by,
                now=self.now,
            )
        return result


POST_ACTIONS = {"approve": PostApprove}
