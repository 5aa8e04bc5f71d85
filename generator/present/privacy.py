"""What may be shown of a private person: their name as the process's `author_display` allows.

Kept apart from the read model so that every place that shows or writes a name (pages, history
diffs, importers) applies the same rule.
"""

from __future__ import annotations

from ..models import AuthorDisplay


def initials(name: str) -> str:
    """ "Jeanne Martin" -> "J. M.", "Jean-Pierre Le Goff" -> "J.-P. L. G." """
    words = name.split()
    return " ".join("-".join(f"{part[0]}." for part in word.split("-") if part) for word in words)


def shown_author(name: str | None, display: AuthorDisplay) -> str | None:
    """A private person's name as the process shows it; None means "anonymous"."""
    if not name or display is AuthorDisplay.anonymous:
        return None
    return name if display is AuthorDisplay.full else initials(name)
