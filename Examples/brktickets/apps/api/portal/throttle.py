"""Counts failed logins per username in Redis, so every process and worker sees the same count."""
from django.core.cache import cache

LIMIT = 5
WINDOW_SECONDS = 300


def _key(username):
    return f"login-failures:{username.lower()}"


def failures(username):
    return cache.get(_key(username), 0)


def record_failure(username):
    key = _key(username)
    if cache.add(key, 1, WINDOW_SECONDS):
        return 1
    return cache.incr(key)


def is_locked(username):
    return failures(username) >= LIMIT


def reset(username):
    cache.delete(_key(username))
