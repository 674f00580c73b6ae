"""factory_boy factories for the inspections registries."""

from __future__ import annotations

import factory

from gongkai.accounts.tests.factories import DepartmentFactory, UserFactory
from gongkai.inspections.models import InspectionItem, Inspector, Target
from gongkai.inspections.sample import uscc


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    uscc = factory.Sequence(lambda n: uscc(n + 1, region="330102"))
    name = factory.Sequence(lambda n: f"杭州测试{n}有限公司")
    region = "330102"
    industry = "F52"
    risk = "A"
    status = "active"
    last_inspected = None


class InspectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inspector

    code = factory.Sequence(lambda n: f"ZF{n:06d}")
    name = factory.Sequence(lambda n: f"检查员{n}")
    home_region = "330105"
    quals = factory.LazyFunction(lambda: ["F52", "C13"])
    available = True


class ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InspectionItem

    code = factory.Sequence(lambda n: f"SJ-{n:03d}")
    name = "食品经营许可事项检查"
    legal_basis = "《食品安全法》第一百一十条"
    inspecting_body = "市场监督管理局"
    target_type = "食品经营者"
    method = "现场检查"
    department = factory.SubFactory(DepartmentFactory)
    author = factory.SubFactory(UserFactory)
