"""Pages of the actionplan app, mounted at /kursbuch/."""

from django.urls import path  # noqa: F401

app_name = "actionplan"

urlpatterns: list = []
