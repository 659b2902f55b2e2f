from django.urls import path

from integrationsnetz.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("datenschutz/", views.privacy, name="privacy"),
    path("barrierefreiheit/", views.accessibility, name="accessibility"),
    path("healthz", views.health, name="health"),
]
