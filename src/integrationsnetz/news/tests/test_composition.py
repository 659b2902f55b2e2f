"""Rendering details: lines short enough for SMTP without changing what the mail shows."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from integrationsnetz.news.composition import MAX_LINE_CHARACTERS, short_lines


def _words(text: str) -> list[str]:
    return text.replace("><", "> <").split()


def test_a_long_svg_line_and_a_long_paragraph_are_broken() -> None:
    html = "<p>" + "Wort " * 100 + "</p><svg><g>" + "<path d='M0 0'/>" * 60 + "</g></svg>"
    broken = short_lines(html)
    assert max(len(line) for line in broken.splitlines()) <= MAX_LINE_CHARACTERS
    assert _words(broken) == _words(html)
    assert short_lines("kurz\n\nzeile") == "kurz\n\nzeile\n"


@given(st.lists(st.sampled_from(["<b>", "</b>", "Wort", "Straße", " ", "  ", "\n", "x" * 30]), max_size=300))
def test_breaking_never_changes_the_words(parts: list[str]) -> None:
    text = "".join(parts)
    broken = short_lines(text)
    assert _words(broken) == _words(text)
    assert all(len(line) <= MAX_LINE_CHARACTERS or " " not in line.strip() for line in broken.splitlines())
