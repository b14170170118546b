"""Settings for a developer's machine: DEBUG on, console email and SMS."""

from .base import *  # noqa: F403
from .environment import env_bool

DEBUG = env_bool("DEBUG", True)

# Serve static files straight from the apps while developing (no collectstatic needed).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
