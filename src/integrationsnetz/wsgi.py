"""WSGI entry point for gunicorn and the development server."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "integrationsnetz.settings")
# Served through WSGI means served to people: production unless the environment says otherwise.
os.environ.setdefault("ENVIRONMENT", "production")
application = get_wsgi_application()
