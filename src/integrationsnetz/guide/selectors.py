"""Every read of the guide that the finder, the matrix, the API, the PDF and the bench share.

The most-specific rule lives in :func:`responsibilities_effective` and nowhere else: for a region,
a date, and each (matter, target group, role), only the valid entries of the deepest region on the
way from the state down to the region count (a town over its district over the state).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf.locale import LANG_INFO
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, prefetch_related_objects

from integrationsnetz.accounts.scopes import scopes_of
from integrationsnetz.core import policy
from integrationsnetz.core.models import FieldOfAction, Region, TargetGroup
from integrationsnetz.guide.models import (
    Edition,
    Form,
    FormFile,
    GuideLanguage,
    InfoPage,
    Matter,
    Responsibility,
    Translation,
    Translator,
    source_hash,
)

# --- Languages of the public guide -------------------------------------------------------------------


@dataclass(frozen=True)
class GuideLanguageInfo:
    code: str
    native_name: str
    direction: str

    @property
    def is_rtl(self) -> bool:
        return self.direction == "rtl"


# The languages the guide's interface is translated into (locale/<code>/); the office adds more as data.
BUILTIN_LANGUAGES: tuple[GuideLanguageInfo, ...] = (
    GuideLanguageInfo("de", "Deutsch", "ltr"),
    GuideLanguageInfo("en", "English", "ltr"),
    GuideLanguageInfo("ar", "العربية", "rtl"),
    GuideLanguageInfo("fa", "فارسی", "rtl"),
    GuideLanguageInfo("uk", "Українська", "ltr"),
    GuideLanguageInfo("ru", "Русский", "ltr"),
    GuideLanguageInfo("tr", "Türkçe", "ltr"),
)
SOURCE_LANGUAGE = "de"


def guide_languages() -> list[GuideLanguageInfo]:
    """The built-in languages, then the active ones the office added (one query)."""
    languages = list(BUILTIN_LANGUAGES)
    known = {language.code for language in languages}
    for row in GuideLanguage.objects.filter(active=True).select_related("language"):
        if row.language.code not in known:
            known.add(row.language.code)
            languages.append(
                GuideLanguageInfo(row.language.code, row.language.native_name, row.language.direction)
            )
    return languages


def guide_language(code: str) -> GuideLanguageInfo | None:
    for language in BUILTIN_LANGUAGES:
        if language.code == code:
            return language
    row = GuideLanguage.objects.select_related("language").filter(language__code=code, active=True).first()
    if row is None:
        return None
    return GuideLanguageInfo(row.language.code, row.language.native_name, row.language.direction)


# --- The most-specific rule ----------------------------------------------------------------------------

ROLE_ORDER = {role: index for index, role in enumerate(Responsibility.Role.values)}
CellKey = tuple[int, int]  # (matter id, target group id)


def region_chain_keys(region: Region) -> list[str]:
    """The official keys from the state down to ``region`` itself, read from its path."""
    return [key for key in region.path.split("/") if key]


# A plain list per entry: ``entry.target_groups.all()`` would clone a queryset for every entry.
GROUPS_PREFETCH = Prefetch(
    "target_groups", queryset=TargetGroup.objects.only("pk", "slug"), to_attr="prefetched_groups"
)


def group_list(entry: Responsibility) -> list[TargetGroup]:
    """The entry's target groups, from the prefetched list when there is one."""
    prefetched = getattr(entry, "prefetched_groups", None)
    return list(entry.target_groups.all()) if prefetched is None else prefetched


def with_groups(entries: list[Responsibility]) -> list[Responsibility]:
    """Load the target groups of all ``entries`` in one query."""
    prefetch_related_objects(entries, GROUPS_PREFETCH)
    return entries


def is_valid_on(entry: Responsibility, on: date) -> bool:
    return (entry.valid_from is None or entry.valid_from <= on) and (
        entry.valid_until is None or entry.valid_until >= on
    )


