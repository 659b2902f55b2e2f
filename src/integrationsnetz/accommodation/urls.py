"""Pages of the accommodation app, mounted at /unterkuenfte/."""

from django.urls import path

from integrationsnetz.accommodation import views

app_name = "accommodation"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("katalog/", views.catalogue, name="catalogue"),
    path("katalog/verwaltung/", views.catalogue_manage, name="catalogue_manage"),
    path("katalog/<int:pk>/neue-version/", views.catalogue_version_copy, name="catalogue_version_copy"),
    path("katalog/versionen/<int:pk>/", views.catalogue_version_edit, name="catalogue_version_edit"),
    path("katalog/versionen/<int:pk>/bereiche/", views.catalogue_area_add, name="catalogue_area_add"),
    path(
        "katalog/versionen/<int:pk>/kriterien/", views.catalogue_criterion_add, name="catalogue_criterion_add"
    ),
    path("vergleich/", views.comparison, name="comparison"),
    path("standorte/", views.site_list, name="site_list"),
    path("standorte/neu/", views.site_edit, name="site_create"),
    path("standorte/<int:pk>/", views.site_detail, name="site_detail"),
    path("standorte/<int:pk>/bearbeiten/", views.site_edit, name="site_edit"),
    path("standorte/<int:pk>/pruefung/", views.inspection_create, name="inspection_create"),
    path("pruefungen/<int:pk>/", views.inspection_page, name="inspection"),
    path("pruefungen/<int:pk>/fotos/", views.photo_upload, name="photo_upload"),
    path("pruefungen/<int:pk>/massnahmen/", views.action_create, name="action_create"),
    path("pruefungen/<int:pk>/bericht.pdf", views.inspection_report, name="report"),
    path("fotos/<int:pk>/", views.photo_file, name="photo"),
    path("massnahmen/<int:pk>/", views.action_edit, name="action_edit"),
]
