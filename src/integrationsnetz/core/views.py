"""The home page, the legal pages every public body needs, and a health check for the proxy."""

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from integrationsnetz.core.selectors import home_figures


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"figures": home_figures()})


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.html")


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html")


@never_cache
def health(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
