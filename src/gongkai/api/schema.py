"""OpenAPI postprocessing: the error responses every operation can give, once.

Every API error has the body ``{code, message, detail}``
(``common.api_errors.exception_handler``). Rather than repeat them on each view, the
hook adds them to every operation of the schema that does not document that status
itself:

- 400 invalid input (a query parameter or body that does not validate);
- 401 a token or session that does not authenticate (sent on any endpoint, public
  ones too: a bad ``Authorization`` header is refused, not ignored);
- 403 not allowed (staff endpoints; CSRF on a session POST);
- 404 nothing there (a path parameter, or a ``?page=`` past the last page);
- 409 a write the object's current state does not allow (``ConflictError``; writes
  only);
- 429 throttled, with ``Retry-After``.
"""

from __future__ import annotations

from typing import Any

ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "Every API error: a stable code, a readable message, the detail.",
    "properties": {
        "code": {"type": "string", "description": "stable error code"},
        "message": {"type": "string", "description": "readable message (Chinese)"},
        "detail": {
            "description": "the detail: a text, or the invalid fields with "
            "their messages"
        },
    },
    "required": ["code", "message", "detail"],
}

ERROR_RESPONSES: dict[str, str] = {
    "400": "Invalid input",
    "401": "Not authenticated, or the credentials were refused",
    "403": "Not allowed",
    "404": "Not found",
    "409": "Not allowed in the current state",
    "429": "Too many requests; retry after the Retry-After seconds",
}

_REF = {"$ref": "#/components/schemas/Error"}


def _error_response(
    status: str, description: str, media_types: list[str]
) -> dict[str, Any]:
    response: dict[str, Any] = {
        "description": description,
        "content": {media_type: {"schema": _REF} for media_type in media_types},
    }
    if status == "429":
        response["headers"] = {
            "Retry-After": {
                "schema": {"type": "integer"},
                "description": "seconds to wait",
            }
        }
    return response


def _media_types(responses: dict[str, Any]) -> list[str]:
    """An error comes in the format asked for: a list asked for as CSV or XLSX
    (``?format=``) gives its error as one row of that format."""
    media_types = ["application/json"]
    for status, response in responses.items():
        if status.startswith("2"):
            for media_type in response.get("content", {}):
                if media_type not in media_types:
                    media_types.append(media_type)
    return media_types


def add_error_responses(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    """drf-spectacular postprocessing hook: the Error schema and the error
    responses on every operation."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = (
        ERROR_SCHEMA
    )
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            for status, description in ERROR_RESPONSES.items():
                if status == "409" and method == "get":
                    continue
                responses.setdefault(
                    status,
                    _error_response(status, description, _media_types(responses)),
                )
    return result
