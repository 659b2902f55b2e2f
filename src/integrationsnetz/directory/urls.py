from django.urls import URLPattern, URLResolver, path

from integrationsnetz.directory.views import editing, public

app_name = "directory"

# Editing pages. They come before the public ``<slug>/`` routes: their first segments
# ("redaktion", "beitreten", "bestaetigen") are reserved slugs (directory.services.RESERVED_SLUGS).
editing_urlpatterns: list[URLPattern | URLResolver] = [
    path("redaktion/", editing.my_organisations, name="my_organisations"),
    path("redaktion/neu/", editing.organisation_create, name="organisation_create"),
    path("redaktion/antraege/", editing.application_queue, name="application_queue"),
    path("redaktion/antraege/<int:pk>/", editing.application_decide, name="application_decide"),
    path("redaktion/import/", editing.import_upload, name="import_upload"),
    path("redaktion/import/<int:pk>/", editing.import_batch, name="import_batch"),
    path("beitreten/", editing.apply, name="apply"),
    path("beitreten/danke/", editing.apply_done, name="apply_done"),
    path("bestaetigen/<str:token>/", editing.confirm, name="confirm"),
    path("<slug:slug>/bearbeiten/", editing.organisation_edit, name="organisation_edit"),
    path("<slug:slug>/angebote/neu/", editing.service_edit, name="service_create"),
    path("<slug:slug>/angebote/<int:pk>/", editing.service_edit, name="service_edit"),
    path("<slug:slug>/angebote/<int:pk>/loeschen/", editing.service_delete, name="service_delete"),
    path("<slug:slug>/standorte/neu/", editing.location_edit, name="location_create"),
    path("<slug:slug>/standorte/<int:pk>/", editing.location_edit, name="location_edit"),
    path("<slug:slug>/standorte/<int:pk>/loeschen/", editing.location_delete, name="location_delete"),
    path("<slug:slug>/kontakte/neu/", editing.contact_edit, name="contact_create"),
    path("<slug:slug>/kontakte/<int:pk>/", editing.contact_edit, name="contact_edit"),
    path("<slug:slug>/kontakte/<int:pk>/loeschen/", editing.contact_delete, name="contact_delete"),
]

# Public pages (search, detail, vCard, map data, export) add their routes below.
urlpatterns: list[URLPattern | URLResolver] = [
    path("", public.search, name="search"),
    *editing_urlpatterns,
    path("karte.json", public.map_data, name="map"),
    path("export.csv", public.export_csv, name="export_csv"),
    path("export.xlsx", public.export_xlsx, name="export_xlsx"),
    path("<slug:slug>/", public.detail, name="detail"),
    path("<slug:slug>/vcard.vcf", public.vcard, name="vcard"),
]
