"""Settings for the CI test run."""
from __future__ import annotations

from .base import *  # noqa: F403

DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}

# BEGIN optimize phase-1
# Use faster password hasher for tests (10-100x speedup)
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
]
# END optimize phase-1
