"""Settings for a developer's machine: DEBUG on, console email and SMS."""

from .base import *  # noqa: F403
from .environment import env_bool

DEBUG = env_bool("DEBUG", True)
