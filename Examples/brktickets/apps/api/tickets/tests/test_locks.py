import threading
import uuid

from django.test import SimpleTestCase

from tickets.locks import LockNotAcquired, RedisLock, redis_lock


def lock_name():
    # Redis is shared by every test process: each test uses its own lock name.
    return f"test-{uuid.uuid4().hex}"


class RedisLockTests(SimpleTestCase):
    def test_acquire_then_release(self):
        lock = RedisLock(lock_name())
        self.assertTrue(lock.acquire())
        self.assertTrue(lock.held)
        self.assertTrue(lock.release())
        self.assertFalse(lock.held)

    def test_second_holder_is_refused(self):
        name = lock_name()
        first, second = RedisLock(name), RedisLock(name)
        self.assertTrue(first.acquire())
        self.assertFalse(second.acquire())
        first.release()

    def test_release_by_non_holder_keeps_the_lock(self):
        name = lock_name()
        first, second = RedisLock(name), RedisLock(name)
        first.acquire()
        self.assertFalse(second.release())
        self.assertTrue(first.held)
        first.release()

    def test_lock_is_free_after_release(self):
        name = lock_name()
        with redis_lock(name):
            pass
        self.assertTrue(RedisLock(name).acquire())

    def test_context_manager_refuses_a_held_lock(self):
        name = lock_name()
        with redis_lock(name):
            with self.assertRaises(LockNotAcquired):
                with redis_lock(name):
                    pass

    def test_waiting_acquire_gets_the_lock_when_freed(self):
        name = lock_name()
        holder = RedisLock(name)
        holder.acquire()
        timer = threading.Timer(0.05, holder.release)
        timer.start()
        try:
            self.assertTrue(RedisLock(name).acquire(wait=2))
        finally:
            timer.cancel()

    def test_only_one_of_many_threads_holds_the_lock(self):
        name = lock_name()
        winners = []
        barrier = threading.Barrier(5)

        def contend():
            barrier.wait()
            lock = RedisLock(name)
            if lock.acquire():
                winners.append(lock)

        threads = [threading.Thread(target=contend) for _ in range(5)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(len(winners), 1)
        winners[0].release()