def most_specific(
    entries: Iterable[Responsibility],
    *,
    on: date,
    target_group_ids: Iterable[int],
    groups_of: Callable[[Responsibility], set[int]] | None = None,
) -> dict[CellKey, list[Responsibility]]:
    """Group entries of one region chain into cells and keep, per cell and role, the deepest region.

    ``entries`` must carry their region and lie on one chain of regions (each region an ancestor of
    the next), so that a longer path means a more specific region. ``groups_of`` gives an entry's
    target groups (default: its prefetched ``target_groups``; none means every group).
    """
    wanted = set(target_group_ids)
    best: dict[tuple[int, int, str], tuple[int, list[Responsibility]]] = {}
    for entry in entries:
        if not is_valid_on(entry, on):
            continue
        groups = groups_of(entry) if groups_of else {group.pk for group in group_list(entry)}
        depth = len(entry.region.path)
        for group_id in (groups or wanted) & wanted:
            key = (entry.matter_id, group_id, entry.role)
            current = best.get(key)
            if current is None or depth > current[0]:
                best[key] = (depth, [entry])
            elif depth == current[0]:
                current[1].append(entry)
    cells: dict[CellKey, list[Responsibility]] = defaultdict(list)
    for (matter_id, group_id, _role), (_depth, found) in best.items():
        cells[(matter_id, group_id)].extend(found)
    for found in cells.values():
        found.sort(key=lambda entry: (ROLE_ORDER[entry.role], entry.organisation.name, entry.pk))
    return dict(cells)


# What the finder, the matrix, its edition and the API show. Loading only these is about ten times
# faster for a district's matrix: the other columns are mostly time stamps, UUIDs and long texts
# whose conversion dominated (bench/guide_bench.py). A field missing here costs a query per entry;
# the query-count tests of the matrix, finder and API would catch that.
EFFECTIVE_FIELDS = (
    "matter_id",
    "region_id",
    "organisation_id",
    "service_id",
    "contact_id",
    "role",
    "conditions",
    "legal_basis",
    "valid_from",
    "valid_until",
    "region__key",
    "region__name",
    "region__path",
    "organisation__slug",
    "organisation__name",
    "organisation__short_name",
    "organisation__street",
    "organisation__postal_code",
    "organisation__city",
    "organisation__phone",
    "organisation__email",
    "organisation__website",
    "organisation__latitude",
    "organisation__longitude",
    "service__organisation_id",
    "service__name",
    "service__opening_hours",
    "contact__organisation_id",
    "contact__name",
    "contact__function",
    "contact__email",
    "contact__phone",
    "contact__consent_to_publish",
    "contact__consent_recorded_at",
)


def responsibilities_effective(
    *,
    region: Region,
    on: date,
    matter_ids: Iterable[int] | None = None,
    target_group_ids: Iterable[int] | None = None,
) -> dict[CellKey, list[Responsibility]]:
    """The entries that hold in ``region`` on ``on``, by (matter, target group); two queries at most.

    Without ``target_group_ids`` every target group is asked for (one more query). For a single
    target group (the finder) the database picks the entries for it, in one query.
    """
    if target_group_ids is None:
        target_group_ids = list(TargetGroup.objects.values_list("pk", flat=True))
    group_ids = list(target_group_ids)
    valid = Q(region__key__in=region_chain_keys(region))
    valid &= Q(valid_from__isnull=True) | Q(valid_from__lte=on)
    valid &= Q(valid_until__isnull=True) | Q(valid_until__gte=on)
    if matter_ids is not None:
        valid &= Q(matter_id__in=list(matter_ids))
    # No ORDER BY: the cells are sorted in Python, and the default ordering would join two more tables.
    # No matter either: every caller has the matters at hand (the cells are keyed by matter id).
    entries = (
        Responsibility.objects.select_related("region", "organisation", "service", "contact")
        .only(*EFFECTIVE_FIELDS)
        .filter(valid)
        .order_by()
    )
    if len(group_ids) == 1:
        # One outer join row per entry: the entry's row for this group, or its only row if it has none.
        entries = entries.filter(Q(target_groups=group_ids[0]) | Q(target_groups__isnull=True))
        return most_specific(
            entries, on=on, target_group_ids=group_ids, groups_of=lambda entry: set(group_ids)
        )
    entries = entries.prefetch_related(GROUPS_PREFETCH)
    return most_specific(entries, on=on, target_group_ids=group_ids)


