"""WSGI entry point for gunicorn and the development server."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "integrationsnetz.settings")
application = get_wsgi_application()
