"""Import of organisations from CSV/XLSX: a dry run that lists every row's problems, then all or nothing.

An upload is parsed into an :class:`ImportBatch` (rows as text, owner, status). Applying checks the
rows again against the data as it is then and with the owner's rights as they are then, and saves
every row in one transaction or none. Rows with a known ``slug`` or external identifier update that
organisation; the others create new ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email, validate_slug
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from integrationsnetz.accounts.models import AuditLogEntry, User
from integrationsnetz.accounts.scopes import scopes_of
from integrationsnetz.accounts.services import audit_log_record
from integrationsnetz.core import policy
from integrationsnetz.core.importing import ImportFailed, RowError, Table, normalise_header, read_table
from integrationsnetz.core.models import FieldOfAction, Language, Region, TargetGroup
from integrationsnetz.directory import services
from integrationsnetz.directory.models import ExternalIdentifier, ImportBatch, Organisation

# Canonical column -> accepted headers (normalised: lower case, spaces and dashes as "_").
COLUMN_HEADERS: dict[str, tuple[str, ...]] = {
    "slug": ("slug", "kennung"),
    "name": ("name", "organisation", "organisationsname"),
    "short_name": ("short_name", "kurzname", "kurzbezeichnung", "abkürzung"),
    "kind": ("kind", "art", "typ", "organisationsart"),
    "region": ("region", "ags", "sitz", "region_ags", "regionalschlüssel"),
    "email": ("email", "e_mail", "mail"),
    "phone": ("phone", "telefon", "tel"),
    "website": ("website", "webseite", "internet", "homepage", "url"),
    "street": ("street", "straße", "strasse", "anschrift"),
    "postal_code": ("postal_code", "plz", "postleitzahl"),
    "city": ("city", "ort", "stadt"),
    "latitude": ("latitude", "lat", "breitengrad", "breite"),
    "longitude": ("longitude", "lon", "lng", "längengrad", "länge"),
    "fields_of_action": ("fields_of_action", "handlungsfelder", "handlungsfeld"),
    "target_groups": ("target_groups", "zielgruppen", "zielgruppe"),
    "languages": ("languages", "sprachen"),
    "regions_served": ("regions_served", "einzugsgebiet", "regionen"),
    "description": ("description", "beschreibung"),
    "non_commercial": ("non_commercial", "gemeinnützig", "gemeinnuetzig", "nicht_kommerziell"),
}
ALIASES = {header: column for column, headers in COLUMN_HEADERS.items() for header in headers}
# ``external_id:xzufi`` (or German ``externe_id:xzufi``) holds the identifier in that scheme.
EXTERNAL_PREFIX = "external_id:"
PREFIXES = {"external_id:": EXTERNAL_PREFIX, "externe_id:": EXTERNAL_PREFIX, "id:": EXTERNAL_PREFIX}

KIND_WORDS = {
    "verein": Organisation.Kind.ASSOCIATION,
    "initiative": Organisation.Kind.INITIATIVE,
    "projektträger": Organisation.Kind.PROJECT_PROVIDER,
    "integrationsbeauftragte": Organisation.Kind.COMMISSIONER,
    "integrationsbeauftragter": Organisation.Kind.COMMISSIONER,
    "beratungsstelle": Organisation.Kind.COUNSELLING,
    "beratung": Organisation.Kind.COUNSELLING,
    "behörde": Organisation.Kind.AUTHORITY,
    "migrantenorganisation": Organisation.Kind.MIGRANT_ORGANISATION,
    "wohlfahrtsverband": Organisation.Kind.WELFARE_ASSOCIATION,
    "kammer": Organisation.Kind.CHAMBER,
    "bildungsträger": Organisation.Kind.EDUCATIONAL_PROVIDER,
    "unternehmen": Organisation.Kind.COMPANY,
}
TRUE_WORDS = {"1", "true", "yes", "ja", "x", "wahr", "y", "j"}
FALSE_WORDS = {"0", "false", "no", "nein", "falsch", "n"}
LIST_SEPARATOR = re.compile(r"[;|]")
SCHEME_PATTERN = re.compile(r"^[a-z0-9_.\-]{1,50}$")


@dataclass
class OrganisationPlan:
    """Every checked row as the values a service takes, and every problem found."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def creates(self) -> int:
        return sum(1 for row in self.rows if row["organisation_id"] is None)

    @property
    def updates(self) -> int:
        return len(self.rows) - self.creates


def organisation_table_read(file_name: str, data: bytes) -> Table:
    return read_table(
        file_name, data, aliases=ALIASES, required=("name", "kind", "region"), prefixes=PREFIXES
    )