# --- Translations ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ShownText:
    """A text as shown in a language; ``fallback`` when the German source stands in for it."""

    text: str
    language: str
    fallback: bool = False
    status: str = Translation.Status.CURRENT


def translations_for(
    kind: str, object_ids: Iterable[int], language: str
) -> dict[tuple[int, str], Translation]:
    if language == SOURCE_LANGUAGE:
        return {}
    rows = Translation.objects.filter(kind=kind, object_id__in=list(object_ids), language=language)
    return {(row.object_id, row.field): row for row in rows}


def shown_text(source: str, translation: Translation | None, language: str) -> ShownText:
    """The translation when there is one (even an outdated one, marked); otherwise the German source."""
    if language == SOURCE_LANGUAGE or not source:
        return ShownText(source, SOURCE_LANGUAGE)
    if translation is None:
        return ShownText(source, SOURCE_LANGUAGE, fallback=True, status=Translation.Status.MISSING)
    return ShownText(translation.text, language, status=translation.status_for(source))


def translation_status(obj: Matter | InfoPage, translations: dict[tuple[int, str], Translation]) -> str:
    """The worst status of the object's translated fields (a field without German text counts as done)."""
    statuses = []
    for name in obj.TRANSLATED_FIELDS:
        source = getattr(obj, name)
        if not source:
            continue
        row = translations.get((obj.pk, name))
        statuses.append(Translation.Status.MISSING if row is None else row.status_for(source))
    for status in (Translation.Status.MISSING, Translation.Status.OUTDATED):
        if status in statuses:
            return status
    return Translation.Status.CURRENT


@dataclass
class TranslationRow:
    kind: str
    obj: Matter | InfoPage
    field: str
    source: str
    translation: Translation | None
    status: str


def translation_overview(language: str) -> list[TranslationRow]:
    """Every translatable field of matters and info pages with its status in ``language`` (3 queries)."""
    matters = list(Matter.objects.order_by("pk"))
    pages = list(InfoPage.objects.order_by("pk"))
    existing = {
        (row.kind, row.object_id, row.field): row for row in Translation.objects.filter(language=language)
    }
    rows: list[TranslationRow] = []
    for kind, objects in ((Translation.Kind.MATTER, matters), (Translation.Kind.INFO_PAGE, pages)):
        for obj in objects:
            for name in obj.TRANSLATED_FIELDS:
                source = getattr(obj, name)
                if not source:
                    continue
                row = existing.get((kind, obj.pk, name))
                status = Translation.Status.MISSING if row is None else row.status_for(source)
                rows.append(TranslationRow(kind, obj, name, source, row, status))
    return rows


# --- The finder -----------------------------------------------------------------------------------------


@dataclass
class FinderResult:
    matter: Matter
    name: ShownText
    description: ShownText
    what_to_bring: ShownText
    entries: list[Responsibility]
    forms: list[Form]

    @property
    def any_fallback(self) -> bool:
        return self.name.fallback or self.description.fallback or self.what_to_bring.fallback


def finder_regions() -> QuerySet[Region]:
    """Districts, district-free cities and towns: the answers to "where do you live"."""
    return Region.objects.filter(
        kind__in=[Region.Kind.DISTRICT, Region.Kind.CITY, Region.Kind.TOWN, Region.Kind.MUNICIPALITY]
    ).order_by("name")


def finder_matters(language: str) -> list[tuple[Matter, ShownText]]:
    """Every matter still offered, with its name in ``language`` (two queries)."""
    matters = list(Matter.objects.filter(retired=False).select_related("field_of_action"))
    names = translations_for(Translation.Kind.MATTER, [m.pk for m in matters], language)
    return [(m, shown_text(m.name, names.get((m.pk, "name")), language)) for m in matters]


