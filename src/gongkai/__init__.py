"""gongkai (公开): a government-affairs openness platform."""

__version__ = "0.1.0"
