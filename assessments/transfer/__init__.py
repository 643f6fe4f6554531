"""Responses in and out: JSON and CSV import and export."""