def finder_lookup(
    *, region: Region, target_group: TargetGroup, matter: Matter, on: date, language: str
) -> FinderResult:
    """The answer to the three questions: who to turn to, in ``language`` with German as fallback."""
    cells = responsibilities_effective(
        region=region, on=on, matter_ids=[matter.pk], target_group_ids=[target_group.pk]
    )
    texts = translations_for(Translation.Kind.MATTER, [matter.pk], language)
    forms = list(
        Form.objects.filter(
            Exists(FormFile.objects.filter(form=OuterRef("pk"))),
            matters=matter,
            retired=False,
            region__key__in=region_chain_keys(region),
        ).prefetch_related(Prefetch("files", queryset=FormFile.objects.order_by("language")))
    )
    return FinderResult(
        matter=matter,
        name=shown_text(matter.name, texts.get((matter.pk, "name")), language),
        description=shown_text(matter.description, texts.get((matter.pk, "description")), language),
        what_to_bring=shown_text(matter.what_to_bring, texts.get((matter.pk, "what_to_bring")), language),
        entries=cells.get((matter.pk, target_group.pk), []),
        forms=forms,
    )


# --- The matrix (Schnittstellenpapier) ------------------------------------------------------------------


@dataclass
class MatrixRow:
    matter: Matter
    cells: list[list[Responsibility]]


@dataclass
class MatrixSection:
    field_of_action: FieldOfAction
    rows: list[MatrixRow] = field(default_factory=list)


@dataclass
class Matrix:
    region: Region
    on: date
    target_groups: list[TargetGroup]
    sections: list[MatrixSection]
    # Organisation -> the names of the matters it appears in (the table "actor -> matters").
    actors: list[tuple[Any, list[str]]]
    # Every organisation, service and contact person that appears, for the contact list.
    contacts: list[tuple[Any, list[Any]]]

    @property
    def matters(self) -> list[Matter]:
        return [row.matter for section in self.sections for row in section.rows]


def region_matrix(*, region: Region, on: date) -> Matrix:
    """The paper of one region on one date; five queries whatever its size."""
    groups = list(TargetGroup.objects.order_by("position", "name_de"))
    matters = list(Matter.objects.select_related("field_of_action"))
    cells = responsibilities_effective(region=region, on=on, target_group_ids=[g.pk for g in groups])
    sections: dict[int, MatrixSection] = {}
    actor_matters: dict[int, tuple[Any, dict[int, Matter]]] = {}
    contact_people: dict[int, dict[int, Any]] = defaultdict(dict)
    for matter in matters:
        section = sections.setdefault(matter.field_of_action_id, MatrixSection(matter.field_of_action))
        row = MatrixRow(matter, [cells.get((matter.pk, group.pk), []) for group in groups])
        section.rows.append(row)
        for cell in row.cells:
            for entry in cell:
                actor_matters.setdefault(entry.organisation_id, (entry.organisation, {}))[1][matter.pk] = (
                    matter
                )
                if entry.contact is not None:
                    contact_people[entry.organisation_id][entry.contact.pk] = entry.contact
    actors = sorted(
        (
            (organisation, [matter.name for matter in found.values()])
            for organisation, found in actor_matters.values()
        ),
        key=lambda item: item[0].name,
    )
    contacts = [(organisation, list(contact_people[organisation.pk].values())) for organisation, _ in actors]
    return Matrix(
        region=region,
        on=on,
        target_groups=groups,
        sections=list(sections.values()),
        actors=actors,
        contacts=contacts,
    )


def regions_with_entries() -> QuerySet[Region]:
    return Region.objects.filter(guide_responsibilities__isnull=False).distinct().order_by("path")


def _responsibility_queryset() -> QuerySet[Responsibility]:
    return Responsibility.objects.select_related(
        "matter", "region", "organisation", "service", "contact"
    ).prefetch_related(GROUPS_PREFETCH)


