from django.urls import path

from integrationsnetz.monitoring import views

app_name = "monitoring"

# The fixed words come first: region keys are digits, but the order makes the match unambiguous.
urlpatterns = [
    path("", views.overview, name="overview"),
    path("vergleich/", views.comparison, name="comparison"),
    path("vergleich.<str:file_format>", views.comparison_file, name="comparison_file"),
    path("hochladen/", views.upload, name="upload"),
    path("hochladen/<int:pk>/", views.upload_detail, name="upload_detail"),
    path("kennzahlen/", views.indicator_list, name="indicator_list"),
    path("kennzahlen/neu/", views.indicator_create, name="indicator_create"),
    path("kennzahlen/<slug:slug>/bearbeiten/", views.indicator_edit, name="indicator_edit"),
    path("kennzahlen/<slug:slug>/veroeffentlichen/", views.indicator_publish, name="indicator_publish"),
    path("kennzahlen/<slug:slug>/einwohner/", views.indicator_population, name="indicator_population"),
    path("<str:region_key>/", views.dashboard, name="dashboard"),
    path("<str:region_key>/<slug:slug>.<str:file_format>", views.chart, name="chart"),
]
