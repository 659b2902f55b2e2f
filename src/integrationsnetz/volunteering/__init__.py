"""Volunteer needs and offers, matching with mutual consent, hours and certificates."""
