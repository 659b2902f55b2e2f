"""Pages to edit a region's matrix, import and export it, translate content and upload forms.

Every page asks the policy (``policy.require`` answers 404 to outsiders) and writes through
``guide.services`` or ``guide.exchange``; none of them checks roles itself.
"""

from __future__ import annotations

import secrets
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from integrationsnetz.core import policy
from integrationsnetz.core.importing import ImportFailed
from integrationsnetz.core.models import Region
from integrationsnetz.guide import exchange, selectors, services
from integrationsnetz.guide.forms import InfoPageForm, ResponsibilityForm, TranslationForm, UploadForm
from integrationsnetz.guide.models import Form, InfoPage, Matter, Responsibility, Translation

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
STASH_DIR = "guide/uploads/"


def _editable_region(request: HttpRequest, region_key: str) -> Region:
    region = get_object_or_404(Region, key=region_key)
    policy.require(request.user, "guide_edit", region)
    return region


def _stash(request: HttpRequest, purpose: str, name: str, data: bytes) -> str:
    """Keep a checked upload until it is applied: a random name, remembered in the user's session."""
    token = secrets.token_urlsafe(16)
    path = default_storage.save(f"{STASH_DIR}{token}", ContentFile(data))
    request.session[f"guide-upload-{token}"] = {"purpose": purpose, "name": name, "path": path}
    return token


def _unstash(request: HttpRequest, purpose: str, token: str) -> tuple[str, bytes] | None:
    stored = request.session.pop(f"guide-upload-{token}", None)
    if not stored or stored.get("purpose") != purpose:
        return None
    with default_storage.open(stored["path"], "rb") as handle:
        data = handle.read()
    default_storage.delete(stored["path"])
    return stored["name"], data


# --- The matrix ----------------------------------------------------------------------------------


def _entry_values(form: ResponsibilityForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "matter": data["matter"],
        "target_groups": list(data["target_groups"]),
        "organisation": data["organisation"],
        "service": data["service"],
        "contact": data["contact"],
        "role": data["role"],
        "conditions": data["conditions"],
        "legal_basis": data["legal_basis"],
        "valid_from": data["valid_from"],
        "valid_until": data["valid_until"],
    }


