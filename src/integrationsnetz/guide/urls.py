"""Pages of the guide app, mounted at /wegweiser/.

Newcomers' pages carry their language in the URL (/wegweiser/ar/); the matrix and the editing pages
are in the site's language (German or English).
"""

from django.urls import path, re_path

from integrationsnetz.guide.views import editing, office, paper, public

app_name = "guide"

LANG = r"(?P<lang>[a-z]{2,3})"

urlpatterns = [
    path("", public.home, name="home"),
    path("matrix/", paper.matrix_index, name="matrix_index"),
    path("matrix/import/", editing.matrix_import, name="matrix_import"),
    path("matrix/<str:region_key>/", paper.matrix, name="matrix"),
    path("matrix/<str:region_key>/anliegen/<slug:slug>.svg", paper.diagram, name="diagram"),
    path("matrix/<str:region_key>/export.xlsx", editing.matrix_export, name="matrix_export"),
    path("matrix/<str:region_key>/bearbeiten/", editing.matrix_edit, name="matrix_edit"),
    path("matrix/<str:region_key>/bearbeiten/<int:pk>/", editing.entry_edit, name="entry_edit"),
    path("matrix/<str:region_key>/bearbeiten/<int:pk>/loeschen/", editing.entry_delete, name="entry_delete"),
    path("matrix/<str:region_key>/ausgaben/", paper.editions, name="editions"),
    path("matrix/<str:region_key>/ausgaben/vergleich/", paper.edition_compare, name="edition_compare"),
    path("matrix/<str:region_key>/ausgaben/<int:number>/", paper.edition, name="edition"),
    path("matrix/<str:region_key>/ausgaben/<int:number>.pdf", paper.edition_pdf, name="edition_pdf"),
    path("matrix/<str:region_key>/infoseiten/", editing.info_page_list, name="info_page_list"),
    path("matrix/<str:region_key>/infoseiten/neu/", editing.info_page_edit, name="info_page_create"),
    path("matrix/<str:region_key>/infoseiten/<slug:slug>/", editing.info_page_edit, name="info_page_edit"),
    path("anliegen/", office.matters, name="matters"),
    path("anliegen/neu/", office.matter_edit, name="matter_create"),
    path("anliegen/<slug:slug>/", office.matter_edit, name="matter_edit"),
    path("anliegen/<slug:slug>/ausmustern/", office.matter_retire, name="matter_retire"),
    path("anliegen/<slug:slug>/loeschen/", office.matter_delete, name="matter_delete"),
    path("sprachen/", office.languages, name="languages"),
    re_path(rf"^sprachen/{LANG}/deaktivieren/$", office.language_deactivate, name="language_deactivate"),
    path("uebersetzende/", office.translators, name="translators"),
    path("uebersetzende/<int:pk>/entziehen/", office.translator_revoke, name="translator_revoke"),
    path("formulare/", office.forms_library, name="forms_library"),
    path("formulare/neu/", office.form_edit, name="form_create"),
    path("formulare/<slug:slug>/", office.form_edit, name="form_edit"),
    path("formulare/<slug:slug>/ausmustern/", office.form_retire, name="form_retire"),
    path("formulare/<slug:slug>/loeschen/", office.form_delete, name="form_delete"),
    path("formulare/<slug:slug>/hochladen/", editing.form_upload, name="form_upload"),
    re_path(
        rf"^formulare/(?P<slug>[-a-zA-Z0-9_]+)/dateien/{LANG}/entfernen/$",
        office.form_file_remove,
        name="form_file_remove",
    ),
    re_path(rf"^uebersetzen/{LANG}/$", editing.translations, name="translations"),
    re_path(
        rf"^uebersetzen/{LANG}/export\.(?P<file_format>xlf|csv)$",
        editing.translations_export,
        name="translations_export",
    ),
    re_path(rf"^uebersetzen/{LANG}/import/$", editing.translations_import, name="translations_import"),
    re_path(
        rf"^uebersetzen/{LANG}/(?P<kind>matter|info_page)/(?P<object_id>[0-9]+)/(?P<field>[a-z_]+)/$",
        editing.translation_edit,
        name="translation_edit",
    ),
    re_path(rf"^{LANG}/$", public.finder, name="finder"),
    re_path(rf"^{LANG}/drucken/$", public.finder_print, name="finder_print"),
    re_path(rf"^{LANG}/info/$", public.info_pages, name="info_pages"),
    re_path(rf"^{LANG}/info/(?P<slug>[-a-zA-Z0-9_]+)/$", public.info_page, name="info_page"),
    re_path(rf"^{LANG}/formulare/$", public.forms_library, name="forms"),
]
