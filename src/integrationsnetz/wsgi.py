"""WSGI entry point for gunicorn and the development server."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "integrationsnetz.settings")
# Served through WSGI means served to people: production unless the environment says otherwise.
os.environ.setdefault("ENVIRONMENT", "production")
application = get_wsgi_application()

# Everything loaded so far lives as long as the process: keep it out of the garbage collector's
# full collections, which otherwise scan all of Django and matplotlib in the middle of a request
# (about 140 ms here, in roughly one request of twenty). Workers forked by gunicorn share it too.
gc.collect()
gc.freeze()