def _kind(text: str) -> str | None:
    value = normalise_header(text)
    if value in Organisation.Kind.values:
        return value
    if value in KIND_WORDS:
        return str(KIND_WORDS[value])
    for kind in Organisation.Kind:
        if normalise_header(str(kind.label)) == value:
            return str(kind.value)
    return None


def _coordinate(text: str) -> Decimal | None:
    """A decimal degree; German decimal commas (``51,4596``) are accepted."""
    try:
        value = Decimal(text.replace(",", ".").strip())
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _split(text: str) -> list[str]:
    return [part.strip() for part in LIST_SEPARATOR.split(text or "") if part.strip()]


def allowed_region_paths(user: User | None) -> tuple[str, ...] | None:
    """``None`` for "any region" (the office, or a command run on the server); else the user's regions."""
    if user is None:
        return None
    scopes = scopes_of(user)
    if scopes.is_office:
        return None
    return scopes.coordinated_paths


def organisation_rows_check(rows: list[dict[str, str]], *, user: User | None) -> OrganisationPlan:
    """Check every row against the vocabularies, the regions and the user's rights; collect all problems.

    The lookups are made once for the whole file (a fixed number of queries, however many rows).
    """
    plan = OrganisationPlan()
    region_paths = allowed_region_paths(user)

    def error(number: int, column: str, message: str) -> None:
        plan.errors.append(RowError(row=number, column=column, message=message))

    region_keys = {row.get("region", "").strip() for row in rows}
    for row in rows:
        region_keys.update(_split(row.get("regions_served", "")))
    regions = {region.key: region for region in Region.objects.filter(key__in=region_keys - {""})}
    fields = {item.slug: item for item in FieldOfAction.objects.all()}
    groups = {item.slug: item for item in TargetGroup.objects.all()}
    languages = {item.code: item for item in Language.objects.all()}
    slugs = {row.get("slug", "").strip() for row in rows} - {""}
    by_slug = {
        organisation.slug: organisation
        for organisation in Organisation.objects.filter(slug__in=slugs).select_related("region")
    }
    external_wanted = {
        (column[len(EXTERNAL_PREFIX) :], value.strip())
        for row in rows
        for column, value in row.items()
        if column.startswith(EXTERNAL_PREFIX) and value.strip()
    }
    by_external: dict[tuple[str, str], Organisation] = {}
    if external_wanted:
        identifiers = ExternalIdentifier.objects.filter(
            scheme__in={scheme for scheme, _identifier in external_wanted},
            identifier__in={identifier for _scheme, identifier in external_wanted},
        ).select_related("organisation__region")
        by_external = {(item.scheme, item.identifier): item.organisation for item in identifiers}

    names_seen: dict[str, int] = {}
    targets_seen: dict[int, int] = {}
    externals_seen: dict[tuple[str, str], int] = {}
    for row in rows:
        number = int(row.get("row", 0))
        errors_before = len(plan.errors)
        name = row.get("name", "").strip()
        if not name:
            error(number, "name", _("The name is missing."))
        elif name.casefold() in names_seen:
            error(
                number,
                "name",
                _("“%(name)s” appears twice in the file (first in row %(row)s).")
                % {"name": name, "row": names_seen[name.casefold()]},
            )
        else:
            names_seen[name.casefold()] = number
        kind_text = row.get("kind", "").strip()
        kind = _kind(kind_text)
        if kind is None:
            error(
                number,
                "kind",
                _("“%(kind)s” is not a kind of organisation; use one of %(kinds)s.")
                % {"kind": kind_text, "kinds": ", ".join(Organisation.Kind.values)},
            )
        region_key = row.get("region", "").strip()
        region = regions.get(region_key)
        if region is None:
            error(
                number,
                "region",
                _("The region key “%(key)s” is unknown.") % {"key": region_key}
                if region_key
                else _("The region key is missing."),
            )
        elif region_paths is not None and not any(region.path.startswith(p) for p in region_paths):
            error(
                number,
                "region",
                _("You may only import organisations seated in your regions; %(region)s is not one of them.")
                % {"region": region.name},
            )
        email = row.get("email", "").strip()
        if email:
            try:
                validate_email(email)
            except ValidationError:
                error(number, "email", _("“%(email)s” is not a valid e-mail address.") % {"email": email})
        website = row.get("website", "").strip()
        if website and "://" not in website:
            website = "https://" + website
        if website:
            try:
                URLValidator(schemes=["http", "https"])(website)
            except ValidationError:
                error(number, "website", _("“%(url)s” is not a valid web address.") % {"url": website})
        coordinates: dict[str, Decimal | None] = {}
        for column, limit in (("latitude", 90), ("longitude", 180)):
            text = row.get(column, "").strip()
            degrees = _coordinate(text) if text else None
            if text and (degrees is None or abs(degrees) > limit):
                error(
                    number,
                    column,
                    _(
                        "“%(value)s” is not a valid coordinate (decimal degrees between -%(limit)s and %(limit)s)."
                    )
                    % {"value": text, "limit": limit},
                )
            coordinates[column] = degrees.quantize(Decimal("0.000001")) if degrees is not None else None
        if bool(row.get("latitude", "").strip()) != bool(row.get("longitude", "").strip()):
            error(number, "longitude", _("Give both latitude and longitude, or neither."))

        def vocabulary(
            column: str,
            known: dict[str, Any],
            what: str,
            row: dict[str, str] = row,
            number: int = number,
            lower: bool = False,
        ) -> list[Any]:
            values = [value.lower() if lower else value for value in _split(row.get(column, ""))]
            unknown = [value for value in values if value not in known]
            if unknown:
                error(
                    number,
                    column,
                    _("Unknown %(what)s: %(values)s.") % {"what": what, "values": ", ".join(unknown)},
                )
            return [known[value].pk for value in values if value in known]

        field_ids = vocabulary("fields_of_action", fields, _("fields of action"))
        group_ids = vocabulary("target_groups", groups, _("target groups"))
        language_ids = vocabulary(
            "languages", {code.lower(): item for code, item in languages.items()}, _("languages"), lower=True
        )
        served_ids = vocabulary("regions_served", regions, _("region keys"))
        commercial_text = row.get("non_commercial", "").strip().lower()
        non_commercial = True
        if commercial_text in FALSE_WORDS:
            non_commercial = False
        elif commercial_text and commercial_text not in TRUE_WORDS:
            error(number, "non_commercial", _("Write “yes” or “no”."))

        external_ids = []
        for column, value in row.items():
            if not column.startswith(EXTERNAL_PREFIX) or not value.strip():
                continue
            scheme = column[len(EXTERNAL_PREFIX) :]
            if not SCHEME_PATTERN.match(scheme):
                error(number, column, _("“%(scheme)s” is not a valid scheme name.") % {"scheme": scheme})
                continue
            if len(value.strip()) > 200:
                error(number, column, _("The identifier is longer than 200 characters."))
                continue
            key = (scheme, value.strip())
            if key in externals_seen:
                error(
                    number,
                    column,
                    _("This identifier appears twice in the file (first in row %(row)s).")
                    % {"row": externals_seen[key]},
                )
            externals_seen[key] = number
            external_ids.append(key)

        # Which organisation the row updates: by slug, else by an external identifier.
        slug = row.get("slug", "").strip()
        target: Organisation | None = None
        if slug:
            try:
                validate_slug(slug)
            except ValidationError:
                error(number, "slug", _("“%(slug)s” is not a valid slug.") % {"slug": slug})
            if slug in services.RESERVED_SLUGS:
                error(number, "slug", _("“%(slug)s” is reserved; choose another slug.") % {"slug": slug})
            target = by_slug.get(slug)
        if target is None:
            matches = {by_external[key].pk: by_external[key] for key in external_ids if key in by_external}
            if len(matches) > 1:
                error(
                    number, "", _("The external identifiers of this row belong to different organisations.")
                )
            elif matches:
                target = next(iter(matches.values()))
        if target is not None:
            if user is not None and not policy.can(user, "edit", target):
                error(
                    number,
                    "slug",
                    _("You may not change the organisation “%(name)s”.") % {"name": target.name},
                )
            if target.pk in targets_seen:
                error(
                    number,
                    "slug",
                    _("This row changes the same organisation as row %(row)s.")
                    % {"row": targets_seen[target.pk]},
                )
            targets_seen[target.pk] = number

        values: dict[str, Any] = {
            "name": name,
            "short_name": row.get("short_name", "").strip(),
            "kind": kind or "",
            "email": email,
            "phone": row.get("phone", "").strip(),
            "website": website,
            "street": row.get("street", "").strip(),
            "postal_code": row.get("postal_code", "").strip(),
            "city": row.get("city", "").strip(),
            "description": row.get("description", "").strip(),
            "non_commercial": non_commercial,
            **coordinates,
        }
        if len(plan.errors) == errors_before:
            # Lengths and the remaining model rules, reported per column like the checks above.
            candidate = Organisation(region=region, slug=slug or "x", **values)
            try:
                candidate.full_clean(
                    exclude=["slug", "region", "uuid"], validate_unique=False, validate_constraints=False
                )
            except ValidationError as problem:
                for column, messages in problem.message_dict.items():
                    for message in messages:
                        error(number, "" if column == "__all__" else column, message)
        plan.rows.append(
            {
                "row": number,
                "organisation_id": target.pk if target else None,
                "slug": slug,
                "region_id": region.pk if region else None,
                "values": values,
                "fields_of_action": field_ids,
                "target_groups": group_ids,
                "languages": language_ids,
                "regions_served": served_ids,
                "external_ids": external_ids,
                "columns": sorted(set(row) - {"row"}),
            }
        )
    plan.errors.sort(key=lambda problem: (problem.row, problem.column))
    return plan


