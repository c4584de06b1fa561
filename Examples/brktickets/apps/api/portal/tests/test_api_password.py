from django.urls import reverse
from rest_framework import status
from rest_framework.test import APITestCase

from tickets.tests import factories


class PasswordChangeApiTests(APITestCase):
    def setUp(self):
        self.user = factories.user("changer", "first password 1")
        self.client.login(username="changer", password="first password 1")

    def change(self, old="first password 1", new="second password 2"):
        return self.client.post(reverse("password"), {"old_password": old, "new_password": new}, format="json")

    def test_change_password(self):
        self.assertEqual(self.change().status_code, status.HTTP_204_NO_CONTENT)
        self.user.refresh_from_db()
        self.assertTrue(self.user.check_password("second password 2"))

    def test_session_survives_the_change(self):
        self.change()
        self.assertEqual(self.client.get(reverse("me")).status_code, status.HTTP_200_OK)

    def test_wrong_old_password(self):
        self.assertEqual(self.change(old="guess").status_code, status.HTTP_400_BAD_REQUEST)

    def test_new_password_is_validated(self):
        self.assertEqual(self.change(new="short").status_code, status.HTTP_400_BAD_REQUEST)

    def test_old_password_stops_working(self):
        self.change()
        self.client.logout()
        self.assertFalse(self.client.login(username="changer", password="first password 1"))
