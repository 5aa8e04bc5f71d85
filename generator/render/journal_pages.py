"""The journal pages and their Atom feeds: what changed, when, in every process and on the site.

One journal per process at `<slug>/journal/` and one for the whole site at `journal/`, each entry
linking to the history page of its item (`<item url>history/`), in pages of at most
`PAGE_ENTRIES` changes (`journal/page/2/`…). The same journals are written as
Atom feeds, `<slug>/feed.atom` and `feed.atom`, whose entries carry the same translated words.
Pure, like `pages`: the plugin adds the specs and writes (or adds) the feeds. A change made once
the record was settled says so, with the day it was settled, on the pages and in the feeds.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, replace
from pathlib import PurePosixPath

from markupsafe import Markup

from .. import paths
from ..enrich.journal import Journal, JournalDay, JournalEntry
from ..export.atom import MEDIA_TYPE, EntryText, atom_feed
from ..i18n.translator import Translator
from ..models import Corpus, Process
from ..present.readmodel import ProcessView, lang_attr, published
from .pages import JOURNAL_TEMPLATE, PageLink, PageSpec, Pagination

SITE_JOURNAL = paths.SITE_JOURNAL
SITE_FEED = paths.SITE_FEED
PAGE_ENTRIES = 500
"""Changes a journal page lists. A city's first commit alone adds ten thousand items (one page
of 36 MB for 100,000 contributions), and journals are read on phones. Days stay whole on a page
unless one day alone is longer."""


def journal(slug: str) -> str:
    return paths.journal(slug)


def feed(slug: str) -> str:
    return paths.feed(slug)


def item_pages(corpus: Corpus, drafts: bool = False) -> dict[str, str]:
    """Published item file (path relative to the project root, as in the history) -> the
    src_uri of the page whose history it is: the same pairs as the page builder's items."""
    found: dict[str, str] = {}
    for process in published(corpus.processes, drafts):
        slug, folder = process.slug, PurePosixPath(process.source.path).parent
        found[process.source.path] = paths.process(slug)
        for meeting in published(process.meetings, drafts):
            found[meeting.source.path] = paths.meeting(slug, meeting.id)
        for minutes in published(process.minutes, drafts):
            found[minutes.source.path] = paths.minutes(slug, minutes.id)
        for contribution in published(process.contributions, drafts):
            found[contribution.source.path] = paths.contribution(slug, contribution.id)
        for document in published(process.documents, drafts):
            files = [document.data.file, *(a.file for a in document.data.alternatives)]
            for file in filter(paths.is_markdown, files):
                main = file == document.data.file
                page = paths.document(slug, document) if main else paths.process_file(slug, file)
                found[str(folder / file)] = page
        outcome = "outcome.md" if process.outcome is not None else "commitments.yml"
        found[str(folder / outcome)] = paths.outcome(slug)
    return found


def item_history_uris(
    corpus: Corpus, drafts: bool = False, built: Collection[str] | None = None
) -> dict[str, str]:
    """Item file -> src_uri of the page its history is read on, for every published item: its
    history page (`paths.history`). With `built`, the pages planned: an item without any
    version has no history page, and one whose page is its whole record (a single version) is
    linked to that page."""
    found = {}
    for path, page in item_pages(corpus, drafts).items():
        history = paths.history(page)
        if built is None or history in built:
            found[path] = history
        elif page in built:
            found[path] = page
    # Files without a history page of their own link to where they are published (a copied
    # file always is; a page when it is built).
    for path, target in _published_at(corpus, drafts).items():
        if built is None or target in built or not paths.is_markdown(target):
            found.setdefault(path, target)
    return found


def _published_at(corpus: Corpus, drafts: bool) -> dict[str, str]:
    """A document's PDF (or any file published as it is) -> that file; a process's
    presentation (`index.md`) -> the overview showing it."""
    found: dict[str, str] = {}
    for process in published(corpus.processes, drafts):
        slug, folder = process.slug, PurePosixPath(process.source.path).parent
        if process.presentation is not None:
            found[str(folder / "index.md")] = paths.process(slug)
        for document in published(process.documents, drafts):
            for file in [document.data.file, *(a.file for a in document.data.alternatives)]:
                if not paths.is_markdown(file):
                    found[str(folder / file)] = paths.process_file(slug, file)
    return found


