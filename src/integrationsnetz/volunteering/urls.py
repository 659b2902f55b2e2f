"""Pages of the volunteering app, mounted at /engagement/."""

from django.urls import path

from integrationsnetz.volunteering import views

app_name = "volunteering"

urlpatterns = [
    path("", views.need_list, name="needs"),
    path("bedarfe/<int:pk>/", views.need_detail, name="need"),
    path("bedarfe/neu/", views.need_create, name="need_create"),
    path("bedarfe/<int:pk>/bearbeiten/", views.need_edit, name="need_edit"),
    path("bedarfe/<int:pk>/zurueckziehen/", views.need_withdraw, name="need_withdraw"),
    path("bedarfe/<int:pk>/vorschlagen/<int:offer_pk>/", views.propose, name="propose"),
    path("redaktion/", views.needs_managed, name="needs_managed"),
    path("mitmachen/", views.signup, name="signup"),
    path("mein-angebot/", views.my_offer, name="my_offer"),
    path("mein-angebot/status/<str:status>/", views.offer_status, name="offer_status"),
    path("mein-angebot/bescheinigung/", views.certificate, name="certificate"),
    path("einsaetze/<int:pk>/", views.match_detail, name="match"),
    path("einsaetze/<int:pk>/schritt/<str:action>/", views.match_step, name="match_step"),
    path("einsaetze/<int:pk>/beenden/", views.match_end, name="match_end"),
    path("einsaetze/<int:pk>/nachricht/", views.match_message, name="match_message"),
    path("einsaetze/<int:pk>/stunden/", views.hours_log, name="hours_log"),
    path("einsaetze/<int:pk>/termin.ics", views.match_ics, name="match_ics"),
    path("stunden/<int:pk>/<str:decision>/", views.hours_decide, name="hours_decide"),
    path("koordination/<str:region_key>/", views.dashboard, name="dashboard"),
    path("koordination/<str:region_key>/plan/", views.batch_plan, name="batch_plan"),
    path("organisationen/<slug:slug>/pruefen/", views.organisation_verify, name="organisation_verify"),
    path("angebote/<int:offer_pk>/qualifikationen/", views.qualification_add, name="qualification_add"),
    path("noch-aktuell/<str:token>/", views.still_current, name="still_current"),
]
