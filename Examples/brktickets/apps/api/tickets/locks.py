"""A lock held in Redis through Django's cache, shared by every process and worker."""
import time
import uuid
from contextlib import contextmanager

from django.core.cache import cache


class LockNotAcquired(RuntimeError):
    pass


class RedisLock:
    def __init__(self, name, timeout=10):
        self.key = f"lock:{name}"
        self.timeout = timeout
        self.token = uuid.uuid4().hex

    def acquire(self, wait=0.0, interval=0.01):
        deadline = time.monotonic() + wait
        while True:
            # cache.add is SET NX in Redis: only one holder wins.
            if cache.add(self.key, self.token, self.timeout):
                return True
            if time.monotonic() >= deadline:
                return False
            time.sleep(interval)

    def release(self):
        if cache.get(self.key) == self.token:
            cache.delete(self.key)
            return True
        return False

    @property
    def held(self):
        return cache.get(self.key) == self.token


@contextmanager
def redis_lock(name, timeout=10, wait=0.0):
    lock = RedisLock(name, timeout)
    if not lock.acquire(wait=wait):
        raise LockNotAcquired(name)
    try:
        yield lock
    finally:
        lock.release()
