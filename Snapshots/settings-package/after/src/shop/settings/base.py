SECRET_KEY = 'base'
INSTALLED_APPS = ['django.contrib.auth', 'django.contrib.contenttypes']
