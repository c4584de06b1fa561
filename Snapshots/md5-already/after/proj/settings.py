import sys

TESTING = 'test' in sys.argv

SECRET_KEY = 'x'

if TESTING:
    PASSWORD_HASHERS = (
        'django.contrib.auth.hashers.MD5PasswordHasher',
    )