@login_required
@require_http_methods(["GET", "POST"])
def matrix_edit(request: HttpRequest, region_key: str) -> HttpResponse:
    """The entries made for this region, and a form to add one."""
    region = _editable_region(request, region_key)
    form = ResponsibilityForm(request.POST or None, region=region)
    if request.method == "POST" and form.is_valid():
        try:
            services.responsibility_save(actor=request.user, region=region, **_entry_values(form))  # type: ignore[arg-type]
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The entry was added."))
            return redirect("guide:matrix_edit", region_key=region.key)
    return render(
        request,
        "guide/matrix_edit.html",
        {"region": region, "entries": list(selectors.region_responsibilities(region)), "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def entry_edit(request: HttpRequest, region_key: str, pk: int) -> HttpResponse:
    entry = get_object_or_404(Responsibility.objects.select_related("region"), pk=pk, region__key=region_key)
    policy.require(request.user, "edit", entry)
    initial = {
        "matter": entry.matter_id,
        "target_groups": list(entry.target_groups.all()),
        "organisation": entry.organisation_id,
        "service": entry.service_id,
        "contact": entry.contact_id,
        "role": entry.role,
        "conditions": entry.conditions,
        "legal_basis": entry.legal_basis,
        "valid_from": entry.valid_from,
        "valid_until": entry.valid_until,
    }
    form = ResponsibilityForm(request.POST or None, initial=initial, region=entry.region, current=entry)
    if request.method == "POST" and form.is_valid():
        try:
            services.responsibility_save(
                actor=request.user,  # type: ignore[arg-type]
                region=entry.region,
                responsibility=entry,
                **_entry_values(form),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The entry was saved."))
            return redirect("guide:matrix_edit", region_key=entry.region.key)
    return render(request, "guide/entry_form.html", {"region": entry.region, "entry": entry, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def entry_delete(request: HttpRequest, region_key: str, pk: int) -> HttpResponse:
    entry = get_object_or_404(
        Responsibility.objects.select_related("region", "matter", "organisation"),
        pk=pk,
        region__key=region_key,
    )
    policy.require(request.user, "delete", entry)
    if request.method == "POST":
        services.responsibility_delete(actor=request.user, responsibility=entry)  # type: ignore[arg-type]
        messages.success(request, _("The entry was deleted."))
        return redirect("guide:matrix_edit", region_key=entry.region.key)
    return render(request, "guide/entry_delete.html", {"region": entry.region, "entry": entry})


@require_GET
def matrix_export(request: HttpRequest, region_key: str) -> HttpResponse:
    """The region's entries and those of the regions below it, one sheet each."""
    region = get_object_or_404(Region, key=region_key)
    regions = (
        Region.objects.filter(path__startswith=region.path)
        .filter(guide_responsibilities__isnull=False)
        .distinct()
        .order_by("path")
    )
    response = HttpResponse(
        exchange.matrix_export_xlsx([region, *[r for r in regions if r.pk != region.pk]]), content_type=XLSX
    )
    response["Content-Disposition"] = f'attachment; filename="schnittstellenpapier-{region.key}.xlsx"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def matrix_import(request: HttpRequest) -> HttpResponse:
    """Upload -> check (dry run, nothing saved) -> apply the checked file whole or not at all."""
    policy.require(request.user, "guide_edit", Region)
    form = UploadForm(request.POST or None, request.FILES or None)
    plan = None
    token = ""
    if request.method == "POST" and request.POST.get("token"):
        stashed = _unstash(request, "matrix", request.POST["token"])
        if stashed is None:
            messages.error(request, _("The checked file is no longer available; upload it again."))
            return redirect("guide:matrix_import")
        try:
            plan = exchange.matrix_apply(stashed[1], user=request.user)  # type: ignore[arg-type]
        except ImportFailed as failure:
            messages.error(request, _("Nothing was saved: the file no longer fits the data."))
            return render(
                request, "guide/matrix_import.html", {"form": UploadForm(), "errors": failure.errors}
            )
        messages.success(
            request,
            _("Imported: %(created)s new, %(updated)s changed and %(deleted)s deleted entries.")
            % {"created": plan.creates, "updated": plan.updates, "deleted": len(plan.deletions)},
        )
        return redirect("guide:matrix_import")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["file"].read()
        plan = exchange.matrix_plan(data, user=request.user)
        if not plan.errors:
            token = _stash(request, "matrix", form.cleaned_data["file"].name, data)
    return render(
        request,
        "guide/matrix_import.html",
        {"form": form, "plan": plan, "token": token, "errors": plan.errors if plan else []},
    )


# --- Translations --------------------------------------------------------------------------------


def _translator_language(request: HttpRequest, lang: str) -> selectors.GuideLanguageInfo:
    language = selectors.guide_language(lang)
    if language is None or language.code == selectors.SOURCE_LANGUAGE:
        raise Http404
    policy.require(request.user, "edit", Translation(language=language.code))
    return language


@login_required
@require_GET
def translations(request: HttpRequest, lang: str) -> HttpResponse:
    language = _translator_language(request, lang)
    rows = selectors.translation_overview(language.code)
    wanted = request.GET.get("status", "")
    counts = {status: sum(1 for row in rows if row.status == status) for status in Translation.Status.values}
    if wanted in Translation.Status.values:
        rows = [row for row in rows if row.status == wanted]
    return render(
        request,
        "guide/translations.html",
        {
            "language": language,
            "rows": rows,
            "counts": counts,
            "status": Translation.Status,
            "wanted": wanted,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def translation_edit(request: HttpRequest, lang: str, kind: str, object_id: str, field: str) -> HttpResponse:
    language = _translator_language(request, lang)
    model = services.TRANSLATABLE.get(kind)
    if model is None:
        raise Http404
    obj = cast(Matter | InfoPage, get_object_or_404(model, pk=int(object_id)))
    if field not in obj.TRANSLATED_FIELDS:
        raise Http404
    existing = Translation.objects.filter(
        kind=kind, object_id=obj.pk, field=field, language=language.code
    ).first()
    form = TranslationForm(request.POST or None, initial={"text": existing.text if existing else ""})
    if request.method == "POST" and form.is_valid():
        services.translation_save(
            actor=request.user,  # type: ignore[arg-type]
            obj=obj,
            field=field,
            language=language.code,
            text=form.cleaned_data["text"],
        )
        messages.success(request, _("The translation was saved."))
        return redirect("guide:translations", lang=language.code)
    return render(
        request,
        "guide/translation_form.html",
        {"language": language, "obj": obj, "field": field, "source": getattr(obj, field), "form": form},
    )


@login_required
@require_GET
def translations_export(request: HttpRequest, lang: str, file_format: str) -> HttpResponse:
    language = _translator_language(request, lang)
    if file_format == "xlf":
        response = HttpResponse(
            exchange.translations_export_xliff(language.code), content_type="application/xliff+xml"
        )
    elif file_format == "csv":
        response = HttpResponse(
            exchange.translations_export_csv(language.code), content_type="text/csv; charset=utf-8"
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="wegweiser-{language.code}.{file_format}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def translations_import(request: HttpRequest, lang: str) -> HttpResponse:
    language = _translator_language(request, lang)
    form = UploadForm(request.POST or None, request.FILES or None)
    plan = None
    token = ""
    purpose = f"translations-{language.code}"
    if request.method == "POST" and request.POST.get("token"):
        stashed = _unstash(request, purpose, request.POST["token"])
        if stashed is None:
            messages.error(request, _("The checked file is no longer available; upload it again."))
            return redirect("guide:translations_import", lang=language.code)
        try:
            plan = exchange.translations_apply(
                stashed[0],
                stashed[1],
                language=language.code,
                user=request.user,  # type: ignore[arg-type]
            )
        except ImportFailed as failure:
            messages.error(request, _("Nothing was saved: the file no longer fits the data."))
            return render(
                request,
                "guide/translations_import.html",
                {"language": language, "form": UploadForm(), "errors": failure.errors},
            )
        messages.success(request, _("%(count)s translations were saved.") % {"count": len(plan.items)})
        return redirect("guide:translations", lang=language.code)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        plan = exchange.translations_plan(upload.name, data, language=language.code, user=request.user)
        if not plan.errors:
            token = _stash(request, purpose, upload.name, data)
    return render(
        request,
        "guide/translations_import.html",
        {
            "language": language,
            "form": form,
            "plan": plan,
            "token": token,
            "errors": plan.errors if plan else [],
        },
    )


# --- Info pages ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def info_page_edit(request: HttpRequest, region_key: str, slug: str = "") -> HttpResponse:
    """Create (no slug) or change an info page of the region, in German; translators do the rest."""
    region = _editable_region(request, region_key)
    page = get_object_or_404(InfoPage, slug=slug, region=region) if slug else None
    initial = (
        {"topic": page.topic, "title": page.title, "body": page.body, "published": page.published}
        if page
        else {}
    )
    form = InfoPageForm(request.POST or None, initial=initial, page=page)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.info_page_save(
            actor=request.user,  # type: ignore[arg-type]
            slug=page.slug if page else data["slug"],
            region=region,
            topic=data["topic"],
            title=data["title"],
            body=data["body"],
            published=data["published"],
            position=page.position if page else 0,
        )
        messages.success(request, _("The page was saved."))
        return redirect("guide:info_page_list", region_key=region.key)
    return render(request, "guide/info_page_form.html", {"region": region, "page": page, "form": form})


@login_required
@require_GET
def info_page_list(request: HttpRequest, region_key: str) -> HttpResponse:
    region = _editable_region(request, region_key)
    pages = InfoPage.objects.filter(region=region).order_by("topic", "position", "title")
    return render(request, "guide/info_page_list.html", {"region": region, "pages": list(pages)})


# --- Forms library -------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def form_upload(request: HttpRequest, slug: str) -> HttpResponse:
    document = get_object_or_404(Form.objects.select_related("region"), slug=slug)
    policy.require(request.user, "edit", document)
    languages = selectors.guide_languages()
    form = UploadForm(request.POST or None, request.FILES or None)
    # The form's page links "replace" with the language chosen in the query string.
    language = request.POST.get("language") or request.GET.get("language", "de")
    if request.method == "POST" and language not in {item.code for item in languages}:
        form.add_error(None, _("Choose one of the guide's languages."))
    if request.method == "POST" and form.is_valid():
        try:
            services.form_file_upload(
                actor=request.user,  # type: ignore[arg-type]
                form=document,
                language=language,
                upload=form.cleaned_data["file"],
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("The file was uploaded."))
            return redirect("guide:form_edit", slug=document.slug)
    return render(
        request,
        "guide/form_upload.html",
        {"document": document, "form": form, "guide_languages": languages, "chosen": language},
    )
