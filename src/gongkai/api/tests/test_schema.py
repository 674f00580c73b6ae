"""The OpenAPI schema says what the responses are: nullable fields, arrays, the error
responses of every operation, the limits of the parameters."""

from __future__ import annotations

from typing import Any

import pytest
from drf_spectacular.generators import SchemaGenerator

ERRORS = {"400", "401", "403", "404", "429"}


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return SchemaGenerator().get_schema(request=None, public=True)


def _operations(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, operation)
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
    ]


@pytest.mark.parametrize(
    ("component", "field"),
    [
        ("Document", "effective_from"),
        ("Document", "valid_until"),
        ("DocumentDetail", "valid_until"),
        ("Request", "department"),
    ],
)
def test_fields_that_can_be_null_are_nullable(schema, component, field):
    assert schema["components"]["schemas"][component]["properties"][field]["nullable"]


def test_exchange_export_is_an_array_of_objects(schema):
    response = schema["paths"]["/api/v1/penalties/exchange/"]["get"]["responses"]
    body = response["200"]["content"]["application/json"]["schema"]
    assert body["type"] == "array"
    assert body["items"]["type"] == "object"


def test_every_operation_documents_the_error_responses(schema):
    error = schema["components"]["schemas"]["Error"]
    assert error["required"] == ["code", "message", "detail"]
    operations = _operations(schema)
    assert len(operations) > 40
    for path, method, operation in operations:
        responses = operation["responses"]
        expected = ERRORS | ({"409"} if method != "get" else set())
        assert expected <= set(responses), (method, path)
        for status in expected:
            content = responses[status]["content"]["application/json"]
            assert content["schema"] == {"$ref": "#/components/schemas/Error"}
    throttled = schema["paths"]["/api/v1/pages/"]["get"]["responses"]["429"]
    assert "Retry-After" in throttled["headers"]


def test_list_errors_come_in_the_formats_of_the_list(schema):
    """?format=csv on a list gives its error as CSV too."""
    responses = schema["paths"]["/api/v1/penalties/"]["get"]["responses"]
    assert set(responses["400"]["content"]) == set(responses["200"]["content"])
    assert "text/csv" in responses["400"]["content"]


def _parameter(schema, path, name):
    parameters = schema["paths"][path]["get"]["parameters"]
    return next(p for p in parameters if p["name"] == name)["schema"]


@pytest.mark.parametrize(
    ("path", "name", "minimum", "maximum"),
    [
        ("/api/v1/calendar/working-days/", "n", 0, 366),
        ("/api/v1/foi/report/{year}/", "year", 2008, 9998),
    ],
)
def test_parameter_limits_are_documented(schema, path, name, minimum, maximum):
    parameter = _parameter(schema, path, name)
    assert (parameter["minimum"], parameter["maximum"]) == (minimum, maximum)
