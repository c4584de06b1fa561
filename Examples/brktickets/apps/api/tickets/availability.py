"""Event availability, cached in Redis and invalidated by a version counter."""
from django.core.cache import cache
from django.db import connection

TIMEOUT = 60


def _namespace():
    # One Redis may serve several databases (staging, parallel test workers): ids repeat across them.
    return connection.settings_dict["NAME"]


def _version_key(event_id):
    return f"availability-version:{_namespace()}:{event_id}"


def cache_key(event_id):
    version = cache.get_or_set(_version_key(event_id), 1, None)
    return f"availability:{_namespace()}:{event_id}:v{version}"


def compute(event):
    return {
        ticket_type.id: ticket_type.available
        for ticket_type in event.ticket_types.order_by("id")
    }


def availability(event):
    key = cache_key(event.id)
    cached = cache.get(key)
    if cached is not None:
        return cached
    value = compute(event)
    cache.set(key, value, TIMEOUT)
    return value


def invalidate(event_id):
    try:
        cache.incr(_version_key(event_id))
    except ValueError:
        cache.set(_version_key(event_id), 2, None)
