"""Pages of the meetings app, mounted at /treffen/."""

from django.urls import path  # noqa: F401

app_name = "meetings"

urlpatterns: list = []
