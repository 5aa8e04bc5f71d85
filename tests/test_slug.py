"""One slug rule for folder names, meeting ids, imported ids and theme ids."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from greffier.formats.slug import slugify
from greffier.importers.common import title_key
from greffier.models import SLUG_PATTERN


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Réunion de Bréval", "reunion-de-breval"),
        ("Étape 2", "etape-2"),
        ("ÉLÉMENTS À ÇA", "elements-a-ca"),
        # Ligatures are spelt out, not dropped ("cur", "sop").
        ("Cœur de ville", "coeur-de-ville"),
        ("ŒUVRE", "oeuvre"),
        ("Æsop et cætera", "aesop-et-caetera"),
        ("Straße", "strasse"),
        # Both apostrophes separate words.
        ("L'école", "l-ecole"),
        ("Avis d’habitant", "avis-d-habitant"),
        ("Parc : quel avenir ?", "parc-quel-avenir"),
        ("a_b/c.d", "a-b-c-d"),
        ("  --Deux   espaces--  ", "deux-espaces"),
        # French's decimal comma is not a thousands separator to drop.
        ("1,5 km", "1-5-km"),
        # An organiser's text, not HTML.
        ("R&amp;D", "r-amp-d"),
        ("déjà-vu", "deja-vu"),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug


@pytest.mark.parametrize("text", ["", "   ", "!?…", "— « » —", "🎉"])
def test_nothing_to_keep_is_empty(text: str) -> None:
    assert slugify(text) == ""


def test_no_length_limit() -> None:
    assert slugify("a " * 200) == "-".join(["a"] * 200)


def test_titles_that_read_alike_are_one_theme() -> None:
    assert title_key("Cœur de ville") == title_key("coeur de  ville !")
    assert title_key("Cœur de ville") != title_key("Cur de ville")


@given(st.text())
def test_every_slug_is_a_valid_folder_name(text: str) -> None:
    slug = slugify(text)
    assert slug == "" or re.match(SLUG_PATTERN, slug)