def _apply_rows(plan: OrganisationPlan, *, actor: User | None) -> dict[str, int]:
    created = updated = 0
    for row in plan.rows:
        values = dict(row["values"])
        values["region_id"] = row["region_id"]
        # The regions served only change when the column was filled; an empty cell keeps them.
        for name in ("fields_of_action", "target_groups", "languages", "regions_served"):
            if row[name]:
                values[name] = row[name]
        if row["organisation_id"] is None:
            if row["slug"]:
                values["slug"] = row["slug"]
            organisation = services.organisation_create(actor=actor, **values)
            created += 1
        else:
            # An update changes only the columns the file has; a missing column keeps the value.
            values = {
                name: value
                for name, value in values.items()
                if name in row["columns"] or name in ("region_id", "name", "kind")
            }
            organisation = Organisation.objects.get(pk=row["organisation_id"])
            organisation = services.organisation_update(organisation=organisation, actor=actor, **values)
            updated += 1
        if row["external_ids"]:
            current = set(organisation.external_identifiers.values_list("scheme", "identifier"))
            services.organisation_external_identifiers_set(
                organisation=organisation,
                actor=actor,
                identifiers=current | {tuple(pair) for pair in row["external_ids"]},
            )
    return {"created": created, "updated": updated}


@transaction.atomic
def organisations_import(rows: list[dict[str, str]], *, actor: User | None) -> dict[str, int]:
    """Check and save every row, or none: any problem raises :class:`ImportFailed`."""
    plan = organisation_rows_check(rows, user=actor)
    if plan.errors:
        raise ImportFailed(plan.errors)
    try:
        return _apply_rows(plan, actor=actor)
    except ValidationError as problem:
        # A rule only the save could see (a race with another editor): still nothing is kept.
        raise ImportFailed([RowError(row=0, column="", message=" ".join(problem.messages))]) from problem


