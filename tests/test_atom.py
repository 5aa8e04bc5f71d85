"""Atom feeds of the scripted tram journal (see `test_trace.make_tram`), validated against the
RELAX NG schema of RFC 4287 (appendix B, in tests/data/atom.rnc)."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

import pytest
import rnc2rng
from lxml import etree
from test_history import EMAIL
from test_trace import ANSWERED, MINUTES, REFERENCE, Project, tram_project

from greffier.enrich.history import BlobReader, read_history
from greffier.enrich.journal import Journal, process_journal
from greffier.enrich.trace import trace_corpus
from greffier.export.atom import ATOM_NAMESPACE, FEED_ENTRIES, atom_feed
from greffier.load import load_corpus

A = f"{{{ATOM_NAMESPACE}}}"
SITE = "https://concertation.example.org/ville/"
SCHEMA = Path(__file__).parent / "data" / "atom.rnc"


@pytest.fixture(scope="module")
def tram(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return tram_project(tmp_path_factory)


@cache
def atom_schema() -> etree.RelaxNG:
    rng = rnc2rng.dumps(rnc2rng.loads(SCHEMA.read_text(encoding="utf-8")))
    # rnc2rng declares the compact syntax's `local = ""` prefix, which XML forbids; its output
    # never uses the prefix (the empty namespace is written ns="").
    return etree.RelaxNG(etree.fromstring(rng.replace('xmlns:local=""', "").encode()))


def history_url(path: str) -> str:
    return f"historique/{path.removeprefix('processes/')}/"


def feed(journal: Journal) -> bytes:
    return atom_feed(
        journal,
        feed_id=f"{SITE}tram/journal/",
        title="Tramway ligne B : journal",
        author="Métropole",
        site_url=SITE,
        self_url=f"{SITE}tram/journal/atom.xml",
        language="fr",
        updated=REFERENCE,
        history_url=history_url,
    )


def feed_bytes(root: Path) -> bytes:
    """The tram feed from scratch: history read, traced, journalled and written."""
    corpus, _ = load_corpus(root, reference=REFERENCE)
    history = read_history(root)
    with BlobReader(root) as blobs:
        traces = trace_corpus(corpus, history, blobs=blobs)
        return feed(process_journal(corpus.process("tram"), history, traces, blobs=blobs))


def assert_valid(document: bytes) -> None:
    schema = atom_schema()
    assert schema.validate(etree.fromstring(document)), schema.error_log


def test_feed_lists_the_journal_newest_first(tram: Project) -> None:
    journal = process_journal(tram.corpus.process("tram"), tram.history, tram.traces)
    root = ET.fromstring(feed(journal))
    assert root.tag == f"{A}feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    assert root.findtext(f"{A}updated") == "2026-05-05T22:30:00Z"
    assert root.findtext(f"{A}author/{A}name") == "Métropole"
    assert [(link.get("rel"), link.get("href")) for link in root.findall(f"{A}link")] == [
        ("self", f"{SITE}tram/journal/atom.xml"),
        ("alternate", SITE),
    ]
    entries = root.findall(f"{A}entry")
    assert len(entries) == len(journal.entries) == 15
    updated = [entry.findtext(f"{A}updated") or "" for entry in entries]
    assert updated == sorted(updated, reverse=True)
    assert [entry.findtext(f"{A}id") for entry in entries] == [
        f"tag:concertation.example.org,{e.commit.date.date().isoformat()}:{e.commit.id}/{e.path}"
        for e in journal.entries
    ]
    ids = [entry.findtext(f"{A}id") for entry in entries]
    assert len(set(ids)) == len(ids)


def test_a_feed_carries_the_latest_changes_only(tram: Project) -> None:
    journal = process_journal(tram.corpus.process("tram"), tram.history, tram.traces)
    # The same days many times over: more entries than a feed carries, newest first.
    days = journal.days * (FEED_ENTRIES // len(journal.entries) + 2)
    long = Journal(journal.timezone, days)
    entries = ET.fromstring(feed(long)).findall(f"{A}entry")
    assert len(long.entries) > FEED_ENTRIES == len(entries)
    assert [e.findtext(f"{A}id") for e in entries[:15]] == [
        e.findtext(f"{A}id") for e in ET.fromstring(feed(journal)).findall(f"{A}entry")
    ]


def test_entries_link_to_history_pages_with_flags(tram: Project) -> None:
    journal = process_journal(tram.corpus.process("tram"), tram.history, tram.traces)
    entries = ET.fromstring(feed(journal)).findall(f"{A}entry")
    answer = entries[1]
    assert answer.findtext(f"{A}title") == "C-1"
    assert answer.findtext(f"{A}summary") == "Answer the tram process"
    assert [s.get("type") for s in answer.findall(f"{A}summary")] == ["text"]
    assert answer.findtext(f"{A}author/{A}name") == "Greffe"
    assert [link.get("href") for link in answer.findall(f"{A}link")] == [
        f"{SITE}historique/tram/contributions/c-001.md/"
    ]
    assert [c.get("term") for c in answer.findall(f"{A}category")] == ["amended", "after-close"]
    late_minutes = entries[3]
    assert [link.get("href") for link in late_minutes.findall(f"{A}link")] == [
        f"{SITE}historique/{MINUTES.removeprefix('processes/')}/"
    ]
    assert [c.get("term") for c in late_minutes.findall(f"{A}category")] == [
        "amended",
        "after-approval",
    ]
    assert ANSWERED.encode() in feed(journal) and EMAIL.encode() not in feed(journal)


def test_feed_is_valid_atom(tram: Project) -> None:
    document = feed(process_journal(tram.corpus.process("tram"), tram.history, tram.traces))
    assert_valid(document)
    # The validator does reject a broken feed: an entry without its id.
    broken = ET.fromstring(document)
    entry = broken.findall(f"{A}entry")[0]
    entry.remove(entry.findall(f"{A}id")[0])
    assert not atom_schema().validate(etree.fromstring(ET.tostring(broken)))


def test_empty_journal_uses_the_given_date() -> None:
    document = feed(Journal("Europe/Paris", ()))
    assert ET.fromstring(document).findtext(f"{A}updated") == "2026-06-01T00:00:00Z"
    assert ET.fromstring(document).findall(f"{A}entry") == []
    assert_valid(document)


def test_same_bytes_in_another_process_zone_and_hash_seed(tram: Project) -> None:
    first = feed_bytes(tram.root)
    assert first == feed_bytes(tram.root)
    script = (
        "import sys; from pathlib import Path; from test_atom import feed_bytes; "
        "sys.stdout.buffer.write(feed_bytes(Path(sys.argv[1])))"
    )
    env = {
        **os.environ,
        "TZ": "America/Los_Angeles",
        "PYTHONHASHSEED": "12345",
        "LC_ALL": "C",
        "PYTHONPATH": os.pathsep.join([str(Path(__file__).parent), *sys.path]),
    }
    other = subprocess.run(
        [sys.executable, "-c", script, str(tram.root)],
        env=env,
        cwd=tram.root.parent,
        capture_output=True,
        check=True,
    ).stdout
    assert other == first


def test_site_url_must_be_absolute() -> None:
    with pytest.raises(ValueError, match="absolute"):
        atom_feed(
            Journal("UTC", ()),
            feed_id="x",
            title="x",
            author="x",
            site_url="/ville/",
            self_url="/ville/atom.xml",
            language="fr",
            updated=REFERENCE,
            history_url=history_url,
        )


def test_names_from_mkdocs_yml_cannot_break_the_feed() -> None:
    """The site's own names are not checked like content: a form feed or a C1 control in the
    publisher's name still gives a feed that a strict XML parser reads."""
    document = atom_feed(
        Journal("UTC", ()),
        feed_id=f"{SITE}journal/",
        title="Journal\x0c du site\x85",
        author="Ville\x0b de Saint-Aubin\x00",
        site_url=SITE,
        self_url=f"{SITE}journal/atom.xml",
        language="fr",
        updated=REFERENCE,
        history_url=history_url,
    )
    root = etree.fromstring(document)
    assert root.findtext(f"{A}author/{A}name") == "Ville  de Saint-Aubin\ufffd"
