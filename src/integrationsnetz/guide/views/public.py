"""The newcomers' pages: the finder, info pages and forms, each in the language named in its URL."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import quote, urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_GET

from integrationsnetz.core.models import Region, TargetGroup
from integrationsnetz.guide import selectors
from integrationsnetz.guide.forms import FinderForm, options_html
from integrationsnetz.guide.models import Translation

View = Callable[..., HttpResponse]


def in_guide_language(view: View) -> View:
    """Serve the view in the URL's language (404 for a language the guide does not offer)."""

    @wraps(view)
    def wrapped(request: HttpRequest, lang: str, **kwargs: Any) -> HttpResponse:
        language = selectors.guide_language(lang)
        if language is None:
            raise Http404
        with translation.override(language.code):
            return view(request, language, **kwargs)

    return wrapped


def _switch_links(
    request: HttpRequest, url_name: str, **kwargs: Any
) -> list[tuple[selectors.GuideLanguageInfo, str]]:
    """The same page in every language of the guide, with the same query (answers, region)."""
    query = f"?{request.GET.urlencode()}" if request.GET else ""
    return [
        (language, reverse(f"guide:{url_name}", kwargs={"lang": language.code, **kwargs}) + query)
        for language in selectors.guide_languages()
    ]


def _page(
    request: HttpRequest,
    template: str,
    language: selectors.GuideLanguageInfo,
    url_name: str,
    context: dict[str, Any],
    **kwargs: Any,
) -> HttpResponse:
    context.update(
        {
            "language": language,
            "switch_links": _switch_links(request, url_name, **kwargs),
            "status": Translation.Status,
        }
    )
    return render(request, template, context)


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    language = translation.get_language() or "de"
    return redirect("guide:finder", lang="en" if language.startswith("en") else "de")


def _directions_url(organisation: Any) -> str:
    """A route planner link to the office: coordinates when known, otherwise the address."""
    if organisation.latitude is not None and organisation.longitude is not None:
        return (
            f"https://www.openstreetmap.org/directions?to={organisation.latitude}%2C{organisation.longitude}"
        )
    address = " ".join(
        part for part in (organisation.street, organisation.postal_code, organisation.city) if part
    )
    return f"https://www.openstreetmap.org/search?query={quote(address)}" if address else ""


def _finder_context(request: HttpRequest, language: selectors.GuideLanguageInfo) -> dict[str, Any]:
    groups = list(TargetGroup.objects.order_by("position", "name_de"))
    matters = selectors.finder_matters(language.code)
    form = FinderForm(request.GET or None, regions=selectors.finder_regions(), groups=groups, matters=matters)
    result = None
    region = None
    if form.is_bound and form.is_valid():
        region = Region.objects.get(key=form.cleaned_data["region"])
        group = next(group for group in groups if group.slug == form.cleaned_data["situation"])
        matter = next(matter for matter, _name in matters if matter.slug == form.cleaned_data["matter"])
        result = selectors.finder_lookup(
            region=region, target_group=group, matter=matter, on=timezone.localdate(), language=language.code
        )
    return {
        "form": form,
        "region_options": options_html(form.fields["region"].choices, request.GET.get("region", "")),  # type: ignore[attr-defined]
        "matter_options": options_html(form.fields["matter"].choices, request.GET.get("matter", "")),  # type: ignore[attr-defined]
        "result": result,
        "region": region,
        "offices": [
            (entry, _directions_url(entry.organisation)) for entry in (result.entries if result else [])
        ],
        "share_url": request.build_absolute_uri(),
        "print_url": (
            reverse("guide:finder_print", kwargs={"lang": language.code}) + "?" + urlencode(form.cleaned_data)
            if result
            else ""
        ),
    }


@require_GET
@in_guide_language
def finder(request: HttpRequest, language: selectors.GuideLanguageInfo) -> HttpResponse:
    return _page(request, "guide/finder.html", language, "finder", _finder_context(request, language))


@require_GET
@in_guide_language
def finder_print(request: HttpRequest, language: selectors.GuideLanguageInfo) -> HttpResponse:
    context = _finder_context(request, language)
    if context["result"] is None:
        return redirect(
            reverse("guide:finder", kwargs={"lang": language.code}) + "?" + request.GET.urlencode()
        )
    return _page(request, "guide/finder_print.html", language, "finder_print", context)


@require_GET
@in_guide_language
def info_pages(request: HttpRequest, language: selectors.GuideLanguageInfo) -> HttpResponse:
    region = Region.objects.filter(key=request.GET.get("region", "")).first()
    pages = selectors.info_pages(language=language.code, region=region)
    topics: dict[str, list[selectors.ShownPage]] = {}
    for shown in pages:
        topics.setdefault(shown.page.get_topic_display(), []).append(shown)
    return _page(
        request,
        "guide/info_pages.html",
        language,
        "info_pages",
        {"topics": topics, "region": region, "regions": selectors.finder_regions()},
    )


@require_GET
@in_guide_language
def info_page(request: HttpRequest, language: selectors.GuideLanguageInfo, slug: str) -> HttpResponse:
    shown = selectors.info_page(slug=slug, language=language.code)
    if shown is None:
        raise Http404
    return _page(request, "guide/info_page.html", language, "info_page", {"shown": shown}, slug=slug)


@require_GET
@in_guide_language
def forms_library(request: HttpRequest, language: selectors.GuideLanguageInfo) -> HttpResponse:
    return _page(request, "guide/forms.html", language, "forms", {"forms": list(selectors.forms_library())})