# --- Batches between dry run and apply ----------------------------------------------------------------


def import_batch_create(*, owner: User, file_name: str, data: bytes) -> ImportBatch:
    """Parse and check an upload; keep its rows and problems for the dry-run page and the apply step."""
    table = organisation_table_read(file_name, data)
    errors = table.errors
    summary: dict[str, int] = {}
    if not errors:
        plan = organisation_rows_check(table.rows, user=owner)
        errors = plan.errors
        summary = {"rows": len(table.rows), "creates": plan.creates, "updates": plan.updates}
    return ImportBatch.objects.create(
        owner=owner,
        kind=ImportBatch.Kind.ORGANISATIONS,
        file_name=file_name[:255],
        rows=table.rows if not table.errors else [],
        errors=[problem.as_dict() for problem in errors],
        summary=summary,
    )


class BatchNotApplicable(Exception):
    """The batch was applied already, or belongs to someone else."""


def import_batch_apply(*, batch: ImportBatch, actor: User) -> ImportBatch:
    """Apply a checked batch once, by its owner, all or nothing.

    Raises :class:`BatchNotApplicable` or :class:`ImportFailed`; then no organisation was changed and
    the batch keeps the new problems in ``errors`` for the page.
    """
    try:
        with transaction.atomic():
            batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
            if batch.owner_id != actor.pk or batch.status != ImportBatch.Status.PENDING:
                raise BatchNotApplicable
            if batch.errors:
                raise ImportFailed([RowError(**problem) for problem in batch.errors])
            result = organisations_import(batch.rows, actor=actor)
            batch.status = ImportBatch.Status.APPLIED
            batch.applied_at = timezone.now()
            batch.summary = {**batch.summary, **result}
            batch.save(update_fields=["status", "applied_at", "summary"])
            audit_log_record(
                actor=actor, action=AuditLogEntry.Action.IMPORT, obj=batch, changes={"result": [None, result]}
            )
    except ImportFailed as failure:
        ImportBatch.objects.filter(pk=batch.pk, status=ImportBatch.Status.PENDING).update(
            errors=[problem.as_dict() for problem in failure.errors]
        )
        raise
    return batch
