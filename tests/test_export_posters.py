"""Meeting notices (A4, A3) and paper contribution forms, printed from the bundled examples.

Real WeasyPrint PDFs, read back with pikepdf, pdftotext, pdftoppm and zbarimg. Each PDF is made
once per module and several things are asserted on it.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pytest
from site_builds import REFERENCE_DAY, REPO

from greffier.enrich.status import effective_start, is_upcoming
from greffier.export.fitting import page_count
from greffier.export.forms import contribution_form_pdf, has_paper_form
from greffier.export.posters import meeting_poster_html, meeting_poster_pdf, poster_meetings
from greffier.i18n.translator import Translator
from greffier.load import load_corpus
from greffier.models import Meeting, MeetingStatus, Place, Process

SITE_URL = "https://concertation.example.org/"
OPEN = "tramway-ligne-b"
CLOSED = "budget-2026-conseil-quartier"
POINTS = {"A4": (595.28, 841.89), "A3": (841.89, 1190.55)}


@dataclass(frozen=True)
class Printed:
    path: Path
    text: str
    """pdftotext's output, whitespace (no-break spaces included) folded to single spaces."""


def words(text: str) -> str:
    return " ".join(text.split())


def printed(folder: Path, name: str, pdf: bytes) -> Printed:
    path = folder / f"{name}.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return Printed(path, words(text))


def decoded_qr(pdf: Path) -> set[str]:
    """Every QR code on every page, rendered at 150 dpi as a scanner would see a print."""
    prefix = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(prefix)], check=True)
    images = sorted(pdf.parent.glob(f"{prefix.name}-*.png"))
    result = subprocess.run(
        ["zbarimg", "--raw", "-q", *map(str, images)], capture_output=True, text=True
    )
    return set(result.stdout.split())


@pytest.fixture(scope="module")
def tram() -> Process:
    corpus, diagnostics = load_corpus(REPO, reference=REFERENCE_DAY)
    assert not diagnostics.errors
    return corpus.process(OPEN)


@pytest.fixture(scope="module")
def printed_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("printed")


def the_meeting(process: Process, meeting_id: str) -> Meeting:
    return next(m for m in process.meetings if m.id == meeting_id)


HYBRID = "2026-12-03-reunion-travaux"
POSTPONED = "2026-11-19-atelier-stationnement"
CANCELLED = "2026-11-05-balade-urbaine"


@pytest.fixture(scope="module")
def posters(tram: Process, printed_dir: Path) -> dict[str, Printed]:
    meeting = the_meeting(tram, HYBRID)
    made = {}
    for size, language in (("A4", "fr"), ("A3", "fr"), ("A4", "en")):
        pdf = meeting_poster_pdf(
            tram,
            meeting,
            translator=Translator(language),
            site_url=SITE_URL,
            size=size,  # type: ignore[arg-type]
            today=REFERENCE_DAY,
        )
        made[f"{size}-{language}"] = printed(printed_dir, f"poster-{size}-{language}", pdf)
    return made


@pytest.mark.parametrize("variant", ["A4-fr", "A3-fr", "A4-en"])
def test_poster_is_one_sheet_of_its_size(posters: dict[str, Printed], variant: str) -> None:
    with pikepdf.open(posters[variant].path) as pdf:
        assert len(pdf.pages) == 1
        box = [float(v) for v in pdf.pages[0].mediabox]
        assert box[2:] == pytest.approx(POINTS[variant[:2]], abs=1)
        assert str(pdf.Root.Lang) == variant[3:]
        assert pdf.Root.MarkInfo.Marked
        assert "/StructTreeRoot" in pdf.Root


def test_french_poster_says_what_where_and_when(tram: Process, posters: dict[str, Printed]) -> None:
    meeting = the_meeting(tram, HYBRID).data
    text = posters["A4-fr"].text
    assert words(meeting.title) in text
    assert "jeudi 3 décembre 2026" in text.lower()
    assert "de 18 h 30 à 20 h 30" in text
    assert meeting.place is not None
    assert meeting.place.name in text
    assert words(meeting.place.address or "") in text
    assert "Boucle magnétique pour les personnes malentendantes" in text
    assert str(meeting.online) in text.replace(" ", "")
    # How to take part without coming: the postal address, the phone, the closing date.
    assert "12 place de la Halle" in text and "01 99 00 12 34" in text
    assert "dimanche 31 janvier 2027" in text
    assert words(tram.data.organiser) in text


def test_english_poster(posters: dict[str, Printed]) -> None:
    text = posters["A4-en"].text
    assert "Thursday, December 3, 2026" in text
    assert "from 6:30 PM to 8:30 PM" in text
    assert "Can’t come? Take part another way" in text


@pytest.mark.parametrize("variant", ["A4-fr", "A3-fr"])
def test_poster_qr_code_leads_to_the_meeting_page(
    posters: dict[str, Printed], variant: str
) -> None:
    url = f"{SITE_URL}{OPEN}/meetings/{HYBRID}/"
    assert decoded_qr(posters[variant].path) == {url}
    assert url in posters[variant].text.replace(" ", "")


def test_a_notice_per_upcoming_meeting_and_for_cancelled_ones_still_ahead(tram: Process) -> None:
    chosen = poster_meetings(tram, REFERENCE_DAY)
    upcoming = {m.id for m in tram.meetings if is_upcoming(m, REFERENCE_DAY, reported=False)}
    assert {m.id for m in chosen} == upcoming
    assert [effective_start(m) for m in chosen] == sorted(effective_start(m) for m in chosen)
    assert POSTPONED in upcoming and CANCELLED not in upcoming

    # Before the cancelled walk's date, its notice replaces the one on the board.
    earlier = the_meeting(tram, CANCELLED).data.start.replace(day=1)
    assert CANCELLED in {m.id for m in poster_meetings(tram, earlier)}


