from django.contrib.auth import get_user_model
from django.urls import reverse
from rest_framework import status
from rest_framework.test import APITestCase


class SignupApiTests(APITestCase):
    def sign_up(self, **fields):
        data = {"username": "newfan", "email": "fan@example.com", "password": "a long passphrase", **fields}
        return self.client.post(reverse("signup"), data, format="json")

    def test_sign_up(self):
        response = self.sign_up()
        self.assertEqual(response.status_code, status.HTTP_201_CREATED)
        self.assertEqual(response.json(), {"username": "newfan"})

    def test_password_is_not_echoed(self):
        self.assertNotIn("password", self.sign_up().json())

    def test_new_user_can_log_in(self):
        self.sign_up()
        self.assertTrue(self.client.login(username="newfan", password="a long passphrase"))

    def test_taken_username(self):
        self.sign_up()
        self.assertEqual(self.sign_up(email="other@example.com").status_code, status.HTTP_400_BAD_REQUEST)

    def test_short_password(self):
        response = self.sign_up(password="abc")
        self.assertEqual(response.status_code, status.HTTP_400_BAD_REQUEST)
        self.assertIn("password", response.json())

    def test_invalid_email(self):
        self.assertEqual(self.sign_up(email="not-an-email").status_code, status.HTTP_400_BAD_REQUEST)

    def test_nothing_is_created_on_error(self):
        self.sign_up(phone="letters")
        self.assertFalse(get_user_model().objects.filter(username="newfan").exists())
