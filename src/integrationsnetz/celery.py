"""Celery application: a worker on Redis/RabbitMQ in production, in-process in the embedded default."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "integrationsnetz.settings")

app = Celery("integrationsnetz")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
