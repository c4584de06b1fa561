import uuid

from django.test import SimpleTestCase

from portal import throttle


class ThrottleTests(SimpleTestCase):
    def setUp(self):
        self.name = f"throttle-{uuid.uuid4().hex}"

    def tearDown(self):
        throttle.reset(self.name)

    def test_no_failures_at_first(self):
        self.assertEqual(throttle.failures(self.name), 0)

    def test_first_failure_counts_one(self):
        self.assertEqual(throttle.record_failure(self.name), 1)

    def test_failures_accumulate(self):
        for _ in range(3):
            throttle.record_failure(self.name)
        self.assertEqual(throttle.failures(self.name), 3)

    def test_locked_at_the_limit(self):
        for _ in range(throttle.LIMIT):
            throttle.record_failure(self.name)
        self.assertTrue(throttle.is_locked(self.name))

    def test_not_locked_below_the_limit(self):
        for _ in range(throttle.LIMIT - 1):
            throttle.record_failure(self.name)
        self.assertFalse(throttle.is_locked(self.name))

    def test_usernames_are_case_insensitive(self):
        throttle.record_failure(self.name.upper())
        self.assertEqual(throttle.failures(self.name), 1)

    def test_reset_clears(self):
        throttle.record_failure(self.name)
        throttle.reset(self.name)
        self.assertEqual(throttle.failures(self.name), 0)
