"""Public search and detail pages of the directory, and the editing pages for its keepers."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def search(request: HttpRequest) -> HttpResponse:
    return render(request, "directory/search.html", {})
