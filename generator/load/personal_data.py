"""Personal data in contributions and minutes: stopped before it enters a public repository.

Every line of the file is read, front matter and YAML comments included: the whole file is
public in git, whether or not a page shows it. So a withdrawn, moderated or draft contribution is
checked like any other (its text is no longer published, but it is still in the repository).

What is found: e-mail addresses, phone numbers (French and international, recognised by
`phonenumbers` and valid for their country), IBANs (country length and mod-97 check) and French
social security numbers (NIR, with their key). Web addresses are left out before looking for
numbers, as the digits in a link are ids, not phone numbers.

Not reported: the organiser's public contact (process.yml `contact`), and whatever a file lists
under `personal_data_ok` with a reason. Findings are compared on a normal form (an international
phone number, a lower-case address), so `03 20 49 50 00` also covers `03.20.49.50.00`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum

import phonenumbers
from phonenumbers import Leniency, PhoneNumberFormat, PhoneNumberMatcher

from ..diagnostics import Report, SourceLocation
from ..i18n.wording import Wording
from ..models import Contact, Contribution, Minutes
from .validate import Sourced


class Kind(StrEnum):
    email = "email"
    phone = "phone"
    iban = "iban"
    nir = "nir"


@dataclass(frozen=True)
class Finding:
    line: int
    """File line, 1-based."""
    kind: Kind
    text: str
    """As written."""
    key: str
    """Normal form, on which exceptions are matched."""


_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\"']+", re.IGNORECASE)
_EMAIL = re.compile(
    r"(?<![\w.%+-])[\w.%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}\b"
)
# `phonenumbers` is slow on long lines: it only reads runs of 8 digits or more (a phone number's
# least), with the separators people write between them.
_DIGIT_RUN = re.compile(r"\+?\d(?:[ .()/-]{0,2}\d){7,}")
# Dates are the commonest such runs and never phone numbers: skipping them saves most of its time.
# The hour of a date-time written with a space ("2019-03-12 10:23") joins its date's run.
_DATE = re.compile(r"(?:\d{4}-\d\d-\d\d|\d\d?([/.-])\d\d?\1\d{4})(?: \d\d?)?")
# Both may be glued to a word ("IBANFR76…", "n°184…"): only digits around them end a match, and
# their checksums, not word boundaries, keep codes and references out. The IBAN is looked for at
# every start (a lookahead), so a candidate that fails its check cannot hide one inside it.
_IBAN = re.compile(r"(?=([A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,32}))")
_NIR = re.compile(
    r"(?<!\d)(?<!\d[.,])[1-478] ?\d{2} ?(?:0[1-9]|1[0-2]|[2-9]\d) ?(?:\d{2}|2[AB])"
    r" ?\d{3} ?\d{3} ?\d{2}"
    r"(?!\d|[.,]\d)"
)
# ISO 13616 registry: the length of an IBAN in each country that issues them.
_IBAN_LENGTHS = {
    **dict.fromkeys(["NO"], 15),
    **dict.fromkeys(["BE"], 16),
    **dict.fromkeys(["DK", "FI", "FO", "GL", "NL", "SD"], 18),
    **dict.fromkeys(["MK", "SI"], 19),
    **dict.fromkeys(["AT", "BA", "EE", "KZ", "LT", "LU", "XK"], 20),
    **dict.fromkeys(["CH", "HR", "LI", "LV"], 21),
    **dict.fromkeys(["BG", "BH", "CR", "DE", "GB", "GE", "IE", "ME", "RS", "VA"], 22),
    **dict.fromkeys(["AE", "GI", "IL", "IQ", "TL"], 23),
    **dict.fromkeys(["AD", "CZ", "ES", "MD", "PK", "RO", "SA", "SE", "SK", "TN", "VG"], 24),
    **dict.fromkeys(["LY", "PT", "ST"], 25),
    **dict.fromkeys(["IS", "TR"], 26),
    **dict.fromkeys(["FR", "GR", "IT", "MC", "MR", "SM"], 27),
    **dict.fromkeys(["AL", "AZ", "BY", "CY", "DO", "GT", "HU", "LB", "PL", "SV"], 28),
    **dict.fromkeys(["BR", "EG", "PS", "QA", "UA"], 29),
    **dict.fromkeys(["JO", "KW", "MU"], 30),
    **dict.fromkeys(["MT", "SC"], 31),
    **dict.fromkeys(["LC"], 32),
}


_WORTH_READING = re.compile(r"[\d@]")
"""What every kind of finding holds: a line without any is not read further (most lines)."""


def find_personal_data(text: str) -> list[Finding]:
    """Everything in `text` that looks like personal data, line by line."""
    found: list[Finding] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if _WORTH_READING.search(line):
            found.extend(_in_line(line, number))
    return found


def _in_line(line: str, number: int) -> Iterator[Finding]:
    for match in _EMAIL.finditer(line):
        yield Finding(number, Kind.email, match.group(), match.group().lower())
    # Links and addresses go before numbers are looked for: their digits are ids.
    plain = _EMAIL.sub(_blank, _URL.sub(_blank, line))
    taken: list[range] = []
    free = 0
    for match in _IBAN.finditer(plain):
        iban = _iban(match.group(1)) if match.start() >= free else None
        if iban is not None:
            free = match.start() + len(iban[0])
            taken.append(range(match.start(), free))
            yield Finding(number, Kind.iban, iban[0].rstrip(), iban[1])
    for match in _NIR.finditer(plain):
        if _nir_key_ok(match.group()):
            taken.append(range(match.start(), match.end()))
            yield Finding(number, Kind.nir, match.group(), _compact(match.group()))
    for run in _DIGIT_RUN.finditer(plain):
        if _DATE.fullmatch(run.group()) or any(run.start() in span for span in taken):
            continue
        for phone in PhoneNumberMatcher(run.group(), "FR", leniency=Leniency.VALID):
            key = phonenumbers.format_number(phone.number, PhoneNumberFormat.E164)
            yield Finding(number, Kind.phone, phone.raw_string, key)


def _blank(match: re.Match[str]) -> str:
    # Same length, so positions in the line stay true.
    return " " * len(match.group())


def _compact(text: str) -> str:
    return re.sub(r"[\s.]", "", text).upper()


def _iban(candidate: str) -> tuple[str, str] | None:
    """The IBAN at the start of `candidate` (as written, compact), if its country's length and
    its mod-97 check agree; the regex may have run on into a following code word."""
    length = _IBAN_LENGTHS.get(candidate[:2])
    compact = candidate.replace(" ", "")
    if length is None or len(compact) < length:
        return None
    iban = compact[:length]
    rotated = iban[4:] + iban[:4]
    if int("".join(str(int(char, 36)) for char in rotated)) % 97 != 1:
        return None
    written, kept = [], 0
    for char in candidate:
        if kept == length:
            break
        written.append(char)
        kept += char != " "
    return "".join(written), iban


def _nir_key_ok(candidate: str) -> bool:
    compact = _compact(candidate)
    # Corsica's departments 2A and 2B count as 19 and 18 in the key.
    body = compact[:13].replace("2A", "19").replace("2B", "18")
    return 97 - int(body) % 97 == int(compact[13:])


def mask(text: str) -> str:
    """`text` with all but its first two and last two letters or digits hidden: enough to find
    it on the line, without copying it whole into CI logs."""
    positions = [index for index, char in enumerate(text) if char.isalnum()]
    hidden = set(positions[2:-2])
    return "".join("•" if index in hidden else char for index, char in enumerate(text))


def hide(text: str, *, email: str) -> tuple[str, list[Finding]]:
    """`text` as the site may show it, and what was hidden: e-mail addresses replaced by
    `email`, other personal data masked (`mask`), so a reader still sees that a number was
    there without reading it."""
    found = find_personal_data(text)
    # Longest first: an address must go whole before a shorter finding could cut into it.
    for finding in sorted(found, key=lambda finding: len(finding.text), reverse=True):
        shown = email if finding.kind is Kind.email else mask(finding.text)
        text = text.replace(finding.text, shown)
    return text, found


def describe(finding: Finding, say: Wording) -> tuple[str, str]:
    """The message and the hint that report `finding`."""
    what = say(f"personal_data.{finding.kind}")
    return (
        say("personal_data.found", what=what, value=mask(finding.text)),
        say("personal_data.found.hint"),
    )


def public_keys(contact: Contact | None) -> frozenset[str]:
    """The organiser's public e-mail and phone number, in normal form: never reported."""
    if contact is None:
        return frozenset()
    written = "\n".join(value for value in (contact.email, contact.phone) if value)
    return frozenset(finding.key for finding in find_personal_data(written))


