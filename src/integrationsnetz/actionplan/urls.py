"""Pages of the actionplan app, mounted at /kursbuch/."""

from django.urls import path

from integrationsnetz.actionplan import views
from integrationsnetz.actionplan.feeds import NewApproachesFeed

app_name = "actionplan"

urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("neu/", views.plan_edit, name="plan_create"),
    path("ansaetze/", views.approach_list, name="approach_list"),
    path("ansaetze/feed/", NewApproachesFeed(), name="approach_feed"),
    path("ansaetze/neu/", views.approach_edit, name="approach_create"),
    path("ansaetze/<slug:slug>/", views.approach_detail, name="approach_detail"),
    path("ansaetze/<slug:slug>/bearbeiten/", views.approach_edit, name="approach_edit"),
    path("ansaetze/<slug:slug>/uebernommen/", views.adoption_create, name="adoption_create"),
    path("ansaetze/<slug:slug>/dokumente/neu/", views.approach_document_add, name="approach_document_add"),
    path("schritte/<int:step_id>/", views.step_detail, name="step_detail"),
    path("schritte/<int:step_id>/bearbeiten/", views.step_edit, name="step_edit"),
    path("schritte/<int:step_id>/fortschritt/", views.step_progress, name="step_progress"),
    path("schritte/<int:step_id>/kommentare/", views.step_comment, name="step_comment"),
    path("schritte/<int:step_id>/verknuepfungen/", views.step_link_add, name="step_link_add"),
    path("verknuepfungen/<int:link_id>/entfernen/", views.step_link_remove, name="step_link_remove"),
    path("kommentare/<int:comment_id>/loeschen/", views.comment_delete, name="comment_delete"),
    path("massnahmen/<int:measure_id>/bearbeiten/", views.measure_edit, name="measure_edit"),
    path("massnahmen/<int:measure_id>/schritte/neu/", views.step_edit, name="step_create"),
    path("handlungsfelder/<int:field_id>/massnahmen/neu/", views.measure_edit, name="measure_create"),
    path("<slug:slug>/", views.plan_detail, name="plan_detail"),
    path("<slug:slug>/zeitleiste/", views.plan_timeline, name="plan_timeline"),
    path("<slug:slug>/kursbuch.pdf", views.plan_pdf, name="plan_pdf"),
    path("<slug:slug>/bearbeiten/", views.plan_edit, name="plan_edit"),
    path("<slug:slug>/handlungsfelder/neu/", views.plan_field_edit, name="plan_field_create"),
    path(
        "<slug:slug>/handlungsfelder/<int:field_id>/bearbeiten/",
        views.plan_field_edit,
        name="plan_field_edit",
    ),
]
