"""Accommodation sites and quality inspections (the "Heim-TÜV")."""