def test_cancelled_notice_says_so_with_the_reason(tram: Process) -> None:
    meeting = the_meeting(tram, CANCELLED)
    assert meeting.data.status is MeetingStatus.cancelled
    html = meeting_poster_html(
        tram,
        meeting,
        translator=Translator("fr"),
        site_url=SITE_URL,
        size="A4",
        today=meeting.data.start.replace(day=1),
    )
    assert "Réunion annulée" in html
    assert "La réunion prévue le jeudi 5 novembre 2026 n’aura pas lieu." in html
    assert "vigilance orange" in html
    assert "Participez autrement" in html and "Vous ne pouvez pas venir" not in html


def test_postponed_notice_gives_the_new_date_and_the_old_one(tram: Process) -> None:
    html = meeting_poster_html(
        tram,
        the_meeting(tram, POSTPONED),
        translator=Translator("fr"),
        site_url=SITE_URL,
        size="A3",
        today=REFERENCE_DAY,
    )
    assert "jeudi 10 décembre 2026" in html
    assert "Réunion reportée : elle devait avoir lieu le jeudi 19 novembre 2026." in html


def test_postponed_without_a_new_date_strikes_the_old_one(tram: Process) -> None:
    meeting = the_meeting(tram, POSTPONED)
    undated = meeting.model_copy(
        update={"data": meeting.data.model_copy(update={"postponed_to": None})}
    )
    html = meeting_poster_html(
        tram,
        undated,
        translator=Translator("en"),
        site_url=SITE_URL,
        size="A4",
        today=REFERENCE_DAY,
    )
    assert "Meeting postponed" in html
    assert "<del>Thursday, November 19, 2026" in html
    assert "its new date will be announced" in html


def test_long_access_notes_shrink_the_type_not_spill_over(tram: Process, tmp_path: Path) -> None:
    meeting = the_meeting(tram, HYBRID)
    assert meeting.data.place is not None
    long_notes = " ".join(["Entrée par la cour, ascenseur au fond à gauche."] * 40)
    place = Place(
        name=meeting.data.place.name, address=meeting.data.place.address, access=long_notes
    )
    crowded = meeting.model_copy(update={"data": meeting.data.model_copy(update={"place": place})})
    arguments = {"translator": Translator("fr"), "site_url": SITE_URL, "size": "A4"}
    assert page_count(meeting_poster_html(tram, crowded, today=REFERENCE_DAY, **arguments)) > 1
    pdf = printed(
        tmp_path, "crowded", meeting_poster_pdf(tram, crowded, today=REFERENCE_DAY, **arguments)
    )
    with pikepdf.open(pdf.path) as document:
        assert len(document.pages) == 1
    assert "ascenseur au fond à gauche" in pdf.text


def test_poster_needs_an_absolute_site_url(tram: Process) -> None:
    with pytest.raises(ValueError, match="site_url"):
        meeting_poster_html(
            tram,
            the_meeting(tram, HYBRID),
            translator=Translator("fr"),
            site_url="/",
            size="A4",
            today=REFERENCE_DAY,
        )


# ----------------------------------------------------------------------------- paper form


@pytest.fixture(scope="module")
def forms(tram: Process, printed_dir: Path) -> dict[str, Printed]:
    return {
        language: printed(
            printed_dir,
            f"form-{language}",
            contribution_form_pdf(
                tram, translator=Translator(language), site_url=SITE_URL, today=REFERENCE_DAY
            ),
        )
        for language in ("fr", "en")
    }


def test_only_open_processes_get_a_form() -> None:
    corpus, _ = load_corpus(REPO, reference=REFERENCE_DAY)
    assert has_paper_form(corpus.process(OPEN), REFERENCE_DAY)
    assert not has_paper_form(corpus.process(CLOSED), REFERENCE_DAY)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_form_fits_two_a4_sheets(forms: dict[str, Printed], language: str) -> None:
    with pikepdf.open(forms[language].path) as pdf:
        assert 1 <= len(pdf.pages) <= 2
        assert [float(v) for v in pdf.pages[0].mediabox][2:] == pytest.approx(POINTS["A4"], abs=1)
        assert str(pdf.Root.Lang) == language


def test_french_form_has_themes_address_deadline_and_policy(
    tram: Process, forms: dict[str, Printed]
) -> None:
    text = forms["fr"].text
    assert words(tram.data.title) in text
    for theme in tram.data.themes:
        assert theme.title in text
    assert tram.data.contact is not None and tram.data.contact.address
    for line in tram.data.contact.address.splitlines():
        assert line in text
    assert "dimanche 31 janvier 2027" in text
    # The tram process shows initials: the form says so before anyone writes a name.
    assert "seules les initiales de votre nom seront publiées" in text
    # Where to drop it: the meetings still to come.
    for meeting in poster_meetings(tram, REFERENCE_DAY):
        assert words(meeting.data.title) in text
    assert "Réservé à l’organisateur" in text


def test_english_form(tram: Process, forms: dict[str, Printed]) -> None:
    text = forms["en"].text
    assert "have your say" in text.lower()
    assert "Sunday, January 31, 2027" in text
    assert "only your initials will be published" in text


def test_form_qr_code_leads_to_the_contributions(forms: dict[str, Printed]) -> None:
    assert decoded_qr(forms["fr"].path) == {f"{SITE_URL}{OPEN}/contributions/"}
