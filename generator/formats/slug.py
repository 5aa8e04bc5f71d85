"""The one rule that turns a title into the lowercase, hyphenated ASCII of ids and folder names.

Built on python-slugify, which transliterates rather than drops: "Cœur" gives "coeur", not
"cur", and "Straße" gives "strasse".
"""

from __future__ import annotations

from slugify import slugify as _library_slugify

_SEPARATORS = str.maketrans(dict.fromkeys("’‘ʼ,", " "))
"""Typographic apostrophes separate words as the ASCII one does ("d’été" -> "d-ete", not
"dete"); a comma between digits is French's decimal comma ("1,5 km" -> "1-5-km"), which the
library would otherwise drop as a thousands separator ("15-km")."""


def slugify(text: str) -> str:
    """'Réunion de Bréval' -> 'reunion-de-breval'; '' when nothing in `text` is a letter or a
    digit. No length limit: callers that need one cut the result."""
    # Entities off: an organiser's "&amp;" is text, not HTML to decode.
    return _library_slugify(
        text.translate(_SEPARATORS), entities=False, decimal=False, hexadecimal=False
    )
