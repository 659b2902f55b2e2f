"""Integrationsnetz: an open platform for integration and migration networks."""

from integrationsnetz.celery import app as celery_app

__all__ = ["celery_app"]
