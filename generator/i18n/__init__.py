"""Greffier's words in French and English: one catalogue per language, two ways to read it."""

from .catalogue import LANGUAGES, Catalogue
from .translator import Translator
from .wording import Wording

__all__ = ["LANGUAGES", "Catalogue", "Translator", "Wording"]
