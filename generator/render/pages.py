"""Every page of the site, as data: which template renders it, where, with what context.

Pure: no MkDocs here. The plugin turns each `PageSpec` into a generated MkDocs file and hands
its context to the template. Leaf pages (a meeting, a contribution, a page of a list) stay out
of the navigation; listing pages link to them, so the site scales with the number of items.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any, Literal, Protocol, TypeVar

from .. import paths
from ..diagnostics import GreffierError
from ..enrich.redaction import key
from ..enrich.trace import ItemTrace
from ..i18n.translator import Translator
from ..models import FILE_MODELS, Contribution, Corpus, ProcessStatus
from ..present import software
from ..present.options import RenderOptions
from ..present.readmodel import ProcessView, published
from .versions import (
    HistorySource,
    ItemHistory,
    VersionEntry,
    VersionText,
    late_flags,
    version_entries,
)

T = TypeVar("T")

PageType = Literal[
    "process", "meeting", "minutes", "document", "contribution", "outcome", "legal", "listing"
]
"""What a page is, for Pagefind's `type` filter; listings are left out of the index."""


_STATUS_ORDER = (
    ProcessStatus.open,
    ProcessStatus.upcoming,
    ProcessStatus.closed,
    ProcessStatus.archived,
)
JOURNAL_TEMPLATE = "greffier/journal.html"
HISTORY_TEMPLATE = "greffier/history.html"
VERSION_TEMPLATE = "greffier/version.html"


@dataclass(frozen=True)
class PageSpec:
    src_uri: str
    template: str
    title: str
    """Plain text, for the browser tab: the heading plus, for process pages, the process."""
    context: dict[str, Any]
    in_nav: bool = False
    """Listed in the navigation: process overviews by the plugin, in a section of their own;
    other top pages (home, search, legal) by mkdocs.yml's `nav`, or MkDocs' automatic one."""
    page_type: PageType = "listing"

    @property
    def hosted(self) -> bool:
        """Rendered by the host as one of its own pages: those of its navigation, and the
        journals (their head links their feed). Every other page, nearly all of them, is
        written by `render.writer` in a frame shared with many."""
        return self.in_nav or self.template == JOURNAL_TEMPLATE

    @property
    def in_sitemap(self) -> bool:
        """History and version pages are the record of past states, not pages to index."""
        return self.template not in (HISTORY_TEMPLATE, VERSION_TEMPLATE)


@dataclass(frozen=True)
class PageLink:
    number: int
    src_uri: str


@dataclass(frozen=True)
class Pagination:
    number: int
    pages: tuple[PageLink, ...]

    @property
    def total(self) -> int:
        return len(self.pages)

    @property
    def previous(self) -> PageLink | None:
        return self.pages[self.number - 2] if self.number > 1 else None

    @property
    def next(self) -> PageLink | None:
        return self.pages[self.number] if self.number < self.total else None

    def window(self, around: int = 2) -> list[PageLink | None]:
        """First, last and nearby pages; None marks a gap, so 200 pages stay readable."""
        keep = {1, self.total, *range(self.number - around, self.number + around + 1)}
        shown: list[PageLink | None] = []
        for link in self.pages:
            if link.number in keep:
                shown.append(link)
            elif shown and shown[-1] is not None:
                shown.append(None)
        return shown


@dataclass(frozen=True)
class Facet:
    """One filter of the contributions list, as a link to its own pages."""

    label: str
    facet: str
    src_uri: str
    count: int


@dataclass(frozen=True)
class FacetGroup:
    label_key: str
    facets: tuple[Facet, ...]
    own_words: bool = False
    """The labels are the process's own words (its themes), in the process's language."""


