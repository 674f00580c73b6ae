"""Helpers of the common tests."""

from gongkai.common.audit import AuditAction


def act(name: str) -> AuditAction:
    """A throw-away audit action named ``name`` (services use their module's enum)."""
    made: AuditAction = AuditAction("TestAudit", [("ACTION", name)]).ACTION  # type: ignore[call-overload]
    return made