def region_responsibilities(region: Region) -> QuerySet[Responsibility]:
    """The entries made for exactly this region (what its coordinators edit)."""
    return (
        _responsibility_queryset()
        .filter(region=region)
        .order_by("matter__field_of_action__position", "matter__position", "matter__name", "role", "pk")
    )


# --- Editions ----------------------------------------------------------------------------------------


def region_editions(region: Region) -> QuerySet[Edition]:
    return Edition.objects.filter(region=region).defer("data").order_by("-number")


@dataclass
class EditionChange:
    matter: str
    target_group: str
    role: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


def _edition_lines(edition: Edition) -> dict[tuple[str, str, str, str], dict[str, Any]]:
    return {
        (line["matter"], line["target_group"], line["role"], line["organisation"]): line
        for line in edition.data.get("lines", [])
    }


def edition_compare(older: Edition, newer: Edition) -> list[EditionChange]:
    """What changed between two editions: lines added, removed, or with other details."""
    before, after = _edition_lines(older), _edition_lines(newer)
    changes = []
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        line = new if new is not None else before[key]
        changes.append(
            EditionChange(
                matter=line["matter_name"],
                target_group=line["target_group_name"],
                role=line["role"],
                before=old,
                after=new,
            )
        )
    return changes


# --- Info pages and forms -------------------------------------------------------------------------------


@dataclass
class ShownPage:
    page: InfoPage
    title: ShownText
    body: ShownText


def info_pages(*, language: str, region: Region | None = None) -> list[ShownPage]:
    """Published pages (of the region's chain when one is given), in ``language`` (two queries)."""
    pages = InfoPage.objects.filter(published=True).select_related("region")
    if region is not None:
        pages = pages.filter(region__key__in=region_chain_keys(region))
    found = list(pages)
    texts = translations_for(Translation.Kind.INFO_PAGE, [page.pk for page in found], language)
    return [
        ShownPage(
            page,
            shown_text(page.title, texts.get((page.pk, "title")), language),
            shown_text(page.body, texts.get((page.pk, "body")), language),
        )
        for page in found
    ]


def info_page(*, slug: str, language: str) -> ShownPage | None:
    page = InfoPage.objects.filter(published=True, slug=slug).select_related("region").first()
    if page is None:
        return None
    texts = translations_for(Translation.Kind.INFO_PAGE, [page.pk], language)
    return ShownPage(
        page,
        shown_text(page.title, texts.get((page.pk, "title")), language),
        shown_text(page.body, texts.get((page.pk, "body")), language),
    )


def forms_library() -> QuerySet[Form]:
    """The public forms page: forms that are offered and have at least one file."""
    return (
        Form.objects.filter(retired=False)
        .filter(Exists(FormFile.objects.filter(form=OuterRef("pk"))))
        .select_related("region", "issuer")
        .prefetch_related(
            Prefetch("files", queryset=FormFile.objects.order_by("language")),
            Prefetch("matters", queryset=Matter.objects.order_by("name")),
        )
    )


def regions_editable_by(user: Any) -> QuerySet[Region]:
    """The regions whose guide content ``user`` keeps: all for the office, a coordinator's and those below."""
    scopes = scopes_of(user)
    if scopes.is_office:
        return Region.objects.order_by("path")
    below = Q(pk__in=[])
    for path in scopes.coordinated_paths:
        below |= Q(path__startswith=path)
    return Region.objects.filter(below).order_by("path")


@dataclass(frozen=True)
class FormRow:
    form: Form
    may_edit: bool


def forms_overview(user: Any) -> list[FormRow]:
    """Every form of the library with its files and matters for the office's list, offered ones first."""
    forms = (
        Form.objects.select_related("region", "issuer")
        .prefetch_related(
            Prefetch("files", queryset=FormFile.objects.order_by("language")),
            Prefetch("matters", queryset=Matter.objects.order_by("name")),
        )
        .order_by("retired", "title")
    )
    return [FormRow(form, policy.can(user, "edit", form)) for form in forms]


# --- The office's pages: matters, languages, translators ----------------------------------------------


@dataclass(frozen=True)
class RegionUsage:
    key: str
    name: str
    entries: int


