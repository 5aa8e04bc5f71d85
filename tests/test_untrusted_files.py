"""Issue #9, items 2, 3 and 5 (images): files published stay inside their process folder, no
active document is published, and an image in a text never leaks a file nor stops a build.

Loader tests break a copy of the validation fixture (in a real git repository, whose
`.git/config` holds a token) and assert the `path:line` errors; one real MkDocs build with the
offline files shows that images of every kind in every text give a site and its exports, and
that the token and files outside the process are in none of the outputs.
"""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from site_builds import REFERENCE_DAY, build_project, make_project

from greffier.export.single_file import self_contained
from greffier.export.weasy import LocalFetcher
from greffier.load import load_corpus

FIXTURE = Path(__file__).parent / "fixtures" / "validation"
P = "processes/demo"
TOKEN = "ghp_SECRETTOKEN0123456789"
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
DECLARING_LINE = 11
"""The documents.yml line of the entry `declare` appends to the fixture's."""


def git_repository(root: Path) -> None:
    """`root` as a CI checkout leaves it: a git repository whose config holds a token."""
    subprocess.run(["git", "init", "--quiet", str(root)], check=True)
    with (root / ".git" / "config").open("a", encoding="utf-8") as config:
        config.write(f'[http]\n\textraheader = "AUTHORIZATION: basic {TOKEN}"\n')


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root)
    git_repository(root)
    return root


def problems(root: Path) -> list[str]:
    _, diagnostics = load_corpus(root, reference=REFERENCE_DAY)
    return [str(d) for d in diagnostics]


def declare(root: Path, file: str) -> None:
    with (root / P / "documents.yml").open("a", encoding="utf-8") as listing:
        listing.write(f"- file: {file}\n  title: Déclaré\n")


def published_files(root: Path) -> set[str]:
    corpus, _ = load_corpus(root, reference=REFERENCE_DAY)
    return {
        file
        for process in corpus.processes
        for document in process.documents
        for file in (document.data.file, *(a.file for a in document.data.alternatives))
    }


# --------------------------------------------------------------------------- symbolic links

LINKS = {
    "the git config": lambda root: Path("../../../.git/config"),
    "the git folder": lambda root: root / ".git",
    "another process": lambda root: root / "processes" / "other" / "secret.pdf",
    "outside the repository": lambda root: root.parent / "outside.pdf",
    "a device": lambda root: Path("/dev/zero"),
    "the file system root": lambda root: Path("/"),
    "nowhere": lambda root: Path("missing.pdf"),
}


@pytest.mark.parametrize("target", LINKS.values(), ids=LINKS.keys())
def test_a_declared_link_leaving_its_process_folder_is_an_error(
    repo: Path, target: Callable[[Path], Path]
) -> None:
    (repo / "processes" / "other").mkdir()
    (repo / "processes" / "other" / "secret.pdf").write_bytes(b"%PDF-1.4 other process\n")
    (repo.parent / "outside.pdf").write_bytes(b"%PDF-1.4 outside\n")
    (repo / P / "documents" / "link.pdf").symlink_to(target(repo))
    declare(repo, "documents/link.pdf")
    found = problems(repo)
    assert any(
        line.startswith(f"{P}/documents.yml:{DECLARING_LINE}: error: 'documents/link.pdf'")
        for line in found
    ), found
    assert any(
        line.startswith(f"{P}/documents/link.pdf:1: error: symbolic link leads") for line in found
    ), found
    assert "documents/link.pdf" not in published_files(repo)


@pytest.mark.parametrize("target", [".git", "../../.git", "../other", "/"])
def test_a_linked_folder_publishes_nothing_through_it(repo: Path, target: str) -> None:
    (repo / "processes" / "other").mkdir()
    (repo / "processes" / "other" / "config").write_text("other")
    (repo / P / ".git").mkdir()
    (repo / P / ".git" / "config").write_text(TOKEN)
    (repo / P / "linked").symlink_to(target, target_is_directory=True)
    declare(repo, "linked/config")
    found = problems(repo)
    assert (
        f"{P}/documents.yml:{DECLARING_LINE}: error: 'linked/config' is reached through the "
        f"symbolic link '{P}/linked': it is not published "
        "(copy the file into the process folder instead of linking to it)" in found
    )
    assert any(line.startswith(f"{P}/linked:1: error: symbolic link leads") for line in found)
    assert not any(TOKEN in line for line in found)


def test_a_link_inside_its_process_folder_is_published(repo: Path) -> None:
    (repo / P / "documents" / "copy.pdf").symlink_to("dossier.pdf")
    declare(repo, "documents/copy.pdf")
    assert [line for line in problems(repo) if ": error:" in line] == []
    assert "documents/copy.pdf" in published_files(repo)


