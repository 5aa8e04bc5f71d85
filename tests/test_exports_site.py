"""The offline files in the built site: the downloads page, item PDFs, the cache, the CLI."""

from __future__ import annotations

import gzip
import re
import subprocess
import zipfile
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner
from lxml import html as lxml_html
from site_builds import REFERENCE_DAY, build_project, make_project, page

from greffier.cli import main
from greffier.export.bundle import ExportKind, make_exports, plan_exports
from greffier.i18n.translator import Translator
from greffier.load import load_corpus

SITE_URL = "https://greffier.example.org/"
TRAM = "tramway-ligne-b"
BUDGET = "budget-2026-conseil-quartier"


WITHDRAWN_TEXT = "Je retire ce témoignage sur le lampadaire violet de la rue des Glycines"
HIDDEN_TEXT = "Propos injurieux visant nommément le gardien du parking relais de Bréval"


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("exported")
    config = make_project(root, exports=True)
    # Texts still in the repository but no longer published: no file of the site may hold them.
    contributions = root / "processes" / TRAM / "contributions"
    (contributions / "c-0901.md").write_text(
        "---\nreceived: 2026-10-27T10:00:00+01:00\nchannel: paper\nwithdrawn: 2026-11-03\n"
        f"---\n{WITHDRAWN_TEXT}.\n",
        encoding="utf-8",
    )
    (contributions / "c-0902.md").write_text(
        "---\nreceived: 2026-10-27T11:00:00+01:00\nchannel: online\nmoderation:\n"
        "  status: hidden\n  reason: Propos injurieux (charte, règle 4).\n"
        f"---\n{HIDDEN_TEXT}.\n",
        encoding="utf-8",
    )
    return build_project(config)


def _links(html: str) -> list[str]:
    return [str(href) for href in lxml_html.fromstring(html).xpath("//main//a/@href")]


def test_the_downloads_page_lists_every_file_with_its_real_size(exported: Path) -> None:
    downloads = exported / TRAM / "downloads"
    document = lxml_html.fromstring(page(exported, f"/{TRAM}/downloads/"))
    rows = document.xpath("//table[starts-with(caption/@id, 'greffier-downloads-')]/tbody/tr")
    listed = {}
    for row in rows:
        href = row.xpath(".//th//a/@href")[0]
        listed[href] = row.xpath("./td[last()]")[0].text_content()
    made = sorted(p.relative_to(downloads).as_posix() for p in downloads.rglob("*") if p.is_file())
    # Every file made is listed, and nothing else (the page itself excepted).
    assert sorted(listed) == sorted(m for m in made if m != "index.html")
    sizes = Translator("fr")
    for href, size in listed.items():
        assert size == sizes.size((downloads / href).stat().st_size), href
    for name in (f"{TRAM}.pdf", f"{TRAM}-large-print.pdf", f"{TRAM}.odt", f"{TRAM}.docx"):
        assert name in listed
    assert any(href.startswith("notices/") and href.endswith("-a3.pdf") for href in listed)
    assert f"{TRAM}-form.pdf" in listed  # The tramway process is open: it has a paper form.


def test_a_closed_process_has_no_paper_form_nor_notices(exported: Path) -> None:
    hrefs = _links(page(exported, f"/{BUDGET}/downloads/"))
    assert f"{BUDGET}.epub" in hrefs
    assert not any("form" in href or href.startswith("notices/") for href in hrefs)


def test_each_minutes_page_offers_its_own_pdf(exported: Path) -> None:
    corpus, _ = load_corpus(exported.parent, reference=REFERENCE_DAY)
    process = next(p for p in corpus.processes if p.slug == TRAM)
    minutes = next(m for m in process.minutes if not m.data.draft)
    html = page(exported, f"/{TRAM}/minutes/{minutes.id}/")
    link = next(h for h in _links(html) if h.endswith(f"downloads/minutes/{minutes.id}.pdf"))
    assert re.search(r"Version imprimable \(PDF, [\d,]+\s?ko\)", html)
    pdf = (exported / TRAM / "minutes" / minutes.id / link).resolve()
    with pikepdf.open(pdf) as document:
        assert document.Root.MarkInfo.Marked
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    words = [
        word
        for line in minutes.body.splitlines()
        if line[:1].isalpha()
        for word in re.findall(r"\w{8,}", line)
    ]
    assert words and all(word in text for word in words[:20])


def test_the_overview_links_the_downloads(exported: Path) -> None:
    html = page(exported, f"/{TRAM}/")
    assert "Télécharger ou imprimer le dossier complet" in html
    assert any(href.endswith("downloads/") for href in _links(html))


def test_without_exports_the_downloads_page_keeps_the_open_data(tmp_path: Path) -> None:
    site = build_project(make_project(tmp_path, exports=False))
    assert not list((site / TRAM / "downloads").rglob("*.pdf"))
    assert "Télécharger ou imprimer le dossier complet" not in page(site, f"/{TRAM}/")
    hrefs = _links(page(site, f"/{TRAM}/downloads/"))
    assert any(href.endswith("datapackage.json") for href in hrefs)
    assert not any(href.endswith(".pdf") for href in hrefs)


