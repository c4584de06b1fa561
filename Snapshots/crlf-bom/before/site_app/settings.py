SECRET_KEY = "x"
INSTALLED_APPS = ["django.contrib.auth"]
LANGUAGE_CODE = "fr-fr"  # français