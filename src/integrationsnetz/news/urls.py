"""Pages of the news app, mounted at /aktuelles/."""

from django.urls import path

from integrationsnetz.news import feeds, views, webhooks

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
    path("verwaltung/<slug:slug>/ausgaben/<int:pk>/", views.issue_manage, name="issue_manage"),
    path("verwaltung/<slug:slug>/ausgaben/<int:pk>/test/", views.issue_test_send, name="issue_test_send"),
    path("verwaltung/<slug:slug>/ausgaben/<int:pk>/senden/", views.issue_send, name="issue_send"),
    path("verwaltung/<slug:slug>/ausgaben/<int:pk>/planen/", views.issue_schedule, name="issue_schedule"),
    path("webhooks/postmark/", webhooks.postmark_tracking, name="webhook_postmark"),
]
