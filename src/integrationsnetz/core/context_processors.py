"""Values every template needs: the site's name, its languages and the writing direction."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language, get_language_bidi


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "site_url": settings.SITE_URL,
        "text_direction": "rtl" if get_language_bidi() else "ltr",
        # A page in a language the site's own texts lack (the guide's newcomer languages) offers its
        # own language links; the site's switch would name a language the page is not in.
        "page_in_site_language": get_language() in dict(settings.LANGUAGES),
    }
