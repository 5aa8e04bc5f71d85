"""Exports of the loaded and enriched content in open formats (feeds, open data, documents)."""