def check_personal_data(
    items: Iterable[Sourced[Contribution] | Sourced[Minutes]],
    public: frozenset[str],
    diagnostics: Report,
) -> None:
    """An error at each line with personal data, a warning for each exception that no longer
    matches anything (so the list of exceptions stays honest)."""
    say = diagnostics.say
    for sourced in items:
        exceptions = sourced.item.data.personal_data_ok
        excused = [
            {finding.key for finding in find_personal_data(exception.match)}
            for exception in exceptions
        ]
        used = [False] * len(exceptions)
        # An exception's own line names what it excuses: that is no use of it.
        own_lines = {
            sourced.at("personal_data_ok", index, "match").line for index in range(len(exceptions))
        }
        reported: set[tuple[int, str]] = set()
        for finding in find_personal_data(sourced.source.text):
            if finding.key in public or (finding.line, finding.key) in reported:
                continue
            # A mailto link repeats its address on the same line: one error is enough.
            reported.add((finding.line, finding.key))
            matching = [index for index, keys in enumerate(excused) if finding.key in keys]
            if finding.line not in own_lines:
                for index in matching:
                    used[index] = True
            if not matching:
                location = SourceLocation(sourced.source.path, finding.line)
                diagnostics.error(location, *describe(finding, say))
        for index, exception in enumerate(exceptions):
            if not used[index]:
                diagnostics.warning(
                    sourced.at("personal_data_ok", index, "match"),
                    say("personal_data.unused", match=exception.match),
                    say("personal_data.unused.hint"),
                )
