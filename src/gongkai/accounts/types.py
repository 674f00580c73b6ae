"""The type of the acting staff member, for every service's ``by``."""

from __future__ import annotations

from typing import TypeAlias

from .models import User

# A signed-in user with a role (accounts.User). Services check what the role allows;
# ``None`` where a service also runs for the system (cron, imports of history).
Staff: TypeAlias = User

__all__ = ["Staff"]
