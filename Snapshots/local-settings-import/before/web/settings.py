import os

SECRET_KEY = os.environ.get("SECRET_KEY", "dev")

PASSWORD_HASHERS = [
	"django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

try:
	from .local_settings import *  # noqa
except ImportError:
	pass