def public(corpus: Corpus, drafts: bool = False) -> Callable[[Journal], Journal]:
    """A journal -> the journal without the changes to drafts (whole processes or items),
    unless previewing: the history is read whole, but a draft's title must not reach the site
    before it does. Made once for all the journals of a site."""
    if drafts:
        return lambda journal: journal
    hidden = set(item_pages(corpus, drafts=True)) - set(item_pages(corpus))
    shown = {process.slug for process in published(corpus.processes, drafts)}

    def without_drafts(journal: Journal) -> Journal:
        days = []
        for day in journal.days:
            kept = tuple(
                entry
                for entry in day.entries
                if entry.process in shown and entry.history_path not in hidden
            )
            if kept:
                days.append(JournalDay(day.day, kept))
        return replace(journal, days=tuple(days))

    return without_drafts


@dataclass(frozen=True)
class FeedLink:
    """What a page's `<link rel="alternate">` and visible subscribe link need."""

    src_uri: str
    """The feed's path in the site, for MkDocs' `url` filter."""
    title: str
    type: str = MEDIA_TYPE


@dataclass(frozen=True)
class EntryView:
    entry: JournalEntry
    action: str
    kind: str
    title: str | None
    history: str | None
    """src_uri of the item's history page; None when none is built (an item removed since)."""
    late: tuple[str, ...]
    """Each late flag in words: "modifié après la clôture du 30 avril 2026"."""
    process_title: str | None
    """Set on the site journal only, where entries of several processes mix."""
    lang: Markup
    """` lang="…"` for the title and process title, when their process is written in another
    language than the page."""


@dataclass(frozen=True)
class DayView:
    label: str
    """The date written out in the site's language."""
    iso: str
    entries: tuple[EntryView, ...]


class JournalWords:
    """The journal's words in one language."""

    def __init__(self, translator: Translator) -> None:
        self.translator = translator

    def text(self, key: str, /, **values: object) -> str:
        return self.translator.text(key, **values)

    def late(self, entry: JournalEntry) -> tuple[str, ...]:
        return tuple(
            self.text(
                f"journal.late.{late.reason.value}",
                settled=self.translator.date(late.settled, long=False),
            )
            for late in entry.late
        )

    def kind(self, entry: JournalEntry) -> str:
        return self.text(f"journal.kind.{(entry.kind or 'file')}")

    def title(self, entry: JournalEntry) -> str | None:
        """The item's own title; None for the items named by their kind alone (the
        presentation, the outcome...); the file name for a file that is no item."""
        if entry.title or entry.kind is not None:
            return entry.title
        return PurePosixPath(entry.history_path).name

    def describe(self, entry: JournalEntry) -> EntryText:
        """A feed entry: "Modifié : compte rendu « Réunion de lancement »", the commit subject
        and late flags as its summary."""
        action = self.text(f"journal.action.{entry.action.value}")
        name = self.title(entry)
        kind = self.kind(entry)
        title = (
            self.text("journal.entry", action=action, kind=kind, title=name)
            if name
            else self.text("journal.entry_untitled", action=action, kind=kind)
        )
        summary = " — ".join([entry.commit.subject, *self.late(entry)])
        return EntryText(title, summary)


def journal_specs(
    corpus: Corpus,
    journals: Mapping[str, Journal],
    site_journal: Journal,
    translator: Translator,
    *,
    drafts: bool = False,
    history: Mapping[str, str] | None = None,
    with_feeds: bool = True,
    page_entries: int = PAGE_ENTRIES,
) -> list[PageSpec]:
    """The journal page of every published process in `journals` (slug -> journal) and the site's.

    `history` maps an item's file to its history page's src_uri (default: `item_history_uris`);
    entries whose file has none are listed without a link. Without feeds (a site without
    `site_url` cannot have any: Atom needs absolute addresses), pages do not link to them.
    """
    words = JournalWords(translator)
    links = item_history_uris(corpus, drafts) if history is None else history
    titles = {process.slug: process.data.title for process in corpus.processes}
    languages = {p.slug: p.data.language for p in corpus.processes}
    shown_of = public(corpus, drafts)
    specs = []
    for process in published(corpus.processes, drafts):
        if process.slug not in journals:
            continue
        shown = shown_of(journals[process.slug])
        view = ProcessView(
            process, corpus.reference_date, translator.language, drafts, journal=True
        )
        days = _days(shown, words, links, titles=None, languages=languages)
        heading = words.text("journal.title")
        specs.extend(
            _specs(
                journal(process.slug),
                f"{heading} – {process.data.title}",
                heading,
                shown,
                days,
                view=view,
                feed=FeedLink(feed(process.slug), _feed_title(words, process))
                if with_feeds
                else None,
                words=words,
                page_entries=page_entries,
            )
        )
    heading = words.text("journal.site_title")
    whole = shown_of(site_journal)
    specs.extend(
        _specs(
            SITE_JOURNAL,
            heading,
            heading,
            whole,
            _days(whole, words, links, titles=titles, languages=languages),
            view=None,
            feed=FeedLink(SITE_FEED, heading) if with_feeds else None,
            words=words,
            page_entries=page_entries,
        )
    )
    return specs


