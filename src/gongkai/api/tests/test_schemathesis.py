"""The OpenAPI schema against the responses: Schemathesis over every operation.

A bounded run: a fixed number of derandomized examples per operation (valid input,
then invalid input), anonymous and with a staff token, over the demonstration data.
Every response must be no server error and conform to the schema (status code,
content type, headers, body).
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from django.core.cache import caches
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

pytestmark = pytest.mark.django_db

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
# Examples per operation and generation mode; the run stays within about a minute.
EXAMPLES = {GenerationMode.POSITIVE: 6, GenerationMode.NEGATIVE: 3}


def _schema() -> Any:
    spec = SchemaGenerator().get_schema(request=None, public=True)
    schema = schemathesis.openapi.from_dict(spec)
    schema.app = get_wsgi_application()
    return schema


def _run(operation: Any, mode: GenerationMode, headers: dict[str, str]) -> str | None:
    """Run the operation's examples; the first failure's report, or None."""

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES[mode],
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def check(case: Any) -> None:
        case.call_and_validate(headers=headers, checks=CHECKS)

    try:
        check()
    except Unsatisfiable:
        return None  # nothing invalid to send (a free-text path parameter)
    except (Exception, BaseExceptionGroup) as exc:
        return f"{operation.label} ({mode}): {exc}"
    return None


@pytest.fixture
def _keep_connection() -> Any:
    """The WSGI handler closes the database connection after each request; inside
    the test's transaction it must stay open (as Django's test client does it)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.usefixtures("_keep_connection")
@pytest.mark.parametrize("as_staff", [False, True], ids=["anonymous", "staff-token"])
def test_every_operation_conforms_to_the_schema(as_staff: bool) -> None:
    call_command("demo", stdout=None)
    headers = {}
    if as_staff:
        from gongkai.accounts.models import User

        token = Token.objects.create(user=User.objects.get(username="admin"))
        headers = {"Authorization": f"Token {token.key}"}
    failures = []
    for result in _schema().get_all_operations():
        operation = result.ok()
        for mode in EXAMPLES:
            # The anonymous throttle counts in the cache; each operation starts afresh.
            caches["default"].clear()
            failure = _run(operation, mode, headers)
            if failure:
                failures.append(failure)
    assert not failures, "\n\n".join(failures)
