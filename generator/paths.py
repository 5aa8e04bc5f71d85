"""Where each generated page and copied file lives, as MkDocs `src_uri`s.

The plugin resolves these to URLs, so the same pages work with or without `use_directory_urls`:
`tram/meetings/2026-03-12-x.md` is published at `/tram/meetings/2026-03-12-x/`.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache
from pathlib import PurePosixPath
from urllib.parse import quote

from .models import Channel, Document, ProcessStatus

HOME = "index.md"
LEGAL_NOTICE = "mentions-legales.md"
PRIVACY = "donnees-personnelles.md"
ACCESSIBILITY = "accessibilite.md"
SEARCH = "search.md"
SCHEMAS = "schemas/index.md"
SITE_CALENDAR = "agenda.ics"
"""Every published meeting of the site, as one iCalendar feed."""
SITE_JOURNAL = "journal/index.md"
"""The journal of changes of the whole site (built with the history)."""
SITE_FEED = "feed.atom"
"""The site's journal as an Atom feed."""


def is_markdown(file: str) -> bool:
    # PurePosixPath(file).suffix, without building a path: called for every link of every page.
    name = file.rstrip("/").rpartition("/")[2]
    dot = name.rfind(".")
    return dot > 0 and name[dot:].lower() == ".md"


def status(value: ProcessStatus) -> str:
    return f"status/{value.value}.md"


def schema(name: str) -> str:
    return f"schemas/{name}.schema.json"


def process(slug: str) -> str:
    return f"{slug}/index.md"


def meetings(slug: str) -> str:
    return f"{slug}/meetings/index.md"


def meeting(slug: str, meeting_id: str) -> str:
    return f"{slug}/meetings/{meeting_id}.md"


def calendar(slug: str) -> str:
    """The process's meetings as an iCalendar feed, to subscribe to."""
    return f"{slug}/agenda.ics"


def meeting_calendar(slug: str, meeting_id: str) -> str:
    """One meeting as an iCalendar file, to add to one's calendar."""
    return f"{slug}/meetings/{meeting_id}.ics"


def minutes_index(slug: str) -> str:
    return f"{slug}/minutes/index.md"


def minutes(slug: str, minutes_id: str) -> str:
    return f"{slug}/minutes/{minutes_id}.md"


def documents(slug: str) -> str:
    return f"{slug}/documents/index.md"


def process_file(slug: str, file: str) -> str:
    """A file of the process folder, at its own path; Markdown becomes a page of that name."""
    return f"{slug}/{PurePosixPath(file).as_posix()}"


def document(slug: str, doc: Document) -> str:
    """A Markdown document's page (`documents/<id>/`), or the copied file itself."""
    if is_markdown(doc.data.file):
        return f"{slug}/documents/{doc.id}.md"
    return process_file(slug, doc.data.file)


def contributions(slug: str, page: int = 1, facet: str = "") -> str:
    """A page of the contributions list; `facet` is e.g. `theme/trace`, `answered` or ``."""
    base = f"{slug}/contributions/{facet + '/' if facet else ''}"
    return f"{base}index.md" if page == 1 else f"{base}page/{page}.md"


def theme_facet(theme_id: str) -> str:
    return f"theme/{theme_id}"


def channel_facet(channel: Channel) -> str:
    return f"channel/{channel.value}"


def contribution(slug: str, contribution_id: str) -> str:
    return f"{slug}/contributions/{contribution_id}.md"


def outcome(slug: str) -> str:
    return f"{slug}/outcome.md"


def _page_folder(page: str) -> str:
    """`tram/minutes/x.md` -> `tram/minutes/x`, `tram/index.md` -> `tram`: the page's URL path."""
    return page.removesuffix(".md").removesuffix("/index").removesuffix("index")


def history(page: str) -> str:
    """The history page of the item published at `page` (`<item url>history/`)."""
    return f"{_page_folder(page)}/history/index.md"


def version(page: str, short_id: str) -> str:
    """The permalink of one version of the item published at `page`."""
    return f"{_page_folder(page)}/history/{short_id}.md"


def journal(slug: str) -> str:
    """The process's journal of changes (built with the history)."""
    return f"{slug}/journal/index.md"


def journal_page(first: str, page: int) -> str:
    """Page `page` of the journal whose first page is `first` (`journal` or `SITE_JOURNAL`)."""
    return first if page == 1 else f"{_page_folder(first)}/page/{page}.md"


def feed(slug: str) -> str:
    """The process's journal as an Atom feed."""
    return f"{slug}/feed.atom"


def downloads(slug: str) -> str:
    """The process's downloads page: its dossier in every format, notices and forms."""
    return f"{slug}/downloads/index.md"


def download(slug: str, name: str) -> str:
    """A file of the process's downloads (see `export.bundle` for the names)."""
    return f"{slug}/downloads/{name}"


OPEN_DATA_FOLDER = "donnees"
"""Where open data is published, the same in every site language (like the legal pages)."""


def open_data(slug: str | None, name: str) -> str:
    """A file of the open data of a process (`<slug>/donnees/<name>`), or of the whole site for
    None (`donnees/<name>`); see `export.opendata`."""
    return f"{slug}/{OPEN_DATA_FOLDER}/{name}" if slug else f"{OPEN_DATA_FOLDER}/{name}"


def page_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """The URL of a page or file relative to the site root, as MkDocs publishes it."""
    path = PurePosixPath(src_uri)
    if not is_markdown(path.name):
        return src_uri
    if not use_directory_urls:
        return str(path.with_suffix(".html"))
    if path.name == "index.md":
        return "" if str(path.parent) == "." else f"{path.parent}/"
    return f"{path.with_suffix('')}/"


def dest_path(src_uri: str, use_directory_urls: bool) -> str:
    """Where a page or file is written, relative to the site folder, as MkDocs writes it."""
    path = PurePosixPath(src_uri)
    if not is_markdown(path.name):
        return src_uri
    if not use_directory_urls or path.stem == "index":
        return str(path.with_suffix(".html"))
    return str(path.with_suffix("") / "index.html")


def url(src_uri: str, use_directory_urls: bool) -> str:
    """A page's or file's URL relative to the site root, percent-encoded, as MkDocs gives it
    (`.` for the home page with directory URLs)."""
    dest = dest_path(src_uri, use_directory_urls)
    folder, name = posixpath.split(dest)
    if use_directory_urls and name == "index.html":
        dest = (folder or ".") + "/"
    return quote(dest)


def relative_url(url: str, other: str) -> str:
    """`url` relative to the page at `other` (both site-relative), by MkDocs' rule: the last
    part of `other` is left out when it holds a dot (a file); nothing climbs above the root."""
    folder, _, name = other.rpartition("/")
    if "." in name:
        other = folder
    other_parts, parts = _parts(other), _parts(url)
    common = 0
    for mine, theirs in zip(other_parts, parts, strict=False):
        if mine != theirs:
            break
        common += 1
    relative = "/".join([".."] * (len(other_parts) - common) + parts[common:]) or "."
    return relative + "/" if url.endswith("/") else relative


# Bounded: a site has a few hundred thousand addresses, and the same few hundred recur.
@lru_cache(maxsize=4096)
def _parts(path: str) -> list[str]:
    normal = posixpath.normpath("/" + path.lstrip("/") if not path.startswith("/") else path)[1:]
    return normal.split("/") if normal else []
