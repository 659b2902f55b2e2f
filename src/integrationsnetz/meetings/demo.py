"""Demo data of the meetings app from the source documents; running it again changes nothing."""

from __future__ import annotations


def load_demo() -> str:
    """Load the demo data and return one line for the summary of ``manage.py load_demo``."""
    return ""
