"""Pages of the volunteering app, mounted at /engagement/."""

from django.urls import path  # noqa: F401

app_name = "volunteering"

urlpatterns: list = []
