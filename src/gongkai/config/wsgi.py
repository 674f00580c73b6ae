"""WSGI entry point for gunicorn: ``gunicorn gongkai.config.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.config.settings.prod")
application = get_wsgi_application()
