from django.urls import URLPattern, URLResolver, path

from integrationsnetz.directory.views import public

app_name = "directory"

# Public pages (search, detail, vCard, map data, export) and editing pages each add their routes here.
urlpatterns: list[URLPattern | URLResolver] = [
    path("", public.search, name="search"),
]
