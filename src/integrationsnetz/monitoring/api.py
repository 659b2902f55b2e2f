"""The monitoring part of /api/v1 (a django-ninja router that api/v1.py mounts)."""

from ninja import Router

router = Router(tags=["monitoring"])
