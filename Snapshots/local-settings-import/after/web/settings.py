import os

SECRET_KEY = os.environ.get("SECRET_KEY", "dev")

PASSWORD_HASHERS = [
	"django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

try:
	from .local_settings import *  # noqa
except ImportError:
	pass

# BEGIN optimize phase-1
import sys

if "test" in sys.argv or "pytest" in sys.modules:
	# Use faster password hasher for tests (10-100x speedup)
	PASSWORD_HASHERS = [
		"django.contrib.auth.hashers.MD5PasswordHasher",
	]
# END optimize phase-1
