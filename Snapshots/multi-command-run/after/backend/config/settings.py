# -*- coding: utf-8 -*-
from __future__ import annotations

import os, sys

DEBUG = False
SECRET_KEY = os.environ.get('SECRET_KEY', 'dev')


def _env_list(name: str) -> list[str]:
    return [item for item in os.environ.get(name, '').split(',') if item]


ALLOWED_HOSTS = _env_list('ALLOWED_HOSTS')

try:
    from .local_settings import *  # noqa: F401,F403
except ImportError:
    pass

# BEGIN optimize phase-1
if 'test' in sys.argv or 'pytest' in sys.modules:
    # Use faster password hasher for tests (10-100x speedup)
    PASSWORD_HASHERS = [
        'django.contrib.auth.hashers.MD5PasswordHasher',
    ]
# END optimize phase-1