@pytest.mark.parametrize("name", ["process.yml", "index.md", "documents.yml"])
def test_a_known_file_linked_to_git_is_never_read(repo: Path, name: str) -> None:
    (repo / P / name).unlink()
    (repo / P / name).symlink_to("../../.git/config")
    found = problems(repo)
    assert any(line.startswith(f"{P}/{name}:1: error: symbolic link leads") for line in found)
    assert not any(TOKEN in line or "extraheader" in line for line in found), found


def test_a_link_loop_a_pipe_and_a_hidden_path_are_errors(repo: Path) -> None:
    documents = repo / P / "documents"
    (documents / "a.pdf").symlink_to("b.pdf")
    (documents / "b.pdf").symlink_to("a.pdf")
    os.mkfifo(documents / "pipe.pdf")
    declare(repo, ".git/config")
    found = problems(repo)
    assert any(
        line.startswith(f"{P}/documents/a.pdf:1: error: symbolic link leads nowhere")
        for line in found
    )
    assert (
        f"{P}/documents/pipe.pdf:1: error: not a regular file (a pipe, a device or a "
        "socket): it can be neither read nor published (remove it from the process folder)" in found
    )
    assert any(
        line.startswith(f"{P}/documents.yml:{DECLARING_LINE}: error: '.git/config' is outside")
        for line in found
    )


def test_a_known_file_that_is_a_pipe_is_reported_not_read(repo: Path) -> None:
    (repo / P / "index.md").unlink()
    os.mkfifo(repo / P / "index.md")
    assert (
        f"{P}/index.md:1: error: not a regular file (a pipe, a device or a socket): it can "
        "be neither read nor published (remove it from the process folder)" in problems(repo)
    )


@pytest.mark.parametrize("target", ["../.git", "/"])
def test_a_process_folder_linked_to_git_or_outside_is_refused(repo: Path, target: str) -> None:
    (repo / "processes" / "evil").symlink_to(target, target_is_directory=True)
    found = problems(repo)
    assert [line.split(" (it points")[0] for line in found] == [
        "processes/evil:1: error: symbolic link leads outside its folder or into a hidden "
        "folder such as .git"
    ]


def test_the_pdf_renderer_reads_no_hidden_or_linked_file(tmp_path: Path) -> None:
    folder = tmp_path / "process"
    (folder / ".git").mkdir(parents=True)
    (folder / ".git" / "config").write_text(TOKEN)
    (folder / "linked").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "secret.png").write_bytes(PIXEL)
    (folder / "plan.png").write_bytes(PIXEL)
    fetcher = LocalFetcher({"https://site.example/demo/": folder})
    assert fetcher.fetch("https://site.example/demo/plan.png").read() == PIXEL
    for url in (
        "https://site.example/demo/.git/config",
        "https://site.example/demo/linked/secret.png",
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


@pytest.mark.parametrize("src", [".git/config", "linked/secret.png", "../secret.png"])
def test_the_single_file_html_inlines_no_hidden_or_outside_file(tmp_path: Path, src: str) -> None:
    folder = tmp_path / "process"
    (folder / ".git").mkdir(parents=True)
    (folder / ".git" / "config").write_text(TOKEN)
    (folder / "linked").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "secret.png").write_bytes(PIXEL)
    with pytest.raises(ValueError, match="leads outside"):
        self_contained(f'<p><img src="{src}" alt="x"></p>', base_dir=folder)


# --------------------------------------------------------------------------- active documents

ACTIVE = {
    "plan.svg": (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "SVG"),
    "page.html": (b"<p>hello</p>", "HTML"),
    "page.htm": (b"hello", "HTML"),
    "page.shtml": (b"hello", "HTML"),
    "page.xhtml": (b"hello", "XHTML"),
    "page.xht": (b"hello", "XHTML"),
    "archive.mht": (b"MIME-Version: 1.0", "MHTML"),
    "data.xml": (b'<?xml version="1.0"?><?xml-stylesheet href="x.xsl"?><r/>', "XML"),
    "code.js": (b"alert(1)", "JavaScript"),
    "movie.swf": (b"FWS", "Flash"),
    "disguised.png": (b'<?xml version="1.0"?>\n<svg onload="alert(1)"/>', "SVG"),
    "disguised.pdf": (b"\xef\xbb\xbf  <!DOCTYPE html><script>alert(1)</script>", "HTML"),
    "disguised.jpg": (b"<script>alert(1)</script>", "HTML"),
    "table.csv": (b"<html><body onload=alert(1)>", "HTML"),
    "notes.txt": ("<html><script>alert(1)</script>".encode("utf-16"), "HTML"),
}


