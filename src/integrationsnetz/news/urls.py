"""Pages of the news app, mounted at /aktuelles/."""

from django.urls import path

from integrationsnetz.news import editing, feeds, views, webhooks

app_name = "news"

urlpatterns = [
    path("", views.post_archive, name="archive_posts"),
    path("beitraege/<slug:slug>/", views.post_detail, name="post"),
    path("feed/rss/", feeds.PostFeed(), name="feed_rss"),
    path("feed/atom/", feeds.PostAtomFeed(), name="feed_atom"),
    path("newsletter/", views.newsletter_list, name="newsletters"),
    path("newsletter/bestaetigen/<str:token>/", views.confirm, name="confirm"),
    path("newsletter/abmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("newsletter/<slug:slug>/", views.newsletter_archive, name="archive"),
    path("newsletter/<slug:slug>/angemeldet/", views.subscribed, name="subscribed"),
    path("newsletter/<slug:slug>/ausgaben/<int:pk>/", views.issue_detail, name="issue"),
    path("newsletter/<slug:slug>/ausgaben/<int:pk>/pdf/", views.issue_pdf, name="issue_pdf"),
    path("newsletter/<slug:slug>/ausgaben/<int:pk>/email/", views.issue_email_preview, name="issue_email"),
    path("verwaltung/", views.manage, name="manage"),
    path("verwaltung/beitraege/", editing.post_list, name="post_list"),
    path("verwaltung/beitraege/neu/", editing.post_create, name="post_create"),
    path("verwaltung/beitraege/<int:pk>/", editing.post_edit, name="post_edit"),
    path("verwaltung/beitraege/<int:pk>/vorschau/", editing.post_preview, name="post_preview"),
    path("verwaltung/beitraege/<int:pk>/bilder/neu/", editing.post_image_add, name="post_image_add"),
    path(
        "verwaltung/beitraege/<int:pk>/bilder/<int:image_pk>/entfernen/",
        editing.post_image_remove,
        name="post_image_remove",
    ),
    path("verwaltung/newsletter/neu/", editing.newsletter_create, name="newsletter_create"),
    path("verwaltung/zurueckgestellt/", editing.holds, name="holds"),
    path("verwaltung/zurueckgestellt/<int:pk>/freigeben/", editing.hold_release, name="hold_release"),
    path("verwaltung/newsletter/<slug:slug>/", editing.newsletter_edit, name="newsletter_edit"),
    path("verwaltung/<slug:slug>/ausgaben/neu/", editing.issue_create, name="issue_create"),
    path("verwaltung/<slug:slug>/ausgaben/<int:pk>/", views.issue_manage, name="issue_manage"),
    path("verwaltung/<slug:slug>/ausgaben/<int:pk>/test/", views.issue_test_send, name="issue_test_send"),
    path("verwaltung/<slug:slug>/ausgaben/<int:pk>/senden/", views.issue_send, name="issue_send"),
    path("verwaltung/<slug:slug>/ausgaben/<int:pk>/planen/", views.issue_schedule, name="issue_schedule"),
    path("verwaltung/<slug:slug>/ausgaben/<int:pk>/bearbeiten/", editing.issue_edit, name="issue_edit"),
    path("verwaltung/<slug:slug>/ausgaben/<int:pk>/bloecke/neu/", editing.block_create, name="block_create"),
    path(
        "verwaltung/<slug:slug>/ausgaben/<int:pk>/bloecke/<int:block_pk>/",
        editing.block_edit,
        name="block_edit",
    ),
    path(
        "verwaltung/<slug:slug>/ausgaben/<int:pk>/bloecke/<int:block_pk>/verschieben/",
        editing.block_move,
        name="block_move",
    ),
    path(
        "verwaltung/<slug:slug>/ausgaben/<int:pk>/bloecke/<int:block_pk>/entfernen/",
        editing.block_remove,
        name="block_remove",
    ),
    path("webhooks/postmark/", webhooks.postmark_tracking, name="webhook_postmark"),
]
