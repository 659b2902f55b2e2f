"""Pages of the guide app, mounted at /wegweiser/."""

from django.urls import path  # noqa: F401

app_name = "guide"

urlpatterns: list = []