@pytest.mark.parametrize("name", ACTIVE.keys())
def test_an_active_document_is_refused_at_its_line(repo: Path, name: str) -> None:
    content, kind = ACTIVE[name]
    (repo / P / "documents" / name).write_bytes(content)
    declare(repo, f"documents/{name}")
    assert problems(repo) == [
        f"{P}/documents.yml:{DECLARING_LINE}: error: 'documents/{name}' is in the {kind} "
        "format, which can run scripts on the site: it is not published "
        "(convert it to PDF (a document) or PNG (an image))"
    ]
    assert f"documents/{name}" not in published_files(repo)


def test_an_active_alternative_is_refused_and_its_document_not_published(repo: Path) -> None:
    (repo / P / "documents" / "plan.svg").write_bytes(b"<svg onload='alert(1)'/>")
    listing = repo / P / "documents.yml"
    listing.write_text(
        listing.read_text(encoding="utf-8").replace(
            "      kind: easy-read\n",
            "      kind: easy-read\n    - file: documents/plan.svg\n      kind: accessible\n",
        ),
        encoding="utf-8",
    )
    found = problems(repo)
    assert [line.split(": error: ")[0] for line in found] == [f"{P}/documents.yml:8"]
    assert "documents/dossier.pdf" not in published_files(repo)


def test_a_format_outside_the_allow_list_is_refused(repo: Path) -> None:
    (repo / P / "documents" / "plan.dwg").write_bytes(b"AC1027")
    declare(repo, "documents/plan.dwg")
    assert problems(repo) == [
        f"{P}/documents.yml:{DECLARING_LINE}: error: Greffier does not publish '.dwg' files "
        "('documents/plan.dwg') (publish it as PDF, OpenDocument, Office, CSV, text, Markdown, "
        "PNG, JPEG, GIF, WebP, audio, video, EPUB, or inside a ZIP archive)"
    ]


@pytest.mark.parametrize(
    ("name", "content"),
    [("plan.png", PIXEL), ("data.csv", b"a;b\n1;2\n"), ("notes.txt", b"Notes < 3 lignes\n")],
)
def test_passive_documents_are_published(repo: Path, name: str, content: bytes) -> None:
    (repo / P / "documents" / name).write_bytes(content)
    declare(repo, f"documents/{name}")
    assert problems(repo) == []
    assert f"documents/{name}" in published_files(repo)


# --------------------------------------------------------------------------- images in texts


def with_image(root: Path, src: str) -> None:
    """The fixture's contribution c-001 showing the image `src` on line 9."""
    path = root / P / "contributions" / "c-001.md"
    path.write_text(path.read_text(encoding="utf-8") + f"Voir ![le plan]({src}).\n")


@pytest.mark.parametrize(
    "src",
    ["../../../.git/config", "../../other/plan.png", "/other/plan.png", "../.git/config"],
)
def test_an_image_leading_out_of_the_process_is_an_error_at_its_line(repo: Path, src: str) -> None:
    with_image(repo, src)
    assert problems(repo) == [
        f"{P}/contributions/c-001.md:9: error: the image '{src}' leads outside the process "
        "folder: it is not shown (put the image in documents/, declare it in documents.yml and "
        "write its path from this file's folder, e.g. ../documents/plan.png)"
    ]


@pytest.mark.parametrize(
    ("src", "message"),
    [
        (
            "plan.png",
            f"the image 'plan.png' does not exist (looked for at {P}/contributions/plan.png)",
        ),
        (
            "../process.yml",
            f"the image '../process.yml' ({P}/process.yml) is not an image "
            "declared in documents.yml: the site does not publish it",
        ),
        (
            "https://tracker.example/pixel.png",
            "the image 'https://tracker.example/pixel.png' is not shown",
        ),
        (
            "data:image/svg+xml;base64,PHN2Zz4=",
            "the image 'data:image/svg+xml;base64,PHN2Zz4=' is not shown",
        ),
        ("file:///etc/passwd", "the image 'file:///etc/passwd' is not shown"),
    ],
)
def test_an_image_that_cannot_be_shown_is_a_warning_at_its_line(
    repo: Path, src: str, message: str
) -> None:
    with_image(repo, src)
    (found,) = problems(repo)
    assert found.startswith(f"{P}/contributions/c-001.md:9: warning: {message}"), found


def test_a_declared_image_in_a_text_is_fine(repo: Path) -> None:
    (repo / P / "documents" / "plan.png").write_bytes(PIXEL)
    declare(repo, "documents/plan.png")
    with_image(repo, "../documents/plan.png")
    assert problems(repo) == []


# --------------------------------------------------------------------------- a real build

