"""The printed Schnittstellenpapier: the diagram per matter (SVG) and the PDF of an edition."""

from __future__ import annotations

import html
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from integrationsnetz.core.models import FieldOfAction, Region
from integrationsnetz.guide.models import ROLE_ABBREVIATIONS, Edition, Matter, Responsibility
from integrationsnetz.guide.selectors import Matrix

BOX_WIDTH = 210
BOX_HEIGHT = 54
COLUMN_GAP = 30
ROW_GAP = 16
TOP = 110


@dataclass(frozen=True)
class DiagramNode:
    organisation: str
    role: str


def _box(x: int, y: int, text: str, css_class: str) -> str:
    lines = textwrap.wrap(text, 30)[:2] or [""]
    if len(textwrap.wrap(text, 30)) > 2:
        lines[1] = lines[1][:27] + "…"
    first = y + BOX_HEIGHT // 2 - (len(lines) - 1) * 8 + 5
    spans = "".join(
        f'<tspan x="{x + BOX_WIDTH // 2}" y="{first + index * 16}">{escape(line)}</tspan>'
        for index, line in enumerate(lines)
    )
    return (
        f'<rect class="{css_class}" x="{x}" y="{y}" width="{BOX_WIDTH}" height="{BOX_HEIGHT}" rx="6" '
        f'fill="#ffffff" stroke="#1d4f91" stroke-width="2"/>'
        f'<text text-anchor="middle" font-family="sans-serif" font-size="13" fill="#1a1a1a">{spans}</text>'
    )


def matter_diagram_svg(matter_name: str, nodes: Sequence[DiagramNode]) -> str:
    """Who does what for one matter: the matter on top, one column per role, arrows for referrals.

    Advising and supporting bodies refer people on to the responsible office; the dashed arrows show
    that. Plain SVG markup (no graphviz), readable in pages and PDFs; the title names every node.
    """
    roles = list(Responsibility.Role)
    columns = {role.value: [node for node in nodes if node.role == role.value] for role in roles}
    width = len(roles) * BOX_WIDTH + (len(roles) + 1) * COLUMN_GAP
    tallest = max((len(column) for column in columns.values()), default=0)
    height = TOP + 40 + max(tallest, 1) * (BOX_HEIGHT + ROW_GAP)
    matter_x = (width - BOX_WIDTH) // 2
    title = _("Who does what: %(matter)s") % {"matter": matter_name}
    described = "; ".join(f"{node.organisation} ({Responsibility.Role(node.role).label})" for node in nodes)
    empty_text = _("No entry yet.")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-labelledby="diagram-title">',
        f'<title id="diagram-title">{escape(title)}: {escape(described)}</title>',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" '
        'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#1d4f91"/></marker></defs>',
        _box(matter_x, 10, matter_name, "matter"),
    ]
    responsible_boxes: list[tuple[int, int]] = []
    for index, role in enumerate(roles):
        x = COLUMN_GAP + index * (BOX_WIDTH + COLUMN_GAP)
        parts.append(
            f'<text x="{x + BOX_WIDTH // 2}" y="{TOP - 10}" text-anchor="middle" font-family="sans-serif" '
            f'font-size="14" font-weight="bold" fill="#1a1a1a">{escape(str(role.label))}</text>'
        )
        for row, node in enumerate(columns[role.value]):
            y = TOP + row * (BOX_HEIGHT + ROW_GAP)
            parts.append(
                f'<line x1="{matter_x + BOX_WIDTH // 2}" y1="{10 + BOX_HEIGHT}" x2="{x + BOX_WIDTH // 2}" '
                f'y2="{y}" stroke="#5b6b7f" stroke-width="1.5"/>'
            )
            parts.append(_box(x, y, node.organisation, role.value))
            if role == Responsibility.Role.RESPONSIBLE:
                responsible_boxes.append((x, y))
            elif responsible_boxes:
                target_x, target_y = responsible_boxes[0]
                parts.append(
                    f'<line x1="{x}" y1="{y + BOX_HEIGHT // 2}" x2="{target_x + BOX_WIDTH}" '
                    f'y2="{target_y + BOX_HEIGHT // 2}" stroke="#1d4f91" stroke-width="1.5" '
                    'stroke-dasharray="6 4" marker-end="url(#arrow)"/>'
                )
    if not nodes:
        parts.append(
            f'<text x="{width // 2}" y="{TOP + 30}" text-anchor="middle" font-family="sans-serif" '
            f'font-size="14" fill="#1a1a1a">{escape(empty_text)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


@dataclass
class RenderedSection:
    field_of_action: FieldOfAction
    rows: list[tuple[Matter, list[SafeString]]]


def matrix_sections_html(matrix: Matrix) -> list[RenderedSection]:
    """The matrix's sections with the cells of every row as HTML.

    Built in Python rather than in the template: a district's matrix has over a thousand cells, and
    template tags per entry made the page several times slower (bench/guide_bench.py).
    """
    roles = {
        role.value: (html.escape(str(role.label)), html.escape(str(ROLE_ABBREVIATIONS[role])))
        for role in Responsibility.Role
    }
    empty = mark_safe(f'<span class="visually-hidden">{html.escape(_("no entry"))}</span>')  # noqa: S308 - escaped above
    inherited: dict[int, str] = {}

    def from_region(region: Region) -> str:
        if region.pk not in inherited:
            text = _("(entry of %(region)s)") % {"region": region.name}
            inherited[region.pk] = (
                f'<sup aria-hidden="true">*</sup><span class="visually-hidden">{html.escape(text)}</span>'
            )
        return inherited[region.pk]

    rendered: list[RenderedSection] = []
    for section in matrix.sections:
        rows: list[tuple[Matter, list[SafeString]]] = []
        rendered.append(RenderedSection(section.field_of_action, rows))
        for row in section.rows:
            cells = []
            for cell in row.cells:
                if not cell:
                    cells.append(empty)
                    continue
                parts = []
                for entry in cell:
                    label, abbreviation = roles[entry.role]
                    name = html.escape(entry.organisation.short_name or entry.organisation.name)
                    mark = from_region(entry.region) if entry.region_id != matrix.region.pk else ""
                    parts.append(
                        f'<span class="guide-cell">{name} (<abbr title="{label}">{abbreviation}</abbr>){mark}</span>'
                    )
                cells.append(mark_safe("".join(parts)))  # noqa: S308 - every part is escaped above
            rows.append((row.matter, cells))
    return rendered


def edition_pdf(edition: Edition) -> bytes:
    """The PDF of an edition from its frozen content: A4 landscape, contents, matrices, contacts."""
    from weasyprint import HTML

    with translation.override("de"):
        document = render_to_string("guide/edition_pdf.html", {"edition": edition, "data": edition.data})
    return bytes(HTML(string=document).write_pdf())
