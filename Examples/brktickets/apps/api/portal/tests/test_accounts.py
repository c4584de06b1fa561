from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.test import TestCase

from portal import accounts
from portal.models import Profile


class SignUpTests(TestCase):
    def test_sign_up_stores_a_hashed_password(self):
        user = accounts.sign_up("mira", "mira@example.com", "long enough password")
        self.assertNotEqual(user.password, "long enough password")
        self.assertTrue(user.check_password("long enough password"))

    def test_signed_up_user_can_authenticate(self):
        accounts.sign_up("jonas", "jonas@example.com", "long enough password")
        self.assertIsNotNone(authenticate(username="jonas", password="long enough password"))

    def test_sign_up_creates_a_profile(self):
        user = accounts.sign_up("lea", "lea@example.com", "long enough password", display_name="Lea")
        self.assertEqual(Profile.objects.get(user=user).display_name, "Lea")

    def test_username_is_case_insensitive_unique(self):
        accounts.sign_up("Tom", "tom@example.com", "long enough password")
        with self.assertRaises(accounts.SignupError):
            accounts.sign_up("tom", "tom2@example.com", "long enough password")

    def test_short_password_is_refused(self):
        with self.assertRaises(ValidationError):
            accounts.sign_up("sam", "sam@example.com", "short")

    def test_phone_is_normalized(self):
        user = accounts.sign_up("ana", "ana@example.com", "long enough password", phone="+351 912 345 678")
        self.assertEqual(user.profile.phone, "+351912345678")

    def test_bad_phone_is_refused(self):
        with self.assertRaises(accounts.SignupError):
            accounts.normalize_phone("call me")

    def test_profile_of_creates_a_missing_profile(self):
        from tickets.tests import factories

        user = factories.user()
        self.assertEqual(accounts.profile_of(user).user, user)
