"""The provider's bounce webhook: django-anymail's Postmark tracking view.

Anymail checks the HTTP basic auth from ``ANYMAIL["WEBHOOK_SECRET"]`` and sends its ``tracking``
signal; bounces.record_tracking_event records the bounces. Without a secret Anymail would accept
anyone's posts (with a warning), so the webhook then does not exist at all.
"""

from __future__ import annotations

from typing import Any

from anymail.webhooks.postmark import PostmarkTrackingWebhookView
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt

_postmark_view = PostmarkTrackingWebhookView.as_view()


@csrf_exempt
def postmark_tracking(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    if not getattr(settings, "ANYMAIL", {}).get("WEBHOOK_SECRET"):
        raise Http404
    return _postmark_view(request, *args, **kwargs)
