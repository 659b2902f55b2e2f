"""Pages of the accommodation app, mounted at /unterkuenfte/."""

from django.urls import path  # noqa: F401

app_name = "accommodation"

urlpatterns: list = []
