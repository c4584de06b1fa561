from __future__ import annotations

SECRET_KEY = "base"
DEBUG = False
