from .consultations import *  # noqa: F403
from .meetings import *  # noqa: F403