OUTSIDE = "outside-the-process-folder"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The validation fixture's process, with images of every kind in its texts, built with
    its offline files in a git repository whose config holds a token."""
    root = tmp_path_factory.mktemp("untrusted")
    config = make_project(root, exports=True, processes=False)
    shutil.copytree(FIXTURE / "processes" / "demo", root / P)
    git_repository(root)
    (root / "secret.txt").write_text(OUTSIDE, encoding="utf-8")
    process = root / P
    media = process / "documents" / "reunion-media"
    media.mkdir()
    (media / "image-1.png").write_bytes(PIXEL)
    (media / "image-2.png").write_bytes(PIXEL[:-1] + b"\x83")  # a draft: not shown
    (process / "documents.yml").write_text(
        (process / "documents.yml").read_text(encoding="utf-8")
        + "- file: documents/reunion-media/image-1.png\n  title: Image 1\n"
        + "- file: documents/reunion-media/image-2.png\n  title: Image 2\n  draft: true\n",
        encoding="utf-8",
    )
    minutes = process / "minutes" / "2026-03-12-reunion.md"
    minutes.write_text(
        minutes.read_text(encoding="utf-8")
        + "\n![Le parcours](../documents/reunion-media/image-1.png)\n"
        + "![Brouillon](../documents/reunion-media/image-2.png)\n"
        + '<img src="absent.png" alt="Absente"> <img src="file://'
        + str(root / ".git" / "config")
        + '" alt="Config">\n'
        + "![Distante](https://tracker.example/pixel.png) ![Mot de passe](file:///etc/passwd)\n"
        + "![Non déclarée](../process.yml) ![Données](data:image/png;base64,AAAA)\n",
        encoding="utf-8",
    )
    contribution = process / "contributions" / "c-001.md"
    contribution.write_text(
        contribution.read_text(encoding="utf-8")
        + '\n<img src="../documents/reunion-media/image-1.png" alt="Plan"> ![](plan.png)\n',
        encoding="utf-8",
    )
    build_project(config)
    return root / "site"


def test_check_reports_every_image_it_does_not_show(built: Path) -> None:
    found = problems(built.parent)
    minutes = f"{P}/minutes/2026-03-12-reunion.md"
    lines = sorted(line.split(": warning: ")[0] for line in found)
    expected = [f"{minutes}:{n}" for n in (9, 10, 10, 11, 11, 12, 12)]
    assert lines == sorted([f"{P}/contributions/c-001.md:10", *expected])
    assert not any(": error: " in line for line in found)


def test_the_offline_files_are_made_with_the_published_image_embedded(built: Path) -> None:
    downloads = built / "demo" / "downloads"
    for name in (
        "demo.pdf",
        "demo-large-print.pdf",
        "demo.odt",
        "demo.docx",
        "demo.epub",
        "demo.html",
    ):
        assert (downloads / name).stat().st_size > 0, name
    assert (downloads / "minutes" / "2026-03-12-reunion.pdf").is_file()
    for name in ("demo.odt", "demo.docx", "demo.epub"):
        with zipfile.ZipFile(downloads / name) as archive:
            images = [archive.read(n) for n in archive.namelist() if n.endswith(".png")]
        assert PIXEL in images, name
        assert PIXEL[:-1] + b"\x83" not in images, f"{name}: the draft image is not published"
    single = (downloads / "demo.html").read_text(encoding="utf-8")
    assert base64.b64encode(PIXEL).decode() in single
    assert "Absente" in single and "Config" in single  # their text alternatives stand in


def test_no_output_holds_the_token_or_a_file_from_outside(built: Path) -> None:
    for path in built.rglob("*"):
        if not path.is_file():
            continue
        for text in _texts(path):
            assert TOKEN not in text, path
            assert "extraheader" not in text, path
            assert OUTSIDE not in text, path
            assert "root:x:0:0" not in text, path


def test_the_web_page_shows_the_published_image(built: Path) -> None:
    page = (built / "demo" / "minutes" / "2026-03-12-reunion" / "index.html").read_text()
    assert "image-1.png" in page
    assert (built / "demo" / "documents" / "reunion-media" / "image-1.png").read_bytes() == PIXEL
    assert not (built / "demo" / "documents" / "reunion-media" / "image-2.png").exists()


def _texts(path: Path) -> list[str]:
    """What a reader of the file can see: text of a PDF, every part of a zip, else the bytes."""
    if path.suffix == ".pdf":
        result = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
        return [result.stdout.decode("utf-8", "replace"), path.read_bytes().decode("latin-1")]
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            return [archive.read(n).decode("utf-8", "replace") for n in archive.namelist()]
    return [path.read_bytes().decode("utf-8", "replace")]
