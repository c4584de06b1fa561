from django.urls import reverse
from rest_framework import status
from rest_framework.test import APITestCase

from tickets.tests import factories


class ProfileApiTests(APITestCase):
    def setUp(self):
        self.user = factories.user("profiled")
        self.client.force_authenticate(self.user)

    def test_me_shows_the_profile(self):
        self.assertEqual(self.client.get(reverse("me")).json()["username"], "profiled")

    def test_me_needs_a_login(self):
        self.client.force_authenticate(None)
        self.assertEqual(self.client.get(reverse("me")).status_code, status.HTTP_403_FORBIDDEN)

    def test_update_display_name(self):
        response = self.client.patch(reverse("me"), {"display_name": "Pro Filed"}, format="json")
        self.assertEqual(response.json()["display_name"], "Pro Filed")

    def test_update_phone_is_normalized(self):
        response = self.client.patch(reverse("me"), {"phone": "+44 20 7946 0000"}, format="json")
        self.assertEqual(response.json()["phone"], "+442079460000")

    def test_bad_phone_is_refused(self):
        response = self.client.patch(reverse("me"), {"phone": "nope"}, format="json")
        self.assertEqual(response.status_code, status.HTTP_400_BAD_REQUEST)

    def test_email_is_read_only(self):
        self.client.patch(reverse("me"), {"email": "new@example.com"}, format="json")
        self.user.refresh_from_db()
        self.assertEqual(self.user.email, "profiled@example.com")

    def test_marketing_opt_in(self):
        response = self.client.patch(reverse("me"), {"marketing_opt_in": True}, format="json")
        self.assertTrue(response.json()["marketing_opt_in"])
