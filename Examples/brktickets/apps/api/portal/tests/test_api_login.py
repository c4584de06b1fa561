import uuid

from django.urls import reverse
from rest_framework import status
from rest_framework.test import APITestCase

from portal import throttle
from tickets.tests import factories

PASSWORD = "opening night"


class LoginApiTests(APITestCase):
    def setUp(self):
        # Failed-login counts live in Redis, shared by every test process: a fresh name per test.
        self.username = f"fan-{uuid.uuid4().hex[:10]}"
        factories.user(self.username, PASSWORD)

    def log_in(self, password=PASSWORD, username=None):
        data = {"username": username or self.username, "password": password}
        return self.client.post(reverse("login"), data, format="json")

    def test_login_succeeds(self):
        response = self.log_in()
        self.assertEqual(response.json(), {"username": self.username})

    def test_login_starts_a_session(self):
        self.log_in()
        self.assertEqual(self.client.get(reverse("me")).status_code, status.HTTP_200_OK)

    def test_wrong_password(self):
        self.assertEqual(self.log_in("wrong").status_code, status.HTTP_400_BAD_REQUEST)

    def test_unknown_user(self):
        response = self.log_in(username=f"ghost-{uuid.uuid4().hex[:8]}")
        self.assertEqual(response.status_code, status.HTTP_400_BAD_REQUEST)

    def test_failures_are_counted(self):
        self.log_in("wrong")
        self.log_in("wrong")
        self.assertEqual(throttle.failures(self.username), 2)

    def test_too_many_failures_lock_the_account(self):
        for _ in range(throttle.LIMIT):
            self.log_in("wrong")
        self.assertEqual(self.log_in().status_code, status.HTTP_429_TOO_MANY_REQUESTS)

    def test_success_resets_the_count(self):
        self.log_in("wrong")
        self.log_in()
        self.assertEqual(throttle.failures(self.username), 0)

    def test_logout_ends_the_session(self):
        self.log_in()
        self.client.post(reverse("logout"))
        self.assertEqual(self.client.get(reverse("me")).status_code, status.HTTP_403_FORBIDDEN)
