"""Importers: contributions from other platforms and form exports, written as process files."""
