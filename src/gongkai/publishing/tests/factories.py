"""factory_boy factories for pages (set up in any status) and sensitive words."""

from __future__ import annotations

import factory

from gongkai.accounts.tests.factories import DepartmentFactory, UserFactory
from gongkai.publishing.choices import Status, WordLevel
from gongkai.publishing.models import Page, SensitiveWord


class PageFactory(factory.django.DjangoModelFactory):
    """A page row in ``status`` (no revision, no clock: use page_create for those)."""

    class Meta:
        model = Page

    title = factory.Sequence(lambda n: f"网页{n}")
    slug = factory.Sequence(lambda n: f"page-{n}")
    summary = ""
    body = "<p>本机关政府信息公开工作安排。</p>"
    department = factory.SubFactory(DepartmentFactory)
    author = factory.SubFactory(
        UserFactory, department=factory.SelfAttribute("..department")
    )
    status = Status.DRAFT


class SensitiveWordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SensitiveWord
        django_get_or_create = ("word",)

    word = factory.Sequence(lambda n: f"词语{n}")
    level = WordLevel.WARN