def _feed_title(words: JournalWords, process: Process) -> str:
    return words.text("journal.feed_title", title=process.data.title)


def _specs(
    src_uri: str,
    title: str,
    heading: str,
    journal: Journal,
    days: tuple[DayView, ...],
    *,
    view: ProcessView | None,
    feed: FeedLink | None,
    words: JournalWords,
    page_entries: int,
) -> list[PageSpec]:
    """The journal's pages, the first at `src_uri`."""
    pages = _paged(days, page_entries)
    links = tuple(PageLink(n, paths.journal_page(src_uri, n)) for n in range(1, len(pages) + 1))
    specs = []
    for link, shown in zip(links, pages, strict=True):
        context = dict(
            heading=heading,
            page_type="listing",
            view=view,
            indexed=False,
            journal=journal,
            days=shown,
            pagination=Pagination(link.number, links),
            feed=feed,
            words=words,
        )
        page = words.text("pagination.page", number=words.translator.number(link.number))
        titled = title if link.number == 1 else f"{title} ({page})"
        specs.append(PageSpec(link.src_uri, JOURNAL_TEMPLATE, titled, context, page_type="listing"))
    return specs


def _paged(days: tuple[DayView, ...], size: int) -> list[tuple[DayView, ...]]:
    """Days in pages of at most `size` entries; a day is cut only when longer than a page."""
    pages: list[tuple[DayView, ...]] = []
    current: list[DayView] = []
    count = 0
    for day in days:
        entries = day.entries
        if count and count + len(entries) > size:
            pages.append(tuple(current))
            current, count = [], 0
        while len(entries) > size:
            pages.append((replace(day, entries=entries[:size]),))
            entries = entries[size:]
        if entries:
            current.append(replace(day, entries=entries))
            count += len(entries)
    if current or not pages:
        pages.append(tuple(current))
    return pages


def _days(
    journal: Journal,
    words: JournalWords,
    links: Mapping[str, str],
    *,
    titles: Mapping[str, str] | None,
    languages: Mapping[str, str | None],
) -> tuple[DayView, ...]:
    interface = words.translator.language
    return tuple(
        DayView(
            label=words.translator.date(day.day),
            iso=day.day.isoformat(),
            entries=tuple(
                EntryView(
                    entry=entry,
                    action=words.text(f"journal.action.{entry.action.value}"),
                    kind=words.kind(entry),
                    title=words.title(entry),
                    history=links.get(entry.history_path),
                    late=words.late(entry),
                    process_title=titles.get(entry.process) if titles is not None else None,
                    lang=lang_attr(languages.get(entry.process) or interface, interface),
                )
                for entry in day.entries
            ),
        )
        for day in journal.days
    )


def feeds(
    corpus: Corpus,
    journals: Mapping[str, Journal],
    site_journal: Journal,
    *,
    site_url: str,
    translator: Translator,
    author: str,
    drafts: bool = False,
    history: Mapping[str, str] | None = None,
    use_directory_urls: bool = True,
) -> dict[str, bytes]:
    """Every Atom feed, by path in the site: `<slug>/feed.atom` per process, `feed.atom`.

    Entries link to their item's history page, or to their journal when the item has none.
    """
    words = JournalWords(translator)
    links = item_history_uris(corpus, drafts) if history is None else history
    base = site_url if site_url.endswith("/") else f"{site_url}/"
    shown_of = public(corpus, drafts)

    def write(journal: Journal, journal_uri: str, feed_uri: str, title: str) -> bytes:
        def history_url(path: str) -> str:
            return paths.page_url(links.get(path, journal_uri), use_directory_urls)

        return atom_feed(
            shown_of(journal),
            feed_id=base + paths.page_url(journal_uri, use_directory_urls),
            title=title,
            author=author,
            site_url=base,
            self_url=base + feed_uri,
            language=translator.language,
            updated=corpus.reference_date,
            history_url=history_url,
            describe=words.describe,
        )

    written = {
        feed(process.slug): write(
            journals[process.slug],
            journal(process.slug),
            feed(process.slug),
            _feed_title(words, process),
        )
        for process in published(corpus.processes, drafts)
        if process.slug in journals
    }
    written[SITE_FEED] = write(
        site_journal, SITE_JOURNAL, SITE_FEED, words.text("journal.site_title")
    )
    return written
