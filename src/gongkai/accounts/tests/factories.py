"""factory_boy factories for departments and staff users."""

from __future__ import annotations

import factory

from gongkai.accounts.choices import Role
from gongkai.accounts.models import Department, User


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"处室{n}")
    code = factory.Sequence(lambda n: f"dept-{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")
    role = Role.STAFF
    department = factory.SubFactory(DepartmentFactory)
    password = factory.django.Password("pw-factory-user")
