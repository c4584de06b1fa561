from django.contrib.auth import get_user_model
from django.test import TestCase


class UserCreationTests(TestCase):
    def test_create_user_hashes_password(self):
        user = get_user_model().objects.create_user("ada", password="correct horse")
        self.assertTrue(user.check_password("correct horse"))
