"""Atom 1.0 (RFC 4287) feeds of a journal: one entry per change, linking to the item's history.

The bytes depend only on their input: no wall clock (the feed's `updated` is its newest entry's
date), attributes in a fixed order, ids derived from the commit and path. Entries follow the
journal's order, newest first, and stop at the latest `FEED_ENTRIES`.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import PurePosixPath
from typing import NamedTuple
from urllib.parse import quote, urljoin, urlsplit

from ..enrich.journal import Journal, JournalEntry
from ..formats.characters import clean

ATOM_NAMESPACE = "http://www.w3.org/2005/Atom"
MEDIA_TYPE = "application/atom+xml"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FEED_ENTRIES = 200
"""Changes a feed carries, the latest: feed readers fetch a feed again and again, often on
phones, and a city's first commit alone can add ten thousand items (a 5.5 MB feed). The
journal pages keep every change."""


class EntryText(NamedTuple):
    title: str
    summary: str


def plain_text(entry: JournalEntry) -> EntryText:
    """Words the organiser wrote, in no particular language: the item's title (or file name) and
    the commit's subject. The render layer passes its own, translated, describer."""
    title = entry.title or PurePosixPath(entry.history_path).name
    return EntryText(title, entry.commit.subject)


def atom_feed(
    journal: Journal,
    *,
    feed_id: str,
    title: str,
    author: str,
    site_url: str,
    self_url: str,
    language: str,
    updated: dt.datetime,
    history_url: Callable[[str], str],
    describe: Callable[[JournalEntry], EntryText] = plain_text,
) -> bytes:
    """The feed as UTF-8 bytes.

    `site_url` is the site's absolute address, `history_url(path)` the address of an item's
    history page relative to it; `updated` is only used for a journal without entries. Each
    entry is tagged with its action ("amended", ...) and late flags ("after-close", ...) as
    categories, so readers can filter without parsing words.
    """
    authority = urlsplit(site_url).hostname
    if not authority:
        raise ValueError(f"site_url must be an absolute URL, got {site_url!r}")
    base = site_url if site_url.endswith("/") else f"{site_url}/"
    entries = journal.entries[:FEED_ENTRIES]
    feed = ET.Element("feed", {"xmlns": ATOM_NAMESPACE, _XML_LANG: language})
    _text(feed, "id", feed_id)
    _text(feed, "title", title)
    _text(feed, "updated", _timestamp(entries[0].commit.date if entries else updated))
    ET.SubElement(feed, "link", rel="self", type=MEDIA_TYPE, href=self_url)
    ET.SubElement(feed, "link", rel="alternate", type="text/html", href=base)
    _text(ET.SubElement(feed, "author"), "name", author)
    for entry in entries:
        text = describe(entry)
        element = ET.SubElement(feed, "entry")
        _text(element, "id", _entry_id(authority, entry))
        _text(element, "title", text.title)
        _text(element, "updated", _timestamp(entry.commit.date))
        _text(ET.SubElement(element, "author"), "name", entry.commit.committer)
        href = urljoin(base, history_url(entry.history_path).lstrip("/"))
        ET.SubElement(element, "link", rel="alternate", type="text/html", href=href)
        ET.SubElement(element, "category", term=entry.action.value)
        for late in entry.late:
            ET.SubElement(element, "category", term=late.reason.value)
        _text(element, "summary", text.summary).set("type", "text")
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def _text(parent: ET.Element, tag: str, value: str) -> ET.Element:
    child = ET.SubElement(parent, tag)
    # Content is checked and history cleaned upstream; mkdocs.yml's names (the feed's author,
    # the site's name) are not, and ElementTree would write any character, well-formed or not.
    child.text = clean(value)
    return child


def _timestamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _entry_id(authority: str, entry: JournalEntry) -> str:
    """A tag URI (RFC 4151) naming the change itself: the same in the process and site feeds,
    and kept when the site moves to another path or the item's history page is renamed."""
    day = entry.commit.date.astimezone(dt.UTC).date().isoformat()
    return f"tag:{authority},{day}:{entry.commit.id}/{quote(entry.path, safe='/')}"
