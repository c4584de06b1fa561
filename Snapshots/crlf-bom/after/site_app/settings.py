SECRET_KEY = "x"
INSTALLED_APPS = ["django.contrib.auth"]
LANGUAGE_CODE = "fr-fr"  # français

# BEGIN optimize phase-1
import sys

if "test" in sys.argv or "pytest" in sys.modules:
    # Use faster password hasher for tests (10-100x speedup)
    PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
# END optimize phase-1