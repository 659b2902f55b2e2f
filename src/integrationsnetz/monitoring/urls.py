from django.urls import path

from integrationsnetz.monitoring import views

app_name = "monitoring"

urlpatterns = [
    path("<str:region_key>/", views.dashboard, name="dashboard"),
    path("<str:region_key>/<slug:slug>.<str:file_format>", views.chart, name="chart"),
]