class Download(Protocol):
    """A made offline file as pages list it (`export.bundle.Export` is one)."""

    @property
    def path(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def size(self) -> int: ...
    @property
    def detail(self) -> str: ...
    @property
    def extension(self) -> str: ...


_WHOLE_PROCESS = ("dossier", "large-print", "odt", "docx", "epub", "html")
_ONE_ITEM = ("minutes", "document")
_PAPER = ("notice", "form")


@dataclass
class _Builder:
    corpus: Corpus
    options: RenderOptions
    alternative_texts: Mapping[str, str]
    history: HistorySource | None = None
    """None when history is turned off: pages then say nothing about it."""
    downloads: Mapping[str, Sequence[Download]] | None = None
    """slug -> the process's offline files; None when they are not made."""
    open_data: Mapping[str, object] = field(default_factory=dict)
    """slug -> the process's open data package files (`export.opendata.PackageFiles`)."""
    t: Translator = field(init=False)
    specs: list[PageSpec] = field(default_factory=list)
    files: dict[str, Download] = field(init=False)

    def __post_init__(self) -> None:
        self.t = Translator(self.options.language)
        self.files = {
            file.path: file for found in (self.downloads or {}).values() for file in found
        }

    def item_pdf(self, slug: str, kind: str, item_id: str) -> Download | None:
        return self.files.get(paths.download(slug, f"{kind}/{item_id}.pdf"))

    def add(
        self,
        src_uri: str,
        template: str,
        heading: str,
        page_type: PageType,
        *,
        view: ProcessView | None = None,
        in_nav: bool = False,
        **context: Any,
    ) -> None:
        title = f"{heading} – {view.data.title}" if view and page_type != "process" else heading
        context.update(
            heading=heading,
            page_type=page_type,
            view=view,
            reference_date=self.corpus.reference_date,
            # Listings repeat what their items' own pages say: searching them adds only noise.
            indexed=page_type != "listing",
            calendars=self.options.calendars,
        )
        self.specs.append(
            PageSpec(
                src_uri=src_uri,
                template=f"greffier/{template}.html",
                title=title,
                context=context,
                in_nav=in_nav,
                page_type=page_type,
            )
        )

    def item(
        self,
        src_uri: str,
        template: str,
        heading: str,
        page_type: PageType,
        *,
        view: ProcessView,
        source: str,
        approved: dt.date | None = None,
        hidden: str | None = None,
        author: str | None = None,
        **context: Any,
    ) -> None:
        """An item's page, with the facts of its history, its history page and version pages.

        `source` is the item's file (relative to the project root), the key of its trace.
        """
        if self.history is None:
            self.add(src_uri, template, heading, page_type, view=view, **context)
            return
        traces = self.history.traces
        trace = traces.get(source)
        has_history = trace is not None and trace.version_count > 0
        previous = (
            self._previous_pages(self.history, trace.previous_paths, source, src_uri)
            if trace is not None
            else []
        )
        record = None
        if trace is not None and self._is_whole_record(trace, hidden, previous):
            record = trace.versions[0].commit
        item = ItemHistory(
            available=traces.available,
            reason=traces.reason,
            trace=trace,
            history_uri=paths.history(src_uri) if has_history and record is None else None,
            hidden=hidden,
            late=late_flags(trace, view.data.closes, approved),
            record=record,
        )
        self.add(src_uri, template, heading, page_type, view=view, history=item, **context)
        if item.history_uri is None or trace is None:
            return
        source_history = self.history
        drafts = self.options.drafts

        def versions() -> tuple[list[VersionEntry], dict[str, VersionText]]:
            return version_entries(
                item,
                source_history.read,
                lambda version: paths.version(src_uri, version.commit.short_id),
                display=view.data.author_display,
                current_author=author,
                withheld=source_history.withheld,
                drafts=drafts,
            )

        self.add(
            paths.history(src_uri),
            "history",
            self.t.text("history.heading", title=heading),
            "listing",
            view=view,
            item_uri=src_uri,
            item_heading=heading,
            item_type=page_type,
            source=source,
            history=item,
            versions=versions,
            previous=previous,
        )

    def _is_whole_record(self, trace: ItemTrace, hidden: str | None, previous: list[str]) -> bool:
        """Whether the item's page shows all its history page would: one version, committed as
        it is shown, neither hidden, withheld nor renamed. Its history page and version
        permalink then send to the item's page until a second version exists: on a young site
        they would be two pages in three, saying what the item's page says."""
        if trace.version_count != 1 or trace.uncommitted or hidden or previous:
            return False
        assert self.history is not None
        return key(trace.versions[0]) not in self.history.withheld

    def _previous_pages(
        self, history: HistorySource, previous: Sequence[str], source: str, src_uri: str
    ) -> list[str]:
        """Page src_uris the item had under the file names it was renamed from (see
        `redirects`)."""
        found = []
        folder, _, name = source.rpartition("/")
        page_folder, _, page_name = src_uri.rpartition("/")
        for old in previous:
            old_folder, _, old_name = old.rpartition("/")
            # Only a file renamed in place maps to a former page: its page took its name.
            if old_folder != folder or page_name != name or history.redirects.get(old) != source:
                continue
            found.append(f"{page_folder}/{old_name}")
        return found

    # ----------------------------------------------------------------- site pages

    def site(self, views: list[ProcessView]) -> None:
        t = self.t
        statuses = [
            Facet(t.label(s), s.value, paths.status(s), sum(v.status is s for v in views))
            for s in ProcessStatus
        ]
        home: dict[str, Any] = dict(processes=views, statuses=statuses)
        self.add(paths.HOME, "home", t.text("home.title"), "listing", in_nav=True, **home)
        for status, facet in zip(ProcessStatus, statuses, strict=True):
            self.add(
                facet.src_uri,
                "home",
                t.text("home.status_title", status=facet.label),
                "listing",
                **{**home, "processes": [v for v in views if v.status is status]},
                current=status.value,
            )
        legal: dict[str, Any] = dict(
            processes=views, legal=self.options.legal, site_name=self.options.site_name
        )
        # Top pages (in_nav): listed by MkDocs too when mkdocs.yml has no `nav`.
        self.add(paths.SEARCH, "search", t.text("search.title"), "listing", in_nav=True)
        self.add(
            paths.LEGAL_NOTICE,
            "legal-notice",
            t.text("legal.notice"),
            "legal",
            in_nav=True,
            software_licence=software.licence(),
            **legal,
        )
        self.add(paths.PRIVACY, "privacy", t.text("legal.privacy"), "legal", in_nav=True, **legal)
        self.add(
            paths.ACCESSIBILITY,
            "accessibility",
            t.text("legal.accessibility"),
            "legal",
            in_nav=True,
            **legal,
        )
        self.add(
            paths.SCHEMAS,
            "schemas",
            t.text("schemas.title"),
            "legal",
            in_nav=True,
            schemas=[(name, paths.schema(name)) for name in FILE_MODELS],
        )

    # ----------------------------------------------------------------- one process

    def process(self, view: ProcessView) -> None:
        t, slug = self.t, view.slug
        self.item(
            paths.process(slug),
            "process",
            view.data.title,
            "process",
            view=view,
            source=view.process.source.path,
            in_nav=True,
        )
        self.add(paths.meetings(slug), "meetings", t.text("meetings.title"), "listing", view=view)
        for meeting in view.meetings:
            self.item(
                paths.meeting(slug, meeting.id),
                "meeting",
                meeting.data.title,
                "meeting",
                view=view,
                source=meeting.source.path,
                meeting=meeting,
            )
        self.add(
            paths.minutes_index(slug),
            "minutes-index",
            t.text("minutes.title"),
            "listing",
            view=view,
        )
        for minutes in view.minutes:
            meeting = view.meeting(minutes.data.meeting)
            self.item(
                paths.minutes(slug, minutes.id),
                "minutes",
                t.text("minutes.heading", title=meeting.data.title),
                "minutes",
                view=view,
                source=minutes.source.path,
                approved=minutes.data.approved,
                minutes=minutes,
                meeting=meeting,
                pdf=self.item_pdf(slug, "minutes", minutes.id),
            )
        self.documents(view)
        self.contributions(view)
        outcome = "outcome.md" if view.process.outcome is not None else "commitments.yml"
        self.item(
            paths.outcome(slug),
            "outcome",
            t.text("outcome.title"),
            "outcome",
            view=view,
            source=view.source_file(outcome),
        )
        files = (self.downloads or {}).get(slug, [])
        self.add(
            paths.downloads(slug),
            "downloads",
            t.text("downloads.title"),
            "listing",
            view=view,
            whole=[f for f in files if f.kind in _WHOLE_PROCESS],
            per_item=[f for f in files if f.kind in _ONE_ITEM],
            paper=[f for f in files if f.kind in _PAPER],
            open_data=self.open_data.get(slug),
        )

    def documents(self, view: ProcessView) -> None:
        slug = view.slug
        self.add(
            paths.documents(slug), "documents", self.t.text("documents.title"), "listing", view=view
        )
        for document in view.documents:
            if paths.is_markdown(document.data.file):
                self.item(
                    paths.document(slug, document),
                    "document",
                    document.data.title,
                    "document",
                    view=view,
                    source=view.source_file(document.data.file),
                    document=document,
                    body=document.body or "",
                    parent=None,
                    pdf=self.item_pdf(slug, "documents", document.id),
                )
            for alternative in document.data.alternatives:
                if paths.is_markdown(alternative.file):
                    self.item(
                        paths.process_file(slug, alternative.file),
                        "document",
                        alternative.title or document.data.title,
                        "document",
                        view=view,
                        source=view.source_file(alternative.file),
                        document=document,
                        alternative=alternative,
                        body=self.alternative_texts.get(
                            paths.process_file(slug, alternative.file), ""
                        ),
                        parent=document,
                    )

    def contributions(self, view: ProcessView) -> None:
        t, slug = self.t, view.slug
        items = view.contributions
        groups = (
            FacetGroup(
                "contributions.filter.themes",
                tuple(
                    Facet(theme.title, facet, paths.contributions(slug, facet=facet), n)
                    for theme in view.data.themes
                    for facet in [paths.theme_facet(theme.id)]
                    for n in [sum(theme.id in c.data.themes for c in items)]
                ),
                own_words=True,
            ),
            FacetGroup(
                "contributions.filter.channels",
                tuple(
                    Facet(t.label(ch), facet, paths.contributions(slug, facet=facet), n)
                    for ch in view.channels()
                    for facet in [paths.channel_facet(ch)]
                    for n in [sum(c.data.channel is ch for c in items)]
                ),
            ),
            FacetGroup(
                "contributions.filter.answers",
                (
                    Facet(
                        t.text("contributions.filter.answered"),
                        "answered",
                        paths.contributions(slug, facet="answered"),
                        sum(map(view.is_answered, items)),
                    ),
                    Facet(
                        t.text("contributions.filter.unanswered"),
                        "unanswered",
                        paths.contributions(slug, facet="unanswered"),
                        sum(map(view.awaits_answer, items)),
                    ),
                ),
            ),
        )
        lists: list[tuple[str, str, list[Contribution]]] = [
            ("", t.text("contributions.title"), items)
        ]
        for theme in view.data.themes:
            lists.append(
                (
                    paths.theme_facet(theme.id),
                    t.text("contributions.theme_title", theme=theme.title),
                    [c for c in items if theme.id in c.data.themes],
                )
            )
        for channel in view.channels():
            lists.append(
                (
                    paths.channel_facet(channel),
                    t.text("contributions.channel_title", channel=t.label(channel)),
                    [c for c in items if c.data.channel is channel],
                )
            )
        lists.append(
            (
                "answered",
                t.text("contributions.answered_title"),
                list(filter(view.is_answered, items)),
            )
        )
        lists.append(
            (
                "unanswered",
                t.text("contributions.unanswered_title"),
                list(filter(view.awaits_answer, items)),
            )
        )
        for facet, heading, selected in lists:
            page_uri = partial(paths.contributions, slug, facet=facet)
            for pagination, chunk in paginate(selected, self.options.page_size, page_uri):
                page_heading = heading
                if pagination.total > 1:
                    number = t.text(
                        "contributions.page", number=pagination.number, total=pagination.total
                    )
                    page_heading = f"{heading}, {number}"
                self.add(
                    pagination.pages[pagination.number - 1].src_uri,
                    "contributions",
                    page_heading,
                    "listing",
                    view=view,
                    entries=chunk,
                    count=len(selected),
                    pagination=pagination,
                    facet=facet,
                    groups=groups,
                )
        for contribution in items:
            self.item(
                paths.contribution(slug, contribution.id),
                "contribution",
                t.text("contribution.heading", reference=contribution.reference),
                "contribution",
                view=view,
                source=contribution.source.path,
                hidden=_hidden(contribution),
                author=contribution.data.author,
                contribution=contribution,
            )


def _hidden(contribution: Contribution) -> str | None:
    """Why a contribution's text is no longer published, if it is not: its earlier versions'
    texts must not be either."""
    if contribution.data.withdrawn is not None:
        return "withdrawn"
    return "moderated" if contribution.data.moderation is not None else None


def paginate(
    items: Sequence[T], size: int, src_uri: Callable[[int], str]
) -> Iterator[tuple[Pagination, Sequence[T]]]:
    """Pages of at most `size` items; an empty list still gets its (empty) first page."""
    count = max(1, -(-len(items) // size))
    links = tuple(PageLink(n, src_uri(n)) for n in range(1, count + 1))
    for number in range(1, count + 1):
        yield Pagination(number, links), items[(number - 1) * size : number * size]


def redirects(specs: Sequence[PageSpec]) -> dict[str, str]:
    """Former page src_uri -> current page src_uri, for items renamed since they were published
    (listed on their history pages), unless another page lives there now."""
    live = {spec.src_uri for spec in specs}
    return {
        old: spec.context["item_uri"]
        for spec in specs
        if spec.template == HISTORY_TEMPLATE
        for old in spec.context["previous"]
        if old not in live
    }


def current_versions(specs: Sequence[PageSpec]) -> dict[str, str]:
    """History page and version permalink src_uri of an item whose page is its whole record
    (`ItemHistory.record`) -> the item's page src_uri."""
    found = {}
    for spec in specs:
        history = spec.context.get("history")
        record = history.record if isinstance(history, ItemHistory) else None
        if spec.template != HISTORY_TEMPLATE and record is not None:
            found[paths.history(spec.src_uri)] = spec.src_uri
            found[paths.version(spec.src_uri, record.short_id)] = spec.src_uri
    return found


def version_pages(spec: PageSpec, language: str) -> list[PageSpec]:
    """A history page with its entries, then the permalink page of each version shown.

    Reading and comparing every version of every item is most of what history costs, and only
    these pages need it: it is done when they are written (see render/writer.py), not when
    the site's pages are planned. Any other spec is returned as it is.
    """
    versions = spec.context.get("versions")
    if spec.template != HISTORY_TEMPLATE or versions is None:
        return [spec]
    entries, texts = versions()
    context = spec.context
    history = replace(spec, context={**context, "entries": entries})
    t = Translator(language)
    pages = [history]
    for entry in entries:
        if entry.version_uri is None:
            continue
        heading = t.text(
            "history.version_heading",
            title=context["item_heading"],
            number=t.number(entry.version.number),
        )
        view = context["view"]
        pages.append(
            replace(
                spec,
                src_uri=entry.version_uri,
                template=VERSION_TEMPLATE,
                title=f"{heading} – {view.data.title}",
                context={
                    **{key: context[key] for key in _SHARED_CONTEXT},
                    "heading": heading,
                    "entry": entry,
                    "text": texts[entry.version_uri],
                    "base": context["item_uri"].rsplit("/", 1)[0],
                },
            )
        )
    return pages


_SHARED_CONTEXT = (
    "page_type",
    "view",
    "reference_date",
    "indexed",
    "calendars",
    "item_uri",
    "item_heading",
    "item_type",
    "history",
)
"""What a version page shares with its item's history page."""


def built_history_uris(specs: Sequence[PageSpec]) -> dict[str, str]:
    """Item file (relative to the project root, the key of its trace) -> src_uri of its history
    page: where the journal and feeds link an entry to."""
    return {
        spec.context["source"]: spec.src_uri for spec in specs if spec.template == HISTORY_TEMPLATE
    }


def markdown_alternatives(corpus: Corpus, drafts: bool = False) -> list[tuple[str, str]]:
    """(slug, path in the process folder) of alternatives written in Markdown.

    The loader keeps only the main document's text; the plugin reads these so their pages can be
    built like the others.
    """
    return [
        (process.slug, alternative.file)
        for process in published(corpus.processes, drafts)
        for document in published(process.documents, drafts)
        for alternative in document.data.alternatives
        if paths.is_markdown(alternative.file)
    ]


def build_pages(
    corpus: Corpus,
    options: RenderOptions,
    *,
    alternative_texts: Mapping[str, str] | None = None,
    history: HistorySource | None = None,
    downloads: Mapping[str, Sequence[Download]] | None = None,
    open_data: Mapping[str, object] | None = None,
) -> list[PageSpec]:
    """All pages of the site, drafts excluded unless `options.drafts`.

    `alternative_texts` maps the src_uri of each Markdown alternative (see
    `markdown_alternatives`) to its text. Raises GreffierError if two pages would share a URL
    (an item id colliding with a generated page, such as a contribution called `answered`).
    """
    builder = _Builder(
        corpus, options, alternative_texts or {}, history, downloads, open_data or {}
    )
    reference: dt.datetime = corpus.reference_date
    views = sorted(
        (
            ProcessView(
                p,
                reference,
                options.language,
                options.drafts,
                journal=history is not None,
                exports=downloads is not None,
            )
            for p in published(corpus.processes, options.drafts)
        ),
        # Where one can still take part first, then the most recent.
        key=lambda v: (_STATUS_ORDER.index(v.status), -v.data.opens.toordinal(), v.slug),
    )
    builder.site(views)
    for view in views:
        builder.process(view)
    seen: dict[str, PageSpec] = {}
    for spec in builder.specs:
        if spec.src_uri in seen:
            raise GreffierError(
                f"two pages would be published at {spec.src_uri!r}: "
                f"{seen[spec.src_uri].title!r} and {spec.title!r}; rename one of the items"
            )
        seen[spec.src_uri] = spec
    return builder.specs
