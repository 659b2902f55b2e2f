"""Pages of the meetings app, mounted at /treffen/."""

from django.urls import path

from integrationsnetz.meetings.views import answer, groups, organiser, public, series

app_name = "meetings"

urlpatterns = [
    path("", public.index, name="index"),
    path("archiv/", public.archive, name="archive"),
    path("reihen/", series.series_list, name="series_list"),
    path("reihen/neu/", series.series_create, name="series_create"),
    path("reihe/<slug:slug>/", public.series, name="series"),
    path("reihe/<slug:slug>/bearbeiten/", series.series_edit, name="series_edit"),
    path("reihe/<slug:slug>/kalender.ics", public.series_feed, name="series_feed"),
    path("<int:pk>/", public.meeting, name="meeting"),
    path("<int:pk>/kalender.ics", public.meeting_ics, name="meeting_ics"),
    path("<int:pk>/themen/", public.topics, name="topics"),
    path("themen/<int:pk>/unterstuetzen/", public.topic_support, name="topic_support"),
    path("themen/<int:pk>/antworten/", organiser.topic_answer, name="topic_answer"),
    path("dokumente/<int:pk>/", public.document, name="document"),
    path("mein-kalender/", public.my_calendar, name="my_calendar"),
    path("kalender/<str:token>.ics", public.personal_feed, name="personal_feed"),
    path("<int:pk>/anmelden/", answer.register, name="register"),
    path("einladung/<str:token>/", answer.answer, name="answer"),
    path("einladung/<str:token>/absagen/", answer.decline, name="decline"),
    path("anmeldung/<str:token>/", answer.registration, name="registration"),
    path("reihe/<slug:slug>/neu/", organiser.create, name="create"),
    path("<int:pk>/bearbeiten/", organiser.edit, name="edit"),
    path("<int:pk>/programm/", organiser.programme_add, name="programme_add"),
    path("programm/<int:pk>/bearbeiten/", organiser.programme_edit, name="programme_edit"),
    path("programm/<int:pk>/verschieben/", organiser.programme_move, name="programme_move"),
    path("programm/<int:pk>/entfernen/", organiser.programme_remove, name="programme_remove"),
    path("<int:pk>/workshops/", organiser.workshop_add, name="workshop_add"),
    path("<int:pk>/verwalten/", organiser.manage, name="manage"),
    path("<int:pk>/einladen/", organiser.invite, name="invite"),
    path("<int:pk>/einlass/", organiser.check_in, name="check_in"),
    path("<int:pk>/einlass.pdf", organiser.check_in_pdf, name="check_in_pdf"),
    path("<int:pk>/teilnehmende.<str:file_format>", organiser.participants, name="participants"),
    path("<int:pk>/dokumente/", organiser.document_upload, name="document_upload"),
    path("<int:pk>/ergebnisse/", organiser.results, name="results"),
    path("anmeldungen/<int:pk>/", organiser.registration_action, name="registration_action"),
    path("arbeitskreise/", groups.working_group_list, name="working_groups"),
    path("arbeitskreise/neu/", groups.working_group_create, name="working_group_create"),
    path("arbeitskreise/<slug:slug>/", groups.working_group, name="working_group"),
    path("arbeitskreise/<slug:slug>/bearbeiten/", groups.working_group_edit, name="working_group_edit"),
    path("arbeitskreise/<slug:slug>/aushang/", groups.announcement_post, name="announcement_post"),
    path("arbeitskreise/<slug:slug>/dokumente/", groups.group_document_upload, name="group_document_upload"),
    path("arbeitskreise/<slug:slug>/mitglieder/", groups.member_change, name="member_change"),
]
