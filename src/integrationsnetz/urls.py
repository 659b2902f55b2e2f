"""URL map of the whole site."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from integrationsnetz.api.urls import urlpatterns as api_urlpatterns

admin.site.site_header = "Integrationsnetz"

urlpatterns = [
    path("", include("integrationsnetz.core.urls")),
    path("konto/", include("integrationsnetz.accounts.urls")),
    path("verzeichnis/", include("integrationsnetz.directory.urls")),
    path("zahlen/", include("integrationsnetz.monitoring.urls")),
    path("wegweiser/", include("integrationsnetz.guide.urls")),
    path("treffen/", include("integrationsnetz.meetings.urls")),
    path("engagement/", include("integrationsnetz.volunteering.urls")),
    path("aktuelles/", include("integrationsnetz.news.urls")),
    path("kursbuch/", include("integrationsnetz.actionplan.urls")),
    path("unterkuenfte/", include("integrationsnetz.accommodation.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    *api_urlpatterns,
]

if not settings.PRODUCTION:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
