"""Request-scoped context (request id, client address) for audit rows, without passing request."""

from __future__ import annotations

from contextvars import ContextVar

request_id_var: ContextVar[str] = ContextVar("gongkai_request_id", default="")
client_ip_var: ContextVar[str] = ContextVar("gongkai_client_ip", default="")