@dataclass
class MatterUsage:
    matter: Matter
    regions: list[RegionUsage]

    @property
    def entries(self) -> int:
        return sum(region.entries for region in self.regions)


def matters_with_usage() -> list[MatterUsage]:
    """Every matter, retired ones too, with its number of entries per region (two queries)."""
    matters = list(Matter.objects.select_related("field_of_action"))
    by_matter: dict[int, list[RegionUsage]] = defaultdict(list)
    counts = (
        Responsibility.objects.values("matter_id", "region__path", "region__key", "region__name")
        .annotate(entries=Count("pk"))
        .order_by("matter_id", "region__path")
    )
    for row in counts:
        by_matter[row["matter_id"]].append(
            RegionUsage(row["region__key"], row["region__name"], row["entries"])
        )
    return [MatterUsage(matter, by_matter.get(matter.pk, [])) for matter in matters]


def django_language(code: str) -> dict[str, Any] | None:
    """What Django knows of a language code (its English and own name, whether it is written right to left)."""
    info = LANG_INFO.get(code)
    # Some entries only point to another code (``zh-cn`` -> ``zh-hans``).
    return info if info and "name" in info else None


@dataclass
class LanguageStatus:
    """One language of the public guide with how many of its texts are missing, outdated or current."""

    code: str
    native_name: str
    direction: str
    builtin: bool
    active: bool
    missing: int = 0
    outdated: int = 0
    current: int = 0

    @property
    def is_rtl(self) -> bool:
        return self.direction == "rtl"


def language_overview() -> list[LanguageStatus]:
    """Every language but German, built-in, added and deactivated, with its status counts (four queries)."""
    languages = [
        LanguageStatus(info.code, info.native_name, info.direction, builtin=True, active=True)
        for info in BUILTIN_LANGUAGES
        if info.code != SOURCE_LANGUAGE
    ]
    known = {SOURCE_LANGUAGE} | {language.code for language in languages}
    for row in GuideLanguage.objects.select_related("language"):
        if row.language.code not in known:
            known.add(row.language.code)
            languages.append(
                LanguageStatus(
                    row.language.code,
                    row.language.native_name,
                    row.language.direction,
                    builtin=False,
                    active=row.active,
                )
            )
    sources: dict[tuple[str, int, str], str] = {}
    for kind, objects in (
        (Translation.Kind.MATTER, Matter.objects.only("pk", *Matter.TRANSLATED_FIELDS)),
        (Translation.Kind.INFO_PAGE, InfoPage.objects.only("pk", *InfoPage.TRANSLATED_FIELDS)),
    ):
        for obj in objects:
            for name in obj.TRANSLATED_FIELDS:
                text = getattr(obj, name)
                if text:
                    sources[(kind, obj.pk, name)] = source_hash(text)
    current: dict[str, int] = defaultdict(int)
    outdated: dict[str, int] = defaultdict(int)
    rows = Translation.objects.values_list("language", "kind", "object_id", "field", "source_hash")
    for code, row_kind, object_id, name, made_from in rows.order_by():
        wanted = sources.get((row_kind, object_id, name))
        if wanted is None:
            continue  # its German source is empty now: nothing to translate
        if wanted == made_from:
            current[code] += 1
        else:
            outdated[code] += 1
    for language in languages:
        language.current = current[language.code]
        language.outdated = outdated[language.code]
        language.missing = len(sources) - language.current - language.outdated
    return languages


def translator_languages() -> dict[str, str]:
    """Code -> own name of every language a translator can be given (active languages but German)."""
    return {
        language.code: language.native_name
        for language in guide_languages()
        if language.code != SOURCE_LANGUAGE
    }


def translators() -> QuerySet[Translator]:
    """Who translates into which language, by language (one query)."""
    return Translator.objects.select_related("user").order_by("language", "user__email")


def form_files(form: Form | None) -> list[FormFile]:
    """A library form's files, by language (none for a form not saved yet)."""
    return list(FormFile.objects.filter(form=form).order_by("language")) if form is not None else []