def test_only_a_changed_process_is_made_again(tmp_path: Path) -> None:
    make_project(tmp_path)

    def plans() -> dict[str, str]:
        corpus, _ = load_corpus(tmp_path, reference=REFERENCE_DAY)
        found = plan_exports(corpus, root=tmp_path, language="fr", site_url=SITE_URL, history=None)
        return {plan.path: plan.fingerprint for plan in found}

    before = plans()
    process_yml = tmp_path / "processes" / BUDGET / "process.yml"
    process_yml.write_text(
        process_yml.read_text(encoding="utf-8").replace("summary: ", "summary: Modifié. ", 1),
        encoding="utf-8",
    )
    after = plans()
    assert before.keys() == after.keys()
    changed = {path.split("/")[0] for path in before if before[path] != after[path]}
    assert changed == {BUDGET}


def test_the_cache_gives_the_same_bytes_without_making_them(tmp_path: Path) -> None:
    make_project(tmp_path)
    corpus, _ = load_corpus(tmp_path, reference=REFERENCE_DAY)
    plans = [
        plan
        for plan in plan_exports(
            corpus, root=tmp_path, language="fr", site_url=SITE_URL, history=None, only=BUDGET
        )
        if plan.kind is ExportKind.minutes
    ]
    cache = tmp_path / "cache"
    first = make_exports(plans, cache_dir=cache, workers=2, progress=False)
    stamps = {file.name: file.stat().st_mtime_ns for file in cache.iterdir()}
    unmakeable = [
        type(plan)(**{**plan.__dict__, "make": _fail}) for plan in plans
    ]  # Same fingerprints: any attempt to make one fails the test.
    second = make_exports(unmakeable, cache_dir=cache, workers=2, progress=False)
    assert second == first and len(first) == len(plans) >= 2
    assert {file.name: file.stat().st_mtime_ns for file in cache.iterdir()} == stamps


def _fail() -> bytes:
    raise AssertionError("made again although cached")


def test_the_progress_bar_counts_the_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_project(tmp_path)
    corpus, _ = load_corpus(tmp_path, reference=REFERENCE_DAY)
    plans = [
        p
        for p in plan_exports(
            corpus, root=tmp_path, language="fr", site_url=None, history=None, only=BUDGET
        )
        if p.kind is ExportKind.html
    ]
    make_exports(plans, cache_dir=None, progress=True, label="greffier")
    assert "greffier: 100%" in capsys.readouterr().err


def test_greffier_export_writes_one_process_files(tmp_path: Path) -> None:
    config = make_project(tmp_path / "project")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["export", BUDGET, "--out", str(out), "-f", str(config)])
    assert result.exit_code == 0, result.output
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert written and all(name.startswith(f"{BUDGET}/downloads/") for name in written)
    assert f"{BUDGET}/downloads/{BUDGET}.pdf" in written
    assert f"{len(written)} fichiers" in result.output
    unknown = CliRunner().invoke(main, ["export", "nope", "-f", str(config)])
    assert unknown.exit_code != 0 and "tramway-ligne-b" in unknown.output


def _readable_text(file: Path) -> str:
    """What a reader (or a search engine, or a spreadsheet) gets out of a published file."""
    data = file.read_bytes()
    if file.suffix == ".pdf":
        return subprocess.run(
            ["pdftotext", str(file), "-"], capture_output=True, text=True, check=True
        ).stdout
    if file.suffix in (".odt", ".docx", ".epub"):
        with zipfile.ZipFile(file) as archive:
            return " ".join(
                archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
            )
    if file.suffix == ".gz":
        data = gzip.decompress(data)
    return data.decode("utf-8", "replace")


def test_withdrawn_and_moderated_texts_are_in_no_file_of_the_site(exported: Path) -> None:
    files = [f for f in exported.rglob("*") if f.is_file() and f.suffix not in (".png", ".jpg")]
    kinds = {f.suffix for f in files}
    assert {".pdf", ".odt", ".docx", ".epub", ".csv", ".json", ".ics"} <= kinds
    texts = {f.relative_to(exported).as_posix(): " ".join(_readable_text(f).split()) for f in files}
    # The pages of both contributions exist and say why their text is not shown.
    assert "retirée par son auteur" in texts[f"{TRAM}/contributions/c-0901/index.html"].lower()
    assert "Propos injurieux (charte" in texts[f"{TRAM}/contributions/c-0902/index.html"]
    leaks = [
        (name, needle)
        for name, text in texts.items()
        for needle in (WITHDRAWN_TEXT, HIDDEN_TEXT, "lampadaire violet", "gardien du parking")
        if needle in text
    ]
    assert leaks == []
