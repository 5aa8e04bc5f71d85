"""Greffier's words in French and English: one catalogue per language, two ways to read it."""

from generator.i18n.catalogue import LANGUAGES, Catalogue
from generator.i18n.translator import Translator
from generator.i18n.wording import Wording

__all__ = ["LANGUAGES", "Catalogue", "Translator", "Wording"]
