"""Test and benchmark support that the apps share (never imported by the running site)."""
