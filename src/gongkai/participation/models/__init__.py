"""The models of participation, one file per part (issue 13)."""

from .consultations import *  # noqa: F403
from .incidents import *  # noqa: F403
from .mailbox import *  # noqa: F403
from .meetings import *  # noqa: F403
from .proposals import *  # noqa: F403
