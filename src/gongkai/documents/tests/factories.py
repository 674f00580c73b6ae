"""factory_boy factories of the catalogue (rows in any status; services for flows)."""

from __future__ import annotations

import datetime as dt

import factory

from gongkai.accounts.tests.factories import DepartmentFactory, UserFactory
from gongkai.core.doc_numbers import doc_number_key
from gongkai.documents.models import (
    Column,
    Document,
    DocumentIssuer,
    Genre,
    Interpretation,
    Issuer,
    Topic,
)
from gongkai.publishing.choices import Status

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


class IssuerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Issuer
        django_get_or_create = ("name",)

    name = "福建省市场监督管理局"
    org_code = "11350000003591037R"


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("code",)

    code = "zhzw"
    name = "综合政务"


class GenreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Genre
        django_get_or_create = ("code",)

    code = "06"
    name = "通知"


class ColumnFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Column
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"column-{n}")
    name = factory.Sequence(lambda n: f"栏目{n}")


class DocumentFactory(factory.django.DjangoModelFactory):
    """A document row; ``published=True`` makes it public from T0."""

    class Meta:
        model = Document
        skip_postgeneration_save = True

    class Params:
        published = factory.Trait(status=Status.PUBLISHED, publish_at=T0)

    title = factory.Sequence(lambda n: f"关于开展产品质量监督抽查工作的通知{n}")
    index_number = factory.Sequence(lambda n: f"11350000003591037R/2026-{n + 1:05d}")
    body = "<p>各设区市质量技术监督局：现将抽查工作安排通知如下。</p>"
    doc_number = ""
    doc_number_key = factory.LazyAttribute(lambda o: doc_number_key(o.doc_number))
    written_on = dt.date(2026, 2, 27)
    department = factory.SubFactory(DepartmentFactory)
    author = factory.SubFactory(
        UserFactory, department=factory.SelfAttribute("..department")
    )
    status = Status.DRAFT
    topic = factory.SubFactory(TopicFactory)
    genre = factory.SubFactory(GenreFactory)

    @factory.post_generation
    def issuers(
        self, create: bool, extracted: list[Issuer] | None, **kwargs: object
    ) -> None:
        if not create:
            return
        for n, issuer in enumerate(extracted or [IssuerFactory()]):
            DocumentIssuer.objects.create(document=self, issuer=issuer, position=n)


class InterpretationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interpretation

    policy = factory.SubFactory(DocumentFactory)
    title = factory.LazyAttribute(lambda o: f"《{o.policy.title}》政策解读")
    body = "<p>一、出台背景。二、主要内容。</p>"
    department = factory.SelfAttribute("policy.department")
    author = factory.SelfAttribute("policy.author")
    status = Status.DRAFT
